//! A Rust twin of the query script, reading the built index files, for tests and the search
//! benchmark (not used by the build).
//!
//! It answers a query the way `search.js` does (parse quotes, `-` exclusions, whole names and
//! pinyin; fold, look up grams in their shards, line up bigram positions, check id-only
//! candidates against report bundles) and records every file it read, so tests can prove the
//! index exact and the bench can add up what a query transfers.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::encode::{decode_ids, decode_positional};
use super::fold::fold;
use super::shard::{gram_hash, shard_of};
use super::whole_names::{KnownNames, NAME_GRAM_PREFIX};

pub use super::query::{Alt, Catalogue, Query, Term, contains, parse_query};

/// The built index, as the query script sees it.
pub struct Index {
    files: HashMap<String, String>,
    shard_bits: u32,
    /// First report and name of every bundle `d/NAME.js`, and each name's place.
    bundle_starts: Vec<u32>,
    bundle_names: Vec<String>,
    bundle_numbers: HashMap<String, usize>,
    reports: u32,
    catalogue: Catalogue,
    known: KnownNames,
}

/// What a query found, and at what cost.
#[derive(Debug)]
pub struct Answer {
    /// Matching report ids, best first.
    pub ranked: Vec<u32>,
    /// The files the search page loads to show the first page of results: shards, then report
    /// bundles in rank order (to show a result or to check a candidate) until the page is full.
    pub first_page_files: BTreeSet<String>,
}

impl Index {
    pub fn new(files: &[(String, Vec<u8>)]) -> Self {
        let files: HashMap<String, String> = files
            .iter()
            .map(|(path, bytes)| (path.clone(), String::from_utf8(bytes.clone()).unwrap()))
            .collect();
        let meta = payload(&files["search/data/meta.js"]);
        let shard_bits = meta["shard_bits"].as_u64().unwrap() as u32;
        let bundle_starts = decode_ids(meta["bundles"].as_str().unwrap()).unwrap();
        let bundle_names = bundle_names(&bundle_starts, meta["months"].as_array().unwrap());
        let bundle_numbers = (bundle_names.iter().enumerate())
            .map(|(number, name)| (name.clone(), number))
            .collect();
        let catalogue = Catalogue::from_meta(&meta);
        let known = KnownNames::new(catalogue.known_names.iter().map(String::as_str));
        Index {
            files,
            shard_bits,
            bundle_starts,
            bundle_names,
            bundle_numbers,
            reports: meta["reports"].as_u64().unwrap() as u32,
            catalogue,
            known,
        }
    }

    pub fn size_of(&self, path: &str) -> usize {
        self.files[path].len()
    }

    /// The path of the bundle holding report `id`.
    pub fn bundle_of(&self, id: u32) -> String {
        let bundle = self.bundle_starts.partition_point(|&start| start <= id) - 1;
        format!("search/data/d/{}.js", self.bundle_names[bundle])
    }

    /// The report's folded labels and body, from its bundle.
    fn report_text(&self, id: u32, read: &mut BTreeSet<String>) -> (String, String) {
        let path = self.bundle_of(id);
        // `annalsSearch.docs("NAME",[…]);`: its arguments, read as one JSON array.
        let script = &self.files[&path];
        let arguments = script
            .trim_end()
            .strip_prefix("annalsSearch.docs(")
            .unwrap();
        let arguments = format!("[{}]", arguments.strip_suffix(");").unwrap());
        let arguments: serde_json::Value = serde_json::from_str(&arguments).unwrap();
        let bundle = self.bundle_numbers[arguments[0].as_str().unwrap()];
        let first = self.bundle_starts[bundle];
        let record = arguments[1][(id - first) as usize].clone();
        read.insert(path);
        let strings = |key: &str| -> Vec<String> {
            record[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect()
        };
        let mut labels = vec![record["t"].as_str().unwrap().to_string()];
        for key in ["o", "s", "g", "a"] {
            labels.extend(strings(key));
        }
        // Searched front matter fields: [key, value] pairs.
        let fields = record["f"].as_array().into_iter().flatten();
        labels.extend(fields.map(|pair| pair[1].as_str().unwrap().to_string()));
        (
            fold(&labels.join("\n")),
            fold(record["x"].as_str().unwrap()),
        )
    }

    /// The (body, labels) postings of a gram, reading its shard.
    fn postings(&self, key: &str, read: &mut BTreeSet<String>) -> (String, String) {
        let path = format!(
            "search/data/s/{}.js",
            shard_of(gram_hash(key), self.shard_bits)
        );
        let shard = payload(&self.files[&path]);
        read.insert(path);
        match &shard[key] {
            serde_json::Value::String(body) => (body.clone(), String::new()),
            serde_json::Value::Array(both) => (
                both[0].as_str().unwrap().to_string(),
                both[1].as_str().unwrap().to_string(),
            ),
            _ => (String::new(), String::new()),
        }
    }

    /// Answers `query` as the query script does (names matched whole, relevance order).
    pub fn search(&self, query: &str) -> Answer {
        self.search_with(query, false)
    }

    /// The parsed form of `query`, as the query script would parse it here.
    pub fn parse(&self, query: &str, wide: bool) -> Query {
        parse_query(query, &self.catalogue, wide)
    }

    /// Answers `query`; `wide` finds known names inside longer ones too.
    pub fn search_with(&self, query: &str, wide: bool) -> Answer {
        let parsed = self.parse(query, wide);
        let mut read = BTreeSet::new();
        let include: Vec<_> = parsed
            .include
            .iter()
            .map(|term| self.term_matches(term, &mut read))
            .collect();
        let exclude: Vec<_> = parsed
            .exclude
            .iter()
            .map(|term| self.term_matches(term, &mut read))
            .collect();
        let ids: Vec<u32> = match include.first() {
            Some(first) => first.keys().copied().collect(),
            None if exclude.is_empty() => Vec::new(),
            None => (0..self.reports).collect(),
        };
        // Candidates in rank order: more terms found in labels first, then the newest. Labels
        // postings are exact, so the rank is known before any text is read.
        let mut candidates: Vec<(usize, u32, bool)> = Vec::new();
        'report: for id in ids {
            let (mut in_labels, mut verified) = (0, true);
            for found in &include {
                let Some(slots) = found.get(&id) else {
                    continue 'report;
                };
                in_labels += usize::from(slots[0] == Some(true));
                verified &= slots.contains(&Some(true));
            }
            for found in &exclude {
                match found.get(&id) {
                    Some(slots) if slots.contains(&Some(true)) => continue 'report,
                    Some(_) => verified = false,
                    None => {}
                }
            }
            candidates.push((include.len() - in_labels, id, verified));
        }
        // Reports are numbered oldest first: the newest is the largest id.
        candidates.sort_unstable_by_key(|&(rank, id, _)| (rank, std::cmp::Reverse(id)));
        let check = |id: u32, files: &mut BTreeSet<String>| {
            let (labels, body) = self.report_text(id, files);
            let holds = |term: &Term| {
                term.iter().any(|alt| {
                    contains(&labels, alt, &self.known) || contains(&body, alt, &self.known)
                })
            };
            parsed.include.iter().all(holds) && !parsed.exclude.iter().any(holds)
        };
        let mut first_page_files = read;
        let mut shown = 0;
        for &(_, id, verified) in &candidates {
            if shown == super::PAGE_SIZE {
                break;
            }
            let matches = check(id, &mut first_page_files);
            assert!(
                matches || !verified,
                "verified report {id} does not match {query}"
            );
            shown += usize::from(matches);
        }
        let ranked = candidates
            .iter()
            .filter(|&&(_, id, verified)| verified || check(id, &mut BTreeSet::new()))
            .map(|&(_, id, _)| id)
            .collect();
        Answer {
            ranked,
            first_page_files,
        }
    }

    /// The reports a term may be in (any alternative): for labels and body, report → verified.
    fn term_matches(
        &self,
        term: &Term,
        read: &mut BTreeSet<String>,
    ) -> BTreeMap<u32, [Option<bool>; 2]> {
        let mut found: BTreeMap<u32, [Option<bool>; 2]> = BTreeMap::new();
        for alt in term {
            for (slot, matches) in self.alt_matches(alt, read).into_iter().enumerate() {
                for (id, verified) in matches {
                    let entry = &mut found.entry(id).or_default()[slot];
                    *entry = Some(entry == &Some(true) || verified);
                }
            }
        }
        found
    }

    /// The reports an alternative may be in: for labels and body, report → verified.
    fn alt_matches(&self, alt: &Alt, read: &mut BTreeSet<String>) -> [BTreeMap<u32, bool>; 2] {
        let chars = match alt {
            Alt::Word(word) => return self.id_lists(word, read),
            Alt::Name(name) => {
                return self.id_lists(&format!("{NAME_GRAM_PREFIX}{name}"), read);
            }
            Alt::Phrase(chars) if chars.len() <= 2 => {
                let key: String = chars.iter().collect();
                if chars.len() == 1 {
                    return self.id_lists(&key, read);
                }
                let (body, labels) = self.postings(&key, read);
                return [labels, body].map(|p| {
                    decode_positional(&p)
                        .unwrap()
                        .into_iter()
                        .map(|(id, _)| (id, true))
                        .collect()
                });
            }
            Alt::Phrase(chars) => chars,
        };
        let bigrams: Vec<(String, String)> = chars
            .windows(2)
            .map(|pair| self.postings(&pair.iter().collect::<String>(), read))
            .collect();
        [1, 0].map(|slot| {
            let decoded: Vec<BTreeMap<u32, Option<Vec<u32>>>> = bigrams
                .iter()
                .map(|p| {
                    decode_positional(if slot == 0 { &p.0 } else { &p.1 })
                        .unwrap()
                        .into_iter()
                        .collect()
                })
                .collect();
            let mut out = BTreeMap::new();
            'report: for &id in decoded[0].keys() {
                let mut starts: Option<BTreeSet<u32>> = None;
                for (offset, posting) in decoded.iter().enumerate() {
                    match posting.get(&id) {
                        None => continue 'report,
                        Some(None) => {}
                        Some(Some(positions)) => {
                            let here: BTreeSet<u32> = positions
                                .iter()
                                .filter_map(|p| p.checked_sub(offset as u32))
                                .collect();
                            starts = Some(match starts {
                                None => here,
                                Some(s) => s.intersection(&here).copied().collect(),
                            });
                        }
                    }
                }
                match starts {
                    Some(s) if s.is_empty() => {}
                    Some(_) if decoded.iter().all(|p| p[&id].is_some()) => {
                        out.insert(id, true);
                    }
                    _ => {
                        out.insert(id, false);
                    }
                }
            }
            out
        })
    }

    fn id_lists(&self, key: &str, read: &mut BTreeSet<String>) -> [BTreeMap<u32, bool>; 2] {
        let (body, labels) = self.postings(key, read);
        [labels, body].map(|p| {
            decode_ids(&p)
                .unwrap()
                .into_iter()
                .map(|id| (id, true))
                .collect()
        })
    }
}

/// The JSON argument of an index script `annalsSearch.f(…,JSON);` or `annalsSearch.meta(JSON);`.
/// Every bundle's name, as the query script finds it from the catalogue: the month run holding
/// the bundle's first report, then the bundle's place among that month's bundles.
fn bundle_names(starts: &[u32], months: &[serde_json::Value]) -> Vec<String> {
    let mut naming = super::bundle_scripts::BundleNames::default();
    (starts.iter())
        .map(|&start| {
            let run = (months.iter())
                .find(|run| {
                    run[1].as_u64().unwrap() <= start as u64
                        && (start as u64) < run[2].as_u64().unwrap()
                })
                .expect("every report is in a month run");
            naming.next(run[0].as_str().unwrap())
        })
        .collect()
}

pub fn payload(script: &str) -> serde_json::Value {
    let inner = script.trim_end().strip_suffix(");").unwrap();
    let start = inner.find(['{', '"', '[']).unwrap();
    serde_json::from_str(&inner[start..]).unwrap()
}
