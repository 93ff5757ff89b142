//! Calendar arithmetic for the date pages, pure and unit-tested: the weeks of a month as a grid,
//! and the nearest earlier and later year, month and day that have reports.
//!
//! The archive's date tree holds only periods with reports, newest first (years, their months,
//! their days), so the nearest period with reports is the neighbour in that tree, stepping into
//! the neighbouring month or year at either end: the month after December 2023 is January 2024
//! if that has reports, else the next month that has. Each step is O(1).

use crate::archive::Archive;
use crate::kinds::{Date, days_in_month};

/// The weeks of a month, each seven cells (a day of the month, or `None` before the first and
/// after the last day), starting on Monday or on Sunday.
pub fn month_weeks(year: i32, month: u8, monday_first: bool) -> Vec<[Option<u8>; 7]> {
    let first = Date {
        year,
        month,
        day: 1,
    };
    let offset = usize::from(first.weekday_from_monday());
    let lead = if monday_first {
        offset
    } else {
        (offset + 1) % 7
    };
    let days = usize::from(days_in_month(year, month));
    let mut weeks = Vec::new();
    let mut week = [None; 7];
    for cell in 0..(lead + days).div_ceil(7) * 7 {
        let day = cell.checked_sub(lead).filter(|d| *d < days);
        week[cell % 7] = day.map(|d| d as u8 + 1);
        if cell % 7 == 6 {
            weeks.push(week);
            week = [None; 7];
        }
    }
    weeks
}

/// A year of the archive by position in `archive.years` (newest first).
pub type YearAt = usize;
/// A month by positions (year, month) in the date tree.
pub type MonthAt = (usize, usize);
/// A day by positions (year, month, day) in the date tree.
pub type DayAt = (usize, usize, usize);

/// The nearest earlier and later years with reports.
pub fn year_neighbours(archive: &Archive, y: YearAt) -> (Option<YearAt>, Option<YearAt>) {
    let years = archive.years.len();
    ((y + 1 < years).then_some(y + 1), y.checked_sub(1))
}

/// The nearest earlier and later months with reports, across year boundaries.
pub fn month_neighbours(archive: &Archive, (y, m): MonthAt) -> (Option<MonthAt>, Option<MonthAt>) {
    let years = &archive.years;
    let earlier = if m + 1 < years[y].months.len() {
        Some((y, m + 1))
    } else {
        (y + 1 < years.len()).then_some((y + 1, 0))
    };
    let later = match m.checked_sub(1) {
        Some(m) => Some((y, m)),
        None => y.checked_sub(1).map(|y| (y, years[y].months.len() - 1)),
    };
    (earlier, later)
}

/// The nearest earlier and later days with reports, across month and year boundaries.
pub fn day_neighbours(archive: &Archive, (y, m, d): DayAt) -> (Option<DayAt>, Option<DayAt>) {
    let years = &archive.years;
    let (earlier_month, later_month) = month_neighbours(archive, (y, m));
    let earlier = if d + 1 < years[y].months[m].days.len() {
        Some((y, m, d + 1))
    } else {
        earlier_month.map(|(y, m)| (y, m, 0))
    };
    let later = match d.checked_sub(1) {
        Some(d) => Some((y, m, d)),
        None => later_month.map(|(y, m)| (y, m, years[y].months[m].days.len() - 1)),
    };
    (earlier, later)
}

/// The date of a day of the date tree.
pub fn date_at(archive: &Archive, (y, m, d): DayAt) -> Date {
    let year = &archive.years[y];
    let month = &year.months[m];
    Date {
        year: year.year,
        month: month.month,
        day: month.days[d].day,
    }
}

#[cfg(test)]
#[path = "calendar_tests.rs"]
mod tests;
