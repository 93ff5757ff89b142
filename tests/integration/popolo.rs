//! `data/popolo.json` of the basic fixture, checked field by field against the Popolo
//! specification (<https://www.popoloproject.com/specs/>): persons, organizations, memberships
//! and areas with the spec's field names and types, ids that references resolve to, dates in
//! the spec's `YYYY(-MM(-DD))` form, and each person's memberships equal to the roles-over-time
//! table of the official's page (read with an HTML parser).

use crate::support::{build, read, site_copy};
use serde_json::Value;
use std::collections::BTreeSet;

/// The spec's date pattern: `^[0-9]{4}((-[0-9]{2}){0,2})$`.
fn is_popolo_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    !parts.is_empty()
        && parts.len() <= 3
        && digits(parts[0], 4)
        && parts[1..].iter().all(|p| digits(p, 2))
}

fn strings(v: &Value, key: &str) -> BTreeSet<String> {
    (v.as_array().unwrap().iter())
        .map(|o| o[key].as_str().unwrap().to_string())
        .collect()
}

/// Checks the fields every Popolo object of a kind may have: the required ones are there and
/// every field present is one the spec defines, with its type.
fn check_fields(objects: &Value, required: &[&str], allowed: &[&str]) {
    for object in objects.as_array().unwrap() {
        let map = object.as_object().unwrap();
        for key in required {
            assert!(map.contains_key(*key), "`{key}` missing from {object}");
        }
        for (key, value) in map {
            assert!(
                allowed.contains(&key.as_str()),
                "`{key}` is not a Popolo field"
            );
            match key.as_str() {
                "other_names" => assert!(
                    value
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(|n| n["name"].is_string())
                ),
                "links" => assert!(
                    value
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(|l| l["url"].is_string())
                ),
                _ => assert!(value.is_string(), "`{key}` is a string"),
            }
        }
    }
}

/// The roles table of an official's page: (role, from, to) per row.
fn page_roles(html: &str) -> Vec<(String, String, String)> {
    let doc = scraper::Html::parse_document(html);
    let rows = scraper::Selector::parse("table.roles tbody tr:not(.without-role)").unwrap();
    let cell = scraper::Selector::parse("td").unwrap();
    let time = scraper::Selector::parse("time").unwrap();
    doc.select(&rows)
        .map(|row| {
            let cells: Vec<_> = row.select(&cell).collect();
            let date = |i: usize| {
                let t = cells[i].select(&time).next().unwrap();
                t.value().attr("datetime").unwrap().to_string()
            };
            (cells[0].text().collect(), date(1), date(2))
        })
        .collect()
}

#[test]
fn popolo_follows_the_spec_and_reproduces_roles_over_time() {
    let site = site_copy("basic");
    let out = build(site.path());
    let popolo: Value = serde_json::from_str(&read(&out, "data/popolo.json")).unwrap();
    assert_eq!(popolo["schema_version"], 1);
    let person_fields = ["id", "name", "other_names", "summary", "links"];
    check_fields(&popolo["persons"], &["id", "name"], &person_fields);
    let organization_fields = ["id", "name", "classification", "links"];
    check_fields(
        &popolo["organizations"],
        &["id", "name"],
        &organization_fields,
    );
    let membership_fields = [
        "id",
        "person_id",
        "organization_id",
        "role",
        "label",
        "start_date",
        "end_date",
    ];
    check_fields(
        &popolo["memberships"],
        &membership_fields,
        &membership_fields,
    );
    let area_fields = ["id", "name", "other_names", "parent_id", "links"];
    check_fields(&popolo["areas"], &["id", "name"], &area_fields);

    let persons = strings(&popolo["persons"], "id");
    let organizations = strings(&popolo["organizations"], "id");
    let areas = strings(&popolo["areas"], "id");
    let memberships = popolo["memberships"].as_array().unwrap();
    assert_eq!(
        strings(&popolo["memberships"], "id").len(),
        memberships.len(),
        "unique ids"
    );
    for m in memberships {
        assert!(persons.contains(m["person_id"].as_str().unwrap()));
        assert!(organizations.contains(m["organization_id"].as_str().unwrap()));
        let (start, end) = (
            m["start_date"].as_str().unwrap(),
            m["end_date"].as_str().unwrap(),
        );
        assert!(is_popolo_date(start) && is_popolo_date(end) && start <= end);
    }
    for area in popolo["areas"].as_array().unwrap() {
        if let Some(parent) = area["parent_id"].as_str() {
            assert!(areas.contains(parent), "{parent} is an area");
        }
    }
    let zone = (popolo["areas"].as_array().unwrap().iter())
        .find(|a| a["id"] == "area/hi-tech-zone")
        .unwrap();
    assert_eq!(zone["other_names"][0]["name"], "高新區");
    let parent = zone["parent_id"].as_str().unwrap();
    let city = (popolo["areas"].as_array().unwrap().iter()).find(|a| a["id"] == parent);
    assert_eq!(city.unwrap()["name"], "臨江市");

    for person in popolo["persons"].as_array().unwrap() {
        let page = person["links"][0]["url"].as_str().unwrap();
        let path = page.strip_prefix("https://example.org/archive/").unwrap();
        let roles: Vec<(String, String, String)> = (memberships.iter())
            .filter(|m| m["person_id"] == person["id"])
            .map(|m| {
                let text = |k: &str| m[k].as_str().unwrap().to_string();
                (text("role"), text("start_date"), text("end_date"))
            })
            .collect();
        let shown = page_roles(&read(&out, &format!("{path}index.html")));
        assert!(!shown.is_empty(), "{path} shows roles");
        assert_eq!(roles, shown, "{path}");
    }
    let lin = &popolo["persons"][1];
    assert_eq!(lin["other_names"][0]["name"], "林靜儀");
    assert_eq!(lin["summary"], "臨江市市長。");
}

#[test]
fn popolo_dates_follow_the_spec_pattern() {
    assert!(is_popolo_date("2024-03-14") && is_popolo_date("2024") && is_popolo_date("2024-03"));
    assert!(!is_popolo_date("2024-3-14") && !is_popolo_date("20240314") && !is_popolo_date(""));
}
