//! Machine-readable files: Atom feeds (site, each official, each district), sitemap.xml (a
//! sitemap index past 50,000 URLs) and robots.txt.
//!
//! Written in code rather than templates so they are always well-formed: every text goes through
//! [`escape_xml`]. Dates come from the reports, never from the clock, so rebuilding the same
//! input gives the same bytes.

use super::contexts::Shared;
use crate::escape::xml as escape_xml;
use crate::site_file::Output;
use crate::urls;

use crate::archive::Entity;
use crate::config::Config;
use crate::content::Report;
use std::fmt::Write;

/// Entries in a feed.
pub const FEED_ENTRIES: usize = 20;
/// URLs in one sitemap file (the protocol's limit).
pub const SITEMAP_LIMIT: usize = 50_000;

/// RFC 3339 time of a report: its date-time as written, else midnight UTC of its date.
pub(crate) fn updated(report: &Report) -> String {
    report
        .datetime
        .clone()
        .unwrap_or_else(|| format!("{}T00:00:00Z", report.date.iso()))
}

fn feed(s: &Shared, title: &str, page_path: &str, feed_path: &str, ids: &[usize]) -> Output {
    // The entries shown: a report further back changes nothing in the feed.
    let ids = &ids[..ids.len().min(FEED_ENTRIES)];
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
    for &i in ids {
        write_entry(&mut xml, config, &reports[i]);
    }
    xml.push_str("</feed>\n");
    Output {
        path: feed_path.to_string(),
        bytes: xml.into_bytes(),
    }
}

/// One `<entry>` of a feed: the report with its officials and districts as categories and its
/// body as HTML content.
fn write_entry(xml: &mut String, config: &Config, r: &Report) {
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
        escape_xml(r.body.html())
    );
    xml.push_str("  </entry>\n");
}

/// `/feed.xml`: the latest reports of the whole archive.
pub fn site_feed(s: &Shared) -> Output {
    let ids: Vec<usize> = (0..s.archive.reports.len().min(FEED_ENTRIES)).collect();
    feed(s, &s.config.title, urls::HOME, urls::SITE_FEED, &ids)
}

/// `/officials/<slug>/feed.xml` and `/districts/<slug>/feed.xml`.
pub fn entity_feed(s: &Shared, entity: &Entity) -> Output {
    let title = format!("{} · {}", entity.name, s.config.title);
    let path = entity.path();
    feed(s, &title, &path, &urls::feed_beside(&path), &entity.reports)
}

/// `sitemap.xml`, or past [`SITEMAP_LIMIT`] URLs a sitemap index with `sitemap-N.xml` parts.
pub fn sitemaps(config: &Config, entries: &[(String, Option<String>)]) -> Vec<Output> {
    let urlset = |chunk: &[(String, Option<String>)]| {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (path, lastmod) in chunk {
            let _ = write!(
                xml,
                "  <url><loc>{}</loc>",
                escape_xml(&config.permalink(path))
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
            path: urls::SITEMAP.into(),
            bytes: urlset(entries),
        }];
    }
    let mut outputs = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in entries.chunks(SITEMAP_LIMIT).enumerate() {
        let name = urls::sitemap_part(n + 1);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            escape_xml(&config.permalink(&name))
        );
        outputs.push(Output {
            path: name,
            bytes: urlset(chunk),
        });
    }
    index.push_str("</sitemapindex>\n");
    outputs.push(Output {
        path: urls::SITEMAP.into(),
        bytes: index.into_bytes(),
    });
    outputs
}

/// `robots.txt`: everything may be crawled; points at the sitemap.
pub fn robots(config: &Config) -> Output {
    let text = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        config.permalink(urls::SITEMAP)
    );
    Output {
        path: urls::ROBOTS.into(),
        bytes: text.into_bytes(),
    }
}
