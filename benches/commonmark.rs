//! CommonMark conformance of the report body renderer: every example of the CommonMark spec
//! (0.31.2, 652 examples) and of the GFM table, strikethrough, task list and footnote
//! extensions, rendered by `annals`' Markdown stage and compared with the expected HTML.
//!
//! The examples are read from the pulldown-cmark crate's published sources (its generated
//! `tests/suite/*.rs`), found through `cargo metadata`, so none is copied into this repository.
//! Run: `cargo bench --bench commonmark` (add `-- --failures` to list the examples that differ).
//!
//! The renderer differs from a plain CommonMark renderer on purpose; these differences are
//! allowed for before comparing, and counted:
//! - heading ids (pinyin slugs) are removed;
//! - highlighted code (`<pre class="hl-code">` and its `<span>`s) is reduced to plain code;
//! - root-relative links (`/x`) are written relative to the report page (`../../../../x`);
//! - links and images whose scheme is not http, https, mailto or tel lose their tag (safety);
//! - in default mode, bodies with raw HTML are sanitised: compared after both sides are parsed
//!   and re-serialised by html5ever, with `rel="noopener noreferrer"` removed; examples whose
//!   HTML the sanitiser changes beyond that are counted as "sanitised", not as failures.

use annals::content::markdown::{BodyOptions, render};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One example: where it comes from, its Markdown and the HTML the spec expects.
struct Example {
    section: String,
    number: usize,
    markdown: String,
    expected: String,
}

/// The spec's sections as ranges of example numbers (CommonMark 0.31.2).
const SECTIONS: &[(usize, &str)] = &[
    (1, "Tabs"),
    (12, "Backslash escapes"),
    (25, "Entity and numeric character references"),
    (42, "Precedence"),
    (43, "Thematic breaks"),
    (62, "ATX headings"),
    (80, "Setext headings"),
    (107, "Indented code blocks"),
    (119, "Fenced code blocks"),
    (148, "HTML blocks"),
    (192, "Link reference definitions"),
    (219, "Paragraphs"),
    (227, "Blank lines"),
    (228, "Block quotes"),
    (253, "List items"),
    (301, "Lists"),
    (327, "Inlines"),
    (328, "Code spans"),
    (350, "Emphasis and strong emphasis"),
    (482, "Links"),
    (572, "Images"),
    (594, "Autolinks"),
    (613, "Raw HTML"),
    (633, "Hard line breaks"),
    (648, "Soft line breaks"),
    (650, "Textual content"),
];

fn section_of(number: usize) -> &'static str {
    SECTIONS
        .iter()
        .rev()
        .find(|(first, _)| number >= *first)
        .map_or("?", |(_, name)| name)
}

/// The folder of the pulldown-cmark sources this build uses.
fn pulldown_sources() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .output()
        .expect("cargo metadata runs");
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let package = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "pulldown-cmark")
        .expect("pulldown-cmark is a dependency");
    PathBuf::from(package["manifest_path"].as_str().unwrap())
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Reads the examples of one generated test file (`spec.rs`, `gfm_table.rs`, …). Examples
/// that need options reports do not use (smart punctuation, metadata blocks…) are skipped.
fn read_examples(file: &str, section: Option<&str>) -> Vec<Example> {
    let path = pulldown_sources().join("tests/suite").join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut examples = Vec::new();
    for chunk in text.split("#[test]").skip(1) {
        let raw = |name: &str| -> Option<String> {
            let prefix = format!("let {name} = r##\"");
            let start = chunk.find(&prefix)? + prefix.len();
            let end = start + chunk[start..].find("\"##;")?;
            Some(chunk[start..end].to_string())
        };
        let (Some(markdown), Some(expected)) = (raw("original"), raw("expected")) else {
            continue;
        };
        if !chunk.contains(
            "test_markdown_html(original, expected, false, false, false, false, false, false)",
        ) {
            continue;
        }
        let number = chunk
            .split("_test_")
            .nth(1)
            .and_then(|s| s.split("()").next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let section = section.map_or_else(|| section_of(number).to_string(), str::to_string);
        examples.push(Example {
            section,
            number,
            markdown,
            expected,
        });
    }
    examples
}

/// The allowances of the module documentation, applied to the renderer's HTML.
fn allow_differences(html: &str) -> String {
    let mut out = html.replace("../../../../", "/");
    // Heading ids.
    for level in 1..=6 {
        let open = format!("<h{level} id=\"");
        while let Some(at) = out.find(&open) {
            let end = at + open.len() + out[at + open.len()..].find('"').unwrap_or(0) + 1;
            out.replace_range(at + 3..end, "");
        }
    }
    // Highlighted code back to plain code.
    out = out.replace("<pre class=\"hl-code\">", "<pre>");
    while let Some(at) = out.find("<span class=\"hl-") {
        let end = at + out[at..].find('>').unwrap() + 1;
        out.replace_range(at..end, "");
        if let Some(close) = out[at..].find("</span>") {
            out.replace_range(at + close..at + close + 7, "");
        }
    }
    out.replace(" rel=\"noopener noreferrer\"", "")
}

/// Both sides as html5ever serialises them, with pulldown-cmark's own test normalisation.
fn normalise(html: &str) -> String {
    let standard = html
        .replace("<br>", "<br />")
        .replace("<br/>", "<br />")
        .replace("<hr>", "<hr />")
        .replace("<hr/>", "<hr />")
        .replace(">\n<", "><");
    scraper::Html::parse_fragment(&standard)
        .root_element()
        .inner_html()
}

/// How one example came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Pass,
    /// Differs only where a link or image with an unsafe scheme was dropped.
    UnsafeScheme,
    /// Raw HTML the sanitiser changed (default mode only).
    Sanitised,
    Fail,
}

fn judge(example: &Example, options: BodyOptions) -> Outcome {
    let rendered = render(&example.markdown, options);
    let ours = allow_differences(&rendered.html);
    if ours == example.expected || normalise(&ours) == normalise(&example.expected) {
        return Outcome::Pass;
    }
    let dropped_scheme = {
        let trusted_everything = render(
            &example
                .markdown
                .replace("](", "](http://x/")
                .replace('<', "<http://x/"),
            options,
        );
        trusted_everything.html.len() > rendered.html.len()
            && example.expected.contains("href=\"")
            && !rendered.html.contains("href=\"")
    };
    if dropped_scheme {
        Outcome::UnsafeScheme
    } else if rendered.had_raw_html && !options.trusted_html {
        Outcome::Sanitised
    } else {
        Outcome::Fail
    }
}

fn main() {
    let show_failures = std::env::args().any(|a| a == "--failures");
    let mut examples = read_examples("spec.rs", None);
    for (file, name) in [
        ("gfm_table.rs", "GFM tables"),
        ("gfm_strikethrough.rs", "GFM strikethrough"),
        ("gfm_tasklist.rs", "GFM task lists"),
        ("footnotes.rs", "Footnotes"),
    ] {
        examples.extend(read_examples(file, Some(name)));
    }
    let modes = [
        (
            "trusted_html = true",
            BodyOptions {
                trusted_html: true,
                cjk_emphasis: true,
            },
        ),
        (
            "default",
            BodyOptions {
                trusted_html: false,
                cjk_emphasis: true,
            },
        ),
    ];
    for (mode, options) in modes {
        let mut table: BTreeMap<(usize, String), BTreeMap<Outcome, usize>> = BTreeMap::new();
        let mut failures = Vec::new();
        for (order, example) in examples.iter().enumerate() {
            let outcome = judge(example, options);
            let key = table
                .keys()
                .find(|(_, s)| *s == example.section)
                .cloned()
                .unwrap_or((order, example.section.clone()));
            *table.entry(key).or_default().entry(outcome).or_default() += 1;
            if outcome == Outcome::Fail {
                failures.push(example);
            }
        }
        println!("\n### Bodies rendered with {mode}\n");
        println!("| section | examples | pass | unsafe scheme dropped | sanitised | fail |");
        println!("|---|---:|---:|---:|---:|---:|");
        let mut totals = [0usize; 4];
        for ((_, section), counts) in &table {
            let get = |o: Outcome| counts.get(&o).copied().unwrap_or(0);
            let row = [
                get(Outcome::Pass),
                get(Outcome::UnsafeScheme),
                get(Outcome::Sanitised),
                get(Outcome::Fail),
            ];
            for (t, r) in totals.iter_mut().zip(row) {
                *t += r;
            }
            let all: usize = row.iter().sum();
            println!(
                "| {section} | {all} | {} | {} | {} | {} |",
                row[0], row[1], row[2], row[3]
            );
        }
        let all: usize = totals.iter().sum();
        println!(
            "| **all** | {all} | {} ({:.1} %) | {} | {} | {} |",
            totals[0],
            100.0 * totals[0] as f64 / all as f64,
            totals[1],
            totals[2],
            totals[3]
        );
        if show_failures {
            for example in failures {
                println!(
                    "\n-- {} example {}\n{}\n-- expected\n{}\n-- annals\n{}",
                    example.section,
                    example.number,
                    example.markdown,
                    example.expected,
                    allow_differences(&render(&example.markdown, options).html)
                );
            }
        }
    }
}
