//! Checks a generated archive before anything is measured on it: every annals report has the
//! fields FORMAT.md requires, with valid values and no unknown keys; its folder matches its date;
//! no two reports share a date and slug; and the Hugo copy holds the same number of reports.
//!
//! A benchmark on a malformed archive would measure error paths, so a failed check stops the run.

use crate::report::{date_from_days, days_from_civil};
use serde_yaml::Value;
use std::collections::HashSet;
use std::fs;
use std::path::Path;

/// What the check saw, for the run's log.
#[derive(Debug, Default)]
pub struct Summary {
    pub reports: usize,
    pub drafts: usize,
    pub smallest_body: usize,
    pub largest_body: usize,
    pub total_bytes: u64,
}

/// Checks the annals copy under `annals_root` and the Hugo copy under `hugo_root`.
pub fn check(annals_root: &Path, hugo_root: &Path) -> Result<Summary, String> {
    let mut summary = Summary {
        smallest_body: usize::MAX,
        ..Summary::default()
    };
    let mut seen = HashSet::new();
    for file in markdown_files(&annals_root.join("content")) {
        let text = fs::read_to_string(&file)
            .map_err(|e| format!("cannot read `{}`: {e}", file.display()))?;
        let fail = |what: String| format!("generated report `{}`: {what}", file.display());
        let rest = text
            .strip_prefix("---\n")
            .ok_or_else(|| fail("no front matter".into()))?;
        let (yaml, body) = rest
            .split_once("\n---\n")
            .ok_or_else(|| fail("front matter not closed".into()))?;
        let front: Value =
            serde_yaml::from_str(yaml).map_err(|e| fail(format!("invalid YAML: {e}")))?;
        let map = front
            .as_mapping()
            .ok_or_else(|| fail("front matter is not a map".into()))?;
        for key in map.keys() {
            let key = key.as_str().unwrap_or_default();
            if annals::content::fields::field(key).is_none() {
                return Err(fail(format!("unknown key `{key}`")));
            }
        }
        let title = front["title"].as_str().unwrap_or_default();
        if title.trim().is_empty() {
            return Err(fail("missing title".into()));
        }
        let date = front["date"]
            .as_str()
            .ok_or_else(|| fail("missing date".into()))?;
        let (year, month) =
            parse_date(date).ok_or_else(|| fail(format!("invalid date `{date}`")))?;
        let folder = file
            .parent()
            .and_then(|p| p.strip_prefix(annals_root.join("content")).ok());
        if folder != Some(Path::new(&format!("{year}/{month:02}"))) {
            return Err(fail(format!("folder does not match date {date}")));
        }
        check_officials(&front["officials"]).map_err(fail)?;
        for list in ["districts", "tags"] {
            let items = front[list]
                .as_sequence()
                .ok_or_else(|| fail(format!("missing {list}")))?;
            if items.is_empty()
                || items
                    .iter()
                    .any(|item| item.as_str().is_none_or(str::is_empty))
            {
                return Err(fail(format!("{list} must be a non-empty list of names")));
            }
        }
        let slug = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if !slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(fail(format!("file name `{slug}` is not an ASCII slug")));
        }
        if !seen.insert((date.to_string(), slug.to_string())) {
            return Err(fail(format!(
                "date {date} and slug `{slug}` are used twice"
            )));
        }
        summary.reports += 1;
        summary.drafts += usize::from(front["draft"].as_bool() == Some(true));
        summary.smallest_body = summary.smallest_body.min(body.len());
        summary.largest_body = summary.largest_body.max(body.len());
        summary.total_bytes += text.len() as u64;
    }
    let hugo_reports = markdown_files(&hugo_root.join("content"))
        .iter()
        .filter(|f| f.file_name().is_some_and(|n| n != "_index.md"))
        .count();
    if hugo_reports != summary.reports {
        return Err(format!(
            "the Hugo copy has {hugo_reports} reports, the annals copy {}; hint: delete `{}` to regenerate",
            summary.reports,
            hugo_root.parent().unwrap_or(hugo_root).display()
        ));
    }
    Ok(summary)
}

fn check_officials(officials: &Value) -> Result<(), String> {
    let list = officials.as_sequence().ok_or("missing officials")?;
    if list.is_empty() || list.len() > 5 {
        return Err(format!("{} officials, expected 1 to 5", list.len()));
    }
    for official in list {
        let named = match official {
            Value::String(name) => !name.is_empty(),
            Value::Mapping(map) => {
                map.len() == 2
                    && official["name"].as_str().is_some_and(|n| !n.is_empty())
                    && official["role"].as_str().is_some()
            }
            _ => false,
        };
        if !named {
            return Err(format!(
                "an official is neither a name nor a {{name, role}} map: {official:?}"
            ));
        }
    }
    Ok(())
}

/// The year and month of `YYYY-MM-DD`, if it is a real calendar day.
fn parse_date(text: &str) -> Option<(i64, u32)> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let (year, month, day): (i64, u32, u32) =
        (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    let round_trip = date_from_days(days_from_civil(year, month, day));
    (round_trip.year == year && round_trip.month == month && round_trip.day == day)
        .then_some((year, month))
}

fn markdown_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}
