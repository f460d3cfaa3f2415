//! What the figure's tests share: figures from links, a known network, and gestures at world
//! points.

use super::draw::SquareLayout;
use super::model::History;
use super::worker::LIVE_LIMIT;
use super::{ReluFigure, ReluParams};
use crate::figures::{Figure, Pointer, PointerPhase, Response};
use crate::math::relu::{LayerSpec, NetSpec, ReluNet, Trainer};
use crate::params::ParamSet;

pub(super) fn fig(query: &str) -> ReluFigure {
    let (p, notes) = ReluParams::from_query(query);
    assert!(notes.is_empty(), "{notes:?}");
    ReluFigure::new(p)
}

/// The figure with the network replaced by ReLU(x), ReLU(y) → logit x + y − 0.5.
pub(super) fn quadrant_figure() -> ReluFigure {
    let mut f = fig("nn.depth=1&nn.width=2");
    let net = ReluNet::from_spec(&NetSpec {
        layers: vec![
            LayerSpec {
                weights: vec![vec![1.0, 0.0], vec![0.0, 1.0]],
                biases: vec![0.0, 0.0],
            },
            LayerSpec {
                weights: vec![vec![1.0, 1.0]],
                biases: vec![-0.5],
            },
        ],
    })
    .unwrap();
    f.model.trainer = Some(Trainer::new(net, f.data.set.train.clone(), f.train_config()).unwrap());
    f.history = History::default();
    f.repartition();
    f
}

/// CSS position of world point `p` on a `w`×`h` canvas.
pub(super) fn css_of(p: [f64; 2], w: f64, h: f64) -> (f64, f64) {
    SquareLayout::new(w, h, 1.0).pixel_at(p)
}

pub(super) fn click(f: &mut ReluFigure, p: [f64; 2]) -> Response {
    let (w, h) = (800.0, f.height_for(800.0));
    let (x, y) = css_of(p, w, h);
    f.pointer(Pointer {
        phase: PointerPhase::Down,
        x,
        y,
        width: w,
        height: h,
    })
}

pub(super) fn hover(f: &mut ReluFigure, p: Option<[f64; 2]>) -> Response {
    let (w, h) = (800.0, f.height_for(800.0));
    let (x, y) = p.map_or((-1.0, -1.0), |p| css_of(p, w, h));
    f.pointer(Pointer {
        phase: PointerPhase::Hover,
        x,
        y,
        width: w,
        height: h,
    })
}

/// A figure as the browser builds it: full partitions above [`LIVE_LIMIT`] regions go to
/// the worker.
pub(super) fn web_fig(query: &str) -> ReluFigure {
    let mut f = fig(query);
    f.worker.main_limit = LIVE_LIMIT;
    f.repartition();
    f
}
