//! Writes a synthetic archive of N reports twice: as an annals site (`annals/`: `site.toml` and
//! `content/YYYY/MM/<slug>.md`) and as the equivalent Hugo site (`hugo/`: the same reports with
//! Hugo's front matter under `content/YYYY/MM/DD/<slug>.md`, year and month sections, and the
//! templates and configuration of `benches/hugo-site/`).
//!
//! An archive is generated once per size and kept under `<out>/<N>/`; a stamp file records the
//! generator version, so a changed generator regenerates instead of measuring stale input.

use crate::entities::{Entities, OFFICIAL_COUNT, RegistryEntry};
use crate::report::{self, Frequencies, Report};
use crate::rng::Zipf;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Bump whenever the generated files change, so cached archives are regenerated.
const GENERATOR_VERSION: u32 = 1;
/// The one seed of every generated archive.
pub const SEED: u64 = 0x414E_4E41_4C53; // "ANNALS"
const STAMP_FILE: &str = "GENERATED";

/// Where the two copies of one generated archive live.
#[derive(Debug, Clone)]
pub struct Archive {
    pub reports: usize,
    pub annals_root: PathBuf,
    pub hugo_root: PathBuf,
}

/// Returns the archive of `reports` reports under `out`, generating it unless a complete one of
/// the same generator version is already there. The Hugo templates are copied every time.
pub fn ensure(out: &Path, reports: usize, hugo_site: &Path) -> io::Result<(Archive, bool)> {
    let dir = out.join(reports.to_string());
    let archive = Archive {
        reports,
        annals_root: dir.join("annals"),
        hugo_root: dir.join("hugo"),
    };
    let stamp = format!(
        "annals bench archive: generator {GENERATOR_VERSION}, seed {SEED:#x}, {reports} reports\n"
    );
    let stamp_path = dir.join(STAMP_FILE);
    let fresh = fs::read_to_string(&stamp_path).ok().as_deref() != Some(stamp.as_str());
    if fresh {
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        write_archive(&archive)?;
        fs::write(&stamp_path, stamp)?;
    }
    copy_tree(hugo_site, &archive.hugo_root)?;
    Ok((archive, fresh))
}

/// How often each official, district and tag of `entities` appears in generated reports (the
/// search benchmark draws its reports with these too, in memory).
pub fn frequencies(entities: &Entities) -> Frequencies {
    Frequencies {
        officials: Zipf::new(OFFICIAL_COUNT, 1.0),
        districts: Zipf::new(entities.districts.len(), 0.7),
        tags: Zipf::new(entities.tags.len(), 0.8),
    }
}

fn write_archive(archive: &Archive) -> io::Result<()> {
    let entities = Entities::generate(SEED);
    let frequencies = frequencies(&entities);
    fs::create_dir_all(&archive.annals_root)?;
    fs::write(archive.annals_root.join("site.toml"), site_toml(&entities))?;
    let months: std::collections::BTreeSet<(i64, u32)> = (0..archive.reports)
        .into_par_iter()
        .map(|index| -> io::Result<(i64, u32)> {
            let report = report::generate(SEED, index, &entities, &frequencies);
            let (year, month, day) = (report.date.year, report.date.month, report.date.day);
            let annals_file = archive
                .annals_root
                .join(format!("content/{year}/{month:02}/{}.md", report.slug));
            write_file(&annals_file, &annals_markdown(&report, &entities))?;
            let hugo_file = archive.hugo_root.join(format!(
                "content/{year}/{month:02}/{day:02}/{}.md",
                report.slug
            ));
            write_file(&hugo_file, &hugo_markdown(&report, &entities))?;
            Ok((year, month))
        })
        .collect::<io::Result<_>>()?;
    // Hugo makes a folder a section (with its own paginated list) only when it has `_index.md`.
    for &(year, month) in &months {
        let year_index = archive.hugo_root.join(format!("content/{year}/_index.md"));
        if !year_index.exists() {
            write_file(&year_index, &format!("---\ntitle: \"{year}年\"\n---\n"))?;
        }
        let month_index = archive
            .hugo_root
            .join(format!("content/{year}/{month:02}/_index.md"));
        write_file(
            &month_index,
            &format!("---\ntitle: \"{year}年{month}月\"\n---\n"),
        )?;
    }
    Ok(())
}

fn site_toml(entities: &Entities) -> String {
    let mut toml = String::from(
        "title = \"臨江市新聞檔案\"\nbase_url = \"https://archive.linjiang.example\"\nlanguage = \"zh-Hant\"\npaginate = 20\n",
    );
    let mut registry = |table: &str, entries: &[RegistryEntry]| {
        for entry in entries {
            let _ = write!(
                toml,
                "\n[{table}.\"{}\"]\nslug = \"{}\"\n",
                entry.name, entry.slug
            );
            if !entry.aliases.is_empty() {
                let aliases: Vec<String> =
                    entry.aliases.iter().map(|a| format!("\"{a}\"")).collect();
                let _ = writeln!(toml, "aliases = [{}]", aliases.join(", "));
            }
        }
    };
    registry("officials", &entities.official_registry);
    registry("districts", &entities.district_registry);
    toml
}

/// The report as annals reads it: officials mix `{name, role}` maps and plain names.
pub fn annals_markdown(report: &Report, entities: &Entities) -> String {
    let mut md = String::with_capacity(report.body.len() + 512);
    let date = report.date;
    let _ = write!(
        md,
        "---\ntitle: \"{}\"\ndate: {}-{:02}-{:02}\nofficials:\n",
        report.title, date.year, date.month, date.day
    );
    for &(rank, as_map) in &report.officials {
        let official = &entities.officials[rank];
        if as_map {
            let _ = write!(
                md,
                "  - name: \"{}\"\n    role: \"{}\"\n",
                official.name, official.role
            );
        } else {
            let _ = writeln!(md, "  - \"{}\"", official.name);
        }
    }
    let districts: Vec<&str> = report
        .districts
        .iter()
        .map(|(_, spelling)| spelling.as_str())
        .collect();
    let _ = writeln!(md, "districts: {}", yaml_list(&districts));
    let tags: Vec<&str> = report.tags.iter().map(|&t| entities.tags[t]).collect();
    let _ = writeln!(md, "tags: {}", yaml_list(&tags));
    optional_fields(&mut md, report);
    md.push_str("---\n");
    md.push_str(&report.body);
    md
}

/// The same report for Hugo: taxonomies as plain canonical names (Hugo has no alias registry).
pub fn hugo_markdown(report: &Report, entities: &Entities) -> String {
    let mut md = String::with_capacity(report.body.len() + 512);
    let date = report.date;
    let officials: Vec<&str> = report
        .officials
        .iter()
        .map(|&(r, _)| entities.officials[r].name.as_str())
        .collect();
    let districts: Vec<&str> = report
        .districts
        .iter()
        .map(|&(d, _)| entities.districts[d])
        .collect();
    let tags: Vec<&str> = report.tags.iter().map(|&t| entities.tags[t]).collect();
    let _ = write!(
        md,
        "---\ntitle: \"{}\"\ndate: {}-{:02}-{:02}\nofficials: {}\ndistricts: {}\ntags: {}\n",
        report.title,
        date.year,
        date.month,
        date.day,
        yaml_list(&officials),
        yaml_list(&districts),
        yaml_list(&tags)
    );
    optional_fields(&mut md, report);
    md.push_str("---\n");
    md.push_str(&report.body);
    md
}

fn optional_fields(md: &mut String, report: &Report) {
    if let Some(summary) = &report.summary {
        let _ = writeln!(md, "summary: \"{summary}\"");
    }
    if let Some(source) = &report.source {
        let _ = writeln!(md, "source: {source}");
    }
    if report.draft {
        md.push_str("draft: true\n");
    }
}

fn yaml_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("\"{item}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

fn write_file(path: &Path, text: &str) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, text)
}

/// Copies every file under `from` into `to`, keeping relative paths (overwrites).
fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.map_err(io::Error::other)?;
        let relative = entry.path().strip_prefix(from).map_err(io::Error::other)?;
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
