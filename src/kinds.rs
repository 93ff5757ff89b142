//! Small value types every stage shares — a calendar date and the kinds of entity — in a leaf
//! module, so that the URL table and the stages can all name them without depending on each
//! other. `content` and `archive` re-export them where they are used most.

use serde::Serialize;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        let mut text = String::with_capacity(10);
        self.push_to(&mut text, '-');
        text
    }

    /// Appends the year (at least four digits), month and day (two digits each) with
    /// `separator` between them; digits are pushed directly rather than formatted, as a large
    /// archive's build writes dates and paths by the hundred thousand.
    pub fn push_to(&self, text: &mut String, separator: char) {
        let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
        match u32::try_from(self.year) {
            Ok(year) if year <= 9999 => {
                for n in [year / 1000, year / 100, year / 10, year] {
                    text.push(digit(n));
                }
            }
            _ => text.push_str(&format!("{:04}", self.year)),
        }
        for n in [u32::from(self.month), u32::from(self.day)] {
            text.push(separator);
            text.push(digit(n / 10));
            text.push(digit(n));
        }
    }

    /// Days since 1970-01-01 (negative before it), for distances between dates.
    pub fn day_number(&self) -> i64 {
        // The proleptic Gregorian calendar in eras of 400 years, March-based so that the leap
        // day ends a year (H. Hinnant's `days_from_civil`).
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The day of the week: 0 for Monday … 6 for Sunday.
    pub fn weekday_from_monday(&self) -> u8 {
        // 1970-01-01 was a Thursday (3 counting from Monday).
        (self.day_number() + 3).rem_euclid(7) as u8
    }
}

/// The number of days of a month of the Gregorian calendar.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The kinds of entity the archive indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Official,
    District,
    Tag,
}

impl EntityKind {
    /// The first URL segment of this kind's pages.
    pub fn section(self) -> &'static str {
        match self {
            EntityKind::Official => "officials",
            EntityKind::District => "districts",
            EntityKind::Tag => "tags",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn day_numbers_and_weekdays_follow_the_calendar() {
        assert_eq!(date(1970, 1, 1).day_number(), 0);
        assert_eq!(date(1969, 12, 31).day_number(), -1);
        assert_eq!(
            date(2000, 3, 1).day_number() - date(2000, 2, 28).day_number(),
            2
        );
        assert_eq!(
            date(2024, 1, 1).day_number() - date(2023, 12, 31).day_number(),
            1
        );
        assert_eq!(date(2024, 3, 14).day_number(), 19_796);
        // 2024-03-14 was a Thursday, 2023-12-31 a Sunday, 2024-01-01 a Monday.
        assert_eq!(date(2024, 3, 14).weekday_from_monday(), 3);
        assert_eq!(date(2023, 12, 31).weekday_from_monday(), 6);
        assert_eq!(date(2024, 1, 1).weekday_from_monday(), 0);
    }

    #[test]
    fn iso_dates_pad_to_four_year_digits_and_two_for_month_and_day() {
        assert_eq!(date(2024, 3, 4).iso(), "2024-03-04");
        assert_eq!(date(1999, 12, 31).iso(), "1999-12-31");
        assert_eq!(date(987, 10, 20).iso(), "0987-10-20");
        assert_eq!(date(12_345, 6, 7).iso(), "12345-06-07");
        for year in [-5, 0, 7, 99, 2024, 9999, 10_000] {
            let formatted = format!("{year:04}-{:02}-{:02}", 1, 9);
            assert_eq!(date(year, 1, 9).iso(), formatted);
        }
    }

    #[test]
    fn month_lengths_know_leap_years() {
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2023, 2), 28);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2024, 4), 30);
        assert_eq!(days_in_month(2024, 12), 31);
    }
}
