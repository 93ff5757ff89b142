//! Building fixture sites and the demo archive: every page kind exists, every list shows exactly
//! the reports that name it across pagination, drafts stay unpublished, feeds and the sitemap
//! parse, and the demo archive is fully reachable from the home page.

use crate::support::{build, build_demo, read, repo_root, run, site_copy};
use std::collections::{BTreeSet, HashSet, VecDeque};
use std::path::Path;

/// The `href`s of an HTML page, in order.
pub fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .collect()
}

/// Slugs of the report cards on one list page.
fn card_slugs(html: &str) -> Vec<String> {
    html.split("class=\"report-card-title\"><a href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| {
            href.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

/// All report slugs of a paginated list, following `page/N/` until it ends.
fn list_slugs(out: &Path, base: &str) -> Vec<String> {
    let mut slugs = card_slugs(&read(out, &format!("{base}index.html")));
    for n in 2.. {
        let page = out.join(format!("{base}page/{n}/index.html"));
        if !page.exists() {
            break;
        }
        slugs.extend(card_slugs(&std::fs::read_to_string(page).unwrap()));
    }
    slugs
}

#[test]
fn a_folder_with_only_site_toml_and_content_builds() {
    let site = site_copy("minimal");
    let out = build(site.path());
    let home = read(&out, "index.html");
    assert!(home.contains("<html lang=\"en\">"), "{home}");
    assert!(home.contains("First report"));
    assert!(read(&out, "2024/05/02/first/index.html").contains("the embedded theme builds it"));
    assert!(out.join("style.css").is_file());
    assert!(out.join("404.html").is_file());
    assert!(out.join("robots.txt").is_file());
}

#[test]
fn every_list_shows_exactly_the_reports_that_name_it() {
    let site = site_copy("basic");
    let out = build(site.path());
    let cases: &[(&str, &[&str])] = &[
        ("", &["flood", "urban-renewal", "budget", "2023-river"]),
        (
            "officials/lin-jingyi/",
            &["flood", "urban-renewal", "2023-river"],
        ),
        (
            "officials/chen-jian-guo/",
            &["urban-renewal", "budget", "2023-river"],
        ),
        (
            "districts/jiang-bei-qu/",
            &["flood", "urban-renewal", "2023-river"],
        ),
        ("districts/hi-tech-zone/", &["urban-renewal"]),
        ("districts/nan-an-qu/", &["budget", "2023-river"]),
        ("tags/cheng-shi-geng-xin/", &["urban-renewal", "budget"]),
        ("tags/fang-xun/", &["flood"]),
        ("2024/", &["flood", "urban-renewal", "budget"]),
        ("2024/03/", &["flood", "urban-renewal"]),
        ("2024/03/14/", &["flood", "urban-renewal"]),
        ("2024/01/", &["budget"]),
        ("2023/", &["2023-river"]),
        ("2023/11/", &["2023-river"]),
    ];
    for (base, expected) in cases {
        let got = if base.is_empty() {
            card_slugs(&read(&out, "index.html"))
        } else {
            list_slugs(&out, base)
        };
        assert_eq!(&got, expected, "list `/{base}`");
    }
    // Pagination: 3 reports at 2 a page make exactly two pages, with links both ways.
    let first = read(&out, "officials/lin-jingyi/index.html");
    assert!(
        first.contains("href=\"../../officials/lin-jingyi/page/2/\" rel=\"next\""),
        "{first}"
    );
    let second = read(&out, "officials/lin-jingyi/page/2/index.html");
    assert!(
        second.contains("href=\"../../../../officials/lin-jingyi/\" rel=\"prev\""),
        "{second}"
    );
    assert!(!out.join("officials/lin-jingyi/page/3").exists());
    assert!(
        !out.join("officials/lin-jingyi/page/1").exists(),
        "page 1 is the list's own URL"
    );
}

#[test]
fn drafts_are_never_published() {
    let site = site_copy("basic");
    let out = build(site.path());
    for entry in walkdir::WalkDir::new(&out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).to_string();
        assert!(
            !text.contains("未完成的草稿") && !text.contains("草稿官員"),
            "draft leaked into {}",
            entry.path().display()
        );
    }
    assert!(!out.join("2024/04").exists());
    // With --drafts it is built.
    let with = site.path().join("with-drafts");
    let result = run(&[
        "build",
        "--drafts",
        "--root",
        site.path().to_str().unwrap(),
        "--output-dir",
        with.to_str().unwrap(),
    ]);
    assert!(result.status.success());
    assert!(read(&with, "2024/04/01/draft/index.html").contains("未完成的草稿"));
}

#[test]
fn report_page_shows_roles_links_source_and_neighbours() {
    let site = site_copy("basic");
    let out = build(site.path());
    let page = read(&out, "2024/03/14/urban-renewal/index.html");
    assert!(page.contains("<time datetime=\"2024-03-14\">"), "{page}");
    assert!(page.contains("<a href=\"../../../../officials/lin-jingyi/\">林靜怡</a> <span class=\"role\">市長</span>"), "{page}");
    assert!(
        page.contains("<a href=\"../../../../districts/hi-tech-zone/\">臨江高新區</a>"),
        "alias 高新區 maps to the registry name"
    );
    assert!(page.contains("href=\"https://news.example.org/2024/0314\""));
    // A plain front matter key from the table of keys reaches the template.
    assert!(
        page.contains("<dt>地點</dt>\n      <dd>市政府第一會議室</dd>"),
        "{page}"
    );
    let budget_page = read(&out, "2024/01/09/budget/index.html");
    assert!(!budget_page.contains("<dt>地點</dt>"), "no venue, no row");
    // CJK soft break joined, table and footnote rendered.
    assert!(page.contains("主持會議"), "{page}");
    assert!(page.contains("<table>") && page.contains("footnote-definition"));
    // Newer (same day, later time) and older neighbours.
    assert!(
        page.contains("href=\"../../../../2024/03/14/flood/\" rel=\"prev\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"../../../../2024/01/09/budget/\" rel=\"next\""),
        "{page}"
    );
    let budget = read(&out, "2024/01/09/budget/index.html");
    assert!(budget.contains("class=\"hl-"), "code is highlighted");
    let flood = read(&out, "2024/03/14/flood/index.html");
    assert!(flood.contains("<h2 id=\"hui-yi-nei-rong\">"), "{flood}");
}

#[test]
fn official_page_shows_roles_over_time_and_company() {
    let site = site_copy("basic");
    let out = build(site.path());
    let chen = read(&out, "officials/chen-jian-guo/index.html");
    let roles = chen
        .split("<table class=\"roles\">")
        .nth(1)
        .unwrap()
        .split("</table>")
        .next()
        .unwrap();
    let first_role = roles.find("常務副市長").unwrap();
    let second_role = roles.find("<td>副市長").unwrap();
    assert!(first_role < second_role, "most recent role first: {roles}");
    assert!(chen.contains("2024年1月9日") && chen.contains("2024年3月14日"));
    let company = chen.split("id=\"with-officials\"").nth(1).unwrap();
    assert!(
        company.contains(">林靜怡</a> <span class=\"count\">2</span>"),
        "{company}"
    );
    let lin = read(&out, "officials/lin-jingyi/index.html");
    assert!(
        lin.contains("臨江市市長。") && lin.contains("林靜儀"),
        "registry description and alias shown"
    );
}

#[test]
fn feeds_and_sitemap_parse_and_list_reports() {
    let site = site_copy("basic");
    let out = build(site.path());
    for feed in [
        "feed.xml",
        "officials/lin-jingyi/feed.xml",
        "districts/jiang-bei-qu/feed.xml",
    ] {
        let text = read(&out, feed);
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let entries = doc
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .count();
        assert!(entries > 0, "{feed}");
    }
    let site_feed = read(&out, "feed.xml");
    assert!(site_feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/archive/2024/03/14/flood/\"/>"));
    assert!(
        site_feed.contains("<updated>2024-03-14T09:30:00+08:00</updated>"),
        "{site_feed}"
    );
    let sitemap = read(&out, "sitemap.xml");
    roxmltree::Document::parse(&sitemap).unwrap();
    for slug in [
        "2024/03/14/flood/",
        "2024/03/14/urban-renewal/",
        "2024/01/09/budget/",
        "2023/11/30/2023-river/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.org/archive/{slug}</loc>")),
            "{slug}"
        );
    }
    assert!(read(&out, "robots.txt").contains("Sitemap: https://example.org/archive/sitemap.xml"));
}

/// Follows every relative link from the home page and returns the pages reached.
fn crawl(out: &Path) -> BTreeSet<String> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue: VecDeque<String> = VecDeque::from([String::new()]);
    while let Some(dir) = queue.pop_front() {
        if !seen.insert(dir.clone()) {
            continue;
        }
        let Ok(html) = std::fs::read_to_string(out.join(&dir).join("index.html")) else {
            continue;
        };
        for href in hrefs(&html) {
            if href.contains("://")
                || href.starts_with('#')
                || href.starts_with("mailto:")
                || !href.ends_with('/')
            {
                continue;
            }
            let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
            for segment in href.split('/') {
                match segment {
                    "" | "." => {}
                    ".." => {
                        parts.pop();
                    }
                    s => parts.push(s),
                }
            }
            let target = if parts.is_empty() {
                String::new()
            } else {
                format!("{}/", parts.join("/"))
            };
            if !seen.contains(&target) {
                queue.push_back(target);
            }
        }
    }
    seen
}

#[test]
fn the_demo_archive_is_reachable_from_the_home_page() {
    let (_dir, out) = build_demo();
    let root = repo_root();
    let reached = crawl(&out);
    let mut expected = HashSet::new();
    for entry in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
    {
        if entry.path().extension().is_some_and(|x| x == "md") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            if !text.contains("\ndraft: true") {
                expected.insert(entry.path().to_path_buf());
            }
        }
    }
    let report_pages: Vec<&String> = reached
        .iter()
        .filter(|p| p.matches('/').count() == 4 && !p.contains("/page/"))
        .collect();
    assert_eq!(
        report_pages.len(),
        expected.len(),
        "every non-draft report is reachable by links"
    );
    assert!(
        expected.len() >= 40,
        "the demo archive has at least 40 reports"
    );
}

#[test]
fn rebuilds_skip_unchanged_inputs_and_rewrite_only_changed_files() {
    let site = site_copy("basic");
    let out = build(site.path());
    let args = [
        "build",
        "--root",
        site.path().to_str().unwrap(),
        "--output-dir",
        out.to_str().unwrap(),
    ];
    let mtime = |path: &str| {
        std::fs::metadata(out.join(path))
            .unwrap()
            .modified()
            .unwrap()
    };
    let untouched = mtime("tags/fang-xun/index.html");
    let report = mtime("2024/01/09/budget/index.html");

    let again = run(&args);
    assert!(again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("is up to date"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );

    std::thread::sleep(std::time::Duration::from_millis(20));
    let file = site.path().join("content/2024/budget.md");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("審查年度預算。", "審查年度預算並通過。");
    std::fs::write(&file, text).unwrap();
    let edited = run(&args);
    assert!(edited.status.success());
    assert!(String::from_utf8_lossy(&edited.stderr).contains("built 4 reports"));
    assert!(read(&out, "2024/01/09/budget/index.html").contains("審查年度預算並通過。"));
    assert_ne!(
        mtime("2024/01/09/budget/index.html"),
        report,
        "the edited report was rewritten"
    );
    assert_eq!(
        mtime("tags/fang-xun/index.html"),
        untouched,
        "a page whose bytes did not change is not rewritten"
    );
}
