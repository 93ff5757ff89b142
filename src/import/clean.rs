//! Scraped text → clean paragraphs.
//!
//! Scrapers break lines where the page wrapped them, not where the author ended a paragraph, turn
//! the full-width comma into an ASCII one and leave stray spaces between characters. This module
//! rebuilds the paragraphs (see [`rejoin_lines`] for the rule), then removes the pinyin artifacts
//! ([`crate::text::artifacts`]) and tidies punctuation and spaces ([`tidy`]).
//!
//! It knows nothing about dates, names or front matter: the rest of the importer reads the
//! paragraphs this module returns.

use crate::text::{artifacts, is_cjk_punctuation, is_han};

/// The paragraphs of a scraped text, cleaned, and how many pinyin artifacts were removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanText {
    pub paragraphs: Vec<String>,
    pub artifacts_removed: usize,
}

/// Cleans `text`: rejoins broken lines into paragraphs, removes pinyin artifacts, tidies spaces and
/// punctuation. Empty paragraphs are dropped.
pub fn clean(text: &str) -> CleanText {
    let mut artifacts_removed = 0;
    let paragraphs = rejoin_lines(text)
        .into_iter()
        .map(|paragraph| {
            let (without, removed) = artifacts::remove_artifacts(&paragraph);
            artifacts_removed += removed;
            tidy(&without)
        })
        .filter(|p| !p.is_empty())
        .collect();
    CleanText {
        paragraphs,
        artifacts_removed,
    }
}

/// Rebuilds paragraphs from lines.
///
/// A blank line always ends a paragraph. A line that ends a sentence (`。！？；：…`, also behind a
/// closing quote or bracket as in `。」`) ends its paragraph: scraped news puts one paragraph on
/// each line, and only wraps long ones. Any other line (ending in `,`, `，`, `、` or in the middle
/// of a word) was broken by the scraper and is joined with the next. A line that starts a numbered
/// item (`一、`, `（二）`, `3.`) starts a new paragraph, and such a line without any punctuation
/// inside is a heading and stands alone.
pub fn rejoin_lines(text: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for raw_line in text.lines() {
        let line = raw_line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        if line.is_empty() {
            flush(&mut paragraphs, &mut current);
            continue;
        }
        let item = starts_numbered_item(line);
        if item {
            flush(&mut paragraphs, &mut current);
        }
        join_line(&mut current, line);
        let heading = item && !line.contains(['，', ',', '。', '；']);
        if heading || ends_sentence(line) {
            flush(&mut paragraphs, &mut current);
        }
    }
    flush(&mut paragraphs, &mut current);
    paragraphs
}

fn flush(paragraphs: &mut Vec<String>, current: &mut String) {
    if !current.is_empty() {
        paragraphs.push(std::mem::take(current));
    }
}

/// Appends `line` to `paragraph`, with a space only where two Latin words or numbers would
/// otherwise run together (Chinese text has no spaces between words).
fn join_line(paragraph: &mut String, line: &str) {
    if let (Some(before), Some(after)) = (paragraph.chars().last(), line.chars().next()) {
        let latin_end =
            before.is_ascii_alphanumeric() || matches!(before, '.' | ',' | ';' | ':' | '!' | '?');
        if latin_end && after.is_ascii_alphanumeric() {
            paragraph.push(' ');
        }
    }
    paragraph.push_str(line);
}

/// True when `line` ends a sentence, looking through closing quotes and brackets (`。」`).
pub fn ends_sentence(line: &str) -> bool {
    let core = line.trim_end_matches(['」', '』', '”', '’', '）', ')', '》', '】', '"', '\'']);
    let quoted = core.len() < line.len();
    match core.chars().last() {
        Some('。' | '！' | '？' | '；' | '：' | '…' | '!' | '?' | ';' | ':') => true,
        // `.` ends an English sentence but also `No.`; only trust it at the very end.
        Some('.') => !quoted,
        _ => false,
    }
}

/// True for lines that open a numbered item: `一、`, `（二）`, `(3)`, `4.`, `5、`.
fn starts_numbered_item(line: &str) -> bool {
    let is_cn_numeral = |c: char| "一二三四五六七八九十".contains(c);
    let mut chars = line.chars().peekable();
    match chars.peek() {
        Some('（' | '(') => {
            chars.next();
            let mut digits = 0;
            while chars
                .next_if(|&c| is_cn_numeral(c) || c.is_ascii_digit())
                .is_some()
            {
                digits += 1;
            }
            digits > 0 && matches!(chars.next(), Some('）' | ')'))
        }
        Some(&c) if is_cn_numeral(c) => {
            while chars.next_if(|&c| is_cn_numeral(c)).is_some() {}
            chars.next() == Some('、')
        }
        Some(c) if c.is_ascii_digit() => {
            while chars.next_if(char::is_ascii_digit).is_some() {}
            // `4.` but not `18.6公里`.
            match chars.next() {
                Some('、' | '．') => true,
                Some('.') => !chars.peek().is_some_and(char::is_ascii_digit),
                _ => false,
            }
        }
        _ => false,
    }
}

/// Tidies a headline like a paragraph, but keeps one space between its parts.
pub fn tidy_headline(headline: &str) -> String {
    // A headline separates its two parts with a space (`继续解放思想 凝聚合力`): keep one.
    let parts: Vec<String> = headline
        .split([' ', '\u{3000}'])
        .filter(|p| !p.is_empty())
        .map(tidy)
        .collect();
    parts.join(" ")
}

/// Tidies one paragraph: white space runs become one space, the ASCII `, ; : ! ?` the scraper put
/// next to Chinese characters become the full-width marks the author wrote (and `.` after a
/// Chinese character before another one, `。`), doubled or mixed separators (`，、`, `，，`) become
/// one, and spaces between Chinese characters or punctuation disappear. Spaces next to Latin words
/// stay.
pub fn tidy(paragraph: &str) -> String {
    let wide = |c: char| is_han(c) || is_cjk_punctuation(c);
    let mut chars: Vec<char> = Vec::with_capacity(paragraph.len() / 2);
    for word in paragraph
        .split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .filter(|w| !w.is_empty())
    {
        if !chars.is_empty() {
            chars.push(' ');
        }
        chars.extend(word.chars());
    }
    for i in 0..chars.len() {
        if !matches!(chars[i], ',' | ';' | ':' | '!' | '?') {
            continue;
        }
        // Chinese on one side is enough (`(km),採用`, `共3,其中`); Latin or digits on both sides
        // (`1,200`, `9:30`, `Hello, world`) are left alone.
        let (before, after) = (non_space(&chars, i, -1), non_space(&chars, i, 1));
        if before.is_some_and(wide) || after.is_some_and(wide) {
            chars[i] = full_width(chars[i]);
        }
    }
    for i in 0..chars.len() {
        // A sentence end turned ASCII: `會議.區人大` (not `3.5`, `www.example.org`, `A.B`).
        let after_han = i > 0 && is_han(chars[i - 1]);
        let before_han_or_end = chars.get(i + 1).is_none_or(|&c| is_han(c) || c == ' ');
        if chars[i] == '.' && after_han && before_han_or_end {
            chars[i] = '。';
        }
    }
    let mut out = String::with_capacity(paragraph.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_wide = c == ' ' && wide(chars[i - 1]) && wide(chars[i + 1]);
        if between_wide {
            continue;
        }
        // Doubled or mixed separators left by a scraper (`，、`, `、，`, `，，`) are one.
        match (out.chars().last(), c) {
            (Some('，'), '、') => {
                out.pop();
                out.push('、');
            }
            (Some('、' | '，'), '，') | (Some('、'), '、') => {}
            _ => out.push(c),
        }
    }
    out
}

/// The nearest character that is not a space, before (`dir` = -1) or after (1) index `i`.
fn non_space(chars: &[char], i: usize, dir: isize) -> Option<char> {
    let mut j = i.checked_add_signed(dir)?;
    while let Some(&c) = chars.get(j) {
        if c != ' ' {
            return Some(c);
        }
        j = j.checked_add_signed(dir)?;
    }
    None
}

fn full_width(c: char) -> char {
    match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '!' => '！',
        '?' => '？',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_broken_mid_sentence_are_joined() {
        let text = "副市長陳建國主持會議,市政府秘書長周文濤,\n江北區區長黃志明列席會議。\n會上,\n江北區作了匯報。";
        assert_eq!(
            rejoin_lines(text),
            [
                "副市長陳建國主持會議,市政府秘書長周文濤,江北區區長黃志明列席會議。",
                "會上,江北區作了匯報。",
            ]
        );
    }

    #[test]
    fn sentence_ends_and_blank_lines_end_paragraphs() {
        let text = "第一段。\n第二段！\n\n第三段沒有句號\n\n他說：「好。」\n第五段\n續寫完。";
        assert_eq!(
            rejoin_lines(text),
            [
                "第一段。",
                "第二段！",
                "第三段沒有句號",
                "他說：「好。」",
                "第五段續寫完。"
            ]
        );
    }

    #[test]
    fn words_broken_across_lines_are_joined_without_a_space_unless_latin() {
        assert_eq!(rejoin_lines("城市更\n新項目。"), ["城市更新項目。"]);
        assert_eq!(
            rejoin_lines("the smart\ncity plan."),
            ["the smart city plan."]
        );
        assert_eq!(rejoin_lines("共18\n公里。"), ["共18公里。"]);
    }

    #[test]
    fn numbered_items_and_headings_start_paragraphs() {
        let text = "會議要求\n一、總體要求\n要堅持規劃先行，\n分步實施。\n（二）加強協同\n2. 壓實責任。\n全長18.6公里，\n已完工。";
        assert_eq!(
            rejoin_lines(text),
            [
                "會議要求",
                "一、總體要求",
                "要堅持規劃先行，分步實施。",
                "（二）加強協同",
                "2. 壓實責任。",
                "全長18.6公里，已完工。",
            ]
        );
    }

    #[test]
    fn full_width_indentation_is_trimmed() {
        assert_eq!(
            rejoin_lines("　　會議指出，\r\n　　要加快進度。"),
            ["會議指出，要加快進度。"]
        );
    }

    #[test]
    fn ascii_punctuation_between_chinese_becomes_full_width() {
        assert_eq!(tidy("會上,江北區匯報"), "會上，江北區匯報");
        assert_eq!(tidy("會上, 江北區匯報; 完畢"), "會上，江北區匯報；完畢");
        assert_eq!(tidy("他問:好嗎?"), "他問：好嗎？");
        assert_eq!(tidy("投資1,200萬元"), "投資1,200萬元");
        assert_eq!(tidy("時間9:30開始"), "時間9:30開始");
        assert_eq!(tidy("Hello, world"), "Hello, world");
        assert_eq!(tidy("全長6.8公里(km),採用"), "全長6.8公里(km)，採用");
        assert_eq!(tidy("共3,其中"), "共3，其中");
        assert_eq!(tidy("網址:https://a.example"), "網址：https://a.example");
        assert_eq!(tidy("結束!"), "結束！");
    }

    #[test]
    fn spaces_between_chinese_are_removed_and_latin_spaces_kept() {
        assert_eq!(tidy("林 靜怡  出席 會議"), "林靜怡出席會議");
        assert_eq!(
            tidy("推進 AI 產業，smart  city 計劃"),
            "推進 AI 產業，smart city 計劃"
        );
        assert_eq!(tidy("  會議。 "), "會議。");
        assert_eq!(tidy("會議\u{3000}召開"), "會議召開");
    }

    #[test]
    fn cleaning_counts_removed_artifacts() {
        let cleaned =
            clean("全市城市更新項(xiàng)目推進(jìn)會,\n聽取匯報。\n\n項(xiàng)(xiàng)目。");
        assert_eq!(
            cleaned.paragraphs,
            ["全市城市更新項目推進會，聽取匯報。", "項目。"]
        );
        assert_eq!(cleaned.artifacts_removed, 4);
    }
}
