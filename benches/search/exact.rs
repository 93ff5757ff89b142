//! The self-check `cargo test --benches` (and `./test.sh`) runs: on a small generated archive,
//! the index answers every query exactly as a naive scan of the reports does, with positions
//! kept and with every body posting reduced to report ids (the case of very common bigrams).

use crate::corpus::{Corpus, Doc};
use crate::entities::pinyin_slug;
use annals::search::fold::fold;
use annals::search::reference::{Index, Term, contains};
use annals::search::whole_names::KnownNames;
use annals::search::{IndexOptions, build_index_with};
use std::collections::BTreeSet;

/// The queries of both the check and the measurement, drawn from the corpus: names, places,
/// topics, roles (whole and quoted), an exclusion, pinyin, phrases of the text, one character.
pub fn queries(corpus: &Corpus) -> Vec<String> {
    let top = |kind| {
        let mut of_kind: Vec<_> = corpus.entities.iter().filter(|e| e.kind == kind).collect();
        of_kind.sort_by_key(|e| std::cmp::Reverse(e.count));
        of_kind[0].name.clone()
    };
    let official = top(annals::search::EntityKind::Official);
    let district = top(annals::search::EntityKind::District);
    let tag = top(annals::search::EntityKind::Tag);
    let text: Vec<char> = corpus.docs[0].text.chars().collect();
    let phrase: String = text.iter().skip(20).take(6).collect();
    vec![
        official.clone(),
        fold(&official),
        district.clone(),
        tag.clone(),
        "市長".into(),
        "副市長".into(),
        "\"市長\"".into(),
        format!("{tag} -{district}"),
        pinyin_slug(&official).replace('-', " "),
        phrase,
        "推進".into(),
        "工作會議".into(),
        "市".into(),
        format!("{official} {tag}"),
        "不存在的詞語".into(),
    ]
}

/// The reports matching `query` (as the index parses it), by reading them all.
fn naive(corpus: &Corpus, index: &Index, query: &str) -> BTreeSet<u32> {
    let parsed = index.parse(query, false);
    let roles = corpus.docs.iter().flat_map(|d| d.roles.iter());
    let names = corpus
        .entities
        .iter()
        .filter(|e| e.kind != annals::search::EntityKind::Tag)
        .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases));
    let known = KnownNames::new(roles.chain(names).map(String::as_str));
    let labels_of = |doc: &Doc| {
        let mut labels = vec![doc.title.clone()];
        labels.extend(
            doc.officials
                .iter()
                .chain(&doc.districts)
                .chain(&doc.tags)
                .cloned(),
        );
        for entity in &corpus.entities {
            let listed =
                doc.officials.contains(&entity.name) || doc.districts.contains(&entity.name);
            if listed && entity.kind != annals::search::EntityKind::Tag {
                labels.extend(entity.aliases.iter().cloned());
            }
        }
        fold(&labels.join("\n"))
    };
    (0..corpus.docs.len() as u32)
        .filter(|&id| {
            let doc = &corpus.docs[id as usize];
            let (labels, body) = (labels_of(doc), fold(&doc.text));
            let holds = |term: &Term| {
                term.iter()
                    .any(|alt| contains(&labels, alt, &known) || contains(&body, alt, &known))
            };
            let included = !parsed.include.is_empty() || !parsed.exclude.is_empty();
            included && parsed.include.iter().all(holds) && !parsed.exclude.iter().any(holds)
        })
        .collect()
}

/// Checks the index against the naive answers; the error names the first query that differs.
pub fn run() -> Result<(), String> {
    let corpus = Corpus::generate(300);
    let docs = corpus.search_docs();
    let entities = corpus.search_entities();
    let layouts = [
        IndexOptions::default(),
        IndexOptions {
            max_positional_bytes: 0,
            shard_target_bytes: 2048,
            max_shards: 64,
            ..IndexOptions::default()
        },
    ];
    for options in layouts {
        let files = build_index_with(&docs, &entities, &options);
        if files != build_index_with(&docs, &entities, &options) {
            return Err("the same input gave different index files".into());
        }
        let index = Index::new(&files);
        for query in queries(&corpus) {
            let answer = index.search(&query).ranked;
            let found: BTreeSet<u32> = answer.iter().copied().collect();
            if found.len() != answer.len() {
                return Err(format!("duplicate results for {query}"));
            }
            let wanted = naive(&corpus, &index, &query);
            if found != wanted {
                return Err(format!(
                    "{query} with {options:?}: the index found {} reports, a scan {}",
                    found.len(),
                    wanted.len()
                ));
            }
        }
    }
    println!(
        "search self-check: {} reports, {} queries, both index layouts exact",
        corpus.docs.len(),
        queries(&corpus).len()
    );
    Ok(())
}
