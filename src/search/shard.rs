//! Sharding: which index file a gram lives in, and building those files.
//!
//! A query must load only the few files that hold its grams, so grams are spread over `2^bits`
//! shard files by a hash of the gram's text: FNV-1a over its Unicode code points, finished with
//! the murmur3 mixer; the shard is the hash's top `bits` bits. The query script computes the same
//! hash (`gramHash` in `search.js`); keep them in step.
//!
//! The postings come sorted by hash (see `postings.rs`), so each shard is one slice of them. The
//! number of shards is chosen last, from the total size, so that shard files stay near
//! [`super::IndexOptions::shard_target_bytes`].

/// The hash of a gram's text (see the module documentation).
pub fn gram_hash(key: &str) -> u32 {
    gram_hash_chars(key.chars())
}

/// [`gram_hash`] of a gram given as its characters.
pub fn gram_hash_chars(chars: impl Iterator<Item = char>) -> u32 {
    let mut hash: u32 = 0x811C_9DC5;
    for c in chars {
        hash ^= c as u32;
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash ^= hash >> 16;
    hash = hash.wrapping_mul(0x85EB_CA6B);
    hash ^= hash >> 13;
    hash = hash.wrapping_mul(0xC2B2_AE35);
    hash ^ (hash >> 16)
}

/// The shard of a hash when there are `2^bits` shards.
pub fn shard_of(hash: u32, bits: u32) -> u32 {
    if bits == 0 { 0 } else { hash >> (32 - bits) }
}

/// One gram of the index: its hash, its key, and its encoded postings in the body and in the
/// labels (either may be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    pub hash: u32,
    pub key: String,
    pub body: String,
    pub labels: String,
    /// When the body posting was reduced to report ids ([`super::encode::IDS_ONLY`]), the
    /// length its positions would have taken; 0 otherwise. Not written to the shard: a later
    /// build that patches the posting needs it to decide the reduction as a full build would.
    pub reduced_from: u32,
}

impl IndexEntry {
    /// The bytes this entry adds to its shard file, roughly.
    pub fn size(&self) -> usize {
        self.key.len() + self.body.len() + self.labels.len() + 8
    }
}

/// The number of shard bits that keeps shards near `target_bytes`, within `max_shards`.
pub fn choose_bits(total_bytes: usize, target_bytes: usize, max_shards: usize) -> u32 {
    let wanted = total_bytes.div_ceil(target_bytes.max(1)).max(1);
    let mut bits = 0;
    while (1usize << bits) < wanted && (2usize << bits) <= max_shards.max(1) {
        bits += 1;
    }
    bits
}

/// The shard files' contents, one per shard (`2^bits` of them, empty shards included):
/// `annalsSearch.shard(N,{"gram":"body posting" or ["body","labels"],…});`. Takes the entries
/// and frees each as it is copied, so the index is not held twice (a few hundred megabytes at
/// 50,000 reports).
pub fn shard_scripts(entries: Vec<IndexEntry>, bits: u32) -> Vec<String> {
    let mut scripts: Vec<String> = (0..1u32 << bits).map(shard_opening).collect();
    for entry in entries {
        push_entry(&mut scripts[shard_of(entry.hash, bits) as usize], &entry);
    }
    for script in &mut scripts {
        script.push_str(SHARD_CLOSING);
    }
    scripts
}

const SHARD_CLOSING: &str = "});\n";

fn shard_opening(shard: u32) -> String {
    format!("annalsSearch.shard({shard},{{")
}

fn push_entry(script: &mut String, entry: &IndexEntry) {
    if !script.ends_with('{') {
        script.push(',');
    }
    // Keys are CJK characters or letters and digits, postings ASCII without quotes or
    // backslashes, so they need no escaping (JSON encoding would give the same text).
    script.push('"');
    script.push_str(&entry.key);
    script.push_str("\":");
    if entry.labels.is_empty() {
        script.push('"');
        script.push_str(&entry.body);
        script.push('"');
    } else {
        script.push_str(&format!("[\"{}\",\"{}\"]", entry.body, entry.labels));
    }
}

/// One entry of a shard script as written: its hash, its key and its text (`"key":…`).
#[derive(Debug, Clone, Copy)]
pub struct RawEntry<'a> {
    pub hash: u32,
    pub key: &'a str,
    pub text: &'a str,
}

impl RawEntry<'_> {
    /// The entry (its `reduced_from` unknown: 0).
    pub fn parse(&self) -> Option<IndexEntry> {
        let after = self.text.strip_prefix('"')?.strip_prefix(self.key)?;
        let after = after.strip_prefix("\":")?;
        let (body, labels) = match after.strip_prefix("[\"") {
            Some(pair) => pair.strip_suffix("\"]")?.split_once("\",\"")?,
            None => (after.strip_prefix('"')?.strip_suffix('"')?, ""),
        };
        Some(IndexEntry {
            hash: self.hash,
            key: self.key.to_string(),
            body: body.to_string(),
            labels: labels.to_string(),
            reduced_from: 0,
        })
    }
}

/// The entries of a shard script, in file order (by hash, then key), not parsed: a patch
/// copies the entries it does not change as they are.
pub fn raw_entries(script: &str) -> Option<Vec<RawEntry<'_>>> {
    let rest = script.strip_prefix("annalsSearch.shard(")?;
    let (_, rest) = rest.split_once(",{")?;
    let mut rest = rest.strip_suffix(SHARD_CLOSING)?;
    let mut entries = Vec::new();
    while !rest.is_empty() {
        rest = rest.strip_prefix(',').unwrap_or(rest);
        let (key, after) = rest.strip_prefix('"')?.split_once("\":")?;
        // The posting: a string, or a pair of strings. Postings hold no quote (brackets they
        // may hold: `["]…` opens a pair whose body starts with `]`).
        let end = if let Some(pair) = after.strip_prefix("[\"") {
            let comma = pair.find("\",\"")? + 3;
            2 + comma + pair[comma..].find("\"]")? + 2
        } else {
            after.strip_prefix('"')?.find('"')? + 2
        };
        let length = 1 + key.len() + 2 + end;
        entries.push(RawEntry {
            hash: gram_hash(key),
            key,
            text: &rest[..length],
        });
        rest = &rest[length..];
    }
    Some(entries)
}

/// The script of shard `shard` made of `kept` entries, as written, and `patched` ones (both
/// sorted by hash, then key), merged in that order.
pub fn spliced_script(shard: u32, kept: &[RawEntry], patched: &[IndexEntry]) -> String {
    let size = kept.iter().map(|e| e.text.len() + 1).sum::<usize>()
        + patched.iter().map(IndexEntry::size).sum::<usize>();
    let mut script = String::with_capacity(size + 64);
    script.push_str(&shard_opening(shard));
    let (mut k, mut p) = (0, 0);
    while k < kept.len() || p < patched.len() {
        let take_kept = p == patched.len()
            || (k < kept.len()
                && (kept[k].hash, kept[k].key) < (patched[p].hash, &patched[p].key[..]));
        if take_kept {
            if !script.ends_with('{') {
                script.push(',');
            }
            script.push_str(kept[k].text);
            k += 1;
        } else {
            push_entry(&mut script, &patched[p]);
            p += 1;
        }
    }
    script.push_str(SHARD_CLOSING);
    script
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_entries_read_back_every_posting_shape() {
        // Postings use every digit of the alphabet, brackets and commas included, and may be
        // empty on either side of a pair.
        let alphabet = std::str::from_utf8(super::super::encode::ALPHABET).unwrap();
        let postings = ["]<|#", "[", "],", alphabet, "\",", "", "a]"];
        let postings: Vec<&str> = postings.into_iter().filter(|p| !p.contains('"')).collect();
        let mut entries = Vec::new();
        for (i, body) in postings.iter().enumerate() {
            for labels in postings.iter().take(i + 1) {
                if body.is_empty() && labels.is_empty() {
                    continue;
                }
                let key = format!("會{i}{}", labels.len());
                entries.push(IndexEntry {
                    hash: gram_hash(&key),
                    key,
                    body: body.to_string(),
                    labels: labels.to_string(),
                    reduced_from: 0,
                });
            }
        }
        entries.sort_by(|a, b| (a.hash, &a.key).cmp(&(b.hash, &b.key)));
        // One shard (no bits) holds every entry, as the full build writes it.
        let script = shard_scripts(entries.clone(), 0).remove(0);
        let raw = raw_entries(&script).expect("the script reads back");
        let parsed: Vec<IndexEntry> = raw.iter().map(|r| r.parse().unwrap()).collect();
        assert_eq!(parsed, entries);
        let (kept, touched) = raw.split_at(raw.len() / 2);
        let touched: Vec<IndexEntry> = touched.iter().map(|r| r.parse().unwrap()).collect();
        assert_eq!(spliced_script(0, kept, &touched), script);
    }
    use crate::search::fold::fold;
    use crate::search::postings::build_postings;

    #[test]
    fn hash_matches_the_query_script_reference_values() {
        // The browser test asserts the same values through `search.js`.
        assert_eq!(gram_hash(""), 0xAB3E_7C0B);
        assert_eq!(gram_hash("宋乐"), 0x5A43_2C48);
        assert_eq!(gram_hash("gdp"), 0xD3D0_2E02);
        assert_eq!(gram_hash("𠀀"), 0x0D9E_D115);
        assert_eq!(shard_of(0xFFFF_FFFF, 12), 4095);
        assert_eq!(shard_of(0xFFFF_FFFF, 0), 0);
    }

    #[test]
    fn every_gram_lands_in_exactly_its_shard() {
        let bodies = [
            "全市城市更新項目推進會",
            "重大產業項目",
            "GDP增長 5%",
            "睢寧縣宋樂偉",
        ];
        let entries = build_postings(bodies.len(), |id| (fold(bodies[id]), String::new()), 1000);
        for bits in [0, 1, 3, 12] {
            let scripts = shard_scripts(entries.clone(), bits);
            assert_eq!(scripts.len(), 1 << bits);
            assert_eq!(
                scripts,
                shard_scripts(entries.clone(), bits),
                "deterministic"
            );
            for entry in &entries {
                let needle = format!("\"{}\":", entry.key);
                let holders: Vec<usize> = (0..scripts.len())
                    .filter(|&s| scripts[s].contains(&needle))
                    .collect();
                assert_eq!(holders, [shard_of(gram_hash(&entry.key), bits) as usize]);
            }
        }
    }

    #[test]
    fn shard_count_follows_the_index_size() {
        assert_eq!(choose_bits(0, 8192, 4096), 0);
        assert_eq!(choose_bits(8192 * 5, 8192, 4096), 3);
        assert_eq!(choose_bits(usize::MAX / 2, 8192, 4096), 12);
    }
}
