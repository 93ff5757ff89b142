//! How the previous build's report ids become this build's.
//!
//! Reports are numbered oldest first, so a report added or removed anywhere but at the end (as
//! the newest) moves every newer one by one. A report whose search record is unchanged (same
//! URL, title, date, names, fields and body key: the record hash the state keeps) is the same
//! report, and such reports keep their order; every other report of the previous build *left*
//! (its old record is gone) and every other report of this build *arrived* (its record is new).
//! An edit is one report that left and arrived at the same id. Patching the index then means
//! putting in and taking out the postings of the few reports that arrived or left, and, when
//! kept reports' ids moved, moving the ids of every posting.

use std::collections::HashMap;

/// Marks an id with no counterpart (a report that left, or one that arrived).
const NONE: u32 = u32::MAX;

/// The ids of the previous build mapped to this build's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renumbering {
    new_of_old: Vec<u32>,
    old_of_new: Vec<u32>,
    /// Old ids of the reports that left, and new ids of those that arrived, increasing.
    pub left: Vec<u32>,
    pub arrived: Vec<u32>,
    /// Every kept report keeps its id.
    keeps_ids: bool,
}

impl Renumbering {
    /// The renumbering from records `old` to records `new` (record hashes by id), or `None`
    /// when a hash repeats or kept reports changed their order (the index is then made again).
    pub fn between(old: &[u64], new: &[u64]) -> Option<Renumbering> {
        let mut old_ids: HashMap<u64, u32> = HashMap::with_capacity(old.len());
        for (id, &hash) in old.iter().enumerate() {
            if old_ids.insert(hash, id as u32).is_some() {
                return None;
            }
        }
        let mut new_of_old = vec![NONE; old.len()];
        let mut old_of_new = vec![NONE; new.len()];
        let mut last_kept: Option<u32> = None;
        for (id, hash) in new.iter().enumerate() {
            let Some(&old_id) = old_ids.get(hash) else {
                continue;
            };
            if new_of_old[old_id as usize] != NONE || last_kept.is_some_and(|last| last > old_id) {
                return None;
            }
            last_kept = Some(old_id);
            new_of_old[old_id as usize] = id as u32;
            old_of_new[id] = old_id;
        }
        let unmatched = |ids: &[u32]| -> Vec<u32> {
            (0..ids.len() as u32)
                .filter(|&id| ids[id as usize] == NONE)
                .collect()
        };
        let keeps_ids =
            (new_of_old.iter().enumerate()).all(|(old, &new)| new == NONE || new as usize == old);
        Some(Renumbering {
            keeps_ids,
            left: unmatched(&new_of_old),
            arrived: unmatched(&old_of_new),
            new_of_old,
            old_of_new,
        })
    }

    /// True when every kept report keeps its id: edits in place, and reports added or removed
    /// as the newest.
    pub fn keeps_ids(&self) -> bool {
        self.keeps_ids
    }

    /// The new id of a kept report's old id; `None` for one that left; `Err` for an id the
    /// previous build did not have.
    pub fn new_id(&self, old: u32) -> Result<Option<u32>, ()> {
        match self.new_of_old.get(old as usize) {
            None => Err(()),
            Some(&NONE) => Ok(None),
            Some(&id) => Ok(Some(id)),
        }
    }

    /// The old id of a kept report's new id; `None` for one that arrived.
    pub fn old_id(&self, new: u32) -> Option<u32> {
        self.old_of_new
            .get(new as usize)
            .copied()
            .filter(|&id| id != NONE)
    }

    /// Reports that left or arrived, counted once per id.
    pub fn changes(&self) -> usize {
        self.left.len().max(self.arrived.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_added_report_moves_every_older_one() {
        let renumbering = Renumbering::between(&[10, 20, 30], &[10, 15, 20, 30]).unwrap();
        assert_eq!(renumbering.left, [] as [u32; 0]);
        assert_eq!(renumbering.arrived, [1]);
        assert!(!renumbering.keeps_ids());
        assert_eq!(
            (0..3).map(|id| renumbering.new_id(id)).collect::<Vec<_>>(),
            [Ok(Some(0)), Ok(Some(2)), Ok(Some(3))]
        );
        assert_eq!(renumbering.new_id(3), Err(()));
        assert_eq!(renumbering.old_id(1), None);
        assert_eq!(renumbering.old_id(3), Some(2));
    }

    #[test]
    fn a_report_added_or_removed_as_the_newest_moves_none() {
        let added = Renumbering::between(&[10, 20, 30], &[10, 20, 30, 40]).unwrap();
        assert_eq!(
            (added.left.clone(), added.arrived.clone()),
            (vec![], vec![3])
        );
        assert!(added.keeps_ids());
        let removed = Renumbering::between(&[10, 20, 30, 40], &[10, 20, 30]).unwrap();
        assert_eq!(
            (removed.left.clone(), removed.arrived.clone()),
            (vec![3], vec![])
        );
        assert!(removed.keeps_ids());
        // Added as the newest, and the oldest edited.
        let both = Renumbering::between(&[10, 20, 30], &[11, 20, 30, 40]).unwrap();
        assert_eq!(
            (both.left.clone(), both.arrived.clone()),
            (vec![0], vec![0, 3])
        );
        assert!(both.keeps_ids());
    }

    #[test]
    fn an_edit_leaves_and_arrives_at_the_same_id() {
        let renumbering = Renumbering::between(&[10, 20, 30], &[10, 21, 30]).unwrap();
        assert_eq!(
            (renumbering.left.clone(), renumbering.arrived.clone()),
            (vec![1], vec![1])
        );
        assert!(renumbering.keeps_ids());
        assert_eq!(renumbering.new_id(1), Ok(None));
        assert_eq!(renumbering.changes(), 1);
        // A removed report and an edited one.
        let renumbering = Renumbering::between(&[10, 20, 30, 40], &[10, 31, 40]).unwrap();
        assert_eq!(
            (renumbering.left.clone(), renumbering.arrived.clone()),
            (vec![1, 2], vec![1])
        );
        assert_eq!(renumbering.new_id(3), Ok(Some(2)));
    }

    #[test]
    fn kept_reports_out_of_order_or_repeated_are_refused() {
        assert_eq!(Renumbering::between(&[10, 20], &[20, 10]), None);
        assert_eq!(Renumbering::between(&[10, 10], &[10]), None);
        assert_eq!(Renumbering::between(&[10], &[10, 10]), None);
    }
}
