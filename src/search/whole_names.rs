//! Whole names: a role or a name is not found inside a longer one.
//!
//! 市長 occurs inside 副市長 and 常務副市長, so a plain phrase search for 市長 returns nearly every
//! report that names a deputy. The site knows its names — the roles its reports give officials,
//! the officials and districts with their registry aliases — so an occurrence of a known name
//! counts as that name only where no longer known name covers it: in 常務副市長 there is no 市長
//! and no 副市長, in 市長林靜怡 there is 市長.
//!
//! The index stores, for every known name, the reports where it occurs whole, under the gram
//! `=name` (`=` is neither a CJK nor a word character, so no text gram collides with it). The
//! query script answers an unquoted query term equal to a known name from that gram; quotes
//! (`"市長"`) or the page's "inside longer names" switch search it as a plain phrase. Only names
//! made of CJK characters alone and at least two long take part: a one-character or a Latin
//! name is no longer inside anything a reader would tell apart.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::encode::PostingBuilder;
use super::fold::fold;
use super::postings::KeyHasher;
use super::shard::{IndexEntry, gram_hash};
use super::tokenize::is_cjk;

/// The character before a whole name's gram key.
pub const NAME_GRAM_PREFIX: char = '=';

/// The known names of a site, folded.
pub struct KnownNames {
    /// Folded, sorted, without duplicates.
    names: Vec<String>,
    /// Each name as characters (matched against a text's characters).
    chars: Vec<Vec<char>>,
    /// First character → indexes into `names` starting with it.
    by_first: HashMap<char, Vec<usize>, BuildHasherDefault<KeyHasher>>,
    /// One bit per character of the Basic Multilingual Plane: does a name start with it? Most
    /// characters of a text start none, and this answers for them without a lookup.
    first_bits: Vec<u64>,
}

impl KnownNames {
    /// The known names among `names` (any spelling; folded here). Names that are not two or
    /// more CJK characters are left out.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut folded: Vec<String> = names
            .into_iter()
            .map(fold)
            .filter(|name| name.chars().count() >= 2 && name.chars().all(is_cjk))
            .collect();
        folded.sort_unstable();
        folded.dedup();
        let mut by_first: HashMap<char, Vec<usize>, BuildHasherDefault<KeyHasher>> =
            HashMap::default();
        let mut first_bits = vec![0u64; 0x1_0000 / 64];
        for (index, name) in folded.iter().enumerate() {
            let first = name.chars().next().expect("names are not empty");
            by_first.entry(first).or_default().push(index);
            if let Some(bits) = first_bits.get_mut(first as usize / 64) {
                *bits |= 1 << (first as usize % 64);
            }
        }
        KnownNames {
            chars: folded.iter().map(|n| n.chars().collect()).collect(),
            names: folded,
            by_first,
            first_bits,
        }
    }

    /// The folded names, sorted.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The names occurring whole in folded `text` (not covered by a longer known name), by
    /// index, sorted, without duplicates.
    pub fn whole_in(&self, text: &str) -> Vec<usize> {
        // Every occurrence of every known name: (start, end) in characters, name.
        let chars: Vec<char> = text.chars().collect();
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (start, &c) in chars.iter().enumerate() {
            let bits = self.first_bits.get(c as usize / 64);
            if bits.is_some_and(|bits| bits & (1 << (c as usize % 64)) == 0) {
                continue;
            }
            let Some(candidates) = self.by_first.get(&c) else {
                continue;
            };
            for &index in candidates {
                let name = &self.chars[index];
                let length = name.len();
                if chars[start..].starts_with(name) {
                    found.push((start, start + length, index));
                }
            }
        }
        // Covered: another occurrence starts no later and ends no earlier, and is longer.
        found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut whole: Vec<usize> = Vec::new();
        for &(start, end, index) in &found {
            let covered = found
                .iter()
                .take_while(|other| other.0 <= start)
                .any(|other| other.1 >= end && other.1 - other.0 > end - start);
            if !covered {
                whole.push(index);
            }
        }
        whole.sort_unstable();
        whole.dedup();
        whole
    }

    /// The index entries of the whole names: for each name occurring whole somewhere, the
    /// reports holding it in their body and in their labels (id lists, no positions). `texts`
    /// gives a report's folded (body, labels). (Builds find the names while tokenising, with
    /// [`KnownNames::whole_in_report`] and [`KnownNames::entries_of`].)
    #[cfg(test)]
    pub fn entries(
        &self,
        count: usize,
        texts: impl Fn(usize) -> (String, String) + Sync,
    ) -> Vec<IndexEntry> {
        use rayon::prelude::*;
        if self.names.is_empty() {
            return Vec::new();
        }
        let per_report: Vec<[Vec<usize>; 2]> = (0..count)
            .into_par_iter()
            .map(|id| {
                let (body, labels) = texts(id);
                self.whole_in_report(&body, &labels)
            })
            .collect();
        self.entries_of(&per_report)
    }

    /// The names found whole in a report's folded body and labels.
    pub fn whole_in_report(&self, body: &str, labels: &str) -> [Vec<usize>; 2] {
        [self.whole_in(body), self.whole_in(labels)]
    }

    /// The index entries of the names [`KnownNames::whole_in_report`] found in each report.
    pub fn entries_of(&self, per_report: &[[Vec<usize>; 2]]) -> Vec<IndexEntry> {
        if self.names.is_empty() {
            return Vec::new();
        }
        let mut builders: Vec<[PostingBuilder; 2]> =
            self.names.iter().map(|_| Default::default()).collect();
        for (id, fields) in per_report.iter().enumerate() {
            for (field, names) in fields.iter().enumerate() {
                for &index in names {
                    builders[index][field].add_id(id as u32);
                }
            }
        }
        self.names
            .iter()
            .zip(&builders)
            .filter(|(_, [body, labels])| !body.is_empty() || !labels.is_empty())
            .map(|(name, [body, labels])| {
                let key = format!("{NAME_GRAM_PREFIX}{name}");
                let encode = |b: &PostingBuilder| {
                    if b.is_empty() {
                        String::new()
                    } else {
                        b.encode_ids()
                    }
                };
                IndexEntry {
                    hash: gram_hash(&key),
                    body: encode(body),
                    labels: encode(labels),
                    key,
                    reduced_from: 0,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(names: &KnownNames, text: &str) -> Vec<String> {
        let found = names.whole_in(&fold(text));
        found.iter().map(|&i| names.names()[i].clone()).collect()
    }

    #[test]
    fn a_name_inside_a_longer_one_is_not_there() {
        let names = KnownNames::new(["市長", "副市長", "常務副市長", "林靜怡"]);
        assert_eq!(whole(&names, "常務副市長陳建國"), ["常务副市长"]);
        assert_eq!(whole(&names, "副市長講話"), ["副市长"]);
        assert_eq!(whole(&names, "市長林靜怡出席"), ["市长", "林静怡"]);
        assert_eq!(whole(&names, "副市長與市長"), ["副市长", "市长"]);
        assert!(whole(&names, "城市建設").is_empty());
    }

    #[test]
    fn overlapping_names_both_count() {
        // 江北區長: the district and the role overlap; neither covers the other.
        let names = KnownNames::new(["江北區", "區長"]);
        assert_eq!(whole(&names, "江北區長"), ["区长", "江北区"]);
    }

    #[test]
    fn only_names_of_two_or_more_cjk_characters_are_known() {
        let names = KnownNames::new(["市", "A區", "市長", "市長"]);
        assert_eq!(names.names(), ["市长"]);
    }

    #[test]
    fn entries_list_the_reports_holding_each_name_whole() {
        let names = KnownNames::new(["市長", "副市長"]);
        let texts = ["市長出席", "副市長出席", "副市長和市長"];
        let entries = names.entries(3, |id| (fold(texts[id]), String::new()));
        let ids = |key: &str| {
            let entry = entries.iter().find(|e| e.key == key).unwrap();
            super::super::encode::decode_ids(&entry.body).unwrap()
        };
        assert_eq!(ids("=市长"), [0, 2]);
        assert_eq!(ids("=副市长"), [1, 2]);
    }
}
