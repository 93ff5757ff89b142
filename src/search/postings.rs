//! Building postings: for every gram of every report, the reports (and positions) it occurs in.
//!
//! This is the costly part of indexing (10,000 reports hold some 15 million gram occurrences),
//! so it is laid out for speed and bounded memory:
//!
//! - reports are read in batches; each batch is tokenised in parallel into [`ReportGrams`]:
//!   grams packed into `u64` keys, each occurrence sorted by its [`gram_hash`];
//! - the hash space is cut into 64 ranges, each with its own accumulator; for every batch the
//!   ranges are filled in parallel, each walking the batch's reports in id order and taking the
//!   slice of each report that falls in its range, so postings grow sorted by id with no locks and
//!   no global sort;
//! - at the end each range encodes its postings and sorts them by (hash, key), which is the
//!   order of shard files.

use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::encode::PostingBuilder;
use super::shard::{IndexEntry, gram_hash, gram_hash_chars};
use super::tokenize::{Gram, for_each_gram};

/// Reports tokenised at once: bounds memory to a few tens of megabytes.
const BATCH: usize = 512;
/// Hash ranges filled in parallel.
const RANGES: u64 = 64;

/// Key bits: a CJK character is its code point; a pair is `PAIR | first << 21 | second`; a word
/// is `WORD | its number`; `LABELS` marks occurrences in the labels rather than the body.
const PAIR: u64 = 1 << 42;
const WORD: u64 = 1 << 43;
const LABELS: u64 = 1 << 44;
const CHAR_MASK: u64 = (1 << 21) - 1;

/// One gram of one report.
struct Occurrence {
    key: u64,
    hash: u32,
    positions: std::ops::Range<u32>,
}

/// The grams of one report, grouped by hash range.
#[derive(Default)]
struct ReportGrams {
    occurrences: Vec<Occurrence>,
    /// Occurrences of hash range `r` are `occurrences[range_starts[r]..range_starts[r + 1]]`.
    range_starts: Vec<u32>,
    positions: Vec<u32>,
    words: Vec<String>,
}

/// Tokenises one report's folded body and labels.
fn tokenize_report(body: &str, labels: &str) -> ReportGrams {
    let mut grams = ReportGrams::default();
    let mut chars: Vec<u64> = Vec::new();
    let mut pairs: Vec<u64> = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for (field, text) in [(0, body), (LABELS, labels)] {
        chars.clear();
        pairs.clear();
        words.clear();
        // A pair and its position packed in one integer sort faster than as a tuple; a text too
        // long for the packing (over four million characters) takes the tuple path.
        let mut too_long = false;
        for_each_gram(text, |gram| match gram {
            Gram::Char(c) => chars.push(field | c as u64),
            Gram::Pair(a, b, position) => {
                too_long |= position > POSITION_MASK as u32;
                pairs.push(((a as u64) << 21 | b as u64) << POSITION_BITS | position as u64)
            }
            Gram::Word(word) => words.push(word),
        });
        chars.sort_unstable();
        chars.dedup();
        for &key in &chars {
            grams.push(key, std::iter::empty());
        }
        if too_long {
            push_long_text_pairs(&mut grams, field, text);
        } else {
            pairs.sort_unstable();
            for group in pairs.chunk_by(|a, b| a >> POSITION_BITS == b >> POSITION_BITS) {
                let key = field | PAIR | group[0] >> POSITION_BITS;
                grams.push(key, group.iter().map(|&p| (p & POSITION_MASK) as u32));
            }
        }
        words.sort_unstable();
        words.dedup();
        for word in &words {
            grams.words.push(word.to_string());
            grams.push(
                field | WORD | (grams.words.len() - 1) as u64,
                std::iter::empty(),
            );
        }
    }
    grams.group_by_range();
    grams
}

/// Bits of a pair's position in the packed form [`tokenize_report`] sorts (a pair's two
/// characters take the other 42).
const POSITION_BITS: u32 = 22;
const POSITION_MASK: u64 = (1 << POSITION_BITS) - 1;

/// The pairs of a text too long for the packed form, grouped with a sort of tuples.
fn push_long_text_pairs(grams: &mut ReportGrams, field: u64, text: &str) {
    let mut pairs: Vec<(u64, u32)> = Vec::new();
    for_each_gram(text, |gram| {
        if let Gram::Pair(a, b, position) = gram {
            pairs.push((field | PAIR | (a as u64) << 21 | b as u64, position));
        }
    });
    pairs.sort_unstable();
    for group in pairs.chunk_by(|a, b| a.0 == b.0) {
        grams.push(group[0].0, group.iter().map(|&(_, p)| p));
    }
}

impl ReportGrams {
    fn push(&mut self, key: u64, positions: impl Iterator<Item = u32>) {
        let start = self.positions.len() as u32;
        self.positions.extend(positions);
        let char_at = |shift: u32| char::from_u32(((key >> shift) & CHAR_MASK) as u32);
        let hash = match key & (PAIR | WORD) {
            WORD => gram_hash(&self.words[(key & CHAR_MASK) as usize]),
            PAIR => gram_hash_chars([char_at(21), char_at(0)].into_iter().flatten()),
            _ => gram_hash_chars(char_at(0).into_iter()),
        };
        self.occurrences.push(Occurrence {
            key,
            hash,
            positions: start..self.positions.len() as u32,
        });
    }

    /// Orders the occurrences by hash range (a counting sort: the order within a range does
    /// not matter, every range sorts its entries at the end).
    fn group_by_range(&mut self) {
        let mut starts = vec![0u32; RANGES as usize + 1];
        for occurrence in &self.occurrences {
            starts[range_of(occurrence.hash) + 1] += 1;
        }
        for r in 0..RANGES as usize {
            starts[r + 1] += starts[r];
        }
        let mut next = starts.clone();
        let mut slots: Vec<Option<Occurrence>> =
            (0..self.occurrences.len()).map(|_| None).collect();
        for occurrence in self.occurrences.drain(..) {
            let r = range_of(occurrence.hash);
            slots[next[r] as usize] = Some(occurrence);
            next[r] += 1;
        }
        self.occurrences = slots.into_iter().flatten().collect();
        self.range_starts = starts;
    }

    fn in_range(&self, r: usize) -> &[Occurrence] {
        &self.occurrences[self.range_starts[r] as usize..self.range_starts[r + 1] as usize]
    }
}

/// The hash range of a hash: its top bits.
fn range_of(hash: u32) -> usize {
    ((u64::from(hash) * RANGES) >> 32) as usize
}

/// The text of a packed key (`words` resolves word numbers).
fn key_text(key: u64, words: &[Box<str>]) -> String {
    if key & WORD != 0 {
        return words[(key & CHAR_MASK) as usize].to_string();
    }
    let second = char::from_u32((key & CHAR_MASK) as u32).unwrap_or('\u{FFFD}');
    if key & PAIR != 0 {
        let first = char::from_u32(((key >> 21) & CHAR_MASK) as u32).unwrap_or('\u{FFFD}');
        [first, second].iter().collect()
    } else {
        second.to_string()
    }
}

/// A cheap mixing hasher for packed keys (the default SipHash dominates the build otherwise).
#[derive(Default)]
pub(super) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte) ^ self.0.rotate_left(8));
        }
    }
    fn write_u32(&mut self, key: u32) {
        self.write_u64(u64::from(key));
    }
    fn write_u64(&mut self, key: u64) {
        let mixed = (key ^ (key >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        self.0 = mixed ^ (mixed >> 32);
    }
}

/// The postings of one hash range.
#[derive(Default)]
struct RangePostings {
    grams: HashMap<u64, (u32, [PostingBuilder; 2]), BuildHasherDefault<KeyHasher>>,
    word_numbers: HashMap<Box<str>, u64>,
    words: Vec<Box<str>>,
}

impl RangePostings {
    fn add(&mut self, id: u32, report: &ReportGrams, occurrence: &Occurrence) {
        let field = usize::from(occurrence.key & LABELS != 0);
        let mut key = occurrence.key & !LABELS;
        if key & WORD != 0 {
            key = self.word_number(&report.words[(key & CHAR_MASK) as usize]);
        }
        let (_, builders) = self
            .grams
            .entry(key)
            .or_insert_with(|| (occurrence.hash, Default::default()));
        if key & PAIR != 0 {
            let range = occurrence.positions.start as usize..occurrence.positions.end as usize;
            builders[field].add_positions(id, &report.positions[range]);
        } else {
            builders[field].add_id(id);
        }
    }

    /// The number of a word in this range (words are keyed by number, like CJK grams).
    fn word_number(&mut self, word: &str) -> u64 {
        if let Some(&number) = self.word_numbers.get(word) {
            return number;
        }
        let number = WORD | self.words.len() as u64;
        self.words.push(word.into());
        self.word_numbers.insert(word.into(), number);
        number
    }

    fn into_entries(self, max_positional_bytes: usize) -> Vec<IndexEntry> {
        let mut entries: Vec<IndexEntry> = self
            .grams
            .into_iter()
            .map(|(key, (hash, [body, labels]))| {
                // Label postings keep all positions: they are short, and ranking needs them exact.
                let encode = |builder: &PostingBuilder, limit: usize| match () {
                    _ if builder.is_empty() => String::new(),
                    _ if key & PAIR != 0 => builder.encode_positional(limit),
                    _ => builder.encode_ids(),
                };
                let reduced = key & PAIR != 0 && body.positional_len() > max_positional_bytes;
                IndexEntry {
                    hash,
                    key: key_text(key, &self.words),
                    body: encode(&body, max_positional_bytes),
                    labels: encode(&labels, usize::MAX),
                    reduced_from: if reduced {
                        body.positional_len() as u32
                    } else {
                        0
                    },
                }
            })
            .collect();
        entries.sort_unstable_by(|a, b| (a.hash, &a.key).cmp(&(b.hash, &b.key)));
        entries
    }
}

/// The grams of one report's folded (body, labels) as `(key, field, positions)`: field 0 is the
/// body, 1 the labels; positions only for pairs (other grams are indexed without them).
pub(super) fn grams_of_report(body: &str, labels: &str) -> Vec<(String, usize, Vec<u32>)> {
    let grams = tokenize_report(body, labels);
    (grams.occurrences.iter())
        .map(|occurrence| {
            let field = usize::from(occurrence.key & LABELS != 0);
            let key = occurrence.key & !LABELS;
            let text = if key & WORD != 0 {
                grams.words[(key & CHAR_MASK) as usize].clone()
            } else {
                key_text(key, &[])
            };
            let range = occurrence.positions.start as usize..occurrence.positions.end as usize;
            (text, field, grams.positions[range].to_vec())
        })
        .collect()
}

/// The index entries of `count` reports whose folded (body, labels) `texts` gives, sorted by
/// (hash, key). Body postings with positions over `max_positional_bytes` keep only ids.
pub fn build_postings(
    count: usize,
    texts: impl Fn(usize) -> (String, String) + Sync,
    max_positional_bytes: usize,
) -> Vec<IndexEntry> {
    let mut ranges: Vec<RangePostings> = (0..RANGES).map(|_| RangePostings::default()).collect();
    for start in (0..count).step_by(BATCH) {
        let end = (start + BATCH).min(count);
        let batch: Vec<ReportGrams> = (start..end)
            .into_par_iter()
            .map(|id| {
                let (body, labels) = texts(id);
                tokenize_report(&body, &labels)
            })
            .collect();
        ranges.par_iter_mut().enumerate().for_each(|(r, postings)| {
            for (offset, report) in batch.iter().enumerate() {
                for occurrence in report.in_range(r) {
                    postings.add((start + offset) as u32, report, occurrence);
                }
            }
        });
    }
    let per_range: Vec<Vec<IndexEntry>> = ranges
        .into_par_iter()
        .map(|postings| postings.into_entries(max_positional_bytes))
        .collect();
    per_range.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::encode::{decode_ids, decode_positional};
    use crate::search::fold::fold;

    fn index(bodies: &[&str], labels: &[&str]) -> Vec<IndexEntry> {
        let texts = |id: usize| (fold(bodies[id]), fold(labels.get(id).unwrap_or(&"")));
        build_postings(bodies.len(), texts, 10_000)
    }

    #[test]
    fn postings_list_every_report_with_positions() {
        let entries = index(&["宋樂偉到睢寧縣", "宋乐伟", "睢寧縣宋樂"], &["", "宋樂偉"]);
        let find = |key: &str| entries.iter().find(|e| e.key == key).unwrap();
        assert_eq!(decode_ids(&find("宋").body).unwrap(), [0, 1, 2]);
        assert_eq!(
            decode_positional(&find("宋乐").body).unwrap(),
            [(0, Some(vec![0])), (1, Some(vec![0])), (2, Some(vec![3]))]
        );
        assert_eq!(
            decode_positional(&find("宋乐").labels).unwrap(),
            [(1, Some(vec![0]))]
        );
        assert_eq!(decode_positional(&find("乐伟").body).unwrap().len(), 2);
        assert!(find("睢宁").labels.is_empty());
    }

    #[test]
    fn long_texts_group_pairs_as_the_packed_path_does() {
        let text = fold("宋樂偉到睢寧縣，宋樂偉到邳州市。睢寧縣縣長宋樂偉");
        let packed = tokenize_report(&text, "");
        let mut long = ReportGrams::default();
        push_long_text_pairs(&mut long, 0, &text);
        let pairs = |grams: &ReportGrams| -> Vec<(u64, Vec<u32>)> {
            let mut pairs: Vec<(u64, Vec<u32>)> = (grams.occurrences.iter())
                .filter(|o| o.key & PAIR != 0)
                .map(|o| {
                    let range = o.positions.start as usize..o.positions.end as usize;
                    (o.key, grams.positions[range].to_vec())
                })
                .collect();
            pairs.sort();
            pairs
        };
        let expected = pairs(&long);
        assert!(expected.iter().any(|(_, positions)| positions.len() == 3));
        assert_eq!(pairs(&packed), expected);
    }

    #[test]
    fn words_are_merged_across_reports_and_batches() {
        let bodies: Vec<String> = (0..BATCH + 3).map(|i| format!("GDP {i}")).collect();
        let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
        let entries = index(&refs, &[]);
        let gdp = entries.iter().find(|e| e.key == "gdp").unwrap();
        assert_eq!(decode_ids(&gdp.body).unwrap().len(), BATCH + 3);
        assert_eq!(entries.iter().filter(|e| e.key == "gdp").count(), 1);
    }

    #[test]
    fn entries_are_deterministic_unique_and_sorted() {
        let bodies = [
            "全市城市更新項目推進會",
            "重大產業項目",
            "GDP增長 5%",
            "睢寧縣",
        ];
        let first = index(&bodies, &[]);
        assert_eq!(first, index(&bodies, &[]));
        let sorted = first
            .windows(2)
            .all(|w| (w[0].hash, &w[0].key) < (w[1].hash, &w[1].key));
        assert!(sorted, "entries are sorted by hash, then key, and unique");
        for entry in &first {
            assert_eq!(entry.hash, gram_hash(&entry.key), "{}", entry.key);
        }
    }
}
