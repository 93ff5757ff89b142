//! The output folder: the only module that writes it.
//!
//! A build writes into a staging folder beside the output folder and swaps it in only when every
//! file was written, so a failed build leaves the previous output byte-for-byte intact and an
//! upload step never sees a half-written site. A file whose bytes did not change is hard-linked
//! from the previous output instead of rewritten: its modification time stays the same (upload
//! tools skip it) and a no-change rebuild writes almost nothing.
//!
//! Safety rules: the output folder may not be the site root, a folder holding the site, or a
//! folder inside `content/`, `themes/` or `static/`; an existing non-empty folder that annals did
//! not create (it has no [`MARKER`] file) is refused unless `--force`. Nothing outside the output
//! folder and its staging siblings is ever written or deleted.

use crate::diagnostics::Diagnostic;
use crate::render::Output;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as annals output (safe to replace on the next build).
pub const MARKER: &str = ".annals-output";
const MARKER_TEXT: &str = "This folder is written by annals and replaced on every build.\n";

/// A build in progress: files go to `staging`, which replaces `target` on [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    staging: PathBuf,
    /// The previous output, to reuse unchanged files from.
    previous: Option<PathBuf>,
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
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.annals-staging-{}", std::process::id()));
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
    Ok(Staging {
        target,
        staging,
        previous,
    })
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

    /// Writes one file into the staging folder (reusing the previous output's file if identical).
    pub fn write(&self, output: &Output) -> io::Result<()> {
        let relative = safe_relative(&output.path)?;
        let dest = self.staging.join(relative);
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent)?;
        }
        if let Some(previous) = &self.previous {
            let old = previous.join(relative);
            if let Ok(meta) = fs::metadata(&old)
                && meta.is_file()
                && meta.len() == output.bytes.len() as u64
                && fs::read(&old).is_ok_and(|b| b == output.bytes)
                && fs::hard_link(&old, &dest).is_ok()
            {
                return Ok(());
            }
        }
        fs::write(&dest, &output.bytes)
    }

    /// Copies site static files (output path → source), reusing unchanged previous copies.
    pub fn copy_static(&self, files: &BTreeMap<String, PathBuf>) -> io::Result<()> {
        for (path, source) in files {
            let relative = safe_relative(path)?;
            let dest = self.staging.join(relative);
            if let Some(parent) = dest.parent() {
                fs::create_dir_all(parent)?;
            }
            if dest.exists() {
                fs::remove_file(&dest)?;
            }
            if let Some(previous) = &self.previous {
                let old = previous.join(relative);
                if let (Ok(a), Ok(b)) = (fs::metadata(&old), fs::metadata(source))
                    && a.len() == b.len()
                    && a.modified().ok() == b.modified().ok()
                    && fs::hard_link(&old, &dest).is_ok()
                {
                    continue;
                }
            }
            fs::copy(source, &dest)?;
            // Keep the source's modification time so unchanged copies are recognised next time.
            if let Ok(modified) = fs::metadata(source).and_then(|m| m.modified()) {
                let _ = fs::File::options()
                    .write(true)
                    .open(&dest)
                    .and_then(|f| f.set_modified(modified));
            }
        }
        Ok(())
    }

    /// Swaps the staging folder in place of the output folder.
    pub fn commit(self) -> io::Result<()> {
        let parent = self
            .staging
            .parent()
            .expect("staging has a parent")
            .to_path_buf();
        if self.target.exists() {
            let name = self
                .target
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let old = parent.join(format!(".{name}.annals-old-{}", std::process::id()));
            if old.exists() {
                fs::remove_dir_all(&old)?;
            }
            fs::rename(&self.target, &old)?;
            if let Err(e) = fs::rename(&self.staging, &self.target) {
                let _ = fs::rename(&old, &self.target);
                return Err(e);
            }
            fs::remove_dir_all(&old)?;
        } else {
            fs::rename(&self.staging, &self.target)?;
        }
        Ok(())
    }

    /// Throws the staging folder away; the previous output stays as it was.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.staging);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(path: &str, text: &str) -> Output {
        Output {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn refuses_dangerous_output_folders() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        fs::create_dir_all(root.join("content/2024")).unwrap();
        fs::create_dir_all(root.join("mine")).unwrap();
        fs::write(root.join("mine/notes.txt"), "keep").unwrap();
        let cases = [
            (root.to_path_buf(), "holds the site itself"),
            (
                root.parent().unwrap().to_path_buf(),
                "holds the site itself",
            ),
            (root.join("content"), "inside `content/`"),
            (root.join("content/2024/out"), "inside `content/`"),
            (root.join("static/x"), "inside `static/`"),
            (root.join("mine"), "was not created by annals"),
        ];
        for (dir, expected) in cases {
            let err = prepare(root, &dir, false).unwrap_err();
            assert!(
                err.message.contains(expected),
                "{}: {}",
                dir.display(),
                err.message
            );
        }
        assert_eq!(
            fs::read_to_string(root.join("mine/notes.txt")).unwrap(),
            "keep"
        );
        // --force allows replacing a foreign folder, never the site itself.
        assert!(prepare(root, &root.join("mine"), true).is_ok());
        assert!(prepare(root, root, true).is_err());
    }

    #[test]
    fn commit_swaps_and_abort_keeps_the_previous_output() {
        let site = tempfile::tempdir().unwrap();
        let target = site.path().join("public");
        let first = prepare(site.path(), &target, false).unwrap();
        first.write(&out("index.html", "one")).unwrap();
        first.write(&out("a/b/index.html", "deep")).unwrap();
        first.commit().unwrap();
        assert_eq!(
            fs::read_to_string(target.join("a/b/index.html")).unwrap(),
            "deep"
        );
        assert!(target.join(MARKER).is_file());

        let second = prepare(site.path(), &target, false).unwrap();
        second.write(&out("index.html", "two")).unwrap();
        second.abort();
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "one"
        );

        let third = prepare(site.path(), &target, false).unwrap();
        third.write(&out("index.html", "three")).unwrap();
        third.commit().unwrap();
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "three"
        );
        assert!(!target.join("a").exists(), "files no longer built are gone");
        let leftovers: Vec<_> = fs::read_dir(site.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, [std::ffi::OsString::from("public")]);
    }

    #[test]
    fn unchanged_files_keep_their_identity() {
        use std::os::unix::fs::MetadataExt;
        let site = tempfile::tempdir().unwrap();
        let target = site.path().join("public");
        let s = prepare(site.path(), &target, false).unwrap();
        s.write(&out("same.html", "same")).unwrap();
        s.write(&out("changed.html", "old")).unwrap();
        s.commit().unwrap();
        let inode_same = fs::metadata(target.join("same.html")).unwrap().ino();
        let inode_changed = fs::metadata(target.join("changed.html")).unwrap().ino();
        let s = prepare(site.path(), &target, false).unwrap();
        s.write(&out("same.html", "same")).unwrap();
        s.write(&out("changed.html", "new")).unwrap();
        s.commit().unwrap();
        assert_eq!(
            fs::metadata(target.join("same.html")).unwrap().ino(),
            inode_same
        );
        assert_ne!(
            fs::metadata(target.join("changed.html")).unwrap().ino(),
            inode_changed
        );
    }

    #[test]
    fn unsafe_paths_are_refused() {
        let site = tempfile::tempdir().unwrap();
        let s = prepare(site.path(), &site.path().join("public"), false).unwrap();
        for bad in ["../x", "/etc/x", "a/../../x", ""] {
            assert!(s.write(&out(bad, "x")).is_err(), "{bad}");
        }
        s.abort();
    }
}
