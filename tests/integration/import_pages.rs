//! `annals import` on pages shaped like real news pages: `tests/fixtures/import/pages/` holds one
//! invented page per structure that real government and news sites produce (page chrome and a
//! metadata line, leader lists, leading-group roles, scraper noise, bylines, Taiwan and Hong Kong
//! releases, place names, HTML article blocks). Each runs through the real binary with
//! `--dry-run`; the tests read the report it prints and the summary on standard error.
//! Encodings and `--date` are tested here too, on the same pages.

use super::import::{import, officials, parse_report, role, site, strings, text};
use serde_yaml::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn page(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/pages")
        .join(name)
}

/// What `annals import --dry-run ARGS FILE` shows: the parsed report, its paragraphs, and the
/// summary on standard error. Fails the test when the import fails.
struct Imported {
    front: Value,
    paragraphs: Vec<String>,
    summary: String,
}

impl Imported {
    fn officials(&self) -> Vec<(String, Option<String>)> {
        officials(&self.front)
    }

    fn districts(&self) -> Vec<String> {
        strings(&self.front["districts"])
    }

    fn field(&self, key: &str) -> &str {
        self.front[key].as_str().unwrap_or_default()
    }

    fn body(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

fn dry_run(file: &Path, args: &[&str]) -> Imported {
    let site = site();
    let mut all: Vec<&str> = args.to_vec();
    all.push("--dry-run");
    all.push(file.to_str().unwrap());
    let out = import(site.path(), &all, "");
    let summary = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{summary}");
    let (front, paragraphs) = parse_report(&text(&out.stdout));
    Imported {
        front,
        paragraphs,
        summary,
    }
}

#[test]
fn page_chrome_metadata_line_and_headline() {
    let report = dry_run(&page("chrome-and-leaders.txt"), &[]);
    // The headline is the short line before the metadata line, not the greeting or breadcrumb.
    assert_eq!(report.field("title"), "青石縣召開秋季防火工作會議");
    assert!(report.paragraphs[0].starts_with("10月27日，青石縣召開"));
    let body = report.body();
    for chrome in [
        "歡迎光臨",
        "關鍵字",
        "當前位置",
        "時間",
        "點擊",
        "分隔",
        "分享",
        "版權",
        "記者",
        "編輯",
        "編審",
        "杜小平",
        "華明",
    ] {
        assert!(!body.contains(chrome), "{chrome} left in the body: {body}");
    }
    assert_eq!(report.paragraphs.len(), 3, "{body}");
}

#[test]
fn the_meeting_date_wins_over_the_publication_date_which_gives_the_year() {
    let report = dry_run(&page("chrome-and-leaders.txt"), &[]);
    // 時間:2023-10-30 is when the page was published; the meeting was on 10月27日.
    assert_eq!(report.field("date"), "2023-10-27");
    assert!(
        report
            .summary
            .contains("year and month from the page's date `2023-10-30`"),
        "{}",
        report.summary
    );
    // A meeting in December published in January belongs to the year before.
    let site = site();
    let page = "時間:2024-01-02 08:00 來源:臨江新聞網\n\
                12月30日，臨江市召開年終工作會議，市長林靜怡出席會議並講話。\n";
    let out = import(site.path(), &["--dry-run", "-"], page);
    let (front, _) = parse_report(&text(&out.stdout));
    assert_eq!(front["date"].as_str(), Some("2023-12-30"));
    // --year does not override the page's own date.
    let out = import(site.path(), &["--dry-run", "--year", "2020", "-"], page);
    let (front, _) = parse_report(&text(&out.stdout));
    assert_eq!(front["date"].as_str(), Some("2023-12-30"));
}

#[test]
fn leader_lists_under_a_collective_title_before_and_after_the_list() {
    let report = dry_run(&page("chrome-and-leaders.txt"), &[]);
    let found = report.officials();
    for name in ["梁子安", "石春華", "諸葛文亮", "韋曉雪"] {
        assert!(found.contains(&role(name, "縣領導")), "{name}: {found:?}");
    }
    let report = dry_run(&page("leading-group.txt"), &["--year", "2024"]);
    let found = report.officials();
    for name in ["孔令辉", "邝家宁", "樊一鸣"] {
        assert!(found.contains(&role(name, "县领导")), "{name}: {found:?}");
    }
}

#[test]
fn acting_heads_leading_groups_party_groups_and_ranks() {
    let report = dry_run(&page("chrome-and-leaders.txt"), &[]);
    let found = report.officials();
    // A name followed by 和 and a verb keeps its third character: 邵清和主持, not 邵清.
    assert!(
        found.contains(&role("邵清和", "縣委副書記、代縣長")),
        "{found:?}"
    );
    // 代縣長 is a title, not the county 代縣.
    assert!(!report.districts().iter().any(|d| d.contains("代縣")));
    let report = dry_run(&page("leading-group.txt"), &["--year", "2024"]);
    let found = report.officials();
    for expected in [
        role("冯立新", "县委书记、领导小组第一组长"),
        role("蒋文博", "县委副书记、县长、领导小组组长"),
        role("齐海鸥", "县委常委、常务副县长、领导小组副组长"),
        role("蓝子墨", "县人大常委会党组副书记、副主任"),
        role("邬明山", "县政协农业委员会主任委员"),
        role("柏晓岚", "县农业农村局调研员"),
    ] {
        assert!(found.contains(&expected), "{expected:?}: {found:?}");
    }
    assert_eq!(found.len(), 9, "{found:?}");
}

#[test]
fn scraper_punctuation_noise_is_tidied_and_roles_survive_it() {
    let report = dry_run(&page("scraper-noise.txt"), &[]);
    assert_eq!(
        report.officials(),
        [
            role("藍曉東", "區人大常委會黨組副書記、副主任"),
            role("阮靜波", "區人大常委會副主任"),
            role("鄒文彬", "區人大常委會副主任"),
        ]
    );
    assert_eq!(
        report.paragraphs[0],
        "2024年4月9日上午，南岸區人大常委會召開第十二次會議。區人大常委會黨組副書記、副主任藍曉東，\
         區人大常委會副主任阮靜波、鄒文彬出席會議。"
    );
    assert!(report.summary.contains("2 pinyin annotation(s) removed"));
}

#[test]
fn bylines_and_credits_stay_out_of_the_body_and_are_never_joined() {
    let report = dry_run(&page("scraper-noise.txt"), &[]);
    let body = report.body();
    assert!(!body.contains("钱小颖") && !body.contains("作者"), "{body}");
    assert_eq!(report.paragraphs.len(), 2, "{body}");
    let names: Vec<String> = report.officials().into_iter().map(|o| o.0).collect();
    assert!(!names.iter().any(|n| n.contains("钱小颖")), "{names:?}");
    let report = dry_run(&page("leading-group.txt"), &["--year", "2024"]);
    let body = report.body();
    for credit in ["撰稿", "审稿", "钱多多", "古月明"] {
        assert!(!body.contains(credit), "{credit}: {body}");
    }
    let report = dry_run(&page("chrome-and-leaders.txt"), &[]);
    assert!(
        report.paragraphs[0].ends_with("主持會議。"),
        "{:?}",
        report.paragraphs
    );
}

#[test]
fn a_taiwan_release_with_wards_and_names_before_titles() {
    let report = dry_run(&page("taiwan-wards.txt"), &[]);
    // 今(19)日 takes its month and year from the release date.
    assert_eq!(report.field("date"), "2024-06-19");
    let found = report.officials();
    for expected in [
        role("田守仁", "區長"),
        role("葛美玲", "議員"),
        role("邵文斌", "議員"),
        role("雷振宇", "立委"),
        role("吳永福", "里長"),
        role("黎國安", "里長"),
        role("費雲卿", "里長"),
        role("殷若蘭", "雙溪里長"),
        role("伍承志", "東坡里長"),
    ] {
        assert!(found.contains(&expected), "{expected:?}: {found:?}");
    }
    assert_eq!(found.len(), 9, "{found:?}");
    assert_eq!(report.districts(), ["后里區", "雙溪里", "東坡里"]);
}

#[test]
fn a_hong_kong_release_with_roles_joined_by_and() {
    let report = dry_run(&page("hongkong-release.txt"), &[]);
    assert_eq!(report.field("date"), "2024-03-15");
    assert_eq!(
        report.officials(),
        [
            role("伍家明", "財經事務及庫務局局長"),
            role("柯文山", "西貢民政事務專員"),
            role("喬本立", "西貢及離島規劃專員"),
            role("甘慧珊", "勞工及福利局局長"),
        ]
    );
    assert_eq!(report.districts(), ["西貢區", "中西區"]);
    let body = report.body();
    assert!(
        !body.contains("香港時間") && !body.ends_with('完'),
        "{body}"
    );
}

#[test]
fn place_names_from_the_gazetteer_lists_and_anchored_zones() {
    let report = dry_run(&page("places.txt"), &[]);
    // One-character stems (睢縣, 沛縣), list items (南城區, 蕉華工業園區), a town after a verb
    // without the verb (新鋪鎮), a zone anchored on a known place; not 推動我市, 來我縣, 代縣
    // (of 代縣長) or 五縣兩區.
    assert_eq!(
        report.districts(),
        [
            "睢縣",
            "沛縣",
            "南城區",
            "蕉華工業園區",
            "新鋪鎮",
            "睢寧經濟技術開發區"
        ]
    );
}

#[test]
fn pages_saved_in_gbk_big5_or_a_declared_charset() {
    let site = site();
    let utf8 = dry_run(&page("chrome-and-leaders.txt"), &[]);
    // Big5 has no simplified 线: the separator is written 分隔線 in every encoding here.
    let traditional = fs::read_to_string(page("chrome-and-leaders.txt"))
        .unwrap()
        .replace("分隔线", "分隔線");
    let simplified = fs::read_to_string(page("leading-group.txt")).unwrap();
    let cases = [
        (
            "big5.txt",
            encoding_rs::BIG5.encode(&traditional).0,
            "Big5 (detected)",
            &[][..],
        ),
        (
            "gbk.txt",
            encoding_rs::GBK.encode(&traditional).0,
            "GBK (detected)",
            &[],
        ),
        (
            "forced.txt",
            encoding_rs::GB18030.encode(&traditional).0,
            "gb18030 (--encoding)",
            &["--encoding", "gb18030"],
        ),
    ];
    for (name, bytes, encoding, args) in cases {
        let path = site.path().join(name);
        fs::write(&path, &bytes).unwrap();
        let report = dry_run(&path, args);
        assert!(
            report.summary.contains(&format!("encoding:  {encoding}")),
            "{name}: {}",
            report.summary
        );
        assert_eq!(report.front, utf8.front, "{name}");
        assert_eq!(report.paragraphs, utf8.paragraphs, "{name}");
    }
    // A page declaring its charset is read in it, even where detection could hesitate.
    let paragraphs: String = simplified
        .lines()
        .map(|line| format!("<p>{line}</p>\n"))
        .collect();
    let html = format!(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\
         </head><body>{paragraphs}</body></html>"
    );
    let path = site.path().join("declared.html");
    fs::write(&path, encoding_rs::GBK.encode(&html).0).unwrap();
    let report = dry_run(&path, &["--year", "2024"]);
    assert!(
        report.summary.contains("encoding:  GBK (declared)"),
        "{}",
        report.summary
    );
    assert_eq!(report.field("title"), "白沙县乡村振兴工作领导小组会议召开");
    // The report itself is UTF-8.
    let out = import(site.path(), &["--year", "2024", path.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = super::import::content_files(site.path());
    assert!(String::from_utf8(fs::read(&written[0]).unwrap()).is_ok());
}

#[test]
fn a_page_without_a_day_is_refused_until_date_is_given() {
    let site = site();
    let file = page("no-date.txt");
    let out = import(site.path(), &[file.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("no date found in"), "{stderr}");
    assert!(stderr.contains("pass --date YYYY-MM-DD"), "{stderr}");
    let report = dry_run(&file, &["--date", "2024-05-20"]);
    assert_eq!(report.field("date"), "2024-05-20");
    assert!(
        report.summary.contains("(from --date)"),
        "{}",
        report.summary
    );
    // --date wins over a date in the text.
    let report = dry_run(&page("places.txt"), &["--date", "2024-05-07"]);
    assert_eq!(report.field("date"), "2024-05-07");
}

#[test]
fn html_prefers_the_article_element_or_the_largest_text_block() {
    let html = fs::read_to_string(page("article-page.html")).unwrap();
    let site = site();
    let as_div = html
        .replace("<article>", "<div class=\"content\">")
        .replace("</article>", "</div>");
    let div_page = site.path().join("div.html");
    fs::write(&div_page, as_div).unwrap();
    for file in [page("article-page.html"), div_page] {
        let report = dry_run(&file, &["--year", "2024"]);
        assert_eq!(report.field("title"), "江北區召開河長制工作會議");
        assert_eq!(report.field("date"), "2024-07-01");
        assert_eq!(report.paragraphs.len(), 3, "{:?}", report.paragraphs);
        let body = report.body();
        for outside in ["熱點", "推薦", "相關新聞", "歡迎"] {
            assert!(!body.contains(outside), "{outside}: {body}");
        }
    }
}

#[test]
fn unsure_names_are_reported_for_checking_not_written() {
    let site = site();
    let page = "2024年3月2日，市長陳婕帶領調研組到青石縣調研，副縣長賈興民在調研中匯報了工作。\n\
                縣領導梁子安、占卓文、石春華參加調研。原縣長尤文德也到場。\n";
    let out = import(site.path(), &["--dry-run", "-"], page);
    let summary = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{summary}");
    let (front, _) = parse_report(&text(&out.stdout));
    let found = officials(&front);
    // Names followed by verbs are cut right.
    assert!(found.contains(&role("陳婕", "市長")), "{found:?}");
    assert!(found.contains(&role("賈興民", "副縣長")), "{found:?}");
    // The list goes on past a name with an uncommon surname, which is left to the user.
    assert!(found.contains(&role("石春華", "縣領導")), "{found:?}");
    let names: Vec<&str> = found.iter().map(|o| o.0.as_str()).collect();
    assert!(
        !names.contains(&"占卓文") && !names.contains(&"尤文德"),
        "{names:?}"
    );
    assert!(summary.contains("check:     占卓文 (縣領導"), "{summary}");
    assert!(summary.contains("check:     尤文德 (原縣長)"), "{summary}");
}

#[test]
fn an_unknown_encoding_is_a_usage_error() {
    let site = site();
    let file = page("places.txt");
    let out = import(
        site.path(),
        &["--encoding", "klingon", file.to_str().unwrap()],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("unknown encoding `klingon`"), "{stderr}");
    assert!(stderr.contains("gbk, gb18030, big5 or utf-8"), "{stderr}");
}
