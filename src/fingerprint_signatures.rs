//! File signatures: what a build remembers of each input file it hashed (size, modification and
//! change times, inode) so the next build can take the hash of a file whose signature is the same
//! instead of reading it again, as git's index and make do. Kept in the output folder
//! ([`SIGNATURES_FILE`]).
//!
//! A signature is trusted only when the file's change time is safely before the moment the hash
//! was taken ([`RACY_MARGIN`]): a file written in the same instant as it was hashed (or on a file
//! system with coarse timestamps) is read again, so an edit made while a build ran is never
//! missed. The change time cannot be set by tools that keep modification times (`cp -p`,
//! `rsync -t`, `touch -d`): any write moves it. `annals build --full` reads every file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The bookkeeping file holding the signatures of the previous build's inputs.
pub const SIGNATURES_FILE: &str = ".annals-inputs";

const HEADER: &str = "annals input signatures 1";

/// A file changed less than this before its hash was taken is read again by the next build.
pub const RACY_MARGIN: Duration = Duration::from_secs(2);

/// What identifies a file's contents without reading them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    pub size: u64,
    /// Modification and change times, in nanoseconds since the Unix epoch.
    pub modified: i128,
    pub changed: i128,
    pub inode: u64,
}

impl Signature {
    /// The signature of a file from its metadata (`None` where the platform lacks change
    /// times: such files are always read).
    pub fn of(meta: &std::fs::Metadata) -> Option<Signature> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let nanos =
                |seconds: i64, nanos: i64| i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
            Some(Signature {
                size: meta.len(),
                modified: nanos(meta.mtime(), meta.mtime_nsec()),
                changed: nanos(meta.ctime(), meta.ctime_nsec()),
                inode: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }
}

/// The hashes of a set of files with their signatures, taken at `taken` (nanoseconds since
/// the Unix epoch).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signatures {
    pub taken: i128,
    pub files: HashMap<PathBuf, (Signature, u64)>,
}

/// Now, in nanoseconds since the Unix epoch.
pub fn now() -> i128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

impl Signatures {
    /// Empty signatures, taken now.
    pub fn starting_now() -> Signatures {
        Signatures {
            taken: now(),
            files: HashMap::new(),
        }
    }

    /// The hash of `relative`, if it was hashed with the signature `signature` and it had not
    /// changed within [`RACY_MARGIN`] of the moment the hash was taken.
    pub fn trusted_hash(&self, relative: &Path, signature: &Signature) -> Option<u64> {
        let (known, hash) = self.files.get(relative)?;
        let margin = RACY_MARGIN.as_nanos() as i128;
        let settled = |t: i128| t + margin < self.taken;
        (known == signature && settled(known.changed) && settled(known.modified)).then_some(*hash)
    }

    /// As text: a header, the time taken, then one file per line (hash, size, times, inode,
    /// path last). Paths that are not UTF-8 or hold a line break are left out (read again).
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        // In byte order of the paths (a stable order; comparing paths part by part costs a
        // tenth of a second at 50,000 reports).
        let mut files: Vec<_> = (self.files.iter())
            .filter_map(|(path, signed)| Some((path.to_str()?, signed)))
            .filter(|(path, _)| !path.contains(['\n', '\r']))
            .collect();
        files.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut text = format!("{HEADER}\ntaken {}\n", self.taken);
        text.reserve(files.len() * 80);
        for (path, (s, hash)) in files {
            let _ = writeln!(
                text,
                "{hash:016x} {} {} {} {} {path}",
                s.size, s.modified, s.changed, s.inode
            );
        }
        text
    }

    /// Reads back what [`Signatures::to_text`] wrote; `None` for anything else.
    pub fn from_text(text: &str) -> Option<Signatures> {
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let taken = lines.next()?.strip_prefix("taken ")?.parse().ok()?;
        let mut files = HashMap::new();
        for line in lines {
            let mut parts = line.splitn(6, ' ');
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            let signature = Signature {
                size: parts.next()?.parse().ok()?,
                modified: parts.next()?.parse().ok()?,
                changed: parts.next()?.parse().ok()?,
                inode: parts.next()?.parse().ok()?,
            };
            files.insert(PathBuf::from(parts.next()?), (signature, hash));
        }
        Some(Signatures { taken, files })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signature(changed: i128) -> Signature {
        Signature {
            size: 10,
            modified: changed,
            changed,
            inode: 7,
        }
    }

    #[test]
    fn a_settled_unchanged_file_is_trusted_and_any_difference_is_not() {
        let second = 1_000_000_000;
        let mut known = Signatures {
            taken: 100 * second,
            files: HashMap::new(),
        };
        let old = signature(50 * second);
        known.files.insert("content/a.md".into(), (old, 42));
        let path = Path::new("content/a.md");
        assert_eq!(known.trusted_hash(path, &old), Some(42));
        for other in [
            Signature { size: 11, ..old },
            Signature {
                modified: old.modified + 1,
                ..old
            },
            Signature {
                changed: old.changed + 1,
                ..old
            },
            Signature { inode: 8, ..old },
        ] {
            assert_eq!(known.trusted_hash(path, &other), None, "{other:?}");
        }
        assert_eq!(known.trusted_hash(Path::new("content/b.md"), &old), None);
        // Changed a second before the hash was taken: racy, read again.
        let racy = signature(99 * second);
        known.files.insert("content/r.md".into(), (racy, 1));
        assert_eq!(known.trusted_hash(Path::new("content/r.md"), &racy), None);
    }

    #[test]
    fn text_round_trips_and_foreign_text_is_refused() {
        let mut signatures = Signatures::starting_now();
        signatures
            .files
            .insert("content/2024/05/a b.md".into(), (signature(5), u64::MAX));
        signatures
            .files
            .insert("content/x.md".into(), (signature(-3), 0));
        let text = signatures.to_text();
        assert_eq!(Signatures::from_text(&text), Some(signatures));
        assert_eq!(Signatures::from_text("fingerprint = 1\n"), None);
        assert_eq!(Signatures::from_text(&text.replace("taken", "took")), None);
    }

    #[test]
    fn signatures_follow_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "one").unwrap();
        let first = Signature::of(&std::fs::metadata(&file).unwrap());
        std::fs::write(&file, "two!").unwrap();
        let second = Signature::of(&std::fs::metadata(&file).unwrap());
        if cfg!(unix) {
            assert_ne!(first, second);
            assert_eq!(second.unwrap().size, 4);
        }
    }
}
