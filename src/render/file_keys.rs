//! Keys for the files annals writes itself from whole reports: each official's and district's
//! Atom feed, JSON Feed and calendar. Like a page key ([`super::reuse`]), a key covers everything
//! the file is made from, so a rebuild after an edit makes again only the files of the entities
//! the edited report names: a hash of the entity (name, URL), of every entity's name and URL
//! (what a file could link to), and of each of its reports as loaded (front matter and body).
//! Everything else these files read (`site.toml`, the UI strings, the binary) is in the settings
//! fingerprint the keys are kept under.

use std::sync::OnceLock;

use rayon::prelude::*;

use super::reuse::KeyWriter;
use crate::archive::{Archive, Entity, EntityKind};
use crate::content::Report;

/// Report keys and the entities' digest, made on first use (`None`: could not be made).
#[derive(Default)]
pub struct FileKeys {
    made: OnceLock<(Vec<Option<u64>>, Option<u64>)>,
}

/// Which file of an entity a key is for.
#[derive(Debug, Clone, Copy)]
pub enum EntityFile {
    AtomFeed,
    JsonFeed,
    Calendar,
}

impl FileKeys {
    /// The key of `file` of `entity` (`None`: the file is made).
    pub fn entity(&self, archive: &Archive, file: EntityFile, entity: &Entity) -> Option<u64> {
        let (reports, entities) = self.made.get_or_init(|| {
            let reports = archive.reports.par_iter().map(report_key).collect();
            (reports, entities_digest(archive))
        });
        let mut key = KeyWriter::default();
        key.field("file", &format!("{file:?}"));
        key.field("entity", &(&entity.name, entity.path()));
        key.card(*entities);
        for &report in &entity.reports {
            key.card(reports[report]);
        }
        key.finish()
    }
}

/// Every entity's kind, name and URL.
fn entities_digest(archive: &Archive) -> Option<u64> {
    let mut key = KeyWriter::default();
    for kind in [EntityKind::Official, EntityKind::District, EntityKind::Tag] {
        for entity in archive.entities(kind) {
            key.field(
                "entity",
                &(format!("{kind:?}"), &entity.name, entity.path()),
            );
        }
    }
    key.finish()
}

/// A hash of everything a report holds that a feed or calendar could show (its plain text and
/// headings are made from the body, which is hashed as HTML).
fn report_key(report: &Report) -> Option<u64> {
    let mut key = KeyWriter::default();
    key.field("source", &report.source);
    key.field("title", &report.title);
    key.field("date", &report.date);
    key.field("datetime", &report.datetime);
    let officials: Vec<(&str, Option<&str>)> = (report.officials.iter())
        .map(|a| (a.name.as_str(), a.role.as_deref()))
        .collect();
    key.field("officials", &officials);
    key.field("districts", &report.districts);
    key.field("tags", &report.tags);
    key.field("summary", &report.summary);
    key.field("source_url", &report.source_url);
    key.field("slug", &report.slug);
    key.field("draft", &report.draft);
    key.field("extra", &report.extra);
    key.field("plain", &report.plain);
    key.field("body", &report.body.key());
    key.field("char_count", &report.char_count);
    key.finish()
}
