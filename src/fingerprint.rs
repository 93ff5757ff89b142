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
//!
//! A report file whose signature (size, times, inode) is the one the previous build hashed it
//! with is not read again: its hash is taken from the previous build's signatures
//! ([`crate::fingerprint_signatures`]).

use rayon::prelude::*;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use crate::fingerprint_signatures::{Signature, Signatures};

/// The fingerprint of the inputs, the hashes of the files under `content/` it read (so
/// loading need not read an unchanged report again) and their signatures (for the next build).
#[derive(Debug, Clone)]
pub struct Inputs {
    pub fingerprint: String,
    /// Each file under `content/` (relative to the site root) and the hash of its bytes, in the
    /// walk's order: each folder's entries by name, which is the order of paths.
    pub content: Vec<(PathBuf, u64)>,
    pub signatures: Signatures,
}

/// Computes the fingerprint of a site's inputs, or `None` if some input cannot be read (then the
/// build simply runs and reports the problem).
pub fn of_inputs(root: &Path, drafts: bool, base_url: Option<&str>) -> Option<String> {
    of_inputs_under(root, &of_settings(root, drafts, base_url)?)
}

/// [`of_inputs`] from an already computed [`of_settings`].
pub fn of_inputs_under(root: &Path, settings: &str) -> Option<String> {
    inputs_under(root, settings, None).map(|inputs| inputs.fingerprint)
}

/// [`of_inputs_under`], with the hashes of the report files; a report file whose signature is
/// trusted by `known` (the previous build's) is not read.
pub fn inputs_under(root: &Path, settings: &str, known: Option<&Signatures>) -> Option<Inputs> {
    let mut hasher = DefaultHasher::new();
    settings.hash(&mut hasher);
    let mut signatures = Signatures::starting_now();
    let content = hash_tree(
        root,
        &root.join(crate::content::CONTENT_DIR),
        &mut hasher,
        Some((known, &mut signatures)),
    )?;
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
        content,
        signatures,
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
    hash_tree(root, &root.join("themes"), &mut hasher, None)?;
    Some(format!("{:016x}", hasher.finish()))
}

/// The previous build's signatures (if any) and those this build records.
type Signing<'a> = (Option<&'a Signatures>, &'a mut Signatures);

/// Hashes the paths of every entry under `folder` and the bytes of every file (read and hashed
/// in parallel); returns each file's path (relative to `root`) and hash. Nothing if the folder
/// does not exist. With `signing`, each file's signature is recorded, and a file whose
/// signature the previous build's trust is not read: its hash is theirs.
fn hash_tree(
    root: &Path,
    folder: &Path,
    hasher: &mut DefaultHasher,
    signing: Option<Signing>,
) -> Option<Vec<(PathBuf, u64)>> {
    if !folder.is_dir() {
        return Some(Vec::new());
    }
    // Walked without following links first (entry kinds come with the folder listing, no
    // `stat` per file); a tree holding a link is walked again following them.
    let entries = match walk(root, folder, false)? {
        (entries, false) => entries,
        (_, true) => walk(root, folder, true)?.0,
    };
    let known = signing.as_ref().and_then(|(known, _)| *known);
    let signed = signing.is_some();
    let hashes: Vec<Option<(u64, Option<Signature>)>> = (entries.par_iter())
        .map(|(relative, is_file)| match is_file {
            true => hash_file(root, relative, signed, known),
            false => Some((0, None)),
        })
        .collect();
    let mut files = Vec::new();
    let mut recorded = signing.map(|(_, signatures)| signatures);
    for ((relative, is_file), hash) in entries.into_iter().zip(hashes) {
        let (hash, signature) = hash?;
        relative.hash(hasher);
        hash.hash(hasher);
        if let (Some(recorded), Some(signature)) = (recorded.as_mut(), signature) {
            recorded.files.insert(relative.clone(), (signature, hash));
        }
        if is_file {
            files.push((relative, hash));
        }
    }
    Some(files)
}

/// Every entry under `folder` (path relative to `root`, whether it is a file), in name order,
/// and whether a symbolic link was met.
fn walk(root: &Path, folder: &Path, follow_links: bool) -> Option<(Vec<(PathBuf, bool)>, bool)> {
    let mut entries = Vec::new();
    let mut linked = false;
    for entry in walkdir::WalkDir::new(folder)
        .follow_links(follow_links)
        .sort_by_file_name()
    {
        let entry = entry.ok()?;
        linked |= entry.path_is_symlink();
        let relative = entry.path().strip_prefix(root).ok()?.to_path_buf();
        entries.push((relative, entry.file_type().is_file()));
    }
    Some((entries, linked))
}

/// The hash of one file, and its signature when `signed` (taken before the file is read, so a
/// write during the read makes the next build read it again).
fn hash_file(
    root: &Path,
    relative: &Path,
    signed: bool,
    known: Option<&Signatures>,
) -> Option<(u64, Option<Signature>)> {
    let path = root.join(relative);
    let signature = match signed {
        true => std::fs::metadata(&path)
            .ok()
            .as_ref()
            .and_then(Signature::of),
        false => None,
    };
    let trusted = (known.zip(signature.as_ref())).and_then(|(k, s)| k.trusted_hash(relative, s));
    let hash = match trusted {
        Some(hash) => hash,
        None => crate::content::cache::file_hash(&std::fs::read(&path).ok()?),
    };
    Some((hash, signature))
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

    #[cfg(unix)]
    #[test]
    fn linked_files_and_folders_count_by_what_they_point_to() {
        let dir = tempfile::tempdir().unwrap();
        let (root, elsewhere) = (dir.path().join("site"), dir.path().join("elsewhere"));
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(elsewhere.join("2024")).unwrap();
        std::fs::write(root.join("site.toml"), "title = \"t\"\n").unwrap();
        std::fs::write(elsewhere.join("2024/a.md"), "one").unwrap();
        std::fs::write(elsewhere.join("b.md"), "two").unwrap();
        std::os::unix::fs::symlink(elsewhere.join("2024"), root.join("content/2024")).unwrap();
        std::os::unix::fs::symlink(elsewhere.join("b.md"), root.join("content/b.md")).unwrap();
        let inputs = inputs_under(&root, "s", None).unwrap();
        let mut files: Vec<_> = inputs
            .content
            .iter()
            .map(|(path, _)| path.clone())
            .collect();
        files.sort();
        assert_eq!(
            files,
            [Path::new("content/2024/a.md"), Path::new("content/b.md")]
        );
        std::fs::write(elsewhere.join("2024/a.md"), "three").unwrap();
        assert_ne!(
            inputs_under(&root, "s", None).unwrap().fingerprint,
            inputs.fingerprint
        );
    }

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
