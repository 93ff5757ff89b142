//! The search page's context: the officials, districts, tags, years and months its filters
//! offer (with the archive's totals; the page recounts them within a selection), and how the
//! page writes dates, so results show them as every other page does.

use super::contexts::{Rendered, Shared, template_fields};
use super::i18n::Locale;
use super::page::Page;
use crate::archive::EntityKind;
use serde::Serialize;

#[derive(Serialize)]
struct SearchFilter<'a> {
    name: &'a str,
    slug: &'a str,
    path: String,
    count: usize,
}

#[derive(Serialize)]
struct YearCount {
    year: i32,
    /// `2024年` or `2024`.
    name: String,
    count: usize,
}

#[derive(Serialize)]
struct MonthCount {
    /// 1–12.
    month: u8,
    /// `3月` or `March`.
    name: String,
    /// Reports of that month in any year.
    count: usize,
}

struct SearchFields<'a> {
    officials: Vec<SearchFilter<'a>>,
    districts: Vec<SearchFilter<'a>>,
    tags: Vec<SearchFilter<'a>>,
    years: Vec<YearCount>,
    months: Vec<MonthCount>,
    date_pattern: &'static str,
    month_names: Vec<String>,
}

template_fields!(SearchFields<'_>; officials, districts, tags, years, months, date_pattern, month_names);

/// The page script's date format (`{y}`, `{m}`, `{d}`, `{month}`: the month's name): the same
/// text as [`Locale::date`].
fn date_pattern(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "{d} {month} {y}",
        Locale::Hant | Locale::Hans => "{y}年{m}月{d}日",
    }
}

pub(super) fn render(page: &Page, s: &Shared) -> Rendered {
    let a = s.archive;
    let locale = s.renderer.locale;
    let filters = |kind: EntityKind| -> Vec<SearchFilter> {
        let entities = a.entities(kind).iter();
        entities
            .map(|e| SearchFilter {
                name: &e.name,
                slug: &e.slug,
                path: e.path(),
                count: e.reports.len(),
            })
            .collect()
    };
    let years = a.years.iter().map(|y| YearCount {
        year: y.year,
        name: locale.year(y.year),
        count: y.reports.len(),
    });
    let mut per_month = [0usize; 12];
    for month in a.years.iter().flat_map(|y| &y.months) {
        per_month[usize::from(month.month) - 1] += month.reports.len();
    }
    let months = (1..=12u8)
        .zip(per_month)
        .filter(|&(_, count)| count > 0)
        .map(|(month, count)| MonthCount {
            month,
            name: locale.month(month),
            count,
        });
    let fields = SearchFields {
        officials: filters(EntityKind::Official),
        districts: filters(EntityKind::District),
        tags: filters(EntityKind::Tag),
        years: years.collect(),
        months: months.collect(),
        date_pattern: date_pattern(locale),
        month_names: (1..=12).map(|m| locale.month(m)).collect(),
    };
    let meta = s.meta(
        page,
        "search",
        s.renderer.locale.strings()["search"].to_string(),
    );
    s.page(page, meta, fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Date;

    /// The page script fills the pattern as below; it must give what the other pages show.
    #[test]
    fn the_date_pattern_writes_dates_as_the_locale_does() {
        for locale in [Locale::Hant, Locale::Hans, Locale::En] {
            for (year, month, day) in [(2023, 7, 4), (2024, 12, 31)] {
                let shown = date_pattern(locale)
                    .replace("{y}", &year.to_string())
                    .replace("{m}", &month.to_string())
                    .replace("{d}", &day.to_string())
                    .replace("{month}", &locale.month(month));
                assert_eq!(shown, locale.date(Date { year, month, day }));
            }
        }
    }
}
