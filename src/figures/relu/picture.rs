//! The worker's raster on the screen: coloured for the layers shown (each cell in its pale
//! tint, the cuts as edges) and put on the square as one bitmap, the colours cached between
//! frames. Also the tint of a region, shared with the polygons drawn on the main thread.

use super::partition::FILL_LIMIT;
use super::worker::{ColouredPicture, Picture, PictureKey};
use super::ReluFigure;
use crate::figures::theme;
use crate::figures::DrawResult;
use crate::math::relu::{ActivationPattern, PartitionRaster};
use plotters::coord::Shift;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters_backend::{BackendCoord, DrawingErrorKind};

/// Colour of the cuts the last shown layer adds (a dark reddish purple, apart from the class
/// colours).
pub(super) const NEW_CUT: RGBColor = RGBColor(150, 50, 120);

/// An RGB bitmap placed at a point of a drawing area (plotters' own `BitMapElement` needs its
/// bitmap backend, which the page does not otherwise use).
struct Bitmap<'a> {
    at: BackendCoord,
    size: (u32, u32),
    rgb: &'a [u8],
}

impl<'a> PointCollection<'a, BackendCoord> for &'a Bitmap<'_> {
    type Point = &'a BackendCoord;
    type IntoIter = std::iter::Once<&'a BackendCoord>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Bitmap<'_> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        match points.next() {
            Some(p) => backend.blit_bitmap(p, self.size, self.rgb),
            None => Ok(()),
        }
    }
}

/// A pale tint for a region, stable across frames for the same pattern.
pub(super) fn tint(pattern: &ActivationPattern) -> RGBColor {
    const BASE: [RGBColor; 6] = [
        theme::SKY,
        theme::ORANGE,
        theme::GREEN,
        theme::PURPLE,
        RGBColor(240, 228, 66),
        theme::BLUE,
    ];
    // FNV-1a over the pattern's words.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for l in 0..pattern.layers() {
        for b in pattern.layer(l).to_le_bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    let c = BASE[(h % BASE.len() as u64) as usize];
    let pale = |v: u8| (255.0 - (255.0 - v as f64) * 0.2).round() as u8;
    RGBColor(pale(c.0), pale(c.1), pale(c.2))
}

/// Each region's cell after the first `layers` layers, numbered 0, 1, 2, … The regions come
/// depth first (those cut from one cell are adjacent), so a cell is a run of regions sharing
/// the first `layers` words; one pass, no sort.
fn cell_ids(raster: &PartitionRaster, layers: usize) -> Vec<u32> {
    let mut next = 0u32;
    (0..raster.len())
        .map(|i| {
            if i > 0 && (0..layers).any(|j| raster.word(i, j) != raster.word(i - 1, j)) {
                next += 1;
            }
            next
        })
        .collect()
}

/// Colours a raster for display at `side × side` pixels (nearest pixel): each cell of the
/// partition by the first `layers` layers in its pale tint, pixels where the cell changes to
/// the right or below as edges — in `new_cut` where only layer `layers` separates the two
/// cells, in `old_cut` where earlier layers do. RGB, row-major.
fn colour_raster(
    raster: &PartitionRaster,
    layers: usize,
    side: u32,
    new_cut: RGBColor,
    old_cut: RGBColor,
) -> Vec<u8> {
    let n = raster.len();
    let cell = cell_ids(raster, layers);
    let older = if layers >= 2 {
        cell_ids(raster, layers - 1)
    } else {
        vec![0; n]
    };
    let fill: Vec<RGBColor> = (0..n)
        .map(|i| tint(&raster.pattern(i).truncated(layers)))
        .collect();
    let (rw, rh) = (raster.width() as usize, raster.height() as usize);
    let s = side.max(1) as usize;
    let cols: Vec<usize> = (0..s).map(|x| x * rw / s).collect();
    let ids = raster.ids();
    let mut out = vec![0u8; 3 * s * s];
    for y in 0..s {
        let row = (y * rh / s) * rw;
        let below = (y + 1 < s).then(|| ((y + 1) * rh / s) * rw);
        for x in 0..s {
            let a = ids[row + cols[x]] as usize;
            let mut c = fill[a];
            let mut edge = |b: usize| {
                if cell[a] != cell[b] {
                    c = if older[a] != older[b] {
                        old_cut
                    } else {
                        new_cut
                    };
                }
            };
            if x + 1 < s {
                edge(ids[row + cols[x + 1]] as usize);
            }
            if let Some(b) = below {
                edge(ids[b + cols[x]] as usize);
            }
            out[3 * (y * s + x)..3 * (y * s + x) + 3].copy_from_slice(&[c.0, c.1, c.2]);
        }
    }
    out
}

impl ReluFigure {
    /// Puts the worker's raster of the whole partition on the square `sq` (`side` pixels),
    /// coloured for the layers shown; recoloured only when the picture, the layer or the size
    /// changes.
    pub(super) fn draw_picture<DB: DrawingBackend>(
        &self,
        sq: &DrawingArea<DB, Shift>,
        pic: &Picture,
        side: u32,
    ) -> DrawResult {
        let layers = self.shown_layers();
        let key = PictureKey {
            request: pic.id,
            layers,
            side,
        };
        let mut cache = self.worker.coloured.borrow_mut();
        if cache.as_ref().map(|c| c.key) != Some(key) {
            // Thousands of cells: lighter edges, so the cells still read.
            let many = self
                .worker
                .live
                .as_ref()
                .and_then(|s| s.per_layer.get(layers - 1))
                .is_some_and(|&n| n > FILL_LIMIT);
            let (new_cut, old_cut) = if many {
                (RGBColor(200, 140, 185), RGBColor(185, 185, 185))
            } else {
                (NEW_CUT, RGBColor(135, 135, 135))
            };
            let rgb = colour_raster(&pic.raster, layers, side, new_cut, old_cut);
            *cache = Some(ColouredPicture { key, rgb });
        }
        if let Some(c) = cache.as_ref() {
            sq.draw(&Bitmap {
                at: (0, 0),
                size: (side, side),
                rgb: &c.rgb,
            })?;
        }
        Ok(())
    }
}
