//! The report bundles of a build: made, or kept from the previous build where neither their
//! reports nor their bounds changed.
//!
//! A bundle's bounds follow from the lengths of the records before it (see [`files::Bundler`]),
//! so the previous build's record lengths (in its state) give every bundle's bounds without
//! making a record: only the changed reports' records are made, and then only the bundles that
//! hold a changed report or whose bounds moved. The result equals what the bundler makes.

use rayon::prelude::*;
use std::collections::HashMap;
use xxhash_rust::xxh3::Xxh3Default;

use super::state::IndexState;
use super::{SearchDoc, files};

/// Reports whose search records are made at once (in parallel) before they are bundled.
const RECORD_BLOCK: usize = 4096;

/// What the bundles of a build leave in its state.
pub struct Bundles {
    /// A hash of each report's record inputs, its record's length, and each bundle's first
    /// report and hash.
    pub record_keys: Vec<u64>,
    pub record_lens: Vec<u32>,
    pub starts: Vec<u32>,
    pub hashes: Vec<u64>,
}

/// A hash of everything a report's record is made from.
pub fn record_key(doc: &SearchDoc, aliases: &[&str]) -> u64 {
    let mut hasher = Xxh3Default::new();
    // The body stands in by its key: a rebuild knows it without making the text.
    hasher.update(&doc.text.key().to_le_bytes());
    let mut text = |value: &str| {
        hasher.update(&(value.len() as u64).to_le_bytes());
        hasher.update(value.as_bytes());
    };
    for value in [doc.url, doc.title, doc.date] {
        text(value);
    }
    for list in [
        &doc.officials[..],
        &doc.districts[..],
        &doc.tags[..],
        aliases,
    ] {
        text(&list.len().to_string());
        list.iter().for_each(|value| text(value));
    }
    for field in &doc.fields {
        text(field.key);
        text(field.value);
    }
    hasher.digest()
}

/// The first report of every bundle when records have these lengths, as the bundler packs them.
fn starts_of(lens: &[u32], target_bytes: usize) -> Vec<u32> {
    let mut packing = files::Packing::new(target_bytes);
    (0..lens.len())
        .filter(|&id| packing.opens_bundle(id, lens[id] as usize))
        .map(|id| id as u32)
        .collect()
}

/// Makes (or keeps) every bundle, handing each made one to `add` (path, text) and each kept one
/// to `keep` (false: its previous file is gone, so it is made).
pub fn write_bundles<E>(
    docs: &[SearchDoc],
    aliases: &[Vec<&str>],
    target_bytes: usize,
    previous: Option<&IndexState>,
    mut add: impl FnMut(String, String) -> Result<u64, E>,
    mut keep: impl FnMut(&str) -> bool,
) -> Result<Bundles, E> {
    let record_keys: Vec<u64> = (0..docs.len())
        .into_par_iter()
        .map(|id| record_key(&docs[id], &aliases[id]))
        .collect();
    let path = |bundle: usize| format!("{}d/{bundle}.js", crate::urls::SEARCH_DATA);
    let usable = previous.filter(|state| {
        state.record_lens.len() == docs.len()
            && state.records.len() == docs.len()
            && state.bundle_hashes.len() == state.bundle_starts.len()
    });
    let Some(old) = usable else {
        // Every record is made, a block of reports at a time (in parallel), and bundled as
        // they come.
        let mut bundler = files::Bundler::new(target_bytes);
        let (mut hashes, mut record_lens) = (Vec::new(), Vec::with_capacity(docs.len()));
        for start in (0..docs.len()).step_by(RECORD_BLOCK) {
            let block = start..(start + RECORD_BLOCK).min(docs.len());
            let made: Vec<String> = block
                .into_par_iter()
                .map(|id| files::report_record(&docs[id], &aliases[id]))
                .collect();
            for record in made {
                record_lens.push(record.len() as u32);
                if let Some(text) = bundler.push(&record) {
                    hashes.push(add(path(hashes.len()), text)?);
                }
            }
        }
        if let Some(text) = bundler.finish() {
            hashes.push(add(path(hashes.len()), text)?);
        }
        return Ok(Bundles {
            record_keys,
            record_lens,
            starts: bundler.starts,
            hashes,
        });
    };
    let changed: HashMap<usize, String> = (0..docs.len())
        .into_par_iter()
        .filter(|&id| record_keys[id] != old.records[id])
        .map(|id| (id, files::report_record(&docs[id], &aliases[id])))
        .collect();
    let record_lens: Vec<u32> = (0..docs.len())
        .map(|id| {
            changed
                .get(&id)
                .map_or(old.record_lens[id], |r| r.len() as u32)
        })
        .collect();
    let starts = starts_of(&record_lens, target_bytes);
    let end =
        |starts: &[u32], bundle: usize| starts.get(bundle + 1).map_or(docs.len(), |&s| s as usize);
    let mut hashes = Vec::with_capacity(starts.len());
    for bundle in 0..starts.len() {
        let range = starts[bundle] as usize..end(&starts, bundle);
        let same_bounds = old.bundle_starts.get(bundle) == Some(&starts[bundle])
            && end(&old.bundle_starts, bundle) == range.end;
        let untouched = same_bounds && !range.clone().any(|id| changed.contains_key(&id));
        if untouched && keep(&path(bundle)) {
            hashes.push(old.bundle_hashes[bundle]);
            continue;
        }
        let records: Vec<String> = (range.clone().into_par_iter())
            .map(|id| match changed.get(&id) {
                Some(record) => record.clone(),
                None => files::report_record(&docs[id], &aliases[id]),
            })
            .collect();
        let text = files::bundle_script(range.start, &records);
        hashes.push(add(path(bundle), text)?);
    }
    Ok(Bundles {
        record_keys,
        record_lens,
        starts,
        hashes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_from_lengths_are_the_bundlers() {
        let records: Vec<String> = (0..300).map(|i| "x".repeat(1 + (i * 37) % 900)).collect();
        let (starts, _) = files::report_bundles(records.clone(), 2_000);
        let lens: Vec<u32> = records.iter().map(|r| r.len() as u32).collect();
        assert_eq!(starts_of(&lens, 2_000), starts);
    }
}
