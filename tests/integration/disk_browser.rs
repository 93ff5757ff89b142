//! The built archive opened straight from disk (`file://`, a copy on a USB stick): links lead
//! to pages, not to folder listings.

use crate::browser::Browser;
use crate::support::build_demo;

#[test]
fn links_open_pages_when_the_site_is_opened_from_disk() {
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    let (_dir, out) = build_demo();
    browser.navigate(&format!("file://{}/2024/index.html", out.display()));
    let hrefs = browser.eval(
        "Array.from(document.querySelectorAll('nav a, .report-card-title a')).map(a => a.getAttribute('href'))",
    );
    let hrefs: Vec<&str> = hrefs
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h.as_str())
        .collect();
    assert!(!hrefs.is_empty());
    for href in &hrefs {
        assert!(
            href.ends_with("/index.html") || href.ends_with(".html"),
            "{href} does not name a page"
        );
    }
    // Following one lands on the page, not on a folder listing.
    browser.eval("document.querySelector('.report-card-title a').click()");
    browser
        .wait_for(
            "document.querySelector('article.report h1') !== null",
            std::time::Duration::from_secs(10),
        )
        .unwrap();
    assert!(
        browser.errors().is_empty(),
        "page errors: {:?}",
        browser.errors()
    );
}
