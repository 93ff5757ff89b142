//! Pinyin artifacts left by news scrapers: `產(chǎn)業(yè)` instead of `產業`.
//!
//! Some scrapers copy the ruby annotations of a page into the text, so a reading in parentheses
//! follows some characters: with tone marks `項(xiàng)`, with tone numbers `項(xiang4)`, toneless
//! `項(xiang)`, in full-width parentheses `項（xiàng）`, sometimes twice `項(xiàng)(xiàng)`.
//!
//! A group is an artifact only when it is a real reading of the character right before it (or of
//! the character before an artifact it repeats), checked against every reading the `pinyin` crate
//! knows for that character. Everything else in parentheses is text and stays: `18.6公里(km)`,
//! `人工智能(AI)`, `地鐵(Metro)`, `（試行）`, `(2024)`. A regular expression cannot make that
//! distinction, so this is a small hand-written scanner: one pass over the text, looking at most a
//! few characters ahead of each opening parenthesis, so it is linear in the length of the text and
//! returns at once for text without parentheses (the common case when `check` lints every report).

use crate::text::is_han;
use pinyin::ToPinyinMulti;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// The longest reading we look for, in characters: `zhuang4` is seven.
const MAX_READING_CHARS: usize = 8;

/// One reading in parentheses that annotates the character before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// The bytes of the group, parentheses included (what removing the artifact deletes).
    pub byte_range: Range<usize>,
    /// The character the reading annotates.
    pub char: char,
    /// The reading as written inside the parentheses.
    pub reading: String,
}

/// Every pinyin artifact in `text`, in order. Empty (and cheap) for text without parentheses.
pub fn find_artifacts(text: &str) -> Vec<Artifact> {
    if !has_parenthesis(text) {
        return Vec::new();
    }
    let mut found = Vec::new();
    // The character that the next group may annotate, and where such a group must start: right
    // after the character, or right after an artifact of that character (a repeated reading).
    let mut annotated: Option<(char, usize)> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if is_open(c)
            && let Some((han, expected_start)) = annotated
            && expected_start == start
            && let Some((reading, end)) = parenthesised_word(text, start + c.len_utf8())
            && is_reading_of(han, reading)
        {
            found.push(Artifact {
                byte_range: start..end,
                char: han,
                reading: reading.to_string(),
            });
            annotated = Some((han, end));
            while chars.peek().is_some_and(|&(i, _)| i < end) {
                chars.next();
            }
            continue;
        }
        annotated = is_han(c).then_some((c, start + c.len_utf8()));
    }
    found
}

/// `text` without its pinyin artifacts, and how many were removed.
pub fn remove_artifacts(text: &str) -> (String, usize) {
    let artifacts = find_artifacts(text);
    if artifacts.is_empty() {
        return (text.to_string(), 0);
    }
    let mut clean = String::with_capacity(text.len());
    let mut kept_from = 0;
    for artifact in &artifacts {
        clean.push_str(&text[kept_from..artifact.byte_range.start]);
        kept_from = artifact.byte_range.end;
    }
    clean.push_str(&text[kept_from..]);
    (clean, artifacts.len())
}

fn has_parenthesis(text: &str) -> bool {
    // `（` is U+FF08; looking for its first byte would also hit other full-width forms, so test
    // the whole character but only after the cheap byte test for `(` fails.
    text.as_bytes().contains(&b'(') || text.contains('（')
}

fn is_open(c: char) -> bool {
    c == '(' || c == '（'
}

fn is_close(c: char) -> bool {
    c == ')' || c == '）'
}

/// The short word after an opening parenthesis at `from`, if a closing one follows within a few
/// characters and the word looks like pinyin (lowercase letters, tone marks, a tone digit).
/// Returns the word and the byte just after the closing parenthesis.
fn parenthesised_word(text: &str, from: usize) -> Option<(&str, usize)> {
    for (count, (offset, c)) in text[from..].char_indices().enumerate() {
        if is_close(c) {
            let word = &text[from..from + offset];
            return (!word.is_empty()).then_some((word, from + offset + c.len_utf8()));
        }
        let pinyin_like =
            c.is_lowercase() || matches!(c, '0'..='5') || matches!(c as u32, 0x0300..=0x036F); // combining tone marks
        if count >= MAX_READING_CHARS || !pinyin_like {
            return None;
        }
    }
    None
}

/// True when `written` is one of the readings of `han`, with tone marks, tone numbers (after the
/// vowel or at the end, 5 or 0 for the neutral tone) or without tones; `v` stands for `ü`.
fn is_reading_of(han: char, written: &str) -> bool {
    let Some(readings) = han.to_pinyin_multi() else {
        return false;
    };
    let written: String = written.replace('v', "ü").nfc().collect();
    let toneless_neutral = written.strip_suffix(['5', '0']);
    readings.into_iter().any(|reading| {
        let same = |form: &str| form.nfc().eq(written.chars());
        same(reading.with_tone())
            || same(reading.with_tone_num())
            || same(reading.with_tone_num_end())
            || same(reading.plain())
            || toneless_neutral == Some(reading.plain())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(text: &str) -> String {
        remove_artifacts(text).0
    }

    #[test]
    fn readings_with_tone_marks_are_removed() {
        let (clean, count) = remove_artifacts("全市城市更新項(xiàng)目推進(jìn)會，重點(diǎn)工程");
        assert_eq!(clean, "全市城市更新項目推進會，重點工程");
        assert_eq!(count, 3);
    }

    #[test]
    fn toneless_numbered_repeated_and_full_width_readings_are_removed() {
        let cases = [
            ("滯後項(xiang)目", "滯後項目"),
            ("項(xiang4)目", "項目"),
            ("項(xia4ng)目", "項目"),
            ("項(xiàng)(xiàng)目", "項目"),
            ("項（xiàng）目", "項目"),
            ("項（xiàng）（xiang）目", "項目"),
            ("綠(lv4)化", "綠化"),
            ("了(le5)解", "了解"),
            // A heteronym: every reading counts, not only the first.
            ("強(qiǎng)調", "強調"),
            ("實(shí)施", "實施"),
        ];
        for (input, expected) in cases {
            assert_eq!(cleaned(input), expected, "cleaning {input}");
        }
    }

    #[test]
    fn decomposed_tone_marks_match_after_normalisation() {
        // "xia" + combining grave + "ng": the same reading as `xiàng`.
        assert_eq!(cleaned("項(xia\u{300}ng)目"), "項目");
    }

    #[test]
    fn legitimate_parentheses_are_kept() {
        for text in [
            "全長18.6公里(km)",
            "人工智能(AI)產業",
            "地鐵(Metro)站",
            "管理辦法（試行）",
            "規劃(2024)版",
            "項(xiang)目(mu)",
            "市(shì)政府(gov)",
            "台(tái)風(fengbao)",
            "( xiàng )",
            "項(xiàng",
            "(xiàng)項",
            "a(a)",
        ] {
            let expected = match text {
                "項(xiang)目(mu)" => "項目", // both are readings
                "市(shì)政府(gov)" => "市政府(gov)",
                "台(tái)風(fengbao)" => "台風(fengbao)",
                other => other,
            };
            assert_eq!(cleaned(text), expected, "cleaning {text}");
        }
    }

    #[test]
    fn a_wrong_reading_is_not_an_artifact() {
        // 項 is never read `mu`; the group stays.
        assert_eq!(cleaned("項(mu)目"), "項(mu)目");
        // Upper case is an abbreviation, not a scraper's reading.
        assert_eq!(cleaned("東(DONG)"), "東(DONG)");
    }

    #[test]
    fn artifacts_report_place_char_and_reading() {
        let text = "產(chǎn)業";
        let found = find_artifacts(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].char, '產');
        assert_eq!(found[0].reading, "chǎn");
        assert_eq!(&text[found[0].byte_range.clone()], "(chǎn)");
    }

    #[test]
    fn text_without_parentheses_has_no_artifacts() {
        assert!(find_artifacts("臨江市政府召開全市城市更新項目推進會。").is_empty());
        assert_eq!(remove_artifacts(""), (String::new(), 0));
    }

    #[test]
    fn long_text_is_scanned_in_one_pass() {
        let text = "產(chǎn)業(yè)(".repeat(20_000);
        let (_, count) = remove_artifacts(&text);
        assert_eq!(count, 40_000);
    }
}
