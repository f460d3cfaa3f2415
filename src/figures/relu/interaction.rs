//! The reader's hand on the figure: the selected and the hovered region, the keyboard
//! cursor, and what pointer gestures and keys do (own points aside, see [`super::own`]).

use super::draw::SquareLayout;
use super::worker::Picture;
use super::ReluFigure;
use crate::figures::{Pointer, PointerPhase, Response};
use crate::math::relu::{region_at, Window};

/// Where the reader points.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Selection {
    /// The point the reader selected (world coordinates) and the region holding it.
    pub selected: Option<[f64; 2]>,
    pub selected_index: Option<usize>,
    /// Where the pointer hovers (no button down) and the region under it: shown in place of
    /// the selection while it lasts.
    pub hover: Option<[f64; 2]>,
    pub hover_index: Option<usize>,
    /// The keyboard cursor for adding points (world coordinates).
    pub cursor: Option<[f64; 2]>,
}

/// The direction of an arrow key (y up), `None` for other keys.
pub(super) fn arrow(key: &str) -> Option<[f64; 2]> {
    match key {
        "ArrowLeft" => Some([-1.0, 0.0]),
        "ArrowRight" => Some([1.0, 0.0]),
        "ArrowUp" => Some([0.0, 1.0]),
        "ArrowDown" => Some([0.0, -1.0]),
        _ => None,
    }
}

/// The point just past the edge of a convex counter-clockwise `polygon` where the ray from
/// its centroid in direction `dir` leaves it (`None` when it never does).
fn across_edge(polygon: &[[f64; 2]], centroid: [f64; 2], dir: [f64; 2]) -> Option<[f64; 2]> {
    let c = centroid;
    let n = polygon.len();
    let mut exit = f64::INFINITY;
    for k in 0..n {
        let (a, b) = (polygon[k], polygon[(k + 1) % n]);
        // Outward normal of a counter-clockwise polygon's edge.
        let nrm = [b[1] - a[1], a[0] - b[0]];
        let along = nrm[0] * dir[0] + nrm[1] * dir[1];
        if along > 0.0 {
            let t = (nrm[0] * (a[0] - c[0]) + nrm[1] * (a[1] - c[1])) / along;
            exit = exit.min(t.max(0.0));
        }
    }
    if !exit.is_finite() {
        return None;
    }
    let w = Window::DEFAULT;
    let eps = 1e-6 * (w.xmax() - w.xmin());
    Some([c[0] + dir[0] * (exit + eps), c[1] + dir[1] * (exit + eps)])
}

impl ReluFigure {
    /// Finds the regions under the selected and the hovered point again (the partition or
    /// the picture changed).
    pub(super) fn relocate(&mut self) {
        let sel = &self.selection;
        let (selected, hover) = match self.picture() {
            Some(pic) => (
                sel.selected.and_then(|p| Self::picture_index(pic, p)),
                sel.hover.and_then(|p| Self::picture_index(pic, p)),
            ),
            None => {
                let shown = self.shown();
                let locate = |p: Option<[f64; 2]>| shown.zip(p).and_then(|(t, p)| t.locate(p));
                (locate(sel.selected), locate(sel.hover))
            }
        };
        self.selection.selected_index = selected;
        self.selection.hover_index = hover;
    }

    /// The region the caption describes: the hovered one, else the selected one.
    pub(super) fn focus(&self) -> Option<usize> {
        self.selection.hover_index.or(self.selection.selected_index)
    }

    /// The point whose region the caption describes: the hovered one, else the selected one.
    pub(super) fn focus_point(&self) -> Option<[f64; 2]> {
        let sel = &self.selection;
        sel.hover
            .filter(|_| sel.hover_index.is_some())
            .or(sel.selected)
    }

    /// Selects the region at world point `p` (`None`, or a point on no region, clears the
    /// selection); says whether the selection changed.
    pub(super) fn select_point(&mut self, p: Option<[f64; 2]>) -> Response {
        let before = (self.selection.selected, self.selection.selected_index);
        self.selection.selected = p;
        self.relocate();
        if self.selection.selected_index.is_none() {
            self.selection.selected = None;
        }
        if (self.selection.selected, self.selection.selected_index) == before {
            Response::NONE
        } else {
            // The caption changes with the selection; PARAMS makes the page rewrite it.
            Response::PARAMS
        }
    }

    /// Selects region `i` of the partition shown, by its centroid.
    fn select_index(&mut self, i: usize) -> Response {
        let Some(c) = self
            .shown()
            .filter(|t| i < t.len())
            .map(|t| t.region(i).centroid())
        else {
            return Response::NONE;
        };
        self.select_point(Some(c))
    }

    /// The region across the edge of the selected one in direction `dir`.
    fn neighbour(&self, dir: [f64; 2]) -> Option<usize> {
        let t = self.shown()?;
        let i = self.selection.selected_index?;
        let r = t.region(i);
        let p = across_edge(r.polygon, r.centroid(), dir)?;
        t.locate(p).filter(|&j| j != i)
    }

    /// Keys on the worker's picture: arrows cross to the neighbouring cell of the layers
    /// shown (past the exact region's edge), n / p step through the cells in the worker's
    /// order.
    fn picture_key(&mut self, key: &str, dir: Option<[f64; 2]>) -> Response {
        let Some(pic) = self.picture() else {
            return Response::NONE;
        };
        let layers = self.shown_layers();
        if let Some(d) = dir {
            let sel = &self.selection;
            let Some(p) = sel.selected.filter(|_| sel.selected_index.is_some()) else {
                return self.select_point(Some([0.0, 0.0]));
            };
            let Some(r) = region_at(&pic.net, &Window::DEFAULT, layers, p) else {
                return Response::NONE;
            };
            return match across_edge(&r.polygon, r.centroid(), d) {
                Some(q) if Window::DEFAULT.contains(q) => self.select_point(Some(q)),
                _ => Response::NONE,
            };
        }
        let target = match key {
            "n" | "N" => next_cell(pic, layers, self.selection.selected_index, true),
            "p" | "P" => next_cell(pic, layers, self.selection.selected_index, false),
            "Escape" => {
                self.selection.cursor = None;
                return self.select_point(None);
            }
            _ => return Response::NONE,
        };
        let c = pic.raster.centroid(target);
        self.select_point(Some(c))
    }

    /// What a pointer gesture does: hover describes the region under it; a press on "your
    /// own points" adds or removes a point; elsewhere a press or drag selects the region
    /// under it (a second press on the selected region clears the selection).
    pub(super) fn point_at(&mut self, p: Pointer) -> Response {
        if p.phase == PointerPhase::Up {
            return Response::NONE;
        }
        let layout = SquareLayout::new(p.width, p.height, 1.0);
        let world = layout.world_at(p.x, p.y);
        if p.phase == PointerPhase::Hover {
            return self.hover_at(world);
        }
        let Some(world) = world else {
            return Response::NONE;
        };
        if self.is_own() {
            if p.phase != PointerPhase::Down {
                return Response::NONE;
            }
            // A click on one of the points removes it; anywhere else adds one.
            let radius = layout.world_length(9.0);
            self.selection.cursor = Some(super::own::snap(world));
            return match self.nearest_point(world, radius) {
                Some(i) => self.remove_point(i),
                None => self.add_point(world),
            };
        }
        if p.phase == PointerPhase::Down && self.on_selected_region(world) {
            // A second tap on the selected region clears the selection; still capture the
            // gesture so a drag can scrub.
            self.select_point(None);
            return Response::PARAMS;
        }
        match self.select_point(Some(world)) {
            r if r == Response::NONE && p.phase == PointerPhase::Down => Response::REDRAW,
            r => r,
        }
    }

    /// The pointer hovers at `world` (`None`: off the square, or it left the canvas).
    fn hover_at(&mut self, world: Option<[f64; 2]>) -> Response {
        let before = self.selection.hover_index;
        self.selection.hover = world;
        self.relocate();
        if self.selection.hover_index.is_none() {
            self.selection.hover = None;
        }
        if self.selection.hover_index == before {
            Response::NONE
        } else {
            // The caption describes the hovered region.
            Response::PARAMS
        }
    }

    /// Whether `world` lies in the selected region (on the worker's picture: in the same cell
    /// of the layers shown).
    fn on_selected_region(&self, world: [f64; 2]) -> bool {
        let selected = self.selection.selected_index;
        match self.picture() {
            Some(pic) => match (Self::picture_index(pic, world), selected) {
                (Some(a), Some(b)) => {
                    (0..self.shown_layers()).all(|l| pic.raster.word(a, l) == pic.raster.word(b, l))
                }
                (a, b) => a.is_some() && a == b,
            },
            None => {
                let hit = self.shown().and_then(|t| t.locate(world));
                hit.is_some() && hit == selected
            }
        }
    }

    /// What a key does: own points' keys first (with "your own points"), then arrows to the
    /// neighbouring region, n / p through the regions, Esc clears the selection.
    pub(super) fn press(&mut self, key: &str) -> Response {
        // Keys mean the keyboard is in use: the hover gives way to the selection.
        self.selection.hover = None;
        self.selection.hover_index = None;
        if self.is_own() {
            if let Some(r) = self.own_key(key) {
                return r;
            }
        }
        let dir = arrow(key);
        if self.picture().is_some() {
            return self.picture_key(key, dir);
        }
        let count = self.shown().map_or(0, |t| t.len());
        if count == 0 {
            return Response::NONE;
        }
        let selected = self.selection.selected_index;
        if let Some(d) = dir {
            return match selected {
                None => self.select_point(Some([0.0, 0.0])),
                Some(_) => match self.neighbour(d) {
                    Some(j) => self.select_index(j),
                    None => Response::NONE,
                },
            };
        }
        match key {
            "n" | "N" => self.select_index(selected.map_or(0, |i| (i + 1) % count)),
            "p" | "P" => self.select_index(selected.map_or(count - 1, |i| (i + count - 1) % count)),
            "Escape" => {
                self.selection.cursor = None;
                self.select_point(None)
            }
            _ => Response::NONE,
        }
    }
}

/// The first region of the next cell (of the first `layers` layers) after region `from` in
/// the picture's order, forward or backward; from nothing, the first or the last region.
fn next_cell(pic: &Picture, layers: usize, from: Option<usize>, forward: bool) -> usize {
    let count = pic.raster.len();
    let same =
        |a: usize, b: usize| (0..layers).all(|l| pic.raster.word(a, l) == pic.raster.word(b, l));
    let start = from.unwrap_or(if forward { count - 1 } else { 0 });
    let mut j = start;
    for _ in 0..count {
        j = if forward {
            (j + 1) % count
        } else {
            (j + count - 1) % count
        };
        if from.is_none() || !same(j, start) {
            // The first region of the cell in this direction's order.
            break;
        }
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::relu::test_support::{click, hover, quadrant_figure};
    use crate::figures::{AnyFigure, Figure};

    #[test]
    fn pointer_selects_the_region_under_it() {
        let mut f = quadrant_figure();
        assert_eq!(
            f.partition.full.as_ref().unwrap().as_ref().unwrap().len(),
            4
        );
        assert!(click(&mut f, [0.6, 0.7]).params_changed);
        let t = f.shown().unwrap();
        let r = t.region(f.selection.selected_index.unwrap());
        assert_eq!(r.pattern.layer(0), 0b11);
        let s = f.summary();
        assert!(s.contains("logit z = 1·x + 1·y − 0.5"), "{s}");
        assert!(s.contains("activation pattern 3"), "{s}");
        assert!(s.contains("Area 1.44 (25% of the window)"), "{s}");
        assert!(s.contains("training points"), "{s}");
        // Tapping it again clears the selection.
        click(&mut f, [0.6, 0.7]);
        assert!(f.selection.selected_index.is_none());
        assert!(f.summary().contains("linear regions"));
        // Outside the square: ignored.
        let r = f.pointer(Pointer {
            phase: PointerPhase::Down,
            x: 1.0,
            y: 1.0,
            width: 800.0,
            height: f.height_for(800.0),
        });
        assert_eq!(r, Response::NONE);
    }

    #[test]
    fn keys_move_between_neighbours() {
        let mut f = quadrant_figure();
        let pattern = |f: &ReluFigure| {
            f.shown()
                .unwrap()
                .region(f.selection.selected_index.unwrap())
                .pattern
                .layer(0)
        };
        assert!(f.key("ArrowUp").params_changed); // selects the region at the centre
        f.key("Escape");
        click(&mut f, [0.6, 0.7]);
        assert_eq!(pattern(&f), 0b11);
        assert!(f.key("ArrowLeft").params_changed);
        assert_eq!(pattern(&f), 0b10); // x < 0: only ReLU(y) on
        assert!(f.key("ArrowDown").params_changed);
        assert_eq!(pattern(&f), 0b00);
        assert_eq!(f.key("ArrowDown"), Response::NONE); // the window's edge
        assert!(f.key("ArrowRight").params_changed);
        assert_eq!(pattern(&f), 0b01);
        let seen: std::collections::HashSet<u32> = (0..4)
            .map(|_| {
                f.key("n");
                pattern(&f)
            })
            .collect();
        assert_eq!(seen.len(), 4);
        f.key("p");
        assert!(f.key("Escape").params_changed);
        assert!(f.selection.selected_index.is_none());
        assert_eq!(f.key("Escape"), Response::NONE);
        assert_eq!(f.key("x"), Response::NONE);
    }

    #[test]
    fn hover_shows_the_region_under_the_pointer() {
        let mut f = quadrant_figure();
        assert!(hover(&mut f, Some([0.6, 0.7])).params_changed);
        let s = f.summary();
        assert!(s.starts_with("Hovered region"), "{s}");
        assert!(s.contains("logit z = 1·x + 1·y − 0.5"), "{s}");
        assert!(s.contains("Area 1.44"), "{s}");
        // Moving within the region changes nothing; into the next one, the caption.
        assert_eq!(hover(&mut f, Some([0.5, 0.4])), Response::NONE);
        assert!(hover(&mut f, Some([-0.6, 0.7])).params_changed);
        let s = f.summary();
        // x < 0 < y: only ReLU(y) is on (pattern 2), so z = y − 0.5.
        assert!(s.contains("activation pattern 2 "), "{s}");
        assert!(s.contains("logit z = 0·x + 1·y − 0.5"), "{s}");
        // The hover wins over a selection while it lasts; leaving restores the selection.
        click(&mut f, [0.6, -0.7]);
        hover(&mut f, Some([-0.6, 0.7]));
        assert!(f.summary().starts_with("Hovered"));
        assert!(hover(&mut f, None).params_changed);
        let s = f.summary();
        assert!(s.starts_with("Selected region"), "{s}");
        // x > 0 > y: only ReLU(x) is on (pattern 1), so z = x − 0.5.
        assert!(
            s.contains("activation pattern 1 ") && s.contains("logit z = 1·x + 0·y − 0.5"),
            "{s}"
        );
        // Other figures ignore hover.
        let (mut other, _) = AnyFigure::from_query("hull2d", "").unwrap();
        let r = other.pointer(Pointer {
            phase: PointerPhase::Hover,
            x: 100.0,
            y: 100.0,
            width: 800.0,
            height: 400.0,
        });
        assert_eq!(r, Response::NONE);
    }
}
