//! Tokenising folded text into the grams the index stores.
//!
//! Chinese has no spaces between words, and dictionary segmenters cut names and places wrongly
//! (宋樂偉 is not in any dictionary). So a run of CJK characters is indexed as every single
//! character (for one-character queries) and every overlapping pair of neighbours (bigrams) with
//! its position; a query of three or more characters is found by lining up the positions of its
//! bigrams. Runs of Latin letters and digits are indexed as whole words. Everything else
//! (punctuation, spaces, line breaks) separates runs: no gram spans it.
//!
//! Positions count characters (not bytes) from the start of the folded text. The query script
//! repeats [`is_cjk`] and [`is_word_char`]; keep them in step.

/// True for characters indexed as single characters and bigrams: Han ideographs, the
/// iteration and zero marks 々〆〇, kana and Hangul syllables.
pub fn is_cjk(c: char) -> bool {
    crate::text::is_han(c)
        || matches!(c as u32, 0x3005..=0x3007 | 0x3041..=0x30FF | 0xAC00..=0xD7AF)
}

/// True for characters of words: letters and digits that are not CJK.
pub fn is_word_char(c: char) -> bool {
    !is_cjk(c) && c.is_alphanumeric()
}

/// One gram of a folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gram<'a> {
    /// A CJK character (reported once per occurrence; the caller keeps what it needs).
    Char(char),
    /// Two neighbouring CJK characters, and the position of the first.
    Pair(char, char, u32),
    /// A run of letters and digits.
    Word(&'a str),
}

/// Calls `visit` with every gram of `folded`, in text order.
pub fn for_each_gram<'a>(folded: &'a str, mut visit: impl FnMut(Gram<'a>)) {
    let mut previous_cjk: Option<char> = None;
    let mut word_start: Option<usize> = None;
    for (position, (offset, c)) in folded.char_indices().enumerate() {
        if is_cjk(c) {
            visit(Gram::Char(c));
            if let Some(before) = previous_cjk {
                visit(Gram::Pair(before, c, position as u32 - 1));
            }
            previous_cjk = Some(c);
        } else {
            previous_cjk = None;
        }
        if is_word_char(c) {
            word_start.get_or_insert(offset);
        } else if let Some(start) = word_start.take() {
            visit(Gram::Word(&folded[start..offset]));
        }
    }
    if let Some(start) = word_start {
        visit(Gram::Word(&folded[start..]));
    }
}

/// The key under which a gram is stored in the index: the gram's own text.
pub fn gram_key(gram: Gram<'_>) -> String {
    match gram {
        Gram::Char(c) => c.to_string(),
        Gram::Pair(a, b, _) => [a, b].iter().collect(),
        Gram::Word(word) => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::fold;

    fn grams(text: &str) -> Vec<String> {
        let folded = fold(text);
        let mut out = Vec::new();
        for_each_gram(&folded, |gram| {
            out.push(match gram {
                Gram::Char(c) => format!("c:{c}"),
                Gram::Pair(a, b, position) => format!("p:{a}{b}@{position}"),
                Gram::Word(word) => format!("w:{word}"),
            })
        });
        out
    }

    #[test]
    fn cjk_runs_become_characters_and_positioned_bigrams() {
        assert_eq!(
            grams("宋樂偉"),
            ["c:宋", "c:乐", "p:宋乐@0", "c:伟", "p:乐伟@1"]
        );
    }

    #[test]
    fn punctuation_and_line_breaks_separate_runs() {
        let found = grams("市長，江北\n區");
        assert!(found.contains(&"p:市长@0".to_string()));
        assert!(found.contains(&"p:江北@3".to_string()));
        assert!(
            !found
                .iter()
                .any(|g| g.contains("长江") || g.contains("北区"))
        );
    }

    #[test]
    fn latin_and_digits_are_words_and_mixed_text_splits() {
        assert_eq!(
            grams("ＡＩ產業園 GDP增長5.2%"),
            [
                "c:产",
                "w:ai",
                "c:业",
                "p:产业@2",
                "c:园",
                "p:业园@3",
                "c:增",
                "w:gdp",
                "c:长",
                "p:增长@9",
                "w:5",
                "w:2"
            ]
        );
        assert_eq!(grams("Café au lait"), ["w:café", "w:au", "w:lait"]);
    }

    #[test]
    fn kana_and_hangul_are_cjk() {
        assert!(is_cjk('の') && is_cjk('한') && is_cjk('〇'));
        assert!(!is_cjk('a') && !is_cjk('，') && !is_word_char('，'));
        assert!(is_word_char('é') && is_word_char('7'));
    }

    #[test]
    fn gram_keys_are_the_gram_text() {
        assert_eq!(gram_key(Gram::Pair('宋', '乐', 9)), "宋乐");
        assert_eq!(gram_key(Gram::Char('宋')), "宋");
        assert_eq!(gram_key(Gram::Word("gdp")), "gdp");
    }
}
