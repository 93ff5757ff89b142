//! What templates see: small serialisable views of reports and entities.
//!
//! Templates never get internal types. Every URL in a view is a site-relative `path` (such as
//! `2024/03/14/slug/`); templates put the page's `root` before it (`{{ root }}{{ r.path }}`), which
//! keeps the site working under any base path and when opened from disk. Report cards are turned
//! into Tera values once and shared by every list page that shows them.

use super::i18n::Locale;
use crate::archive::{Archive, Entity, EntityKind};
use crate::content::Report;
use crate::urls;
use serde::Serialize;

/// A link to an official, district or tag.
#[derive(Debug, Clone, Serialize)]
pub struct EntityLink<'a> {
    pub name: &'a str,
    pub path: String,
    /// The role held in this report (officials on report cards only).
    pub role: Option<&'a str>,
    /// Number of reports naming it (on index pages).
    pub count: Option<usize>,
}

/// A report as it appears in lists (and the base of the report page view).
#[derive(Debug, Serialize)]
pub struct ReportCard<'a> {
    pub title: &'a str,
    pub path: String,
    pub date: String,
    pub date_display: String,
    /// RFC 3339 date-time if the report gave one, else the date.
    pub datetime: String,
    pub summary: &'a str,
    pub officials: Vec<EntityLink<'a>>,
    pub districts: Vec<EntityLink<'a>>,
    pub tags: Vec<EntityLink<'a>>,
}

/// Looks up entity slugs by name, once per build.
pub struct EntityPaths {
    officials: std::collections::HashMap<String, String>,
    districts: std::collections::HashMap<String, String>,
    tags: std::collections::HashMap<String, String>,
}

impl EntityPaths {
    pub fn new(archive: &Archive) -> EntityPaths {
        let map = |list: &[Entity]| list.iter().map(|e| (e.name.clone(), e.path())).collect();
        EntityPaths {
            officials: map(&archive.officials),
            districts: map(&archive.districts),
            tags: map(&archive.tags),
        }
    }

    pub fn path(&self, kind: EntityKind, name: &str) -> String {
        self.get(kind, name).unwrap_or_default().to_string()
    }

    /// The page path of an entity, if the archive has it.
    pub fn get(&self, kind: EntityKind, name: &str) -> Option<&str> {
        let map = match kind {
            EntityKind::Official => &self.officials,
            EntityKind::District => &self.districts,
            EntityKind::Tag => &self.tags,
        };
        map.get(name).map(String::as_str)
    }
}

impl<'a> ReportCard<'a> {
    pub fn new(report: &'a Report, paths: &EntityPaths, locale: Locale) -> ReportCard<'a> {
        let link = |kind, name: &'a str| EntityLink {
            name,
            path: paths.path(kind, name),
            role: None,
            count: None,
        };
        ReportCard {
            title: &report.title,
            path: report.path(),
            date: report.date.iso(),
            date_display: locale.date(report.date),
            datetime: report.datetime.clone().unwrap_or_else(|| report.date.iso()),
            summary: &report.summary,
            officials: report
                .officials
                .iter()
                .map(|a| EntityLink {
                    role: a.role.as_deref(),
                    ..link(EntityKind::Official, &a.name)
                })
                .collect(),
            districts: report
                .districts
                .iter()
                .map(|d| link(EntityKind::District, d))
                .collect(),
            tags: report
                .tags
                .iter()
                .map(|t| link(EntityKind::Tag, t))
                .collect(),
        }
    }
}

/// An entity for index pages and its own page.
#[derive(Debug, Serialize)]
pub struct EntityView<'a> {
    pub kind: &'static str,
    pub name: &'a str,
    pub slug: &'a str,
    pub path: String,
    pub feed_path: Option<String>,
    pub count: usize,
    pub description: Option<&'a str>,
    pub aliases: &'a [String],
    /// The most recent role (officials).
    pub latest_role: Option<&'a str>,
    pub roles: Vec<RoleView<'a>>,
    /// Officials: the reports naming the official without a role, as a row of the roles table
    /// (`role` empty), so that the rows add up to `count`; none when every report gives one.
    pub without_role: Option<RoleView<'a>>,
    pub top_districts: Vec<EntityLink<'a>>,
    pub top_officials: Vec<EntityLink<'a>>,
    pub first_date: String,
    pub last_date: String,
    pub first_date_display: String,
    pub last_date_display: String,
}

#[derive(Debug, Serialize)]
pub struct RoleView<'a> {
    pub role: &'a str,
    pub first: String,
    pub last: String,
    pub first_display: String,
    pub last_display: String,
    pub count: usize,
}

impl<'a> EntityView<'a> {
    pub fn new(entity: &'a Entity, archive: &'a Archive, locale: Locale) -> EntityView<'a> {
        let related = |list: &[(usize, usize)], kind: EntityKind| -> Vec<EntityLink<'a>> {
            list.iter()
                .map(|&(i, count)| {
                    let e = &archive.entities(kind)[i];
                    EntityLink {
                        name: &e.name,
                        path: e.path(),
                        role: None,
                        count: Some(count),
                    }
                })
                .collect()
        };
        let date_of = |i: Option<&usize>| {
            i.map(|&i| archive.reports[i].date.iso())
                .unwrap_or_default()
        };
        let shown = |i: Option<&usize>| {
            i.map(|&i| locale.date(archive.reports[i].date))
                .unwrap_or_default()
        };
        EntityView {
            kind: entity.kind.section(),
            name: &entity.name,
            slug: &entity.slug,
            path: entity.path(),
            feed_path: (entity.kind != EntityKind::Tag)
                .then(|| crate::urls::feed_beside(&entity.path())),
            count: entity.reports.len(),
            description: entity.description.as_deref(),
            aliases: &entity.aliases,
            latest_role: entity.roles.first().map(|r| r.role.as_str()),
            roles: entity
                .roles
                .iter()
                .map(|r| RoleView {
                    role: &r.role,
                    first: r.first.iso(),
                    last: r.last.iso(),
                    first_display: locale.date(r.first),
                    last_display: locale.date(r.last),
                    count: r.count,
                })
                .collect(),
            without_role: without_role(entity, archive, locale),
            top_districts: related(&entity.top_districts, EntityKind::District),
            top_officials: related(&entity.top_officials, EntityKind::Official),
            first_date: date_of(entity.reports.last()),
            last_date: date_of(entity.reports.first()),
            first_date_display: shown(entity.reports.last()),
            last_date_display: shown(entity.reports.first()),
        }
    }
}

/// The reports of an official that give no role for them (newest first in `entity.reports`).
fn without_role<'a>(entity: &Entity, archive: &Archive, locale: Locale) -> Option<RoleView<'a>> {
    if entity.kind != EntityKind::Official {
        return None;
    }
    let mut dates = (entity.reports.iter()).filter_map(|&r| {
        let report = &archive.reports[r];
        let mut own = report.officials.iter().filter(|o| o.name == entity.name);
        own.all(|o| o.role.is_none()).then_some(report.date)
    });
    let last = dates.next()?;
    let (first, count) = dates.fold((last, 1), |(_, n), date| (date, n + 1));
    Some(RoleView {
        role: "",
        first: first.iso(),
        last: last.iso(),
        first_display: locale.date(first),
        last_display: locale.date(last),
        count,
    })
}

/// One link of a paginator.
#[derive(Debug, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub path: String,
    pub current: bool,
}

/// Pagination of a list: paths are site-relative like every other path.
#[derive(Debug, Serialize)]
pub struct Paginator {
    pub current: usize,
    pub total: usize,
    pub first: String,
    pub last: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// A window of page links around the current page.
    pub pages: Vec<PageLink>,
    /// Number of the first report shown (1-based) and of all reports in the list.
    pub first_item: usize,
    pub total_items: usize,
}

impl Paginator {
    pub fn new(
        base: &str,
        current: usize,
        total: usize,
        per_page: usize,
        total_items: usize,
    ) -> Paginator {
        let window_start = current.saturating_sub(2).max(1);
        let window_end = (current + 2).min(total);
        Paginator {
            current,
            total,
            first: urls::list_page(base, 1),
            last: urls::list_page(base, total),
            previous: (current > 1).then(|| urls::list_page(base, current - 1)),
            next: (current < total).then(|| urls::list_page(base, current + 1)),
            pages: (window_start..=window_end)
                .map(|n| PageLink {
                    number: n,
                    path: urls::list_page(base, n),
                    current: n == current,
                })
                .collect(),
            first_item: (current - 1) * per_page + 1,
            total_items,
        }
    }
}

/// A year with its months, for the archive page and the home page.
#[derive(Debug, Serialize)]
pub struct YearView {
    pub year: i32,
    pub label: String,
    pub path: String,
    pub count: usize,
    /// The count with its unit: `24 篇報導`.
    pub count_label: String,
    /// All twelve months, `count` 0 where nothing was published (a calendar grid).
    pub months: Vec<MonthView>,
}

#[derive(Debug, Serialize)]
pub struct MonthView {
    pub month: u8,
    pub label: String,
    pub path: Option<String>,
    pub count: usize,
    pub count_label: String,
}

pub fn years(archive: &Archive, locale: Locale) -> Vec<YearView> {
    (archive.years.iter()).map(|y| year(y, locale)).collect()
}

/// The view of one year of the archive (as [`years`] shows it).
pub fn year(y: &crate::archive::YearIndex, locale: Locale) -> YearView {
    YearView {
        year: y.year,
        label: locale.year(y.year),
        path: urls::year(y.year),
        count: y.reports.len(),
        count_label: locale.report_count(y.reports.len()),
        months: (1..=12u8)
            .map(|m| {
                let found = y.months.iter().find(|mi| mi.month == m);
                let count = found.map_or(0, |mi| mi.reports.len());
                MonthView {
                    month: m,
                    label: locale.month(m),
                    path: found.map(|_| urls::month(y.year, m)),
                    count,
                    count_label: locale.report_count(count),
                }
            })
            .collect(),
    }
}
