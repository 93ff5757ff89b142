//! schema.org JSON-LD for report, official and district pages, and the `<link rel="alternate">`
//! list of every page (feeds, calendars, data sets).
//!
//! Reports are a `NewsArticle` (`datePublished`, `about` the officials as `Person`s with their
//! role as `jobTitle`, `mentions` the districts as `Place`s, `contentLocation` the venue);
//! officials a `Person` with their roles over time in the schema.org Role pattern
//! (`memberOf` → `OrganizationRole` with `roleName`, `startDate`, `endDate`); districts a
//! `Place` (`containedInPlace` its parent); each page adds its `BreadcrumbList`.
//!
//! The text goes into `<script type="application/ld+json">`, which ends at the first `</script`
//! whatever the JSON says: [`script_safe`] writes `<`, `>` and `&` as `\u003c`, `\u003e` and
//! `\u0026`, so no report text can close the element (JSON parsers read the escapes back).

use super::views::EntityPaths;
use crate::archive::Entity;
use crate::config::Config;
use crate::content::Report;
use crate::urls;
use serde::Serialize;
use serde_json::{Value, json};

/// JSON for a `<script>` element: `<`, `>`, `&` (and the line separators JavaScript once
/// rejected) as `\u` escapes.
pub fn script_safe(value: &Value) -> String {
    let text = serde_json::to_string(value).expect("JSON values serialise");
    crate::escape::json_for_html(&text)
}

/// A `BreadcrumbList` of (name, site path) items, the page itself last.
fn breadcrumbs(config: &Config, items: &[(String, String)]) -> Value {
    let items: Vec<Value> = (items.iter().enumerate())
        .map(|(n, (name, path))| {
            json!({
                "@type": "ListItem",
                "position": n + 1,
                "name": name,
                "item": config.permalink(path),
            })
        })
        .collect();
    json!({ "@type": "BreadcrumbList", "itemListElement": items })
}

fn publisher(config: &Config) -> Value {
    json!({
        "@type": "Organization",
        "name": config.title,
        "url": config.permalink(urls::HOME),
    })
}

fn graph(nodes: Vec<Value>) -> String {
    script_safe(&json!({ "@context": "https://schema.org", "@graph": nodes }))
}

fn entity_url(
    paths: &EntityPaths,
    config: &Config,
    kind: crate::archive::EntityKind,
    name: &str,
) -> Option<String> {
    paths.get(kind, name).map(|path| config.permalink(path))
}

/// The JSON-LD of a report page. `crumbs`: the page's breadcrumb trail (name, path).
pub fn report(
    paths: &EntityPaths,
    config: &Config,
    r: &Report,
    crumbs: &[(String, String)],
) -> String {
    use crate::archive::EntityKind::{District, Official};
    let url = config.permalink(&r.path());
    let people: Vec<Value> = (r.officials.iter())
        .map(|a| {
            let mut person = json!({ "@type": "Person", "name": a.name });
            if let Some(page) = entity_url(paths, config, Official, &a.name) {
                person["url"] = json!(page);
            }
            if let Some(role) = &a.role {
                person["jobTitle"] = json!(role);
            }
            person
        })
        .collect();
    let places: Vec<Value> = (r.districts.iter())
        .map(|d| {
            let url = entity_url(paths, config, District, d);
            json!({ "@type": "Place", "name": d, "url": url })
        })
        .collect();
    let mut article = json!({
        "@type": "NewsArticle",
        "@id": format!("{url}#article"),
        "headline": r.title,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": r.datetime.clone().unwrap_or_else(|| r.date.iso()),
        "inLanguage": config.language,
        "publisher": publisher(config),
        "about": people,
        "mentions": places,
    });
    if !r.summary.is_empty() {
        article["description"] = json!(r.summary);
    }
    if !r.tags.is_empty() {
        article["keywords"] = json!(r.tags);
    }
    if let Some(source) = &r.source_url {
        article["isBasedOn"] = json!(source);
    }
    if let Some(venue) = super::open_data::venue(r) {
        article["contentLocation"] = json!({ "@type": "Place", "name": venue });
    }
    graph(vec![article, breadcrumbs(config, crumbs)])
}

/// The JSON-LD of an official's page: a `Person` with roles over time.
pub fn official(config: &Config, e: &Entity, crumbs: &[(String, String)]) -> String {
    let url = config.permalink(&e.path());
    let roles: Vec<Value> = (e.roles.iter())
        .map(|span| {
            json!({
                "@type": "OrganizationRole",
                "roleName": span.role,
                "startDate": span.first.iso(),
                "endDate": span.last.iso(),
                "memberOf": publisher(config),
            })
        })
        .collect();
    let mut person = json!({
        "@type": "Person",
        "@id": format!("{url}#person"),
        "name": e.name,
        "url": url,
        "memberOf": roles,
    });
    if let Some(latest) = e.roles.first() {
        person["jobTitle"] = json!(latest.role);
    }
    add_names(&mut person, config.officials.lookup(&e.name), e);
    graph(vec![person, breadcrumbs(config, crumbs)])
}

/// The JSON-LD of a district's page: a `Place`.
pub fn district(config: &Config, e: &Entity, crumbs: &[(String, String)]) -> String {
    let url = config.permalink(&e.path());
    let entry = config.districts.lookup(&e.name);
    let mut place = json!({
        "@type": "Place",
        "@id": format!("{url}#place"),
        "name": e.name,
        "url": url,
    });
    if let Some(parent) = entry.and_then(|r| r.parent.as_deref()) {
        place["containedInPlace"] = json!({ "@type": "Place", "name": parent });
    }
    add_names(&mut place, entry, e);
    graph(vec![place, breadcrumbs(config, crumbs)])
}

fn add_names(node: &mut Value, entry: Option<&crate::config::RegistryEntry>, e: &Entity) {
    if let Some(entry) = entry.filter(|r| !r.aliases.is_empty()) {
        node["alternateName"] = json!(entry.aliases);
    }
    if let Some(description) = &e.description {
        node["description"] = json!(description);
    }
}

/// One `<link rel="alternate">` of a page.
#[derive(Serialize, Clone)]
pub struct Alternate {
    /// The media type (`application/atom+xml`, `text/calendar`…).
    #[serde(rename = "type")]
    pub media_type: &'static str,
    pub title: String,
    /// Site-relative path of the file.
    pub path: String,
}

/// The feeds and calendar beside the page at `page` (the site's at `""`), as `[outputs]` allows.
pub fn feed_alternates(config: &Config, page: &str, name: &str) -> Vec<Alternate> {
    let mut list = vec![Alternate {
        media_type: "application/atom+xml",
        title: format!("{name} (Atom)"),
        path: urls::feed_beside(page),
    }];
    if config.outputs.json_feeds {
        list.push(Alternate {
            media_type: "application/feed+json",
            title: format!("{name} (JSON Feed)"),
            path: urls::json_feed_beside(page),
        });
    }
    if config.outputs.calendars {
        list.push(Alternate {
            media_type: "text/calendar",
            title: format!("{name} (iCalendar)"),
            path: urls::calendar_beside(page),
        });
    }
    list
}

/// The data sets `[outputs]` allows, for the home page.
pub fn data_alternates(config: &Config) -> Vec<Alternate> {
    let on = &config.outputs;
    let sets = [
        (on.reports_data, urls::REPORTS_JSON),
        (on.reports_data, urls::REPORTS_CSV),
        (on.officials_data, urls::OFFICIALS_JSON),
        (on.officials_data, urls::OFFICIALS_CSV),
        (on.districts_data, urls::DISTRICTS_JSON),
        (on.districts_data, urls::DISTRICTS_CSV),
        (on.popolo, urls::POPOLO),
    ];
    (sets.into_iter())
        .filter(|(wanted, _)| *wanted)
        .map(|(_, path)| Alternate {
            media_type: if path.ends_with(".csv") {
                "text/csv"
            } else {
                "application/json"
            },
            title: path.trim_start_matches("data/").to_string(),
            path: path.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_close_its_script_element() {
        let hostile = "</script><script>alert(1)</script> & <!-- \u{2028}";
        let text = script_safe(&json!({ "headline": hostile }));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert!(!text.contains('\u{2028}'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            back["headline"], hostile,
            "JSON parsers read the escapes back"
        );
    }
}
