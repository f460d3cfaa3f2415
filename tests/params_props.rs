//! Properties of the URL state of every figure: reading any query string never panics and
//! always yields values inside each parameter's range; writing and reading back is the
//! identity; keys of other figures and unknown keys never change a figure.

use highdim::figures::AnyFigure;
use highdim::params::{format, parse, Control, Spec};
use proptest::prelude::*;

fn in_range(spec: &Spec, v: f64) -> bool {
    let (lo, hi) = spec.range();
    let integral = !matches!(
        spec.control,
        Control::Float { .. } | Control::LogFloat { .. }
    );
    v.is_finite() && v >= lo && v <= hi && (!integral || v.fract() == 0.0)
}

/// A figure's namespace and specs.
#[derive(Clone, Copy)]
struct Fig {
    ns: &'static str,
    specs: &'static [Spec],
}

impl Fig {
    fn namespace(&self) -> &'static str {
        self.ns
    }
    fn specs(&self) -> &'static [Spec] {
        self.specs
    }
}

/// Every figure's namespace and specs, read once: building a figure computes its picture
/// (tens of milliseconds in a debug build), far too slow to repeat in every case.
fn figures() -> Vec<Fig> {
    static FIGS: std::sync::OnceLock<Vec<Fig>> = std::sync::OnceLock::new();
    FIGS.get_or_init(|| {
        AnyFigure::KINDS
            .iter()
            .map(|k| {
                let f = AnyFigure::from_query(k, "").unwrap().0;
                Fig {
                    ns: f.namespace(),
                    specs: f.specs(),
                }
            })
            .collect()
    })
    .clone()
}

/// Query strings made of plausible and hostile pieces.
fn query() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("v".to_string()),
        "[a-z]{1,5}\\.[a-z]{1,5}",
        Just("bc.d".to_string()),
        Just("bc.m".to_string()),
        Just("vol.d".to_string()),
        Just("sh.eps".to_string()),
        Just("dist.law".to_string()),
        Just("dist.n".to_string()),
        Just("bc.seed".to_string()),
        ".{0,8}",
    ];
    let value = prop_oneof![
        any::<f64>().prop_map(|f| f.to_string()),
        any::<i64>().prop_map(|i| i.to_string()),
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("-0".to_string()),
        Just("1e309".to_string()),
        Just("gauss".to_string()),
        Just("%zz%".to_string()),
        ".{0,12}",
    ];
    prop::collection::vec((key, value, prop::bool::ANY), 0..12).prop_map(|pairs| {
        pairs
            .into_iter()
            .map(|(k, v, eq)| if eq { format!("{k}={v}") } else { k })
            .collect::<Vec<_>>()
            .join("&")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, ..ProptestConfig::default() })]

    #[test]
    fn any_query_gives_valid_values(q in query()) {
        for fig in figures() {
            let (values, _notes) = parse(&q, fig.namespace(), fig.specs());
            prop_assert_eq!(values.len(), fig.specs().len());
            for (spec, v) in fig.specs().iter().zip(&values) {
                prop_assert!(in_range(spec, *v), "{}={} from {:?}", spec.key, v, q);
            }
            // Written back as a link, they read back unchanged and without notes.
            let written = format(fig.namespace(), fig.specs(), &values);
            let (again, notes) = parse(&written, fig.namespace(), fig.specs());
            prop_assert!(notes.is_empty(), "{:?}", notes);
            prop_assert_eq!(again, values);
        }
    }

    #[test]
    fn slider_positions_round_trip(pos in -10.0f64..10_000.0) {
        for fig in figures() {
            for spec in fig.specs() {
                let v = spec.value_at(pos);
                prop_assert!(in_range(spec, v), "{} at {}", spec.key, pos);
                if spec.ticks().is_some() {
                    prop_assert_eq!(spec.value_at(spec.position_of(v)), v);
                }
            }
        }
    }

    #[test]
    fn other_figures_keys_are_ignored(q in query()) {
        for fig in figures() {
            let ns = fig.namespace();
            let foreign: String = q
                .split('&')
                .filter(|p| !p.starts_with(&format!("{ns}.")) && !p.starts_with("v=") && *p != "v")
                .collect::<Vec<_>>()
                .join("&");
            let (values, notes) = parse(&foreign, ns, fig.specs());
            let defaults: Vec<f64> = fig.specs().iter().map(|s| s.default).collect();
            prop_assert_eq!(values, defaults);
            prop_assert!(notes.is_empty(), "{:?}", notes);
        }
    }
}

/// The typed figures accept any link too (fewer cases: building a figure computes its picture).
#[test]
fn typed_figures_round_trip_their_links() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(6));
    runner
        .run(&query(), |q| {
            for kind in AnyFigure::KINDS {
                let (f, _) = AnyFigure::from_query(kind, &q).unwrap();
                let (again, notes) = AnyFigure::from_query(kind, &f.query()).unwrap();
                prop_assert!(notes.is_empty(), "{:?}", notes);
                prop_assert_eq!(again.values(), f.values());
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn defaults_are_inside_their_ranges() {
    for fig in figures() {
        for spec in fig.specs() {
            assert!(
                in_range(spec, spec.default),
                "{}.{}",
                fig.namespace(),
                spec.key
            );
        }
    }
}
