//! Property tests: the front-matter splitter, report loading and every lint take arbitrary
//! input without panicking, and what they report points inside the file.
//!
//! Inputs are either arbitrary bytes or strings assembled from the tokens that matter to the
//! parsers (`---`, YAML anchors and brackets, Chinese punctuation, `**`, pinyin, links), which
//! reach the interesting paths far more often than random text. Each case runs under a generous
//! timeout in a forked process: a hang fails the test instead of stalling the run. More cases:
//! `PROPTEST_CASES=20000 cargo test proptests`.

use super::{ReportSource, links, markdown, names};
use crate::config::Config;
use crate::content::{front_matter, load_bytes};
use crate::diagnostics::Diagnostic;
use proptest::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;

/// Pieces of reports that the splitter, YAML, Markdown and the lints react to.
const TOKENS: &[&str] = &[
    "---",
    "\n",
    "\r\n",
    "\u{feff}",
    " ",
    "title: ",
    "date: ",
    "2024-03-14",
    "2024-02-30",
    "T09:30:00+08:00",
    "officials: ",
    "districts: ",
    "tags: ",
    "slug: ",
    "draft: ",
    "extra: ",
    "summary: ",
    "source: ",
    "- ",
    "name: ",
    "role: ",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "&a ",
    "*a",
    "'",
    "\"",
    "#",
    "|",
    "會議",
    "林靜怡",
    "林靜儀",
    "王劍鋒",
    "王剑锋",
    "高新區",
    "《",
    "》",
    "「",
    "」",
    "，",
    "。",
    "**",
    "*",
    "_",
    "`",
    "```",
    "\\",
    "項(xiàng)",
    "(",
    ")",
    "（",
    "）",
    "xiàng",
    "![",
    "](",
    "[",
    "/2024/03/14/a/",
    "../",
    "..",
    "https://e.org",
    "<img src=x>",
    "<script>",
    "&amp;",
    "\t",
    "    ",
    "1. ",
    "> ",
    "[^1]",
    "\u{0}",
    "\u{200b}",
    "𠀀",
];

fn token_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..120).prop_map(|t| t.concat())
}

fn config() -> Config {
    Config::parse(
        "title = \"t\"\nbase_url = \"https://e.org/archive\"\n[officials.\"林靜怡\"]\naliases = [\"林靜儀\"]\n[districts.\"臨江高新區\"]\naliases = [\"高新區\"]\n",
    )
    .expect("valid config")
}

/// Every problem has a line inside the file (or none), and renders.
fn assert_inside(problems: &[Diagnostic], text: &str) {
    let lines = text.lines().count().max(1);
    for problem in problems {
        assert!(
            problem.line.is_none_or(|l| l <= lines + 1),
            "line {:?} of {lines}: {problem}",
            problem.line
        );
        let _ = problem.to_string();
    }
}

fn load_and_check(bytes: &[u8]) {
    let (report, problems) = load_bytes(bytes, PathBuf::from("content/p.md"), &config());
    assert!(report.is_some() || problems.iter().any(Diagnostic::is_error));
    if report.is_some() {
        assert!(!problems.iter().any(Diagnostic::is_error));
    }
    assert_inside(&problems, &String::from_utf8_lossy(bytes));
}

/// Loads `body` under a valid front matter and runs every lint on it.
fn lint_body(front: &str, body: &str) {
    let text = format!("---\ntitle: t\ndate: 2024-03-15\n{front}\n---\n{body}");
    let config = config();
    let (Some(report), _) = load_bytes(text.as_bytes(), "content/p.md".into(), &config) else {
        return;
    };
    let split =
        front_matter::split(&text, std::path::Path::new("")).expect("it loaded, so it splits");
    let yaml_start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
    let source = ReportSource {
        report: &report,
        yaml: yaml_start..yaml_start + split.yaml.len(),
        body_start: text.len() - split.body.len(),
        text: text.clone(),
    };
    let sources = [source];
    let paths: HashSet<String> = ["index.html", "2024/03/14/a/index.html", "feed.xml"]
        .into_iter()
        .map(String::from)
        .collect();
    let mut problems = markdown::lint(
        &sources[0],
        crate::content::markdown::BodyOptions::of(&config),
    );
    problems.extend(names::lint(&config, &sources));
    problems.extend(links::lint(&config, &sources, &paths));
    assert_inside(&problems, &text);
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        timeout: 30_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn splitter_never_panics_and_cuts_inside_the_text(text in token_text()) {
        if let Ok(split) = front_matter::split(&text, std::path::Path::new("")) {
            prop_assert!(text.contains(split.yaml));
            prop_assert!(text.ends_with(split.body));
            prop_assert!(split.body_line >= 3);
        }
    }

    #[test]
    fn loading_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        load_and_check(&bytes);
    }

    #[test]
    fn loading_report_like_text_never_panics(text in token_text()) {
        load_and_check(text.as_bytes());
        load_and_check(format!("---\n{text}\n---\n{text}").as_bytes());
    }

    #[test]
    fn lints_never_panic(body in token_text(), front in token_text(), any_body in "\\PC{0,300}") {
        lint_body("", &body);
        lint_body("", &any_body);
        lint_body(&format!("officials: [{front}]"), &body);
        lint_body(&format!("districts: [王劍峰, 王剑锋, {front}]"), &any_body);
    }

    #[test]
    fn diagnostics_render_at_any_offset(text in "\\PC{0,200}", offset in 0usize..400) {
        let shown = Diagnostic::error("a.md", "x").at_offset(&text, offset).to_string();
        prop_assert!(shown.contains("--> a.md"));
    }
}
