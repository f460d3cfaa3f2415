//! In-browser tests (headless Chromium via wasm-bindgen-test): every figure mounted on a fresh
//! canvas draws real pixels, redraws differently when its parameters change, sizes its
//! canvas by the device pixel ratio, and answers bad input with errors instead of panics.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use highdim::figures::AnyFigure;
use highdim::web::{FigureHandle, JobHandle};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The digits the "Real images" figures need (the page fetches them; here they are built in).
static DIGITS: &[u8] = include_bytes!("../data/mnist5k.bin");

fn canvas(width_css: u32) -> HtmlCanvasElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let c: HtmlCanvasElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
    c.style()
        .set_property("width", &format!("{width_css}px"))
        .unwrap();
    c.style().set_property("display", "block").unwrap();
    doc.body().unwrap().append_child(&c).unwrap();
    c
}

fn pixels(c: &HtmlCanvasElement) -> Vec<u8> {
    let ctx: CanvasRenderingContext2d = c.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    ctx.get_image_data(0.0, 0.0, c.width() as f64, c.height() as f64)
        .unwrap()
        .data()
        .to_vec()
}

/// Share of pixels that are not white.
fn ink(px: &[u8]) -> f64 {
    let n = px.len() / 4;
    let inked = px
        .chunks_exact(4)
        .filter(|p| p[0] < 235 || p[1] < 235 || p[2] < 235)
        .count();
    inked as f64 / n as f64
}

fn differing(a: &[u8], b: &[u8]) -> usize {
    if a.len() != b.len() {
        return a.len().max(b.len());
    }
    a.chunks_exact(4)
        .zip(b.chunks_exact(4))
        .filter(|(x, y)| x != y)
        .count()
}

/// Runs the figure's job (if any) to completion through the worker entry point, as the page
/// does, and feeds the result back.
fn finish_jobs(h: &mut FigureHandle) {
    for _ in 0..4 {
        let Some(spec) = h.job() else { return };
        let mut job = if h.asset().is_some() {
            JobHandle::with_asset(&spec, DIGITS).unwrap()
        } else {
            JobHandle::new(&spec).unwrap()
        };
        while !job.step(1e6).unwrap_or_else(|_| panic!("the job stopped")) {}
        h.accept(&job.output()).unwrap();
    }
}

#[wasm_bindgen_test]
fn every_figure_draws_and_redraws_when_parameters_change() {
    for kind in AnyFigure::KINDS {
        let c = canvas(640);
        // The hull curves' default workloads are sized for the optimised build; this test
        // runs unoptimised wasm, many times slower, so they start from a small grid here.
        let query = match *kind {
            "hullcurve" => "hc.dmax=4&hc.nmax=200&hc.tests=30",
            "hullsubspace" => "hs.nmax=200&hs.tests=30",
            "definitionscurve" => "dc.dmax=6&dc.n=100&dc.tests=30",
            // No PCA here: its eigen-solve is slow in unoptimised wasm (tests/digits.rs covers it).
            "digitscurve" => "dg.red=crop&dg.n=100&dg.tests=50&dg.kmax=16",
            "digitsproject" => "dp.n=100",
            _ => "",
        };
        let mut h = FigureHandle::new(kind, c.clone(), query).unwrap();
        if h.asset().is_some() {
            h.give_asset(DIGITS).unwrap();
        }
        finish_jobs(&mut h);
        h.draw().unwrap();
        let before = pixels(&c);
        assert!(
            ink(&before) > 0.02,
            "{kind}: almost blank ({})",
            ink(&before)
        );
        assert_eq!(c.get_attribute("role").as_deref(), Some("img"));
        assert!(
            c.get_attribute("aria-label").is_some_and(|l| l.len() > 20),
            "{kind}"
        );

        // Every parameter at its maximum slider position (jobs not run: the figure must
        // still draw its pending state), then check the picture changed.
        let controls: serde_json::Value = serde_json::from_str(&h.controls()).unwrap();
        let mut changed_any = false;
        for p in controls["params"].as_array().unwrap() {
            let key = p["key"].as_str().unwrap();
            match p["type"].as_str().unwrap() {
                "range" => changed_any |= h.set_position(key, p["max"].as_f64().unwrap()).unwrap(),
                "select" => {
                    let last = p["options"].as_array().unwrap().last().unwrap()[0]
                        .as_str()
                        .unwrap()
                        .to_string();
                    h.set_text(key, &last).unwrap();
                }
                _ => {}
            }
        }
        assert!(changed_any, "{kind}: no slider changed anything");
        h.draw().unwrap();
        let after = pixels(&c);
        assert!(
            differing(&before, &after) > 500,
            "{kind}: the picture did not change"
        );
        assert!(!h.summary().is_empty());
        c.remove();
    }
}

#[wasm_bindgen_test]
fn canvas_is_sized_by_the_device_pixel_ratio() {
    let c = canvas(500);
    let mut h = FigureHandle::new("volume", c.clone(), "vol.d=20").unwrap();
    h.draw().unwrap();
    let dpr = web_sys::window().unwrap().device_pixel_ratio();
    assert_eq!(c.width(), (c.client_width() as f64 * dpr).round() as u32);
    assert_eq!(c.height(), (c.client_height() as f64 * dpr).round() as u32);
    assert!(c.client_height() > 200);
    c.remove();
}

#[wasm_bindgen_test]
fn bad_input_gives_errors_not_panics() {
    let c = canvas(400);
    assert!(FigureHandle::new("no-such-figure", c.clone(), "").is_err());
    // A hostile link is clamped, with notes.
    let mut h = FigureHandle::new(
        "ballcube",
        c.clone(),
        "?v=9&bc.d=NaN&bc.m=-5&bc.z=1e400&bc.x=1",
    )
    .unwrap();
    let notes = h.take_notes();
    assert_eq!(notes.len(), 5, "{notes:?}");
    assert!(h.query().contains("bc.d=3"), "{}", h.query());
    assert!(h.set_position("nope", 1.0).is_err());
    assert!(h.set_text("nope", "1").is_err());
    assert!(h.set_text("d", "banana").unwrap().is_some());
    assert!(h.set_position("d", f64::NAN).is_ok());
    assert!(h.accept("{not json").is_err());
    assert!(h.accept(r#"{"job":"ball_cube"}"#).is_err());
    assert_eq!(h.pointer("down", f64::NAN, 3.0), 0);
    assert_eq!(h.key("F13"), 0);
    assert_eq!(h.action("no-such-action", false), 0);
    h.draw().unwrap();
    assert!(JobHandle::new("{}").is_err());
    assert!(JobHandle::new(r#"{"job":"ball_cube","d":0,"samples":5,"seed":1}"#).is_err());
    assert!(
        JobHandle::new(r#"{"job":"ball_cube","d":100000,"samples":100000000,"seed":1}"#).is_err()
    );
    c.remove();
}

#[wasm_bindgen_test]
fn the_worker_job_gives_the_same_answer_as_the_caption_promises() {
    let c = canvas(600);
    let mut h = FigureHandle::new("ballcube", c.clone(), "bc.d=2&bc.m=1000&bc.seed=4").unwrap();
    assert!(h.summary().contains("sampling"));
    finish_jobs(&mut h);
    assert!(h.job().is_none());
    let s = h.summary();
    assert!(s.contains("of 1,000 random points landed inside"), "{s}");
    // Keyboard and pointer input change parameters.
    assert_eq!(h.key("ArrowRight"), 2);
    assert!(h.query().contains("bc.d=3"));
    h.draw().unwrap();
    assert_eq!(
        h.pointer("down", 100.0, 100.0),
        2,
        "dragging on the picture moves the slice in 3-D"
    );
    c.remove();
}

#[wasm_bindgen_test]
fn the_hull_playground_takes_clicks_and_keys() {
    let c = canvas(600);
    let mut h = FigureHandle::new("hull2d", c.clone(), "h2.n=20&h2.tests=100").unwrap();
    h.draw().unwrap();
    assert!(
        h.summary().starts_with("N = 20 Gaussian"),
        "{}",
        h.summary()
    );
    // A press in the plot (away from the title strip) adds a point: own points now.
    let w = c.client_width() as f64;
    assert_eq!(h.pointer("down", w / 2.0 - 1.0, 60.0), 2);
    assert_eq!(h.pointer("up", w / 2.0 - 1.0, 60.0), 1);
    assert!(h.summary().starts_with("Your 21 points"), "{}", h.summary());
    assert!(h.query().contains("h2.dist=own"));
    assert_eq!(h.key("Delete"), 2);
    assert!(h.summary().starts_with("Your 20 points"), "{}", h.summary());
    h.draw().unwrap();
    c.remove();
}

#[wasm_bindgen_test]
fn digits_figures_report_a_bad_data_file_and_draw_it() {
    let c = canvas(600);
    let mut h = FigureHandle::new("digitscurve", c.clone(), "").unwrap();
    assert_eq!(h.asset().as_deref(), Some("mnist5k"));
    assert!(h.job().is_none(), "no job before the data arrive");
    assert!(h.give_asset(&DIGITS[..1000]).is_err());
    assert!(h.summary().contains("truncated"), "{}", h.summary());
    h.draw().unwrap();
    assert!(ink(&pixels(&c)) > 0.001);
    h.asset_failed("the server answered 404");
    assert!(h.summary().contains("404"));
    assert!(JobHandle::with_asset(
        r#"{"job":"digits_project","train":10,"test":0,"seed":1}"#,
        &DIGITS[..40]
    )
    .is_err());
    c.remove();
}
