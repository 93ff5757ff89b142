//! The pages of the site, described once: [`pages`] turns the archive into one [`Page`] per
//! output (an HTML page, a feed, the sitemap, the search index…), and everything that asks
//! "which pages are there?" iterates that list — rendering ([`super::contexts`]), the sitemap,
//! the progress bar's count, and the preview's partial rebuilds ("which pages show this
//! report?", [`Page::shows_change`]).
//!
//! Adding a page type is one [`PageKind`] variant, one entry in [`pages`] (its path, template,
//! sitemap entry and the reports it shows) and its context in `contexts.rs`, plus the template.

use crate::archive::{Archive, EntityKind};
use crate::config::Config;
use crate::urls;
use std::ops::Range;

mod data_files;
pub use data_files::DataFile;
use data_files::data_pages;

mod lists;
use lists::{all_reports_pages, date_pages, entity_pages};

/// Reports shown on the home page.
pub const HOME_LATEST: usize = 10;

/// What a page is, with the positions that find its data in the [`Archive`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Report(usize),
    Year {
        year: usize,
        page: usize,
    },
    Month {
        year: usize,
        month: usize,
        page: usize,
    },
    Day {
        year: usize,
        month: usize,
        day: usize,
        page: usize,
    },
    Archive,
    /// Page `page` of the list of every report (`reports/`).
    AllReports {
        page: usize,
    },
    EntityIndex(EntityKind),
    Entity {
        kind: EntityKind,
        index: usize,
        page: usize,
    },
    Search,
    NotFound,
    SiteFeed,
    EntityFeed {
        kind: EntityKind,
        index: usize,
    },
    /// `feed.json` (JSON Feed 1.1) of the whole site.
    SiteJsonFeed,
    EntityJsonFeed {
        kind: EntityKind,
        index: usize,
    },
    /// `calendar.ics` of the whole site.
    SiteCalendar,
    EntityCalendar {
        kind: EntityKind,
        index: usize,
    },
    Sitemap,
    Robots,
    ThemeStatic,
    SearchIndex,
    /// A file of the open data sets under `data/`.
    Data(DataFile),
}

/// A list of reports of the archive (positions in newest-first order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// The whole archive.
    All,
    Year(usize),
    Month(usize, usize),
    Day(usize, usize, usize),
    Entity(EntityKind, usize),
}

impl List {
    /// True when the list holds report `i` at one of the positions `range` (of the list).
    fn holds(&self, archive: &Archive, range: Range<usize>, i: usize) -> bool {
        let ids: &[usize] = match *self {
            List::All => return range.contains(&i),
            List::Year(y) => &archive.years[y].reports,
            List::Month(y, m) => &archive.years[y].months[m].reports,
            List::Day(y, m, d) => &archive.years[y].months[m].days[d].reports,
            List::Entity(kind, index) => &archive.entities(kind)[index].reports,
        };
        ids[range.start.min(ids.len())..range.end.min(ids.len())].contains(&i)
    }
}

/// The reports whose content a page shows: what an edit of one report must render again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shows {
    /// Nothing that a report's title, summary or body changes (indexes of names, the sitemap).
    Nothing,
    /// A report page: the report's body and card, its neighbours' cards (newer, older) and
    /// the cards of its related reports (`Archive::related`).
    Report(usize),
    /// Cards (title, summary…) of the reports at `range` of `list`.
    Cards { list: List, range: Range<usize> },
    /// Whole reports of a list (a feed carries their bodies).
    Bodies(List),
    /// Built from every report at once (the search index): the preview redoes it with its
    /// full render after a patch, never within one.
    Everything,
}

/// Where a page stands in the sitemap: its group (the sitemap lists groups in order) and the
/// date of its newest report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapEntry {
    pub group: u8,
    pub lastmod: Option<String>,
}

/// One output of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub kind: PageKind,
    /// Site-relative URL path: `2024/03/` for an HTML page (written as its `index.html`), or a
    /// file (`feed.xml`); empty for the home page and for outputs of several files.
    pub path: String,
    /// The Tera template of an HTML page; `None` for files annals writes itself.
    pub template: Option<&'static str>,
    pub sitemap: Option<SitemapEntry>,
    pub shows: Shows,
}

impl Page {
    /// True for a page a reader visits (counted in summaries and progress bars).
    pub fn is_html(&self) -> bool {
        self.template.is_some()
    }

    /// The file the page is written to: `index.html` inside a page's folder, or the file itself.
    pub fn file(&self) -> String {
        if self.path.is_empty() || self.path.ends_with('/') {
            urls::page_file(&self.path)
        } else {
            self.path.clone()
        }
    }

    /// True for a file made from the whole archive at once (a data set, the site's feeds and
    /// calendar, the sitemap): one such file takes as long as hundreds of pages.
    pub fn is_site_wide_file(&self) -> bool {
        matches!(
            self.kind,
            PageKind::Data(_)
                | PageKind::SiteCalendar
                | PageKind::SiteFeed
                | PageKind::SiteJsonFeed
                | PageKind::Sitemap
        )
    }

    /// True when this page must be rendered again after report `i` changed (`card` when its
    /// title or summary did, not only its body).
    pub fn shows_change(&self, archive: &Archive, i: usize, card: bool) -> bool {
        match &self.shows {
            Shows::Nothing | Shows::Everything => false,
            Shows::Report(j) => {
                let related = || archive.related.get(*j).is_some_and(|r| r.contains(&i));
                *j == i || (card && (j + 1 == i || *j == i + 1 || related()))
            }
            Shows::Cards { list, range } => card && list.holds(archive, range.clone(), i),
            Shows::Bodies(list) => list.holds(archive, 0..usize::MAX, i),
        }
    }
}

fn pages_of(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page).max(1)
}

/// Sitemap groups, in the order the sitemap lists them.
const GROUP_HOME: u8 = 0;
const GROUP_ARCHIVE: u8 = 1;
const GROUP_DATES: u8 = 2;
const GROUP_ENTITIES: u8 = 3;
const GROUP_SEARCH: u8 = 4;
const GROUP_REPORTS: u8 = 5;

fn in_sitemap(group: u8, lastmod: Option<String>) -> Option<SitemapEntry> {
    Some(SitemapEntry { group, lastmod })
}

/// Every page of the site, in a fixed order. `has_search_page`: the theme has `search.html`.
pub fn pages(archive: &Archive, config: &Config, has_search_page: bool) -> Vec<Page> {
    let mut pages = fixed_pages(archive);
    let every_report = Shows::Bodies(List::All);
    if config.outputs.json_feeds {
        let json_feed = file(
            PageKind::SiteJsonFeed,
            urls::SITE_JSON_FEED,
            every_report.clone(),
        );
        pages.push(json_feed);
    }
    if config.outputs.calendars {
        pages.push(file(
            PageKind::SiteCalendar,
            urls::SITE_CALENDAR,
            every_report,
        ));
    }
    pages.extend(archive.reports.iter().enumerate().map(|(i, r)| Page {
        kind: PageKind::Report(i),
        path: r.path(),
        template: Some("report.html"),
        sitemap: in_sitemap(GROUP_REPORTS, Some(r.date.iso())),
        shows: Shows::Report(i),
    }));
    date_pages(archive, config.paginate, &mut pages);
    all_reports_pages(archive, config.paginate, &mut pages);
    entity_pages(archive, config, &mut pages);
    if config.search {
        if has_search_page {
            let sitemap = in_sitemap(GROUP_SEARCH, None);
            pages.push(html(
                PageKind::Search,
                urls::SEARCH,
                "search.html",
                sitemap,
                Shows::Nothing,
            ));
        }
        pages.push(file(
            PageKind::SearchIndex,
            urls::SEARCH_DATA,
            Shows::Everything,
        ));
    }
    data_pages(config, &mut pages);
    pages
}

fn html(
    kind: PageKind,
    path: &str,
    template: &'static str,
    sitemap: Option<SitemapEntry>,
    shows: Shows,
) -> Page {
    Page {
        kind,
        path: path.to_string(),
        template: Some(template),
        sitemap,
        shows,
    }
}

fn file(kind: PageKind, path: &str, shows: Shows) -> Page {
    Page {
        kind,
        path: path.to_string(),
        template: None,
        sitemap: None,
        shows,
    }
}

/// The pages every site has, whatever its reports.
fn fixed_pages(archive: &Archive) -> Vec<Page> {
    let latest = archive.reports.first().map(|r| r.date.iso());
    let home_cards = Shows::Cards {
        list: List::All,
        range: 0..HOME_LATEST,
    };
    vec![
        html(
            PageKind::Home,
            urls::HOME,
            "index.html",
            in_sitemap(GROUP_HOME, latest),
            home_cards,
        ),
        html(
            PageKind::Archive,
            urls::ARCHIVE,
            "archive.html",
            in_sitemap(GROUP_ARCHIVE, None),
            Shows::Nothing,
        ),
        html(
            PageKind::NotFound,
            urls::NOT_FOUND,
            "404.html",
            None,
            Shows::Nothing,
        ),
        file(
            PageKind::SiteFeed,
            urls::SITE_FEED,
            Shows::Bodies(List::All),
        ),
        file(PageKind::Sitemap, urls::SITEMAP, Shows::Nothing),
        file(PageKind::Robots, urls::ROBOTS, Shows::Nothing),
        file(PageKind::ThemeStatic, "", Shows::Nothing),
    ]
}

/// The sitemap's URLs with their dates, in sitemap order.
pub fn sitemap_entries(pages: &[Page]) -> Vec<(String, Option<String>)> {
    let mut entries: Vec<(u8, &str, Option<&str>)> = pages
        .iter()
        .filter_map(|p| {
            let entry = p.sitemap.as_ref()?;
            Some((entry.group, p.path.as_str(), entry.lastmod.as_deref()))
        })
        .collect();
    entries.sort_by_key(|(group, _, _)| *group);
    entries
        .into_iter()
        .map(|(_, path, date)| (path.to_string(), date.map(str::to_string)))
        .collect()
}

#[cfg(test)]
#[path = "page_tests.rs"]
mod tests;
