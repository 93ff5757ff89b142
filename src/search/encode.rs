//! Compact postings: lists of report ids (and gram positions) written as short ASCII strings.
//!
//! Index files are JavaScript (so they load from `file://`), and strings are the cheapest thing a
//! script can carry. A number is written as a variable-length run of characters from a 90-letter
//! alphabet (printable ASCII without `!`, `"`, `\` and `` ` ``): the last character is one of 60
//! *final* digits, the ones before it of 30 *continuation* digits. Numbers below 60 take one
//! character, below 1,860 two, below 55,860 three.
//!
//! A list of report ids is either delta-encoded (the first id, then for each next id the gap
//! minus one) or, when denser, a bitmap: [`BITMAP`], the number of the first 6-id block, then one
//! digit (of the first 64) per block of 6 ids, lowest id in the lowest bit.
//!
//! A positional posting (bigrams) writes for each report its id gap, then each position as
//! `gap × 2 + more`, where `gap` is the first position or the distance to the previous one minus
//! one, and `more` is 1 when another position of the same report follows. A posting whose
//! positions would be large (a very common bigram) keeps only its report ids, written after
//! [`IDS_ONLY`]; the query script then checks those candidates against their text.

/// The digits: the first [`FINAL_DIGITS`] end a number, the rest continue it.
pub const ALPHABET: &[u8; 90] =
    b"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~";
/// How many digits end a number.
pub const FINAL_DIGITS: u32 = 60;
/// How many digits continue a number.
pub const CONTINUATION_DIGITS: u32 = 30;
/// The first character of a positional posting that was reduced to report ids.
pub const IDS_ONLY: char = '!';
/// The first character of an id list written as a bitmap.
pub const BITMAP: char = '!';
/// Ids per bitmap digit.
const BITMAP_BITS: u32 = 6;

/// Appends `value` to `out`.
pub fn push_number(out: &mut String, value: u32) {
    let mut bytes = [0u8; 8];
    let length = number_bytes(value, &mut bytes);
    // The alphabet is ASCII, so each byte is one character.
    out.extend(bytes[..length].iter().map(|&b| b as char));
}

/// Writes `value` into `out` (little room is needed: a `u32` takes at most 7 digits) and
/// returns the number of bytes written.
fn number_bytes(mut value: u32, out: &mut [u8; 8]) -> usize {
    let mut length = 0;
    while value >= FINAL_DIGITS {
        value -= FINAL_DIGITS;
        out[length] = ALPHABET[(FINAL_DIGITS + value % CONTINUATION_DIGITS) as usize];
        length += 1;
        value /= CONTINUATION_DIGITS;
    }
    out[length] = ALPHABET[value as usize];
    length + 1
}

/// The number of characters [`push_number`] writes for `value`.
pub fn number_len(mut value: u32) -> usize {
    let mut length = 1;
    while value >= FINAL_DIGITS {
        value = (value - FINAL_DIGITS) / CONTINUATION_DIGITS;
        length += 1;
    }
    length
}

/// The characters a positional posting spends on its report ids: each id's step from the one
/// before (see [`PostingBuilder::add_positions`]).
pub fn id_steps_len(ids: &[u32]) -> usize {
    let mut previous = None;
    ids.iter()
        .map(|&id| {
            let length = number_len(step(previous, id));
            previous = Some(id);
            length
        })
        .sum()
}

/// The characters a positional posting spends on one report's (increasing) positions.
pub fn positions_len(positions: &[u32]) -> usize {
    let mut previous = None;
    positions
        .iter()
        .enumerate()
        .map(|(index, &position)| {
            let more = u32::from(index + 1 < positions.len());
            let length = number_len(step(previous, position) * 2 + more);
            previous = Some(position);
            length
        })
        .sum()
}

/// Appends the positions (increasing) of a gram in one report: each step from the one before,
/// doubled, plus one while more follow.
pub(super) fn push_positions(out: &mut Vec<u8>, positions: &[u32]) {
    let mut previous = None;
    for (index, &position) in positions.iter().enumerate() {
        let more = u32::from(index + 1 < positions.len());
        push_number_bytes(out, step(previous, position) * 2 + more);
        previous = Some(position);
    }
}

/// Appends `value` to a byte buffer (the builder's hot path).
pub(super) fn push_number_bytes(out: &mut Vec<u8>, value: u32) {
    let mut bytes = [0u8; 8];
    let length = number_bytes(value, &mut bytes);
    out.extend_from_slice(&bytes[..length]);
}

/// Reads the numbers of an encoded string. Returns `None` on a character outside the alphabet or
/// a number cut short.
pub fn decode_numbers(encoded: &str) -> Option<Vec<u32>> {
    let bytes = encoded.as_bytes();
    let mut numbers = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let (value, length) = read_number(&bytes[at..])?;
        numbers.push(value);
        at += length;
    }
    Some(numbers)
}

/// The number at the front of `bytes`, and how many bytes write it; `None` if it is cut short,
/// holds a character outside the alphabet or does not fit a `u32`.
pub(super) fn read_number(bytes: &[u8]) -> Option<(u32, usize)> {
    let end = bytes
        .iter()
        .position(|&b| digit(b).is_some_and(|d| d < FINAL_DIGITS))?;
    let mut value = digit(bytes[end])?;
    for &byte in bytes[..end].iter().rev() {
        let part = digit(byte)?.checked_sub(FINAL_DIGITS)?;
        value = value
            .checked_mul(CONTINUATION_DIGITS)?
            .checked_add(part + FINAL_DIGITS)?;
    }
    Some((value, end + 1))
}

/// Builds one posting, report by report in increasing id order.
#[derive(Debug, Default)]
pub struct PostingBuilder {
    ids: Vec<u32>,
    positional: Vec<u8>,
}

impl PostingBuilder {
    /// Records that report `id` contains the gram (for grams without positions).
    pub fn add_id(&mut self, id: u32) {
        if self.ids.last() != Some(&id) {
            self.ids.push(id);
        }
    }

    /// Records the positions (increasing, non-empty) of the gram in report `id`.
    pub fn add_positions(&mut self, id: u32, positions: &[u32]) {
        debug_assert!(!positions.is_empty() && self.ids.last() < Some(&id));
        push_number_bytes(&mut self.positional, step(self.ids.last().copied(), id));
        self.ids.push(id);
        push_positions(&mut self.positional, positions);
    }

    /// The length of the positional encoding (before any reduction to ids).
    pub fn positional_len(&self) -> usize {
        self.positional.len()
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The encoded list of report ids.
    pub fn encode_ids(&self) -> String {
        encode_ids(&self.ids)
    }

    /// The encoded positional posting, or the [`IDS_ONLY`] form when the positions take more
    /// than `max_positional_bytes`.
    pub fn encode_positional(&self, max_positional_bytes: usize) -> String {
        if self.positional.len() <= max_positional_bytes {
            self.positional.iter().map(|&b| b as char).collect()
        } else {
            format!("{IDS_ONLY}{}", self.encode_ids())
        }
    }
}

/// Encodes increasing ids as a delta list or a bitmap, whichever is shorter.
pub fn encode_ids(ids: &[u32]) -> String {
    let (Some(&first), Some(&last)) = (ids.first(), ids.last()) else {
        return String::new();
    };
    // The deltas' length decides the form; only the chosen one is written.
    let delta_len = id_steps_len(ids);
    if !prefers_bitmap(first, last, delta_len) {
        let mut deltas = Vec::with_capacity(delta_len);
        let mut previous = None;
        for &id in ids {
            push_number_bytes(&mut deltas, step(previous, id));
            previous = Some(id);
        }
        return String::from_utf8(deltas).expect("the alphabet is ASCII");
    }
    let first_block = first / BITMAP_BITS;
    let blocks = (last / BITMAP_BITS - first_block + 1) as usize;
    let mut bits = vec![0u8; blocks];
    for &id in ids {
        bits[(id / BITMAP_BITS - first_block) as usize] |= 1 << (id % BITMAP_BITS);
    }
    let mut bitmap = String::with_capacity(blocks + 4);
    bitmap.push(BITMAP);
    push_number(&mut bitmap, first_block);
    bitmap.extend(bits.iter().map(|&b| ALPHABET[b as usize] as char));
    bitmap
}

/// True when ids from `first` to `last` whose delta encoding takes `delta_len` characters are
/// written shorter as a bitmap (the choice [`encode_ids`] makes).
pub fn prefers_bitmap(first: u32, last: u32, delta_len: usize) -> bool {
    let blocks = (last / BITMAP_BITS - first / BITMAP_BITS + 1) as usize;
    blocks + 4 < delta_len
}

/// The delta-encoded step from `previous` to `next` (the first value is written as it is).
pub(super) fn step(previous: Option<u32>, next: u32) -> u32 {
    match previous {
        None => next,
        Some(previous) => next - previous - 1,
    }
}

/// Decodes an id list (the reference query engine and tests use it).
pub fn decode_ids(encoded: &str) -> Option<Vec<u32>> {
    if let Some(bitmap) = encoded.strip_prefix(BITMAP) {
        let end = bitmap
            .bytes()
            .position(|b| digit(b).is_some_and(|d| d < FINAL_DIGITS))?;
        let first_block = *decode_numbers(&bitmap[..=end])?.first()?;
        let mut ids = Vec::new();
        for (block, byte) in bitmap.bytes().skip(end + 1).enumerate() {
            let bits = digit(byte).filter(|&d| d < 64)?;
            for bit in 0..BITMAP_BITS {
                if bits & (1 << bit) != 0 {
                    ids.push((first_block + block as u32) * BITMAP_BITS + bit);
                }
            }
        }
        return Some(ids);
    }
    let mut previous: Option<u32> = None;
    let ids = decode_numbers(encoded)?
        .into_iter()
        .map(|gap| {
            let id = previous.map_or(gap, |p| p + gap + 1);
            previous = Some(id);
            id
        })
        .collect();
    Some(ids)
}

fn digit(byte: u8) -> Option<u32> {
    let value = DIGIT_VALUES[byte as usize];
    (value != NOT_A_DIGIT).then_some(value as u32)
}

const NOT_A_DIGIT: u8 = u8::MAX;

/// The value of each byte as a digit of [`ALPHABET`] (a table: postings of common grams hold
/// tens of thousands of digits, and a patch decodes them).
const DIGIT_VALUES: [u8; 256] = {
    let mut table = [NOT_A_DIGIT; 256];
    let mut d = 0;
    while d < ALPHABET.len() {
        table[ALPHABET[d] as usize] = d as u8;
        d += 1;
    }
    table
};

/// A decoded positional posting: report ids, each with its positions (`None` for the
/// [`IDS_ONLY`] form).
pub type DecodedPosting = Vec<(u32, Option<Vec<u32>>)>;

/// Decodes a positional posting.
pub fn decode_positional(encoded: &str) -> Option<DecodedPosting> {
    if let Some(ids) = encoded.strip_prefix(IDS_ONLY) {
        return Some(decode_ids(ids)?.into_iter().map(|id| (id, None)).collect());
    }
    let mut numbers = decode_numbers(encoded)?.into_iter();
    let mut out = Vec::new();
    let mut previous_id: Option<u32> = None;
    while let Some(gap) = numbers.next() {
        let id = previous_id.map_or(gap, |p| p + gap + 1);
        previous_id = Some(id);
        let mut positions: Vec<u32> = Vec::new();
        loop {
            let value = numbers.next()?;
            let gap = value / 2;
            positions.push(positions.last().map_or(gap, |p| p + gap + 1));
            if value % 2 == 0 {
                break;
            }
        }
        out.push((id, Some(positions)));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabet_is_safe_inside_json_strings() {
        let mut seen = std::collections::HashSet::new();
        for &byte in ALPHABET {
            assert!(byte.is_ascii_graphic() && !b"!\"\\`".contains(&byte));
            assert!(seen.insert(byte), "duplicate digit {}", byte as char);
        }
        assert_eq!(FINAL_DIGITS + CONTINUATION_DIGITS, ALPHABET.len() as u32);
    }

    #[test]
    fn numbers_round_trip_with_expected_lengths() {
        let values = [
            0,
            1,
            59,
            60,
            1859,
            1860,
            55_859,
            55_860,
            1_000_000,
            u32::MAX,
        ];
        let mut out = String::new();
        for value in values {
            let before = out.len();
            push_number(&mut out, value);
            let expected_len = match value {
                0..=59 => 1,
                60..=1859 => 2,
                1860..=55_859 => 3,
                _ => out.len() - before,
            };
            assert_eq!(out.len() - before, expected_len, "length of {value}");
            assert_eq!(number_len(value), expected_len, "counted length of {value}");
        }
        assert_eq!(decode_numbers(&out).unwrap(), values);
        assert_eq!(decode_numbers("~"), None, "a number cut short");
    }

    #[test]
    fn postings_round_trip() {
        let mut ids = PostingBuilder::default();
        for id in [3, 3, 4, 90, 5000] {
            ids.add_id(id);
        }
        assert_eq!(decode_ids(&ids.encode_ids()).unwrap(), [3, 4, 90, 5000]);
        assert_eq!(decode_ids("").unwrap(), Vec::<u32>::new());

        let mut positional = PostingBuilder::default();
        positional.add_positions(0, &[5]);
        positional.add_positions(7, &[0, 1, 400]);
        let encoded = positional.encode_positional(1000);
        assert_eq!(
            decode_positional(&encoded).unwrap(),
            [(0, Some(vec![5])), (7, Some(vec![0, 1, 400]))]
        );
        let reduced = positional.encode_positional(2);
        assert_eq!(reduced, "!#)");
        assert!(reduced.starts_with(IDS_ONLY));
        assert_eq!(decode_positional(&reduced).unwrap(), [(0, None), (7, None)]);
    }

    #[test]
    fn positional_length_is_the_sum_of_id_steps_and_positions() {
        let reports: [(u32, &[u32]); 3] = [(2, &[5]), (70, &[0, 1, 400, 9000]), (4000, &[61])];
        let mut builder = PostingBuilder::default();
        for (id, positions) in reports {
            builder.add_positions(id, positions);
        }
        let ids: Vec<u32> = reports.iter().map(|r| r.0).collect();
        let positions: usize = reports.iter().map(|r| positions_len(r.1)).sum();
        assert_eq!(builder.positional_len(), id_steps_len(&ids) + positions);
        assert_eq!(
            builder.positional_len(),
            builder.encode_positional(1000).len()
        );
        assert_eq!(number_len(59), 1);
        assert_eq!(number_len(60), 2);
        assert_eq!(number_len(1_860), 3);
    }

    #[test]
    fn dense_id_lists_become_bitmaps() {
        let dense: Vec<u32> = (100..1000).filter(|id| id % 3 != 0).collect();
        let encoded = encode_ids(&dense);
        assert!(encoded.starts_with(BITMAP), "dense lists are bitmaps");
        assert!(encoded.len() < 160, "600 ids in {} bytes", encoded.len());
        assert_eq!(decode_ids(&encoded).unwrap(), dense);
        let sparse = [5, 900, 40_000];
        assert!(!encode_ids(&sparse).starts_with(BITMAP));
        assert_eq!(decode_ids(&encode_ids(&sparse)).unwrap(), sparse);
    }
}
