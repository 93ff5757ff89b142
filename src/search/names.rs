//! Name keys: what a reader may type to find an official or a district without Chinese input.
//!
//! For 宋樂偉 the keys are the toneless pinyin run together (`songlewei`) and its initials
//! (`slw`); the query script matches typed text, lower-cased and without spaces, as a prefix of
//! a key, so `song lewei`, `songle` and `sl` all suggest him. The `pinyin` crate gives the first
//! reading of a character with several; surnames are where that goes wrong most (曾 is `zeng`
//! as a surname, the crate says `ceng`), so the other readings of the first character are added
//! as more pairs of keys. A query typed in full pinyin (`chen jianguo`, `chenjianguo`) also
//! finds the reports of the official or district it spells.

use pinyin::ToPinyinMulti;

/// At most this many spellings per name, so heteronym-rich names stay small in the index.
const MAX_SPELLINGS: usize = 3;

/// The pinyin keys of `name`, most likely first, in pairs: a full spelling, then its initials
/// (the query script reads a typed full spelling as the name, so it must tell them apart).
pub fn pinyin_keys(name: &str) -> Vec<String> {
    let syllables: Vec<Vec<String>> = name.chars().filter_map(readings).collect();
    if syllables.is_empty() {
        return Vec::new();
    }
    let first: Vec<&str> = syllables.iter().map(|r| r[0].as_str()).collect();
    let mut spellings = vec![first.clone()];
    for reading in syllables[0].iter().skip(1).take(MAX_SPELLINGS - 1) {
        let mut spelling = first.clone();
        spelling[0] = reading;
        spellings.push(spelling);
    }
    let mut keys: Vec<String> = Vec::new();
    for spelling in spellings {
        let full: String = spelling.concat();
        let initials: String = spelling.iter().filter_map(|s| s.chars().next()).collect();
        if !keys.iter().step_by(2).any(|key| *key == full) {
            keys.push(full);
            keys.push(initials);
        }
    }
    keys
}

/// The toneless readings of one character (first the usual one); letters and digits read as
/// themselves; anything else has none.
fn readings(c: char) -> Option<Vec<String>> {
    if c.is_ascii_alphanumeric() {
        return Some(vec![c.to_ascii_lowercase().to_string()]);
    }
    let multi = c.to_pinyin_multi()?;
    let mut out: Vec<String> = Vec::new();
    for reading in multi {
        let plain = reading.plain().replace('ü', "v");
        if !out.contains(&plain) {
            out.push(plain);
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_get_full_pinyin_and_initials_first() {
        assert_eq!(pinyin_keys("宋樂偉"), ["songlewei", "slw"]);
        // The surname 曾 is read zeng; the crate's first reading is ceng: both are offered.
        let keys = pinyin_keys("曾國強");
        assert!(keys.contains(&"zengguoqiang".to_string()), "{keys:?}");
        assert!(keys.contains(&"cengguoqiang".to_string()), "{keys:?}");
        assert!(keys.len() <= MAX_SPELLINGS * 2);
    }

    #[test]
    fn places_and_mixed_names() {
        assert_eq!(pinyin_keys("睢寧縣")[..2], ["suiningxian", "snx"]);
        let keys = pinyin_keys("臨江高新區");
        assert_eq!(keys[..2], ["linjianggaoxinqu", "ljgxq"]);
        assert_eq!(pinyin_keys("A區")[..2], ["aqu", "aq"]);
        // Pairs even where a spelling and its initials are the same.
        assert_eq!(pinyin_keys("AB"), ["ab", "ab"]);
        assert!(pinyin_keys("——").is_empty());
    }

    #[test]
    fn u_umlaut_is_typed_as_v() {
        assert_eq!(pinyin_keys("呂")[0], "lv");
    }
}
