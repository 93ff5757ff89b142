//! The checks `cargo test --benches` runs instead of the benchmark: the generator's calendar
//! arithmetic, a small archive that passes the front-matter check, and byte-identical output for
//! the same size. They never build a site and never look at a clock.

use crate::{generate, hugo_site, report, validate};
use std::fs;
use std::path::Path;

/// One check of the generator: `Err` says what is wrong.
type SelfCheck = fn() -> Result<(), String>;

/// What `cargo test --benches` runs: checks of the generator only, never a timing.
pub fn run() -> Result<(), String> {
    let checks: [(&str, SelfCheck); 3] = [
        ("calendar arithmetic", check_calendar),
        (
            "a small archive passes the front-matter check",
            check_small_archive,
        ),
        (
            "the same size gives byte-identical archives",
            check_deterministic,
        ),
    ];
    let mut failed = 0;
    for (name, check) in checks {
        match check() {
            Ok(()) => println!("archive self-check {name} ... ok"),
            Err(message) => {
                failed += 1;
                println!("archive self-check {name} ... FAILED\n  {message}");
            }
        }
    }
    println!("archive: {} passed, {failed} failed", checks.len() - failed);
    if failed > 0 {
        return Err(format!(
            "{failed} self-check(s) of the archive generator failed"
        ));
    }
    Ok(())
}

fn check_calendar() -> Result<(), String> {
    use report::{Date, date_from_days, days_from_civil};
    let cases = [
        ((1970, 1, 1), 0),
        ((2000, 3, 1), 11_017),
        ((2024, 2, 29), 19_782),
    ];
    for ((year, month, day), days) in cases {
        let got = days_from_civil(year, month, day);
        if got != days || date_from_days(days) != (Date { year, month, day }) {
            return Err(format!(
                "{year}-{month:02}-{day:02} is day {days}, the generator says {got}"
            ));
        }
    }
    Ok(())
}

fn generate_small(dir: &Path) -> Result<generate::Archive, String> {
    let (archive, _) = generate::ensure(dir, 60, &hugo_site())
        .map_err(|e| format!("cannot generate under `{}`: {e}", dir.display()))?;
    Ok(archive)
}

fn temp_dir() -> Result<tempfile::TempDir, String> {
    tempfile::tempdir().map_err(|e| format!("cannot create a temporary folder: {e}"))
}

fn check_small_archive() -> Result<(), String> {
    let temp = temp_dir()?;
    let archive = generate_small(temp.path())?;
    let summary = validate::check(&archive.annals_root, &archive.hugo_root)?;
    if summary.reports != 60 {
        return Err(format!("asked for 60 reports, found {}", summary.reports));
    }
    Ok(())
}

fn check_deterministic() -> Result<(), String> {
    let (first, second) = (temp_dir()?, temp_dir()?);
    generate_small(first.path())?;
    generate_small(second.path())?;
    for entry in walkdir::WalkDir::new(first.path())
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(first.path())
            .expect("walked under the root");
        let (a, b) = (
            fs::read(entry.path()),
            fs::read(second.path().join(relative)),
        );
        if a.ok() != b.ok() {
            return Err(format!(
                "`{}` differs between two generations",
                relative.display()
            ));
        }
    }
    Ok(())
}
