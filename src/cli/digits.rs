//! `highdim digits`: the real-digits curve as CSV.

use crate::math::digits::{CurveRun, CurveSpec, Digits, Reduction, MAX_KS};
use std::fmt::Write;
use std::sync::Arc;

/// Parses "crop,pca" / "all" into reductions.
///
/// # Errors
/// A message naming the unknown reduction.
pub fn parse_reductions(s: &str) -> Result<Vec<Reduction>, String> {
    if s.trim() == "all" {
        return Ok(Reduction::ALL.to_vec());
    }
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim) {
        let r = Reduction::ALL
            .into_iter()
            .find(|r| r.name() == part)
            .ok_or_else(|| format!("--reduction: '{part}' is not crop, smooth, pca or all"))?;
        if !out.contains(&r) {
            out.push(r);
        }
    }
    Ok(out)
}

/// Parses "1,4,16" or "1..64": every integer of the range for PCA alone when there are at
/// most [`MAX_KS`] of them, otherwise (or when a pixel reduction is asked for) the perfect
/// squares in it.
///
/// # Errors
/// A message naming the problem.
pub fn parse_ks(s: &str, squares: bool) -> Result<Vec<u32>, String> {
    let bad = |t: &str| format!("--k: '{t}' is not a number");
    let mut ks: Vec<u32> = if let Some((a, b)) = s.split_once("..") {
        let (a, b): (u32, u32) = (
            a.trim().parse().map_err(|_| bad(a))?,
            b.trim().parse().map_err(|_| bad(b))?,
        );
        if a == 0 || a > b {
            return Err(format!("--k: the range {a}..{b} is empty or starts at 0"));
        }
        let squares = squares || (b - a) as usize >= MAX_KS;
        (a..=b)
            .filter(|&k| !squares || crate::math::digits::square_side(k as usize).is_some())
            .collect()
    } else {
        s.split(',')
            .map(|t| t.trim().parse().map_err(|_| bad(t)))
            .collect::<Result<_, _>>()?
    };
    ks.sort_unstable();
    ks.dedup();
    if ks.is_empty() {
        return Err(format!("--k: '{s}' holds no usable value"));
    }
    Ok(ks)
}

/// The curve as CSV `reduction,k,tested,inside,fraction,explained`.
///
/// # Errors
/// A message for an unusable file or spec.
pub fn digits_csv(
    bytes: &[u8],
    reduction: &str,
    k: &str,
    train: u32,
    test: u32,
    seed: u64,
) -> Result<String, String> {
    let digits = Digits::from_bytes(bytes).map_err(|e| e.to_string())?;
    let reductions = parse_reductions(reduction)?;
    let squares = reductions.iter().any(|r| *r != Reduction::Pca);
    let ks = parse_ks(k, squares)?;
    let spec = CurveSpec {
        reductions,
        ks,
        train,
        tests: test,
        seed,
    };
    let mut run = CurveRun::new(spec, Arc::new(digits)).map_err(|e| e.to_string())?;
    while !run.step(1 << 24).map_err(|e| e.to_string())? {}
    let r = run.report();
    let mut out = String::from("reduction,k,tested,inside,fraction,explained\n");
    for s in &r.series {
        for (i, p) in s.points.iter().enumerate() {
            let explained = if s.reduction == Reduction::Pca {
                r.explained
                    .get(i)
                    .map(|e| format!("{e:.6}"))
                    .unwrap_or_default()
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "{},{},{},{},{:.6},{}",
                s.reduction.name(),
                p.k,
                p.tested,
                p.inside,
                p.fraction(),
                explained
            );
        }
    }
    Ok(out)
}

/// The latent-space table as CSV `k,accuracy,tested,inside,fraction,loss`.
///
/// # Errors
/// A message for an unusable file or argument.
pub fn latent_csv(
    bytes: &[u8],
    k: &str,
    train: u32,
    test: u32,
    epochs: u32,
    seed: u64,
) -> Result<String, String> {
    let digits = Digits::from_bytes(bytes).map_err(|e| e.to_string())?;
    let ks = parse_ks(k, false)?;
    let mut out = String::from("k,accuracy,tested,inside,fraction,loss\n");
    for k in ks {
        let p = crate::math::digits::latent_point(
            &digits,
            k as usize,
            train as usize,
            test as usize,
            epochs as usize,
            seed,
        )?;
        let _ = writeln!(
            out,
            "{},{:.4},{},{},{:.6},{:.4}",
            p.k,
            p.accuracy,
            p.tested,
            p.inside,
            p.inside as f64 / p.tested as f64,
            p.loss
        );
    }
    Ok(out)
}
