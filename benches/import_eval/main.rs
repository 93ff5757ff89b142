//! Scores `annals import` on a folder of real, hand-annotated news pages.
//!
//! ```text
//! cargo bench --bench import_eval -- PAGES_DIR [--annotations FILE] [--verbose]
//! ```
//!
//! The pages are copies of public web pages and are kept outside the repository; the annotations
//! (`benches/import_eval/annotations.toml`, written by hand) say what a careful editor expects
//! from each: the meeting date, a usable headline, the officials with their roles as written and
//! the districts. Every page goes through the importer exactly as `annals import` runs it (bytes
//! in, the page's arguments such as `--year` applied), and the table printed compares the draft
//! with the annotation: recall and precision of officials and districts, roles exactly as written,
//! dates right, titles usable. A page annotated `date = "refuse"` scores its date when the
//! importer refuses it asking for `--date`; its other fields are then scored on the import run
//! again with `--date`, as a user would after that hint. `--verbose` lists every difference, page
//! by page.

mod score;

use annals::config::Config;
use annals::import::{DraftOptions, draft_from_bytes};
use score::{PageResult, Tally};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One annotated page (see the header of annotations.toml).
#[derive(Debug, Deserialize)]
struct Page {
    file: String,
    region: String,
    script: String,
    #[serde(default)]
    province: String,
    site: String,
    #[serde(default)]
    args: Vec<String>,
    date: String,
    titles: Vec<String>,
    officials: Vec<String>,
    districts: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Annotations {
    page: Vec<Page>,
}

fn main() -> ExitCode {
    let mut dir: Option<PathBuf> = None;
    let mut annotations =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/import_eval/annotations.toml");
    let mut verbose = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--annotations" => annotations = args.next().map(PathBuf::from).unwrap_or_default(),
            "--verbose" => verbose = true,
            // `cargo bench` adds `--bench`; other flags belong to cargo's harness protocol.
            flag if flag.starts_with("--") => {}
            folder => dir = Some(PathBuf::from(folder)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: cargo bench --bench import_eval -- PAGES_DIR [--verbose]");
        eprintln!("(no pages folder given: nothing to score)");
        return ExitCode::SUCCESS;
    };
    let text = match std::fs::read_to_string(&annotations) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read `{}`: {e}", annotations.display());
            return ExitCode::from(1);
        }
    };
    let pages: Annotations = match toml::from_str(&text) {
        Ok(pages) => pages,
        Err(e) => {
            eprintln!("cannot parse `{}`: {e}", annotations.display());
            return ExitCode::from(1);
        }
    };
    let mut results = Vec::new();
    for page in &pages.page {
        match score_page(&dir, page) {
            Ok(result) => results.push(result),
            Err(message) => {
                eprintln!("{message}");
                return ExitCode::from(1);
            }
        }
    }
    if verbose {
        for result in &results {
            print!("{}", result.differences());
        }
    }
    print_summary(&pages.page, &results);
    ExitCode::SUCCESS
}

/// Imports one page as `annals import ARGS FILE` would and compares the draft with its annotation.
fn score_page(dir: &Path, page: &Page) -> Result<PageResult, String> {
    let path = dir.join(&page.file);
    let bytes =
        std::fs::read(&path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let site = format!(
        "title = {:?}\nbase_url = \"https://archive.example.org\"\n",
        page.site
    );
    let config = Config::parse(&site).map_err(|_| format!("bad site title for {}", page.file))?;
    let mut options = options_from_args(&page.args)?;
    let draft = draft_from_bytes(&bytes, &path, &options, &config);
    let mut result = PageResult::compare(
        &page.file,
        &page.region,
        &page.date,
        &page.titles,
        &page.officials,
        &page.districts,
        draft,
    );
    // A page that names no day is rightly refused with the hint to pass --date; a user then
    // passes it, and the rest of the page is scored as imported that way.
    if page.date == "refuse" && result.date_right {
        options.date = Some(jiff::civil::date(2000, 1, 1));
        let draft = draft_from_bytes(&bytes, &path, &options, &config);
        result = PageResult::compare(
            &page.file,
            &page.region,
            "2000-01-01",
            &page.titles,
            &page.officials,
            &page.districts,
            draft,
        );
    }
    Ok(result)
}

/// The importer options for a page's command-line arguments (`--year YYYY`, `--date YYYY-MM-DD`).
fn options_from_args(args: &[String]) -> Result<DraftOptions, String> {
    let mut options = DraftOptions::default();
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--year" => options.year = Some(value.parse().map_err(|_| "bad --year")?),
            "--date" => options.date = Some(value.parse().map_err(|_| "bad --date")?),
            other => return Err(format!("unknown argument {other} in annotations")),
        }
    }
    Ok(options)
}

/// The table of figures, overall and by region.
fn print_summary(pages: &[Page], results: &[PageResult]) {
    let provinces: std::collections::BTreeSet<&str> = pages
        .iter()
        .filter(|p| !p.province.is_empty())
        .map(|p| p.province.as_str())
        .collect();
    let traditional = pages.iter().filter(|p| p.script == "traditional").count();
    println!(
        "import evaluation: {} pages ({} mainland from {} named provinces, {} Taiwan, {} Hong Kong, {} Macau; {} traditional script)",
        pages.len(),
        pages.iter().filter(|p| p.region == "mainland").count(),
        provinces.len(),
        pages.iter().filter(|p| p.region == "taiwan").count(),
        pages.iter().filter(|p| p.region == "hongkong").count(),
        pages.iter().filter(|p| p.region == "macau").count(),
        traditional,
    );
    let all = Tally::of(results.iter());
    let outer = Tally::of(results.iter().filter(|r| r.region != "mainland"));
    println!();
    println!("| field | measured |");
    println!("|---|---|");
    println!("| officials recall | {} |", all.officials.recall());
    println!(
        "| officials recall, Taiwan/Hong Kong/Macau | {} |",
        outer.officials.recall()
    );
    println!("| officials precision | {} |", all.officials.precision());
    println!(
        "| roles exactly as written, of those found | {} |",
        all.roles()
    );
    println!("| districts recall | {} |", all.districts.recall());
    println!("| districts precision | {} |", all.districts.precision());
    println!(
        "| meeting date right | {} of {} |",
        all.dates_right, all.pages
    );
    println!(
        "| title usable as the headline | {} of {} |",
        all.titles_right, all.pages
    );
}
