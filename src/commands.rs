//! The binary side of every command: [`run`] dispatches a parsed command line, and each command
//! turns its flags into the library's option struct, calls the library, and turns the typed
//! outcome into text on stderr (through the one diagnostics printer) and an exit code.

use crate::cli::{
    BuildArgs, CheckArgs, Cli, CompletionsArgs, DeployArgs, EXIT_SITE_PROBLEM, EXIT_USAGE,
    ImportArgs, InitArgs, ManArgs, NewArgs, ServeArgs,
};
use crate::diagnostics::{Diagnostics, display_path};
use crate::scaffold::{self, InitError, InitOptions, Language, NewOptions};
use crate::{BuildOptions, build as build_site};
use anyhow::Context;
use clap::CommandFactory;
use std::io::{self, IsTerminal, Write};
use std::path::Path;

/// Runs a parsed command and returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    let outcome = match cli.command {
        crate::cli::Command::Build(args) => build(args),
        crate::cli::Command::Serve(args) => serve(args),
        crate::cli::Command::Check(args) => check(args),
        crate::cli::Command::Import(args) => import(args),
        crate::cli::Command::Deploy(args) => deploy(args),
        crate::cli::Command::Init(args) => init(args),
        crate::cli::Command::New(args) => new(args),
        crate::cli::Command::Completions(args) => completions(args),
        crate::cli::Command::Man(args) => man(args),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            EXIT_SITE_PROBLEM
        }
    }
}

pub use crate::diagnostics::print as print_diagnostics;

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
        full: args.full,
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
                "built {} reports{} into {} pages ({} files) in `{}` in {:.2}s{}{}",
                report.reports,
                if report.reports_unchanged > 0 {
                    format!(
                        " ({} read, {} unchanged)",
                        report.reports - report.reports_unchanged.min(report.reports),
                        report.reports_unchanged
                    )
                } else {
                    String::new()
                },
                report.pages,
                report.files,
                report.output_dir.display(),
                report.elapsed.as_secs_f64(),
                if report.kept > 0 {
                    format!(
                        " ({} pages rendered, {} unchanged kept)",
                        report.pages.saturating_sub(report.kept),
                        report.kept
                    )
                } else {
                    String::new()
                },
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
    let options = crate::serve::ServeOptions {
        root: args.root,
        interface: args.interface,
        port: args.port,
        drafts: args.drafts,
        open: args.open,
        allow_hosts: args.allow_host,
    };
    match crate::serve::run(&options) {
        Ok(()) => Ok(0),
        Err(e) => {
            eprintln!("error: {e}");
            Ok(if e.is_site_problem() {
                EXIT_SITE_PROBLEM
            } else {
                EXIT_USAGE
            })
        }
    }
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
    let results = match crate::import::run(&args.files, &options) {
        Ok(results) => results,
        Err(problems) => {
            print_diagnostics(&Diagnostics { items: problems }, true);
            return Ok(EXIT_SITE_PROBLEM);
        }
    };
    let mut failed = 0;
    for result in &results {
        match result {
            Ok(done) => print_imported(done, options.dry_run),
            Err(problem) => {
                failed += 1;
                print_diagnostics(
                    &Diagnostics {
                        items: vec![(**problem).clone()],
                    },
                    true,
                );
            }
        }
    }
    if failed > 0 {
        eprintln!(
            "error: {failed} of {} input(s) could not be imported",
            results.len()
        );
        return Ok(EXIT_SITE_PROBLEM);
    }
    Ok(0)
}

/// What one imported input says: the report's path and what was found (with `--dry-run`, the
/// report itself on stdout).
fn print_imported(done: &crate::import::Imported, dry_run: bool) {
    let (from, to) = (display_path(&done.from), display_path(&done.to));
    if dry_run {
        eprintln!("would write `{to}` from `{from}`\n{}", done.summary);
        if done.would_overwrite {
            eprintln!("warning: `{to}` already exists; importing would need --force");
        }
        print!("{}", done.markdown);
        io::stdout().flush().ok();
    } else {
        eprintln!("imported `{from}` → `{to}`\n{}", done.summary);
    }
}

/// Today in the local time zone: the default date of `new` and of the example report.
fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

/// `annals init`: asks for the title and language on a terminal when no flag is given.
pub fn init(args: InitArgs) -> anyhow::Result<u8> {
    let flags_given = args.title.is_some() || args.language.is_some() || args.base_url.is_some();
    let mut title = args
        .title
        .unwrap_or_else(|| scaffold::default_title(&args.dir));
    let mut language = args
        .language
        .as_deref()
        .and_then(Language::from_tag)
        .unwrap_or(Language::En);
    if !flags_given && io::stdin().is_terminal() && io::stderr().is_terminal() {
        let answers = scaffold::prompt::ask_site(
            &mut io::stdin().lock(),
            &mut io::stderr(),
            &title,
            language,
        )
        .context("cannot read the answers")?;
        (title, language) = (answers.title, answers.language);
    }
    let options = InitOptions {
        dir: args.dir,
        title,
        language,
        base_url: args.base_url,
        force: args.force,
        today: today(),
    };
    let shown = display_path(&options.dir);
    match scaffold::init(&options) {
        Ok(outcome) => {
            eprintln!("created a site in `{shown}` ({}):", language.tag());
            for path in &outcome.created {
                let note = if *path == outcome.example {
                    "   (an example report)"
                } else {
                    ""
                };
                eprintln!("  {}{note}", display_path(path));
            }
            for path in &outcome.kept {
                eprintln!("  {}   (exists: kept as it was)", display_path(path));
            }
            if options.base_url.is_none() {
                eprintln!(
                    "set `base_url` in site.toml to the site's address before publishing (now {})",
                    scaffold::PLACEHOLDER_BASE_URL
                );
            }
            let root = if options.dir == Path::new(".") {
                String::new()
            } else {
                format!(" --root {}", shell_word(&shown))
            };
            eprintln!("next:");
            eprintln!("  annals new{root} \"TITLE\" --official NAME:ROLE   # write a report");
            eprintln!(
                "  annals serve{root}   # preview at http://127.0.0.1:1111, reloading on every change"
            );
            Ok(0)
        }
        Err(problem) => Ok(init_failure(problem, &shown)),
    }
}

/// Prints why init created nothing and returns the exit status.
fn init_failure(problem: InitError, shown: &str) -> u8 {
    match problem {
        InitError::NotEmpty { entries, more, .. } => {
            let mut listed: Vec<String> = entries.iter().map(|e| format!("`{e}`")).collect();
            if more > 0 {
                listed.push(format!("{more} more"));
            }
            eprintln!(
                "error: `{shown}` is not empty (it holds {}); nothing was created\n  = hint: name a new folder (`annals init my-archive`), or pass --force to add the site's files beside these (no file is ever overwritten)",
                listed.join(", ")
            );
            EXIT_SITE_PROBLEM
        }
        InitError::NotAFolder(_) => {
            eprintln!(
                "error: `{shown}` is a file, not a folder\n  = hint: name a folder for the site"
            );
            EXIT_SITE_PROBLEM
        }
        InitError::InvalidConfig(problems) => {
            for problem in problems {
                eprintln!("error: {}", problem.message);
                if let Some(hint) = problem.hint {
                    eprintln!("  = hint: {hint}");
                }
            }
            EXIT_USAGE
        }
        InitError::Read(path, e) => {
            eprintln!("error: cannot read `{}`: {e}", display_path(&path));
            EXIT_SITE_PROBLEM
        }
        InitError::Write(problem) => {
            eprintln!(
                "error: {problem}; the site in `{shown}` is incomplete\n  = hint: fix the cause and run `annals init --force {shown}` to add the missing files"
            );
            EXIT_SITE_PROBLEM
        }
    }
}

/// `text` quoted for a POSIX shell where it needs it.
fn shell_word(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// `annals new`: prints the path of the report written (on stdout, for scripts).
pub fn new(args: NewArgs) -> anyhow::Result<u8> {
    let options = NewOptions {
        root: args.root,
        title: args.title,
        date: args.date.unwrap_or_else(today),
        officials: args.officials,
        districts: args.districts,
        tags: args.tags,
        slug: args.slug,
        draft: args.draft,
        force: args.force,
    };
    let report = match scaffold::new_report(&options) {
        Ok(report) => report,
        Err(problems) => {
            for problem in problems {
                eprint!("{problem}");
            }
            eprintln!("error: no report written");
            return Ok(EXIT_SITE_PROBLEM);
        }
    };
    for warning in &report.warnings {
        eprint!("{warning}");
    }
    println!("{}", display_path(&report.path));
    if args.edit {
        let editor = scaffold::editor::chosen_editor(
            std::env::var("VISUAL").ok(),
            std::env::var("EDITOR").ok(),
        );
        if let Err(problem) = scaffold::editor::open_in_editor(editor.as_deref(), &report.path) {
            eprintln!(
                "error: {problem}; the report is written at `{}`\n  = hint: set the EDITOR environment variable to your editor, e.g. `export EDITOR=nano`",
                display_path(&report.path)
            );
            return Ok(EXIT_SITE_PROBLEM);
        }
    }
    Ok(0)
}

/// `annals completions SHELL`: the completion script, generated from the clap definitions.
pub fn completions(args: CompletionsArgs) -> anyhow::Result<u8> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "annals", &mut script);
    io::stdout().write_all(&script)?;
    Ok(0)
}

/// `annals man`: the man page on stdout, or every command's page written into `--dir`.
pub fn man(args: ManArgs) -> anyhow::Result<u8> {
    let command = Cli::command();
    let Some(dir) = args.dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(command).render(&mut page)?;
        io::stdout().write_all(&page)?;
        return Ok(0);
    };
    let shown = display_path(&dir);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create `{shown}`"))?;
    clap_mangen::generate_to(command, &dir)
        .with_context(|| format!("cannot write the man pages into `{shown}`"))?;
    eprintln!("wrote the man pages into `{shown}`; read them with `man -l {shown}/annals.1`");
    Ok(0)
}

/// Paths of stale or foreign files listed one by one before the rest are counted.
const PATHS_SHOWN: usize = 20;

/// A progress bar over the uploads, on terminals only.
struct UploadBar(indicatif::ProgressBar);

impl crate::deploy::Progress for UploadBar {
    fn start(&self, files: usize, _bytes: u64) {
        self.0.set_length(files as u64);
    }
    fn uploaded(&self, _path: &str, _bytes: u64) {
        self.0.inc(1);
    }
}

fn upload_bar() -> UploadBar {
    if !std::io::stderr().is_terminal() {
        return UploadBar(indicatif::ProgressBar::hidden());
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} uploading {pos}/{len} files {wide_bar} {eta}",
    ) {
        bar.set_style(style);
    }
    UploadBar(bar)
}

fn print_paths(paths: &[String]) {
    for path in paths.iter().take(PATHS_SHOWN) {
        eprintln!("  {path}");
    }
    if paths.len() > PATHS_SHOWN {
        eprintln!("  … and {} more", paths.len() - PATHS_SHOWN);
    }
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GiB", b as f64 / (1u64 << 30) as f64),
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / (1u64 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{b} bytes"),
    }
}

/// `annals deploy`: uploads the built site (see `crate::deploy`); prints the plan with
/// `--dry-run`, else a progress bar and a summary.
pub fn deploy(args: DeployArgs) -> anyhow::Result<u8> {
    use crate::deploy::DeployOptions;
    let options = DeployOptions {
        root: args.root,
        output_dir: args.output_dir,
        target: args.target,
        dry_run: args.dry_run,
        delete: args.delete,
        force: args.force,
        jobs: usize::from(args.jobs),
    };
    let bar = upload_bar();
    let outcome = crate::deploy::deploy(&options, &bar);
    bar.0.finish_and_clear();
    match outcome {
        Ok(report) => {
            print_deploy_report(&report, options.delete);
            Ok(0)
        }
        Err(error) => Ok(print_deploy_error(error)),
    }
}

/// Prints why a deploy did not happen or did not finish; returns the exit code.
fn print_deploy_error(error: crate::deploy::DeployError) -> u8 {
    use crate::deploy::DeployError;
    match error {
        DeployError::Config(problems) => {
            print_diagnostics(&problems, false);
            EXIT_SITE_PROBLEM
        }
        DeployError::Usage { message, hint } => {
            eprintln!("error: {message}\n  = hint: {hint}");
            EXIT_USAGE
        }
        DeployError::Failed {
            message,
            hint,
            uploaded,
        } => {
            eprintln!("error: {message}\n  = hint: {hint}");
            if uploaded > 0 {
                eprintln!(
                    "{uploaded} files were uploaded before the deploy stopped; run it again to finish"
                );
            }
            EXIT_SITE_PROBLEM
        }
    }
}

/// Prints the plan (dry run), stale and foreign files, and the summary line.
fn print_deploy_report(report: &crate::deploy::DeployReport, delete: bool) {
    use crate::deploy::plan::Reason;
    if report.dry_run {
        for upload in &report.planned {
            let why = match upload.reason {
                Reason::New => "new",
                Reason::Changed => "changed",
                Reason::Forced => "forced",
            };
            println!("upload {why:<7} {}", upload.file.path);
        }
        for path in &report.stale {
            println!("{} {path}", if delete { "delete" } else { "stale " });
        }
    }
    if !report.stale.is_empty() && !report.dry_run {
        eprintln!(
            "{} stale files (published earlier, no longer in the site) were kept; pass --delete to remove them:",
            report.stale.len()
        );
        print_paths(&report.stale);
    }
    if !report.foreign.is_empty() {
        eprintln!(
            "{} files on the target were not published by annals and are left alone:",
            report.foreign.len()
        );
        print_paths(&report.foreign);
    }
    let seconds = report.elapsed.as_secs_f64();
    if report.dry_run {
        eprintln!(
            "dry run for `{}` ({}): {} to upload ({}), {} unchanged, {} to delete{}; nothing was changed",
            report.target,
            report.url,
            report.planned.len(),
            size(report.bytes),
            report.unchanged,
            if delete { report.stale.len() } else { 0 },
            if delete || report.stale.is_empty() {
                String::new()
            } else {
                format!(", {} stale kept without --delete", report.stale.len())
            },
        );
    } else {
        eprintln!(
            "deployed to `{}` ({}): {} uploaded ({}), {} unchanged, {} deleted in {seconds:.2}s ({:.0} files/s)",
            report.target,
            report.url,
            report.uploaded,
            size(report.bytes),
            report.unchanged,
            report.deleted.len(),
            (report.uploaded + report.unchanged) as f64 / seconds.max(0.001),
        );
    }
}
