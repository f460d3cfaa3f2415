//! A figure mounted on a canvas.

use super::backend::PageBackend;
use crate::figures::{AnyFigure, Pointer, PointerPhase, Response};
use crate::jobs::JobOutput;
use crate::params::{Control, Note};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use serde_json::json;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Fallback CSS width when the canvas is not laid out yet (e.g. in a hidden tab).
const FALLBACK_WIDTH: f64 = 640.0;

/// One figure on one canvas. Several handles can live on one page.
#[wasm_bindgen]
pub struct FigureHandle {
    figure: AnyFigure,
    canvas: HtmlCanvasElement,
    notes: Vec<Note>,
    /// Controls a teacher's link hid (`ns.hide=…`): not shown, values kept.
    hidden: Vec<String>,
    /// Controls a teacher's link locked (`ns.lock=…`): shown disabled, values kept.
    locked: Vec<String>,
    /// Projector theme: everything drawn this many times larger (1 normally).
    zoom: f64,
    /// The last job spec asked for and its JSON.
    last_job: std::cell::RefCell<Option<(crate::jobs::JobSpec, String)>>,
}

/// How much larger the projector theme draws type, lines and markers.
const PROJECTOR_ZOOM: f64 = 1.5;
/// The projector theme never lays a figure out narrower than this (CSS px): on a narrow
/// canvas it zooms less, so the figure keeps its wide layout's room.
const PROJECTOR_MIN_WIDTH: f64 = 480.0;

fn err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// Encodes a [`Response`] for JavaScript: 0 nothing, 1 redraw, 2 parameters changed.
fn code(r: Response) -> u8 {
    if r.params_changed {
        2
    } else if r.redraw {
        1
    } else {
        0
    }
}

#[wasm_bindgen]
impl FigureHandle {
    /// Mounts figure `kind` on `canvas`, reading its state from the page's `query` string.
    /// Whatever the query asked that had to be adjusted is available from
    /// [`FigureHandle::notes`].
    ///
    /// # Errors
    /// An unknown figure kind.
    #[wasm_bindgen(constructor)]
    pub fn new(
        kind: &str,
        canvas: HtmlCanvasElement,
        query: &str,
    ) -> Result<FigureHandle, JsError> {
        let (figure, mut notes) = AnyFigure::from_query(kind, query).map_err(err)?;
        canvas
            .set_attribute("role", "img")
            .map_err(|_| JsError::new("cannot label the canvas"))?;
        let mut allowed: Vec<&str> = figure.specs().iter().map(|s| s.key).collect();
        let actions = figure.actions();
        allowed.extend(actions.iter().map(|a| a.id));
        if !allowed.contains(&"reset") {
            allowed.push("reset");
        }
        let ns = figure.namespace();
        let (hidden, n1) = crate::params::view_list(query, ns, "hide", &allowed);
        let (locked, n2) = crate::params::view_list(query, ns, "lock", &allowed);
        notes.extend(n1);
        notes.extend(n2);
        Ok(FigureHandle {
            figure,
            canvas,
            notes,
            hidden,
            locked,
            zoom: 1.0,
            last_job: std::cell::RefCell::new(None),
        })
    }

    /// Registry name.
    pub fn kind(&self) -> String {
        self.figure.kind().into()
    }

    /// URL namespace of the figure's keys.
    pub fn namespace(&self) -> String {
        self.figure.namespace().into()
    }

    /// Title.
    pub fn title(&self) -> String {
        self.figure.title().into()
    }

    /// Notes about adjusted link values, as `key: message` lines; cleared by reading.
    pub fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
            .into_iter()
            .map(|n| format!("{}: {}", n.key, n.message))
            .collect()
    }

    /// The controls as JSON: one object per parameter with its kind, range, current slider
    /// position, display value, accessible value text and whether it applies now, then the
    /// figure's action buttons.
    pub fn controls(&self) -> String {
        let ns = self.figure.namespace();
        let values = self.figure.values();
        let params: Vec<serde_json::Value> = self
            .figure
            .specs()
            .iter()
            .zip(&values)
            .map(|(s, &v)| {
                let mut o = json!({
                    "key": s.key,
                    "id": format!("{ns}-{}", s.key),
                    "label": s.label,
                    "value": v,
                    "url": s.url_text(v),
                    "display": s.display(v),
                    "valuetext": s.value_text(v),
                    "enabled": self.figure.control_enabled(s.key),
                    "hidden": self.is_hidden(s.key),
                    "locked": self.is_locked(s.key),
                });
                let (lo, hi) = s.range();
                match s.control {
                    Control::Choice(options) => {
                        o["type"] = json!("select");
                        o["options"] = json!(options.iter().map(|(k, l)| json!([k, l])).collect::<Vec<_>>());
                    }
                    Control::Seed => {
                        o["type"] = json!("seed");
                        o["min"] = json!(lo);
                        o["max"] = json!(hi);
                    }
                    Control::Float { step, .. } => {
                        o["type"] = json!("range");
                        o["min"] = json!(lo);
                        o["max"] = json!(hi);
                        o["step"] = json!(step);
                        o["position"] = json!(v);
                    }
                    Control::Int { .. } => {
                        o["type"] = json!("range");
                        o["min"] = json!(lo);
                        o["max"] = json!(hi);
                        o["step"] = json!(1);
                        o["position"] = json!(v);
                    }
                    Control::LogInt { .. } | Control::LogFloat { .. } => {
                        let n = s.ticks().map(|t| t.len()).unwrap_or(1);
                        o["type"] = json!("range");
                        o["min"] = json!(0);
                        o["max"] = json!(n.saturating_sub(1));
                        o["step"] = json!(1);
                        o["position"] = json!(s.position_of(v));
                        o["log"] = json!(true);
                        o["exact"] = json!({"min": lo, "max": hi, "integer": matches!(s.control, Control::LogInt { .. })});
                    }
                }
                o
            })
            .collect();
        let actions: Vec<serde_json::Value> = self
            .figure
            .actions()
            .iter()
            .map(|a| {
                json!({"id": a.id, "label": a.label, "enabled": a.enabled,
                "hidden": self.is_hidden(a.id), "locked": self.is_locked(a.id)})
            })
            .collect();
        json!({"params": params, "actions": actions,
            "reset": {"hidden": self.is_hidden("reset"), "locked": self.is_locked("reset")},
            "import": {"locked": self.import_frozen()}})
        .to_string()
    }

    /// Sets parameter `key` from a slider position; returns whether anything changed.
    ///
    /// # Errors
    /// An unknown key.
    pub fn set_position(&mut self, key: &str, position: f64) -> Result<bool, JsError> {
        if self.frozen(key) {
            return Ok(false);
        }
        let spec = self
            .figure
            .specs()
            .iter()
            .find(|s| s.key == key)
            .ok_or_else(|| err(crate::params::ParamError::UnknownKey(key.into())))?;
        let v = spec.value_at(position);
        self.figure.set_value(key, v).map_err(err)
    }

    /// Sets parameter `key` from typed text; returns a note if the text was adjusted.
    ///
    /// # Errors
    /// An unknown key.
    pub fn set_text(&mut self, key: &str, text: &str) -> Result<Option<String>, JsError> {
        if self.frozen(key) {
            return Ok(Some(format!("{key} is locked by this link")));
        }
        self.figure.set_text(key, text).map_err(err)
    }

    /// Draws a fresh seed from the platform into the `seed` parameter.
    ///
    /// # Errors
    /// No `seed` parameter, or no random source.
    pub fn reseed(&mut self) -> Result<(), JsError> {
        if self.frozen("seed") {
            return Ok(());
        }
        let s = super::fresh_seed()?;
        self.figure.set_value("seed", s as f64).map_err(err)?;
        Ok(())
    }

    /// Every parameter back to its default.
    pub fn reset(&mut self) {
        if self.frozen("reset") {
            return;
        }
        let before = self.figure.values();
        self.figure.reset();
        self.protect(&before);
    }

    /// This figure's part of the page's query string, with its `hide` / `lock` lists.
    pub fn query(&self) -> String {
        let mut q = self.figure.query();
        // A teacher's hidden and locked controls survive a reload and a copied link.
        let ns = self.figure.namespace();
        for (which, list) in [("hide", &self.hidden), ("lock", &self.locked)] {
            if !list.is_empty() {
                q.push_str(&format!("&{ns}.{which}={}", list.join("%2C")));
            }
        }
        q
    }

    /// The live caption.
    pub fn summary(&self) -> String {
        self.figure.summary()
    }

    /// What the canvas shows (also set as its `aria-label` on every draw).
    pub fn description(&self) -> String {
        self.figure.description()
    }

    /// Keyboard help for the canvas.
    pub fn keyboard_help(&self) -> String {
        self.figure.keyboard_help().into()
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
        let z = self.zoom_for(css_w);
        let css_h = (self.figure.height_for(css_w / z) * z).round();
        let _ = self
            .canvas
            .style()
            .set_property("height", &format!("{css_h}px"));
        let (pw, ph) = ((css_w * dpr).round() as u32, (css_h * dpr).round() as u32);
        if self.canvas.width() != pw {
            self.canvas.set_width(pw);
        }
        if self.canvas.height() != ph {
            self.canvas.set_height(ph);
        }
        let _ = self
            .canvas
            .set_attribute("aria-label", &self.figure.description());
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
        self.figure.draw(&root, dpr * z).map_err(err)
    }

    /// The figure as a standalone SVG document at the canvas's current CSS size (plotters'
    /// SVG backend: the same drawing code as the canvas).
    ///
    /// # Errors
    /// A drawing failure.
    pub fn svg(&self) -> Result<String, JsError> {
        let w = (self.canvas.client_width() as f64).max(1.0);
        let w = if w < 2.0 { FALLBACK_WIDTH } else { w };
        let z = self.zoom_for(w);
        let (w, h) = (w as u32, (self.figure.height_for(w / z) * z).round() as u32);
        let mut svg = String::new();
        {
            let root =
                PageBackend::Svg(SVGBackend::with_string(&mut svg, (w, h))).into_drawing_area();
            self.figure.draw(&root, z).map_err(err)?;
            root.present().map_err(err)?;
        }
        Ok(svg)
    }

    /// The figure's state as JSON (see `AnyFigure::state_json`): `{"highdim": 1, "figure":
    /// kind, "state": {key: value}}`, values as they are written in links, and the reader's
    /// own points where the figure has them.
    pub fn state_json(&self) -> String {
        self.figure.state_json()
    }

    /// Height the canvas will take for a CSS width (for layout before the first draw).
    pub fn height_for(&self, css_width: f64) -> f64 {
        let z = self.zoom_for(css_width);
        self.figure.height_for(css_width / z) * z
    }

    /// The job the figure needs now, as JSON, or `undefined`. The page asks after every
    /// change (each frame of an animation): the JSON of an unchanged spec is reused, since a
    /// spec can carry a whole network's weights.
    pub fn job(&self) -> Option<String> {
        let spec = self.figure.job()?;
        let mut last = self.last_job.borrow_mut();
        match last.as_ref() {
            Some((s, json)) if *s == spec => Some(json.clone()),
            _ => {
                let json = spec.to_json();
                *last = Some((spec, json.clone()));
                Some(json)
            }
        }
    }

    /// Takes a job output (JSON from the worker). Outputs for other parameters are ignored.
    ///
    /// # Errors
    /// Malformed JSON.
    pub fn accept(&mut self, output_json: &str) -> Result<(), JsError> {
        let out = JobOutput::from_json(output_json).map_err(err)?;
        self.figure.accept(&out);
        Ok(())
    }

    /// Takes binary data that came with a job's output (the relu partition's raster); call it
    /// before [`FigureHandle::accept`] with that output. Data for other requests are ignored.
    pub fn accept_bytes(&mut self, bytes: &[u8]) {
        self.figure.accept_bytes(bytes);
    }

    /// The name of the data file the figure needs (e.g. `mnist5k`), or `undefined`.
    pub fn asset(&self) -> Option<String> {
        self.figure.asset().map(str::to_string)
    }

    /// Hands in the data file's bytes; the figure validates them.
    ///
    /// # Errors
    /// What is wrong with the file (the figure also draws the message).
    pub fn give_asset(&mut self, bytes: &[u8]) -> Result<(), JsError> {
        self.figure.give_asset(bytes).map_err(|m| JsError::new(&m))
    }

    /// Tells the figure its data file could not be fetched; it draws `message`.
    pub fn asset_failed(&mut self, message: &str) {
        self.figure.asset_failed(message);
    }

    /// A pointer event at CSS position (x, y) on the canvas; `phase` is `down`, `drag`,
    /// `up` or `hover` (moved with no button down). Returns 0 (nothing), 1 (redraw) or 2 (parameters changed).
    pub fn pointer(&mut self, phase: &str, x: f64, y: f64) -> u8 {
        let phase = match phase {
            "down" => PointerPhase::Down,
            "drag" => PointerPhase::Drag,
            "hover" => PointerPhase::Hover,
            _ => PointerPhase::Up,
        };
        if !(x.is_finite() && y.is_finite()) {
            return 0;
        }
        let width = (self.canvas.client_width() as f64).max(1.0);
        let z = self.zoom_for(width);
        let height = (self.canvas.client_height() as f64).max(1.0);
        // The projector theme draws as if the canvas were `zoom` times smaller.
        let before = self.figure.values();
        let r = self.figure.pointer(Pointer {
            phase,
            x: x / z,
            y: y / z,
            width: width / z,
            height: height / z,
        });
        self.protect(&before);
        code(r)
    }

    /// A key pressed on the focused canvas (`KeyboardEvent.key`). Same codes as
    /// [`FigureHandle::pointer`].
    pub fn key(&mut self, key: &str) -> u8 {
        let before = self.figure.values();
        let r = self.figure.key(key);
        self.protect(&before);
        code(r)
    }

    /// Runs a figure action (a button). Same codes as [`FigureHandle::pointer`].
    pub fn action(&mut self, id: &str, reduced_motion: bool) -> u8 {
        if self.frozen(id) {
            return 0;
        }
        let before = self.figure.values();
        let r = self.figure.action(id, reduced_motion);
        self.protect(&before);
        code(r)
    }

    /// Whether a drag on the canvas does something now (see `Figure::captures_drag`).
    pub fn captures_drag(&self) -> bool {
        self.figure.captures_drag()
    }

    /// Advances an animation; true while it runs.
    pub fn tick(&mut self, now_ms: f64) -> bool {
        self.figure.tick(now_ms)
    }

    /// The plotted data as CSV (header line first), or `undefined` when there is none yet.
    pub fn table_csv(&self) -> Option<String> {
        self.figure.table().map(|t| t.to_csv())
    }

    /// The plotted data for an HTML table, as JSON `{"title", "columns", "rows"}` with every
    /// cell already written for reading (`2.46·10⁻⁸`, `1,000`), or `undefined`.
    pub fn table_json(&self) -> Option<String> {
        self.figure.table().map(|t| {
            let rows: Vec<Vec<String>> = t
                .rows
                .iter()
                .map(|r| r.iter().map(|c| c.display()).collect())
                .collect();
            json!({"title": t.title, "columns": t.columns, "rows": rows}).to_string()
        })
    }

    /// The CSV header this figure's points import expects (`x,y`), or `undefined` when it
    /// takes no points.
    pub fn point_columns(&self) -> Option<String> {
        self.figure.point_import().map(|p| {
            p.columns
                .iter()
                .map(|c| c.name)
                .collect::<Vec<_>>()
                .join(",")
        })
    }

    /// Loads a saved state (the JSON of the state export). Locked or hidden settings keep
    /// their values.
    ///
    /// # Errors
    /// Every problem with the file, in one message; the figure is unchanged.
    pub fn import_state(&mut self, text: &str) -> Result<(), JsError> {
        let before = self.figure.values();
        self.figure.import_state(text).map_err(err)?;
        self.protect(&before);
        Ok(())
    }

    /// Loads points from CSV text; returns how many were read.
    ///
    /// # Errors
    /// Every problem with the file, in one message; the figure is unchanged.
    pub fn import_csv(&mut self, text: &str) -> Result<usize, JsError> {
        if let Some(why) = self.import_frozen() {
            return Err(JsError::new(&format!(
                "points not loaded (nothing changed): {why}"
            )));
        }
        self.figure.import_csv(text).map_err(err)
    }

    /// Switches the projector theme (larger type, thicker lines) on or off.
    pub fn set_projector(&mut self, on: bool) {
        self.zoom = if on { PROJECTOR_ZOOM } else { 1.0 };
    }
}

impl FigureHandle {
    /// The zoom for a canvas `css_width` CSS px wide: the projector zoom, reduced on narrow
    /// canvases (never below 1).
    fn zoom_for(&self, css_width: f64) -> f64 {
        (css_width / PROJECTOR_MIN_WIDTH).clamp(1.0, self.zoom.max(1.0))
    }

    fn is_hidden(&self, key: &str) -> bool {
        self.hidden.iter().any(|k| k == key)
    }

    fn is_locked(&self, key: &str) -> bool {
        self.locked.iter().any(|k| k == key)
    }

    /// Why a points file may not be loaded, when a teacher's link froze a setting it would
    /// replace (the data set): `None` when it may.
    fn import_frozen(&self) -> Option<String> {
        let spec = self.figure.point_import()?;
        let frozen: Vec<&str> = spec
            .replaces
            .iter()
            .copied()
            .filter(|k| self.frozen(k))
            .collect();
        (!frozen.is_empty()).then(|| {
            format!(
                "this link fixes {}, which loading points would replace",
                frozen.join(", ")
            )
        })
    }

    /// Whether a teacher's link froze `key` (hidden or locked).
    fn frozen(&self, key: &str) -> bool {
        self.is_hidden(key) || self.is_locked(key)
    }

    /// Puts frozen parameters back to `before` if a gesture, key or action moved them.
    fn protect(&mut self, before: &[f64]) {
        let specs = self.figure.specs();
        let now = self.figure.values();
        for ((s, b), n) in specs.iter().zip(before).zip(&now) {
            if b != n && self.frozen(s.key) {
                let _ = self.figure.set_value(s.key, *b);
            }
        }
    }
}
