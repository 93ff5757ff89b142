//! A patched index equals a full build: random edits of random archives, each patched onto the
//! previous build's files and compared with an index built from scratch, byte for byte.

use std::collections::BTreeMap;

use super::*;

/// A small xorshift generator: the same sequence on every run.
pub(super) struct Random(pub(super) u64);

impl Random {
    pub(super) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Few distinct characters, so grams recur across reports and long postings are reduced.
const PIECES: &[&str] = &[
    "宋樂偉",
    "市長",
    "副市長",
    "睢寧縣",
    "邳州市",
    "項目",
    "推進",
    "會議",
    "城市更新",
    "重大",
    "產業",
    "，",
    "。",
    "GDP",
    "2024",
    "\n",
    "的",
    "了",
    "召開",
    "調研",
    "縣長",
    "主持",
];
const OFFICIALS: &[&str] = &["宋樂偉", "林靜怡", "陳建國"];
const ROLES: &[&str] = &["市長", "副市長", "縣長"];

struct Doc {
    url: String,
    title: String,
    officials: Vec<&'static str>,
    text: String,
}

fn random_text(random: &mut Random) -> String {
    (0..random.below(60)).map(|_| random.pick(PIECES)).collect()
}

fn random_doc(random: &mut Random) -> Doc {
    let officials = (0..random.below(3))
        .map(|_| random.pick(OFFICIALS))
        .collect();
    Doc {
        url: format!("r/{}/", random.below(1 << 30)),
        title: (0..1 + random.below(3))
            .map(|_| random.pick(PIECES))
            .collect(),
        officials,
        text: random_text(random),
    }
}

fn options() -> IndexOptions {
    IndexOptions {
        max_positional_bytes: 24,
        shard_target_bytes: 150,
        max_shards: 256,
        bundle_target_bytes: 600,
    }
}

type Files = BTreeMap<String, Vec<u8>>;

/// The index of `docs`, patched onto `previous` (its files and state) when given. Returns every
/// file of the site's index (kept ones from `previous`), the state, and whether it patched.
fn index(docs: &[Doc], previous: Option<(&Files, &IndexState)>) -> (Files, IndexState, bool) {
    let (files, state, patched, _) = index_keeping(docs, previous);
    (files, state, patched)
}

/// [`index`], and the paths of the files kept from `previous` rather than written.
fn index_keeping(
    docs: &[Doc],
    previous: Option<(&Files, &IndexState)>,
) -> (Files, IndexState, bool, Vec<String>) {
    let search_docs: Vec<SearchDoc> = (docs.iter())
        .map(|doc| SearchDoc {
            url: &doc.url,
            title: &doc.title,
            date: "2024-03-14",
            officials: doc.officials.clone(),
            districts: vec![],
            tags: vec![],
            roles: ROLES.to_vec(),
            fields: vec![],
            text: doc.text.as_str().into(),
        })
        .collect();
    let entities: Vec<SearchEntity> = (OFFICIALS.iter())
        .map(|&name| SearchEntity {
            kind: EntityKind::Official,
            name,
            aliases: vec![],
            url: "o/",
            count: 1,
        })
        .collect();
    let read = |path: &str| previous.and_then(|(files, _)| files.get(path).cloned());
    let previous_index = previous.map(|(_, state)| PreviousIndex {
        state: state.clone(),
        read: &read,
    });
    let mut files: Files = Files::new();
    let mut kept: Vec<String> = Vec::new();
    let written: Result<IndexState, std::convert::Infallible> = write_index(
        &search_docs,
        &entities,
        &options(),
        previous_index.as_ref(),
        |path, bytes| {
            files.insert(path, bytes);
            Ok(())
        },
        |path| {
            let file = previous.and_then(|(files, _)| files.get(path));
            if file.is_some() {
                kept.push(path.to_string());
            }
            file.is_some()
        },
    );
    let Ok(state) = written;
    let patched = LAST_PATCHED.with(std::cell::Cell::get);
    for path in &kept {
        let bytes = previous.and_then(|(old, _)| old.get(path)).expect("kept");
        assert!(
            files.insert(path.clone(), bytes.clone()).is_none(),
            "kept and written"
        );
    }
    (files, state, patched, kept)
}

#[test]
fn random_edits_patch_to_the_files_of_a_full_build() {
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let (mut patched_builds, mut renumbered_patches, mut unreduced_patches) = (0, 0, 0);
    let mut reduced_seen = false;
    for _archive in 0..6 {
        let mut docs: Vec<Doc> = (0..30 + random.below(30))
            .map(|_| random_doc(&mut random))
            .collect();
        let (mut files, mut state, _) = index(&docs, None);
        for _edit in 0..25 {
            let mut renumbered = false;
            for _ in 0..1 + random.below(3) {
                let id = random.below(docs.len());
                match random.below(9) {
                    0 => docs[id].text = random_text(&mut random),
                    1 => docs[id].text.push_str(random.pick(PIECES)),
                    2 => docs[id].title = random.pick(PIECES).to_string(),
                    3 => docs[id].text.clear(),
                    // A report added anywhere, or one removed: older ids move.
                    4 | 5 => {
                        docs.insert(id, random_doc(&mut random));
                        renumbered = true;
                    }
                    // Added or removed as the newest (the largest id): no id moves.
                    6 => docs.push(random_doc(&mut random)),
                    7 if docs.len() > 10 => {
                        docs.pop();
                    }
                    _ if docs.len() > 10 => {
                        docs.remove(id);
                        renumbered = true;
                    }
                    _ => {}
                }
            }
            let (patched, patched_state, patched_used) = index(&docs, Some((&files, &state)));
            let (full, full_state, _) = index(&docs, None);
            assert_eq!(
                patched.keys().collect::<Vec<_>>(),
                full.keys().collect::<Vec<_>>()
            );
            for (path, bytes) in &full {
                assert_eq!(
                    String::from_utf8_lossy(&patched[path]),
                    String::from_utf8_lossy(bytes),
                    "{path}"
                );
            }
            assert_eq!(patched_state, full_state);
            patched_builds += usize::from(patched_used);
            renumbered_patches += usize::from(patched_used && renumbered);
            let unreduced = (state.reduced.keys()).any(|gram| {
                !full_state.reduced.contains_key(gram)
                    && full.values().any(|file| contains(file, gram))
            });
            unreduced_patches += usize::from(patched_used && unreduced);
            reduced_seen |= !full_state.reduced.is_empty();
            (files, state) = (patched, patched_state);
        }
    }
    assert!(reduced_seen, "some postings are reduced to ids");
    // Additions and removals are patched, and so is a reduced posting whose positions fit
    // again (its positions are found again in the texts).
    assert!(
        patched_builds > 140,
        "most changes were patched: {patched_builds} of 150"
    );
    assert!(
        unreduced_patches > 0,
        "postings that fit again were patched: {unreduced_patches}"
    );
    // Reports added as the newest were appended to the postings holding their grams.
    let appended = super::patch::APPENDED.load(std::sync::atomic::Ordering::Relaxed);
    assert!(appended > 0, "postings appended to: {appended}");
    assert!(
        renumbered_patches > 40,
        "additions and removals were patched: {renumbered_patches}"
    );
}

#[test]
fn a_report_added_as_the_newest_rewrites_only_the_shards_of_its_grams() {
    let mut random = Random(23);
    let mut docs: Vec<Doc> = (0..60).map(|_| random_doc(&mut random)).collect();
    let (files, state, _) = index(&docs, None);
    let shards = (files.keys()).filter(|path| path.starts_with("search/data/s/"));
    let shard_count = shards.count();
    assert!(shard_count > 16, "{shard_count} shards");
    let mut newest = random_doc(&mut random);
    newest.text = "宋樂偉調研GDP。".to_string();
    docs.push(newest);
    let (patched, patched_state, patched_used, kept) = index_keeping(&docs, Some((&files, &state)));
    let (full, full_state, _) = index(&docs, None);
    assert!(patched_used);
    assert_eq!(patched_state, full_state);
    assert_eq!(patched, full);
    let kept_shards = (kept.iter()).filter(|path| path.starts_with("search/data/s/"));
    assert!(
        kept_shards.count() > shard_count / 2,
        "most of the {shard_count} shards are kept as they were"
    );
}

#[test]
fn a_state_from_other_files_is_not_trusted() {
    let mut random = Random(7);
    let mut docs: Vec<Doc> = (0..40).map(|_| random_doc(&mut random)).collect();
    let (mut files, state, _) = index(&docs, None);
    docs[3].text.push_str("宋樂偉調研");
    // The shard files no longer hold what the state and the old records say.
    for (path, bytes) in files.iter_mut() {
        if path.starts_with("search/data/s/") {
            *bytes = b"annalsSearch.shard(0,{});\n".to_vec();
        }
    }
    let (patched, _, _) = index(&docs, Some((&files, &state)));
    let (full, _, _) = index(&docs, None);
    assert_eq!(patched, full);
}

#[test]
fn a_one_letter_word_leaving_the_index_leaves_its_state() {
    let mut random = Random(11);
    let mut docs: Vec<Doc> = (0..40).map(|_| random_doc(&mut random)).collect();
    docs[5].text = "宋樂偉調研，x。".to_string();
    let (files, state, _) = index(&docs, None);
    assert!(state.single_chars.contains(&'x'));
    docs[5].text = "宋樂偉調研。".to_string();
    let (patched, patched_state, patched_used) = index(&docs, Some((&files, &state)));
    let (full, full_state, _) = index(&docs, None);
    assert!(patched_used);
    assert_eq!(patched_state, full_state);
    assert_eq!(patched, full);
}

/// True when the file's text holds `text`.
fn contains(file: &[u8], text: &str) -> bool {
    String::from_utf8_lossy(file).contains(text)
}
