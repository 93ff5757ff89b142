//! `annals new`: a report file with its front matter filled in, at `content/YYYY/MM/<slug>.md`.
//!
//! Typing front matter by hand is where most of the problems `check` reports come from, so the
//! report is written from options, never from free text: the title becomes a pinyin slug
//! ([`report_slug`]), officials and districts are looked up in the registries of `site.toml` (an
//! alias becomes the canonical name; a near miss of a registered name is refused with a
//! did-you-mean), and the file is created with the same no-overwrite rule as `annals import`
//! ([`write_new`]).

use crate::config::{CONFIG_FILE, Config, EntityKind as Kind, Likeness, Registry};
use crate::diagnostics::{Diagnostic, display_path};
use crate::report_file::{
    FrontMatter, NamedOfficial, WriteError, report_path, shown_path, write_new,
};
use crate::text::normalize_name;
use crate::text::slug::report_slug;
use jiff::civil::Date;
use std::path::PathBuf;

/// What `annals new` was asked to write.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// The site folder (holding site.toml and content/).
    pub root: PathBuf,
    pub title: String,
    pub date: Date,
    /// Officials as given, each a name (any registered spelling) and an optional role.
    pub officials: Vec<NamedOfficial>,
    pub districts: Vec<String>,
    pub tags: Vec<String>,
    /// The file name and URL slug; default: the title in pinyin.
    pub slug: Option<String>,
    /// Write `draft: true`.
    pub draft: bool,
    /// Replace a report that already exists.
    pub force: bool,
}

/// A report written by `annals new`.
#[derive(Debug, Clone)]
pub struct NewReport {
    /// The file, as the user names it: `ROOT/content/YYYY/MM/<slug>.md` (no `./`).
    pub path: PathBuf,
    /// Names kept as written although the registry does not list them.
    pub warnings: Vec<Diagnostic>,
}

/// Writes the report. Every problem (an unreadable site.toml, each misspelt name, an existing
/// file) is returned, and then nothing is written.
pub fn new_report(options: &NewOptions) -> Result<NewReport, Vec<Diagnostic>> {
    let config = Config::load(&options.root)?;
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut officials: Vec<NamedOfficial> = Vec::new();
    for official in &options.officials {
        let Some(name) = resolve(
            Kind::Official,
            &config.officials,
            &official.name,
            &mut problems,
            &mut warnings,
        ) else {
            continue;
        };
        if !officials.iter().any(|o| o.name == name) {
            let role = official.role.as_deref().map(normalize_name);
            officials.push(NamedOfficial {
                name,
                role: role.filter(|r| !r.is_empty()),
            });
        }
    }
    let mut districts = Vec::new();
    for district in &options.districts {
        if let Some(name) = resolve(
            Kind::District,
            &config.districts,
            district,
            &mut problems,
            &mut warnings,
        ) {
            push_unique(&mut districts, name);
        }
    }
    let mut tags = Vec::new();
    for tag in &options.tags {
        push_unique(&mut tags, normalize_name(tag));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let title = normalize_name(&options.title);
    let slug = options.slug.clone().unwrap_or_else(|| report_slug(&title));
    let relative = report_path(options.date, &slug);
    let path = shown_path(&options.root, &relative);
    let front = FrontMatter {
        title: &title,
        date: Some(options.date),
        officials: &officials,
        districts: &districts,
        tags: &tags,
        draft: options.draft,
        ..FrontMatter::default()
    };
    let text = format!("{}\n", front.to_yaml());
    write_new(&options.root.join(&relative), &text, options.force)
        .map_err(|problem| vec![write_problem(problem, &path)])?;
    Ok(NewReport { path, warnings })
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !value.is_empty() && !list.contains(&value) {
        list.push(value);
    }
}

/// The canonical name of `written`: the registered name for any registered spelling, the name as
/// written when the registry is empty or has nothing like it (with a warning when the registry is
/// not empty), and `None` with an error when it is one character or one script away from a
/// registered name.
fn resolve(
    kind: Kind,
    registry: &Registry,
    written: &str,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<String> {
    let name = normalize_name(written);
    if name.is_empty() {
        return None;
    }
    if registry.is_empty() {
        return Some(name);
    }
    if let Some(entry) = registry.lookup(&name) {
        return Some(entry.name.clone());
    }
    let key = kind.key();
    let message = format!(
        "{} `{name}` is not in the registry of `{CONFIG_FILE}`",
        kind.word()
    );
    match registry.closest(&name) {
        Some((canonical, likeness)) => {
            let hint = match likeness {
                Likeness::Script => format!(
                    "`{name}` is `{canonical}` in the other script: write `{canonical}`, or list `{name}` under `aliases` of [{key}.\"{canonical}\"]"
                ),
                Likeness::Spelling => format!(
                    "did you mean `{canonical}`? if `{name}` is another spelling of it, list it under `aliases` of [{key}.\"{canonical}\"]; if it is someone else, register [{key}.\"{name}\"]"
                ),
            };
            problems.push(Diagnostic::error(CONFIG_FILE, message).with_hint(hint));
            None
        }
        None => {
            warnings.push(Diagnostic::warning(CONFIG_FILE, message).with_hint(format!(
                "written as given; register it as [{key}.\"{name}\"] in `{CONFIG_FILE}`, or `annals check` will warn about it"
            )));
            Some(name)
        }
    }
}

fn write_problem(problem: WriteError, shown: &std::path::Path) -> Diagnostic {
    match problem {
        WriteError::Exists(_) => Diagnostic::error(
            shown,
            format!("report `{}` already exists", display_path(shown)),
        )
        .with_hint("give this report another --slug, or pass --force to overwrite it"),
        WriteError::Io(path, e) => Diagnostic::error(
            shown,
            format!("cannot write `{}`: {e}", display_path(&path)),
        ),
    }
}

#[cfg(test)]
#[path = "new_report_tests.rs"]
mod tests;
