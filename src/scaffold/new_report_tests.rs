//! Unit tests of `annals new`: names through the registry, the file written, refusals.

use super::*;
use std::fs;

const SITE: &str = "title = \"臨江\"\nbase_url = \"https://e.org\"\n\
    [officials.\"林靜怡\"]\naliases = [\"林靜儀\"]\n[officials.\"陳建國\"]\n\
    [districts.\"臨江高新區\"]\naliases = [\"高新區\"]\n";

fn site(toml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(CONFIG_FILE), toml).unwrap();
    dir
}

fn options(root: &std::path::Path) -> NewOptions {
    NewOptions {
        root: root.to_path_buf(),
        title: "全市城市更新項目推進會召開".into(),
        date: jiff::civil::date(2024, 3, 14),
        officials: Vec::new(),
        districts: Vec::new(),
        tags: Vec::new(),
        slug: None,
        draft: false,
        force: false,
    }
}

fn official(name: &str, role: Option<&str>) -> NamedOfficial {
    NamedOfficial {
        name: name.into(),
        role: role.map(String::from),
    }
}

#[test]
fn aliases_become_canonical_names_and_repeats_are_dropped() {
    let dir = site(SITE);
    let made = new_report(&NewOptions {
        officials: vec![
            official("林靜儀", Some("市長")),
            official("陳建國", None),
            official("林靜怡", None),
        ],
        districts: vec!["高新區".into(), "臨江高新區".into()],
        tags: vec!["城市更新".into(), " 城市更新 ".into()],
        draft: true,
        ..options(dir.path())
    })
    .unwrap();
    assert!(made.warnings.is_empty(), "{:?}", made.warnings);
    let expected_path = dir
        .path()
        .join("content/2024/03/quan-shi-cheng-shi-geng-xin-xiang-mu-tui-jin-hui-zhao-kai.md");
    assert_eq!(made.path, expected_path);
    assert_eq!(
        fs::read_to_string(&made.path).unwrap(),
        "---\ntitle: 全市城市更新項目推進會召開\ndate: 2024-03-14\nofficials:\n  - name: 林靜怡\n    role: 市長\n  - 陳建國\ndistricts:\n  - 臨江高新區\ntags:\n  - 城市更新\ndraft: true\n---\n\n"
    );
}

#[test]
fn near_misses_are_refused_with_a_suggestion_and_nothing_is_written() {
    let dir = site(SITE);
    let problems = new_report(&NewOptions {
        officials: vec![official("林靜宜", None), official("陈建国", None)],
        districts: vec!["臨江高新".into()],
        ..options(dir.path())
    })
    .unwrap_err();
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 3, "{shown:?}");
    assert!(
        shown[0].contains("official `林靜宜` is not in the registry"),
        "{shown:?}"
    );
    assert!(shown[0].contains("did you mean `林靜怡`?"), "{shown:?}");
    assert!(
        shown[1].contains("`陈建国` is `陳建國` in the other script"),
        "{shown:?}"
    );
    assert!(shown[2].contains("did you mean `臨江高新區`?"), "{shown:?}");
    assert!(!dir.path().join("content").exists());
}

#[test]
fn unknown_names_are_kept_with_a_warning_and_an_empty_registry_takes_any_name() {
    let dir = site(SITE);
    let made = new_report(&NewOptions {
        officials: vec![official("宋樂偉", Some("副市長"))],
        ..options(dir.path())
    })
    .unwrap();
    assert_eq!(made.warnings.len(), 1);
    assert!(
        made.warnings[0]
            .to_string()
            .contains("register it as [officials.\"宋樂偉\"]")
    );

    let bare = site("title = \"t\"\nbase_url = \"https://e.org\"\n");
    let made = new_report(&NewOptions {
        officials: vec![official("宋樂偉", None)],
        ..options(bare.path())
    })
    .unwrap();
    assert!(made.warnings.is_empty());
}

#[test]
fn an_existing_report_is_refused_unless_forced_and_a_slug_sets_the_file_name() {
    let dir = site(SITE);
    let first = new_report(&options(dir.path())).unwrap();
    fs::write(&first.path, "mine").unwrap();
    let problems = new_report(&options(dir.path())).unwrap_err();
    assert!(
        problems[0].message.contains("already exists"),
        "{problems:?}"
    );
    assert_eq!(fs::read_to_string(&first.path).unwrap(), "mine");

    let other = new_report(&NewOptions {
        slug: Some("renewal-2".into()),
        ..options(dir.path())
    })
    .unwrap();
    assert!(other.path.ends_with("content/2024/03/renewal-2.md"));
    new_report(&NewOptions {
        force: true,
        ..options(dir.path())
    })
    .unwrap();
    assert!(
        fs::read_to_string(&first.path)
            .unwrap()
            .starts_with("---\n")
    );
}

#[test]
fn a_folder_without_site_toml_suggests_init() {
    let dir = tempfile::tempdir().unwrap();
    let problems = new_report(&options(dir.path())).unwrap_err();
    assert!(
        problems[0].hint.as_deref().unwrap().contains("annals init"),
        "{problems:?}"
    );
}
