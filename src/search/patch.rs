//! Patching the previous build's index when only a few reports changed.
//!
//! A few reports leaving or arriving (see [`Renumbering`]; an edit is one report leaving and
//! arriving at the same id) change the postings of the grams of their old and of their new
//! text. When every other report keeps its id, only those postings change: the shard files
//! holding those grams are read back from the output folder, the changed reports' entries are
//! replaced in their postings, and every other shard file is kept as it is. When a report
//! arrived or left mid-archive, every newer report moved by one: every shard file is read back
//! and each posting's ids are moved (in one pass over its encoding where no changed report
//! holds the gram, see [`super::moved_postings`]), with the same changes put in. Either way,
//! tokenising the whole archive (most of an index build) is skipped. The old text of a report
//! that left comes from its record in the previous bundle, the same text the previous index was
//! made from. A body posting reduced to ids whose positions fit again (a report holding the
//! gram left) has its positions found again in the texts of the reports holding it.
//!
//! The result must be byte-identical to a full build. Where it cannot be decided from what is
//! kept — a posting that does not hold what the old record says it should, positions found
//! again that do not add up to the recorded length, a different number of shards — [`patch`]
//! gives up and the index is built from scratch.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::encode::{self, IDS_ONLY, PostingBuilder};
use super::renumber::Renumbering;
use super::shard::{self, IndexEntry, gram_hash, shard_of};
use super::state::IndexState;
use super::tokenize::{Gram, for_each_gram, is_cjk};
use super::whole_names::{KnownNames, NAME_GRAM_PREFIX};
use super::{
    IndexOptions, SearchDoc, SearchField, appended_postings, fold, moved_postings, postings,
};

/// More changed reports than this are indexed from scratch: patching is for edits.
pub const MOST_CHANGED: usize = 64;

/// The previous build's index: its state, and a reader of its files (site-relative paths).
pub struct PreviousIndex<'a> {
    pub state: IndexState,
    pub read: &'a (dyn Fn(&str) -> Option<Vec<u8>> + Sync),
}

/// The shard files a patch rewrote, and the state after it (records, bundles and shard hashes
/// still those of the previous build: the caller sets those of what it writes).
pub struct Patched {
    pub shards: BTreeMap<u32, String>,
    pub state: IndexState,
}

/// Where a gram is in one version of a report: per field (body, labels), absent, or present
/// with its positions (empty for grams indexed without positions).
type Presence = [Option<Vec<u32>>; 2];

/// Every gram of one version of a report.
type Grams = HashMap<String, Presence>;

/// The reports that left (old ids) and arrived (new ids), each with its grams.
struct Changes<'a> {
    renumbering: &'a Renumbering,
    /// This build's reports, by new id.
    docs: &'a [SearchDoc<'a>],
    left: Vec<(u32, Grams)>,
    arrived: Vec<(u32, Grams)>,
}

/// The changes in one field of one gram's posting: each report that left or arrived, with its
/// positions there (`None`: it does not hold the gram in that field; empty: it holds it, a gram
/// without positions).
struct FieldChanges<'a> {
    renumbering: &'a Renumbering,
    docs: &'a [SearchDoc<'a>],
    left: Vec<(u32, Option<&'a [u32]>)>,
    arrived: Vec<(u32, Option<&'a [u32]>)>,
}

impl FieldChanges<'_> {
    /// True when every id stays and each changed report holds the gram after the change if and
    /// only if it held it before: the posting's ids stay as they are (an ids-only posting is
    /// kept as written).
    fn same_reports(&self) -> bool {
        self.renumbering.keeps_ids()
            && self.left.len() == self.arrived.len()
            && (self.left.iter().zip(&self.arrived))
                .all(|(l, a)| l.0 == a.0 && l.1.is_some() == a.1.is_some())
    }

    /// True when no report that left or arrived holds the gram in this field.
    fn untouched(&self) -> bool {
        (self.left.iter().chain(&self.arrived)).all(|(_, positions)| positions.is_none())
    }

    /// Positions of the reports that arrived holding the gram.
    fn added(&self) -> impl Iterator<Item = (u32, &[u32])> {
        (self.arrived.iter()).filter_map(|(id, after)| after.map(|positions| (*id, positions)))
    }
}

/// The index of `docs` (with `aliases` and record hashes `records`) made by patching
/// `previous`, or `None` when only a full build gives the right files.
pub fn patch(
    previous: &PreviousIndex,
    docs: &[SearchDoc],
    aliases: &[Vec<&str>],
    records: &[u64],
    known: &KnownNames,
    options: &IndexOptions,
) -> Option<Patched> {
    let old = &previous.state;
    let same_shape = old.options == super::state::options_numbers(options)
        && old.known_names == known_names_hash(known)
        && old.records.len() == old.record_lens.len()
        && old.shard_hashes.len() == 1 << old.bits;
    if !same_shape {
        return None;
    }
    let renumbering = Renumbering::between(&old.records, records)?;
    if renumbering.changes() > MOST_CHANGED {
        return None;
    }
    // Each changed report's grams before and after.
    let left = (renumbering.left.iter())
        .map(|&id| {
            let before = old_record(previous, id)?;
            Some((id, grams_of(&before.x, &before.labels(), known)))
        })
        .collect::<Option<Vec<_>>>()?;
    let arrived = (renumbering.arrived.iter())
        .map(|&id| {
            let doc = &docs[id as usize];
            let labels = super::labels(doc, &aliases[id as usize]);
            (id, grams_of(doc.text.get(), &labels, known))
        })
        .collect();
    let changes = Changes {
        renumbering: &renumbering,
        docs,
        left,
        arrived,
    };
    // Ids moved: every posting changes, so every shard is patched.
    let every_entry = !renumbering.keeps_ids();
    let mut by_shard: BTreeMap<u32, BTreeSet<&str>> = BTreeMap::new();
    if every_entry {
        by_shard.extend((0..1u32 << old.bits).map(|shard| (shard, BTreeSet::new())));
    }
    // With every id kept, a gram each changed report holds exactly where it held it (a text
    // edited after it, say) keeps its posting as it is. A report added as the newest held
    // nothing before, one removed as the newest holds nothing after.
    let mut versions: BTreeMap<u32, [Option<&Grams>; 2]> = BTreeMap::new();
    for (side, reports) in [&changes.left, &changes.arrived].into_iter().enumerate() {
        for (id, grams) in reports {
            versions.entry(*id).or_default()[side] = Some(grams);
        }
    }
    let moves = |key: &str| {
        every_entry
            || (versions.values()).any(|[before, after]| {
                before.and_then(|grams| grams.get(key)) != after.and_then(|grams| grams.get(key))
            })
    };
    for (_, grams) in changes.left.iter().chain(&changes.arrived) {
        for key in grams.keys().filter(|key| moves(key)) {
            let shard = shard_of(gram_hash(key), old.bits);
            by_shard.entry(shard).or_default().insert(key);
        }
    }
    // Shards are patched in parallel: each gram lives in one shard, so their changes to the
    // state never meet.
    let patched: Vec<Option<ShardPatch>> = by_shard
        .into_par_iter()
        .map(|(shard, keys)| patch_shard(previous, shard, keys, &changes, every_entry, options))
        .collect();
    // The caller sets the records, bundles and shard hashes of what it writes.
    let mut state = old.clone();
    let mut shards = BTreeMap::new();
    for patch in patched {
        let patch = patch?;
        state.total = (state.total + patch.added).checked_sub(patch.removed)?;
        for (key, reduced) in patch.reduced {
            match reduced {
                Some(length) => state.reduced.insert(key, length),
                None => state.reduced.remove(&key),
            };
        }
        for (c, present) in patch.single_chars {
            if present {
                state.single_chars.insert(c);
            } else {
                state.single_chars.remove(&c);
            }
        }
        shards.insert(patch.shard, patch.text);
    }
    let bits = shard::choose_bits(state.total, options.shard_target_bytes, options.max_shards);
    (bits == old.bits).then_some(Patched { shards, state })
}

/// One shard file patched, and what it changes in the state.
struct ShardPatch {
    shard: u32,
    text: String,
    /// Entry sizes taken out and put in.
    removed: usize,
    added: usize,
    /// Reduced postings: new length, or `None` when no longer reduced.
    reduced: Vec<(String, Option<u32>)>,
    /// Single characters now in the index (true) or gone from it (false).
    single_chars: Vec<(char, bool)>,
}

/// Patches the entries of `keys` in one shard file (with `every_entry`, all of its entries).
fn patch_shard(
    previous: &PreviousIndex,
    shard: u32,
    keys: BTreeSet<&str>,
    changes: &Changes,
    every_entry: bool,
    options: &IndexOptions,
) -> Option<ShardPatch> {
    let path = format!("{}s/{shard}.js", crate::urls::SEARCH_DATA);
    let text = String::from_utf8((previous.read)(&path)?).ok()?;
    // Entries the patch does not touch are copied as written; touched ones are parsed.
    let (touched, kept): (Vec<shard::RawEntry>, Vec<shard::RawEntry>) =
        (shard::raw_entries(&text)?.into_iter())
            .partition(|entry| every_entry || keys.contains(entry.key));
    let mut entries: BTreeMap<String, IndexEntry> = (touched.iter())
        .map(|raw| raw.parse().map(|entry| (entry.key.clone(), entry)))
        .collect::<Option<_>>()?;
    let mut patch = ShardPatch {
        shard,
        text: String::new(),
        removed: 0,
        added: 0,
        reduced: Vec::new(),
        single_chars: Vec::new(),
    };
    let every_key: Vec<String> = match every_entry {
        true => entries.keys().cloned().collect(),
        false => Vec::new(),
    };
    let keys: BTreeSet<&str> = (keys.into_iter())
        .chain(every_key.iter().map(String::as_str))
        .collect();
    for &key in &keys {
        let (left, arrived) = (
            presences(&changes.left, key),
            presences(&changes.arrived, key),
        );
        let entry = entries.remove(key);
        patch.removed += entry.as_ref().map_or(0, IndexEntry::size);
        let reduced_from = previous.state.reduced.get(key).copied();
        let gram = GramChanges {
            renumbering: changes.renumbering,
            docs: changes.docs,
            left: &left,
            arrived: &arrived,
        };
        let (patched, reduced) = patch_entry(key, entry.as_ref(), &gram, options, reduced_from)?;
        if let Some(reduced) = reduced {
            patch.reduced.push((key.to_string(), reduced));
        }
        if is_single_char(key) {
            patch
                .single_chars
                .push((key.chars().next()?, patched.is_some()));
        }
        if let Some(patched) = patched {
            patch.added += patched.size();
            entries.insert(key.to_string(), patched);
        }
    }
    let mut entries: Vec<IndexEntry> = entries.into_values().collect();
    entries.sort_unstable_by(|a, b| (a.hash, &a.key).cmp(&(b.hash, &b.key)));
    patch.text = shard::spliced_script(shard, &kept, &entries);
    Some(patch)
}

/// The changes to one gram: the reports that left and arrived, with where each held it.
struct GramChanges<'a> {
    renumbering: &'a Renumbering,
    docs: &'a [SearchDoc<'a>],
    left: &'a [(u32, &'a Presence)],
    arrived: &'a [(u32, &'a Presence)],
}

impl<'a> GramChanges<'a> {
    /// The changes in `field` (0: body, 1: labels).
    fn field(&self, field: usize) -> FieldChanges<'a> {
        let of = |reports: &[(u32, &'a Presence)]| -> Vec<(u32, Option<&'a [u32]>)> {
            (reports.iter())
                .map(|(id, presence)| (*id, presence[field].as_deref()))
                .collect()
        };
        FieldChanges {
            renumbering: self.renumbering,
            docs: self.docs,
            left: of(self.left),
            arrived: of(self.arrived),
        }
    }
}

/// A hash of the known names, recorded in the state.
pub fn known_names_hash(known: &KnownNames) -> u64 {
    xxhash_rust::xxh3::xxh3_64(known.names().join("\n").as_bytes())
}

/// Where each of `reports` holds the gram `key`.
fn presences<'a>(reports: &'a [(u32, Grams)], key: &str) -> Vec<(u32, &'a Presence)> {
    (reports.iter())
        .map(|(id, grams)| (*id, presence(grams, key)))
        .collect()
}

fn presence<'a>(grams: &'a HashMap<String, Presence>, key: &str) -> &'a Presence {
    const ABSENT: &Presence = &[None, None];
    grams.get(key).unwrap_or(ABSENT)
}

/// Every gram of one version of a report (as the full build's tokeniser and known names see
/// it), with where it occurs.
fn grams_of(text: &str, labels: &str, known: &KnownNames) -> HashMap<String, Presence> {
    let body = fold::fold(text);
    let labels = fold::fold(labels);
    let mut grams: HashMap<String, Presence> = HashMap::new();
    for (key, field, positions) in postings::grams_of_report(&body, &labels) {
        grams.entry(key).or_default()[field] = Some(positions);
    }
    for (field, names) in known.whole_in_report(&body, &labels).iter().enumerate() {
        for &name in names {
            let key = format!("{NAME_GRAM_PREFIX}{}", known.names()[name]);
            grams.entry(key).or_default()[field] = Some(Vec::new());
        }
    }
    grams
}

/// One character, CJK or a one-letter word: the full build's rule for the state's characters.
fn is_single_char(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some() && chars.next().is_none()
}

/// Bigrams are the grams indexed with positions.
fn is_pair(key: &str) -> bool {
    let mut chars = key.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(a), Some(b), None) if is_cjk(a) && is_cjk(b))
}

/// One gram's entry with the changed reports' postings replaced and every id moved (`None`
/// when no report holds the gram any more), and the change to its body posting's reduced
/// length, if any (`reduced_from`: that length in the previous build). `None` when the patch
/// cannot be made.
fn patch_entry(
    key: &str,
    entry: Option<&IndexEntry>,
    changes: &GramChanges,
    options: &IndexOptions,
    reduced_from: Option<u32>,
) -> Option<(Option<IndexEntry>, Option<Option<u32>>)> {
    let mut postings = [String::new(), String::new()];
    let mut reduced = None;
    for (field, posting) in postings.iter_mut().enumerate() {
        let old = entry.map_or("", |e| if field == 0 { &e.body } else { &e.labels });
        let changes = changes.field(field);
        *posting = if let Some(moved) = moved_posting(key, field, old, &changes, options) {
            moved
        } else if let Some(appended) = appended_posting(key, field, old, &changes, options) {
            appended
        } else if !is_pair(key) {
            patch_ids(old, &changes)?
        } else if field == 1 {
            patch_positional(old, &changes, usize::MAX)?.0
        } else if let Some(ids) = old.strip_prefix(IDS_ONLY) {
            let (posting, length) =
                patch_reduced(key, ids, reduced_from? as usize, &changes, options)?;
            reduced = Some(length.map(|length| length as u32));
            posting
        } else {
            let (posting, length) = patch_positional(old, &changes, options.max_positional_bytes)?;
            if length > options.max_positional_bytes {
                reduced = Some(Some(length as u32));
            }
            posting
        };
    }
    let [body, labels] = postings;
    if body.is_empty() && labels.is_empty() {
        return Some((None, reduced));
    }
    let entry = IndexEntry {
        hash: gram_hash(key),
        key: key.to_string(),
        body,
        labels,
        reduced_from: 0,
    };
    Some((Some(entry), reduced))
}

/// A posting that no changed report holds, when ids moved: its ids moved in one pass (see
/// [`moved_postings`]). `None` where the general path must decide: ids kept, a changed report
/// holding the gram, a bitmap, a posting reduced to ids, positions now over the limit, or a
/// posting now shorter as a bitmap.
fn moved_posting(
    key: &str,
    field: usize,
    old: &str,
    changes: &FieldChanges,
    options: &IndexOptions,
) -> Option<String> {
    if changes.renumbering.keeps_ids() || !changes.untouched() {
        return None;
    }
    if old.is_empty() {
        return Some(String::new());
    }
    let new_id = |id| changes.renumbering.new_id(id).ok().flatten();
    if !is_pair(key) {
        if old.starts_with(encode::BITMAP) {
            return None;
        }
        let moved = moved_postings::move_delta_ids(old, new_id)?;
        let bitmap = encode::prefers_bitmap(moved.first, moved.last, moved.deltas.len());
        return (!bitmap).then_some(moved.deltas);
    }
    if old.starts_with(IDS_ONLY) {
        return None;
    }
    let moved = moved_postings::move_positional(old, new_id)?;
    (moved.len() <= positional_limit(field, options)).then_some(moved)
}

/// The most characters a positional posting of `field` may take before it is reduced to ids
/// (labels never are).
fn positional_limit(field: usize, options: &IndexOptions) -> usize {
    match field {
        0 => options.max_positional_bytes,
        _ => usize::MAX,
    }
}

/// A posting when every id stays, no report left and every report that arrived holding the gram
/// has a higher id than the posting's last (a report added as the newest): the old text, with
/// the arrivals' steps (and positions) appended (see [`appended_postings`]). `None` where the
/// general path must decide: a report left or ids moved, a bitmap, a posting reduced to ids,
/// one that was empty, an arrival before the last id, positions now over the limit, or an id
/// list now shorter as a bitmap.
fn appended_posting(
    key: &str,
    field: usize,
    old: &str,
    changes: &FieldChanges,
    options: &IndexOptions,
) -> Option<String> {
    if !changes.renumbering.keeps_ids() || !changes.left.is_empty() || old.is_empty() {
        return None;
    }
    // Bitmaps (id lists) and postings reduced to ids (positional) both start with `!`.
    if old.starts_with(encode::BITMAP) {
        return None;
    }
    let mut added = changes.added().peekable();
    if added.peek().is_none() {
        return Some(old.to_string());
    }
    #[cfg(test)]
    APPENDED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    if !is_pair(key) {
        let (first, last) = appended_postings::bounds(old, false)?;
        let ids: Vec<u32> = added.map(|(id, _)| id).collect();
        let appended = appended_postings::append_ids(old, last, ids.iter().copied())?;
        let new_last = *ids.last()?;
        let bitmap = encode::prefers_bitmap(first, new_last, appended.len());
        return (!bitmap).then_some(appended);
    }
    let (_, last) = appended_postings::bounds(old, true)?;
    let appended = appended_postings::append_positional(old, last, added)?;
    (appended.len() <= positional_limit(field, options)).then_some(appended)
}

/// How many postings [`appended_posting`] appended to (tests only; the patch runs on rayon's
/// threads).
#[cfg(test)]
pub(super) static APPENDED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The ids of `ids` moved to their new numbers, without the reports that left, plus those that
/// arrived holding the gram; `None` if `ids` does not hold exactly the reports that left
/// holding it, or holds an id the previous build did not have.
fn patched_ids(ids: Vec<u32>, changes: &FieldChanges) -> Option<Vec<u32>> {
    for (id, before) in &changes.left {
        if ids.binary_search(id).is_ok() != before.is_some() {
            return None;
        }
    }
    if changes.same_reports() {
        return Some(ids);
    }
    let mut moved = Vec::with_capacity(ids.len() + changes.arrived.len());
    for id in ids {
        moved.extend(changes.renumbering.new_id(id).ok()?);
    }
    // The few arrivals go in at their places (the moved ids are in order).
    for (id, _) in changes.added() {
        let at = moved.partition_point(|&moved| moved < id);
        moved.insert(at, id);
    }
    Some(moved)
}

/// A posting of ids only (single characters, words, whole names).
fn patch_ids(old: &str, changes: &FieldChanges) -> Option<String> {
    let ids = patched_ids(encode::decode_ids(old)?, changes)?;
    Some(if ids.is_empty() {
        String::new()
    } else if changes.same_reports() {
        old.to_string()
    } else {
        encode::encode_ids(&ids)
    })
}

/// A positional posting with every position kept: rebuilt as the full build builds it. Returns
/// the posting and the length of its positions.
fn patch_positional(old: &str, changes: &FieldChanges, limit: usize) -> Option<(String, usize)> {
    let decoded = encode::decode_positional(old)?;
    let ids: Vec<u32> = decoded.iter().map(|(id, _)| *id).collect();
    patched_ids(ids, changes)?;
    let mut reports: Vec<(u32, Vec<u32>)> = Vec::with_capacity(decoded.len() + 4);
    for (id, positions) in decoded {
        if let Some(id) = changes.renumbering.new_id(id).ok()? {
            reports.push((id, positions?));
        }
    }
    // The few arrivals go in at their places (the moved reports are in order).
    for (id, positions) in changes.added() {
        let at = reports.partition_point(|(moved, _)| *moved < id);
        reports.insert(at, (id, positions.to_vec()));
    }
    let mut builder = PostingBuilder::default();
    for (id, positions) in &reports {
        builder.add_positions(*id, positions);
    }
    if builder.is_empty() {
        return Some((String::new(), 0));
    }
    Some((builder.encode_positional(limit), builder.positional_len()))
}

/// A body posting reduced to ids (`ids`, after the marker) whose positions took `reduced_from`
/// characters: still reduced if they still would not fit, else written with its positions
/// again (see [`unreduced`]). Returns the posting and, when it is still reduced, the new length
/// of its positions.
fn patch_reduced(
    key: &str,
    ids: &str,
    reduced_from: usize,
    changes: &FieldChanges,
    options: &IndexOptions,
) -> Option<(String, Option<usize>)> {
    let before = encode::decode_ids(ids)?;
    let after = patched_ids(before.clone(), changes)?;
    if after.is_empty() {
        return Some((String::new(), None));
    }
    let added: usize = changes
        .added()
        .map(|(_, positions)| encode::positions_len(positions))
        .sum();
    let removed: usize = (changes.left.iter())
        .filter_map(|(_, before)| *before)
        .map(encode::positions_len)
        .sum();
    let length = (reduced_from + encode::id_steps_len(&after) + added)
        .checked_sub(encode::id_steps_len(&before) + removed)?;
    if length <= options.max_positional_bytes {
        return Some((unreduced(key, &after, length, changes)?, None));
    }
    let ids = match changes.same_reports() {
        true => ids.to_string(),
        false => encode::encode_ids(&after),
    };
    Some((format!("{IDS_ONLY}{ids}"), Some(length)))
}

/// The body posting of bigram `key` with every position, for a posting reduced to ids whose
/// positions fit again (a report holding the gram left, or lost text): the previous index
/// kept no positions, so they are found again in the texts of the reports holding it, which
/// every kept report has unchanged (its record hash is the same). `None` unless the positions
/// found take `length` characters, as the ids' steps and the recorded length say they must.
fn unreduced(key: &str, ids: &[u32], length: usize, changes: &FieldChanges) -> Option<String> {
    let mut pair = key.chars();
    let (first, second) = (pair.next()?, pair.next()?);
    let positions: Vec<Vec<u32>> = (ids.par_iter())
        .map(|&id| {
            let body = fold::fold(changes.docs.get(id as usize)?.text.get());
            let mut positions = Vec::new();
            for_each_gram(&body, |gram| match gram {
                Gram::Pair(a, b, position) if (a, b) == (first, second) => positions.push(position),
                _ => {}
            });
            positions.sort_unstable();
            (!positions.is_empty()).then_some(positions)
        })
        .collect::<Option<_>>()?;
    let mut builder = PostingBuilder::default();
    for (&id, positions) in ids.iter().zip(&positions) {
        builder.add_positions(id, positions);
    }
    (builder.positional_len() == length).then(|| builder.encode_positional(usize::MAX))
}

/// A report as its record in the previous build's bundle gives it.
#[derive(serde::Deserialize)]
struct OldRecord {
    t: String,
    o: Vec<String>,
    s: Vec<String>,
    g: Vec<String>,
    a: Vec<String>,
    #[serde(default)]
    f: Vec<[String; 2]>,
    x: String,
}

impl OldRecord {
    /// Its labels, as [`super::labels`] made them from the same values.
    fn labels(&self) -> String {
        fn strs(values: &[String]) -> Vec<&str> {
            values.iter().map(String::as_str).collect()
        }
        let doc = SearchDoc {
            url: "",
            title: &self.t,
            date: "",
            officials: strs(&self.o),
            districts: strs(&self.s),
            tags: strs(&self.g),
            roles: Vec::new(),
            fields: (self.f.iter())
                .map(|[key, value]| SearchField {
                    key,
                    value,
                    shown: false,
                })
                .collect(),
            text: self.x.as_str().into(),
        };
        super::labels(&doc, &strs(&self.a))
    }
}

/// The record of report `id` in the previous build's bundles.
fn old_record(previous: &PreviousIndex, id: u32) -> Option<OldRecord> {
    let bundle = super::bundles::bundle_holding(&previous.state.bundle_starts, id)?;
    let (script, ranges) = super::bundles::read_bundle(previous, bundle)?;
    let range = ranges.get((id - previous.state.bundle_starts[bundle]) as usize)?;
    serde_json::from_str(&script[range.clone()]).ok()
}
