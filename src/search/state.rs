//! What a build of the search index leaves in the output folder for the next build: enough to
//! patch the index (see `patch.rs`) instead of making it again when only a few reports changed.
//!
//! The state is bookkeeping, not part of the site: it is kept beside the page keys, never
//! deployed or served, and trusted only under the same settings and beside a complete build.

use std::collections::{BTreeMap, BTreeSet};

use super::IndexOptions;

/// The bookkeeping file in the output folder holding the state of the last build's index.
pub const SEARCH_STATE_FILE: &str = ".annals-search";

const HEADER: &str = "annals search state 4";

/// The shape of a built index and a hash of every report's record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexState {
    /// The [`IndexOptions`] it was built with, as numbers.
    pub options: [usize; 4],
    /// A hash of the known names (matched whole); other names mean other postings.
    pub known_names: u64,
    /// Shard bits and the total entry size they were chosen from.
    pub bits: u32,
    pub total: usize,
    /// A hash of what each report's search record is made from (title, names, fields, text),
    /// by report id.
    pub records: Vec<u64>,
    /// The length of each report's record, by report id.
    pub record_lens: Vec<u32>,
    /// The first report id, the name and a hash of the text of every bundle.
    pub bundle_starts: Vec<u32>,
    pub bundle_names: Vec<String>,
    pub bundle_hashes: Vec<u64>,
    /// A hash of every shard file's text, by shard.
    pub shard_hashes: Vec<u64>,
    /// The characters indexed as single-character grams.
    pub single_chars: BTreeSet<char>,
    /// Body postings reduced to ids: gram → the length their positions would take.
    pub reduced: BTreeMap<String, u32>,
}

/// The options as the state records them.
pub fn options_numbers(options: &IndexOptions) -> [usize; 4] {
    [
        options.max_positional_bytes,
        options.shard_target_bytes,
        options.max_shards,
        options.bundle_target_bytes,
    ]
}

impl IndexState {
    /// The file's text: a header, one `name values…` line per field, then one line per reduced
    /// posting (`reduced LENGTH GRAM`).
    pub fn to_text(&self) -> String {
        let hex = |values: &[u64]| -> String {
            let words: Vec<String> = values.iter().map(|v| format!("{v:016x}")).collect();
            words.join(" ")
        };
        let numbers = |values: &[u32]| -> String {
            let words: Vec<String> = values.iter().map(u32::to_string).collect();
            words.join(" ")
        };
        let [a, b, c, d] = self.options;
        let mut text = format!(
            "{HEADER}\noptions {a} {b} {c} {d}\nknown {:016x}\nbits {}\ntotal {}\nrecords {}\n\
             lengths {}\nbundles {}\nbundle-names {}\nbundle-hashes {}\nshards {}\nchars {}\n",
            self.known_names,
            self.bits,
            self.total,
            hex(&self.records),
            numbers(&self.record_lens),
            numbers(&self.bundle_starts),
            self.bundle_names.join(" "),
            hex(&self.bundle_hashes),
            hex(&self.shard_hashes),
            self.single_chars.iter().collect::<String>(),
        );
        for (gram, length) in &self.reduced {
            text.push_str(&format!("reduced {length} {gram}\n"));
        }
        text
    }

    /// Reads what [`IndexState::to_text`] wrote; `None` for anything else.
    pub fn from_text(text: &str) -> Option<IndexState> {
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let mut field = |name: &str| -> Option<&str> {
            let line = lines.next()?;
            let value = line.strip_prefix(name)?;
            if value.is_empty() {
                Some(value)
            } else {
                value.strip_prefix(' ')
            }
        };
        let options: Vec<usize> = words(field("options")?)?;
        let known_names = u64::from_str_radix(field("known")?, 16).ok()?;
        let bits = field("bits")?.parse().ok()?;
        let total = field("total")?.parse().ok()?;
        let records = hex_words(field("records")?)?;
        let record_lens = words(field("lengths")?)?;
        let bundle_starts = words(field("bundles")?)?;
        let bundle_names = words(field("bundle-names")?)?;
        let bundle_hashes = hex_words(field("bundle-hashes")?)?;
        let shard_hashes = hex_words(field("shards")?)?;
        let single_chars = field("chars")?.chars().collect();
        let mut reduced = BTreeMap::new();
        for line in lines {
            let (length, gram) = line.strip_prefix("reduced ")?.split_once(' ')?;
            reduced.insert(gram.to_string(), length.parse().ok()?);
        }
        Some(IndexState {
            options: options.try_into().ok()?,
            known_names,
            bits,
            total,
            records,
            record_lens,
            bundle_starts,
            bundle_names,
            bundle_hashes,
            shard_hashes,
            single_chars,
            reduced,
        })
    }
}

fn words<T: std::str::FromStr>(line: &str) -> Option<Vec<T>> {
    line.split_whitespace().map(|w| w.parse().ok()).collect()
}

fn hex_words(line: &str) -> Option<Vec<u64>> {
    (line.split_whitespace())
        .map(|w| u64::from_str_radix(w, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_round_trips_through_its_text() {
        let state = IndexState {
            options: options_numbers(&IndexOptions::default()),
            known_names: 0xDEAD_BEEF,
            bits: 3,
            total: 12_345,
            records: vec![1, u64::MAX, 0],
            record_lens: vec![10, 20, 30],
            bundle_starts: vec![0, 2],
            bundle_names: vec!["2024-03-0".to_string(), "2024-04-0".to_string()],
            bundle_hashes: vec![7, 8],
            shard_hashes: (0..8).collect(),
            single_chars: "宋樂偉".chars().collect(),
            reduced: [("全市".to_string(), 13_000), ("gdp".to_string(), 99)].into(),
        };
        assert_eq!(IndexState::from_text(&state.to_text()), Some(state));
        let empty = IndexState::default();
        assert_eq!(IndexState::from_text(&empty.to_text()), Some(empty));
        assert_eq!(IndexState::from_text("settings x\n"), None);
        assert_eq!(IndexState::from_text(""), None);
    }
}
