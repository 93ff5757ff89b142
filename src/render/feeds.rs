//! Machine-readable files: Atom feeds (site, each official, each district), sitemap.xml (a
//! sitemap index past 50,000 URLs) and robots.txt.
//!
//! Written in code rather than templates so they are always well-formed: every text goes through
//! [`escape_xml`]. Dates come from the reports, never from the clock, so rebuilding the same
//! input gives the same bytes.

use super::Output;
use super::pages::Shared;
use super::views;
use crate::archive::{Entity, EntityKind};
use crate::config::Config;
use crate::content::Report;
use std::fmt::Write;

/// Entries in a feed.
pub const FEED_ENTRIES: usize = 20;
/// URLs in one sitemap file (the protocol's limit).
pub const SITEMAP_LIMIT: usize = 50_000;

/// Escapes text for XML content and attribute values.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids: C0 controls but tab and line ends, and the
            // non-characters U+FFFE and U+FFFF (`&#65534;` in a body decodes to one).
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 3339 time of a report: its date-time as written, else midnight UTC of its date.
fn updated(report: &Report) -> String {
    report
        .datetime
        .clone()
        .unwrap_or_else(|| format!("{}T00:00:00Z", report.date.iso()))
}

fn feed(s: &Shared, title: &str, page_path: &str, feed_path: &str, ids: &[usize]) -> Output {
    let config = s.config;
    let reports = &s.archive.reports;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape_xml(&config.language)
    );
    let _ = writeln!(xml, "  <title>{}</title>", escape_xml(title));
    let _ = writeln!(
        xml,
        "  <id>{}</id>",
        escape_xml(&config.permalink(feed_path))
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape_xml(&config.permalink(feed_path))
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape_xml(&config.permalink(page_path))
    );
    let newest = ids
        .iter()
        .map(|&i| updated(&reports[i]))
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let _ = writeln!(xml, "  <updated>{newest}</updated>");
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        escape_xml(&config.title)
    );
    let _ = writeln!(
        xml,
        "  <generator uri=\"https://github.com/annals-ssg/annals\">annals</generator>"
    );
    for &i in ids.iter().take(FEED_ENTRIES) {
        let r = &reports[i];
        let url = config.permalink(&r.path());
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <title>{}</title>", escape_xml(&r.title));
        let _ = writeln!(
            xml,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape_xml(&url)
        );
        let _ = writeln!(xml, "    <id>{}</id>", escape_xml(&url));
        let _ = writeln!(xml, "    <published>{}</published>", updated(r));
        let _ = writeln!(xml, "    <updated>{}</updated>", updated(r));
        for a in &r.officials {
            let _ = writeln!(
                xml,
                "    <category term=\"{}\" label=\"{}\"/>",
                escape_xml(&a.name),
                escape_xml(&a.name)
            );
        }
        for d in &r.districts {
            let _ = writeln!(
                xml,
                "    <category term=\"{}\" label=\"{}\"/>",
                escape_xml(d),
                escape_xml(d)
            );
        }
        if !r.summary.is_empty() {
            let _ = writeln!(xml, "    <summary>{}</summary>", escape_xml(&r.summary));
        }
        // Bodies link relative to the report page; xml:base lets feed readers resolve them.
        let _ = writeln!(
            xml,
            "    <content type=\"html\" xml:base=\"{}\">{}</content>",
            escape_xml(&url),
            escape_xml(&r.html)
        );
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    Output {
        path: feed_path.to_string(),
        bytes: xml.into_bytes(),
    }
}

/// `/feed.xml`: the latest reports of the whole archive.
pub fn site_feed(s: &Shared) -> Output {
    let ids: Vec<usize> = (0..s.archive.reports.len().min(FEED_ENTRIES)).collect();
    feed(s, &s.config.title, "", "feed.xml", &ids)
}

/// `/officials/<slug>/feed.xml` and `/districts/<slug>/feed.xml`.
pub fn entity_feed(s: &Shared, entity: &Entity) -> Output {
    let title = format!("{} · {}", entity.name, s.config.title);
    let path = entity.path();
    feed(
        s,
        &title,
        &path,
        &format!("{path}feed.xml"),
        &entity.reports,
    )
}

/// Every page URL worth listing: lists (first pages), entity pages and every report.
fn sitemap_entries(s: &Shared) -> Vec<(String, Option<String>)> {
    let a = s.archive;
    let mut entries: Vec<(String, Option<String>)> =
        vec![(String::new(), a.reports.first().map(|r| r.date.iso()))];
    entries.push(("archive/".into(), None));
    for y in &a.years {
        entries.push((views::year_path(y.year), None));
        for m in &y.months {
            entries.push((views::month_path(y.year, m.month), None));
        }
    }
    for kind in [EntityKind::Official, EntityKind::District, EntityKind::Tag] {
        entries.push((format!("{}/", kind.section()), None));
        for e in a.entities(kind) {
            entries.push((
                e.path(),
                e.reports.first().map(|&i| a.reports[i].date.iso()),
            ));
        }
    }
    if s.config.search {
        entries.push(("search/".into(), None));
    }
    entries.extend(a.reports.iter().map(|r| (r.path(), Some(r.date.iso()))));
    entries
}

/// `sitemap.xml`, or past [`SITEMAP_LIMIT`] URLs a sitemap index with `sitemap-N.xml` parts.
pub fn sitemaps(s: &Shared) -> Vec<Output> {
    let entries = sitemap_entries(s);
    let urlset = |chunk: &[(String, Option<String>)]| {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (path, lastmod) in chunk {
            let _ = write!(
                xml,
                "  <url><loc>{}</loc>",
                escape_xml(&s.config.permalink(path))
            );
            if let Some(date) = lastmod {
                let _ = write!(xml, "<lastmod>{date}</lastmod>");
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
        xml.into_bytes()
    };
    if entries.len() <= SITEMAP_LIMIT {
        return vec![Output {
            path: "sitemap.xml".into(),
            bytes: urlset(&entries),
        }];
    }
    let mut outputs = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in entries.chunks(SITEMAP_LIMIT).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            escape_xml(&s.config.permalink(&name))
        );
        outputs.push(Output {
            path: name,
            bytes: urlset(chunk),
        });
    }
    index.push_str("</sitemapindex>\n");
    outputs.push(Output {
        path: "sitemap.xml".into(),
        bytes: index.into_bytes(),
    });
    outputs
}

/// `robots.txt`: everything may be crawled; points at the sitemap.
pub fn robots(config: &Config) -> Output {
    let text = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        config.permalink("sitemap.xml")
    );
    Output {
        path: "robots.txt".into(),
        bytes: text.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping_removes_forbidden_characters() {
        assert_eq!(
            escape_xml("<a & \"b\">\u{1}\u{FFFE}"),
            "&lt;a &amp; &quot;b&quot;&gt;"
        );
    }
}
