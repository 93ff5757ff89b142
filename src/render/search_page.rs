//! The search page's context: the officials, districts and years its filters offer.

use super::contexts::{Rendered, Shared, template_fields};
use super::page::Page;
use crate::archive::EntityKind;
use serde::Serialize;

#[derive(Serialize)]
struct SearchFilter<'a> {
    name: &'a str,
    slug: &'a str,
    path: String,
    count: usize,
}

#[derive(Serialize)]
struct YearCount {
    year: i32,
    count: usize,
}

struct SearchFields<'a> {
    officials: Vec<SearchFilter<'a>>,
    districts: Vec<SearchFilter<'a>>,
    years: Vec<YearCount>,
}

template_fields!(SearchFields<'_>; officials, districts, years);

pub(super) fn render(page: &Page, s: &Shared) -> Rendered {
    let a = s.archive;
    let filters = |kind: EntityKind| -> Vec<SearchFilter> {
        let entities = a.entities(kind).iter();
        entities
            .map(|e| SearchFilter {
                name: &e.name,
                slug: &e.slug,
                path: e.path(),
                count: e.reports.len(),
            })
            .collect()
    };
    let years = a.years.iter().map(|y| YearCount {
        year: y.year,
        count: y.reports.len(),
    });
    let fields = SearchFields {
        officials: filters(EntityKind::Official),
        districts: filters(EntityKind::District),
        years: years.collect(),
    };
    let meta = s.meta(
        page,
        "search",
        s.renderer.locale.strings()["search"].to_string(),
    );
    s.page(page, meta, fields)
}
