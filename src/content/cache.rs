//! The parsed-report cache: what loading made of every report file, kept by `annals build` in
//! the output folder ([`REPORTS_CACHE_FILE`]) so the next build parses only the files that
//! changed.
//!
//! An entry holds a report's front matter as loading resolved it (canonical names, slug, summary,
//! headings, character count) and its body's key, but not the body: a report taken from the
//! cache renders its body only when something reads it ([`super::body`]). An entry is used only
//! for the same file (path and a hash of its bytes) under the same settings (the fingerprint of
//! site.toml, theme and binary that page keys are made under, which covers every option loading
//! reads). Files that had problems are never cached: they are parsed, and reported, every time.

use super::body::{Body, OnDemand};
use super::markdown::{BodyOptions, Heading};
use super::{Appearance, Date, Report};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The bookkeeping file in the output folder holding the parsed reports of the last build.
pub const REPORTS_CACHE_FILE: &str = ".annals-reports";

/// Bumped when an entry's meaning changes.
const FORMAT: u32 = 3;

/// The cache of one build: one entry per report file parsed without a problem, and the related
/// reports the archive computed from them.
#[derive(Debug, Default)]
pub struct ReportCache {
    entries: Vec<Entry>,
    related: Option<KnownRelated>,
    /// The key of each report's calendar event, in archive order, when the site calendar was
    /// made (see `render::open_data::calendar::PreviousEvents`).
    event_keys: Option<Vec<Option<u64>>>,
}

/// The file: the format, the settings fingerprint, then the entries.
#[derive(Serialize)]
struct FileOut<'a> {
    format: u32,
    settings: &'a str,
    entries: &'a [Entry],
    related: Option<&'a KnownRelated>,
    event_keys: Option<&'a [Option<u64>]>,
}

#[derive(Deserialize)]
struct FileIn {
    format: u32,
    settings: String,
    entries: Vec<Entry>,
    related: Option<KnownRelated>,
    event_keys: Option<Vec<Option<u64>>>,
}

/// The related reports the archive computed from these reports, a hash of what it computed
/// them from, and what each report was ranked by (see `archive::related`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct KnownRelated {
    pub inputs: u64,
    pub related: Vec<Vec<u32>>,
    /// Each report's place and entities, in archive order.
    pub reports: Vec<RankedReport>,
}

/// What a report's place in the archive and its entities were when it was ranked: a hash of
/// its date, time and slug, and a hash of each of its entities (kind and name), sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankedReport {
    pub place: u64,
    pub entities: Vec<u64>,
}

/// One report file as loading left it, without its body.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    source: String,
    file_hash: u64,
    title: String,
    date: (i32, u8, u8),
    datetime: Option<String>,
    officials: Vec<(String, Option<String>)>,
    districts: Vec<String>,
    tags: Vec<String>,
    summary: String,
    source_url: Option<String>,
    slug: String,
    draft: bool,
    /// The `extra` table as JSON (the cache's encoding cannot hold an arbitrary value).
    extra: String,
    plain: Vec<(String, String)>,
    headings: Vec<(u8, String, String)>,
    char_count: u64,
    body_key: u64,
    has_code: bool,
}

/// One report's entry, made where the report was loaded (in parallel) and added in archive
/// order with [`ReportCache::push`].
pub struct CacheEntry(Entry);

impl CacheEntry {
    /// The entry of a report loaded from a file with hash `file_hash`.
    pub fn of(report: &Report, file_hash: u64) -> CacheEntry {
        CacheEntry(Entry::of(report, file_hash))
    }
}

/// A hash of a report file's bytes.
pub fn file_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

impl ReportCache {
    /// Reads what [`ReportCache::to_bytes`] wrote, if it was made under `settings`.
    pub fn from_bytes(bytes: &[u8], settings: &str) -> Option<ReportCache> {
        use bincode::Options;
        // Limited to the file's size: a damaged length cannot ask for more memory than that.
        let options = bincode::DefaultOptions::new().with_limit(bytes.len() as u64);
        let file: FileIn = options.deserialize(bytes).ok()?;
        (file.format == FORMAT && file.settings == settings).then_some(ReportCache {
            entries: file.entries,
            related: file.related,
            event_keys: file.event_keys,
        })
    }

    /// The file's bytes, for a build made under `settings`.
    pub fn to_bytes(&self, settings: &str) -> Vec<u8> {
        let file = FileOut {
            format: FORMAT,
            settings,
            entries: &self.entries,
            related: self.related.as_ref(),
            event_keys: self.event_keys.as_deref(),
        };
        use bincode::Options;
        (bincode::DefaultOptions::new().serialize(&file)).expect("a report cache always serialises")
    }

    /// Adds an entry made beforehand (by [`CacheEntry::of`], on the thread that loaded it).
    pub fn push(&mut self, entry: CacheEntry) {
        self.entries.push(entry.0);
    }

    /// Room for `more` entries.
    pub fn reserve(&mut self, more: usize) {
        self.entries.reserve(more);
    }

    /// The related reports of the build that made this cache.
    pub fn related(&self) -> Option<&KnownRelated> {
        self.related.as_ref()
    }

    /// Keeps the related reports of this build's archive for the next build.
    pub fn set_related(&mut self, related: KnownRelated) {
        self.related = Some(related);
    }

    /// Keeps the key of each report's calendar event of this build for the next build.
    pub fn set_event_keys(&mut self, keys: Option<Vec<Option<u64>>>) {
        self.event_keys = keys;
    }

    /// Takes the key of each report's calendar event of the build that made this cache.
    pub fn take_event_keys(&mut self) -> Option<Vec<Option<u64>>> {
        self.event_keys.take()
    }

    /// The entries by source path, for looking files up while loading.
    pub fn index(&self) -> HashMap<&str, usize> {
        (self.entries.iter().enumerate())
            .map(|(i, e)| (e.source.as_str(), i))
            .collect()
    }

    /// The report of entry `at` if its file still has `file_hash`; its body is rendered from
    /// `root`/its source when first read.
    pub fn report(
        &self,
        at: usize,
        file_hash: u64,
        root: &Path,
        options: BodyOptions,
    ) -> Option<Report> {
        let entry = self.entries.get(at)?;
        (entry.file_hash == file_hash).then(|| entry.report(root, options))?
    }

    /// As [`ReportCache::report`], with the entry itself for the next build's cache (what
    /// [`CacheEntry::of`] would make of the report, without taking it apart again).
    pub fn report_and_entry(
        &self,
        at: usize,
        file_hash: u64,
        root: &Path,
        options: BodyOptions,
    ) -> Option<(Report, CacheEntry)> {
        let report = self.report(at, file_hash, root, options)?;
        Some((report, CacheEntry(self.entries[at].clone())))
    }
}

impl Entry {
    fn of(r: &Report, file_hash: u64) -> Entry {
        Entry {
            source: r.source.to_string_lossy().into_owned(),
            file_hash,
            title: r.title.clone(),
            date: (r.date.year, r.date.month, r.date.day),
            datetime: r.datetime.clone(),
            officials: (r.officials.iter())
                .map(|a| (a.name.clone(), a.role.clone()))
                .collect(),
            districts: r.districts.clone(),
            tags: r.tags.clone(),
            summary: r.summary.clone(),
            source_url: r.source_url.clone(),
            slug: r.slug.clone(),
            draft: r.draft,
            extra: r.extra.to_string(),
            plain: (r.plain.iter())
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
            headings: (r.headings.iter())
                .map(|h| (h.level, h.id.clone(), h.text.clone()))
                .collect(),
            char_count: r.char_count as u64,
            body_key: r.body.key(),
            has_code: r.body.has_code(),
        }
    }

    /// The report, or `None` if the entry names a key this binary does not know.
    fn report(&self, root: &Path, options: BodyOptions) -> Option<Report> {
        let plain = (self.plain.iter())
            .map(|(key, value)| {
                let field = super::fields::plain().find(|f| f.key == key)?;
                Some((field.key, value.clone()))
            })
            .collect::<Option<Vec<_>>>()?;
        let source = PathBuf::from(&self.source);
        let on_demand = OnDemand {
            file: root.join(&source),
            options,
        };
        Some(Report {
            title: self.title.clone(),
            date: Date {
                year: self.date.0,
                month: self.date.1,
                day: self.date.2,
            },
            datetime: self.datetime.clone(),
            officials: (self.officials.iter())
                .map(|(name, role)| Appearance {
                    name: name.clone(),
                    role: role.clone(),
                })
                .collect(),
            districts: self.districts.clone(),
            tags: self.tags.clone(),
            summary: self.summary.clone(),
            source_url: self.source_url.clone(),
            slug: self.slug.clone(),
            draft: self.draft,
            extra: serde_json::from_str(&self.extra).ok()?,
            plain,
            body: Body::on_demand(self.body_key, self.has_code, on_demand),
            headings: (self.headings.iter())
                .map(|(level, id, text)| Heading {
                    level: *level,
                    id: id.clone(),
                    text: text.clone(),
                })
                .collect(),
            char_count: self.char_count as usize,
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(root: &Path) -> Report {
        let text = "---\ntitle: 防汛會議\ndate: 2024-03-14T09:30:00+08:00\nofficials:\n  - name: 林靜怡\n    role: 市長\ndistricts: [江北區]\ntags: [防汛]\nvenue: 市政府\nextra:\n  ratio: 0.1\n  list: [1, b]\n---\n\n## 部署\n\n林靜怡主持**會議**。\n";
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.md"), text).unwrap();
        let config =
            crate::config::Config::parse("title = \"x\"\nbase_url = \"https://x.example\"\n")
                .unwrap();
        let (report, problems) =
            super::super::load_bytes(text.as_bytes(), "content/a.md".into(), &config);
        assert!(problems.is_empty(), "{problems:?}");
        report.unwrap()
    }

    #[test]
    fn a_cached_report_equals_the_parsed_one_body_included() {
        let dir = tempfile::tempdir().unwrap();
        let parsed = report(dir.path());
        let mut cache = ReportCache::default();
        cache.push(CacheEntry::of(&parsed, 7));
        let bytes = cache.to_bytes("settings");
        let read = ReportCache::from_bytes(&bytes, "settings").unwrap();
        let at = read.index()["content/a.md"];
        assert!(
            read.report(at, 8, dir.path(), BodyOptions::default())
                .is_none(),
            "another file"
        );
        let cached = read
            .report(at, 7, dir.path(), BodyOptions::default())
            .unwrap();
        assert_eq!(
            format!("{:?}", Entry::of(&cached, 7)),
            format!("{:?}", Entry::of(&parsed, 7))
        );
        assert_eq!(cached.extra, parsed.extra);
        let (_, entry) =
            (read.report_and_entry(at, 7, dir.path(), BodyOptions::default())).unwrap();
        assert_eq!(
            format!("{:?}", entry.0),
            format!("{:?}", Entry::of(&cached, 7)),
            "the entry carried over is the one the report makes"
        );
        assert_eq!(cached.body.html(), parsed.body.html());
        assert_eq!(cached.body.text(), parsed.body.text());
        assert!(cached.body.html().contains("<strong>會議</strong>"));
    }

    #[test]
    fn a_cache_of_other_settings_or_damaged_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = ReportCache::default();
        cache.push(CacheEntry::of(&report(dir.path()), 7));
        let bytes = cache.to_bytes("settings");
        assert!(ReportCache::from_bytes(&bytes, "other").is_none());
        assert!(ReportCache::from_bytes(&bytes[..bytes.len() / 2], "settings").is_none());
        // The number of entries (after the format and the settings) made a huge one.
        let mut damaged = bytes.clone();
        damaged[10] = 0xfd;
        assert!(ReportCache::from_bytes(&damaged, "settings").is_none());
    }
}
