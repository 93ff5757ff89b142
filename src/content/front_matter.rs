//! Splitting a report into its YAML front matter and Markdown body, and parsing the front matter.
//!
//! This is the only module that names serde_yaml (deprecated upstream): a maintained fork can be
//! swapped in with a Cargo rename without touching anything else. Parsing is strict and reports
//! every unknown key of a file at once, each with its line and a "did you mean" hint; type errors
//! carry the line and column serde_yaml gives. serde_yaml also bounds alias expansion and nesting
//! depth, so alias bombs and deeply nested documents fail fast with an error instead of eating
//! memory.

use super::fields::{self, Shape};
use crate::diagnostics::{Diagnostic, did_you_mean};
use serde::Deserialize;

/// A report file cut in two. Line numbers are 1-based lines of the whole file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Line of the file on which the YAML starts (the line after the opening `---`).
    pub yaml_line: usize,
    pub body: &'a str,
    /// Line of the file on which the body starts.
    pub body_line: usize,
}

/// Cuts `text` (BOM already removed) of the report `source` at the `---` lines.
pub fn split<'a>(text: &'a str, source: &std::path::Path) -> Result<Split<'a>, Diagnostic> {
    let problem = |message: &str, hint: &str| {
        let d = Diagnostic::error(source, message).with_hint(hint);
        if text.is_empty() {
            d
        } else {
            d.at_line(text, 1)
        }
    };
    if text.trim().is_empty() {
        return Err(problem(
            "the file is empty",
            "a report starts with a `---` line, its front matter (title, date), and a closing `---`",
        ));
    }
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err(problem(
            "no front matter: the first line must be `---`",
            "start the file with `---`, then `title:` and `date:` lines, then a closing `---`",
        ));
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut offset = yaml_start;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        if text[offset..end].trim_end_matches('\r') == "---" {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset = end + 1;
        line += 1;
    }
    Err(problem(
        "the front matter is never closed",
        "add a line that is exactly `---` after the last front matter line",
    ))
}

/// An official as written: a plain name or a `{name, role}` map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawOfficial {
    pub name: String,
    pub role: Option<String>,
}

/// Front matter after type checking, before any normalisation.
#[derive(Debug, Default, Clone)]
pub struct RawFrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub officials: Vec<RawOfficial>,
    pub districts: Vec<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub source: Option<String>,
    pub slug: Option<String>,
    pub draft: bool,
    pub extra: serde_json::Value,
    /// Values of the plain text keys of [`fields`] that were given, by key.
    pub plain: Vec<(&'static str, String)>,
}

/// The keys annals interprets (unknown keys were refused already, from the table of keys).
#[derive(Deserialize)]
struct Typed {
    title: Option<String>,
    date: Option<Scalar>,
    #[serde(default)]
    officials: Option<Vec<OfficialEntry>>,
    #[serde(default)]
    districts: Option<Vec<String>>,
    #[serde(default)]
    tags: Option<Vec<String>>,
    summary: Option<String>,
    source: Option<String>,
    slug: Option<String>,
    #[serde(default)]
    draft: Option<bool>,
    #[serde(default)]
    extra: Option<serde_yaml::Value>,
}

/// A date may be written bare (a YAML string) or, by mistake, as a number; keep what was written.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Number(i64),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OfficialEntry {
    Name(String),
    Full(OfficialMap),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficialMap {
    name: String,
    role: Option<String>,
}

/// Parses the YAML block of a report. `file_text` is the whole file (for lines in messages) and
/// `yaml_line` the file line on which the YAML starts.
pub fn parse(
    yaml: &str,
    file_text: &str,
    yaml_line: usize,
    file: &std::path::Path,
) -> Result<RawFrontMatter, Vec<Diagnostic>> {
    let at = |line_in_yaml: usize, column: usize, message: String| {
        Diagnostic::error(file, message).at(
            file_text,
            yaml_line + line_in_yaml.saturating_sub(1),
            column,
        )
    };
    let yaml_error = |e: &serde_yaml::Error, what: &str| {
        let message = clean_yaml_message(&e.to_string());
        match e.location() {
            Some(loc) => at(loc.line(), loc.column(), format!("{what}: {message}")),
            None => {
                Diagnostic::error(file, format!("{what}: {message}")).at_line(file_text, yaml_line)
            }
        }
    };
    if yaml.trim().is_empty() {
        return Err(vec![
            Diagnostic::error(file, "the front matter is empty")
                .at_line(file_text, yaml_line.saturating_sub(1))
                .with_hint("a report needs at least `title:` and `date:`"),
        ]);
    }
    // First pass: syntax, and every unknown key of the file at once.
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(|e| {
        let d = yaml_error(&e, "invalid YAML in the front matter");
        vec![d.with_hint(syntax_hint(&e.to_string()))]
    })?;
    let serde_yaml::Value::Mapping(map) = &value else {
        return Err(vec![
            Diagnostic::error(
                file,
                "the front matter must be a list of `key: value` lines",
            )
            .at_line(file_text, yaml_line),
        ]);
    };
    let mut problems = Vec::new();
    for key in map.keys() {
        let name = match key {
            serde_yaml::Value::String(s) => s.clone(),
            other => serde_yaml::to_string(other)
                .unwrap_or_default()
                .trim()
                .to_string(),
        };
        if fields::field(&name).is_none() {
            let line = key_line(yaml, &name).unwrap_or(1);
            let keys = fields::keys();
            let hint = match did_you_mean(&name, &keys) {
                Some(guess) => format!("did you mean `{guess}`? custom values go under `extra:`"),
                None => format!(
                    "known keys: {}; custom values go under `extra:`",
                    keys.join(", ")
                ),
            };
            problems
                .push(at(line, 1, format!("unknown front matter key `{name}`")).with_hint(hint));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // An entry of `officials` that is not a name or a `{name, role}` map, placed on its line.
    let officials_problem = || {
        let key = key_line(yaml, "officials").unwrap_or(1);
        let (message, needle) = official_problem(map.get("officials"));
        let line = needle
            .and_then(|n| line_after(yaml, key, &n))
            .unwrap_or(key);
        at(line, 1, message).with_hint(
            "write `- 林靜怡` or `- {name: 林靜怡, role: 市長}`; a map takes only `name` and `role`",
        )
    };
    // Types: each key's value against its shape in the table of keys, placed at the value.
    for field in fields::FIELDS {
        let Some(value) = map.get(field.key) else {
            continue;
        };
        if let Some(found) = mismatch(field.shape, value) {
            let (line, column) = value_position(yaml, field.key);
            let message = format!(
                "wrong type for `{}` in the front matter: {found}, expected {}",
                field.key,
                field.shape.expected()
            );
            problems.push(at(line, column, message).with_hint(field.hint));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // Checked before serde sees them: serde would read a two-item list as a `{name, role}` map.
    if let Some(serde_yaml::Value::Sequence(entries)) = map.get("officials")
        && entries.iter().any(|e| official_shape(e).is_err())
    {
        return Err(vec![officials_problem()]);
    }
    let typed: Typed = serde_yaml::from_value(value.clone()).map_err(|e| {
        vec![
            yaml_error(&e, "wrong type in the front matter")
                .with_hint("see docs/format.md for the keys and what each holds"),
        ]
    })?;
    let date = typed.date.map(|d| match d {
        Scalar::Text(t) => t,
        Scalar::Number(n) => n.to_string(),
    });
    let officials = typed
        .officials
        .unwrap_or_default()
        .into_iter()
        .map(|o| match o {
            OfficialEntry::Name(name) => RawOfficial { name, role: None },
            OfficialEntry::Full(m) => RawOfficial {
                name: m.name,
                role: m.role,
            },
        })
        .collect();
    let extra = match typed.extra {
        None => serde_json::Value::Object(Default::default()),
        Some(v) => serde_json::to_value(&v).map_err(|e| {
            let line = key_line(yaml, "extra").unwrap_or(1);
            vec![
                at(
                    line,
                    1,
                    format!("`extra` cannot be handed to templates: {e}"),
                )
                .with_hint("use text keys in `extra` maps"),
            ]
        })?,
    };
    Ok(RawFrontMatter {
        title: typed.title,
        date,
        officials,
        districts: typed.districts.unwrap_or_default(),
        tags: typed.tags.unwrap_or_default(),
        summary: typed.summary,
        source: typed.source,
        slug: typed.slug,
        draft: typed.draft.unwrap_or(false),
        extra,
        plain: fields::plain()
            .filter_map(|f| match map.get(f.key) {
                Some(serde_yaml::Value::String(text)) if !text.trim().is_empty() => {
                    Some((f.key, text.trim().to_string()))
                }
                _ => None,
            })
            .collect(),
    })
}

/// The 1-based line of the YAML on which top-level `key:` is written.
pub fn key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines()
        .position(|l| {
            let l = l.trim_start_matches('\u{feff}');
            l.strip_prefix(key)
                .or_else(|| l.strip_prefix(&format!("\"{key}\"")))
                .or_else(|| l.strip_prefix(&format!("'{key}'")))
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// What is wrong with the first bad entry of `officials`, and a piece of text to find its line.
fn official_problem(officials: Option<&serde_yaml::Value>) -> (String, Option<String>) {
    use serde_yaml::Value;
    let generic = "an entry of `officials` is neither a name nor a `{name, role}` map";
    let Some(Value::Sequence(entries)) = officials else {
        return (generic.to_string(), None);
    };
    for entry in entries {
        match entry {
            Value::String(_) => {}
            Value::Mapping(map) => {
                for key in map.keys() {
                    let key = key
                        .as_str()
                        .map_or_else(|| format!("{key:?}"), String::from);
                    if key != "name" && key != "role" {
                        return (
                            format!("an entry of `officials` has an unknown key `{key}`"),
                            Some(format!("{key}:")),
                        );
                    }
                }
                match map.get("name") {
                    Some(Value::String(_)) => {
                        if let Some(role) = map.get("role").filter(|r| !r.is_string()) {
                            let role = scalar_text(role);
                            return (
                                format!("the `role` of an official must be text, not `{role}`"),
                                Some("role:".into()),
                            );
                        }
                    }
                    Some(other) => {
                        return (
                            format!(
                                "the `name` of an official must be text, not `{}`",
                                scalar_text(other)
                            ),
                            Some("name:".into()),
                        );
                    }
                    None => {
                        return (
                            "an entry of `officials` has no `name`".into(),
                            map.get("role").map(|_| "role:".into()),
                        );
                    }
                }
            }
            Value::Sequence(items) => {
                let first = items.first().map(scalar_text).unwrap_or_else(|| "[".into());
                return (generic.to_string(), Some(first));
            }
            other => return (generic.to_string(), Some(scalar_text(other))),
        }
    }
    (generic.to_string(), None)
}

/// A short text of a YAML value, as written.
fn scalar_text(value: &serde_yaml::Value) -> String {
    serde_yaml::to_string(value)
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The first line at or after line `from` (1-based) of `yaml` that contains `needle`.
fn line_after(yaml: &str, from: usize, needle: &str) -> Option<usize> {
    yaml.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
}

/// What a value is, the way serde words it (`string "maybe"`, `sequence`), when it does not fit
/// `shape`. A missing value (`null`) fits every shape: required keys are checked later.
fn mismatch(shape: Shape, value: &serde_yaml::Value) -> Option<String> {
    use serde_yaml::Value;
    let fits = match (shape, value) {
        (_, Value::Null) => true,
        (Shape::Text, Value::String(_)) => true,
        (Shape::Date, Value::String(_) | Value::Number(_)) => true,
        (Shape::Officials, Value::Sequence(_)) => true,
        (Shape::Names, Value::Sequence(items)) => items.iter().all(Value::is_string),
        (Shape::Flag, Value::Bool(_)) => true,
        (Shape::Map, Value::Mapping(_)) => true,
        _ => false,
    };
    if fits {
        return None;
    }
    let shown = match value {
        Value::Sequence(items) if shape == Shape::Names => {
            return items
                .iter()
                .find(|i| !i.is_string())
                .map(|item| format!("an entry `{}` that is not a name", scalar_text(item)));
        }
        Value::String(s) => format!("string {s:?}"),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::Sequence(_) => "sequence".to_string(),
        Value::Mapping(_) => "map".to_string(),
        Value::Null | Value::Tagged(_) => "a tagged value".to_string(),
    };
    Some(shown)
}

/// An entry of `officials`: a name, or a map of `name` (text) and optionally `role` (text).
fn official_shape(entry: &serde_yaml::Value) -> Result<(), ()> {
    use serde_yaml::Value;
    match entry {
        Value::String(_) => Ok(()),
        Value::Mapping(map) => {
            let known = map
                .keys()
                .all(|k| matches!(k.as_str(), Some("name" | "role")));
            let name = map.get("name").is_some_and(Value::is_string);
            let role = map.get("role").is_none_or(|r| r.is_string() || r.is_null());
            if known && name && role {
                Ok(())
            } else {
                Err(())
            }
        }
        _ => Err(()),
    }
}

/// Line and column (1-based, in characters) where the value of top-level `key` starts: after
/// `key:` on its line, or at the first item of a block on the lines below.
fn value_position(yaml: &str, key: &str) -> (usize, usize) {
    let Some(line) = key_line(yaml, key) else {
        return (1, 1);
    };
    let text = yaml.lines().nth(line - 1).unwrap_or_default();
    let after = text.find(':').map_or("", |i| &text[i + 1..]);
    let value = after.trim_start();
    if !value.is_empty() && !value.starts_with('#') {
        let column = text.len() - value.len();
        return (line, text[..column].chars().count() + 1);
    }
    for (i, below) in yaml.lines().enumerate().skip(line) {
        let trimmed = below.trim_start();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            return (
                i + 1,
                below[..below.len() - trimmed.len()].chars().count() + 1,
            );
        }
    }
    (line, 1)
}

/// A hint for a YAML error, from serde_yaml's message.
fn syntax_hint(message: &str) -> &'static str {
    if message.contains("recursion limit") {
        "the front matter nests lists or maps too deeply; write the values flat or under `extra:`"
    } else if message.contains("repetition limit") || message.contains("alias") {
        "the front matter expands YAML aliases (`*name`) into too many values; write the values out"
    } else {
        "YAML shows where it gave up: look at this line and the one before it (an unclosed `[` or quote, or a `: ` in an unquoted value)"
    }
}

/// serde_yaml appends " at line L column C" to messages; we show the place separately.
fn clean_yaml_message(message: &str) -> String {
    let base = match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    base.replace("invalid type: ", "")
}

#[cfg(test)]
#[path = "front_matter_tests.rs"]
mod tests;
