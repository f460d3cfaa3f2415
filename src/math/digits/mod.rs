//! Real images: handwritten digits, and whether test digits lie in the convex hull of the
//! training digits once the images are reduced to `k` numbers (the paper's Figure 3 and
//! Table 1, on a smaller set).
//!
//! - `data`: the validated binary file of labelled 8-bit images ([`Digits`]) and the seeded
//!   train/test [`Split`];
//! - `reduce`: the centre crop and the smoothed subsample ([`Reduction`]);
//! - `pca`: principal components (covariance, Householder + QL eigen-solver);
//! - `experiment`: the resumable curve ([`CurveRun`]) and the projection of a test digit
//!   onto the training hull ([`project_test_digit`]).

mod data;
mod experiment;
mod latent;
mod pca;
mod reduce;

pub use data::{
    fnv1a64, DataError, Digits, Split, CLASSES, FORMAT_VERSION, HEADER_LEN, MAGIC, MAX_IMAGES,
    MAX_SIDE,
};
pub use experiment::{
    project_test_digit, CurveError, CurvePoint, CurveReport, CurveRun, CurveSeries, CurveSpec,
    ProjectSpec, Projection, MAX_KS, TEST_IMAGES,
};
pub use latent::{
    latent_point, Bottleneck, LatentPoint, LatentReport, LatentRun, LatentSpec, LatentStatus,
    BATCH, LEARNING_RATE, MAX_EPOCHS, MAX_HIDDEN, MAX_LATENT_K,
};
pub use pca::{symmetric_eigen, Pca, PcaBuilder, PcaError, SymmetricEigen};
pub use reduce::{centre_crop, crop_start, smooth_subsample, square_side, Reduction};
