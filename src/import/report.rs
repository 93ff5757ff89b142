//! A drafted report and the Markdown file written for it: YAML front matter as FORMAT.md
//! describes it (title, date, officials as `{name, role}` maps, districts, source) and the body.
//!
//! The front matter is written by [`crate::report_file`], shared with `annals new`.

use super::officials::FoundOfficial;
use crate::report_file::{FrontMatter, report_path};
use jiff::civil::Date;
use std::path::PathBuf;

/// Everything the importer found in one scraped text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub date: Date,
    /// Where the date came from, for the summary (`` `3月14日`, year from --year ``, `--date`).
    pub date_written: String,
    /// True when the year came from `--year`, not from the text.
    pub year_assumed: bool,
    pub officials: Vec<FoundOfficial>,
    pub districts: Vec<String>,
    pub source: Option<String>,
    /// The cleaned body, one paragraph per item.
    pub paragraphs: Vec<String>,
    pub artifacts_removed: usize,
    pub slug: String,
    /// The encoding the input was read in and why, when it was not plain UTF-8 (`GBK (declared)`).
    pub encoding: Option<String>,
    /// What the user should check: names the importer was unsure of (kept out of the front
    /// matter), undecodable bytes.
    pub checks: Vec<String>,
}

impl Draft {
    /// Where the report goes, relative to the site root: `content/YYYY/MM/<slug>.md`.
    pub fn relative_path(&self) -> PathBuf {
        report_path(self.date, &self.slug)
    }

    /// The report file: front matter and body.
    pub fn to_markdown(&self) -> String {
        let mut out = FrontMatter {
            title: &self.title,
            date: Some(self.date),
            officials: &self.officials,
            districts: &self.districts,
            source: self.source.as_deref(),
            ..FrontMatter::default()
        }
        .to_yaml();
        let body: Vec<String> = self.paragraphs.iter().map(|p| escape_markdown(p)).collect();
        out.push_str(&body.join("\n\n"));
        out.push('\n');
        out
    }

    /// What was found, for the user to review (printed on stderr).
    pub fn summary(&self) -> String {
        let officials = if self.officials.is_empty() {
            "none found".to_string()
        } else {
            let shown: Vec<String> = self
                .officials
                .iter()
                .map(|o| match &o.role {
                    Some(role) => format!("{} ({role})", o.name),
                    None => o.name.clone(),
                })
                .collect();
            shown.join(", ")
        };
        let districts = if self.districts.is_empty() {
            "none found".to_string()
        } else {
            self.districts.join(", ")
        };
        let mut lines = vec![
            format!("  date:      {} (from {})", self.date, self.date_written),
            format!("  title:     {}", self.title),
            format!("  officials: {officials}"),
            format!("  districts: {districts}"),
        ];
        if let Some(source) = &self.source {
            lines.push(format!("  source:    {source}"));
        }
        lines.push(format!(
            "  artifacts: {} pinyin annotation(s) removed",
            self.artifacts_removed
        ));
        if let Some(encoding) = &self.encoding {
            lines.push(format!("  encoding:  {encoding}"));
        }
        for check in &self.checks {
            lines.push(format!("  check:     {check}"));
        }
        lines.join("\n")
    }
}

/// Escapes what Markdown would read as markup in a paragraph of news text, so it renders as
/// written: emphasis and code marks, links, raw HTML, entities and block markers at the start.
pub fn escape_markdown(paragraph: &str) -> String {
    let mut out = String::with_capacity(paragraph.len() + 8);
    let chars: Vec<char> = paragraph.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let entity_like = c == '&' && {
            let rest: String = chars[i + 1..].iter().take(12).collect();
            rest.split_once(';').is_some_and(|(name, _)| {
                !name.is_empty() && name.chars().all(|n| n.is_ascii_alphanumeric() || n == '#')
            })
        };
        let at_start = i == 0 && "#>-+=|".contains(c);
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~') || entity_like || at_start {
            out.push('\\');
        }
        out.push(c);
    }
    // `1. ` or `2) ` at the start would become a list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0
        && out[digits..].starts_with(['.', ')'])
        && out[digits + 1..].chars().next().is_none_or(|c| c == ' ')
    {
        out.insert(digits, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Draft {
        Draft {
            title: "全市城市更新項目推進會召開".into(),
            date: jiff::civil::date(2024, 3, 14),
            date_written: "`3月14日`, year from --year".into(),
            year_assumed: true,
            officials: vec![
                FoundOfficial {
                    name: "林靜怡".into(),
                    role: Some("市長".into()),
                },
                FoundOfficial {
                    name: "宋樂偉".into(),
                    role: None,
                },
            ],
            districts: vec!["江北區".into(), "臨江高新區".into()],
            source: Some("https://news.example.org/a?id=1&p=2".into()),
            paragraphs: vec!["第一段。".into(), "第二段。".into()],
            artifacts_removed: 3,
            slug: "quan-shi".into(),
            encoding: None,
            checks: Vec::new(),
        }
    }

    #[test]
    fn report_file_has_front_matter_and_paragraphs() {
        let expected = "---\ntitle: 全市城市更新項目推進會召開\ndate: 2024-03-14\nofficials:\n  - name: 林靜怡\n    role: 市長\n  - 宋樂偉\ndistricts:\n  - 江北區\n  - 臨江高新區\nsource: https://news.example.org/a?id=1&p=2\n---\n第一段。\n\n第二段。\n";
        assert_eq!(draft().to_markdown(), expected);
        assert_eq!(
            draft().relative_path(),
            PathBuf::from("content/2024/03/quan-shi.md")
        );
    }

    #[test]
    fn summary_names_what_was_found() {
        let summary = draft().summary();
        assert!(
            summary.contains("2024-03-14 (from `3月14日`, year from --year)"),
            "{summary}"
        );
        assert!(summary.contains("林靜怡 (市長), 宋樂偉"), "{summary}");
        assert!(summary.contains("江北區, 臨江高新區"), "{summary}");
        assert!(
            summary.contains("3 pinyin annotation(s) removed"),
            "{summary}"
        );
    }

    #[test]
    fn markdown_marks_in_news_text_are_escaped() {
        assert_eq!(escape_markdown("普通文字。"), "普通文字。");
        assert_eq!(
            escape_markdown("a*b*c_d_[e](f)<g>"),
            "a\\*b\\*c\\_d\\_\\[e\\](f)\\<g>"
        );
        assert_eq!(escape_markdown("# 不是標題"), "\\# 不是標題");
        assert_eq!(escape_markdown("1. 不是列表"), "1\\. 不是列表");
        assert_eq!(escape_markdown("1.5億元"), "1.5億元");
        assert_eq!(escape_markdown("R&D 與 &amp;"), "R&D 與 \\&amp;");
    }
}
