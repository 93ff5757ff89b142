//! Moving the ids of a posting without decoding it: when a report arrives or leaves
//! mid-archive, every newer report's id moves by one and every posting of the index is written
//! again, though almost none of them holds the report. In a delta-encoded posting (see
//! [`super::encode`]) a step between two ids that moved alike stays the same, so one pass copies
//! every step as written but the few across the change, and positions are copied untouched.
//! The patch ([`super::patch`]) uses these for the postings no changed report holds; the result
//! is the encoding a full build makes of the moved ids (the unit tests compare the two).

use super::encode::{push_number_bytes, read_number, step};

/// A delta-encoded id list with every id moved: its new encoding, and its first and last ids.
#[derive(Debug, PartialEq, Eq)]
pub struct MovedIds {
    pub deltas: String,
    pub first: u32,
    pub last: u32,
}

/// The delta-encoded (not bitmap) id list `encoded` with each id replaced by `new_id(id)`, in
/// one pass: a step whose two ids moved alike is copied as written, so only the steps across a
/// report that arrived or left are written again. `None` for an empty or malformed list, an id
/// without a new one, or new ids out of order. The caller still decides between this and a
/// bitmap ([`prefers_bitmap`]).
pub fn move_delta_ids(encoded: &str, new_id: impl FnMut(u32) -> Option<u32>) -> Option<MovedIds> {
    let (out, ids) = move_steps(encoded, new_id, false)?;
    Some(MovedIds {
        deltas: String::from_utf8(out).ok()?,
        first: ids.first?,
        last: ids.new?,
    })
}

/// [`move_delta_ids`] for a positional posting (not the [`IDS_ONLY`] form): each report's id
/// step is moved, its positions copied as written. The caller checks the new length against
/// the positional limit.
pub fn move_positional(encoded: &str, new_id: impl FnMut(u32) -> Option<u32>) -> Option<String> {
    let (out, _) = move_steps(encoded, new_id, true)?;
    String::from_utf8(out).ok()
}

/// One pass over a posting: each id step moved, and with `positional`, the positions after
/// each step (up to one whose "more" bit is clear) copied as written.
fn move_steps(
    encoded: &str,
    mut new_id: impl FnMut(u32) -> Option<u32>,
    positional: bool,
) -> Option<(Vec<u8>, MovedSteps)> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() + 2);
    let mut ids = MovedSteps::default();
    let mut at = 0;
    while at < bytes.len() {
        let (gap, length) = read_number(&bytes[at..])?;
        ids.push(gap, &bytes[at..at + length], &mut new_id, &mut out)?;
        at += length;
        if !positional {
            continue;
        }
        let positions = at;
        loop {
            let (value, length) = read_number(&bytes[at..])?;
            at += length;
            if value % 2 == 0 {
                break;
            }
        }
        out.extend_from_slice(&bytes[positions..at]);
    }
    Some((out, ids))
}

/// The state of one pass of [`move_delta_ids`]: the last old and new ids, and the first new one.
#[derive(Default)]
struct MovedSteps {
    old: Option<u32>,
    new: Option<u32>,
    first: Option<u32>,
}

impl MovedSteps {
    /// Reads the next step `gap` (written as `written`) and appends the moved step to `out`.
    fn push(
        &mut self,
        gap: u32,
        written: &[u8],
        new_id: &mut impl FnMut(u32) -> Option<u32>,
        out: &mut Vec<u8>,
    ) -> Option<()> {
        let old = match self.old {
            None => gap,
            Some(previous) => previous.checked_add(gap)?.checked_add(1)?,
        };
        let new = new_id(old)?;
        if self.new.is_some_and(|previous| previous >= new) {
            return None;
        }
        let moved = step(self.new, new);
        if moved == gap {
            out.extend_from_slice(written);
        } else {
            push_number_bytes(out, moved);
        }
        self.first.get_or_insert(new);
        (self.old, self.new) = (Some(old), Some(new));
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::encode::{
        PostingBuilder, decode_ids, decode_positional, encode_ids, prefers_bitmap,
    };

    use crate::search::patch_tests::Random;

    /// Increasing ids with gaps that cross the one-, two- and three-digit lengths.
    fn random_ids(random: &mut Random) -> Vec<u32> {
        let mut ids = Vec::new();
        let mut id = random.below(3000) as u32;
        for _ in 0..1 + random.below(40) {
            ids.push(id);
            id +=
                1 + [0, 1, 58, 59, 60, 1858, 1859, 1860][random.below(8)] + random.below(3) as u32;
        }
        ids
    }

    /// A report inserted before `at` (every id from `at` moves up by one), or, with `removed`,
    /// the report `at` removed (every newer id moves down; `at` itself has no new id).
    fn renumbered(at: u32, removed: bool) -> impl Fn(u32) -> Option<u32> {
        move |id| match (id >= at, removed) {
            (false, _) => Some(id),
            (true, false) => Some(id + 1),
            (true, true) => (id > at).then(|| id - 1),
        }
    }

    #[test]
    fn moved_id_lists_equal_a_full_encoding_of_the_moved_ids() {
        let mut random = Random(0x2545_F491_4F6C_DD1D);
        let mut checked = 0;
        for _ in 0..3000 {
            let ids = random_ids(&mut random);
            let removed = random.below(2) == 0;
            let at = ids[random.below(ids.len())] + random.below(2) as u32;
            let new_id = renumbered(at, removed);
            let encoded = encode_ids(&ids);
            if encoded.starts_with(crate::search::encode::BITMAP) {
                continue;
            }
            let moved: Option<Vec<u32>> = ids.iter().map(|&id| new_id(id)).collect();
            let Some(moved) = moved else {
                assert_eq!(
                    move_delta_ids(&encoded, &new_id),
                    None,
                    "a report that left"
                );
                continue;
            };
            let result = move_delta_ids(&encoded, &new_id).expect("moved");
            assert_eq!(decode_ids(&result.deltas).unwrap(), moved);
            assert_eq!(
                (result.first, result.last),
                (moved[0], *moved.last().unwrap())
            );
            let full = encode_ids(&moved);
            match prefers_bitmap(result.first, result.last, result.deltas.len()) {
                true => assert!(full.starts_with(crate::search::encode::BITMAP)),
                false => assert_eq!(result.deltas, full, "{ids:?} at {at}"),
            }
            checked += 1;
        }
        assert!(checked > 1000, "{checked} lists checked");
    }

    #[test]
    fn moved_positional_postings_equal_a_full_encoding() {
        let mut random = Random(0x9E37_79B9_7F4A_7C15);
        for _ in 0..3000 {
            let ids = random_ids(&mut random);
            let reports: Vec<(u32, Vec<u32>)> = (ids.iter())
                .map(|&id| {
                    let mut position = random.below(100) as u32;
                    let positions = (0..1 + random.below(4))
                        .map(|_| {
                            position += 1 + random.below(2000) as u32;
                            position
                        })
                        .collect();
                    (id, positions)
                })
                .collect();
            let mut builder = PostingBuilder::default();
            for (id, positions) in &reports {
                builder.add_positions(*id, positions);
            }
            let encoded = builder.encode_positional(usize::MAX);
            let at = ids[random.below(ids.len())];
            let new_id = renumbered(at, false);
            let mut moved = PostingBuilder::default();
            for (id, positions) in &reports {
                moved.add_positions(new_id(*id).unwrap(), positions);
            }
            let result = move_positional(&encoded, &new_id).expect("moved");
            assert_eq!(result, moved.encode_positional(usize::MAX));
            assert_eq!(result.len(), moved.positional_len());
            assert!(decode_positional(&result).is_some());
            let removed = move_positional(&encoded, renumbered(at, true));
            assert_eq!(removed, None, "a report that left is not moved");
        }
    }

    #[test]
    fn malformed_postings_are_refused() {
        assert_eq!(move_delta_ids("", Some), None);
        assert_eq!(move_delta_ids("~", Some), None, "a number cut short");
        assert_eq!(move_delta_ids("#\"", Some), None, "outside the alphabet");
        assert_eq!(move_positional("#", Some), None, "an id without positions");
        assert_eq!(move_positional("#$", Some), None, "positions cut short");
        // Ids that would no longer increase.
        assert_eq!(move_delta_ids("#", |_| Some(5)).map(|m| m.first), Some(5));
        assert_eq!(move_delta_ids("##", |_| Some(5)), None);
    }
}
