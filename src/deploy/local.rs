//! The output folder as a deploy sees it: refused unless it is a complete, current annals
//! build; otherwise every file with its size, MD5, headers and upload tier.
//!
//! **Tiers** keep readers from seeing a broken site mid-deploy: files are uploaded tier by tier,
//! each tier only after the previous one finished, so a page never links to a page or asset that
//! is not there yet. Assets first (styles, scripts, images, static files), then report pages,
//! then the pages that list reports (dates, officials, districts, tags, the search index), then
//! feeds, and last the entry points readers and crawlers start from (home, sitemap, robots.txt,
//! 404). Deletions, with `--delete`, come after all of them.

use crate::config::deploy::DeploySettings;
use crate::output::{MARKER, is_bookkeeping, read_stamp, staging_folder};
use md5::{Digest, Md5};
use rayon::prelude::*;
use std::path::Path;

/// Upload order: lower tiers first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// Styles, scripts, images, fonts and site static files: linked from pages, linking nowhere.
    Assets,
    /// `/YYYY/MM/DD/<slug>/`: linked from list pages.
    Reports,
    /// Date, entity and tag lists, the archive, and the search index: they link to reports.
    Lists,
    /// Atom feeds: their entries link to reports.
    Feeds,
    /// Home page, sitemap, robots.txt and 404 page: where readers and crawlers start.
    Entry,
}

impl Tier {
    /// Every tier in upload order.
    pub const ALL: [Tier; 5] = [
        Tier::Assets,
        Tier::Reports,
        Tier::Lists,
        Tier::Feeds,
        Tier::Entry,
    ];

    /// The tier of a site path (`2024/03/14/renewal/index.html`).
    pub fn of(path: &str) -> Tier {
        let parts: Vec<&str> = path.split('/').collect();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        match parts.as_slice() {
            ["index.html" | "robots.txt" | "404.html"] => Tier::Entry,
            [name] if name.starts_with("sitemap") && name.ends_with(".xml") => Tier::Entry,
            [y, m, d, slug, "index.html"]
                if digits(y, 4) && digits(m, 2) && digits(d, 2) && *slug != "page" =>
            {
                Tier::Reports
            }
            ["search", ..] => Tier::Lists,
            _ if path.ends_with(".html") => Tier::Lists,
            _ if path.ends_with(".xml") => Tier::Feeds,
            _ => Tier::Assets,
        }
    }
}

/// One file of the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalFile {
    /// Site path with `/` separators, no leading slash.
    pub path: String,
    pub size: u64,
    /// Lower-case hex MD5 of the bytes (the ETag S3 gives a single-part upload).
    pub md5: String,
    pub content_type: String,
    pub cache_control: Option<String>,
    pub tier: Tier,
}

/// Why an output folder cannot be deployed: a message and a hint.
pub type Refusal = (String, String);

/// Refuses anything but a complete annals build of the current site inputs.
pub fn check_complete_build(root: &Path, output: &Path) -> Result<(), Refusal> {
    let shown = output.display();
    if !output.is_dir() {
        return Err((
            format!("there is no build to deploy at `{shown}`"),
            "run `annals build` first".to_string(),
        ));
    }
    let Some(stamp) = read_stamp(output) else {
        return Err((
            format!("`{shown}` is not an annals build (it has no `{MARKER}` marker)"),
            "deploy publishes what `annals build` wrote: build the site, or point --output-dir at its output".to_string(),
        ));
    };
    if staging_folder(output).is_some_and(|s| s.exists()) {
        return Err((
            format!("a build of `{shown}` is in progress or was interrupted"),
            "run `annals build` and let it finish, then deploy".to_string(),
        ));
    }
    let built_from = stamp
        .lines()
        .find_map(|l| l.strip_prefix("fingerprint = "))
        .unwrap_or_default();
    let current = crate::fingerprint::of_inputs(root, false, None);
    if current.as_deref() != Some(built_from) {
        return Err((
            format!(
                "`{shown}` does not match the site: a file changed since the last build, the last build failed, or it was built with --drafts or --base-url"
            ),
            "run `annals build` (without --drafts or --base-url) and deploy when it succeeds"
                .to_string(),
        ));
    }
    Ok(())
}

/// Lists and hashes every file of the output folder (in parallel), with its headers and tier.
pub fn scan(output: &Path, settings: &DeploySettings) -> std::io::Result<Vec<LocalFile>> {
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(output)
        .min_depth(1)
        .sort_by_file_name()
    {
        let entry = entry.map_err(std::io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(output).unwrap_or(entry.path());
        let Some(path) = relative.to_str().map(|p| p.replace('\\', "/")) else {
            return Err(std::io::Error::other(format!(
                "`{}` has a name that is not UTF-8",
                entry.path().display()
            )));
        };
        if !is_bookkeeping(&path) {
            paths.push(path);
        }
    }
    paths
        .into_par_iter()
        .map(|path| {
            let bytes = std::fs::read(output.join(&path))?;
            let (cache_control, content_type) = settings.headers_for(&path);
            Ok(LocalFile {
                size: bytes.len() as u64,
                md5: md5_hex(&bytes),
                content_type: content_type
                    .map_or_else(|| content_type_of(&path).to_string(), str::to_string),
                cache_control: cache_control.map(str::to_string),
                tier: Tier::of(&path),
                path,
            })
        })
        .collect()
}

/// Lower-case hex MD5.
pub fn md5_hex(bytes: &[u8]) -> String {
    Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub use crate::site_file::content_type as content_type_of;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_follow_the_links() {
        for (path, tier) in [
            ("css/site.css", Tier::Assets),
            ("會議紀要.pdf", Tier::Assets),
            ("2024/03/14/urban-renewal/index.html", Tier::Reports),
            ("2024/03/14/index.html", Tier::Lists),
            ("2024/03/14/page/2/index.html", Tier::Lists),
            ("2024/index.html", Tier::Lists),
            ("officials/lin-jingyi/index.html", Tier::Lists),
            ("search/index.html", Tier::Lists),
            ("search/shards/3.js", Tier::Lists),
            ("officials/lin-jingyi/feed.xml", Tier::Feeds),
            ("feed.xml", Tier::Feeds),
            ("index.html", Tier::Entry),
            ("sitemap.xml", Tier::Entry),
            ("robots.txt", Tier::Entry),
            ("404.html", Tier::Entry),
        ] {
            assert_eq!(Tier::of(path), tier, "{path}");
        }
        assert!(Tier::ALL.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn text_types_say_utf_8() {
        for path in [
            "a/index.html",
            "feed.xml",
            "sitemap.xml",
            "s.js",
            "s.css",
            "i.json",
        ] {
            assert!(
                content_type_of(path).ends_with("; charset=utf-8"),
                "{path}: {}",
                content_type_of(path)
            );
        }
        assert_eq!(
            content_type_of("feed.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(content_type_of("static/PHOTO.JPG"), "image/jpeg");
        assert_eq!(content_type_of("LICENSE"), "application/octet-stream");
    }

    #[test]
    fn md5_is_lower_case_hex() {
        assert_eq!(md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(md5_hex("臨江".as_bytes()).len(), 32);
    }
}
