//! Safety: what a build must never do, whatever the input.
//!
//! - A failed build leaves the previous output byte for byte as it was, and no staging folder.
//! - Output folders that hold the site or the user's own files are refused, and left untouched;
//!   `--force` replaces a foreign folder only when asked.
//! - The same input builds to the same bytes, in the same folder or another one.
//! - Markup in titles, names, tags, summaries, `extra` and bodies never reaches an output file
//!   unescaped (pages, feeds, sitemap, search data); `trusted_html = true` keeps body HTML.

use crate::support::{annals, repo_root};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

/// Every file under `dir` (relative path → length and FNV-1a hash of the bytes), and every
/// folder (with `None`), so that any change of content, name or layout shows.
pub fn tree_digest(dir: &Path) -> BTreeMap<String, Option<(u64, u64)>> {
    let mut digest = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let entry = entry.unwrap();
        let relative = entry
            .path()
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        // The input signatures record when files were hashed: bookkeeping of the folder,
        // never part of the site.
        if relative == ".annals-inputs" {
            continue;
        }
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
            });
            digest.insert(relative, Some((bytes.len() as u64, hash)));
        } else {
            digest.insert(relative, None);
        }
    }
    digest
}

/// Writes `files` (path relative to `root`, text) into `root`.
fn write_files(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

const SITE_TOML: &str =
    "title = \"測試檔案\"\nbase_url = \"https://archive.example.org\"\nlanguage = \"zh-Hant\"\n";

/// A small valid site: three reports over two months, a static file and a theme override.
fn small_site(root: &Path) {
    write_files(
        root,
        &[
            ("site.toml", &format!("{SITE_TOML}theme = \"harbour\"\n")),
            (
                "content/2024/03/urban-renewal.md",
                "---\ntitle: 全市城市更新項目推進會召開\ndate: 2024-03-14\nofficials:\n  - {name: 林靜怡, role: 市長}\ndistricts: [江北區]\ntags: [城市更新]\n---\n推進會召開，部署二季度任務。\n",
            ),
            (
                "content/2024/03/flood-drill.md",
                "---\ntitle: 江北區防汛應急演練\ndate: 2024-03-20T09:30:00+08:00\nofficials: [林靜怡, 陳建國]\ndistricts: [江北區, 南岸區]\n---\n演練開展。\n\n```json\n{\"level\": 2}\n```\n",
            ),
            (
                "content/2024/04/tea-forum.md",
                "---\ntitle: 青石縣茶葉產業座談會\ndate: 2024-04-09\ndistricts: [青石縣]\ntags: [鄉村振興, 茶葉]\n---\n座談會召開。\n",
            ),
            ("static/files/minutes.pdf", "%PDF-1.4 minutes\n"),
            (
                "themes/harbour/templates/report.html",
                "{% extends \"base.html\" %}\n{% block main %}<article><h1>{{ report.title }}</h1>{{ report.content | safe }}</article>{% endblock main %}\n",
            ),
        ],
    );
}

fn build(root: &Path, output: &Path, extra: &[&str]) -> Output {
    annals()
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output-dir")
        .arg(output)
        .args(extra)
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_failed_build_leaves_the_previous_output_identical() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    small_site(root);
    let out_parent = tempfile::tempdir().unwrap();
    let output = out_parent.path().join("public");
    let first = build(root, &output, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = tree_digest(&output);
    assert!(
        before.contains_key("2024/03/14/urban-renewal/index.html"),
        "{before:?}"
    );

    // Broken while loading (before anything is staged) …
    write_files(
        root,
        &[(
            "content/2024/04/broken.md",
            "---\ntitle: 壞\ndate: 2024-02-30\n---\n",
        )],
    );
    let failed = build(root, &output, &[]);
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    assert!(stderr(&failed).contains("the previous output (if any) is untouched"));
    assert_eq!(tree_digest(&output), before);
    assert_eq!(names_in(out_parent.path()), ["public"]);
    std::fs::remove_file(root.join("content/2024/04/broken.md")).unwrap();

    // … and broken while rendering (after the staging folder was filled in part).
    write_files(
        root,
        &[(
            "themes/harbour/templates/report.html",
            "{% extends \"base.html\" %}\n{% block main %}{{ report.no_such_field }}{% endblock main %}\n",
        )],
    );
    let failed = build(root, &output, &[]);
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    assert!(
        stderr(&failed).contains("themes/harbour/templates/report.html:2"),
        "{}",
        stderr(&failed)
    );
    assert_eq!(tree_digest(&output), before);
    assert_eq!(names_in(out_parent.path()), ["public"]);
}

#[test]
fn dangerous_output_folders_are_refused_and_left_untouched() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path().join("site");
    small_site(&root);
    write_files(&root, &[("mine/notes.txt", "my own notes\n")]);
    let untouched = tree_digest(site.path());
    let cases = [
        (root.clone(), "holds the site itself"),
        (root.join(".."), "holds the site itself"),
        (root.join("content"), "inside `content/`"),
        (root.join("content/2024/out"), "inside `content/`"),
        (root.join("themes"), "inside `themes/`"),
        (root.join("themes/harbour/public"), "inside `themes/`"),
        (root.join("static"), "inside `static/`"),
        (root.join("mine"), "not empty and was not created by annals"),
    ];
    for (output, expected) in &cases {
        for force in [&[][..], &["--force"][..]] {
            if *expected == "not empty and was not created by annals" && !force.is_empty() {
                continue;
            }
            let refused = build(&root, output, force);
            let shown = stderr(&refused);
            assert_eq!(
                refused.status.code(),
                Some(1),
                "{}: {shown}",
                output.display()
            );
            assert!(shown.contains(expected), "{}: {shown}", output.display());
            assert!(shown.contains("hint:"), "{shown}");
            assert_eq!(
                tree_digest(site.path()),
                untouched,
                "{} was touched",
                output.display()
            );
        }
    }

    // --force replaces a foreign folder, and only then.
    let forced = build(&root, &root.join("mine"), &["--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(!root.join("mine/notes.txt").exists());
    assert!(
        root.join("mine/2024/03/14/urban-renewal/index.html")
            .is_file()
    );
    // The folder is annals output now: the next build needs no --force.
    let again = build(&root, &root.join("mine"), &[]);
    assert!(again.status.success(), "{}", stderr(&again));
}

#[test]
fn the_same_input_builds_the_same_bytes() {
    let site = tempfile::tempdir().unwrap();
    small_site(site.path());
    let out = tempfile::tempdir().unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    assert!(build(site.path(), &a, &[]).status.success());
    let first = tree_digest(&a);
    assert!(build(site.path(), &a, &[]).status.success());
    assert_eq!(tree_digest(&a), first, "rebuilding in place changed bytes");
    assert!(build(site.path(), &b, &[]).status.success());
    assert_eq!(
        tree_digest(&b),
        first,
        "another output folder got other bytes"
    );
}

#[test]
fn the_demo_archive_builds_the_same_bytes_twice() {
    let out = tempfile::tempdir().unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    for dir in [&a, &b] {
        let built = build(&repo_root(), dir, &[]);
        assert!(built.status.success(), "{}", stderr(&built));
    }
    let first = tree_digest(&a);
    assert!(first.len() > 100, "{} files", first.len());
    assert_eq!(tree_digest(&b), first);
}

const SCRIPT: &str = "<script>alert(1)</script>";
const BREAKOUT: &str = "\"><img src=x onerror=alert(1)>";

/// A site whose every text field carries markup.
fn hostile_site(root: &Path, trusted: bool) {
    let config = format!(
        "{SITE_TOML}description = '{SCRIPT}'\ntrusted_html = {trusted}\n[extra]\nfooter = '{BREAKOUT}'\n"
    );
    let report = |title: &str, official: &str, district: &str, tag: &str| {
        format!(
            "---\ntitle: '{title} 會議'\ndate: 2024-03-14\nofficials:\n  - name: '{official}'\n    role: '{SCRIPT}'\ndistricts: ['{district}']\ntags: ['{tag}']\nsummary: '{BREAKOUT}{SCRIPT}'\nextra:\n  note: '{SCRIPT}'\n  list: ['{BREAKOUT}']\nsource: 'https://example.gov/{BREAKOUT}'\n---\n正文 {SCRIPT} 與 {BREAKOUT}\n\n[連結](javascript:alert(1)) `{SCRIPT}`\n\n## {SCRIPT}\n\n| {BREAKOUT} |\n|---|\n| x |\n"
        )
    };
    write_files(
        root,
        &[
            ("site.toml", &config),
            ("content/a.md", &report(SCRIPT, SCRIPT, BREAKOUT, SCRIPT)),
            (
                "content/b.md",
                &report(BREAKOUT, BREAKOUT, SCRIPT, BREAKOUT),
            ),
        ],
    );
}

/// Places in `text` where markup of the payloads is live: a `<script>alert` tag, an `onerror=`
/// attribute (inside a tag and outside any quoted value), or a `javascript:` link or source.
fn live_markup(text: &str) -> Vec<String> {
    let excerpt = |at: usize| text[at..].chars().take(40).collect::<String>();
    let mut found = Vec::new();
    if let Some(at) = text.find("<script>alert") {
        found.push(excerpt(at));
    }
    for (at, _) in text.match_indices("onerror") {
        let before = &text[..at];
        let Some(open) = before.rfind('<') else {
            continue;
        };
        let in_tag = before.rfind('>').is_none_or(|close| close < open);
        let in_quotes = before[open..].matches('"').count() % 2 == 1;
        if in_tag && !in_quotes {
            found.push(excerpt(open));
        }
    }
    for (at, _) in text.match_indices("javascript:") {
        let before = text[..at].trim_end_matches(['"', '\'']);
        if before.ends_with("href=") || before.ends_with("src=") {
            found.push(excerpt(at.saturating_sub(6)));
        }
    }
    found
}

/// Undoes one level of XML escaping (what a feed reader does to `type="html"` content).
fn unescape_xml(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every output file with markup that escaped, as (file, what).
fn unescaped_payloads(output: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(output).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry
            .path()
            .strip_prefix(output)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        // CSV and iCalendar hold text verbatim by definition (served as text/csv and
        // text/calendar, never as HTML); their own parsers read them in open_data.rs and
        // calendars.rs. JSON files escape `<`, so they are scanned like the rest.
        if name.ends_with(".csv") || name.ends_with(".ics") {
            continue;
        }
        // annals' own bookkeeping (the parsed-report cache holds titles as written): never
        // served by `serve`, never uploaded by `deploy`, and not a page of the site.
        if annals::output::is_bookkeeping(&name) {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
        let mut live = live_markup(&text);
        if name.ends_with(".xml") {
            for html in text.split("<content type=\"html\">").skip(1) {
                let html = html.split("</content>").next().unwrap_or("");
                live.extend(live_markup(&unescape_xml(html)));
            }
        }
        found.extend(live.into_iter().map(|l| (name.clone(), l)));
    }
    found
}

#[test]
fn markup_in_every_field_is_escaped_everywhere() {
    let site = tempfile::tempdir().unwrap();
    hostile_site(site.path(), false);
    let output = site.path().join("public");
    let built = build(site.path(), &output, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let found = unescaped_payloads(&output);
    assert!(found.is_empty(), "unescaped markup: {found:#?}");

    // The payloads did reach the pages, as text.
    let page = std::fs::read_to_string(output.join("2024/03/14/a/index.html")).unwrap();
    assert!(page.contains("&lt;script&gt;alert(1)"), "{page}");
    let feed = std::fs::read_to_string(output.join("feed.xml")).unwrap();
    assert!(
        feed.contains("&lt;script&gt;alert(1)&lt;/script&gt; 會議"),
        "{feed}"
    );
}

#[test]
fn the_scan_finds_live_markup() {
    // The scanner itself must be able to fail.
    assert!(!live_markup("<p><script>alert(1)</script></p>").is_empty());
    assert!(!live_markup("<a title=\"\"><img src=x onerror=alert(1)>\">").is_empty());
    assert!(!live_markup("<a href=\"javascript:alert(1)\">").is_empty());
    assert!(live_markup("<p>&lt;img src=x onerror=alert(1)&gt; javascript: x</p>").is_empty());
}

#[test]
fn the_scan_catches_a_theme_that_turns_escaping_off() {
    let site = tempfile::tempdir().unwrap();
    hostile_site(site.path(), false);
    let config = std::fs::read_to_string(site.path().join("site.toml")).unwrap();
    write_files(
        site.path(),
        &[
            ("site.toml", &format!("theme = \"careless\"\n{config}")),
            (
                "themes/careless/templates/report.html",
                "{% extends \"base.html\" %}\n{% block main %}<h1>{{ report.title | safe }}</h1>{% endblock main %}\n",
            ),
        ],
    );
    let output = site.path().join("public");
    assert!(build(site.path(), &output, &[]).status.success());
    let found = unescaped_payloads(&output);
    let files: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
    assert!(files.contains(&"2024/03/14/a/index.html"), "{found:#?}");
    assert!(files.contains(&"2024/03/14/b/index.html"), "{found:#?}");
}

#[test]
fn trusted_html_keeps_body_html_as_written() {
    let site = tempfile::tempdir().unwrap();
    hostile_site(site.path(), true);
    let output = site.path().join("public");
    let built = build(site.path(), &output, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let page = std::fs::read_to_string(output.join("2024/03/14/a/index.html")).unwrap();
    assert!(page.contains(&format!("正文 {SCRIPT}")), "{page}");
    assert!(page.contains("<img src=x onerror=alert(1)>"), "{page}");
    // Only the body is trusted: the title, in the page's <title>, stays text.
    assert!(page.contains("<title>&lt;script&gt;alert(1)"), "{page}");
}
