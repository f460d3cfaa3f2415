//! A partition reduced to what crosses a thread boundary cheaply: the region counts and the
//! decision boundary, not the polygons.
//!
//! The relu figure's worker path: while a large network trains, the page's Web Worker runs
//! [`summarize`] on a snapshot of the weights and sends back a [`PartitionSummary`] of a few
//! kilobytes, while the main thread draws only a partition small enough to draw in a frame.

use super::net::ReluNet;
use super::tessellate::{tessellate, TessellateOptions, Window};
use serde::{Deserialize, Serialize};

/// The largest region cap a request may ask for.
pub const MAX_SUMMARY_REGIONS: usize = TessellateOptions::DEFAULT_MAX_REGIONS;

/// A snapshot of a network to partition over [`Window::DEFAULT`]. The network validates
/// itself when deserialised (shapes, sizes, finite values).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartitionRequest {
    /// The caller's identifier, echoed in the summary.
    pub id: u64,
    /// The training step of the snapshot, echoed in the summary.
    pub step: u64,
    /// Stop once a layer's partition exceeds this many regions (at most
    /// [`MAX_SUMMARY_REGIONS`]).
    pub max_regions: usize,
    /// The weights.
    pub net: ReluNet,
}

/// Region counts and the exact decision boundary of a partition.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PartitionSummary {
    /// The request's identifier.
    pub id: u64,
    /// The request's training step.
    pub step: u64,
    /// Number of linear regions of the whole network in the window (0 on error).
    pub regions: usize,
    /// Regions after each hidden layer.
    pub per_layer: Vec<usize>,
    /// Decision boundary segments `[x0, y0, x1, y1]`.
    pub boundary: Vec<[f64; 4]>,
    /// Why there is no partition (too many regions), in words.
    pub error: Option<String>,
}

/// Partitions the window for `req` and keeps the counts and the boundary.
///
/// ```
/// use highdim::math::relu::{summarize, tessellate, PartitionRequest, ReluNet,
///                           TessellateOptions, Window};
/// let net = ReluNet::random(&[8, 8], 2, 3).unwrap();
/// let s = summarize(&PartitionRequest { id: 7, step: 0, max_regions: 1000, net: net.clone() });
/// let t = tessellate(&net, &Window::DEFAULT, &[], &TessellateOptions::default()).unwrap();
/// assert_eq!((s.id, s.regions, s.per_layer.as_slice()), (7, t.len(), t.per_layer()));
/// assert_eq!(s.boundary.len(), t.boundary().len());
/// ```
pub fn summarize(req: &PartitionRequest) -> PartitionSummary {
    let opts = TessellateOptions {
        layers: None,
        max_regions: req.max_regions.min(MAX_SUMMARY_REGIONS),
    };
    let mut s = PartitionSummary {
        id: req.id,
        step: req.step,
        ..Default::default()
    };
    match tessellate(&req.net, &Window::DEFAULT, &[], &opts) {
        Ok(t) => {
            s.regions = t.len();
            s.per_layer = t.per_layer().to_vec();
            s.boundary = t
                .boundary()
                .iter()
                .map(|b| [b.from[0], b.from[1], b.to[0], b.to[1]])
                .collect();
        }
        Err(e) => s.error = Some(e.to_string()),
    }
    s
}
