//! Sharing and classroom features, natively: every figure's data table (the CSV export and
//! the page's "show data as table"), imports of points and saved states refused with every
//! problem listed and nothing changed, and PNG output of `highdim render`.

use highdim::figures::{AnyFigure, Cell};
use highdim::math::volume::{ln_ball_in_cube_fraction, shell_fraction};
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
];

fn figure(kind: &str, query: &str) -> AnyFigure {
    let (mut f, _) = AnyFigure::from_query(kind, query).expect("known kind");
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
        if !kinds.contains(k) {
            eprintln!("note: figure '{k}' is not covered by this test yet");
        }
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
            tr(0.1, 0.12, "B"),
            ("test".into(), 0.25, -0.25, "A".into()),
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
