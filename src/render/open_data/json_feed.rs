//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>) beside every Atom feed: `feed.json` of the
//! site and of each official and district, with the same entries as the Atom feed (the latest
//! [`FEED_ENTRIES`]), written with serde_json.

use crate::archive::{Archive, Entity};
use crate::config::Config;
use crate::content::Report;
use crate::render::feeds::{FEED_ENTRIES, updated};
use crate::site_file::Output;
use crate::urls;
use serde::Serialize;

/// The version URL every JSON Feed 1.1 starts with.
pub const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct Feed<'a> {
    version: &'static str,
    title: String,
    home_page_url: String,
    feed_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    language: &'a str,
    authors: [Author<'a>; 1],
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct Item<'a> {
    id: String,
    url: String,
    title: &'a str,
    content_html: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
}

fn item<'a>(report: &'a Report, config: &Config) -> Item<'a> {
    let url = config.permalink(&report.path());
    let officials = report.officials.iter().map(|a| a.name.as_str());
    let places = report
        .districts
        .iter()
        .chain(&report.tags)
        .map(String::as_str);
    Item {
        id: url.clone(),
        url,
        title: &report.title,
        content_html: report.body.html(),
        summary: &report.summary,
        date_published: updated(report),
        external_url: report.source_url.as_deref(),
        tags: officials.chain(places).collect(),
    }
}

fn feed(archive: &Archive, config: &Config, title: String, page: &str, ids: &[usize]) -> Output {
    let feed_url = urls::json_feed_beside(page);
    let feed = Feed {
        version: VERSION,
        title,
        home_page_url: config.permalink(page),
        feed_url: config.permalink(&feed_url),
        description: config.description.as_deref(),
        language: &config.language,
        authors: [Author {
            name: &config.title,
            url: config.permalink(urls::HOME),
        }],
        items: (ids.iter().take(FEED_ENTRIES))
            .map(|&i| item(&archive.reports[i], config))
            .collect(),
    };
    Output {
        path: feed_url,
        bytes: super::pretty_json(&feed),
    }
}

/// `feed.json`: the latest reports of the whole archive.
pub fn site_feed(archive: &Archive, config: &Config) -> Output {
    let ids: Vec<usize> = (0..archive.reports.len().min(FEED_ENTRIES)).collect();
    feed(archive, config, config.title.clone(), urls::HOME, &ids)
}

/// `officials/<slug>/feed.json` and `districts/<slug>/feed.json`.
pub fn entity_feed(archive: &Archive, config: &Config, entity: &Entity) -> Output {
    let title = format!("{} · {}", entity.name, config.title);
    feed(archive, config, title, &entity.path(), &entity.reports)
}
