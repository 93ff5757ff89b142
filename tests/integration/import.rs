//! `annals import` end to end: the real binary on the fixture texts in `tests/fixtures/import/`,
//! run in a copy of the fixture site, with the written reports parsed back and checked field by
//! field, and the site built afterwards.

use serde_yaml::Value;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const URBAN_RENEWAL: &str = "2024-04-urban-renewal.txt";
const FLOOD_CONTROL: &str = "2024-06-flood-control.txt";
const RIVERSIDE_WALK: &str = "2024-04-riverside-walk.html";

const URBAN_RENEWAL_REPORT: &str =
    "content/2024/04/quan-shi-lao-jiu-xiao-qu-gai-zao-gong-zuo-tui-jin-hui-zhao.md";
const FLOOD_CONTROL_REPORT: &str =
    "content/2024/06/lin-jiang-shi-bu-shu-fang-xun-bei-xun-gong-zuo.md";
const RIVERSIDE_WALK_REPORT: &str = "content/2024/04/bin-jiang-bu-dao-er-qi-gong-cheng-kai-gong.md";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// A fresh copy of the fixture site (site.toml and an empty content/).
pub(super) fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture("site/site.toml"), dir.path().join("site.toml")).unwrap();
    fs::create_dir(dir.path().join("content")).unwrap();
    dir
}

/// Runs `annals import --root ROOT ARGS...`, feeding `stdin`.
pub(super) fn import(root: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
        .arg("import")
        .arg("--root")
        .arg(root)
        .args(args)
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

pub(super) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Splits a report into its parsed front matter and its body paragraphs.
pub(super) fn parse_report(report: &str) -> (Value, Vec<String>) {
    let rest = report
        .strip_prefix("---\n")
        .expect("front matter opens the file");
    let (yaml, body) = rest.split_once("\n---\n").expect("front matter is closed");
    let front: Value = serde_yaml::from_str(yaml).expect("front matter is valid YAML");
    let paragraphs = body.trim_end().split("\n\n").map(String::from).collect();
    (front, paragraphs)
}

fn read_report(root: &Path, relative: &str) -> (Value, Vec<String>) {
    let path = root.join(relative);
    let report = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse_report(&report)
}

/// The officials of a front matter as (name, role) pairs.
pub(super) fn officials(front: &Value) -> Vec<(String, Option<String>)> {
    front["officials"]
        .as_sequence()
        .map(|list| {
            list.iter()
                .map(|o| match o {
                    Value::String(name) => (name.clone(), None),
                    map => (
                        map["name"].as_str().unwrap().to_string(),
                        map.get("role").and_then(Value::as_str).map(String::from),
                    ),
                })
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn strings(value: &Value) -> Vec<String> {
    value
        .as_sequence()
        .map(|list| {
            list.iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn role(name: &str, role: &str) -> (String, Option<String>) {
    (name.to_string(), Some(role.to_string()))
}

pub(super) fn content_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![root.join("content")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

#[test]
fn a_scraped_text_becomes_a_clean_report() {
    let site = site();
    let out = import(
        site.path(),
        &["--year", "2024", fixture(URBAN_RENEWAL).to_str().unwrap()],
        "",
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");

    let (front, paragraphs) = read_report(site.path(), URBAN_RENEWAL_REPORT);
    assert_eq!(
        front["title"].as_str(),
        Some("全市老舊小區改造工作推進會召開")
    );
    assert_eq!(front["date"].as_str(), Some("2024-04-09"));
    assert_eq!(
        officials(&front),
        [
            role("林靜怡", "市長"),
            role("陳建國", "副市長"),
            role("蘇明遠", "副市長"),
            role("周文濤", "市政府秘書長"),
            role("黃志明", "江北區區長"),
            role("許曉梅", "青石縣縣長"),
        ]
    );
    // `高新區` in the text is a registry alias of 臨江高新區.
    assert_eq!(
        strings(&front["districts"]),
        ["江北區", "青石縣", "南岸區", "臨江高新區"]
    );
    assert_eq!(
        front["source"].as_str(),
        Some("https://news.linjiang.example/2024/04/09/renewal.html")
    );
    assert_eq!(
        front.as_mapping().unwrap().len(),
        5,
        "no other keys: {front:?}"
    );
    assert_eq!(
        paragraphs,
        [
            "4月9日，臨江市政府召開全市老舊小區改造工作推進會，總結一季度工作，部署下一階段任務。\
             市長林靜怡出席會議并講話，副市長陳建國、蘇明遠出席會議，市政府秘書長周文濤主持會議，\
             江北區區長黃志明、青石縣縣長許曉梅作交流發言。",
            "會上，江北區、南岸區、青石縣、高新區分別匯報了一季度改造進度。\
             市住建局介紹了濱江步道二期工程情況，該工程全長6.8公里(km)，採用人工智能(AI)巡檢系統。",
            "林靜怡強調，要把老舊小區改造作為民生實事抓緊抓好，堅持規劃先行、分步實施，\
             確保六月底前完成首批三十個小區的改造任務。",
            "陳建國要求，各區縣要對滯後項目實行掛牌督辦，南岸區要加快征遷工作，\
             高新區要抓好產業園配套道路建設。",
        ]
    );

    // What was found is shown for review.
    for shown in [
        URBAN_RENEWAL_REPORT,
        "2024-04-09 (from `4月9日`, year from --year)",
        "林靜怡 (市長), 陳建國 (副市長), 蘇明遠 (副市長), 周文濤 (市政府秘書長)",
        "江北區, 青石縣, 南岸區, 臨江高新區",
        "12 pinyin annotation(s) removed",
    ] {
        assert!(stderr.contains(shown), "`{shown}` missing from:\n{stderr}");
    }
}

#[test]
fn an_existing_report_is_kept_unless_forced() {
    let site = site();
    let input = fixture(URBAN_RENEWAL);
    let args = ["--year", "2024", input.to_str().unwrap()];
    assert_eq!(import(site.path(), &args, "").status.code(), Some(0));
    let report = site.path().join(URBAN_RENEWAL_REPORT);
    let imported = fs::read(&report).unwrap();
    let edited = [imported.as_slice(), "\n編輯過的內容。\n".as_bytes()].concat();
    fs::write(&report, &edited).unwrap();

    let again = import(site.path(), &args, "");
    let stderr = text(&again.stderr);
    assert_eq!(again.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("already exists"), "{stderr}");
    assert!(stderr.contains(URBAN_RENEWAL_REPORT), "{stderr}");
    assert!(
        stderr.contains("hint: pass --force to overwrite it"),
        "{stderr}"
    );
    assert_eq!(fs::read(&report).unwrap(), edited, "the report was touched");

    let forced = import(
        site.path(),
        &["--force", "--year", "2024", input.to_str().unwrap()],
        "",
    );
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    assert_eq!(fs::read(&report).unwrap(), imported);
}

#[test]
fn dry_run_prints_the_report_and_writes_nothing() {
    let site = site();
    let input = fixture(URBAN_RENEWAL);
    let out = import(
        site.path(),
        &["--dry-run", "--year", "2024", input.to_str().unwrap()],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let (front, paragraphs) = parse_report(&text(&out.stdout));
    assert_eq!(
        front["title"].as_str(),
        Some("全市老舊小區改造工作推進會召開")
    );
    assert_eq!(paragraphs.len(), 4);
    assert!(
        text(&out.stderr).contains("would write"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(content_files(site.path()), Vec::<PathBuf>::new());
}

#[test]
fn standard_input_is_read_for_a_dash() {
    let site = site();
    let scraped = fs::read_to_string(fixture(FLOOD_CONTROL)).unwrap();
    let out = import(site.path(), &["-"], &scraped);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let (front, paragraphs) = read_report(site.path(), FLOOD_CONTROL_REPORT);
    // The short first line is the headline; the year is in the text.
    assert_eq!(front["title"].as_str(), Some("臨江市部署防汛備汛工作"));
    assert_eq!(front["date"].as_str(), Some("2024-06-03"));
    assert_eq!(
        officials(&front),
        [
            // Written 林靜儀 (a registry alias) after two titles joined by 、.
            role("林靜怡", "市委副書記、市長"),
            role("陳建國", "副市長"),
            role("鄭海峰", "臨江高新技術產業開發區管委會主任"),
        ]
    );
    assert_eq!(
        strings(&front["districts"]),
        ["南岸區", "青石縣", "白沙鎮", "臨江高新區"]
    );
    assert!(front.get("source").is_none());
    assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
    assert!(paragraphs[0].starts_with("2024年6月3日上午，市委副書記、市長林靜儀主持召開"));
    assert!(
        paragraphs[0].ends_with("部署防汛備汛重點任務。副市長陳建國通報了今年汛期氣象趨勢預測。")
    );
}

#[test]
fn an_html_page_becomes_a_report() {
    let site = site();
    let out = import(
        site.path(),
        &[fixture(RIVERSIDE_WALK).to_str().unwrap()],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let (front, paragraphs) = read_report(site.path(), RIVERSIDE_WALK_REPORT);
    assert_eq!(front["title"].as_str(), Some("濱江步道二期工程開工"));
    assert_eq!(front["date"].as_str(), Some("2024-04-02"));
    assert_eq!(
        officials(&front),
        [role("陳建國", "副市長"), role("何麗君", "南岸區區長")]
    );
    assert_eq!(strings(&front["districts"]), ["南岸區", "江北區"]);
    assert_eq!(
        front["source"].as_str(),
        Some("https://news.linjiang.example/2024/04/02/river.html")
    );
    assert_eq!(
        paragraphs,
        [
            "4月2日上午，濱江步道二期工程在南岸區正式開工。副市長陳建國出席開工儀式並宣布工程開工。",
            "據介紹，二期工程全長4.2公里(km)，途經南岸區、江北區，預計2025年底建成“濱江綠廊”將全線貫通。",
            "南岸區區長何麗君表示，將全力做好征遷保障&施工協調工作。",
        ]
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("2 pinyin annotation(s) removed"),
        "{stderr}"
    );
}

#[test]
fn a_date_without_a_year_needs_the_year_flag() {
    let site = site();
    let input = fixture(URBAN_RENEWAL);
    let out = import(site.path(), &[input.to_str().unwrap()], "");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: no year for `4月9日` in `{}`",
            input.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("hint: pass --year YYYY"), "{stderr}");
    assert_eq!(content_files(site.path()), Vec::<PathBuf>::new());
}

#[test]
fn one_bad_input_does_not_stop_the_others() {
    let site = site();
    let no_year = fixture(URBAN_RENEWAL);
    let good = fixture(FLOOD_CONTROL);
    let out = import(
        site.path(),
        &[no_year.to_str().unwrap(), good.to_str().unwrap()],
        "",
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no year for `4月9日`"), "{stderr}");
    assert!(
        stderr.contains("1 of 2 input(s) could not be imported"),
        "{stderr}"
    );
    assert!(site.path().join(FLOOD_CONTROL_REPORT).is_file());
}

#[test]
fn a_folder_without_site_toml_is_refused() {
    let empty = tempfile::tempdir().unwrap();
    let out = import(
        empty.path(),
        &["--year", "2024", fixture(URBAN_RENEWAL).to_str().unwrap()],
        "",
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no `site.toml`"), "{stderr}");
}

#[test]
fn imported_reports_build_into_the_archive() {
    let site = site();
    let root = site.path();
    for file in [URBAN_RENEWAL, FLOOD_CONTROL, RIVERSIDE_WALK] {
        let path = fixture(file);
        let result = import(root, &["--year", "2024", path.to_str().unwrap()], "");
        assert!(result.status.success(), "{}", text(&result.stderr));
    }
    let out = root.join("public");
    let built = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output-dir")
        .arg(&out)
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", text(&built.stderr));
    assert!(
        text(&built.stderr).contains("built 3 reports"),
        "{}",
        text(&built.stderr)
    );
    let (front, _) = read_report(root, URBAN_RENEWAL_REPORT);
    let title = front["title"].as_str().unwrap().to_string();
    let month = fs::read_to_string(out.join("2024/04/index.html")).unwrap();
    assert!(
        month.contains(&title),
        "the imported report is on its month page"
    );
    let officials_index = fs::read_to_string(out.join("officials/index.html")).unwrap();
    assert!(
        officials_index.contains("林靜怡"),
        "imported officials get pages"
    );
    let check = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["check", "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert!(
        !text(&check.stderr).contains("pinyin annotation"),
        "no pinyin left after import: {}",
        text(&check.stderr)
    );
}

#[test]
fn a_gbk_page_with_chrome_and_a_leader_list_becomes_a_report() {
    let site = site();
    let page = "<html><head><meta charset=\"gb2312\"></head><body>\
        <p>欢迎光临临江新闻网!</p><p>当前位置: 主页 > 头条 ></p>\
        <p>临江市召开防汛工作会议</p><p>时间:2024-06-04 09:29 来源:未知 作者:临江新闻网 点击:</p>\
        <p>6月3日,临江市政府召开防汛工作会议,市长林静怡出席会议并讲话。县领导王小明、李大华、张三丰参加会议。</p>\
        <p>------分隔线------</p></body></html>";
    let (bytes, _, _) = encoding_rs::GBK.encode(page);
    let path = site.path().join("page.html");
    fs::write(&path, &bytes).unwrap();
    let out = import(site.path(), &[path.to_str().unwrap()], "");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("encoding:  GBK (declared)"), "{stderr}");
    let report = content_files(site.path());
    assert_eq!(report.len(), 1, "{report:?}");
    let (front, paragraphs) = parse_report(&fs::read_to_string(&report[0]).unwrap());
    assert_eq!(front["title"].as_str(), Some("临江市召开防汛工作会议"));
    assert_eq!(front["date"].as_str(), Some("2024-06-03"));
    let found = officials(&front);
    for name in ["王小明", "李大华", "张三丰"] {
        assert!(found.contains(&role(name, "县领导")), "{found:?}");
    }
    assert_eq!(paragraphs.len(), 1, "{paragraphs:?}");
}
