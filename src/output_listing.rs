//! The previous output's files, listed once per build on a thread of their own while the site
//! loads and renders. Keeping a page then asks the list instead of the file system (one
//! `stat` less per kept file: some 100,000 at 50,000 reports), and the commit finds stale files
//! as those listed and not produced, without walking the folder a second time.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::thread::JoinHandle;

/// Every file and folder under the output folder when the build started, as site-relative
/// paths with `/` separators.
#[derive(Debug, Default)]
pub struct Listed {
    pub files: HashSet<String>,
    pub folders: Vec<String>,
}

/// A listing in progress or done.
#[derive(Debug)]
pub struct Listing {
    running: Mutex<Option<JoinHandle<io::Result<Listed>>>>,
    done: OnceLock<Option<Listed>>,
}

impl Listing {
    /// Starts listing `folder`.
    pub fn start(folder: PathBuf) -> Listing {
        let running = std::thread::spawn(move || list_folder(&folder));
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
    (listed.files.par_iter())
        .filter(|path| !produced.contains(*path) && !super::is_bookkeeping(path))
        .try_for_each(|path| ignore_gone(fs::remove_file(root.join(path))))?;
    let mut live: HashSet<&str> = HashSet::new();
    for path in produced {
        let mut end = path.len();
        while let Some(slash) = path[..end].rfind('/') {
            if !live.insert(&path[..slash]) {
                break;
            }
            end = slash;
        }
    }
    // Children before their parents: the listing put every folder after its contents.
    for folder in listed.folders.iter().filter(|f| !live.contains(f.as_str())) {
        match fs::remove_dir(root.join(folder)) {
            Err(e) if e.kind() == io::ErrorKind::DirectoryNotEmpty => {}
            result => ignore_gone(result)?,
        }
    }
    Ok(())
}
