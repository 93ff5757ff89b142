//! Watching the site for changes: `site.toml`, `content/`, `themes/` and `static/`.
//!
//! File events are debounced (an editor's save is often several events: write a temporary
//! file, rename it, change permissions) and collected into a set of changed paths that the
//! rebuild thread takes as one batch. Editor leftovers and everything outside the four watched
//! places (the output folder `public/`, `.git`) never wake it. Each new batch also raises a
//! flag that abandons a long rebuild still running, since its result would be out of date.

use super::rebuild::ignored_name;
use notify::RecursiveMode;
use notify::event::EventKind;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// Quiet time after the last event of a save before rebuilding.
pub const DEBOUNCE: Duration = Duration::from_millis(100);
/// The folders watched recursively.
pub const WATCHED_DIRS: [&str; 3] = ["content", "themes", "static"];

/// Changed paths waiting for the rebuild thread.
#[derive(Debug, Default)]
pub struct Pending {
    paths: Mutex<BTreeSet<PathBuf>>,
    ready: Condvar,
    /// Set by every new batch: a running rebuild stops and starts over.
    pub newer: AtomicBool,
}

impl Pending {
    /// Adds changed paths and wakes the rebuild thread.
    pub fn add(&self, paths: impl IntoIterator<Item = PathBuf>) {
        let mut pending = self.paths.lock().expect("lock");
        let before = pending.len();
        pending.extend(paths);
        if pending.len() > before {
            self.newer.store(true, Ordering::SeqCst);
            self.ready.notify_all();
        }
    }

    /// Waits for changes and takes them all.
    pub fn take(&self) -> BTreeSet<PathBuf> {
        let mut pending = self.paths.lock().expect("lock");
        while pending.is_empty() {
            pending = self.ready.wait(pending).expect("lock");
        }
        self.newer.store(false, Ordering::SeqCst);
        std::mem::take(&mut *pending)
    }
}

/// The file watcher of one site.
pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    /// Watched folders, with the identity of the folder watched (a folder deleted and made
    /// again must be watched again).
    watched: BTreeMap<PathBuf, Option<u64>>,
}

impl Watcher {
    /// Starts watching `root` (canonical); changes go to `pending`.
    pub fn start(root: &Path, pending: Arc<Pending>) -> notify::Result<Watcher> {
        let filter_root = root.to_path_buf();
        let handler = move |result: DebounceEventResult| {
            let Ok(events) = result else { return };
            let paths = events
                .into_iter()
                .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                .flat_map(|e| e.event.paths)
                .filter(|p| relevant(&filter_root, p));
            pending.add(paths.collect::<Vec<_>>());
        };
        let mut debouncer = new_debouncer(DEBOUNCE, Some(DEBOUNCE / 5), handler)
            .map_err(|e| notify::Error::generic(&e.to_string()))?;
        debouncer.watch(root, RecursiveMode::NonRecursive)?;
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            debouncer,
            watched: BTreeMap::new(),
        };
        watcher.refresh();
        Ok(watcher)
    }

    /// Watches folders that appeared (or were made again) since the last call.
    pub fn refresh(&mut self) {
        for name in WATCHED_DIRS {
            let dir = self.root.join(name);
            let known = self.watched.get(&dir).copied();
            let Some(identity) = folder_identity(&dir) else {
                if known.is_some() {
                    let _ = self.debouncer.unwatch(&dir);
                    self.watched.remove(&dir);
                }
                continue;
            };
            if known != Some(identity) {
                let _ = self.debouncer.unwatch(&dir);
                if self.debouncer.watch(&dir, RecursiveMode::Recursive).is_ok() {
                    self.watched.insert(dir, identity);
                }
            }
        }
    }
}

/// True for paths that can change the site: `site.toml` and files below the watched folders,
/// except editor leftovers and hidden files.
pub fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = relative.iter().map(|p| p.to_string_lossy());
    let Some(first) = parts.next() else {
        return false;
    };
    let watched = first == crate::config::CONFIG_FILE || WATCHED_DIRS.contains(&first.as_ref());
    watched && !ignored_name(&first) && parts.all(|p| !ignored_name(&p))
}

/// Identifies a folder (its inode on Unix), or `None` if there is no folder.
fn folder_identity(dir: &Path) -> Option<Option<u64>> {
    let meta = std::fs::metadata(dir).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(Some(meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_files_are_relevant() {
        let root = Path::new("/site");
        for yes in [
            "site.toml",
            "content/2024/a.md",
            "content/2024",
            "themes/t/templates/report.html",
            "static/會議紀要.pdf",
        ] {
            assert!(relevant(root, &root.join(yes)), "{yes}");
        }
        for no in [
            "public/index.html",
            ".git/index",
            "README.md",
            "content/2024/.a.md.swp",
            "content/2024/a.md~",
            "content/2024/#a.md#",
            "content/2024/.#a.md",
            "content/4913",
            "content/.hidden/a.md",
            "/elsewhere/site.toml",
        ] {
            assert!(!relevant(root, &root.join(no)), "{no}");
        }
    }

    #[test]
    fn pending_changes_are_taken_as_one_batch() {
        let pending = Pending::default();
        pending.add([PathBuf::from("/a"), PathBuf::from("/b")]);
        pending.add([PathBuf::from("/a")]);
        assert!(pending.newer.load(Ordering::SeqCst));
        assert_eq!(pending.take().len(), 2);
        assert!(!pending.newer.load(Ordering::SeqCst));
    }
}
