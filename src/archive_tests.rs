//! Unit tests of the archive indexes (kept beside archive.rs to keep that file short).

use super::*;
use crate::content::load_bytes;
use std::path::PathBuf;

fn config() -> Config {
    Config::parse(
        "title = \"t\"\nbase_url = \"https://e.org\"\n\
         [officials.\"林靜怡\"]\nslug = \"lin-jingyi\"\naliases = [\"林靜儀\"]\n\
         [districts.\"江北區\"]\nslug = \"jiangbei\"\n",
    )
    .unwrap()
}

fn report(file: &str, date: &str, officials: &str, districts: &str, tags: &str) -> Report {
    let text = format!(
        "---\ntitle: {file}\ndate: {date}\nofficials: {officials}\ndistricts: {districts}\ntags: {tags}\n---\n正文。\n"
    );
    let (r, problems) = load_bytes(
        text.as_bytes(),
        PathBuf::from(format!("content/{file}.md")),
        &config(),
    );
    assert!(problems.is_empty(), "{problems:?}");
    r.unwrap()
}

fn sample() -> (Archive, Vec<Diagnostic>) {
    let reports = vec![
        report(
            "a",
            "2023-12-30",
            "[{name: 林靜怡, role: 副市長}, 陳建國]",
            "[江北區]",
            "[民生]",
        ),
        report(
            "b",
            "2024-03-14",
            "[{name: 林靜儀, role: 市長}]",
            "[江北區, 南岸區]",
            "[城市更新]",
        ),
        report(
            "c",
            "2024-03-14",
            "[陳建國]",
            "[南岸區]",
            "[城市更新, 民生]",
        ),
        report(
            "d",
            "2024-01-05",
            "[{name: 林靜怡, role: 市長}, 陳建國]",
            "[江北區]",
            "[]",
        ),
    ];
    Archive::new(reports, &config())
}

fn slugs(archive: &Archive, ids: &[usize]) -> Vec<String> {
    ids.iter()
        .map(|&i| archive.reports[i].slug.clone())
        .collect()
}

#[test]
fn reports_are_newest_first_with_a_stable_tie_break() {
    let (a, problems) = sample();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(slugs(&a, &[0, 1, 2, 3]), ["b", "c", "d", "a"]);
}

#[test]
fn date_tree_groups_years_months_days() {
    let (a, _) = sample();
    let years: Vec<i32> = a.years.iter().map(|y| y.year).collect();
    assert_eq!(years, [2024, 2023]);
    let y2024 = &a.years[0];
    assert_eq!(
        y2024.months.iter().map(|m| m.month).collect::<Vec<_>>(),
        [3, 1]
    );
    assert_eq!(slugs(&a, &y2024.months[0].days[0].reports), ["b", "c"]);
    assert_eq!(slugs(&a, &y2024.reports), ["b", "c", "d"]);
}

#[test]
fn entities_list_exactly_their_reports_and_use_registry_slugs() {
    let (a, _) = sample();
    let lin = a.entity(EntityKind::Official, "林靜怡").unwrap();
    assert_eq!(lin.slug, "lin-jingyi");
    assert_eq!(slugs(&a, &lin.reports), ["b", "d", "a"]);
    assert_eq!(lin.path(), "officials/lin-jingyi/");
    let chen = a.entity(EntityKind::Official, "陳建國").unwrap();
    assert_eq!(chen.slug, "chen-jian-guo");
    assert_eq!(slugs(&a, &chen.reports), ["c", "d", "a"]);
    let jiangbei = a.entity(EntityKind::District, "江北區").unwrap();
    assert_eq!(slugs(&a, &jiangbei.reports), ["b", "d", "a"]);
    let renewal = a.entity(EntityKind::Tag, "城市更新").unwrap();
    assert_eq!(renewal.slug, "cheng-shi-geng-xin");
    assert_eq!(slugs(&a, &renewal.reports), ["b", "c"]);
    // Most reports first.
    assert_eq!(a.districts[0].name, "江北區");
}

#[test]
fn roles_over_time_and_related_entities() {
    let (a, _) = sample();
    let lin = a.entity(EntityKind::Official, "林靜怡").unwrap();
    let roles: Vec<(&str, String, String, usize)> = lin
        .roles
        .iter()
        .map(|r| (r.role.as_str(), r.first.iso(), r.last.iso(), r.count))
        .collect();
    assert_eq!(
        roles,
        [
            ("市長", "2024-01-05".into(), "2024-03-14".into(), 2),
            ("副市長", "2023-12-30".into(), "2023-12-30".into(), 1)
        ]
    );
    let top: Vec<(&str, usize)> = lin
        .top_officials
        .iter()
        .map(|&(i, n)| (a.officials[i].name.as_str(), n))
        .collect();
    assert_eq!(top, [("陳建國", 2)]);
    let top_districts: Vec<(&str, usize)> = lin
        .top_districts
        .iter()
        .map(|&(i, n)| (a.districts[i].name.as_str(), n))
        .collect();
    assert_eq!(top_districts, [("江北區", 3), ("南岸區", 1)]);
}

#[test]
fn two_reports_on_one_url_name_both_files() {
    let mut one = report("same", "2024-03-14", "[]", "[]", "[]");
    let mut two = one.clone();
    one.source = "content/x/same.md".into();
    two.source = "content/y/same.md".into();
    let (_, problems) = Archive::new(vec![one, two], &config());
    assert_eq!(problems.len(), 1);
    let message = &problems[0].message;
    assert!(
        message.contains("content/x/same.md") && message.contains("content/y/same.md"),
        "{message}"
    );
}

#[test]
fn two_entities_on_one_slug_is_an_error() {
    // 江北 and 江貝 both transliterate to jiang-bei.
    let reports = vec![
        report("p", "2024-01-01", "[]", "[江貝]", "[]"),
        report("q", "2024-01-02", "[]", "[江北]", "[]"),
    ];
    let (_, problems) = Archive::new(reports, &config());
    assert!(
        problems.iter().any(|p| p.is_error()
            && p.message
                .contains("would share the URL `/districts/jiang-bei/`")),
        "{problems:?}"
    );
}

#[test]
fn heteronym_names_warn() {
    let reports = vec![report("h", "2024-01-01", "[曾長安]", "[]", "[]")];
    let (_, problems) = Archive::new(reports, &config());
    assert!(
        problems
            .iter()
            .any(|p| !p.is_error() && p.message.contains("may be misread")),
        "{problems:?}"
    );
}
