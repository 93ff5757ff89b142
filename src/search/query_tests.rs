//! The query language end to end: a small index built, then answered by the Rust twin of the
//! query script (whole names, quotes and the wide switch, exclusion, pinyin, searched keys).

use super::reference::{self, Index};
use super::tests::doc;
use super::*;

/// Reports naming a mayor, deputies and a senior deputy; every role is a known name.
fn mayors() -> Vec<SearchDoc<'static>> {
    let with_role = |url, text, role| SearchDoc {
        roles: vec![role],
        ..doc(url, vec![], text)
    };
    vec![
        with_role("a/", "市長林靜怡出席。", "市長"),
        with_role("b/", "副市長陳建國講話。", "副市長"),
        with_role("c/", "常務副市長許曉梅主持。", "常務副市長"),
        with_role("d/", "副市長與市長出席江北區會議。", "副市長"),
    ]
}

#[test]
fn a_role_is_not_found_inside_a_longer_role_unless_asked() {
    let docs = mayors();
    let index = Index::new(&build_index(&docs, &[]));
    assert_eq!(index.search("市長").ranked, [3, 0]);
    assert_eq!(index.search("副市長").ranked, [3, 1]);
    assert_eq!(index.search("常务副市长").ranked, [2]);
    // Quotes or the wide switch: every occurrence.
    assert_eq!(index.search("\"市長\"").ranked, [3, 2, 1, 0]);
    assert_eq!(index.search("「市長」").ranked, [3, 2, 1, 0]);
    assert_eq!(index.search_with("市長", true).ranked, [3, 2, 1, 0]);
    // Text that is no known name is a phrase as before.
    assert_eq!(index.search("長林").ranked, [0]);
}

#[test]
fn a_minus_excludes_reports_holding_the_term() {
    let docs = mayors();
    let index = Index::new(&build_index(&docs, &[]));
    assert_eq!(index.search("出席 -江北").ranked, [0]);
    assert_eq!(index.search("出席 -市長").ranked, Vec::<u32>::new());
    assert_eq!(index.search("-副市長").ranked, [2, 0]);
    // A dash inside a piece is a separator, not an exclusion.
    assert_eq!(index.search("市長-林靜怡").ranked, [0]);
}

#[test]
fn full_pinyin_finds_the_reports_of_an_official() {
    let docs = [
        doc("a/", vec!["陳建國"], "會議。"),
        doc("b/", vec![], "陳建國講話。"),
        doc("c/", vec!["林靜怡"], "陳建設。"),
    ];
    let entity = |name, url| SearchEntity {
        kind: EntityKind::Official,
        name,
        aliases: vec![],
        url,
        count: 1,
    };
    let entities = [
        entity("陳建國", "officials/chen-jianguo/"),
        entity("林靜怡", "officials/lin-jingyi/"),
    ];
    let index = Index::new(&build_index(&docs, &entities));
    for query in ["chen jianguo", "chenjianguo", "Chen Jianguo"] {
        assert_eq!(index.search(query).ranked, [0, 1], "{query}");
    }
    assert_eq!(index.search("chen jianguo 講話").ranked, [1]);
    // Initials are suggestions only, not queries.
    assert_eq!(index.search("cjg").ranked, Vec::<u32>::new());
}

#[test]
fn front_matter_fields_are_searched_like_the_title_and_shown_when_marked() {
    let venue = SearchField {
        key: "venue",
        value: "市政府第一會議室",
        shown: true,
    };
    let docs = [
        doc("a/", vec![], "正文。"),
        SearchDoc {
            fields: vec![venue],
            ..doc("b/", vec![], "正文。")
        },
        doc("c/", vec![], "在第一會議室。"),
    ];
    let files = build_index(&docs, &[]);
    let index = Index::new(&files);
    assert_eq!(index.search("第一會議室").ranked, [1, 2], "labels first");
    let meta = reference::payload(&String::from_utf8_lossy(&files[0].1));
    assert_eq!(meta["shown"], serde_json::json!(["venue"]));
}
