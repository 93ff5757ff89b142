//! The output folder: the only module that writes it.
//!
//! A build never writes into the output folder while it renders. New and changed files go to a
//! staging folder beside it; files whose bytes did not change are not written at all. Only when
//! every file was rendered does [`Staging::commit`] move the staged files into place (one rename
//! each; a rebuild holds its changed files in memory instead and writes them over the previous
//! ones in place, see `output_in_place.rs`) and delete the files the site no longer has. So a failed build leaves the previous output
//! byte-for-byte intact, unchanged files keep their modification times (upload tools skip them),
//! and a no-change rebuild writes nothing. A first build (no previous output) renames the whole
//! staging folder into place.
//!
//! Why not build a complete copy and swap folders? Deleting the previous tree afterwards costs one
//! unlink per file and folder, which on common file systems dominated no-change rebuilds of large
//! archives (tens of seconds at 10,000 reports); see BENCHMARKS.md.
//!
//! Safety rules: the output folder may not be the site root, a folder holding the site, or a
//! folder inside `content/`, `themes/` or `static/`; an existing non-empty folder that annals did
//! not create (it has no [`MARKER`] file) is refused unless `--force`. Nothing outside the output
//! folder and its staging sibling is ever written or deleted.

use crate::content::cache::{REPORTS_CACHE_FILE, ReportCache};
use crate::diagnostics::Diagnostic;
use crate::fingerprint_signatures::{SIGNATURES_FILE, Signatures};
use crate::site_file::Output;
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// The file that marks a folder as annals output (safe to replace on the next build).
pub const MARKER: &str = ".annals-output";
const MARKER_TEXT: &str = "This folder is written by annals and replaced on every build.\n";

/// Files annals keeps in the output folder for itself: never part of the site (not deployed,
/// not served), never deleted as stale.
pub fn is_bookkeeping(path: &str) -> bool {
    path == MARKER
        || path == crate::render::reuse::PAGE_KEYS_FILE
        || path == crate::search::state::SEARCH_STATE_FILE
        || path == REPORTS_CACHE_FILE
        || path == SIGNATURES_FILE
        || path == listing::FILES_FILE
}

/// What a build keeps in the output folder for the next one, written on commit.
#[derive(Debug, Clone, Copy)]
pub struct Bookkeeping<'a> {
    /// Kept in the marker file: the input fingerprint and counts.
    pub stamp: &'a str,
    pub page_keys: &'a str,
    pub search_state: Option<&'a str>,
    pub report_cache: Option<&'a [u8]>,
    /// The signatures of the input files this build hashed ([`Signatures::to_text`]).
    pub signatures: Option<&'a str>,
}

/// The signatures of the input files the build in `target` hashed, if it left them.
pub fn read_signatures(target: &Path) -> Option<Signatures> {
    let bytes = read_bookkeeping_bytes(target, SIGNATURES_FILE)?;
    Signatures::from_text(std::str::from_utf8(&bytes).ok()?)
}

/// The parsed reports of the build in `target`, if it left them under `settings`.
pub fn read_report_cache(target: &Path, settings: &str) -> Option<ReportCache> {
    let bytes = read_bookkeeping_bytes(target, REPORTS_CACHE_FILE)?;
    ReportCache::from_bytes(&bytes, settings)
}

/// The page keys of the build in `target`, if it left any (see [`crate::render::reuse`]).
pub fn read_page_keys(target: &Path) -> Option<crate::render::reuse::PageKeys> {
    let text = read_bookkeeping(target, crate::render::reuse::PAGE_KEYS_FILE)?;
    crate::render::reuse::PageKeys::from_text(&text)
}

/// The state of the search index of the build in `target`, trusted as its page keys are.
pub fn read_search_state(target: &Path) -> Option<crate::search::IndexState> {
    let text = read_bookkeeping(target, crate::search::state::SEARCH_STATE_FILE)?;
    crate::search::IndexState::from_text(&text)
}

/// A bookkeeping file of the build in `target`. It counts only beside a stamp: a commit that
/// did not finish leaves none.
fn read_bookkeeping(target: &Path, file: &str) -> Option<String> {
    String::from_utf8(read_bookkeeping_bytes(target, file)?).ok()
}

fn read_bookkeeping_bytes(target: &Path, file: &str) -> Option<Vec<u8>> {
    read_stamp(target).filter(|stamp| !stamp.is_empty())?;
    fs::read(target.join(file)).ok()
}

/// A build in progress: changed files go to `staging`, and move into `target` on commit.
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    staging: PathBuf,
    /// The previous output, compared against to skip unchanged files.
    previous: Option<PathBuf>,
    /// Every path this build produces (to find stale files on commit).
    produced: Mutex<HashSet<String>>,
    /// Paths written into the staging folder (new or changed).
    changed: Mutex<Vec<String>>,
    /// Changed files of a rebuild held in memory, written in place at commit.
    held: in_place::Held,
    /// The previous output's files, listed while the build runs.
    listing: Option<listing::Listing>,
}

/// Absolute, normalised form of a path that may not exist yet.
fn absolute(path: &Path) -> io::Result<PathBuf> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    // Canonicalise the longest existing ancestor, then append the rest.
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut result = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for part in rest.into_iter().rev() {
        if part == ".." {
            result.pop();
        } else if part != "." {
            result.push(part);
        }
    }
    Ok(result)
}

/// Checks that `output` may be (re)written for the site at `root`, and starts a staging folder.
pub fn prepare(root: &Path, output: &Path, force: bool) -> Result<Staging, Diagnostic> {
    prepare_listed(root, output, force, None)
}

/// Starts listing the previous output in `output` (when annals wrote it) before the build is
/// ready to [`prepare_listed`]: the listing then runs while the site loads. Nothing is done with
/// it unless the folder is accepted. With `recorded`, the files the previous build recorded
/// stand for the listing (see `output_listing.rs`); without, the folder is walked, and the
/// commit deletes whatever the site does not have.
pub fn start_listing(output: &Path, recorded: bool) -> Option<EarlyListing> {
    let target = absolute(output).ok()?;
    (target.join(MARKER).is_file())
        .then(|| EarlyListing(target.clone(), listing::Listing::start(target, recorded)))
}

/// A listing of an output folder started by [`start_listing`].
#[derive(Debug)]
pub struct EarlyListing(PathBuf, listing::Listing);

/// [`prepare`], with the listing of the previous output already started.
pub fn prepare_listed(
    root: &Path,
    output: &Path,
    force: bool,
    early: Option<EarlyListing>,
) -> Result<Staging, Diagnostic> {
    let refuse =
        |why: String, hint: &str| Err(Diagnostic::error(output, why).with_hint(hint.to_string()));
    let root = absolute(root)
        .map_err(|e| Diagnostic::error(root, format!("cannot resolve the site root: {e}")))?;
    let target = absolute(output)
        .map_err(|e| Diagnostic::error(output, format!("cannot resolve the output folder: {e}")))?;
    let shown = output.display();
    if root.starts_with(&target) {
        return refuse(
            format!("refusing to write the site into `{shown}`: it holds the site itself"),
            "choose an output folder inside the site, such as public/",
        );
    }
    for protected in ["content", "themes", "static"] {
        if target.starts_with(root.join(protected)) {
            return refuse(
                format!(
                    "refusing to write the site into `{shown}`: it is inside `{protected}/`, which holds your own files"
                ),
                "choose an output folder such as public/",
            );
        }
    }
    if target.exists() {
        if !target.is_dir() {
            return refuse(
                format!("the output path `{shown}` is a file, not a folder"),
                "choose another --output-dir",
            );
        }
        let ours = target.join(MARKER).is_file();
        let empty = fs::read_dir(&target)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !ours && !empty && !force {
            return refuse(
                format!(
                    "refusing to replace `{shown}`: it is not empty and was not created by annals"
                ),
                "choose another --output-dir, or pass --force to replace it (its files will be deleted)",
            );
        }
    }
    let parent = target
        .parent()
        .ok_or_else(|| Diagnostic::error(output, "the output folder has no parent folder"))?;
    fs::create_dir_all(parent)
        .map_err(|e| Diagnostic::error(parent, format!("cannot create the folder: {e}")))?;
    // One fixed name: a staging folder left by a build that was killed is cleared by the next.
    let staging = staging_folder(&target)
        .ok_or_else(|| Diagnostic::error(output, "the output folder has no name"))?;
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(|e| {
            Diagnostic::error(
                &staging,
                format!("cannot clear a stale staging folder: {e}"),
            )
        })?;
    }
    fs::create_dir(&staging).map_err(|e| {
        Diagnostic::error(&staging, format!("cannot create the staging folder: {e}"))
    })?;
    fs::write(staging.join(MARKER), MARKER_TEXT)
        .map_err(|e| Diagnostic::error(&staging, format!("cannot write: {e}")))?;
    let previous = target.is_dir().then(|| target.clone());
    let listing = previous.clone().map(|previous| match early {
        Some(EarlyListing(listed, listing)) if listed == previous => listing,
        _ => listing::Listing::start(previous, false),
    });
    Ok(Staging {
        target,
        staging,
        previous,
        produced: Mutex::default(),
        changed: Mutex::default(),
        held: in_place::Held::default(),
        listing,
    })
}

/// The staging folder a build of `target` writes into (it exists only while a build runs, or
/// after one was killed).
pub fn staging_folder(target: &Path) -> Option<PathBuf> {
    let name = target.file_name()?.to_string_lossy();
    Some(target.with_file_name(format!(".{name}.annals-staging")))
}

/// The stamp an earlier build left in the marker of `target`, if `target` is annals output.
pub fn read_stamp(target: &Path) -> Option<String> {
    let text = fs::read_to_string(target.join(MARKER)).ok()?;
    text.strip_prefix(MARKER_TEXT).map(str::to_string)
}

/// Rejects output paths that could escape the output folder.
fn safe_relative(path: &str) -> io::Result<&Path> {
    let p = Path::new(path);
    if path.is_empty() || p.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("unsafe output path `{path}`"),
        ));
    }
    Ok(p)
}

impl Staging {
    /// The final output folder.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Records `path` as produced; true when the previous output already has it identical.
    fn unchanged(&self, path: &str, same: impl FnOnce(&Path) -> bool) -> bool {
        self.produced.lock().expect("lock").insert(path.to_string());
        self.previous
            .as_ref()
            .is_some_and(|previous| same(&previous.join(path)))
    }

    /// Keeps the previous output's file at `path` as this build's (a page whose inputs did not
    /// change); false when there is no such file, so it must be rendered.
    pub fn keep(&self, path: &str) -> bool {
        let listed = self.listing.as_ref().and_then(listing::Listing::get);
        self.unchanged(path, |old| match listed {
            Some(listed) => listed.files.contains(path) && (!listed.recorded || old.is_file()),
            None => old.is_file(),
        })
    }

    /// Writes one file into the staging folder (or, in a rebuild, holds it for the commit),
    /// unless the previous output has it identical.
    pub fn write(&self, output: Output) -> io::Result<()> {
        let relative = safe_relative(&output.path)?;
        if self.unchanged(&output.path, |old| same_bytes(old, &output.bytes)) {
            return Ok(());
        }
        let dest = self.staging.join(relative);
        // A rebuild holds a small file for the commit (see `output_in_place.rs`).
        let not_held = match self.previous {
            Some(_) => self.held.hold(output),
            None => Some(output),
        };
        let Some(output) = not_held else {
            return Ok(());
        };
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&dest, &output.bytes)?;
        self.changed.lock().expect("lock").push(output.path);
        Ok(())
    }

    /// Copies site static files (output path → source). A copy with the source's size and
    /// modification time is taken as unchanged.
    pub fn copy_static(&self, files: &BTreeMap<String, PathBuf>) -> io::Result<()> {
        for (path, source) in files {
            let relative = safe_relative(path)?;
            let source_meta = fs::metadata(source)?;
            let same = |old: &Path| {
                fs::metadata(old).is_ok_and(|m| {
                    m.is_file()
                        && m.len() == source_meta.len()
                        && m.modified().ok() == source_meta.modified().ok()
                })
            };
            if self.unchanged(path, same) {
                continue;
            }
            let dest = self.staging.join(relative);
            if let Some(parent) = dest.parent() {
                fs::create_dir_all(parent)?;
            }
            if dest.exists() {
                fs::remove_file(&dest)?;
            }
            fs::copy(source, &dest)?;
            // Keep the source's modification time so an unchanged copy is recognised next time.
            if let Ok(modified) = source_meta.modified() {
                fs::File::options()
                    .write(true)
                    .open(&dest)?
                    .set_modified(modified)?;
            }
            self.changed.lock().expect("lock").push(path.clone());
        }
        Ok(())
    }

    /// Throws the staging folder away; the previous output stays as it was.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.staging);
    }
}

/// Whether the file at `path` holds exactly `bytes`. Compared a block at a time, so a large data
/// set (tens of megabytes) is not read into memory beside its new version.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    if !file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        return false;
    }
    let mut block = vec![0u8; bytes.len().clamp(1, 64 * 1024)];
    let mut offset = 0;
    loop {
        match file.read(&mut block) {
            Ok(0) => return offset == bytes.len(),
            Ok(n) => {
                if bytes.get(offset..offset + n) != Some(&block[..n]) {
                    return false;
                }
                offset += n;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

#[path = "output_commit.rs"]
mod commit;
#[path = "output_in_place.rs"]
mod in_place;
#[path = "output_listing.rs"]
mod listing;

#[cfg(test)]
#[path = "output_tests.rs"]
mod tests;
