//! Keys for the files annals writes itself from whole reports: each official's and district's
//! Atom feed, JSON Feed and calendar. Like a page key ([`super::reuse`]), a key covers everything
//! the file is made from, so a rebuild after an edit makes again only the files of the entities
//! the edited report names: a hash of the entity (name, URL), of every entity's name and URL
//! (what a file could link to), and of each of its reports as loaded (front matter and body).
//! Everything else these files read (`site.toml`, the UI strings, the binary) is in the settings
//! fingerprint the keys are kept under.

use std::sync::OnceLock;

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3Default;

use crate::archive::{Archive, Entity, EntityKind};
use crate::content::Report;

/// Report keys and the entities' digest, made on first use.
#[derive(Default)]
pub struct FileKeys {
    made: OnceLock<(Vec<u64>, u64)>,
}

/// Which file of an entity a key is for.
#[derive(Debug, Clone, Copy)]
pub enum EntityFile {
    AtomFeed,
    JsonFeed,
    Calendar,
}

impl FileKeys {
    /// The key of `file` of `entity`.
    pub fn entity(&self, archive: &Archive, file: EntityFile, entity: &Entity) -> u64 {
        let (reports, entities) = self.made.get_or_init(|| {
            let reports = archive.reports.par_iter().map(report_key).collect();
            (reports, entities_digest(archive))
        });
        let mut hasher = Xxh3Default::new();
        hasher.update(format!("{file:?}\0{}\0{}\0", entity.name, entity.path()).as_bytes());
        hasher.update(&entities.to_le_bytes());
        for &report in &entity.reports {
            hasher.update(&reports[report].to_le_bytes());
        }
        hasher.digest()
    }
}

/// Every entity's kind, name and URL.
fn entities_digest(archive: &Archive) -> u64 {
    let mut hasher = Xxh3Default::new();
    for kind in [EntityKind::Official, EntityKind::District, EntityKind::Tag] {
        for entity in archive.entities(kind) {
            hasher.update(format!("{kind:?}\0{}\0{}\n", entity.name, entity.path()).as_bytes());
        }
    }
    hasher.digest()
}

/// A hash of everything a report holds that a feed or calendar could show (its plain text and
/// headings are made from the body, which is hashed as HTML).
fn report_key(report: &Report) -> u64 {
    let mut hasher = Xxh3Default::new();
    let mut text = |value: &str| {
        hasher.update(&(value.len() as u64).to_le_bytes());
        hasher.update(value.as_bytes());
    };
    text(&report.source.to_string_lossy());
    text(&report.title);
    text(&report.date.iso());
    text(report.datetime.as_deref().unwrap_or("\u{0}none"));
    for appearance in &report.officials {
        text(&appearance.name);
        text(appearance.role.as_deref().unwrap_or("\u{0}none"));
    }
    text("\u{0}districts");
    for name in &report.districts {
        text(name);
    }
    text("\u{0}tags");
    for name in &report.tags {
        text(name);
    }
    text(&report.summary);
    text(report.source_url.as_deref().unwrap_or("\u{0}none"));
    text(&report.slug);
    text(if report.draft { "draft" } else { "published" });
    text(&report.extra.to_string());
    for (key, value) in &report.plain {
        text(key);
        text(value);
    }
    text(&report.html);
    text(&report.char_count.to_string());
    hasher.digest()
}
