//! The article inside a scraped page: page chrome dropped, the headline and the page's own date
//! (its metadata line) set apart, bylines and credits removed.
//!
//! A saved news page wraps the article in chrome: a greeting (`歡迎光臨…新聞網`), a search box
//! label, a breadcrumb (`當前位置: 主頁 > 頭條 >`), a metadata line (`時間:2023-10-30 09:29 來源:…
//! 作者:… 點擊:`), separators, share and copyright lines. Lines are classified one by one; the
//! article body starts at the first line of prose (a long line with Chinese punctuation) and ends
//! at a footer marker (`------分隔线------`, `相關閱讀`, `版權所有`…). The headline is a line
//! printed twice on the page, else the short line just before the metadata line, else the last
//! short line before the body.

use super::credits::{is_credit, strip_inline_credits};
use super::date::{self, WrittenDate};
use crate::text::is_han;

/// The article of a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// The body lines, chrome and credits removed.
    pub text: String,
    pub headline: Option<String>,
    /// The date of the page's metadata line (publication date), with its year.
    pub page_date: Option<WrittenDate>,
}

/// Words that label a metadata line (publication time, source, author, hits).
const METADATA_LABELS: &[&str] = &[
    "时间", "時間", "日期", "发布", "發布", "發佈", "来源", "來源", "作者", "点击", "點擊", "浏览",
    "瀏覽", "阅读", "閱讀", "编辑", "編輯", "updated", "date", "Date",
];

/// Phrases of page chrome: greetings, search boxes, breadcrumbs, skip links, share buttons.
const CHROME: &[&str] = &[
    "欢迎光临",
    "歡迎光臨",
    "欢迎进入",
    "歡迎進入",
    "关键字搜索",
    "關鍵字搜索",
    "当前位置",
    "當前位置",
    "跳到主要內容",
    "跳到主要内容",
    "跳過導航",
    "跳过导航",
    "分享到",
    "簡體版",
    "简体版",
    "顯示模式",
    "显示模式",
    "字體：",
    "字体：",
    "列印此頁",
    "打印本页",
    "Share",
    "SHARE",
    "Min Read",
    "![](",
];

/// Lines from which on the rest of the page is footer.
const FOOTER: &[&str] = &[
    "分隔线",
    "分隔線",
    "相关阅读",
    "相關閱讀",
    "延伸閱讀",
    "延伸阅读",
    "更多新聞",
    "更多新闻",
    "新闻推荐",
    "新聞推薦",
    "熱門排行",
    "热门排行",
    "版权所有",
    "版權所有",
    "Copyright",
    "©",
    "责任编辑",
    "責任編輯",
    "留言箱",
    "展开详细",
];

/// The longest headline, in characters.
const MAX_HEADLINE: usize = 48;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Chrome,
    Metadata,
    Credit,
    Footer,
    Prose,
    Short,
}

/// Splits a page into its article, headline and page date.
pub fn extract(text: &str) -> Article {
    let mut lines: Vec<String> = Vec::new();
    let mut page_date = None;
    for line in text.lines() {
        // A metadata label glued before the first sentence: ` date 2026-01-13 苗栗縣政府…`.
        match split_metadata_prefix(line) {
            Some((date, rest)) => {
                page_date = page_date.or(Some(date));
                lines.push(rest.to_string());
            }
            None => lines.push(line.to_string()),
        }
    }
    let mut kinds: Vec<Kind> = lines.iter().map(|l| classify(l)).collect();
    unmark_headlines(&lines, &mut kinds);
    for (line, kind) in lines.iter().zip(&kinds) {
        if *kind == Kind::Metadata && page_date.is_none() {
            page_date = full_date(line);
        }
    }
    // The first line of prose (without any: the footer or the end of the page).
    let prose = kinds
        .iter()
        .position(|k| *k == Kind::Prose)
        .or_else(|| kinds.iter().position(|k| *k == Kind::Footer))
        .unwrap_or(lines.len());
    // The article starts after the last line of chrome before its first prose line, and after
    // the headline; short lines in between (a short opening, a wrapped line) are article text.
    let top = (0..prose)
        .rev()
        .find(|&i| matches!(kinds[i], Kind::Chrome | Kind::Metadata | Kind::Credit))
        .map_or(0, |i| i + 1);
    let headline_at = headline_index(&lines, &kinds, prose);
    let body_start = match headline_at {
        Some(h) if h >= top => h + 1,
        _ => top,
    };
    // A release's closing `完` ends it only when no more sentences follow; else it is text.
    for i in 0..lines.len() {
        let text_follows = lines[i + 1..]
            .iter()
            .any(|l| has_sentence_end(l) || l.contains(['，', '、', '；', ',']));
        let after_sentence = lines[..i]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .is_none_or(|l| ends_a_sentence(l.trim()));
        if is_release_end(lines[i].trim()) && (text_follows || !after_sentence) {
            kinds[i] = Kind::Short;
        }
    }
    let ends_body = |i: usize| kinds[i] == Kind::Footer;
    let body_end = (body_start..lines.len())
        .find(|&i| ends_body(i))
        .unwrap_or(lines.len());
    let headline = headline_at.map(|i| without_site_suffix(lines[i].trim()).to_string());
    let mut text = keep(&lines, &kinds, body_start, body_end);
    // Lines between the headline and the body that are prose-like but short stay in the body
    // only when they follow the body start; nothing before the body is article text.
    text = strip_inline_credits(&text);
    Article {
        text,
        headline,
        page_date,
    }
}

/// A headline long enough to look like prose (`青山區里鄰長研習會,提升基層服務效能,共創…`): a
/// line without a sentence end, not followed by more of its paragraph, before the first sentence.
fn unmark_headlines(lines: &[String], kinds: &mut [Kind]) {
    let Some(first_sentence) = lines.iter().position(|l| ends_a_sentence(l.trim())) else {
        return;
    };
    for i in 0..first_sentence {
        let line = lines[i].trim();
        // A line broken by the scraper goes on in the next line, or ends at a separator.
        let next_continues = match kinds.get(i + 1) {
            Some(Kind::Prose) => true,
            Some(Kind::Short) => ends_a_sentence(lines[i + 1].trim()),
            _ => false,
        } || line.ends_with(['，', ',', '、', '：', ':', '；', ';']);
        if kinds[i] == Kind::Prose
            && line.chars().count() <= MAX_HEADLINE
            && !line.contains('。')
            && !next_continues
        {
            kinds[i] = Kind::Short;
        }
    }
}

/// True when `line` holds the end of a sentence (`。`, or a scraper's `.` after a character).
fn has_sentence_end(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        matches!(c, '。' | '！' | '？')
            || (matches!(c, '.' | '!' | '?') && i > 0 && is_han(chars[i - 1]))
    })
}

/// True when `line` ends a sentence, also with the ASCII marks a scraper left (`會議.`).
fn ends_a_sentence(line: &str) -> bool {
    let mut end = line.chars().rev();
    match (end.next(), end.next()) {
        (Some('。' | '！' | '？' | '」' | '”'), _) => true,
        (Some('.' | '!' | '?'), Some(before)) => is_han(before) || matches!(before, ')' | '）'),
        _ => false,
    }
}

fn keep(lines: &[String], kinds: &[Kind], from: usize, to: usize) -> String {
    let kept: Vec<&str> = (from..to)
        .filter(|&i| matches!(kinds[i], Kind::Prose | Kind::Short | Kind::Blank))
        .map(|i| lines[i].as_str())
        .collect();
    kept.join("\n")
}

fn han_count(text: &str) -> usize {
    text.chars().filter(|&c| is_han(c)).count()
}

fn classify(line: &str) -> Kind {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Kind::Blank;
    }
    let han = han_count(trimmed);
    let short = trimmed.chars().count() <= 60;
    // Metadata first: `責任編輯:… 2023-10-31 11:04:53 來源:…` opens an article, it does not close it.
    if short && is_metadata(trimmed) {
        return Kind::Metadata;
    }
    if is_release_end(trimmed) || (short && FOOTER.iter().any(|f| trimmed.contains(f))) {
        return Kind::Footer;
    }
    // A stray separator a scraper broke off (`，`) is text, not chrome.
    if trimmed.chars().all(|c| "，。、；：！？,.;:!?".contains(c)) {
        return Kind::Short;
    }
    if han == 0 || trimmed.ends_with('|') || (short && CHROME.iter().any(|c| trimmed.contains(c))) {
        return Kind::Chrome;
    }
    if is_credit(trimmed) {
        return Kind::Credit;
    }
    let punctuated = trimmed.contains(['，', ',', '。', '；', ';']);
    let sentence = han >= 6 && ends_a_sentence(trimmed);
    if (han >= 20 && punctuated) || sentence {
        Kind::Prose
    } else {
        Kind::Short
    }
}

/// The line that closes a press release (`完`).
fn is_release_end(line: &str) -> bool {
    ["完", "（完）", "(完)", "-完-", "—完—", "【完】"].contains(&line)
}

/// A line that gives the page's date: a full date and a label, or a date with little else.
fn is_metadata(line: &str) -> bool {
    let Some(date) = full_date(line) else {
        return false;
    };
    if line.ends_with('。') {
        return false;
    }
    let rest = line
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replacen(&date.written, "", 1);
    METADATA_LABELS.iter().any(|l| line.contains(l)) || han_count(&rest) <= 8
}

/// The first date with a year in `line` (spaces inside `2025 年 10 月 16 日` ignored).
fn full_date(line: &str) -> Option<WrittenDate> {
    let with_year = |d: &WrittenDate| d.year.is_some() && d.month > 0;
    date::find_date(line).filter(with_year).or_else(|| {
        let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        date::find_date(&compact).filter(with_year)
    })
}

/// `date 2026-01-13 苗栗縣政府…` → the date and the text after it.
fn split_metadata_prefix(line: &str) -> Option<(WrittenDate, &str)> {
    let trimmed = line.trim_start();
    let after_label = ["date ", "Date ", "日期:", "日期："]
        .iter()
        .find_map(|label| trimmed.strip_prefix(label))?;
    let date = date::find_date(after_label).filter(|d| d.year.is_some())?;
    let rest = after_label
        .trim_start()
        .strip_prefix(date.written.as_str())?;
    (han_count(rest) >= 20).then(|| (date, rest.trim_start()))
}

/// The headline: a line printed twice, else the short line just before the metadata line, else
/// the fullest short line before the article (the last of equals).
fn headline_index(lines: &[String], kinds: &[Kind], prose: usize) -> Option<usize> {
    let is_candidate = |i: usize| {
        let line = lines[i].trim();
        let site_name = ["網站", "网站", "網", "网", "門戶", "门户", "首頁", "首页"]
            .iter()
            .any(|e| line.ends_with(e));
        kinds[i] == Kind::Short
            && (6..=MAX_HEADLINE).contains(&han_count(line))
            && !has_sentence_end(line)
            && !site_name
    };
    // A headline comes before the article's first sentence end.
    let first_sentence = (0..lines.len())
        .find(|&i| matches!(kinds[i], Kind::Prose | Kind::Short) && has_sentence_end(&lines[i]))
        .unwrap_or(lines.len());
    let candidates: Vec<usize> = (0..prose.min(first_sentence))
        .filter(|&i| is_candidate(i))
        .collect();
    let repeated = candidates.iter().find(|&&i| {
        lines
            .iter()
            .enumerate()
            .any(|(j, other)| j != i && other.trim() == lines[i].trim())
    });
    let metadata = (0..prose).find(|&i| kinds[i] == Kind::Metadata);
    let before_metadata = metadata.and_then(|m| candidates.iter().rev().find(|&&i| i < m));
    // Else the fullest line: a headline says more than a site name or a section label.
    let fullest = candidates
        .iter()
        .rev()
        .max_by_key(|&&i| han_count(&lines[i]));
    repeated.or(before_metadata).or(fullest).copied()
}

/// `影音/聽取建言 縣政顧問座談會--馬祖日報` → without the trailing site name.
fn without_site_suffix(headline: &str) -> &str {
    for separator in ["--", "——", "_", " - ", "|"] {
        if let Some(at) = headline.rfind(separator) {
            let suffix = &headline[at + separator.len()..];
            if suffix.trim().chars().count() <= 10 && at > 0 {
                return headline[..at].trim_end();
            }
        }
    }
    headline
}

#[cfg(test)]
#[path = "article_tests.rs"]
mod tests;
