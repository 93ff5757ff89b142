//! Unit tests of the index groupings: pinyin order, letters, office levels and tenure, the
//! district tree.

use super::*;
use crate::content::{Report, load_bytes};
use std::path::PathBuf;

const SITE: &str = "title = \"t\"\nbase_url = \"https://e.org\"\n\
    [officials.\"曾立群\"]\nslug = \"zeng-liqun\"\n\
    [officials.\"馮嘉禾\"]\nlevel = \"department\"\n\
    [districts.\"東湖鎮\"]\nparent = \"青石縣\"\n\
    [districts.\"青石縣\"]\nslug = \"qingshi-county\"\n\
    [districts.\"雲溪鄉\"]\nparent = \"青石縣\"\n";

fn config() -> Config {
    Config::parse(SITE).unwrap()
}

fn report(file: &str, date: &str, officials: &str, districts: &str) -> Report {
    let text = format!(
        "---\ntitle: {file}\ndate: {date}\nofficials: {officials}\ndistricts: {districts}\n---\n正文。\n"
    );
    let path = PathBuf::from(format!("content/{file}.md"));
    let (r, problems) = load_bytes(text.as_bytes(), path, &config());
    assert!(problems.is_empty(), "{problems:?}");
    r.unwrap()
}

fn archive(reports: Vec<Report>) -> Archive {
    Archive::new(reports, &config()).0
}

fn names(archive: &Archive, places: &[OfficialPlace]) -> Vec<(String, OfficeLevel, bool)> {
    places
        .iter()
        .map(|p| (archive.officials[p.index].name.clone(), p.level, p.current))
        .collect()
}

#[test]
fn officials_are_grouped_by_level_then_tenure_then_pinyin() {
    let a = archive(vec![
        report(
            "a",
            "2025-06-01",
            "[{name: 林靜怡, role: 市長}, {name: 陳建國, role: 副市長}]",
            "[]",
        ),
        report(
            "b",
            "2025-05-01",
            "[{name: 曾立群, role: 南岸區區長}, {name: 李明, role: 副市長}]",
            "[]",
        ),
        report(
            "c",
            "2023-01-10",
            "[{name: 王強, role: 市長}, {name: 馮嘉禾, role: 省水利廳副廳長}]",
            "[]",
        ),
        report(
            "d",
            "2024-06-02",
            "[{name: 鄭宏遠, role: 市委書記}, 無名氏]",
            "[]",
        ),
        report("e", "2024-05-01", "[{name: 何俊彥, role: 區長}]", "[]"),
    ]);
    let places = official_places(&a, &config());
    let got = names(&a, &places);
    let expected = [
        // City: current ones by pinyin (chen, li, lin, zheng: 鄭宏遠 was last named on 2024-06-02,
        // within the year before 2025-06-01), then former: 王強, mayor until 林靜怡 was.
        ("陳建國", OfficeLevel::City, true),
        ("李明", OfficeLevel::City, true),
        ("林靜怡", OfficeLevel::City, true),
        ("鄭宏遠", OfficeLevel::City, true),
        ("王強", OfficeLevel::City, false),
        // `曾` sorts as zeng (the registry's slug), a bare 區長 is a district leader.
        ("曾立群", OfficeLevel::District, true),
        ("何俊彥", OfficeLevel::District, false),
        // The registry's `level` wins over the role's (a provincial deputy head).
        ("馮嘉禾", OfficeLevel::Department, false),
        ("無名氏", OfficeLevel::Other, true),
    ];
    let expected: Vec<(String, OfficeLevel, bool)> = expected
        .iter()
        .map(|(n, l, c)| (n.to_string(), *l, *c))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn tenure_counts_the_year_before_the_newest_report_inclusively() {
    let a = archive(vec![
        report("a", "2025-06-01", "[{name: 林靜怡, role: 市長}]", "[]"),
        report("b", "2024-06-01", "[{name: 陳建國, role: 副市長}]", "[]"),
        report("c", "2024-05-31", "[{name: 王淑芬, role: 副市長}]", "[]"),
    ]);
    let got = names(&a, &official_places(&a, &config()));
    let current: Vec<(&str, bool)> = got.iter().map(|(n, _, c)| (n.as_str(), *c)).collect();
    assert_eq!(
        current,
        [("陳建國", true), ("林靜怡", true), ("王淑芬", false)]
    );
}

#[test]
fn letters_come_from_slugs() {
    let a = archive(vec![report(
        "a",
        "2025-06-01",
        "[曾立群, 林靜怡, 2024專班]",
        "[]",
    )]);
    let letters: Vec<(String, char)> = pinyin_order(&a.officials)
        .into_iter()
        .map(|i| (a.officials[i].name.clone(), index_letter(&a.officials[i])))
        .collect();
    assert_eq!(
        letters,
        [
            ("2024專班".to_string(), '#'),
            ("林靜怡".to_string(), 'L'),
            ("曾立群".to_string(), 'Z'),
        ]
    );
}

#[test]
fn districts_nest_under_registry_parents_and_known_gazetteer_parents() {
    let a = archive(vec![
        report("a", "2025-06-01", "[]", "[東湖鎮, 雲溪鄉, 睢寧縣]"),
        report("b", "2025-05-01", "[]", "[徐州市, 江北區]"),
    ]);
    let tree = DistrictTree::new(&a, &config());
    let show = |n: usize| {
        let node = &tree.nodes[n];
        let children: Vec<&str> = node
            .children
            .iter()
            .map(|&c| tree.nodes[c].name.as_str())
            .collect();
        format!(
            "{}{}[{}]",
            node.name,
            if node.entity.is_some() { "" } else { "*" },
            children.join(",")
        )
    };
    let roots: Vec<String> = tree.roots.iter().map(|&n| show(n)).collect();
    // 青石縣 has no report: a node without a page. 睢寧縣 lies in 徐州市 by the gazetteer (a
    // district of this archive); 江北區 is ambiguous there and stays a root.
    assert_eq!(
        roots,
        ["江北區[]", "青石縣*[東湖鎮,雲溪鄉]", "徐州市[睢寧縣]"]
    );
    let donghu = a.districts.iter().position(|d| d.name == "東湖鎮").unwrap();
    let chain: Vec<&str> = tree
        .ancestors(donghu)
        .iter()
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(chain, ["青石縣"]);
}

#[test]
fn a_gazetteer_parent_never_closes_a_loop_with_the_registry() {
    let site = format!("{SITE}[districts.\"徐州市\"]\nparent = \"睢寧縣\"\n");
    let config = Config::parse(&site).unwrap();
    let a = Archive::new(
        vec![report("a", "2025-06-01", "[]", "[徐州市, 睢寧縣]")],
        &config,
    )
    .0;
    let tree = DistrictTree::new(&a, &config);
    let roots: Vec<&str> = tree
        .roots
        .iter()
        .map(|&n| tree.nodes[n].name.as_str())
        .collect();
    assert_eq!(roots.len(), 1, "{roots:?}");
}
