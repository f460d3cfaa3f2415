//! The numbers the article's text states, computed from the core.
//!
//! Every number in `index.html` that comes from a computation — in the prose, in a figure's
//! fallback text, in a "How this is computed" note — is marked with a key:
//!
//! ```html
//! <span data-value="hull.n50.d12">13,608</span>
//! ```
//!
//! [`values`] (and, for the section on real images, [`digits_values`], which needs the digits
//! file) give the text each key must show, computed here from `math` and formatted with
//! [`crate::format`], the formatting the figures' captions use. `tests/article_numbers.rs`
//! parses the page and fails on a key this module does not define, on a page text that
//! differs from the computed one, and on a key defined here that the page never uses; it also
//! fails on a number in the text that is neither marked nor one of a short, explicit list of
//! inputs (a dimension `d = 10`, a time in the podcast, a cited fact). So a wrong or stale
//! number cannot stay in the article.
//!
//! Inputs of a computed statement are keys too (the `100` of "with 100 points, 91% are
//! inside"), and a figure's default setting quoted in the text is read from that figure's
//! parameter specs: changing a default, a solver constant or a formula changes the expected
//! text, and the test names the sentence to rewrite.
//!
//! Everything here is exact or deterministic and quick: closed forms, the exact Gaussian hull
//! probability ([`GaussianHull`]), figures' defaults and constants, one exact partition of a
//! small network, and (in [`digits_values`]) a few seeded hull verdicts and two small networks
//! on the shipped digits. No Monte Carlo estimate is stated as a number in the text; where
//! the article reports a sampled result it says what the figure shows instead.
//!
//! The module needs every article section's figures, so it exists only when all the section
//! features are on (native builds, tests); the per-section wasm bundles leave it out.

use crate::figures::AnyFigure;
use crate::format::{count_from_log10, from_log10, number, percent, short, superscript, thousands};
use crate::math::digits::{
    latent_point, project_test_digit, CurveRun, CurveSpec, Digits, ProjectSpec, Reduction,
};
use crate::math::hull::{
    wendel_p_inside, GaussianHull, DEFAULT_TOLERANCE, MAX_EXACT_DIM, RESOLUTION_BAND,
};
use crate::math::relu::{serra_bound, Window};
use crate::math::volume::{
    ln_ball_in_cube_fraction, ln_sphere_area, ln_unit_ball_volume, shell_fraction,
};
use std::f64::consts::LN_10;

/// One marked number: its key and the text the page must show for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    /// The key, as written in `data-value="…"`.
    pub key: &'static str,
    /// The number as the page shows it (`13,608`, `91%`, `2.5·10⁻⁸`).
    pub text: String,
}

/// The training-set size of the two-dimensional example in the introduction and the hull
/// section ("with 100 points, … are inside").
pub const EXAMPLE_N: u64 = 100;
/// The larger two-dimensional example of the hull section.
pub const EXAMPLE_N_LARGE: u64 = 1000;
/// The dimension and shell thickness of the shell example (`d = 100`, `ε = 0.01`).
pub const SHELL_EXAMPLE: (u32, f64) = (100, 0.01);
/// The dimension of the Wendel example (the centre of a symmetric law in `d = 10`).
pub const WENDEL_D: u32 = 10;
/// The training-set size at which the definitions curve shows the box and the ellipsoid
/// collapsing too (with `d` at the slider's maximum).
pub const COLLAPSE_N: u32 = 30;

/// Every marked number of the article except those of the section on real images (see
/// [`digits_values`]), in page order.
pub fn values() -> Vec<Value> {
    let exact = GaussianHull::new();
    let mut v = Values::default();
    let p_in = |d: u32, n: u64| exact.p_inside(d, n).unwrap_or(f64::NAN);
    let n50 = |d: u32| exact.n50(d).ok().flatten().unwrap_or(0);

    // Introduction and the two-dimensional hull.
    v.add("hull.example.n", thousands(EXAMPLE_N as i64));
    v.add("hull.example.inside", percent(p_in(2, EXAMPLE_N)));

    // The ball in the cube.
    let share = |d: u32| ln_ball_in_cube_fraction(d).exp();
    v.add("volume.d2", percent(share(2)));
    v.add("volume.d3", percent(share(3)));
    v.add("volume.d10", number(share(10), 2));
    v.add("volume.d20", number(share(20), 2));
    v.add(
        "volume.d100",
        from_log10(ln_ball_in_cube_fraction(100) / LN_10, 2),
    );
    let argmax = |f: &dyn Fn(u32) -> f64| (1..=50).max_by(|&a, &b| f(a).total_cmp(&f(b)));
    let peak = argmax(&|d| ln_unit_ball_volume(d)).unwrap_or(0);
    v.add("volume.unit.peak_d", peak.to_string());
    v.add(
        "volume.unit.peak",
        number(ln_unit_ball_volume(peak).exp(), 3),
    );
    let sphere = argmax(&|d| ln_sphere_area(d, 1.0)).unwrap_or(0);
    v.add("volume.sphere.peak_d", sphere.to_string());
    v.add("volume.fallback.d10", number(share(10), 3));
    v.add("volume.fallback.d20", number(share(20), 3));
    let (sd, eps) = SHELL_EXAMPLE;
    v.add("shell.example.eps", short(eps, 3));
    v.add("shell.example.share", percent(shell_fraction(sd, eps)));
    // Wendel: the centre is inside with probability exactly ½ at N = 2d.
    v.add("wendel.n", thousands(2 * WENDEL_D as i64));

    // The hull in the plane and in d dimensions.
    let h2_n = figure_default("hull2d", "n") as u64;
    v.add("hull2d.n", thousands(h2_n as i64));
    v.add("hull2d.inside", percent(p_in(2, h2_n)));
    v.add(
        "hull2d.tests",
        thousands(figure_default("hull2d", "tests") as i64),
    );
    v.add("hull.example.large.n", thousands(EXAMPLE_N_LARGE as i64));
    v.add(
        "hull.example.large.inside",
        percent(p_in(2, EXAMPLE_N_LARGE)),
    );
    v.add("hull.tolerance", power_of_ten(DEFAULT_TOLERANCE));
    v.add(
        "hull.resolution",
        power_of_ten(RESOLUTION_BAND * DEFAULT_TOLERANCE),
    );
    for (key, d) in [
        ("hull.n50.d2", 2),
        ("hull.n50.d3", 3),
        ("hull.n50.d10", 10),
        ("hull.n50.d12", 12),
        ("hull.n50.d20", 20),
        ("hull.n50.d30", 30),
    ] {
        v.add(key, thousands(n50(d) as i64));
    }
    v.add("hull.n50.growth", number(n50_growth(&exact, 10, 20), 2));
    v.add("hull.bf.d10", short(barany_furedi(10), 2));
    v.add("hull.exact.max_d", MAX_EXACT_DIM.to_string());
    v.add(
        "hull.exact.max_n",
        power_of_ten(crate::math::hull::MAX_EXACT_TRAIN as f64),
    );
    v.add(
        "hullcurve.tests",
        thousands(figure_default("hullcurve", "tests") as i64),
    );
    v.add(
        "hullsubspace.nmax",
        thousands(figure_default("hullsubspace", "nmax") as i64),
    );
    v.add(
        "hullsubspace.anchors",
        crate::figures::hull::hullsubspace::ANCHORS.to_string(),
    );

    // The definitions.
    v.add(
        "mvee.epsilon",
        power_of_ten(crate::math::definitions::mvee::DEFAULT_EPSILON),
    );
    v.add(
        "definitions2d.n",
        thousands(figure_default("definitions2d", "n") as i64),
    );
    let dc_n = figure_default("definitionscurve", "n") as u64;
    let dc_dmax = figure_default("definitionscurve", "dmax") as u32;
    v.add("defs.n", thousands(dc_n as i64));
    v.add("defs.hull.d16", percent(p_in(16, dc_n)));
    v.add("defs.box.dmax", percent(box_inside(dc_n, dc_dmax)));
    v.add(
        "defs.tests",
        thousands(figure_default("definitionscurve", "tests") as i64),
    );
    let dmax_max = figure_max("definitionscurve", "dmax") as u32;
    v.add("defs.collapse.n", thousands(COLLAPSE_N as i64));
    v.add("defs.collapse.d", dmax_max.to_string());
    v.add(
        "defs.collapse.box",
        percent(box_inside(COLLAPSE_N as u64, dmax_max)),
    );

    // The latent networks of the digits figure: settings only (their results need the data).
    use crate::math::digits::{BATCH, LEARNING_RATE};
    v.add(
        "latent.hidden",
        crate::figures::digits::digitscurve::HIDDEN.to_string(),
    );
    v.add(
        "latent.train",
        thousands(figure_default("digitscurve", "nn") as i64),
    );
    v.add(
        "latent.epochs",
        thousands(figure_default("digitscurve", "ep") as i64),
    );
    v.add("latent.batch", BATCH.to_string());
    v.add("latent.lr", short(LEARNING_RATE, 3));

    // The ReLU network.
    let width = figure_default("relu", "width") as usize;
    let depth = figure_default("relu", "depth") as usize;
    v.add("relu.width", width.to_string());
    v.add("relu.depth", depth.to_string());
    let (per_layer, split) = relu_defaults();
    v.add(
        "relu.regions",
        per_layer
            .last()
            .map_or("?".into(), |&n| thousands(n as i64)),
    );
    v.add(
        "relu.regions.layer1",
        per_layer
            .first()
            .map_or("?".into(), |&n| thousands(n as i64)),
    );
    v.add("relu.one_layer_max", thousands(lines_regions(width) as i64));
    v.add(
        "relu.serra",
        count_from_log10(serra_bound(&vec![width; depth], 2).log10()),
    );
    let (inside, outside) = split.unwrap_or((0, 0));
    v.add("relu.tests", thousands((inside + outside) as i64));
    v.add("relu.tests.outside", thousands(outside as i64));
    let points = crate::figures::relu::POINTS;
    let tests = (points as f64 * crate::figures::relu::TEST_FRACTION).round() as usize;
    v.add("relu.train", thousands((points - tests) as i64));
    v.add("relu.window", short(Window::DEFAULT.xmax(), 3));
    v.add("relu.noise", short(figure_default("relu", "noise"), 3));
    v.add("relu.lr", short(figure_default("relu", "lr"), 3));
    v.0
}

/// The marked numbers of the section on real images, computed on the shipped digits with
/// the figures' default settings: the share of test digits inside the training hull along
/// the principal components, the projection of a test digit onto the hull, and two small
/// bottleneck networks. About a minute in a debug build, seconds optimised.
///
/// # Errors
/// A message when a computation on the digits fails.
pub fn digits_values(digits: &Digits) -> Result<Vec<Value>, String> {
    let mut v = Values::default();
    let train = figure_default("digitscurve", "n") as u32;
    let tests = figure_default("digitscurve", "tests") as u32;
    let seed = figure_default("digitscurve", "seed") as u64;
    v.add("digits.images", thousands(digits.len() as i64));
    v.add("digits.pixels", thousands(digits.pixels_per_image() as i64));
    v.add("digits.train", thousands(train as i64));
    v.add("digits.tests", thousands(tests as i64));

    // The principal components at k = 1 and k = 16 (the curve is nested: none inside at 16
    // means none at any larger k).
    let spec = CurveSpec {
        reductions: vec![Reduction::Pca],
        ks: vec![1, 16],
        train,
        tests,
        seed,
    };
    let mut run =
        CurveRun::new(spec, std::sync::Arc::new(digits.clone())).map_err(|e| e.to_string())?;
    while !run.step(1 << 22).map_err(|e| e.to_string())? {}
    let report = run.report();
    let inside = |k| report.point(Reduction::Pca, k).map(|p| p.inside);
    v.add(
        "digits.pca1.inside",
        thousands(inside(1).ok_or("no k = 1")? as i64),
    );
    v.add(
        "digits.pca16.inside",
        count_or_none(inside(16).ok_or("no k = 16")? as usize),
    );
    v.add(
        "digits.pca16.explained",
        percent(*report.explained.get(1).ok_or("no variance")?),
    );

    // The projection figure: how many training digits the nearest point of the hull mixes.
    let project_train = figure_default("digitsproject", "n") as u32;
    let projection = project_test_digit(
        digits,
        &ProjectSpec {
            train: project_train,
            test: figure_default("digitsproject", "i") as u32,
            seed: figure_default("digitsproject", "seed") as u64,
        },
    )
    .map_err(|e| e.to_string())?;
    v.add("digitsproject.train", thousands(project_train as i64));
    v.add(
        "digitsproject.mixed",
        thousands(projection.nearest.indices.len() as i64),
    );

    // The latent curve at the figure's defaults, for k = 1 and k = 16.
    let net_train = figure_default("digitscurve", "nn") as usize;
    let epochs = figure_default("digitscurve", "ep") as usize;
    for (k, acc_key, in_key) in [
        (1, "digits.latent.k1.accuracy", "digits.latent.k1.inside"),
        (16, "digits.latent.k16.accuracy", "digits.latent.k16.inside"),
    ] {
        let p = latent_point(digits, k, net_train, tests as usize, epochs, seed)?;
        v.add(acc_key, percent(p.accuracy));
        v.add(in_key, count_or_none(p.inside as usize));
    }
    Ok(v.0)
}

/// Values in page order, added one key at a time.
#[derive(Default)]
struct Values(Vec<Value>);

impl Values {
    fn add(&mut self, key: &'static str, text: String) {
        self.0.push(Value { key, text });
    }
}

/// The default of parameter `key` of figure `kind` (NaN when either does not exist, which the
/// article test then reports as a mismatch).
fn figure_default(kind: &str, key: &str) -> f64 {
    AnyFigure::from_query(kind, "")
        .ok()
        .and_then(|(f, _)| {
            let i = f.specs().iter().position(|s| s.key == key)?;
            f.values().get(i).copied()
        })
        .unwrap_or(f64::NAN)
}

/// The largest value parameter `key` of figure `kind` accepts (from a link asking for more).
fn figure_max(kind: &str, key: &str) -> f64 {
    AnyFigure::from_query(kind, &format!("{}={}", qualified(kind, key), u32::MAX))
        .ok()
        .and_then(|(f, _)| {
            let i = f.specs().iter().position(|s| s.key == key)?;
            f.values().get(i).copied()
        })
        .unwrap_or(f64::NAN)
}

fn qualified(kind: &str, key: &str) -> String {
    format!("{}.{key}", AnyFigure::namespace_of(kind).unwrap_or(""))
}

/// `10ᵉ` for a power of ten (`10⁻⁹`, `10¹⁰`).
fn power_of_ten(x: f64) -> String {
    format!("10{}", superscript(x.log10().round() as i64))
}

/// A count in digits, or `none` for zero ("none of the codes lies inside").
fn count_or_none(n: usize) -> String {
    if n == 0 {
        "none".into()
    } else {
        thousands(n as i64)
    }
}

/// `P(x in the bounding box)` for `n` i.i.d. continuous training points and a new one in
/// dimension `d`: each coordinate is within the range of `n` values with probability
/// `(n − 1)/(n + 1)`, independently for a product law.
pub fn box_inside(n: u64, d: u32) -> f64 {
    ((n as f64 - 1.0) / (n as f64 + 1.0)).powi(d as i32)
}

/// The Bárány–Füredi threshold `2^{d/2}/d` as the paper's Theorem 1 prints it.
pub fn barany_furedi(d: u32) -> f64 {
    2f64.powf(d as f64 / 2.0) / d as f64
}

/// The mean factor by which N₅₀ grows per dimension between `d0` and `d1`.
fn n50_growth(exact: &GaussianHull, d0: u32, d1: u32) -> f64 {
    let n = |d| exact.n50(d).ok().flatten().unwrap_or(0) as f64;
    (n(d1) / n(d0)).powf(1.0 / (d1 - d0) as f64)
}

/// Regions of the plane cut by `n` lines in general position: `1 + n + n(n − 1)/2`.
fn lines_regions(n: usize) -> usize {
    1 + n + n * n.saturating_sub(1) / 2
}

/// The relu figure at its defaults: regions after each layer of the untrained network, and
/// how many test points lie inside and outside the training hull.
fn relu_defaults() -> (Vec<usize>, Option<(usize, usize)>) {
    match AnyFigure::from_query("relu", "") {
        Ok((AnyFigure::Relu(f), _)) => (
            f.regions_per_layer().unwrap_or_default(),
            f.test_hull_split(),
        ),
        _ => (Vec::new(), None),
    }
}

/// Wendel's probability at `N = 2d`, for the test that the article's "exactly ½" holds.
pub fn wendel_at_twice_d(d: u32) -> f64 {
    wendel_p_inside(d, 2 * d as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_texts_are_numbers() {
        let v = values();
        let mut keys: Vec<&str> = v.iter().map(|x| x.key).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key defined twice");
        for x in &v {
            assert!(
                x.text
                    .chars()
                    .any(|c| c.is_ascii_digit() || "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c)),
                "{}: {:?}",
                x.key,
                x.text
            );
        }
    }

    #[test]
    fn the_statements_behind_the_numbers_hold() {
        // Wendel: exactly one half at N = 2d, and less one point earlier.
        assert!((wendel_at_twice_d(WENDEL_D) - 0.5).abs() < 1e-12);
        assert!(wendel_p_inside(WENDEL_D, 2 * WENDEL_D as u64 - 1) < 0.5);
        // The box formula against its e^{-2d/N} approximation.
        assert!((box_inside(1000, 30) - (-60.0f64 / 1000.0).exp()).abs() < 1e-3);
        // "More samples than atoms in the observable universe" (about 10⁸⁰) at 784 pixels:
        // the straight line through the exact N₅₀ from d = 20 to 30, continued.
        let exact = GaussianHull::new();
        let g = n50_growth(&exact, 20, 30).log10();
        let n30 = (exact.n50(30).unwrap().unwrap() as f64).log10();
        assert!(n30 + g * (784.0 - 30.0) > 80.0);
        // And the growth per dimension the text quotes sits between 1.5 and 2.
        let per_dim = n50_growth(&exact, 10, 20);
        assert!((1.5..2.0).contains(&per_dim), "{per_dim}");
        // One layer of 16 lines: 137 regions at most.
        assert_eq!(lines_regions(16), 137);
        assert_eq!(serra_bound(&[16], 2), 137.0);
    }
}
