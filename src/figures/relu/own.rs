//! The reader's own points: how they live in the link (`nn.pts=a0.12_-0.5b0.3_0.7`), in a
//! points file and in the data set, and how a click, a key or an import edits them.

use super::params::{DataChoice, ReluParams, CLASS_CHOICES};
use super::ReluFigure;
use crate::figures::{PointColumn, PointImport, Response};
use crate::format::short;
use crate::math::relu::{Dataset, Sample, Window};
use crate::params::{query_pairs, Note, ParamSet};

/// Most points a reader can add (they live in the link, about 11 characters each).
pub const MAX_OWN_POINTS: usize = 200;
/// Own points are stored on a grid of this step, so links stay short and exact.
pub const OWN_GRID: f64 = 0.01;
/// Half the side of the window own points live in ([`Window::DEFAULT`], `[-1.2, 1.2]²`); an
/// imported point outside it is refused, not moved.
pub const OWN_WINDOW: f64 = 1.2;
/// The columns of a points file (CSV `x,y,class`, class 0–3 or A–D), in the order
/// [`crate::figures::Figure::import_points`] receives them.
const IMPORT_COLUMNS: &[PointColumn] = &[
    PointColumn {
        name: "x",
        min: -OWN_WINDOW,
        max: OWN_WINDOW,
        integer: false,
    },
    PointColumn {
        name: "y",
        min: -OWN_WINDOW,
        max: OWN_WINDOW,
        integer: false,
    },
    PointColumn {
        name: "class",
        min: 0.0,
        max: 3.0,
        integer: true,
    },
];
/// Every `OWN_TEST_EVERY`-th point a reader adds is held out for testing.
pub const OWN_TEST_EVERY: usize = 5;
/// How far the keyboard cursor moves per arrow key (world units).
pub const CURSOR_STEP: f64 = 0.1;
/// How far from the keyboard cursor Delete finds a point to remove (world units).
const DELETE_RADIUS: f64 = 0.25;

/// The reader's own points (used when the data set is "your own points").
#[derive(Clone, Debug, Default)]
pub(super) struct OwnPoints {
    /// In the order they were added.
    pub points: Vec<Sample>,
    /// What the last edit did, for the caption.
    pub edit_note: Option<String>,
}

/// Whether the `i`-th point added (from 0) is held out for testing.
pub(super) fn is_test_point(i: usize) -> bool {
    i % OWN_TEST_EVERY == OWN_TEST_EVERY - 1
}

/// A point on the own-points grid, inside the window.
pub(super) fn snap(p: [f64; 2]) -> [f64; 2] {
    let w = Window::DEFAULT;
    let q =
        |v: f64, lo: f64, hi: f64| ((v.clamp(lo, hi) / OWN_GRID).round() * OWN_GRID).clamp(lo, hi);
    [q(p[0], w.xmin(), w.xmax()), q(p[1], w.ymin(), w.ymax())]
}

/// Writes own points for a link: `a0.12_-0.5b0.3_0.7` (class letter, x, `_`, y; the class
/// letter starts each point; every character is one a URL keeps as it is).
pub fn format_points(points: &[Sample]) -> String {
    points
        .iter()
        .map(|s| {
            let letter = CLASS_CHOICES[s.class.min(3)].0;
            format!("{letter}{}_{}", s.point[0], s.point[1])
        })
        .collect::<Vec<_>>()
        .join("")
}

/// Splits a point list into one token per point: at separators (`~ * , ;` and spaces, which
/// hand-written lists may use) and before every class letter.
fn point_tokens(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    for piece in text.split(['~', '*', ',', ';', ' ']) {
        let mut start = 0;
        for (i, c) in piece.char_indices() {
            if i > start && matches!(c.to_ascii_lowercase(), 'a'..='d') {
                tokens.push(&piece[start..i]);
                start = i;
            }
        }
        tokens.push(&piece[start..]);
    }
    tokens.retain(|t| !t.is_empty());
    tokens
}

/// One point of a link (`a0.12_-0.5`): class letter, x, `_`, y; `None` when it does not
/// read.
fn read_point(token: &str) -> Option<(usize, [f64; 2])> {
    let mut chars = token.chars();
    let letter = chars.next()?.to_ascii_lowercase();
    let class = CLASS_CHOICES
        .iter()
        .position(|(k, _)| k.starts_with(letter))?;
    let coords: Vec<Option<f64>> = chars
        .as_str()
        .split('_')
        .map(|v| v.parse::<f64>().ok().filter(|v| v.is_finite()))
        .collect();
    match coords.as_slice() {
        [Some(x), Some(y)] => Some((class, [*x, *y])),
        _ => None,
    }
}

/// `n point(s)` and the verb that agrees with it: `("1 point", "was")`.
fn count_words(n: usize) -> (String, &'static str) {
    if n == 1 {
        ("1 point".to_string(), "was")
    } else {
        (format!("{n} points"), "were")
    }
}

/// Reads own points from a link, never failing: tokens that do not parse are skipped,
/// coordinates are snapped into the window, and at most [`MAX_OWN_POINTS`] are kept. Returns
/// the points and, when anything was adjusted, a message saying what.
pub fn parse_points(text: &str) -> (Vec<Sample>, Option<String>) {
    let mut points = Vec::new();
    let (mut bad, mut moved, mut extra) = (0usize, 0usize, 0usize);
    let w = Window::DEFAULT;
    for token in point_tokens(text) {
        let Some((class, p)) = read_point(token) else {
            bad += 1;
            continue;
        };
        if points.len() >= MAX_OWN_POINTS {
            extra += 1;
            continue;
        }
        if !w.contains(p) {
            moved += 1;
        }
        points.push(Sample {
            point: snap(p),
            class,
        });
    }
    let mut notes = Vec::new();
    if bad > 0 {
        let (n, verb) = count_words(bad);
        notes.push(format!(
            "{n} could not be read (write each as a class letter a–d, then x, _, y) and {verb} \
             skipped"
        ));
    }
    if moved > 0 {
        let (n, verb) = count_words(moved);
        notes.push(format!(
            "{n} outside the square [−1.2, 1.2]² {verb} moved to its edge"
        ));
    }
    if extra > 0 {
        notes.push(format!(
            "only the first {MAX_OWN_POINTS} points are kept; {extra} more were dropped"
        ));
    }
    (points, (!notes.is_empty()).then(|| notes.join("; ")))
}

/// Own points as a data set: every [`OWN_TEST_EVERY`]-th point added is a test point, so a
/// point stays train or test however many are added after it.
pub(super) fn own_dataset(points: &[Sample]) -> Dataset {
    let mut d = Dataset {
        train: Vec::new(),
        test: Vec::new(),
        classes: 2,
    };
    for (i, s) in points.iter().enumerate() {
        d.classes = d.classes.max(s.class.min(3) + 1);
        if is_test_point(i) {
            d.test.push(*s);
        } else {
            d.train.push(*s);
        }
    }
    d
}

/// `s` after a count: `"s"` unless there is one.
fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

impl ReluFigure {
    /// Adds an own point of the selected class at `p` (snapped to the grid).
    pub(super) fn add_point(&mut self, p: [f64; 2]) -> Response {
        if self.own.points.len() >= MAX_OWN_POINTS {
            self.own.edit_note = Some(format!(
                "There are already {MAX_OWN_POINTS} points, the most a link can carry; \
                 remove some first."
            ));
            return Response::PARAMS;
        }
        let class = self.params.class.min(3);
        let q = snap(p);
        self.own.points.push(Sample { point: q, class });
        let n = self.own.points.len();
        self.own.edit_note = Some(format!(
            "Added a {} point of class {} at ({}, {}); {n} point{} now.",
            if is_test_point(n - 1) {
                "test"
            } else {
                "training"
            },
            self.class_word(class),
            short(q[0], 2),
            short(q[1], 2),
            plural(n)
        ));
        self.own_points_changed();
        Response::PARAMS
    }

    /// Removes own point `i`.
    pub(super) fn remove_point(&mut self, i: usize) -> Response {
        if i >= self.own.points.len() {
            return Response::NONE;
        }
        let s = self.own.points.remove(i);
        let n = self.own.points.len();
        self.own.edit_note = Some(format!(
            "Removed the class {} point at ({}, {}); {n} point{} left.",
            self.class_word(s.class),
            short(s.point[0], 2),
            short(s.point[1], 2),
            plural(n)
        ));
        self.own_points_changed();
        Response::PARAMS
    }

    /// Removes every own point (the Clear points button).
    pub(super) fn clear_points(&mut self) -> Response {
        if self.own.points.is_empty() {
            return Response::NONE;
        }
        let n = self.own.points.len();
        self.own.points.clear();
        self.own.edit_note = Some(format!("Cleared all {n} point{}.", plural(n)));
        self.rebuild();
        Response::PARAMS
    }

    /// The own point nearest to `p` within `radius`.
    pub(super) fn nearest_point(&self, p: [f64; 2], radius: f64) -> Option<usize> {
        self.own
            .points
            .iter()
            .enumerate()
            .map(|(i, s)| (i, (s.point[0] - p[0]).hypot(s.point[1] - p[1])))
            .filter(|&(_, d)| d <= radius)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }

    /// The keyboard path for own points: arrows move a cursor, Enter adds, Delete removes,
    /// 1–4 pick the class. `None` for keys it does not handle.
    pub(super) fn own_key(&mut self, key: &str) -> Option<Response> {
        if let Some(d) = super::interaction::arrow(key) {
            return Some(self.move_cursor(d));
        }
        match key {
            "Enter" | " " => {
                let at = *self.selection.cursor.get_or_insert([0.0, 0.0]);
                let r = self.add_point(at);
                self.select_point(Some(at));
                Some(r)
            }
            "Delete" | "Backspace" => {
                let at = self.selection.cursor.unwrap_or([0.0, 0.0]);
                if let Some(i) = self.nearest_point(at, DELETE_RADIUS) {
                    return Some(self.remove_point(i));
                }
                self.own.edit_note = Some(if self.own.points.is_empty() {
                    "There are no points to remove.".to_string()
                } else {
                    "No point within 0.25 of the cursor; move it next to the point to remove."
                        .to_string()
                });
                Some(Response::PARAMS)
            }
            "1" | "2" | "3" | "4" => {
                let k = key.parse::<usize>().unwrap_or(1) - 1;
                if k == self.params.class {
                    return Some(Response::NONE);
                }
                self.params.class = k;
                Some(Response::PARAMS)
            }
            _ => None,
        }
    }

    /// Moves the keyboard cursor a step in direction `d` (it appears at the centre first),
    /// selecting the region under it; it stops at the window's edge.
    fn move_cursor(&mut self, d: [f64; 2]) -> Response {
        let next = match self.selection.cursor {
            None => [0.0, 0.0],
            Some(c) => snap([c[0] + d[0] * CURSOR_STEP, c[1] + d[1] * CURSOR_STEP]),
        };
        if !Window::DEFAULT.contains(next) || self.selection.cursor == Some(next) {
            return Response::NONE;
        }
        self.selection.cursor = Some(next);
        self.select_point(Some(next));
        Response::PARAMS
    }

    /// Reads the own points of a link (`nn.pts=…`); returns a note when any were adjusted.
    pub(super) fn read_points(&mut self, query: &str) -> Vec<Note> {
        let key = format!("{}.pts", ReluParams::NAMESPACE);
        let Some((_, text)) = query_pairs(query)
            .into_iter()
            .rev()
            .find(|(k, _)| *k == key)
        else {
            return Vec::new();
        };
        let (points, note) = parse_points(&text);
        self.own.points = points;
        if self.is_own() {
            self.rebuild();
        }
        note.map(|message| Note { key, message })
            .into_iter()
            .collect()
    }

    /// The own points for the link, while they are the data.
    pub(super) fn points_query(&self) -> String {
        if self.is_own() && !self.own.points.is_empty() {
            format!(
                "{}.pts={}",
                ReluParams::NAMESPACE,
                format_points(&self.own.points)
            )
        } else {
            String::new()
        }
    }

    /// What a points file holds: `x, y, class`.
    pub(super) fn points_file() -> PointImport {
        PointImport {
            columns: IMPORT_COLUMNS,
            min_rows: 1,
            max_rows: MAX_OWN_POINTS,
            replaces: &["data"],
            derived: &[],
            skip_label: None,
        }
    }

    /// Replaces the own points with `rows` (`[x, y, class]`, already checked against the
    /// window, the classes and [`MAX_OWN_POINTS`]), snapped to the link's grid, and switches
    /// to "your own points" with a fresh network: the same state a link with these points
    /// loads.
    pub(super) fn load_points(&mut self, rows: Vec<Vec<f64>>) -> Response {
        let mut moved = 0usize;
        self.own.points = rows
            .iter()
            .take(MAX_OWN_POINTS)
            .map(|r| {
                let point = snap([r[0], r[1]]);
                if (point[0] - r[0]).abs() > 1e-9 || (point[1] - r[1]).abs() > 1e-9 {
                    moved += 1;
                }
                Sample {
                    point,
                    class: (r[2].max(0.0) as usize).min(3),
                }
            })
            .collect();
        self.params.dataset = DataChoice::Own;
        self.selection.selected = None;
        self.selection.cursor = None;
        self.selection.hover = None;
        let n = self.own.points.len();
        let tests = n / OWN_TEST_EVERY;
        self.own.edit_note = Some(format!(
            "Loaded {n} point{} from a file ({} training, {tests} test){}.",
            plural(n),
            n - tests,
            if moved > 0 {
                format!("; {moved} rounded to the {OWN_GRID} grid the link keeps")
            } else {
                String::new()
            }
        ));
        self.rebuild();
        Response::PARAMS
    }

    /// The own points as `[x, y, class]` while they are the data (none when there are none:
    /// a points file needs at least one).
    pub(super) fn own_rows(&self) -> Option<Vec<Vec<f64>>> {
        (self.is_own() && !self.own.points.is_empty()).then(|| {
            self.own
                .points
                .iter()
                .map(|s| vec![s.point[0], s.point[1], s.class as f64])
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::relu::test_support::{click, fig};
    use crate::figures::relu::STEP_BATCH;
    use crate::figures::{render_svg, AnyFigure, Figure};

    #[test]
    fn the_import_window_is_the_figures_window() {
        let w = Window::DEFAULT;
        assert_eq!(
            [w.xmin(), w.xmax(), w.ymin(), w.ymax()],
            [-OWN_WINDOW, OWN_WINDOW, -OWN_WINDOW, OWN_WINDOW]
        );
        assert_eq!(IMPORT_COLUMNS[2].max as usize + 1, CLASS_CHOICES.len());
    }

    /// The CSV export of own points loads back as the same points (same order, classes and
    /// test points); class letters and numbers are both read, anything else is refused with
    /// the line and what is accepted.
    #[test]
    fn own_points_round_trip_through_the_csv_export() {
        let query = "nn.data=own&nn.depth=2&nn.width=8&nn.pts=a0.5_0.5b-0.5_0.25c0.12_-0.9\
                     d-1.2_1.2a0.3_0.3b0.01_-0.01a-0.7_0.2";
        let AnyFigure::Relu(f) = AnyFigure::from_query("relu", query).unwrap().0 else {
            panic!()
        };
        assert_eq!(f.own.points.len(), 7);
        let csv = f.table().unwrap().to_csv();
        assert!(csv.starts_with("point,x,y,class"), "{csv}");
        assert!(csv.contains(",C\n") || csv.contains(",C\r\n"), "{csv}");
        let mut g = AnyFigure::from_query("relu", "?v=1&nn.data=xor").unwrap().0;
        assert_eq!(g.import_csv(&csv).unwrap(), 7);
        let AnyFigure::Relu(g) = g else { panic!() };
        assert_eq!(g.own.points, f.own.points);
        assert_eq!(g.data.set.test, f.data.set.test);
        assert_eq!(g.params.dataset, DataChoice::Own);
        // Numbers 0–3 and lower-case letters too; the same points.
        let numbers = "x,y,class\n0.5,0.5,0\n-0.5,0.25,b\n0.12,-0.9,2\n-1.2,1.2,D\n";
        let mut h = AnyFigure::from_query("relu", "?v=1").unwrap().0;
        assert_eq!(h.import_csv(numbers).unwrap(), 4);
        let AnyFigure::Relu(h) = h else { panic!() };
        assert_eq!(h.own.points[..], f.own.points[..4]);
        // Anything else: refused whole, with the line and what is accepted.
        let mut k = AnyFigure::from_query("relu", "?v=1").unwrap().0;
        for (bad, says) in [
            ("x,y,class\n0.5,0.5,E\n", "class = E is outside 0…3"),
            (
                "x,y,class\n0.5,0.5,blue\n",
                "line 2: class is 'blue', not a whole number 0…3 or a letter A–D",
            ),
            ("x,y,class\n0.5,0.5,1.5\n", "must be a whole number"),
            ("x,y,colour\n0.5,0.5,1\n", "unknown column 'colour'"),
        ] {
            let e = k.import_csv(bad).unwrap_err().to_string();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    #[test]
    fn own_points_round_trip_through_the_link() {
        let pts = vec![
            Sample {
                point: [0.12, -0.5],
                class: 0,
            },
            Sample {
                point: [-1.2, 1.2],
                class: 3,
            },
        ];
        let text = format_points(&pts);
        assert_eq!(text, "a0.12_-0.5d-1.2_1.2");
        // Separators a hand-written list may use are accepted too.
        assert_eq!(parse_points("a0.12_-0.5~d-1.2_1.2").0, pts);
        assert_eq!(parse_points(" a0.12_-0.5, D-1.2_1.2;").0, pts);
        assert_eq!(parse_points(&text), (pts.clone(), None));
        // Through the registry: the figure reads nn.pts and writes it back, unchanged.
        let q = format!("v=1&nn.data=own&nn.pts={text}");
        let (f, notes) = AnyFigure::from_query("relu", &q).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        let out = f.query();
        assert!(out.ends_with(&format!("&nn.pts={text}")), "{out}");
        let (g, _) = AnyFigure::from_query("relu", &out).unwrap();
        assert_eq!(g.query(), out);
        // Points are written only while they are the data.
        let (f, _) = AnyFigure::from_query("relu", &format!("nn.pts={text}")).unwrap();
        assert!(!f.query().contains("pts"));
    }

    #[test]
    fn hand_edited_point_lists_never_break_the_figure() {
        let (p, note) = parse_points("a0.1_0.2~zz~b5_-9~c1_x~d0.3~~e1_1~A0.5_0.5");
        assert_eq!(
            p,
            vec![
                Sample {
                    point: [0.1, 0.2],
                    class: 0
                },
                Sample {
                    point: [1.2, -1.2],
                    class: 1
                },
                Sample {
                    point: [0.5, 0.5],
                    class: 0
                },
            ]
        );
        let note = note.unwrap();
        assert!(note.contains("4 points could not be read"), "{note}");
        assert!(note.contains("1 point outside the square"), "{note}");
        // The limit.
        let many = vec!["b0_0"; MAX_OWN_POINTS + 7].join("~");
        let (p, note) = parse_points(&many);
        assert_eq!(p.len(), MAX_OWN_POINTS);
        assert!(note.unwrap().contains("7 more were dropped"));
        // Through the figure: a note, never a panic, a picture and a caption.
        for q in [
            "nn.data=own&nn.pts=%%%",
            "nn.data=own&nn.pts=",
            "nn.data=own&nn.pts=a1e308_1e308~b-0_-0",
            &format!("nn.data=own&nn.pts={many}"),
        ] {
            let (f, _) = AnyFigure::from_query("relu", q).unwrap();
            assert!(!f.summary().is_empty());
            render_svg(&f, 640, 400).unwrap();
        }
        let (_, notes) = AnyFigure::from_query("relu", "nn.data=own&nn.pts=q").unwrap();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].key, "nn.pts");
    }

    #[test]
    fn clicks_add_and_remove_own_points_and_training_follows() {
        let mut f = fig("nn.data=own&nn.depth=2&nn.width=8");
        assert!(f.summary().starts_with("No points yet"), "{}", f.summary());
        assert!(f.shown().is_some(), "the untrained partition is shown");
        assert!(!f.actions()[0].enabled, "nothing to train on");
        assert!(f.control_enabled("cls") && !f.control_enabled("noise"));
        assert!(click(&mut f, [0.5, 0.5]).params_changed);
        assert_eq!(f.own.points.len(), 1);
        assert_eq!(f.data.set.train.len(), 1);
        let s = f.summary();
        assert!(
            s.contains("Added a training point of class A (discs) at (0.5, 0.5)"),
            "{s}"
        );
        assert!(s.contains("All training points are class A"), "{s}");
        // One class still trains, without error.
        assert!(f.action("step", false).params_changed);
        assert!(f.model.setup_error.is_none());
        let mut p = f.params().clone();
        p.class = 1;
        f.set_params(p);
        for (i, q) in [[-0.5, -0.5], [-0.5, 0.6], [0.6, -0.4], [0.3, 0.9]]
            .iter()
            .enumerate()
        {
            click(&mut f, *q);
            assert_eq!(f.own.points.len(), i + 2);
        }
        // The fifth point is a test point; steps continue from the same weights.
        assert_eq!((f.data.set.train.len(), f.data.set.test.len()), (4, 1));
        assert!(f.steps() >= STEP_BATCH);
        assert!(!f.summary().contains("All training points"));
        assert!(f.scores.hull_split.is_some());
        // Clicking on a point removes it.
        click(&mut f, [-0.5, 0.6]);
        assert_eq!(f.own.points.len(), 4);
        let s = f.summary();
        assert!(
            s.starts_with("Removed the class B (triangles) point at (-0.5, 0.6)"),
            "{s}"
        );
        // A third class rebuilds the network with three outputs.
        let mut p = f.params().clone();
        p.class = 2;
        f.set_params(p);
        click(&mut f, [0.0, 1.0]);
        assert_eq!(f.data.set.classes, 3);
        assert_eq!(f.model.trainer.as_ref().unwrap().net().classes(), 3);
        // Clear all.
        assert!(f.actions()[3].enabled);
        assert!(f.action("clear", false).params_changed);
        assert!(f.own.points.is_empty());
        assert!(
            f.summary().starts_with("Cleared all 5 points."),
            "{}",
            f.summary()
        );
        assert!(!f.actions()[3].enabled);
        render_svg(&AnyFigure::Relu(f), 800, 420).unwrap();
    }

    #[test]
    fn keyboard_adds_and_removes_own_points() {
        let mut f = fig("nn.data=own&nn.depth=1&nn.width=4");
        assert!(f.key("ArrowRight").params_changed); // the cursor appears at the centre
        assert_eq!(f.selection.cursor, Some([0.0, 0.0]));
        f.key("ArrowRight");
        f.key("ArrowUp");
        assert_eq!(f.selection.cursor, Some([0.1, 0.1]));
        assert!(f.key("Enter").params_changed);
        assert_eq!(
            f.own.points,
            vec![Sample {
                point: [0.1, 0.1],
                class: 0
            }]
        );
        assert!(f.key("2").params_changed);
        assert_eq!(f.params().class, 1);
        f.key("ArrowLeft");
        f.key("ArrowLeft");
        f.key(" ");
        assert_eq!(f.own.points[1].class, 1);
        assert_eq!(f.own.points[1].point, [-0.1, 0.1]);
        // The caption describes the region under the cursor.
        assert!(f.summary().contains("Selected region"), "{}", f.summary());
        // Delete removes the point nearest to the cursor.
        f.key("ArrowRight");
        f.key("ArrowRight");
        f.key("ArrowRight"); // at (0.2, 0.1): nearest is (0.1, 0.1)
        assert!(f.key("Delete").params_changed);
        assert_eq!(f.own.points.len(), 1);
        assert_eq!(f.own.points[0].class, 1);
        for _ in 0..10 {
            f.key("ArrowDown");
        }
        f.key("Delete");
        assert_eq!(f.own.points.len(), 1);
        assert!(f
            .summary()
            .starts_with("No point within 0.25 of the cursor"));
        // The cursor stops at the window's edge.
        for _ in 0..30 {
            f.key("ArrowDown");
        }
        assert_eq!(f.selection.cursor.unwrap()[1], -1.2);
        assert_eq!(f.key("ArrowDown"), Response::NONE);
        assert!(f.key("Escape").params_changed);
        assert!(f.selection.cursor.is_none());
        // Elsewhere the same keys keep their meaning (no points are added).
        let mut g = fig("");
        g.key("Enter");
        g.key("1");
        assert!(g.own.points.is_empty());
    }
}
