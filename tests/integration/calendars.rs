//! The iCalendar files of the basic fixture, read by the Python `icalendar` package: every
//! event has UID, DTSTAMP, DTSTART, SUMMARY and URL, one all-day event per report, UIDs that
//! survive a rebuild, and entity calendars holding exactly the entity's reports.

use crate::support::{build, python_with, read, run_python_checker, site_copy};
use serde_json::Value;

const BASE: &str = "https://example.org/archive/";

fn events(checked: &Value, file: &std::path::Path) -> Vec<Value> {
    checked[file.to_str().unwrap()]["events"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn calendars_parse_with_an_icalendar_library() {
    let Some(python) = python_with(&["icalendar"]) else {
        return;
    };
    let site = site_copy("basic");
    let out = build(site.path());
    let files = [
        out.join("calendar.ics"),
        out.join("officials/chen-jian-guo/calendar.ics"),
        out.join("districts/hi-tech-zone/calendar.ics"),
    ];
    let paths: Vec<&std::path::Path> = files.iter().map(|f| f.as_path()).collect();
    let checked = run_python_checker(python, "check_ics.py", &paths);
    assert_eq!(checked[files[0].to_str().unwrap()]["name"], "臨江測試檔案");
    let site_events = events(&checked, &files[0]);
    let summaries: Vec<&str> = (site_events.iter())
        .map(|e| e["summary"].as_str().unwrap())
        .collect();
    assert_eq!(
        summaries,
        [
            "防汛工作會議",
            "全市城市更新項目推進會召開",
            "預算審查會",
            "濱江步道開工"
        ]
    );
    let renewal = &site_events[1];
    assert_eq!(
        renewal["uid"],
        "archive-2024-03-14-urban-renewal@example.org"
    );
    assert_eq!(renewal["dtstart"], "2024-03-14");
    assert_eq!(
        renewal["dtend"], "2024-03-15",
        "DTEND is exclusive: one day"
    );
    assert_eq!(renewal["url"], format!("{BASE}2024/03/14/urban-renewal/"));
    assert_eq!(renewal["location"], "市政府第一會議室", "the venue");
    let description = renewal["description"].as_str().unwrap();
    assert!(description.contains("林靜怡（市長）、陳建國（常務副市長）"));
    assert!(description.contains("副市長陳建國主持會議"));
    assert_eq!(
        site_events[2]["location"], "南岸區",
        "no venue: the districts"
    );
    let uids: std::collections::BTreeSet<&str> = site_events
        .iter()
        .map(|e| e["uid"].as_str().unwrap())
        .collect();
    assert_eq!(uids.len(), 4, "one UID per report");

    let official: Vec<String> = (events(&checked, &files[1]).iter())
        .map(|e| e["uid"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        official,
        [
            "archive-2024-03-14-urban-renewal@example.org",
            "archive-2024-01-09-budget@example.org",
            "archive-2023-11-30-2023-river@example.org",
        ]
    );
    assert_eq!(events(&checked, &files[2]).len(), 1);
}

#[test]
fn calendars_are_the_same_bytes_after_a_rebuild_and_can_be_turned_off() {
    let site = site_copy("basic");
    let out = build(site.path());
    let first = read(&out, "calendar.ics");
    assert!(first.starts_with("BEGIN:VCALENDAR\r\n") && first.ends_with("END:VCALENDAR\r\n"));
    let again = site.path().join("again");
    crate::support::build_into(site.path(), &again);
    assert_eq!(first, read(&again, "calendar.ics"));
    let config = site.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}\n[outputs]\ncalendars = false\n")).unwrap();
    let out = build(site.path());
    assert!(!out.join("calendar.ics").exists());
    assert!(!out.join("officials/lin-jingyi/calendar.ics").exists());
    assert!(out.join("officials/lin-jingyi/feed.xml").exists());
}

#[test]
fn a_rebuild_copies_the_events_of_unchanged_reports_and_makes_the_others() {
    let site = site_copy("basic");
    let out = build(site.path());
    // A mark in the event of the flood report: only a copy of the previous event keeps it.
    let calendar = read(&out, "calendar.ics");
    let marked = calendar.replacen("SUMMARY:", "SUMMARY:（標記）", 1);
    assert_ne!(marked, calendar);
    std::fs::write(out.join("calendar.ics"), &marked).unwrap();
    let first_summary = |text: &str| {
        let line = text.lines().find(|l| l.starts_with("SUMMARY:")).unwrap();
        line.to_string()
    };
    let marked_summary = first_summary(&marked);
    // A new report: the site calendar is made again, the other events copied.
    let added = site.path().join("content/2024/added.md");
    std::fs::write(
        &added,
        "---\ntitle: 河道清淤會議\ndate: 2024-01-05\nofficials: [林靜怡]\n---\n河道清淤。\n",
    )
    .unwrap();
    build(site.path());
    let rebuilt = read(&out, "calendar.ics");
    assert!(
        rebuilt.contains("SUMMARY:河道清淤會議"),
        "the new event is made"
    );
    assert!(
        rebuilt.contains(&marked_summary),
        "the other events are copied"
    );
    // The marked report's title changes: its event is made again.
    let title = marked_summary
        .trim_start_matches("SUMMARY:（標記）")
        .to_string();
    let source = (std::fs::read_dir(site.path().join("content/2024")).unwrap())
        .map(|entry| entry.unwrap().path())
        .find(|path| std::fs::read_to_string(path).unwrap().contains(&title))
        .expect("the marked report's file");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(&source, text.replacen(&title, &format!("{title}（續）"), 1)).unwrap();
    build(site.path());
    let remade = read(&out, "calendar.ics");
    assert!(
        !remade.contains("（標記）"),
        "the changed report's event is made again"
    );
    assert!(remade.contains(&format!("SUMMARY:{title}（續）")));
    // As a build into an empty folder.
    let clean = site.path().join("clean");
    crate::support::build_into(site.path(), &clean);
    assert_eq!(remade, read(&clean, "calendar.ics"));
}
