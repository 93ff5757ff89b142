//! Incremental builds: after random edits (bodies, titles, dates, officials, new and deleted
//! reports), `annals build` into the previous output must give exactly the files a clean build
//! into an empty folder gives, while keeping the pages whose inputs did not change.

use super::support::{annals, copy_dir, fixture, snapshot as files};
use std::path::Path;

const OFFICIALS: [&str; 5] = ["林靜怡", "陳建國", "王秀英", "張志明", "李美玲"];
const DISTRICTS: [&str; 4] = ["江北區", "臨江高新區", "南山縣", "東湖鎮"];
const TAGS: [&str; 4] = ["防汛", "預算", "交通", "教育"];

/// A small deterministic random source (the test must fail the same way every time).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn report_text(rng: &mut Rng, n: usize, title: &str) -> String {
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let year = 2023 + rng.below(2);
    format!(
        "---\ntitle: {title}\ndate: {year}-{month:02}-{day:02}\nofficials: [{}]\ndistricts: [{}]\ntags: [{}]\nsummary: 第{n}次會議摘要。\n---\n第{n}次會議討論了{}。\n\n會議要求各部門落實。\n",
        OFFICIALS[rng.below(OFFICIALS.len())],
        DISTRICTS[rng.below(DISTRICTS.len())],
        TAGS[rng.below(TAGS.len())],
        TAGS[rng.below(TAGS.len())],
    )
}

/// Builds `root` into `out`; returns stderr.
pub(super) fn build(root: &Path, out: &Path, extra: &[&str]) -> String {
    let result = annals()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output-dir")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr).to_string();
    assert!(result.status.success(), "build failed:\n{stderr}");
    stderr
}

/// A copy of the `basic` fixture, built into its `public/` folder.
pub(super) fn built_basic_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("basic"), site.path());
    let out = site.path().join("public");
    build(site.path(), &out, &[]);
    (site, out)
}

/// One random change to the site's reports; returns what it did (for failure messages).
fn change(rng: &mut Rng, content: &Path, next: &mut usize) -> String {
    let mut reports: Vec<_> = walkdir::WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    reports.sort();
    let path = &reports[rng.below(reports.len())];
    let text = std::fs::read_to_string(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    match rng.below(6) {
        0 => {
            std::fs::write(path, format!("{text}\n補充說明第{}條。\n", rng.below(100))).unwrap();
            format!("body of {name}")
        }
        1 => {
            let new = text.replacen("title: ", "title: 修訂", 1);
            std::fs::write(path, new).unwrap();
            format!("title of {name}")
        }
        2 => {
            let new = text.replacen("date: 202", "date: 201", 1);
            std::fs::write(path, new).unwrap();
            format!("date of {name}")
        }
        3 => {
            let official = OFFICIALS[rng.below(OFFICIALS.len())];
            let new = text.replacen("officials: [", &format!("officials: [{official}, "), 1);
            let new = if new.contains(&format!("[{official}, {official}]")) {
                text
            } else {
                new
            };
            std::fs::write(path, new).unwrap();
            format!("officials of {name}")
        }
        4 if reports.len() > 3 => {
            std::fs::remove_file(path).unwrap();
            format!("deleted {name}")
        }
        _ => {
            *next += 1;
            let n = *next;
            let text = report_text(rng, n, &format!("新增會議{n}"));
            std::fs::write(content.join(format!("2024/added-{n}.md")), text).unwrap();
            format!("added added-{n}.md")
        }
    }
}

#[test]
fn incremental_builds_equal_clean_builds_after_random_edits() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    copy_dir(&fixture("basic"), root);
    let content = root.join("content");
    let mut rng = Rng(0x5eed);
    let mut next = 0;
    for n in 0..24 {
        let folder = content.join(if n % 2 == 0 { "2023" } else { "2024" });
        std::fs::create_dir_all(&folder).unwrap();
        let text = report_text(&mut rng, n, &format!("例行會議{n}"));
        std::fs::write(folder.join(format!("meeting-{n}.md")), text).unwrap();
        next = n;
    }
    let work = tempfile::tempdir().unwrap();
    let incremental = work.path().join("incremental");
    build(root, &incremental, &[]);
    let mut kept_some = false;
    for round in 0..14 {
        let done = change(&mut rng, &content, &mut next);
        let stderr = build(root, &incremental, &[]);
        kept_some |= stderr.contains("unchanged kept");
        let clean = work.path().join(format!("clean-{round}"));
        build(root, &clean, &[]);
        let (got, want) = (files(&incremental), files(&clean));
        let got_paths: Vec<_> = got.keys().collect();
        let want_paths: Vec<_> = want.keys().collect();
        assert_eq!(
            got_paths, want_paths,
            "round {round} ({done}): the same files"
        );
        for (path, bytes) in &want {
            assert!(
                got[path] == *bytes,
                "round {round} ({done}): `{path}` differs from a clean build"
            );
        }
        std::fs::remove_dir_all(&clean).unwrap();
    }
    assert!(
        kept_some,
        "rebuilds kept unchanged pages instead of rendering them all"
    );
}

#[test]
fn full_renders_every_page_and_a_changed_theme_trusts_no_key() {
    let (site, out) = built_basic_site();
    let root = site.path();
    let flood = root.join("content/2024/flood.md");
    let text = std::fs::read_to_string(&flood).unwrap();
    std::fs::write(&flood, format!("{text}\n新段落。\n")).unwrap();
    assert!(build(root, &out, &[]).contains("unchanged kept"));
    std::fs::write(&flood, format!("{text}\n另一段落。\n")).unwrap();
    assert!(!build(root, &out, &["--full"]).contains("unchanged kept"));
    // A theme template overriding the embedded one: every page must pick it up.
    let templates = root.join("themes/mine/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let base = std::fs::read_to_string(
        super::support::repo_root().join("themes/default/templates/base.html"),
    )
    .unwrap()
    .replace("<body", "<body data-edited=\"yes\"");
    std::fs::write(templates.join("base.html"), base).unwrap();
    let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        format!("theme = \"mine\"\n{config}"),
    )
    .unwrap();
    let stderr = build(root, &out, &[]);
    assert!(!stderr.contains("unchanged kept"), "{stderr}");
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        page.contains("data-edited=\"yes\""),
        "the new theme reached every page"
    );
}

/// `(N pages rendered, M unchanged kept)` from a build's summary line.
fn rendered_and_kept(stderr: &str) -> (usize, usize) {
    let counts = stderr
        .rsplit_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(inside, _)| inside)
        .unwrap_or_else(|| panic!("no page counts in:\n{stderr}"));
    let number = |text: &str| text.trim().split(' ').next().unwrap().parse().unwrap();
    let (rendered, kept) = counts.split_once(',').unwrap();
    (number(rendered), number(kept))
}

#[test]
fn a_body_edit_renders_only_the_pages_that_show_that_report() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    copy_dir(&fixture("basic"), root);
    let out = root.join("public");
    let stderr = build(root, &out, &["--full"]);
    let all: usize = (stderr.split_once(" pages (").unwrap().0)
        .rsplit(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // A paragraph after the first: the summary, title and cards stay the same; every page but
    // the report's own is kept (every page kind has a key, report pages included).
    let flood = root.join("content/2024/flood.md");
    let text = std::fs::read_to_string(&flood).unwrap();
    std::fs::write(&flood, format!("{text}\n新段落。\n")).unwrap();
    let (rendered, kept) = rendered_and_kept(&build(root, &out, &[]));
    assert_eq!(rendered + kept, all, "every page counted");
    assert_eq!(rendered, 1, "only the edited report's page is rendered");
}

/// Marks a built file so a test can tell whether a rebuild made it again or kept it: a fake
/// gram in a search shard (which a patch carries over like any other entry), a comment after
/// a feed.
fn mark(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let marked = match text.split_once(",{") {
        Some((head, rest)) if text.starts_with("annalsSearch.shard(") => {
            let separator = if rest.starts_with('}') { "" } else { "," };
            format!("{head},{{\"zzmarked\":\"#\"{separator}{rest}")
        }
        _ => format!("{text}<!-- marked -->\n"),
    };
    std::fs::write(path, marked).unwrap();
}

fn is_marked(path: &Path) -> bool {
    let text = std::fs::read_to_string(path).unwrap();
    text.contains("zzmarked") || text.contains("<!-- marked -->")
}

#[test]
fn a_body_edit_patches_the_search_index_and_remakes_only_its_officials_feeds() {
    let (site, out) = built_basic_site();
    let root = site.path();
    let shards: Vec<_> = std::fs::read_dir(out.join("search/data/s"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert!(!shards.is_empty());
    let own_feed = out.join("officials/lin-jingyi/feed.xml");
    let own_calendar = out.join("officials/lin-jingyi/calendar.ics");
    let other_feed = out.join("officials/chen-jian-guo/feed.xml");
    let (site_feed, data_set) = (out.join("feed.xml"), out.join("data/reports.json"));
    for path in shards
        .iter()
        .chain([&own_feed, &own_calendar, &other_feed, &site_feed, &data_set])
    {
        mark(path);
    }

    // flood.md names 林靜儀 (林靜怡's alias), not 陳建國.
    let flood = root.join("content/2024/flood.md");
    let text = std::fs::read_to_string(&flood).unwrap();
    std::fs::write(&flood, format!("{text}\n堤防巡查加密。\n")).unwrap();
    build(root, &out, &[]);
    for shard in &shards {
        assert!(
            is_marked(shard),
            "{}: patched, not rebuilt",
            shard.display()
        );
    }
    let indexed = (shards.iter()).any(|shard| {
        std::fs::read_to_string(shard)
            .unwrap()
            .contains("\"巡查\":")
    });
    assert!(indexed, "the new words are in the index");
    assert!(
        !is_marked(&own_feed),
        "the edited report's official's feed is made again"
    );
    assert!(is_marked(&other_feed), "another official's feed is kept");
    assert!(is_marked(&own_calendar), "a calendar reads no body: kept");
    assert!(
        !is_marked(&site_feed),
        "the site's feed shows the newest bodies"
    );
    assert!(is_marked(&data_set), "the data sets hold no body: kept");

    // A full build (after another edit: with no input changed, nothing is built) trusts
    // nothing the previous one left.
    std::fs::write(&flood, format!("{text}\n堤防巡查加密，落實責任。\n")).unwrap();
    build(root, &out, &["--full"]);
    for path in (shards.iter()).chain([&own_feed, &own_calendar, &other_feed, &data_set]) {
        assert!(!is_marked(path), "{}", path.display());
    }
}

#[test]
fn an_edit_reads_only_the_edited_report_and_pages_around_it_keep_their_bodies() {
    let (site, out) = built_basic_site();
    let root = site.path();
    // A new title: the newer neighbour's page shows the flood report's card, so it is made
    // again, with its own body read back from its unchanged file.
    let flood = root.join("content/2024/flood.md");
    let text = std::fs::read_to_string(&flood).unwrap();
    std::fs::write(&flood, text.replace("防汛工作會議", "防汛工作緊急會議")).unwrap();
    let stderr = build(root, &out, &[]);
    assert!(
        stderr.contains("built 4 reports (1 read, 3 unchanged)"),
        "{stderr}"
    );
    let clean = root.join("clean");
    assert!(!build(root, &clean, &[]).contains("unchanged)"));
    let neighbour = "2024/03/14/urban-renewal/index.html";
    let page = std::fs::read_to_string(out.join(neighbour)).unwrap();
    assert!(page.contains("防汛工作緊急會議"), "the new card is shown");
    assert!(page.contains("城市更新"), "the page keeps its body");
    assert_eq!(files(&out), files(&clean), "as a clean build");
}

#[test]
fn a_registry_change_in_site_toml_reaches_reports_whose_files_did_not_change() {
    let (site, out) = built_basic_site();
    let root = site.path();
    let river = out.join("2023/11/30/2023-river/index.html");
    let before = std::fs::read_to_string(&river).unwrap();
    assert!(before.contains("林靜怡") && !before.contains("林靜儀"));
    // 林靜儀 becomes the registered name, 林靜怡 its alias.
    let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
    let renamed = config
        .replace("[officials.\"林靜怡\"]", "[officials.\"林靜儀\"]")
        .replace("aliases = [\"林靜儀\"]", "aliases = [\"林靜怡\"]");
    assert_ne!(renamed, config);
    std::fs::write(root.join("site.toml"), renamed).unwrap();
    let stderr = build(root, &out, &[]);
    assert!(
        !stderr.contains("unchanged)"),
        "every report read: {stderr}"
    );
    let after = std::fs::read_to_string(&river).unwrap();
    assert!(after.contains("林靜儀") && !after.contains("林靜怡"));
}

#[test]
fn a_report_added_behind_a_feeds_newest_entries_keeps_the_feeds_and_remakes_the_calendar() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    let report = |day: usize| {
        format!(
            "---\ntitle: 第{day}次防汛會議\ndate: 2024-{:02}-{:02}\nofficials: [林靜怡]\n---\n林靜怡主持會議。\n",
            1 + day / 28,
            1 + day % 28
        )
    };
    std::fs::write(
        root.join("site.toml"),
        "title = \"江北新聞\"\nbase_url = \"https://news.example.org\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content/2024")).unwrap();
    for day in 10..40 {
        std::fs::write(root.join(format!("content/2024/r{day}.md")), report(day)).unwrap();
    }
    let out = root.join("public");
    build(root, &out, &[]);
    let official = out.join("officials/lin-jing-yi");
    let files = ["feed.xml", "feed.json", "calendar.ics"].map(|file| official.join(file));
    for file in &files {
        mark(file);
    }
    // Older than the 20 newest: the feeds show the same entries, the calendar one more event.
    std::fs::write(root.join("content/2024/r3.md"), report(3)).unwrap();
    build(root, &out, &[]);
    assert!(is_marked(&files[0]), "the Atom feed is kept");
    assert!(is_marked(&files[1]), "the JSON Feed is kept");
    let calendar = std::fs::read_to_string(&files[2]).unwrap();
    assert!(!is_marked(&files[2]), "the calendar is made again");
    assert!(calendar.contains("第3次防汛會議"), "with the added report");
    // One of the newest: the feeds are made again.
    std::fs::write(root.join("content/2024/r90.md"), report(90)).unwrap();
    build(root, &out, &[]);
    let feed = std::fs::read_to_string(&files[0]).unwrap();
    assert!(!is_marked(&files[0]) && feed.contains("第90次防汛會議"));
    assert!(!is_marked(&files[1]), "the JSON Feed is made again");
}

#[test]
fn a_report_that_moves_its_official_up_the_list_keeps_the_other_officials_feeds() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    let report = |day: usize, official: &str| {
        format!(
            "---\ntitle: 第{day}次會議\ndate: 2024-03-{day:02}\nofficials: [{official}]\n---\n{official}主持會議。\n"
        )
    };
    std::fs::write(
        root.join("site.toml"),
        "title = \"江北新聞\"\nbase_url = \"https://news.example.org\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content/2024")).unwrap();
    // 陳建國 leads the officials with three reports to 林靜怡's two.
    for (day, official) in [
        (1, "陳建國"),
        (2, "陳建國"),
        (3, "陳建國"),
        (4, "林靜怡"),
        (5, "林靜怡"),
    ] {
        let text = report(day, official);
        std::fs::write(root.join(format!("content/2024/r{day}.md")), text).unwrap();
    }
    let out = root.join("public");
    build(root, &out, &[]);
    // The data set lists officials in the archive's order, most reports first.
    let data_set = || std::fs::read_to_string(out.join("data/officials.json")).unwrap();
    let order = |json: &str| json.find("陳建國").unwrap() < json.find("林靜怡").unwrap();
    assert!(order(&data_set()), "陳建國 listed first");
    let other = out.join("officials/chen-jian-guo");
    let files = ["feed.xml", "feed.json", "calendar.ics"].map(|file| other.join(file));
    for file in &files {
        mark(file);
    }
    // Two more for 林靜怡: she moves ahead of 陳建國, whose reports did not change.
    for day in [6, 7] {
        std::fs::write(
            root.join(format!("content/2024/r{day}.md")),
            report(day, "林靜怡"),
        )
        .unwrap();
    }
    build(root, &out, &[]);
    assert!(!order(&data_set()), "林靜怡 listed first");
    for file in &files {
        assert!(is_marked(file), "{} kept", file.display());
    }
    let own = std::fs::read_to_string(out.join("officials/lin-jing-yi/feed.xml")).unwrap();
    assert!(own.contains("第7次會議"), "her own feed is made again");
}
