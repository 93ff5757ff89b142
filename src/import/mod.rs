//! `annals import`: scraped news text (or HTML) → a clean report under `content/`.
//!
//! [`draft_report`] is the pure pipeline, one text in, one [`Draft`] out:
//!
//! ```text
//! raw text ─► NFC, line ends ─► HTML? → text (html) ─► source URL + headline lines set apart
//!          ─► paragraphs: rejoin broken lines, remove pinyin artifacts, tidy (clean)
//!          ─► date (date) ─► title + slug (title) ─► officials (officials) ─► districts (districts)
//! ```
//!
//! [`run`] (in `run.rs`) reads the files, calls it for each, and writes or prints the reports; it
//! is the only part that touches the file system. What the importer finds is a guess to review:
//! it prints everything it found so the user can check names and roles before committing.

mod clean;
mod date;
mod districts;
mod html;
mod officials;
mod report;
mod run;
mod title;
mod words;

pub use officials::FoundOfficial;
pub use report::Draft;
pub use run::{ImportOptions, run};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, display_path};
use crate::text::{artifacts, normalize_name};
use date::DateProblem;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// The longest line that can be a headline above a plain-text report.
const MAX_HEADLINE_CHARS: usize = 40;

/// Turns one scraped text into a draft report. `path` names the input in messages (`-` for
/// standard input); `default_year` is `--year`; the registries and title of `config` help to
/// recognise officials, districts and the city itself.
pub fn draft_report(
    raw: &str,
    path: &Path,
    default_year: Option<i32>,
    config: &Config,
) -> Result<Draft, Box<Diagnostic>> {
    let page = read_page(raw, path);
    let cleaned = clean::clean(&page.text);
    let mut artifacts_removed = cleaned.artifacts_removed;
    let headline = page.headline.map(|h| {
        let (without, removed) = artifacts::remove_artifacts(&h);
        artifacts_removed += removed;
        clean::tidy(&without)
    });
    let paragraphs = cleaned.paragraphs;
    if paragraphs.is_empty() {
        let shown = display_path(path);
        return Err(Box::new(
            Diagnostic::error(path, format!("`{shown}` holds no text to import"))
                .with_hint("pass a scraped news text or HTML page"),
        ));
    }
    let all_text = headline
        .iter()
        .chain(&paragraphs)
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    let (written, date) = date_of(&all_text, raw, path, default_year)?;
    let title = headline
        .filter(|h| !h.is_empty())
        .or_else(|| {
            paragraphs
                .iter()
                .find_map(|p| title::title_from_text(p, Some(&written.written)))
        })
        .unwrap_or_else(|| written.written.clone());
    let title = normalize_name(&title);
    Ok(Draft {
        slug: crate::text::slug::report_slug(&title),
        title,
        date,
        year_assumed: written.year.is_none(),
        date_written: written.written,
        officials: officials::find_officials(&all_text, &config.officials),
        districts: districts::find_districts(&all_text, &config.districts, &config.title),
        source: page.source,
        paragraphs,
        artifacts_removed,
    })
}

/// The input as plain text, in NFC with `\n` line ends, with its headline and source URL set apart.
fn read_page(raw: &str, path: &Path) -> html::PageText {
    let text: String = raw
        .strip_prefix('\u{feff}')
        .unwrap_or(raw)
        .replace("\r\n", "\n")
        .nfc()
        .collect();
    if html::looks_like_html(&text, path) {
        return html::page_text(&text);
    }
    let (body, source) = take_source_line(&text);
    let (body, headline) = take_headline(&body);
    html::PageText {
        text: body,
        headline,
        source,
    }
}

/// The meeting date of the cleaned text; problems point at the date in the raw input.
fn date_of(
    text: &str,
    raw: &str,
    path: &Path,
    default_year: Option<i32>,
) -> Result<(date::WrittenDate, jiff::civil::Date), Box<Diagnostic>> {
    let shown = display_path(path);
    let Some(written) = date::find_date(text) else {
        return Err(Box::new(
            Diagnostic::error(path, format!("no date found in `{shown}`")).with_hint(
                "the text should name the day of the meeting, e.g. 3月14日 or 2024年3月14日",
            ),
        ));
    };
    match date::resolve(&written, default_year) {
        Ok(date) => Ok((written, date)),
        Err(problem) => {
            let diagnostic = match problem {
                DateProblem::NoYear(w) => {
                    Diagnostic::error(path, format!("no year for `{w}` in `{shown}`"))
                        .with_hint("pass --year YYYY")
                }
                DateProblem::Invalid(w) => {
                    Diagnostic::error(path, format!("invalid date `{w}` in `{shown}`"))
                        .with_hint("no such day in the calendar; correct the text or the --year")
                }
            };
            Err(Box::new(match raw.find(&written.written) {
                Some(offset) => diagnostic.at_offset(raw, offset),
                None => diagnostic,
            }))
        }
    }
}

/// Sets apart the first line that holds only a URL (optionally after a label such as `來源：` or
/// `Source:`): the address of the original publication, not part of the body.
fn take_source_line(text: &str) -> (String, Option<String>) {
    let mut source = None;
    let mut body = Vec::new();
    for line in text.lines() {
        if source.is_none()
            && let Some(url) = url_line(line)
        {
            source = Some(url.to_string());
            continue;
        }
        body.push(line);
    }
    (body.join("\n"), source)
}

/// The URL of a line like `https://…`, `來源：https://…` or `原文鏈接: https://…`.
fn url_line(line: &str) -> Option<&str> {
    let line = line.trim();
    let start = line.find("https://").or_else(|| line.find("http://"))?;
    let (label, url) = line.split_at(start);
    let label = label.trim();
    let label_ok = label.is_empty()
        || (label.chars().count() <= 12
            && label.ends_with([':', '：'])
            && !label.contains(['，', '。', ',']));
    (label_ok && !url.contains(char::is_whitespace)).then_some(url)
}

/// Sets apart a headline: a short first line without sentence punctuation, followed by a blank
/// line, that is not only a date.
fn take_headline(text: &str) -> (String, Option<String>) {
    let mut lines = text.lines().skip_while(|l| l.trim().is_empty());
    let (Some(first), second) = (lines.next(), lines.next()) else {
        return (text.to_string(), None);
    };
    let candidate = first.trim();
    let is_headline = second.is_some_and(|l| l.trim().is_empty())
        && candidate.chars().count() <= MAX_HEADLINE_CHARS
        && candidate.chars().any(crate::text::is_han)
        && !candidate.contains(['，', '。', ',', '；', '！', '？'])
        && date::find_date(candidate)
            .is_none_or(|d| d.written.chars().count() < candidate.chars().count() / 2);
    if !is_headline {
        return (text.to_string(), None);
    }
    let rest: Vec<&str> = lines.collect();
    (rest.join("\n"), Some(candidate.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "title = \"臨江市新聞檔案\"\nbase_url = \"https://archive.example.org\"\n\
        [officials.\"林靜怡\"]\naliases = [\"林靜儀\"]\n\
        [districts.\"臨江高新區\"]\naliases = [\"高新區\", \"臨江高新技術產業開發區\"]\n";

    fn draft(text: &str, year: Option<i32>) -> Result<Draft, Box<Diagnostic>> {
        draft_report(
            text,
            Path::new("news.txt"),
            year,
            &Config::parse(SITE).unwrap(),
        )
    }

    #[test]
    fn a_scraped_text_becomes_a_draft() {
        let text = "3月14日,臨江市政府召開全市城市更(gèng)新項(xiàng)目推進(jìn)會,市長林靜儀出席,\n\
                    副市長陳建國主持會議。\n會上,\n江北區、高新區作了匯報。\nhttps://news.example.org/1.html\n";
        let d = draft(text, Some(2024)).unwrap();
        assert_eq!(d.date.to_string(), "2024-03-14");
        assert!(d.year_assumed);
        assert_eq!(d.title, "全市城市更新項目推進會召開");
        assert_eq!(
            d.slug,
            "quan-shi-cheng-shi-geng-xin-xiang-mu-tui-jin-hui-zhao-kai"
        );
        // The body keeps names as written; the front matter gets the canonical name.
        assert_eq!(
            d.paragraphs,
            [
                "3月14日，臨江市政府召開全市城市更新項目推進會，市長林靜儀出席，副市長陳建國主持會議。",
                "會上，江北區、高新區作了匯報。",
            ]
        );
        assert_eq!(d.artifacts_removed, 3);
        let names: Vec<_> = d
            .officials
            .iter()
            .map(|o| (o.name.as_str(), o.role.as_deref()))
            .collect();
        assert_eq!(
            names,
            [("林靜怡", Some("市長")), ("陳建國", Some("副市長"))]
        );
        assert_eq!(d.districts, ["江北區", "臨江高新區"]);
        assert_eq!(d.source.as_deref(), Some("https://news.example.org/1.html"));
    }

    #[test]
    fn a_headline_line_is_the_title() {
        let d = draft(
            "南岸區召開防汛工作會議\n\n2024年6月3日，南岸區召開會議。\n",
            None,
        )
        .unwrap();
        assert_eq!(d.title, "南岸區召開防汛工作會議");
        assert_eq!(d.paragraphs, ["2024年6月3日，南岸區召開會議。"]);
    }

    #[test]
    fn missing_year_names_the_file_and_the_date() {
        let problem = draft("說明\n8月25日，會議召開。", None).unwrap_err();
        assert_eq!(problem.message, "no year for `8月25日` in `news.txt`");
        assert_eq!(problem.hint.as_deref(), Some("pass --year YYYY"));
        assert_eq!(problem.line, Some(2));
    }

    #[test]
    fn invalid_and_missing_dates_and_empty_texts_are_errors() {
        assert!(
            draft("2月30日，會議召開。", Some(2024))
                .unwrap_err()
                .message
                .contains("invalid date `2月30日`")
        );
        assert!(
            draft("會議召開。", Some(2024))
                .unwrap_err()
                .message
                .contains("no date found")
        );
        assert!(
            draft(" \n\n", Some(2024))
                .unwrap_err()
                .message
                .contains("holds no text")
        );
    }

    #[test]
    fn source_lines_with_labels() {
        assert_eq!(
            url_line("來源：https://a.example/1"),
            Some("https://a.example/1")
        );
        assert_eq!(
            url_line("Source: http://a.example/1"),
            Some("http://a.example/1")
        );
        assert_eq!(url_line("詳見 https://a.example/1 的說明"), None);
        assert_eq!(url_line("會議指出，要加快進度：https://a.example"), None);
    }
}
