//! The paginated lists of the page list: date pages (year, month, day), the list of every
//! report, and entity pages (indexes, one page per official, district and tag, with their feeds
//! and calendars).

use super::*;

/// The pages of one paginated list: `base`, `base/page/2/`, …; page 1 goes into the sitemap.
fn list_pages(
    per: usize,
    ids: usize,
    base: &str,
    template: &'static str,
    list: List,
    sitemap: Option<SitemapEntry>,
    kind_of_page: impl Fn(usize) -> PageKind,
) -> impl Iterator<Item = Page> {
    let base = base.to_string();
    (1..=pages_of(ids, per)).map(move |page| Page {
        kind: kind_of_page(page),
        path: urls::list_page(&base, page),
        template: Some(template),
        sitemap: if page == 1 { sitemap.clone() } else { None },
        shows: Shows::Cards {
            list,
            range: (page - 1) * per..page * per,
        },
    })
}

pub(super) fn date_pages(archive: &Archive, per: usize, pages: &mut Vec<Page>) {
    let dates = in_sitemap(GROUP_DATES, None);
    for (y, year) in archive.years.iter().enumerate() {
        let base = urls::year(year.year);
        pages.extend(list_pages(
            per,
            year.reports.len(),
            &base,
            "year.html",
            List::Year(y),
            dates.clone(),
            |page| PageKind::Year { year: y, page },
        ));
        for (m, month) in year.months.iter().enumerate() {
            let base = urls::month(year.year, month.month);
            let list = List::Month(y, m);
            pages.extend(list_pages(
                per,
                month.reports.len(),
                &base,
                "month.html",
                list,
                dates.clone(),
                |page| PageKind::Month {
                    year: y,
                    month: m,
                    page,
                },
            ));
            for (d, day) in month.days.iter().enumerate() {
                let date = crate::content::Date {
                    year: year.year,
                    month: month.month,
                    day: day.day,
                };
                let list = List::Day(y, m, d);
                pages.extend(list_pages(
                    per,
                    day.reports.len(),
                    &urls::day(date),
                    "day.html",
                    list,
                    None,
                    |page| PageKind::Day {
                        year: y,
                        month: m,
                        day: d,
                        page,
                    },
                ));
            }
        }
    }
}

/// The list of every report, newest first: `reports/`, `reports/page/2/`, …
pub(super) fn all_reports_pages(archive: &Archive, per: usize, pages: &mut Vec<Page>) {
    pages.extend(list_pages(
        per,
        archive.reports.len(),
        urls::REPORTS,
        "reports.html",
        List::All,
        in_sitemap(GROUP_ARCHIVE, archive.reports.first().map(|r| r.date.iso())),
        |page| PageKind::AllReports { page },
    ));
}

pub(super) fn entity_pages(archive: &Archive, config: &Config, pages: &mut Vec<Page>) {
    let per = config.paginate;
    for kind in [EntityKind::Official, EntityKind::District, EntityKind::Tag] {
        let (index_template, template) = match kind {
            EntityKind::Official => ("officials.html", "official.html"),
            EntityKind::District => ("districts.html", "district.html"),
            EntityKind::Tag => ("tags.html", "tag.html"),
        };
        pages.push(Page {
            kind: PageKind::EntityIndex(kind),
            path: urls::section(kind),
            template: Some(index_template),
            sitemap: in_sitemap(GROUP_ENTITIES, None),
            shows: Shows::Nothing,
        });
        for (index, entity) in archive.entities(kind).iter().enumerate() {
            let lastmod = entity
                .reports
                .first()
                .map(|&i| archive.reports[i].date.iso());
            let sitemap = in_sitemap(GROUP_ENTITIES, lastmod);
            let list = List::Entity(kind, index);
            let path = entity.path();
            pages.extend(list_pages(
                per,
                entity.reports.len(),
                &path,
                template,
                list,
                sitemap,
                |page| PageKind::Entity { kind, index, page },
            ));
            if kind != EntityKind::Tag {
                pages.push(Page {
                    kind: PageKind::EntityFeed { kind, index },
                    path: urls::feed_beside(&path),
                    template: None,
                    sitemap: None,
                    shows: Shows::Bodies(list),
                });
                if config.outputs.json_feeds {
                    pages.push(file(
                        PageKind::EntityJsonFeed { kind, index },
                        &urls::json_feed_beside(&path),
                        Shows::Bodies(list),
                    ));
                }
                if config.outputs.calendars {
                    pages.push(file(
                        PageKind::EntityCalendar { kind, index },
                        &urls::calendar_beside(&path),
                        Shows::Bodies(list),
                    ));
                }
            }
        }
    }
}
