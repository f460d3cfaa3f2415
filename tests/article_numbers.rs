//! Every number the article's text states is computed and checked.
//!
//! `index.html` marks each computed number with a key, `<span data-value="hull.n50.d12">13,608</span>`,
//! and `highdim::article` computes the text each key must show. This test fails when:
//! - the page uses a key the module does not define, or shows a text that differs from the
//!   computed one (naming the key, the page's text and the computed text);
//! - the module defines a key the page never uses;
//! - a number appears in the article's text (prose, figure fallbacks, "How this is computed"
//!   notes) outside a marked span, unless it is one of the inputs listed in [`ALLOWED`] or
//!   matched by [`allowed_in_context`]: a dimension the text picks (`d = 10`), a time in the
//!   podcast (`1:02:15`), the paper's numbering (`Figure 3`). Mathematical formulas
//!   (`class="formula"`), code, keys, citation links (`href="#ref-…"`) and the sources and
//!   teacher sections are not scanned.
//!
//! It also checks that every figure has one "How this is computed" note.

mod article_support;

use article_support::{parse, read_index, Page, Text};
use highdim::article::{digits_values, values, Value, COLLAPSE_N};
use highdim::math::digits::Digits;
use std::collections::BTreeMap;

/// Texts with digits that are not computed results, each with the reason it may stand.
const ALLOWED: &[(&str, &str)] = &[
    ("50%", "the even chance that defines N₅₀"),
    ("95%", "the confidence level of every interval drawn"),
    ("N₅₀", "the name of the 50% point"),
    (
        "60,000",
        "the size of MNIST's training set (LeCun et al. 1998), cited",
    ),
    (
        "about 30 dimensions",
        "the embeddings of the paper's Table 1, cited",
    ),
    ("CIFAR-10", "a data set's name"),
    ("xoshiro256++", "the random generator's name"),
    (
        "§5.19",
        "the section of the NIST DLMF with the volume formulas",
    ),
    (
        "50-digit",
        "the precision of the reference evaluation (scripts/kz_reference.py)",
    ),
    ("L2", "the penalty's name"),
];

/// A number token may stand where its context makes it an input rather than a result.
fn allowed_in_context(before: &str, token: &str) -> bool {
    // A dimension or a number of dimensions the text picks: "at d = 10", "k = 16".
    let picked = ["d = ", "k = ", "d\u{a0}= ", "k\u{a0}= "]
        .iter()
        .any(|p| before.ends_with(p));
    // A position in the podcast: h:mm:ss or h:mm.
    let parts: Vec<&str> = token.split(':').collect();
    let time = parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && parts[1..].iter().all(|p| p.len() == 2);
    // The paper's own numbering.
    let numbering = ["Figure ", "Table ", "Theorem "]
        .iter()
        .any(|p| before.ends_with(p));
    picked || time || numbering
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || "⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉".contains(c)
}

/// Number tokens in `text` that are neither allowed phrases nor allowed by their context,
/// each with a little context for the message.
fn unmarked_numbers(text: &str) -> Vec<String> {
    let mut t = text.to_string();
    for (phrase, _) in ALLOWED {
        t = t.replace(phrase, " ");
    }
    let chars: Vec<char> = t.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (is_digit(chars[i]) || ",.:·⁻%".contains(chars[i])) {
            i += 1;
        }
        let mut token: String = chars[start..i].iter().collect();
        while token.ends_with([',', '.', ':']) {
            token.pop();
        }
        let before: String = chars[start.saturating_sub(12)..start].iter().collect();
        if !allowed_in_context(&before, &token) {
            let after: String = chars[i..(i + 20).min(chars.len())].iter().collect();
            found.push(format!("“{before}[{token}]{after}”"));
        }
    }
    found
}

/// Text runs that are scanned for unmarked numbers, joined in order (a placeholder where
/// something was skipped, so that skipped text never joins two numbers).
fn scanned_text(page: &Page) -> String {
    let skipped = |t: &Text| {
        !t.inside(|e| e.name == "main")
            || t.inside(|e| {
                e.attr("data-value").is_some()
                    || e.has_class("formula")
                    || matches!(e.name.as_str(), "code" | "kbd")
                    || (e.name == "a" && e.attr("href").is_some_and(|h| h.starts_with("#ref-")))
                    || (e.name == "section"
                        && matches!(e.attr("id"), Some("teacher") | Some("sources")))
            })
    };
    let mut out = String::new();
    for t in &page.texts {
        if skipped(t) {
            out.push('□');
            continue;
        }
        let mut s = t.text.as_str();
        // Headings are numbered "1. …".
        if t.stack
            .last()
            .is_some_and(|e| matches!(e.name.as_str(), "h2" | "h3"))
        {
            let digits = s
                .trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .count();
            if digits > 0 && s.trim_start()[digits..].starts_with(". ") {
                s = &s.trim_start()[digits + 2..];
            }
        }
        out.push_str(s);
    }
    out
}

/// Every `data-value` element of the page: key and text (whitespace collapsed).
fn marked(page: &Page) -> Vec<(String, String)> {
    page.elements
        .iter()
        .enumerate()
        .filter_map(|(id, e)| {
            let key = e.attr("data-value")?;
            let text: String = page
                .texts
                .iter()
                .filter(|t| t.owner.contains(&id))
                .map(|t| t.text.as_str())
                .collect();
            Some((
                key.to_string(),
                text.split_whitespace().collect::<Vec<_>>().join(" "),
            ))
        })
        .collect()
}

fn shipped_digits() -> Digits {
    Digits::from_bytes(
        &std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/mnist5k.bin"))
            .expect("data/mnist5k.bin"),
    )
    .expect("valid digits")
}

#[test]
fn every_marked_number_is_the_computed_one_and_every_computed_number_is_used() {
    let html = read_index();
    let page = parse(&html);
    let mut computed: Vec<Value> = values();
    computed.extend(digits_values(&shipped_digits()).expect("digits values"));
    let mut expected: BTreeMap<&str, &str> = BTreeMap::new();
    for v in &computed {
        assert!(
            expected.insert(v.key, &v.text).is_none(),
            "key {} defined twice",
            v.key
        );
    }
    let mut problems = Vec::new();
    let used = marked(&page);
    for (key, text) in &used {
        match expected.get(key.as_str()) {
            None => problems.push(format!(
                "data-value=\"{key}\" (page: “{text}”) is not defined by highdim::article"
            )),
            Some(want) if want != text => problems.push(format!(
                "data-value=\"{key}\": the page says “{text}”, the computation gives “{want}”"
            )),
            Some(_) => {}
        }
    }
    for key in expected.keys() {
        if !used.iter().any(|(k, _)| k == key) {
            problems.push(format!(
                "highdim::article defines “{key}” ({}), which the page never uses",
                expected[key]
            ));
        }
    }
    println!("{} marked numbers, {} keys", used.len(), expected.len());
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));

    // The link that sets the definitions curve to show the box collapsing uses the same
    // numbers as the sentence around it.
    let collapse_d = expected["defs.collapse.d"];
    let href = format!("?dc.n={COLLAPSE_N}&dc.dmax={collapse_d}#fig-definitionscurve");
    assert!(
        page.elements
            .iter()
            .any(|e| e.name == "a" && e.attr("href") == Some(href.as_str())),
        "no link {href}"
    );
}

#[test]
fn no_number_in_the_text_is_left_unmarked() {
    let page = parse(&read_index());
    let found = unmarked_numbers(&scanned_text(&page));
    assert!(
        found.is_empty(),
        "numbers in the article's text that are neither marked with data-value (and computed \
         in highdim::article) nor an allowed input:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scanner_catches_numbers_and_lets_inputs_through() {
    assert_eq!(
        unmarked_numbers("at d = 10 (1:02:15, about 2:20), its Figure 3; a 95% band"),
        Vec::<String>::new()
    );
    let found = unmarked_numbers("some twenty thousand, 20,000 at d = 12 and 2.5·10⁻⁸ or N₅₀ = 13");
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].contains("[20,000]") && found[1].contains("[2.5·10⁻⁸]"));
    let page = parse(
        r##"<main><h3>1. Title</h3><p>At <var>d</var> = 10: <span data-value="k">7</span>,
        <span class="formula">π/4</span>, <a href="#ref-x">1988</a>, but 42.</p></main>"##,
    );
    let found = unmarked_numbers(&scanned_text(&page));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("[42]"));
}

#[test]
fn every_figure_has_one_note_after_its_slot() {
    let html = read_index();
    let page = parse(&html);
    let figures: Vec<usize> = page
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| e.name == "figure" && e.has_class("hd-figure"))
        .map(|(i, _)| i)
        .collect();
    assert!(figures.len() >= 12, "{} figures", figures.len());
    for &f in &figures {
        let kind = page.elements[f]
            .attr("data-kind")
            .unwrap_or("?")
            .to_string();
        // The notes are the <details class="hd-how"> whose runs sit directly in this figure.
        let notes: Vec<&Text> = page
            .texts
            .iter()
            .filter(|t| {
                t.owner.contains(&f)
                    && t.stack.last().is_some_and(|e| e.name == "summary")
                    && t.stack
                        .iter()
                        .any(|e| e.name == "details" && e.has_class("hd-how"))
            })
            .collect();
        assert_eq!(notes.len(), 1, "{kind}: one “How this is computed” note");
        assert_eq!(notes[0].text.trim(), "How this is computed", "{kind}");
        // Its parent is the figure itself (the page mounts the figure in .hd-slot only).
        let depth = notes[0].owner.iter().position(|&i| i == f).unwrap();
        assert_eq!(
            notes[0].stack[depth + 1].name,
            "details",
            "{kind}: the note is a child of the figure"
        );
    }
}
