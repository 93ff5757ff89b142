//! The previous output's files, known once per build on a thread of their own while the site
//! loads and renders. Keeping a page then asks the list, and the commit finds stale files as
//! those listed and not produced, without walking the folder a second time.
//!
//! A complete build records the files it produced ([`FILES_FILE`]), and the next build takes
//! that record instead of walking the folder: listing some 19,000 folders at 10,000 reports
//! (80,000 at 50,000) cost a rebuild a quarter of a second of CPU (a second at 50,000) on a
//! two-core machine, beside the build's own work. The record says what annals wrote, not what
//! someone put there since, so with a recorded list a kept page is also checked on disk (one
//! `stat`; a file deleted by hand is made again), stale files are those the previous build
//! wrote and this one does not, and a file put into the output folder by hand is left alone.
//! `annals build --full` walks the folder instead, and deletes everything the site does not
//! have.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::thread::JoinHandle;

/// The bookkeeping file in which a build records the files it produced.
pub const FILES_FILE: &str = ".annals-files";

const FILES_HEADER: &str = "annals files 1";

/// Every file and folder under the output folder when the build started, as site-relative
/// paths with `/` separators (folders after their contents): listed, or as the previous build
/// recorded them.
#[derive(Debug, Default)]
pub struct Listed {
    pub files: HashSet<String>,
    pub folders: Vec<String>,
    /// Taken from the previous build's record: a file on it may have been deleted since.
    pub recorded: bool,
}

/// A listing in progress or done.
#[derive(Debug)]
pub struct Listing {
    running: Mutex<Option<JoinHandle<io::Result<Listed>>>>,
    done: OnceLock<Option<Listed>>,
}

impl Listing {
    /// Starts listing `folder`, taking the record of the build that wrote it when `recorded`
    /// and that build completed.
    pub fn start(folder: PathBuf, recorded: bool) -> Listing {
        let running = std::thread::spawn(move || match recorded {
            true => read_record(&folder).map_or_else(|| list_folder(&folder), Ok),
            false => list_folder(&folder),
        });
        Listing {
            running: Mutex::new(Some(running)),
            done: OnceLock::new(),
        }
    }

    /// The listing, waiting for it if needed; `None` if the folder could not be listed (the
    /// caller then asks the file system).
    pub fn get(&self) -> Option<&Listed> {
        self.done
            .get_or_init(|| {
                let running = self.running.lock().ok()?.take()?;
                running.join().ok()?.ok()
            })
            .as_ref()
    }
}

/// Every file and folder under `folder`.
pub fn list_folder(folder: &Path) -> io::Result<Listed> {
    let mut listed = Listed::default();
    list(folder, "", &mut listed)?;
    Ok(listed)
}

/// The text of [`FILES_FILE`] for a build that produced `produced`: a header, then one path
/// per line, sorted.
pub fn record_text(produced: &HashSet<String>) -> String {
    let mut paths: Vec<&str> = produced.iter().map(String::as_str).collect();
    paths.sort_unstable();
    let mut text = String::with_capacity(paths.iter().map(|p| p.len() + 1).sum::<usize>() + 16);
    text.push_str(FILES_HEADER);
    text.push('\n');
    for path in paths {
        text.push_str(path);
        text.push('\n');
    }
    text
}

/// The files the build that wrote `folder` recorded, with their folders; `None` when that build
/// did not complete (its marker holds no stamp) or left no readable record.
fn read_record(folder: &Path) -> Option<Listed> {
    if super::read_stamp(folder).is_none_or(|stamp| stamp.is_empty()) {
        return None;
    }
    let text = fs::read_to_string(folder.join(FILES_FILE)).ok()?;
    let mut lines = text.lines();
    if lines.next()? != FILES_HEADER {
        return None;
    }
    let mut files = HashSet::new();
    let mut folders = HashSet::new();
    for path in lines {
        insert_folders_above(path, &mut folders);
        files.insert(path.to_string());
    }
    // A folder sorts after its contents in reverse order.
    let mut folders: Vec<String> = folders.into_iter().map(str::to_string).collect();
    folders.sort_unstable_by(|a, b| b.cmp(a));
    Some(Listed {
        files,
        folders,
        recorded: true,
    })
}

/// Adds every folder above the file `path` to `folders` (from the nearest; an ancestor of a
/// folder already there is too).
fn insert_folders_above<'a>(path: &'a str, folders: &mut HashSet<&'a str>) {
    let mut end = path.len();
    while let Some(slash) = path[..end].rfind('/') {
        if !folders.insert(&path[..slash]) {
            break;
        }
        end = slash;
    }
}

fn list(dir: &Path, prefix: &str, listed: &mut Listed) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let relative = format!("{prefix}{}", name.to_string_lossy());
        if entry.file_type()?.is_dir() {
            list(&entry.path(), &format!("{relative}/"), listed)?;
            listed.folders.push(relative);
        } else {
            listed.files.insert(relative);
        }
    }
    Ok(())
}

/// Deletes the listed files of `root` that this build did not produce (bookkeeping, at the
/// root, aside), and the folders left without any produced file. Files or folders gone or
/// filled meanwhile are left as they are.
pub fn remove_unproduced(
    root: &Path,
    listed: &Listed,
    produced: &HashSet<String>,
) -> io::Result<()> {
    use rayon::prelude::*;
    let ignore_gone = |result: io::Result<()>| match result {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    };
    // A recorded path that could leave the folder (a record edited by hand) is never deleted.
    (listed.files.par_iter())
        .filter(|path| !produced.contains(*path) && !super::is_bookkeeping(path))
        .filter(|path| super::safe_relative(path).is_ok())
        .try_for_each(|path| ignore_gone(fs::remove_file(root.join(path))))?;
    let mut live: HashSet<&str> = HashSet::new();
    for path in produced {
        insert_folders_above(path, &mut live);
    }
    // Children before their parents: the listing put every folder after its contents.
    let stale =
        |folder: &&String| !live.contains(folder.as_str()) && super::safe_relative(folder).is_ok();
    for folder in listed.folders.iter().filter(stale) {
        match fs::remove_dir(root.join(folder)) {
            Err(e) if e.kind() == io::ErrorKind::DirectoryNotEmpty => {}
            result => ignore_gone(result)?,
        }
    }
    Ok(())
}
