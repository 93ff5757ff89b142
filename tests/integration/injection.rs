//! Untrusted reports never run script: a site built with default settings from the injection
//! vectors of `tests/fixtures/injection/vectors.txt` (raw HTML and Markdown forms: event
//! handlers, `javascript:`/`vbscript:`/`data:` URLs in every position, encoded and mixed-case
//! variants, SVG and MathML, attribute blocks, reference links, autolinks) plus hostile
//! front-matter fields, attacked two ways:
//! - statically: every HTML page, every feed's HTML content and the search data are parsed with
//!   independent parsers (html5ever through `scraper`, roxmltree) and searched for `on*`
//!   attributes, script elements the theme did not put there, other active elements, and
//!   dangerous URLs in any URL-bearing attribute;
//! - in Chromium: every page is loaded over HTTP with `alert`, `confirm`, `prompt`, `print` and
//!   `fetch` hooked, every element gets mouse, focus and toggle events, and no hook may fire.
//!
//! `ANNALS_EXTRA_VECTORS=FILE` adds vectors from another file of the same format (for attacking
//! the output with lists kept outside the repository).

use crate::browser::{Browser, StaticServer};
use crate::support::{annals, repo_root};
use std::path::{Path, PathBuf};

/// One vector: a name and a report body.
struct Vector {
    name: String,
    body: String,
}

fn parse_vectors(text: &str) -> Vec<Vector> {
    let mut vectors: Vec<Vector> = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("%% ") {
            vectors.push(Vector {
                name: name.to_string(),
                body: String::new(),
            });
        } else if let Some(v) = vectors.last_mut() {
            v.body.push_str(line);
            v.body.push('\n');
        }
    }
    vectors
}

fn vectors() -> Vec<Vector> {
    let path = repo_root().join("tests/fixtures/injection/vectors.txt");
    let mut vectors = parse_vectors(&std::fs::read_to_string(path).unwrap());
    if let Some(extra) = std::env::var_os("ANNALS_EXTRA_VECTORS") {
        let text = std::fs::read_to_string(&extra).expect("ANNALS_EXTRA_VECTORS names a file");
        vectors.extend(parse_vectors(&text));
    }
    vectors
}

const SCRIPT: &str = "<script>alert(1)</script>";
const BREAKOUT: &str = "\"><img src=x onerror=alert(1)>";

/// Writes a default-settings site: one report per vector, and one with hostile front matter.
fn write_site(root: &Path, vectors: &[Vector], site_toml_extra: &str) {
    let content = root.join("content/2024");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(
        root.join("site.toml"),
        format!(
            "title = \"注入測試\"\nbase_url = \"https://archive.example.org\"\nlanguage = \"zh-Hant\"\n{site_toml_extra}"
        ),
    )
    .unwrap();
    for (i, vector) in vectors.iter().enumerate() {
        let title = serde_json::to_string(&format!("向量 {i}: {}", vector.name)).unwrap();
        let date = format!("2024-{:02}-{:02}", 1 + i / 28 % 12, 1 + i % 28);
        let text = format!("---\ntitle: {title}\ndate: {date}\n---\n{}", vector.body);
        std::fs::write(content.join(format!("v{i:03}.md")), text).unwrap();
    }
    let q = |s: &str| serde_json::to_string(s).unwrap();
    let front_matter = format!(
        "---\ntitle: {}\ndate: 2024-12-30\nsummary: {}\nofficials:\n  - name: {}\n    role: {}\n  - {}\ndistricts: [{}, {}]\ntags: [{}, {}, {}]\nextra:\n  note: {}\n---\n正文。\n",
        q(&format!("{SCRIPT}{BREAKOUT}")),
        q(&format!("{BREAKOUT}{SCRIPT}")),
        q("<img src=x onerror=alert(1)>"),
        q(&format!("{BREAKOUT}市長")),
        q("javascript:alert(1)"),
        q("<svg onload=alert(1)>"),
        q("' onmouseover='alert(1)"),
        q("javascript:alert(1)"),
        q("\" onmouseover=\"alert(1)"),
        q(SCRIPT),
        q(SCRIPT),
    );
    std::fs::write(content.join("front-matter.md"), front_matter).unwrap();
}

/// Builds the vectors site with default settings into a new folder.
fn build_vectors_site(site_toml_extra: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), &vectors(), site_toml_extra);
    let out = dir.path().join("public");
    let built = annals()
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    (dir, out)
}

/// Scripts the default theme itself loads.
const THEME_SCRIPTS: &[&str] = &[
    "file-links.js",
    "index-filter.js",
    "search/search.js",
    "search/search-query.js",
    "search/search-view.js",
    "search/search-page.js",
];

/// A URL as a browser reads it, reduced to what decides whether it runs script.
fn dangerous_url(value: &str) -> bool {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:", "livescript:"]
        .iter()
        .any(|scheme| squeezed.starts_with(scheme) || squeezed.contains(&format!(",{scheme}")))
}

/// Attributes that hold URLs (or values SVG animation copies into one).
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "srcset",
    "lowsrc",
    "dynsrc",
    "cite",
    "ping",
    "values",
    "to",
    "from",
    "by",
    "srcdoc",
];

/// Elements that must never come from a report.
const ACTIVE_ELEMENTS: &[&str] = &[
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "math", "svg",
    "isindex", "template",
];

/// A `<script type="application/ld+json">` without `src` whose text is exactly one JSON value
/// without `<`: browsers never run it.
fn is_structured_data(element: &scraper::node::Element, text: &str) -> bool {
    element.attr("type") == Some("application/ld+json")
        && element.attr("src").is_none()
        && !text.contains('<')
        && serde_json::from_str::<serde_json::Value>(text).is_ok()
}

/// Everything script-capable in an HTML document, as readable findings.
pub fn dangers_in_html(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let mut found = Vec::new();
    for node in document.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let name = element.name();
        let text: String = scraper::ElementRef::wrap(node)
            .map(|e| e.text().collect())
            .unwrap_or_default();
        if name == "script" && is_structured_data(element, &text) {
            // schema.org JSON-LD: data, never run. It is only that if the whole text is one
            // JSON value with no `<` (written as \u003c), so no report text closed it early.
        } else if name == "script" {
            let src = element.attr("src").unwrap_or("");
            let theirs = THEME_SCRIPTS.iter().any(|s| src.ends_with(s));
            if !theirs || !text.trim().is_empty() {
                found.push(format!(
                    "<script src={src:?}>{}",
                    &text[..text.len().min(40)]
                ));
            }
        }
        if ACTIVE_ELEMENTS.contains(&name) {
            found.push(format!("<{name}> element"));
        }
        if name == "meta"
            && element
                .attr("http-equiv")
                .is_some_and(|v| !v.eq_ignore_ascii_case("content-security-policy"))
        {
            found.push("<meta http-equiv> other than the policy".into());
        }
        for (attribute, value) in element.attrs() {
            let attribute = attribute.to_ascii_lowercase();
            if attribute.starts_with("on") {
                found.push(format!("<{name} {attribute}={value:?}>"));
            }
            if URL_ATTRIBUTES.contains(&attribute.as_str()) && dangerous_url(value) {
                found.push(format!("<{name} {attribute}={value:?}>"));
            }
            if attribute == "style" && value.to_ascii_lowercase().contains("javascript:") {
                found.push(format!("<{name} style={value:?}>"));
            }
        }
    }
    found
}

/// Every finding in the built site: pages, feeds' HTML content, search data.
fn dangers_in_site(out: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry
            .path()
            .strip_prefix(out)
            .unwrap()
            .display()
            .to_string();
        let bytes = std::fs::read(entry.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let mut here = Vec::new();
        if name.ends_with(".html") {
            here = dangers_in_html(&text);
        } else if name.ends_with(".xml") {
            let xml = roxmltree::Document::parse(&text)
                .unwrap_or_else(|e| panic!("{name} is not XML: {e}"));
            for node in xml.descendants().filter(|n| n.is_element()) {
                if node.tag_name().name().eq_ignore_ascii_case("script") {
                    here.push("<script> element in XML".into());
                }
                if node.attribute("type") == Some("html") {
                    here.extend(dangers_in_html(node.text().unwrap_or("")));
                }
            }
        } else if name.starts_with("search/")
            && name.ends_with(".js")
            && !THEME_SCRIPTS.contains(&name.as_str())
        {
            // Data loaded as <script>: one call of the search script with JSON arguments, so
            // nothing a report says can become code.
            if let Err(why) = data_call(&text) {
                here.push(format!(
                    "search data is not one call with JSON arguments: {why}"
                ));
            }
        }
        found.extend(here.into_iter().map(|f| (name.clone(), f)));
    }
    found
}

/// Checks that a search data file is exactly `annalsSearch.NAME(JSON, …);` with JSON
/// arguments an independent JSON parser accepts.
fn data_call(text: &str) -> Result<(), String> {
    let rest = text
        .trim_end()
        .strip_prefix("annalsSearch.")
        .ok_or("no annalsSearch. prefix")?;
    let open = rest.find('(').ok_or("no call")?;
    if !rest[..open].chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(format!("odd function name {:?}", &rest[..open]));
    }
    let arguments = rest[open + 1..].strip_suffix(");").ok_or("no closing );")?;
    serde_json::from_str::<Vec<serde_json::Value>>(&format!("[{arguments}]"))
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[test]
fn no_vector_leaves_script_in_any_built_file() {
    let all = vectors();
    assert!(
        all.len() >= 100,
        "at least 100 vectors, found {}",
        all.len()
    );
    let (_dir, out) = build_vectors_site("");
    let found = dangers_in_site(&out);
    assert!(found.is_empty(), "script-capable output:\n{found:#?}");
    // Every vector's report page exists: none was dropped on the way.
    let pages = walkdir::WalkDir::new(out.join("2024"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .filter(|e| {
            let slug = e
                .path()
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy();
            slug == "front-matter" || slug.starts_with('v') && slug[1..].parse::<u32>().is_ok()
        })
        .count();
    assert_eq!(
        pages,
        all.len() + 1,
        "one page per vector and the front-matter report"
    );
}

#[test]
fn the_static_scan_finds_script_when_html_is_trusted() {
    // The same vectors with `trusted_html = true` keep their script: the scan must see it.
    let (_dir, out) = build_vectors_site("trusted_html = true\n");
    let found = dangers_in_site(&out);
    for expected in [
        "<script src=\"\">alert(1)",
        "onerror",
        "<iframe> element",
        "javascript:",
    ] {
        assert!(
            found.iter().any(|(_, f)| f.contains(expected)),
            "the scan missed {expected:?}"
        );
    }
}

/// Hooks that record every attempt to run the functions an attack would call.
const HOOKS: &str = r#"
window.__fired = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = function () { window.__fired.push(name + "(" + Array.from(arguments).join(",") + ")"); };
}
const realFetch = window.fetch;
window.fetch = function (what) { window.__fired.push("fetch(" + what + ")"); return realFetch.apply(this, arguments); };
"#;

/// Events that inline handlers of the vectors listen for.
const PROVOKE: &str = r#"
for (const el of document.querySelectorAll("main *")) {
  for (const type of ["mouseover", "mouseenter", "mousemove", "mousedown", "mouseup", "focus", "focusin", "blur", "toggle", "animationstart", "load", "error"]) {
    el.dispatchEvent(new Event(type, { bubbles: true }));
  }
}
new Promise((resolve) => setTimeout(resolve, 50)).then(() => window.__fired)
"#;

/// Loads every HTML page of `out` in Chromium and returns the hooks that fired, per page.
fn fired_in_browser(browser: &mut Browser, out: &Path) -> Vec<(String, serde_json::Value)> {
    browser.command(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": HOOKS }),
    );
    let server = StaticServer::start(out);
    let mut fired = Vec::new();
    for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
        let entry = entry.unwrap();
        let name = entry
            .path()
            .strip_prefix(out)
            .unwrap()
            .display()
            .to_string();
        if !name.ends_with(".html") || name.starts_with("page/") || name.contains("/page/") {
            continue;
        }
        browser.navigate(&format!("{}{name}", server.url()));
        let calls = browser.eval(PROVOKE);
        if calls.as_array().is_some_and(|a| !a.is_empty()) {
            fired.push((name, calls));
        }
    }
    fired
}

#[test]
fn no_page_runs_script_in_a_browser() {
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    let (_dir, out) = build_vectors_site("");
    let fired = fired_in_browser(&mut browser, &out);
    assert!(fired.is_empty(), "script ran:\n{fired:#?}");
}

#[test]
fn the_browser_check_sees_script_that_runs() {
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    // Trusted HTML and a theme without the policy: the vectors run, and the hooks must say so.
    let dir = tempfile::tempdir().unwrap();
    let vectors = parse_vectors(
        "%% img\n<img src=x onerror=alert(1)>\n%% handler\n<p id=\"p\" onmouseover=\"confirm(2)\">懸停</p>\n",
    );
    write_site(
        dir.path(),
        &vectors,
        "trusted_html = true\ntheme = \"open\"\n",
    );
    let templates = dir.path().join("themes/open/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let base =
        std::fs::read_to_string(repo_root().join("themes/default/templates/base.html")).unwrap();
    let start = base.find("{% block csp %}").unwrap();
    let end = base.find("{% endblock csp %}").unwrap() + "{% endblock csp %}".len();
    std::fs::write(
        templates.join("base.html"),
        format!(
            "{}{{% block csp %}}{{% endblock csp %}}{}",
            &base[..start],
            &base[end..]
        ),
    )
    .unwrap();
    let built = annals()
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let fired = fired_in_browser(&mut browser, &dir.path().join("public"));
    let all = format!("{fired:?}");
    assert!(all.contains("alert(1)"), "{all}");
    assert!(all.contains("confirm(2)"), "{all}");
}
