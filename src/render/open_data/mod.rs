//! The archive as open data: the data sets under `data/` (every report, official and district
//! as JSON and CSV, [`reports`] and [`entities`]), the Popolo export ([`popolo`]), iCalendar
//! files ([`calendar`]) and JSON Feeds ([`json_feed`]).
//!
//! Everything here is written through well-kept crates (`serde_json`, `csv`, `icalendar`), never
//! by string concatenation, and is deterministic: orders come from the archive, dates from the
//! reports. JSON files carry [`SCHEMA_VERSION`] and write `<`, `>`, `&` as `\u` escapes; docs/format.md
//! documents every field.

pub mod calendar;
pub mod entities;
pub mod json_feed;
pub mod popolo;
pub mod reports;

use crate::archive::{Archive, Entity, EntityKind};
use crate::config::Config;
use crate::site_file::Output;
use serde::Serialize;
use std::collections::HashMap;

/// The version of the JSON data sets' layout: raised when a field changes meaning or goes away
/// (new fields do not raise it).
pub const SCHEMA_VERSION: u32 = 1;

/// What every JSON data set starts with.
#[derive(Serialize)]
struct Envelope<'a, T> {
    schema_version: u32,
    site: SiteInfo<'a>,
    #[serde(flatten)]
    data: T,
}

#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    url: String,
    language: &'a str,
}

/// A JSON data set file: the envelope around `data`, pretty-printed with a final newline.
fn json_output<T: Serialize>(config: &Config, path: &str, data: T) -> Output {
    let envelope = Envelope {
        schema_version: SCHEMA_VERSION,
        site: SiteInfo {
            title: &config.title,
            url: config.permalink(crate::urls::HOME),
            language: &config.language,
        },
        data,
    };
    Output {
        path: path.to_string(),
        bytes: pretty_json(&envelope),
    }
}

/// Pretty-printed JSON with a final newline, `<`, `>` and `&` escaped as in the search index
/// (see [`crate::escape::json_for_html`]): no browser that sniffs the file can find markup in it.
pub(crate) fn pretty_json<T: Serialize>(value: &T) -> Vec<u8> {
    let text = serde_json::to_string_pretty(value).expect("data sets serialise");
    let mut text = crate::escape::json_for_html_owned(text);
    text.push('\n');
    text.into_bytes()
}

/// A CSV data set file: a header row, then one row per record, RFC 4180 quoting, `\r\n` ends.
fn csv_output(path: &str, header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Output {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(header).expect("writing to memory");
    for row in rows {
        writer.write_record(&row).expect("writing to memory");
    }
    Output {
        path: path.to_string(),
        bytes: writer.into_inner().expect("writing to memory"),
    }
}

/// List items in one CSV cell.
const LIST_SEPARATOR: &str = ";";

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(LIST_SEPARATOR)
}

/// Entities by canonical name, to find a name's slug and URL (each entity's URL made once, not
/// once per report that names it).
struct Lookup<'a> {
    by_name: HashMap<(EntityKind, &'a str), (&'a Entity, String)>,
}

impl<'a> Lookup<'a> {
    fn new(archive: &'a Archive, config: &Config) -> Lookup<'a> {
        let kinds = [EntityKind::Official, EntityKind::District, EntityKind::Tag];
        let by_name = kinds
            .into_iter()
            .flat_map(|kind| archive.entities(kind).iter())
            .map(|e| ((e.kind, e.name.as_str()), (e, config.permalink(&e.path()))))
            .collect();
        Lookup { by_name }
    }

    fn get(&self, kind: EntityKind, name: &str) -> Option<&'a Entity> {
        self.by_name.get(&(kind, name)).map(|&(entity, _)| entity)
    }

    /// The entity `name` as a report names it, with `role`.
    fn named<'s>(
        &'s self,
        kind: EntityKind,
        name: &'s str,
        role: Option<&'s str>,
    ) -> Option<NamedEntity<'s>> {
        let (entity, url) = self.by_name.get(&(kind, name))?;
        Some(NamedEntity {
            name: &entity.name,
            slug: &entity.slug,
            url,
            role,
        })
    }
}

/// An official, district or tag as a report names it.
#[derive(Serialize)]
struct NamedEntity<'a> {
    name: &'a str,
    slug: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
}

/// The first and last report dates of an entity (its reports are newest first).
fn date_span(archive: &Archive, entity: &Entity) -> (Option<String>, Option<String>) {
    let date = |i: Option<&usize>| i.map(|&i| archive.reports[i].date.iso());
    (date(entity.reports.last()), date(entity.reports.first()))
}

/// Where a meeting took place: its `venue` if the report names one.
pub(crate) fn venue(report: &crate::content::Report) -> Option<&str> {
    let given = report.plain.iter().find(|(key, _)| *key == "venue");
    given.map(|(_, value)| value.as_str())
}
