//! Live reload in a real browser: headless Chromium on a page of `annals serve`, while the
//! report behind it is edited, broken and fixed. The page must follow by itself: reload after a
//! good save, show the error overlay in place after a bad one, and lose it after the fix.

use crate::browser::Browser;
use crate::serve::harness::{Server, small_site};
use std::fs;
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(30);

/// True in the page once its text contains `text` (false while a reload is under way).
fn page_shows(text: &str) -> String {
    format!("(document.body !== null && document.body.innerText.includes({text:?}))")
}

const OVERLAY: &str = "document.getElementById('annals-error-overlay')";

/// Marks the current document: a reload drops the mark, an in-place update keeps it.
fn mark(browser: &mut Browser) {
    browser.eval("window.annalsTestMark = true");
}

fn still_marked(browser: &mut Browser) -> bool {
    browser.eval("window.annalsTestMark === true") == serde_json::Value::Bool(true)
}

#[test]
fn an_open_page_follows_edits_errors_and_fixes() {
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    let site = small_site();
    let root = site.path();
    let server = Server::start(root, &[]);
    let report_url = format!("{}/2024/03/12/transport/", server.url);
    let file = root.join("content/2024/transport.md");
    let good = fs::read_to_string(&file).unwrap();

    browser.navigate(&report_url);
    assert_eq!(
        browser.eval(&page_shows("會議聽取軌道交通建設匯報。")),
        true
    );
    mark(&mut browser);
    fs::write(&file, good.replace("會議聽取", "會議在瀏覽器裡聽取")).unwrap();
    browser
        .wait_for(&page_shows("會議在瀏覽器裡聽取"), PATIENCE)
        .unwrap_or_else(|e| panic!("the edit did not show: {e}\n{}", server.stderr()));
    assert!(!still_marked(&mut browser), "the page reloaded by itself");

    mark(&mut browser);
    fs::write(&file, good.replace("date: 2024-03-12", "date: 2024-13-12")).unwrap();
    browser
        .wait_for(OVERLAY, PATIENCE)
        .unwrap_or_else(|e| panic!("no error overlay: {e}\n{}", server.stderr()));
    assert!(
        still_marked(&mut browser),
        "the overlay came over the websocket, in place"
    );
    let overlay = browser.eval(&format!("{OVERLAY}.innerText"));
    let overlay = overlay.as_str().unwrap();
    assert!(overlay.contains("content/2024/transport.md:3"), "{overlay}");
    assert!(overlay.contains("2024-13-12"), "{overlay}");
    assert_eq!(
        browser.eval(&page_shows("會議在瀏覽器裡聽取")),
        true,
        "the last good page stays under the overlay"
    );

    browser.navigate(&format!("{}/", server.url));
    assert!(
        browser.eval(&format!("{OVERLAY} !== null")) == true,
        "a page opened now shows the overlay too"
    );
    assert_eq!(
        browser.eval(&page_shows("交通建設會議")),
        true,
        "over the last good site"
    );

    browser.navigate(&report_url);
    fs::write(&file, good.replace("會議聽取", "修好之後，會議聽取")).unwrap();
    browser
        .wait_for(
            &format!("{OVERLAY} === null && {}", page_shows("修好之後")),
            PATIENCE,
        )
        .unwrap_or_else(|e| {
            panic!(
                "the fix did not clear the overlay: {e}\n{}",
                server.stderr()
            )
        });
    assert!(
        browser.errors().is_empty(),
        "page errors: {:?}",
        browser.errors()
    );
}

#[test]
fn a_deleted_report_page_turns_into_the_404_page() {
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    let site = small_site();
    let root = site.path();
    let server = Server::start(root, &[]);
    browser.navigate(&format!("{}/2023/09/01/education/", server.url));
    assert_eq!(browser.eval(&page_shows("會議部署新學年教育工作。")), true);
    fs::remove_file(root.join("content/2023/education.md")).unwrap();
    let not_found = browser.eval("fetch('/404.html').then(r => r.text())");
    let heading = not_found
        .as_str()
        .unwrap()
        .split("<h1>")
        .nth(1)
        .unwrap()
        .split("</h1>")
        .next()
        .unwrap()
        .to_string();
    browser
        .wait_for(
            &format!(
                "{} && !{}",
                page_shows(&heading),
                page_shows("會議部署新學年教育工作。")
            ),
            PATIENCE,
        )
        .unwrap_or_else(|e| {
            let text = browser.eval("document.body.innerText");
            panic!(
                "the deleted page stayed: {e}\n{heading}\n{text}\n{}",
                server.stderr()
            )
        });
}
