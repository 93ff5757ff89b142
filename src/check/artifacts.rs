//! Finding pinyin left in scraped text: `項(xiàng)目(mù)` — a reading in parentheses after a Han
//! character, a leftover of copying from pages that show pinyin above the characters.
//!
//! An annotation counts only where it is a real reading of the character before it (checked
//! against the `pinyin` crate's readings of heteronyms, with or without tone marks or numbers),
//! so `公里(km)`, `人工智能(ai)` or `(一)` are never flagged. Repeats (`項(xiàng)(xiang)`) and
//! full-width parentheses count too.
//!
//! Stand-in: the importer has its own cleaner for the same artifact; when it is shared as
//! `crate::text::artifacts::find_artifacts`, `check` should call that one and this file should go.

use pinyin::ToPinyinMulti;

/// One leftover annotation: the byte range of `(xiàng)` in the text, and what it annotates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// Byte offset of the opening parenthesis.
    pub start: usize,
    /// Byte offset just after the closing parenthesis (after the last repeat).
    pub end: usize,
    /// The Han character the reading belongs to.
    pub character: char,
    /// The reading as written, without parentheses.
    pub reading: String,
}

/// Longest annotation looked at, in characters (`zhuàng` is six; tone numbers add one).
const MAX_READING_CHARS: usize = 8;

/// Every pinyin annotation in `text` that reads the character before it.
pub fn find_artifacts(text: &str) -> Vec<Artifact> {
    let mut found = Vec::new();
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let Some(han) = previous.filter(|p| crate::text::is_han(*p)) else {
            previous = Some(c);
            continue;
        };
        let mut end = None;
        let mut reading = String::new();
        let mut at = offset;
        // One annotation, then any repeats of it right after.
        while let Some((inner, close)) = annotation_at(text, at) {
            if !reads(han, inner) {
                break;
            }
            if reading.is_empty() {
                reading = inner.to_string();
            }
            end = Some(close);
            at = close;
        }
        match end {
            Some(end) => {
                found.push(Artifact {
                    start: offset,
                    end,
                    character: han,
                    reading,
                });
                while chars.peek().is_some_and(|(o, _)| *o < end) {
                    chars.next();
                }
                previous = text[..end].chars().next_back();
            }
            None => previous = Some(c),
        }
    }
    found
}

/// If a parenthesised run of letters starts at byte `at`, its inner text and the end offset.
fn annotation_at(text: &str, at: usize) -> Option<(&str, usize)> {
    let rest = text.get(at..)?;
    let open = rest.chars().next().filter(|c| matches!(c, '(' | '（'))?;
    let inner_start = at + open.len_utf8();
    let mut count = 0;
    for (i, c) in text[inner_start..].char_indices() {
        if matches!(c, ')' | '）') {
            let inner = &text[inner_start..inner_start + i];
            return (!inner.is_empty()).then_some((inner, inner_start + i + c.len_utf8()));
        }
        count += 1;
        if count > MAX_READING_CHARS || !(c.is_alphabetic() || c.is_ascii_digit()) {
            return None;
        }
    }
    None
}

/// True when `written` is a reading of `han`, ignoring tone marks, tone numbers and case.
fn reads(han: char, written: &str) -> bool {
    let written = toneless(written);
    if written.is_empty() || !written.chars().all(|c| c.is_ascii_lowercase() || c == 'ü') {
        return false;
    }
    han.to_pinyin_multi().is_some_and(|multi| {
        multi
            .into_iter()
            .any(|p| toneless(p.with_tone()) == written)
    })
}

/// Lowercase, tone marks and numbers removed, `v` written as `ü`.
fn toneless(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_ascii_digit())
        .map(|c| match c.to_lowercase().next().unwrap_or(c) {
            'ā' | 'á' | 'ǎ' | 'à' => 'a',
            'ē' | 'é' | 'ě' | 'è' => 'e',
            'ī' | 'í' | 'ǐ' | 'ì' => 'i',
            'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
            'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
            'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'v' => 'ü',
            'ń' | 'ň' | 'ǹ' => 'n',
            'ḿ' => 'm',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn readings(text: &str) -> Vec<(char, String)> {
        find_artifacts(text)
            .into_iter()
            .map(|a| (a.character, a.reading))
            .collect()
    }

    #[test]
    fn finds_readings_after_their_characters() {
        assert_eq!(
            readings("城市更新項(xiàng)目推進(jìn)會"),
            [('項', "xiàng".to_string()), ('進', "jìn".to_string())]
        );
        // Toneless, tone numbers, full-width parentheses, repeats.
        assert_eq!(readings("產(chan)業（yè）").len(), 2);
        assert_eq!(readings("調(diao4)度").len(), 1);
        let repeated = find_artifacts("項(xiàng)(xiang)目");
        assert_eq!(repeated.len(), 1);
        assert_eq!(
            &"項(xiàng)(xiang)目"[repeated[0].start..repeated[0].end],
            "(xiàng)(xiang)"
        );
        // A heteronym's other reading counts: 長 is cháng or zhǎng.
        assert_eq!(readings("長(zhǎng)").len(), 1);
    }

    #[test]
    fn leaves_real_parentheses_alone() {
        for text in [
            "全程十公里(km)",
            "人工智能(ai)產業",
            "第一條(一)",
            "市長(林靜怡)",
            "項(mu)",
            "(xiàng)開頭",
            "項(xiàng",
        ] {
            assert!(find_artifacts(text).is_empty(), "{text}");
        }
    }
}
