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
