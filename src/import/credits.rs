//! Bylines and credits of a news page: credit lines (`記者:王博 陶安`, `編輯:付強`,
//! `全媒體記者:… 編輯:… 編審:…`, `馮偉 報道`, a line of names only) and credits inside a paragraph
//! (`(記者 張昕)`, `【記者林文元台中報導】`, `(撰稿人:… 審稿人:…)`). The article removes them; they
//! are never joined to its text.

use crate::text::is_han;

/// Labels of credit lines (`記者:…`, `編輯:…`).
const CREDIT_LABELS: &[&str] = &[
    "全媒體記者",
    "全媒体记者",
    "見習記者",
    "见习记者",
    "記者",
    "记者",
    "編輯",
    "编辑",
    "編審",
    "编审",
    "攝影",
    "摄影",
    "作者",
    "通訊員",
    "通讯员",
    "撰稿",
    "審稿",
    "审稿",
    "審核",
    "审核",
    "校對",
    "校对",
    "上观号作者",
    "責任編輯",
    "责任编辑",
];

/// Endings of credit lines (`馮偉 報道`, `區政府辦 供稿`, `區委新聞辦供圖`).
const CREDIT_ENDINGS: &[&str] = &[
    "報道", "报道", "報導", "报导", "供稿", "供圖", "供图", "攝", "摄",
];

/// A byline or credit line: `記者:王博 陶安`, `編輯:付強`, `晏婷婷 吴美`, `馮偉 報道`.
pub fn is_credit(line: &str) -> bool {
    let chars = line.chars().count();
    if chars > 40 {
        return false;
    }
    let labelled = CREDIT_LABELS.iter().any(|label| {
        line.strip_prefix(label)
            .is_some_and(|rest| rest.starts_with([':', '：', ' ', '　', '|']) || rest.is_empty())
    }) || (line.contains("記者") || line.contains("记者"))
        && (line.contains("報導") || line.contains("报道"));
    let ending = chars <= 16 && CREDIT_ENDINGS.iter().any(|e| line.ends_with(e));
    labelled || ending || names_only(line)
}

/// A line of two or three short names separated by spaces (`晏婷婷 吴美`, `张国强 李子明`).
fn names_only(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let n = w.chars().count();
            (2..=3).contains(&n)
                && w.chars().all(is_han)
                && w.chars().next().is_some_and(super::words::is_surname)
        })
}

/// Removes credits inside paragraphs: `(记者 王磊)`, `【記者林文元台中報導】`, `(記 者:吴阳光…)`.
pub fn strip_inline_credits(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['(', '（', '【']) {
        let close_char = match rest[open..].chars().next() {
            Some('【') => '】',
            Some('（') => '）',
            _ => ')',
        };
        let inner_start = open + rest[open..].chars().next().map_or(1, char::len_utf8);
        let Some(close) = rest[inner_start..].find([close_char, ')', '）']) else {
            break;
        };
        let inner = &rest[inner_start..inner_start + close];
        let compact: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
        let is_credit = compact.chars().count() <= 40
            && (compact.starts_with("記者")
                || compact.starts_with("记者")
                || compact.starts_with("撰稿"));
        let close_len = rest[inner_start + close..]
            .chars()
            .next()
            .map_or(1, char::len_utf8);
        let end = inner_start + close + close_len;
        out.push_str(&rest[..open]);
        if !is_credit {
            out.push_str(&rest[open..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}
