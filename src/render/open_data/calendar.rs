//! iCalendar (RFC 5545) files of meetings: `calendar.ics` for the whole site and beside the
//! feed of every official and district. One all-day event per report, written with the
//! `icalendar` crate (escaping, line folding, CRLF).
//!
//! Calendar apps match events by UID, so a UID is made from the report's URL path and the
//! site's address and stays the same from build to build;
//! DTSTAMP is the report's date, never the clock, so the same input gives the same bytes.

use super::venue;
use crate::archive::{Archive, Entity};
use crate::config::Config;
use crate::content::Report;
use crate::site_file::Output;
use crate::urls;
use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, Component, DatePerhapsTime, Event, EventLike};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The product identifier every calendar carries.
const PRODID: &str = "-//annals//annals static site generator//EN";

/// A report's stable event UID: the site's path and the report's path before `@`, the host
/// after (`archive-2024-03-14-urban-renewal@example.org` for `https://example.org/archive`).
pub fn event_uid(report: &Report, config: &Config) -> String {
    let address = config.base_url.split("://").nth(1).unwrap_or_default();
    let (host, base_path) = address.split_once('/').unwrap_or((address, ""));
    let path = format!("{base_path}/{}", report.path());
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    format!("{}@{host}", segments.join("-"))
}

fn naive(date: crate::kinds::Date) -> NaiveDate {
    NaiveDate::from_ymd_opt(date.year, date.month.into(), date.day.into())
        .expect("report dates are valid calendar dates")
}

/// Text as an iCalendar value: one line ending style (the crate escapes `\n`, not `\r`).
fn text(value: &str) -> String {
    value.replace("\r\n", "\n").replace('\r', "\n")
}

/// Who attended, for the description: `林靜怡（市長）、陳建國`.
fn attendance(report: &Report) -> String {
    let names: Vec<String> = (report.officials.iter())
        .map(|a| match &a.role {
            Some(role) => format!("{}（{role}）", a.name),
            None => a.name.clone(),
        })
        .collect();
    names.join("、")
}

fn event(report: &Report, config: &Config) -> Event {
    let date = naive(report.date);
    let next = date.succ_opt().expect("a date after every report date");
    let stamp = Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight"));
    let mut description = text(&report.summary);
    let people = attendance(report);
    if !people.is_empty() {
        description = format!("{description}\n\n{people}").trim().to_string();
    }
    let mut event = Event::new();
    event
        .uid(&event_uid(report, config))
        .timestamp(stamp)
        .starts(DatePerhapsTime::Date(date))
        .ends(DatePerhapsTime::Date(next))
        .summary(&text(&report.title))
        .url(&config.permalink(&report.path()));
    if !description.is_empty() {
        event.description(&description);
    }
    let place = match venue(report) {
        Some(venue) => Some(text(venue)),
        None if !report.districts.is_empty() => Some(report.districts.join("、")),
        None => None,
    };
    if let Some(place) = place {
        event.location(&place);
    }
    event.done()
}

/// Every report's event as iCalendar text, in archive order, each made when a calendar first
/// needs it and shared by the site calendar and every entity calendar that lists the report (a
/// rebuild that remakes one official's calendar makes only that official's events). A report
/// whose key matches a report of the previous build takes that build's event text instead of
/// making it again (see [`PreviousEvents`]).
pub struct Events<'a> {
    archive: &'a Archive,
    config: &'a Config,
    texts: Vec<OnceLock<String>>,
    /// The previous build's calendar, if its events may be copied.
    previous: Option<&'a PreviousEvents>,
    /// Its event texts by report key, read when the first event is made.
    previous_by_key: OnceLock<HashMap<u64, &'a str>>,
}

impl<'a> Events<'a> {
    pub fn new(archive: &'a Archive, config: &'a Config) -> Self {
        Events {
            archive,
            config,
            texts: archive.reports.iter().map(|_| OnceLock::new()).collect(),
            previous: None,
            previous_by_key: OnceLock::new(),
        }
    }

    /// Lets these events take the texts of the previous build's events.
    pub fn set_previous(&mut self, previous: &'a PreviousEvents) {
        self.previous = Some(previous);
    }

    /// The event of report `i`, whose key is `key`.
    fn get(&self, i: usize, key: Option<u64>) -> &str {
        self.texts[i].get_or_init(|| {
            let previous_by_key = self.previous_by_key.get_or_init(|| {
                (self.previous)
                    .map(PreviousEvents::by_key)
                    .unwrap_or_default()
            });
            let previous = key.and_then(|key| previous_by_key.get(&key));
            match previous {
                Some(text) => text.to_string(),
                None => event(&self.archive.reports[i], self.config).to_string(),
            }
        })
    }

    /// The events of `ids`, made in parallel where not made yet.
    fn of(&self, ids: &[usize], keys: &EventKeys) -> Vec<&str> {
        ids.par_iter().map(|&i| self.get(i, keys(i))).collect()
    }
}

/// The key of report `i`'s event: a hash of everything the event is made from (the report's
/// front matter as loaded, its path among it); `None` if it could not be made.
pub type EventKeys<'k> = dyn Fn(usize) -> Option<u64> + Sync + 'k;

/// The previous build's site calendar and the key of each of its events, in its order (the
/// archive's order then): an event whose key a report of this build has again is the same
/// text, so it is copied rather than made (everything else an event reads is in the settings
/// fingerprint the keys are kept under). The file is read only when a calendar is made: a
/// rebuild that keeps every calendar never reads it. Nothing in the output folder is written
/// before the commit, so it is still the previous build's file then.
pub struct PreviousEvents {
    keys: Vec<Option<u64>>,
    file: std::path::PathBuf,
    calendar: OnceLock<String>,
}

impl PreviousEvents {
    /// The events of the calendar `file`, whose keys the previous build kept.
    pub fn new(keys: Vec<Option<u64>>, file: std::path::PathBuf) -> Self {
        PreviousEvents {
            keys,
            file,
            calendar: OnceLock::new(),
        }
    }

    /// The events of the previous calendar by key; none if the calendar does not hold one event
    /// per key (it was changed or removed after that build).
    fn by_key(&self) -> HashMap<u64, &str> {
        let calendar =
            (self.calendar).get_or_init(|| std::fs::read_to_string(&self.file).unwrap_or_default());
        let events = event_texts(calendar);
        if events.len() != self.keys.len() {
            return HashMap::new();
        }
        (self.keys.iter().zip(events))
            .filter_map(|(key, text)| Some(((*key)?, text)))
            .collect()
    }
}

/// The text of each event of a calendar this module wrote, `BEGIN:VEVENT` to `END:VEVENT` with
/// its line ends, in order. A value never holds a bare line end (text escapes `\n`, folding
/// continues a line with a space), so these lines only ever begin and end an event.
fn event_texts(calendar: &str) -> Vec<&str> {
    let mut events = Vec::new();
    let mut start = None;
    let mut at = 0;
    for line in calendar.split_inclusive("\r\n") {
        match line {
            "BEGIN:VEVENT\r\n" => start = Some(at),
            "END:VEVENT\r\n" => {
                if let Some(from) = start.take() {
                    events.push(&calendar[from..at + line.len()]);
                }
            }
            _ => {}
        }
        at += line.len();
    }
    events
}

/// A calendar of the events of `ids` (positions into `events`). The crate writes a calendar as
/// its properties followed by each event's own text, so the shared texts are joined the same way.
fn calendar(events: &Events, keys: &EventKeys, name: &str, path: String, ids: &[usize]) -> Output {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", PRODID))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .name(name);
    const END: &str = "END:VCALENDAR\r\n";
    let empty = calendar.done().to_string();
    let head = empty.strip_suffix(END).unwrap_or(&empty);
    let mut text = String::with_capacity(head.len() + ids.len() * 512 + END.len());
    text.push_str(head);
    for event in events.of(ids, keys) {
        text.push_str(event);
    }
    text.push_str(END);
    Output {
        path,
        bytes: text.into_bytes(),
    }
}

/// `calendar.ics`: every report of the archive, newest first.
pub fn site_calendar(events: &Events, keys: &EventKeys, config: &Config) -> Output {
    let ids: Vec<usize> = (0..events.texts.len()).collect();
    let path = urls::SITE_CALENDAR.to_string();
    calendar(events, keys, &config.title, path, &ids)
}

/// `officials/<slug>/calendar.ics` and `districts/<slug>/calendar.ics`.
pub fn entity_calendar(
    events: &Events,
    keys: &EventKeys,
    config: &Config,
    entity: &Entity,
) -> Output {
    let name = format!("{} · {}", entity.name, config.title);
    let path = urls::calendar_beside(&entity.path());
    calendar(events, keys, &name, path, &entity.reports)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event_text(uid: &str, summary: &str) -> String {
        let mut event = Event::new();
        event.uid(uid).summary(summary);
        event.done().to_string()
    }

    #[test]
    fn a_calendar_splits_into_its_events_and_matches_them_to_keys() {
        // A text that names the markers, and one long enough to be folded.
        let first = event_text("a@example.org", "第一次\r\nBEGIN:VEVENT\r\n會議");
        let second = event_text("b@example.org", &"很長的會議摘要".repeat(30));
        assert!(second.contains("\r\n "), "the long line is folded");
        let mut empty = Calendar::empty();
        empty.name("檔案");
        let empty = empty.done().to_string();
        let head = empty.strip_suffix("END:VCALENDAR\r\n").unwrap();
        let calendar = format!("{head}{first}{second}END:VCALENDAR\r\n");
        assert_eq!(event_texts(&calendar), [first.as_str(), second.as_str()]);

        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("calendar.ics");
        std::fs::write(&file, &calendar).unwrap();
        let previous = PreviousEvents::new(vec![Some(7), None], file.clone());
        let by_key = previous.by_key();
        assert_eq!(by_key.len(), 1, "an event without a key is never copied");
        assert_eq!(by_key[&7], first);
        // Keys that do not count the calendar's events: nothing is trusted.
        let changed = PreviousEvents::new(vec![Some(7)], file);
        assert!(changed.by_key().is_empty());
        let removed = PreviousEvents::new(vec![Some(7)], folder.path().join("none.ics"));
        assert!(removed.by_key().is_empty());
    }
}
