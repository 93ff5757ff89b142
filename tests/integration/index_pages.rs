//! The index pages as built: officials grouped by office level and tenure with letter anchors,
//! districts nested under their `parent`, tags in pinyin order, counts with units; a district
//! page names its parents and children. `index_browser.rs` drives the filter box in Chromium.

use crate::support::{build, read, run};
use scraper::{Html, Selector};
use std::path::Path;

/// A site of officials at several levels, one of them former, and districts three deep.
pub fn index_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("site.toml"),
        "title = \"索引測試\"\nbase_url = \"https://example.org\"\nlanguage = \"zh-Hant\"\n\
         [officials.\"曾立群\"]\nslug = \"zeng-liqun\"\n\
         [officials.\"許曉梅\"]\nlevel = \"department\"\n\
         [districts.\"青石縣\"]\nslug = \"qingshi\"\n\
         [districts.\"東湖鎮\"]\nslug = \"donghu\"\nparent = \"青石縣\"\n\
         [districts.\"白沙村\"]\nslug = \"baisha\"\nparent = \"東湖鎮\"\n\
         [districts.\"雲溪鄉\"]\nslug = \"yunxi\"\nparent = \"青石縣\"\n",
    )
    .unwrap();
    let reports = [
        (
            "2025-06-01",
            "[{name: 林靜怡, role: 市長}, {name: 曾立群, role: 南岸區區長}]",
            "[東湖鎮, 白沙村]",
            "[城市更新]",
        ),
        (
            "2025-05-01",
            "[{name: 陳建國, role: 副市長}, 許曉梅]",
            "[雲溪鄉]",
            "[防汛]",
        ),
        (
            "2025-04-01",
            "[{name: 林靜怡, role: 市長}, {name: 蘇明遠, role: 區長}]",
            "[東湖鎮, 江北區]",
            "[安全生產]",
        ),
        (
            "2023-01-10",
            "[{name: 王強, role: 市長}, 周文濤]",
            "[青石縣]",
            "[防汛]",
        ),
    ];
    std::fs::create_dir_all(root.join("content")).unwrap();
    for (i, (date, officials, districts, tags)) in reports.iter().enumerate() {
        let text = format!(
            "---\ntitle: 報導{i}\ndate: {date}\nofficials: {officials}\ndistricts: {districts}\ntags: {tags}\n---\n正文。\n"
        );
        std::fs::write(root.join(format!("content/r{i}.md")), text).unwrap();
    }
    dir
}

fn page(out: &Path, path: &str) -> Html {
    Html::parse_document(&read(out, path))
}

fn texts(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

#[test]
fn officials_are_grouped_by_level_and_tenure_in_pinyin_order_with_letter_anchors() {
    let site = index_site();
    let out = build(site.path());
    let html = page(&out, "officials/index.html");
    assert_eq!(
        texts(&html, ".index-group > h2"),
        [
            "市領導 3 位官員",
            "區縣領導 2 位官員",
            "部門負責人 1 位官員",
            "其他 1 位官員"
        ]
    );
    assert_eq!(
        texts(&html, "#city .tenure h3"),
        ["現任 2 位官員", "前任 1 位官員"]
    );
    // Current city leaders in pinyin order (chen before lin), the superseded mayor as former.
    assert_eq!(
        texts(
            &html,
            "#city-current-title + nav + ul li, #city-current-title + ul li"
        ),
        ["C陳建國 副市長 1 篇報導", "L林靜怡 市長 2 篇報導"]
    );
    assert_eq!(
        texts(&html, "#city-former-title ~ ul li"),
        ["W王強 市長 1 篇報導"]
    );
    // 曾 sorts as zeng (the registry's slug); a bare 區長 is shown as written.
    assert_eq!(
        texts(&html, "#district .name-index a"),
        ["蘇明遠", "曾立群"]
    );
    assert_eq!(texts(&html, "#district .role"), ["區長", "南岸區區長"]);
    // `level` in the registry places 許曉梅, who has no role: shown as "role unknown".
    assert_eq!(texts(&html, "#department .role-unknown"), ["職務不詳"]);
    // Every letter link leads to an element of this page, the first of its letter.
    let anchors = attrs(&html, ".letter-index a", "href");
    assert_eq!(
        anchors,
        [
            "#city-current-c",
            "#city-current-l",
            "#district-current-s",
            "#district-current-z"
        ]
    );
    for anchor in &anchors {
        let found = attrs(&html, &format!("li{anchor}"), "data-filter");
        assert_eq!(found.len(), 1, "{anchor}");
    }
    assert_eq!(
        attrs(&html, "#city-current-l", "data-filter"),
        ["林靜怡 林静怡 lin-jing-yi 市長 市长"]
    );
    assert_eq!(texts(&html, "main .count-line"), ["7 位官員"]);
    assert!(texts(&html, ".index-note")[0].contains("2024年6月1日"));
    // The filter box is there for script to reveal, and the script is a file (CSP).
    assert_eq!(
        attrs(&html, "form[data-index-filter][hidden] input", "type"),
        ["search"]
    );
    assert_eq!(
        attrs(&html, "head script[src]", "src")[0],
        "../index-filter.js"
    );
    assert!(out.join("index-filter.js").is_file());
}

#[test]
fn districts_nest_under_their_parents_and_district_pages_name_both() {
    let site = index_site();
    let out = build(site.path());
    let html = page(&out, "districts/index.html");
    assert_eq!(
        texts(&html, ".district-tree > li > a"),
        ["江北區", "青石縣"]
    );
    assert_eq!(
        texts(&html, ".district-tree > li:nth-child(2) > ul > li > a"),
        ["東湖鎮", "雲溪鄉"]
    );
    assert_eq!(
        texts(
            &html,
            ".district-tree > li:nth-child(2) > ul > li > ul > li"
        ),
        ["白沙村 1 篇報導"]
    );
    assert_eq!(texts(&html, "main .count-line"), ["5 個地區"]);
    let town = page(&out, "districts/donghu/index.html");
    assert_eq!(texts(&town, ".breadcrumbs li"), ["首頁", "地區", "青石縣"]);
    assert_eq!(texts(&town, ".district-place dt"), ["所屬", "下轄"]);
    assert_eq!(
        texts(&town, ".district-place dd:first-of-type a"),
        ["青石縣"]
    );
    assert_eq!(
        texts(&town, ".district-place .related li"),
        ["白沙村 1 篇報導"]
    );
    assert_eq!(texts(&town, "main .count-line"), ["2 篇報導 · 訂閱 (Atom)"]);
}

#[test]
fn a_parent_without_reports_heads_its_districts_without_a_link() {
    let site = crate::support::site_copy("basic");
    let out = build(site.path());
    let html = page(&out, "districts/index.html");
    // The basic fixture's 臨江高新區 lies in 臨江市, which no report names.
    assert_eq!(texts(&html, ".district-tree > li > .place"), ["臨江市"]);
    assert_eq!(texts(&html, ".district-tree .place + ul a"), ["臨江高新區"]);
}

#[test]
fn tags_are_in_pinyin_order_with_units() {
    let site = index_site();
    let out = build(site.path());
    let html = page(&out, "tags/index.html");
    assert_eq!(
        texts(&html, ".name-index a"),
        ["安全生產", "城市更新", "防汛"]
    );
    assert_eq!(
        texts(&html, ".name-index .count"),
        ["1 篇報導", "1 篇報導", "2 篇報導"]
    );
    assert_eq!(texts(&html, "main .count-line"), ["3 個標籤"]);
    // A short list has neither a letter index nor a filter box.
    assert!(texts(&html, ".letter-index").is_empty());
    assert!(texts(&html, "form[data-index-filter]").is_empty());
}

#[test]
fn registry_level_and_parent_mistakes_are_reported() {
    let site = index_site();
    let toml = site.path().join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    let text = text
        .replace("level = \"department\"", "level = \"departmnet\"")
        .replace("parent = \"東湖鎮\"", "parent = \"江北區\"")
        + "[districts.\"江北區\"]\nparent = \"白沙村\"\n";
    std::fs::write(&toml, text).unwrap();
    let output = run(&["build", "--root", site.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("[officials.\"許曉梅\"] has an unknown `level` `departmnet`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `department`?"), "{stderr}");
    assert!(
        stderr
            .contains("the districts' `parent` keys go round in a loop: 江北區 → 白沙村 → 江北區"),
        "{stderr}"
    );
}
