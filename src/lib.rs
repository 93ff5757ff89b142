//! annals: a static site generator for municipal news archives.
//!
//! The build is one pipeline that reads top to bottom (see ARCHITECTURE.md):
//! `site.toml` → [`config`] → [`content`] (load reports) → [`archive`] (indexes by date, official,
//! district, tag) → [`render`] (Tera pages, feeds, sitemap, search shards) → [`output`] (the only
//! module that writes the output folder). `check` stops before `output`; `serve` adds a server
//! and a watcher around the same stages.

pub mod archive;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod deploy;
pub mod diagnostics;
pub mod drop_later;
pub mod escape;
pub mod fingerprint;
pub mod fingerprint_signatures;
pub mod import;
pub mod indexes;
pub mod kinds;
pub mod offices;
pub mod output;
pub mod render;
pub mod report_file;
pub mod scaffold;
pub mod search;
pub mod search_index;
pub mod serve;
pub mod site_file;
pub mod site_outputs;
pub mod text;
pub mod timings;
pub mod urls;

use archive::Archive;
use config::Config;
use diagnostics::{Diagnostic, Diagnostics};
use render::Renderer;
use site_file::Output;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to build and where.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Default: `ROOT/public`.
    pub output_dir: Option<PathBuf>,
    /// Replaces `base_url` of site.toml (the preview server uses its own address).
    pub base_url: Option<String>,
    pub drafts: bool,
    pub force: bool,
    /// Render every page, ignoring what the previous build kept (`--full`).
    pub full: bool,
}

impl BuildOptions {
    pub fn output_dir(&self) -> PathBuf {
        self.output_dir
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// A loaded and indexed site, ready to render.
pub struct Site {
    pub config: Config,
    pub archive: Archive,
    pub renderer: Renderer,
    /// Warnings found while loading (errors stop before a `Site` exists).
    pub warnings: Diagnostics,
    pub drafts_skipped: usize,
    /// What loading made of every report file, for the next build (see [`content::cache`]).
    pub report_cache: content::cache::ReportCache,
    /// Reports taken unchanged from the previous build's cache instead of being parsed.
    pub reports_unchanged: usize,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub reports: usize,
    pub pages: usize,
    pub files: usize,
    pub drafts_skipped: usize,
    pub warnings: Diagnostics,
    pub output_dir: PathBuf,
    pub elapsed: Duration,
    /// True when no input changed since the last build, so nothing was rendered or written.
    pub up_to_date: bool,
    /// Pages kept from the previous build because their inputs did not change.
    pub kept: usize,
    /// Reports whose files did not change since the previous build (not parsed again).
    pub reports_unchanged: usize,
}

/// The counts a build keeps in its stamp, so an up-to-date rebuild can report them.
fn stamp(fingerprint: &str, reports: usize, pages: usize, files: usize) -> String {
    format!("fingerprint = {fingerprint}\nreports = {reports}\npages = {pages}\nfiles = {files}\n")
}

/// Reads back what [`stamp`] wrote, if it matches `fingerprint`.
fn unchanged_since_last_build(
    output_dir: &Path,
    fingerprint: &str,
) -> Option<(usize, usize, usize)> {
    let text = output::read_stamp(output_dir)?;
    let value = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix(" = ").map(str::to_string))
    };
    if value("fingerprint")? != fingerprint {
        return None;
    }
    let number = |key: &str| value(key)?.parse().ok();
    Some((number("reports")?, number("pages")?, number("files")?))
}

/// A site as far as it could be loaded: the config, every report that loaded, the indexes, the
/// renderer if the theme compiled, and every problem found on the way (errors included).
pub struct PartialSite {
    pub config: Config,
    pub archive: Archive,
    pub renderer: Option<Renderer>,
    pub problems: Diagnostics,
    pub drafts_skipped: usize,
    pub report_cache: content::cache::ReportCache,
    pub reports_unchanged: usize,
}

/// Loads as much of a site as possible, collecting every problem of every file; fails only when
/// `site.toml` itself is unusable. `check` lints what this returns even when it has errors.
pub fn load_partial(
    root: &Path,
    drafts: bool,
    base_url: Option<&str>,
) -> Result<PartialSite, Diagnostics> {
    load_partial_reusing(root, drafts, base_url, content::Known::default())
}

/// As [`load_partial`], taking reports whose files did not change from the `previous` build's
/// cache (made under the same settings) instead of parsing them.
fn load_partial_reusing(
    root: &Path,
    drafts: bool,
    base_url: Option<&str>,
    known: content::Known,
) -> Result<PartialSite, Diagnostics> {
    let mut problems = Diagnostics::default();
    let mut config = Config::load(root).map_err(|p| Diagnostics { items: p })?;
    if let Some(url) = base_url {
        config.base_url = url.trim_end_matches('/').to_string();
    }
    let renderer = Renderer::new(root, &config);
    timings::mark("config and theme");
    let loaded = content::load_reusing(root, &config, drafts, known);
    problems.extend(loaded.diagnostics.items);
    timings::mark("report files");
    let known_related = known.cache.and_then(content::cache::ReportCache::related);
    let (archive, archive_problems) = Archive::new_reusing(loaded.reports, &config, known_related);
    timings::mark("archive");
    problems.extend(archive_problems);
    let renderer = match renderer {
        Ok(r) => Some(r),
        Err(p) => {
            problems.extend(p);
            None
        }
    };
    problems.sort();
    Ok(PartialSite {
        config,
        archive,
        renderer,
        problems,
        drafts_skipped: loaded.drafts_skipped,
        report_cache: loaded.cache,
        reports_unchanged: loaded.cached,
    })
}

/// Loads, validates and indexes a site: every problem of every file is collected before failing.
pub fn load_site(root: &Path, drafts: bool, base_url: Option<&str>) -> Result<Site, Diagnostics> {
    load_site_reusing(root, drafts, base_url, content::Known::default())
}

/// As [`load_site`], with the previous build's report cache (see [`load_partial_reusing`]).
fn load_site_reusing(
    root: &Path,
    drafts: bool,
    base_url: Option<&str>,
    known: content::Known,
) -> Result<Site, Diagnostics> {
    let partial = load_partial_reusing(root, drafts, base_url, known)?;
    match partial.renderer {
        Some(renderer) if !partial.problems.has_errors() => Ok(Site {
            config: partial.config,
            archive: partial.archive,
            renderer,
            warnings: partial.problems,
            drafts_skipped: partial.drafts_skipped,
            report_cache: partial.report_cache,
            reports_unchanged: partial.reports_unchanged,
        }),
        _ => Err(partial.problems),
    }
}

/// Renders a loaded site into a sink (no file system access); with `reuse`, HTML pages whose
/// inputs did not change are kept rather than rendered (see [`render::reuse`]).
pub fn render_site(
    site: &Site,
    sink: &site_file::Sink,
    reuse: Option<&render::reuse::Reuse>,
) -> Result<render::RenderStats, Diagnostics> {
    render::render_site(&site.archive, &site.config, &site.renderer, sink, reuse).map_err(|items| {
        let mut d = Diagnostics { items };
        d.sort();
        d
    })
}

/// Archives at least this large show a progress bar while rendering (on a terminal only).
const PROGRESS_FROM_REPORTS: usize = 2_000;

/// A progress bar over the pages to render; hidden unless stderr is a terminal and the archive
/// is large enough for a build to take noticeable time.
fn progress_bar(site: &Site) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if site.archive.reports.len() < PROGRESS_FROM_REPORTS || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let pages = render::page_count(&site.archive, &site.config, &site.renderer);
    let bar = indicatif::ProgressBar::new(pages as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} rendering {pos}/{len} pages {wide_bar} {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// Builds the site into its output folder: load → index → render → swap in atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    timings::start();
    let output_dir = options.output_dir();
    let settings =
        fingerprint::of_settings(&options.root, options.drafts, options.base_url.as_deref());
    // Report files the previous build hashed and nothing touched since are not read again
    // (`--full` reads every file).
    let known = (!options.full)
        .then(|| output::read_signatures(&output_dir))
        .flatten();
    let inputs = (settings.as_deref())
        .and_then(|s| fingerprint::inputs_under(&options.root, s, known.as_ref()));
    drop(known);
    timings::mark("fingerprint");
    let fingerprint = inputs.as_ref().map(|inputs| inputs.fingerprint.clone());
    // `--full` builds even when nothing changed (it is how a folder is cleared of foreign files).
    if let Some(fp) = fingerprint.as_ref().filter(|_| !options.full)
        && let Some((reports, pages, files)) = unchanged_since_last_build(&output_dir, fp)
    {
        return Ok(BuildReport {
            reports,
            pages,
            files,
            drafts_skipped: 0,
            warnings: Diagnostics::default(),
            output_dir,
            elapsed: started.elapsed(),
            up_to_date: true,
            kept: pages,
            reports_unchanged: reports,
        });
    }
    // The previous output is listed while the site loads (stale files, kept pages): as the
    // previous build recorded it, or with `--full` walked (and cleared of anything else).
    let listing = output::start_listing(&output_dir, !options.full);
    // Report files unchanged since the previous build are not parsed again (its cache must be
    // made under the same settings; `--full` parses everything). Not read beside the
    // fingerprint: a build that finds nothing changed would pay for it (0.3 s to 0.8 s at
    // 50,000 reports).
    let mut previous_reports = (settings.as_deref())
        .filter(|_| !options.full)
        .and_then(|settings| output::read_report_cache(&output_dir, settings));
    timings::mark("previous report cache");
    let known = content::Known {
        cache: previous_reports.as_ref(),
        files: inputs.as_ref().map(|inputs| inputs.content.as_slice()),
    };
    let mut site = load_site_reusing(
        &options.root,
        options.drafts,
        options.base_url.as_deref(),
        known,
    )?;
    let previous_event_keys = previous_reports
        .as_mut()
        .and_then(content::cache::ReportCache::take_event_keys);
    // Tens of thousands of entries: freed off the critical path.
    drop_later::drop_later(previous_reports);
    let signatures = inputs.map(|inputs| inputs.signatures.to_text());
    let one = |d: Diagnostic| Diagnostics { items: vec![d] };
    let staging =
        output::prepare_listed(&options.root, &output_dir, options.force, listing).map_err(one)?;
    timings::mark("previous output listed");
    // Pages rendered by the previous build from the same inputs are kept (the settings must be
    // the same for its keys to mean anything).
    let previous_keys = output::read_page_keys(&output_dir)
        .filter(|keys| settings.as_ref() == Some(&keys.settings) && !options.full);
    let keep = |path: &str| staging.keep(path);
    // The previous search index is patched only where its pages' keys are trusted.
    let read_previous = |path: &str| std::fs::read(output_dir.join(path)).ok();
    let previous_search = (previous_keys.as_ref())
        .and_then(|_| output::read_search_state(&output_dir))
        .map(|state| search::PreviousIndex {
            state,
            read: &read_previous,
        });
    // The previous site calendar's events are copied where a report's key is the same.
    let previous_events = previous_event_keys.map(|keys| {
        let file = output_dir.join(urls::SITE_CALENDAR);
        render::open_data::calendar::PreviousEvents::new(keys, file)
    });
    let reuse = render::reuse::Reuse::new(previous_keys.as_ref(), &keep)
        .with_previous_search(previous_search)
        .with_previous_events(previous_events);
    timings::mark("previous page keys");
    let progress = progress_bar(&site);
    let sink = |o: Output| {
        if o.path.ends_with(".html") {
            progress.inc(1);
        }
        staging.write(o)
    };
    // The build needs the reports' plain text no more once the search index is written.
    let rendered = render::render_site_releasing_text(
        &mut site.archive,
        &site.config,
        &site.renderer,
        &sink,
        Some(&reuse),
    )
    .map_err(|items| {
        let mut d = Diagnostics { items };
        d.sort();
        d
    });
    progress.finish_and_clear();
    timings::mark("pages");
    let stats = match rendered {
        Ok(stats) => stats,
        Err(problems) => {
            staging.abort();
            return Err(problems);
        }
    };
    let statics = render::site_static(&options.root);
    if let Err(e) = staging.copy_static(&statics) {
        staging.abort();
        return Err(one(Diagnostic::error(
            "static",
            format!("cannot copy static files: {e}"),
        )));
    }
    let files = stats.files + statics.len();
    let reports = site.archive.reports.len();
    let stamp = stamp(
        fingerprint.as_deref().unwrap_or("none"),
        reports,
        stats.pages,
        files,
    );
    // Keys made under unknown settings are never trusted by the next build.
    let search_state = reuse.take_search_state();
    (site.report_cache).set_related(archive::related::known(&mut site.archive));
    (site.report_cache).set_event_keys(reuse.take_event_keys());
    // Tens of megabytes at 50,000 reports: the cache on one core, the rest on the other.
    let (report_cache, (page_keys, search_state)) = rayon::join(
        || (settings.as_deref()).map(|s| site.report_cache.to_bytes(s)),
        || {
            let settings = settings.clone().unwrap_or_default();
            let page_keys = reuse.into_keys(settings).to_text();
            (page_keys, search_state.map(|state| state.to_text()))
        },
    );
    timings::mark("static files and bookkeeping");
    let bookkeeping = output::Bookkeeping {
        stamp: &stamp,
        page_keys: &page_keys,
        search_state: search_state.as_deref(),
        report_cache: report_cache.as_deref(),
        signatures: signatures.as_deref(),
    };
    staging.commit(&bookkeeping).map_err(|e| {
        one(Diagnostic::error(
            &output_dir,
            format!("cannot replace the output folder: {e}"),
        ))
    })?;
    let Site {
        archive,
        report_cache: cache,
        warnings,
        drafts_skipped,
        reports_unchanged,
        ..
    } = site;
    timings::mark("commit");
    timings::print();
    drop_later::drop_later((archive, cache, report_cache, page_keys, previous_keys));
    Ok(BuildReport {
        reports,
        pages: stats.pages,
        files,
        drafts_skipped,
        warnings,
        output_dir,
        elapsed: started.elapsed(),
        up_to_date: false,
        kept: stats.kept,
        reports_unchanged,
    })
}
