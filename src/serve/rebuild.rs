//! Rebuilding the preview after a change: a full build through the same stages as
//! `annals build` ([`crate::load_site`], [`crate::render_site`]), or, when only report bodies
//! changed, a re-render of just the pages that show them.
//!
//! A full build loads every report again; at 10 000 reports that takes seconds. Most saves while
//! editing change one report's text, so [`Builder::patch`] reloads only the changed files and
//! compares each with the report it replaces:
//!
//! - date, slug, officials (with roles), districts, tags, draft unchanged ("structure"): the
//!   indexes, pagination and every URL stay the same, so the report is swapped in place;
//! - title and summary unchanged too: only the report page and the feeds naming it change;
//! - otherwise its card changed: also every list page, feed and neighbouring report showing it.
//!
//! Anything else (a new, deleted or renamed report, a changed structure, site.toml, the theme)
//! is a full build. A patch is followed by [`Builder::settle`], a full render of the in-memory
//! site that the next change cancels, so what is served always ends up byte-identical to a build
//! (the search index is refreshed that way too). The tests below check both.

use crate::content::{self, Report};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::contexts::{self, CardTable, Shared};
use crate::render::page::Page;
use crate::render::reuse::{PageKeys, Reuse};
use crate::render::site_static;
use crate::render::views::EntityPaths;
use crate::site_file::Output;
use crate::{Site, load_site, render_site};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Rendered files: site-relative path → bytes.
pub type Files = HashMap<String, Arc<[u8]>>;

/// What a batch of changed paths asks for.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub full: bool,
    pub statics: bool,
    /// Existing reports whose files changed (site-relative paths).
    pub reports: BTreeSet<PathBuf>,
}

/// Why a rebuild produced nothing to serve.
#[derive(Debug)]
pub enum Failure {
    Problems(Diagnostics),
    /// A newer change arrived; the work was abandoned.
    Cancelled,
}

/// A complete build of the site.
pub struct FullBuild {
    pub rendered: Files,
    pub statics: HashMap<String, PathBuf>,
    pub reports: usize,
    pub warnings: Diagnostics,
}

/// The pages re-rendered after some reports changed.
pub struct Patch {
    pub files: Vec<(String, Arc<[u8]>)>,
}

/// Keeps the last good site between rebuilds.
pub struct Builder {
    root: PathBuf,
    drafts: bool,
    base_url: String,
    site: Option<Site>,
    /// Report cards and entity paths of `site`, kept for patches (see [`Builder::prepare`]).
    prepared: Option<Prepared>,
    /// The last good site no longer matches the files (a rebuild failed or was cancelled):
    /// only a full build may follow.
    stale: bool,
    /// Reports of a patch that failed (one of them has errors): none was applied, so they are
    /// patched again with the next change and a good save of another report cannot hide the
    /// problem.
    unapplied: BTreeSet<PathBuf>,
    /// Keys of the pages of the last full render, so the next renders only what changed.
    page_keys: Option<PageKeys>,
}

impl Builder {
    pub fn new(root: PathBuf, drafts: bool, base_url: String) -> Builder {
        Builder {
            root,
            drafts,
            base_url,
            site: None,
            prepared: None,
            stale: true,
            unapplied: BTreeSet::new(),
            page_keys: None,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Sorts changed paths (absolute, below the root) into what must be rebuilt.
    pub fn plan(&self, changed: &BTreeSet<PathBuf>) -> Plan {
        let mut plan = Plan::default();
        let unapplied = self.unapplied.iter().map(|p| self.root.join(p));
        for path in changed.iter().cloned().chain(unapplied) {
            let Ok(relative) = path.strip_prefix(&self.root) else {
                continue;
            };
            if relative
                .iter()
                .any(|part| ignored_name(&part.to_string_lossy()))
            {
                continue;
            }
            let first = relative
                .iter()
                .next()
                .map(|p| p.to_string_lossy().to_string());
            match first.as_deref() {
                Some(crate::config::CONFIG_FILE) | Some("themes") => plan.full = true,
                Some("static") => plan.statics = true,
                Some(content::CONTENT_DIR) => {
                    let markdown = relative.extension().is_some_and(|e| e == "md");
                    let known = self.site.as_ref().is_some_and(|site| {
                        site.archive.reports.iter().any(|r| r.source == relative)
                    });
                    let path = path.as_path();
                    if markdown && known && path.is_file() {
                        plan.reports.insert(relative.to_path_buf());
                    } else if markdown || !path.is_file() {
                        // New, deleted or renamed reports and folders change the indexes.
                        plan.full = true;
                    }
                }
                _ => {}
            }
        }
        if self.stale || self.site.is_none() {
            plan.full = plan.full || plan.statics || !plan.reports.is_empty();
        }
        if plan.full {
            plan.reports.clear();
        }
        plan
    }

    /// Loads and renders the whole site. `previous` gives the bytes served now, so unchanged
    /// files keep sharing them; `cancel` abandons the work when a newer change arrives.
    pub fn full(
        &mut self,
        previous: &(dyn Fn(&str) -> Option<Arc<[u8]>> + Sync),
        cancel: &AtomicBool,
    ) -> Result<FullBuild, Failure> {
        // The old site is of no use once this starts (a failure leaves the builder stale), and
        // dropping it first keeps a big archive from being held in memory twice.
        self.stale = true;
        self.site = None;
        self.prepared = None;
        let site =
            load_site(&self.root, self.drafts, Some(&self.base_url)).map_err(Failure::Problems)?;
        let settings = self.settings();
        let (rendered, _, keys) =
            render_all(&site, previous, self.page_keys.as_ref(), settings, cancel)?;
        self.page_keys = keys;
        let statics = site_static(&self.root).into_iter().collect();
        let build = FullBuild {
            rendered,
            statics,
            reports: site.archive.reports.len(),
            warnings: site.warnings.clone(),
        };
        self.site = Some(site);
        self.stale = false;
        self.unapplied.clear();
        Ok(build)
    }

    /// Re-renders the pages showing the changed reports. `Ok(None)`: the change needs a full
    /// build. An error leaves the last good site as it was.
    pub fn patch(&mut self, changed: &BTreeSet<PathBuf>) -> Result<Option<Patch>, Diagnostics> {
        let Some(site) = self.site.as_mut().filter(|_| !self.stale) else {
            return Ok(None);
        };
        let mut updates: Vec<(usize, Report, bool)> = Vec::new();
        for relative in changed {
            let Some(index) = site
                .archive
                .reports
                .iter()
                .position(|r| &r.source == relative)
            else {
                return Ok(None);
            };
            let Ok(bytes) = std::fs::read(self.root.join(relative)) else {
                return Ok(None);
            };
            let (report, problems) = content::load_bytes(&bytes, relative.clone(), &site.config);
            let mut problems = Diagnostics { items: problems };
            if problems.has_errors() {
                problems.sort();
                self.unapplied = changed.clone();
                return Err(problems);
            }
            let Some(report) = report else {
                return Ok(None);
            };
            let old = &site.archive.reports[index];
            if !same_structure(old, &report) || (report.draft && !self.drafts) {
                return Ok(None);
            }
            let card_changed = old.title != report.title || old.summary != report.summary;
            updates.push((index, report, card_changed));
        }
        self.unapplied.clear();
        let shown: Vec<(usize, bool)> = updates.iter().map(|(i, _, card)| (*i, *card)).collect();
        for (index, report, _) in updates {
            site.archive.reports[index] = report;
        }
        let pages = affected_pages(site, &shown);
        let Prepared {
            mut cards,
            entity_paths,
        } = self.prepared.take().unwrap_or_else(|| Prepared::new(site));
        for &(index, card_changed) in &shown {
            if card_changed {
                cards.replace(
                    index,
                    &site.archive.reports[index],
                    &entity_paths,
                    site.renderer.locale,
                );
            }
        }
        let shared = Shared::with_cards(
            &site.archive,
            &site.config,
            &site.renderer,
            cards,
            entity_paths,
        );
        let rendered: Vec<Result<Vec<Output>, Box<Diagnostic>>> = pages
            .par_iter()
            .map(|page| contexts::render(page, &shared).map_err(Box::new))
            .collect();
        let Shared {
            cards,
            entity_paths,
            ..
        } = shared;
        self.prepared = Some(Prepared {
            cards,
            entity_paths,
        });
        let mut files = Vec::new();
        let mut problems = Diagnostics::default();
        for result in rendered {
            match result {
                Ok(outputs) => files.extend(outputs.into_iter().map(|o| (o.path, o.bytes.into()))),
                Err(d) => problems.push(*d),
            }
        }
        if problems.has_errors() {
            // The site now holds reports no page shows yet: only a full build may follow.
            self.stale = true;
            problems.sort();
            return Err(problems);
        }
        // The patched pages are served with bytes their old keys do not describe.
        if let Some(keys) = self.page_keys.as_mut() {
            for (path, _) in &files {
                keys.keys.remove(path);
            }
        }
        Ok(Some(Patch { files }))
    }

    /// Renders the whole in-memory site again after a patch, so that every file (the search
    /// index included) ends up as a full build makes it. Returns the files and whether any HTML
    /// page differs from what `previous` serves.
    pub fn settle(
        &mut self,
        previous: &(dyn Fn(&str) -> Option<Arc<[u8]>> + Sync),
        cancel: &AtomicBool,
    ) -> Result<(Files, bool), Failure> {
        let Some(site) = self.site.as_ref().filter(|_| !self.stale) else {
            return Err(Failure::Cancelled);
        };
        let settings = self.settings();
        match render_all(site, previous, self.page_keys.as_ref(), settings, cancel) {
            Ok((files, html_changed, keys)) => {
                self.page_keys = keys;
                Ok((files, html_changed))
            }
            Err(failure) => {
                if matches!(failure, Failure::Problems(_)) {
                    self.stale = true;
                }
                Err(failure)
            }
        }
    }

    /// The settings fingerprint page keys are made under (see [`crate::render::reuse`]).
    fn settings(&self) -> Option<String> {
        crate::fingerprint::of_settings(&self.root, self.drafts, Some(&self.base_url))
    }

    /// The site `static/` files, listed anew.
    pub fn statics(&self) -> HashMap<String, PathBuf> {
        site_static(&self.root).into_iter().collect()
    }

    /// Makes the report cards of the whole archive ahead of the next patch (the rebuild thread
    /// calls this while it waits): at 10 000 reports that takes longer than the patch itself.
    pub fn prepare(&mut self) {
        if self.prepared.is_none()
            && let Some(site) = self.site.as_ref().filter(|_| !self.stale)
        {
            self.prepared = Some(Prepared::new(site));
        }
    }

    /// Forces the next rebuild to be full (a rebuild was abandoned).
    pub fn mark_stale(&mut self) {
        self.stale = true;
    }
}

/// What every page of a patch shares: the report cards (as [`Shared::new`] makes them)
/// and entity paths.
struct Prepared {
    cards: CardTable,
    entity_paths: EntityPaths,
}

impl Prepared {
    fn new(site: &Site) -> Prepared {
        let Shared {
            cards,
            entity_paths,
            ..
        } = Shared::new(&site.archive, &site.config, &site.renderer);
        Prepared {
            cards,
            entity_paths,
        }
    }
}

/// Editor leftovers and hidden files: never part of the site, never worth a rebuild.
/// (`.x.md.swp`, `x.md~`, `#x.md#`, `.#x.md`, vim's `4913` probe.)
pub fn ignored_name(name: &str) -> bool {
    content::is_ignored(std::ffi::OsStr::new(name))
        || name == "4913"
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}

/// True if the report keeps its URL and its place in every index.
fn same_structure(old: &Report, new: &Report) -> bool {
    old.source == new.source
        && old.date == new.date
        && old.datetime == new.datetime
        && old.slug == new.slug
        && old.officials == new.officials
        && old.districts == new.districts
        && old.tags == new.tags
        && old.draft == new.draft
}

/// The pages that show one of the `changed` reports: (position, card changed).
fn affected_pages(site: &Site, changed: &[(usize, bool)]) -> Vec<Page> {
    let a = &site.archive;
    crate::render::site_pages(a, &site.config, &site.renderer)
        .into_iter()
        .filter(|page| {
            changed
                .iter()
                .any(|&(i, card)| page.shows_change(a, i, card))
        })
        .collect()
}

/// Renders every file of a loaded site into memory, sharing bytes that did not change and
/// keeping, without rendering, pages whose keys match `keys` (the previous render's, see
/// [`crate::render::reuse`]). Also says whether any HTML page changed, and returns the keys of
/// this render.
fn render_all(
    site: &Site,
    previous: &(dyn Fn(&str) -> Option<Arc<[u8]>> + Sync),
    keys: Option<&PageKeys>,
    settings: Option<String>,
    cancel: &AtomicBool,
) -> Result<(Files, bool, Option<PageKeys>), Failure> {
    let files: Mutex<Files> = Mutex::default();
    let html_changed = AtomicBool::new(false);
    let sink = |Output { path, bytes }: Output| {
        if cancel.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("a newer change arrived"));
        }
        let bytes = match previous(&path) {
            Some(old) if *old == *bytes => old,
            _ => {
                if path.ends_with(".html") {
                    html_changed.store(true, Ordering::Relaxed);
                }
                Arc::from(bytes)
            }
        };
        files.lock().expect("lock").insert(path, bytes);
        Ok(())
    };
    let keep = |path: &str| match previous(path) {
        Some(bytes) => {
            files.lock().expect("lock").insert(path.to_string(), bytes);
            true
        }
        None => false,
    };
    let trusted = keys.filter(|k| settings.as_ref() == Some(&k.settings));
    let reuse = Reuse::new(trusted, &keep);
    let result = render_site(site, &sink, Some(&reuse));
    let new_keys = settings.map(|s| reuse.into_keys(s));
    match result {
        _ if cancel.load(Ordering::Relaxed) => Err(Failure::Cancelled),
        Ok(_) => Ok((
            files.into_inner().expect("lock"),
            html_changed.into_inner(),
            new_keys,
        )),
        Err(problems) => Err(Failure::Problems(problems)),
    }
}

#[cfg(test)]
#[path = "rebuild_tests.rs"]
mod tests;
