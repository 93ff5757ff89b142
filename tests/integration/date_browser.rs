//! The date pages in a real browser: a reader walks the demo archive's calendar across a year
//! boundary by clicking its links, served over HTTP and opened from disk, with no script needed.
//!
//! Skipped (loudly) without Chromium, except under `CI=true`.

use crate::browser::{Browser, StaticServer};
use crate::support::build_demo;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(10);

/// Clicks the first element matching `selector` and waits until the page's `<h1>` reads
/// `heading`.
fn click_to(browser: &mut Browser, selector: &str, heading: &str) {
    let clicked = browser.eval(&format!(
        "(() => {{ const a = document.querySelector({selector:?}); if (a) a.click(); return !!a; }})()"
    ));
    assert_eq!(clicked, true, "no `{selector}` on the page");
    browser
        .wait_for(
            &format!(
                "document.readyState === 'complete' && document.querySelector('h1')?.textContent.trim() === {heading:?}"
            ),
            TIMEOUT,
        )
        .unwrap_or_else(|e| {
            let at = browser.eval("location.href + ' ' + document.querySelector('h1')?.textContent");
            panic!("after clicking `{selector}`: {e} (at {at})")
        });
}

/// December 2023 → January 2024 → its day → back across the year to December's last day and
/// year to year, each by a click.
fn walk_across_the_year(browser: &mut Browser, start: &str) {
    browser.navigate(start);
    click_to(browser, ".period-nav a[rel=next]", "2024年1月");
    let location = browser.eval("location.href");
    assert!(
        location.as_str().unwrap().contains("2024/01/"),
        "{location}"
    );
    // The calendar links its only day with a report, the 16th.
    let linked = browser.eval("document.querySelectorAll('table.calendar a').length");
    assert_eq!(linked, 1);
    click_to(browser, "table.calendar a", "2024年1月16日");
    click_to(browser, ".period-nav a[rel=prev]", "2023年12月26日");
    click_to(browser, ".breadcrumbs li:nth-child(2) a", "2023年");
    click_to(browser, ".period-nav a[rel=next]", "2024年");
    click_to(browser, ".period-nav a[rel=prev]", "2023年");
    click_to(
        browser,
        ".month-grid a[href$='2023/12/'], .month-grid a[href$='2023/12/index.html']",
        "2023年12月",
    );
    assert!(
        browser.errors().is_empty(),
        "page errors: {:?}",
        browser.errors()
    );
}

#[test]
fn the_calendar_is_walked_across_a_year_boundary_by_clicking() {
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    let (_dir, out) = build_demo();
    let server = StaticServer::start(&out);
    browser.command(
        "Emulation.setScriptExecutionDisabled",
        serde_json::json!({"value": true}),
    );
    walk_across_the_year(&mut browser, &format!("{}2023/12/", server.url()));
    browser.command(
        "Emulation.setScriptExecutionDisabled",
        serde_json::json!({"value": false}),
    );
    // From disk the same walk goes through each folder's index.html.
    walk_across_the_year(
        &mut browser,
        &format!("file://{}/2023/12/index.html", out.display()),
    );
    let location = browser.eval("location.href");
    assert!(
        location.as_str().unwrap().ends_with("/2023/12/index.html"),
        "{location}"
    );
}
