//! A figure's data as a table (CSV export and the page's "show data as table" view), and
//! the validation of what readers import: a saved state (JSON) and points (CSV).
//!
//! Everything imported is untrusted: it is checked completely before anything is applied,
//! and every problem found is listed in the error, so a figure's state is never half
//! changed and the reader learns what to fix.

use crate::params::{Spec, SCHEMA_VERSION};

/// One cell of a [`Table`].
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// A number, written with full precision in CSV (empty when not finite).
    Num(f64),
    /// Text (a label, a class name, "not reached").
    Text(String),
}

impl Cell {
    /// The cell as CSV text: numbers in Rust's shortest round-trip form, text quoted when it
    /// holds a comma, a quote or a line break (RFC 4180).
    pub fn csv(&self) -> String {
        match self {
            // Plain decimals where they are short, exponent form (`1e-300`) otherwise; both
            // read back exactly in spreadsheets, JavaScript and Rust.
            Cell::Num(v) if *v == 0.0 || (v.is_finite() && (1e-4..1e15).contains(&v.abs())) => {
                format!("{v}")
            }
            Cell::Num(v) if v.is_finite() => format!("{v:e}"),
            Cell::Num(_) => String::new(),
            Cell::Text(t) => csv_field(t),
        }
    }
}

impl Cell {
    /// The cell as a reader sees it in the page's table: whole numbers with thousands
    /// separators, others to 4 significant digits (`2.46·10⁻⁸`).
    pub fn display(&self) -> String {
        match self {
            Cell::Num(v) if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 => {
                crate::format::thousands(*v as i64)
            }
            Cell::Num(v) if v.is_finite() => crate::format::number(*v, 4),
            Cell::Num(_) => "—".to_string(),
            Cell::Text(t) => t.clone(),
        }
    }
}

impl From<f64> for Cell {
    fn from(v: f64) -> Self {
        Cell::Num(v)
    }
}

impl From<u64> for Cell {
    fn from(v: u64) -> Self {
        Cell::Num(v as f64)
    }
}

impl From<u32> for Cell {
    fn from(v: u32) -> Self {
        Cell::Num(v as f64)
    }
}

impl From<usize> for Cell {
    fn from(v: usize) -> Self {
        Cell::Num(v as f64)
    }
}

impl From<&str> for Cell {
    fn from(v: &str) -> Self {
        Cell::Text(v.to_string())
    }
}

impl From<String> for Cell {
    fn from(v: String) -> Self {
        Cell::Text(v)
    }
}

fn csv_field(t: &str) -> String {
    if t.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", t.replace('"', "\"\""))
    } else {
        t.to_string()
    }
}

/// The data a figure plots: a title, column headers (units in the headers, e.g.
/// `distance from the centre (bin start)`), and rows of the same length as the headers.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// What the table shows (the HTML caption).
    pub title: String,
    /// Column headers, units included.
    pub columns: Vec<String>,
    /// Rows; each has exactly `columns.len()` cells.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty table with these headers.
    pub fn new(title: impl Into<String>, columns: &[&str]) -> Self {
        Self {
            title: title.into(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Appends a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len(), "row width");
        self.rows.push(row);
    }

    /// The table as CSV: the header line, then one line per row, `\n` line ends.
    pub fn to_csv(&self) -> String {
        let mut out = self
            .columns
            .iter()
            .map(|c| csv_field(c))
            .collect::<Vec<_>>()
            .join(",");
        out.push('\n');
        for row in &self.rows {
            out.push_str(&row.iter().map(Cell::csv).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
        out
    }

    /// The table for the page's HTML view, as JSON `{"title", "columns", "rows"}` with every
    /// cell already written for reading ([`Cell::display`]).
    pub fn to_display_json(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::display).collect())
            .collect();
        serde_json::json!({"title": self.title, "columns": self.columns, "rows": rows}).to_string()
    }
}

/// One column of points a figure accepts from a CSV file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PointColumn {
    /// Header name (compared case-insensitively, surrounding spaces ignored).
    pub name: &'static str,
    /// Smallest accepted value.
    pub min: f64,
    /// Largest accepted value.
    pub max: f64,
    /// Whether values must be whole numbers (a class index).
    pub integer: bool,
}

/// What CSV of points a figure accepts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PointImport {
    /// The columns, in the order the figure receives them.
    pub columns: &'static [PointColumn],
    /// Fewest rows.
    pub min_rows: usize,
    /// Most rows.
    pub max_rows: usize,
    /// The settings a points file replaces (the data set becomes the reader's own): a
    /// teacher's link that hides or locks one of them refuses the file.
    pub replaces: &'static [&'static str],
    /// Columns the figure's own CSV export writes that carry no input (a verdict): ignored
    /// on import, like [`LABEL_COLUMN`].
    pub derived: &'static [&'static str],
    /// Rows whose [`LABEL_COLUMN`] says this are skipped: the export lists points the figure
    /// draws itself (its test points), which are not data to load.
    pub skip_label: Option<&'static str>,
}

impl PointImport {
    /// The CSV header the import expects (`x,y`).
    pub fn header(&self) -> String {
        self.columns
            .iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// Why an imported file was refused: every problem found, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// One line per problem.
    pub problems: Vec<String>,
}

/// Most problems listed before the rest are summarised as a count.
const MAX_LISTED: usize = 8;

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the file was not loaded (nothing changed): ")?;
        let shown: Vec<&str> = self
            .problems
            .iter()
            .take(MAX_LISTED)
            .map(String::as_str)
            .collect();
        write!(f, "{}", shown.join("; "))?;
        if self.problems.len() > MAX_LISTED {
            write!(
                f,
                "; and {} more problems",
                self.problems.len() - MAX_LISTED
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportError {}

impl ImportError {
    fn one(p: impl Into<String>) -> Self {
        Self {
            problems: vec![p.into()],
        }
    }
}

/// Points read from a file: one row per point, one value per [`PointImport`] column.
pub type Points = Vec<Vec<f64>>;

/// The row-label column every [`Table`] export of points starts with (`training`, `test`, …):
/// ignored on import, so a figure's own CSV export loads back.
pub const LABEL_COLUMN: &str = "point";

/// Largest file accepted, in bytes (a CSV of the largest point set is far smaller).
pub const MAX_IMPORT_BYTES: usize = 2_000_000;

/// Reads a CSV of points against `spec`: a header naming the columns (any order, extra
/// columns refused, except the exports' row label [`LABEL_COLUMN`], which is ignored), then
/// one point per line. Blank lines are skipped; `,` or `;` or a tab separates fields. A whole-
/// number column (a class) also takes the letters `A`, `B`, … for 0, 1, … (either case), as
/// the exports write classes.
///
/// # Errors
/// [`ImportError`] listing every problem: wrong or missing columns, unreadable or non-finite
/// numbers (with line numbers), values out of range, too few or too many points.
pub fn parse_points_csv(text: &str, spec: &PointImport) -> Result<Vec<Vec<f64>>, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::one(format!(
            "the file is {} bytes; at most {MAX_IMPORT_BYTES} are read",
            text.len()
        )));
    }
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let expected = spec
        .columns
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(",");
    let Some((_, header)) = lines.next() else {
        return Err(ImportError::one(format!(
            "the file is empty; expected a header line '{expected}' and one point per line"
        )));
    };
    let split = |l: &str| -> Vec<String> {
        let sep = if l.contains(',') {
            ','
        } else if l.contains(';') {
            ';'
        } else {
            '\t'
        };
        l.split(sep)
            .map(|f| f.trim().trim_matches('"').trim().to_string())
            .collect()
    };
    let names = split(header);
    let mut problems = Vec::new();
    // Column i of the file feeds column order[i] of the figure.
    let mut order = Vec::with_capacity(names.len());
    for n in &names {
        match spec
            .columns
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(n))
        {
            Some(i) if order.contains(&Some(i)) => {
                problems.push(format!("column '{n}' appears twice"));
                order.push(None);
            }
            Some(i) => order.push(Some(i)),
            None if n.eq_ignore_ascii_case(LABEL_COLUMN)
                || spec.derived.iter().any(|d| d.eq_ignore_ascii_case(n)) =>
            {
                order.push(None)
            }
            None => {
                problems.push(format!("unknown column '{n}'"));
                order.push(None);
            }
        }
    }
    for (i, c) in spec.columns.iter().enumerate() {
        if !order.contains(&Some(i)) {
            problems.push(format!("missing column '{}'", c.name));
        }
    }
    if !problems.is_empty() {
        problems.push(format!("the first line must name the columns: {expected}"));
        return Err(ImportError { problems });
    }
    let label_at = names
        .iter()
        .position(|n| n.eq_ignore_ascii_case(LABEL_COLUMN));
    let mut rows = Vec::new();
    let mut count = 0usize;
    for (i, line) in lines {
        let no = i + 1;
        let fields = split(line);
        if let (Some(skip), Some(at)) = (spec.skip_label, label_at) {
            if fields.get(at).is_some_and(|f| f.eq_ignore_ascii_case(skip)) {
                continue;
            }
        }
        count += 1;
        if fields.len() != names.len() {
            problems.push(format!(
                "line {no} has {} fields, expected {}",
                fields.len(),
                names.len()
            ));
            continue;
        }
        let mut row = vec![0.0; spec.columns.len()];
        for (f, target) in fields.iter().zip(&order) {
            let Some(ci) = *target else { continue };
            let col = &spec.columns[ci];
            match f.parse::<f64>().ok().or_else(|| class_letter(col, f)) {
                Some(v) => match check_value(col, v, f) {
                    Ok(v) => row[ci] = v,
                    Err(p) => problems.push(format!("line {no}: {p}")),
                },
                None if col.integer => problems.push(format!(
                    "line {no}: {} is '{f}', not a whole number {}…{} or a letter {}",
                    col.name,
                    col.min,
                    col.max,
                    letters(col)
                )),
                None => problems.push(format!("line {no}: {} is '{f}', not a number", col.name)),
            }
        }
        rows.push(row);
    }
    check_count(count, spec, &mut problems);
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(ImportError { problems })
    }
}

/// The value of a class letter (`A` or `a` = 0, …) in a whole-number column.
fn class_letter(col: &PointColumn, text: &str) -> Option<f64> {
    let mut chars = text.chars();
    match (col.integer, chars.next(), chars.next()) {
        (true, Some(c), None) if c.is_ascii_alphabetic() => {
            Some((c.to_ascii_uppercase() as u8 - b'A') as f64)
        }
        _ => None,
    }
}

/// The letters a whole-number column takes, as `A–D`.
fn letters(col: &PointColumn) -> String {
    let lo = col.min.clamp(0.0, 25.0) as u8;
    let hi = col.max.clamp(0.0, 25.0) as u8;
    format!("{}–{}", (b'A' + lo) as char, (b'A' + hi) as char)
}

/// Checks one value of column `col` (`text` as written, for the message).
fn check_value(col: &PointColumn, v: f64, text: &str) -> Result<f64, String> {
    if !v.is_finite() {
        Err(format!("{} is '{text}', not a finite number", col.name))
    } else if v < col.min || v > col.max {
        Err(format!(
            "{} = {text} is outside {}…{}",
            col.name, col.min, col.max
        ))
    } else if col.integer && v.fract() != 0.0 {
        Err(format!("{} = {text} must be a whole number", col.name))
    } else {
        Ok(v)
    }
}

fn check_count(count: usize, spec: &PointImport, problems: &mut Vec<String>) {
    if count > spec.max_rows {
        problems.push(format!(
            "{count} points; at most {} are accepted",
            spec.max_rows
        ));
    }
    if count < spec.min_rows {
        problems.push(format!(
            "{count} points; at least {} are needed",
            spec.min_rows
        ));
    }
}

/// Reads the `"points"` of a saved state: an array of rows, each an array of numbers in
/// `spec`'s column order.
fn points_from_json(
    value: &serde_json::Value,
    spec: &PointImport,
    problems: &mut Vec<String>,
) -> Vec<Vec<f64>> {
    let Some(rows) = value.as_array() else {
        problems.push("\"points\" must be an array of [x, y] rows".to_string());
        return Vec::new();
    };
    let width = spec.columns.len();
    let mut out = Vec::with_capacity(rows.len().min(spec.max_rows));
    for (i, r) in rows.iter().enumerate() {
        let no = i + 1;
        match r.as_array() {
            Some(cells) if cells.len() == width => {
                let mut row = Vec::with_capacity(width);
                for (c, col) in cells.iter().zip(spec.columns) {
                    match c.as_f64() {
                        Some(v) => match check_value(col, v, &c.to_string()) {
                            Ok(v) => row.push(v),
                            Err(p) => problems.push(format!("point {no}: {p}")),
                        },
                        None => {
                            problems.push(format!("point {no}: {} is {c}, not a number", col.name))
                        }
                    }
                }
                out.push(row);
            }
            _ => problems.push(format!("point {no} is {r}, expected {width} numbers")),
        }
    }
    check_count(rows.len(), spec, problems);
    out
}

/// Reads a saved state (`{"highdim": 1, "figure": kind, "state": {key: value}}`, as the page's
/// state export writes it) for figure `kind` with parameters `specs`, into a query string
/// `ns.key=value&…` that [`crate::params::ParamSet::from_query`] reads without a note, and
/// the reader's own points if the file has them (`"points"`, checked against `points`, the
/// figure's points import; a figure without one refuses them).
///
/// # Errors
/// [`ImportError`] listing every problem: not JSON, another schema version or figure, unknown
/// settings, values that are not numbers/words, unreadable or out of range.
pub fn parse_state_json(
    text: &str,
    kind: &str,
    ns: &str,
    specs: &[Spec],
    points: Option<&PointImport>,
) -> Result<(String, Option<Points>), ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::one("the file is too large for a saved state"));
    }
    let v: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| ImportError::one(format!("not a JSON file ({e})")))?;
    let Some(obj) = v.as_object() else {
        return Err(ImportError::one(
            "expected a JSON object {\"highdim\": 1, \"figure\": …, \"state\": {…}}",
        ));
    };
    let mut problems = Vec::new();
    match obj.get("highdim").and_then(serde_json::Value::as_u64) {
        Some(n) if n == SCHEMA_VERSION as u64 => {}
        Some(n) => problems.push(format!(
            "schema version {n} is not known (this page reads version {SCHEMA_VERSION})"
        )),
        None => problems.push(format!(
            "no schema version: expected \"highdim\": {SCHEMA_VERSION}"
        )),
    }
    match obj.get("figure").and_then(serde_json::Value::as_str) {
        Some(k) if k == kind => {}
        Some(k) if super::AnyFigure::KINDS.contains(&k) => problems.push(format!(
            "this is a state of the '{k}' figure, not of '{kind}'"
        )),
        Some(k) => problems.push(format!(
            "unknown figure kind '{k}' (known: {})",
            super::AnyFigure::KINDS.join(", ")
        )),
        None => problems.push(format!("no figure kind: expected \"figure\": \"{kind}\"")),
    }
    let mut pairs = Vec::new();
    match obj.get("state").and_then(serde_json::Value::as_object) {
        None => problems.push("no \"state\" object with the settings".to_string()),
        Some(state) => {
            for (key, value) in state {
                let Some(spec) = specs.iter().find(|s| s.key == key) else {
                    problems.push(format!(
                        "'{key}' is not a setting of this figure (settings: {})",
                        specs.iter().map(|s| s.key).collect::<Vec<_>>().join(", ")
                    ));
                    continue;
                };
                let text = match value {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Number(n) => n.to_string(),
                    other => {
                        problems.push(format!("{key}: {other} is not a number or a word"));
                        continue;
                    }
                };
                let (v, note) = spec.parse_text(&text);
                match note {
                    Some(message) => problems.push(format!("{key}: {message}")),
                    None => pairs.push(format!("{ns}.{key}={}", spec.url_text(v))),
                }
            }
        }
    }
    let rows = match (obj.get("points"), points) {
        (None, _) => None,
        (Some(_), None) => {
            problems.push("this figure does not take points".to_string());
            None
        }
        (Some(v), Some(spec)) => Some(points_from_json(v, spec, &mut problems)),
    };
    if problems.is_empty() {
        Ok((pairs.join("&"), rows))
    } else {
        Err(ImportError { problems })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XY: &[PointColumn] = &[
        PointColumn {
            name: "x",
            min: -10.0,
            max: 10.0,
            integer: false,
        },
        PointColumn {
            name: "y",
            min: -10.0,
            max: 10.0,
            integer: false,
        },
    ];
    const SPEC: PointImport = PointImport {
        columns: XY,
        min_rows: 1,
        max_rows: 3,
        replaces: &[],
        derived: &[],
        skip_label: None,
    };

    #[test]
    fn csv_quotes_and_numbers() {
        let mut t = Table::new("t", &["a, b", "c"]);
        t.push(vec![Cell::Text("say \"hi\"".into()), Cell::Num(0.1)]);
        t.push(vec![Cell::Num(f64::NAN), Cell::Num(1e-300)]);
        assert_eq!(t.to_csv(), "\"a, b\",c\n\"say \"\"hi\"\"\",0.1\n,1e-300\n");
    }

    #[test]
    fn points_read_in_any_column_order() {
        let rows = parse_points_csv("Y, X\n1,2\n\n-3.5;4\n", &SPEC);
        // The second data line uses ';' but holds a ',' nowhere: fields split on ';'.
        assert_eq!(rows, Ok(vec![vec![2.0, 1.0], vec![4.0, -3.5]]));
    }

    #[test]
    fn every_problem_is_listed() {
        let e = parse_points_csv("x,y\n1,NaN\nabc,2\n1\n99,0\n1,2\n", &SPEC).unwrap_err();
        let all = e.problems.join(" | ");
        assert!(
            all.contains("line 2: y is 'NaN', not a finite number"),
            "{all}"
        );
        assert!(all.contains("line 3: x is 'abc', not a number"), "{all}");
        assert!(all.contains("line 4 has 1 fields, expected 2"), "{all}");
        assert!(all.contains("line 5: x = 99 is outside -10…10"), "{all}");
        assert!(all.contains("5 points; at most 3"), "{all}");
        assert!(e.to_string().starts_with("the file was not loaded"));
    }

    #[test]
    fn wrong_columns_and_empty_files() {
        let e = parse_points_csv("x,z\n1,2\n", &SPEC).unwrap_err();
        assert_eq!(
            e.problems,
            vec![
                "unknown column 'z'".to_string(),
                "missing column 'y'".to_string(),
                "the first line must name the columns: x,y".to_string()
            ]
        );
        assert!(parse_points_csv("", &SPEC).is_err());
        assert!(parse_points_csv("x,y\n", &SPEC).unwrap_err().problems[0].contains("at least 1"));
        assert!(parse_points_csv("x,x,y\n1,1,1\n", &SPEC).is_err());
    }
}
