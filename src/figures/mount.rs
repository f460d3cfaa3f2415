//! A figure as a page mounts it: the figure with the notes its link produced, the teacher's
//! hidden and locked controls (enforced here, so a gesture, key, action, reset or import can
//! never move a frozen value), the projector zoom, and the description of its controls as the
//! page builds them. Plain Rust, tested natively; `crate::web::handle` only adds the canvas.

use super::{AnyFigure, Pointer, PointerPhase, Response};
use crate::jobs::{JobOutput, JobSpec};
use crate::params::{Control, Note, ParamError};
use serde_json::json;
use std::cell::RefCell;

/// How much larger the projector theme draws type, lines and markers.
pub const PROJECTOR_ZOOM: f64 = 1.5;
/// The projector theme never lays a figure out narrower than this (CSS px): on a narrow
/// canvas it zooms less, so the figure keeps its wide layout's room.
pub const PROJECTOR_MIN_WIDTH: f64 = 480.0;

/// What an input did, as the page needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Nothing to do.
    None = 0,
    /// Redraw only.
    Redraw = 1,
    /// Parameters changed: update the controls, the URL and the jobs, then redraw.
    Params = 2,
}

impl From<Response> for Effect {
    fn from(r: Response) -> Self {
        if r.params_changed {
            Effect::Params
        } else if r.redraw {
            Effect::Redraw
        } else {
            Effect::None
        }
    }
}

/// One figure mounted on a page (see the module docs).
///
/// ```
/// use highdim::figures::mount::Mounted;
/// // A teacher's link locks the dimension of the shell figure.
/// let mut m = Mounted::new("shell", "sh.d=100&sh.lock=d").unwrap();
/// assert!(!m.set_position("d", 3.0).unwrap());
/// assert!(m.query().contains("sh.d=100") && m.query().contains("sh.lock=d"));
/// ```
pub struct Mounted {
    figure: AnyFigure,
    notes: Vec<Note>,
    /// Controls a teacher's link hid (`ns.hide=…`): not shown, values kept.
    hidden: Vec<String>,
    /// Controls a teacher's link locked (`ns.lock=…`): shown disabled, values kept.
    locked: Vec<String>,
    /// Projector theme: everything drawn this many times larger (1 normally).
    zoom: f64,
    /// The last job spec asked for and its JSON.
    last_job: RefCell<Option<(JobSpec, String)>>,
}

impl Mounted {
    /// Mounts figure `kind` with its state read from the page's `query` string; whatever the
    /// query asked that had to be adjusted waits in [`Mounted::take_notes`].
    ///
    /// # Errors
    /// An unknown figure kind.
    pub fn new(kind: &str, query: &str) -> Result<Self, super::UnknownFigure> {
        let (figure, mut notes) = AnyFigure::from_query(kind, query)?;
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
        Ok(Mounted {
            figure,
            notes,
            hidden,
            locked,
            zoom: 1.0,
            last_job: RefCell::new(None),
        })
    }

    /// The figure.
    pub fn figure(&self) -> &AnyFigure {
        &self.figure
    }

    /// The figure, mutably, for what needs no teacher check (job results, data files,
    /// animation ticks).
    pub fn figure_mut(&mut self) -> &mut AnyFigure {
        &mut self.figure
    }

    /// Notes about adjusted link values, as `key: message` lines; cleared by reading.
    pub fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
            .into_iter()
            .map(|n| format!("{}: {}", n.key, n.message))
            .collect()
    }

    /// The controls as JSON: one object per parameter with its kind, range, current slider
    /// position, display value, accessible value text, whether it applies now and whether
    /// a teacher's link hid or locked it; then the figure's action buttons, the reset button
    /// and the points import.
    pub fn controls_json(&self) -> String {
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
                        o["options"] = json!(options
                            .iter()
                            .map(|(k, l)| json!([k, l]))
                            .collect::<Vec<_>>());
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
                        o["exact"] = json!({"min": lo, "max": hi,
                            "integer": matches!(s.control, Control::LogInt { .. })});
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

    /// Sets parameter `key` from a slider position; returns whether anything changed (never
    /// for a frozen key).
    ///
    /// # Errors
    /// An unknown key.
    pub fn set_position(&mut self, key: &str, position: f64) -> Result<bool, ParamError> {
        if self.frozen(key) {
            return Ok(false);
        }
        let spec = self
            .figure
            .specs()
            .iter()
            .find(|s| s.key == key)
            .ok_or_else(|| ParamError::UnknownKey(key.into()))?;
        let v = spec.value_at(position);
        self.figure.set_value(key, v)
    }

    /// Sets parameter `key` from typed text; returns a note if the text was adjusted or the
    /// key is frozen.
    ///
    /// # Errors
    /// An unknown key.
    pub fn set_text(&mut self, key: &str, text: &str) -> Result<Option<String>, ParamError> {
        if self.frozen(key) {
            return Ok(Some(format!("{key} is locked by this link")));
        }
        self.figure.set_text(key, text)
    }

    /// Puts a fresh seed (drawn by the caller) into the `seed` parameter, unless frozen.
    ///
    /// # Errors
    /// No `seed` parameter.
    pub fn reseed(&mut self, seed: u32) -> Result<(), ParamError> {
        if !self.frozen("seed") {
            self.figure.set_value("seed", seed as f64)?;
        }
        Ok(())
    }

    /// Every parameter back to its default, frozen ones excepted.
    pub fn reset(&mut self) {
        if self.frozen("reset") {
            return;
        }
        let before = self.figure.values();
        self.figure.reset();
        self.protect(&before);
    }

    /// This figure's part of the page's query string, with its `hide` / `lock` lists (a
    /// teacher's hidden and locked controls survive a reload and a copied link).
    pub fn query(&self) -> String {
        let mut q = self.figure.query();
        let ns = self.figure.namespace();
        for (which, list) in [("hide", &self.hidden), ("lock", &self.locked)] {
            if !list.is_empty() {
                q.push_str(&format!("&{ns}.{which}={}", list.join("%2C")));
            }
        }
        q
    }

    /// The zoom for a canvas `css_width` CSS px wide: the projector zoom, reduced on narrow
    /// canvases (never below 1).
    pub fn zoom_for(&self, css_width: f64) -> f64 {
        (css_width / PROJECTOR_MIN_WIDTH).clamp(1.0, self.zoom.max(1.0))
    }

    /// Height of the canvas for a CSS width, projector zoom included.
    pub fn height_for(&self, css_width: f64) -> f64 {
        let z = self.zoom_for(css_width);
        self.figure.height_for(css_width / z) * z
    }

    /// Switches the projector theme (larger type, thicker lines) on or off.
    pub fn set_projector(&mut self, on: bool) {
        self.zoom = if on { PROJECTOR_ZOOM } else { 1.0 };
    }

    /// The job the figure needs now, as JSON. The page asks after every change (each frame
    /// of an animation): the JSON of an unchanged spec is reused, since a spec can carry a
    /// whole network's weights.
    pub fn job_json(&self) -> Option<String> {
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

    /// Takes a job output (JSON from the worker); outputs for other parameters are ignored.
    ///
    /// # Errors
    /// Malformed JSON.
    pub fn accept_json(&mut self, output_json: &str) -> Result<(), String> {
        let out = JobOutput::from_json(output_json).map_err(|e| e.to_string())?;
        self.figure.accept(&out);
        Ok(())
    }

    /// A pointer gesture at CSS position (x, y) on a canvas `width × height` CSS px; frozen
    /// values it would move are put back.
    pub fn pointer(
        &mut self,
        phase: PointerPhase,
        (x, y): (f64, f64),
        (w, h): (f64, f64),
    ) -> Effect {
        if !(x.is_finite() && y.is_finite()) {
            return Effect::None;
        }
        let (w, h) = (w.max(1.0), h.max(1.0));
        // The projector theme draws as if the canvas were `zoom` times smaller.
        let z = self.zoom_for(w);
        let before = self.figure.values();
        let r = self.figure.pointer(Pointer {
            phase,
            x: x / z,
            y: y / z,
            width: w / z,
            height: h / z,
        });
        self.protect(&before);
        r.into()
    }

    /// A key pressed on the focused canvas (`KeyboardEvent.key`); frozen values it would
    /// move are put back.
    pub fn key(&mut self, key: &str) -> Effect {
        let before = self.figure.values();
        let r = self.figure.key(key);
        self.protect(&before);
        r.into()
    }

    /// Runs a figure action (a button), unless a teacher's link froze it.
    pub fn action(&mut self, id: &str, reduced_motion: bool) -> Effect {
        if self.frozen(id) {
            return Effect::None;
        }
        let before = self.figure.values();
        let r = self.figure.action(id, reduced_motion);
        self.protect(&before);
        r.into()
    }

    /// Loads a saved state (the JSON of the state export); frozen settings keep their values.
    ///
    /// # Errors
    /// Every problem with the file, in one message; the figure is unchanged.
    pub fn import_state(&mut self, text: &str) -> Result<(), String> {
        let before = self.figure.values();
        self.figure.import_state(text).map_err(|e| e.to_string())?;
        self.protect(&before);
        Ok(())
    }

    /// Loads points from CSV text; returns how many were read.
    ///
    /// # Errors
    /// Every problem with the file, in one message, or the setting a teacher's link froze
    /// that the points would replace; the figure is unchanged.
    pub fn import_csv(&mut self, text: &str) -> Result<usize, String> {
        if let Some(why) = self.import_frozen() {
            return Err(format!("points not loaded (nothing changed): {why}"));
        }
        self.figure.import_csv(text).map_err(|e| e.to_string())
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn controls(m: &Mounted) -> Value {
        serde_json::from_str(&m.controls_json()).unwrap()
    }

    fn param<'a>(c: &'a Value, key: &str) -> &'a Value {
        c["params"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["key"] == key)
            .unwrap_or_else(|| panic!("no control {key}"))
    }

    #[test]
    fn controls_describe_every_parameter_of_every_figure() {
        for kind in AnyFigure::KINDS {
            let m = Mounted::new(kind, "").unwrap();
            let c = controls(&m);
            let specs = m.figure().specs();
            let params = c["params"].as_array().unwrap();
            assert_eq!(params.len(), specs.len(), "{kind}");
            let ns = m.figure().namespace();
            for (p, s) in params.iter().zip(specs) {
                assert_eq!(p["id"], format!("{ns}-{}", s.key));
                let t = p["type"].as_str().unwrap();
                assert!(
                    ["range", "select", "seed"].contains(&t),
                    "{kind}.{}: {t}",
                    s.key
                );
                if t == "range" {
                    let (lo, hi, pos) = (
                        p["min"].as_f64().unwrap(),
                        p["max"].as_f64().unwrap(),
                        p["position"].as_f64().unwrap(),
                    );
                    assert!(
                        lo <= pos && pos <= hi,
                        "{kind}.{}: {pos} in [{lo}, {hi}]",
                        s.key
                    );
                }
                assert_eq!(p["hidden"], false);
                assert_eq!(p["locked"], false);
                assert!(!p["valuetext"].as_str().unwrap().is_empty());
            }
            assert_eq!(c["reset"]["locked"], false);
        }
    }

    #[test]
    fn a_log_slider_is_described_by_positions_with_its_exact_range() {
        let m = Mounted::new("hullcurve", "hc.nmax=1000").unwrap();
        let c = controls(&m);
        let n = param(&c, "nmax");
        assert_eq!(n["log"], true);
        assert_eq!(n["min"], 0);
        assert_eq!(n["exact"]["min"], 100.0);
        assert_eq!(n["exact"]["max"], 100_000.0);
        assert_eq!(n["exact"]["integer"], true);
        assert_eq!(n["url"], "1000");
        let dist = param(&c, "dist");
        assert_eq!(dist["type"], "select");
        assert_eq!(dist["options"][0][0], "gauss");
    }

    #[test]
    fn locked_and_hidden_values_do_not_move_by_any_path() {
        let mut m = Mounted::new("hullcurve", "hc.target=7&hc.lock=target&hc.hide=seed").unwrap();
        let c = controls(&m);
        assert_eq!(param(&c, "target")["locked"], true);
        assert_eq!(param(&c, "seed")["hidden"], true);
        let target = |m: &Mounted| m.figure().values()[4];
        // Slider, typed text, canvas keys, reset and a saved state all leave it at 7.
        assert!(!m.set_position("target", 30.0).unwrap());
        assert!(m
            .set_text("target", "30")
            .unwrap()
            .unwrap()
            .contains("locked"));
        m.key("ArrowRight");
        assert_eq!(target(&m), 7.0);
        m.reseed(99).unwrap();
        assert!(!m.query().contains("hc.seed=99"));
        assert!(
            m.set_position("dmax", 3.0).unwrap(),
            "an unlocked control moves"
        );
        m.reset();
        assert_eq!(target(&m), 7.0);
        assert_eq!(m.figure().values()[0], 12.0, "reset restored the rest");
        let state =
            r#"{"highdim": 1, "figure": "hullcurve", "state": {"target": "30", "dmax": "5"}}"#;
        m.import_state(state).unwrap();
        assert_eq!(target(&m), 7.0);
        assert_eq!(m.figure().values()[0], 5.0);
        // The lists survive a copied link.
        let q = m.query();
        assert!(
            q.contains("hc.lock=target") && q.contains("hc.hide=seed"),
            "{q}"
        );
        // A link that locks reset disables it.
        let mut r = Mounted::new("shell", "sh.d=50&sh.lock=reset").unwrap();
        r.reset();
        assert!(r.query().contains("sh.d=50"));
        assert_eq!(controls(&r)["reset"]["locked"], true);
    }

    #[test]
    fn a_points_file_is_refused_when_the_link_fixes_the_data_it_replaces() {
        let mut m = Mounted::new("hull2d", "h2.lock=dist").unwrap();
        let err = m.import_csv("x,y\n0,0\n1,0\n0,1\n").unwrap_err();
        assert!(err.contains("this link fixes dist"), "{err}");
        assert!(controls(&m)["import"]["locked"].is_string());
        let mut free = Mounted::new("hull2d", "").unwrap();
        let header = free.figure().point_import().unwrap().header();
        assert!(header.starts_with("x,y"), "{header}");
        assert_eq!(free.import_csv("x,y\n0,0\n1,0\n0,1\n").unwrap(), 3);
        // The page's table view: cells written for reading.
        let t: Value =
            serde_json::from_str(&free.figure().table().unwrap().to_display_json()).unwrap();
        assert_eq!(t["columns"][0], "point");
        assert!(t["rows"].as_array().unwrap().len() >= 3);
        assert!(controls(&free)["import"]["locked"].is_null());
    }

    #[test]
    fn unknown_keys_and_notes() {
        let mut m = Mounted::new("shell", "sh.d=abc&sh.lock=nonsense").unwrap();
        let notes = m.take_notes();
        assert!(notes.len() >= 2, "{notes:?}");
        assert!(m.take_notes().is_empty(), "notes are cleared by reading");
        assert!(m.set_position("nope", 1.0).is_err());
        assert!(Mounted::new("nofigure", "").is_err());
    }

    #[test]
    fn the_projector_zooms_less_on_narrow_canvases_and_a_job_json_is_reused() {
        let mut m = Mounted::new("hullcurve", "hc.nmax=100&hc.tests=20").unwrap();
        assert_eq!(m.zoom_for(900.0), 1.0);
        m.set_projector(true);
        assert_eq!(m.zoom_for(900.0), PROJECTOR_ZOOM);
        assert_eq!(m.zoom_for(600.0), 1.25);
        assert_eq!(m.zoom_for(300.0), 1.0);
        assert!(m.height_for(900.0) > 0.0);
        let a = m.job_json().unwrap();
        assert_eq!(m.job_json().unwrap(), a);
        assert!(m.accept_json("{not json").is_err());
        // A pointer with NaN coordinates does nothing.
        assert_eq!(
            m.pointer(PointerPhase::Down, (f64::NAN, 1.0), (900.0, 400.0)),
            Effect::None
        );
    }
}
