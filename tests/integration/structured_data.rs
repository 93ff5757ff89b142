//! The schema.org JSON-LD of report, official and district pages, expanded by the `pyld`
//! JSON-LD processor (with a local stand-in for the schema.org context: tests have no network),
//! and the `<link rel="alternate">` of pages, each pointing at a built file of its type.

use crate::support::{build, python_with, read, repo_root, run_python_checker, site_copy};
use serde_json::Value;
use std::path::Path;

const S: &str = "https://schema.org/";

/// The expanded nodes of one page's JSON-LD (its first script's `@graph`).
fn nodes<'a>(checked: &'a Value, file: &Path) -> &'a [Value] {
    let scripts = checked[file.to_str().unwrap()].as_array().unwrap();
    assert_eq!(scripts.len(), 1, "one JSON-LD script on {}", file.display());
    scripts[0].as_array().unwrap()
}

fn of_type<'a>(nodes: &'a [Value], kind: &str) -> &'a Value {
    let iri = format!("{S}{kind}");
    (nodes.iter())
        .find(|n| n["@type"].as_array().unwrap().iter().any(|t| *t == iri))
        .unwrap_or_else(|| panic!("a {kind} node"))
}

/// The first value of an expanded property.
fn value<'a>(node: &'a Value, property: &str) -> &'a Value {
    let values = &node[format!("{S}{property}")];
    let first = &values[0];
    if first.get("@value").is_some() {
        &first["@value"]
    } else if first.get("@id").is_some() && first.as_object().unwrap().len() == 1 {
        &first["@id"]
    } else {
        first
    }
}

fn breadcrumb_names(nodes: &[Value]) -> Vec<String> {
    let list = of_type(nodes, "BreadcrumbList");
    (list[format!("{S}itemListElement")]
        .as_array()
        .unwrap()
        .iter())
    .map(|item| value(item, "name").as_str().unwrap().to_string())
    .collect()
}

#[test]
fn json_ld_expands_with_a_json_ld_processor() {
    let Some(python) = python_with(&["pyld"]) else {
        return;
    };
    let site = site_copy("basic");
    let out = build(site.path());
    let report = out.join("2024/03/14/urban-renewal/index.html");
    let official = out.join("officials/chen-jian-guo/index.html");
    let district = out.join("districts/hi-tech-zone/index.html");
    let context = repo_root().join("tests/fixtures/jsonld/schema-org-context.jsonld");
    let files = [context.as_path(), &report, &official, &district];
    let checked = run_python_checker(python, "check_jsonld.py", &files);

    let page = nodes(&checked, &report);
    let article = of_type(page, "NewsArticle");
    assert_eq!(value(article, "headline"), "全市城市更新項目推進會召開");
    assert_eq!(value(article, "datePublished"), "2024-03-14");
    let about = article[format!("{S}about")].as_array().unwrap();
    let people: Vec<(&str, &str)> = (about.iter())
        .map(|p| {
            assert_eq!(p["@type"][0], format!("{S}Person"));
            let text = |k| value(p, k).as_str().unwrap();
            (text("name"), text("jobTitle"))
        })
        .collect();
    assert_eq!(people, [("林靜怡", "市長"), ("陳建國", "常務副市長")]);
    let mentions = article[format!("{S}mentions")].as_array().unwrap();
    assert_eq!(mentions[1]["@type"][0], format!("{S}Place"));
    assert_eq!(value(&mentions[1], "name"), "臨江高新區");
    assert_eq!(
        value(value(article, "contentLocation"), "name"),
        "市政府第一會議室"
    );
    assert_eq!(
        breadcrumb_names(page),
        ["首頁", "2024年", "3月", "全市城市更新項目推進會召開"]
    );

    let page = nodes(&checked, &official);
    let person = of_type(page, "Person");
    assert_eq!(value(person, "name"), "陳建國");
    assert_eq!(value(person, "jobTitle"), "常務副市長");
    let roles: Vec<(&str, &str, &str)> = (person[format!("{S}memberOf")].as_array().unwrap())
        .iter()
        .map(|r| {
            assert_eq!(r["@type"][0], format!("{S}OrganizationRole"));
            let text = |k| value(r, k).as_str().unwrap();
            (text("roleName"), text("startDate"), text("endDate"))
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("常務副市長", "2024-03-14", "2024-03-14"),
            ("副市長", "2024-01-09", "2024-01-09")
        ]
    );
    assert_eq!(breadcrumb_names(page), ["首頁", "官員", "陳建國"]);

    let page = nodes(&checked, &district);
    let place = of_type(page, "Place");
    assert_eq!(value(place, "alternateName"), "高新區");
    assert_eq!(value(value(place, "containedInPlace"), "name"), "臨江市");
}

/// (type, href) of every `<link rel="alternate">` of a page.
fn alternates(html: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_document(html);
    let links = scraper::Selector::parse(r#"link[rel="alternate"]"#).unwrap();
    (doc.select(&links))
        .map(|l| {
            let attr = |k| l.value().attr(k).unwrap().to_string();
            (attr("type"), attr("href"))
        })
        .collect()
}

#[test]
fn every_feed_calendar_and_data_set_has_an_alternate_link() {
    let site = site_copy("basic");
    let out = build(site.path());
    let home = alternates(&read(&out, "index.html"));
    let hrefs: Vec<&str> = home.iter().map(|(_, h)| h.as_str()).collect();
    assert_eq!(
        hrefs,
        [
            "./feed.xml",
            "./feed.json",
            "./calendar.ics",
            "./data/reports.json",
            "./data/reports.csv",
            "./data/officials.json",
            "./data/officials.csv",
            "./data/districts.json",
            "./data/districts.csv",
            "./data/popolo.json",
        ]
    );
    let official = alternates(&read(&out, "officials/lin-jingyi/index.html"));
    let own: Vec<(&str, &str)> = (official.iter().skip(3))
        .map(|(t, h)| (t.as_str(), h.as_str()))
        .collect();
    assert_eq!(
        own,
        [
            (
                "application/atom+xml",
                "../../officials/lin-jingyi/feed.xml"
            ),
            (
                "application/feed+json",
                "../../officials/lin-jingyi/feed.json"
            ),
            ("text/calendar", "../../officials/lin-jingyi/calendar.ics"),
        ]
    );
    for (_, href) in home.iter().chain(&official) {
        let path = href.trim_start_matches("./").trim_start_matches("../../");
        assert!(out.join(path).is_file(), "{href} is a built file");
    }
    let report = read(&out, "2024/03/14/urban-renewal/index.html");
    assert!(report.contains(r#"<meta property="og:type" content="article">"#));
    assert!(report.contains(r#"<meta property="article:published_time" content="2024-03-14">"#));
}

#[test]
fn structured_data_can_be_turned_off() {
    let site = site_copy("basic");
    let config = site.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let off = "\n[outputs]\nstructured_data = false\ncalendars = false\npopolo = false\n";
    std::fs::write(&config, format!("{text}{off}")).unwrap();
    let out = build(site.path());
    let report = read(&out, "2024/03/14/urban-renewal/index.html");
    assert!(!report.contains("application/ld+json"));
    let home = alternates(&read(&out, "index.html"));
    assert!(
        !home
            .iter()
            .any(|(_, h)| h.ends_with(".ics") || h.ends_with("popolo.json"))
    );
}
