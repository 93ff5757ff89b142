//! Finding and loading report files: the walk of `content/` and the parallel load, which takes
//! files unchanged since the previous build from its cache ([`super::cache`]).

use super::cache::{self, ReportCache};
use super::{CONTENT_DIR, Report, load_bytes, markdown};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What loading produced: the reports (drafts removed unless asked for) and every problem.
#[derive(Debug, Default)]
pub struct Loaded {
    pub reports: Vec<Report>,
    pub diagnostics: Diagnostics,
    /// Drafts that were skipped.
    pub drafts_skipped: usize,
    /// Every report of the site (drafts only when included), for the next build.
    pub cache: ReportCache,
    /// How many reports were taken from the previous build's cache rather than parsed.
    pub cached: usize,
}

/// Lists the report files under `root/content`, sorted, skipping hidden and editor temp files.
pub fn report_files(root: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let dir = root.join(CONTENT_DIR);
    if !dir.is_dir() {
        return Err(
            Diagnostic::error(CONTENT_DIR, "no `content/` folder in the site root")
                .with_hint("put one Markdown file per report under content/"),
        );
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker
        .into_iter()
        .filter_entry(|e| !is_ignored(e.file_name()))
    {
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|x| x == "md") {
            files.push(entry.path().to_path_buf());
        }
    }
    Ok(files)
}

/// The report files among `hashed` (every file under `content/` the fingerprint hashed, by path
/// relative to `root`, in its walk's order), as [`report_files`] would list them, with their
/// hashes, without walking the folder again.
fn report_files_among(
    root: &Path,
    hashed: &[(PathBuf, u64)],
) -> Result<Vec<(PathBuf, Option<u64>)>, Diagnostic> {
    let content = Path::new(CONTENT_DIR);
    if !root.join(content).is_dir() {
        return unhashed(report_files(root));
    }
    let is_report = |relative: &PathBuf| {
        relative.extension().is_some_and(|x| x == "md")
            && (relative.strip_prefix(content))
                .is_ok_and(|inside| inside.iter().all(|part| !is_ignored(part)))
    };
    // The walk's order (each folder's entries by name) is the order of paths, part by part.
    debug_assert!(hashed.is_sorted());
    Ok((hashed.iter().filter(|(relative, _)| is_report(relative)))
        .map(|(relative, hash)| (root.join(relative), Some(*hash)))
        .collect())
}

/// Files listed by a walk, their hashes not known.
fn unhashed(
    files: Result<Vec<PathBuf>, Diagnostic>,
) -> Result<Vec<(PathBuf, Option<u64>)>, Diagnostic> {
    Ok(files?.into_iter().map(|path| (path, None)).collect())
}

/// Hidden files and editor leftovers (`.x.md.swp`, `x.md~`, `#x.md#`) are not reports.
pub fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.starts_with('#') || name.ends_with('~')
}

/// Loads every report of the site.
pub fn load(root: &Path, config: &Config, include_drafts: bool) -> Loaded {
    load_reusing(root, config, include_drafts, Known::default())
}

/// One report file loaded: the report (none if it could not be), its problems, its cache entry
/// (none for a draft left out) and whether it came from the previous build's cache.
type LoadedFile = (
    Option<Report>,
    Vec<Diagnostic>,
    Option<cache::CacheEntry>,
    bool,
);

/// What a build already knows before loading: the previous build's cache (made under the same
/// settings) and the files under `content/` with their hashes as the input fingerprint read them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Known<'a> {
    pub cache: Option<&'a ReportCache>,
    /// The files under `content/` the fingerprint hashed, in path order.
    pub files: Option<&'a [(PathBuf, u64)]>,
}

/// Loads every report of the site; a file unchanged since the build that left the `known` cache
/// is taken from it instead of being parsed (and, when its hash is known, not even read), its
/// body rendered only when first read (see [`cache`]).
pub fn load_reusing(root: &Path, config: &Config, include_drafts: bool, known: Known) -> Loaded {
    let mut loaded = Loaded::default();
    let listed = match known.files {
        Some(files) => report_files_among(root, files),
        None => unhashed(report_files(root)),
    };
    let files = match listed {
        Ok(f) => f,
        Err(d) => {
            loaded.diagnostics.push(d);
            return loaded;
        }
    };
    crate::timings::mark("report files listed");
    let options = markdown::BodyOptions::of(config);
    let previous = known.cache;
    let index = previous.map(ReportCache::index).unwrap_or_default();
    crate::timings::mark("cache indexed");
    let cached = |relative: &Path, hash: u64| {
        let (cache, name) = previous.zip(relative.to_str())?;
        cache.report_and_entry(*index.get(name)?, hash, root, options)
    };
    // Each report's cache entry is made beside it, in parallel (or carried over from the
    // previous cache); a draft left out of the site stays out of the output folder, the cache
    // included.
    let kept_in_cache = |report: &Report| include_drafts || !report.draft;
    let from_cache = |(report, entry): (Report, cache::CacheEntry)| -> LoadedFile {
        let entry = kept_in_cache(&report).then_some(entry);
        (Some(report), Vec::new(), entry, true)
    };
    let results: Vec<LoadedFile> = files
        .par_iter()
        .map(|(path, known_hash)| {
            let relative = path.strip_prefix(root).unwrap_or(path).to_path_buf();
            if let Some(found) = known_hash.and_then(|hash| cached(&relative, hash)) {
                return from_cache(found);
            }
            let bytes = match std::fs::read(path) {
                Ok(bytes) => bytes,
                Err(e) => {
                    let d = Diagnostic::error(&relative, format!("cannot read the file: {e}"));
                    return (None, vec![d], None, false);
                }
            };
            let hash = cache::file_hash(&bytes);
            if let Some(found) = cached(&relative, hash) {
                return from_cache(found);
            }
            let (report, problems) = load_bytes(&bytes, relative, config);
            let entry = (report.as_ref())
                .filter(|r| kept_in_cache(r))
                .map(|r| cache::CacheEntry::of(r, hash));
            (report, problems, entry, false)
        })
        .collect();
    crate::timings::mark("reports made");
    loaded.cache.reserve(results.len());
    loaded.reports.reserve(results.len());
    for (report, problems, entry, reused) in results {
        loaded.diagnostics.extend(problems);
        loaded.cached += usize::from(reused);
        if let Some(entry) = entry {
            loaded.cache.push(entry);
        }
        match report {
            Some(r) if r.draft && !include_drafts => loaded.drafts_skipped += 1,
            Some(r) => loaded.reports.push(r),
            None => {}
        }
    }
    loaded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_files_among_the_fingerprints_files_are_those_the_walk_lists() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let files = [
            "content/a.md",
            "content/a/b.md",
            "content/a-b.md",
            "content/a/.hidden.md",
            "content/.git/x.md",
            "content/2024/05/z.md",
            "content/2024/05/z.md~",
            "content/2024/#draft.md#",
            "content/notes.txt",
            "content/B.md",
            "content/報告/會議.md",
        ];
        for file in files {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        std::fs::write(root.join("site.toml"), "title = \"t\"\n").unwrap();
        let inputs = crate::fingerprint::inputs_under(root, "settings", None).unwrap();
        let walked = report_files(root).unwrap();
        assert_eq!(walked.len(), 6, "{walked:?}");
        let among: Vec<PathBuf> = (report_files_among(root, &inputs.content).unwrap())
            .into_iter()
            .map(|(path, _)| path)
            .collect();
        assert_eq!(among, walked);
    }
}
