//! The deploy manifest: what annals last published to a target, kept on the target itself.
//!
//! One line per published file: its MD5, size, a short digest of the headers it was uploaded
//! with, and its site path. A deploy compares the output folder with the manifest (and with the
//! target's own listing, so a file removed by hand is uploaded again) and uploads only what
//! differs. The manifest is rewritten after every tier and at least every
//! [`super::upload::CHECKPOINT_EVERY`], and only ever lists files whose upload finished, so an
//! interrupted deploy leaves a true manifest behind and the next run resumes where it stopped.
//!
//! It also tells annals which remote files it put there: `--delete` removes only those, never a
//! file someone else uploaded.

use super::local::{LocalFile, md5_hex};
use std::collections::BTreeMap;

/// The manifest's name at the root of the target.
pub const MANIFEST_NAME: &str = ".annals-deploy-manifest";
const FIRST_LINE: &str = "annals deploy manifest 1";

/// Suffix of the temporary name a file has on an SFTP target until its upload completes.
pub const UPLOAD_SUFFIX: &str = ".annals-upload";

/// What annals knows it published, by site path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    entries: BTreeMap<String, Entry>,
}

/// One published file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub md5: String,
    pub size: u64,
    /// [`headers_digest`] of the headers it was uploaded with.
    pub headers: String,
}

/// Eight hex digits standing for a content type and cache control.
pub fn headers_digest(content_type: &str, cache_control: Option<&str>) -> String {
    md5_hex(format!("{content_type}\n{}", cache_control.unwrap_or_default()).as_bytes())[..8]
        .to_string()
}

impl Entry {
    /// The entry a file gets once uploaded.
    pub fn of(file: &LocalFile) -> Entry {
        Entry {
            md5: file.md5.clone(),
            size: file.size,
            headers: headers_digest(&file.content_type, file.cache_control.as_deref()),
        }
    }
}

impl Manifest {
    /// Reads a manifest; text that is not one (damaged, another version) reads as empty, which
    /// only means everything is uploaded again and nothing counts as stale.
    pub fn parse(text: &str) -> Manifest {
        let mut lines = text.lines();
        if lines.next() != Some(FIRST_LINE) {
            return Manifest::default();
        }
        let mut entries = BTreeMap::new();
        for line in lines {
            let mut fields = line.splitn(4, ' ');
            let (Some(md5), Some(size), Some(headers), Some(path)) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                return Manifest::default();
            };
            let Ok(size) = size.parse() else {
                return Manifest::default();
            };
            let entry = Entry {
                md5: md5.to_string(),
                size,
                headers: headers.to_string(),
            };
            entries.insert(path.to_string(), entry);
        }
        Manifest { entries }
    }

    /// The manifest as text (sorted by path: the same manifest always gives the same bytes).
    pub fn render(&self) -> String {
        let mut text = String::with_capacity(64 * self.entries.len() + FIRST_LINE.len() + 1);
        text.push_str(FIRST_LINE);
        text.push('\n');
        for (path, e) in &self.entries {
            text.push_str(&format!("{} {} {} {path}\n", e.md5, e.size, e.headers));
        }
        text
    }

    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.entries.get(path)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.entries.contains_key(path)
    }

    /// Records a finished upload.
    pub fn record(&mut self, file: &LocalFile) {
        self.entries.insert(file.path.clone(), Entry::of(file));
    }

    /// Forgets a file that is no longer on the target.
    pub fn forget(&mut self, path: &str) {
        self.entries.remove(path);
    }

    /// Every path the manifest lists.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::local::Tier;

    fn file(path: &str, bytes: &[u8]) -> LocalFile {
        LocalFile {
            path: path.to_string(),
            size: bytes.len() as u64,
            md5: md5_hex(bytes),
            content_type: "text/html; charset=utf-8".to_string(),
            cache_control: None,
            tier: Tier::of(path),
        }
    }

    #[test]
    fn a_manifest_reads_back_what_it_wrote() {
        let mut manifest = Manifest::default();
        manifest.record(&file("2024/03/14/城市 更新/index.html", b"<p>x</p>"));
        manifest.record(&file("index.html", b"home"));
        let text = manifest.render();
        assert!(text.starts_with("annals deploy manifest 1\n"), "{text}");
        assert_eq!(Manifest::parse(&text), manifest);
        manifest.forget("index.html");
        assert_eq!(
            manifest.paths().collect::<Vec<_>>(),
            ["2024/03/14/城市 更新/index.html"]
        );
    }

    #[test]
    fn damaged_manifests_read_as_empty() {
        for text in [
            "",
            "something else\n",
            "annals deploy manifest 1\nabc 12\n",
            "annals deploy manifest 1\nabc x 1 p\n",
        ] {
            assert!(Manifest::parse(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn headers_change_the_digest() {
        let plain = headers_digest("text/css; charset=utf-8", None);
        let cached = headers_digest("text/css; charset=utf-8", Some("max-age=60"));
        assert_ne!(plain, cached);
        assert_eq!(plain.len(), 8);
    }
}
