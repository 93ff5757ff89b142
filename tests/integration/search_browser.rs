//! Search in a real browser: a generated archive of 200 reports built with the real binary, its
//! search page opened from a local web server and from disk (`file://`), and for every query the
//! set of results must be exactly the set of reports whose text contains the query, in either
//! script.
//!
//! Skipped (loudly) without Chromium, except under `CI=true`.

use crate::browser::{Browser, StaticServer};
use annals::search::fold::fold;
use annals::search::{EntityKind, IndexOptions, SearchDoc, SearchEntity, build_index_with};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(20);

const OFFICIALS: [(&str, &str); 6] = [
    ("宋樂偉", "song-le-wei"),
    ("林靜怡", "lin-jing-yi"),
    ("陳建國", "chen-jian-guo"),
    ("黃志明", "huang-zhi-ming"),
    ("許曉梅", "xu-xiao-mei"),
    ("周文濤", "zhou-wen-tao"),
];
const DISTRICTS: [(&str, &str); 5] = [
    ("睢寧縣", "sui-ning-xian"),
    ("江北區", "jiang-bei-qu"),
    ("南岸區", "nan-an-qu"),
    ("青石縣", "qing-shi-xian"),
    ("臨江高新區", "lin-jiang-gao-xin-qu"),
];
const TOPICS: [&str; 4] = ["城市更新", "重大產業項目", "防汛工作", "營商環境"];
const SENTENCES: [&str; 9] = [
    "會議聽取了今年第一季度重點工程建設情況彙報",
    "研究部署下一階段工作",
    "要加強部門協同，壓實屬地責任",
    "確保五月底前完成首批小區的改造任務",
    "各區縣要建立周調度制度",
    "嚴格資金監管，防止重複建設",
    "加快推進產業園配套道路建設",
    "全市GDP同比增長5.2%",
    "群眾滿意度持續提升",
];

/// One generated report.
struct Report {
    slug: String,
    date: String,
    title: String,
    officials: Vec<&'static str>,
    districts: Vec<&'static str>,
    tags: Vec<&'static str>,
    body: String,
}

impl Report {
    /// Title, officials, districts and tags, folded, one a line (what search calls labels).
    fn folded_labels(&self) -> String {
        let labels = [
            &[self.title.as_str()][..],
            &self.officials,
            &self.districts,
            &self.tags,
        ];
        fold(&labels.concat().join("\n"))
    }

    fn url(&self) -> String {
        format!(
            "{}/{}/{}/{}/",
            &self.date[..4],
            &self.date[5..7],
            &self.date[8..],
            self.slug
        )
    }
}

/// 200 reports, newest first: officials and districts mentioned in labels and text, one report
/// in seven in simplified script, three with a rare phrase, and traps that hold 宋樂 and 樂偉
/// apart (which must not match 宋樂偉).
fn archive() -> Vec<Report> {
    let mut seed: u64 = 20_240_314;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) % n as u64) as usize
    };
    (0..200)
        .map(|i| {
            let date = format!(
                "{}-{:02}-{:02}",
                2025 - i / 100,
                12 - (i % 100) / 9,
                28 - (i % 100 % 9) * 3
            );
            let trap = i % 23 == 5;
            let pick = |next: &mut dyn FnMut(usize) -> usize, from: &[(&'static str, &str)]| {
                let mut names: Vec<&'static str> = Vec::new();
                for _ in 0..1 + next(2) {
                    let name = from[next(from.len())].0;
                    let excluded = trap && name == "宋樂偉";
                    if !excluded && !names.contains(&name) {
                        names.push(name);
                    }
                }
                names
            };
            let mut officials = pick(&mut next, &OFFICIALS);
            if officials.is_empty() {
                officials.push("陳建國");
            }
            let districts = pick(&mut next, &DISTRICTS);
            let topic = TOPICS[next(TOPICS.len())];
            let mut paragraphs = Vec::new();
            for p in 0..3 + next(3) {
                let mut sentences: Vec<String> = (0..2 + next(3))
                    .map(|_| SENTENCES[next(SENTENCES.len())].to_string())
                    .collect();
                match next(6) {
                    0 => sentences.push(format!("{}出席會議並講話", officials[0])),
                    1 => sentences.push(format!("{}匯報了{}進展", districts[0], topic)),
                    2 if !trap => sentences.push(format!("{}強調", OFFICIALS[next(6)].0)),
                    3 => sentences.push(format!("{}要抓緊推進", DISTRICTS[next(5)].0)),
                    _ => {}
                }
                if p == 0 && trap {
                    sentences.push("宋樂在會上發言，樂偉同志表示贊同".to_string());
                }
                if p == 1 && [17, 88, 151].contains(&i) {
                    sentences.push("南岸區要抓緊完成濱江步道二期的征遷工作".to_string());
                }
                paragraphs.push(format!("{}。", sentences.join("，")));
            }
            let mut report = Report {
                slug: format!("report-{i}"),
                date,
                title: format!(
                    "{}{}推進會召開",
                    districts.first().copied().unwrap_or("全市"),
                    topic
                ),
                officials,
                districts,
                tags: vec![topic],
                body: paragraphs.join("\n"),
            };
            if i % 7 == 3 {
                report.title = fold(&report.title);
                report.body = fold(&report.body);
            }
            report
        })
        .collect()
}

/// The reports containing every term of `query` (CJK phrases as substrings, Latin words whole),
/// in labels or body, after folding: what search must find.
fn expected(reports: &[Report], query: &str) -> BTreeSet<String> {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let terms: Vec<String> = fold(query).split_whitespace().map(str::to_string).collect();
    reports
        .iter()
        .filter(|r| {
            let labels = r.folded_labels();
            let body = fold(&r.body);
            terms.iter().all(|term| {
                if term.chars().all(|c| c.is_ascii_alphanumeric()) {
                    words(&labels).contains(term) || words(&body).contains(term)
                } else {
                    labels.contains(term.as_str()) || body.contains(term.as_str())
                }
            })
        })
        .map(Report::url)
        .collect()
}

/// Builds the archive with the real `annals` binary into `site/public` and returns that folder.
/// When `options` ask for another index layout (tiny shards, to exercise the script's edge
/// cases), the index is rewritten from [`build_index_with`] into the built site.
fn build_site(reports: &[Report], site: &Path, options: Option<&IndexOptions>) -> PathBuf {
    let mut config = String::from(
        "title = \"臨江市新聞檔案\"\nbase_url = \"https://archive.example.org\"\nlanguage = \"zh-Hant\"\n",
    );
    for (section, list) in [("officials", &OFFICIALS[..]), ("districts", &DISTRICTS[..])] {
        for (name, slug) in list {
            config.push_str(&format!("[{section}.\"{name}\"]\nslug = \"{slug}\"\n"));
        }
    }
    write(&site.join("site.toml"), config.as_bytes());
    for report in reports {
        let list = |names: &[&str]| format!("[{}]", names.join(", "));
        let markdown = format!(
            "---\ntitle: {}\ndate: {}\nslug: {}\nofficials: {}\ndistricts: {}\ntags: {}\n---\n{}\n",
            report.title,
            report.date,
            report.slug,
            list(&report.officials),
            list(&report.districts),
            list(&report.tags),
            report.body.replace('\n', "\n\n"),
        );
        write(
            &site.join(format!("content/{}.md", report.slug)),
            markdown.as_bytes(),
        );
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
        "build failed:\n{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(out.join("search/index.html").is_file() && out.join("search/search.js").is_file());
    assert!(
        out.join("search/data/meta.js").is_file(),
        "annals build writes the search index"
    );
    if let Some(options) = options {
        let _ = std::fs::remove_dir_all(out.join("search/data"));
        for (path, bytes) in index_files(reports, options.clone()) {
            write(&out.join(path), &bytes);
        }
    }
    out
}

/// The index files of the generated archive, built directly with `options` (the index takes
/// reports oldest first).
fn index_files(reports: &[Report], options: IndexOptions) -> Vec<(String, Vec<u8>)> {
    let urls: Vec<String> = reports.iter().rev().map(Report::url).collect();
    let docs: Vec<SearchDoc> = reports
        .iter()
        .rev()
        .zip(&urls)
        .map(|(r, url)| SearchDoc {
            url,
            title: &r.title,
            date: &r.date,
            officials: r.officials.clone(),
            districts: r.districts.clone(),
            tags: r.tags.clone(),
            roles: vec![],
            fields: vec![],
            text: r.body.as_str().into(),
        })
        .collect();
    let count = |name: &str| {
        let listed = |r: &&Report| r.officials.contains(&name) || r.districts.contains(&name);
        reports.iter().filter(listed).count()
    };
    let paths: Vec<String> = OFFICIALS
        .iter()
        .map(|(_, slug)| format!("officials/{slug}/"))
        .chain(
            DISTRICTS
                .iter()
                .map(|(_, slug)| format!("districts/{slug}/")),
        )
        .collect();
    let entities: Vec<SearchEntity> = OFFICIALS
        .iter()
        .map(|&(name, _)| (EntityKind::Official, name))
        .chain(
            DISTRICTS
                .iter()
                .map(|&(name, _)| (EntityKind::District, name)),
        )
        .zip(&paths)
        .map(|((kind, name), url)| SearchEntity {
            kind,
            name,
            aliases: vec![],
            url,
            count: count(name),
        })
        .collect();
    build_index_with(&docs, &entities, &options)
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Types `query`, submits, pages through every result, and returns the result links as
/// site-relative report URLs, in the order shown.
fn search(browser: &mut Browser, query: &str) -> Vec<String> {
    submit(browser, query);
    while browser.eval("document.getElementById('search-more').hidden") == Value::Bool(false) {
        until_settled(browser, |b| {
            b.eval("document.getElementById('search-more').click()")
        });
    }
    links(browser, ".search-result-title a")
}

/// Types `query` into the box, submits, and waits until its first page is shown.
fn submit(browser: &mut Browser, query: &str) {
    until_settled(browser, |b| {
        b.eval(&format!(
            "(() => {{ const input = document.getElementById('search-q'); input.value = {}; input.form.requestSubmit(); }})()",
            json!(query)
        ))
    });
}

/// Runs `action` and waits until the page has finished the search it starts.
fn until_settled(browser: &mut Browser, action: impl FnOnce(&mut Browser) -> Value) {
    let before = browser
        .eval("window.annalsSearch.settled || 0")
        .as_u64()
        .unwrap();
    action(browser);
    browser
        .wait_for(&format!("(annalsSearch.settled || 0) > {before}"), TIMEOUT)
        .unwrap();
}

/// The hrefs of `selector`, made site-relative (without `../` and a trailing `index.html`).
fn links(browser: &mut Browser, selector: &str) -> Vec<String> {
    let hrefs = browser.eval(&format!(
        "Array.from(document.querySelectorAll({})).map(a => a.getAttribute('href'))",
        json!(selector)
    ));
    hrefs
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let h = h.as_str().unwrap();
            h.strip_prefix("../")
                .unwrap_or(h)
                .trim_end_matches("index.html")
                .to_string()
        })
        .collect()
}

const QUERIES: [&str; 12] = [
    "宋樂偉",
    "宋乐伟",
    "睢寧縣",
    "睢宁县",
    "重大產業項目",
    "重大产业项目",
    "濱江步道二期",
    "滨江步道",
    "偉",
    "樂偉",
    "GDP",
    "林靜怡 城市更新",
];

/// Every query's results equal the reports containing it, ranked labels first, then newest.
fn assert_exact_results(browser: &mut Browser, reports: &[Report], mode: &str) {
    let order: Vec<String> = reports.iter().map(Report::url).collect();
    for query in QUERIES {
        let found = search(browser, query);
        let unique: BTreeSet<String> = found.iter().cloned().collect();
        assert_eq!(
            unique.len(),
            found.len(),
            "{mode}: duplicate results for {query}"
        );
        let wanted = expected(reports, query);
        assert!(!wanted.is_empty(), "the archive must contain {query}");
        assert_eq!(unique, wanted, "{mode}: results for {query}");
        let status = browser.eval("document.getElementById('search-status').textContent");
        assert_eq!(
            status,
            json!(format!("{} 篇報導", wanted.len())),
            "{mode}: count for {query}"
        );
        // Within the reports matched in the body only, and within those matched in labels, the
        // newest come first.
        let position = |url: &String| order.iter().position(|u| u == url).unwrap();
        let single = !query.contains(' ');
        if single {
            let in_labels = |url: &String| {
                let r = &reports[position(url)];
                r.folded_labels().contains(&fold(query))
            };
            let split = found
                .iter()
                .position(|u| !in_labels(u))
                .unwrap_or(found.len());
            assert!(
                found[split..].iter().all(|u| !in_labels(u)),
                "{mode}: label matches first for {query}"
            );
            for part in [&found[..split], &found[split..]] {
                assert!(
                    part.windows(2).all(|w| position(&w[0]) < position(&w[1])),
                    "{mode}: newest first for {query}"
                );
            }
        }
    }
    // The traps: 宋樂 and 樂偉 apart are not 宋樂偉.
    let traps: Vec<String> = reports
        .iter()
        .filter(|r| r.body.contains("宋樂在會上"))
        .map(Report::url)
        .collect();
    assert!(!traps.is_empty());
    let found = search(browser, "宋樂偉");
    assert!(
        traps.iter().all(|t| !found.contains(t)),
        "{mode}: a trap matched 宋樂偉"
    );
}

/// Saves a screenshot as `ANNALS_SCREENSHOTS/<name>.png` when that variable names a folder (to
/// look at the page while working on it).
fn screenshot(browser: &mut Browser, name: &str) {
    if let Some(dir) = std::env::var_os("ANNALS_SCREENSHOTS") {
        write(
            &Path::new(&dir).join(format!("{name}.png")),
            &browser.screenshot(),
        );
    }
}

/// The generated archive built into a temporary folder: (folder, its `public` output, reports).
fn built_archive(options: Option<&IndexOptions>) -> (tempfile::TempDir, PathBuf, Vec<Report>) {
    let reports = archive();
    let site = tempfile::tempdir().unwrap();
    let public = build_site(&reports, site.path(), options);
    (site, public, reports)
}

fn open_search_page(browser: &mut Browser, url: &str) {
    browser.navigate(url);
    browser
        .wait_for("window.annalsSearch && annalsSearch.settled > 0", TIMEOUT)
        .unwrap();
}

#[test]
fn search_finds_exactly_the_reports_containing_the_query() {
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    let (_site, public, reports) = built_archive(None);

    // From a web server.
    let server = StaticServer::start(&public);
    open_search_page(&mut browser, &format!("{}search/", server.url()));
    assert_exact_results(&mut browser, &reports, "http");
    let search_url = browser.eval("location.search");
    assert_eq!(
        search_url,
        json!("?q=%E5%AE%8B%E6%A8%82%E5%81%89"),
        "the query box updates the URL"
    );

    // What one query transfers: the shards and the report files of the first page.
    server.clear_log();
    submit(&mut browser, "睢寧縣");
    let sent: usize = server.log().iter().map(|(_, bytes)| bytes).sum();
    assert!(sent < 200_000, "one query transferred {sent} bytes");

    // From disk.
    let file_url = format!("file://{}/search/index.html", public.display());
    open_search_page(&mut browser, &file_url);
    assert_exact_results(&mut browser, &reports, "file");
    let hrefs = browser.eval("Array.from(document.querySelectorAll('.search-result-title a')).slice(0, 1).map(a => a.getAttribute('href'))");
    assert!(
        hrefs[0].as_str().unwrap().ends_with("/index.html"),
        "from disk, links name index.html: {hrefs}"
    );
    assert!(
        browser.errors().is_empty(),
        "page errors: {:?}",
        browser.errors()
    );
}

#[test]
fn linked_searches_filters_and_script_parity() {
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    let (_site, public, reports) = built_archive(None);
    let server = StaticServer::start(&public);

    // A linked search shows its results on load.
    open_search_page(
        &mut browser,
        &format!("{}search/?q=%E7%9D%A2%E5%AE%81%E5%8E%BF", server.url()),
    );
    assert_eq!(
        browser.eval("document.getElementById('search-q').value"),
        json!("睢宁县")
    );
    let wanted = expected(&reports, "睢寧縣");
    let status = browser.eval("document.getElementById('search-status').textContent");
    assert_eq!(status, json!(format!("{} 篇報導", wanted.len())));
    screenshot(&mut browser, "search-results");
    let first_page = links(&mut browser, ".search-result-title a");
    assert_eq!(first_page.len(), 10.min(wanted.len()));
    assert!(first_page.iter().all(|u| wanted.contains(u)));
    let marks = browser.eval(
        "Array.from(document.querySelectorAll('.search-result mark')).map(m => m.textContent)",
    );
    assert!(
        marks
            .as_array()
            .unwrap()
            .iter()
            .all(|m| fold(m.as_str().unwrap()) == "睢宁县"),
        "matches are marked: {marks}"
    );

    // Filters: official and year narrow the results, client-side.
    browser.eval("document.getElementById('search-official').value = 'lin-jing-yi'");
    browser.eval("document.getElementById('search-year').value = '2025'");
    let found: BTreeSet<String> = search(&mut browser, "城市更新").into_iter().collect();
    let narrowed: BTreeSet<String> = reports
        .iter()
        .filter(|r| r.officials.contains(&"林靜怡") && r.date.starts_with("2025"))
        .map(Report::url)
        .filter(|u| expected(&reports, "城市更新").contains(u))
        .collect();
    assert!(!narrowed.is_empty());
    assert_eq!(found, narrowed);
    let url = browser
        .eval("location.search")
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        url.contains("official=lin-jing-yi") && url.contains("year=2025"),
        "{url}"
    );

    // Names by pinyin, initials or characters suggest officials and districts, by keyboard too.
    for (typed, first) in [
        ("slw", "宋樂偉"),
        ("song lewei", "宋樂偉"),
        ("songlewei", "宋樂偉"),
        ("睢宁", "睢寧縣"),
        ("snx", "睢寧縣"),
    ] {
        browser.eval(&format!(
            "(() => {{ const i = document.getElementById('search-q'); i.focus(); i.value = {}; i.dispatchEvent(new Event('input')); }})()",
            json!(typed)
        ));
        browser
            .wait_for(
                "document.querySelectorAll('#search-suggestions [role=option]').length > 0",
                TIMEOUT,
            )
            .unwrap();
        let option = browser.eval(
            "document.querySelector('#search-suggestions [role=option] .search-suggestion-name').textContent",
        );
        assert_eq!(option, json!(first), "first suggestion for {typed}");
        screenshot(&mut browser, "search-suggestions");
    }
    browser.eval("document.getElementById('search-q').dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowDown', bubbles: true}))");
    assert_eq!(
        browser.eval("document.getElementById('search-q').getAttribute('aria-activedescendant')"),
        json!("search-suggestion-0")
    );
    assert_eq!(
        browser
            .eval("document.getElementById('search-suggestion-0').getAttribute('aria-selected')"),
        json!("true")
    );
    assert_eq!(
        browser.eval("document.querySelectorAll('#search-suggestions a, #search-suggestions [tabindex]').length"),
        json!(0),
        "no link or focusable element inside an option"
    );
    let suggested = browser.eval("document.getElementById('search-suggestion-0').dataset.href");
    assert_eq!(suggested, json!("../districts/sui-ning-xian/"));
    browser.eval("document.getElementById('search-q').dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}))");
    browser
        .wait_for(
            "location.pathname.endsWith('/districts/sui-ning-xian/')",
            TIMEOUT,
        )
        .unwrap();

    // The script hashes and folds exactly as the index builder does.
    open_search_page(&mut browser, &format!("{}search/", server.url()));
    for (key, hash) in [
        ("宋乐", 0x5A43_2C48u32),
        ("gdp", 0xD3D0_2E02),
        ("𠀀", 0x0D9E_D115),
    ] {
        assert_eq!(
            browser.eval(&format!("annalsSearch.gramHash({})", json!(key))),
            json!(hash)
        );
    }
    // (The script's table holds only the characters the index contains; these all occur.)
    let sample = "宋樂偉到睢寧縣調研ＧＤＰ、Café，重大產業項目";
    assert_eq!(
        browser.eval(&format!("annalsSearch.fold({})", json!(sample))),
        json!(fold(sample))
    );
    let errors: Vec<&String> = browser
        .errors()
        .iter()
        .filter(|e| !e.contains("404"))
        .collect();
    assert!(errors.is_empty(), "page errors: {errors:?}");
}

#[test]
fn candidates_found_through_common_bigrams_are_checked_against_their_text() {
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    // Every body posting keeps only report ids, as very common bigrams do in large archives.
    let options = IndexOptions {
        max_positional_bytes: 0,
        shard_target_bytes: 1024,
        max_shards: 64,
        ..IndexOptions::default()
    };
    let (_site, public, reports) = built_archive(Some(&options));
    open_search_page(
        &mut browser,
        &format!("file://{}/search/index.html", public.display()),
    );
    assert_exact_results(&mut browser, &reports, "ids-only");
    assert!(
        browser.errors().is_empty(),
        "page errors: {:?}",
        browser.errors()
    );
}

/// The search index `annals build` writes for a loaded archive.
fn archive_index(archive: &annals::archive::Archive) -> Vec<(String, Vec<u8>)> {
    annals::search_index::outputs(archive)
        .into_iter()
        .map(|o| (o.path, o.bytes))
        .collect()
}

/// Measures search on a real archive (run by hand):
/// `ANNALS_SEARCH_ARCHIVE=<site root> cargo test --release --test integration measure_search -- --ignored --nocapture`
/// (without the variable, the repository's demo archive). Prints build times, index size, and for
/// each query what the page transferred and how long the lookup took once the shards arrived.
#[test]
#[ignore]
fn measure_search_on_an_archive() {
    let root = std::env::var_os("ANNALS_SEARCH_ARCHIVE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let started = std::time::Instant::now();
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["build", "--root"])
        .arg(&root)
        .arg("--output-dir")
        .arg(&public)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let build_time = started.elapsed();
    let site =
        annals::load_site(&root, false, None).unwrap_or_else(|_| panic!("cannot load the archive"));
    let started = std::time::Instant::now();
    let files = archive_index(&site.archive);
    let index_time = started.elapsed();
    let _ = std::fs::remove_dir_all(public.join("search/data"));
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    for (path, bytes) in &files {
        write(&public.join(path), bytes);
    }
    println!(
        "\n{} reports: `annals build` {:.2} s (without the index while the render stage does not call it); build_index {:.2} s; {} index files, {:.1} MB",
        site.archive.reports.len(),
        build_time.as_secs_f64(),
        index_time.as_secs_f64(),
        files.len(),
        total as f64 / 1e6
    );
    let Some(mut browser) = Browser::launch() else {
        return;
    };
    let server = StaticServer::start(&public);
    open_search_page(&mut browser, &format!("{}search/", server.url()));
    let page_load = server.log();
    let page_bytes: usize = page_load.iter().map(|(_, b)| b).sum();
    let files: Vec<String> = page_load
        .iter()
        .map(|(path, bytes)| format!("{path} {:.1} KB", *bytes as f64 / 1e3))
        .collect();
    println!(
        "search page: {:.1} KB ({})",
        page_bytes as f64 / 1e3,
        files.join(", ")
    );
    let mut queries: Vec<String> = std::env::var("ANNALS_SEARCH_QUERIES")
        .map(|q| q.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    if queries.is_empty() {
        let first = &site.archive.reports[0];
        queries.extend(first.officials.first().map(|a| a.name.clone()));
        queries.extend(first.districts.first().cloned());
        queries.extend(first.tags.first().cloned());
        queries.push(first.title.chars().take(6).collect());
        queries.push(first.body.text().chars().skip(40).take(8).collect());
        queries.push(fold(&first.title.chars().take(4).collect::<String>()));
        queries.push(first.title.chars().take(1).collect());
        queries.push("工作".into());
        queries.push("會議強調".into());
    }
    println!(
        "{:<16} {:>8} {:>6} {:>8} {:>10} {:>10}",
        "query", "results", "files", "KB", "lookup ms", "page ms"
    );
    for query in queries {
        server.clear_log();
        submit(&mut browser, &query);
        let log = server.log();
        let bytes: usize = log.iter().map(|(_, b)| b).sum();
        let status = browser.eval("document.getElementById('search-status').textContent");
        let timing = browser.eval("annalsSearch.timing || {}");
        let count = status.as_str().unwrap_or("").trim_start_matches("≈ ");
        println!(
            "{:<16} {:>8} {:>6} {:>8.1} {:>10.1} {:>10.1}",
            query,
            count.split(' ').next().unwrap_or(""),
            log.len(),
            bytes as f64 / 1e3,
            timing["lookupMs"].as_f64().unwrap_or(-1.0),
            timing["pageMs"].as_f64().unwrap_or(-1.0),
        );
    }
}
