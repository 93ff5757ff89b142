//! The query language, in Rust: the mirror of `parseQuery` in the query script (`search.js`),
//! used by the Rust twin of the script (`reference.rs`) in tests and the search benchmark.
//!
//! A query is cut into pieces at spaces; quoted text (`"…"`, `“…”`, `「…」`, `『…』`) is one
//! piece and stays literal; a piece written with `-` in front excludes. Each piece is folded and
//! cut into CJK phrases and Latin/digit words. An unquoted phrase equal to a known name (see
//! `whole_names.rs`) is matched whole unless the reader widens it; a run of words spelling an
//! official or a district in full pinyin stands for its names.

use std::collections::BTreeSet;

use super::fold::fold;
use super::tokenize::{Gram, for_each_gram, is_cjk, is_word_char};
use super::whole_names::KnownNames;

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
    pub(crate) fn from_meta(meta: &serde_json::Value) -> Self {
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
