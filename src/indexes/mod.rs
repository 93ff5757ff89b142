//! How the index pages order and group entities: officials by office level and tenure, districts
//! nested under the district they lie in, every list by pinyin with a letter for the A–Z index.
//!
//! Pure functions of the [`Archive`] and the [`Config`]; the render stage turns their results
//! into the contexts of `officials.html`, `districts.html`, `tags.html` and `district.html`.
//!
//! **Order.** Entities sort by their slug, which is the pinyin of the name (or the registry's
//! `slug`, which is how a site fixes a reading such as 曾 zēng), syllable by syllable: `li-ming`
//! before `lin-jingyi`. The index letter is the slug's first letter, `#` for anything else.
//!
//! **Tenure.** An official is *current* when they were named with their latest role on or after
//! the same day one year before the archive's newest report, and nobody else was named later with
//! exactly that role where it is held by one person at a time ([`offices::is_single_holder`]);
//! otherwise *former*. An official never named with a role is judged by their latest report.

pub mod districts;

use crate::archive::{Archive, Entity};
use crate::config::Config;
use crate::content::Date;
use crate::offices::{self, OfficeLevel, level_of_role};
use std::collections::HashMap;

pub use districts::DistrictTree;

/// An official's place on the officials index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialPlace {
    /// Position in [`Archive::officials`].
    pub index: usize,
    pub level: OfficeLevel,
    pub current: bool,
}

/// The letter of the A–Z index an entity is listed under: its slug's first letter, upper case,
/// or `#` when the slug starts with a digit.
pub fn index_letter(entity: &Entity) -> char {
    entity
        .slug
        .chars()
        .next()
        .filter(char::is_ascii_alphabetic)
        .map_or('#', |c| c.to_ascii_uppercase())
}

/// Positions of `entities` in pinyin order (slug, then name).
pub fn pinyin_order(entities: &[Entity]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&entities[a], &entities[b]);
        a.slug.cmp(&b.slug).then_with(|| a.name.cmp(&b.name))
    });
    order
}

/// The day from which a role counts as current: one year before the newest report.
pub fn current_since(archive: &Archive) -> Option<Date> {
    let newest = archive.reports.first()?.date;
    let mut since = newest;
    since.year -= 1;
    if since.month == 2 && since.day == 29 {
        since.day = 28;
    }
    Some(since)
}

/// Every official's level and tenure, in the order the index lists them: by level, current
/// before former, then pinyin.
pub fn official_places(archive: &Archive, config: &Config) -> Vec<OfficialPlace> {
    let since = current_since(archive);
    // The last date each single-holder role was named, by anyone.
    let mut last_holder: HashMap<String, (Date, usize)> = HashMap::new();
    for (i, official) in archive.officials.iter().enumerate() {
        for span in &official.roles {
            if offices::is_single_holder(&span.role) {
                let key = crate::text::fold::fold(&span.role);
                let entry = last_holder.entry(key).or_insert((span.last, i));
                if span.last > entry.0 {
                    *entry = (span.last, i);
                }
            }
        }
    }
    let mut places: Vec<OfficialPlace> = pinyin_order(&archive.officials)
        .into_iter()
        .map(|index| {
            let official = &archive.officials[index];
            let registered = config
                .officials
                .lookup(&official.name)
                .and_then(|entry| entry.level);
            let latest = official.roles.first();
            let level = registered
                .or_else(|| latest.map(|span| level_of_role(&span.role)))
                .unwrap_or(OfficeLevel::Other);
            let last_seen = latest.map(|span| span.last).or_else(|| {
                let newest = official.reports.first()?;
                Some(archive.reports[*newest].date)
            });
            let recent = matches!((last_seen, since), (Some(seen), Some(since)) if seen >= since);
            let superseded = latest.is_some_and(|span| {
                let key = crate::text::fold::fold(&span.role);
                last_holder
                    .get(&key)
                    .is_some_and(|&(date, holder)| holder != index && date > span.last)
            });
            OfficialPlace {
                index,
                level,
                current: recent && !superseded,
            }
        })
        .collect();
    // A stable sort keeps the pinyin order within each group.
    places.sort_by_key(|p| (p.level, !p.current));
    places
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
