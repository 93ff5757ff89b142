//! Invalid sites: every fixture under `tests/fixtures/invalid/<case>/` must fail `annals build`
//! with exit code 1 and exactly the messages pinned in `snapshots/` (temporary paths shown as
//! `[ROOT]`), must write nothing, and must fail `annals check` with the same errors. Then the
//! lints of `check`, the very large file, and usage errors.
//!
//! Update the snapshots after a deliberate change to a message with `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test`), and read every changed message before accepting it.

use crate::support::{annals, fixture, site_copy};
use std::path::Path;
use std::process::Output;

/// Runs `annals <command> --root <root> <extra…>`.
fn run_on(command: &str, root: &Path, extra: &[&str]) -> Output {
    annals()
        .arg(command)
        .arg("--root")
        .arg(root)
        .args(extra)
        .output()
        .expect("the annals binary runs")
}

/// Stderr as text.
fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Escapes a literal for an insta filter (a regular expression).
fn regex_literal(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// Snapshots `text` with the site root redacted to `[ROOT]`.
macro_rules! assert_stderr_snapshot {
    ($name:expr, $root:expr, $text:expr) => {
        insta::with_settings!({
            filters => vec![(regex_literal(&$root.display().to_string()).as_str(), "[ROOT]")],
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_snapshot!($name, $text);
        });
    };
}

/// Builds a copy of the fixture `invalid/<case>`, asserts the failure, and checks that
/// `annals check` reports the same errors. Returns the build's stderr.
fn build_fails(case: &str) -> (tempfile::TempDir, String) {
    let site = site_copy(&format!("invalid/{case}"));
    let root = site.path();
    let build = run_on("build", root, &[]);
    let shown = stderr(&build);
    assert_eq!(build.status.code(), Some(1), "{case}: build\n{shown}");
    assert!(!shown.contains("panicked"), "{case}\n{shown}");
    assert!(
        !root.join("public").exists(),
        "{case}: a failed build wrote output"
    );

    let check = run_on("check", root, &[]);
    let checked = stderr(&check);
    assert_eq!(check.status.code(), Some(1), "{case}: check\n{checked}");
    for line in shown.lines().filter(|l| l.starts_with("error: ")) {
        assert!(
            checked.contains(line),
            "{case}: check misses `{line}`\n{checked}"
        );
    }
    assert!(!root.join("public").exists(), "{case}: check wrote output");
    (site, shown)
}

macro_rules! invalid_site {
    ($($test:ident: $case:literal,)*) => {$(
        #[test]
        fn $test() {
            let (site, shown) = build_fails($case);
            assert_stderr_snapshot!(concat!("invalid_", stringify!($test)), site.path(), shown);
        }
    )*};
}

invalid_site! {
    no_front_matter: "no-front-matter",
    unclosed_front_matter: "unclosed-front-matter",
    yaml_syntax_error: "yaml-syntax-error",
    wrong_types: "wrong-types",
    missing_title: "missing-title",
    empty_title: "empty-title",
    missing_date: "missing-date",
    impossible_date: "impossible-date",
    unknown_front_matter_key: "unknown-front-matter-key",
    unknown_site_key: "unknown-site-key",
    non_utf8: "non-utf8",
    empty_file: "empty-file",
    invalid_slugs: "invalid-slugs",
    report_url_collision: "report-url-collision",
    entity_url_collision: "entity-url-collision",
    yaml_alias_bomb: "yaml-alias-bomb",
    deeply_nested_yaml: "deeply-nested-yaml",
    theme_syntax_error: "theme-syntax-error",
    template_unknown_variable: "template-unknown-variable",
    several_broken_files: "several-broken-files",
}

#[test]
fn every_invalid_fixture_has_a_test() {
    let source = include_str!("invalid.rs");
    for entry in std::fs::read_dir(fixture("invalid")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            source.contains(&format!("{name}\"")),
            "tests/fixtures/invalid/{name} is not run by any test"
        );
    }
}

#[test]
fn messages_name_file_line_and_hint() {
    // Spot checks of what the snapshots pin, so a careless snapshot update cannot drop them.
    let (_, shown) = build_fails("unknown-front-matter-key");
    assert!(
        shown.contains("unknown front matter key `distrcts`"),
        "{shown}"
    );
    assert!(
        shown.contains("--> content/rural-revival.md:4:1"),
        "{shown}"
    );
    assert!(shown.contains("hint: did you mean `districts`?"), "{shown}");
    let (_, shown) = build_fails("report-url-collision");
    assert!(
        shown
            .contains("`content/2024/urban-renewal.md` and `content/drafts/urban-renewal-copy.md`"),
        "{shown}"
    );
    let (_, shown) = build_fails("theme-syntax-error");
    assert!(
        shown.contains("--> themes/harbour/templates/report.html:5:"),
        "{shown}"
    );
    let (_, shown) = build_fails("several-broken-files");
    assert!(shown.contains("build failed: 4 errors"), "{shown}");
    let (_, shown) = build_fails("deeply-nested-yaml");
    assert!(
        shown.len() < 2_000,
        "a 10,000-character line is cut:\n{shown}"
    );
}

#[test]
fn lints_warn_without_failing_unless_strict() {
    let site = site_copy("invalid/check-lints");
    let root = site.path();
    let check = run_on("check", root, &[]);
    let shown = stderr(&check);
    assert_eq!(check.status.code(), Some(0), "{shown}");
    assert_stderr_snapshot!("check_lints", root, shown.clone());

    let strict = run_on("check", root, &["--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    assert!(stderr(&strict).contains("check failed: 13 warnings (--strict fails on warnings)"));

    // Drafts are checked only when asked for.
    assert!(!shown.contains("draft-notes.md"));
    let drafts = stderr(&run_on("check", root, &["--drafts"]));
    assert!(
        drafts.contains("--> content/2024/04/draft-notes.md:6:7"),
        "{drafts}"
    );

    // The lints are warnings: the site builds.
    let build = run_on("build", root, &[]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
}

#[test]
fn check_writes_nothing() {
    let site = site_copy("invalid/check-lints");
    let before = crate::safety::tree_digest(site.path());
    run_on("check", site.path(), &["--drafts"]);
    assert_eq!(crate::safety::tree_digest(site.path()), before);
}

#[test]
fn very_large_file_builds_or_fails_cleanly() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    std::fs::create_dir(root.join("content")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "title = \"大文件\"\nbase_url = \"https://archive.example.org\"\n",
    )
    .unwrap();
    // 20 MB of body with every lint in it, generated here rather than committed.
    let paragraph = "市長林靜怡出席會議並講話，要求加快推進**《城市更新條例》**落實，項(xiàng)目詳見[紀要](/2024/01/99/none/)。\n\n";
    let mut text = String::from("---\ntitle: 超長會議紀要\ndate: 2024-01-15\n---\n");
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(paragraph);
    }
    std::fs::write(root.join("content/huge.md"), &text).unwrap();

    let build = run_on("build", root, &[]);
    let shown = stderr(&build);
    assert!(matches!(build.status.code(), Some(0 | 1)), "{shown}");
    assert!(!shown.contains("panicked"), "{shown}");
    if build.status.success() {
        let page = root.join("public/2024/01/15/huge/index.html");
        assert!(std::fs::metadata(page).unwrap().len() > 10 * 1024 * 1024);
    }

    let check = run_on("check", root, &[]);
    let checked = stderr(&check);
    assert_eq!(check.status.code(), Some(0), "{checked}");
    // Each lint shows at most 20 places per file and counts the rest.
    assert!(
        checked.contains("more places where emphasis stays literal in this file"),
        "{checked}"
    );
    assert!(
        checked.contains("more lines with pinyin annotations in this file"),
        "{checked}"
    );
    assert!(
        checked.contains("more dead internal links in this file"),
        "{checked}"
    );
    assert!(checked.len() < 100_000, "{} bytes of output", checked.len());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["build", "--no-such-flag"][..],
        &["check", "--stirct"],
        &["frobnicate"],
        &["build", "--root"],
    ] {
        let output = annals().args(args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn demo_archive_passes_check() {
    let root = crate::support::repo_root();
    let check = run_on("check", &root, &[]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(!stderr(&check).contains("error:"), "{}", stderr(&check));
}

#[test]
fn demo_archive_is_clean_under_strict() {
    let root = crate::support::repo_root();
    let check = run_on("check", &root, &["--strict"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(stderr(&check).contains("check passed: no problems found"));
}
