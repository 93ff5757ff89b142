//! Changed files of a rebuild, held in memory until the commit and then written over the
//! previous files in place.
//!
//! Staging a changed file and renaming it over the previous one gives it a new inode and frees
//! the old one. On ext4 creating an inode searches the inode bitmap past recently freed ones,
//! and after a rebuild or two that search dominated a one-report rebuild (most of its system
//! time, for a thousand rewritten index files). A held file is written at commit into the file
//! it replaces (same inode, truncated and rewritten), so a rebuild allocates inodes only for
//! files that are new. Nothing is written before the commit, so a failed build still leaves
//! the previous output intact. A file with other hard links (a copy made with `cp -al`) is
//! replaced, never rewritten, so the other names keep the old bytes. Past the memory budget,
//! files are staged on disk as before, and so is a large file (a data set of tens of
//! megabytes): one new inode is nothing beside its bytes, and held it would spend the budget
//! meant for the many small files.

use crate::site_file::Output;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Mutex;

/// The most bytes held in memory; later changed files go to the staging folder.
pub const BUDGET_BYTES: usize = 192 * 1024 * 1024;

/// The largest file held; a larger one is staged.
pub const LARGEST_HELD_BYTES: usize = 1024 * 1024;

/// One file waiting for the commit: output path and bytes.
pub type HeldFile = (String, Vec<u8>);

/// Changed files waiting for the commit, and their total size.
#[derive(Debug, Default)]
pub struct Held {
    files: Mutex<(usize, Vec<HeldFile>)>,
}

impl Held {
    /// Holds `output` (taking its bytes, not copying them); gives it back for a large file or
    /// when the budget is spent.
    pub fn hold(&self, output: Output) -> Option<Output> {
        let size = output.bytes.len();
        if size > LARGEST_HELD_BYTES {
            return Some(output);
        }
        let mut files = self.files.lock().expect("lock");
        if files.0 + size > BUDGET_BYTES {
            return Some(output);
        }
        files.0 += size;
        files.1.push((output.path, output.bytes));
        None
    }

    /// The held paths, in order.
    pub fn into_files(self) -> Vec<HeldFile> {
        let mut files = self.files.into_inner().expect("lock").1;
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        files
    }
}

/// Writes `bytes` as the file `dest`: in place over a file no other name links to, otherwise
/// as a new file.
pub fn write_in_place(dest: &Path, bytes: &[u8]) -> io::Result<()> {
    match fs::symlink_metadata(dest) {
        Ok(meta) if sole_file(&meta) => {
            // Written over the old bytes, then cut to length: the file keeps its blocks, where
            // truncating first would free them and allocate new ones.
            let mut file = fs::File::options().write(true).open(dest)?;
            file.write_all(bytes)?;
            if (bytes.len() as u64) < meta.len() {
                file.set_len(bytes.len() as u64)?;
            }
            Ok(())
        }
        Ok(meta) if meta.is_dir() => {
            fs::remove_dir_all(dest)?;
            fs::write(dest, bytes)
        }
        Ok(_) => {
            fs::remove_file(dest)?;
            fs::write(dest, bytes)
        }
        Err(_) => fs::write(dest, bytes),
    }
}

/// True for a regular file with no other hard link.
fn sole_file(meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.is_file() && meta.nlink() == 1
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_rewritten_in_place_but_a_hard_linked_one_is_replaced() {
        let folder = std::env::temp_dir().join(format!("annals-in-place-{}", std::process::id()));
        let _ = fs::remove_dir_all(&folder);
        fs::create_dir_all(&folder).unwrap();
        let page = folder.join("page.html");
        fs::write(&page, "old and longer").unwrap();
        write_in_place(&page, b"new").unwrap();
        assert_eq!(fs::read_to_string(&page).unwrap(), "new");
        let copy = folder.join("copy.html");
        fs::hard_link(&page, &copy).unwrap();
        write_in_place(&page, b"newer").unwrap();
        assert_eq!(fs::read_to_string(&page).unwrap(), "newer");
        assert_eq!(
            fs::read_to_string(&copy).unwrap(),
            "new",
            "the other name keeps its bytes"
        );
        let made = folder.join("made.html");
        write_in_place(&made, b"first").unwrap();
        assert_eq!(fs::read_to_string(&made).unwrap(), "first");
        write_in_place(&made, b"first, longer").unwrap();
        write_in_place(&made, b"third").unwrap();
        assert_eq!(
            fs::read_to_string(&made).unwrap(),
            "third",
            "cut to its new length"
        );
        let _ = fs::remove_dir_all(&folder);
    }

    #[test]
    fn files_past_the_budget_are_not_held() {
        let held = Held::default();
        let file = |path: &str, size: usize| Output {
            path: path.to_string(),
            bytes: vec![b'x'; size],
        };
        assert!(held.hold(file("b", 1)).is_none());
        assert!(held.hold(file("a", 1)).is_none());
        let large = held.hold(file("large", LARGEST_HELD_BYTES + 1));
        assert_eq!(
            large.map(|o| o.path).as_deref(),
            Some("large"),
            "given back"
        );
        for n in 0..BUDGET_BYTES / LARGEST_HELD_BYTES - 1 {
            assert!(
                held.hold(file(&format!("c{n}"), LARGEST_HELD_BYTES))
                    .is_none()
            );
        }
        assert!(held.hold(file("past", LARGEST_HELD_BYTES)).is_some());
        let files = held.into_files();
        let paths: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(paths[..2], ["a", "b"]);
        assert!(!paths.contains(&"large") && !paths.contains(&"past"));
    }
}
