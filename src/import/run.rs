//! The file-system side of `annals import`: read each input (a file or standard input), draft the
//! report, and write it to `content/YYYY/MM/<slug>.md` under the site root, or print it with
//! `--dry-run`.
//!
//! One bad input never stops the others: each input yields its report or its problem, in order,
//! and the command prints them (exit status 1 when any failed). An existing report is never replaced without `--force`
//! ([`crate::report_file::write_new`]).

use super::{DraftOptions, draft_from_bytes};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, display_path};
use crate::report_file::{WriteError, shown_path, write_new};
use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// How messages name standard input (the file `-`).
const STDIN_NAME: &str = "<stdin>";

/// What `annals import` was asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The site folder (holding site.toml and content/).
    pub root: PathBuf,
    /// `--year`, `--date` and `--encoding`.
    pub draft: DraftOptions,
    /// Print the reports on stdout instead of writing them.
    pub dry_run: bool,
    /// Replace reports that already exist.
    pub force: bool,
}

/// One input that became a report.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The input as messages name it (`<stdin>` for standard input).
    pub from: PathBuf,
    /// The report file, as shown to the user.
    pub to: PathBuf,
    /// What was found: date, officials, districts, removed artifacts, lines to check.
    pub summary: String,
    /// The report's text (printed instead of written with `--dry-run`).
    pub markdown: String,
    /// With `--dry-run`: the report exists already, so importing would need `--force`.
    pub would_overwrite: bool,
}

/// Imports every file of `files` (`-` is standard input), in order: each becomes a report, or
/// its problem. `Err` when the site itself cannot be read (no or broken `site.toml`).
pub fn run(
    files: &[PathBuf],
    options: &ImportOptions,
) -> Result<Vec<Result<Imported, Box<Diagnostic>>>, Vec<Diagnostic>> {
    let config = Config::load(&options.root)?;
    // Reports written in this run, by path, with the input they came from.
    let mut written: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    Ok(files
        .iter()
        .map(|file| import_one(file, options, &config, &mut written))
        .collect())
}

fn import_one(
    file: &Path,
    options: &ImportOptions,
    config: &Config,
    written: &mut BTreeMap<PathBuf, PathBuf>,
) -> Result<Imported, Box<Diagnostic>> {
    let bytes = read_input(file)?;
    // Messages name standard input `<stdin>`, not `-`.
    let input = if file == Path::new("-") {
        Path::new(STDIN_NAME)
    } else {
        file
    };
    let draft = draft_from_bytes(&bytes, input, &options.draft, config)?;
    let relative = draft.relative_path();
    let target = shown_path(&options.root, &relative);
    let markdown = draft.to_markdown();
    if let Some(earlier) = written.get(&relative) {
        let message = format!(
            "`{}` and `{}` would both become `{}`",
            display_path(earlier),
            display_path(input),
            display_path(&target)
        );
        return Err(Box::new(Diagnostic::error(input, message).with_hint(
            "import one of them on its own and rename the report it makes",
        )));
    }
    let would_overwrite = options.dry_run && target.exists() && !options.force;
    if !options.dry_run {
        write_new(&target, &markdown, options.force)
            .map_err(|problem| write_problem(problem, input))?;
    }
    written.insert(relative, input.to_path_buf());
    Ok(Imported {
        from: input.to_path_buf(),
        to: target,
        summary: draft.summary(),
        markdown,
        would_overwrite,
    })
}

/// The bytes of `file`, or of standard input for `-`.
fn read_input(file: &Path) -> Result<Vec<u8>, Box<Diagnostic>> {
    let stdin = file == Path::new("-");
    let shown = if stdin {
        STDIN_NAME.to_string()
    } else {
        display_path(file)
    };
    if stdin {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        fs::read(file)
    }
    .map_err(|e| {
        Box::new(Diagnostic::error(
            file,
            format!("cannot read `{shown}`: {e}"),
        ))
    })
}

/// A failed write as a diagnostic naming the input it came from.
fn write_problem(problem: WriteError, input: &Path) -> Box<Diagnostic> {
    Box::new(match problem {
        WriteError::Exists(path) => Diagnostic::error(
            input,
            format!(
                "report `{}` already exists (imported from `{}`)",
                display_path(&path),
                display_path(input)
            ),
        )
        .with_hint("pass --force to overwrite it"),
        WriteError::Io(path, e) => Diagnostic::error(
            input,
            format!("cannot write `{}`: {e}", display_path(&path)),
        ),
    })
}
