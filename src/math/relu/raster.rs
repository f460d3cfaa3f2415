//! The exact partition as a picture: one region index per pixel, for display only.
//!
//! A partition of tens of thousands of regions is too big to draw as polygons in a frame, or
//! to send from the Web Worker as polygons. [`PartitionRaster::rasterize`] scan-converts the
//! exact polygons of a [`Tessellation`] into a grid of region indices (pixel centres, half-open
//! spans, so shared edges are filled once), and keeps each region's activation pattern (one
//! word per hidden layer), from which the partition after any first `l` layers follows: two
//! regions lie in the same cell after `l` layers exactly when their patterns agree on layers
//! `0..l`. Counts, areas and affine maps never come from the raster: [`region_at`] rebuilds the
//! exact region holding a point from the network itself.

use super::net::{ActivationPattern, Affine, ReluNet};
use super::tessellate::{area as polygon_area, centroid as polygon_centroid, Tessellation, Window};

/// The largest raster side accepted (pixels).
pub const MAX_RASTER_SIDE: u32 = 2048;

/// Marks a pixel no polygon covered before the gap filling (never left in a finished raster).
const UNSET: u32 = u32::MAX;

/// A grid of region indices over a partition's window; row 0 is the top (y-down pixels over a
/// y-up window), pixel `(col, row)` stands for its centre.
#[derive(Clone, Debug, PartialEq)]
pub struct PartitionRaster {
    width: u32,
    height: u32,
    window: Window,
    layers: usize,
    /// Row-major region index of each pixel.
    ids: Vec<u32>,
    /// `layers` words per region: its activation pattern.
    patterns: Vec<u32>,
    /// Each region's area centroid.
    centroids: Vec<[f64; 2]>,
}

/// Why bytes are not a raster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RasterFormatError(pub String);

impl std::fmt::Display for RasterFormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not a partition raster: {}", self.0)
    }
}

impl std::error::Error for RasterFormatError {}

/// Four bytes that open [`PartitionRaster::to_bytes`]' output (`HDR1`, little-endian).
const MAGIC: u32 = 0x3152_4448;

impl PartitionRaster {
    /// Scan-converts the regions of `t` into `width × height` pixels of its window (each side
    /// clamped to `1..=`[`MAX_RASTER_SIDE`]). Every pixel gets the region whose closed polygon
    /// contains its centre (on a shared edge: one of them).
    ///
    /// ```
    /// use highdim::math::relu::{tessellate, PartitionRaster, ReluNet, TessellateOptions, Window};
    /// let net = ReluNet::random(&[8, 8], 2, 3).unwrap();
    /// let t = tessellate(&net, &Window::DEFAULT, &[], &TessellateOptions::default()).unwrap();
    /// let r = PartitionRaster::rasterize(&t, 64, 64);
    /// let p = r.pixel_centre(10, 20);
    /// assert_eq!(r.pattern(r.id(10, 20) as usize), net.pattern(p).truncated(2));
    /// ```
    pub fn rasterize(t: &Tessellation, width: u32, height: u32) -> Self {
        let width = width.clamp(1, MAX_RASTER_SIDE);
        let height = height.clamp(1, MAX_RASTER_SIDE);
        let window = t.window();
        let layers = t.layers();
        let (w, h) = (width as usize, height as usize);
        let dx = (window.xmax() - window.xmin()) / width as f64;
        let dy = (window.ymax() - window.ymin()) / height as f64;
        let mut ids = vec![UNSET; w * h];
        let mut patterns = Vec::with_capacity(t.len() * layers);
        let mut centroids = Vec::with_capacity(t.len());
        for r in t.regions() {
            for l in 0..layers {
                patterns.push(r.pattern.layer(l));
            }
            centroids.push(r.centroid());
            let poly = r.polygon;
            let (lo, hi) = poly
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                    (lo.min(v[1]), hi.max(v[1]))
                });
            // Rows whose centre y = ymax − (row + ½)·dy lies in [lo, hi].
            let row0 = ((window.ymax() - hi) / dy - 0.5).ceil().max(0.0) as usize;
            let row1 =
                (((window.ymax() - lo) / dy - 0.5).floor() + 1.0).clamp(0.0, h as f64) as usize;
            for row in row0..row1 {
                let y = window.ymax() - (row as f64 + 0.5) * dy;
                // The polygon's span at y: crossings of the edges, half-open in y so a vertex
                // on the scan line counts once.
                let (mut xl, mut xr) = (f64::INFINITY, f64::NEG_INFINITY);
                let n = poly.len();
                for i in 0..n {
                    let (a, b) = (poly[i], poly[(i + 1) % n]);
                    if (a[1] <= y && y < b[1]) || (b[1] <= y && y < a[1]) {
                        let x = a[0] + (y - a[1]) / (b[1] - a[1]) * (b[0] - a[0]);
                        xl = xl.min(x);
                        xr = xr.max(x);
                    }
                }
                if xl > xr {
                    continue;
                }
                // Columns whose centre x = xmin + (col + ½)·dx lies in [xl, xr).
                let c0 = ((xl - window.xmin()) / dx - 0.5)
                    .ceil()
                    .clamp(0.0, w as f64) as usize;
                let c1 = ((xr - window.xmin()) / dx - 0.5)
                    .ceil()
                    .clamp(0.0, w as f64) as usize;
                let id = r.index as u32;
                ids[row * w + c0..row * w + c1.max(c0)].fill(id);
            }
        }
        // Centres on a region's right edge at the window's side, or on a horizontal edge, can
        // be left out by the half-open rule: give them the region that contains them.
        let tol = 1e-9 * (window.xmax() - window.xmin());
        let mut misses = 0usize;
        for row in 0..h {
            for col in 0..w {
                if ids[row * w + col] != UNSET {
                    continue;
                }
                let p = [
                    window.xmin() + (col as f64 + 0.5) * dx,
                    window.ymax() - (row as f64 + 0.5) * dy,
                ];
                misses += 1;
                // A linear scan per miss; after many misses (never seen), a neighbour's.
                let found = if misses <= 4096 {
                    t.regions()
                        .find(|r| r.contains(p, tol))
                        .map(|r| r.index as u32)
                } else {
                    None
                };
                ids[row * w + col] = found.unwrap_or(if col > 0 {
                    ids[row * w + col - 1]
                } else if row > 0 {
                    ids[(row - 1) * w]
                } else {
                    0
                });
            }
        }
        Self {
            width,
            height,
            window,
            layers,
            ids,
            patterns,
            centroids,
        }
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// Hidden layers of the partition rasterised.
    pub fn layers(&self) -> usize {
        self.layers
    }

    /// Number of regions.
    pub fn len(&self) -> usize {
        self.centroids.len()
    }

    /// Whether there are no regions (never, for a raster of a tessellation).
    pub fn is_empty(&self) -> bool {
        self.centroids.is_empty()
    }

    /// The region index of every pixel, row-major from the top left.
    pub fn ids(&self) -> &[u32] {
        &self.ids
    }

    /// The region index at pixel `(col, row)`.
    ///
    /// # Panics
    /// Outside the raster.
    pub fn id(&self, col: u32, row: u32) -> u32 {
        assert!(
            col < self.width && row < self.height,
            "pixel outside the raster"
        );
        self.ids[row as usize * self.width as usize + col as usize]
    }

    /// The world point at the centre of pixel `(col, row)`.
    pub fn pixel_centre(&self, col: u32, row: u32) -> [f64; 2] {
        let w = &self.window;
        [
            w.xmin() + (col as f64 + 0.5) * (w.xmax() - w.xmin()) / self.width as f64,
            w.ymax() - (row as f64 + 0.5) * (w.ymax() - w.ymin()) / self.height as f64,
        ]
    }

    /// The activation word of region `i` at hidden layer `l` (0 beyond the layers).
    pub fn word(&self, i: usize, l: usize) -> u32 {
        if l < self.layers {
            self.patterns[i * self.layers + l]
        } else {
            0
        }
    }

    /// The activation pattern of region `i`.
    pub fn pattern(&self, i: usize) -> ActivationPattern {
        ActivationPattern::from_layers(&self.patterns[i * self.layers..(i + 1) * self.layers])
    }

    /// The area centroid of region `i`.
    pub fn centroid(&self, i: usize) -> [f64; 2] {
        self.centroids[i]
    }

    /// The number of cells of the partition by the first `l` layers (regions whose patterns
    /// agree on layers `0..l` form one cell).
    pub fn cells_after(&self, l: usize) -> usize {
        let l = l.min(self.layers);
        let mut keys: Vec<&[u32]> = (0..self.len())
            .map(|i| &self.patterns[i * self.layers..i * self.layers + l])
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys.len()
    }

    /// The raster as bytes for a thread boundary: little-endian words `HDR1`, `tag` (two
    /// words), width, height, layers, regions, the window (four `f64`), the ids, the
    /// patterns, the centroids (`f64` pairs).
    pub fn to_bytes(&self, tag: u64) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            40 + 32 + 4 * (self.ids.len() + self.patterns.len()) + 16 * self.centroids.len(),
        );
        for word in [
            MAGIC,
            tag as u32,
            (tag >> 32) as u32,
            self.width,
            self.height,
            self.layers as u32,
            self.len() as u32,
        ] {
            out.extend_from_slice(&word.to_le_bytes());
        }
        let w = &self.window;
        for v in [w.xmin(), w.xmax(), w.ymin(), w.ymax()] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for &v in self.ids.iter().chain(&self.patterns) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for c in &self.centroids {
            out.extend_from_slice(&c[0].to_le_bytes());
            out.extend_from_slice(&c[1].to_le_bytes());
        }
        out
    }

    /// Reads [`PartitionRaster::to_bytes`]' output back, with its tag; checks the sizes, the
    /// window and every index.
    ///
    /// # Errors
    /// [`RasterFormatError`] saying what is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Result<(u64, Self), RasterFormatError> {
        let bad = |s: &str| RasterFormatError(s.to_string());
        let word = |i: usize| -> Result<u32, RasterFormatError> {
            bytes
                .get(4 * i..4 * i + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .ok_or_else(|| bad("too short"))
        };
        if word(0)? != MAGIC {
            return Err(bad("wrong header"));
        }
        let tag = word(1)? as u64 | (word(2)? as u64) << 32;
        let (width, height, layers, regions) = (word(3)?, word(4)?, word(5)? as usize, word(6)?);
        if !(1..=MAX_RASTER_SIDE).contains(&width) || !(1..=MAX_RASTER_SIDE).contains(&height) {
            return Err(bad("size out of range"));
        }
        if !(1..=crate::math::relu::MAX_HIDDEN_LAYERS).contains(&layers) || regions == 0 {
            return Err(bad("layers or regions out of range"));
        }
        let f = |at: usize| -> Result<f64, RasterFormatError> {
            bytes
                .get(at..at + 8)
                .map(|b| f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
                .ok_or_else(|| bad("too short"))
        };
        let window =
            Window::new(f(28)?, f(36)?, f(44)?, f(52)?).map_err(|e| bad(&e.to_string()))?;
        let n = width as usize * height as usize;
        let regions = regions as usize;
        let start = 60;
        let expected = start + 4 * (n + regions * layers) + 16 * regions;
        if bytes.len() != expected {
            return Err(RasterFormatError(format!(
                "{} bytes where {expected} were expected",
                bytes.len()
            )));
        }
        let words = |from: usize, count: usize| -> Vec<u32> {
            bytes[from..from + 4 * count]
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect()
        };
        let ids = words(start, n);
        if ids.iter().any(|&i| i as usize >= regions) {
            return Err(bad("a pixel names a region that does not exist"));
        }
        let patterns = words(start + 4 * n, regions * layers);
        let c0 = start + 4 * (n + regions * layers);
        let mut centroids = Vec::with_capacity(regions);
        for i in 0..regions {
            let c = [f(c0 + 16 * i)?, f(c0 + 16 * i + 8)?];
            if !c.iter().all(|v| v.is_finite()) {
                return Err(bad("a centroid is not finite"));
            }
            centroids.push(c);
        }
        Ok((
            tag,
            Self {
                width,
                height,
                window,
                layers,
                ids,
                patterns,
                centroids,
            },
        ))
    }
}

/// One region of a network's partition, rebuilt exactly from the network at a point.
#[derive(Clone, Debug, PartialEq)]
pub struct LocatedRegion {
    /// Its activation pattern (the first `layers` hidden layers).
    pub pattern: ActivationPattern,
    /// The convex polygon (the window cut by every unit's half-plane), counter-clockwise.
    pub polygon: Vec<[f64; 2]>,
    /// The affine maps on it: one per logit when every layer is used, else one per unit of
    /// the last layer used (after the ReLU).
    pub maps: Vec<Affine>,
    /// Its area.
    pub area: f64,
}

impl LocatedRegion {
    /// Whether `p` lies in the polygon or within `tol` of it.
    pub fn contains(&self, p: [f64; 2], tol: f64) -> bool {
        let n = self.polygon.len();
        n >= 3
            && (0..n).all(|i| {
                let (a, b) = (self.polygon[i], self.polygon[(i + 1) % n]);
                let e = [b[0] - a[0], b[1] - a[1]];
                let len = e[0].hypot(e[1]);
                len == 0.0 || e[0] * (p[1] - a[1]) - e[1] * (p[0] - a[0]) >= -tol * len
            })
    }

    /// The area centroid (the vertex mean for a degenerate polygon).
    pub fn centroid(&self) -> [f64; 2] {
        polygon_centroid(&self.polygon)
    }
}

/// Keeps the part of a convex polygon where `f ≥ 0` (`keep_positive`) or `f ≤ 0`.
fn clip(poly: &[[f64; 2]], f: &Affine, keep_positive: bool) -> Vec<[f64; 2]> {
    let s = |p: [f64; 2]| if keep_positive { f.eval(p) } else { -f.eval(p) };
    let n = poly.len();
    let mut out = Vec::with_capacity(n + 1);
    for i in 0..n {
        let (a, b) = (poly[i], poly[(i + 1) % n]);
        let (sa, sb) = (s(a), s(b));
        if sa >= 0.0 {
            out.push(a);
        }
        if (sa >= 0.0) != (sb >= 0.0) {
            let t = sa / (sa - sb);
            out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
        }
    }
    out
}

/// The region of the partition of `window` by the first `layers` hidden layers of `net` that
/// holds `p`: its pattern is the network's at `p` (unit on when its pre-activation is > 0),
/// its polygon the window cut by each unit's half-plane on that pattern, its maps composed
/// layer by layer. `None` outside the window or for `layers` outside `1..=depth`.
///
/// ```
/// use highdim::math::relu::{region_at, ReluNet, Window};
/// let net = ReluNet::random(&[6, 6], 2, 9).unwrap();
/// let r = region_at(&net, &Window::DEFAULT, 2, [0.1, -0.2]).unwrap();
/// assert_eq!(r.pattern, net.pattern([0.1, -0.2]));
/// let z = r.maps[0].eval([0.1, -0.2]);
/// assert!((z - net.logits([0.1, -0.2])[0]).abs() < 1e-9);
/// ```
pub fn region_at(
    net: &ReluNet,
    window: &Window,
    layers: usize,
    p: [f64; 2],
) -> Option<LocatedRegion> {
    if !window.contains(p) || layers == 0 || layers > net.depth() {
        return None;
    }
    let pattern = net.pattern(p).truncated(layers);
    let mut poly: Vec<[f64; 2]> = window.corners().to_vec();
    let mut input = Affine::INPUTS.to_vec();
    for l in 0..layers {
        let n_out = net.sizes()[l + 1];
        let mut next = Vec::with_capacity(n_out);
        for j in 0..n_out {
            let f = net.unit_map(l, j, &input);
            let on = pattern.is_active(l, j);
            poly = clip(&poly, &f, on);
            next.push(if on { f } else { Affine::default() });
        }
        input = next;
    }
    let maps = if layers == net.depth() {
        (0..net.output_units())
            .map(|j| net.unit_map(layers, j, &input))
            .collect()
    } else {
        input
    };
    let area = polygon_area(&poly).abs();
    Some(LocatedRegion {
        pattern,
        polygon: poly,
        maps,
        area,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::relu::{tessellate, TessellateOptions};

    /// Whether `p` is within `tol` of some unit's switching line (there the pattern at the
    /// pixel centre is a tie that either side may claim).
    fn near_a_switch(net: &ReluNet, p: [f64; 2], tol: f64) -> bool {
        // Pre-activations by a direct forward pass.
        let sizes = net.sizes();
        let mut a = vec![p[0], p[1]];
        for l in 0..net.depth() {
            let (n_in, n_out) = (sizes[l], sizes[l + 1]);
            let (w, b) = (net.layer_weights(l), net.layer_biases(l));
            let z: Vec<f64> = (0..n_out)
                .map(|j| b[j] + (0..n_in).map(|i| w[j * n_in + i] * a[i]).sum::<f64>())
                .collect();
            if z.iter().any(|v| v.abs() < tol) {
                return true;
            }
            a = z.iter().map(|v| v.max(0.0)).collect();
        }
        false
    }

    /// Every pixel's region has the activation pattern a forward pass finds at the pixel's
    /// centre (pixels whose centre lies on a switching line excepted).
    #[test]
    fn every_pixel_has_the_pattern_of_the_network_at_its_centre() {
        for (hidden, seed, w, h) in [
            (vec![8], 1u64, 97u32, 61u32),
            (vec![16, 16, 16], 2, 200, 200),
            (vec![32; 6], 3, 128, 128),
            (vec![5, 7], 4, 33, 150),
        ] {
            let net = ReluNet::random(&hidden, 2, seed).unwrap();
            let t = tessellate(&net, &Window::DEFAULT, &[], &TessellateOptions::default()).unwrap();
            let r = PartitionRaster::rasterize(&t, w, h);
            assert_eq!((r.width(), r.height(), r.len()), (w, h, t.len()));
            let (mut checked, mut skipped) = (0, 0);
            for row in 0..h {
                for col in 0..w {
                    let p = r.pixel_centre(col, row);
                    if near_a_switch(&net, p, 1e-9) {
                        skipped += 1;
                        continue;
                    }
                    let id = r.id(col, row) as usize;
                    assert_eq!(
                        r.pattern(id),
                        net.pattern(p),
                        "{hidden:?}: pixel ({col}, {row}) at {p:?}"
                    );
                    checked += 1;
                }
            }
            assert!(
                skipped * 1000 <= checked,
                "{hidden:?}: {skipped} of {checked} skipped"
            );
            // The per-layer cells agree with the exact counts.
            for l in 1..=hidden.len() {
                assert_eq!(
                    r.cells_after(l),
                    t.per_layer()[l - 1],
                    "{hidden:?} layer {l}"
                );
            }
        }
    }

    #[test]
    fn bytes_round_trip_and_bad_bytes_are_refused() {
        let net = ReluNet::random(&[6, 6], 3, 5).unwrap();
        let t = tessellate(&net, &Window::DEFAULT, &[], &TessellateOptions::default()).unwrap();
        let r = PartitionRaster::rasterize(&t, 40, 30);
        let bytes = r.to_bytes(0x1234_5678_9abc);
        let (tag, back) = PartitionRaster::from_bytes(&bytes).unwrap();
        assert_eq!((tag, &back), (0x1234_5678_9abc, &r));
        assert!(PartitionRaster::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(PartitionRaster::from_bytes(&[]).is_err());
        let mut wrong = bytes.clone();
        wrong[60] = 0xff; // the first pixel's region index
        wrong[61] = 0xff;
        assert!(PartitionRaster::from_bytes(&wrong).is_err());
        let mut header = bytes;
        header[0] = b'X';
        assert!(PartitionRaster::from_bytes(&header).is_err());
    }

    /// The region rebuilt at a point is the tessellation's region holding it: same pattern,
    /// same polygon area, same maps.
    #[test]
    fn region_at_matches_the_tessellation() {
        let net = ReluNet::random(&[10, 10, 10], 3, 11).unwrap();
        let w = Window::DEFAULT;
        for layers in 1..=3 {
            let t = tessellate(
                &net,
                &w,
                &[],
                &TessellateOptions {
                    layers: Some(layers),
                    ..TessellateOptions::default()
                },
            )
            .unwrap();
            let mut total = 0.0;
            for reg in t.regions().take(400) {
                let c = reg.centroid();
                let r = region_at(&net, &w, layers, c).unwrap();
                assert_eq!(r.pattern, reg.pattern, "layers {layers}");
                assert!(
                    (r.area - reg.area).abs() <= 1e-9 * w.area(),
                    "{} {}",
                    r.area,
                    reg.area
                );
                for (m, n) in r.maps.iter().zip(reg.maps) {
                    let v = m.eval(c) - n.eval(c);
                    assert!(v.abs() < 1e-9, "map differs by {v}");
                }
                total += r.area;
            }
            assert!(total > 0.0);
        }
        assert!(region_at(&net, &w, 1, [5.0, 0.0]).is_none());
        assert!(region_at(&net, &w, 4, [0.0, 0.0]).is_none());
    }
}
