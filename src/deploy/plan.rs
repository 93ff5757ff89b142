//! The deploy plan: which files to upload, in which order, and which remote files are stale.
//!
//! Pure: it compares the output folder, the manifest and the target's listing, and touches
//! nothing. A file is unchanged only when the manifest has its MD5 and headers **and** the target
//! still holds a file of its size (so a file deleted or truncated by hand is uploaded again).
//! Remote files the site no longer has are *stale* when annals published them (the manifest
//! lists them) and *foreign* otherwise; only stale files are ever deleted, and only with
//! `--delete`. Temporary files of an interrupted SFTP upload are always cleaned up.

use super::local::{LocalFile, Tier};
use super::manifest::{Entry, MANIFEST_NAME, Manifest, UPLOAD_SUFFIX};
use std::collections::{BTreeMap, HashSet};

/// Why a file is uploaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The target does not have it.
    New,
    /// The target has other bytes or headers.
    Changed,
    /// `--force`.
    Forced,
}

/// One upload of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub file: LocalFile,
    pub reason: Reason,
}

/// Everything a deploy will do.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// In upload order: by tier, then by path.
    pub uploads: Vec<Upload>,
    pub unchanged: usize,
    /// Published by annals, no longer in the site: deleted with `--delete`.
    pub stale: Vec<String>,
    /// On the target, not in the site, not published by annals: never touched.
    pub foreign: Vec<String>,
    /// Temporary files left by an interrupted SFTP upload.
    pub leftovers: Vec<String>,
    /// Manifest entries whose file is gone from the target (forgotten without a request).
    pub vanished: Vec<String>,
}

impl Plan {
    /// Compares the output folder with what the target holds (`remote`: path → size).
    pub fn make(
        local: &[LocalFile],
        remote: &BTreeMap<String, u64>,
        manifest: &Manifest,
        force: bool,
    ) -> Plan {
        let mut plan = Plan::default();
        let site: HashSet<&str> = local.iter().map(|f| f.path.as_str()).collect();
        for file in local {
            let published = manifest.get(&file.path);
            let on_target = remote.get(&file.path);
            let reason = match (published, on_target) {
                _ if force => Some(Reason::Forced),
                (_, None) => Some(Reason::New),
                (Some(entry), Some(&size)) if *entry == Entry::of(file) && size == file.size => {
                    None
                }
                _ => Some(Reason::Changed),
            };
            match reason {
                Some(reason) => plan.uploads.push(Upload {
                    file: file.clone(),
                    reason,
                }),
                None => plan.unchanged += 1,
            }
        }
        plan.uploads
            .sort_by(|a, b| (a.file.tier, &a.file.path).cmp(&(b.file.tier, &b.file.path)));
        for path in remote.keys() {
            if path == MANIFEST_NAME || site.contains(path.as_str()) {
                continue;
            }
            if path.ends_with(UPLOAD_SUFFIX) {
                plan.leftovers.push(path.clone());
            } else if manifest.contains(path) {
                plan.stale.push(path.clone());
            } else {
                plan.foreign.push(path.clone());
            }
        }
        plan.vanished = manifest
            .paths()
            .filter(|p| !remote.contains_key(*p))
            .map(str::to_string)
            .collect();
        plan
    }

    /// Bytes to upload.
    pub fn upload_bytes(&self) -> u64 {
        self.uploads.iter().map(|u| u.file.size).sum()
    }

    /// The uploads of one tier.
    pub fn tier(&self, tier: Tier) -> impl Iterator<Item = &Upload> {
        self.uploads.iter().filter(move |u| u.file.tier == tier)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::local::md5_hex;

    fn file(path: &str, bytes: &str) -> LocalFile {
        LocalFile {
            path: path.to_string(),
            size: bytes.len() as u64,
            md5: md5_hex(bytes.as_bytes()),
            content_type: crate::deploy::local::content_type_of(path).to_string(),
            cache_control: None,
            tier: Tier::of(path),
        }
    }

    fn published(files: &[LocalFile]) -> (Manifest, BTreeMap<String, u64>) {
        let mut manifest = Manifest::default();
        let mut remote = BTreeMap::new();
        for f in files {
            manifest.record(f);
            remote.insert(f.path.clone(), f.size);
        }
        remote.insert(MANIFEST_NAME.to_string(), 100);
        (manifest, remote)
    }

    #[test]
    fn a_first_deploy_uploads_everything_in_tier_order() {
        let local = [
            file("index.html", "home"),
            file("2024/03/14/a/index.html", "a"),
            file("feed.xml", "feed"),
            file("css/site.css", "css"),
            file("2024/index.html", "year"),
        ];
        let plan = Plan::make(&local, &BTreeMap::new(), &Manifest::default(), false);
        let order: Vec<&str> = plan.uploads.iter().map(|u| u.file.path.as_str()).collect();
        assert_eq!(
            order,
            [
                "css/site.css",
                "2024/03/14/a/index.html",
                "2024/index.html",
                "feed.xml",
                "index.html"
            ]
        );
        assert!(plan.uploads.iter().all(|u| u.reason == Reason::New));
        assert_eq!(plan.upload_bytes(), 4 + 1 + 4 + 3 + 4);
    }

    #[test]
    fn unchanged_files_are_skipped_and_changed_ones_uploaded() {
        let old = [file("index.html", "home"), file("a.css", "css")];
        let (manifest, remote) = published(&old);
        let same = Plan::make(&old, &remote, &manifest, false);
        assert!(same.uploads.is_empty());
        assert_eq!(same.unchanged, 2);
        let new = [file("index.html", "home, edited"), file("a.css", "css")];
        let changed = Plan::make(&new, &remote, &manifest, false);
        assert_eq!(changed.uploads.len(), 1);
        assert_eq!(changed.uploads[0].reason, Reason::Changed);
        let forced = Plan::make(&old, &remote, &manifest, true);
        assert_eq!(forced.uploads.len(), 2);
    }

    #[test]
    fn a_file_removed_or_truncated_on_the_target_is_uploaded_again() {
        let local = [file("index.html", "home"), file("a.css", "css")];
        let (manifest, mut remote) = published(&local);
        remote.remove("index.html");
        remote.insert("a.css".into(), 1);
        let plan = Plan::make(&local, &remote, &manifest, false);
        assert_eq!(plan.uploads.len(), 2);
        assert_eq!(plan.vanished, ["index.html"]);
    }

    #[test]
    fn stale_foreign_and_leftover_files_are_told_apart() {
        let old = [
            file("index.html", "home"),
            file("2020/01/01/gone/index.html", "x"),
        ];
        let (manifest, mut remote) = published(&old);
        remote.insert("google1234.html".into(), 10);
        remote.insert("css/.site.css.annals-upload".into(), 3);
        let plan = Plan::make(&old[..1], &remote, &manifest, false);
        assert_eq!(plan.stale, ["2020/01/01/gone/index.html"]);
        assert_eq!(plan.foreign, ["google1234.html"]);
        assert_eq!(plan.leftovers, ["css/.site.css.annals-upload"]);
        assert_eq!(plan.unchanged, 1);
    }
}
