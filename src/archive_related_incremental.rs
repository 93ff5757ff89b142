//! Related reports kept from the previous build for reports nothing changed around.
//!
//! A report's related reports are ranked from its candidates (its neighbours, up to
//! `CANDIDATES_PER_ENTITY / 2` on either side, in the list of each of its entities) and from
//! their entities, dates and paths. Reports are matched to the previous build by their place
//! (date, time and slug, which fix their order in every list) and their entities. A matched
//! report keeps its previous list unless a report that is new, gone or changed lies within
//! reach of it in one of its entity lists (the new list for new ones, the previous list for gone
//! ones): only then can a window have gained or lost a candidate. Otherwise every window holds
//! the same matched reports as before, so ranking them again gives the same list. A report
//! added to a 10,000-report archive ranks a few hundred reports again instead of all of them.

use super::RankedReport;
use super::{CANDIDATES_PER_ENTITY, Memberships};
use crate::archive::Entity;
use crate::content::Report;
use std::collections::{HashMap, HashSet};

/// How far from a changed report, in an entity list, another report's window can reach.
const REACH: usize = CANDIDATES_PER_ENTITY / 2 + 1;

/// Each report's place and entities, in archive order.
pub(super) fn identities(
    members: &[Memberships],
    kinds: &[&[Entity]; 3],
    reports: &[Report],
) -> Vec<RankedReport> {
    (reports.iter().zip(members))
        .map(|(report, own)| {
            let place = format!(
                "{} {} {}",
                report.date.iso(),
                report.datetime.as_deref().unwrap_or("-"),
                report.slug
            );
            let mut entities: Vec<u64> = (0..3)
                .flat_map(|k| {
                    own[k]
                        .iter()
                        .map(move |&e| entity_hash(k, &kinds[k][e as usize]))
                })
                .collect();
            entities.sort_unstable();
            RankedReport {
                place: xxhash_rust::xxh3::xxh3_64(place.as_bytes()),
                entities,
            }
        })
        .collect()
}

fn entity_hash(kind: usize, entity: &Entity) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    hasher.update(&[kind as u8]);
    hasher.update(entity.name.as_bytes());
    hasher.digest()
}

/// For every report (archive order), its related reports as `known` listed them, moved to
/// today's positions, when nothing within reach of it changed; `None` for reports to rank again.
pub(super) fn reused(
    known: &super::KnownRelated,
    now: &[RankedReport],
    members: &[Memberships],
    kinds: &[&[Entity]; 3],
) -> Vec<Option<Vec<usize>>> {
    let before = &known.reports;
    if before.len() != known.related.len() {
        return vec![None; now.len()];
    }
    let mut by_place: HashMap<u64, usize> = HashMap::with_capacity(before.len());
    for (j, report) in before.iter().enumerate() {
        if by_place.insert(report.place, j).is_some() {
            return vec![None; now.len()];
        }
    }
    // Today's position → previous position, for reports in the same place with the same
    // entities; and back.
    let mut previous_of: Vec<Option<usize>> = vec![None; now.len()];
    let mut current_of: Vec<Option<usize>> = vec![None; before.len()];
    for (i, report) in now.iter().enumerate() {
        if let Some(&j) = by_place.get(&report.place)
            && before[j].entities == report.entities
            && current_of[j].is_none()
        {
            previous_of[i] = Some(j);
            current_of[j] = Some(i);
        }
    }
    let mut stale: Vec<bool> = previous_of.iter().map(Option::is_none).collect();
    // New and changed reports, in today's entity lists.
    for i in (0..now.len()).filter(|&i| previous_of[i].is_none()) {
        for (k, entities) in kinds.iter().enumerate() {
            for &e in &members[i][k] {
                for &near in near(&entities[e as usize].reports, i) {
                    stale[near] = true;
                }
            }
        }
    }
    // Gone and changed reports, in the previous entity lists (made again for their entities).
    let gone: Vec<usize> = (0..before.len())
        .filter(|&j| current_of[j].is_none())
        .collect();
    let wanted: HashSet<u64> = (gone.iter())
        .flat_map(|&j| before[j].entities.iter().copied())
        .collect();
    let mut previous_lists: HashMap<u64, Vec<usize>> = HashMap::new();
    for (j, report) in before.iter().enumerate() {
        for h in report.entities.iter().filter(|h| wanted.contains(h)) {
            previous_lists.entry(*h).or_default().push(j);
        }
    }
    for &j in &gone {
        for h in &before[j].entities {
            for &near in near(&previous_lists[h], j) {
                if let Some(i) = current_of[near] {
                    stale[i] = true;
                }
            }
        }
    }
    (0..now.len())
        .map(|i| {
            let j = previous_of[i].filter(|_| !stale[i])?;
            (known.related[j].iter())
                .map(|&r| current_of.get(r as usize).copied().flatten())
                .collect()
        })
        .collect()
}

/// The entries of an ascending `list` within [`REACH`] of where `position` is or would be.
fn near(list: &[usize], position: usize) -> &[usize] {
    let at = list.binary_search(&position).unwrap_or_else(|at| at);
    &list[at.saturating_sub(REACH)..(at + REACH + 1).min(list.len())]
}
