//! ReLU networks on the plane as continuous piecewise-affine splines.
//!
//! A network with ReLU hidden layers and a linear output is a continuous piecewise-affine map
//! (Balestriero & Baraniuk, *A Spline Theory of Deep Networks*, ICML 2018, PMLR 80:383-392):
//! every input has an *activation pattern* (which hidden units are on), the inputs sharing a
//! pattern form a convex polygon, and on that polygon the network is one affine map. Each
//! layer adds one line per unit, pulled back through the affine map of the region it lands in,
//! hence "bent" at the boundaries drawn by the layers before.
//!
//! This module is the whole model, with no web crates, clocks or threads:
//! - [`net`]: [`ReluNet`] (2 inputs, 1–6 ReLU layers of width 1–32, a linear output with one
//!   logit or a softmax over up to 4 classes), He initialisation, forward pass, backprop;
//! - [`train`]: [`Trainer`] with SGD + momentum or Adam, L2, seeded mini-batches and
//!   divergence detection;
//! - [`datasets`]: seeded toy data sets in the plane and user points;
//! - [`extrapolation`]: accuracy on test points inside vs outside the training hull;
//! - [`mod@tessellate`]: the exact partition of a window into activation regions, their affine
//!   maps and the exact decision boundary;
//! - [`summary`]: a partition reduced to its counts and boundary, for the worker path;
//! - [`raster`]: the exact partition scan-converted to one region per pixel (display only),
//!   and the exact region at a point rebuilt from the network;
//! - [`bounds`]: the Serra–Tjandraatmadja–Ramalingam (ICML 2018) upper bound on the number of
//!   regions and the count of a line arrangement in a window.
//!
//! ## Conventions
//! - The plane is y-up world coordinates. The data sets lie roughly in `[-1, 1]²`; the
//!   default window [`Window::DEFAULT`] is `[-1.2, 1.2]²`, which holds them with a margin.
//! - Polygons are counter-clockwise.
//! - Layers are indexed from 0 (the first hidden layer) as in the `layers` array of NET.json.
//!
//! ```
//! use highdim::math::relu::{tessellate, ReluNet, TessellateOptions, Window};
//! let net = ReluNet::random(&[8, 8], 2, 1).unwrap();
//! let t = tessellate(&net, &Window::DEFAULT, &[], &TessellateOptions::default()).unwrap();
//! let total: f64 = t.regions().map(|r| r.area).sum();
//! assert!((total - 2.4 * 2.4).abs() < 1e-9);
//! assert_eq!(t.per_layer().last(), Some(&t.len()));
//! ```

pub mod bounds;
pub mod datasets;
pub mod extrapolation;
pub mod net;
pub mod raster;
pub mod summary;
pub mod tessellate;
pub mod train;

pub use bounds::{arrangement_regions_in_window, serra_bound, serra_bound_exact};
pub use datasets::{Dataset, DatasetError, DatasetKind, DatasetSpec, Sample};
pub use extrapolation::{hull_membership, split_accuracy, HullSplit};
pub use net::{
    ActivationPattern, Affine, BatchLoss, LayerSpec, NetError, NetSpec, ReluNet, MAX_CLASSES,
    MAX_HIDDEN_LAYERS, MAX_WIDTH,
};
pub use raster::{region_at, LocatedRegion, PartitionRaster, RasterFormatError, MAX_RASTER_SIDE};
pub use summary::{
    summarize, PartitionJob, PartitionRequest, PartitionSummary, MAX_SUMMARY_REGIONS,
};
pub use tessellate::{
    tessellate, BoundarySegment, Region, TessellateError, TessellateOptions, Tessellation, Window,
    WindowError,
};
pub use train::{
    Divergence, DivergenceCause, Metrics, Optimizer, StepReport, TrainConfig, TrainError, Trainer,
    EXPLODED_LOSS,
};
