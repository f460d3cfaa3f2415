//! Sharing and classroom features, natively: every figure's data table (the CSV export and
//! the page's "show data as table"), imports of points and saved states refused with every
//! problem listed and nothing changed, and PNG output of `highdim render`.

use highdim::figures::hull::definitions2d::{training_points, Definitions2dParams};
use highdim::figures::hull::definitionscurve::{
    any_exact, box_exact, dims_up_to, DefinitionsCurveFigure, DefinitionsCurveParams,
};
use highdim::figures::Figure;
use highdim::figures::{AnyFigure, Cell};
use highdim::format::{number, percent};
use highdim::math::definitions::{fit, Definition, FitOptions, FittedRegion, Region};
use highdim::math::digits::{Digits, Split, TEST_IMAGES};
use highdim::math::hull::InsideFraction;
use highdim::math::volume::{ln_ball_in_cube_fraction, shell_fraction};
use highdim::params::ParamSet;
use std::process::Command;

/// A small, fast state for each figure (the jobs are run to the end).
const SMALL: &[(&str, &str)] = &[
    ("volume", ""),
    ("ballcube", "bc.d=4&bc.m=2000"),
    ("shell", ""),
    ("distances", "dist.n=60"),
    ("hull2d", ""),
    ("hullcurve", "hc.dmax=4&hc.nmax=40&hc.tests=40"),
    ("hullsubspace", "hs.nmax=40&hs.tests=40"),
    ("relu", ""),
    ("definitions2d", "d2.n=40&d2.seed=3"),
    (
        "definitionscurve",
        "dc.dmax=6&dc.n=100&dc.tests=60&dc.seed=2",
    ),
    ("digitscurve", "dg.n=100&dg.tests=50&dg.kmax=16"),
    ("digitsproject", "dp.n=100"),
];

fn figure(kind: &str, query: &str) -> AnyFigure {
    let (mut f, _) = AnyFigure::from_query(kind, query).expect("known kind");
    // The digits figures wait for their data file, as on the page.
    if f.asset().is_some() {
        f.give_asset(&std::fs::read("data/mnist5k.bin").expect("data file"))
            .expect("valid data");
    }
    f.complete_jobs().expect("jobs run");
    f
}

/// A minimal RFC 4180 reader (quoted fields with doubled quotes), independent of the writer.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for line in text.lines() {
        let mut fields = Vec::new();
        let mut cur = String::new();
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', false) if cur.is_empty() => quoted = true,
                ('"', true) if chars.peek() == Some(&'"') => {
                    cur.push('"');
                    chars.next();
                }
                ('"', true) => quoted = false,
                (',', false) => fields.push(std::mem::take(&mut cur)),
                (c, _) => cur.push(c),
            }
        }
        fields.push(cur);
        rows.push(fields);
    }
    rows
}

#[test]
fn every_figure_has_a_consistent_table_and_csv() {
    // The registry and this list must agree, so a new figure cannot go without a check.
    let kinds: Vec<&str> = SMALL.iter().map(|s| s.0).collect();
    for k in AnyFigure::KINDS {
        assert!(
            kinds.contains(k),
            "figure '{k}' is not covered by this test"
        );
    }
    for &(kind, query) in SMALL {
        let f = figure(kind, query);
        let t = f.table().unwrap_or_else(|| panic!("{kind}: no table"));
        assert!(!t.title.is_empty(), "{kind}: title");
        assert!(t.columns.len() >= 2, "{kind}: columns {:?}", t.columns);
        assert!(!t.rows.is_empty(), "{kind}: no rows");
        for (i, r) in t.rows.iter().enumerate() {
            assert_eq!(r.len(), t.columns.len(), "{kind}: row {i} width");
        }
        let csv = read_csv(&t.to_csv());
        assert_eq!(csv[0], t.columns, "{kind}: CSV header");
        assert_eq!(csv.len(), t.rows.len() + 1, "{kind}: CSV lines");
        for (row, cells) in csv[1..].iter().zip(&t.rows) {
            assert_eq!(row.len(), cells.len(), "{kind}: CSV width");
            for (text, cell) in row.iter().zip(cells) {
                match cell {
                    // Numbers read back exactly.
                    Cell::Num(v) if v.is_finite() => {
                        assert_eq!(text.parse::<f64>().ok(), Some(*v), "{kind}: {text}")
                    }
                    Cell::Num(_) => assert_eq!(text, "", "{kind}"),
                    Cell::Text(s) => assert_eq!(text, s, "{kind}"),
                }
            }
        }
    }
}

fn num(c: &Cell) -> f64 {
    match c {
        Cell::Num(v) => *v,
        Cell::Text(t) => panic!("expected a number, got {t}"),
    }
}

#[test]
fn tables_hold_the_plotted_numbers() {
    // Volume: the share of the cube, against π/4 and π/6 (d = 2, 3) from the closed form.
    let t = figure("volume", "vol.d=10").table().unwrap();
    assert_eq!(t.rows.len(), 20);
    let share = |d: usize| 10f64.powf(num(&t.rows[d - 1][3]));
    assert!((share(2) - std::f64::consts::FRAC_PI_4).abs() < 1e-12);
    assert!((share(3) - std::f64::consts::PI / 6.0).abs() < 1e-12);
    assert_eq!(
        num(&t.rows[9][3]),
        ln_ball_in_cube_fraction(10) / std::f64::consts::LN_10
    );

    // Shell: 1 − (1 − ε)^d at the default ε.
    let f = figure("shell", "sh.eps=0.1");
    let t = f.table().unwrap();
    assert_eq!(t.rows.len(), 1000);
    assert!((num(&t.rows[1][1]) - (1.0 - 0.9f64.powi(2))).abs() < 1e-12);
    assert_eq!(num(&t.rows[99][1]), shell_fraction(100, 0.1));

    // Ball in cube: the histogram counts add up to the samples, and the share column is the
    // count over the samples.
    let f = figure("ballcube", "bc.d=4&bc.m=2000");
    let t = f.table().unwrap();
    let total: f64 = t.rows.iter().map(|r| num(&r[2])).sum();
    assert_eq!(total, 2000.0);
    for r in &t.rows {
        assert!((num(&r[3]) - num(&r[2]) / 2000.0).abs() < 1e-15);
    }

    // Hull playground: the "yes" rows are the inside count the caption states.
    let f = figure("hull2d", "h2.n=30&h2.tests=200&h2.seed=3");
    let t = f.table().unwrap();
    let yes = t
        .rows
        .iter()
        .filter(|r| r[3] == Cell::Text("yes".into()))
        .count();
    let tests = t
        .rows
        .iter()
        .filter(|r| r[0] == Cell::Text("test".into()))
        .count();
    assert_eq!(tests, 200);
    assert!(
        f.summary().contains(&format!("{yes} of 200")),
        "{yes}: {}",
        f.summary()
    );

    // Hull curves: P = inside / tests in every row, inside its own Wilson interval.
    let t = figure("hullcurve", "hc.dmax=4&hc.nmax=40&hc.tests=40")
        .table()
        .unwrap();
    for r in &t.rows {
        let p = num(&r[3]) / num(&r[4]);
        assert_eq!(num(&r[5]), p);
        assert!(num(&r[6]) <= p && p <= num(&r[7]));
    }
    // In 1-D with N ≥ 2 the hull is an interval; the d = 1 series must rise with N.
    let d1: Vec<f64> = t
        .rows
        .iter()
        .filter(|r| num(&r[1]) == 1.0)
        .map(|r| num(&r[5]))
        .collect();
    assert!(d1.len() >= 3 && d1.last() > d1.first(), "{d1:?}");
}

#[test]
fn points_import_replaces_the_playground_points_or_changes_nothing() {
    let mut f = figure("hull2d", "h2.n=30&h2.seed=3");
    let before = (f.query(), f.table());
    // Every kind of problem at once, all listed; nothing changes.
    let bad = "x,y\n1,2\nNaN,1\n1,oops\n3\n1e9,0\n";
    let e = f.import_csv(bad).unwrap_err().to_string();
    for part in [
        "line 3: x is 'NaN', not a finite number",
        "line 4: y is 'oops', not a number",
        "line 5 has 1 fields, expected 2",
        "line 6: x = 1e9 is outside",
    ] {
        assert!(e.contains(part), "{part} in {e}");
    }
    assert_eq!((f.query(), f.table()), before);
    assert!(f
        .import_csv("a,b\n1,2\n")
        .unwrap_err()
        .to_string()
        .contains("unknown column 'a'"));
    let many: String = std::iter::once("x,y\n".to_string())
        .chain((0..2001).map(|i| format!("{},{}\n", i as f64 / 1000.0, 0.5)))
        .collect();
    assert!(f
        .import_csv(&many)
        .unwrap_err()
        .to_string()
        .contains("2001 points; at most 2000"));
    assert_eq!((f.query(), f.table()), before);

    // A good file: a triangle, and the table lists exactly its points as training points.
    let n = f.import_csv("x,y\n-1,-1\n1,-1\n0,1.5\n").expect("valid");
    assert_eq!(n, 3);
    assert!(f.query().contains("h2.dist=own"), "{}", f.query());
    let t = f.table().unwrap();
    let train: Vec<(f64, f64)> = t
        .rows
        .iter()
        .filter(|r| r[0] == Cell::Text("training".into()))
        .map(|r| (num(&r[1]), num(&r[2])))
        .collect();
    assert_eq!(train, vec![(-1.0, -1.0), (1.0, -1.0), (0.0, 1.5)]);
    // Each test verdict agrees with an independent point-in-triangle test (barycentric signs).
    let tri = [(-1.0, -1.0), (1.0, -1.0), (0.0, 1.5)];
    let side = |a: (f64, f64), b: (f64, f64), p: (f64, f64)| {
        (b.0 - a.0) * (p.1 - a.1) - (b.1 - a.1) * (p.0 - a.0)
    };
    for r in t.rows.iter().filter(|r| r[0] == Cell::Text("test".into())) {
        let p = (num(&r[1]), num(&r[2]));
        let s = [
            side(tri[0], tri[1], p),
            side(tri[1], tri[2], p),
            side(tri[2], tri[0], p),
        ];
        if s.iter().all(|v| v.abs() > 1e-9) {
            let inside = s.iter().all(|v| *v > 0.0) || s.iter().all(|v| *v < 0.0);
            assert_eq!(
                r[3],
                Cell::Text(if inside { "yes" } else { "no" }.into()),
                "{p:?}"
            );
        }
    }
    // Figures without a points import say so.
    let mut v = figure("volume", "");
    assert!(v
        .import_csv("x,y\n1,2\n")
        .unwrap_err()
        .to_string()
        .contains("does not take points"));
}

/// The hull playground's own CSV export (training and test points, with verdicts) loads back
/// as exactly its training points: the test rows and the verdict column are the figure's
/// output, not data.
#[test]
fn hull2d_csv_export_loads_back_as_its_training_points() {
    let mut f = figure("hull2d", "h2.n=12&h2.seed=5&h2.tests=40");
    let t = f.table().unwrap();
    let train = |t: &highdim::figures::Table| -> Vec<(f64, f64)> {
        t.rows
            .iter()
            .filter(|r| r[0] == Cell::Text("training".into()))
            .map(|r| (num(&r[1]), num(&r[2])))
            .collect()
    };
    let before = train(&t);
    assert_eq!(before.len(), 12);
    assert!(t.rows.len() > 12, "the export lists test points too");
    let n = f.import_csv(&t.to_csv()).expect("its own export loads");
    assert_eq!(n, 12);
    assert!(f.query().contains("h2.dist=own"), "{}", f.query());
    assert_eq!(train(&f.table().unwrap()), before);
    // A verdict column is only ignored by name; a row labelled otherwise still loads.
    let n = f
        .import_csv(
            "point,x,y,inside the training hull\ntraining,0,0,\nmine,1,0,yes\ntest,5,5,no\n",
        )
        .expect("valid");
    assert_eq!(n, 2);
}

#[test]
fn state_import_round_trips_and_refuses_bad_files_whole() {
    let mut f = figure("ballcube", "");
    let good = r#"{"highdim": 1, "figure": "ballcube", "state": {"d": "20", "seed": 7}}"#;
    f.import_state(good).expect("valid");
    assert!(
        f.query().contains("bc.d=20") && f.query().contains("bc.seed=7"),
        "{}",
        f.query()
    );
    let before = f.query();
    let cases = [
        ("not json", "not a JSON file"),
        (
            r#"{"highdim": 2, "figure": "ballcube", "state": {}}"#,
            "schema version 2",
        ),
        (
            r#"{"highdim": 1, "figure": "teapot", "state": {}}"#,
            "unknown figure kind 'teapot'",
        ),
        (
            r#"{"highdim": 1, "figure": "volume", "state": {}}"#,
            "state of the 'volume' figure",
        ),
        (r#"{"highdim": 1, "figure": "ballcube"}"#, "no \"state\""),
        (
            r#"{"highdim": 1, "figure": "ballcube", "state": {"d": "NaN"}}"#,
            "d:",
        ),
        (
            r#"{"highdim": 1, "figure": "ballcube", "state": {"d": "5000"}}"#,
            "d:",
        ),
        (
            r#"{"highdim": 1, "figure": "ballcube", "state": {"zz": 1}}"#,
            "'zz' is not a setting",
        ),
        (
            r#"{"highdim": 1, "figure": "ballcube", "state": {"d": [1]}}"#,
            "not a number or a word",
        ),
    ];
    for (text, expect) in cases {
        let e = f.import_state(text).unwrap_err().to_string();
        assert!(e.contains(expect), "{expect} in {e}");
        assert!(e.starts_with("the file was not loaded"), "{e}");
        assert_eq!(f.query(), before, "{text}");
    }
    // Several problems are all listed.
    let e = f
        .import_state(r#"{"highdim": 9, "figure": "ballcube", "state": {"zz": 1, "d": "x"}}"#)
        .unwrap_err();
    assert_eq!(e.problems.len(), 3, "{e}");
}

#[test]
fn render_writes_a_png_that_decodes() {
    let dir = std::env::temp_dir().join(format!("highdim-share-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("volume.png");
    let status = Command::new(env!("CARGO_BIN_EXE_highdim"))
        .args([
            "render", "volume", "--width", "400", "--height", "210", "--scale", "2", "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    // IHDR: width and height, big-endian, right after the chunk header.
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((w, h), (800, 420));
    // Decodes, and is not blank: white background, dark text and coloured curves.
    let px = resvg::tiny_skia::Pixmap::decode_png(&bytes).expect("decodes");
    let dark = px
        .pixels()
        .iter()
        .filter(|p| p.red() < 100 && p.green() < 100 && p.blue() < 100 && p.alpha() == 255)
        .count();
    let white = px
        .pixels()
        .iter()
        .filter(|p| p.red() == 255 && p.green() == 255 && p.blue() == 255)
        .count();
    assert!(
        dark > 500 && white > (w * h / 2) as usize,
        "dark {dark}, white {white}"
    );
    // A bad font path is a clear usage error.
    let bad = Command::new(env!("CARGO_BIN_EXE_highdim"))
        .args(["render", "volume", "--font", "/nonexistent.ttf", "--out"])
        .arg(dir.join("x.png"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("cannot read font"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_saved_state_carries_the_readers_own_points() {
    let mut f = figure("hull2d", "h2.tests=100&h2.seed=5");
    // Random points: no "points" in the saved state.
    let plain: serde_json::Value = serde_json::from_str(&f.state_json()).unwrap();
    assert!(plain.get("points").is_none(), "{plain}");
    f.import_csv("x,y\n-1,-1\n1,-1\n0,1.5\n0.2,0.1\n").unwrap();
    let saved = f.state_json();
    let v: serde_json::Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(v["state"]["dist"], "own");
    assert_eq!(
        v["points"],
        serde_json::json!([[-1.0, -1.0], [1.0, -1.0], [0.0, 1.5], [0.2, 0.1]])
    );
    // A fresh figure loading it shows the same points and verdicts.
    let mut g = figure("hull2d", "");
    g.import_state(&saved).expect("valid");
    assert_eq!(g.query(), f.query());
    assert_eq!(g.table(), f.table());
    // Bad points are listed and nothing changes.
    let before = (g.query(), g.table());
    let bad = r#"{"highdim": 1, "figure": "hull2d", "state": {"n": "10"}, "points": [[0, 0], [1], ["a", 2], [1e300, 0], 5]}"#;
    let e = g.import_state(bad).unwrap_err();
    let all = e.problems.join(" | ");
    for part in [
        "point 2 is [1], expected 2 numbers",
        "point 3: x is \"a\", not a number",
        "point 4: x = 1e+300 is outside",
        "point 5 is 5",
    ] {
        assert!(all.contains(part), "{part} in {all}");
    }
    assert_eq!((g.query(), g.table()), before);
    // A figure without a points import refuses points in a state file.
    let mut v = figure("volume", "");
    let e = v
        .import_state(r#"{"highdim": 1, "figure": "volume", "state": {}, "points": [[0, 0]]}"#)
        .unwrap_err();
    assert!(e.to_string().contains("does not take points"), "{e}");
}

/// Twice the signed area of the triangle (a, b, c).
fn cross(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> f64 {
    (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
}

/// Inside the convex hull of `pts` iff inside one of the triangles of three of them
/// (Carathéodory in the plane) — an O(n³) test independent of the core's hull code.
fn in_hull_by_triangles(pts: &[[f64; 2]], x: [f64; 2]) -> bool {
    let n = pts.len();
    for i in 0..n {
        for j in i + 1..n {
            for k in j + 1..n {
                let (a, b, c) = (pts[i], pts[j], pts[k]);
                let s = [cross(a, b, x), cross(b, c, x), cross(c, a, x)];
                if s.iter().all(|&v| v >= 0.0) || s.iter().all(|&v| v <= 0.0) {
                    // Skip flat triangles: they hold no area (the samples here are in
                    // general position).
                    if cross(a, b, c) != 0.0 {
                        return true;
                    }
                }
            }
        }
    }
    false
}

fn text(c: &Cell) -> &str {
    match c {
        Cell::Text(t) => t,
        Cell::Num(v) => panic!("expected text, got {v}"),
    }
}

#[test]
fn definitions2d_table_verdicts_match_the_definitions_run_on_its_points() {
    let mut checked = 0;
    // Per definition, whether a "yes" and a "no" were seen (so every column is tested both ways).
    let mut seen = [[false; 2]; 5];
    for dist in ["gauss", "uniform"] {
        for seed in [2, 7] {
            // Points spread over the view: inside everything, in the box but not the hull,
            // in the band only, outside everything.
            for (x, y) in [
                (0.1, -0.2),
                (1.9, -2.3),
                (2.2, 1.7),
                (3.4, 0.4),
                (0.3, 3.9),
                (3.9, -3.9),
            ] {
                let q = format!("d2.n=40&d2.seed={seed}&d2.dist={dist}&d2.x={x}&d2.y={y}");
                let f = figure("definitions2d", &q);
                let t = f.table().unwrap();
                assert_eq!(t.rows.len(), 41, "{q}");
                assert_eq!(t.columns[0..3], ["point", "x", "y"]);
                assert_eq!(t.columns.len(), 3 + Definition::ALL.len());
                // The training rows are the figure's sample, drawn independently here.
                let pts: Vec<[f64; 2]> = t.rows[1..]
                    .iter()
                    .map(|r| {
                        assert_eq!(text(&r[0]), "training");
                        assert!(r[3..].iter().all(|c| text(c).is_empty()));
                        [num(&r[1]), num(&r[2])]
                    })
                    .collect();
                let params = Definitions2dParams::from_query(&q).0;
                assert_eq!(pts, training_points(&params), "{q}");
                // The test point row.
                let r = &t.rows[0];
                assert_eq!(text(&r[0]), "test point");
                assert_eq!([num(&r[1]), num(&r[2])], [x, y]);
                let data: Vec<f64> = pts.iter().flatten().copied().collect();
                let mut inside = 0;
                for (i, &def) in Definition::ALL.iter().enumerate() {
                    assert!(t.columns[3 + i].starts_with("inside: "), "{:?}", t.columns);
                    let region = fit(def, 2, &data, &FitOptions::default()).unwrap();
                    let want = region.contains(&[x, y]).unwrap();
                    let got = text(&r[3 + i]);
                    assert_eq!(got, if want { "yes" } else { "no" }, "{q}: {def:?}");
                    inside += want as usize;
                    seen[i][want as usize] = true;
                }
                // Independent of the core: box and band from the coordinates' ranges, the
                // hull from triangles.
                let range = |k: usize, v: f64| {
                    let lo = pts.iter().map(|p| p[k]).fold(f64::INFINITY, f64::min);
                    let hi = pts.iter().map(|p| p[k]).fold(f64::NEG_INFINITY, f64::max);
                    lo <= v && v <= hi
                };
                let yes = |c: &Cell| text(c) == "yes";
                assert_eq!(yes(&r[3]), in_hull_by_triangles(&pts, [x, y]), "{q}: hull");
                assert_eq!(yes(&r[4]), range(0, x) && range(1, y), "{q}: box");
                assert_eq!(yes(&r[5]), range(0, x) || range(1, y), "{q}: any");
                // The caption counts the same verdicts.
                let s = f.summary();
                if inside > 0 && inside < 5 {
                    assert!(
                        s.contains(&format!("interpolation under {inside} of the 5")),
                        "{s}"
                    );
                }
                assert!(
                    t.title.contains(&format!("inside {inside} of the 5")),
                    "{}",
                    t.title
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 24);
    assert_eq!(
        seen, [[true; 2]; 5],
        "every definition says both yes and no"
    );
    // A degenerate sample (one point) still tabulates, every region fitted.
    let t = figure("definitions2d", "d2.n=1&d2.x=3&d2.y=3")
        .table()
        .unwrap();
    assert_eq!(t.rows.len(), 2);
    assert!(
        t.rows[0][3..].iter().all(|c| text(c) == "no"),
        "{:?}",
        t.rows[0]
    );
}

#[test]
fn definitionscurve_table_holds_the_plotted_and_captioned_numbers() {
    for dist in ["gauss", "cube"] {
        let q = format!("dc.dmax=6&dc.n=100&dc.tests=60&dc.seed=2&dc.dist={dist}");
        let f = figure("definitionscurve", &q);
        let t = f.table().unwrap();
        let dims = dims_up_to(6);
        assert_eq!(t.rows.len(), Definition::ALL.len() * dims.len(), "{q}");
        // The exact values given each d's training set, recomputed from that training set
        // (the one-training-set sampler the sweep draws with) and the fitted regions.
        let spec = DefinitionsCurveFigure::new(DefinitionsCurveParams::from_query(&q).0).spec();
        let given = |def: Definition, j: usize| {
            let data = InsideFraction::new(spec.params(j))
                .unwrap()
                .hull()
                .data()
                .to_vec();
            let region = fit(def, dims[j] as usize, &data, &FitOptions::default()).unwrap();
            match region {
                FittedRegion::BoundingBox(b) => b.probability(spec.distribution).unwrap(),
                FittedRegion::AnyCoordinate(a) => a.probability(spec.distribution).unwrap(),
                _ => unreachable!(),
            }
        };
        for (k, &def) in Definition::ALL.iter().enumerate() {
            for (j, &d) in dims.iter().enumerate() {
                let r = &t.rows[k * dims.len() + j];
                assert_eq!(text(&r[0]), def.name());
                assert_eq!(num(&r[1]), d as f64);
                assert_eq!(num(&r[2]), 100.0);
                assert_eq!(num(&r[4]), 60.0);
                let p = num(&r[3]) / num(&r[4]);
                assert_eq!(num(&r[5]), p);
                assert!(num(&r[6]) <= p && p <= num(&r[7]), "{r:?}");
                let (exact_given, exact_mean) = (num(&r[8]), num(&r[9]));
                match def {
                    Definition::BoundingBox => assert_eq!(exact_mean, box_exact(100, d)),
                    Definition::AnyCoordinate => assert_eq!(exact_mean, any_exact(100, d)),
                    _ => assert!(exact_mean.is_nan()),
                }
                match def {
                    Definition::BoundingBox | Definition::AnyCoordinate => {
                        assert_eq!(exact_given, given(def, j), "{def:?} d = {d}")
                    }
                    _ => assert!(exact_given.is_nan()),
                }
            }
        }
        // Box at d = 1 by hand: (N − 1)/(N + 1) averaged over training sets.
        assert!((num(&t.rows[dims.len()][9]) - 99.0 / 101.0).abs() < 1e-15);
        // The caption's numbers at the largest d are the table's last row per definition.
        let s = f.summary();
        assert!(s.contains("d = 6, N = 100: "), "{s}");
        for (k, &def) in Definition::ALL.iter().enumerate() {
            let r = &t.rows[k * dims.len() + dims.len() - 1];
            assert_eq!(num(&r[1]), 6.0);
            let name = match def {
                Definition::BoundingBox => "box",
                Definition::AnyCoordinate => "any",
                other => other.name(),
            };
            assert!(
                s.contains(&format!("{name} {}", percent(num(&r[5])))),
                "{s}"
            );
        }
        // Inclusions hold row by row (hull ⊂ box ⊂ band; hull ⊂ ellipsoid, ball).
        for j in 0..dims.len() {
            let inside = |k: usize| num(&t.rows[k * dims.len() + j][3]);
            assert!(inside(0) <= inside(1) && inside(1) <= inside(2));
            assert!(inside(0) <= inside(3) && inside(0) <= inside(4));
        }
    }
    // Before any result arrives there is no table (the page says it is still computing).
    let (f, _) = AnyFigure::from_query("definitionscurve", "dc.dmax=6").unwrap();
    assert!(f.table().is_none());
}

fn shipped_digits() -> Digits {
    Digits::from_bytes(&std::fs::read("data/mnist5k.bin").unwrap()).unwrap()
}

/// The largest eigenvalue's share of the trace of the centred training images' covariance,
/// by power iteration on their Gram matrix (same non-zero spectrum), independent of the
/// figure's PCA.
fn first_component_share(d: &Digits, train: &[usize]) -> f64 {
    let p = d.pixels_per_image();
    let n = train.len();
    let mut mean = vec![0.0; p];
    for &i in train {
        for (m, &v) in mean.iter_mut().zip(d.image(i)) {
            *m += v as f64 / n as f64;
        }
    }
    let x: Vec<Vec<f64>> = train
        .iter()
        .map(|&i| {
            d.image(i)
                .iter()
                .zip(&mean)
                .map(|(&v, m)| v as f64 - m)
                .collect()
        })
        .collect();
    let g: Vec<Vec<f64>> = x
        .iter()
        .map(|a| {
            x.iter()
                .map(|b| a.iter().zip(b).map(|(u, v)| u * v).sum())
                .collect()
        })
        .collect();
    let trace: f64 = (0..n).map(|i| g[i][i]).sum();
    let mut v = vec![1.0; n];
    let mut lambda = 0.0;
    for _ in 0..3000 {
        let w: Vec<f64> = g
            .iter()
            .map(|r| r.iter().zip(&v).map(|(a, b)| a * b).sum())
            .collect();
        let norm = w.iter().map(|a| a * a).sum::<f64>().sqrt();
        lambda = v.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>()
            / v.iter().map(|a| a * a).sum::<f64>();
        v = w.iter().map(|a| a / norm).collect();
    }
    lambda / trace
}

#[test]
fn digitscurve_table_holds_the_plotted_and_captioned_numbers() {
    let d = shipped_digits();
    let q = "dg.n=100&dg.tests=50&dg.kmax=16&dg.seed=2";
    let f = figure("digitscurve", q);
    let t = f.table().unwrap();
    assert_eq!(t.columns[0], "reduction");
    let names = ["centre crop", "smoothed subsample", "principal components"];
    let ks = [1.0, 4.0, 9.0, 16.0];
    assert_eq!(t.rows.len(), names.len() * ks.len(), "{:?}", t.rows);
    for (i, r) in t.rows.iter().enumerate() {
        assert_eq!(text(&r[0]), names[i / ks.len()]);
        assert_eq!(num(&r[1]), ks[i % ks.len()]);
        assert_eq!(num(&r[2]), 100.0);
        assert_eq!(num(&r[4]), 50.0);
        assert_eq!(num(&r[5]), num(&r[3]) / 50.0);
        // Only the components' rows carry the explained variance (the dashed curve).
        assert_eq!(num(&r[6]).is_nan(), i / ks.len() != 2, "{r:?}");
    }
    // The caption's shares at k = 16 are the table's.
    let s = f.summary();
    for (i, what) in [
        "centre pixels (a crop)",
        "pixels of the smoothed, subsampled image",
        "principal components",
    ]
    .iter()
    .enumerate()
    {
        let r = &t.rows[i * ks.len() + 3];
        let want = format!("With 16 {what}, {} of test digits", percent(num(&r[5])));
        assert!(s.contains(&want), "{s}\n{want}");
    }
    let pca = &t.rows[2 * ks.len()..];
    assert!(
        s.contains(&format!(
            "16 components explain {} of the pixel variance",
            percent(num(&pca[3][6]))
        )),
        "{s}"
    );
    // The explained variance grows with k, below 1, and at k = 1 is the top eigenvalue's
    // share computed here by power iteration.
    let split = Split::new(d.len(), TEST_IMAGES, 2);
    let train = &split.train[..100];
    let test = &split.test[..50];
    for w in pca.windows(2) {
        assert!(num(&w[0][6]) < num(&w[1][6]) && num(&w[1][6]) < 1.0);
    }
    let share = first_component_share(&d, train);
    assert!(
        (num(&pca[0][6]) - share).abs() < 1e-9,
        "{} vs {share}",
        num(&pca[0][6])
    );
    // The crop at k = 1 keeps the pixel (13, 13): a test digit is inside the training hull
    // iff that pixel lies within the training digits' range.
    let px = |i: usize| d.image(i)[13 * 28 + 13];
    let lo = train.iter().map(|&i| px(i)).min().unwrap();
    let hi = train.iter().map(|&i| px(i)).max().unwrap();
    let inside = test.iter().filter(|&&i| (lo..=hi).contains(&px(i))).count();
    assert_eq!(num(&t.rows[0][3]), inside as f64);
    // Before the data arrive there is no table (the page says why).
    let (f, _) = AnyFigure::from_query("digitscurve", q).unwrap();
    assert!(f.table().is_none());
}

#[test]
fn digitsproject_table_holds_the_projection_and_blend() {
    let d = shipped_digits();
    let image = |i: usize| -> Vec<f64> { d.image(i).iter().map(|&v| v as f64).collect() };
    let dist = |a: &[f64], b: &[f64]| {
        a.iter()
            .zip(b)
            .map(|(x, y)| (x - y).powi(2))
            .sum::<f64>()
            .sqrt()
    };
    let mut outside = 0;
    for (i, mix) in [(0, 0.5), (3, 0.3), (7, 0.8)] {
        let q = format!("dp.n=100&dp.i={i}&dp.mix={mix}&dp.seed=4");
        let f = figure("digitsproject", &q);
        let t = f.table().unwrap();
        let split = Split::new(d.len(), TEST_IMAGES, 4);
        let train = &split.train[..100];
        let test = split.test[i];
        let x = image(test);
        // The test digit.
        let r = &t.rows[0];
        assert_eq!(text(&r[0]), "test digit");
        assert_eq!(num(&r[1]), test as f64);
        assert_eq!(num(&r[2]), d.label(test) as f64);
        // The closest point of the hull, rebuilt from the table's weights and the data file.
        assert_eq!(text(&t.rows[1][0]), "closest point of the hull");
        let hull_d = num(&t.rows[1][4]);
        let mixed: Vec<&Vec<Cell>> = t
            .rows
            .iter()
            .filter(|r| text(&r[0]) == "closest point: training digit mixed")
            .collect();
        assert!(!mixed.is_empty());
        let mut y = vec![0.0; x.len()];
        let mut total = 0.0;
        for r in &mixed {
            let (j, w) = (num(&r[1]) as usize, num(&r[3]));
            assert!(train.contains(&j), "{j} is a training digit");
            assert_eq!(num(&r[2]), d.label(j) as f64);
            assert!(w > 0.0);
            assert!((num(&r[4]) - dist(&x, &image(j))).abs() < 1e-9);
            total += w;
            for (o, v) in y.iter_mut().zip(image(j)) {
                *o += w * v;
            }
        }
        assert!((total - 1.0).abs() < 1e-9, "weights sum to {total}");
        let xy = dist(&x, &y);
        assert!(
            (xy - hull_d).abs() < 1e-6 * (1.0 + hull_d),
            "{xy} vs {hull_d}"
        );
        // Optimality: no training digit lies beyond the supporting plane through y, i.e.
        // ⟨x − y, t − y⟩ ≤ 0 up to the solver's tolerance.
        for &j in train {
            let tj = image(j);
            let dot: f64 = x
                .iter()
                .zip(&y)
                .zip(&tj)
                .map(|((a, b), c)| (a - b) * (c - b))
                .sum();
            assert!(
                dot <= 1e-3 * (1.0 + hull_d) * dist(&tj, &y),
                "{q}: digit {j}: {dot}"
            );
        }
        // The nearest training digit, by brute force.
        let (near, near_d) = train
            .iter()
            .map(|&j| (j, dist(&x, &image(j))))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap();
        let r = t
            .rows
            .iter()
            .find(|r| text(&r[0]) == "nearest training digit")
            .unwrap();
        assert_eq!(num(&r[1]), near as f64);
        assert!((num(&r[4]) - near_d).abs() < 1e-9);
        assert!(
            hull_d <= near_d + 1e-9,
            "the hull holds every training digit"
        );
        // The blend: the nearest digit and one of another class, with the figure's weights;
        // its distances to each are the caption's.
        let a = t
            .rows
            .iter()
            .find(|r| text(&r[0]) == "blend: first digit")
            .unwrap();
        let b = t
            .rows
            .iter()
            .find(|r| text(&r[0]) == "blend: second digit")
            .unwrap();
        assert_eq!(num(&a[1]), near as f64);
        assert_ne!(num(&a[2]), num(&b[2]));
        assert_eq!((num(&a[3]), num(&b[3])), (mix, 1.0 - mix));
        let (ia, ib) = (image(num(&a[1]) as usize), image(num(&b[1]) as usize));
        let blend: Vec<f64> = ia
            .iter()
            .zip(&ib)
            .map(|(u, v)| mix * u + (1.0 - mix) * v)
            .collect();
        assert!((num(&a[5]) - dist(&blend, &ia)).abs() < 1e-9);
        assert!((num(&b[5]) - dist(&blend, &ib)).abs() < 1e-9);
        let s = f.summary();
        assert!(
            s.contains(&format!(
                "at distance {} from the first digit and {} from the second",
                number(num(&a[5]), 3),
                number(num(&b[5]), 3)
            )),
            "{s}"
        );
        if hull_d > 0.0 {
            outside += 1;
            assert!(
                s.contains(&format!(
                    "at distance {} ({}",
                    number(hull_d, 3),
                    percent(hull_d / dist(&x, &vec![0.0; x.len()]))
                )) && s.contains(&format!("mixes {} training digits", mixed.len())),
                "{s}"
            );
        }
    }
    assert!(outside > 0, "some test digit lies outside the hull of 100");
    let (f, _) = AnyFigure::from_query("digitsproject", "dp.n=100").unwrap();
    assert!(f.table().is_none());
}

#[test]
fn relu_points_import_checks_every_row_and_round_trips_through_link_and_state() {
    let mut f = figure("relu", "nn.width=4&nn.depth=1&nn.seed=3");
    let before = (f.query(), f.table(), f.summary());
    assert!(!before.0.contains("pts"), "{}", before.0);
    assert_eq!(
        f.point_import()
            .map(|p| p.columns.iter().map(|c| c.name).collect::<Vec<_>>()),
        Some(vec!["x", "y", "class"])
    );
    // Every kind of bad row at once, all named; nothing changes.
    let bad = "x,y,class\n0.5,0.5,0\nNaN,0,1\n0,0,7\n1.5,0,1\n0,-1.3,2\n0.1,0.1,1.5\n0,0\n0,0,-1\n";
    let e = f.import_csv(bad).unwrap_err();
    let all = e.problems.join(" | ");
    for part in [
        "line 3: x is 'NaN', not a finite number",
        "line 4: class = 7 is outside 0…3",
        "line 5: x = 1.5 is outside -1.2…1.2",
        "line 6: y = -1.3 is outside -1.2…1.2",
        "line 7: class = 1.5 must be a whole number",
        "line 8 has 2 fields, expected 3",
        "line 9: class = -1 is outside 0…3",
    ] {
        assert!(all.contains(part), "{part} in {all}");
    }
    assert_eq!(e.problems.len(), 7, "{all}");
    assert!(e
        .to_string()
        .starts_with("the file was not loaded (nothing changed)"));
    assert_eq!((f.query(), f.table(), f.summary()), before);
    // Too many points: the link carries at most 200.
    let many: String = std::iter::once("x,y,class\n".to_string())
        .chain((0..201).map(|i| format!("{},0,{}\n", (i % 200) as f64 / 200.0, i % 4)))
        .collect();
    let e = f.import_csv(&many).unwrap_err().to_string();
    assert!(e.contains("201 points; at most 200"), "{e}");
    assert!(f
        .import_csv("x,y\n0,0\n")
        .unwrap_err()
        .to_string()
        .contains("missing column 'class'"));
    assert!(f
        .import_csv("x,y,class\n")
        .unwrap_err()
        .to_string()
        .contains("at least 1"));
    assert_eq!((f.query(), f.table(), f.summary()), before);

    // A good file (columns in any order, `;` separated): the own points, as the link writes
    // them by hand (class letter, x, `_`, y), and a table of exactly these points.
    let good = "class;y;x\n0;0.5;-0.5\n1;-0.5;0.5\n2;1.2;-1.2\n3;0;0\n0;-0.25;0.25\n1;0.123;0.1\n";
    assert_eq!(f.import_csv(good), Ok(6));
    let q = f.query();
    assert!(q.contains("nn.data=own"), "{q}");
    assert!(
        q.ends_with("&nn.pts=a-0.5_0.5b0.5_-0.5c-1.2_1.2d0_0a0.25_-0.25b0.1_0.12"),
        "{q}"
    );
    let s = f.summary();
    assert!(
        s.starts_with("Loaded 6 points from a file (5 training, 1 test); 1 rounded"),
        "{s}"
    );
    // Every fifth point is a test point: the fifth, (0.25, -0.25) of class A.
    let t = f.table().unwrap();
    let rows: Vec<(String, f64, f64, String)> = t
        .rows
        .iter()
        .map(|r| match (&r[0], &r[3]) {
            (Cell::Text(set), Cell::Text(c)) => (set.clone(), num(&r[1]), num(&r[2]), c.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    let tr = |x: f64, y: f64, c: &str| ("training".to_string(), x, y, c.to_string());
    assert_eq!(
        rows,
        vec![
            tr(-0.5, 0.5, "A"),
            tr(0.5, -0.5, "B"),
            tr(-1.2, 1.2, "C"),
            tr(0.0, 0.0, "D"),
            // Own points are listed in the order they were added, so the CSV loads back
            // with the same test points.
            ("test".into(), 0.25, -0.25, "A".into()),
            tr(0.1, 0.12, "B"),
        ]
    );
    // The imported state is the one its link loads: same table, same network.
    let link = figure("relu", &q);
    assert_eq!(link.table(), f.table());
    assert_eq!(link.query(), q);

    // The saved state carries the points as [x, y, class]; a fresh figure loading it shows
    // the same points, link and caption (less the import note).
    let saved = f.state_json();
    let v: serde_json::Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(v["state"]["data"], "own");
    assert_eq!(v["points"].as_array().map(Vec::len), Some(6));
    assert_eq!(v["points"][2], serde_json::json!([-1.2, 1.2, 2.0]));
    let mut g = figure("relu", "nn.data=circles");
    g.import_state(&saved).expect("valid");
    assert_eq!(g.query(), q);
    assert_eq!(g.table(), f.table());
    let tail = |s: &str| s.find("Untrained (step 0)").map(|i| s[i..].to_string());
    assert!(tail(&g.summary()).is_some(), "{}", g.summary());
    assert_eq!(tail(&g.summary()), tail(&f.summary()));
    // Bad points in a state file are listed and nothing changes.
    let before = (g.query(), g.table(), g.summary());
    let bad = r#"{"highdim": 1, "figure": "relu", "state": {"width": "8"}, "points": [[0, 0], [0, 0, 4], [2, 0, 1], [0, 0, 0.5]]}"#;
    let e = g.import_state(bad).unwrap_err();
    let all = e.problems.join(" | ");
    for part in [
        "point 1 is [0,0], expected 3 numbers",
        "point 2: class = 4 is outside 0…3",
        "point 3: x = 2 is outside -1.2…1.2",
        "point 4: class = 0.5 must be a whole number",
    ] {
        assert!(all.contains(part), "{part} in {all}");
    }
    assert_eq!((g.query(), g.table(), g.summary()), before);
    // Generated data: no points in the saved state.
    let plain: serde_json::Value =
        serde_json::from_str(&figure("relu", "nn.data=moons").state_json()).unwrap();
    assert!(plain.get("points").is_none(), "{plain}");
}
