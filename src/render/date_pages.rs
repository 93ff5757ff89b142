//! The contexts of the date pages: a year, a month (with its days), a day — each a paginated
//! list of report cards.

use super::contexts::{Rendered, Shared, template_fields};
use super::page::Page;
use super::views::{self, YearView};
use crate::urls;
use serde::Serialize;

struct YearFields {
    year: Option<YearView>,
}

template_fields!(YearFields; year);

pub(super) fn year(page: &Page, s: &Shared, year: usize, n: usize) -> Rendered {
    let y = &s.archive.years[year];
    let meta = s.meta(page, "year", s.renderer.locale.year(y.year));
    let fields = YearFields {
        year: views::years(s.archive, s.renderer.locale)
            .into_iter()
            .nth(year),
    };
    s.list(page, (&urls::year(y.year), n, &y.reports), meta, fields)
}

#[derive(Serialize)]
struct DayLink {
    day: u8,
    path: String,
    count: usize,
}

struct MonthFields {
    year: i32,
    year_label: String,
    year_path: String,
    month: u8,
    month_label: String,
    days: Vec<DayLink>,
}

template_fields!(MonthFields; year, year_label, year_path, month, month_label, days);

pub(super) fn month(page: &Page, s: &Shared, year: usize, month: usize, n: usize) -> Rendered {
    let locale = s.renderer.locale;
    let y = &s.archive.years[year];
    let m = &y.months[month];
    let label = locale.year_month(y.year, m.month);
    let date = |day| crate::content::Date {
        year: y.year,
        month: m.month,
        day,
    };
    let days = m.days.iter().rev().map(|d| DayLink {
        day: d.day,
        path: urls::day(date(d.day)),
        count: d.reports.len(),
    });
    let fields = MonthFields {
        year: y.year,
        year_label: locale.year(y.year),
        year_path: urls::year(y.year),
        month: m.month,
        month_label: label.clone(),
        days: days.collect(),
    };
    let meta = s.meta(page, "month", label);
    s.list(
        page,
        (&urls::month(y.year, m.month), n, &m.reports),
        meta,
        fields,
    )
}

struct DayFields {
    date: String,
    date_label: String,
    year_path: String,
    year_label: String,
    month_path: String,
    month_label: String,
}

template_fields!(DayFields; date, date_label, year_path, year_label, month_path, month_label);

pub(super) fn day(
    page: &Page,
    s: &Shared,
    (year, month, day): (usize, usize, usize),
    n: usize,
) -> Rendered {
    let locale = s.renderer.locale;
    let y = &s.archive.years[year];
    let m = &y.months[month];
    let d = &m.days[day];
    let date = crate::content::Date {
        year: y.year,
        month: m.month,
        day: d.day,
    };
    let label = locale.date(date);
    let fields = DayFields {
        date: date.iso(),
        date_label: label.clone(),
        year_path: urls::year(y.year),
        year_label: locale.year(y.year),
        month_path: urls::month(y.year, m.month),
        month_label: locale.month(m.month),
    };
    let meta = s.meta(page, "day", label);
    s.list(page, (&urls::day(date), n, &d.reports), meta, fields)
}
