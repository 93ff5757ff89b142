//! Unit tests of `front_matter.rs` (kept beside it to keep that file short).

use super::*;
use std::path::Path;

fn parse_file(text: &str) -> Result<RawFrontMatter, Vec<Diagnostic>> {
    let s = split(text, Path::new("r.md")).expect("split");
    parse(s.yaml, text, s.yaml_line, Path::new("content/a.md"))
}

#[test]
fn splits_at_dashes_with_crlf() {
    let s = split("---\r\ntitle: a\r\n---\r\nbody\r\n", Path::new("r.md")).unwrap();
    assert_eq!(s.yaml, "title: a\r\n");
    assert_eq!(s.body, "body\r\n");
    assert_eq!(s.body_line, 4);
}

#[test]
fn split_errors() {
    assert!(
        split("", Path::new("r.md"))
            .unwrap_err()
            .message
            .contains("empty")
    );
    assert!(
        split("title: x\n", Path::new("r.md"))
            .unwrap_err()
            .message
            .contains("no front matter")
    );
    assert!(
        split("---\ntitle: x\n", Path::new("r.md"))
            .unwrap_err()
            .message
            .contains("never closed")
    );
    // "----" or "--- x" do not close the block.
    assert!(split("---\ntitle: x\n----\n", Path::new("r.md")).is_err());
}

#[test]
fn parses_every_field() {
    let fm = parse_file(
        "---\ntitle: 會議\ndate: 2024-03-14\nofficials:\n  - name: 林靜怡\n    role: 市長\n  - 陳建國\ndistricts: [江北區]\ntags: [城市更新]\ndraft: true\nextra:\n  room: 3\n---\n",
    )
    .unwrap();
    assert_eq!(fm.title.as_deref(), Some("會議"));
    assert_eq!(fm.date.as_deref(), Some("2024-03-14"));
    assert_eq!(
        fm.officials[0],
        RawOfficial {
            name: "林靜怡".into(),
            role: Some("市長".into())
        }
    );
    assert_eq!(fm.officials[1].role, None);
    assert_eq!(fm.districts, ["江北區"]);
    assert!(fm.draft);
    assert_eq!(fm.extra["room"], 3);
}

#[test]
fn every_unknown_key_is_reported_with_its_line() {
    let text = "---\ntitle: a\ndistrcts: [x]\ndate: 2024-01-01\nauthor: me\n---\n";
    let problems = parse_file(text).unwrap_err();
    assert_eq!(problems.len(), 2);
    assert_eq!(problems[0].line, Some(3));
    assert!(problems[0].message.contains("`distrcts`"));
    assert!(
        problems[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("did you mean `districts`?")
    );
    assert_eq!(problems[1].line, Some(5));
}

#[test]
fn type_errors_have_positions() {
    let problems = parse_file("---\ntitle: a\ndate: 2024-01-01\ndraft: maybe\n---\n").unwrap_err();
    assert_eq!(problems[0].line, Some(4), "{}", problems[0]);
    assert!(
        problems[0].message.contains("wrong type"),
        "{}",
        problems[0]
    );
    for (entries, line, message) in [
        (
            "  - {name: x, rank: 1}",
            4,
            "an entry of `officials` has an unknown key `rank`",
        ),
        (
            "  - 林靜怡\n  - name: x\n    rank: 1",
            6,
            "has an unknown key `rank`",
        ),
        ("  - role: 市長", 4, "an entry of `officials` has no `name`"),
        (
            "  - {name: [a], role: 市長}",
            4,
            "the `name` of an official must be text",
        ),
        (
            "  - 林靜怡\n  - 3.5",
            5,
            "neither a name nor a `{name, role}` map",
        ),
    ] {
        let text = format!("---\ntitle: a\nofficials:\n{entries}\n---\n");
        let problems = parse_file(&text).unwrap_err();
        assert!(problems[0].message.contains(message), "{}", problems[0]);
        assert_eq!(problems[0].line, Some(line), "{}", problems[0]);
    }
}

#[test]
fn type_errors_name_the_key_and_say_what_it_holds() {
    for (yaml, key, line, hint) in [
        ("draft: maybe", "draft", 4, "`draft` is `true` or `false`"),
        ("title: [a, b]", "title", 4, "`title` is one line of text"),
        (
            "tags: 城市更新",
            "tags",
            4,
            "write a list: `tags: [城市更新]`",
        ),
        (
            "date: [2024, 3]",
            "date",
            4,
            "write the date as `date: 2024-03-14`",
        ),
    ] {
        let text = format!("---\ntitle: a\ndate: 2024-01-01\n{yaml}\n---\n");
        let text = text.replacen("title: a\n", "", usize::from(key == "title"));
        let text = text.replacen("date: 2024-01-01\n", "", usize::from(key == "date"));
        let problems = parse_file(&text).unwrap_err();
        let d = &problems[0];
        assert!(
            d.message.starts_with(&format!("wrong type for `{key}`")),
            "{d}"
        );
        assert_eq!(
            d.line,
            Some(line - usize::from(key == "title" || key == "date")),
            "{d}"
        );
        assert!(d.hint.as_deref().unwrap_or("").contains(hint), "{d}");
    }
}

#[test]
fn syntax_errors_point_into_the_file() {
    let problems = parse_file("---\ntitle: a\ndate: [2024\n---\n").unwrap_err();
    assert!(
        problems[0].message.contains("invalid YAML"),
        "{}",
        problems[0]
    );
    assert!(problems[0].line.unwrap() >= 3, "{}", problems[0]);
}

#[test]
fn alias_bombs_fail_fast() {
    let mut yaml =
        String::from("---\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    for i in 1..12 {
        let prev = if i == 1 {
            "a".to_string()
        } else {
            format!("a{}", i - 1)
        };
        yaml.push_str(&format!("a{i}: &a{i} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    yaml.push_str("---\n");
    // serde_yaml refuses to expand this many aliases instead of building a huge value.
    assert!(parse_file(&yaml).is_err());
}

#[test]
fn an_official_written_as_a_list_is_refused() {
    let problems =
        parse_file("---\ntitle: a\ndate: 2024-01-01\nofficials:\n  - [林靜怡, 市長]\n---\n")
            .unwrap_err();
    assert!(
        problems[0]
            .message
            .contains("neither a name nor a `{name, role}` map"),
        "{}",
        problems[0]
    );
    assert_eq!(
        problems[0].line,
        Some(5),
        "the entry's own line: {}",
        problems[0]
    );
}

#[test]
fn type_errors_come_from_the_table_of_keys_and_point_at_the_value() {
    let problems =
        parse_file("---\ntitle: a\ndate: 2024-01-01\ndistricts: [江北區, 5]\n---\n").unwrap_err();
    let d = &problems[0];
    assert_eq!(
        d.message,
        "wrong type for `districts` in the front matter: an entry `5` that is not a name, expected a list"
    );
    assert_eq!((d.line, d.column), (Some(4), Some(12)), "{d}");
    assert_eq!(
        d.hint.as_deref(),
        Some(super::super::fields::field("districts").unwrap().hint)
    );
    let block = parse_file("---\ntitle:\n  - 一\n  - 二\ndate: 2024-01-01\n---\n").unwrap_err();
    assert_eq!(
        (block[0].line, block[0].column),
        (Some(3), Some(3)),
        "{}",
        block[0]
    );
}
