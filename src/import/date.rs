//! The meeting date of a scraped text.
//!
//! News reports open with the day of the event: `3月14日，…`, `2024年3月14日上午，…`, or carry an
//! ISO date `2024-03-14`. [`find_date`] returns the first date written in the text (ASCII or
//! full-width digits, or Chinese numerals as in `三月十四日`); [`resolve`] supplies the year from
//! `--year` when the text gives none and validates the day (no 2月30日).

use jiff::civil::Date;

/// A date as written in the text, not yet validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenDate {
    /// The characters that spell the date, e.g. `3月14日`.
    pub written: String,
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

/// Why no date could be taken from a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// The text names a day without a year and no default year was given.
    NoYear(String),
    /// The day does not exist (`2月30日`).
    Invalid(String),
}

/// The first date written in `text`, if any.
pub fn find_date(text: &str) -> Option<WrittenDate> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).find_map(|start| {
        let inside_number = start > 0 && same_kind(chars[start - 1], chars[start]);
        if inside_number {
            return None;
        }
        chinese_style(&chars, start).or_else(|| iso_style(&chars, start))
    })
}

/// The first date of the article `text`. With `page_date` (the page's own date, which supplies
/// month and year), a day written alone counts too: `今(19)日`, `昨（15）日`, `今日(15日)`,
/// `14日下午`.
///
/// When that first date's sentence names no event (`召開`, `舉行`, `舉辦`) but a later date's
/// sentence does, the later date is the meeting's: `9月14日進行補選投票…。就職典禮30日在區公所舉行`.
pub fn find_meeting_date(text: &str, page_date: Option<&WrittenDate>) -> Option<WrittenDate> {
    let chars: Vec<char> = text.chars().collect();
    let mut dates = (0..chars.len()).filter_map(|start| {
        let inside_number = start > 0 && same_kind(chars[start - 1], chars[start]);
        if inside_number {
            return None;
        }
        chinese_style(&chars, start)
            .or_else(|| iso_style(&chars, start))
            .or_else(|| page_date.and_then(|_| bare_day(&chars, start)))
            .map(|date| (start, date))
    });
    let (first_at, first) = dates.next()?;
    if names_event(&chars, first_at) {
        return Some(first);
    }
    // Later, a day alone takes its month from the first date (`9月14日…。…30日在…舉行`).
    let later = (first_at + 1..chars.len())
        .filter_map(|start| {
            let inside_number = same_kind(chars[start - 1], chars[start]);
            let day = if inside_number {
                None
            } else {
                chinese_style(&chars, start)
                    .or_else(|| iso_style(&chars, start))
                    .or_else(|| bare_day(&chars, start).map(|day| in_month_of(day, &first)))
            };
            day.map(|date| (start, date))
        })
        .take(MAX_DATES_LOOKED_AT)
        .find(|(at, _)| names_event(&chars, *at));
    later.map_or(Some(first), |(_, date)| Some(date))
}

/// A day written alone, in the month of `earlier` (or the month after, for an earlier day).
fn in_month_of(day: WrittenDate, earlier: &WrittenDate) -> WrittenDate {
    if earlier.month == 0 {
        return day;
    }
    let (mut month, mut year) = (earlier.month, earlier.year);
    if day.day < earlier.day {
        month += 1;
        if month > 12 {
            month = 1;
            year = year.map(|y| y + 1);
        }
    }
    WrittenDate { month, year, ..day }
}

/// How many dates after the first are looked at for the one of the event.
const MAX_DATES_LOOKED_AT: usize = 4;

/// True when the sentence around `at` names an event (`召開`, `舉行`, `舉辦`).
fn names_event(chars: &[char], at: usize) -> bool {
    let is_end = |c: &char| matches!(c, '。' | '！' | '？' | '\n');
    let start = chars[..at].iter().rposition(is_end).map_or(0, |i| i + 1);
    let end = chars[at..]
        .iter()
        .position(is_end)
        .map_or(chars.len(), |i| at + i);
    let sentence: String = chars[start..end].iter().collect();
    ["召開", "召开", "舉行", "举行", "舉辦", "举办"]
        .iter()
        .any(|verb| sentence.contains(verb))
}

/// Resolves a date from the article: the written year, else the page's year (the year before
/// when the day comes after the page date), else `default_year`. A day written alone takes the
/// page's month (the month before when the day is after the page's day).
pub fn resolve_with_page(
    written: &WrittenDate,
    page_date: Option<&WrittenDate>,
    default_year: Option<i32>,
) -> Result<Date, DateProblem> {
    let Some(page) = page_date.filter(|p| p.year.is_some() && written.year.is_none()) else {
        return resolve(written, default_year);
    };
    let page_year = page.year.unwrap_or_default();
    let (mut year, mut month) = (page_year, written.month);
    if month == 0 {
        month = page.month;
        if written.day > page.day {
            month -= 1;
            if month == 0 {
                (month, year) = (12, year - 1);
            }
        }
    } else if (month, written.day) > (page.month, page.day) {
        year -= 1;
    }
    let adjusted = WrittenDate {
        year: Some(year),
        month,
        ..written.clone()
    };
    resolve(&adjusted, None)
}

/// Words that follow a day written alone (`14日下午`, `30日在…舉行`).
const AFTER_BARE_DAY: &[&str] = &[
    "上午", "下午", "晚上", "晚間", "晚间", "中午", "起", "在", "於", "于", "舉行", "举行", "召開",
    "召开",
];

/// A day without a month: `今(19)日`, `昨（15）日`, `今日(15日)`, `今日（31日）`, `14日下午`.
fn bare_day(chars: &[char], start: usize) -> Option<WrittenDate> {
    let at = |i: usize| chars.get(i).copied();
    let written = |end: usize, day: u32| WrittenDate {
        written: chars[start..end].iter().collect(),
        year: None,
        month: 0,
        day,
    };
    if matches!(at(start), Some('今' | '昨' | '前')) {
        // 今(19)日 / 昨（15）日
        if matches!(at(start + 1), Some('(' | '（')) {
            let (day, after) = read_number(chars, start + 2)?;
            if matches!(at(after), Some(')' | '）')) && at(after + 1) == Some('日') {
                return (1..=31)
                    .contains(&day.value)
                    .then(|| written(after + 2, day.value));
            }
        }
        // 今日(15日) / 今日（15日）
        if at(start + 1) == Some('日') && matches!(at(start + 2), Some('(' | '（')) {
            let (day, after) = read_number(chars, start + 3)?;
            if at(after) == Some('日') && matches!(at(after + 1), Some(')' | '）')) {
                return (1..=31)
                    .contains(&day.value)
                    .then(|| written(after + 2, day.value));
            }
        }
        return None;
    }
    // 14日下午: Arabic digits after a Chinese character that is not 月 (and not 第).
    let before = start.checked_sub(1).and_then(at)?;
    if !crate::text::is_han(before) || matches!(before, '月' | '第' | '至' | '到') {
        return None;
    }
    if !at(start)?.is_ascii_digit() {
        return None;
    }
    let (day, after) = read_number(chars, start)?;
    if at(after) != Some('日') || day.digits > 2 || !(1..=31).contains(&day.value) {
        return None;
    }
    let follows = AFTER_BARE_DAY.iter().any(|w| {
        w.chars()
            .enumerate()
            .all(|(k, c)| chars.get(after + 1 + k) == Some(&c))
    });
    follows.then(|| written(after + 1, day.value))
}

/// The calendar date: the written year, else `default_year`, validated.
pub fn resolve(written: &WrittenDate, default_year: Option<i32>) -> Result<Date, DateProblem> {
    let year = written
        .year
        .or(default_year)
        .ok_or_else(|| DateProblem::NoYear(written.written.clone()))?;
    let invalid = || DateProblem::Invalid(written.written.clone());
    let month = i8::try_from(written.month).map_err(|_| invalid())?;
    let day = i8::try_from(written.day).map_err(|_| invalid())?;
    let year = i16::try_from(year).map_err(|_| invalid())?;
    Date::new(year, month, day).map_err(|_| invalid())
}

/// `[YYYY年]M月D日` (also `號`/`号` for 日) starting at `start`.
fn chinese_style(chars: &[char], start: usize) -> Option<WrittenDate> {
    let (first, after_first) = read_number(chars, start)?;
    let (year, month_start) = if chars.get(after_first) == Some(&'年') {
        (Some(i32::try_from(first.value).ok()?), after_first + 1)
    } else {
        (None, start)
    };
    if year.is_some() && first.digits != 4 {
        return None;
    }
    let (month, after_month) = read_number(chars, month_start)?;
    if chars.get(after_month) != Some(&'月') || month.too_long_for_a_day() {
        return None;
    }
    let (day, after_day) = read_number(chars, after_month + 1)?;
    if !matches!(chars.get(after_day), Some('日' | '號' | '号')) || day.too_long_for_a_day() {
        return None;
    }
    Some(WrittenDate {
        written: chars[start..=after_day].iter().collect(),
        year,
        month: month.value,
        day: day.value,
    })
}

/// `YYYY-MM-DD` (also with `/` or `.`) starting at `start`.
fn iso_style(chars: &[char], start: usize) -> Option<WrittenDate> {
    let (year, after_year) = read_number(chars, start)?;
    let separator = *chars.get(after_year)?;
    if year.digits != 4 || !matches!(separator, '-' | '/' | '.') {
        return None;
    }
    let (month, after_month) = read_number(chars, after_year + 1)?;
    if chars.get(after_month) != Some(&separator) {
        return None;
    }
    let (day, after_day) = read_number(chars, after_month + 1)?;
    let followed_by_number = chars
        .get(after_day)
        .is_some_and(|&c| same_kind(chars[after_day - 1], c));
    if month.chinese || day.chinese || month.digits > 2 || day.digits > 2 || followed_by_number {
        return None;
    }
    Some(WrittenDate {
        written: chars[start..after_day].iter().collect(),
        year: Some(i32::try_from(year.value).ok()?),
        month: month.value,
        day: day.value,
    })
}

struct Number {
    value: u32,
    /// How many characters spell it.
    digits: usize,
    /// Written in Chinese numerals.
    chinese: bool,
}

impl Number {
    /// More characters than a month or a day takes (`123月` is part of some other number).
    fn too_long_for_a_day(&self) -> bool {
        self.digits > if self.chinese { 3 } else { 2 }
    }
}

/// Reads the number at `start`: 1–4 ASCII or full-width digits, four Chinese digits of a year
/// (`二〇二四`), or a Chinese number up to 99 (`十四`, `二十五`). Returns it and the index after.
fn read_number(chars: &[char], start: usize) -> Option<(Number, usize)> {
    let first = *chars.get(start)?;
    numeral_value(first)?;
    let mut end = start + 1;
    while end < chars.len() && end - start < 5 && same_kind(first, chars[end]) {
        end += 1;
    }
    let run = &chars[start..end];
    if run.len() > 4 {
        return None;
    }
    let chinese = !is_arabic_digit(first);
    let digit_values: Option<Vec<u32>> = run.iter().map(|&c| digit_value(c)).collect();
    let value = match digit_values {
        Some(digits) => digits.iter().fold(0, |acc, d| acc * 10 + d),
        None => chinese_number(run)?,
    };
    Some((
        Number {
            value,
            digits: run.len(),
            chinese,
        },
        end,
    ))
}

fn is_arabic_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// True when `a` and `b` are numerals of the same script (both Arabic or both Chinese), so they
/// belong to one number.
fn same_kind(a: char, b: char) -> bool {
    numeral_value(a).is_some()
        && numeral_value(b).is_some()
        && is_arabic_digit(a) == is_arabic_digit(b)
}

/// The value of a single digit: ASCII, full-width, or a Chinese digit (not 十).
fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or_else(|| (c == '零').then_some(0))
            .map(|p| p as u32),
    }
}

/// True for any character that can be part of a number in a date.
fn numeral_value(c: char) -> Option<u32> {
    digit_value(c).or_else(|| (c == '十').then_some(10))
}

/// A Chinese number from 1 to 99 written with 十: `十`, `十四`, `二十`, `二十五`.
fn chinese_number(run: &[char]) -> Option<u32> {
    let ten = run.iter().position(|&c| c == '十')?;
    let tens = match ten {
        0 => 1,
        1 => digit_value(run[0])?,
        _ => return None,
    };
    let units = match &run[ten + 1..] {
        [] => 0,
        [unit] => digit_value(*unit)?,
        _ => return None,
    };
    Some(tens * 10 + units)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The resolved date of `text`; `None` inside the error when no date is written at all.
    fn date(text: &str, default_year: Option<i32>) -> Result<String, Option<DateProblem>> {
        let written = find_date(text).ok_or(None)?;
        resolve(&written, default_year)
            .map(|d| d.to_string())
            .map_err(Some)
    }

    #[test]
    fn dates_with_a_year() {
        let cases = [
            ("2024年3月14日，臨江市政府召開會議", "2024-03-14"),
            ("據報道，2023年12月1日上午", "2023-12-01"),
            ("２０２４年８月２５日", "2024-08-25"),
            ("二〇二四年三月十四日", "2024-03-14"),
            ("發布時間：2024-03-14 09:30", "2024-03-14"),
            ("2024/3/5 新聞", "2024-03-05"),
        ];
        for (text, expected) in cases {
            assert_eq!(date(text, Some(1999)).as_deref(), Ok(expected), "{text}");
        }
    }

    #[test]
    fn dates_without_a_year_take_the_default_year() {
        assert_eq!(
            date("3月14日，臨江市政府召開", Some(2024)).as_deref(),
            Ok("2024-03-14")
        );
        assert_eq!(date("8月25日上午", Some(2023)).as_deref(), Ok("2023-08-25"));
        assert_eq!(
            date("十二月三十一日", Some(2024)).as_deref(),
            Ok("2024-12-31")
        );
        assert_eq!(date("8月25號", Some(2024)).as_deref(), Ok("2024-08-25"));
    }

    #[test]
    fn a_date_without_a_year_and_no_default_is_a_problem() {
        assert_eq!(
            date("8月25日，會議召開", None),
            Err(Some(DateProblem::NoYear("8月25日".into())))
        );
    }

    #[test]
    fn impossible_days_are_invalid() {
        assert_eq!(
            date("2月30日", Some(2024)),
            Err(Some(DateProblem::Invalid("2月30日".into())))
        );
        assert_eq!(
            date("2023年2月29日", None),
            Err(Some(DateProblem::Invalid("2023年2月29日".into())))
        );
        assert_eq!(date("2024年2月29日", None).as_deref(), Ok("2024-02-29"));
        assert_eq!(
            date("13月1日", Some(2024)),
            Err(Some(DateProblem::Invalid("13月1日".into())))
        );
    }

    #[test]
    fn the_first_date_wins_and_non_dates_are_skipped() {
        let text = "今年第1季度完成120個項目，3月底前完成。3月14日召開，4月1日起實施。";
        assert_eq!(find_date(text).unwrap().written, "3月14日");
        assert_eq!(
            find_date("日前，近日，12345-06-07").map(|d| d.written),
            None
        );
        // A month inside a longer number is not a month.
        assert_eq!(find_date("編號123月1日").map(|d| d.written), None);
        // A Chinese numeral before Arabic digits is a separate word (統一), not part of the date.
        assert_eq!(find_date("統一3月14日").unwrap().written, "3月14日");
    }

    #[test]
    fn the_date_of_the_event_wins_over_an_earlier_day_mentioned_first() {
        let text = "選舉委員會9月14日進行補選投票，李明當選。就職典禮30日在區公所舉行。";
        let found = find_meeting_date(text, None).unwrap();
        assert_eq!(
            (found.written.as_str(), found.month, found.day),
            ("30日", 9, 30)
        );
        // The first date names the event: it stays.
        let text = "3月14日，臨江市政府召開會議。4月1日起實施，4月2日舉行培訓。";
        assert_eq!(find_meeting_date(text, None).unwrap().written, "3月14日");
        // No sentence names an event: the first date.
        let text = "3月14日，林靜怡到江北區調研。3月20日前完成。";
        assert_eq!(find_meeting_date(text, None).unwrap().written, "3月14日");
    }

    #[test]
    fn no_date_at_all() {
        assert_eq!(date("會議召開。", Some(2024)), Err(None));
    }
}
