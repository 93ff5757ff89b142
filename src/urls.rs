//! Every URL path of the built site, in one place: the URL table of docs/format.md as code.
//!
//! Paths are site-relative and `/`-separated, with no leading slash; a page's path ends with `/`
//! (it is written as `<path>index.html`), a file's does not. Nothing else in annals formats a
//! path of the site, so changing the URL layout is a change here (and in the contract).

use crate::kinds::{Date, EntityKind};

/// The home page.
pub const HOME: &str = "";
/// The date archive (every year with its month grid).
pub const ARCHIVE: &str = "archive/";
/// The list of every report, newest first (paginated: `reports/page/2/`).
pub const REPORTS: &str = "reports/";
/// The search page; its data lives under [`SEARCH_DATA`].
pub const SEARCH: &str = "search/";
/// The search index files.
pub const SEARCH_DATA: &str = "search/data/";
/// The Atom feed of the whole site.
pub const SITE_FEED: &str = "feed.xml";
/// The page served for unknown URLs (a file: it is served at any depth).
pub const NOT_FOUND: &str = "404.html";
/// The sitemap, or the sitemap index past 50,000 URLs.
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// The open data sets: every report, official and district as JSON and CSV.
pub const REPORTS_JSON: &str = "data/reports.json";
pub const REPORTS_CSV: &str = "data/reports.csv";
pub const OFFICIALS_JSON: &str = "data/officials.json";
pub const OFFICIALS_CSV: &str = "data/officials.csv";
pub const DISTRICTS_JSON: &str = "data/districts.json";
pub const DISTRICTS_CSV: &str = "data/districts.csv";
/// Officials, bodies and memberships in the Popolo data model.
pub const POPOLO: &str = "data/popolo.json";
/// The iCalendar file of the whole site; entity pages have one beside their feed.
pub const SITE_CALENDAR: &str = "calendar.ics";
/// The JSON Feed of the whole site; entity pages have one beside their Atom feed.
pub const SITE_JSON_FEED: &str = "feed.json";

/// A report page: `YYYY/MM/DD/<slug>/`.
pub fn report(date: Date, slug: &str) -> String {
    let mut path = String::with_capacity(DAY_LEN + slug.len() + 1);
    push_day(&mut path, date);
    path.push_str(slug);
    path.push('/');
    path
}

/// The length of a day page's path with a four-digit year.
const DAY_LEN: usize = "YYYY/MM/DD/".len();

/// Appends `YYYY/MM/DD/`.
fn push_day(path: &mut String, date: Date) {
    date.push_to(path, '/');
    path.push('/');
}

/// A year page: `YYYY/`.
pub fn year(year: i32) -> String {
    format!("{year:04}/")
}

/// A month page: `YYYY/MM/`.
pub fn month(year: i32, month: u8) -> String {
    format!("{year:04}/{month:02}/")
}

/// A day page: `YYYY/MM/DD/`.
pub fn day(date: Date) -> String {
    let mut path = String::with_capacity(DAY_LEN);
    push_day(&mut path, date);
    path
}

/// The index of one kind of entity: `officials/`, `districts/`, `tags/`.
pub fn section(kind: EntityKind) -> String {
    format!("{}/", kind.section())
}

/// An entity page: `officials/<slug>/`.
pub fn entity(kind: EntityKind, slug: &str) -> String {
    format!("{}/{slug}/", kind.section())
}

/// The Atom feed beside a page: `officials/<slug>/feed.xml`.
pub fn feed_beside(page: &str) -> String {
    format!("{page}{SITE_FEED}")
}

/// The iCalendar file beside a page: `officials/<slug>/calendar.ics`.
pub fn calendar_beside(page: &str) -> String {
    format!("{page}{SITE_CALENDAR}")
}

/// The JSON Feed beside a page: `officials/<slug>/feed.json`.
pub fn json_feed_beside(page: &str) -> String {
    format!("{page}{SITE_JSON_FEED}")
}

/// Page `n` of the list at `base` (page 1 is the list's own URL): `2024/page/2/`.
pub fn list_page(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// Part `n` (1-based) of a sitemap split past the protocol's limit.
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// The file a page path is written to: `2024/03/` → `2024/03/index.html`.
pub fn page_file(page: &str) -> String {
    format!("{page}index.html")
}

/// How a page at `path` reaches the site root: `./` for the home page, `../../` two levels down.
pub fn root_from(path: &str) -> String {
    match path.matches('/').count() {
        0 => "./".to_string(),
        depth => "../".repeat(depth),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_table() {
        let date = Date {
            year: 2024,
            month: 3,
            day: 4,
        };
        assert_eq!(report(date, "urban-renewal"), "2024/03/04/urban-renewal/");
        assert_eq!(year(2024), "2024/");
        assert_eq!(month(2024, 3), "2024/03/");
        assert_eq!(day(date), "2024/03/04/");
        let on = |year, month, day| Date { year, month, day };
        assert_eq!(day(on(1999, 12, 31)), "1999/12/31/");
        assert_eq!(day(on(987, 10, 20)), "0987/10/20/");
        assert_eq!(day(on(0, 1, 9)), "0000/01/09/");
        assert_eq!(report(on(12_345, 6, 7), "x"), "12345/06/07/x/");
        assert_eq!(section(EntityKind::Official), "officials/");
        assert_eq!(
            entity(EntityKind::District, "jiang-bei-qu"),
            "districts/jiang-bei-qu/"
        );
        assert_eq!(feed_beside("tags/x/"), "tags/x/feed.xml");
        assert_eq!(feed_beside(HOME), SITE_FEED);
        assert_eq!(calendar_beside("officials/x/"), "officials/x/calendar.ics");
        assert_eq!(calendar_beside(HOME), SITE_CALENDAR);
        assert_eq!(json_feed_beside("districts/x/"), "districts/x/feed.json");
        assert_eq!(json_feed_beside(HOME), SITE_JSON_FEED);
        assert_eq!(list_page("2024/", 1), "2024/");
        assert_eq!(list_page("2024/", 3), "2024/page/3/");
        assert_eq!(list_page(REPORTS, 2), "reports/page/2/");
        assert_eq!(page_file("2024/03/"), "2024/03/index.html");
        assert_eq!(page_file(HOME), "index.html");
        assert_eq!(root_from(HOME), "./");
        assert_eq!(root_from("2024/03/04/x/"), "../../../../");
    }
}
