//! The input fingerprint: one hash of everything a build reads, stored in the output folder's
//! marker file, so a rebuild with no input changed is recognised without loading or rendering
//! anything (a no-change rebuild of a large archive then costs one read of its inputs).
//!
//! Hashed: the annals version, the binary's size and modification time, its embedded theme, the build options that change output
//! (drafts, base URL), `site.toml` (without `[deploy]`), every file under `content/` and `themes/` (path
//! and bytes), and every site static file (path, size and modification time, as the writer
//! copies them by those). Any difference means a real build; the writer then still skips files
//! whose bytes did not change. The part of it that is not the reports or static files
//! ([`of_settings`]) decides whether the previous build's page keys can be trusted, so that a
//! build after editing reports renders only the pages whose inputs changed.

use rayon::prelude::*;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

pub use crate::content::cache::FileHashes;

/// The fingerprint of the inputs, and the hashes of the files under `content/` it read (so
/// loading need not read an unchanged report again).
#[derive(Debug, Clone)]
pub struct Inputs {
    pub fingerprint: String,
    pub content: FileHashes,
}

/// Computes the fingerprint of a site's inputs, or `None` if some input cannot be read (then the
/// build simply runs and reports the problem).
pub fn of_inputs(root: &Path, drafts: bool, base_url: Option<&str>) -> Option<String> {
    of_inputs_under(root, &of_settings(root, drafts, base_url)?)
}

/// [`of_inputs`] from an already computed [`of_settings`].
pub fn of_inputs_under(root: &Path, settings: &str) -> Option<String> {
    inputs_under(root, settings).map(|inputs| inputs.fingerprint)
}

/// [`of_inputs_under`], with the hashes of the report files.
pub fn inputs_under(root: &Path, settings: &str) -> Option<Inputs> {
    let mut hasher = DefaultHasher::new();
    settings.hash(&mut hasher);
    let content = hash_tree(root, &root.join(crate::content::CONTENT_DIR), &mut hasher)?;
    let statics = root.join("static");
    if statics.is_dir() {
        for entry in walkdir::WalkDir::new(&statics)
            .follow_links(true)
            .sort_by_file_name()
        {
            let entry = entry.ok()?;
            let meta = entry.metadata().ok()?;
            entry.path().strip_prefix(root).ok()?.hash(&mut hasher);
            (meta.len(), meta.modified().ok()).hash(&mut hasher);
        }
    }
    Some(Inputs {
        fingerprint: format!("{:016x}", hasher.finish()),
        content: content.into_iter().collect(),
    })
}

/// The fingerprint of what every page depends on besides its own data: the annals binary and
/// its embedded theme, the build options, `site.toml` (without `[deploy]`) and `themes/`. Page
/// keys made under one settings fingerprint are comparable (see [`crate::render::reuse`]).
pub fn of_settings(root: &Path, drafts: bool, base_url: Option<&str>) -> Option<String> {
    let mut hasher = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    // A rebuilt or reinstalled binary (same version, other code) must render again.
    if let Ok(meta) = std::env::current_exe().and_then(std::fs::metadata) {
        (meta.len(), meta.modified().ok()).hash(&mut hasher);
    }
    crate::render::theme::embedded_digest().hash(&mut hasher);
    (drafts, base_url).hash(&mut hasher);
    config_without_deploy(&std::fs::read(root.join(crate::config::CONFIG_FILE)).ok()?)
        .hash(&mut hasher);
    hash_tree(root, &root.join("themes"), &mut hasher)?;
    Some(format!("{:016x}", hasher.finish()))
}

/// Hashes the paths of every entry under `folder` and the bytes of every file (read and hashed
/// in parallel); returns each file's path (relative to `root`) and hash. Nothing if the folder
/// does not exist.
fn hash_tree(
    root: &Path,
    folder: &Path,
    hasher: &mut DefaultHasher,
) -> Option<Vec<(PathBuf, u64)>> {
    if !folder.is_dir() {
        return Some(Vec::new());
    }
    let mut entries: Vec<(PathBuf, bool)> = Vec::new();
    for entry in walkdir::WalkDir::new(folder)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = entry.ok()?;
        let relative = entry.path().strip_prefix(root).ok()?.to_path_buf();
        entries.push((relative, entry.file_type().is_file()));
    }
    let hashes: Vec<Option<u64>> = (entries.par_iter())
        .map(|(relative, is_file)| match is_file {
            true => std::fs::read(root.join(relative))
                .ok()
                .map(|bytes| crate::content::cache::file_hash(&bytes)),
            false => Some(0),
        })
        .collect();
    let mut files = Vec::new();
    for ((relative, is_file), hash) in entries.into_iter().zip(hashes) {
        let hash = hash?;
        relative.hash(hasher);
        hash.hash(hasher);
        if is_file {
            files.push((relative, hash));
        }
    }
    Some(files)
}

/// site.toml without its `[deploy]` section, which changes where the site is published, not
/// what is built: editing a deploy target must not make the output stale. Text that is not valid
/// TOML is hashed as it is (the build will report it).
fn config_without_deploy(bytes: &[u8]) -> Vec<u8> {
    let parsed = std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok());
    match parsed {
        Some(mut table) if table.contains_key("deploy") => {
            table.remove("deploy");
            table.to_string().into_bytes()
        }
        _ => bytes.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_input_change_changes_the_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/a")).unwrap();
        std::fs::write(root.join("site.toml"), "title = \"t\"\n").unwrap();
        std::fs::write(root.join("content/a/x.md"), "one").unwrap();
        let first = of_inputs(root, false, None).unwrap();
        assert_eq!(of_inputs(root, false, None).unwrap(), first, "stable");
        assert_ne!(of_inputs(root, true, None).unwrap(), first, "options count");
        std::fs::write(root.join("content/a/x.md"), "two").unwrap();
        let second = of_inputs(root, false, None).unwrap();
        assert_ne!(second, first, "content bytes count");
        std::fs::rename(root.join("content/a/x.md"), root.join("content/a/y.md")).unwrap();
        assert_ne!(of_inputs(root, false, None).unwrap(), second, "paths count");
        std::fs::write(root.join("site.toml"), "title = \"u\"\n").unwrap();
        assert_ne!(
            of_inputs(root, false, None).unwrap(),
            second,
            "config counts"
        );
        let settings = of_settings(root, false, None).unwrap();
        std::fs::write(root.join("content/a/y.md"), "three").unwrap();
        assert_eq!(
            of_settings(root, false, None).unwrap(),
            settings,
            "reports are not settings"
        );
        let third = of_inputs(root, false, None).unwrap();
        std::fs::write(
            root.join("site.toml"),
            "title = \"u\"\n[[deploy.targets]]\nname = \"a\"\nurl = \"s3://b\"\n",
        )
        .unwrap();
        assert_eq!(
            of_inputs(root, false, None).unwrap(),
            third,
            "deploy targets do not count"
        );
    }
}
