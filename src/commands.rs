//! The four commands, each turning CLI arguments into calls of the library's stages and the
//! outcome into text on stderr and an exit code.

use crate::cli::{BuildArgs, CheckArgs, EXIT_SITE_PROBLEM, ImportArgs, ServeArgs};
use crate::diagnostics::Diagnostics;
use crate::{BuildOptions, build as build_site};

/// Warnings shown one by one before the rest are summarised.
const WARNINGS_SHOWN: usize = 20;

/// Prints diagnostics to stderr: every error, and warnings up to a limit.
pub fn print_diagnostics(diagnostics: &Diagnostics, all_warnings: bool) {
    let mut warnings_shown = 0;
    for d in &diagnostics.items {
        if !d.is_error() {
            if !all_warnings && warnings_shown >= WARNINGS_SHOWN {
                continue;
            }
            warnings_shown += 1;
        }
        eprintln!("{d}");
    }
    let hidden = diagnostics.warning_count().saturating_sub(warnings_shown);
    if hidden > 0 {
        eprintln!("… and {hidden} more warnings (run `annals check` to see them all)\n");
    }
}

fn summary_counts(diagnostics: &Diagnostics) -> String {
    let (e, w) = (diagnostics.error_count(), diagnostics.warning_count());
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (e, w) {
        (0, w) => plural(w, "warning"),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

pub fn build(args: BuildArgs) -> anyhow::Result<u8> {
    let options = BuildOptions {
        root: args.root,
        output_dir: args.output_dir,
        base_url: args.base_url,
        drafts: args.drafts,
        force: args.force,
    };
    match build_site(&options) {
        Ok(report) => {
            print_diagnostics(&report.warnings, false);
            if report.up_to_date {
                eprintln!(
                    "`{}` is up to date: no input changed since the last build ({} reports, {} pages, {:.2}s)",
                    report.output_dir.display(),
                    report.reports,
                    report.pages,
                    report.elapsed.as_secs_f64()
                );
                return Ok(0);
            }
            eprintln!(
                "built {} reports into {} pages ({} files) in `{}` in {:.2}s{}",
                report.reports,
                report.pages,
                report.files,
                report.output_dir.display(),
                report.elapsed.as_secs_f64(),
                if report.warnings.items.is_empty() {
                    String::new()
                } else {
                    format!(" with {}", summary_counts(&report.warnings))
                }
            );
            Ok(0)
        }
        Err(problems) => {
            print_diagnostics(&problems, false);
            eprintln!(
                "build failed: {}; the previous output (if any) is untouched",
                summary_counts(&problems)
            );
            Ok(EXIT_SITE_PROBLEM)
        }
    }
}

pub fn serve(args: ServeArgs) -> anyhow::Result<u8> {
    crate::serve::run(args)
}

pub fn check(args: CheckArgs) -> anyhow::Result<u8> {
    let problems = crate::check::check_site(&args.root, args.drafts);
    print_diagnostics(&problems, true);
    let failed = problems.has_errors() || (args.strict && !problems.items.is_empty());
    if problems.items.is_empty() {
        eprintln!("check passed: no problems found");
    } else {
        let strict = if args.strict && !problems.has_errors() {
            " (--strict fails on warnings)"
        } else {
            ""
        };
        eprintln!(
            "check {}: {}{strict}",
            if failed { "failed" } else { "passed" },
            summary_counts(&problems)
        );
    }
    Ok(if failed { EXIT_SITE_PROBLEM } else { 0 })
}

/// `annals import`: scraped texts → reports under `content/` (see `crate::import`).
pub fn import(args: ImportArgs) -> anyhow::Result<u8> {
    let encoding = match args.encoding.as_deref() {
        None => None,
        Some(label) => match crate::import::encoding_for_label(label) {
            Some(encoding) => Some(encoding),
            None => {
                eprintln!("error: unknown encoding `{label}`");
                eprintln!("hint: use a label such as gbk, gb18030, big5 or utf-8");
                return Ok(crate::cli::EXIT_USAGE);
            }
        },
    };
    let options = crate::import::ImportOptions {
        root: args.root,
        draft: crate::import::DraftOptions {
            year: args.year,
            date: args.date,
            encoding,
        },
        dry_run: args.dry_run,
        force: args.force,
    };
    crate::import::run(&args.files, &options)
}
