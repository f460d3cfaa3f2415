//! Reading `index.html` for the article tests: a small HTML reader for our own page (not a
//! general parser) that yields every text run with the elements around it.
//!
//! It knows void elements, comments, raw-text elements (`script`, `style`) and the entities
//! the page uses; it fails on an end tag that closes nothing, so a mistyped tag cannot hide
//! text from the tests.

#![allow(dead_code)]

/// An open element: its tag name and attributes.
#[derive(Clone, Debug)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|x| x == class))
    }
}

/// One text run and the elements it is inside, outermost first.
#[derive(Clone, Debug)]
pub struct Text {
    pub text: String,
    pub stack: Vec<Element>,
    /// Index of the innermost element (its start tag's order in the page), so runs of the
    /// same element can be joined.
    pub owner: Vec<usize>,
}

impl Text {
    pub fn inside(&self, f: impl Fn(&Element) -> bool) -> bool {
        self.stack.iter().any(f)
    }
}

/// Everything the tests need from the page.
#[derive(Debug, Default)]
pub struct Page {
    /// Text runs in document order (entities decoded).
    pub texts: Vec<Text>,
    /// Every element in document order.
    pub elements: Vec<Element>,
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

pub fn read_index() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).expect("index.html")
}

/// Parses the page. Panics with the position on malformed markup.
pub fn parse(html: &str) -> Page {
    let mut page = Page::default();
    let mut stack: Vec<(Element, usize)> = Vec::new();
    let mut i = 0;
    let b = html.as_bytes();
    while i < b.len() {
        if html[i..].starts_with("<!--") {
            let end = html[i..].find("-->").expect("unclosed comment");
            i += end + 3;
        } else if html[i..].starts_with("<!") {
            let end = html[i..].find('>').expect("unclosed declaration");
            i += end + 1;
        } else if html[i..].starts_with("</") {
            let end = html[i..].find('>').expect("unclosed end tag") + i;
            let name = html[i + 2..end].trim().to_ascii_lowercase();
            let (open, _) = stack
                .pop()
                .unwrap_or_else(|| panic!("</{name}> at byte {i} closes nothing"));
            assert_eq!(
                open.name, name,
                "</{name}> at byte {i} closes <{}>",
                open.name
            );
            i = end + 1;
        } else if b[i] == b'<' {
            let (el, self_closing, end) = start_tag(html, i);
            i = end;
            let name = el.name.clone();
            page.elements.push(el.clone());
            let id = page.elements.len() - 1;
            if name == "script" || name == "style" {
                let close = format!("</{name}>");
                let end = html[i..].find(&close).expect("unclosed raw text") + i;
                i = end + close.len();
            } else if !self_closing && !VOID.contains(&name.as_str()) {
                stack.push((el, id));
            }
        } else {
            let end = html[i..].find('<').map_or(b.len(), |e| e + i);
            let text = decode(&html[i..end]);
            if !text.is_empty() {
                page.texts.push(Text {
                    text,
                    stack: stack.iter().map(|(e, _)| e.clone()).collect(),
                    owner: stack.iter().map(|(_, id)| *id).collect(),
                });
            }
            i = end;
        }
    }
    assert!(
        stack.is_empty(),
        "unclosed elements at the end: {:?}",
        stack.iter().map(|(e, _)| &e.name).collect::<Vec<_>>()
    );
    page
}

fn start_tag(html: &str, at: usize) -> (Element, bool, usize) {
    let bytes = html.as_bytes();
    let mut i = at + 1;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' && bytes[i] != b'/'
    {
        i += 1;
    }
    let name = html[at + 1..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i) {
            None => panic!("unclosed <{name}> at byte {at}"),
            Some(b'>') => return (Element { name, attrs }, false, i + 1),
            Some(b'/') if bytes.get(i + 1) == Some(&b'>') => {
                return (Element { name, attrs }, true, i + 2)
            }
            _ => {}
        }
        let k0 = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let key = html[k0..i].to_ascii_lowercase();
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            let quote = bytes[i];
            assert!(
                quote == b'"' || quote == b'\'',
                "unquoted attribute {key} in <{name}> at byte {at}"
            );
            let end = html[i + 1..]
                .find(quote as char)
                .expect("unclosed attribute")
                + i
                + 1;
            value = decode(&html[i + 1..end]);
            i = end + 1;
        } else if key.is_empty() {
            i += 1;
            continue;
        }
        attrs.push((key, value));
    }
}

/// The entities the page uses; an unknown one fails.
fn decode(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let end = rest[p..].find(';').expect("unterminated entity") + p;
        let ent = &rest[p + 1..end];
        out.push(match ent {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            _ if ent.starts_with("#x") => {
                char::from_u32(u32::from_str_radix(&ent[2..], 16).expect("hex entity"))
                    .expect("char")
            }
            _ if ent.starts_with('#') => {
                char::from_u32(ent[1..].parse().expect("entity")).expect("char")
            }
            _ => panic!("unknown entity &{ent};"),
        });
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Whether a text run belongs to the main narrative: inside `<main>`, outside figures
/// (fallbacks, notes), `<details>` notes, and the teacher and sources sections.
pub fn is_narrative(t: &Text) -> bool {
    t.inside(|e| e.name == "main")
        && !t.inside(|e| e.name == "figure" || e.name == "details")
        && !t.inside(|e| {
            e.name == "section" && matches!(e.attr("id"), Some("teacher") | Some("sources"))
        })
}

/// Words of a text: runs of non-space characters that contain a letter or a digit.
pub fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The main narrative of `html` as one string: adjacent text runs are joined as they are
/// (inline markup such as `<var>d</var>-ball` does not split a word), runs separated by
/// excluded text (a figure, a note) with a space.
pub fn narrative(html: &str) -> String {
    let mut out = String::new();
    let mut joined = false;
    for t in parse(html).texts {
        if is_narrative(&t) {
            if !joined {
                out.push(' ');
            }
            out.push_str(&t.text);
            joined = true;
        } else {
            joined = false;
        }
    }
    out
}

/// The number of words of the main narrative of `html`.
pub fn narrative_words(html: &str) -> usize {
    words(&narrative(html))
}
