//! Reports: loading `content/**/*.md` into [`Report`]s.
//!
//! Loading walks the content folder (walkdir), then reads, splits, parses and renders every file
//! in parallel (rayon). A bad file never stops the others: each file yields either a report or
//! its diagnostics, and the caller sees all of them. Names are NFC-normalised and mapped through
//! the site.toml registries here, so later stages only see canonical names.

pub mod body;
pub mod cache;
pub mod fields;
pub mod front_matter;
mod loading;
pub mod markdown;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::text::{normalize_name, slug, truncate_chars};
pub use body::Body;
pub use loading::{Known, Loaded, is_ignored, load, load_reusing, report_files};
use std::path::{Path, PathBuf};

/// The folder of reports, relative to the site root.
pub const CONTENT_DIR: &str = "content";
/// Summaries made from the first paragraph are cut to this many characters.
pub const SUMMARY_CHARS: usize = 120;

pub use crate::kinds::Date;

/// An official named by a report, with the role they held in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appearance {
    /// Canonical name (registry name if the spelling is registered).
    pub name: String,
    pub role: Option<String>,
}

/// One meeting report, ready for the archive.
#[derive(Debug, Clone)]
pub struct Report {
    /// The file, relative to the site root (`content/2024/03/a.md`).
    pub source: PathBuf,
    pub title: String,
    pub date: Date,
    /// The RFC 3339 date-time as written, if the report gave one.
    pub datetime: Option<String>,
    pub officials: Vec<Appearance>,
    pub districts: Vec<String>,
    pub tags: Vec<String>,
    pub summary: String,
    pub source_url: Option<String>,
    pub slug: String,
    pub draft: bool,
    pub extra: serde_json::Value,
    /// Plain text keys of the front matter (`venue`…), by key (see `fields::Field::plain`).
    pub plain: Vec<(&'static str, String)>,
    /// The rendered body: HTML and plain text (see [`body`]).
    pub body: Body,
    pub headings: Vec<markdown::Heading>,
    /// Characters of body text (reading time counts characters for CJK).
    pub char_count: usize,
}

impl Report {
    /// The site-relative URL path of the report page: `YYYY/MM/DD/<slug>/`.
    pub fn path(&self) -> String {
        crate::urls::report(self.date, &self.slug)
    }

    /// Minutes to read, at ~400 characters a minute (a common rate for Chinese).
    pub fn reading_minutes(&self) -> usize {
        self.char_count.div_ceil(400).max(1)
    }
}

/// Parses one report from its bytes. Returns the report if it is usable, and every problem.
pub fn load_bytes(
    bytes: &[u8],
    source: PathBuf,
    config: &Config,
) -> (Option<Report>, Vec<Diagnostic>) {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let text = String::from_utf8_lossy(valid);
            let d = Diagnostic::error(&source, "the file is not valid UTF-8")
                .at_offset(&text, text.len())
                .with_hint(
                    "save the file as UTF-8; it may be in Big5 or GBK (most editors offer \"Save with encoding\")",
                );
            return (None, vec![d]);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = match front_matter::split(text, &source) {
        Ok(s) => s,
        Err(d) => return (None, vec![d]),
    };
    let raw = match front_matter::parse(split.yaml, text, split.yaml_line, &source) {
        Ok(raw) => raw,
        Err(problems) => return (None, problems),
    };
    let mut problems = Vec::new();
    let key_at =
        |key: &str| split.yaml_line + front_matter::key_line(split.yaml, key).unwrap_or(1) - 1;
    // The caret goes under the value (`date: 2024-13-01` → under `2024`), or the key if none.
    let place = |d: Diagnostic, key: &str| {
        let line = key_at(key);
        let column = text
            .lines()
            .nth(line.saturating_sub(1))
            .and_then(|l| {
                let rest = l.strip_prefix(key)?.trim_start().strip_prefix(':')?;
                let value = rest.trim_start();
                (!value.is_empty()).then(|| l.chars().count() - value.chars().count() + 1)
            })
            .unwrap_or(1);
        d.at(text, line, column)
    };

    let title = raw
        .title
        .as_deref()
        .map(str::trim)
        .unwrap_or("")
        .to_string();
    if raw.title.is_none() {
        problems.push(
            Diagnostic::error(&source, "missing `title` in the front matter")
                .at_line(text, 1)
                .with_hint("add a line such as `title: 全市城市更新項目推進會召開`"),
        );
    } else if title.is_empty() {
        problems.push(
            place(Diagnostic::error(&source, "`title` is empty"), "title")
                .with_hint("write the report's headline after `title:`, e.g. `title: 全市城市更新項目推進會召開`"),
        );
    }
    let date = match &raw.date {
        None => {
            problems.push(
                Diagnostic::error(&source, "missing `date` in the front matter")
                    .at_line(text, 1)
                    .with_hint("add a line such as `date: 2024-03-14`"),
            );
            None
        }
        Some(written) => match parse_date(written) {
            Ok(d) => Some(d),
            Err(message) => {
                problems.push(
                    place(Diagnostic::error(&source, message), "date")
                        .with_hint("write the date as YYYY-MM-DD or an RFC 3339 date-time (2024-03-14T09:30:00+08:00)"),
                );
                None
            }
        },
    };
    let file_stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let report_slug = match &raw.slug {
        Some(s) if !slug::is_valid_slug(s) => {
            problems.push(
                place(Diagnostic::error(&source, format!("invalid slug `{s}`")), "slug")
                    .with_hint("a slug is lowercase ASCII letters, digits and single inner dashes, e.g. `urban-renewal-meeting`"),
            );
            String::new()
        }
        Some(s) => s.clone(),
        None => {
            let s = slug::slugify(&file_stem);
            if s.is_empty() {
                problems.push(
                    Diagnostic::error(
                        &source,
                        format!("cannot make a URL slug from the file name `{file_stem}`"),
                    )
                    .with_hint("rename the file or add `slug: some-words` to the front matter"),
                );
            }
            s
        }
    };
    let source_url = raw
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from);
    if let Some(url) = &source_url
        && !(url.starts_with("http://") || url.starts_with("https://"))
    {
        problems.push(
            place(
                Diagnostic::error(
                    &source,
                    format!("`source` must be an http(s) URL, not `{url}`"),
                ),
                "source",
            )
            .with_hint("give the address of the original publication, starting with https://"),
        );
    }
    let mut officials: Vec<Appearance> = Vec::new();
    for o in &raw.officials {
        let name = normalize_name(&o.name);
        if name.is_empty() {
            problems.push(place(
                Diagnostic::error(&source, "an official has an empty name"),
                "officials",
            ));
            continue;
        }
        let name = config.officials.canonical(&name);
        let role = o
            .role
            .as_deref()
            .map(normalize_name)
            .filter(|r| !r.is_empty());
        if !officials.iter().any(|a| a.name == name) {
            officials.push(Appearance { name, role });
        }
    }
    let districts = canonical_list(
        &raw.districts,
        |n| config.districts.canonical(n),
        "districts",
        &mut problems,
        &source,
        text,
        key_at("districts"),
    );
    let tags = canonical_list(
        &raw.tags,
        |n| n.to_string(),
        "tags",
        &mut problems,
        &source,
        text,
        key_at("tags"),
    );

    let (Some(date), false) = (date, title.is_empty() || report_slug.is_empty()) else {
        return (None, problems);
    };
    if !problems.is_empty() {
        return (None, problems);
    }
    let rendered = markdown::render(
        split.body,
        crate::content::markdown::BodyOptions::of(config),
    );
    let summary = match raw.summary.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => truncate_chars(&rendered.first_paragraph, SUMMARY_CHARS),
    };
    let char_count = rendered.text.chars().filter(|c| !c.is_whitespace()).count();
    let datetime = raw.date.filter(|d| d.contains('T'));
    let report = Report {
        source,
        title,
        date,
        datetime,
        officials,
        districts,
        tags,
        summary,
        source_url,
        slug: report_slug,
        draft: raw.draft,
        extra: raw.extra,
        plain: raw.plain,
        body: Body::rendered(rendered.html, rendered.text),
        headings: rendered.headings,
        char_count,
    };
    (Some(report), problems)
}

/// Normalises a list of names, dropping empties (an error) and repeats.
fn canonical_list(
    raw: &[String],
    canonical: impl Fn(&str) -> String,
    key: &str,
    problems: &mut Vec<Diagnostic>,
    source: &Path,
    text: &str,
    line: usize,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in raw {
        let name = normalize_name(item);
        if name.is_empty() {
            problems.push(
                Diagnostic::error(source, format!("an entry of `{key}` is empty"))
                    .at(text, line, 1),
            );
            continue;
        }
        let name = canonical(&name);
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// Parses `YYYY-MM-DD` or an RFC 3339 date-time; the date is the one written (no time zone shift).
pub fn parse_date(written: &str) -> Result<Date, String> {
    let written = written.trim();
    let (date_part, time_part) = match written.split_once(['T', 't', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (written, None),
    };
    let bytes = date_part.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(format!("invalid date `{written}`: expected YYYY-MM-DD"));
    }
    let year: i16 = date_part[..4]
        .parse()
        .map_err(|_| format!("invalid year in `{written}`"))?;
    let month: i8 = date_part[5..7]
        .parse()
        .map_err(|_| format!("invalid month in `{written}`"))?;
    let day: i8 = date_part[8..10]
        .parse()
        .map_err(|_| format!("invalid day in `{written}`"))?;
    if jiff::civil::Date::new(year, month, day).is_err() {
        return Err(format!("`{date_part}` is not a day of the calendar"));
    }
    if time_part.is_some() && written.parse::<jiff::Timestamp>().is_err() {
        return Err(format!(
            "invalid date-time `{written}`: expected RFC 3339 such as 2024-03-14T09:30:00+08:00"
        ));
    }
    Ok(Date {
        year: year as i32,
        month: month as u8,
        day: day as u8,
    })
}

#[cfg(test)]
#[path = "content_tests.rs"]
mod tests;
