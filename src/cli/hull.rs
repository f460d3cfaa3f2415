//! `highdim hull` and `highdim curve`: pure functions from text to text, so the binary only
//! wires arguments and files to them.
//!
//! - [`parse_points_csv`] reads training or test points;
//! - [`hull_csv`] classifies test points against training points;
//! - [`curve_csv`] runs the Figure 1 Monte Carlo over a grid of (d, N), a fresh training
//!   set for every test point (the hull figures' computation);
//! - [`exact_csv`] and [`n50_csv`] print the exact Gaussian probability and N₅₀;
//! - [`parse_range_list`] reads lists such as `1..20` (inclusive) or `10,100,1000`.

use crate::math::hull::{
    Distribution, GaussianHull, GridRun, GridSpec, Hull, HullOptions, Membership, Series, Support,
};
use std::fmt::Write as _;

/// Parses comma-separated points, one per line.
///
/// Blank lines are ignored; the first non-blank line is a header, and skipped, when none of
/// its fields is a number. Every other line must hold as many finite numbers as the first
/// data line. Errors name the file and the (1-based) line.
///
/// # Errors
/// A field that is not a number, a NaN or infinite value, a row of the wrong length, or a
/// file with no points.
///
/// ```
/// use highdim::cli::hull::parse_points_csv;
/// let pts = parse_points_csv("x,y\n1,2\n\n3.5, -4e-1\n", "X.csv").unwrap();
/// assert_eq!(pts, vec![vec![1.0, 2.0], vec![3.5, -0.4]]);
/// let err = parse_points_csv("1,2\n3,abc\n", "X.csv").unwrap_err();
/// assert_eq!(err, "X.csv line 2: 'abc' is not a number");
/// ```
pub fn parse_points_csv(text: &str, file_label: &str) -> Result<Vec<Vec<f64>>, String> {
    let mut points: Vec<Vec<f64>> = Vec::new();
    let mut width: Option<(usize, usize)> = None; // (columns, line it was set on)
    let mut seen_content = false;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let first_content = !seen_content;
        seen_content = true;
        if first_content && fields.iter().all(|f| f.parse::<f64>().is_err()) {
            continue; // a header
        }
        let mut row = Vec::with_capacity(fields.len());
        for field in &fields {
            let value: f64 = field.parse().map_err(|_| {
                if field.is_empty() {
                    format!("{file_label} line {line_no}: empty field")
                } else {
                    format!("{file_label} line {line_no}: '{field}' is not a number")
                }
            })?;
            if !value.is_finite() {
                return Err(format!(
                    "{file_label} line {line_no}: '{field}' is not a finite number"
                ));
            }
            row.push(value);
        }
        match width {
            None => width = Some((row.len(), line_no)),
            Some((w, first)) if w != row.len() => {
                return Err(format!(
                    "{file_label} line {line_no}: {} values, but line {first} has {w}",
                    row.len()
                ));
            }
            Some(_) => {}
        }
        points.push(row);
    }
    if points.is_empty() {
        return Err(format!("{file_label}: no points"));
    }
    Ok(points)
}

/// Classifies each test point against the hull of the training points, as CSV with header
/// `index,inside,distance`: the 0-based test index, `true`/`false`, and the Euclidean
/// distance to the hull (0 when inside).
///
/// # Errors
/// The message of a [`crate::math::hull::HullError`] (empty, ragged, non-finite, mismatched
/// dimensions), prefixed by what it concerns.
///
/// ```
/// use highdim::cli::hull::hull_csv;
/// let train = vec![vec![0.0, 0.0], vec![1.0, 0.0], vec![0.0, 1.0]];
/// let out = hull_csv(&train, &[vec![0.2, 0.2], vec![0.0, -2.0]]).unwrap();
/// assert_eq!(out, "index,inside,distance\n0,true,0\n1,false,2\n");
/// ```
pub fn hull_csv(train: &[Vec<f64>], test: &[Vec<f64>]) -> Result<String, String> {
    let hull = Hull::from_rows(train).map_err(|e| format!("training points: {e}"))?;
    let opts = HullOptions::default();
    let mut out = String::from("index,inside,distance\n");
    for (i, x) in test.iter().enumerate() {
        let c = hull
            .classify(x, &opts)
            .map_err(|e| format!("test point {i}: {e}"))?;
        let (inside, distance) = match &c.membership {
            Membership::Inside(_) => (true, 0.0),
            Membership::Outside(o) => (false, o.distance),
        };
        // Writing to a String cannot fail.
        let _ = writeln!(out, "{i},{inside},{distance}");
    }
    Ok(out)
}

/// Runs the Figure 1 Monte Carlo for every `d` in `dims` and `N` in `ns` (`tests` test
/// points each), as CSV with header `d,n,tests,inside,p,ci_low,ci_high` (`p` the fraction
/// inside, `ci_*` its Wilson 95 % interval), one row per `d` and `N` in the order given.
///
/// Every test point gets its own, fresh training set, so the tests are independent and the
/// interval covers `P(x ∈ conv X)` itself, the probability over training set and test point
/// that the theorems state (not the probability given one training set). This is the hull
/// figures' computation, [`GridRun`]: test `j` of dimension `d` draws its test point and then
/// its training points from a stream fixed by (`seed`, `d`, the subspace, `j`), and its
/// training set of size `N` is the first `N` of them. So the counts of a cell do not depend
/// on the other dimensions or sizes asked for, and with the figure's seed, distribution and
/// number of tests they are the figure's counts.
///
/// # Errors
/// An empty list, `d = 0`, `N = 0`, or a subspace of dimension 0 or larger than some `d`.
///
/// ```
/// use highdim::cli::hull::curve_csv;
/// use highdim::math::hull::Distribution;
/// let out = curve_csv(&[1], &[3, 30], 50, 7, Distribution::Gaussian, None).unwrap();
/// let lines: Vec<&str> = out.lines().collect();
/// assert_eq!(lines[0], "d,n,tests,inside,p,ci_low,ci_high");
/// assert_eq!(lines.len(), 3);
/// assert!(lines[1].starts_with("1,3,50,"));
/// ```
pub fn curve_csv(
    dims: &[usize],
    ns: &[usize],
    tests: usize,
    seed: u64,
    dist: Distribution,
    subspace: Option<usize>,
) -> Result<String, String> {
    if dims.is_empty() || ns.is_empty() {
        return Err("curve: the lists of dimensions and of N must not be empty".to_string());
    }
    let to_u32 = |v: usize, what: &str| {
        u32::try_from(v).map_err(|_| format!("curve: {what} {v} is too large"))
    };
    let support = match subspace {
        None => Support::Full,
        Some(k) => Support::Subspace {
            k: to_u32(k, "subspace")?,
        },
    };
    // One series per distinct dimension, one size per distinct N (increasing).
    let mut series: Vec<Series> = Vec::new();
    for &d in dims {
        let dim = to_u32(d, "dimension")?;
        if !series.iter().any(|s| s.dim == dim) {
            series.push(Series { dim, support });
        }
    }
    let mut train: Vec<u32> = ns
        .iter()
        .map(|&n| to_u32(n, "N"))
        .collect::<Result<_, _>>()?;
    train.sort_unstable();
    train.dedup();
    let spec = GridSpec {
        series,
        train,
        tests: to_u32(tests, "tests")?,
        distribution: dist,
        seed,
    };
    let mut run = GridRun::new_unlimited(spec).map_err(|e| format!("curve: {e}"))?;
    while !run.step(1 << 30).map_err(|e| format!("curve: {e}"))? {}
    let report = run.report();
    let mut out = String::from("d,n,tests,inside,p,ci_low,ci_high\n");
    for &d in dims {
        let s = report
            .spec
            .series
            .iter()
            .position(|x| x.dim as usize == d)
            .ok_or_else(|| format!("curve: no series for d = {d}"))?;
        for &n in ns {
            let k = report
                .spec
                .train
                .iter()
                .position(|&t| t as usize == n)
                .ok_or_else(|| format!("curve: no size N = {n}"))?;
            let c = report.cells[s][k]
                .ok_or_else(|| format!("curve: d = {d}, N = {n} was not computed"))?
                .count;
            let (lo, hi) = c.interval();
            let _ = writeln!(
                out,
                "{d},{n},{},{},{},{lo},{hi}",
                c.tests,
                c.inside,
                c.fraction()
            );
        }
    }
    Ok(out)
}

/// The exact `P(x ∈ conv X)` for Gaussian data at every `d` in `dims` and `N` in `ns`, as CSV
/// with header `d,n,p_inside` (17 significant digits; `N < d + 1` gives 0).
///
/// # Errors
/// An empty list, or `d` or `N` outside the formula's domain (see
/// [`crate::math::hull::exact`]).
///
/// ```
/// use highdim::cli::hull::exact_csv;
/// let out = exact_csv(&[1, 3], &[3]).unwrap();
/// assert_eq!(out, "d,n,p_inside\n1,3,0.5\n3,3,0\n");
/// ```
pub fn exact_csv(dims: &[usize], ns: &[usize]) -> Result<String, String> {
    if dims.is_empty() || ns.is_empty() {
        return Err("exact: the lists of dimensions and of N must not be empty".to_string());
    }
    let exact = GaussianHull::new();
    let mut out = String::from("d,n,p_inside\n");
    for &d in dims {
        for &n in ns {
            let p = exact
                .p_inside(dim_u32(d)?, n as u64)
                .map_err(|e| format!("d = {d}, N = {n}: {e}"))?;
            let _ = writeln!(out, "{d},{n},{p}");
        }
    }
    Ok(out)
}

/// N₅₀, the smallest `N` with `P(x ∈ conv X) ≥ ½` for Gaussian data, for every `d` in
/// `dims`, as CSV with header `d,n50`.
///
/// # Errors
/// An empty list or `d` outside `1..=30`.
///
/// ```
/// use highdim::cli::hull::n50_csv;
/// assert_eq!(n50_csv(&[1]).unwrap(), "d,n50\n1,3\n");
/// ```
pub fn n50_csv(dims: &[usize]) -> Result<String, String> {
    if dims.is_empty() {
        return Err("exact: the list of dimensions must not be empty".to_string());
    }
    let exact = GaussianHull::new();
    let mut out = String::from("d,n50\n");
    for &d in dims {
        match exact
            .n50(dim_u32(d)?)
            .map_err(|e| format!("d = {d}: {e}"))?
        {
            Some(n) => {
                let _ = writeln!(out, "{d},{n}");
            }
            None => return Err(format!("d = {d}: N₅₀ exceeds 10^10")),
        }
    }
    Ok(out)
}

fn dim_u32(d: usize) -> Result<u32, String> {
    u32::try_from(d).map_err(|_| format!("dimension {d} is too large"))
}

/// Parses a list of non-negative integers: comma-separated items, each a number (`10`) or an
/// inclusive range, written `1..4` or `1..=4` (both 1, 2, 3, 4: a researcher asking for
/// `--dims 1..20` means dimensions 1 to 20). Order is kept and repeats are allowed.
///
/// # Errors
/// Empty input or items, malformed numbers, empty or reversed ranges, and lists longer than
/// 100,000 items.
///
/// ```
/// use highdim::cli::hull::parse_range_list;
/// assert_eq!(parse_range_list("1..4,8,16").unwrap(), vec![1, 2, 3, 4, 8, 16]);
/// assert_eq!(parse_range_list("1..=3").unwrap(), vec![1, 2, 3]);
/// assert!(parse_range_list("5..2").is_err());
/// ```
pub fn parse_range_list(s: &str) -> Result<Vec<usize>, String> {
    const MAX_ITEMS: usize = 100_000;
    let number = |t: &str| -> Result<usize, String> {
        let t = t.trim();
        t.parse::<usize>()
            .map_err(|_| format!("'{t}' is not a non-negative integer"))
    };
    if s.trim().is_empty() {
        return Err("empty list".to_string());
    }
    let mut out = Vec::new();
    for item in s.split(',') {
        let item = item.trim();
        if item.is_empty() {
            return Err(format!("empty item in '{s}'"));
        }
        let (lo, hi) = if let Some((a, b)) = item.split_once("..=") {
            (number(a)?, number(b)?)
        } else if let Some((a, b)) = item.split_once("..") {
            (number(a)?, number(b)?)
        } else {
            let v = number(item)?;
            (v, v)
        };
        if hi < lo {
            return Err(format!("'{item}' is an empty range"));
        }
        if out.len() + (hi - lo) >= MAX_ITEMS {
            return Err(format!("'{s}' has more than {MAX_ITEMS} items"));
        }
        out.extend(lo..=hi);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_header_blank_lines_and_crlf() {
        let text = "\n  a , b ,c\r\n1,2,3\r\n\r\n  4 ,5, 6e0  \n";
        let pts = parse_points_csv(text, "T.csv").unwrap();
        assert_eq!(pts, vec![vec![1.0, 2.0, 3.0], vec![4.0, 5.0, 6.0]]);
        // No header at all.
        assert_eq!(
            parse_points_csv("7\n8\n", "T.csv").unwrap(),
            vec![vec![7.0], vec![8.0]]
        );
    }

    #[test]
    fn csv_errors_name_file_and_line() {
        assert_eq!(
            parse_points_csv("x,y\n1,2\n\n3\n", "X.csv").unwrap_err(),
            "X.csv line 4: 1 values, but line 2 has 2"
        );
        assert_eq!(
            parse_points_csv("1,2\n1,2\n1,2\n1,2\n1,2\n1,2\n1,abc\n", "X.csv").unwrap_err(),
            "X.csv line 7: 'abc' is not a number"
        );
        assert_eq!(
            parse_points_csv("1,NaN\n", "Y.csv").unwrap_err(),
            "Y.csv line 1: 'NaN' is not a finite number"
        );
        assert_eq!(
            parse_points_csv("h\n1\ninf\n", "Y.csv").unwrap_err(),
            "Y.csv line 3: 'inf' is not a finite number"
        );
        assert_eq!(
            parse_points_csv("1,,2\n", "Z.csv").unwrap_err(),
            "Z.csv line 1: empty field"
        );
        // A header only counts on the first non-blank line, and only if nothing parses.
        assert_eq!(
            parse_points_csv("1,2\nx,y\n", "Z.csv").unwrap_err(),
            "Z.csv line 2: 'x' is not a number"
        );
        assert_eq!(
            parse_points_csv("x,2\n", "Z.csv").unwrap_err(),
            "Z.csv line 1: 'x' is not a number"
        );
        assert_eq!(
            parse_points_csv("x,y\n\n", "E.csv").unwrap_err(),
            "E.csv: no points"
        );
        assert_eq!(
            parse_points_csv("", "E.csv").unwrap_err(),
            "E.csv: no points"
        );
    }

    #[test]
    fn hull_csv_rows_and_errors() {
        let train = parse_points_csv("x\n0\n2\n", "train.csv").unwrap();
        let test = parse_points_csv("x\n1\n-3\n2\n", "test.csv").unwrap();
        assert_eq!(
            hull_csv(&train, &test).unwrap(),
            "index,inside,distance\n0,true,0\n1,false,3\n2,true,0\n"
        );
        let err = hull_csv(&train, &[vec![1.0, 2.0]]).unwrap_err();
        assert!(
            err.starts_with("test point 0:") && err.contains("2 coordinates"),
            "{err}"
        );
        let err = hull_csv(&[], &[vec![1.0]]).unwrap_err();
        assert!(err.starts_with("training points:"), "{err}");
        assert_eq!(hull_csv(&train, &[]).unwrap(), "index,inside,distance\n");
    }

    #[test]
    fn curve_csv_rows_are_consistent() {
        let out = curve_csv(&[1, 2], &[4, 40], 60, 3, Distribution::UniformCube, None).unwrap();
        let rows: Vec<Vec<String>> = out
            .lines()
            .skip(1)
            .map(|l| l.split(',').map(String::from).collect())
            .collect();
        assert_eq!(rows.len(), 4);
        for r in &rows {
            let tests: u64 = r[2].parse().unwrap();
            let inside: u64 = r[3].parse().unwrap();
            let p: f64 = r[4].parse().unwrap();
            let (lo, hi): (f64, f64) = (r[5].parse().unwrap(), r[6].parse().unwrap());
            assert_eq!(tests, 60);
            assert!((p - inside as f64 / 60.0).abs() < 1e-15);
            assert!(lo <= p && p <= hi);
        }
        // Each test's training sets are nested: more points, no fewer inside (same d).
        assert!(rows[1][3].parse::<u64>().unwrap() >= rows[0][3].parse::<u64>().unwrap());
        assert!(rows[3][3].parse::<u64>().unwrap() >= rows[2][3].parse::<u64>().unwrap());
        // Deterministic in the seed.
        assert_eq!(
            out,
            curve_csv(&[1, 2], &[4, 40], 60, 3, Distribution::UniformCube, None).unwrap()
        );
        // A cell does not depend on the other cells asked for, nor on the order of the lists.
        let alone = curve_csv(&[2], &[40], 60, 3, Distribution::UniformCube, None).unwrap();
        assert_eq!(alone.lines().nth(1), out.lines().nth(4));
        let reversed =
            curve_csv(&[2, 1], &[40, 4], 60, 3, Distribution::UniformCube, None).unwrap();
        assert_eq!(reversed.lines().nth(1), out.lines().nth(4));
        assert_eq!(reversed.lines().nth(4), out.lines().nth(1));
        // The hull-curve figure's computation: the same counts as its grid with this seed.
        let mut grid = crate::math::hull::GridRun::new(GridSpec {
            series: vec![Series {
                dim: 2,
                support: Support::Full,
            }],
            train: vec![40],
            tests: 60,
            distribution: Distribution::UniformCube,
            seed: 3,
        })
        .unwrap();
        while !grid.step(1_000).unwrap() {}
        let cell = grid.report().cells[0][0].unwrap().count;
        assert_eq!(rows[3][3], cell.inside.to_string());
        // Repeated and unsorted sizes are fine.
        let twice = curve_csv(&[1], &[40, 4, 40], 60, 3, Distribution::UniformCube, None).unwrap();
        assert_eq!(twice.lines().nth(1), twice.lines().nth(3));
        assert_eq!(twice.lines().nth(2), out.lines().nth(1));
        assert!(curve_csv(&[3], &[10], 5, 1, Distribution::Gaussian, Some(4)).is_err());
        assert!(curve_csv(&[0], &[10], 5, 1, Distribution::Gaussian, None).is_err());
        assert!(curve_csv(&[], &[10], 5, 1, Distribution::Gaussian, None).is_err());
        assert!(curve_csv(&[3], &[0], 5, 1, Distribution::Gaussian, None).is_err());
        assert!(curve_csv(&[3], &[10], 5, 1, Distribution::Gaussian, Some(0)).is_err());
    }

    #[test]
    fn range_lists() {
        assert_eq!(
            parse_range_list("1..20").unwrap(),
            (1..=20).collect::<Vec<_>>()
        );
        assert_eq!(
            parse_range_list("1..=20").unwrap(),
            (1..=20).collect::<Vec<_>>()
        );
        assert_eq!(
            parse_range_list("10,100,1000").unwrap(),
            vec![10, 100, 1000]
        );
        assert_eq!(
            parse_range_list(" 1..4, 8 ,16").unwrap(),
            vec![1, 2, 3, 4, 8, 16]
        );
        assert_eq!(parse_range_list("3..=3").unwrap(), vec![3]);
        assert_eq!(parse_range_list("3..3").unwrap(), vec![3]);
        for bad in [
            "", " ", "1,,2", "a", "1..", "..3", "4..2", "4..=2", "-1", "1.5", "1..x",
        ] {
            assert!(parse_range_list(bad).is_err(), "{bad:?}");
        }
        assert!(parse_range_list("0..=1000000").is_err());
    }
}
