//! Unit tests of `mod.rs` (kept beside it to keep that file short).

use super::*;

fn config() -> Config {
    Config::parse(
        "title = \"t\"\nbase_url = \"https://e.org\"\n[officials.\"林靜怡\"]\naliases = [\"林靜儀\"]\n[districts.\"臨江高新區\"]\naliases = [\"高新區\"]\n",
    )
    .unwrap()
}

fn load_text(text: &str) -> (Option<Report>, Vec<Diagnostic>) {
    load_bytes(
        text.as_bytes(),
        PathBuf::from("content/2024/城市更新.md"),
        &config(),
    )
}

#[test]
fn dates() {
    assert_eq!(
        parse_date("2024-03-14").unwrap(),
        Date {
            year: 2024,
            month: 3,
            day: 14
        }
    );
    assert_eq!(parse_date("2024-06-03T09:30:00+08:00").unwrap().day, 3);
    assert!(parse_date("2024-02-30").unwrap_err().contains("not a day"));
    assert!(parse_date("2024-3-14").is_err());
    assert!(parse_date("2024-03-14T25:00:00Z").is_err());
    assert!(
        parse_date("2024-03-14T09:30:00").is_err(),
        "a date-time needs an offset"
    );
}

#[test]
fn loads_a_report_with_aliases_and_a_transliterated_slug() {
    let (r, problems) = load_text(
        "\u{feff}---\r\ntitle: 會議\r\ndate: 2024-03-14\r\nofficials: [林靜儀, {name: 陳建國, role: 副市長}]\r\ndistricts: [高新區, 江北區, 高新區]\r\n---\r\n第一段。\r\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    let r = r.unwrap();
    assert_eq!(r.slug, "cheng-shi-geng-xin");
    assert_eq!(r.path(), "2024/03/14/cheng-shi-geng-xin/");
    assert_eq!(r.officials[0].name, "林靜怡");
    assert_eq!(r.officials[1].role.as_deref(), Some("副市長"));
    assert_eq!(r.districts, ["臨江高新區", "江北區"]);
    assert_eq!(r.summary, "第一段。");
}

#[test]
fn reports_every_field_problem_at_once() {
    let (r, problems) =
        load_text("---\ntitle: \"\"\ndate: 2024-02-30\nslug: Bad/Slug\nsource: example.gov\n---\n");
    assert!(r.is_none());
    let lines: Vec<_> = problems
        .iter()
        .map(|p| (p.line, p.message.clone()))
        .collect();
    assert_eq!(problems.len(), 4, "{lines:?}");
    assert!(lines.contains(&(Some(2), "`title` is empty".to_string())));
    assert!(problems.iter().all(|p| p.hint.is_some()), "{problems:?}");
    assert!(lines.contains(&(
        Some(3),
        "`2024-02-30` is not a day of the calendar".to_string()
    )));
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == Some(4) && m.contains("invalid slug"))
    );
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == Some(5) && m.contains("`source`"))
    );
}

#[test]
fn missing_fields_and_bad_encoding() {
    let (_, problems) = load_text("---\nsummary: x\n---\n");
    assert_eq!(problems.len(), 2);
    let (_, problems) = load_bytes(b"---\ntitle: \xff\n---\n", "content/x.md".into(), &config());
    assert!(problems[0].message.contains("UTF-8"));
    assert_eq!(problems[0].line, Some(2));
}
