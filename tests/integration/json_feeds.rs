//! The JSON Feeds of the basic fixture against JSON Feed 1.1's rules, read with serde_json:
//! `version`, `title` and `items` at the top; every item with a unique `id` and `content_html`
//! or `content_text`; URLs absolute; dates RFC 3339; the same entries as the Atom feed beside it.

use crate::support::{build, read, site_copy};
use serde_json::Value;

/// Checks the spec's rules for one feed and returns it.
fn checked_feed(out: &std::path::Path, path: &str) -> Value {
    let feed: Value = serde_json::from_str(&read(out, path)).unwrap();
    assert_eq!(
        feed["version"], "https://jsonfeed.org/version/1.1",
        "{path}"
    );
    assert!(feed["title"].is_string(), "{path}: title is required");
    for url in ["home_page_url", "feed_url"] {
        assert!(
            feed[url].as_str().unwrap().starts_with("https://"),
            "{path}: {url}"
        );
    }
    let items = feed["items"].as_array().expect("items is required");
    let mut ids = std::collections::BTreeSet::new();
    for item in items {
        let id = item["id"].as_str().expect("every item has a string id");
        assert!(ids.insert(id.to_string()), "{path}: ids are unique");
        assert!(
            item["content_html"].is_string() || item["content_text"].is_string(),
            "{path}: an item needs content_html or content_text"
        );
        assert!(item["url"].as_str().unwrap().starts_with("https://"));
        let date = item["date_published"].as_str().unwrap();
        let parsed = date.parse::<jiff::Timestamp>();
        assert!(parsed.is_ok(), "{path}: RFC 3339 date `{date}`");
    }
    feed
}

/// The entry ids of the Atom feed at `path`, read with roxmltree.
fn atom_ids(out: &std::path::Path, path: &str) -> Vec<String> {
    let text = read(out, path);
    let doc = roxmltree::Document::parse(&text).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|entry| {
            let id = entry.children().find(|c| c.has_tag_name("id")).unwrap();
            id.text().unwrap().to_string()
        })
        .collect()
}

#[test]
fn json_feeds_follow_the_spec_and_match_the_atom_feeds() {
    let site = site_copy("basic");
    let out = build(site.path());
    for dir in ["", "officials/lin-jingyi/", "districts/nan-an-qu/"] {
        let feed = checked_feed(&out, &format!("{dir}feed.json"));
        let ids: Vec<String> = (feed["items"].as_array().unwrap().iter())
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids, atom_ids(&out, &format!("{dir}feed.xml")), "{dir}");
        assert_eq!(
            feed["feed_url"],
            format!("https://example.org/archive/{dir}feed.json")
        );
    }
    let site_feed = checked_feed(&out, "feed.json");
    let renewal = &site_feed["items"][1];
    assert_eq!(renewal["title"], "全市城市更新項目推進會召開");
    assert_eq!(
        renewal["external_url"],
        "https://news.example.org/2024/0314"
    );
    assert_eq!(renewal["tags"][0], "林靜怡");
    assert!(
        renewal["content_html"]
            .as_str()
            .unwrap()
            .contains("<table>")
    );
    assert_eq!(
        site_feed["items"][0]["date_published"],
        "2024-03-14T09:30:00+08:00"
    );
    assert_eq!(site_feed["language"], "zh-Hant");
}

#[test]
fn json_feeds_can_be_turned_off() {
    let site = site_copy("basic");
    let config = site.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}\n[outputs]\njson_feeds = false\n")).unwrap();
    let out = build(site.path());
    assert!(!out.join("feed.json").exists());
    assert!(!out.join("officials/lin-jingyi/feed.json").exists());
    assert!(out.join("feed.xml").exists());
}
