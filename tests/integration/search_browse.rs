//! Browsing and precise search in a real browser: an archive of 72 reports with roles (市長,
//! 副市長, 常務副市長), built with the real binary and opened in headless Chromium. Filters
//! without a query list exactly the reports of the selection, newest first, and every filter's
//! options count exactly what they would give; a role is not found inside a longer role unless
//! quoted or widened; `-term` excludes; full pinyin finds an official's reports; results sort by
//! date; the home page's search box works from disk. Every expectation is computed from the
//! fixture, never copied from the page.
//!
//! Skipped (loudly) without Chromium, except under `CI=true`.

use crate::browser::{Browser, StaticServer};
use annals::search::fold::fold;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(20);

/// (name, slug, role in every report naming them).
const OFFICIALS: [(&str, &str, Option<&str>); 4] = [
    ("林靜怡", "lin-jing-yi", Some("市長")),
    ("陳建國", "chen-jian-guo", Some("副市長")),
    ("許曉梅", "xu-xiao-mei", Some("常務副市長")),
    ("黃志明", "huang-zhi-ming", None),
];
const DISTRICTS: [(&str, &str); 3] = [
    ("江北區", "jiang-bei-qu"),
    ("南岸區", "nan-an-qu"),
    ("睢寧縣", "sui-ning-xian"),
];
const TAGS: [(&str, &str); 3] = [
    ("城市更新", "cheng-shi-geng-xin"),
    ("防汛工作", "fang-xun-gong-zuo"),
    ("營商環境", "ying-shang-huan-jing"),
];

struct Report {
    slug: String,
    date: String,
    title: String,
    officials: Vec<usize>,
    districts: Vec<usize>,
    tags: Vec<usize>,
    venue: Option<&'static str>,
    body: String,
}

impl Report {
    fn url(&self) -> String {
        let d = &self.date;
        format!("{}/{}/{}/{}/", &d[..4], &d[5..7], &d[8..], self.slug)
    }

    /// Title, names and body, folded: the text search looks in.
    fn folded(&self) -> String {
        let mut parts = vec![self.title.clone(), self.body.clone()];
        parts.extend(self.officials.iter().map(|&o| OFFICIALS[o].0.to_string()));
        parts.extend(self.districts.iter().map(|&d| DISTRICTS[d].0.to_string()));
        parts.extend(self.tags.iter().map(|&t| TAGS[t].0.to_string()));
        parts.extend(self.venue.map(String::from));
        fold(&parts.join("\n"))
    }
}

/// 72 reports, newest first, one every eight days from February 2025 back into 2023, so years
/// and months have different counts.
fn archive() -> Vec<Report> {
    (0..72usize)
        .map(|i| {
            let date = jiff::civil::date(2025, 2, 20) - jiff::Span::new().days(8 * i as i64);
            let officials: Vec<usize> = match i % 6 {
                0 => vec![0, 1],
                1 => vec![1],
                2 => vec![2, 3],
                3 => vec![0],
                4 => vec![3],
                _ => vec![0, 2],
            };
            let districts = vec![i % 3, (i / 3) % 3];
            let mut districts_unique = districts.clone();
            districts_unique.dedup();
            let tags = vec![i % 4 % 3];
            let mut sentences: Vec<String> = officials
                .iter()
                .map(|&o| {
                    let (name, _, role) = OFFICIALS[o];
                    format!("{}{name}出席會議", role.unwrap_or(""))
                })
                .collect();
            if i % 5 == 0 {
                sentences.push("江北新城的道路工程進展順利".to_string());
            }
            sentences.push(format!("{}要抓緊推進", DISTRICTS[districts[0]].0));
            Report {
                slug: format!("report-{i}"),
                date: date.to_string(),
                title: format!("{}{}推進會", DISTRICTS[districts[0]].0, TAGS[tags[0]].0),
                officials,
                districts: districts_unique,
                tags,
                venue: (i % 4 == 1).then_some("市政府第一會議室"),
                body: format!("{}。", sentences.join("，")),
            }
        })
        .collect()
}

fn build_site(reports: &[Report], site: &Path) -> PathBuf {
    let mut config = String::from(
        "title = \"臨江市新聞檔案\"\nbase_url = \"https://archive.example.org\"\nlanguage = \"zh-Hant\"\n",
    );
    for (name, slug, _) in OFFICIALS {
        config.push_str(&format!("[officials.\"{name}\"]\nslug = \"{slug}\"\n"));
    }
    for (name, slug) in DISTRICTS {
        config.push_str(&format!("[districts.\"{name}\"]\nslug = \"{slug}\"\n"));
    }
    write(&site.join("site.toml"), &config);
    for r in reports {
        let officials: Vec<String> = r
            .officials
            .iter()
            .map(|&o| match OFFICIALS[o] {
                (name, _, Some(role)) => format!("  - name: {name}\n    role: {role}\n"),
                (name, _, None) => format!("  - {name}\n"),
            })
            .collect();
        let names = |list: &[usize], of: &[(&str, &str)]| {
            let names: Vec<&str> = list.iter().map(|&i| of[i].0).collect();
            format!("[{}]", names.join(", "))
        };
        let markdown = format!(
            "---\ntitle: {}\ndate: {}\nslug: {}\n{}officials:\n{}districts: {}\ntags: {}\n---\n{}\n",
            r.title,
            r.date,
            r.slug,
            r.venue.map(|v| format!("venue: {v}\n")).unwrap_or_default(),
            officials.concat(),
            names(&r.districts, &DISTRICTS),
            names(&r.tags, &TAGS),
            r.body
        );
        write(&site.join(format!("content/{}.md", r.slug)), &markdown);
    }
    let out = site.join("public");
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["build", "--root"])
        .arg(site)
        .arg("--output-dir")
        .arg(&out)
        .output()
        .expect("the annals binary runs");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    out
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Runs `action` and waits until the page has finished the search it starts.
fn settled(browser: &mut Browser, action: &str) {
    let before = browser.eval("annalsSearch.settled || 0").as_u64().unwrap();
    browser.eval(action);
    browser
        .wait_for(&format!("(annalsSearch.settled || 0) > {before}"), TIMEOUT)
        .unwrap();
}

/// Every result after "show more" until none is left, as site-relative URLs, in order.
fn results(browser: &mut Browser) -> Vec<String> {
    while browser.eval("document.getElementById('search-more').hidden") == json!(false) {
        settled(browser, "document.getElementById('search-more').click()");
    }
    let hrefs = browser.eval(
        "Array.from(document.querySelectorAll('.search-result-title a')).map(a => a.getAttribute('href'))",
    );
    hrefs
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let h = h.as_str().unwrap();
            h.trim_start_matches("../")
                .trim_end_matches("index.html")
                .to_string()
        })
        .collect()
}

/// Types a query and submits it.
fn query(browser: &mut Browser, text: &str) -> Vec<String> {
    settled(
        browser,
        &format!(
            "(() => {{ const i = document.getElementById('search-q'); i.value = {}; i.form.requestSubmit(); }})()",
            json!(text)
        ),
    );
    results(browser)
}

/// Sets a filter (or the sort) and waits for the page to update.
fn choose(browser: &mut Browser, control: &str, value: &str) {
    settled(
        browser,
        &format!(
            "(() => {{ const s = document.getElementById('search-{control}'); s.value = {}; s.dispatchEvent(new Event('change')); }})()",
            json!(value)
        ),
    );
}

/// The option texts of a filter: value → "name (count)".
fn options(browser: &mut Browser, control: &str) -> BTreeMap<String, String> {
    let pairs = browser.eval(&format!(
        "Array.from(document.getElementById('search-{control}').options).filter(o => o.value).map(o => [o.value, o.textContent])"
    ));
    pairs
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_str().unwrap().into(), p[1].as_str().unwrap().into()))
        .collect()
}

fn urls<'a>(reports: impl Iterator<Item = &'a Report>) -> Vec<String> {
    reports.map(Report::url).collect()
}

fn status(browser: &mut Browser) -> String {
    let text = browser.eval("document.getElementById('search-status').textContent");
    text.as_str().unwrap().to_string()
}

#[test]
fn filters_without_a_query_list_and_count_exactly_the_selection() {
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    let reports = archive();
    let site = tempfile::tempdir().unwrap();
    let public = build_site(&reports, site.path());
    let server = StaticServer::start(&public);

    // The official page links the official with each district into the search page.
    browser.navigate(&format!("{}officials/lin-jing-yi/", server.url()));
    let link = browser.eval(
        "Array.from(document.querySelectorAll('a.combination')).find(a => a.textContent === '林靜怡 × 江北區').getAttribute('href')",
    );
    assert_eq!(
        link,
        json!("../../search/?official=lin-jing-yi&district=jiang-bei-qu")
    );
    browser.eval("Array.from(document.querySelectorAll('a.combination')).find(a => a.textContent === '林靜怡 × 江北區').click()");
    browser
        .wait_for(
            "location.pathname.endsWith('/search/') && window.annalsSearch && annalsSearch.settled > 0",
            TIMEOUT,
        )
        .unwrap();
    let selection = |r: &&Report| r.officials.contains(&0) && r.districts.contains(&0);
    let wanted = urls(reports.iter().filter(selection));
    assert!(wanted.len() > 10, "the selection spans more than one page");
    assert_eq!(results(&mut browser), wanted, "the selection, newest first");
    assert_eq!(status(&mut browser), format!("{} 篇報導", wanted.len()));
    // Without a query there is nothing to rank by: the order shows as newest first.
    assert_eq!(
        browser.eval("[document.getElementById('search-sort').value, document.querySelector('#search-sort [value=relevance]').disabled]"),
        json!(["newest", true])
    );
    let title = browser.eval("document.title");
    assert!(
        title.as_str().unwrap().starts_with("林靜怡 × 江北區 · "),
        "{title}"
    );

    // Each filter counts what its options would give with the other filters kept.
    let count_years = |keep: &dyn Fn(&Report) -> bool| {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for r in reports.iter().filter(|r| keep(r)) {
            *counts.entry(r.date[..4].to_string()).or_default() += 1;
        }
        counts
    };
    let years = count_years(&|r| r.officials.contains(&0) && r.districts.contains(&0));
    let shown = options(&mut browser, "year");
    for (year, text) in &shown {
        let count = years.get(year).copied().unwrap_or(0);
        assert_eq!(*text, format!("{year}年 ({count})"), "year {year}");
    }
    let officials = options(&mut browser, "official");
    for (index, (name, slug, _)) in OFFICIALS.iter().enumerate() {
        let count = reports
            .iter()
            .filter(|r| r.officials.contains(&index) && r.districts.contains(&0))
            .count();
        assert_eq!(officials[*slug], format!("{name} ({count})"));
    }
    let tags = options(&mut browser, "tag");
    for (index, (name, slug)) in TAGS.iter().enumerate() {
        let count = reports
            .iter()
            .filter(|r| selection(r) && r.tags.contains(&index))
            .count();
        assert_eq!(tags[*slug], format!("{name} ({count})"));
    }

    // Narrowing by year and month: still exact, and the address says so.
    choose(&mut browser, "year", "2024");
    choose(&mut browser, "month", "2");
    let narrowed = urls(
        reports
            .iter()
            .filter(selection)
            .filter(|r| r.date.starts_with("2024-02")),
    );
    assert!(narrowed.len() > 1);
    assert_eq!(results(&mut browser), narrowed);
    let address = browser.eval("location.search");
    assert_eq!(
        address,
        json!("?official=lin-jing-yi&district=jiang-bei-qu&year=2024&month=2")
    );

    // Oldest first.
    choose(&mut browser, "sort", "oldest");
    let mut oldest = narrowed.clone();
    oldest.reverse();
    assert_eq!(results(&mut browser), oldest);

    // An empty selection says so and offers to clear the filters.
    choose(&mut browser, "sort", "newest");
    let none = reports
        .iter()
        .filter(selection)
        .filter(|r| r.date.starts_with("2024-02") && r.tags.contains(&2))
        .count();
    assert_eq!(none, 0, "the fixture has an empty combination");
    choose(&mut browser, "tag", TAGS[2].1);
    assert!(results(&mut browser).is_empty());
    let text = status(&mut browser);
    assert_eq!(
        text,
        "沒有符合以下條件的報導：林靜怡 × 江北區 × 營商環境 × 2024年 × 2月"
    );
    assert_eq!(
        browser.eval("document.getElementById('search-clear').hidden"),
        json!(false)
    );
    settled(
        &mut browser,
        "document.getElementById('search-clear').click()",
    );
    assert_eq!(browser.eval("location.search"), json!("?sort=newest"));
    assert_eq!(
        status(&mut browser),
        "輸入關鍵詞，或選擇官員、地區、標籤、年份或月份瀏覽報導。"
    );
    // Dates as every other page writes them.
    choose(&mut browser, "district", "sui-ning-xian");
    let first = reports.iter().find(|r| r.districts.contains(&2)).unwrap();
    let date = browser.eval("document.querySelector('.search-result time').textContent");
    let (y, m, d) = (&first.date[..4], &first.date[5..7], &first.date[8..]);
    let shown_date = format!(
        "{y}年{}月{}日",
        m.trim_start_matches('0'),
        d.trim_start_matches('0')
    );
    assert_eq!(date, json!(shown_date));
    assert!(
        browser.errors().is_empty(),
        "page errors: {:?}",
        browser.errors()
    );
}

/// The reports holding `name` where no longer role covers it (what whole-name search means).
fn holding_whole(reports: &[Report], name: &str, longer: &[&str]) -> Vec<String> {
    let holds = |r: &&Report| {
        let mut text = r.folded();
        for covering in longer {
            text = text.replace(&fold(covering), "|");
        }
        text.contains(&fold(name))
    };
    urls(reports.iter().filter(holds))
}

/// Sorts URLs as relevance does when every match is in the labels or none is: newest first.
fn by_date(reports: &[Report], mut found: Vec<String>) -> Vec<String> {
    let order: Vec<String> = urls(reports.iter());
    found.sort_by_key(|u| order.iter().position(|o| o == u));
    found
}

#[test]
fn roles_exclusions_pinyin_and_the_home_box_from_disk() {
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    let reports = archive();
    let site = tempfile::tempdir().unwrap();
    let public = build_site(&reports, site.path());

    // From disk, an official's link into the search page names the page file.
    browser.navigate(&format!(
        "file://{}/officials/lin-jing-yi/index.html",
        public.display()
    ));
    let link = browser.eval("document.querySelector('a.combination').getAttribute('href')");
    assert!(
        link.as_str()
            .unwrap()
            .starts_with("../../search/index.html?official=lin-jing-yi&district="),
        "{link}"
    );

    // From disk, the home page's search box lands on the search page with the query.
    browser.navigate(&format!("file://{}/index.html", public.display()));
    browser.eval("(() => { const i = document.querySelector('form.home-search input[name=q]'); i.value = '市長'; i.form.requestSubmit(); })()");
    browser
        .wait_for(
            "location.pathname.endsWith('/search/index.html') && window.annalsSearch && annalsSearch.settled > 0",
            TIMEOUT,
        )
        .unwrap();
    assert_eq!(
        browser.eval("document.getElementById('search-q').value"),
        json!("市長")
    );

    // 市長 is not found inside 副市長 or 常務副市長.
    let mayor = holding_whole(&reports, "市長", &["常務副市長", "副市長"]);
    let mut found = results(&mut browser);
    found.sort();
    let mut wanted = mayor.clone();
    wanted.sort();
    assert_eq!(found, wanted, "市長");
    let every = urls(reports.iter().filter(|r| r.folded().contains("市长")));
    assert!(every.len() > mayor.len(), "the fixture has deputies");
    let deputy = holding_whole(&reports, "副市長", &["常務副市長"]);
    let mut found = query(&mut browser, "副市長");
    found.sort();
    let mut wanted = deputy;
    wanted.sort();
    assert_eq!(found, wanted, "副市長");
    // Quoted, or with the switch: every occurrence.
    let mut found = query(&mut browser, "\"市長\"");
    found.sort();
    let mut wanted = every.clone();
    wanted.sort();
    assert_eq!(found, wanted, "\"市長\"");
    settled(
        &mut browser,
        "(() => { const w = document.getElementById('search-wide'); w.checked = true; w.dispatchEvent(new Event('change')); })()",
    );
    let mut found = query(&mut browser, "市長");
    found.sort();
    assert_eq!(found, wanted, "市長 with the switch");
    assert!(
        browser
            .eval("location.search")
            .as_str()
            .unwrap()
            .contains("wide=1")
    );
    settled(
        &mut browser,
        "(() => { const w = document.getElementById('search-wide'); w.checked = false; w.dispatchEvent(new Event('change')); })()",
    );

    // -term excludes.
    let found = query(&mut browser, "推進會 -江北");
    let wanted = by_date(
        &reports,
        urls(reports.iter().filter(|r| !r.folded().contains("江北"))),
    );
    assert_eq!(found, wanted, "推進會 -江北");
    assert!(!wanted.is_empty() && wanted.len() < reports.len());

    // Pinyin, spaced or not, finds the official's reports.
    let lin = by_date(
        &reports,
        urls(reports.iter().filter(|r| r.officials.contains(&0))),
    );
    for typed in ["lin jingyi", "linjingyi"] {
        assert_eq!(query(&mut browser, typed), lin, "{typed}");
    }
    let title = browser.eval("document.title");
    assert!(
        title.as_str().unwrap().starts_with("「linjingyi」 · "),
        "{title}"
    );

    // A front matter key the key table marks as searched and shown: the venue.
    let found = query(&mut browser, "第一會議室");
    let held = urls(reports.iter().filter(|r| r.venue.is_some()));
    assert_eq!(found, held, "第一會議室");
    let shown = browser.eval("document.querySelector('.search-result-venue').textContent");
    assert_eq!(shown, json!("市政府第一會議室"));

    // Sorted by date: newest and oldest first, whatever the relevance.
    query(&mut browser, "lin jingyi");
    choose(&mut browser, "sort", "oldest");
    let mut oldest = lin.clone();
    oldest.reverse();
    assert_eq!(results(&mut browser), oldest);
    assert!(
        browser.errors().is_empty(),
        "page errors: {:?}",
        browser.errors()
    );
}

/// Screenshots of the search page for docs/screenshots/ (run by hand):
/// `ANNALS_SCREENSHOTS=docs/screenshots cargo test --test integration search_page_screenshots -- --ignored`.
/// Browsing a selection and a role query, each at desktop (1366×900) and phone (390×844) width.
#[test]
#[ignore]
fn search_page_screenshots() {
    let Some(dir) = std::env::var_os("ANNALS_SCREENSHOTS") else {
        return;
    };
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    let reports = archive();
    let site = tempfile::tempdir().unwrap();
    let public = build_site(&reports, site.path());
    let server = StaticServer::start(&public);
    for (width, height, mobile, name) in [(1366, 900, false, "desktop"), (390, 844, true, "phone")]
    {
        browser.command(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
        );
        for (view, address) in [
            ("browse", "?official=lin-jing-yi&district=jiang-bei-qu"),
            ("role", "?q=%E5%B8%82%E9%95%B7&year=2024"),
        ] {
            browser.navigate(&format!("{}search/{address}", server.url()));
            browser
                .wait_for("window.annalsSearch && annalsSearch.settled > 0", TIMEOUT)
                .unwrap();
            let path = Path::new(&dir).join(format!("search-{view}-{name}.png"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, browser.screenshot()).unwrap();
        }
    }
}
