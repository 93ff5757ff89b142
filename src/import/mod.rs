//! `annals import`: scraped news text (or HTML) → a clean report under `content/`.
//!
//! [`draft_report`] is the pure pipeline, one text in, one [`Draft`] out:
//!
//! ```text
//! bytes ─► text (encoding) ─► NFC, line ends ─► HTML? → text, <article> or largest block (html)
//!       ─► source URL ─► article: chrome, metadata line and page date, headline, credits
//!          (article, credits) ─► paragraphs: rejoin broken lines, remove pinyin, tidy (clean)
//!       ─► meeting date (date) ─► title + slug (title) ─► officials (officials, leaders)
//!       ─► districts (districts, gazetteer)
//! ```
//!
//! [`run`] (in `run.rs`) reads the files, calls it for each, and writes or prints the reports; it
//! is the only part that touches the file system. What the importer finds is a guess to review:
//! it prints everything it found so the user can check names and roles before committing.

mod article;
mod clean;
mod credits;
mod date;
mod districts;
mod encoding;
use crate::text::gazetteer;
mod html;
mod leaders;
mod officials;
mod report;
mod run;
mod title;
mod words;

pub use encoding::encoding_for_label;
pub use officials::FoundOfficial;
pub use report::Draft;
pub use run::{ImportOptions, Imported, run};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, display_path};
use crate::text::{artifacts, normalize_name};
use date::DateProblem;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// The longest line that can be a headline above a plain-text report.
const MAX_HEADLINE_CHARS: usize = 40;

/// What the importer is told besides the text: the command line's `--year`, `--date` and
/// `--encoding`.
#[derive(Debug, Clone, Default)]
pub struct DraftOptions {
    /// The year of dates written without one (`--year`).
    pub year: Option<i32>,
    /// The meeting date, whatever the text says (`--date`).
    pub date: Option<jiff::civil::Date>,
    /// The encoding of the input, instead of the one detected (`--encoding`).
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// Turns the bytes of one scraped file into a draft report, as `annals import` does: decoded
/// (see [`encoding`]), then [`draft_report`].
pub fn draft_from_bytes(
    bytes: &[u8],
    path: &Path,
    options: &DraftOptions,
    config: &Config,
) -> Result<Draft, Box<Diagnostic>> {
    let decoded = encoding::decode(bytes, options.encoding);
    let mut draft = draft_report(&decoded.text, path, options, config)?;
    if decoded.encoding != "UTF-8" || decoded.chosen_by == "--encoding" {
        draft.encoding = Some(format!("{} ({})", decoded.encoding, decoded.chosen_by));
    }
    if decoded.had_errors {
        let note = "some bytes were not valid in that encoding (shown as �); try --encoding";
        draft.checks.push(note.to_string());
    }
    Ok(draft)
}

/// Turns one scraped text into a draft report. `path` names the input in messages (`-` for
/// standard input); `options` carry `--year` and `--date`; the registries and title of `config`
/// help to recognise officials, districts and the city itself.
pub fn draft_report(
    raw: &str,
    path: &Path,
    options: &DraftOptions,
    config: &Config,
) -> Result<Draft, Box<Diagnostic>> {
    let page = read_page(raw, path);
    let cleaned = clean::clean(&page.article.text);
    let mut artifacts_removed = cleaned.artifacts_removed + page.artifacts_removed;
    let headline = page.headline.map(|h| {
        let (without, removed) = artifacts::remove_artifacts(&h);
        artifacts_removed += removed;
        clean::tidy_headline(&without)
    });
    let paragraphs = cleaned.paragraphs;
    if paragraphs.is_empty() {
        let shown = display_path(path);
        return Err(Box::new(
            Diagnostic::error(path, format!("`{shown}` holds no text to import"))
                .with_hint("pass a scraped news text or HTML page"),
        ));
    }
    let body = paragraphs.join("\n");
    let all_text = headline
        .iter()
        .chain(&paragraphs)
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    let meeting = meeting_date(&body, raw, path, options, page.article.page_date.as_ref())?;
    let title = headline
        .filter(|h| !h.is_empty())
        .or_else(|| {
            paragraphs
                .iter()
                .find_map(|p| title::title_from_text(p, meeting.written.as_deref()))
        })
        .unwrap_or_else(|| meeting.date.to_string());
    let title = normalize_name(&title);
    let found = officials::find_officials(&all_text, &config.officials);
    Ok(Draft {
        slug: crate::text::slug::report_slug(&title),
        title,
        date: meeting.date,
        year_assumed: meeting.year_assumed,
        date_written: meeting.note,
        officials: found.officials,
        checks: found.unsure,
        districts: districts::find_districts(&all_text, &config.districts, &config.title),
        source: page.source,
        paragraphs,
        artifacts_removed,
        encoding: None,
    })
}

/// The input as plain text, in NFC with `\n` line ends: its article (chrome removed), headline
/// and source URL.
struct Page {
    article: article::Article,
    /// Pinyin annotations removed before the article was read.
    artifacts_removed: usize,
    headline: Option<String>,
    source: Option<String>,
}

fn read_page(raw: &str, path: &Path) -> Page {
    let text: String = raw
        .strip_prefix('\u{feff}')
        .unwrap_or(raw)
        .replace("\r\n", "\n")
        .nfc()
        .collect();
    if html::looks_like_html(&text, path) {
        let page = html::page_text(&text);
        let mut article = article::extract(&page.text);
        // The article element (or the block holding most of the text) is the body; the whole
        // page still gives the headline and the page's date.
        if let Some(block) = &page.main_block {
            let inner = article::extract(block);
            if !inner.text.trim().is_empty() {
                article.text = inner.text;
                article.page_date = article.page_date.or(inner.page_date);
            }
        }
        return Page {
            artifacts_removed: 0,
            headline: page.headline.or_else(|| article.headline.clone()),
            article,
            source: page.source,
        };
    }
    let (body, source) = take_source_line(&text);
    // Pinyin first, so a line reads as the sentence it is (`項(xiàng).` ends a sentence).
    let (body, artifacts_removed) = artifacts::remove_artifacts(&body);
    let article = article::extract(&body);
    let headline = article.headline.clone().or_else(|| take_headline(&body).1);
    Page {
        artifacts_removed,
        article,
        headline,
        source,
    }
}

/// The meeting date as found, with what the summary says about it.
struct MeetingDate {
    date: jiff::civil::Date,
    /// The date as written in the article, if it came from there.
    written: Option<String>,
    /// How it was found, for the summary (`3月14日`, `--date`, `the page's date 2024-03-15`).
    note: String,
    year_assumed: bool,
}

/// The meeting date: `--date`, else the first date of the article (its year, else the page's,
/// else `--year`), else the page's own date. Problems point at the date in the raw input.
fn meeting_date(
    body: &str,
    raw: &str,
    path: &Path,
    options: &DraftOptions,
    page_date: Option<&date::WrittenDate>,
) -> Result<MeetingDate, Box<Diagnostic>> {
    let shown = display_path(path);
    if let Some(date) = options.date {
        return Ok(MeetingDate {
            date,
            written: None,
            note: "--date".to_string(),
            year_assumed: false,
        });
    }
    let Some(written) = date::find_meeting_date(body, page_date) else {
        if let Some(page) = page_date
            && let Ok(date) = date::resolve(page, None)
        {
            return Ok(MeetingDate {
                date,
                written: None,
                note: format!("the page's date `{}`", page.written),
                year_assumed: false,
            });
        }
        return Err(Box::new(
            Diagnostic::error(path, format!("no date found in `{shown}`")).with_hint(
                "the text names no day of the meeting (e.g. 3月14日); pass --date YYYY-MM-DD",
            ),
        ));
    };
    match date::resolve_with_page(&written, page_date, options.year) {
        Ok(date) => {
            let from_page = written.year.is_none() && page_date.is_some();
            let note = match (written.year, from_page) {
                (Some(_), _) => format!("`{}`", written.written),
                (None, true) => format!(
                    "`{}`, year and month from the page's date `{}`",
                    written.written,
                    page_date.map(|p| p.written.as_str()).unwrap_or_default()
                ),
                (None, false) => format!("`{}`, year from --year", written.written),
            };
            Ok(MeetingDate {
                date,
                written: Some(written.written.clone()),
                note,
                year_assumed: written.year.is_none() && !from_page,
            })
        }
        Err(problem) => {
            let diagnostic = match problem {
                DateProblem::NoYear(w) => {
                    Diagnostic::error(path, format!("no year for `{w}` in `{shown}`"))
                        .with_hint("pass --year YYYY (or the whole date with --date YYYY-MM-DD)")
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
mod lossless_tests;

#[cfg(test)]
#[path = "draft_tests.rs"]
mod tests;
