//! Other definitions of interpolation, side by side with the convex hull.
//!
//! The paper (Balestriero, Pesenti & LeCun, arXiv 2110.09485) calls a query `x`
//! *interpolated* by a training set `X ⊂ Rᵈ` when `x ∈ conv X`. This module offers the
//! alternatives discussed around it, behind one interface ([`Region`], fitted by [`fit`]):
//!
//! | [`Definition`] | inside when | relation |
//! |---|---|---|
//! | `Hull` | `x ∈ conv X` (exact, [`crate::math::hull`]) | — |
//! | `BoundingBox` | every coordinate within the training range | ⊇ hull |
//! | `AnyCoordinate` | at least one coordinate within its range | ⊇ box |
//! | `Ellipsoid` | inside the minimum-volume enclosing ellipsoid ([`mvee`]) | ⊇ hull |
//! | `Ball` | within the largest training distance of the training mean | ⊇ hull |
//!
//! # Tolerance policy
//! One relative tolerance `τ` ([`FitOptions::tolerance`], default [`DEFAULT_TOLERANCE`] =
//! 10⁻⁹, as for the hull) and the data scale `s` (longest side of the bounding box) govern
//! every definition: the hull accepts queries within `τ·s` of it, the box, any-coordinate and
//! ball tests widen their bounds by `τ·s`, and the ellipsoid accepts every point within
//! `τ·s` of it (radius `≤ 1 + τ·‖K⁻¹‖_F`, see [`mvee`]) and, for flat data, distance
//! `≤ 2τ·s` from the data's affine span. The inclusions hull ⊆ box ⊆ any, hull ⊆ ball and
//! hull ⊆ ellipsoid therefore hold for the verdicts, not
//! just for the exact sets (`tests/definitions_inclusions.rs`).
//!
//! # Input domain
//! As for the hull: at least one point, dimension at least 1, every coordinate finite with
//! magnitude at most [`MAX_COORDINATE`]. Violations are typed [`DefinitionError::Input`]s
//! (checked by [`crate::math::input`]).
//!
//! ```
//! use highdim::math::definitions::{fit, Definition, FitOptions, Region};
//! let data = [0.0, 0.0, 1.0, 0.0, 0.0, 1.0]; // the unit triangle, row-major
//! let x = [0.6, 0.6]; // outside the triangle, inside its box
//! let verdicts: Vec<bool> = Definition::ALL
//!     .iter()
//!     .map(|&def| fit(def, 2, &data, &FitOptions::default()).unwrap().contains(&x).unwrap())
//!     .collect();
//! // hull, box, any, ellipsoid (the Steiner circumellipse), ball
//! assert_eq!(verdicts, vec![false, true, true, true, true]);
//! ```

pub mod ball;
pub mod boxes;
pub mod linalg;
pub mod monte_carlo;
pub mod mvee;
pub mod sweep;

pub use ball::Ball;
pub use boxes::{AnyCoordinate, BoundingBox};
pub use monte_carlo::{DefinitionCount, DefinitionsCurve, DefinitionsParams};
pub use mvee::{Mvee, MveeAlgorithm, MveeOptions, MveeSolver};

use crate::math::hull::{Hull, HullError, HullOptions};
use crate::math::input::{self, InputError};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The default relative tolerance `τ` (the hull's [`crate::math::hull::DEFAULT_TOLERANCE`]).
pub const DEFAULT_TOLERANCE: f64 = crate::math::hull::DEFAULT_TOLERANCE;

pub use crate::math::input::MAX_COORDINATE;

/// Why a region could not be fitted or a query not answered.
#[derive(Clone, Debug, PartialEq)]
pub enum DefinitionError {
    /// Invalid training data or query (empty, ragged, non-finite, mismatched dimensions, …);
    /// displays as the [`InputError`].
    Input(InputError),
    /// An option out of its domain (a negative tolerance, `ε ≤ 0`, …).
    InvalidOption {
        /// The option's name.
        name: &'static str,
        /// The value given.
        value: f64,
    },
    /// The MVEE iteration reached its cap before the stopping rule held.
    NotConverged {
        /// Iterations made.
        iterations: usize,
        /// The optimality gap reached.
        gap: f64,
        /// The gap asked for.
        epsilon: f64,
    },
    /// The arithmetic broke an invariant (a moment matrix not positive definite); never
    /// seen in testing.
    NumericalTrouble(&'static str),
    /// A definition name that is not one of `hull`, `box`, `any`, `ellipsoid`, `ball`.
    UnknownDefinition(String),
    /// The exact hull test failed.
    Hull(HullError),
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DefinitionError::Input(e) => write!(f, "{e}"),
            DefinitionError::InvalidOption { name, value } => {
                write!(f, "the option {name} cannot be {value}")
            }
            DefinitionError::NotConverged {
                iterations,
                gap,
                epsilon,
            } => write!(
                f,
                "the ellipsoid fit stopped after {iterations} iterations at gap {gap:e}, \
                 short of the requested {epsilon:e}"
            ),
            DefinitionError::NumericalTrouble(what) => {
                write!(f, "numerical trouble in the ellipsoid fit: {what}")
            }
            DefinitionError::UnknownDefinition(name) => write!(
                f,
                "unknown definition '{name}' (expected hull, box, any, ellipsoid or ball)"
            ),
            DefinitionError::Hull(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for DefinitionError {}

impl From<InputError> for DefinitionError {
    fn from(e: InputError) -> Self {
        DefinitionError::Input(e)
    }
}

impl From<HullError> for DefinitionError {
    fn from(e: HullError) -> Self {
        match e {
            HullError::Input(e) => DefinitionError::Input(e),
            HullError::InvalidTolerance(t) => DefinitionError::InvalidOption {
                name: "tolerance",
                value: t,
            },
            other => DefinitionError::Hull(other),
        }
    }
}

/// A definition of "x is interpolated by the training set".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Definition {
    /// Inside the convex hull (the paper's definition).
    Hull,
    /// Inside the training range on every coordinate.
    #[serde(rename = "box")]
    BoundingBox,
    /// Inside the training range on at least one coordinate.
    #[serde(rename = "any")]
    AnyCoordinate,
    /// Inside the minimum-volume enclosing ellipsoid.
    Ellipsoid,
    /// Within the largest training distance from the training mean.
    Ball,
}

impl Definition {
    /// Every definition, in the order hull, box, any, ellipsoid, ball.
    pub const ALL: [Definition; 5] = [
        Definition::Hull,
        Definition::BoundingBox,
        Definition::AnyCoordinate,
        Definition::Ellipsoid,
        Definition::Ball,
    ];

    /// The short name used on the command line and in URLs: `hull`, `box`, `any`,
    /// `ellipsoid`, `ball`.
    pub fn name(self) -> &'static str {
        match self {
            Definition::Hull => "hull",
            Definition::BoundingBox => "box",
            Definition::AnyCoordinate => "any",
            Definition::Ellipsoid => "ellipsoid",
            Definition::Ball => "ball",
        }
    }
}

impl fmt::Display for Definition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Definition {
    type Err = DefinitionError;

    /// Parses the short names (case-insensitive), plus `mvee` for the ellipsoid.
    ///
    /// ```
    /// use highdim::math::definitions::Definition;
    /// assert_eq!("Box".parse::<Definition>(), Ok(Definition::BoundingBox));
    /// assert_eq!("mvee".parse::<Definition>(), Ok(Definition::Ellipsoid));
    /// assert!("cone".parse::<Definition>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "hull" => Ok(Definition::Hull),
            "box" => Ok(Definition::BoundingBox),
            "any" => Ok(Definition::AnyCoordinate),
            "ellipsoid" | "mvee" => Ok(Definition::Ellipsoid),
            "ball" => Ok(Definition::Ball),
            _ => Err(DefinitionError::UnknownDefinition(s.trim().to_string())),
        }
    }
}

/// The shared interface: "is `x` interpolated by the training set under this definition".
pub trait Region {
    /// Whether `x` is inside the region (see the tolerance policy in the module docs).
    ///
    /// # Errors
    /// [`DefinitionError::Input`] with [`InputError::DimensionMismatch`],
    /// [`InputError::NonFinite`] or [`InputError::TooLarge`] for a bad query;
    /// [`DefinitionError::Hull`] if the exact hull solver fails.
    fn contains(&self, x: &[f64]) -> Result<bool, DefinitionError>;

    /// The dimension `d` of the points.
    fn dim(&self) -> usize;

    /// The definition this region implements.
    fn definition(&self) -> Definition;
}

/// Options of [`fit`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct FitOptions {
    /// The relative tolerance `τ` of every definition (module docs).
    pub tolerance: f64,
    /// How the ellipsoid is fitted.
    pub mvee: MveeOptions,
}

impl Default for FitOptions {
    fn default() -> Self {
        Self {
            tolerance: DEFAULT_TOLERANCE,
            mvee: MveeOptions::default(),
        }
    }
}

/// A region fitted to a training set: one variant per [`Definition`]. All but the hull
/// (which keeps the training points) are a few parameters, serialisable on their own.
#[derive(Clone, Debug)]
pub enum FittedRegion {
    /// The exact hull test with its tolerance `τ`.
    Hull {
        /// The training points.
        hull: Hull,
        /// The relative tolerance `τ`.
        tolerance: f64,
    },
    /// The bounding box.
    BoundingBox(BoundingBox),
    /// The any-coordinate band.
    AnyCoordinate(AnyCoordinate),
    /// The minimum-volume enclosing ellipsoid.
    Ellipsoid(Mvee),
    /// The ball around the mean.
    Ball(Ball),
}

impl Region for FittedRegion {
    fn contains(&self, x: &[f64]) -> Result<bool, DefinitionError> {
        match self {
            FittedRegion::Hull { hull, tolerance } => {
                let opts = HullOptions {
                    tolerance: *tolerance,
                    ..HullOptions::verdict_only()
                };
                Ok(hull.classify(x, &opts)?.membership.is_inside())
            }
            FittedRegion::BoundingBox(b) => b.contains(x),
            FittedRegion::AnyCoordinate(a) => a.contains(x),
            FittedRegion::Ellipsoid(e) => e.contains(x),
            FittedRegion::Ball(b) => b.contains(x),
        }
    }

    fn dim(&self) -> usize {
        match self {
            FittedRegion::Hull { hull, .. } => hull.dim(),
            FittedRegion::BoundingBox(b) => b.dim(),
            FittedRegion::AnyCoordinate(a) => a.ranges().dim(),
            FittedRegion::Ellipsoid(e) => e.dim(),
            FittedRegion::Ball(b) => b.dim(),
        }
    }

    fn definition(&self) -> Definition {
        match self {
            FittedRegion::Hull { .. } => Definition::Hull,
            FittedRegion::BoundingBox(_) => Definition::BoundingBox,
            FittedRegion::AnyCoordinate(_) => Definition::AnyCoordinate,
            FittedRegion::Ellipsoid(_) => Definition::Ellipsoid,
            FittedRegion::Ball(_) => Definition::Ball,
        }
    }
}

/// Fits `definition` to the `data.len() / dim` points stored row-major in `data`.
///
/// # Errors
/// [`DefinitionError::Input`] ([`InputError::ZeroDimension`], [`InputError::DataLength`],
/// [`InputError::Empty`], [`InputError::NonFinite`], [`InputError::TooLarge`]),
/// [`DefinitionError::InvalidOption`]; for the ellipsoid also
/// [`DefinitionError::NotConverged`] and [`DefinitionError::NumericalTrouble`].
///
/// ```
/// use highdim::math::definitions::{fit, Definition, DefinitionError, FitOptions, Region};
/// use highdim::math::input::InputError;
/// let r = fit(Definition::BoundingBox, 1, &[-1.0, 3.0], &FitOptions::default()).unwrap();
/// assert!(r.contains(&[2.0]).unwrap());
/// assert_eq!(r.contains(&[2.0, 0.0]).unwrap_err(),
///            DefinitionError::Input(InputError::DimensionMismatch { expected: 1, found: 2 }));
/// assert_eq!(fit(Definition::Ball, 2, &[], &FitOptions::default()).unwrap_err(),
///            DefinitionError::Input(InputError::Empty));
/// ```
pub fn fit(
    definition: Definition,
    dim: usize,
    data: &[f64],
    opts: &FitOptions,
) -> Result<FittedRegion, DefinitionError> {
    input::check_data(dim, data)?;
    check_tolerance(opts.tolerance)?;
    Ok(match definition {
        Definition::Hull => FittedRegion::Hull {
            hull: Hull::new(dim, data.to_vec())?,
            tolerance: opts.tolerance,
        },
        Definition::BoundingBox => {
            FittedRegion::BoundingBox(BoundingBox::fit(dim, data, opts.tolerance)?)
        }
        Definition::AnyCoordinate => {
            FittedRegion::AnyCoordinate(AnyCoordinate::fit(dim, data, opts.tolerance)?)
        }
        Definition::Ellipsoid => {
            FittedRegion::Ellipsoid(Mvee::fit(dim, data, opts.tolerance, &opts.mvee)?)
        }
        Definition::Ball => FittedRegion::Ball(Ball::fit(dim, data, opts.tolerance)?),
    })
}

/// Fits `definition` to a list of points.
///
/// # Errors
/// As [`fit`], plus [`DefinitionError::Input`] with [`InputError::RaggedPoint`] when the
/// points differ in length.
pub fn fit_rows<R: AsRef<[f64]>>(
    definition: Definition,
    rows: &[R],
    opts: &FitOptions,
) -> Result<FittedRegion, DefinitionError> {
    let (dim, data) = input::flatten_rows(rows)?;
    fit(definition, dim, &data, opts)
}

pub(crate) fn check_tolerance(t: f64) -> Result<(), DefinitionError> {
    if t.is_finite() && t >= 0.0 {
        Ok(())
    } else {
        Err(DefinitionError::InvalidOption {
            name: "tolerance",
            value: t,
        })
    }
}
