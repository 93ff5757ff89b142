//! The report bundles of a build: made, or kept from the previous build where they hold the
//! same reports.
//!
//! A bundle's bounds follow from the lengths and months of the records before it (see
//! [`bundle_scripts::Bundler`]), so the previous build's record lengths (in its state) and the
//! reports' dates give every bundle's bounds and name without making a record: only the
//! records of reports that arrived (see [`Renumbering`]) are made, and only the bundles whose
//! reports changed are written, with the records of the others copied from the previous
//! bundles. A report added mid-archive moves every newer report's id, but a bundle is named
//! for its month, not for its place or its first report, so only the bundles of that report's
//! month change. The result equals what the bundler makes.

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use xxhash_rust::xxh3::Xxh3Default;

use super::bundle_scripts::{self, Bundler, Packing, bundle_path, month_of};
use super::patch::PreviousIndex;
use super::renumber::Renumbering;
use super::{SearchDoc, files};

/// Reports whose search records are made at once (in parallel) before they are bundled.
const RECORD_BLOCK: usize = 4096;

/// What the bundles of a build leave in its state.
pub struct Bundles {
    /// A hash of each report's record inputs, its record's length, and each bundle's first
    /// report, name and hash.
    pub record_keys: Vec<u64>,
    pub record_lens: Vec<u32>,
    pub starts: Vec<u32>,
    pub names: Vec<String>,
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

/// The first report and the name of every bundle (in id order) when records have these
/// lengths and reports these dates, as the bundler packs them.
fn bundles_of(lens: &[u32], docs: &[SearchDoc], target_bytes: usize) -> (Vec<u32>, Vec<String>) {
    let mut packing = Packing::new(target_bytes);
    for (length, doc) in lens.iter().zip(docs) {
        packing.opens_bundle(*length as usize, month_of(doc.date));
    }
    (packing.starts, packing.names)
}

/// Makes (or keeps) every bundle, handing each made one to `add` (path, text) and each kept one
/// to `keep` (false: its previous file is gone, so it is made). With the `previous` build's
/// index, only the records of reports that arrived are made: the others are copied from the
/// previous bundles.
pub fn write_bundles<E>(
    docs: &[SearchDoc],
    aliases: &[Vec<&str>],
    target_bytes: usize,
    previous: Option<&PreviousIndex>,
    mut add: impl FnMut(String, String) -> Result<u64, E>,
    mut keep: impl FnMut(&str) -> bool,
) -> Result<Bundles, E> {
    let record_keys: Vec<u64> = (0..docs.len())
        .into_par_iter()
        .map(|id| record_key(&docs[id], &aliases[id]))
        .collect();
    let usable = previous.filter(|previous| {
        let state = &previous.state;
        state.record_lens.len() == state.records.len()
            && state.bundle_hashes.len() == state.bundle_starts.len()
            && state.bundle_names.len() == state.bundle_starts.len()
    });
    let renumbered = usable.and_then(|previous| {
        let renumbering = Renumbering::between(&previous.state.records, &record_keys)?;
        (renumbering.arrived.len() <= RECORD_BLOCK).then_some((previous, renumbering))
    });
    let Some((previous, renumbering)) = renumbered else {
        // Every record is made, a block of reports at a time (in parallel), and bundled as
        // they come, oldest first.
        let mut bundler = Bundler::new(target_bytes);
        let (mut hashes, mut record_lens) = (Vec::new(), vec![0; docs.len()]);
        for start in (0..docs.len()).step_by(RECORD_BLOCK) {
            let block = start..(start + RECORD_BLOCK).min(docs.len());
            let made: Vec<String> = (block.clone().into_par_iter())
                .map(|id| files::report_record(&docs[id], &aliases[id]))
                .collect();
            for (id, record) in block.zip(made) {
                record_lens[id] = record.len() as u32;
                if let Some((name, text)) = bundler.push(record, month_of(docs[id].date)) {
                    hashes.push(add(bundle_path(&name), text)?);
                }
            }
        }
        if let Some((name, text)) = bundler.finish() {
            hashes.push(add(bundle_path(&name), text)?);
        }
        return Ok(Bundles {
            record_keys,
            record_lens,
            starts: bundler.starts().to_vec(),
            names: bundler.into_names(),
            hashes,
        });
    };
    let old = &previous.state;
    let made: HashMap<u32, String> = (renumbering.arrived.par_iter())
        .map(|&id| {
            (
                id,
                files::report_record(&docs[id as usize], &aliases[id as usize]),
            )
        })
        .collect();
    let record_lens: Vec<u32> = (0..docs.len() as u32)
        .map(|id| match renumbering.old_id(id) {
            Some(old_id) => old.record_lens[old_id as usize],
            None => made[&id].len() as u32,
        })
        .collect();
    let (starts, names) = bundles_of(&record_lens, docs, target_bytes);
    let end = |starts: &[u32], bundle: usize, count: usize| {
        starts.get(bundle + 1).map_or(count, |&s| s as usize)
    };
    let mut old_bundles = OldBundles {
        previous,
        read: BTreeMap::new(),
    };
    let old_numbers: HashMap<&str, usize> = (old.bundle_names.iter().enumerate())
        .map(|(number, name)| (name.as_str(), number))
        .collect();
    let mut hashes = vec![0; starts.len()];
    for (number, name) in names.iter().enumerate() {
        let range = starts[number] as usize..end(&starts, number, docs.len());
        let path = bundle_path(name);
        // The bundle of the same name held the same reports: its script is the same.
        let untouched = old_numbers.get(name.as_str()).filter(|&&old_number| {
            let old_start = old.bundle_starts[old_number];
            let old_end = end(&old.bundle_starts, old_number, old.records.len());
            old_end - old_start as usize == range.len()
                && (range.clone()).all(|id| {
                    renumbering.old_id(id as u32) == Some(old_start + (id - range.start) as u32)
                })
        });
        if let Some(&old_number) = untouched.filter(|_| keep(&path)) {
            hashes[number] = old.bundle_hashes[old_number];
            continue;
        }
        let mut records = String::new();
        for id in range {
            if !records.is_empty() {
                records.push(',');
            }
            let copied = (renumbering.old_id(id as u32)).and_then(|old| old_bundles.record(old));
            match (copied, made.get(&(id as u32))) {
                (Some(record), _) => records.push_str(record),
                (None, Some(record)) => records.push_str(record),
                // The previous bundle is unreadable: the record is made again.
                (None, None) => records.push_str(&files::report_record(&docs[id], &aliases[id])),
            }
        }
        hashes[number] = add(path, bundle_scripts::bundle_script(name, &records))?;
    }
    Ok(Bundles {
        record_keys,
        record_lens,
        starts,
        names,
        hashes,
    })
}

/// The previous build's bundle files, read as a rebuild copies their records (in increasing
/// order of report).
struct OldBundles<'a> {
    previous: &'a PreviousIndex<'a>,
    /// Bundles read and not yet done with: number → script and the byte ranges of its records
    /// (`None`: unreadable).
    read: BTreeMap<usize, Option<OldBundle>>,
}

impl OldBundles<'_> {
    /// The record of report `old_id` of the previous build, as its bundle holds it.
    fn record(&mut self, old_id: u32) -> Option<&str> {
        let starts = &self.previous.state.bundle_starts;
        let bundle = bundle_holding(starts, old_id)?;
        // Records are asked for in increasing order: earlier bundles are done with.
        while let Some(entry) = self.read.first_entry() {
            if *entry.key() >= bundle {
                break;
            }
            entry.remove();
        }
        let previous = self.previous;
        let read = self
            .read
            .entry(bundle)
            .or_insert_with(|| read_bundle(previous, bundle));
        let (script, ranges) = read.as_ref()?;
        let range = ranges.get((old_id - starts[bundle]) as usize)?;
        Some(&script[range.clone()])
    }
}

/// The bundle (counted from the oldest) holding report `id`, given every bundle's first report.
pub(super) fn bundle_holding(starts: &[u32], id: u32) -> Option<usize> {
    starts.partition_point(|&start| start <= id).checked_sub(1)
}

/// A bundle script of the previous build, and the byte range of each record in it.
pub(super) type OldBundle = (String, Vec<Range<usize>>);

/// Bundle number `bundle` (counted from the oldest) of the previous build, if it holds what
/// the state says.
pub(super) fn read_bundle(previous: &PreviousIndex, bundle: usize) -> Option<OldBundle> {
    let starts = &previous.state.bundle_starts;
    let name = previous.state.bundle_names.get(bundle)?;
    let script = String::from_utf8((previous.read)(&bundle_path(name))?).ok()?;
    let (read_name, records) = bundle_scripts::bundle_records(&script)?;
    let end = starts
        .get(bundle + 1)
        .map_or(previous.state.records.len(), |&s| s as usize);
    if read_name != name || records.len() != end.checked_sub(starts[bundle] as usize)? {
        return None;
    }
    let base = script.as_ptr() as usize;
    let ranges = (records.iter())
        .map(|record| {
            let start = record.as_ptr() as usize - base;
            start..start + record.len()
        })
        .collect();
    Some((script, ranges))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_and_names_from_lengths_are_the_bundlers() {
        let dates: Vec<String> = (0..300)
            .map(|i| format!("2024-{:02}-01", 1 + i / 40))
            .collect();
        let records: Vec<(String, &str)> = (0..300)
            .map(|i| ("x".repeat(1 + (i * 37) % 900), month_of(&dates[i])))
            .collect();
        let (starts, bundles) = bundle_scripts::report_bundles(records.clone(), 2_000);
        let lens: Vec<u32> = records.iter().map(|r| r.0.len() as u32).collect();
        let docs: Vec<SearchDoc> = (dates.iter())
            .map(|date| SearchDoc {
                url: "a/",
                title: "t",
                date,
                officials: vec![],
                districts: vec![],
                tags: vec![],
                roles: vec![],
                fields: vec![],
                text: "x".into(),
            })
            .collect();
        let names: Vec<String> = bundles.into_iter().map(|(name, _)| name).collect();
        assert_eq!(bundles_of(&lens, &docs, 2_000), (starts, names));
    }
}
