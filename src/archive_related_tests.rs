//! Unit tests of the related-report ranking.

use super::*;
use crate::config::Config;
use crate::content::{Report, load_bytes};
use std::path::PathBuf;

fn report(slug: &str, date: &str, officials: &str, districts: &str, tags: &str) -> Report {
    let text = format!(
        "---\ntitle: {slug}\ndate: {date}\nofficials: {officials}\ndistricts: {districts}\ntags: {tags}\n---\n正文。\n"
    );
    let config = Config::parse("title = \"t\"\nbase_url = \"https://e.org\"\n").unwrap();
    let (r, problems) = load_bytes(
        text.as_bytes(),
        PathBuf::from(format!("content/{slug}.md")),
        &config,
    );
    assert!(problems.is_empty(), "{problems:?}");
    r.unwrap()
}

/// The slugs of the reports related to `slug`.
fn related_of(archive: &Archive, slug: &str) -> Vec<String> {
    let i = archive.reports.iter().position(|r| r.slug == slug).unwrap();
    archive.related[i]
        .iter()
        .map(|&j| archive.reports[j].slug.clone())
        .collect()
}

fn archive(reports: Vec<Report>) -> Archive {
    let config = Config::parse("title = \"t\"\nbase_url = \"https://e.org\"\n").unwrap();
    Archive::new(reports, &config).0
}

#[test]
fn officials_outweigh_districts_which_outweigh_tags() {
    let a = archive(vec![
        report("self", "2024-03-14", "[林靜怡]", "[江北區]", "[民生]"),
        report("same-tag", "2024-03-14", "[]", "[]", "[民生]"),
        report("same-district", "2024-01-01", "[]", "[江北區]", "[]"),
        report("same-official", "2020-01-01", "[林靜怡]", "[]", "[]"),
        report("district-and-tag", "2022-01-01", "[]", "[江北區]", "[民生]"),
        report("unrelated", "2024-03-14", "[陳建國]", "[南岸區]", "[交通]"),
    ]);
    // An official (3) ties with a district and a tag (2 + 1): the nearer date wins.
    assert_eq!(
        related_of(&a, "self"),
        [
            "district-and-tag",
            "same-official",
            "same-district",
            "same-tag"
        ]
    );
    assert!(related_of(&a, "unrelated").is_empty());
}

#[test]
fn at_most_five_never_itself_ties_by_date_then_path() {
    let mut reports = vec![report("self", "2024-03-14", "[]", "[]", "[民生]")];
    for (slug, date) in [
        ("f", "2024-03-10"),
        ("e", "2024-03-18"),
        ("d", "2024-03-13"),
        ("c", "2024-03-15"),
        ("b", "2024-02-01"),
        ("a", "2024-03-10"),
        ("z", "2024-03-14"),
    ] {
        reports.push(report(slug, date, "[]", "[]", "[民生]"));
    }
    let a = archive(reports);
    // Same day first; one day off (13th, 15th: by URL path); four days off (10th twice, 18th).
    assert_eq!(related_of(&a, "self"), ["z", "d", "c", "a", "f"]);
    for (i, related) in a.related.iter().enumerate() {
        assert!(related.len() <= RELATED_REPORTS);
        assert!(!related.contains(&i), "a report is never related to itself");
    }
}

#[test]
fn candidates_are_capped_to_the_nearest_in_each_entity() {
    // 100 reports on one tag, one a day; the last also shares an official with the first.
    let mut reports = Vec::new();
    for n in 0..100u32 {
        let date = format!("2024-{:02}-{:02}", 1 + n / 28, 1 + n % 28);
        let officials = if n == 0 || n == 99 {
            "[林靜怡]"
        } else {
            "[]"
        };
        reports.push(report(&format!("r{n}"), &date, officials, "[]", "[民生]"));
    }
    let a = archive(reports);
    let related = related_of(&a, "r0");
    // The official's list brings r99 in although the tag's window stops long before it.
    assert_eq!(related[0], "r99");
    assert_eq!(related[1..], ["r1", "r2", "r3", "r4"]);
    let i = a.reports.iter().position(|r| r.slug == "r50").unwrap();
    let nearest: Vec<usize> = a.related[i].clone();
    assert!(
        nearest.iter().all(|&j| a.reports[j]
            .date
            .day_number()
            .abs_diff(a.reports[i].date.day_number())
            <= 3),
        "the nearest in date among equals"
    );
}

#[test]
fn the_same_reports_give_the_same_ranking_in_any_order() {
    let make = || {
        vec![
            report("a", "2024-01-01", "[林靜怡]", "[江北區]", "[]"),
            report("b", "2024-01-01", "[林靜怡]", "[南岸區]", "[]"),
            report("c", "2024-01-02", "[林靜怡]", "[江北區]", "[民生]"),
            report("d", "2024-01-02", "[陳建國]", "[江北區]", "[民生]"),
        ]
    };
    let forward = archive(make());
    let mut reversed = make();
    reversed.reverse();
    let backward = archive(reversed);
    assert_eq!(forward.related, backward.related);
    // a shares an official and a district (5); d (a district and a tag) and b (an official)
    // both weigh 3, and d is a day nearer.
    assert_eq!(related_of(&forward, "c"), ["a", "d", "b"]);
}

#[test]
fn the_path_order_is_the_order_of_the_formatted_paths() {
    // `a` before `a-b` as slugs, but `a-b/` before `a/` as paths: the path decides.
    let reports = [
        report("a", "2023-07-04", "", "", ""),
        report("a-b", "2023-07-04", "", "", ""),
        report("a0", "2023-07-04", "", "", ""),
        report("z", "2023-07-03", "", "", ""),
        report("a", "2023-10-01", "", "", ""),
    ];
    for x in &reports {
        for y in &reports {
            assert_eq!(
                super::path_order(x, y),
                x.path().cmp(&y.path()),
                "{} against {}",
                x.path(),
                y.path()
            );
        }
    }
}
