//! Keys for the files annals writes itself from whole reports: each official's and district's
//! Atom feed, JSON Feed and calendar, the site's feeds and calendar, and the open data sets. Like
//! a page key ([`super::reuse`]), a key covers everything the file is made from, so a rebuild
//! after an edit makes again only the files of the entities the edited report names: a hash of
//! the entity (name, URL), of every entity's name and URL (what a file could link to), and of
//! each report it shows as loaded: a feed's newest [`FEED_ENTRIES`] with their bodies, a
//! calendar's every report by its front matter (an event reads no body). Site-wide files hash
//! every report instead; those that never read a body (data sets, the calendar) hash only the
//! front matter, so an edit of a report's text keeps them. Everything else these files read
//! (`site.toml`, the UI strings, the binary) is in the settings fingerprint the keys are kept
//! under.

use std::sync::OnceLock;

use rayon::prelude::*;

use super::feeds::FEED_ENTRIES;
use super::reuse::KeyWriter;
use crate::archive::{Archive, Entity, EntityKind};
use crate::content::Report;

/// Report keys and digests, made on first use (`None`: could not be made).
#[derive(Default)]
pub struct FileKeys {
    made: OnceLock<Made>,
}

struct Made {
    /// Each report's key: front matter and body.
    reports: Vec<Option<u64>>,
    /// Each report's front matter.
    front_matter: Vec<Option<u64>>,
    /// Every report's front matter, in archive order.
    front_matter_digest: Option<u64>,
    /// Every entity's kind, name and URL.
    entities: Option<u64>,
}

/// What a site-wide file is made from.
#[derive(Debug, Clone, Copy)]
pub enum SiteFile {
    /// The newest reports, this many, bodies included (the site's feeds).
    Newest(usize),
    /// Every report's front matter, not the bodies (data sets, the calendar).
    FrontMatter,
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
        let made = self.made(archive);
        let mut key = KeyWriter::default();
        key.field("file", &format!("{file:?}"));
        key.field("entity", &(&entity.name, entity.path()));
        key.card(made.entities);
        // A feed shows the newest reports only: one added or edited further back keeps it. A
        // calendar shows every report but reads no body, as the site calendar.
        let (shown, keys) = match file {
            EntityFile::AtomFeed | EntityFile::JsonFeed => (FEED_ENTRIES, &made.reports),
            EntityFile::Calendar => (entity.reports.len(), &made.front_matter),
        };
        for &report in entity.reports.iter().take(shown) {
            key.card(keys[report]);
        }
        key.finish()
    }

    /// The key of the site-wide file at `path` (`None`: the file is made).
    pub fn site(&self, archive: &Archive, path: &str, file: SiteFile) -> Option<u64> {
        let made = self.made(archive);
        let mut key = KeyWriter::default();
        key.field("file", &(path, format!("{file:?}")));
        key.card(made.entities);
        match file {
            SiteFile::Newest(count) => {
                key.field("reports", &archive.reports.len());
                made.reports.iter().take(count).for_each(|&r| key.card(r));
            }
            SiteFile::FrontMatter => key.card(made.front_matter_digest),
        }
        key.finish()
    }

    /// The key of report `i`'s front matter as loaded (file name, path and every field; not the
    /// body): what its calendar event is made from.
    pub fn front_matter(&self, archive: &Archive, i: usize) -> Option<u64> {
        self.made(archive).front_matter.get(i).copied().flatten()
    }

    /// The key of every report's front matter, in archive order.
    pub fn front_matter_keys(&self, archive: &Archive) -> Vec<Option<u64>> {
        self.made(archive).front_matter.clone()
    }

    fn made(&self, archive: &Archive) -> &Made {
        self.made.get_or_init(|| {
            let (front_matter, reports): (Vec<Option<u64>>, Vec<Option<u64>>) =
                (archive.reports.par_iter())
                    .map(|report| {
                        let front_matter = front_matter_key(report);
                        (front_matter, report_key(front_matter, report))
                    })
                    .unzip();
            let mut digest = KeyWriter::default();
            digest.field("reports", &front_matter.len());
            front_matter.iter().for_each(|&r| digest.card(r));
            Made {
                reports,
                front_matter_digest: digest.finish(),
                front_matter,
                entities: entities_digest(archive),
            }
        })
    }
}

/// Every entity's kind, name and URL, as a set: the archive lists entities by report count, and
/// an added report that moves one past another changes nothing an entity's file links to (a
/// file whose content follows that order, such as a data set, is keyed by every report's front
/// matter, which decides the order).
fn entities_digest(archive: &Archive) -> Option<u64> {
    let mut entities: Vec<(EntityKind, &str, String)> = Vec::new();
    for kind in [EntityKind::Official, EntityKind::District, EntityKind::Tag] {
        for entity in archive.entities(kind) {
            entities.push((kind, &entity.name, entity.path()));
        }
    }
    entities.sort_unstable();
    let mut key = KeyWriter::default();
    for (kind, name, path) in entities {
        key.field("entity", &(format!("{kind:?}"), name, path));
    }
    key.finish()
}

/// A hash of everything a report holds that a feed or calendar could show (its plain text and
/// headings are made from the body, which is hashed by its key).
fn report_key(front_matter: Option<u64>, report: &Report) -> Option<u64> {
    let mut key = KeyWriter::default();
    key.card(front_matter);
    key.field("body", &report.body.key());
    key.field("char_count", &report.char_count);
    key.finish()
}

/// A hash of a report's file name and front matter, as loading resolved it.
fn front_matter_key(report: &Report) -> Option<u64> {
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
    key.finish()
}
