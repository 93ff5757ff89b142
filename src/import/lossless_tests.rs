//! Property test: importing never loses article text. Every Chinese character of the article body
//! (pinyin annotations and page chrome aside) is in the written report, in order.
//!
//! Articles are assembled from common characters, Chinese and ASCII punctuation, scraper pinyin
//! after the characters it reads, and line breaks between Chinese characters after the opening
//! sentence; half of them are wrapped in page chrome (greeting, breadcrumb, headline, metadata
//! line, separator, copyright). More cases: `PROPTEST_CASES=5000 cargo test lossless`.

use super::{DraftOptions, draft_report};
use crate::config::Config;
use crate::text::is_han;
use proptest::prelude::*;
use std::path::Path;

/// Characters of ordinary news prose (none of them spells a chrome or credit label).
const PROSE: &str = "市政府召開全城更新項目推進工作要求加快建設發展經濟環境保護安全生產群眾服務質量提升\
重點任務落實確保完成年度目標劃改革創新社區鄉村振興農業交通水利教育醫療文化旅遊";

/// Characters with the pinyin a scraper puts after them.
const READINGS: &[(&str, &str)] = &[
    ("項", "(xiàng)"),
    ("產", "(chǎn)"),
    ("業", "(yè)"),
    ("會", "(huì)"),
    ("經", "(jīng)"),
    ("濟", "（jì）"),
    ("發", "(fa1)"),
    ("設", "(she)"),
];

const SEPARATORS: &[&str] = &["，", ",", "、", "，、", ",,", "；"];
const SENTENCE_ENDS: &[&str] = &["。", ".", "！", "？"];

const CHROME_BEFORE: &str = "歡迎光臨臨江新聞網!\n關鍵字搜索\n當前位置: 主頁 > 新聞 >\n\n\
臨江市召開工作推進會\n時間:2024-03-15 09:29 來源:臨江新聞網 作者:網站 點擊:\n";
const CHROME_AFTER: &str = "\n------分隔线------\n分享到:\n版權所有 臨江新聞網\n";

/// One piece of a sentence: a prose character, or one with its pinyin.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(PROSE.chars().collect::<Vec<_>>()).prop_map(String::from),
        1 => prop::sample::select(READINGS).prop_map(|(c, pinyin)| format!("{c}{pinyin}")),
    ]
}

/// A sentence: clauses of prose pieces joined by separators, ended by a sentence mark.
fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::collection::vec(piece(), 4..12), 2..4),
        prop::sample::select(SEPARATORS),
        prop::sample::select(SENTENCE_ENDS),
    )
        .prop_map(|(clauses, separator, end)| {
            let clauses: Vec<String> = clauses.into_iter().map(|c| c.concat()).collect();
            format!("{}{end}", clauses.join(separator))
        })
}

/// An article: paragraphs of sentences, with line breaks put in after the opening sentence.
fn article() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::collection::vec(sentence(), 1..4), 1..5),
        prop::collection::vec(any::<prop::sample::Index>(), 0..6),
    )
        .prop_map(|(paragraphs, breaks)| {
            let mut text = paragraphs
                .iter()
                .map(|p| p.concat())
                .collect::<Vec<_>>()
                .join("\n\n");
            let opening = text.find(['。', '.', '！', '？']).unwrap_or(0) + 3;
            for index in breaks {
                // Scrapers wrap between Chinese characters, not inside a Latin word.
                let boundaries: Vec<usize> = text
                    .char_indices()
                    .filter(|&(i, c)| {
                        let wraps = |c: char| is_han(c) || "，。、；！？".contains(c);
                        i > opening && wraps(c) && text[..i].ends_with(wraps)
                    })
                    .map(|(i, _)| i)
                    .collect();
                if !boundaries.is_empty() {
                    text.insert(boundaries[index.index(boundaries.len())], '\n');
                }
            }
            text
        })
}

fn han(text: &str) -> String {
    text.chars().filter(|&c| is_han(c)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_chinese_character_of_the_article_is_kept(text in article(), chrome in any::<bool>()) {
        let config = Config::parse("title = \"臨江市新聞檔案\"\nbase_url = \"https://a.example\"\n")
            .unwrap();
        let page = if chrome { format!("{CHROME_BEFORE}{text}{CHROME_AFTER}") } else { text.clone() };
        let options = DraftOptions {
            date: Some(jiff::civil::date(2024, 3, 14)),
            ..DraftOptions::default()
        };
        let draft = draft_report(&page, Path::new("page.txt"), &options, &config).unwrap();
        let report = draft.to_markdown();
        let body = report.splitn(3, "---\n").nth(2).unwrap();
        prop_assert_eq!(han(body), han(&text), "{}", report);
    }
}
