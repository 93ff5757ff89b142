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

/// A report for the incremental tests: entities drawn from small pools by `seed`.
fn generated(slug: usize, day: u32, seed: u32) -> Report {
    let officials = ["林靜怡", "陳建國", "宋樂偉"];
    let districts = ["江北區", "南岸區", "睢寧縣", "邳州市"];
    let tags = ["民生", "交通", "產業"];
    let pick = |pool: &[&str], bits: u32| -> String {
        let names: Vec<&str> = (pool.iter().enumerate())
            .filter(|(n, _)| bits >> n & 1 == 1)
            .map(|(_, name)| *name)
            .collect();
        format!("[{}]", names.join(", "))
    };
    report(
        &format!("r{slug}"),
        &format!("2024-{:02}-{:02}", 1 + day / 28 % 12, 1 + day % 28),
        &pick(&officials, seed),
        &pick(&districts, seed >> 3),
        &pick(&tags, seed >> 7),
    )
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Whatever reports were added, removed, moved or given other entities since the previous
    /// build, keeping the lists nothing changed around gives what ranking everything gives.
    #[test]
    fn kept_related_reports_are_those_a_full_ranking_gives(
        start in proptest::collection::vec((0u32..60, 0u32..1024), 30..140),
        changes in proptest::collection::vec((0usize..200, 0u32..4, 0u32..60, 0u32..1024), 1..8),
    ) {
        let config = Config::parse("title = \"t\"\nbase_url = \"https://e.org\"\n").unwrap();
        let mut specs: Vec<(usize, u32, u32)> =
            start.iter().enumerate().map(|(n, &(day, seed))| (n, day, seed)).collect();
        let build = |specs: &[(usize, u32, u32)], known| {
            let reports = specs.iter().map(|&(n, day, seed)| generated(n, day, seed)).collect();
            Archive::new_reusing(reports, &config, known).0
        };
        let mut before = build(&specs, None);
        let known = known(&mut before);
        let mut next = specs.len() + 1000;
        for (at, what, day, seed) in changes {
            let at = at % specs.len();
            match what {
                0 => {
                    specs.push((next, day, seed));
                    next += 1;
                }
                1 if specs.len() > 1 => {
                    specs.remove(at);
                }
                2 => specs[at].1 = day,
                _ => specs[at].2 = seed,
            }
        }
        let kept = build(&specs, Some(&known));
        let ranked = build(&specs, None);
        proptest::prop_assert_eq!(kept.related, ranked.related);
    }
}

/// A `generated` seed for the first official, district and tag.
const ONE_OF_EACH: u32 = 1 | 1 << 3 | 1 << 7;

#[test]
fn an_added_report_ranks_only_its_neighbours_again() {
    let specs: Vec<Report> = (0..200)
        .map(|n| generated(n, n as u32, ONE_OF_EACH))
        .collect();
    let config = Config::parse("title = \"t\"\nbase_url = \"https://e.org\"\n").unwrap();
    let mut before = Archive::new(specs.clone(), &config).0;
    let mut known = known(&mut before);
    // A marker no ranking makes: lists kept from `known` still hold it afterwards.
    for list in &mut known.related {
        list.reverse();
    }
    let mut reports = specs;
    reports.push(generated(999, 100, ONE_OF_EACH));
    let after = Archive::new_reusing(reports, &config, Some(&known)).0;
    let ranked = Archive::new(after.reports.clone(), &config).0;
    let differing = (0..after.reports.len())
        .filter(|&i| after.related[i] != ranked.related[i])
        .count();
    // All share one official, district and tag: the reports within reach of the new one in
    // that list are ranked again (and the new one), the rest keep their (reversed) lists.
    let ranked_again = 2 * (CANDIDATES_PER_ENTITY / 2 + 1) + 1;
    assert_eq!(differing, after.reports.len() - ranked_again);
}
