//! The contexts of the home page, the archive page and an entity's pages (official, district,
//! tag): lists of report cards with the counts and top entities around them.

use super::contexts::{Cards, Rendered, Shared, SharedFields, template_fields};
use super::page::{HOME_LATEST, Page};
use super::structured_data;
use super::views::{self, EntityView, YearView};
use crate::archive::EntityKind;
use crate::urls;

struct HomeFields<'a, 'v> {
    years: Vec<YearView>,
    report_count: usize,
    top_officials: Vec<&'v EntityView<'a>>,
    top_districts: Vec<&'v EntityView<'a>>,
    top_tags: Vec<&'v EntityView<'a>>,
    official_count: usize,
    district_count: usize,
}

template_fields!(HomeFields<'_, '_>; years, report_count, top_officials, top_districts, top_tags, official_count, district_count);

pub(super) fn home(page: &Page, s: &Shared) -> Rendered {
    let a = s.archive;
    let locale = s.renderer.locale;
    let top = |kind: EntityKind| -> Vec<&EntityView> {
        let shown = a.entities(kind).len().min(12);
        (0..shown).map(|i| s.entity_view(kind, i)).collect()
    };
    let fields = HomeFields {
        years: views::years(a, locale),
        report_count: a.reports.len(),
        top_officials: top(EntityKind::Official),
        top_districts: top(EntityKind::District),
        top_tags: top(EntityKind::Tag),
        official_count: a.officials.len(),
        district_count: a.districts.len(),
    };
    let latest: Vec<usize> = (0..a.reports.len().min(HOME_LATEST)).collect();
    let cards = Cards {
        reports: Some(latest),
        ..Cards::default()
    };
    let mut meta = s.meta(page, "home", s.config.title.clone());
    meta.alternates
        .extend(structured_data::data_alternates(s.config));
    s.html(page, meta, fields, cards)
}

struct ArchiveFields {
    years: Vec<YearView>,
    report_count: usize,
}

template_fields!(ArchiveFields; years, report_count);

pub(super) fn archive_page(page: &Page, s: &Shared) -> Rendered {
    let t = s.renderer.locale.strings();
    let meta = s.meta(page, "archive", t["archive_title"].to_string());
    let fields = ArchiveFields {
        years: views::years(s.archive, s.renderer.locale),
        report_count: s.archive.reports.len(),
    };
    s.html(page, meta, fields, Cards::default())
}

pub(super) fn entity_page(
    page: &Page,
    s: &Shared,
    kind: EntityKind,
    index: usize,
    n: usize,
) -> Rendered {
    let e = &s.archive.entities(kind)[index];
    let name = page.template.unwrap_or_default().trim_end_matches(".html");
    let mut meta = s.meta(page, name, e.name.clone());
    if kind != EntityKind::Tag {
        let own = structured_data::feed_alternates(s.config, &e.path(), &e.name);
        meta.alternates.extend(own);
    }
    // Every page of the entity's list shares its JSON-LD and fields: made once.
    let parts = s.views.entity_page(kind, index);
    meta.structured_data = (parts.structured_data)
        .get_or_init(|| {
            if !s.config.outputs.structured_data {
                return None;
            }
            let t = s.renderer.locale.strings();
            let crumbs = [
                (t["home"].to_string(), urls::HOME.to_string()),
                (t[kind.section()].to_string(), urls::section(kind)),
                (e.name.clone(), e.path()),
            ];
            match kind {
                EntityKind::Official => Some(structured_data::official(s.config, e, &crumbs)),
                EntityKind::District => Some(structured_data::district(s.config, e, &crumbs)),
                EntityKind::Tag => None,
            }
        })
        .clone();
    let entity = s.entity_view(kind, index);
    let list = (e.path(), n, &e.reports[..]);
    if kind == EntityKind::District {
        let make = || super::index_pages::district_fields(s, index, entity);
        return s.list(
            page,
            (&list.0, n, list.2),
            meta,
            SharedFields {
                parts: &parts.list,
                make,
            },
        );
    }
    let make = || EntityFields { entity };
    s.list(
        page,
        (&list.0, n, list.2),
        meta,
        SharedFields {
            parts: &parts.list,
            make,
        },
    )
}

struct EntityFields<'a, 'v> {
    entity: &'v EntityView<'a>,
}

template_fields!(EntityFields<'_, '_>; entity);
