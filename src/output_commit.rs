//! The commit of a build (see `output.rs`): the staged files moved into the output folder, the
//! held ones written over the previous files in place, the files the site no longer has
//! deleted, and the bookkeeping written last, the marker's stamp after everything else.

use super::{
    Bookkeeping, MARKER, MARKER_TEXT, REPORTS_CACHE_FILE, SIGNATURES_FILE, Staging, in_place,
    listing,
};
use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::Path;
use std::sync::Mutex;

impl Staging {
    /// Moves the new and changed files into the output folder and deletes the files the site no
    /// longer has. Called only after every file was rendered. The stamp is kept in the marker
    /// file (the input fingerprint and counts, for recognising a no-change rebuild), the rest of
    /// `bookkeeping` beside it for the next build.
    pub fn commit(self, bookkeeping: &Bookkeeping) -> io::Result<()> {
        use crate::render::reuse::PAGE_KEYS_FILE;
        use crate::search::state::SEARCH_STATE_FILE;
        let marker = format!("{MARKER_TEXT}{}", bookkeeping.stamp);
        let write_bookkeeping = |folder: &Path, record: &str| -> io::Result<()> {
            fs::write(folder.join(listing::FILES_FILE), record)?;
            fs::write(folder.join(PAGE_KEYS_FILE), bookkeeping.page_keys)?;
            if let Some(state) = bookkeeping.search_state {
                fs::write(folder.join(SEARCH_STATE_FILE), state)?;
            }
            if let Some(cache) = bookkeeping.report_cache {
                fs::write(folder.join(REPORTS_CACHE_FILE), cache)?;
            }
            if let Some(signatures) = bookkeeping.signatures {
                fs::write(folder.join(SIGNATURES_FILE), signatures)?;
            }
            fs::write(folder.join(MARKER), &marker)
        };
        let Some(previous) = self.previous.clone() else {
            let record = listing::record_text(&self.produced.lock().expect("lock"));
            write_bookkeeping(&self.staging, &record)?;
            return fs::rename(&self.staging, &self.target);
        };
        // While files move, the folder holds neither a stamp nor keys: a build killed now is
        // followed by a full render, never by one trusting keys of files not in place.
        fs::write(previous.join(MARKER), MARKER_TEXT)?;
        for file in [
            PAGE_KEYS_FILE,
            SEARCH_STATE_FILE,
            REPORTS_CACHE_FILE,
            SIGNATURES_FILE,
            listing::FILES_FILE,
        ] {
            if previous.join(file).exists() {
                fs::remove_file(previous.join(file))?;
            }
        }
        let produced = self.produced.into_inner().expect("lock");
        // The record of what this build produced is made while the files move.
        std::thread::scope(|scope| -> io::Result<()> {
            let record = scope.spawn(|| listing::record_text(&produced));
            let listing = self.listing.as_ref();
            Self::move_into_place(&previous, &self.staging, self.changed, self.held)?;
            // Listed while the build ran; listed now if that listing failed.
            let listed_now;
            let listed = match listing.and_then(listing::Listing::get) {
                Some(listed) => listed,
                None => {
                    listed_now = listing::list_folder(&previous)?;
                    &listed_now
                }
            };
            listing::remove_unproduced(&previous, listed, &produced)?;
            write_bookkeeping(&previous, &record.join().expect("the record is made"))
        })?;
        crate::drop_later::drop_later((produced, self.listing));
        fs::remove_dir_all(&self.staging)
    }

    /// Moves the staged files and writes the held ones into the previous output `previous`.
    fn move_into_place(
        previous: &Path,
        staging: &Path,
        changed: Mutex<Vec<String>>,
        held: in_place::Held,
    ) -> io::Result<()> {
        let mut changed = changed.into_inner().expect("lock");
        changed.sort();
        for path in &changed {
            let dest = previous.join(path);
            make_parent(previous, &dest)?;
            if dest.is_dir() {
                fs::remove_dir_all(&dest)?;
            }
            fs::rename(staging.join(path), &dest)?;
        }
        let held = held.into_files();
        let mut made_parent: Option<&Path> = None;
        for (path, _) in &held {
            let parent = Path::new(path).parent();
            if parent != made_parent {
                make_parent(previous, &previous.join(path))?;
                made_parent = parent;
            }
        }
        // Parents exist; the writes are independent and mostly kernel time, so both cores help.
        held.par_iter()
            .try_for_each(|(path, bytes)| in_place::write_in_place(&previous.join(path), bytes))?;
        crate::drop_later::drop_later(held);
        Ok(())
    }
}

/// Creates the folders above `dest` inside `root`, replacing a file that stands where a folder
/// must go (a page that became a section).
fn make_parent(root: &Path, dest: &Path) -> io::Result<()> {
    let Some(parent) = dest.parent() else {
        return Ok(());
    };
    if parent.is_dir() {
        return Ok(());
    }
    let mut current = root.to_path_buf();
    for part in parent.strip_prefix(root).unwrap_or(parent).components() {
        current.push(part);
        if current.is_file() {
            fs::remove_file(&current)?;
        }
    }
    fs::create_dir_all(parent)
}
