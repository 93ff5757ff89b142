//! Appending reports to a posting without decoding it: a report added as the newest takes the
//! highest number (reports are numbered oldest first), so in a delta-encoded posting (see
//! [`super::encode`]) its step, and its positions, go after every other report's, and the
//! posting is its old text with a few characters more. One pass finds the last id (reading
//! numbers, keeping none); the patch ([`super::patch`]) uses this when every changed report
//! arrived after every report a posting holds, and the result is the encoding a full build makes
//! (the unit tests compare the two).

use super::encode::{push_number_bytes, push_positions, read_number, step};

/// The first and last ids of the delta-encoded posting `encoded`: an id list, or with
/// `positional`, each id followed by its positions. `None` for an empty or malformed posting.
pub fn bounds(encoded: &str, positional: bool) -> Option<(u32, u32)> {
    let bytes = encoded.as_bytes();
    let (mut first, mut last): (Option<u32>, Option<u32>) = (None, None);
    let mut at = 0;
    while at < bytes.len() {
        let (gap, length) = read_number(&bytes[at..])?;
        at += length;
        let id = match last {
            None => gap,
            Some(previous) => previous.checked_add(gap)?.checked_add(1)?,
        };
        first.get_or_insert(id);
        last = Some(id);
        if positional {
            loop {
                let (value, length) = read_number(&bytes[at..])?;
                at += length;
                if value % 2 == 0 {
                    break;
                }
            }
        }
    }
    first.zip(last)
}

/// The delta-encoded id list `encoded`, whose last id is `last`, with `ids` (increasing, each
/// above `last`) appended. `None` if an id is not above the one before it.
pub fn append_ids(encoded: &str, last: u32, ids: impl IntoIterator<Item = u32>) -> Option<String> {
    let mut out = encoded.as_bytes().to_vec();
    let mut previous = last;
    for id in ids {
        if id <= previous {
            return None;
        }
        push_number_bytes(&mut out, step(Some(previous), id));
        previous = id;
    }
    String::from_utf8(out).ok()
}

/// The positional posting `encoded`, whose last id is `last`, with the reports `added` (ids
/// increasing, each above `last`, each with its positions, increasing and not empty) appended.
pub fn append_positional<'a>(
    encoded: &str,
    last: u32,
    added: impl IntoIterator<Item = (u32, &'a [u32])>,
) -> Option<String> {
    let mut out = encoded.as_bytes().to_vec();
    let mut previous = last;
    for (id, positions) in added {
        if id <= previous || positions.is_empty() {
            return None;
        }
        push_number_bytes(&mut out, step(Some(previous), id));
        push_positions(&mut out, positions);
        previous = id;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::encode::{PostingBuilder, encode_ids};
    use crate::search::patch_tests::Random;

    /// Increasing ids with gaps that cross the one-, two- and three-digit step lengths.
    fn random_ids(random: &mut Random, count: usize) -> Vec<u32> {
        let mut ids = Vec::new();
        let mut id = random.below(40) as u32;
        for _ in 0..count {
            ids.push(id);
            let scale = [2, 30, 900, 40_000][random.below(4)];
            id += 1 + random.below(scale) as u32;
        }
        ids
    }

    fn random_positions(random: &mut Random) -> Vec<u32> {
        let mut positions = Vec::new();
        let mut at = random.below(50) as u32;
        for _ in 0..1 + random.below(4) {
            positions.push(at);
            let scale = [3, 100, 5_000][random.below(3)];
            at += 1 + random.below(scale) as u32;
        }
        positions
    }

    #[test]
    fn appended_id_lists_are_the_full_encoding() {
        let mut random = Random(11);
        for _ in 0..500 {
            let count = 1 + random.below(40);
            let ids = random_ids(&mut random, count);
            let kept = 1 + random.below(ids.len());
            let before = encode_ids(&ids[..kept]);
            if before.starts_with(crate::search::encode::BITMAP) {
                continue;
            }
            let (first, last) = bounds(&before, false).unwrap();
            assert_eq!((first, last), (ids[0], ids[kept - 1]));
            let appended = append_ids(&before, last, ids[kept..].iter().copied()).unwrap();
            let full = encode_ids(&ids);
            if !full.starts_with(crate::search::encode::BITMAP) {
                assert_eq!(appended, full, "{ids:?} after {kept}");
            }
        }
    }

    #[test]
    fn appended_positional_postings_are_the_full_encoding() {
        let mut random = Random(12);
        for _ in 0..500 {
            let count = 1 + random.below(30);
            let ids = random_ids(&mut random, count);
            let positions: Vec<Vec<u32>> =
                ids.iter().map(|_| random_positions(&mut random)).collect();
            let kept = 1 + random.below(ids.len());
            let build = |count: usize| {
                let mut builder = PostingBuilder::default();
                for (id, at) in ids.iter().zip(&positions).take(count) {
                    builder.add_positions(*id, at);
                }
                builder.encode_positional(usize::MAX)
            };
            let before = build(kept);
            let (first, last) = bounds(&before, true).unwrap();
            assert_eq!((first, last), (ids[0], ids[kept - 1]));
            let added = (ids.iter().zip(&positions).skip(kept)).map(|(id, at)| (*id, &at[..]));
            let appended = append_positional(&before, last, added).unwrap();
            assert_eq!(appended, build(ids.len()), "{ids:?} after {kept}");
        }
    }

    #[test]
    fn out_of_order_or_malformed_input_is_refused() {
        assert_eq!(bounds("", false), None);
        assert_eq!(append_ids(&encode_ids(&[3, 9]), 9, [9]), None);
        assert_eq!(append_ids(&encode_ids(&[3, 9]), 9, [12, 10]), None);
        assert_eq!(append_positional("", 4, [(4, &[1u32][..])]), None);
        assert_eq!(append_positional("", 4, [(5, &[][..])]), None);
        // A last digit that is a continuation digit: the number never ends.
        let mut unfinished = encode_ids(&[3, 900_000]);
        unfinished.pop();
        assert_eq!(bounds(&unfinished, false), None);
    }
}
