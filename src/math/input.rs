//! Validation of point data, shared by the exact hull ([`crate::math::hull`]) and the other
//! definitions of interpolation ([`crate::math::definitions`]).
//!
//! Training data comes either flat (row-major, `N × d`, checked by [`check_data`]) or as a
//! list of rows (flattened by [`flatten_rows`], which rejects ragged rows); queries are
//! checked against the data's dimension by [`check_query`]. Every coordinate must be finite
//! with magnitude at most [`MAX_COORDINATE`] (10²⁰⁰), so that differences and their products
//! cannot overflow. Violations are typed [`InputError`]s, which [`crate::math::hull::HullError`]
//! and [`crate::math::definitions::DefinitionError`] both wrap in their `Input` variant.
//!
//! ```
//! use highdim::math::input::{check_data, check_query, flatten_rows, InputError};
//! let (dim, data) = flatten_rows(&[[0.0, 1.0], [2.0, 3.0]]).unwrap();
//! assert_eq!(check_data(dim, &data), Ok(2));
//! assert_eq!(
//!     check_query(&[0.0], dim),
//!     Err(InputError::DimensionMismatch { expected: 2, found: 1 })
//! );
//! ```

use std::fmt;

/// The largest coordinate magnitude accepted, in data and queries.
pub const MAX_COORDINATE: f64 = 1e200;

/// Why a training set or a query is not valid input.
#[derive(Clone, Debug, PartialEq)]
pub enum InputError {
    /// No training points were given.
    Empty,
    /// The points have dimension 0.
    ZeroDimension,
    /// Flat data whose length is not a multiple of the dimension.
    DataLength {
        /// Number of values given.
        len: usize,
        /// The dimension claimed.
        dim: usize,
    },
    /// A training point has a different number of coordinates than the first one.
    RaggedPoint {
        /// Index of the offending point.
        point: usize,
        /// The dimension of the first point.
        expected: usize,
        /// This point's number of coordinates.
        found: usize,
    },
    /// A query's dimension differs from the training points'.
    DimensionMismatch {
        /// The training points' dimension.
        expected: usize,
        /// The query's number of coordinates.
        found: usize,
    },
    /// A NaN or infinite coordinate (`point` is `None` for the query).
    NonFinite {
        /// Index of the training point, or `None` for the query.
        point: Option<usize>,
        /// Index of the coordinate.
        coordinate: usize,
    },
    /// A coordinate larger in magnitude than [`MAX_COORDINATE`].
    TooLarge {
        /// Index of the training point, or `None` for the query.
        point: Option<usize>,
        /// Index of the coordinate.
        coordinate: usize,
        /// Its value.
        value: f64,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Empty => write!(f, "the training set needs at least one point"),
            InputError::ZeroDimension => write!(f, "points must have at least one coordinate"),
            InputError::DataLength { len, dim } => write!(
                f,
                "{len} values cannot be split into points of dimension {dim}"
            ),
            InputError::RaggedPoint {
                point,
                expected,
                found,
            } => write!(
                f,
                "point {point} has {found} coordinates but the first point has {expected}"
            ),
            InputError::DimensionMismatch { expected, found } => write!(
                f,
                "the query has {found} coordinates but the points have {expected}"
            ),
            InputError::NonFinite {
                point: Some(p),
                coordinate,
            } => write!(f, "coordinate {coordinate} of point {p} is not finite"),
            InputError::NonFinite {
                point: None,
                coordinate,
            } => write!(f, "coordinate {coordinate} of the query is not finite"),
            InputError::TooLarge {
                point,
                coordinate,
                value,
            } => {
                let which = match point {
                    Some(p) => format!("point {p}"),
                    None => "the query".to_string(),
                };
                write!(
                    f,
                    "coordinate {coordinate} of {which} is {value:e}, beyond the supported \
                     magnitude {MAX_COORDINATE:e}"
                )
            }
        }
    }
}

impl std::error::Error for InputError {}

/// Checks training data stored row-major in `data` as points of dimension `dim`; returns the
/// number of points `data.len() / dim`.
///
/// # Errors
/// In this order: [`InputError::ZeroDimension`], [`InputError::DataLength`],
/// [`InputError::Empty`], then the first [`InputError::NonFinite`] or
/// [`InputError::TooLarge`] coordinate (with its point index).
pub fn check_data(dim: usize, data: &[f64]) -> Result<usize, InputError> {
    if dim == 0 {
        return Err(InputError::ZeroDimension);
    }
    if data.len() % dim != 0 {
        return Err(InputError::DataLength {
            len: data.len(),
            dim,
        });
    }
    if data.is_empty() {
        return Err(InputError::Empty);
    }
    for (k, &v) in data.iter().enumerate() {
        check_coordinate(v, Some(k / dim), k % dim)?;
    }
    Ok(data.len() / dim)
}

/// Concatenates a list of points row-major; returns `(dim, data)` with `dim` the length of
/// the first point. Only the shape is checked here: pass the result to [`check_data`] (or a
/// constructor that calls it) for the dimension and the coordinates.
///
/// # Errors
/// [`InputError::Empty`] without points, [`InputError::RaggedPoint`] for the first point
/// whose length differs from the first one's.
pub fn flatten_rows<R: AsRef<[f64]>>(rows: &[R]) -> Result<(usize, Vec<f64>), InputError> {
    let first = rows.first().ok_or(InputError::Empty)?.as_ref().len();
    let mut data = Vec::with_capacity(rows.len() * first);
    for (i, r) in rows.iter().enumerate() {
        let r = r.as_ref();
        if r.len() != first {
            return Err(InputError::RaggedPoint {
                point: i,
                expected: first,
                found: r.len(),
            });
        }
        data.extend_from_slice(r);
    }
    Ok((first, data))
}

/// Checks a query against the training points' dimension `dim`.
///
/// # Errors
/// [`InputError::DimensionMismatch`], then the first [`InputError::NonFinite`] or
/// [`InputError::TooLarge`] coordinate (with `point: None`).
pub fn check_query(x: &[f64], dim: usize) -> Result<(), InputError> {
    if x.len() != dim {
        return Err(InputError::DimensionMismatch {
            expected: dim,
            found: x.len(),
        });
    }
    for (j, &v) in x.iter().enumerate() {
        check_coordinate(v, None, j)?;
    }
    Ok(())
}

/// Checks one coordinate: finite, magnitude at most [`MAX_COORDINATE`]. `point` is the
/// training point's index, or `None` for a query.
///
/// # Errors
/// [`InputError::NonFinite`], [`InputError::TooLarge`].
pub fn check_coordinate(v: f64, point: Option<usize>, coordinate: usize) -> Result<(), InputError> {
    if !v.is_finite() {
        return Err(InputError::NonFinite { point, coordinate });
    }
    if v.abs() > MAX_COORDINATE {
        return Err(InputError::TooLarge {
            point,
            coordinate,
            value: v,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_data_accepts_valid_data_and_counts_points() {
        assert_eq!(check_data(2, &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0]), Ok(3));
        assert_eq!(check_data(1, &[-MAX_COORDINATE, MAX_COORDINATE]), Ok(2));
        // Subnormal and zero coordinates are fine.
        assert_eq!(check_data(3, &[f64::MIN_POSITIVE / 4.0, 0.0, -0.0]), Ok(1));
    }

    #[test]
    fn check_data_errors_in_order() {
        assert_eq!(check_data(0, &[1.0]), Err(InputError::ZeroDimension));
        // Zero dimension wins over empty data.
        assert_eq!(check_data(0, &[]), Err(InputError::ZeroDimension));
        assert_eq!(
            check_data(2, &[1.0, 2.0, 3.0]),
            Err(InputError::DataLength { len: 3, dim: 2 })
        );
        assert_eq!(check_data(4, &[]), Err(InputError::Empty));
        assert_eq!(
            check_data(2, &[0.0, 0.0, 1.0, f64::NAN]),
            Err(InputError::NonFinite {
                point: Some(1),
                coordinate: 1
            })
        );
        assert_eq!(
            check_data(3, &[0.0, f64::NEG_INFINITY, 0.0]),
            Err(InputError::NonFinite {
                point: Some(0),
                coordinate: 1
            })
        );
        // The first bad coordinate is reported, NaN or too large.
        assert_eq!(
            check_data(2, &[0.0, 0.0, 0.0, 0.0, -3e200, f64::NAN]),
            Err(InputError::TooLarge {
                point: Some(2),
                coordinate: 0,
                value: -3e200
            })
        );
        // Just beyond the limit is rejected.
        let next = f64::from_bits(MAX_COORDINATE.to_bits() + 1);
        assert!(matches!(
            check_data(1, &[next]),
            Err(InputError::TooLarge {
                point: Some(0),
                coordinate: 0,
                ..
            })
        ));
    }

    #[test]
    fn flatten_rows_concatenates_and_rejects_ragged_rows() {
        assert_eq!(
            flatten_rows(&[[1.0, 2.0], [3.0, 4.0]]),
            Ok((2, vec![1.0, 2.0, 3.0, 4.0]))
        );
        let ragged: Vec<Vec<f64>> = vec![vec![0.0, 0.0], vec![1.0, 1.0], vec![2.0]];
        assert_eq!(
            flatten_rows(&ragged),
            Err(InputError::RaggedPoint {
                point: 2,
                expected: 2,
                found: 1
            })
        );
        let none: [[f64; 2]; 0] = [];
        assert_eq!(flatten_rows(&none), Err(InputError::Empty));
        // Rows of length 0 flatten; the dimension check is check_data's.
        let zero: Vec<Vec<f64>> = vec![vec![], vec![]];
        let (dim, data) = flatten_rows(&zero).unwrap();
        assert_eq!((dim, data.len()), (0, 0));
        assert_eq!(check_data(dim, &data), Err(InputError::ZeroDimension));
        // Coordinates are not checked here.
        assert_eq!(flatten_rows(&[[f64::NAN]]).map(|(d, _)| d), Ok(1));
    }

    #[test]
    fn check_query_checks_dimension_then_coordinates() {
        assert_eq!(check_query(&[1.0, -1.0], 2), Ok(()));
        assert_eq!(
            check_query(&[1.0, f64::NAN, 2.0], 2),
            Err(InputError::DimensionMismatch {
                expected: 2,
                found: 3
            })
        );
        assert_eq!(
            check_query(&[1.0, f64::INFINITY], 2),
            Err(InputError::NonFinite {
                point: None,
                coordinate: 1
            })
        );
        assert_eq!(
            check_query(&[1e201, 0.0], 2),
            Err(InputError::TooLarge {
                point: None,
                coordinate: 0,
                value: 1e201
            })
        );
    }

    #[test]
    fn messages_name_the_culprit() {
        assert_eq!(
            InputError::Empty.to_string(),
            "the training set needs at least one point"
        );
        assert_eq!(
            InputError::RaggedPoint {
                point: 4,
                expected: 3,
                found: 2
            }
            .to_string(),
            "point 4 has 2 coordinates but the first point has 3"
        );
        assert_eq!(
            check_query(&[0.0, 1e300], 2).unwrap_err().to_string(),
            "coordinate 1 of the query is 1e300, beyond the supported magnitude 1e200"
        );
        assert_eq!(
            check_data(1, &[0.0, f64::NAN]).unwrap_err().to_string(),
            "coordinate 0 of point 1 is not finite"
        );
        let boxed: Box<dyn std::error::Error> = Box::new(InputError::ZeroDimension);
        assert_eq!(
            boxed.to_string(),
            "points must have at least one coordinate"
        );
    }

    #[test]
    fn hull_and_definition_errors_wrap_and_keep_their_messages() {
        use crate::math::definitions::DefinitionError;
        use crate::math::hull::HullError;
        let e = InputError::NonFinite {
            point: None,
            coordinate: 2,
        };
        let hull: HullError = e.clone().into();
        let def: DefinitionError = e.clone().into();
        assert_eq!(hull, HullError::Input(e.clone()));
        assert_eq!(def, DefinitionError::Input(e.clone()));
        assert_eq!(hull.to_string(), e.to_string());
        assert_eq!(def.to_string(), e.to_string());
        // Each keeps its own wording of the empty case.
        assert_eq!(
            HullError::Input(InputError::Empty).to_string(),
            "the hull needs at least one point"
        );
        assert_eq!(
            DefinitionError::Input(InputError::Empty).to_string(),
            "the training set needs at least one point"
        );
        // A hull input error becomes the definitions' input error, not a hull failure.
        assert_eq!(DefinitionError::from(hull), def);
        assert_eq!(
            DefinitionError::from(HullError::InvalidTolerance(-1.0)),
            DefinitionError::InvalidOption {
                name: "tolerance",
                value: -1.0
            }
        );
        assert_eq!(
            DefinitionError::from(HullError::NotConverged { passes: 3 }),
            DefinitionError::Hull(HullError::NotConverged { passes: 3 })
        );
    }
}
