//! Related reports, computed once when the archive is built: for every report, up to
//! [`RELATED_REPORTS`] other reports that share its officials, districts and tags.
//!
//! A shared official weighs [`WEIGHT_OFFICIAL`], a shared district [`WEIGHT_DISTRICT`], a shared
//! tag [`WEIGHT_TAG`]; the highest total first, ties broken by nearness in date, then by URL
//! path. A report is never related to itself, and the result depends only on the reports.
//!
//! The cost is bounded per report, whatever the archive's size: candidates come from the
//! archive's own indexes (the reports of the report's entities), and from each entity only the
//! [`CANDIDATES_PER_ENTITY`] reports nearest in date to the report (its neighbours in the
//! entity's newest-first list). A tag on 10,000 reports therefore adds at most that many
//! candidates, and each candidate is scored exactly against every entity of the report.
//!
//! A rebuild keeps the previous build's lists (stored in the report cache) for every report
//! no added, removed or changed report lies near in its entity lists, and ranks only the rest
//! (see `archive_related_incremental.rs`).

use super::{Archive, Entity};
use crate::content::Report;
pub use crate::content::cache::{KnownRelated, RankedReport};
use rayon::prelude::*;

/// How many related reports a report page lists.
pub const RELATED_REPORTS: usize = 5;
/// The weight of one shared official.
pub const WEIGHT_OFFICIAL: u32 = 3;
/// The weight of one shared district.
pub const WEIGHT_DISTRICT: u32 = 2;
/// The weight of one shared tag.
pub const WEIGHT_TAG: u32 = 1;
/// Reports taken as candidates from each entity of a report: the nearest in date, half on
/// either side.
pub const CANDIDATES_PER_ENTITY: usize = 40;

/// The positions of a report's officials, districts and tags in the archive's entity lists,
/// each sorted.
type Memberships = [Vec<u32>; 3];

const WEIGHTS: [u32; 3] = [WEIGHT_OFFICIAL, WEIGHT_DISTRICT, WEIGHT_TAG];

/// The related reports of `archive`, as the next build may take them (what each report was
/// ranked by is taken out of the archive, not copied).
pub fn known(archive: &mut Archive) -> KnownRelated {
    let ranked = archive.related_ranked.take().unwrap_or_else(|| {
        let kinds: [&[Entity]; 3] = [&archive.officials, &archive.districts, &archive.tags];
        let members = memberships(archive.reports.len(), &kinds);
        incremental::identities(&members, &kinds, &archive.reports)
    });
    KnownRelated {
        inputs: archive.related_inputs,
        reports: ranked,
        related: (archive.related.iter())
            .map(|list| list.iter().map(|&r| r as u32).collect())
            .collect(),
    }
}

/// A hash of everything related reports are computed from: each report's date, time, slug,
/// officials, districts and tags, in archive order (the entity lists are made from them).
pub(super) fn inputs_key(reports: &[Report]) -> u64 {
    use std::fmt::Write;
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    let mut text = |value: &str| {
        hasher.update(&(value.len() as u64).to_le_bytes());
        hasher.update(value.as_bytes());
    };
    // `DATE TIME OFFICIALS`, written into one buffer rather than formatted anew per report.
    let mut head = String::new();
    for r in reports {
        head.clear();
        r.date.push_to(&mut head, '-');
        head.push(' ');
        head.push_str(r.datetime.as_deref().unwrap_or("-"));
        let _ = write!(head, " {}", r.officials.len());
        text(&head);
        text(&r.slug);
        r.officials.iter().for_each(|a| text(&a.name));
        text(&r.districts.len().to_string());
        r.districts.iter().for_each(|d| text(d));
        text(&r.tags.len().to_string());
        r.tags.iter().for_each(|t| text(t));
    }
    hasher.digest()
}

/// The related reports of every report: those `known` from a previous build if they were
/// computed from the same inputs; else each report's previous list where nothing it was ranked
/// from changed (see [`incremental`]), and a new ranking for the rest.
pub(super) fn related_reusing(archive: &Archive, known: Option<&KnownRelated>) -> Vec<Vec<usize>> {
    let n = archive.reports.len();
    if let Some(known) =
        known.filter(|k| k.inputs == archive.related_inputs && k.related.len() == n)
    {
        // The same inputs (dates, times, slugs, names in order): the same places and entities.
        if known.reports.len() == n {
            let _ = archive.related_ranked.set(known.reports.clone());
        }
        return (known.related.iter())
            .map(|list| list.iter().map(|&r| r as usize).collect())
            .collect();
    }
    let ranking = Ranking::new(archive);
    let Some(known) = known else {
        return ranking.rank_all();
    };
    let now = incremental::identities(&ranking.members, &ranking.kinds, &archive.reports);
    let reused = incremental::reused(known, &now, &ranking.members, &ranking.kinds);
    let _ = archive.related_ranked.set(now);
    reused
        .into_par_iter()
        .enumerate()
        .map(|(i, list)| list.unwrap_or_else(|| ranking.rank(i)))
        .collect()
}

/// What ranking reads: the entity lists, every report's entities and day number.
struct Ranking<'a> {
    archive: &'a Archive,
    kinds: [&'a [Entity]; 3],
    members: Vec<Memberships>,
    days: Vec<i64>,
}

impl<'a> Ranking<'a> {
    fn new(archive: &'a Archive) -> Ranking<'a> {
        let kinds: [&[Entity]; 3] = [&archive.officials, &archive.districts, &archive.tags];
        let members = memberships(archive.reports.len(), &kinds);
        let days = (archive.reports.iter())
            .map(|r| r.date.day_number())
            .collect();
        Ranking {
            archive,
            kinds,
            members,
            days,
        }
    }

    /// The related reports of every report (positions in `archive.reports`), best first.
    fn rank_all(&self) -> Vec<Vec<usize>> {
        (0..self.members.len())
            .into_par_iter()
            .map(|i| self.rank(i))
            .collect()
    }

    /// The related reports of report `i`, best first.
    fn rank(&self, i: usize) -> Vec<usize> {
        let (members, days, reports) = (&self.members, &self.days, &self.archive.reports);
        let mut scored: Vec<(u32, i64, usize)> = candidates(i, &members[i], &self.kinds)
            .into_iter()
            .map(|c| {
                let score = shared_weight(&members[i], &members[c]);
                (score, (days[i] - days[c]).abs(), c)
            })
            .collect();
        // Paths are unique, so this order is total: the best five are found without sorting
        // every candidate, and the path is compared without being formatted.
        let order = |a: &(u32, i64, usize), b: &(u32, i64, usize)| {
            b.0.cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then_with(|| path_order(&reports[a.2], &reports[b.2]))
        };
        if scored.len() > RELATED_REPORTS {
            scored.select_nth_unstable_by(RELATED_REPORTS, order);
            scored.truncate(RELATED_REPORTS);
        }
        scored.sort_by(order);
        // Collected from a borrowed iterator: a new list of five, not the candidates' buffer
        // reused in place (which kept ~60 MB alive at 10,000 reports).
        let best = scored.iter().take(RELATED_REPORTS);
        best.map(|&(_, _, c)| c).collect()
    }
}

/// The order of two reports' URL paths (`YYYY/MM/DD/<slug>/`), without formatting them: the
/// zero-padded date compares as the date does, then the slug followed by its slash.
fn path_order(a: &crate::content::Report, b: &crate::content::Report) -> std::cmp::Ordering {
    let date = |r: &crate::content::Report| (r.date.year, r.date.month, r.date.day);
    date(a).cmp(&date(b)).then_with(|| {
        let slash = || std::iter::once(b'/');
        let (x, y) = (a.slug.bytes().chain(slash()), b.slug.bytes().chain(slash()));
        x.cmp(y)
    })
}

/// Every report's entities, from the entity lists (which hold positions of reports).
fn memberships(reports: usize, kinds: &[&[Entity]; 3]) -> Vec<Memberships> {
    let mut members: Vec<Memberships> = vec![Memberships::default(); reports];
    for (k, entities) in kinds.iter().enumerate() {
        for (e, entity) in entities.iter().enumerate() {
            for &r in &entity.reports {
                let own = &mut members[r][k];
                if own.last() != Some(&(e as u32)) {
                    own.push(e as u32);
                }
            }
        }
    }
    members
}

/// Reports sharing at least one entity with report `i`, nearest in date first per entity,
/// without `i`, each once.
fn candidates(i: usize, own: &Memberships, kinds: &[&[Entity]; 3]) -> Vec<usize> {
    let half = CANDIDATES_PER_ENTITY / 2;
    let mut found = Vec::new();
    for (k, entities) in kinds.iter().enumerate() {
        for &e in &own[k] {
            // Entity lists are in archive order (ascending positions, newest first).
            let list = &entities[e as usize].reports;
            let at = list.binary_search(&i).unwrap_or_else(|at| at);
            let window = &list[at.saturating_sub(half)..(at + half + 1).min(list.len())];
            found.extend(window.iter().copied().filter(|&c| c != i));
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// The weighted number of entities two reports share.
fn shared_weight(a: &Memberships, b: &Memberships) -> u32 {
    (0..3).map(|k| WEIGHTS[k] * common(&a[k], &b[k])).sum()
}

/// How many values two sorted lists have in common.
fn common(a: &[u32], b: &[u32]) -> u32 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[path = "archive_related_incremental.rs"]
mod incremental;

#[cfg(test)]
#[path = "archive_related_tests.rs"]
mod tests;
