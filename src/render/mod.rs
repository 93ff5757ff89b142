//! Rendering: the archive → every output file of the site, as [`Output`]s handed to a sink.
//!
//! Pure with respect to the file system: this stage never writes; the caller's sink (the
//! [`crate::output`] writer, or an in-memory collector in tests and `check`) receives each file
//! as soon as it is rendered, so memory stays proportional to the archive, not to the site.
//! Pages render in parallel (rayon) from one compiled Tera instance; every page gets the same
//! global values (`config`, `t`) and its own `root`, the relative way back to the site root.

mod calendar;
mod cards;
pub mod contexts;
mod date_pages;
pub mod feeds;
pub mod file_keys;
pub mod i18n;
mod index_pages;
mod list_pages;
pub mod open_data;
pub mod page;
mod report_page;
pub mod reuse;
mod search_page;
pub mod shared_views;
mod structured_data;
pub mod theme;
pub mod views;

use crate::archive::Archive;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use i18n::Locale;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use theme::Theme;

use crate::site_file::Sink;

/// The compiled theme and everything pages share.
pub struct Renderer {
    pub tera: tera::Tera,
    pub theme: Theme,
    pub locale: Locale,
}

/// Counts of what was rendered.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub pages: usize,
    pub files: usize,
    /// HTML pages kept from the previous render (their inputs did not change).
    pub kept: usize,
}

impl Renderer {
    /// Loads and compiles the theme for a site.
    pub fn new(root: &Path, config: &Config) -> Result<Renderer, Vec<Diagnostic>> {
        let theme = Theme::load(root, config.theme.as_deref())?;
        let mut tera = theme.tera()?;
        let locale = Locale::from_language(&config.language);
        let globals = tera.global_context();
        globals.insert("config", &ConfigView::new(config));
        globals.insert("t", &locale.strings());
        globals.insert("lang", &config.language);
        Ok(Renderer {
            tera,
            theme,
            locale,
        })
    }

    /// Renders one template with a page context into bytes (UTF-8, not validated again),
    /// turning errors into diagnostics.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<Vec<u8>, Diagnostic> {
        let mut bytes = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, context, &mut bytes)
            .map_err(|e| self.theme.template_error(&e))?;
        Ok(bytes)
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.theme.templates.contains_key(name)
    }
}

/// The part of site.toml templates see as `config`.
#[derive(serde::Serialize)]
struct ConfigView<'a> {
    title: &'a str,
    base_url: &'a str,
    language: &'a str,
    description: Option<&'a str>,
    search: bool,
    extra: &'a serde_json::Value,
}

impl<'a> ConfigView<'a> {
    fn new(config: &'a Config) -> Self {
        ConfigView {
            title: &config.title,
            base_url: &config.base_url,
            language: &config.language,
            description: config.description.as_deref(),
            search: config.search,
            extra: &config.extra,
        }
    }
}

/// Template problems are reported once per template, file and line, not once per page.
type ProblemKey = (PathBuf, Option<usize>, String);

/// Every page of the site (see [`page::pages`]).
pub fn site_pages(archive: &Archive, config: &Config, renderer: &Renderer) -> Vec<page::Page> {
    page::pages(archive, config, renderer.has_template("search.html"))
}

/// Renders every file of the site into `sink`; with `reuse`, HTML pages whose inputs did not
/// change since the previous render are kept instead (see [`reuse`]). Site-wide `static/` files are not included: they
/// are listed by [`site_static`] and copied by the writer.
pub fn render_site(
    archive: &Archive,
    config: &Config,
    renderer: &Renderer,
    sink: &Sink,
    reuse: Option<&reuse::Reuse>,
) -> Result<RenderStats, Vec<Diagnostic>> {
    let mut pages = site_pages(archive, config, renderer);
    let search_files = write_search_index(archive, &mut pages, sink, reuse)?;
    render_pages(archive, config, renderer, pages, sink, reuse, search_files)
}

/// As [`render_site`], for a build that needs the archive no more afterwards: the reports'
/// plain text, which only the search index reads, is freed once the index is written and
/// before the pages render (about 200 MB at 50,000 reports, a seventh of the peak).
pub fn render_site_releasing_text(
    archive: &mut Archive,
    config: &Config,
    renderer: &Renderer,
    sink: &Sink,
    reuse: Option<&reuse::Reuse>,
) -> Result<RenderStats, Vec<Diagnostic>> {
    let mut pages = site_pages(archive, config, renderer);
    crate::timings::mark("page list");
    let search_files = write_search_index(archive, &mut pages, sink, reuse)?;
    for report in &mut archive.reports {
        report.body.release_text();
    }
    crate::timings::mark("search index");
    render_pages(archive, config, renderer, pages, sink, reuse, search_files)
}

fn write_error(e: std::io::Error) -> Vec<Diagnostic> {
    vec![Diagnostic::error(
        "public",
        format!("cannot write the output: {e}"),
    )]
}

/// Writes the search index and takes its page out of `pages`; returns how many files it wrote.
/// The index is built first and on its own (it is parallel inside): its working memory is
/// freed before the report cards for the pages exist, which keeps the peak of large archives
/// down (about 1.5 GiB at 50,000 reports otherwise).
fn write_search_index(
    archive: &Archive,
    pages: &mut Vec<page::Page>,
    sink: &Sink,
    reuse: Option<&reuse::Reuse>,
) -> Result<usize, Vec<Diagnostic>> {
    let Some(at) = pages
        .iter()
        .position(|p| p.kind == page::PageKind::SearchIndex)
    else {
        return Ok(0);
    };
    pages.remove(at);
    let written = std::cell::Cell::new(0);
    let previous = reuse.and_then(|reuse| reuse.previous_search());
    let keep = |path: &str| {
        let kept = reuse.is_some_and(|reuse| reuse.keep_file(path));
        written.set(written.get() + usize::from(kept));
        kept
    };
    let state = crate::search_index::write(
        archive,
        previous,
        |output| {
            written.set(written.get() + 1);
            sink(output)
        },
        keep,
    )
    .map_err(write_error)?;
    if let Some(reuse) = reuse {
        reuse.set_search_state(state);
    }
    Ok(written.get())
}

/// Renders every page of `pages` (the search index already written: `search_files` files).
fn render_pages(
    archive: &Archive,
    config: &Config,
    renderer: &Renderer,
    pages: Vec<page::Page>,
    sink: &Sink,
    reuse: Option<&reuse::Reuse>,
    search_files: usize,
) -> Result<RenderStats, Vec<Diagnostic>> {
    let html_pages = pages.iter().filter(|p| p.is_html()).count();
    let written = AtomicUsize::new(search_files);
    let mut shared = contexts::Shared::new(archive, config, renderer);
    shared.sitemap = page::sitemap_entries(&pages);
    shared.reuse = reuse;
    crate::timings::mark("pages: cards and views");
    if let Some(previous) = reuse.and_then(|reuse| reuse.previous_events()) {
        shared.calendar_events.set_previous(previous);
    }
    let problems: Mutex<BTreeMap<ProblemKey, Diagnostic>> = Mutex::default();
    let io_error: Mutex<Option<std::io::Error>> = Mutex::default();
    // The files made from the whole archive go first: started last, the largest of them
    // (`data/reports.json`) would leave one core idle while the other finishes it.
    let mut ordered: Vec<&page::Page> = pages.iter().collect();
    ordered.sort_by_key(|page| !page.is_site_wide_file());
    ordered.par_iter().for_each(|&page| {
        if io_error.lock().map(|e| e.is_some()).unwrap_or(true) {
            return;
        }
        match contexts::render(page, &shared) {
            Ok(outputs) => {
                for output in outputs {
                    if let Err(e) = sink(output) {
                        *io_error.lock().expect("lock") = Some(e);
                        return;
                    }
                    written.fetch_add(1, Ordering::Relaxed);
                }
            }
            Err(d) => {
                let key = (d.file.clone(), d.line, d.message.clone());
                problems.lock().expect("lock").entry(key).or_insert(d);
            }
        }
    });
    let problems: Vec<Diagnostic> = problems.into_inner().expect("lock").into_values().collect();
    if let Some(e) = io_error.into_inner().expect("lock") {
        return Err(write_error(e));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if let Some(reuse) = reuse
        && config.outputs.calendars
    {
        reuse.set_event_keys(shared.file_keys.front_matter_keys(archive));
    }
    crate::drop_later::drop_later(std::mem::take(&mut shared.cards));
    let files = written.into_inner() + reuse.map_or(0, |r| r.kept() + r.kept_files());
    Ok(RenderStats {
        pages: html_pages,
        files,
        kept: reuse.map_or(0, |r| r.kept()),
    })
}

/// How many HTML pages [`render_site`] will render (for progress bars).
pub fn page_count(archive: &Archive, config: &Config, renderer: &Renderer) -> usize {
    let pages = site_pages(archive, config, renderer);
    pages.iter().filter(|p| p.is_html()).count()
}

/// Site-wide static files: output path → source file.
pub fn site_static(root: &Path) -> BTreeMap<String, PathBuf> {
    theme::site_static_files(root)
}
