//! The file-system side of `annals import`: read each input (a file or standard input), draft the
//! report, and write it to `content/YYYY/MM/<slug>.md` under the site root, or print it with
//! `--dry-run`.
//!
//! One bad input never stops the others: its problem is printed, the run goes on, and the exit
//! status is 1 at the end. An existing report is never replaced without `--force`
//! ([`crate::report_file::write_new`]).

use super::draft_report;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, display_path};
use crate::report_file::{WriteError, shown_path, write_new};
use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// How messages name standard input (the file `-`).
const STDIN_NAME: &str = "<stdin>";

/// What `annals import` was asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The site folder (holding site.toml and content/).
    pub root: PathBuf,
    /// The year of dates written without one.
    pub year: Option<i32>,
    /// Print the reports on stdout instead of writing them.
    pub dry_run: bool,
    /// Replace reports that already exist.
    pub force: bool,
}

/// Imports every file of `files` (`-` is standard input) and returns the exit status: 0 when
/// every input became a report, 1 when any could not (each problem printed on stderr).
pub fn run(files: &[PathBuf], options: &ImportOptions) -> anyhow::Result<u8> {
    let config = match Config::load(&options.root) {
        Ok(config) => config,
        Err(problems) => {
            for problem in problems {
                eprint!("{problem}");
            }
            return Ok(1);
        }
    };
    let mut failed = 0;
    // Reports written in this run, by path, with the input they came from.
    let mut written: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    for file in files {
        if let Err(problem) = import_one(file, options, &config, &mut written) {
            eprint!("{problem}");
            failed += 1;
        }
    }
    if failed > 0 {
        eprintln!(
            "error: {failed} of {} input(s) could not be imported",
            files.len()
        );
        return Ok(1);
    }
    Ok(0)
}

fn import_one(
    file: &Path,
    options: &ImportOptions,
    config: &Config,
    written: &mut BTreeMap<PathBuf, PathBuf>,
) -> Result<(), Box<Diagnostic>> {
    let text = read_input(file)?;
    // Messages name standard input `<stdin>`, not `-`.
    let input = if file == Path::new("-") {
        Path::new(STDIN_NAME)
    } else {
        file
    };
    let draft = draft_report(&text, input, options.year, config)?;
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
    let (from, to) = (display_path(input), display_path(&target));
    if options.dry_run {
        eprintln!("would write `{to}` from `{from}`\n{}", draft.summary());
        if target.exists() && !options.force {
            eprintln!("warning: `{to}` already exists; importing would need --force");
        }
        print!("{markdown}");
        io::stdout().flush().ok();
    } else {
        write_new(&target, &markdown, options.force)
            .map_err(|problem| write_problem(problem, input))?;
        eprintln!("imported `{from}` → `{to}`\n{}", draft.summary());
    }
    written.insert(relative, input.to_path_buf());
    Ok(())
}

/// The text of `file`, or of standard input for `-`.
fn read_input(file: &Path) -> Result<String, Box<Diagnostic>> {
    let stdin = file == Path::new("-");
    let shown = if stdin {
        STDIN_NAME.to_string()
    } else {
        display_path(file)
    };
    let bytes = if stdin {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        fs::read(file)
    }
    .map_err(|e| Diagnostic::error(file, format!("cannot read `{shown}`: {e}")))?;
    String::from_utf8(bytes).map_err(|_| {
        Box::new(
            Diagnostic::error(file, format!("`{shown}` is not UTF-8 text"))
                .with_hint("convert it first, e.g. `iconv -f GB18030 -t UTF-8`"),
        )
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
