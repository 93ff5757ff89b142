//! Unit tests of the calendar grid and of the nearest periods with reports.

use super::*;
use crate::config::Config;
use crate::content::{Report, load_bytes};
use std::path::PathBuf;

fn archive(dates: &[&str]) -> Archive {
    let config = Config::parse("title = \"t\"\nbase_url = \"https://e.org\"\n").unwrap();
    let reports: Vec<Report> = dates
        .iter()
        .enumerate()
        .map(|(n, date)| {
            let text = format!("---\ntitle: r{n}\ndate: {date}\n---\n正文。\n");
            let path = PathBuf::from(format!("content/r{n}.md"));
            load_bytes(text.as_bytes(), path, &config).0.unwrap()
        })
        .collect();
    Archive::new(reports, &config).0
}

fn day(archive: &Archive, at: Option<DayAt>) -> Option<String> {
    at.map(|at| date_at(archive, at).iso())
}

/// The position of a day in the date tree.
fn find(archive: &Archive, iso: &str) -> DayAt {
    for (y, year) in archive.years.iter().enumerate() {
        for (m, month) in year.months.iter().enumerate() {
            for d in 0..month.days.len() {
                if date_at(archive, (y, m, d)).iso() == iso {
                    return (y, m, d);
                }
            }
        }
    }
    panic!("no day {iso}")
}

#[test]
fn march_2024_starts_on_a_friday() {
    let weeks = month_weeks(2024, 3, true);
    assert_eq!(weeks.len(), 5);
    assert_eq!(
        weeks[0],
        [None, None, None, None, Some(1), Some(2), Some(3)]
    );
    assert_eq!(weeks[4][6], Some(31));
    let sunday_first = month_weeks(2024, 3, false);
    assert_eq!(sunday_first[0][5], Some(1), "Friday is the sixth column");
    assert_eq!(sunday_first.len(), 6, "the 31st is a Sunday: a sixth row");
    assert_eq!(
        sunday_first[5],
        [Some(31), None, None, None, None, None, None]
    );
}

#[test]
fn every_day_appears_once_in_its_weekday_column() {
    for (year, month) in [(2023, 2), (2024, 2), (2024, 9), (2021, 2), (2026, 12)] {
        for monday_first in [true, false] {
            let weeks = month_weeks(year, month, monday_first);
            let days: Vec<u8> = weeks.iter().flatten().flatten().copied().collect();
            let expected: Vec<u8> = (1..=days_in_month(year, month)).collect();
            assert_eq!(days, expected, "{year}-{month}");
            for week in &weeks {
                for (column, cell) in week.iter().enumerate() {
                    if let Some(day) = cell {
                        let weekday = Date {
                            year,
                            month,
                            day: *day,
                        }
                        .weekday_from_monday();
                        let expected = if monday_first {
                            weekday
                        } else {
                            (weekday + 1) % 7
                        };
                        assert_eq!(column, usize::from(expected));
                    }
                }
            }
        }
    }
    // February 2021 starts on a Monday and has 28 days: exactly four rows.
    assert_eq!(month_weeks(2021, 2, true).len(), 4);
}

#[test]
fn neighbours_skip_to_the_nearest_period_with_reports() {
    let a = archive(&[
        "2022-06-01",
        "2023-12-20",
        "2023-12-05",
        "2024-01-08",
        "2024-03-14",
    ]);
    // Years: 2024, 2023, 2022 (newest first).
    assert_eq!(year_neighbours(&a, 0), (Some(1), None));
    assert_eq!(year_neighbours(&a, 2), (None, Some(1)));
    // December 2023 → January 2024 across the year boundary; January → March skips February.
    let december = (1, 0);
    let january = (0, 1);
    assert_eq!(
        month_neighbours(&a, december),
        (Some((2, 0)), Some(january))
    );
    assert_eq!(
        month_neighbours(&a, january),
        (Some(december), Some((0, 0)))
    );
    assert_eq!(month_neighbours(&a, (0, 0)), (Some(january), None));
    assert_eq!(month_neighbours(&a, (2, 0)), (None, Some(december)));
    // Days: within a month, and across month and year boundaries.
    let at = find(&a, "2023-12-20");
    let (earlier, later) = day_neighbours(&a, at);
    assert_eq!(day(&a, earlier).as_deref(), Some("2023-12-05"));
    assert_eq!(day(&a, later).as_deref(), Some("2024-01-08"));
    let (earlier, later) = day_neighbours(&a, find(&a, "2023-12-05"));
    assert_eq!(day(&a, earlier).as_deref(), Some("2022-06-01"));
    assert_eq!(day(&a, later).as_deref(), Some("2023-12-20"));
    let (earlier, later) = day_neighbours(&a, find(&a, "2024-03-14"));
    assert_eq!(day(&a, earlier).as_deref(), Some("2024-01-08"));
    assert_eq!(later, None);
    assert_eq!(day_neighbours(&a, find(&a, "2022-06-01")).0, None);
}
