//! `highdim inside`: membership of test points under a chosen definition of interpolation
//! (`hull`, `box`, `any`, `ellipsoid`, `ball`; see [`crate::math::definitions`]), as a pure
//! function from parsed points to CSV. Input files are read with
//! [`crate::cli::hull::parse_points_csv`], so the input rules and errors are those of
//! `highdim hull`.

use crate::math::definitions::{fit_rows, Definition, FitOptions, Region};
use std::fmt::Write as _;

/// Classifies each test point under `definition` fitted to the training points, as CSV with
/// header `index,inside`: the 0-based test index and `true`/`false`. Default options
/// (tolerance 10⁻⁹ relative to the data's scale; the ellipsoid to ε = 10⁻⁷ by
/// Todd–Yildirim).
///
/// # Errors
/// An unknown definition name (the message lists the valid ones), and the message of a
/// [`crate::math::definitions::DefinitionError`] (empty, ragged, non-finite, mismatched
/// dimensions, ellipsoid not converged), prefixed by what it concerns.
///
/// ```
/// use highdim::cli::inside::inside_csv;
/// let train = vec![vec![0.0, 0.0], vec![1.0, 0.0], vec![0.0, 1.0]];
/// let test = vec![vec![0.6, 0.6], vec![2.0, 0.0]];
/// assert_eq!(inside_csv("hull", &train, &test).unwrap(), "index,inside\n0,false\n1,false\n");
/// assert_eq!(inside_csv("box", &train, &test).unwrap(), "index,inside\n0,true\n1,false\n");
/// assert!(inside_csv("cone", &train, &test).unwrap_err().contains("hull, box, any"));
/// ```
pub fn inside_csv(
    definition: &str,
    train: &[Vec<f64>],
    test: &[Vec<f64>],
) -> Result<String, String> {
    let def: Definition = definition
        .parse()
        .map_err(|e| format!("--definition: {e}"))?;
    let region = fit_rows(def, train, &FitOptions::default())
        .map_err(|e| format!("training points: {e}"))?;
    let mut out = String::from("index,inside\n");
    for (i, x) in test.iter().enumerate() {
        let inside = region
            .contains(x)
            .map_err(|e| format!("test point {i}: {e}"))?;
        // Writing to a String cannot fail.
        let _ = writeln!(out, "{i},{inside}");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::hull::{hull_csv, parse_points_csv};

    fn square() -> Vec<Vec<f64>> {
        vec![
            vec![1.0, 1.0],
            vec![1.0, -1.0],
            vec![-1.0, 1.0],
            vec![-1.0, -1.0],
        ]
    }

    #[test]
    fn each_definition_on_the_square() {
        // (0, 0) inside all; (1.2, 0) only outside hull and box; (1.2, 1.2) inside "any"?
        // no: both coordinates out of range; (0.5, 3) inside "any" only.
        let test = vec![
            vec![0.0, 0.0],
            vec![1.2, 0.0],
            vec![1.2, 1.2],
            vec![0.5, 3.0],
        ];
        let expect = [
            ("hull", "true,false,false,false"),
            ("box", "true,false,false,false"),
            ("any", "true,true,false,true"),
            ("ellipsoid", "true,true,false,false"),
            ("ball", "true,true,false,false"),
        ];
        for (def, verdicts) in expect {
            let out = inside_csv(def, &square(), &test).unwrap();
            let got: Vec<&str> = out
                .lines()
                .skip(1)
                .map(|l| l.split(',').nth(1).unwrap())
                .collect();
            assert_eq!(got.join(","), verdicts, "{def}");
        }
    }

    #[test]
    fn hull_verdicts_match_highdim_hull() {
        let train = parse_points_csv("x,y\n0,0\n2,0\n0,2\n1,1.5\n", "X.csv").unwrap();
        let test = parse_points_csv("0.5,0.5\n1.2,1.2\n-0.1,1\n", "Y.csv").unwrap();
        let a = inside_csv("hull", &train, &test).unwrap();
        let b = hull_csv(&train, &test).unwrap();
        let verdicts = |s: &str| -> Vec<String> {
            s.lines()
                .skip(1)
                .map(|l| l.split(',').take(2).collect::<Vec<_>>().join(","))
                .collect()
        };
        assert_eq!(verdicts(&a), verdicts(&b));
    }

    #[test]
    fn errors_name_what_they_concern() {
        let e = inside_csv("simplex", &square(), &[vec![0.0, 0.0]]).unwrap_err();
        assert_eq!(
            e,
            "--definition: unknown definition 'simplex' (expected hull, box, any, ellipsoid or ball)"
        );
        let e = inside_csv("box", &[], &[vec![0.0]]).unwrap_err();
        assert_eq!(
            e,
            "training points: the training set needs at least one point"
        );
        let e = inside_csv("ellipsoid", &square(), &[vec![0.0, 0.0], vec![1.0]]).unwrap_err();
        assert_eq!(
            e,
            "test point 1: the query has 1 coordinates but the points have 2"
        );
        let ragged = vec![vec![0.0, 0.0], vec![1.0]];
        let e = inside_csv("ball", &ragged, &[vec![0.0, 0.0]]).unwrap_err();
        assert!(
            e.starts_with("training points: point 1 has 1 coordinates"),
            "{e}"
        );
        // No test points: just the header.
        assert_eq!(inside_csv("any", &square(), &[]).unwrap(), "index,inside\n");
        // Names are case-insensitive; `mvee` is the ellipsoid.
        assert_eq!(
            inside_csv("MVEE", &square(), &[vec![0.0, 0.0]]).unwrap(),
            "index,inside\n0,true\n"
        );
    }
}
