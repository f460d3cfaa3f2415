//! URL-state fuzzing at 10⁵ cases: random and mutated query strings, read by every figure's
//! parameter set (`ParamSet::from_query`) and, on a sample, by the whole figure
//! (`AnyFigure::from_query`, which also builds the picture's state). Reading a link must never
//! panic, every value must land inside its spec's range (integers whole), and what the page
//! writes back must read back unchanged and without notes.
//!
//! A seeded generator loop instead of proptest: no shrinking machinery, so 10⁵ cases run in
//! seconds in a debug build. A failing case prints its query and its case number; freeze it
//! as a named test at the bottom of this file.

// A native test that reports its own running time; Instant is banned only for wasm32's sake.
#![allow(clippy::disallowed_methods)]

use highdim::figures::curse::{
    ballcube::BallCubeParams, distances::DistancesParams, shell::ShellParams, volume::VolumeParams,
};
use highdim::figures::hull::{
    hull2d::Hull2dParams, hullcurve::HullCurveParams, hullsubspace::HullSubspaceParams,
};
use highdim::figures::{relu::ReluParams, AnyFigure};
use highdim::math::rng::Rng;
use highdim::params::{Control, ParamSet, Spec};
use std::time::Instant;

/// Cases of the main loop (each read by all eight parameter sets).
const CASES: usize = 100_000;
/// Every this many cases, the query also builds every figure.
const FIGURE_EVERY: usize = 2_500;

fn in_range(spec: &Spec, v: f64) -> bool {
    let (lo, hi) = spec.range();
    let integral = !matches!(
        spec.control,
        Control::Float { .. } | Control::LogFloat { .. }
    );
    v.is_finite() && v >= lo && v <= hi && (!integral || v.fract() == 0.0)
}

/// Reads `q` with parameter set `P`: values in range, and the written link reads back
/// identically without notes. Returns a description of the first violation.
fn check<P: ParamSet>(q: &str) -> Result<(), String> {
    let (p, _notes) = P::from_query(q);
    let values = p.values();
    if values.len() != P::SPECS.len() {
        return Err(format!("{}: {} values", P::NAMESPACE, values.len()));
    }
    for (spec, v) in P::SPECS.iter().zip(&values) {
        if !in_range(spec, *v) {
            return Err(format!("{}.{} = {v} out of range", P::NAMESPACE, spec.key));
        }
    }
    let written = p.to_query();
    let (again, notes) = P::from_query(&written);
    if !notes.is_empty() {
        return Err(format!(
            "{}: notes on its own link {written}: {notes:?}",
            P::NAMESPACE
        ));
    }
    if again != p {
        return Err(format!("{}: {written} did not read back", P::NAMESPACE));
    }
    Ok(())
}

fn check_all(q: &str) -> Result<(), String> {
    check::<VolumeParams>(q)?;
    check::<BallCubeParams>(q)?;
    check::<ShellParams>(q)?;
    check::<DistancesParams>(q)?;
    check::<Hull2dParams>(q)?;
    check::<HullCurveParams>(q)?;
    check::<HullSubspaceParams>(q)?;
    check::<ReluParams>(q)?;
    Ok(())
}

/// Builds every figure from `q`: no panic, values in range, caption not empty.
fn check_figures(q: &str) -> Result<(), String> {
    for kind in AnyFigure::KINDS {
        let (f, _) = AnyFigure::from_query(kind, q).map_err(|e| e.to_string())?;
        for (spec, v) in f.specs().iter().zip(f.values()) {
            if !in_range(spec, v) {
                return Err(format!("{kind}.{} = {v}", spec.key));
            }
        }
        if f.summary().is_empty() {
            return Err(format!("{kind}: empty caption"));
        }
    }
    Ok(())
}

/// Every real key of every figure, with its namespace.
fn real_keys() -> Vec<(String, Spec)> {
    AnyFigure::KINDS
        .iter()
        .flat_map(|k| {
            let (f, _) = AnyFigure::from_query(k, "").expect("a registered kind");
            let ns = f.namespace();
            f.specs()
                .iter()
                .map(move |s| (format!("{ns}.{}", s.key), *s))
                .collect::<Vec<_>>()
        })
        .collect()
}

struct Gen {
    rng: Rng,
    keys: Vec<(String, Spec)>,
    /// Namespace and specs of every figure (built once: building a figure computes).
    figures: Vec<(&'static str, &'static [Spec])>,
}

fn namespaces() -> Vec<(&'static str, &'static [Spec])> {
    AnyFigure::KINDS
        .iter()
        .map(|k| {
            let (f, _) = AnyFigure::from_query(k, "").expect("a registered kind");
            (f.namespace(), f.specs())
        })
        .collect()
}

const JUNK: &[&str] = &[
    "",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "-0",
    "+0",
    "1e309",
    "-1e309",
    "1e-320",
    "0x10",
    "1_000",
    "1,000,000",
    "  7 ",
    "%20",
    "%zz%",
    "%",
    "%%",
    "%C3",
    "%FF%FE",
    "ε",
    "∞",
    "🙂",
    "null",
    "true",
    "[]",
    "{}",
    "1/2",
    "1.",
    ".5",
    "5e",
    "e5",
    "--1",
    "+-1",
    "1e+2",
    "18446744073709551616",
    "4294967296",
    "4294967295",
    "-2147483649",
    "0.000000001",
    "\u{0}",
    "=",
    "&",
    "#",
    "?",
    "a=b",
    "gauss",
    "GAUSS",
    "ball",
    "own",
    "curve",
    "linear",
    "sgd",
    "adam",
];

impl Gen {
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.rng.below(xs.len() as u64) as usize]
    }

    fn number_text(&mut self) -> String {
        match self.rng.below(6) {
            0 => f64::from_bits(self.rng.next_u64()).to_string(),
            1 => (self.rng.next_u64() as i64).to_string(),
            2 => format!("{}", self.rng.below(100_001)),
            3 => format!("{:.3}", self.rng.uniform_in(-10.0, 10.0)),
            4 => format!("{:e}", self.rng.uniform_in(-1e6, 1e6)),
            _ => format!("-{}", self.rng.below(1000)),
        }
    }

    fn junk_text(&mut self) -> String {
        let n = self.rng.below(10) as usize;
        (0..n)
            .map(|_| match self.rng.below(4) {
                0 => char::from(b' ' + self.rng.below(95) as u8),
                1 => char::from_u32(self.rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}'),
                2 => *self.pick(&['%', '&', '=', '+', '.', ',', '_', '#', '?']),
                _ => char::from(b'0' + self.rng.below(10) as u8),
            })
            .collect()
    }

    fn value_for(&mut self, spec: &Spec) -> String {
        match self.rng.below(5) {
            0 => self.number_text(),
            1 => (*self.pick(JUNK)).to_string(),
            2 => self.junk_text(),
            3 => match spec.control {
                Control::Choice(opts) => self.pick(opts).0.to_string(),
                _ => {
                    let (lo, hi) = spec.range();
                    spec.url_text(spec.clamp(self.rng.uniform_in(lo, hi)))
                }
            },
            _ => {
                // Just outside or at the edges of the range.
                let (lo, hi) = spec.range();
                let x = *self.pick(&[lo, hi, lo - 1.0, hi + 1.0, hi * 10.0, lo - 0.5, hi + 0.5]);
                format!("{x}")
            }
        }
    }

    /// A query assembled from real keys, foreign keys, junk keys and hostile values.
    fn random_query(&mut self) -> String {
        let n = self.rng.below(14) as usize;
        let mut parts = Vec::with_capacity(n + 1);
        if self.rng.below(3) == 0 {
            parts.push(format!("v={}", self.pick(&["1", "2", "0", "", "1.0", "x"])));
        }
        for _ in 0..n {
            let (key, spec) = self.keys[self.rng.below(self.keys.len() as u64) as usize].clone();
            let key = match self.rng.below(8) {
                0 => self.junk_text(),
                1 => format!("{}.{}", self.junk_text(), spec.key),
                2 => key.to_uppercase(),
                3 => key.replace('.', "%2E"),
                _ => key,
            };
            let value = self.value_for(&spec);
            parts.push(match self.rng.below(10) {
                0 => key,
                1 => format!("{key}={value}={value}"),
                _ => format!("{key}={value}"),
            });
        }
        let sep = *self.pick(&["&", "&", "&", "&&", ";"]);
        let lead = *self.pick(&["", "?", "#", "??"]);
        format!("{lead}{}", parts.join(sep))
    }

    /// A valid link for one figure with random values, then a few byte-level mutations.
    fn mutated_query(&mut self) -> String {
        let (ns, specs) = self.figures[self.rng.below(self.figures.len() as u64) as usize];
        let mut q = String::from("?v=1");
        for s in specs {
            let (lo, hi) = s.range();
            let v = s.clamp(self.rng.uniform_in(lo, hi));
            q.push('&');
            q.push_str(&format!("{ns}.{}={}", s.key, s.url_text(v)));
        }
        let mut bytes: Vec<u8> = q.into_bytes();
        for _ in 0..1 + self.rng.below(4) {
            if bytes.is_empty() {
                break;
            }
            let i = self.rng.below(bytes.len() as u64) as usize;
            match self.rng.below(7) {
                0 => {
                    bytes.remove(i);
                }
                1 => bytes.insert(i, self.rng.below(256) as u8),
                2 => bytes[i] = *self.pick(b"&=%.+-,_#?0123456789eE"),
                3 => {
                    let j = (i + 1 + self.rng.below(8) as usize).min(bytes.len());
                    let seg = bytes[i..j].to_vec();
                    bytes.splice(i..i, seg);
                }
                4 => bytes.truncate(i),
                5 => {
                    let esc = format!("%{:02X}", self.rng.below(256));
                    bytes.splice(i..i, esc.into_bytes());
                }
                _ => {
                    let digits = format!("{}", self.rng.next_u64());
                    bytes.splice(i..i, digits.into_bytes());
                }
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

fn run_case(q: &str, figures: bool) -> Result<(), String> {
    match std::panic::catch_unwind(|| {
        check_all(q)?;
        if figures {
            check_figures(q)?;
        }
        Ok::<(), String>(())
    }) {
        Ok(r) => r,
        Err(_) => Err("panicked".into()),
    }
}

#[test]
fn a_hundred_thousand_links_read_safely() {
    let t0 = Instant::now();
    let mut gen = Gen {
        rng: Rng::new(0xf00d_5eed),
        keys: real_keys(),
        figures: namespaces(),
    };
    let mut figure_cases = 0;
    for case in 0..CASES {
        let q = if case % 2 == 0 {
            gen.random_query()
        } else {
            gen.mutated_query()
        };
        let figures = case % FIGURE_EVERY == 0;
        figure_cases += figures as usize;
        if let Err(e) = run_case(&q, figures) {
            panic!("case {case}: {e}\nquery: {q:?}");
        }
    }
    eprintln!(
        "url fuzz: {CASES} queries × {} parameter sets, {figure_cases} × {} whole figures, {:.1} s",
        AnyFigure::KINDS.len(),
        AnyFigure::KINDS.len(),
        t0.elapsed().as_secs_f64()
    );
}

/// Slider positions anywhere (including far outside and NaN) map into range, and a value's
/// position maps back to the value, for every log slider of every figure.
#[test]
fn slider_positions_map_into_range() {
    let mut rng = Rng::new(7);
    for (key, spec) in real_keys() {
        for _ in 0..2_000 {
            let p = match rng.below(4) {
                0 => rng.uniform_in(-1e3, 1e4),
                1 => f64::from_bits(rng.next_u64()),
                2 => rng.below(600) as f64,
                _ => f64::NAN,
            };
            let v = spec.value_at(p);
            assert!(in_range(&spec, v), "{key} at position {p}: {v}");
            if spec.ticks().is_some() {
                assert_eq!(spec.value_at(spec.position_of(v)), v, "{key}: {v}");
            }
        }
    }
}

/// Regressions and edge cases worth naming (each once a suspicion of the fuzzer's).
#[test]
fn truncated_percent_escape_at_the_end_is_kept_literally() {
    assert!(run_case("?bc.d=5%", true).is_ok());
    assert!(run_case("?bc.d=%4", true).is_ok());
    assert!(run_case("?bc.d=%E2%88", true).is_ok());
}

#[test]
fn a_key_repeated_with_conflicting_values_keeps_the_last_valid_reading() {
    let (p, notes) = BallCubeParams::from_query("bc.d=5&bc.d=abc&bc.d=7");
    assert_eq!(p.values()[0], 7.0);
    assert_eq!(notes.len(), 1);
}

#[test]
fn huge_and_subnormal_numbers_clamp() {
    for q in [
        "nn.lr=1e-320&nn.width=1e309&nn.depth=-1e309&nn.layer=1e20",
        "h2.n=18446744073709551616&h2.tests=-0&hc.nmax=4294967296",
        "sh.eps=5e-324&vol.d=1e308&dist.n=0x10",
    ] {
        run_case(q, true).unwrap_or_else(|e| panic!("{q}: {e}"));
    }
}
