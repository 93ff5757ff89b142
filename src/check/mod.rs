//! `annals check`: everything a build validates, plus lints that a build does not fail on.
//!
//! Check runs the same stages as a build (config → load → archive → render into a sink that only
//! records paths) and never writes. Unlike a build it does not stop before rendering when some
//! files are broken: the reports that did load are still linted, so one run lists every problem.
//! The lints are warnings (they fail only with `--strict`), each with its file, line and a hint:
//!
//! - [`names`]: officials and districts missing from a non-empty registry, and near-duplicate
//!   names (one character apart, or one name in both scripts);
//! - [`markdown`]: emphasis that CommonMark leaves as literal `**` next to Chinese punctuation,
//!   images without alt text, pinyin left over from scraping;
//! - [`links`]: internal links and images whose target is not a page or file of the built site
//!   (run only once the site has no errors, since a broken report would look like a dead link).

pub mod fold;
mod links;
mod markdown;
mod names;
#[cfg(test)]
mod proptests;

pub use fold::fold_script;

use crate::archive::Archive;
use crate::config::Config;
use crate::content::{Report, front_matter};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::{self, Renderer};
use crate::site_file::Output;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;

/// Checks the site at `root`: every error a build would report and every lint warning, sorted
/// by file and line. `drafts` includes reports marked `draft: true`.
pub fn check_site(root: &Path, drafts: bool) -> Diagnostics {
    let partial = match crate::load_partial(root, drafts, None) {
        Ok(partial) => partial,
        Err(problems) => return problems,
    };
    let crate::PartialSite {
        config,
        archive,
        renderer,
        mut problems,
        ..
    } = partial;
    let sources = read_sources(root, &archive.reports);
    problems.extend(names::lint(&config, &sources));
    problems.extend(
        sources
            .par_iter()
            .flat_map(|source| {
                markdown::lint(source, crate::content::markdown::BodyOptions::of(&config))
            })
            .collect::<Vec<_>>(),
    );
    if let Some(renderer) = renderer
        && !problems.has_errors()
    {
        match rendered_paths(&archive, &config, &renderer) {
            Ok(mut paths) => {
                paths.extend(render::site_static(root).into_keys());
                problems.extend(links::lint(&config, &sources, &paths));
            }
            Err(items) => problems.extend(items),
        }
    }
    problems.sort();
    problems
}

/// Renders the site into a sink that keeps only the output paths: the pages and files a link
/// may point at. Template errors come back as diagnostics.
fn rendered_paths(
    archive: &Archive,
    config: &Config,
    renderer: &Renderer,
) -> Result<HashSet<String>, Vec<Diagnostic>> {
    let paths = Mutex::new(HashSet::new());
    let sink = |output: Output| {
        paths.lock().expect("lock").insert(output.path);
        Ok(())
    };
    render::render_site(archive, config, renderer, &sink, None)?;
    Ok(paths.into_inner().expect("lock"))
}

/// Places of one kind shown per file; the rest are counted in one more warning, so a huge
/// generated file costs a bounded amount of output and time.
pub const SHOWN_PER_FILE: usize = 20;

/// Turns at most [`SHOWN_PER_FILE`] findings of one kind into warnings, and counts the rest.
pub fn at_most<T>(
    source: &ReportSource,
    found: Vec<T>,
    what: &str,
    warning: impl FnMut(T) -> Diagnostic,
) -> Vec<Diagnostic> {
    let hidden = found.len().saturating_sub(SHOWN_PER_FILE);
    let mut problems: Vec<Diagnostic> = found
        .into_iter()
        .take(SHOWN_PER_FILE)
        .map(warning)
        .collect();
    if hidden > 0 {
        problems.push(Diagnostic::warning(
            &source.report.source,
            format!("{hidden} more {what} in this file"),
        ));
    }
    problems
}

/// A loaded report with its file as written, for lints that need lines and columns.
pub struct ReportSource<'a> {
    pub report: &'a Report,
    /// The whole file, without a leading BOM.
    pub text: String,
    /// Byte range of the YAML front matter in `text`.
    pub yaml: std::ops::Range<usize>,
    /// Byte offset at which the Markdown body starts.
    pub body_start: usize,
}

impl ReportSource<'_> {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// A warning at a byte offset of the file.
    pub fn warning_at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.report.source, message).at_offset(&self.text, offset)
    }

    /// Byte offset of `name` written under the front matter key `key` (or of the key itself, or
    /// the start of the front matter, when the spelling cannot be found as written).
    pub fn name_offset(&self, key: &str, name: &str) -> usize {
        let yaml = &self.text[self.yaml.clone()];
        let key_offset = front_matter::key_line(yaml, key).map_or(0, |line| {
            yaml.split_inclusive('\n')
                .take(line - 1)
                .map(str::len)
                .sum()
        });
        let found = yaml[key_offset..]
            .find(name)
            .map_or(key_offset, |i| key_offset + i);
        self.yaml.start + found
    }
}

/// Reads the files of the loaded reports again (they loaded a moment ago, so they parse).
fn read_sources<'a>(root: &Path, reports: &'a [Report]) -> Vec<ReportSource<'a>> {
    reports
        .par_iter()
        .filter_map(|report| {
            let bytes = std::fs::read(root.join(&report.source)).ok()?;
            let text = String::from_utf8(bytes).ok()?;
            let text = match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_string(),
                None => text,
            };
            let split = front_matter::split(&text, std::path::Path::new("")).ok()?;
            let yaml_start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
            let yaml = yaml_start..yaml_start + split.yaml.len();
            let body_start = text.len() - split.body.len();
            Some(ReportSource {
                report,
                yaml,
                body_start,
                text,
            })
        })
        .collect()
}
