//! The filter box of the officials index in Chromium, over HTTP and from disk: it appears only
//! with script, narrows the names by any spelling (either script, pinyin, role), hides the
//! groups left empty, says how many are shown, and restores the whole list when cleared.

use crate::browser::{Browser, StaticServer};
use crate::index_pages::index_site;
use crate::support::build;
use serde_json::Value;

/// Types `text` into the filter box; returns the names shown, the visible group headings and the
/// status line.
fn filter(browser: &mut Browser, text: &str) -> (Vec<String>, Vec<String>, String) {
    let text = serde_json::to_string(text).unwrap();
    let result = browser.eval(&format!(
        "(() => {{
            const box = document.getElementById('index-filter-input');
            box.value = {text};
            box.dispatchEvent(new Event('input', {{bubbles: true}}));
            const shown = el => el.offsetParent !== null;
            return [
              [...document.querySelectorAll('.name-index li')].filter(shown).map(li => li.querySelector('a').textContent),
              [...document.querySelectorAll('.index-group h2')].filter(shown).map(h => h.firstChild.textContent.trim()),
              document.querySelector('.filter-status').textContent,
            ];
        }})()"
    ));
    let list = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    (
        list(&result[0]),
        list(&result[1]),
        result[2].as_str().unwrap().to_string(),
    )
}

fn exercise_the_filter(browser: &mut Browser) {
    assert_eq!(
        browser.eval("document.querySelector('form[data-index-filter]').hidden"),
        Value::Bool(false),
        "the script shows the filter box"
    );
    let (all, groups, status) = filter(browser, "");
    assert_eq!(all.len(), 7);
    assert_eq!(groups, ["市領導", "區縣領導", "部門負責人", "其他"]);
    assert_eq!(status, "");
    // Simplified characters find the traditional name; pinyin with or without spaces too.
    for query in ["林静", "lin jing", "linjingyi", "LIN-JING"] {
        let (names, groups, status) = filter(browser, query);
        assert_eq!(names, ["林靜怡"], "{query}");
        assert_eq!(groups, ["市領導"], "{query}");
        assert_eq!(status, "顯示 1 / 7", "{query}");
    }
    // A role: every word must match (`南岸` and `區長` both in 曾立群's role).
    let (names, groups, _) = filter(browser, "南岸 區長");
    assert_eq!(names, ["曾立群"]);
    assert_eq!(groups, ["區縣領導"]);
    let (names, _, status) = filter(browser, "市長");
    assert_eq!(names, ["陳建國", "林靜怡", "王強"]);
    assert_eq!(status, "顯示 3 / 7");
    let (names, groups, status) = filter(browser, "xyz");
    assert!(names.is_empty() && groups.is_empty());
    assert_eq!(status, "沒有符合的名稱。");
    let (names, _, _) = filter(browser, "");
    assert_eq!(names.len(), 7, "clearing the box shows every name again");
}

#[test]
fn the_officials_filter_box_narrows_the_names_over_http_and_from_disk() {
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    let site = index_site();
    let out = build(site.path());
    let server = StaticServer::start(&out);
    browser.navigate(&format!("{}officials/", server.url()));
    exercise_the_filter(&mut browser);
    browser.navigate(&format!("file://{}/officials/index.html", out.display()));
    exercise_the_filter(&mut browser);
    assert!(browser.errors().is_empty(), "{:?}", browser.errors());
}

#[test]
fn without_script_the_officials_index_is_the_whole_list_and_no_box() {
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    let site = index_site();
    let out = build(site.path());
    let server = StaticServer::start(&out);
    browser.command(
        "Emulation.setScriptExecutionDisabled",
        serde_json::json!({"value": true}),
    );
    browser.navigate(&format!("{}officials/", server.url()));
    browser.command(
        "Emulation.setScriptExecutionDisabled",
        serde_json::json!({"value": false}),
    );
    // Reading the page state is script too, but the page's own script never ran.
    let state = browser.eval(
        "[document.querySelector('form[data-index-filter]').offsetParent === null,
          [...document.querySelectorAll('.name-index li')].filter(li => li.offsetParent !== null).length]",
    );
    assert_eq!(state, serde_json::json!([true, 7]));
}

/// A site of 30 towns in one county (31 districts) and 31 tags: both long enough for the
/// letter index and the filter box.
fn long_lists_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let towns: Vec<String> = "甲乙丙丁己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月星雲"
        .chars()
        .map(|c| format!("{c}鎮"))
        .collect();
    let mut toml = String::from(
        "title = \"長清單\"\nbase_url = \"https://example.org\"\nlanguage = \"zh-Hant\"\n",
    );
    for town in &towns {
        toml.push_str(&format!("[districts.\"{town}\"]\nparent = \"青石縣\"\n"));
    }
    std::fs::write(dir.path().join("site.toml"), toml).unwrap();
    let mut tags: Vec<String> = towns.iter().map(|t| format!("{t}議題")).collect();
    tags.push("其他議題".into());
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    let text = format!(
        "---\ntitle: 全縣會議\ndate: 2025-06-01\ndistricts: [青石縣, {}]\ntags: [{}]\n---\n正文。\n",
        towns.join(", "),
        tags.join(", ")
    );
    std::fs::write(dir.path().join("content/meeting.md"), text).unwrap();
    dir
}

#[test]
fn a_long_districts_index_keeps_the_parent_of_a_matching_town_and_tags_get_letters() {
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    let site = long_lists_site();
    let out = build(site.path());
    let server = StaticServer::start(&out);
    browser.navigate(&format!("{}districts/", server.url()));
    let shown = "(query) => { const box = document.getElementById('index-filter-input'); box.value = query; box.dispatchEvent(new Event('input')); return [[...document.querySelectorAll('.district-tree a')].filter(a => a.offsetParent !== null).map(a => a.textContent), document.querySelector('.filter-status').textContent]; }";
    for query in ["庚", "庚镇", "geng"] {
        let found = browser.eval(&format!("({shown})({})", serde_json::json!(query)));
        assert_eq!(
            found,
            serde_json::json!([["青石縣", "庚鎮"], "顯示 1 / 31"]),
            "{query}"
        );
    }
    let found = browser.eval(&format!("({shown})('')"));
    assert_eq!(found[0].as_array().unwrap().len(), 31);
    browser.navigate(&format!("{}tags/", server.url()));
    let state = browser.eval(
        "[document.querySelector('form[data-index-filter]').hidden, document.querySelectorAll('.letter-index a').length > 10]",
    );
    assert_eq!(state, serde_json::json!([false, true]));
    assert!(browser.errors().is_empty(), "{:?}", browser.errors());
}
