//! Wolfe's minimum-norm-point algorithm with column generation: the solver behind
//! [`super::Hull::classify`] (see the parent module's docs for the algorithm, the numerical
//! details near the boundary, and the tolerance policy it implements).

use super::corral::{dot, norm, Corral};
use super::*;

/// Weights at or below this are treated as zero when a minor cycle shrinks the corral.
const WEIGHT_FLOOR: f64 = 1e-15;

/// Passes in a row that may leave the current point no nearer the query before the search
/// counts as stuck (the resolution limit, module docs). Each pass strictly improves while the
/// arithmetic allows; a pass that does not is repeated identically by the next.
const STALLED_PASSES: usize = 3;

/// Optimality slack of Wolfe's test, relative to `‖p‖·√d` in the scaled coordinates.
const OPTIMALITY: f64 = 1e-13;

pub(super) fn check_options(opts: &HullOptions) -> Result<(), HullError> {
    if !opts.tolerance.is_finite() || opts.tolerance < 0.0 {
        return Err(HullError::InvalidTolerance(opts.tolerance));
    }
    Ok(())
}

/// Reusable buffers for one query at a time.
#[derive(Clone, Debug, Default)]
pub(crate) struct Workspace {
    /// Inner products of the last pass, one per training point.
    g: Vec<f64>,
    /// (inner product, index) of violators.
    viol: Vec<(f64, usize)>,
    /// Training indices of the candidate set.
    cand: Vec<usize>,
    /// Their translated, scaled coordinates, row-major.
    cand_y: Vec<f64>,
    /// Candidates that made no progress when offered (numerically dependent).
    banned: Vec<bool>,
    /// Wolfe's current point and the pricing direction.
    p: Vec<f64>,
    /// Scratch for the affine minimiser's weights.
    beta: Vec<f64>,
    corral: Corral,
    /// Indices offered to the next query (hint or previous active set).
    pub(super) hint: Vec<usize>,
    /// Scratch for candidate rebuilds.
    keep: Vec<usize>,
}

/// What Wolfe did on the candidate set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Restricted {
    /// The current point is within the tolerance of the origin.
    Inside,
    /// Optimal over the candidates, or no further progress possible there.
    Done,
}

/// `Σ_j (row_j − x_j)·p_j`, with four partial sums (the pass's inner loop).
#[inline]
fn dot_diff(row: &[f64], x: &[f64], p: &[f64]) -> f64 {
    let mut acc = [0.0f64; 4];
    let mut cr = row.chunks_exact(4);
    let mut cx = x.chunks_exact(4);
    let mut cp = p.chunks_exact(4);
    for ((r, xx), pp) in (&mut cr).zip(&mut cx).zip(&mut cp) {
        acc[0] += (r[0] - xx[0]) * pp[0];
        acc[1] += (r[1] - xx[1]) * pp[1];
        acc[2] += (r[2] - xx[2]) * pp[2];
        acc[3] += (r[3] - xx[3]) * pp[3];
    }
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for ((r, xx), pp) in cr
        .remainder()
        .iter()
        .zip(cx.remainder())
        .zip(cp.remainder())
    {
        s += (r - xx) * pp;
    }
    s
}

/// The smallest power of two at least `r`, kept within `[2⁻¹⁰⁰⁰, 2¹⁰⁰⁰]` so its reciprocal
/// is a normal number.
fn power_of_two_at_least(r: f64) -> f64 {
    let e = r.log2().ceil().clamp(-1000.0, 1000.0) as i32;
    let mut w = 2f64.powi(e);
    while w < r {
        w *= 2.0;
    }
    w
}

/// How many violators one pass hands to the candidate set.
fn batch_size(d: usize, n: usize) -> usize {
    (3 * (d + 1)).clamp(8, 192).min(n)
}

/// Everything about one query that the helpers share.
struct Query<'a> {
    hull: &'a Hull,
    x: &'a [f64],
    /// 1/w: translated coordinates are scaled to `(xᵢ − x)/w ∈ [−1, 1]`.
    winv: f64,
    /// The tolerance in scaled units.
    tol: f64,
    /// `√d`, bounding `‖(xᵢ − x)/w‖`.
    ymax: f64,
    exact: bool,
    passes: usize,
    iterations: usize,
}

/// [`solve_once`], retried once without hints when a hinted solve finds no certificate.
///
/// A reused workspace offers the previous query's active set to the next one. Near the
/// boundary of a hull of many nearly collinear points (a smooth curve sampled tens of
/// thousands of times, the query on the curve between two samples, a few `τ·s` outside),
/// those extra candidates can steer the restricted minimisers into rounding trouble where a
/// fresh solve separates cleanly: the intrinsic-dimension figure stopped with "no
/// certificate" there. The retry starts from the centroid alone; its passes add to the
/// first attempt's.
pub(crate) fn solve(
    hull: &Hull,
    x: &[f64],
    opts: &HullOptions,
    ws: &mut Workspace,
) -> Result<Classification, HullError> {
    let hinted = opts.warm_start == WarmStart::PreviousActiveSet || !ws.hint.is_empty();
    match solve_once(hull, x, opts, ws) {
        Err(HullError::NotConverged { passes }) if hinted => {
            ws.hint.clear();
            let fresh = HullOptions {
                warm_start: WarmStart::Centroid,
                ..*opts
            };
            let mut c = solve_once(hull, x, &fresh, ws).map_err(|e| match e {
                HullError::NotConverged { passes: more } => HullError::NotConverged {
                    passes: passes + more,
                },
                e => e,
            })?;
            c.passes += passes;
            Ok(c)
        }
        result => result,
    }
}

fn solve_once(
    hull: &Hull,
    x: &[f64],
    opts: &HullOptions,
    ws: &mut Workspace,
) -> Result<Classification, HullError> {
    check_options(opts)?;
    input::check_query(x, hull.dim)?;
    let d = hull.dim;
    let n = hull.len();
    let tol_abs = opts.tolerance * hull.scale;

    // Bounding box: the largest excess, and the spread of the data seen from x.
    let mut excess = 0.0;
    let mut excess_at = (0usize, true);
    let mut spread = 0.0f64;
    for (j, ((&xj, &lo), &hi)) in x.iter().zip(&hull.lo).zip(&hull.hi).enumerate() {
        let above = xj - hi;
        let below = lo - xj;
        if above > excess {
            excess = above;
            excess_at = (j, true);
        }
        if below > excess {
            excess = below;
            excess_at = (j, false);
        }
        spread = spread.max(hi - xj).max(xj - lo);
    }
    let hint_mode = opts.warm_start == WarmStart::PreviousActiveSet || !ws.hint.is_empty();
    if !opts.exact_distance && excess > tol_abs {
        let (j, above) = excess_at;
        let mut normal = vec![0.0; d];
        normal[j] = if above { 1.0 } else { -1.0 };
        let vertex = if above { hull.hi_at[j] } else { hull.lo_at[j] };
        let distance = scaled_distance(hull, x, vertex);
        return Ok(Classification {
            membership: Membership::Outside(OutsideCertificate {
                offset: normal[j] * x[j] - 0.5 * excess,
                normal,
                margin: excess,
                nearest: ConvexCombination {
                    indices: vec![vertex],
                    weights: vec![1.0],
                },
                distance,
                distance_is_exact: false,
            }),
            passes: 0,
            iterations: 0,
        });
    }
    if spread == 0.0 {
        // Every point equals x.
        return Ok(Classification {
            membership: Membership::Inside(InsideCertificate {
                combination: ConvexCombination {
                    indices: vec![0],
                    weights: vec![1.0],
                },
                residual: 0.0,
            }),
            passes: 0,
            iterations: 0,
        });
    }
    let w = power_of_two_at_least(spread);
    let winv = 1.0 / w;
    let mut q = Query {
        hull,
        x,
        winv,
        tol: tol_abs * winv,
        ymax: (d as f64).sqrt(),
        exact: opts.exact_distance,
        passes: 0,
        iterations: 0,
    };

    // First pass: price with the direction from x to the centroid (a point of the hull).
    ws.p.clear();
    ws.p.extend(hull.centroid.iter().zip(x).map(|(c, xj)| (c - xj) * winv));
    if norm(&ws.p) == 0.0 {
        // x is the centroid: any point's direction will do for pricing.
        let first = &hull.data[..d];
        ws.p.clear();
        ws.p.extend(first.iter().zip(x).map(|(c, xj)| (c - xj) * winv));
    }
    full_pass(&q, ws);
    q.passes += 1;
    let p0norm = norm(&ws.p);
    let (gmin, gmin_at) = min_with_index(&ws.g);
    if !q.exact && gmin / p0norm > q.tol {
        // Already separated by the hyperplane orthogonal to x − centroid.
        let a: Vec<f64> = ws.p.iter().map(|v| -v / p0norm).collect();
        let margin = gmin / p0norm * w;
        let distance = scaled_distance(hull, x, gmin_at);
        return Ok(outside(
            &q,
            a,
            margin,
            ConvexCombination {
                indices: vec![gmin_at],
                weights: vec![1.0],
            },
            distance,
            false,
        ));
    }
    // Candidates: the batch with the smallest inner products, plus any hint.
    let k = batch_size(d, n);
    ws.viol.clear();
    ws.viol.extend(ws.g.iter().copied().zip(0..n));
    take_smallest(&mut ws.viol, k);
    ws.cand.clear();
    ws.cand_y.clear();
    ws.banned.clear();
    if hint_mode {
        let hint = std::mem::take(&mut ws.hint);
        for &i in &hint {
            if i < n && !ws.cand.contains(&i) {
                push_candidate(&q, ws, i);
            }
        }
        ws.hint = hint;
    }
    for t in 0..ws.viol.len() {
        let i = ws.viol[t].1;
        if !ws.cand.contains(&i) {
            push_candidate(&q, ws, i);
        }
    }
    // Start the corral at the candidate nearest x.
    let start = (0..ws.cand.len())
        .map(|c| (norm(&ws.cand_y[c * d..(c + 1) * d]), c))
        .fold((f64::INFINITY, 0), |a, b| if b.0 < a.0 { b } else { a })
        .1;
    ws.corral.reset(d);
    if !ws
        .corral
        .push(start, &ws.cand_y[start * d..(start + 1) * d])
    {
        return Err(HullError::NotConverged { passes: q.passes });
    }
    ws.corral.weights[0] = 1.0;
    update_point(ws, d);

    let max_passes = n + 8;
    // Passes in a row that left the current point no nearer the origin (see `stuck`).
    let mut stalled = 0usize;
    let mut best = f64::INFINITY;
    loop {
        let outcome = wolfe(&mut q, ws);
        if outcome == Restricted::Inside {
            remember_active_set(ws);
            let combination = corral_combination(ws);
            return Ok(Classification {
                membership: Membership::Inside(InsideCertificate {
                    combination,
                    residual: norm(&ws.p) * w,
                }),
                passes: q.passes,
                iterations: q.iterations,
            });
        }
        let pnorm = norm(&ws.p);
        // Price with p's direction made exactly orthogonal to the corral's affine span when
        // p is small: p = Σαy then carries an absolute error of order ε‖y‖, which would
        // make every point of a flat hull look like a violator (ε‖y‖² against a test
        // scaled by ‖p‖). In exact arithmetic the affine minimiser is orthogonal to that
        // span, so this changes nothing but the rounding.
        let mut refined = None;
        if pnorm < 1e-2 * q.ymax {
            refined = normal_to_corral(ws, d);
        }
        let saved = refined.map(|n| {
            let pricing = n.iter().map(|v| v * pnorm).collect();
            std::mem::replace(&mut ws.p, pricing)
        });
        full_pass(&q, ws);
        q.passes += 1;
        let refined = saved.map(|p| std::mem::replace(&mut ws.p, p));
        let (gmin, _) = min_with_index(&ws.g);
        let margin_scaled = gmin / pnorm;
        let separated = margin_scaled > q.tol;
        // In verdict-only mode a separating hyperplane ends the search.
        let stop_separated = separated && !q.exact;
        let threshold = pnorm * pnorm - OPTIMALITY * pnorm * q.ymax;
        ws.viol.clear();
        if !stop_separated {
            ws.viol
                .extend(ws.g.iter().copied().zip(0..n).filter(|v| v.0 < threshold));
            // The most violating k that are not candidates already: select k + |S| first so
            // the membership test runs on a short list, not on all N points.
            take_smallest(&mut ws.viol, k + ws.cand.len());
            let cand = &ws.cand;
            ws.viol.retain(|v| !cand.contains(&v.1));
        }
        // Stuck: the violators the pass finds cannot move the point any more (Wolfe makes
        // no progress with them in double precision), and every further pass would repeat
        // this one, up to `max_passes`. Seen at the resolution limit near a dense curve.
        if pnorm < best {
            best = pnorm;
            stalled = 0;
        } else {
            stalled += 1;
        }
        let stuck = stalled >= STALLED_PASSES;
        if ws.viol.is_empty() || q.passes >= max_passes || stuck {
            remember_active_set(ws);
            let exact = ws.viol.is_empty() && !stop_separated;
            let mut margin_scaled = margin_scaled;
            let priced = refined.as_ref().unwrap_or(&ws.p);
            let mut a: Vec<f64> = priced.iter().map(|v| -v / pnorm).collect();
            // When x is very close to the hull, p = Σαy is small and its direction carries a
            // relative error ε‖y‖/‖p‖; the margin then falls short of ‖p‖. The true normal
            // is orthogonal to the corral's affine span, which is known to full precision:
            // project onto its complement and price once more with that direction.
            if refined.is_none() && margin_scaled < pnorm * (1.0 - 1e-12) {
                if let Some(n) = normal_to_corral(ws, d) {
                    let saved = std::mem::replace(&mut ws.p, n);
                    full_pass(&q, ws);
                    q.passes += 1;
                    let (g2, _) = min_with_index(&ws.g);
                    let n = std::mem::replace(&mut ws.p, saved);
                    if g2 > margin_scaled {
                        margin_scaled = g2;
                        a = n.iter().map(|v| -v).collect();
                    }
                }
            }
            if margin_scaled > 0.0 {
                let combination = corral_combination(ws);
                return Ok(outside(
                    &q,
                    a,
                    margin_scaled * w,
                    combination,
                    pnorm * w,
                    exact,
                ));
            }
            // The resolution limit (module docs): converged as far as double precision
            // goes (no violator left, or none that helps), no hyperplane separates, and x is
            // within RESOLUTION_BAND tolerances of the hull. Inside, with the residual
            // actually reached in its certificate.
            if (ws.viol.is_empty() || stuck) && pnorm <= RESOLUTION_BAND * q.tol {
                return Ok(Classification {
                    membership: Membership::Inside(InsideCertificate {
                        combination: corral_combination(ws),
                        residual: pnorm * w,
                    }),
                    passes: q.passes,
                    iterations: q.iterations,
                });
            }
            return Err(HullError::NotConverged { passes: q.passes });
        }
        take_smallest(&mut ws.viol, k);
        rebuild_candidates(&q, ws);
    }
}

fn outside(
    q: &Query<'_>,
    normal: Vec<f64>,
    margin: f64,
    nearest: ConvexCombination,
    distance: f64,
    exact: bool,
) -> Classification {
    let ax = dot(&normal, q.x);
    Classification {
        membership: Membership::Outside(OutsideCertificate {
            normal,
            offset: ax - 0.5 * margin,
            margin,
            nearest,
            distance,
            distance_is_exact: exact,
        }),
        passes: q.passes,
        iterations: q.iterations,
    }
}

/// `‖x_i − x‖`, computed without overflow.
fn scaled_distance(hull: &Hull, x: &[f64], i: usize) -> f64 {
    let row = &hull.data[i * hull.dim..(i + 1) * hull.dim];
    let m = row
        .iter()
        .zip(x)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    if m == 0.0 {
        return 0.0;
    }
    let w = power_of_two_at_least(m);
    let s: f64 = row
        .iter()
        .zip(x)
        .map(|(a, b)| {
            let t = (a - b) / w;
            t * t
        })
        .sum();
    s.sqrt() * w
}

fn min_with_index(g: &[f64]) -> (f64, usize) {
    let mut best = (f64::INFINITY, 0);
    for (i, &v) in g.iter().enumerate() {
        if v < best.0 {
            best = (v, i);
        }
    }
    best
}

/// Keeps the `k` entries with the smallest first component (in no particular order).
fn take_smallest(v: &mut Vec<(f64, usize)>, k: usize) {
    if v.len() > k && k > 0 {
        v.select_nth_unstable_by(k - 1, |a, b| a.0.total_cmp(&b.0));
        v.truncate(k);
    }
}

/// One pass: `g_i = (x_i − x)ᵀp / w` for every training point.
fn full_pass(q: &Query<'_>, ws: &mut Workspace) {
    let d = q.hull.dim;
    ws.g.clear();
    ws.g.extend(
        q.hull
            .data
            .chunks_exact(d)
            .map(|row| dot_diff(row, q.x, &ws.p) * q.winv),
    );
}

fn push_candidate(q: &Query<'_>, ws: &mut Workspace, i: usize) {
    let d = q.hull.dim;
    let row = &q.hull.data[i * d..(i + 1) * d];
    ws.cand.push(i);
    ws.cand_y
        .extend(row.iter().zip(q.x).map(|(r, xj)| (r - xj) * q.winv));
    ws.banned.push(false);
}

/// Candidate set for the next round: the corral (as the first positions), the banned points
/// (so they are not offered again), and the new violators in `ws.viol`.
fn rebuild_candidates(q: &Query<'_>, ws: &mut Workspace) {
    let d = q.hull.dim;
    let old_cand = std::mem::take(&mut ws.cand);
    let old_y = std::mem::take(&mut ws.cand_y);
    let old_banned = std::mem::take(&mut ws.banned);
    ws.keep.clear();
    ws.keep.extend(ws.corral.members.iter().copied());
    for (pos, &b) in old_banned.iter().enumerate() {
        if b && !ws.corral.members.contains(&pos) {
            ws.keep.push(pos);
        }
    }
    for (new_pos, &old_pos) in ws.keep.iter().enumerate() {
        ws.cand.push(old_cand[old_pos]);
        ws.cand_y
            .extend_from_slice(&old_y[old_pos * d..(old_pos + 1) * d]);
        ws.banned.push(old_banned[old_pos]);
        if new_pos < ws.corral.members.len() {
            ws.corral.members[new_pos] = new_pos;
        }
    }
    for t in 0..ws.viol.len() {
        let i = ws.viol[t].1;
        push_candidate(q, ws, i);
    }
}

/// `p = Σ α_c y_c` over the corral.
fn update_point(ws: &mut Workspace, d: usize) {
    ws.p.clear();
    ws.p.resize(d, 0.0);
    for (&m, &a) in ws.corral.members.iter().zip(&ws.corral.weights) {
        let y = &ws.cand_y[m * d..(m + 1) * d];
        for (pj, yj) in ws.p.iter_mut().zip(y) {
            *pj += a * yj;
        }
    }
}

/// The current point's direction made exactly orthogonal to the corral's affine span (unit,
/// pointing like `p`), or `None` if nothing is left.
fn normal_to_corral(ws: &Workspace, d: usize) -> Option<Vec<f64>> {
    let members = &ws.corral.members;
    let weights = &ws.corral.weights;
    let anchor = (0..members.len()).max_by(|&a, &b| weights[a].total_cmp(&weights[b]))?;
    let y = |c: usize| &ws.cand_y[members[c] * d..(members[c] + 1) * d];
    let mut basis: Vec<Vec<f64>> = Vec::with_capacity(members.len());
    for c in (0..members.len()).filter(|&c| c != anchor) {
        let mut v: Vec<f64> = y(c).iter().zip(y(anchor)).map(|(a, b)| a - b).collect();
        let len0 = norm(&v);
        for _ in 0..2 {
            for u in &basis {
                let t = dot(u, &v);
                v.iter_mut().zip(u).for_each(|(vj, uj)| *vj -= t * uj);
            }
        }
        let len = norm(&v);
        if len > 1e-10 * len0 && len > 0.0 {
            v.iter_mut().for_each(|vj| *vj /= len);
            basis.push(v);
        }
    }
    let mut a = ws.p.clone();
    for _ in 0..2 {
        for u in &basis {
            let t = dot(u, &a);
            a.iter_mut().zip(u).for_each(|(aj, uj)| *aj -= t * uj);
        }
    }
    let len = norm(&a);
    if len > 0.0 && len.is_finite() {
        a.iter_mut().for_each(|aj| *aj /= len);
        Some(a)
    } else {
        None
    }
}

fn corral_combination(ws: &Workspace) -> ConvexCombination {
    ConvexCombination {
        indices: ws.corral.members.iter().map(|&m| ws.cand[m]).collect(),
        weights: ws.corral.weights.clone(),
    }
}

fn remember_active_set(ws: &mut Workspace) {
    ws.hint.clear();
    ws.hint
        .extend(ws.corral.members.iter().map(|&m| ws.cand[m]));
}

/// Wolfe's algorithm on the candidate set, continuing from the current corral.
fn wolfe(q: &mut Query<'_>, ws: &mut Workspace) -> Restricted {
    let d = q.hull.dim;
    let max_iterations = 50 * (d + 1) + 100;
    let mut it = 0;
    loop {
        let pnorm = norm(&ws.p);
        if pnorm <= q.tol {
            return Restricted::Inside;
        }
        // Pricing over the candidates.
        let threshold = pnorm * pnorm - OPTIMALITY * pnorm * q.ymax;
        let mut best = (threshold, usize::MAX);
        for c in 0..ws.cand.len() {
            // Corral members are in their own affine hull: any apparent violation is rounding.
            if ws.banned[c] || ws.corral.members.contains(&c) {
                continue;
            }
            let g = dot(&ws.cand_y[c * d..(c + 1) * d], &ws.p);
            if g < best.0 {
                best = (g, c);
            }
        }
        let j = best.1;
        if j == usize::MAX {
            return Restricted::Done;
        }
        it += 1;
        if it > max_iterations {
            return Restricted::Done;
        }
        if !ws.corral.push(j, &ws.cand_y[j * d..(j + 1) * d]) {
            ws.banned[j] = true;
            continue;
        }
        q.iterations += 1;
        // A ban holds for the corral it was made against: progress lifts them all.
        ws.banned.iter_mut().for_each(|b| *b = false);
        // Minor cycles: move towards the affine minimiser until it is in the relative
        // interior of the corral's hull.
        let new_col = ws.corral.len() - 1;
        let mut first_minor = true;
        loop {
            if !ws.corral.affine_minimiser(&mut ws.beta) {
                // Numerically singular: give up on the newest point.
                if let Some(pos) = ws.corral.members.iter().position(|&m| m == j) {
                    ws.corral.remove(pos);
                    renormalise(&mut ws.corral.weights);
                }
                ws.banned[j] = true;
                break;
            }
            if ws.beta.iter().all(|&b| b > WEIGHT_FLOOR) {
                ws.corral.weights.copy_from_slice(&ws.beta);
                break;
            }
            // Step from α towards β until the first weight hits zero.
            let mut theta = 1.0f64;
            let mut hit = usize::MAX;
            for (i, (&a, &b)) in ws.corral.weights.iter().zip(&ws.beta).enumerate() {
                if b <= WEIGHT_FLOOR {
                    let t = if a - b > 0.0 { a / (a - b) } else { 0.0 };
                    if t < theta || hit == usize::MAX {
                        theta = t.min(theta);
                        hit = i;
                    }
                }
            }
            let theta = theta.clamp(0.0, 1.0);
            if first_minor && hit == new_col && theta == 0.0 {
                // The new point would leave at once: no progress with it.
                ws.corral.remove(new_col);
                renormalise(&mut ws.corral.weights);
                ws.banned[j] = true;
                break;
            }
            first_minor = false;
            for (a, &b) in ws.corral.weights.iter_mut().zip(&ws.beta) {
                *a = (1.0 - theta) * *a + theta * b;
            }
            ws.corral.weights[hit] = 0.0;
            for i in (0..ws.corral.len()).rev() {
                if ws.corral.weights[i] <= WEIGHT_FLOOR {
                    ws.corral.remove(i);
                }
            }
            renormalise(&mut ws.corral.weights);
            if ws.corral.len() == 0 {
                // Cannot happen in exact arithmetic; restart from the new point.
                if ws.corral.push(j, &ws.cand_y[j * d..(j + 1) * d]) {
                    ws.corral.weights[0] = 1.0;
                }
                ws.banned[j] = true;
                break;
            }
        }
        update_point(ws, d);
    }
}

fn renormalise(w: &mut [f64]) {
    let s: f64 = w.iter().map(|v| v.max(0.0)).sum();
    if s > 0.0 {
        w.iter_mut().for_each(|v| *v = v.max(0.0) / s);
    }
}
