//! The target as a deploy uses it: list, read and write the manifest, upload one file, delete
//! one file. Each operation turns a storage error into a message and hint ([`super::errors`]).
//!
//! Uploads never expose a partial file to readers. An S3 `PUT` replaces an object atomically; on
//! SFTP a file is written under a temporary name (`.NAME.annals-upload` beside it) and renamed
//! over the old one with OpenSSH's atomic `posix-rename`. Headers (`Content-Type`,
//! `Cache-Control`) are set on S3 objects; an SFTP server's web server chooses its own.

use super::errors::describe;
use super::local::LocalFile;
use super::manifest::{MANIFEST_NAME, Manifest, UPLOAD_SUFFIX};
use super::target::TargetUrl;
use futures::{StreamExt, TryStreamExt};
use opendal::{ErrorKind, Operator};
use std::collections::BTreeMap;
use std::path::Path;

/// A failed operation: a message and a hint.
pub type Failure = (String, String);

/// An open target.
pub struct Remote {
    pub operator: Operator,
    pub url: TargetUrl,
}

/// The temporary name a file is uploaded under on SFTP targets.
pub fn temporary_name(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((folder, name)) => format!("{folder}/.{name}{UPLOAD_SUFFIX}"),
        None => format!(".{path}{UPLOAD_SUFFIX}"),
    }
}

impl Remote {
    /// Opens the target (no network traffic until the first operation).
    pub fn open(url: &TargetUrl) -> Result<Remote, Failure> {
        let operator =
            super::target::operator(url).map_err(|e| describe(&e, url, "open the target"))?;
        Ok(Remote {
            operator,
            url: url.clone(),
        })
    }

    /// Every file on the target with its size.
    pub async fn list(&self, jobs: usize) -> Result<BTreeMap<String, u64>, Failure> {
        if self.url.is_sftp() {
            return self.list_folder_by_folder(jobs).await;
        }
        let fail = |e: opendal::Error| describe(&e, &self.url, "list the files");
        let mut files = BTreeMap::new();
        let mut lister = self
            .operator
            .lister_with("")
            .recursive(true)
            .await
            .map_err(fail)?;
        while let Some(entry) = lister.try_next().await.map_err(fail)? {
            if entry.metadata().mode().is_file() {
                let path = entry.path().trim_start_matches('/').to_string();
                files.insert(path, entry.metadata().content_length());
            }
        }
        Ok(files)
    }

    /// SFTP has no recursive listing: every folder is one request. Folders of one depth are
    /// listed `jobs` at a time, so a deep archive (a folder per report) costs its depth in round
    /// trips rather than its number of folders.
    async fn list_folder_by_folder(&self, jobs: usize) -> Result<BTreeMap<String, u64>, Failure> {
        let fail = |e: opendal::Error| describe(&e, &self.url, "list the files");
        let mut files = BTreeMap::new();
        let mut level = vec![String::new()];
        while !level.is_empty() {
            let listed: Vec<_> = futures::stream::iter(std::mem::take(&mut level))
                .map(|folder| async move {
                    let entries = self.operator.list(&folder).await?;
                    Ok::<_, opendal::Error>((folder, entries))
                })
                .buffer_unordered(jobs.max(1))
                .collect()
                .await;
            for result in listed {
                let (folder, entries) = result.map_err(fail)?;
                for entry in entries {
                    let path = entry.path().trim_start_matches('/');
                    if path == folder.trim_start_matches('/') {
                        continue;
                    }
                    if entry.metadata().mode().is_dir() {
                        level.push(path.to_string());
                    } else {
                        files.insert(path.to_string(), entry.metadata().content_length());
                    }
                }
            }
        }
        Ok(files)
    }

    /// The manifest on the target, or an empty one when there is none yet.
    pub async fn read_manifest(&self) -> Result<Manifest, Failure> {
        match self.operator.read(MANIFEST_NAME).await {
            Ok(buffer) => Ok(Manifest::parse(&String::from_utf8_lossy(&buffer.to_vec()))),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(Manifest::default()),
            Err(e) => Err(describe(&e, &self.url, "read the deploy manifest")),
        }
    }

    /// Replaces the manifest on the target.
    pub async fn write_manifest(&self, manifest: &Manifest) -> Result<(), Failure> {
        self.put(
            MANIFEST_NAME,
            manifest.render().into_bytes(),
            "text/plain; charset=utf-8",
            None,
        )
        .await
        .map_err(|e| describe(&e, &self.url, "write the deploy manifest"))
    }

    /// Uploads one file of the output folder.
    pub async fn upload(&self, output: &Path, file: &LocalFile) -> Result<(), Failure> {
        let bytes = tokio::fs::read(output.join(&file.path))
            .await
            .map_err(|e| {
                (
                    format!("cannot read `{}`: {e}", output.join(&file.path).display()),
                    "run `annals build` again, then deploy".to_string(),
                )
            })?;
        self.put(
            &file.path,
            bytes,
            &file.content_type,
            file.cache_control.as_deref(),
        )
        .await
        .map_err(|e| describe(&e, &self.url, &format!("upload `{}`", file.path)))
    }

    /// Writes `bytes` at `path` so that readers see the old file or the new one, never a part.
    async fn put(
        &self,
        path: &str,
        bytes: Vec<u8>,
        content_type: &str,
        cache_control: Option<&str>,
    ) -> opendal::Result<()> {
        if self.url.is_sftp() {
            let temporary = temporary_name(path);
            self.operator.write(&temporary, bytes).await?;
            return self.operator.rename(&temporary, path).await;
        }
        let mut write = self
            .operator
            .write_with(path, bytes)
            .content_type(content_type);
        if let Some(cache_control) = cache_control {
            write = write.cache_control(cache_control);
        }
        write.await.map(|_| ())
    }

    /// Deletes one file (a file already gone counts as deleted).
    pub async fn delete(&self, path: &str) -> Result<(), Failure> {
        match self.operator.delete(path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(e) => Err(describe(&e, &self.url, &format!("delete `{path}`"))),
        }
    }

    /// On SFTP, removes the folders that deleting `paths` left empty (best effort: a folder that
    /// still holds anything stays). Object stores have no folders.
    pub async fn remove_empty_folders(&self, paths: &[String]) {
        if !self.url.is_sftp() {
            return;
        }
        let mut folders: Vec<String> = paths
            .iter()
            .flat_map(|p| {
                let parts: Vec<&str> = p.split('/').collect();
                (1..parts.len()).map(move |n| format!("{}/", parts[..n].join("/")))
            })
            .collect();
        folders.sort_by_key(|f| std::cmp::Reverse(f.matches('/').count()));
        folders.dedup();
        for folder in folders {
            let _ = self.operator.delete(&folder).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_sit_beside_the_file() {
        assert_eq!(
            temporary_name("2024/03/14/a/index.html"),
            "2024/03/14/a/.index.html.annals-upload"
        );
        assert_eq!(temporary_name("feed.xml"), ".feed.xml.annals-upload");
    }
}
