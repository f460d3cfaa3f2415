//! Seeded toy data sets in the plane, split into training and test points.
//!
//! Every generator places its clean points inside `[-1, 1]²` and then adds isotropic Gaussian
//! noise of standard deviation `noise` to each coordinate, so noisy points may stray slightly
//! outside; the default window [`super::Window::DEFAULT`] is `[-1.2, 1.2]²`. Classes are
//! balanced: point `i` gets class `i mod classes` before shuffling.

use std::fmt;

use crate::math::rng::Rng;

/// One labelled point.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sample {
    /// `[x, y]` in world coordinates.
    pub point: [f64; 2],
    /// The class, `0..classes`.
    pub class: usize,
}

/// The shape of a generated data set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DatasetKind {
    /// Four quadrants: class 1 where `x·y > 0`, class 0 where `x·y < 0`. Points are uniform
    /// in `[-1, 1]²` minus a margin of 0.05 around the axes, so the clean classes are separable.
    Xor,
    /// Two concentric classes: a disc of radius 0.5 (class 0) and a ring 0.7–1 (class 1).
    Circles,
    /// Two interleaved spirals of 1.75 turns each, radius 0.1 to 1.
    Spirals,
    /// Two interleaving half-moons (as scikit-learn's `make_moons`), scaled into `[-1, 1]²`.
    Moons,
    /// Gaussian blobs (spread `0.15 + noise`, no extra jitter) around centres on a circle of
    /// radius 0.55, one per class.
    Blobs {
        /// 2 to 4.
        classes: usize,
    },
}

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DatasetSpec {
    /// The shape.
    pub kind: DatasetKind,
    /// Number of points, train and test together: 1 to [`DatasetSpec::MAX_POINTS`].
    pub points: usize,
    /// Gaussian noise standard deviation, 0 to 0.5 (window units).
    pub noise: f64,
    /// Fraction of points held out for testing, in `[0, 1)`.
    pub test_fraction: f64,
    /// The random seed: the same spec gives the same points everywhere.
    pub seed: u64,
}

impl DatasetSpec {
    /// The largest number of points a generator accepts.
    pub const MAX_POINTS: usize = 100_000;
}

/// Why a data set could not be made.
#[derive(Clone, Debug, PartialEq)]
pub enum DatasetError {
    /// No points (or more than [`DatasetSpec::MAX_POINTS`]).
    PointCount {
        /// The count asked for.
        points: usize,
    },
    /// Noise outside `[0, 0.5]` or not finite.
    Noise {
        /// The value given.
        noise: f64,
    },
    /// A test fraction outside `[0, 1)`.
    TestFraction {
        /// The value given.
        fraction: f64,
    },
    /// Blobs with a class count outside 2–4.
    Classes {
        /// The count asked for.
        classes: usize,
    },
    /// A user point with a NaN or infinite coordinate.
    NonFinitePoint {
        /// Its index in the list given.
        index: usize,
    },
    /// A user point whose class is 4 or more.
    ClassOutOfRange {
        /// Its index in the list given.
        index: usize,
        /// Its class.
        class: usize,
    },
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatasetError::PointCount { points } => write!(
                f,
                "{points} points: a data set needs between 1 and {} points",
                DatasetSpec::MAX_POINTS
            ),
            DatasetError::Noise { noise } => {
                write!(
                    f,
                    "noise {noise} is out of range: use a value from 0 to 0.5"
                )
            }
            DatasetError::TestFraction { fraction } => write!(
                f,
                "test fraction {fraction} is out of range: use a value from 0 up to (not \
                 including) 1"
            ),
            DatasetError::Classes { classes } => {
                write!(f, "{classes} blobs: use between 2 and 4 classes")
            }
            DatasetError::NonFinitePoint { index } => {
                write!(
                    f,
                    "point {index} has a coordinate that is not a finite number"
                )
            }
            DatasetError::ClassOutOfRange { index, class } => write!(
                f,
                "point {index} has class {class}; classes must be 0, 1, 2 or 3"
            ),
        }
    }
}

impl std::error::Error for DatasetError {}

/// Training and test points of one data set.
///
/// ```
/// use highdim::math::relu::{Dataset, DatasetKind, DatasetSpec};
/// let spec = DatasetSpec { kind: DatasetKind::Moons, points: 200, noise: 0.05,
///                          test_fraction: 0.25, seed: 7 };
/// let d = Dataset::generate(&spec).unwrap();
/// assert_eq!((d.train.len(), d.test.len(), d.classes), (150, 50, 2));
/// assert_eq!(d, Dataset::generate(&spec).unwrap()); // seeded
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Dataset {
    /// Points to train on.
    pub train: Vec<Sample>,
    /// Held-out points.
    pub test: Vec<Sample>,
    /// Number of classes (at least 2).
    pub classes: usize,
}

impl Dataset {
    /// Generates the data set described by `spec`.
    ///
    /// # Errors
    /// [`DatasetError::PointCount`], [`DatasetError::Noise`], [`DatasetError::TestFraction`]
    /// or [`DatasetError::Classes`] when a parameter is out of range.
    pub fn generate(spec: &DatasetSpec) -> Result<Dataset, DatasetError> {
        if spec.points == 0 || spec.points > DatasetSpec::MAX_POINTS {
            return Err(DatasetError::PointCount {
                points: spec.points,
            });
        }
        if !(0.0..=0.5).contains(&spec.noise) {
            return Err(DatasetError::Noise { noise: spec.noise });
        }
        check_fraction(spec.test_fraction)?;
        let classes = match spec.kind {
            DatasetKind::Blobs { classes } if !(2..=4).contains(&classes) => {
                return Err(DatasetError::Classes { classes })
            }
            DatasetKind::Blobs { classes } => classes,
            _ => 2,
        };
        let mut rng = Rng::new(spec.seed);
        let noise = spec.noise;
        let mut samples = Vec::with_capacity(spec.points);
        for i in 0..spec.points {
            let class = i % classes;
            let p = match spec.kind {
                DatasetKind::Xor => {
                    let mut coord = || {
                        let m = rng.uniform_in(0.05, 1.0);
                        if rng.uniform() < 0.5 {
                            -m
                        } else {
                            m
                        }
                    };
                    let x = coord();
                    let y0 = coord().abs();
                    // Class 1 where x·y > 0.
                    let y = if (x > 0.0) == (class == 1) { y0 } else { -y0 };
                    [x, y]
                }
                DatasetKind::Circles => {
                    let r = if class == 0 {
                        0.5 * rng.uniform().sqrt()
                    } else {
                        rng.uniform_in(0.7, 1.0)
                    };
                    let t = rng.uniform_in(0.0, std::f64::consts::TAU);
                    [r * t.cos(), r * t.sin()]
                }
                DatasetKind::Spirals => {
                    let s = rng.uniform();
                    let r = 0.1 + 0.9 * s;
                    let t = 1.75 * std::f64::consts::TAU * s
                        + if class == 1 {
                            std::f64::consts::PI
                        } else {
                            0.0
                        };
                    [r * t.cos(), r * t.sin()]
                }
                DatasetKind::Moons => {
                    let t = rng.uniform_in(0.0, std::f64::consts::PI);
                    let (x, y) = if class == 0 {
                        (t.cos(), t.sin())
                    } else {
                        (1.0 - t.cos(), 0.5 - t.sin())
                    };
                    // x ∈ [-1, 2], y ∈ [-0.5, 1] → [-1, 1] × [-0.5, 0.5].
                    [(x - 0.5) / 1.5, (y - 0.25) / 1.5]
                }
                DatasetKind::Blobs { .. } => {
                    let angle = std::f64::consts::FRAC_PI_4
                        + std::f64::consts::TAU * class as f64 / classes as f64;
                    let s = 0.15 + noise;
                    [
                        0.55 * angle.cos() + s * rng.normal(),
                        0.55 * angle.sin() + s * rng.normal(),
                    ]
                }
            };
            let jitter = !matches!(spec.kind, DatasetKind::Blobs { .. }) && noise > 0.0;
            let point = if jitter {
                [p[0] + noise * rng.normal(), p[1] + noise * rng.normal()]
            } else {
                p
            };
            samples.push(Sample { point, class });
        }
        Ok(split(samples, classes, spec.test_fraction, &mut rng))
    }

    /// A data set from user points `(x, y, class)`, shuffled with `seed` and split.
    /// The class count is the largest class plus one, and at least 2.
    ///
    /// # Errors
    /// [`DatasetError::PointCount`] for an empty list, [`DatasetError::NonFinitePoint`],
    /// [`DatasetError::ClassOutOfRange`] (class ≥ 4), [`DatasetError::TestFraction`].
    ///
    /// ```
    /// use highdim::math::relu::Dataset;
    /// let d = Dataset::from_points(&[(0.1, 0.2, 0), (-0.5, 0.3, 2)], 0.0, 1).unwrap();
    /// assert_eq!((d.train.len(), d.classes), (2, 3));
    /// assert!(Dataset::from_points(&[(f64::NAN, 0.0, 0)], 0.0, 1).is_err());
    /// ```
    pub fn from_points(
        points: &[(f64, f64, usize)],
        test_fraction: f64,
        seed: u64,
    ) -> Result<Dataset, DatasetError> {
        if points.is_empty() || points.len() > DatasetSpec::MAX_POINTS {
            return Err(DatasetError::PointCount {
                points: points.len(),
            });
        }
        check_fraction(test_fraction)?;
        let mut samples = Vec::with_capacity(points.len());
        let mut classes = 2;
        for (index, &(x, y, class)) in points.iter().enumerate() {
            if !x.is_finite() || !y.is_finite() {
                return Err(DatasetError::NonFinitePoint { index });
            }
            if class >= 4 {
                return Err(DatasetError::ClassOutOfRange { index, class });
            }
            classes = classes.max(class + 1);
            samples.push(Sample {
                point: [x, y],
                class,
            });
        }
        let mut rng = Rng::new(seed);
        Ok(split(samples, classes, test_fraction, &mut rng))
    }

    /// All points, training first.
    pub fn all(&self) -> impl Iterator<Item = &Sample> {
        self.train.iter().chain(&self.test)
    }
}

fn check_fraction(fraction: f64) -> Result<(), DatasetError> {
    if (0.0..1.0).contains(&fraction) {
        Ok(())
    } else {
        Err(DatasetError::TestFraction { fraction })
    }
}

/// Shuffles (Fisher–Yates) and splits off `round(n·fraction)` test points, keeping at least
/// one training point.
fn split(mut samples: Vec<Sample>, classes: usize, fraction: f64, rng: &mut Rng) -> Dataset {
    for i in (1..samples.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        samples.swap(i, j);
    }
    let n = samples.len();
    let n_test = ((n as f64 * fraction).round() as usize).min(n - 1);
    let test = samples.split_off(n - n_test);
    Dataset {
        train: samples,
        test,
        classes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: DatasetKind, noise: f64) -> DatasetSpec {
        DatasetSpec {
            kind,
            points: 400,
            noise,
            test_fraction: 0.2,
            seed: 11,
        }
    }

    #[test]
    fn clean_sets_lie_in_the_unit_square_with_right_labels() {
        let kinds = [
            DatasetKind::Xor,
            DatasetKind::Circles,
            DatasetKind::Spirals,
            DatasetKind::Moons,
        ];
        for kind in kinds {
            let d = Dataset::generate(&spec(kind, 0.0)).unwrap();
            assert_eq!(d.train.len(), 320);
            assert_eq!(d.test.len(), 80);
            let ones = d.all().filter(|s| s.class == 1).count();
            assert_eq!(ones, 200, "{kind:?}");
            for s in d.all() {
                assert!(s.point.iter().all(|v| v.abs() <= 1.0), "{kind:?} {s:?}");
                let [x, y] = s.point;
                let r = x.hypot(y);
                match kind {
                    DatasetKind::Xor => assert_eq!(x * y > 0.0, s.class == 1),
                    DatasetKind::Circles => assert_eq!(r < 0.6, s.class == 0),
                    DatasetKind::Spirals => assert!((0.1..=1.0).contains(&r)),
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn blobs_have_the_requested_classes() {
        let d = Dataset::generate(&spec(DatasetKind::Blobs { classes: 3 }, 0.0)).unwrap();
        assert_eq!(d.classes, 3);
        let mut mean = [[0.0; 2]; 3];
        let mut count = [0.0; 3];
        for s in d.all() {
            mean[s.class][0] += s.point[0];
            mean[s.class][1] += s.point[1];
            count[s.class] += 1.0;
        }
        for c in 0..3 {
            let angle = std::f64::consts::FRAC_PI_4 + std::f64::consts::TAU * c as f64 / 3.0;
            let (mx, my) = (mean[c][0] / count[c], mean[c][1] / count[c]);
            // Standard error 0.15/sqrt(133) ≈ 0.013.
            assert!((mx - 0.55 * angle.cos()).abs() < 0.06);
            assert!((my - 0.55 * angle.sin()).abs() < 0.06);
        }
    }

    #[test]
    fn invalid_specs_are_rejected() {
        let mut s = spec(DatasetKind::Xor, 0.1);
        s.points = 0;
        assert_eq!(
            Dataset::generate(&s),
            Err(DatasetError::PointCount { points: 0 })
        );
        let s = spec(DatasetKind::Xor, f64::NAN);
        assert!(matches!(
            Dataset::generate(&s),
            Err(DatasetError::Noise { .. })
        ));
        let mut s = spec(DatasetKind::Xor, 0.1);
        s.test_fraction = 1.0;
        assert!(matches!(
            Dataset::generate(&s),
            Err(DatasetError::TestFraction { .. })
        ));
        let s = spec(DatasetKind::Blobs { classes: 5 }, 0.1);
        assert_eq!(
            Dataset::generate(&s),
            Err(DatasetError::Classes { classes: 5 })
        );
        assert_eq!(
            Dataset::from_points(&[(0.0, 0.0, 4)], 0.0, 0),
            Err(DatasetError::ClassOutOfRange { index: 0, class: 4 })
        );
        assert!(Dataset::from_points(&[], 0.0, 0).is_err());
    }

    #[test]
    fn one_point_keeps_its_training_point() {
        let d = Dataset::from_points(&[(0.0, 0.0, 1)], 0.9, 0).unwrap();
        assert_eq!((d.train.len(), d.test.len()), (1, 0));
    }
}
