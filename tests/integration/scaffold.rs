//! `annals init` and `annals new` end to end: the real binary in temporary folders, the site it
//! makes built and checked, the questions of `init` answered through a real pseudo-terminal,
//! and the completion scripts and man pages generated from the command line's definitions.

use crate::support::{annals, build, read};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

/// Runs `annals ARGS` with no terminal and nothing on standard input.
pub fn run(args: &[&str]) -> Output {
    annals()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the annals binary runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Every file under `dir` with its bytes, to show that nothing changed.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = fs::read(e.path()).unwrap();
            (e.path().strip_prefix(dir).unwrap().to_path_buf(), bytes)
        })
        .collect();
    files.sort();
    files
}

/// A site whose registries know 林靜怡 (alias 林靜儀), 陳建國 and 臨江高新區 (alias 高新區).
fn registry_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let made = run(&["init", s(dir.path()), "--title", "臨江市新聞檔案"]);
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    let mut toml = fs::read_to_string(dir.path().join("site.toml")).unwrap();
    toml.push_str(
        "\n[officials.\"林靜怡\"]\nslug = \"lin-jingyi\"\naliases = [\"林靜儀\"]\n\
         [officials.\"陳建國\"]\n[officials.\"Maria Lopez\"]\n\
         [districts.\"臨江高新區\"]\naliases = [\"高新區\"]\n[districts.\"Riverside\"]\n",
    );
    fs::write(dir.path().join("site.toml"), toml).unwrap();
    dir
}

/// Runs `annals new --root ROOT ARGS` and returns the report's path (printed on stdout).
fn new_report(root: &Path, args: &[&str]) -> PathBuf {
    let out = run(&[&["new", "--root", s(root)], args].concat());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    PathBuf::from(text(&out.stdout).trim_end())
}

fn front_matter(path: &Path) -> serde_yaml::Value {
    let report = fs::read_to_string(path).unwrap();
    let yaml = report
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .expect("front matter")
        .0;
    serde_yaml::from_str(yaml).unwrap()
}

#[test]
fn init_then_build_shows_the_example_report_on_the_home_page() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("my archive");
    let out = run(&[
        "init",
        s(&root),
        "--title",
        "臨江市新聞檔案",
        "--language",
        "zh-Hant",
        "--base-url",
        "https://news.example.org/archive",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("Title of the archive"), "{stderr}");
    let quoted = format!("'{}'", root.display());
    assert!(
        stderr.contains(&format!("annals new --root {quoted} \"TITLE\"")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("annals serve --root {quoted}")),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(root.join(".gitignore")).unwrap(),
        "public/\n"
    );
    let toml = fs::read_to_string(root.join("site.toml")).unwrap();
    assert!(toml.contains("title = \"臨江市新聞檔案\"\n"), "{toml}");
    assert!(toml.contains("language = \"zh-Hant\"\n"), "{toml}");
    assert!(toml.contains("# [officials.\""), "{toml}");

    let checked = run(&["check", "--strict", "--root", s(&root)]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stderr));
    let public = build(&root);
    let home = read(&public, "index.html");
    assert!(home.contains("檔案網站開通"), "{home}");
    assert!(home.contains("lang=\"zh-Hant\""), "{home}");
}

#[test]
fn init_without_flags_and_without_a_terminal_asks_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("linjiang-news");
    let out = run(&["init", s(&root)]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("Title of the archive"), "{stderr}");
    assert!(stderr.contains("set `base_url` in site.toml"), "{stderr}");
    let toml = fs::read_to_string(root.join("site.toml")).unwrap();
    assert!(toml.contains("title = \"linjiang-news\"\n"), "{toml}");
    assert!(toml.contains("language = \"en\"\n"), "{toml}");
    let home = read(&build(&root), "index.html");
    assert!(home.contains("The archive opens"), "{home}");
}

#[test]
fn init_into_a_non_empty_folder_exits_1_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "minutes").unwrap();
    fs::write(dir.path().join("site.toml"), "title = \"mine\"\n").unwrap();
    let before = tree(dir.path());
    let out = run(&["init", s(dir.path()), "--title", "x"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("is not empty (it holds `notes.txt`, `site.toml`); nothing was created"),
        "{stderr}"
    );
    assert!(stderr.contains("pass --force"), "{stderr}");
    assert_eq!(tree(dir.path()), before);

    // With --force the missing files are added; the existing ones are kept byte for byte.
    let forced = run(&["init", s(dir.path()), "--title", "x", "--force"]);
    let stderr = text(&forced.stderr);
    assert_eq!(forced.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("site.toml   (exists: kept as it was)"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("site.toml")).unwrap(),
        "title = \"mine\"\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "minutes"
    );
    assert!(dir.path().join(".gitignore").is_file());
}

#[test]
fn init_with_a_bad_base_url_is_a_usage_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let out = run(&["init", s(&root), "--base-url", "archive.example.org"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("`base_url` must be an absolute http(s) URL, not `archive.example.org`"),
        "{stderr}"
    );
    assert!(!root.exists());
    let bad_language = run(&["init", s(&root), "--language", "fr"]);
    assert_eq!(bad_language.status.code(), Some(2));
}

#[test]
fn new_writes_the_canonical_names_of_registry_aliases() {
    let site = registry_site();
    let path = new_report(
        site.path(),
        &[
            "全市城市更新項目推進會召開",
            "--date",
            "2024-03-14",
            "--official",
            "林靜儀:市長",
            "--official",
            "陳建國：常務副市長",
            "--district",
            "高新區",
            "--tag",
            "城市更新",
        ],
    );
    assert_eq!(
        path,
        site.path()
            .join("content/2024/03/quan-shi-cheng-shi-geng-xin-xiang-mu-tui-jin-hui-zhao-kai.md")
    );
    let front = front_matter(&path);
    assert_eq!(front["title"].as_str(), Some("全市城市更新項目推進會召開"));
    assert_eq!(front["date"].as_str(), Some("2024-03-14"));
    assert_eq!(front["officials"][0]["name"].as_str(), Some("林靜怡"));
    assert_eq!(front["officials"][0]["role"].as_str(), Some("市長"));
    assert_eq!(front["officials"][1]["name"].as_str(), Some("陳建國"));
    assert_eq!(front["officials"][1]["role"].as_str(), Some("常務副市長"));
    assert_eq!(front["districts"][0].as_str(), Some("臨江高新區"));
    assert_eq!(front["tags"][0].as_str(), Some("城市更新"));
}

#[test]
fn a_report_made_by_new_passes_check_strict_and_is_built() {
    let site = registry_site();
    let path = new_report(
        site.path(),
        &[
            "Budget hearing: 2025",
            "--date",
            "2024-11-05",
            "--official",
            "Maria Lopez:Mayor",
            "--district",
            "Riverside",
            "--tag",
            "budget",
            "--tag",
            "2025",
        ],
    );
    assert!(
        path.ends_with("content/2024/11/budget-hearing-2025.md"),
        "{path:?}"
    );
    // Every string is quoted where YAML would read it as something else.
    assert_eq!(front_matter(&path)["tags"][1].as_str(), Some("2025"));
    fs::write(
        &path,
        fs::read_to_string(&path).unwrap() + "The council heard the budget.\n",
    )
    .unwrap();
    let checked = run(&["check", "--strict", "--root", s(site.path())]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stderr));
    let public = build(site.path());
    let page = read(&public, "2024/11/05/budget-hearing-2025/index.html");
    assert!(page.contains("Budget hearing: 2025"), "{page}");
}

#[test]
fn new_refuses_a_near_miss_of_a_registered_name() {
    let site = registry_site();
    let out = run(&[
        "new",
        "--root",
        s(site.path()),
        "會議",
        "--official",
        "林靜宜",
        "--district",
        "高新",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("official `林靜宜` is not in the registry"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `林靜怡`?"), "{stderr}");
    assert!(stderr.contains("error: no report written"), "{stderr}");
    assert!(text(&out.stdout).is_empty());
    let reports: Vec<_> = tree(&site.path().join("content"));
    assert_eq!(reports.len(), 1, "only the example: {reports:?}");
}

#[test]
fn new_never_overwrites_a_report_without_force() {
    let site = registry_site();
    let args = ["同題報道", "--date", "2024-05-02"];
    let path = new_report(site.path(), &args);
    fs::write(&path, "edited by hand").unwrap();
    let again = run(&[&["new", "--root", s(site.path())], &args[..]].concat());
    let stderr = text(&again.stderr);
    assert_eq!(again.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("already exists"), "{stderr}");
    assert!(
        stderr.contains("another --slug, or pass --force"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "edited by hand");

    let other = new_report(site.path(), &[&args[..], &["--slug", "tong-ti-2"]].concat());
    assert!(other.ends_with("content/2024/05/tong-ti-2.md"));
    new_report(site.path(), &[&args[..], &["--force"]].concat());
    assert!(fs::read_to_string(&path).unwrap().starts_with("---\n"));
}

#[test]
fn new_edit_opens_the_editor_with_the_report() {
    let site = registry_site();
    let log = site.path().join("editor.log");
    let editor = site.path().join("editor.sh");
    fs::write(
        &editor,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", log.display()),
    )
    .unwrap();
    let out = annals()
        .args([
            "new",
            "--root",
            s(site.path()),
            "編輯",
            "--date",
            "2024-01-02",
            "--edit",
        ])
        .env("EDITOR", format!("sh {}", editor.display()))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let path = text(&out.stdout).trim_end().to_string();
    assert_eq!(fs::read_to_string(&log).unwrap().trim_end(), path);

    // Without an editor the report is still written, and the message says where.
    let out = run(&["new", "--root", s(site.path()), "編輯二", "--edit"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("no editor is set; the report is written at"),
        "{stderr}"
    );
    assert!(stderr.contains("EDITOR"), "{stderr}");
}

#[test]
fn a_folder_without_a_site_suggests_init() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["build", "check", "serve", "new"] {
        let mut args = vec![command, "--root", s(dir.path())];
        if command == "new" {
            args.push("標題");
        }
        let out = run(&args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains("create a site here with `annals init`"),
            "{command}: {stderr}"
        );
    }
}
