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
use super::tokenize::{Gram, for_each_gram, is_cjk, is_word_char};
use super::whole_names::{KnownNames, NAME_GRAM_PREFIX};

/// One way a term can be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alt {
    /// CJK characters, found as a substring.
    Phrase(Vec<char>),
    /// Letters and digits, found as a whole word.
    Word(String),
    /// A known name, found where no longer known name covers it (see `whole_names.rs`).
    Name(String),
}

/// A term: a report must contain one of its alternatives.
pub type Term = Vec<Alt>;

/// A parsed query: terms every report must contain, terms none may contain.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub include: Vec<Term>,
    pub exclude: Vec<Term>,
}

/// What parsing needs from the catalogue: the known names and the officials and districts
/// with their spellings and pinyin keys.
#[derive(Debug, Default)]
pub struct Catalogue {
    pub known_names: BTreeSet<String>,
    /// (names: canonical then aliases, full pinyin spellings).
    pub entities: Vec<(Vec<String>, Vec<String>)>,
}

impl Catalogue {
    fn from_meta(meta: &serde_json::Value) -> Self {
        let strings = |value: &serde_json::Value| -> Vec<String> {
            value
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        let entities = meta["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["k"] != "t")
            .map(|e| {
                let mut names = vec![e["n"].as_str().unwrap().to_string()];
                names.extend(strings(&e["a"]));
                let full = strings(&e["p"]).into_iter().step_by(2).collect();
                (names, full)
            })
            .collect();
        Catalogue {
            known_names: strings(&meta["names"]).into_iter().collect(),
            entities,
        }
    }
}

/// The query pieces: runs between spaces or quoted text; (text, quoted, exclude).
fn pieces(query: &str) -> Vec<(String, bool, bool)> {
    let chars: Vec<char> = fold(query).chars().collect();
    let close_of = |c: char| match c {
        '"' => Some('"'),
        '\u{201C}' => Some('\u{201D}'),
        '「' => Some('」'),
        '『' => Some('』'),
        _ => None,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let exclude = chars[i] == '-' && chars.get(i + 1).is_some_and(|c| !c.is_whitespace());
        if exclude {
            i += 1;
        }
        let close = close_of(chars[i]);
        let mut text = String::new();
        if let Some(close) = close {
            i += 1;
            while i < chars.len() && chars[i] != close {
                text.push(chars[i]);
                i += 1;
            }
            i += 1;
        } else {
            while i < chars.len() && !chars[i].is_whitespace() {
                text.push(chars[i]);
                i += 1;
            }
        }
        out.push((text, close.is_some(), exclude));
    }
    out
}

/// The CJK phrases and words of a folded text.
fn tokens(text: &str) -> Vec<Alt> {
    let mut out = Vec::new();
    let mut phrase: Vec<char> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if !is_cjk(c) && !phrase.is_empty() {
            out.push(Alt::Phrase(std::mem::take(&mut phrase)));
        }
        if !is_word_char(c) && !word.is_empty() {
            out.push(Alt::Word(std::mem::take(&mut word)));
        }
        if is_cjk(c) {
            phrase.push(c);
        } else if is_word_char(c) {
            word.push(c);
        }
    }
    if !phrase.is_empty() {
        out.push(Alt::Phrase(phrase));
    }
    if !word.is_empty() {
        out.push(Alt::Word(word));
    }
    out
}

/// A phrase that is a known name becomes a name (matched whole) unless quoted or `wide`.
fn as_name(alt: Alt, catalogue: &Catalogue, literal: bool) -> Alt {
    match alt {
        Alt::Phrase(chars) if !literal => {
            let text: String = chars.iter().collect();
            if catalogue.known_names.contains(&text) {
                Alt::Name(text)
            } else {
                Alt::Phrase(chars)
            }
        }
        other => other,
    }
}

/// Splits a query into terms as the query script does: quotes keep a phrase literal, `-`
/// excludes, a known name is matched whole, a run of words spelling an official or a district
/// in full pinyin stands for its names.
pub fn parse_query(query: &str, catalogue: &Catalogue, wide: bool) -> Query {
    let mut parsed = Query::default();
    let mut words: Vec<String> = Vec::new();
    let add = |list: &mut Vec<Term>, term: Term| {
        if !list.contains(&term) {
            list.push(term);
        }
    };
    let flush = |words: &mut Vec<String>, include: &mut Vec<Term>| {
        let mut start = 0;
        while start < words.len() {
            let spelled = (start + 1..=words.len()).rev().find_map(|end| {
                let key = words[start..end].concat();
                let found: Vec<&Vec<String>> = catalogue
                    .entities
                    .iter()
                    .filter(|(_, full)| key.len() >= 2 && full.contains(&key))
                    .map(|(names, _)| names)
                    .collect();
                (!found.is_empty()).then_some((end, found))
            });
            let Some((end, entities)) = spelled else {
                add(include, vec![Alt::Word(words[start].clone())]);
                start += 1;
                continue;
            };
            let mut term: Term = Vec::new();
            for name in entities.into_iter().flatten() {
                for alt in tokens(&fold(name)) {
                    let alt = as_name(alt, catalogue, wide);
                    if !term.contains(&alt) {
                        term.push(alt);
                    }
                }
            }
            if end - start == 1 {
                term.push(Alt::Word(words[start].clone()));
            }
            add(include, term);
            start = end;
        }
        words.clear();
    };
    for (text, quoted, exclude) in pieces(query) {
        for token in tokens(&text) {
            let token = as_name(token, catalogue, quoted || wide);
            if exclude {
                add(&mut parsed.exclude, vec![token]);
            } else if let (Alt::Word(word), false) = (&token, quoted) {
                words.push(word.clone());
            } else {
                flush(&mut words, &mut parsed.include);
                add(&mut parsed.include, vec![token]);
            }
        }
    }
    flush(&mut words, &mut parsed.include);
    parsed
}

/// True when folded `text` contains `alt` (the definition search must meet).
pub fn contains(text: &str, alt: &Alt, known: &KnownNames) -> bool {
    match alt {
        Alt::Phrase(chars) => text.contains(&chars.iter().collect::<String>()),
        Alt::Word(word) => {
            let mut found = false;
            for_each_gram(text, |gram| found |= gram == Gram::Word(word));
            found
        }
        Alt::Name(name) => known
            .whole_in(text)
            .iter()
            .any(|&i| known.names()[i] == *name),
    }
}

/// The built index, as the query script sees it.
pub struct Index {
    files: HashMap<String, String>,
    shard_bits: u32,
    /// First report of every bundle `d/N.js`.
    bundle_starts: Vec<u32>,
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
        let catalogue = Catalogue::from_meta(&meta);
        let known = KnownNames::new(catalogue.known_names.iter().map(String::as_str));
        Index {
            files,
            shard_bits,
            bundle_starts,
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
        format!("search/data/d/{bundle}.js")
    }

    /// The report's folded labels and body, from its bundle.
    fn report_text(&self, id: u32, read: &mut BTreeSet<String>) -> (String, String) {
        let path = self.bundle_of(id);
        let script = &self.files[&path];
        let first: u32 = script["annalsSearch.docs(".len()..script.find(',').unwrap()]
            .parse()
            .unwrap();
        let record = payload(script)[(id - first) as usize].clone();
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
        candidates.sort_unstable();
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
pub fn payload(script: &str) -> serde_json::Value {
    let inner = script.trim_end().strip_suffix(");").unwrap();
    let start = inner.find(['{', '"', '[']).unwrap();
    serde_json::from_str(&inner[start..]).unwrap()
}
