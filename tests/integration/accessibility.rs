//! axe-core (the npm package, pinned in package.json) runs its WCAG 2.1 A and AA rules in
//! Chromium on one page of every page type of the demo archive, served over HTTP on 127.0.0.1:
//! no page may have a violation.
//!
//! axe is found at `$AXE_CORE` or `node_modules/axe-core/axe.min.js` (`npm ci` installs it).
//! Without it or without Chromium the test prints a loud `SKIPPED`; with `CI=true` it fails.

use crate::browser::{Browser, StaticServer};
use crate::support::{build_demo, in_ci, repo_root};
use serde_json::Value;
use std::time::Duration;

/// One page of every page type: (type, path and query).
pub const PAGE_TYPES: &[(&str, &str)] = &[
    ("home", ""),
    ("report", "2024/03/14/urban-renewal-meeting/"),
    ("year", "2024/"),
    ("month", "2024/03/"),
    ("day", "2024/03/14/"),
    ("archive", "archive/"),
    ("all reports", "reports/"),
    ("officials", "officials/"),
    ("official", "officials/lin-jingyi/"),
    ("districts", "districts/"),
    ("district", "districts/qingshi-county/"),
    ("tags", "tags/"),
    ("tag", "tags/cheng-shi-geng-xin/"),
    ("search", "search/"),
    ("search with a query", "search/?q=林靜怡"),
    ("search with name suggestions open", "search/?q=林"),
    (
        "search browsing filters without a query",
        "search/?official=lin-jingyi&district=jiangbei-district",
    ),
    (
        "search with nothing found",
        "search/?q=不存在的詞語&year=2024",
    ),
    ("404", "404.html"),
];

/// Violations known and tolerated until the page they are on is reworked, as (page type, rule):
/// reported as `KNOWN`, never failing; every other violation fails. An entry that no longer
/// occurs is reported as fixed, to be removed.
const KNOWN: &[(&str, &str)] = &[];

/// The axe-core script, or `None` after a loud skip (a failure in CI).
pub fn axe_source() -> Option<String> {
    let path = std::env::var_os("AXE_CORE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| repo_root().join("node_modules/axe-core/axe.min.js"));
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(e) => {
            assert!(
                !in_ci(),
                "axe-core is missing in CI (`{}`: {e}): run `npm ci`",
                path.display()
            );
            eprintln!(
                "\n**** SKIPPED: axe-core not found at `{}` (run `npm ci`, or set AXE_CORE) ****\n",
                path.display()
            );
            None
        }
    }
}

/// Runs axe's WCAG 2.1 A/AA rules on the open page; one line per violation and element.
pub fn violations(browser: &mut Browser, axe: &str) -> Vec<String> {
    if browser.eval("typeof window.axe") != "object" {
        browser.eval(&format!("{axe}\n;true"));
    }
    let found = browser.eval(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})
           .then(r => r.violations.flatMap(v => v.nodes.map(n => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary.replace(/\\s+/g, ' ')}`)))",
    );
    found
        .as_array()
        .expect("axe returns a list")
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect()
}

/// Waits until a search page has finished its first search (other pages have nothing to wait
/// for); on `?q=林` it then types into the box so that the name suggestions open.
fn settle(browser: &mut Browser, path: &str) {
    if !path.starts_with("search/") {
        return;
    }
    let timeout = Duration::from_secs(20);
    browser
        .wait_for(
            "window.annalsSearch && (annalsSearch.settled > 0 || !location.search)",
            timeout,
        )
        .unwrap();
    if path.ends_with("?q=林") {
        browser.eval(
            "(() => { const box = document.getElementById('search-q'); box.focus(); box.value = '林靜'; box.dispatchEvent(new Event('input', {bubbles: true})); })()",
        );
        browser
            .wait_for(
                "!document.getElementById('search-suggestions').hidden",
                timeout,
            )
            .unwrap();
    }
}

#[test]
fn no_page_type_has_an_axe_core_violation() {
    let Some(axe) = axe_source() else {
        return;
    };
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    let (_dir, out) = build_demo();
    let server = StaticServer::start(&out);
    let (mut report, mut known_seen) = (Vec::new(), Vec::new());
    for (kind, path) in PAGE_TYPES {
        browser.navigate(&format!("{}{path}", server.url()));
        settle(&mut browser, path);
        let main = browser.eval("document.querySelectorAll('main h1').length");
        assert_eq!(main, Value::from(1), "/{path} is not a page of the site");
        for line in violations(&mut browser, &axe) {
            let line = format!("{kind} (/{path}): {line}");
            match KNOWN
                .iter()
                .find(|(k, rule)| k == kind && line.contains(&format!(": {rule} (")))
            {
                Some(known) => {
                    eprintln!("KNOWN axe-core violation: {line}");
                    known_seen.push(*known);
                }
                None => report.push(line),
            }
        }
    }
    for known in KNOWN.iter().filter(|k| !known_seen.contains(k)) {
        eprintln!(
            "fixed: the known axe-core violation {known:?} no longer occurs; remove it from KNOWN"
        );
    }
    assert!(
        report.is_empty(),
        "axe-core violations:\n{}",
        report.join("\n")
    );
    assert!(browser.errors().is_empty(), "{:?}", browser.errors());
    // The harness sees a violation when there is one: a page without its language.
    browser.navigate(&server.url());
    browser.eval("document.documentElement.removeAttribute('lang')");
    let found = violations(&mut browser, &axe);
    assert!(
        found
            .iter()
            .any(|v| v.starts_with("html-has-lang (serious)")),
        "{found:?}"
    );
}
