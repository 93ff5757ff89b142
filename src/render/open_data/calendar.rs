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
/// rebuild that remakes one official's calendar makes only that official's events).
pub struct Events<'a> {
    archive: &'a Archive,
    config: &'a Config,
    texts: Vec<OnceLock<String>>,
}

impl<'a> Events<'a> {
    pub fn new(archive: &'a Archive, config: &'a Config) -> Self {
        Events {
            archive,
            config,
            texts: archive.reports.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// The event of report `i`.
    fn get(&self, i: usize) -> &str {
        self.texts[i].get_or_init(|| event(&self.archive.reports[i], self.config).to_string())
    }

    /// The events of `ids`, made in parallel where not made yet.
    fn of(&self, ids: &[usize]) -> Vec<&str> {
        ids.par_iter().map(|&i| self.get(i)).collect()
    }
}

/// A calendar of the events of `ids` (positions into `events`). The crate writes a calendar as
/// its properties followed by each event's own text, so the shared texts are joined the same way.
fn calendar(events: &Events, name: &str, path: String, ids: &[usize]) -> Output {
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
    for event in events.of(ids) {
        text.push_str(event);
    }
    text.push_str(END);
    Output {
        path,
        bytes: text.into_bytes(),
    }
}

/// `calendar.ics`: every report of the archive, newest first.
pub fn site_calendar(events: &Events, config: &Config) -> Output {
    let ids: Vec<usize> = (0..events.texts.len()).collect();
    let path = urls::SITE_CALENDAR.to_string();
    calendar(events, &config.title, path, &ids)
}

/// `officials/<slug>/calendar.ics` and `districts/<slug>/calendar.ics`.
pub fn entity_calendar(events: &Events, config: &Config, entity: &Entity) -> Output {
    let name = format!("{} · {}", entity.name, config.title);
    let path = urls::calendar_beside(&entity.path());
    calendar(events, &name, path, &entity.reports)
}
