//! Every figure rendered natively to SVG: well-formed, showing what its caption says, and
//! robust at the extremes of every parameter.

use highdim::figures::{render_svg, AnyFigure};
use highdim::params::Control;

fn render(kind: &str, query: &str, width: u32, complete: bool) -> (AnyFigure, String) {
    let (mut fig, notes) = AnyFigure::from_query(kind, query).expect("known kind");
    assert!(notes.is_empty(), "{notes:?}");
    if complete {
        fig.complete_jobs().expect("job runs");
    }
    let h = fig.height_for(width as f64).round() as u32;
    let svg = render_svg(&fig, width, h).expect("draws");
    roxmltree::Document::parse(&svg).expect("well-formed SVG");
    (fig, svg)
}

fn count(svg: &str, needle: &str) -> usize {
    svg.matches(needle).count()
}

#[test]
fn volume_marks_the_maxima_and_the_chosen_dimension() {
    let (_, svg) = render("volume", "vol.d=10", 900, true);
    assert!(svg.contains("max at d = 5"));
    assert!(svg.contains("max at d = 7"));
    assert!(svg.contains("d = 10: share 0.00249"));
    assert!(count(&svg, "<polyline") >= 3, "three curves");
    let (_, other) = render("volume", "vol.d=500", 900, true);
    assert_ne!(svg, other);
    assert!(other.contains("d = 500"));
}

#[test]
fn ballcube_picture_agrees_with_its_legend() {
    let (fig, svg) = render("ballcube", "bc.d=2&bc.m=2000&bc.seed=5", 900, true);
    // Inside points are filled circles, outside points crosses (two lines each).
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let circles = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .count();
    let legend = doc
        .descendants()
        .filter_map(|n| n.text())
        .find(|t| t.contains("inside the ball"))
        .expect("legend");
    let inside: usize = legend
        .split("inside the ball: ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .map(|s| s.replace(',', "").parse().unwrap())
        .unwrap();
    assert_eq!(circles, inside, "{legend}");
    // π/4 of 2,500 picture points, within 4σ.
    assert!(
        (inside as f64 - 2500.0 * std::f64::consts::FRAC_PI_4).abs() < 4.0 * 20.5,
        "{inside}"
    );
    assert!(fig.summary().contains("of 2,000 random points"));
    assert!(svg.contains("ball radius ½"));

    let (_, svg20) = render("ballcube", "bc.d=20&bc.m=2000", 900, true);
    assert!(
        svg20.contains("inside the ball: 0"),
        "no point of the 20-cube is in its ball"
    );
    assert!(svg20.contains("shadow on 2 of 20 axes"));
}

#[test]
fn ballcube_slice_moves_with_z() {
    let (_, mid) = render("ballcube", "bc.d=3&bc.m=1000&bc.z=0.5", 900, false);
    let (_, edge) = render("ballcube", "bc.d=3&bc.m=1000&bc.z=0.02", 900, false);
    assert!(mid.contains("slice at height z = 0.50"));
    assert!(edge.contains("slice at height z = 0.02"));
    // Near a face the ball's cross-section is a small disk: far fewer inside points.
    let circles = |s: &str| count(s, "<circle");
    assert!(
        circles(&mid) > 3 * circles(&edge),
        "{} vs {}",
        circles(&mid),
        circles(&edge)
    );
    // Before the Monte Carlo finishes the histogram says so instead of staying blank.
    assert!(mid.contains("sampling…"));
}

#[test]
fn shell_and_distances_show_their_numbers() {
    let (fig, svg) = render("shell", "sh.d=100&sh.eps=0.01", 900, true);
    assert!(svg.contains("d = 100: 63%"), "{}", fig.summary());
    assert!(svg.contains("shell: 63%"));
    let (fig, svg) = render("distances", "dist.d=50&dist.n=60", 900, true);
    assert!(svg.contains("d = 50:"), "{}", fig.summary());
    assert!(
        fig.summary().contains("1,770 pairwise distances"),
        "{}",
        fig.summary()
    );
}

#[test]
fn narrow_screens_stack_the_panels() {
    for kind in AnyFigure::KINDS {
        let (fig, svg) = render(kind, "", 360, false);
        let h = fig.height_for(360.0);
        assert!(h > 250.0, "{kind}: {h}");
        assert!(svg.contains("height=\""), "{kind}");
    }
}

/// Every figure draws at the minimum, maximum and middle of every parameter (without running
/// the long jobs, which the page runs in its worker), and its caption is never empty.
#[test]
fn every_parameter_extreme_draws() {
    for kind in AnyFigure::KINDS {
        let (probe, _) = AnyFigure::from_query(kind, "").unwrap();
        let ns = probe.namespace();
        for spec in probe.specs() {
            let (lo, hi) = spec.range();
            let values = match spec.control {
                Control::Choice(options) => (0..options.len()).map(|i| i as f64).collect(),
                _ => vec![lo, hi, (lo + hi) / 2.0],
            };
            for v in values {
                let q = format!("{ns}.{}={}", spec.key, spec.url_text(v));
                let (fig, notes) = AnyFigure::from_query(kind, &q).unwrap();
                assert!(notes.is_empty(), "{q}: {notes:?}");
                assert!(!fig.summary().is_empty());
                let svg = render_svg(&fig, 700, fig.height_for(700.0) as u32)
                    .unwrap_or_else(|e| panic!("{kind} {q}: {e}"));
                roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{kind} {q}: {e}"));
            }
        }
    }
}

#[test]
fn hull2d_marks_agree_with_the_legend_and_the_caption() {
    let (fig, svg) = render("hull2d", "h2.n=40&h2.tests=300&h2.seed=2", 700, false);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // Inside test points are the only circles (no point is selected).
    let circles = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .count();
    let legend = doc
        .descendants()
        .filter_map(|n| n.text())
        .find(|t| t.contains("inside the hull"))
        .expect("legend");
    let inside: usize = legend
        .split("inside the hull: ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .map(|s| s.replace(',', "").parse().unwrap())
        .unwrap();
    assert_eq!(circles, inside, "{legend}");
    assert!(fig.summary().contains(&format!("({inside} of 300)")));
    assert!(svg.contains("<polygon"), "the hull is drawn");
}

#[test]
fn hullcurve_labels_barany_furedi_as_asymptotic_and_marks_crossings() {
    let (fig, svg) = render(
        "hullcurve",
        "hc.dmax=6&hc.nmax=3000&hc.tests=60&hc.target=10",
        1200,
        true,
    );
    assert!(svg.contains("asymptotic only"), "BF label");
    assert!(svg.contains("not the 50% line"));
    assert!(svg.contains("Wendel"), "Wendel's N = 2d");
    // Gaussian data: the calculator gives the theorem's value.
    let n10 = highdim::math::hull::GaussianHull::new()
        .n50(10)
        .unwrap()
        .unwrap();
    let n10 = highdim::format::thousands(n10 as i64);
    assert!(
        svg.contains(&format!("d = 10: N₅₀ = {n10} (exact)")),
        "the calculator is drawn"
    );
    let s = fig.summary();
    assert!(
        s.contains(&format!(
            "at d = 10 an even chance of interpolating needs N = {n10}"
        )),
        "{s}"
    );
    // Another law: the straight line through the measured crossings, labelled as such.
    let (fig, svg) = render(
        "hullcurve",
        "hc.dist=cube&hc.dmax=6&hc.nmax=3000&hc.tests=60&hc.target=10",
        900,
        true,
    );
    assert!(svg.contains("asymptotic"), "BF label, short form");
    assert!(svg.contains("d = 10: N₅₀ ≈"), "the calculator is drawn");
    assert!(svg.contains("extrapolated"));
    let s = fig.summary();
    assert!(s.contains("at d = 10 you would need about N ="), "{s}");
    // Narrow: the panels stack and still draw.
    let (_, narrow) = render("hullcurve", "hc.dmax=4&hc.nmax=300&hc.tests=40", 380, true);
    assert!(narrow.contains("N for a 50% chance"));
}

#[test]
fn hullsubspace_shows_both_modes() {
    let (fig, svg) = render("hullsubspace", "hs.k=3&hs.nmax=300&hs.tests=40", 800, true);
    assert!(svg.contains("3-D subspace of R⁶⁴"));
    assert!(fig.summary().contains("not the ambient dimension"));
    let (_, curve) = render(
        "hullsubspace",
        "hs.shape=curve&hs.nmax=300&hs.tests=40",
        800,
        true,
    );
    assert!(curve.contains("straight line"));
}

#[test]
fn definitions2d_legend_and_caption_give_the_same_verdicts() {
    for q in [
        "",
        "d2.x=0&d2.y=0",
        "d2.x=3.9&d2.y=-3.9",
        "d2.dist=uniform&d2.n=8&d2.x=2.4&d2.y=0.1",
        "d2.dist=line&d2.n=2",
        "d2.n=1",
    ] {
        let (fig, svg) = render("definitions2d", q, 900, false);
        let cap = fig.summary();
        for (legend, name) in [
            ("convex hull", "the hull"),
            ("bounding box", "the box"),
            ("any coordinate in range", "the any-coordinate band"),
            ("min-volume ellipsoid", "the ellipsoid"),
            ("ball around the mean", "the ball"),
        ] {
            let inside = svg.contains(&format!("{legend}: inside ✓"));
            let outside = svg.contains(&format!("{legend}: outside ✗"));
            assert!(inside ^ outside, "{q}: {legend}");
            // The caption lists the inside regions before "outside", the outside ones after.
            let said_inside = match (cap.find(name), cap.find("outside")) {
                (Some(i), Some(o)) => i < o,
                (Some(_), None) => true,
                (None, _) => cap.contains("inside every region"),
            };
            let all_out = cap.contains("outside every region");
            assert_eq!(inside, said_inside && !all_out, "{q}: {legend}: {cap}");
        }
    }
}

#[test]
fn definitionscurve_draws_one_marker_per_finished_point() {
    let (fig, svg) = render(
        "definitionscurve",
        "dc.dmax=8&dc.n=200&dc.tests=100",
        900,
        true,
    );
    let cap = fig.summary();
    assert!(cap.contains("d = 8, N = 200: hull "), "{cap}");
    // Six dimensions (1, 2, 3, 4, 6, 8): hull discs are circles, plus one in the legend.
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let circles = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .count();
    assert_eq!(circles, 6 + 1, "{cap}");
    let texts: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    for name in ["hull", "box", "any coordinate", "ellipsoid (MVEE)", "ball"] {
        assert!(texts.contains(&name), "{name}: {texts:?}");
    }
}

/// Every parameter of every figure is read and written by name: moving one setting changes
/// its own value and no other (a figure reading a value from another's position would fail).
#[test]
fn each_setting_lands_in_its_own_slot() {
    for kind in AnyFigure::KINDS {
        let (fig, _) = AnyFigure::from_query(kind, "").unwrap();
        let specs = fig.specs();
        for (i, s) in specs.iter().enumerate() {
            // The far end of the range; the near one when a coupling clamps the far one
            // (the layer slider cannot pass the depth).
            let (lo, hi) = s.range();
            let moved = |target: f64| {
                let (mut f, _) = AnyFigure::from_query(kind, "").unwrap();
                let before = f.values();
                f.set_value(s.key, target).unwrap();
                (before.clone(), f.values(), target)
            };
            let (before, after, target) = [hi, lo]
                .into_iter()
                .map(moved)
                .find(|(b, a, _)| a[i] != b[i])
                .unwrap_or_else(|| moved(hi));
            for (j, (b, a)) in before.iter().zip(&after).enumerate() {
                if j == i {
                    assert!(a != b, "{kind}.{}: {b} did not move to {target}", s.key);
                } else if a != b {
                    // A figure may clamp a dependent setting (the layer slider follows the
                    // depth); it must say so by being one of the known couplings.
                    let pair = (s.key, specs[j].key);
                    assert!(
                        matches!(
                            pair,
                            ("depth", "layer") | ("kmin", "kmax") | ("kmax", "kmin")
                        ),
                        "{kind}: moving {} also moved {} ({b} → {a})",
                        s.key,
                        specs[j].key
                    );
                }
            }
        }
    }
}
