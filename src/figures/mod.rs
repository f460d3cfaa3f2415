//! Figures: one module per widget of the article.
//!
//! A figure owns its typed parameters ([`crate::params::ParamSet`]), whatever state it derives
//! from them (exact values computed at once, results of long jobs accepted as they arrive),
//! a text summary (the live caption, from the same numbers as the picture), and a drawing
//! function generic over plotters' `DrawingBackend`: the browser draws on a canvas, the
//! command line and the tests draw SVG. Pointer and keyboard input arrive in CSS pixels /
//! key names and may change parameters.
//!
//! Figures never touch the DOM and never read a clock; the web layer (`crate::web` on
//! wasm32) and the command line drive them through [`AnyFigure`], the registry of every
//! figure kind.
//!
//! The figures are grouped by article section, as the math is: [`curse`] (the ball in the
//! cube), [`hull`] (convex hulls and the definitions of interpolation), [`digits`] (real
//! images) and [`relu`] (ReLU networks); a section's folder also holds what its figures share
//! (no figure imports another). Shared by every section: [`theme`] (palette, markers, panels'
//! helpers), [`table`] (data tables and imports) and [`mount`] (a figure as the page mounts
//! it).
//!
//! Adding a figure: write its module in its section's folder implementing [`Figure`], add one
//! row to [`AnyFigure`]'s `registry!` invocation, one embed page and one end-to-end
//! expectation.

// Figures live in one folder per article section, named like the section's math folder, its
// Cargo feature and its wasm bundle (see ARCHITECTURE.md, "Bundles").
#[cfg(feature = "curse")]
pub mod curse;
#[cfg(feature = "digits")]
pub mod digits;
#[cfg(feature = "hull")]
pub mod hull;
pub mod mount;
#[cfg(feature = "relu")]
pub mod relu;
pub mod table;
pub mod theme;

use crate::jobs::{JobOutput, JobSpec};
use crate::params::{Note, ParamError, ParamSet, Spec};
use plotters::coord::Shift;
use plotters::prelude::*;
pub use table::{Cell, ImportError, PointColumn, PointImport, Table};

/// A failure while drawing (from the backend); shown in place of the figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrawError(pub String);

impl std::fmt::Display for DrawError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "could not draw the figure: {}", self.0)
    }
}

impl std::error::Error for DrawError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for DrawError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        DrawError(e.to_string())
    }
}

/// The result of drawing.
pub type DrawResult = Result<(), DrawError>;

/// What a pointer did, in CSS pixels relative to the canvas's top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pointer {
    /// Press, move (with or without a button down) or release.
    pub phase: PointerPhase,
    /// Horizontal position.
    pub x: f64,
    /// Vertical position (down is positive).
    pub y: f64,
    /// Width of the canvas in CSS pixels.
    pub width: f64,
    /// Height of the canvas in CSS pixels.
    pub height: f64,
}

/// Phases of a pointer gesture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointerPhase {
    /// Button pressed or touch started.
    Down,
    /// Moved while pressed.
    Drag,
    /// Released.
    Up,
    /// Moved with no button down (a mouse or pen hovering; touch screens send none). A
    /// position outside the canvas means the pointer left it.
    Hover,
}

/// What an input event did to a figure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Response {
    /// Parameters changed (the page updates its controls, URL and jobs).
    pub params_changed: bool,
    /// Only the picture needs redrawing.
    pub redraw: bool,
}

impl Response {
    /// Nothing happened.
    pub const NONE: Response = Response {
        params_changed: false,
        redraw: false,
    };
    /// Parameters changed.
    pub const PARAMS: Response = Response {
        params_changed: true,
        redraw: true,
    };
    /// A redraw is needed.
    pub const REDRAW: Response = Response {
        params_changed: false,
        redraw: true,
    };
}

/// The canvas a figure is about to be drawn on, in device pixels, with the device pixels per
/// CSS pixel: what a figure may need to know outside `draw` (the relu figure asks the worker
/// for a raster of the partition at the size it is drawn).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Width in device pixels.
    pub width: f64,
    /// Height in device pixels.
    pub height: f64,
    /// Device pixels per CSS pixel (projector zoom included).
    pub scale: f64,
}

/// A button a figure offers besides its parameter controls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Action {
    /// Identifier passed back to [`Figure::action`].
    pub id: &'static str,
    /// Button label.
    pub label: &'static str,
    /// Whether the button is usable now.
    pub enabled: bool,
}

/// One widget of the article.
pub trait Figure: Sized {
    /// The figure's parameters.
    type Params: ParamSet;
    /// Registry name (`ballcube`), used in embed URLs and `highdim render`.
    const KIND: &'static str;
    /// Short title.
    const TITLE: &'static str;

    /// A figure in its initial state for `params`.
    fn new(params: Self::Params) -> Self;
    /// The current parameters.
    fn params(&self) -> &Self::Params;
    /// Replaces the parameters, recomputing derived state and invalidating job results
    /// that no longer match.
    fn set_params(&mut self, params: Self::Params);
    /// The live caption: the figure's numbers in one or two sentences.
    fn summary(&self) -> String;
    /// What the canvas shows, for its `aria-label`.
    fn description(&self) -> String;
    /// Preferred height in CSS pixels for a canvas `width` CSS pixels wide.
    fn height_for(&self, width: f64) -> f64 {
        (width * 0.5).clamp(220.0, 420.0)
    }
    /// Draws the figure. The drawing area is in device pixels; `scale` is device pixels per
    /// CSS pixel (fonts and strokes are multiplied by it).
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, scale: f64) -> DrawResult;
    /// Learns the canvas the page is about to draw on (before each draw on the page, not for
    /// exports); figures whose jobs depend on it keep what they need as ordinary state, so
    /// `draw` itself stays free of side effects.
    fn set_viewport(&mut self, _viewport: Viewport) {}
    /// The long computation the current parameters need, if its result is not here yet.
    fn job(&self) -> Option<JobSpec> {
        None
    }
    /// Takes a (partial or final) job result; results for other parameters are ignored.
    fn accept(&mut self, _output: &JobOutput) {}
    /// Takes binary data that came with the next [`Figure::accept`]'s output (see
    /// `Runner::bytes`); data for other requests are ignored.
    fn accept_bytes(&mut self, _bytes: &[u8]) {}
    /// Reacts to a pointer gesture.
    fn pointer(&mut self, _p: Pointer) -> Response {
        Response::NONE
    }
    /// Reacts to a key (a `KeyboardEvent.key` name such as `ArrowLeft`).
    fn key(&mut self, _key: &str) -> Response {
        Response::NONE
    }
    /// Whether the control for parameter `key` matters in the current state.
    fn control_enabled(&self, _key: &str) -> bool {
        true
    }
    /// Extra buttons.
    fn actions(&self) -> Vec<Action> {
        Vec::new()
    }
    /// Runs an action; `reduced_motion` asks for the end state instead of an animation.
    fn action(&mut self, _id: &str, _reduced_motion: bool) -> Response {
        Response::NONE
    }
    /// Advances an animation to time `now_ms`; returns true while still animating.
    fn tick(&mut self, _now_ms: f64) -> bool {
        false
    }
    /// Keyboard help shown under the figure.
    fn keyboard_help(&self) -> &'static str {
        ""
    }
    /// Whether dragging on the canvas does something now; the page then stops a touch drag
    /// on the canvas from scrolling the page (elsewhere the page scrolls as usual).
    fn captures_drag(&self) -> bool {
        false
    }
    /// Whether the figure reacts to [`PointerPhase::Hover`]; other figures never see hover
    /// events (their pointer code predates them).
    fn hovers(&self) -> bool {
        false
    }
    /// Reads state kept under the parameters' `EXTRA_KEYS` (validated, never failing) from a
    /// query string; returns notes for whatever was adjusted.
    fn read_extra(&mut self, _query: &str) -> Vec<Note> {
        Vec::new()
    }
    /// The extra state as query pairs (`nn.pts=…`), empty when there is none.
    fn extra_query(&self) -> String {
        String::new()
    }
    /// The plotted data (curves, counts, points) as a table, for the CSV export and the
    /// page's "show data as table" view; `None` when the figure has no table yet.
    fn table(&self) -> Option<Table> {
        None
    }
    /// The CSV of points this figure accepts (its playground's own points), if any.
    fn point_import(&self) -> Option<PointImport> {
        None
    }
    /// Replaces the figure's points with `rows`, already validated against
    /// [`Figure::point_import`] (one value per column, in its order).
    fn import_points(&mut self, _rows: Vec<Vec<f64>>) -> Response {
        Response::NONE
    }
    /// The reader's own points, in [`Figure::point_import`]'s column order, when the figure
    /// uses them (saved with the state, since links do not carry them).
    fn own_points(&self) -> Option<Vec<Vec<f64>>> {
        None
    }
    /// The data file this figure needs (the page fetches it when the figure nears the
    /// viewport and hands it in with [`Figure::give_asset`]), if any.
    fn asset(&self) -> Option<&'static str> {
        None
    }
    /// Takes the bytes of the data file named by [`Figure::asset`]; returns a message when
    /// they are unusable (the figure then shows it).
    fn give_asset(&mut self, _bytes: &[u8]) -> Result<(), String> {
        Ok(())
    }
    /// Learns that the data file could not be fetched (the figure shows `message`).
    fn asset_failed(&mut self, _message: &str) {}
    /// The digits this figure's jobs need, once handed in (native runs pass them to the
    /// runner; the worker receives the file's bytes instead).
    fn job_digits(&self) -> Option<std::sync::Arc<crate::math::digits::Digits>> {
        None
    }
}

/// A figure kind the registry does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFigure(pub String);

impl std::fmt::Display for UnknownFigure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "there is no figure called '{}' (known: {})",
            self.0,
            AnyFigure::KINDS.join(", ")
        )
    }
}

impl std::error::Error for UnknownFigure {}

/// The registry: declares [`AnyFigure`] from its rows (below, one per figure in article
/// order; a row's attributes, e.g. `#[cfg(feature = "hull")]`, put it in its section's
/// bundle). From the rows it writes exactly:
///
/// - `pub enum AnyFigure { Volume(curse::volume::VolumeFigure), … }` and `From<…> for AnyFigure`;
/// - [`AnyFigure::KINDS`] (the kinds in article order) and [`REGISTRY`] (kind, URL
///   namespace and constructor of each row, what callers need before a figure exists);
/// - `dispatch!(value, f => expr)`: a `match` over the variants binding the inner figure
///   to `f`, for the methods of [`AnyFigure`], which are ordinary code after the rows.
macro_rules! registry {
    ($($(#[$attr:meta])* $variant:ident($ty:ty)),* $(,)?) => {
        /// Every figure kind, for code that picks the kind at run time (the web layer, the
        /// command line, tests).
        #[allow(clippy::large_enum_variant)]
        pub enum AnyFigure {
            $(
                $(#[$attr])*
                #[doc = concat!("A [`", stringify!($ty), "`].")]
                $variant($ty),
            )*
        }

        $(
            $(#[$attr])*
            impl From<$ty> for AnyFigure {
                fn from(f: $ty) -> Self {
                    AnyFigure::$variant(f)
                }
            }
        )*

        impl AnyFigure {
            /// The registry names, in article order.
            pub const KINDS: &'static [&'static str] = &[$($(#[$attr])* <$ty as Figure>::KIND),*];
        }

        /// Every figure's kind, URL namespace and constructor, in article order.
        pub const REGISTRY: &[Entry] = &[$($(#[$attr])* Entry::of::<$ty>()),*];

        macro_rules! dispatch {
            ($self:expr, $f:ident => $body:expr) => {
                match $self {
                    $($(#[$attr])* AnyFigure::$variant($f) => $body,)*
                }
            };
        }
    };
}

registry! {
    #[cfg(feature = "curse")]
    Volume(curse::volume::VolumeFigure),
    #[cfg(feature = "curse")]
    BallCube(curse::ballcube::BallCubeFigure),
    #[cfg(feature = "curse")]
    Shell(curse::shell::ShellFigure),
    #[cfg(feature = "curse")]
    Distances(curse::distances::DistancesFigure),
    #[cfg(feature = "hull")]
    Hull2d(hull::hull2d::Hull2dFigure),
    #[cfg(feature = "hull")]
    HullCurve(hull::hullcurve::HullCurveFigure),
    #[cfg(feature = "hull")]
    HullSubspace(hull::hullsubspace::HullSubspaceFigure),
    #[cfg(feature = "hull")]
    Definitions2d(hull::definitions2d::Definitions2dFigure),
    #[cfg(feature = "hull")]
    DefinitionsCurve(hull::definitionscurve::DefinitionsCurveFigure),
    #[cfg(feature = "digits")]
    DigitsCurve(digits::digitscurve::DigitsCurveFigure),
    #[cfg(feature = "digits")]
    DigitsProject(digits::digitsproject::DigitsProjectFigure),
    #[cfg(feature = "relu")]
    Relu(relu::ReluFigure),
}

/// One row of [`REGISTRY`]: what the page and the command line need before a figure exists.
#[derive(Clone, Copy)]
pub struct Entry {
    /// The registry name (`ballcube`).
    pub kind: &'static str,
    /// The URL namespace of its parameters (`bc`).
    pub namespace: &'static str,
    /// Builds the figure from a query string, with notes on whatever was adjusted.
    pub build: fn(&str) -> (AnyFigure, Vec<Note>),
}

impl Entry {
    const fn of<F: Figure + Into<AnyFigure>>() -> Entry {
        Entry {
            kind: F::KIND,
            namespace: <F::Params as ParamSet>::NAMESPACE,
            build: build::<F>,
        }
    }
}

/// A figure of type `F` with its state (parameters and extra keys) read from `query`.
fn build<F: Figure + Into<AnyFigure>>(query: &str) -> (AnyFigure, Vec<Note>) {
    let (p, mut notes) = F::Params::from_query(query);
    let mut f = F::new(p);
    notes.extend(f.read_extra(query));
    (f.into(), notes)
}

impl AnyFigure {
    /// The figure `kind` with its state read from a query string, and the notes for
    /// whatever the query asked that was adjusted.
    ///
    /// # Errors
    /// [`UnknownFigure`] for a kind not in [`AnyFigure::KINDS`].
    pub fn from_query(kind: &str, query: &str) -> Result<(Self, Vec<Note>), UnknownFigure> {
        REGISTRY
            .iter()
            .find(|e| e.kind == kind)
            .map(|e| (e.build)(query))
            .ok_or_else(|| UnknownFigure(kind.to_string()))
    }

    /// The URL namespace of figure `kind`, without building the figure.
    pub fn namespace_of(kind: &str) -> Option<&'static str> {
        REGISTRY
            .iter()
            .find(|e| e.kind == kind)
            .map(|e| e.namespace)
    }

    /// The URL namespace of this figure's parameters.
    pub fn namespace(&self) -> &'static str {
        fn ns<F: Figure>(_: &F) -> &'static str {
            F::Params::NAMESPACE
        }
        dispatch!(self, f => ns(f))
    }

    /// The parameter specs.
    pub fn specs(&self) -> &'static [Spec] {
        fn specs<F: Figure>(_: &F) -> &'static [Spec] {
            F::Params::SPECS
        }
        dispatch!(self, f => specs(f))
    }

    /// The registry name.
    pub fn kind(&self) -> &'static str {
        fn kind<F: Figure>(_: &F) -> &'static str {
            F::KIND
        }
        dispatch!(self, f => kind(f))
    }

    /// The title.
    pub fn title(&self) -> &'static str {
        fn title<F: Figure>(_: &F) -> &'static str {
            F::TITLE
        }
        dispatch!(self, f => title(f))
    }
}

impl AnyFigure {
    /// Current parameter values, one per spec.
    pub fn values(&self) -> Vec<f64> {
        dispatch!(self, f => f.params().values())
    }

    /// This figure's part of the page query (`bc.d=20&…`).
    pub fn query(&self) -> String {
        dispatch!(self, f => {
            let mut q = f.params().to_query();
            let extra = f.extra_query();
            if !extra.is_empty() {
                q.push('&');
                q.push_str(&extra);
            }
            q
        })
    }

    /// Sets parameter `key` to a number (slider or gesture); returns whether the
    /// parameters changed.
    ///
    /// # Errors
    /// [`ParamError::UnknownKey`].
    pub fn set_value(&mut self, key: &str, value: f64) -> Result<bool, ParamError> {
        dispatch!(self, f => {
            let p = f.params().with_value(key, value)?;
            let changed = &p != f.params();
            if changed {
                f.set_params(p);
            }
            Ok(changed)
        })
    }

    /// Sets parameter `key` from text a reader typed or a link carried; returns a
    /// note when the text was adjusted.
    ///
    /// # Errors
    /// [`ParamError::UnknownKey`].
    pub fn set_text(&mut self, key: &str, text: &str) -> Result<Option<String>, ParamError> {
        dispatch!(self, f => {
            let (p, note) = f.params().with_text(key, text)?;
            if &p != f.params() {
                f.set_params(p);
            }
            Ok(note)
        })
    }

    /// Resets every parameter to its default.
    pub fn reset(&mut self) {
        dispatch!(self, f => f.set_params(ParamSet::defaults()))
    }

    /// See [`Figure::summary`].
    pub fn summary(&self) -> String {
        dispatch!(self, f => f.summary())
    }

    /// See [`Figure::description`].
    pub fn description(&self) -> String {
        dispatch!(self, f => f.description())
    }

    /// See [`Figure::height_for`].
    pub fn height_for(&self, width: f64) -> f64 {
        dispatch!(self, f => f.height_for(width))
    }

    /// See [`Figure::draw`].
    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: f64,
    ) -> DrawResult {
        dispatch!(self, f => f.draw(root, scale))
    }

    /// See [`Figure::set_viewport`].
    pub fn set_viewport(&mut self, viewport: Viewport) {
        dispatch!(self, f => f.set_viewport(viewport))
    }

    /// See [`Figure::job`].
    pub fn job(&self) -> Option<JobSpec> {
        dispatch!(self, f => f.job())
    }

    /// See [`Figure::accept`].
    pub fn accept(&mut self, output: &JobOutput) {
        dispatch!(self, f => f.accept(output))
    }

    /// See [`Figure::accept_bytes`].
    pub fn accept_bytes(&mut self, bytes: &[u8]) {
        dispatch!(self, f => f.accept_bytes(bytes))
    }

    /// See [`Figure::pointer`].
    pub fn pointer(&mut self, p: Pointer) -> Response {
        dispatch!(self, f => {
            if p.phase == PointerPhase::Hover && !f.hovers() {
                return Response::NONE;
            }
            f.pointer(p)
        })
    }

    /// See [`Figure::key`].
    pub fn key(&mut self, key: &str) -> Response {
        dispatch!(self, f => f.key(key))
    }

    /// See [`Figure::control_enabled`].
    pub fn control_enabled(&self, key: &str) -> bool {
        dispatch!(self, f => f.control_enabled(key))
    }

    /// See [`Figure::actions`].
    pub fn actions(&self) -> Vec<Action> {
        dispatch!(self, f => f.actions())
    }

    /// See [`Figure::action`].
    pub fn action(&mut self, id: &str, reduced_motion: bool) -> Response {
        dispatch!(self, f => f.action(id, reduced_motion))
    }

    /// See [`Figure::tick`].
    pub fn tick(&mut self, now_ms: f64) -> bool {
        dispatch!(self, f => f.tick(now_ms))
    }

    /// See [`Figure::captures_drag`].
    pub fn captures_drag(&self) -> bool {
        dispatch!(self, f => f.captures_drag())
    }

    /// See [`Figure::keyboard_help`].
    pub fn keyboard_help(&self) -> &'static str {
        dispatch!(self, f => f.keyboard_help())
    }

    /// See [`Figure::asset`].
    pub fn asset(&self) -> Option<&'static str> {
        dispatch!(self, f => f.asset())
    }

    /// See [`Figure::give_asset`].
    ///
    /// # Errors
    /// The figure's message when the bytes are unusable.
    pub fn give_asset(&mut self, bytes: &[u8]) -> Result<(), String> {
        dispatch!(self, f => f.give_asset(bytes))
    }

    /// See [`Figure::asset_failed`].
    pub fn asset_failed(&mut self, message: &str) {
        dispatch!(self, f => f.asset_failed(message))
    }

    /// Runs this figure's job (if any) to completion in the calling thread and
    /// accepts the result: what the command line and native tests do.
    ///
    /// # Errors
    /// The job's validation error.
    pub fn complete_jobs(&mut self) -> Result<(), crate::jobs::JobError> {
        // A figure may need several jobs in turn (e.g. a cached sweep); bound the loop.
        for _ in 0..8 {
            match self.job() {
                Some(spec) => {
                    let data = dispatch!(&*self, f => f.job_digits());
                    let out = crate::jobs::run_to_end_with(&spec, data)?;
                    self.accept(&out);
                }
                None => return Ok(()),
            }
        }
        Ok(())
    }

    /// See [`Figure::table`].
    pub fn table(&self) -> Option<Table> {
        dispatch!(self, f => f.table())
    }

    /// See [`Figure::point_import`].
    pub fn point_import(&self) -> Option<PointImport> {
        dispatch!(self, f => f.point_import())
    }

    /// Replaces the figure's points from CSV text (see [`table::parse_points_csv`]);
    /// returns how many points were read. Nothing changes on error.
    ///
    /// # Errors
    /// [`ImportError`] listing every problem, or saying the figure takes no points.
    pub fn import_csv(&mut self, text: &str) -> Result<usize, ImportError> {
        let Some(spec) = self.point_import() else {
            return Err(ImportError {
                problems: vec![format!(
                    "the '{}' figure does not take points from a file",
                    self.kind()
                )],
            });
        };
        let rows = table::parse_points_csv(text, &spec)?;
        let n = rows.len();
        dispatch!(self, f => f.import_points(rows));
        Ok(n)
    }

    /// Sets the parameters (and the reader's own points, if the file has them) from
    /// a saved state (JSON, see [`table::parse_state_json`]); settings the file does
    /// not mention keep their values. Nothing changes on error.
    ///
    /// # Errors
    /// [`ImportError`] listing every problem.
    pub fn import_state(&mut self, text: &str) -> Result<(), ImportError> {
        let (query, points) = table::parse_state_json(
            text,
            self.kind(),
            self.namespace(),
            self.specs(),
            self.point_import().as_ref(),
        )?;
        let keep = self.query();
        dispatch!(self, f => {
            let (p, _) = ParamSet::from_query(&format!("{keep}&{query}"));
            if &p != f.params() {
                f.set_params(p);
            }
            if let Some(rows) = points {
                f.import_points(rows);
            }
        });
        Ok(())
    }

    /// The state as JSON, as the page's state export saves it and
    /// [`AnyFigure::import_state`] reads it: `{"highdim": 1, "figure": kind,
    /// "state": {key: value as in links}}`, plus `"points": [[x, y], …]` when the
    /// figure uses the reader's own points.
    pub fn state_json(&self) -> String {
        let state: serde_json::Map<String, serde_json::Value> = self
            .specs()
            .iter()
            .zip(self.values())
            .map(|(s, v)| (s.key.to_string(), serde_json::Value::from(s.url_text(v))))
            .collect();
        let mut o = serde_json::json!({
            "highdim": crate::params::SCHEMA_VERSION,
            "figure": self.kind(),
            "state": state,
        });
        if let Some(points) = dispatch!(self, f => f.own_points()) {
            o["points"] = serde_json::json!(points);
        }
        o.to_string()
    }
}

/// Renders a figure to an SVG string, `width`×`height` CSS pixels at scale 1: the command
/// line's `render`, the page's SVG export and the tests all use it.
///
/// # Errors
/// [`DrawError`] from the backend.
pub fn render_svg(figure: &AnyFigure, width: u32, height: u32) -> Result<String, DrawError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        figure.draw(&root, 1.0)?;
        root.present()?;
    }
    Ok(svg)
}

/// Moves a logarithmic slider value one tick left or right (for arrow keys on a canvas).
pub(crate) fn step_tick(spec: &Spec, value: f64, delta: i64) -> f64 {
    let p = spec.position_of(value) + delta as f64;
    spec.value_at(p)
}
