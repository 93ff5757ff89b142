//! Full-text search that finds Chinese names, places and phrases, offline.
//!
//! The render stage hands every report ([`SearchDoc`]) and every official and district
//! ([`SearchEntity`]) to [`build_index`], which returns the files of a static index under
//! `search/data/`. The search page (`search.html` and `search/search.js` of the theme) loads them
//! with `<script>` elements, so it works from a web server and from `file://` alike.
//!
//! How a query is answered (the query script does the same, step for step):
//!
//! 1. query and reports are [`fold`]ed to one script and case (宋乐伟 finds 宋樂偉);
//! 2. reports are [`tokenize`]d into single CJK characters, overlapping bigrams with positions,
//!    and Latin/digit words; a query looks up its grams, each in one [`shard`] file;
//! 3. a query of three or more characters matches only where its bigrams line up at consecutive
//!    positions, so 宋樂 and 樂偉 in different places do not make 宋樂偉;
//! 4. very common bigrams keep only report ids ([`encode`]); reports found through them are
//!    checked against their text before they are shown;
//! 5. matches in titles, officials, districts and tags come first, then the newest;
//! 6. a term equal to a known name (a role, an official, a district) matches only where no
//!    longer known name covers it ([`whole_names`]: 市長 is not in 副市長).
//!
//! Beside the grams, a facet file lists every report's officials, districts and tags, so the
//! page can list and count reports by any combination of them, its year and month, without a
//! query.
//!
//! The file layout, limits and measured sizes are in `docs/search.md`.

mod appended_postings;
mod bundle_scripts;
mod bundles;
pub mod encode;
mod files;
mod moved_postings;
pub mod patch;
pub mod state;
pub use crate::text::fold;
mod names;
mod postings;
pub mod query;
mod renumber;
pub mod shard;
pub mod tokenize;
pub mod whole_names;

/// The Rust twin of the query script, for tests and the search benchmark (`benches/search/`).
pub mod reference;

use rayon::prelude::*;
use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64;

pub use patch::PreviousIndex;
pub use state::IndexState;

pub use files::PAGE_SIZE;

/// One report as search sees it.
#[derive(Debug, Clone)]
pub struct SearchDoc<'a> {
    /// Site-relative path of the report page, e.g. `2024/03/14/urban-renewal/`.
    pub url: &'a str,
    pub title: &'a str,
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    pub officials: Vec<&'a str>,
    pub districts: Vec<&'a str>,
    pub tags: Vec<&'a str>,
    /// The roles its officials hold in it (`市長`): known names, matched whole.
    pub roles: Vec<&'a str>,
    /// Front matter values search finds (the `search` column of `content/fields.rs`).
    pub fields: Vec<SearchField<'a>>,
    /// The body as plain text (no markup), paragraphs separated by `\n`.
    pub text: DocText<'a>,
}

/// A report's body text as search reads it: given, or made only when first read (a patched
/// index reads the text of changed reports only). Its key stands for the text in record hashes.
#[derive(Clone, Copy)]
pub struct DocText<'a>(TextSource<'a>);

#[derive(Clone, Copy)]
enum TextSource<'a> {
    Given(&'a str),
    Lazy(&'a dyn LazyText),
}

/// A text made on first read, with a hash known without making it.
pub trait LazyText: Sync {
    fn text(&self) -> &str;
    fn key(&self) -> u64;
}

impl<'a> DocText<'a> {
    pub fn lazy(text: &'a dyn LazyText) -> DocText<'a> {
        DocText(TextSource::Lazy(text))
    }

    pub fn get(&self) -> &'a str {
        match self.0 {
            TextSource::Given(text) => text,
            TextSource::Lazy(text) => text.text(),
        }
    }

    /// A hash of the text (equal texts of the same source, equal keys).
    pub fn key(&self) -> u64 {
        match self.0 {
            TextSource::Given(text) => xxh3_64(text.as_bytes()),
            TextSource::Lazy(text) => text.key(),
        }
    }
}

impl<'a> From<&'a str> for DocText<'a> {
    fn from(text: &'a str) -> DocText<'a> {
        DocText(TextSource::Given(text))
    }
}

impl std::fmt::Debug for DocText<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DocText({:016x})", self.key())
    }
}

/// A front matter value search finds like the title, and may show in results.
#[derive(Debug, Clone)]
pub struct SearchField<'a> {
    /// The front matter key, e.g. `venue`.
    pub key: &'a str,
    pub value: &'a str,
    /// Shown in each result (after the names).
    pub shown: bool,
}

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Official,
    District,
    Tag,
}

/// An official, a district or a tag: a filter of the page; officials and districts are also
/// suggested by name, pinyin or initials, and their names are matched whole.
#[derive(Debug, Clone)]
pub struct SearchEntity<'a> {
    pub kind: EntityKind,
    pub name: &'a str,
    /// Other spellings from the registry; a report listing one counts for the entity.
    pub aliases: Vec<&'a str>,
    /// Site-relative path of the entity page, e.g. `officials/lin-jingyi/`.
    pub url: &'a str,
    /// Number of reports, shown beside suggestions.
    pub count: usize,
}

/// Tuning of the index layout. [`build_index`] uses the defaults; tests shrink them.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Positions of a bigram taking more than this many bytes are dropped (ids kept).
    pub max_positional_bytes: usize,
    /// Wished size of one shard file.
    pub shard_target_bytes: usize,
    /// Upper bound on the number of shard files (a power of two is used).
    pub max_shards: usize,
    /// Wished size of one report bundle; ten bundles make the most a first page loads.
    pub bundle_target_bytes: usize,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            max_positional_bytes: 12 * 1024,
            shard_target_bytes: 6 * 1024,
            max_shards: 4096,
            bundle_target_bytes: 12 * 1024,
        }
    }
}

/// Every file of the search index: (path relative to the site root, bytes). Deterministic: the
/// same input gives byte-identical files. Paths are under `search/data/`. `docs` arrive newest
/// first.
pub fn build_index(docs: &[SearchDoc], entities: &[SearchEntity]) -> Vec<(String, Vec<u8>)> {
    build_index_with(docs, entities, &IndexOptions::default())
}

/// [`build_index`] with explicit [`IndexOptions`]; the catalogue comes first.
pub fn build_index_with(
    docs: &[SearchDoc],
    entities: &[SearchEntity],
    options: &IndexOptions,
) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let written: Result<(), std::convert::Infallible> =
        write_index_with(docs, entities, options, |path, bytes| {
            out.push((path, bytes));
            Ok(())
        });
    let Ok(()) = written;
    // The catalogue is written last (it names every other file's version).
    if let Some(catalogue) = out.pop() {
        out.insert(0, catalogue);
    }
    out
}

/// Hands every file of the index to `emit` as soon as it is made, and frees it: report bundles,
/// then shards, then the facet file, and last the catalogue (`search/data/meta.js`), which
/// holds a fingerprint of all the others. The index's files are never all in memory at once
/// (at 200,000 reports the bundles alone hold 800 MB of text). Stops at the first error of
/// `emit`.
pub fn write_index_with<E>(
    docs: &[SearchDoc],
    entities: &[SearchEntity],
    options: &IndexOptions,
    emit: impl FnMut(String, Vec<u8>) -> Result<(), E>,
) -> Result<(), E> {
    write_index(docs, entities, options, None, emit, |_| false).map(|_| ())
}

/// [`write_index_with`], patching the `previous` build's index when only a few reports changed
/// (see [`patch`]): the shard files a patch leaves as they were are not made, but handed to
/// `keep` (which says whether the previous file is still there; if one is not, the index is
/// built in full). Returns the state the next build patches.
pub fn write_index<E>(
    docs: &[SearchDoc],
    entities: &[SearchEntity],
    options: &IndexOptions,
    previous: Option<&PreviousIndex>,
    mut emit: impl FnMut(String, Vec<u8>) -> Result<(), E>,
    mut keep: impl FnMut(&str) -> bool,
) -> Result<IndexState, E> {
    let names = EntityNames::new(entities);
    let aliases: Vec<Vec<&str>> = docs.par_iter().map(|doc| names.aliases_in(doc)).collect();
    let known = known_names(docs, entities);
    crate::timings::mark("search: names");
    // Files are handed on with a hash of their text, for the catalogue's version.
    let mut add = |path: String, text: String| {
        let hash = xxh3_64(text.as_bytes());
        emit(path, text.into_bytes()).map(|()| hash)
    };
    let bundles = bundles::write_bundles(
        docs,
        &aliases,
        options.bundle_target_bytes,
        previous,
        &mut add,
        &mut keep,
    )?;
    crate::timings::mark("search: bundles");
    let records = bundles.record_keys;
    let shard_path = |shard: usize| format!("{}s/{shard}.js", crate::urls::SEARCH_DATA);
    let patched = previous
        .and_then(|previous| patch::patch(previous, docs, &aliases, &records, &known, options))
        .filter(|patched| {
            let kept = 0..patched.state.shard_hashes.len();
            (kept.filter(|&s| !patched.shards.contains_key(&(s as u32))))
                .all(|s| keep(&shard_path(s)))
        });
    crate::timings::mark("search: patch");
    #[cfg(test)]
    LAST_PATCHED.with(|last| last.set(patched.is_some()));
    let mut state = match patched {
        Some(patched) => {
            let mut state = patched.state;
            for (shard, text) in patched.shards {
                state.shard_hashes[shard as usize] = add(shard_path(shard as usize), text)?;
            }
            state
        }
        None => {
            let mut state = full_postings(docs, &aliases, &known, options);
            let entries = std::mem::take(&mut state.entries);
            for (shard, text) in shard::shard_scripts(entries, state.index.bits)
                .into_iter()
                .enumerate()
            {
                let hash = add(shard_path(shard), text)?;
                state.index.shard_hashes.push(hash);
            }
            state.index
        }
    };
    state.records = records;
    state.record_lens = bundles.record_lens;
    state.bundle_starts = bundles.starts;
    state.bundle_names = bundles.names;
    state.bundle_hashes = bundles.hashes;
    crate::timings::mark("search: shards");
    let facets = files::facet_script(docs, &names);
    let facets_hash = add(format!("{}facets.js", crate::urls::SEARCH_DATA), facets)?;

    // The version names every file: shards, bundles and facets by their hashes.
    let mut version = Vec::new();
    let files = (state.shard_hashes.iter()).chain(&state.bundle_hashes);
    for hash in files.chain([&facets_hash]) {
        version.extend_from_slice(&hash.to_le_bytes());
    }
    crate::timings::mark("search: facets");
    let fold_table = fold::js_table(|c| state.single_chars.contains(&c));
    let layout = files::Layout {
        version: format!("{:016x}", xxh3_64(&version)),
        shard_bits: state.bits,
        bundle_starts: state.bundle_starts.clone(),
        fold_table,
        known_names: known.names().to_vec(),
    };
    let catalogue = files::catalogue_script(layout, docs, entities);
    emit("search/data/meta.js".to_string(), catalogue.into_bytes())?;
    Ok(state)
}

#[cfg(test)]
thread_local! {
    /// Whether the last index written on this thread patched its shards (tests only).
    static LAST_PATCHED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A full build's postings: the entries of every gram, and the index state they give (shard
/// hashes left to the caller).
struct FullPostings {
    entries: Vec<shard::IndexEntry>,
    index: IndexState,
}

fn full_postings(
    docs: &[SearchDoc],
    aliases: &[Vec<&str>],
    known: &whole_names::KnownNames,
    options: &IndexOptions,
) -> FullPostings {
    // Folding a report's text is paid once: the known names are found while its grams are.
    let whole: Vec<std::sync::OnceLock<[Vec<usize>; 2]>> =
        docs.iter().map(|_| std::sync::OnceLock::new()).collect();
    let texts = |id: usize| {
        let body = fold::fold(docs[id].text.get());
        let labels = fold::fold(&labels(&docs[id], &aliases[id]));
        let _ = whole[id].set(known.whole_in_report(&body, &labels));
        (body, labels)
    };
    let mut entries = postings::build_postings(docs.len(), texts, options.max_positional_bytes);
    let whole: Vec<[Vec<usize>; 2]> = whole
        .into_iter()
        .map(|found| found.into_inner().unwrap_or_default())
        .collect();
    entries.extend(known.entries_of(&whole));
    entries.sort_unstable_by(|a, b| (a.hash, &a.key).cmp(&(b.hash, &b.key)));
    let total: usize = entries.iter().map(shard::IndexEntry::size).sum();
    let single_chars = (entries.iter())
        .filter_map(|entry| {
            let mut chars = entry.key.chars();
            chars.next().filter(|_| chars.next().is_none())
        })
        .collect();
    let reduced = (entries.iter())
        .filter(|entry| entry.reduced_from > 0)
        .map(|entry| (entry.key.clone(), entry.reduced_from))
        .collect();
    let index = IndexState {
        options: state::options_numbers(options),
        known_names: patch::known_names_hash(known),
        bits: shard::choose_bits(total, options.shard_target_bytes, options.max_shards),
        total,
        single_chars,
        reduced,
        ..IndexState::default()
    };
    FullPostings { entries, index }
}

/// The labels of a report, searched like its text and ranked first: title, officials,
/// districts, tags, the aliases of its entities and its searched fields, one a line (so no gram
/// spans two).
fn labels(doc: &SearchDoc, aliases: &[&str]) -> String {
    let mut lines = vec![doc.title];
    lines.extend(doc.officials.iter().chain(&doc.districts).chain(&doc.tags));
    lines.extend(aliases);
    lines.extend(doc.fields.iter().map(|f| f.value));
    lines.join("\n")
}

/// The names matched whole: every role the reports give, every official and district with
/// their aliases.
fn known_names(docs: &[SearchDoc], entities: &[SearchEntity]) -> whole_names::KnownNames {
    let roles = docs.iter().flat_map(|doc| doc.roles.iter().copied());
    let names = entities
        .iter()
        .filter(|entity| entity.kind != EntityKind::Tag)
        .flat_map(|entity| std::iter::once(entity.name).chain(entity.aliases.iter().copied()));
    whole_names::KnownNames::new(roles.chain(names))
}

/// Finds entities by any of their names.
pub(crate) struct EntityNames<'a> {
    entities: &'a [SearchEntity<'a>],
    by_name: HashMap<(EntityKind, &'a str), Vec<usize>>,
}

impl<'a> EntityNames<'a> {
    pub(crate) fn new(entities: &'a [SearchEntity<'a>]) -> Self {
        let mut by_name: HashMap<(EntityKind, &str), Vec<usize>> = HashMap::new();
        for (index, entity) in entities.iter().enumerate() {
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                by_name.entry((entity.kind, name)).or_default().push(index);
            }
        }
        EntityNames { entities, by_name }
    }

    /// The entities a report lists, by index, sorted, without duplicates.
    pub(crate) fn listed_in(&self, doc: &SearchDoc) -> Vec<usize> {
        let officials = doc.officials.iter().map(|n| (EntityKind::Official, *n));
        let districts = doc.districts.iter().map(|n| (EntityKind::District, *n));
        let tags = doc.tags.iter().map(|n| (EntityKind::Tag, *n));
        let mut found: Vec<usize> = officials
            .chain(districts)
            .chain(tags)
            .filter_map(|key| self.by_name.get(&key))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The spellings of a report's entities that the report itself does not list.
    fn aliases_in(&self, doc: &SearchDoc<'a>) -> Vec<&'a str> {
        let mut aliases: Vec<&str> = Vec::new();
        for index in self.listed_in(doc) {
            let entity = &self.entities[index];
            if entity.kind == EntityKind::Tag {
                continue;
            }
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                let listed = doc.officials.contains(name) || doc.districts.contains(name);
                if !listed && !aliases.contains(name) {
                    aliases.push(name);
                }
            }
        }
        aliases
    }
}

#[cfg(test)]
mod patch_tests;
#[cfg(test)]
mod query_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use reference::Index;

    pub(super) fn doc<'a>(url: &'a str, officials: Vec<&'a str>, text: &'a str) -> SearchDoc<'a> {
        SearchDoc {
            url,
            title: "會議",
            date: "2024-03-14",
            officials,
            districts: vec![],
            tags: vec![],
            roles: vec![],
            fields: vec![],
            text: text.into(),
        }
    }

    #[test]
    fn an_alias_finds_the_reports_listing_the_canonical_name() {
        let docs = [
            doc("a/", vec!["林靜怡"], "市長出席。"),
            doc("b/", vec![], "林靜儀出席。"),
            doc("c/", vec!["陳建國"], "無關。"),
        ];
        let entities = [SearchEntity {
            kind: EntityKind::Official,
            name: "林靜怡",
            aliases: vec!["林靜儀"],
            url: "officials/lin-jingyi/",
            count: 1,
        }];
        let index = Index::new(&build_index(&docs, &entities));
        assert_eq!(index.search("林靜儀").ranked, [0, 1], "labels first");
        assert_eq!(index.search("林靜怡").ranked, [0]);
    }

    #[test]
    fn files_are_under_search_data_and_the_catalogue_comes_first() {
        let docs = [doc("a/", vec![], "正文")];
        let files = build_index(&docs, &[]);
        assert_eq!(files[0].0, "search/data/meta.js");
        assert!(
            files
                .iter()
                .all(|(path, _)| path.starts_with("search/data/"))
        );
        let month = &docs[0].date[..7];
        let bundle = format!("search/data/d/{month}-0.js");
        assert!(files.iter().any(|(path, _)| *path == bundle), "{bundle}");
    }

    #[test]
    fn every_report_is_in_the_bundle_the_catalogue_names() {
        let texts: Vec<String> = (0..40)
            .map(|n| format!("第{n}次會議。{}", "正文".repeat(n)))
            .collect();
        let docs: Vec<SearchDoc> = texts.iter().map(|text| doc("a/", vec![], text)).collect();
        let options = IndexOptions {
            bundle_target_bytes: 400,
            ..IndexOptions::default()
        };
        let files = build_index_with(&docs, &[], &options);
        let bundles = files
            .iter()
            .filter(|(path, _)| path.contains("/d/"))
            .count();
        assert!(bundles > 3 && bundles < 40, "{bundles} bundles");
        let index = Index::new(&files);
        for n in 0..40 {
            assert_eq!(index.search(&format!("第{n}次")).ranked, [n], "report {n}");
        }
    }
}
