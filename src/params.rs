//! Per-figure URL state: typed keys, a versioned schema, clamping with notes.
//!
//! A page's query string holds the state of every figure on it, each figure's keys under its
//! own namespace, plus one schema version for the whole page:
//!
//! ```text
//! ?v=1&bc.d=20&bc.m=100000&bc.seed=7&sh.eps=0.01
//! ```
//!
//! Reading a link never fails. Every value is parsed by its [`Spec`], clamped to its range,
//! rounded to its grid, and anything adjusted (out of range, unparsable, unknown key,
//! unknown version) produces a [`Note`] the page shows next to the figure. Keys of other
//! namespaces are ignored silently: they belong to other figures.
//!
//! ```
//! use highdim::params::{parse, Spec, Control};
//! const SPECS: &[Spec] = &[Spec::new("d", "d", Control::LogInt { min: 1, max: 1000 }, 10.0, "dimensions")];
//! let (values, notes) = parse("?v=1&x.d=5000&x.foo=1&y.d=3", "x", SPECS);
//! assert_eq!(values, vec![1000.0]);
//! assert_eq!(notes.len(), 2); // d clamped, foo unknown; y.d belongs to another figure
//! ```

use crate::format::{short, thousands};

/// The URL schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// Largest seed (seeds are 32-bit so they survive any JSON/JS number round trip).
pub const MAX_SEED: u32 = u32::MAX;

/// How a parameter is edited and which values it may take.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Control {
    /// An integer in `[min, max]` on a linear slider.
    Int {
        /// Smallest value.
        min: u32,
        /// Largest value.
        max: u32,
    },
    /// An integer in `[min, max]` on a logarithmic slider whose positions are distinct
    /// integers (every integer up to ~40, then log-spaced); any integer in range is valid.
    LogInt {
        /// Smallest value (≥ 1).
        min: u32,
        /// Largest value.
        max: u32,
    },
    /// A real number in `[min, max]` on a logarithmic slider (min > 0).
    LogFloat {
        /// Smallest value.
        min: f64,
        /// Largest value.
        max: f64,
    },
    /// A real number in `[min, max]` on a linear slider with the given step.
    Float {
        /// Smallest value.
        min: f64,
        /// Largest value.
        max: f64,
        /// Slider step.
        step: f64,
    },
    /// One of a list of options: `(url value, label)`; the value stored is the index.
    Choice(&'static [(&'static str, &'static str)]),
    /// A random seed in `0..=MAX_SEED`.
    Seed,
}

/// Number of positions of a logarithmic real slider.
const LOG_FLOAT_POSITIONS: usize = 400;

/// The key of a logarithmic range (kind, min bits, max bits).
type TickKey = (u8, u64, u64);

thread_local! {
    /// Slider ticks per distinct logarithmic range, computed on first use.
    static TICKS: std::cell::RefCell<Vec<(TickKey, &'static [f64])>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The position of the spec with `key` in `specs`. Used in constants, it is found at compile
/// time and a key that is not there stops the build: figures read and write their values by
/// name, so reordering the specs cannot swap two parameters.
///
/// ```
/// use highdim::params::{slot, Control, Spec};
/// const SPECS: &[Spec] = &[
///     Spec::new("d", "Dimension", Control::Int { min: 1, max: 9 }, 2.0, ""),
///     Spec::new("n", "Points", Control::Int { min: 1, max: 9 }, 3.0, ""),
/// ];
/// const N: usize = slot(SPECS, "n");
/// assert_eq!(N, 1);
/// ```
pub const fn slot(specs: &[Spec], key: &str) -> usize {
    let mut i = 0;
    while i < specs.len() {
        if same_text(specs[i].key, key) {
            return i;
        }
        i += 1;
    }
    panic!("no spec with this key");
}

/// `a == b`, usable in a constant.
const fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Declares a choice parameter: an enum with one variant per option and the table of URL
/// values and labels its control offers, written once, side by side, so the two cannot
/// disagree. A variant's position in the table is the choice index the parameter stores.
// A bundle whose figures have no choice setting (the curse section) does not use it.
#[allow(unused_macros)]
macro_rules! choices {
    (
        $(#[$meta:meta])*
        $name:ident, $table:ident;
        $($(#[$vmeta:meta])* $variant:ident => ($key:literal, $label:literal),)+
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        #[doc = concat!("The options of [`", stringify!($name), "`]: URL value and label, in \
                         the order of its variants.")]
        pub const $table: &[(&str, &str)] = &[$(($key, $label),)+];

        impl $name {
            /// Every option, in the order of the URL table.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The option at choice index `index` (the first one for an index out of range,
            /// which a parsed link never holds).
            pub fn from_index(index: usize) -> Self {
                Self::ALL.get(index).copied().unwrap_or(Self::ALL[0])
            }

            /// The choice index: the position in the URL table.
            pub const fn index(self) -> usize {
                self as usize
            }

            /// The value written in the link.
            pub fn key(self) -> &'static str {
                $table[self.index()].0
            }

            /// The label of the option.
            pub fn label(self) -> &'static str {
                $table[self.index()].1
            }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use choices;

/// One parameter of a figure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spec {
    /// URL key within the figure's namespace (`d` in `bc.d=20`).
    pub key: &'static str,
    /// Human label for the control ("Dimension d").
    pub label: &'static str,
    /// Kind and range.
    pub control: Control,
    /// Default value (choice index for [`Control::Choice`]).
    pub default: f64,
    /// Unit word for value texts ("dimensions", "samples"); may be empty.
    pub unit: &'static str,
}

/// Something a link asked for that was adjusted or ignored, for a visible note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The key as written in the link.
    pub key: String,
    /// What was done, in words.
    pub message: String,
}

/// Why a control value given by the page could not be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamError {
    /// The figure has no parameter with this key.
    UnknownKey(String),
}

impl std::fmt::Display for ParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParamError::UnknownKey(k) => write!(f, "this figure has no setting called '{k}'"),
        }
    }
}

impl std::error::Error for ParamError {}

impl Spec {
    /// A parameter description (const so figures can list them in statics).
    pub const fn new(
        key: &'static str,
        label: &'static str,
        control: Control,
        default: f64,
        unit: &'static str,
    ) -> Self {
        Self {
            key,
            label,
            control,
            default,
            unit,
        }
    }

    /// The valid range as `(min, max)` in value units.
    pub fn range(&self) -> (f64, f64) {
        match self.control {
            Control::Int { min, max } | Control::LogInt { min, max } => (min as f64, max as f64),
            Control::LogFloat { min, max } | Control::Float { min, max, .. } => (min, max),
            Control::Choice(options) => (0.0, options.len().saturating_sub(1) as f64),
            Control::Seed => (0.0, MAX_SEED as f64),
        }
    }

    fn is_integer(&self) -> bool {
        matches!(
            self.control,
            Control::Int { .. } | Control::LogInt { .. } | Control::Seed | Control::Choice(_)
        )
    }

    /// Brings any number into the valid set (range, integer grid). NaN gives the default.
    pub fn clamp(&self, v: f64) -> f64 {
        if v.is_nan() {
            return self.default;
        }
        let (lo, hi) = self.range();
        let v = v.clamp(lo, hi);
        if self.is_integer() {
            v.round()
        } else {
            v
        }
    }

    /// Parses a value as written in a URL or typed by a reader. Always returns a valid value,
    /// with a note when the text was adjusted.
    pub fn parse_text(&self, text: &str) -> (f64, Option<String>) {
        let text = text.trim();
        if let Control::Choice(options) = self.control {
            if let Some(i) = options
                .iter()
                .position(|(k, _)| k.eq_ignore_ascii_case(text))
            {
                return (i as f64, None);
            }
            let names: Vec<&str> = options.iter().map(|(k, _)| *k).collect();
            return (
                self.default,
                Some(format!(
                    "'{text}' is not one of {}; using {}",
                    names.join(", "),
                    self.display(self.default)
                )),
            );
        }
        let parsed = text.replace([',', '_'], "").parse::<f64>();
        match parsed {
            Ok(v) if v.is_finite() => {
                let c = self.clamp(v);
                let (lo, hi) = self.range();
                let note = if v < lo {
                    Some(format!(
                        "{} is below the minimum {}; using {}",
                        text,
                        self.display(lo),
                        self.display(c)
                    ))
                } else if v > hi {
                    Some(format!(
                        "{} is above the maximum {}; using {}",
                        text,
                        self.display(hi),
                        self.display(c)
                    ))
                } else if c != v {
                    Some(format!(
                        "{} is not a whole number; using {}",
                        text,
                        self.display(c)
                    ))
                } else {
                    None
                };
                (c, note)
            }
            _ => (
                self.default,
                Some(format!(
                    "'{}' is not a number; using the default {}",
                    text,
                    self.display(self.default)
                )),
            ),
        }
    }

    /// The value as written in a URL (integers without decimals, choices by name).
    pub fn url_text(&self, v: f64) -> String {
        match self.control {
            Control::Choice(options) => options
                .get(v as usize)
                .map(|(k, _)| (*k).to_string())
                .unwrap_or_default(),
            _ if self.is_integer() => format!("{}", v as i64),
            // Shortest representation that parses back to the same f64.
            _ => format!("{v}"),
        }
    }

    /// The value as shown to readers (`1,000`, `0.010`, `Gaussian`).
    pub fn display(&self, v: f64) -> String {
        match self.control {
            Control::Choice(options) => options
                .get(v as usize)
                .map(|(_, label)| (*label).to_string())
                .unwrap_or_default(),
            Control::Seed => format!("{}", v as i64),
            _ if self.is_integer() => thousands(v as i64),
            _ => short(v, 3),
        }
    }

    /// The accessible value text for a slider: `d = 1,000 dimensions`.
    pub fn value_text(&self, v: f64) -> String {
        let mut s = format!("{} = {}", self.label, self.display(v));
        if !self.unit.is_empty() {
            s.push(' ');
            s.push_str(self.unit);
        }
        s
    }

    /// The values a slider steps through, for logarithmic sliders; `None` for controls whose
    /// slider positions are the values themselves.
    ///
    /// Computed once per distinct range and kept for the life of the thread (there are a
    /// few dozen specs), so slider lookups on every input event allocate nothing.
    pub fn ticks(&self) -> Option<&'static [f64]> {
        let key = match self.control {
            Control::LogInt { min, max } => (0u8, min as u64, max as u64),
            Control::LogFloat { min, max } => (1u8, min.to_bits(), max.to_bits()),
            _ => return None,
        };
        TICKS.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some((_, t)) = cache.iter().find(|(k, _)| *k == key) {
                return Some(*t);
            }
            let t: &'static [f64] = Box::leak(self.compute_ticks().into_boxed_slice());
            cache.push((key, t));
            Some(t)
        })
    }

    fn compute_ticks(&self) -> Vec<f64> {
        match self.control {
            Control::LogInt { min, max } => {
                let (lo, hi) = ((min.max(1)) as f64, (max.max(min.max(1))) as f64);
                let mut ticks: Vec<f64> = Vec::new();
                let n = 240;
                for i in 0..=n {
                    let v = (lo.ln() + (hi.ln() - lo.ln()) * i as f64 / n as f64)
                        .exp()
                        .round();
                    let v = v.clamp(lo, hi);
                    if ticks.last() != Some(&v) {
                        ticks.push(v);
                    }
                }
                // Every integer up to where the log grid becomes coarser than 1.
                let mut dense: Vec<f64> = (lo as u64..=hi.min(40.0) as u64)
                    .map(|k| k as f64)
                    .collect();
                dense.extend(ticks.into_iter().filter(|&v| v > 40.0));
                dense
            }
            Control::LogFloat { min, max } => (0..=LOG_FLOAT_POSITIONS)
                .map(|i| {
                    let t = i as f64 / LOG_FLOAT_POSITIONS as f64;
                    let v = (min.ln() + (max.ln() - min.ln()) * t).exp();
                    // Keep three significant digits so values read cleanly.
                    let m = 10f64.powf(v.log10().floor() - 2.0);
                    ((v / m).round() * m).clamp(min, max)
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The slider position closest to value `v` (index into [`Spec::ticks`], or the value
    /// itself for linear controls).
    pub fn position_of(&self, v: f64) -> f64 {
        match self.ticks() {
            Some(t) => {
                let mut best = 0;
                for (i, &x) in t.iter().enumerate() {
                    if (x - v).abs() < (t[best] - v).abs() {
                        best = i;
                    }
                }
                best as f64
            }
            None => v,
        }
    }

    /// The value at slider position `p` (clamped).
    pub fn value_at(&self, p: f64) -> f64 {
        match self.ticks() {
            Some(t) => {
                let i = if p.is_nan() {
                    0
                } else {
                    p.round().clamp(0.0, t.len().saturating_sub(1) as f64) as usize
                };
                t.get(i).copied().unwrap_or(self.default)
            }
            None => self.clamp(p),
        }
    }
}

/// Splits a query string into decoded `(key, value)` pairs. A leading `?` or `#` is skipped,
/// `+` means space, and malformed percent escapes are kept literally.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    let q = query.trim_start_matches(['?', '#']);
    q.split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Reads one figure's values from a query string: `ns.key=value` pairs for the figure with
/// namespace `ns` and parameters `specs`. Returns one valid value per spec (defaults for
/// missing keys) and the notes for everything adjusted.
pub fn parse(query: &str, ns: &str, specs: &[Spec]) -> (Vec<f64>, Vec<Note>) {
    let mut values: Vec<f64> = specs.iter().map(|s| s.default).collect();
    let mut notes = Vec::new();
    let prefix = format!("{ns}.");
    for (key, value) in query_pairs(query) {
        if key == "v" {
            if value.trim() != SCHEMA_VERSION.to_string() {
                notes.push(Note {
                    key,
                    message: format!(
                        "this link uses schema version '{value}'; it was read as version {SCHEMA_VERSION}"
                    ),
                });
            }
            continue;
        }
        let Some(name) = key.strip_prefix(&prefix) else {
            continue;
        };
        // `ns.hide` / `ns.lock` shape the controls (teacher links), read by `view_list`.
        if VIEW_KEYS.contains(&name) {
            continue;
        }
        match specs.iter().position(|s| s.key == name) {
            Some(i) => {
                let (v, note) = specs[i].parse_text(&value);
                values[i] = v;
                if let Some(message) = note {
                    notes.push(Note { key, message });
                }
            }
            None => notes.push(Note {
                message: format!("'{key}' is not a setting of this figure and was ignored"),
                key,
            }),
        }
    }
    // A page-level version note is shown once per figure; keep at most one.
    notes.dedup();
    (values, notes)
}

/// The keys of a figure's namespace that shape its controls rather than set a parameter:
/// `ns.hide=d,eps` hides those controls, `ns.lock=seed` shows them disabled. Either way the
/// values stay where the link set them.
pub const VIEW_KEYS: &[&str] = &["hide", "lock"];

/// Reads the comma-separated list `ns.<which>` (`which` in [`VIEW_KEYS`]) from a query: the
/// names found in `allowed` (each once, in `allowed`'s order), and a note for every name that
/// is not.
pub fn view_list(query: &str, ns: &str, which: &str, allowed: &[&str]) -> (Vec<String>, Vec<Note>) {
    let key = format!("{ns}.{which}");
    let mut found = Vec::new();
    let mut notes = Vec::new();
    for (k, v) in query_pairs(query) {
        if k != key {
            continue;
        }
        for name in v.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if allowed.contains(&name) {
                if !found.iter().any(|f: &String| f == name) {
                    found.push(name.to_string());
                }
            } else {
                notes.push(Note {
                    key: key.clone(),
                    message: format!(
                        "'{name}' is not a control of this figure and was ignored (controls: {})",
                        allowed.join(", ")
                    ),
                });
            }
        }
    }
    // In `allowed`'s order (a filter, not a sort: no sorting code in the wasm for this).
    let ordered = allowed
        .iter()
        .filter(|a| found.iter().any(|f| f == *a))
        .map(|a| a.to_string())
        .collect();
    (ordered, notes)
}

/// Writes one figure's values as `ns.key=value&…` (every key, so a link stays exact even if
/// defaults change in a later version).
pub fn format(ns: &str, specs: &[Spec], values: &[f64]) -> String {
    specs
        .iter()
        .zip(values)
        .map(|(s, &v)| format!("{ns}.{}={}", s.key, percent_encode(&s.url_text(v))))
        .collect::<Vec<_>>()
        .join("&")
}

/// A figure's typed parameters, convertible to and from the generic value list.
pub trait ParamSet: Sized + Clone + PartialEq {
    /// URL namespace (`bc` in `bc.d=20`).
    const NAMESPACE: &'static str;
    /// One spec per parameter, in a fixed order.
    const SPECS: &'static [Spec];
    /// Keys of this namespace that hold state the specs cannot (a list of points, say): the
    /// figure reads and validates them itself (`Figure::read_extra`), so [`parse`] does not
    /// report them as unknown.
    const EXTRA_KEYS: &'static [&'static str] = &[];

    /// Builds the typed parameters from valid values, one per spec.
    fn from_values(values: &[f64]) -> Self;

    /// The values, one per spec.
    fn values(&self) -> Vec<f64>;

    /// The defaults.
    fn defaults() -> Self {
        let v: Vec<f64> = Self::SPECS.iter().map(|s| s.default).collect();
        Self::from_values(&v)
    }

    /// Reads the figure's keys from a query string (see [`parse`]).
    fn from_query(query: &str) -> (Self, Vec<Note>) {
        let (v, mut notes) = parse(query, Self::NAMESPACE, Self::SPECS);
        if !Self::EXTRA_KEYS.is_empty() {
            let prefix = format!("{}.", Self::NAMESPACE);
            notes.retain(|n| {
                n.key
                    .strip_prefix(&prefix)
                    .is_none_or(|k| !Self::EXTRA_KEYS.contains(&k))
            });
        }
        (Self::from_values(&v), notes)
    }

    /// Writes the figure's keys (see [`format()`]).
    fn to_query(&self) -> String {
        format(Self::NAMESPACE, Self::SPECS, &self.values())
    }

    /// A copy with the parameter `key` set from reader text (clamped, with a note when
    /// adjusted).
    ///
    /// # Errors
    /// [`ParamError::UnknownKey`] when the figure has no such parameter.
    fn with_text(&self, key: &str, text: &str) -> Result<(Self, Option<String>), ParamError> {
        let i = spec_index(Self::SPECS, key)?;
        let mut v = self.values();
        let (x, note) = Self::SPECS[i].parse_text(text);
        v[i] = x;
        Ok((Self::from_values(&v), note))
    }

    /// A copy with the parameter `key` set to a number (clamped silently: sliders and
    /// pointer gestures cannot leave the range on purpose).
    ///
    /// # Errors
    /// [`ParamError::UnknownKey`] when the figure has no such parameter.
    fn with_value(&self, key: &str, value: f64) -> Result<Self, ParamError> {
        let i = spec_index(Self::SPECS, key)?;
        let mut v = self.values();
        v[i] = Self::SPECS[i].clamp(value);
        Ok(Self::from_values(&v))
    }
}

/// The index of `key` in `specs`.
///
/// # Errors
/// [`ParamError::UnknownKey`] when absent.
pub fn spec_index(specs: &[Spec], key: &str) -> Result<usize, ParamError> {
    specs
        .iter()
        .position(|s| s.key == key)
        .ok_or_else(|| ParamError::UnknownKey(key.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHOICES: &[(&str, &str)] = &[("cube", "uniform cube"), ("gauss", "Gaussian")];
    const SPECS: &[Spec] = &[
        Spec::new(
            "d",
            "d",
            Control::LogInt { min: 1, max: 1000 },
            10.0,
            "dimensions",
        ),
        Spec::new(
            "m",
            "M",
            Control::LogInt {
                min: 100,
                max: 1_000_000,
            },
            100_000.0,
            "samples",
        ),
        Spec::new(
            "eps",
            "ε",
            Control::LogFloat {
                min: 0.001,
                max: 0.5,
            },
            0.01,
            "",
        ),
        Spec::new(
            "t",
            "t",
            Control::Float {
                min: 0.0,
                max: 1.0,
                step: 0.01,
            },
            0.5,
            "",
        ),
        Spec::new("law", "law", Control::Choice(CHOICES), 0.0, ""),
        Spec::new("seed", "seed", Control::Seed, 1.0, ""),
    ];

    #[test]
    fn defaults_without_keys() {
        let (v, notes) = parse("", "x", SPECS);
        assert_eq!(v, vec![10.0, 100_000.0, 0.01, 0.5, 0.0, 1.0]);
        assert!(notes.is_empty());
    }

    #[test]
    fn round_trip() {
        let q = "v=1&x.d=37&x.m=5000&x.eps=0.0123&x.t=0.25&x.law=gauss&x.seed=4000000000";
        let (v, notes) = parse(q, "x", SPECS);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(v, vec![37.0, 5000.0, 0.0123, 0.25, 1.0, 4e9]);
        let again = format("x", SPECS, &v);
        assert_eq!(parse(&again, "x", SPECS).0, v);
    }

    #[test]
    fn clamping_and_garbage_give_notes() {
        let q = "?v=2&x.d=5000&x.m=abc&x.eps=-1&x.t=NaN&x.law=banana&x.seed=-3&x.zzz=1&y.d=1";
        let (v, notes) = parse(q, "x", SPECS);
        assert_eq!(v, vec![1000.0, 100_000.0, 0.001, 0.5, 0.0, 0.0]);
        let keys: Vec<&str> = notes.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(
            keys,
            vec!["v", "x.d", "x.m", "x.eps", "x.t", "x.law", "x.seed", "x.zzz"]
        );
        assert!(
            notes[1].message.contains("above the maximum 1,000"),
            "{}",
            notes[1].message
        );
    }

    #[test]
    fn non_integers_are_rounded_with_a_note() {
        let (v, notes) = parse("x.d=2.6", "x", SPECS);
        assert_eq!(v[0], 3.0);
        assert_eq!(notes.len(), 1);
        let (v, _) = parse("x.d=1e2", "x", SPECS);
        assert_eq!(v[0], 100.0);
        let (v, notes) = parse("x.m=1%2C000", "x", SPECS);
        assert_eq!(v[1], 1000.0);
        assert!(notes.is_empty());
    }

    #[test]
    fn ticks_are_distinct_increasing_and_span_the_range() {
        let t = SPECS[0].ticks().unwrap();
        assert_eq!(t[0], 1.0);
        assert_eq!(*t.last().unwrap(), 1000.0);
        assert!(t.windows(2).all(|w| w[0] < w[1]));
        assert!((1..=40).all(|k| t.contains(&(k as f64))));
        assert_eq!(SPECS[0].value_at(SPECS[0].position_of(37.0)), 37.0);
        assert_eq!(SPECS[0].value_at(-5.0), 1.0);
        assert_eq!(SPECS[0].value_at(1e9), 1000.0);
        assert_eq!(SPECS[0].value_at(f64::NAN), 1.0);
        let e = SPECS[2].ticks().unwrap();
        assert_eq!(e[0], 0.001);
        assert_eq!(*e.last().unwrap(), 0.5);
        assert!(e.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn value_texts() {
        assert_eq!(SPECS[1].value_text(1000.0), "M = 1,000 samples");
        assert_eq!(SPECS[4].value_text(1.0), "law = Gaussian");
    }

    #[test]
    fn view_lists_are_validated() {
        let q = "?v=1&vol.d=20&vol.hide=d,nope&vol.lock=,d,d&bc.hide=d";
        let (hide, notes) = view_list(q, "vol", "hide", &["d", "reset"]);
        assert_eq!(hide, vec!["d".to_string()]);
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].message.contains("'nope' is not a control"),
            "{notes:?}"
        );
        let (lock, notes) = view_list(q, "vol", "lock", &["d", "reset"]);
        assert_eq!((lock, notes.len()), (vec!["d".to_string()], 0));
        // The view keys are not parameters: no "not a setting" note from `parse`.
        let (_, notes) = parse(
            q,
            "vol",
            &[Spec::new(
                "d",
                "d",
                Control::Int { min: 1, max: 100 },
                10.0,
                "",
            )],
        );
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn percent_coding() {
        assert_eq!(
            query_pairs("a=%CE%B5+x&b=%zz&c"),
            vec![
                ("a".to_string(), "ε x".to_string()),
                ("b".to_string(), "%zz".to_string()),
                ("c".to_string(), String::new()),
            ]
        );
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_encode("a b,ε"), "a%20b%2C%CE%B5");
    }
}
