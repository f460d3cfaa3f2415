//! A figure mounted on a canvas: a thin adapter from JavaScript to
//! [`crate::figures::mount::Mounted`] (controls, teacher locks, jobs, input — plain Rust,
//! tested natively); only sizing the canvas for the device pixel ratio and drawing on it
//! happen here.

use super::backend::PageBackend;
use crate::figures::mount::Mounted;
use crate::figures::{PointerPhase, Viewport};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Fallback CSS width when the canvas is not laid out yet (e.g. in a hidden tab).
const FALLBACK_WIDTH: f64 = 640.0;

/// One figure on one canvas. Several handles can live on one page.
#[wasm_bindgen]
pub struct FigureHandle {
    mounted: Mounted,
    canvas: HtmlCanvasElement,
}

fn err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

#[wasm_bindgen]
impl FigureHandle {
    /// Mounts figure `kind` on `canvas`, reading its state from the page's `query` string.
    /// Whatever the query asked that had to be adjusted is available from
    /// [`FigureHandle::take_notes`].
    ///
    /// # Errors
    /// An unknown figure kind.
    #[wasm_bindgen(constructor)]
    pub fn new(
        kind: &str,
        canvas: HtmlCanvasElement,
        query: &str,
    ) -> Result<FigureHandle, JsError> {
        let mounted = Mounted::new(kind, query).map_err(err)?;
        canvas
            .set_attribute("role", "img")
            .map_err(|_| JsError::new("cannot label the canvas"))?;
        Ok(FigureHandle { mounted, canvas })
    }

    /// Registry name.
    pub fn kind(&self) -> String {
        self.mounted.figure().kind().into()
    }

    /// URL namespace of the figure's keys.
    pub fn namespace(&self) -> String {
        self.mounted.figure().namespace().into()
    }

    /// Title.
    pub fn title(&self) -> String {
        self.mounted.figure().title().into()
    }

    /// Notes about adjusted link values, as `key: message` lines; cleared by reading.
    pub fn take_notes(&mut self) -> Vec<String> {
        self.mounted.take_notes()
    }

    /// The controls as JSON (see [`Mounted::controls_json`]).
    pub fn controls(&self) -> String {
        self.mounted.controls_json()
    }

    /// Sets parameter `key` from a slider position; returns whether anything changed.
    ///
    /// # Errors
    /// An unknown key.
    pub fn set_position(&mut self, key: &str, position: f64) -> Result<bool, JsError> {
        self.mounted.set_position(key, position).map_err(err)
    }

    /// Sets parameter `key` from typed text; returns a note if the text was adjusted.
    ///
    /// # Errors
    /// An unknown key.
    pub fn set_text(&mut self, key: &str, text: &str) -> Result<Option<String>, JsError> {
        self.mounted.set_text(key, text).map_err(err)
    }

    /// Draws a fresh seed from the platform into the `seed` parameter.
    ///
    /// # Errors
    /// No `seed` parameter, or no random source.
    pub fn reseed(&mut self) -> Result<(), JsError> {
        let s = super::fresh_seed()?;
        self.mounted.reseed(s).map_err(err)
    }

    /// Every parameter back to its default.
    pub fn reset(&mut self) {
        self.mounted.reset();
    }

    /// This figure's part of the page's query string, with its `hide` / `lock` lists.
    pub fn query(&self) -> String {
        self.mounted.query()
    }

    /// The live caption.
    pub fn summary(&self) -> String {
        self.mounted.figure().summary()
    }

    /// What the canvas shows (also set as its `aria-label` on every draw).
    pub fn description(&self) -> String {
        self.mounted.figure().description()
    }

    /// Keyboard help for the canvas.
    pub fn keyboard_help(&self) -> String {
        self.mounted.figure().keyboard_help().into()
    }

    /// Sizes the canvas for its CSS width and the device pixel ratio, then draws.
    ///
    /// # Errors
    /// No 2-D context, or a drawing failure.
    pub fn draw(&mut self) -> Result<(), JsError> {
        let dpr = web_sys::window()
            .map(|w| w.device_pixel_ratio())
            .unwrap_or(1.0);
        let dpr = if dpr.is_finite() && dpr > 0.0 {
            dpr.min(4.0)
        } else {
            1.0
        };
        let mut css_w = self.canvas.client_width() as f64;
        if css_w < 1.0 {
            css_w = FALLBACK_WIDTH;
        }
        let z = self.mounted.zoom_for(css_w);
        let css_h = (self.mounted.figure().height_for(css_w / z) * z).round();
        let _ = self
            .canvas
            .style()
            .set_property("height", &format!("{css_h}px"));
        let (pw, ph) = ((css_w * dpr).round() as u32, (css_h * dpr).round() as u32);
        self.mounted.figure_mut().set_viewport(Viewport {
            width: pw as f64,
            height: ph as f64,
            scale: dpr * z,
        });
        if self.canvas.width() != pw {
            self.canvas.set_width(pw);
        }
        if self.canvas.height() != ph {
            self.canvas.set_height(ph);
        }
        let _ = self
            .canvas
            .set_attribute("aria-label", &self.mounted.figure().description());
        let backend = CanvasBackend::with_canvas_object(self.canvas.clone()).ok_or_else(|| {
            JsError::new("this browser gave no 2-D drawing context for the canvas")
        })?;
        let ctx = self
            .canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
        let root = PageBackend::Canvas(backend, ctx).into_drawing_area();
        self.mounted.figure().draw(&root, dpr * z).map_err(err)
    }

    /// The figure as a standalone SVG document at the canvas's current CSS size (plotters'
    /// SVG backend: the same drawing code as the canvas).
    ///
    /// # Errors
    /// A drawing failure.
    pub fn svg(&self) -> Result<String, JsError> {
        let w = (self.canvas.client_width() as f64).max(1.0);
        let w = if w < 2.0 { FALLBACK_WIDTH } else { w };
        let z = self.mounted.zoom_for(w);
        let (w, h) = (
            w as u32,
            (self.mounted.figure().height_for(w / z) * z).round() as u32,
        );
        let mut svg = String::new();
        {
            let root =
                PageBackend::Svg(SVGBackend::with_string(&mut svg, (w, h))).into_drawing_area();
            self.mounted.figure().draw(&root, z).map_err(err)?;
            root.present().map_err(err)?;
        }
        Ok(svg)
    }

    /// The figure's state as JSON (see `AnyFigure::state_json`): `{"highdim": 1, "figure":
    /// kind, "state": {key: value}}`, values as they are written in links, and the reader's
    /// own points where the figure has them.
    pub fn state_json(&self) -> String {
        self.mounted.figure().state_json()
    }

    /// Height the canvas will take for a CSS width (for layout before the first draw).
    pub fn height_for(&self, css_width: f64) -> f64 {
        self.mounted.height_for(css_width)
    }

    /// The job the figure needs now, as JSON, or `undefined` (see [`Mounted::job_json`]).
    pub fn job(&self) -> Option<String> {
        self.mounted.job_json()
    }

    /// Takes a job output (JSON from the worker). Outputs for other parameters are ignored.
    ///
    /// # Errors
    /// Malformed JSON.
    pub fn accept(&mut self, output_json: &str) -> Result<(), JsError> {
        self.mounted
            .accept_json(output_json)
            .map_err(|m| JsError::new(&m))
    }

    /// Takes binary data that came with a job's output (the relu partition's raster); call it
    /// before [`FigureHandle::accept`] with that output. Data for other requests are ignored.
    pub fn accept_bytes(&mut self, bytes: &[u8]) {
        self.mounted.figure_mut().accept_bytes(bytes);
    }

    /// The name of the data file the figure needs (e.g. `mnist5k`), or `undefined`.
    pub fn asset(&self) -> Option<String> {
        self.mounted.figure().asset().map(str::to_string)
    }

    /// Hands in the data file's bytes; the figure validates them.
    ///
    /// # Errors
    /// What is wrong with the file (the figure also draws the message).
    pub fn give_asset(&mut self, bytes: &[u8]) -> Result<(), JsError> {
        self.mounted
            .figure_mut()
            .give_asset(bytes)
            .map_err(|m| JsError::new(&m))
    }

    /// Tells the figure its data file could not be fetched; it draws `message`.
    pub fn asset_failed(&mut self, message: &str) {
        self.mounted.figure_mut().asset_failed(message);
    }

    /// A pointer event at CSS position (x, y) on the canvas; `phase` is `down`, `drag`,
    /// `up` or `hover` (moved with no button down). Returns 0 (nothing), 1 (redraw) or 2
    /// (parameters changed).
    pub fn pointer(&mut self, phase: &str, x: f64, y: f64) -> u8 {
        let phase = match phase {
            "down" => PointerPhase::Down,
            "drag" => PointerPhase::Drag,
            "hover" => PointerPhase::Hover,
            _ => PointerPhase::Up,
        };
        let size = (
            self.canvas.client_width() as f64,
            self.canvas.client_height() as f64,
        );
        self.mounted.pointer(phase, (x, y), size) as u8
    }

    /// A key pressed on the focused canvas (`KeyboardEvent.key`). Same codes as
    /// [`FigureHandle::pointer`].
    pub fn key(&mut self, key: &str) -> u8 {
        self.mounted.key(key) as u8
    }

    /// Runs a figure action (a button). Same codes as [`FigureHandle::pointer`].
    pub fn action(&mut self, id: &str, reduced_motion: bool) -> u8 {
        self.mounted.action(id, reduced_motion) as u8
    }

    /// Whether a drag on the canvas does something now (see `Figure::captures_drag`).
    pub fn captures_drag(&self) -> bool {
        self.mounted.figure().captures_drag()
    }

    /// Advances an animation; true while it runs.
    pub fn tick(&mut self, now_ms: f64) -> bool {
        self.mounted.figure_mut().tick(now_ms)
    }

    /// The plotted data as CSV (header line first), or `undefined` when there is none yet.
    pub fn table_csv(&self) -> Option<String> {
        self.mounted.figure().table().map(|t| t.to_csv())
    }

    /// The plotted data for an HTML table, as JSON `{"title", "columns", "rows"}` with every
    /// cell already written for reading (`2.46·10⁻⁸`, `1,000`), or `undefined`.
    pub fn table_json(&self) -> Option<String> {
        self.mounted.figure().table().map(|t| t.to_display_json())
    }

    /// The CSV header this figure's points import expects (`x,y`), or `undefined` when it
    /// takes no points.
    pub fn point_columns(&self) -> Option<String> {
        self.mounted.figure().point_import().map(|p| p.header())
    }

    /// Loads a saved state (the JSON of the state export). Locked or hidden settings keep
    /// their values.
    ///
    /// # Errors
    /// Every problem with the file, in one message; the figure is unchanged.
    pub fn import_state(&mut self, text: &str) -> Result<(), JsError> {
        self.mounted
            .import_state(text)
            .map_err(|m| JsError::new(&m))
    }

    /// Loads points from CSV text; returns how many were read.
    ///
    /// # Errors
    /// Every problem with the file, in one message; the figure is unchanged.
    pub fn import_csv(&mut self, text: &str) -> Result<usize, JsError> {
        self.mounted.import_csv(text).map_err(|m| JsError::new(&m))
    }

    /// Switches the projector theme (larger type, thicker lines) on or off.
    pub fn set_projector(&mut self, on: bool) {
        self.mounted.set_projector(on);
    }
}
