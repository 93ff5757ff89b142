//! Chinese-aware text helpers shared by every stage: slugs (toneless pinyin), Unicode
//! normalisation of names, and plain-text summaries counted in characters.
//!
//! Nothing here knows about reports or sites; the functions take and return strings so the
//! loader, the archive, the importer and the search index can all lean on the same rules.

pub mod artifacts;
pub mod fold;
pub mod gazetteer;
pub mod slug;

use unicode_normalization::UnicodeNormalization;

/// Normalises a name for matching: Unicode NFC, surrounding white space trimmed and inner runs of
/// white space folded to one space. Two spellings that differ only in these ways are one name.
pub fn normalize_name(raw: &str) -> String {
    let nfc: String = raw.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True for characters of the CJK ideograph blocks (Han), where text has no spaces between words.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// True for CJK punctuation and full-width forms, which also take no spaces around them. Curly
/// quotes and the ellipsis are included: scraped Chinese text uses them as its own marks. Where
/// the writing system decides something (line joining), see [`joins_without_space`].
pub fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2018..=0x201F | 0x2026)
}

/// Curly quotes and the ellipsis: written in Chinese and in English alike, so they say nothing
/// about which script a line is in.
pub fn is_shared_punctuation(c: char) -> bool {
    matches!(c as u32, 0x2018..=0x201F | 0x2026)
}

/// True for characters of Chinese text proper: Han characters and CJK punctuation (not the marks
/// shared with Latin text).
pub fn is_wide(c: char) -> bool {
    is_han(c) || (is_cjk_punctuation(c) && !is_shared_punctuation(c))
}

/// True where a line break between `before` and `after` must not become a space: Chinese text on
/// both sides. Shared marks (curly quotes, ellipsis) next to the break are looked through, so
/// `他說“好”⏎“是”` joins while `“yes”⏎“no”` keeps its space.
pub fn joins_without_space(before: &str, after: &str) -> bool {
    let significant = |c: &char| !is_shared_punctuation(*c);
    let last = before.chars().rev().find(significant);
    let first = after.chars().find(significant);
    matches!((last, first), (Some(a), Some(b)) if is_wide(a) && is_wide(b))
}

/// Cuts `text` to at most `max_chars` characters (not bytes, not words: Chinese has no words to
/// count), ending with `…` when something was cut. Cuts at a sentence end when one is near.
pub fn truncate_chars(text: &str, max_chars: usize) -> String {
    let count = text.chars().count();
    if count <= max_chars {
        return text.to_string();
    }
    let head: String = text.chars().take(max_chars).collect();
    // Prefer ending at the last sentence end in the second half of the cut.
    let stops = ['。', '！', '？', '；', '.', '!', '?'];
    if let Some((idx, c)) = head.char_indices().rfind(|(_, c)| stops.contains(c)) {
        let chars_before = head[..idx].chars().count();
        if chars_before >= max_chars / 2 {
            return head[..idx + c.len_utf8()].to_string();
        }
    }
    format!("{}…", head.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_name_trims_and_composes() {
        assert_eq!(normalize_name("  林靜怡 "), "林靜怡");
        // "e" + combining acute composes to "é".
        assert_eq!(normalize_name("Jose\u{301}  Li"), "José Li");
    }

    #[test]
    fn han_and_punctuation_join_without_space() {
        assert!(joins_without_space("市", "長"));
        assert!(joins_without_space("，", "市"));
        assert!(!joins_without_space("a", "市"));
        assert!(!joins_without_space("市", "b"));
    }

    #[test]
    fn curly_quotes_take_the_script_of_their_neighbours() {
        assert!(!joins_without_space("“yes”", "“no”"));
        assert!(joins_without_space("他說“好”", "“是”"));
        assert!(!joins_without_space("”", "“"));
    }

    #[test]
    fn truncation_counts_characters_and_prefers_sentence_ends() {
        assert_eq!(truncate_chars("短句", 10), "短句");
        assert_eq!(truncate_chars("一二三四五六七八九十", 4), "一二三四…");
        assert_eq!(
            truncate_chars("會議召開。隨後討論了很多事項", 8),
            "會議召開。"
        );
    }
}
