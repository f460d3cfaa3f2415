//! The article stays readable in about twenty minutes: the main narrative of `index.html` —
//! everything inside `<main>` except the figures (their fallback texts and "How this is
//! computed" notes), other `<details>`, and the teacher and sources sections — has at most
//! 4,000 words for the twelve figures of the issue that set the budget, plus 250 for each
//! figure added since. Run with `--nocapture` to see the count.

mod article_support;

use article_support::{narrative, narrative_words, parse, read_index, words};

/// The budget for twelve figures, and what each further figure may add.
const BUDGET: usize = 4000;
const FIGURES_AT_BUDGET: usize = 12;
const PER_NEW_FIGURE: usize = 250;

#[test]
fn the_main_narrative_fits_the_word_budget() {
    let html = read_index();
    let page = parse(&html);
    let figures = page
        .elements
        .iter()
        .filter(|e| e.name == "figure" && e.has_class("hd-figure"))
        .count();
    let budget = BUDGET + PER_NEW_FIGURE * figures.saturating_sub(FIGURES_AT_BUDGET);
    let n = narrative_words(&html);
    println!("main narrative: {n} words (budget {budget} for {figures} figures)");
    assert!(
        n <= budget,
        "the main narrative has {n} words, more than {budget} for {figures} figures: move \
         mechanics into a figure's \"How this is computed\" note, or cut"
    );
    // What is left out of the count is really out of the narrative: the figures and notes
    // hold words, and the narrative is most of the page's text.
    let all: usize = page
        .texts
        .iter()
        .filter(|t| t.inside(|e| e.name == "main"))
        .map(|t| words(&t.text))
        .sum();
    assert!(n > all / 2, "{n} of {all} words");
}

#[test]
fn the_counter_counts_words_and_skips_what_it_should() {
    let html = r#"<main><section id="a"><p>One <var>d</var>-ball, two&nbsp;words.</p>
        <figure class="hd-figure"><p>not counted</p><details><summary>no</summary>no</details></figure>
        <p>— 3 more</p></section><section id="sources"><p>not counted</p></section></main>"#;
    assert_eq!(narrative(html).split_whitespace().count(), 7);
    assert_eq!(narrative_words(html), 6);
}
