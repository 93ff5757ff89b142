//! Glue between the archive and the search index: turns reports and registry entities into the
//! search module's input, and its files into outputs. Runs as one render job.

use crate::archive::{Archive, Entity, EntityKind};
use crate::content::fields;
use crate::search::{self, SearchDoc, SearchEntity, SearchField};
use crate::site_file::Output;

/// The files of the search index for this archive, in the order [`write`] makes them.
pub fn outputs(archive: &Archive) -> Vec<Output> {
    let mut files = Vec::new();
    let collected: Result<_, std::convert::Infallible> = write(
        archive,
        None,
        |output| {
            files.push(output);
            Ok(())
        },
        |_| false,
    );
    let Ok(_) = collected;
    files
}

/// Hands every file of the search index to `emit` as soon as it is made (see
/// [`search::write_index`]): the index is never all in memory at once. With the `previous`
/// build's index, a few changed reports patch it: shard files it leaves as they were go to
/// `keep` instead. Returns the state the next build patches.
pub fn write<E>(
    archive: &Archive,
    previous: Option<&search::PreviousIndex>,
    mut emit: impl FnMut(Output) -> Result<(), E>,
    keep: impl FnMut(&str) -> bool,
) -> Result<search::IndexState, E> {
    // The index numbers reports oldest first (the archive lists them newest first): a report
    // added as the newest takes the next number and every other report keeps its own.
    let dates: Vec<String> = archive.reports.iter().rev().map(|r| r.date.iso()).collect();
    let urls: Vec<String> = archive.reports.iter().rev().map(|r| r.path()).collect();
    let docs: Vec<SearchDoc> = archive
        .reports
        .iter()
        .rev()
        .enumerate()
        .map(|(i, r)| SearchDoc {
            url: &urls[i],
            title: &r.title,
            date: &dates[i],
            officials: r.officials.iter().map(|a| a.name.as_str()).collect(),
            districts: r.districts.iter().map(String::as_str).collect(),
            tags: r.tags.iter().map(String::as_str).collect(),
            roles: r
                .officials
                .iter()
                .filter_map(|a| a.role.as_deref())
                .collect(),
            fields: searched_fields(r),
            text: search::DocText::lazy(&r.body),
        })
        .collect();
    crate::timings::mark("search: documents");
    let kinds = [EntityKind::Official, EntityKind::District, EntityKind::Tag];
    let entity_urls: Vec<(EntityKind, Vec<String>)> = kinds
        .into_iter()
        .map(|kind| {
            (
                kind,
                archive.entities(kind).iter().map(Entity::path).collect(),
            )
        })
        .collect();
    let mut entities: Vec<SearchEntity> = Vec::new();
    for (kind, urls) in &entity_urls {
        let search_kind = match kind {
            EntityKind::Official => search::EntityKind::Official,
            EntityKind::District => search::EntityKind::District,
            EntityKind::Tag => search::EntityKind::Tag,
        };
        for (e, url) in archive.entities(*kind).iter().zip(urls) {
            entities.push(SearchEntity {
                kind: search_kind,
                name: &e.name,
                aliases: e.aliases.iter().map(String::as_str).collect(),
                url,
                count: e.reports.len(),
            });
        }
    }
    let options = search::IndexOptions::default();
    search::write_index(
        &docs,
        &entities,
        &options,
        previous,
        |path, bytes| emit(Output { path, bytes }),
        keep,
    )
}

impl search::LazyText for crate::content::Body {
    fn text(&self) -> &str {
        crate::content::Body::text(self)
    }

    fn key(&self) -> u64 {
        crate::content::Body::key(self)
    }
}

/// The report's front matter values that the `search` column of the key table sends to search.
fn searched_fields(report: &crate::content::Report) -> Vec<SearchField<'_>> {
    fields::searched()
        .filter_map(|f| {
            let (key, value) = report.plain.iter().find(|(key, _)| *key == f.key)?;
            Some(SearchField {
                key,
                value,
                shown: f.search == fields::Search::Shown,
            })
        })
        .collect()
}
