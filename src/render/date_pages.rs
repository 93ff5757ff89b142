//! The contexts of the date pages — a year (its twelve months), a month (a calendar of its days),
//! a day, each a paginated list of report cards with links to the nearest earlier and later
//! period that has reports — and of the list of all reports.

use super::calendar::{self, DayAt, MonthAt};
use super::contexts::{Rendered, Shared, SharedFields, template_fields};
use super::i18n::Locale;
use super::page::Page;
use super::views::{self, YearView};
use crate::archive::Archive;
use crate::kinds::Date;
use crate::urls;
use serde::Serialize;

/// A link to another year, month or day.
#[derive(Serialize)]
struct PeriodLink {
    label: String,
    path: String,
}

fn year_link(archive: &Archive, locale: Locale, y: usize) -> PeriodLink {
    let year = archive.years[y].year;
    PeriodLink {
        label: locale.year(year),
        path: urls::year(year),
    }
}

fn month_link(archive: &Archive, locale: Locale, (y, m): MonthAt) -> PeriodLink {
    let year = archive.years[y].year;
    let month = archive.years[y].months[m].month;
    PeriodLink {
        label: locale.year_month(year, month),
        path: urls::month(year, month),
    }
}

fn day_link(archive: &Archive, locale: Locale, at: DayAt) -> PeriodLink {
    let date = calendar::date_at(archive, at);
    PeriodLink {
        label: locale.date(date),
        path: urls::day(date),
    }
}

struct YearFields {
    year: Option<YearView>,
    previous_year: Option<PeriodLink>,
    next_year: Option<PeriodLink>,
}

template_fields!(YearFields; year, previous_year, next_year);

pub(super) fn year(page: &Page, s: &Shared, year: usize, n: usize) -> Rendered {
    let (a, locale) = (s.archive, s.renderer.locale);
    let y = &a.years[year];
    let meta = s.meta(page, "year", locale.year(y.year));
    let (earlier, later) = calendar::year_neighbours(a, year);
    let fields = YearFields {
        year: Some(views::year(y, locale)),
        previous_year: earlier.map(|y| year_link(a, locale, y)),
        next_year: later.map(|y| year_link(a, locale, y)),
    };
    s.list(page, (&urls::year(y.year), n, &y.reports), meta, fields)
}

#[derive(Serialize)]
struct DayLink {
    day: u8,
    path: String,
    count: usize,
    count_label: String,
}

/// A day cell of the calendar: `path` and `count_label` none on days without reports.
#[derive(Serialize)]
struct CalendarDay {
    day: u8,
    date: String,
    path: Option<String>,
    count: usize,
    count_label: Option<String>,
}

#[derive(Serialize)]
struct Weekday {
    short: &'static str,
    name: &'static str,
}

/// A month as a calendar grid: weekday headers and weeks of seven cells (none outside the month).
#[derive(Serialize)]
struct Calendar {
    weekdays: Vec<Weekday>,
    weeks: Vec<Vec<Option<CalendarDay>>>,
}

fn month_calendar(days: &[DayLink], year: i32, month: u8, locale: Locale) -> Calendar {
    let weekdays = locale.weekdays().into_iter();
    let weeks = calendar::month_weeks(year, month, locale.week_starts_monday());
    let cell = |day: u8| {
        let link = days.iter().find(|d| d.day == day);
        CalendarDay {
            day,
            date: Date { year, month, day }.iso(),
            path: link.map(|d| d.path.clone()),
            count: link.map_or(0, |d| d.count),
            count_label: link.map(|d| d.count_label.clone()),
        }
    };
    Calendar {
        weekdays: weekdays
            .map(|(short, name)| Weekday { short, name })
            .collect(),
        weeks: (weeks.iter())
            .map(|week| week.iter().map(|d| d.map(cell)).collect())
            .collect(),
    }
}

struct MonthFields {
    year: i32,
    year_label: String,
    year_path: String,
    month: u8,
    month_label: String,
    days: Vec<DayLink>,
    calendar: Calendar,
    count_label: String,
    previous_month: Option<PeriodLink>,
    next_month: Option<PeriodLink>,
}

template_fields!(MonthFields; year, year_label, year_path, month, month_label, days, calendar,
    count_label, previous_month, next_month);

pub(super) fn month(page: &Page, s: &Shared, year: usize, month: usize, n: usize) -> Rendered {
    let (a, locale) = (s.archive, s.renderer.locale);
    let y = &a.years[year];
    let m = &y.months[month];
    let label = locale.year_month(y.year, m.month);
    let days: Vec<DayLink> = (m.days.iter().rev())
        .map(|d| DayLink {
            day: d.day,
            path: urls::day(Date {
                year: y.year,
                month: m.month,
                day: d.day,
            }),
            count: d.reports.len(),
            count_label: locale.report_count(d.reports.len()),
        })
        .collect();
    let (earlier, later) = calendar::month_neighbours(a, (year, month));
    let fields = MonthFields {
        year: y.year,
        year_label: locale.year(y.year),
        year_path: urls::year(y.year),
        month: m.month,
        month_label: label.clone(),
        calendar: month_calendar(&days, y.year, m.month, locale),
        days,
        count_label: locale.report_count(m.reports.len()),
        previous_month: earlier.map(|at| month_link(a, locale, at)),
        next_month: later.map(|at| month_link(a, locale, at)),
    };
    let meta = s.meta(page, "month", label);
    let base = urls::month(y.year, m.month);
    s.list(page, (&base, n, &m.reports), meta, fields)
}

struct DayFields {
    date: String,
    date_label: String,
    year_path: String,
    year_label: String,
    month_path: String,
    month_label: String,
    count_label: String,
    previous_day: Option<PeriodLink>,
    next_day: Option<PeriodLink>,
}

template_fields!(DayFields; date, date_label, year_path, year_label, month_path, month_label,
    count_label, previous_day, next_day);

pub(super) fn day(page: &Page, s: &Shared, at: DayAt, n: usize) -> Rendered {
    let (a, locale) = (s.archive, s.renderer.locale);
    let date = calendar::date_at(a, at);
    let reports = &a.years[at.0].months[at.1].days[at.2].reports;
    let label = locale.date(date);
    let (earlier, later) = calendar::day_neighbours(a, at);
    let fields = DayFields {
        date: date.iso(),
        date_label: label.clone(),
        year_path: urls::year(date.year),
        year_label: locale.year(date.year),
        month_path: urls::month(date.year, date.month),
        month_label: locale.month(date.month),
        count_label: locale.report_count(reports.len()),
        previous_day: earlier.map(|at| day_link(a, locale, at)),
        next_day: later.map(|at| day_link(a, locale, at)),
    };
    let meta = s.meta(page, "day", label);
    s.list(page, (&urls::day(date), n, reports), meta, fields)
}

struct AllReportsFields {
    years: Vec<YearView>,
    report_count: usize,
    count_label: String,
}

template_fields!(AllReportsFields; years, report_count, count_label);

/// Page `n` of the list of every report, newest first. Its own fields are the same on every
/// page of the list: made, hashed and turned into template values once.
pub(super) fn all_reports(page: &Page, s: &Shared, n: usize) -> Rendered {
    let (a, locale) = (s.archive, s.renderer.locale);
    let meta = s.meta(page, "reports", locale.strings()["all_reports"].to_string());
    let make = || AllReportsFields {
        years: views::years(a, locale),
        report_count: a.reports.len(),
        count_label: locale.report_count(a.reports.len()),
    };
    let parts = s.views.all_reports();
    s.list_all(page, (urls::REPORTS, n), meta, SharedFields { parts, make })
}
