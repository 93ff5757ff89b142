//! Lint: links and images in report bodies that point inside the site at nothing.
//!
//! A link is internal when it is relative (`../15/other/`), root-absolute (`/2024/03/14/slug/`)
//! or starts with the site's `base_url`. It resolves against the linking report's own URL and
//! must land on a path the build writes (the set comes from rendering into a recording sink, so
//! report pages, entity pages, date pages, pagination, feeds and static files all count).
//! `/2024/03/14` without the slash counts as the folder. Fragments and queries are ignored;
//! external links are not fetched.

use super::{ReportSource, at_most};
use crate::config::Config;
use crate::content::markdown::options;
use crate::diagnostics::Diagnostic;
use pulldown_cmark::{Event, Parser, Tag};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// Every dead internal link of the site. `paths` are the output paths of the built site.
pub fn lint(config: &Config, sources: &[ReportSource], paths: &HashSet<String>) -> Vec<Diagnostic> {
    let site = Site::new(config, paths);
    sources
        .par_iter()
        .flat_map(|source| {
            let dead = dead_links(source, &site);
            at_most(source, dead, "dead internal links", |link| {
                link_warning(source, &site, link)
            })
        })
        .collect()
}

/// What a link is checked against.
struct Site<'a> {
    base_url: &'a str,
    /// The path part of `base_url` with a trailing slash (`archive/`), or empty.
    base_path: String,
    paths: &'a HashSet<String>,
    /// Last path segment of each page (its slug) → the page's URL path, for suggestions.
    by_slug: BTreeMap<&'a str, &'a str>,
}

impl<'a> Site<'a> {
    fn new(config: &'a Config, paths: &'a HashSet<String>) -> Self {
        let after_scheme = config.base_url.split_once("://").map_or("", |(_, r)| r);
        let base_path = after_scheme
            .split_once('/')
            .map(|(_, p)| p.trim_matches('/'))
            .filter(|p| !p.is_empty())
            .map_or_else(String::new, |p| format!("{p}/"));
        let mut by_slug = BTreeMap::new();
        for path in paths {
            if let Some(page) = path.strip_suffix("index.html")
                && let Some(slug) = page.trim_end_matches('/').rsplit('/').next()
                && is_word_slug(slug)
            {
                by_slug
                    .entry(slug)
                    .and_modify(|p: &mut &str| *p = (*p).min(page))
                    .or_insert(page);
            }
        }
        Site {
            base_url: &config.base_url,
            base_path,
            paths,
            by_slug,
        }
    }

    /// True when the site-relative `path` is a page or file of the site.
    fn has(&self, path: &str) -> bool {
        if path.is_empty() || path.ends_with('/') {
            return self.paths.contains(&format!("{path}index.html"));
        }
        self.paths.contains(path) || self.paths.contains(&format!("{path}/index.html"))
    }
}

/// True for the last segment of a report or entity page (`urban-renewal-meeting`), as opposed
/// to a date or page number, which would make a misleading suggestion.
fn is_word_slug(segment: &str) -> bool {
    segment.bytes().any(|b| !b.is_ascii_digit()) && segment != "page"
}

/// A link whose target is missing.
struct DeadLink {
    /// Byte offset of the link in the body.
    offset: usize,
    written: String,
    image: bool,
    /// The site path it resolved to; `None` when it climbs above the site root.
    resolved: Option<String>,
}

fn dead_links(source: &ReportSource, site: &Site) -> Vec<DeadLink> {
    let report_path = source.report.path();
    let mut dead = Vec::new();
    for (event, range) in Parser::new_ext(source.body(), options()).into_offset_iter() {
        let (dest, image) = match &event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            _ => continue,
        };
        let Some(target) = internal_target(dest, site) else {
            continue;
        };
        let resolved = resolve(&target, &report_path, site);
        if resolved.as_deref().is_some_and(|p| site.has(p)) {
            continue;
        }
        dead.push(DeadLink {
            offset: range.start,
            written: dest.to_string(),
            image,
            resolved,
        });
    }
    dead
}

fn link_warning(source: &ReportSource, site: &Site, link: DeadLink) -> Diagnostic {
    let written = &link.written;
    let Some(path) = link.resolved else {
        return source
            .warning_at(
                source.body_start + link.offset,
                format!("link `{written}` points above the root of the site"),
            )
            .with_hint(
                "remove some `../`, or write the address from the root: `/2024/03/14/slug/`",
            );
    };
    let what = if link.image { "image" } else { "link" };
    let resolved = if written.trim_start_matches('/') == path {
        String::new()
    } else {
        format!(" (`/{path}`)")
    };
    let message = format!("{what} `{written}`{resolved} leads to no page or file of the site");
    let slug = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let hint = match site.by_slug.get(slug) {
        Some(page) if is_word_slug(slug) => format!("did you mean `/{page}`?"),
        _ if link.image || path.rsplit('/').next().is_some_and(|s| s.contains('.')) => format!(
            "put the file under `static/` (`static/{path}` is published as `/{path}`)"
        ),
        _ => "a report's address is /YYYY/MM/DD/<slug>/, from its `date:` and its `slug:` (or file name)"
            .to_string(),
    };
    source
        .warning_at(source.body_start + link.offset, message)
        .with_hint(hint)
}

/// The part of a link that addresses the site (path, no query or fragment), if it is internal.
fn internal_target(dest: &str, site: &Site) -> Option<String> {
    let dest = dest.trim();
    let dest = match dest.strip_prefix(site.base_url) {
        Some(rest) if rest.is_empty() || rest.starts_with(['/', '?', '#']) => {
            format!("/{}{}", site.base_path, rest.trim_start_matches('/'))
        }
        _ => dest.to_string(),
    };
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(&dest) {
        return None;
    }
    let path = dest.split(['?', '#']).next().unwrap_or("");
    (!path.is_empty()).then(|| percent_decode(path))
}

/// True for `https:`, `mailto:`, `tel:` and the like.
fn has_scheme(dest: &str) -> bool {
    let Some((scheme, _)) = dest.split_once(':') else {
        return false;
    };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// The site-relative path a link target leads to, from the page at `page` (`2024/03/14/a/`).
/// Root-absolute links may carry the base path of `base_url` or not. `None` above the root.
fn resolve(target: &str, page: &str, site: &Site) -> Option<String> {
    let Some(absolute) = target.strip_prefix('/') else {
        let folder = page.split('/').filter(|s| !s.is_empty()).collect();
        return normalise(folder, target);
    };
    let as_written = normalise(Vec::new(), absolute);
    let without_base = absolute
        .strip_prefix(site.base_path.as_str())
        .filter(|_| !site.base_path.is_empty());
    match without_base {
        Some(rest) if !as_written.as_deref().is_some_and(|p| site.has(p)) => {
            normalise(Vec::new(), rest)
        }
        _ => as_written,
    }
}

/// Applies the segments of `rest` to the folder `start`, keeping a trailing slash.
fn normalise<'a>(mut segments: Vec<&'a str>, rest: &'a str) -> Option<String> {
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            other => segments.push(other),
        }
    }
    let mut path = segments.join("/");
    let last = rest.rsplit('/').next().unwrap_or("");
    if !path.is_empty() && matches!(last, "" | "." | "..") {
        path.push('/');
    }
    Some(path)
}

/// Decodes `%XX` escapes (links to files with Chinese names are often written encoded).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site<'a>(config: &'a Config, paths: &'a HashSet<String>) -> Site<'a> {
        Site::new(config, paths)
    }

    fn config(base_url: &str) -> Config {
        Config::parse(&format!("title = \"t\"\nbase_url = \"{base_url}\"\n")).unwrap()
    }

    fn paths() -> HashSet<String> {
        [
            "index.html",
            "2024/index.html",
            "2024/03/index.html",
            "2024/03/14/index.html",
            "2024/03/14/urban-renewal-meeting/index.html",
            "officials/lin-jingyi/index.html",
            "feed.xml",
            "files/minutes.pdf",
        ]
        .into_iter()
        .map(String::from)
        .collect()
    }

    fn target_of(link: &str, base_url: &str) -> Option<String> {
        let (config, paths) = (config(base_url), paths());
        let site = site(&config, &paths);
        let target = internal_target(link, &site)?;
        resolve(&target, "2024/03/15/other/", &site)
    }

    #[test]
    fn internal_links_resolve_against_the_page() {
        let base = "https://e.org";
        assert_eq!(
            target_of("/2024/03/14/x/", base).as_deref(),
            Some("2024/03/14/x/")
        );
        assert_eq!(
            target_of("../../14/x/", base).as_deref(),
            Some("2024/03/14/x/")
        );
        assert_eq!(target_of("../", base).as_deref(), Some("2024/03/15/"));
        assert_eq!(
            target_of("/feed.xml?x=1#top", base).as_deref(),
            Some("feed.xml")
        );
        assert_eq!(
            target_of("https://e.org/2024/", base).as_deref(),
            Some("2024/")
        );
        assert_eq!(
            target_of("/files/%E6%9C%83.pdf", base).as_deref(),
            Some("files/會.pdf")
        );
        assert_eq!(target_of("../../../../../../x", base), None);
        for external in [
            "https://other.org/",
            "mailto:a@b.org",
            "#section",
            "//cdn.org/x.js",
            "tel:123",
        ] {
            assert!(
                internal_target(external, &site(&config(base), &paths())).is_none(),
                "{external}"
            );
        }
    }

    #[test]
    fn the_base_path_may_be_written_or_left_out() {
        let base = "https://e.org/archive";
        assert_eq!(target_of("/archive/2024/", base).as_deref(), Some("2024/"));
        assert_eq!(target_of("/2024/", base).as_deref(), Some("2024/"));
        assert_eq!(
            target_of("https://e.org/archive/2024/03/", base).as_deref(),
            Some("2024/03/")
        );
    }

    #[test]
    fn pages_and_files_of_the_site_are_found() {
        let (config, paths) = (config("https://e.org"), paths());
        let site = site(&config, &paths);
        for present in [
            "",
            "2024/",
            "2024/03/14",
            "2024/03/14/urban-renewal-meeting/",
            "feed.xml",
            "files/minutes.pdf",
        ] {
            assert!(site.has(present), "{present}");
        }
        for missing in ["2024/03/15/", "officials/nobody/", "files/other.pdf"] {
            assert!(!site.has(missing), "{missing}");
        }
        assert_eq!(
            site.by_slug.get("urban-renewal-meeting"),
            Some(&"2024/03/14/urban-renewal-meeting/")
        );
    }
}
