//! The date pages, the list of all reports, related reports and the 404 page, read from the
//! built HTML of the basic fixture (four reports: 2023-11-30, 2024-01-09 and two on
//! 2024-03-14, two per list page).

use crate::support::{build, read, site_copy};
use scraper::{ElementRef, Html, Selector};
use std::path::Path;

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn page(out: &Path, path: &str) -> Html {
    Html::parse_document(&read(out, path))
}

/// The `(href, text)` of the period link with `rel`, if any.
fn period_link(doc: &Html, rel: &str) -> Option<(String, String)> {
    let links = select(doc, &format!(".period-nav a[rel={rel}]"));
    assert!(links.len() <= 1, "one {rel} link");
    links
        .first()
        .map(|a| (a.attr("href").unwrap().to_string(), text(a)))
}

#[test]
fn a_month_is_a_calendar_table_with_links_on_days_with_reports() {
    let site = site_copy("basic");
    let out = build(site.path());
    let march = page(&out, "2024/03/index.html");
    let headers: Vec<String> = select(&march, "table.calendar thead th")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        headers,
        ["一", "二", "三", "四", "五", "六", "日"],
        "Monday first"
    );
    let rows = select(&march, "table.calendar tbody tr");
    assert_eq!(
        rows.len(),
        5,
        "March 2024: Friday the 1st to Sunday the 31st"
    );
    let cells: Vec<ElementRef> = select(&march, "table.calendar tbody td");
    assert_eq!(cells.len(), 35);
    assert_eq!(text(&cells[4]), "1", "the 1st is a Friday");
    assert_eq!(text(&cells[34]), "31");
    let linked = select(&march, "table.calendar tbody td a");
    assert_eq!(linked.len(), 1, "only the 14th has reports");
    assert_eq!(linked[0].attr("href"), Some("../../2024/03/14/"));
    assert_eq!(text(&linked[0]), "14 2 篇報導");
    // Days without reports are plain text, not links.
    assert!(select(&march, "table.calendar td:not(.has-reports) a").is_empty());
    // The month's reports follow the calendar.
    let html = read(&out, "2024/03/index.html");
    assert!(html.find("</table>").unwrap() < html.find("report-card").unwrap());
    assert_eq!(
        text(&select(&march, "main .count-line")[0]),
        "2 篇報導",
        "a count with its unit"
    );
}

#[test]
fn previous_and_next_skip_to_the_nearest_period_with_reports_across_a_year() {
    let site = site_copy("basic");
    let out = build(site.path());
    // November 2023 → January 2024: December has no reports.
    let november = page(&out, "2023/11/index.html");
    assert_eq!(period_link(&november, "prev"), None, "the oldest month");
    assert_eq!(
        period_link(&november, "next"),
        Some(("../../2024/01/".into(), "2024年1月".into()))
    );
    let january = page(&out, "2024/01/index.html");
    assert_eq!(
        period_link(&january, "prev"),
        Some(("../../2023/11/".into(), "2023年11月".into()))
    );
    assert_eq!(
        period_link(&january, "next"),
        Some(("../../2024/03/".into(), "2024年3月".into())),
        "February is skipped"
    );
    let y2024 = page(&out, "2024/index.html");
    assert_eq!(
        period_link(&y2024, "prev"),
        Some(("../2023/".into(), "2023年".into()))
    );
    assert_eq!(period_link(&y2024, "next"), None);
    let day = page(&out, "2024/01/09/index.html");
    assert_eq!(
        period_link(&day, "prev"),
        Some(("../../../2023/11/30/".into(), "2023年11月30日".into()))
    );
    assert_eq!(
        period_link(&day, "next"),
        Some(("../../../2024/03/14/".into(), "2024年3月14日".into()))
    );
    // The year page shows all twelve months, links only where there are reports.
    let months = select(&y2024, ".month-grid li");
    assert_eq!(months.len(), 12);
    let linked: Vec<String> = select(&y2024, ".month-grid a").iter().map(text).collect();
    assert_eq!(linked, ["1月 1 篇報導", "3月 2 篇報導"]);
}

#[test]
fn every_report_is_listed_newest_first_across_pages() {
    let site = site_copy("basic");
    let out = build(site.path());
    let first = page(&out, "reports/index.html");
    let second = page(&out, "reports/page/2/index.html");
    assert!(!out.join("reports/page/3/index.html").exists());
    let titles = |doc: &Html| -> Vec<String> {
        select(doc, ".report-card-title a")
            .iter()
            .map(text)
            .collect()
    };
    let mut all = titles(&first);
    all.extend(titles(&second));
    assert_eq!(
        all,
        [
            "防汛工作會議",
            "全市城市更新項目推進會召開",
            "預算審查會",
            "濱江步道開工"
        ],
        "newest first (the dated time of day first on the same day)"
    );
    assert_eq!(text(&select(&first, "main .count-line")[0]), "4 篇報導");
    let next = select(&first, ".pagination a[rel=next]");
    assert_eq!(next[0].attr("href"), Some("../reports/page/2/"));
    // The home page's "all reports" link goes to it; the archive page stays.
    let home = page(&out, "index.html");
    let all_link = select(&home, "a[href='./reports/']");
    assert_eq!(text(&all_link[0]), "全部報導");
    assert!(out.join("archive/index.html").exists());
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/archive/reports/</loc>"));
}

#[test]
fn report_pages_list_related_reports_weighted_and_never_themselves() {
    let site = site_copy("basic");
    let out = build(site.path());
    let renewal = page(&out, "2024/03/14/urban-renewal/index.html");
    let related: Vec<(String, String)> = select(&renewal, ".related-reports li a")
        .iter()
        .map(|a| (a.attr("href").unwrap().to_string(), text(a)))
        .collect();
    // The river walk shares two officials and a district (8), the flood meeting an official and
    // a district (5), the budget an official and a tag (4).
    assert_eq!(
        related,
        [
            (
                "../../../../2023/11/30/2023-river/".into(),
                "濱江步道開工".into()
            ),
            (
                "../../../../2024/03/14/flood/".into(),
                "防汛工作會議".into()
            ),
            ("../../../../2024/01/09/budget/".into(), "預算審查會".into()),
        ]
    );
    for path in [
        "2023/11/30/2023-river/",
        "2024/01/09/budget/",
        "2024/03/14/flood/",
        "2024/03/14/urban-renewal/",
    ] {
        let doc = page(&out, &format!("{path}index.html"));
        let hrefs: Vec<String> = select(&doc, ".related-reports a")
            .iter()
            .map(|a| a.attr("href").unwrap().to_string())
            .collect();
        assert!(!hrefs.is_empty(), "{path} has related reports");
        assert!(
            hrefs.iter().all(|h| !h.ends_with(path)),
            "{path} lists itself: {hrefs:?}"
        );
    }
}

#[test]
fn the_code_stylesheet_loads_only_where_a_report_has_code() {
    let site = site_copy("basic");
    let out = build(site.path());
    let with_code = read(&out, "2024/01/09/budget/index.html");
    assert!(with_code.contains("class=\"hl-code\""));
    assert!(with_code.contains("href=\"../../../../syntax.css\""));
    let without = read(&out, "2024/03/14/flood/index.html");
    assert!(!without.contains("syntax.css"), "no code, no stylesheet");
    assert!(out.join("syntax.css").exists() && out.join("favicon.svg").exists());
    assert!(without.contains("<link rel=\"icon\" href=\"../../../../favicon.svg\""));
}

#[test]
fn the_not_found_page_links_relatively_from_the_site_root() {
    let site = site_copy("basic");
    let out = build(site.path());
    let html = read(&out, "404.html");
    let doc = Html::parse_document(&html);
    for (css, attr) in [("a", "href"), ("link", "href"), ("script", "src")] {
        for e in select(&doc, css) {
            let url = e.attr(attr).unwrap();
            if e.attr("rel") == Some("canonical") {
                continue;
            }
            assert!(
                !url.starts_with("https:") && !url.starts_with('/'),
                "`{url}` in 404.html is absolute"
            );
            // Each one names a file of the site, from the folder 404.html is in.
            let target = out.join(url.trim_start_matches("./").split('#').next().unwrap());
            assert!(target.exists(), "`{url}` of 404.html leads nowhere");
        }
    }
    assert!(html.contains("<link rel=\"stylesheet\" href=\"./style.css\">"));
}

#[test]
fn an_official_roles_table_adds_up_to_the_report_count() {
    let site = site_copy("basic");
    let out = build(site.path());
    let lin = page(&out, "officials/lin-jingyi/index.html");
    let rows: Vec<Vec<String>> = select(&lin, "table.roles tbody tr")
        .iter()
        .map(|tr| tr.child_elements().map(|td| text(&td)).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["市長", "2024年3月14日", "2024年3月14日", "1"],
            ["未註明職務", "2023年11月30日", "2024年3月14日", "2"],
        ]
    );
    assert!(text(&select(&lin, "main .count-line")[0]).starts_with("3 篇報導"));
}
