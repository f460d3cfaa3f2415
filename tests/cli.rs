//! The `highdim` command line, run as a process: output formats, closed-form values, and
//! exit code 2 with a clear message on bad input.

use std::process::{Command, Output};

fn highdim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_highdim"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn volume_prints_the_documented_fields() {
    let v = json(&highdim(&["volume", "--d", "10"]));
    let keys = [
        "d",
        "unit_ball_volume",
        "log10_unit_ball_volume",
        "ball_in_cube_fraction",
        "log10_ball_in_cube_fraction",
        "sphere_area",
        "shell_fraction",
    ];
    for k in keys {
        assert!(v.get(k).is_some(), "missing {k} in {v}");
    }
    assert_eq!(v["d"], 10);
    let f = v["ball_in_cube_fraction"].as_f64().unwrap();
    assert!((f - 0.002_490_39).abs() < 1e-8, "{f}");
    // π⁵/120
    let vol = v["unit_ball_volume"].as_f64().unwrap();
    assert!((vol - std::f64::consts::PI.powi(5) / 120.0).abs() < 1e-12);
    // Default ε = 0.01: 1 − 0.99¹⁰.
    let shell = v["shell_fraction"].as_f64().unwrap();
    assert!((shell - (1.0 - 0.99f64.powi(10))).abs() < 1e-12);
}

#[test]
fn volume_in_huge_dimension_keeps_the_logarithms() {
    let v = json(&highdim(&["volume", "--d", "10000", "--eps", "0.5"]));
    assert_eq!(v["ball_in_cube_fraction"].as_f64(), Some(0.0));
    let l = v["log10_ball_in_cube_fraction"].as_f64().unwrap();
    // Independent: Stirling-free sum of logs for Γ(5001) = 5000!.
    let ln_fact: f64 = (2..=5000u32).map(|k| (k as f64).ln()).sum();
    let want = (5000.0 * std::f64::consts::PI.ln() - ln_fact) / std::f64::consts::LN_10
        - 10000.0 * 2f64.log10();
    assert!((l - want).abs() < 1e-8 * want.abs(), "{l} vs {want}");
    assert!((v["shell_fraction"].as_f64().unwrap() - 1.0).abs() < 1e-12);
}

#[test]
fn bad_arguments_exit_with_code_2_and_a_message() {
    for args in [
        &["volume", "--d", "0"][..],
        &["volume", "--d", "abc"],
        &["volume"],
        &["volume", "--d", "5", "--eps", "1.5"],
        &["volume", "--d", "5", "--eps", "NaN"],
        &["render", "nosuchfigure", "--out", "/tmp/highdim-never.svg"],
        &[
            "regions",
            "--net",
            "/nonexistent/net.json",
            "--window",
            "0,1,0,1",
        ],
        &["frobnicate"],
    ] {
        let out = highdim(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("error"), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn regions_counts_a_known_network() {
    let dir = std::env::temp_dir().join(format!("highdim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let net = dir.join("net.json");
    // Two ReLUs on the axes: the square [-1,1]² is cut into its four quadrants.
    std::fs::write(
        &net,
        r#"{"layers": [{"weights": [[1, 0], [0, 1]], "biases": [0, 0]},
                       {"weights": [[1, 1]], "biases": [0]}]}"#,
    )
    .unwrap();
    let v = json(&highdim(&[
        "regions",
        "--net",
        net.to_str().unwrap(),
        "--window",
        "-1,1,-1,1",
    ]));
    assert_eq!(v["regions"], 4);
    assert_eq!(v["per_layer"], serde_json::json!([4]));
    // A window beside both lines has one region.
    let v = json(&highdim(&[
        "regions",
        "--net",
        net.to_str().unwrap(),
        "--window",
        "1,2,1,2",
    ]));
    assert_eq!(v["regions"], 1);
    std::fs::write(
        &net,
        r#"{"layers": [{"weights": [[1, 0, 0]], "biases": [0]}]}"#,
    )
    .unwrap();
    let out = highdim(&[
        "regions",
        "--net",
        net.to_str().unwrap(),
        "--window",
        "-1,1,-1,1",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("net.json"));
}

#[test]
fn render_writes_an_svg_and_prints_the_caption() {
    let out_path = std::env::temp_dir().join(format!("highdim-render-{}.svg", std::process::id()));
    let out = highdim(&[
        "render",
        "ballcube",
        "--params",
        "bc.d=20&bc.m=5000&bc.seed=3",
        "--out",
        out_path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let caption = String::from_utf8_lossy(&out.stdout);
    assert!(caption.contains("d = 20"), "{caption}");
    assert!(caption.contains("of 5,000 random points"), "{caption}");
    let svg = std::fs::read_to_string(&out_path).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..40.min(svg.len())]);
    assert!(svg.trim_end().ends_with("</svg>"));
    // A clamped link value is reported as a note on stderr, and still renders.
    let out = highdim(&[
        "render",
        "volume",
        "--params",
        "vol.d=99999",
        "--out",
        out_path.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("above the maximum"));
    std::fs::remove_file(&out_path).ok();
}

#[test]
fn hull_and_curve_commands() {
    let dir = std::env::temp_dir().join(format!("highdim-cli-hull-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let train = dir.join("X.csv");
    let test = dir.join("Y.csv");
    std::fs::write(&train, "x,y\n0,0\n4,0\n0,4\n").unwrap();
    // Inside, on a vertex, outside at distance 1 from the edge x + y = 4 … at (3, 3): √2.
    std::fs::write(&test, "1,1\n0,0\n3,3\n-1,0\n").unwrap();
    let out = highdim(&[
        "hull",
        "--train",
        train.to_str().unwrap(),
        "--test",
        test.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows[0], vec!["index", "inside", "distance"]);
    assert_eq!(rows[1][1], "true");
    assert_eq!(rows[2][1], "true");
    assert_eq!(rows[3][1], "false");
    let d: f64 = rows[3][2].parse().unwrap();
    assert!((d - 2f64.sqrt()).abs() < 1e-9, "{d}");
    assert_eq!(rows[4][1], "false");
    assert!((rows[4][2].parse::<f64>().unwrap() - 1.0).abs() < 1e-9);

    // A malformed file is named with its line, exit code 2.
    std::fs::write(&test, "1,1\n2,oops\n").unwrap();
    let out = highdim(&[
        "hull",
        "--train",
        train.to_str().unwrap(),
        "--test",
        test.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Y.csv line 2"), "{err}");
    // Mismatched dimensions.
    std::fs::write(&test, "1,1,1\n").unwrap();
    let out = highdim(&[
        "hull",
        "--train",
        train.to_str().unwrap(),
        "--test",
        test.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));

    // The curve in 1-D follows the exact law P(inside) = (N − 1)/(N + 1).
    let out = highdim(&[
        "curve", "--dims", "1", "--n", "9", "--tests", "4000", "--seed", "7", "--dist", "uniform",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("d,n,tests,inside,p,ci_low,ci_high"));
    let row: Vec<f64> = lines
        .next()
        .unwrap()
        .split(',')
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(&row[..3], &[1.0, 9.0, 4000.0]);
    // A fresh training set per test: 4,000 independent trials of p = 0.8, standard error
    // 0.0063; 4.5 of them is 0.028 (one training set per cell needed ±0.15 here).
    let se = (0.8f64 * 0.2 / 4000.0).sqrt();
    assert!((row[4] - 0.8).abs() < 4.5 * se, "{row:?}");
    assert!(row[5] <= row[4] && row[4] <= row[6]);
    let out = highdim(&["curve", "--dims", "1..3", "--n", "10,100", "--tests", "20"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().lines().count(),
        1 + 3 * 2,
        "1..3 is inclusive"
    );
    for bad in [
        &["curve", "--dims", "5..2", "--n", "10"][..],
        &["curve", "--dims", "2", "--n", "x"],
        &["curve", "--dims", "2", "--n", "10", "--dist", "cone"],
    ] {
        assert_eq!(highdim(bad).status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn inside_command_under_every_definition() {
    let dir = std::env::temp_dir().join(format!("highdim-cli-inside-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let train = dir.join("X.csv");
    let test = dir.join("Y.csv");
    // The square (±1, ±1): its MVEE is the circle of radius √2.
    std::fs::write(&train, "1,1\n1,-1\n-1,1\n-1,-1\n").unwrap();
    // Inside the square; outside the square but inside the circle; inside the range on one
    // coordinate only; outside everything.
    std::fs::write(&test, "0.5,0.5\n1.3,0\n0,5\n5,5\n").unwrap();
    let run = |def: &str| -> Vec<bool> {
        let out = highdim(&[
            "inside",
            "--definition",
            def,
            "--train",
            train.to_str().unwrap(),
            "--test",
            test.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{def}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("index,inside"));
        lines
            .map(|l| l.split(',').nth(1).unwrap() == "true")
            .collect()
    };
    assert_eq!(run("hull"), vec![true, false, false, false]);
    assert_eq!(run("box"), vec![true, false, false, false]);
    assert_eq!(run("any"), vec![true, true, true, false]);
    assert_eq!(run("ellipsoid"), vec![true, true, false, false]);
    let out = highdim(&[
        "inside",
        "--definition",
        "cone",
        "--train",
        train.to_str().unwrap(),
        "--test",
        test.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cone"));
}

#[test]
fn digits_command_prints_the_curve_as_csv() {
    let out = highdim(&[
        "digits",
        "--reduction",
        "pca,crop",
        "--k",
        "1..16",
        "--train",
        "300",
        "--test",
        "50",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "reduction,k,tested,inside,fraction,explained");
    // PCA and crop at the squares 1, 4, 9, 16.
    assert_eq!(lines.len(), 1 + 2 * 4, "{text}");
    assert!(lines[1].starts_with("pca,1,50,"), "{text}");
    assert!(lines[5].starts_with("crop,1,50,50,1.000000,"), "{text}");
    for bad in [
        &["digits", "--reduction", "blur"][..],
        &["digits", "--k", "9..4"],
        &["digits", "--train", "0"],
        &["digits", "--data", "/no/such/file"],
        &["digits", "--reduction", "crop", "--k", "5"],
    ] {
        let out = highdim(bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(!out.stderr.is_empty());
    }
}
