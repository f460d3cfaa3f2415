//! Pixel-space reductions of an image to `k = s × s` numbers: the centre crop and the
//! smoothed subsample (area resampling). Pixel values stay in grey levels (0–255).

use serde::{Deserialize, Serialize};

/// How an image becomes `k` numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reduction {
    /// The central `s × s` pixels (`k = s²`).
    Crop,
    /// The image smoothed by a box filter and subsampled to `s × s` (`k = s²`).
    Smooth,
    /// The first `k` principal components of the training images.
    Pca,
}

impl Reduction {
    /// Every reduction, in the figure's order.
    pub const ALL: [Reduction; 3] = [Reduction::Crop, Reduction::Smooth, Reduction::Pca];

    /// Short name for CLI and URLs.
    pub fn name(self) -> &'static str {
        match self {
            Reduction::Crop => "crop",
            Reduction::Smooth => "smooth",
            Reduction::Pca => "pca",
        }
    }

    /// Whether `k` is allowed for images of `rows × cols` (a square side for pixel
    /// reductions; any `1..=rows·cols` for PCA).
    pub fn accepts(self, k: usize, rows: usize, cols: usize) -> bool {
        match self {
            Reduction::Pca => (1..=rows * cols).contains(&k),
            Reduction::Crop | Reduction::Smooth => {
                let s = square_side(k);
                s.is_some_and(|s| s >= 1 && s <= rows.min(cols))
            }
        }
    }

    /// Whether the coordinates at `k` are a subset of those at every larger `k` (so a point
    /// outside the hull at `k` is outside at every larger `k`: the hull's projection onto
    /// fewer coordinates is the hull of the projections). True for the crop (the windows are
    /// nested, see [`crop_start`]) and PCA (leading components); false for the subsample.
    pub fn is_nested(self) -> bool {
        !matches!(self, Reduction::Smooth)
    }
}

/// `Some(s)` when `k = s²`.
pub fn square_side(k: usize) -> Option<usize> {
    let s = (k as f64).sqrt().round() as usize;
    (s * s == k).then_some(s)
}

/// First row (or column) of the centre window of `side` within `size`: `⌊(size − side)/2⌋`.
/// The windows are nested: growing `side` by one never moves the start right nor the end
/// (`start + side`) left.
pub fn crop_start(size: usize, side: usize) -> usize {
    (size - side.min(size)) / 2
}

/// The central `side × side` pixels of an image `rows × cols` (row by row), written into
/// `out` (length `side²`).
///
/// ```
/// use highdim::math::digits::centre_crop;
/// let img: Vec<u8> = (0..16).collect(); // 4×4, values 0..15 row by row
/// let mut out = [0.0; 4];
/// centre_crop(&img, 4, 4, 2, &mut out);
/// assert_eq!(out, [5.0, 6.0, 9.0, 10.0]);
/// ```
pub fn centre_crop(img: &[u8], rows: usize, cols: usize, side: usize, out: &mut [f64]) {
    let (r0, c0) = (crop_start(rows, side), crop_start(cols, side));
    for i in 0..side {
        for j in 0..side {
            out[i * side + j] = img[(r0 + i) * cols + c0 + j] as f64;
        }
    }
}

/// Overlap weights of output cell `i` of `n` cells over `size` source pixels: output cell `i`
/// covers the source interval `[i·size/n, (i+1)·size/n)`; each source pixel `p` contributes
/// the length of its overlap with that interval, divided by the interval's length.
fn area_weights(size: usize, n: usize, i: usize) -> Vec<(usize, f64)> {
    let (a, b) = (
        i as f64 * size as f64 / n as f64,
        (i + 1) as f64 * size as f64 / n as f64,
    );
    let len = b - a;
    let mut w = Vec::new();
    for p in (a.floor() as usize)..(b.ceil() as usize).min(size) {
        let overlap = (b.min(p as f64 + 1.0) - a.max(p as f64)).max(0.0);
        if overlap > 0.0 {
            w.push((p, overlap / len));
        }
    }
    w
}

/// The image smoothed and subsampled to `side × side` by area averaging: each output pixel
/// is the mean of the source over its square of the image (a box filter as wide as the
/// subsampling step, with fractional pixels weighted by overlap). At `side` equal to the
/// image size it is the image itself. `out` has length `side²`.
///
/// ```
/// use highdim::math::digits::smooth_subsample;
/// let img = [0u8, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30]; // 4×4
/// let mut out = [0.0; 4];
/// smooth_subsample(&img, 4, 4, 2, &mut out);
/// assert_eq!(out, [5.0, 9.0, 21.0, 25.0]); // means of the 2×2 blocks
/// ```
pub fn smooth_subsample(img: &[u8], rows: usize, cols: usize, side: usize, out: &mut [f64]) {
    let rw: Vec<Vec<(usize, f64)>> = (0..side).map(|i| area_weights(rows, side, i)).collect();
    let cw: Vec<Vec<(usize, f64)>> = (0..side).map(|j| area_weights(cols, side, j)).collect();
    for (i, rws) in rw.iter().enumerate() {
        for (j, cws) in cw.iter().enumerate() {
            let mut s = 0.0;
            for &(r, wr) in rws {
                for &(c, wc) in cws {
                    s += wr * wc * img[r * cols + c] as f64;
                }
            }
            out[i * side + j] = s;
        }
    }
}
