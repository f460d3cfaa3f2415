//! A partition reduced to what crosses a thread boundary cheaply: the region counts and the
//! decision boundary, not the polygons.
//!
//! The relu figure's worker path: while a large network trains, the page's Web Worker runs
//! [`summarize`] on a snapshot of the weights and sends back a [`PartitionSummary`] of a few
//! kilobytes, while the main thread draws only a partition small enough to draw in a frame.
//! A request may also ask for a picture of the whole partition ([`PartitionRequest::raster`]):
//! [`PartitionJob`] then scan-converts the exact polygons into a [`PartitionRaster`], sent as
//! bytes beside the summary.

use super::net::ReluNet;
use super::raster::{PartitionRaster, MAX_RASTER_SIDE};
use super::tessellate::{tessellate, TessellateOptions, Tessellation, Window};
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
    /// Also rasterise the partition at this many pixels `[width, height]` (each
    /// `1..=`[`MAX_RASTER_SIDE`]); see [`PartitionJob::bytes`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raster: Option<[u32; 2]>,
}

impl PartitionRequest {
    /// Checks the limits a request from another thread must respect.
    ///
    /// # Errors
    /// What is out of range, in words.
    pub fn validate(&self) -> Result<(), String> {
        if self.max_regions == 0 || self.max_regions > MAX_SUMMARY_REGIONS {
            return Err(format!(
                "a region cap of {} is outside 1..={MAX_SUMMARY_REGIONS}",
                self.max_regions
            ));
        }
        if let Some([w, h]) = self.raster {
            if !(1..=MAX_RASTER_SIDE).contains(&w) || !(1..=MAX_RASTER_SIDE).contains(&h) {
                return Err(format!(
                    "a raster of {w} × {h} pixels is outside 1..={MAX_RASTER_SIDE} a side"
                ));
            }
        }
        Ok(())
    }
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
    /// The counts are final but the raster asked for is still to come (a
    /// [`PartitionJob`]'s report between its two steps): the request is not answered yet.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
}

/// Partitions the window for `req` and keeps the counts and the boundary.
///
/// ```
/// use highdim::math::relu::{summarize, tessellate, PartitionRequest, ReluNet,
///                           TessellateOptions, Window};
/// let net = ReluNet::random(&[8, 8], 2, 3).unwrap();
/// let s = summarize(&PartitionRequest { id: 7, step: 0, max_regions: 1000, net: net.clone(),
///                                   raster: None });
/// let t = tessellate(&net, &Window::DEFAULT, &[], &TessellateOptions::default()).unwrap();
/// assert_eq!((s.id, s.regions, s.per_layer.as_slice()), (7, t.len(), t.per_layer()));
/// assert_eq!(s.boundary.len(), t.boundary().len());
/// ```
pub fn summarize(req: &PartitionRequest) -> PartitionSummary {
    summarize_keeping(req).0
}

/// [`summarize`], keeping the tessellation for the raster.
fn summarize_keeping(req: &PartitionRequest) -> (PartitionSummary, Option<Tessellation>) {
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
            (s, Some(t))
        }
        Err(e) => {
            s.error = Some(e.to_string());
            (s, None)
        }
    }
}

/// A [`PartitionRequest`] in two steps, so a worker can report progress and take a cancel
/// between them: the exact partition and its summary, then (when asked) its raster.
///
/// ```
/// use highdim::math::relu::{PartitionJob, PartitionRaster, PartitionRequest, ReluNet};
/// let net = ReluNet::random(&[8, 8], 2, 3).unwrap();
/// let mut job = PartitionJob::new(PartitionRequest {
///     id: 4, step: 0, max_regions: 1000, net, raster: Some([32, 32]) });
/// while !job.step() {}
/// let (tag, raster) = PartitionRaster::from_bytes(job.bytes().unwrap()).unwrap();
/// assert_eq!((tag, raster.len()), (4, job.summary().unwrap().regions));
/// ```
#[derive(Clone, Debug)]
pub struct PartitionJob {
    request: PartitionRequest,
    summary: Option<PartitionSummary>,
    tessellation: Option<Tessellation>,
    bytes: Option<Vec<u8>>,
    done: bool,
}

impl PartitionJob {
    /// A job for `request` (validate it first: see [`PartitionRequest::validate`]).
    pub fn new(request: PartitionRequest) -> Self {
        Self {
            request,
            summary: None,
            tessellation: None,
            bytes: None,
            done: false,
        }
    }

    /// The request.
    pub fn request(&self) -> &PartitionRequest {
        &self.request
    }

    /// Does the next step; true when the job is complete.
    pub fn step(&mut self) -> bool {
        if self.done {
            return true;
        }
        if self.summary.is_none() {
            let (s, t) = summarize_keeping(&self.request);
            self.summary = Some(s);
            self.tessellation = t;
            self.done = self.request.raster.is_none() || self.tessellation.is_none();
            if self.done {
                self.tessellation = None;
            } else if let Some(s) = self.summary.as_mut() {
                s.partial = true;
            }
            return self.done;
        }
        if let (Some(t), Some([w, h])) = (self.tessellation.take(), self.request.raster) {
            self.bytes = Some(PartitionRaster::rasterize(&t, w, h).to_bytes(self.request.id));
        }
        if let Some(s) = self.summary.as_mut() {
            s.partial = false;
        }
        self.done = true;
        true
    }

    /// Fraction done: the partition is most of the work.
    pub fn progress(&self) -> f64 {
        match (self.done, self.summary.is_some()) {
            (true, _) => 1.0,
            (false, true) => 0.8,
            _ => 0.0,
        }
    }

    /// The summary, once the partition is done ([`PartitionSummary::partial`] until the
    /// raster is too).
    pub fn summary(&self) -> Option<&PartitionSummary> {
        self.summary.as_ref()
    }

    /// The raster as [`PartitionRaster::to_bytes`] with the request's id as tag, once done (if
    /// asked for and the partition succeeded).
    pub fn bytes(&self) -> Option<&[u8]> {
        self.bytes.as_deref()
    }
}
