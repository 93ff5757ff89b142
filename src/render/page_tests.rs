//! Unit tests of the page list: one file per page, the sitemap's order, and which pages an edit
//! of one report touches.

use super::*;
use std::collections::HashSet;

fn demo() -> crate::PartialSite {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::load_partial(root, false, None).expect("the demo archive loads")
}

#[test]
fn every_page_has_its_own_file() {
    let site = demo();
    let pages = pages(&site.archive, &site.config, true);
    let mut files = HashSet::new();
    for page in pages.iter().filter(|p| p.kind != PageKind::ThemeStatic) {
        assert!(files.insert(page.file()), "two pages write {}", page.file());
    }
    assert!(files.contains("index.html") && files.contains("404.html"));
    let reports = pages
        .iter()
        .filter(|p| matches!(p.kind, PageKind::Report(_)))
        .count();
    assert_eq!(reports, site.archive.reports.len());
}

#[test]
fn the_sitemap_lists_home_first_and_reports_last() {
    let site = demo();
    let pages = pages(&site.archive, &site.config, true);
    let entries = sitemap_entries(&pages);
    assert_eq!(entries[0].0, urls::HOME);
    assert_eq!(entries[1].0, urls::ARCHIVE);
    let first_report = site.archive.reports[0].path();
    let at = entries
        .iter()
        .position(|(p, _)| *p == first_report)
        .unwrap();
    assert_eq!(entries.len() - at, site.archive.reports.len());
    // Day pages and later pages of a list are not in the sitemap.
    assert!(entries.iter().all(|(p, _)| !p.contains("/page/")));
}

#[test]
fn an_edit_touches_the_pages_that_show_the_report() {
    let site = demo();
    let a = &site.archive;
    let pages = pages(a, &site.config, true);
    let i = 3;
    let path = a.reports[i].path();
    let body_only: Vec<&Page> = pages
        .iter()
        .filter(|p| p.shows_change(a, i, false))
        .collect();
    assert!(body_only.iter().any(|p| p.path == path));
    assert!(body_only.iter().any(|p| p.kind == PageKind::SiteFeed));
    assert!(
        body_only
            .iter()
            .all(|p| p.template.is_none() || p.path == path)
    );
    let card: Vec<&Page> = pages
        .iter()
        .filter(|p| p.shows_change(a, i, true))
        .collect();
    assert!(card.iter().any(|p| p.kind == PageKind::Home));
    assert!(
        card.iter().any(|p| p.path == a.reports[i - 1].path()),
        "the newer neighbour"
    );
    assert!(
        card.iter()
            .any(|p| p.path == urls::year(a.reports[i].date.year))
    );
    assert!(
        !card
            .iter()
            .any(|p| p.kind == PageKind::Archive || p.kind == PageKind::Sitemap)
    );
}

#[test]
fn a_title_edit_touches_the_report_pages_listing_it_as_related() {
    let site = demo();
    let a = &site.archive;
    let pages = pages(a, &site.config, true);
    let lists = |j: usize, i: usize| a.related[j].contains(&i) && j + 1 != i && j != i + 1;
    let i = a.related[10]
        .iter()
        .copied()
        .find(|&i| lists(10, i))
        .expect("a report related to #10 that is not its neighbour");
    let listing: Vec<usize> = (0..a.reports.len()).filter(|&j| lists(j, i)).collect();
    assert!(listing.contains(&10));
    for j in listing {
        let page = pages
            .iter()
            .find(|p| p.kind == PageKind::Report(j))
            .unwrap();
        assert!(page.shows_change(a, i, true), "report {j} lists {i}");
        assert!(
            !page.shows_change(a, i, false),
            "a body edit does not touch it"
        );
    }
}
