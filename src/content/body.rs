//! A report's rendered body (its HTML and plain text), made when the report is parsed or, for a
//! report taken unchanged from the previous build's cache ([`super::cache`]), only when a page,
//! feed or the search index first reads it.
//!
//! What keys and templates need without the text is known either way: a hash of the body
//! ([`Body::key`], which page keys and search records hash instead of the text) and whether it
//! holds highlighted code. A rebuild after one edit therefore renders the Markdown of the edited
//! report and of the few whose pages or feeds are made again, not of every report.

use super::markdown::{self, BodyOptions};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use xxhash_rust::xxh3::Xxh3Default;

/// The rendered body of a report.
#[derive(Debug, Clone)]
pub struct Body {
    parts: OnceLock<Parts>,
    key: u64,
    has_code: bool,
    /// Where the body is rendered from when first read (`None`: it was rendered on load).
    source: Option<Arc<OnDemand>>,
}

#[derive(Debug, Clone, Default)]
struct Parts {
    html: String,
    text: String,
}

/// The report file and the site's body options, for rendering a body when first read.
#[derive(Debug)]
pub struct OnDemand {
    pub file: PathBuf,
    pub options: BodyOptions,
}

impl Body {
    /// A body rendered on load.
    pub fn rendered(html: String, text: String) -> Body {
        let key = key_of(&html, &text);
        let has_code = html.contains(markdown::HIGHLIGHTED_CODE);
        let parts = OnceLock::from(Parts { html, text });
        Body {
            parts,
            key,
            has_code,
            source: None,
        }
    }

    /// A body known by its key, rendered from `source` when first read.
    pub fn on_demand(key: u64, has_code: bool, source: OnDemand) -> Body {
        Body {
            parts: OnceLock::new(),
            key,
            has_code,
            source: Some(Arc::new(source)),
        }
    }

    /// A hash of the HTML and the text: equal bodies, equal keys.
    pub fn key(&self) -> u64 {
        self.key
    }

    /// True when the body holds highlighted code (its page needs `syntax.css`).
    pub fn has_code(&self) -> bool {
        self.has_code
    }

    pub fn html(&self) -> &str {
        &self.parts().html
    }

    /// The text a reader sees, paragraphs separated by `\n` (for search).
    pub fn text(&self) -> &str {
        &self.parts().text
    }

    /// Frees the plain text once nothing needs it any more (the search index is written); the
    /// HTML stays. Reading the text afterwards gives the empty string.
    pub fn release_text(&mut self) {
        if let Some(parts) = self.parts.get_mut() {
            parts.text = String::new();
        }
    }

    fn parts(&self) -> &Parts {
        self.parts.get_or_init(|| match &self.source {
            Some(source) => source.render(),
            None => Parts::default(),
        })
    }
}

impl OnDemand {
    /// Renders the body as loading did: the file's bytes after the front matter. A file that
    /// can no longer be read (changed or removed while the build runs) gives an empty body;
    /// the input fingerprint differs from the stamp, so the next build renders it again.
    fn render(&self) -> Parts {
        let Ok(bytes) = std::fs::read(&self.file) else {
            return Parts::default();
        };
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let Ok(split) = super::front_matter::split(text, &self.file) else {
            return Parts::default();
        };
        let rendered = markdown::render(split.body, self.options);
        Parts {
            html: rendered.html,
            text: rendered.text,
        }
    }
}

fn key_of(html: &str, text: &str) -> u64 {
    let mut hasher = Xxh3Default::new();
    hasher.update(&(html.len() as u64).to_le_bytes());
    hasher.update(html.as_bytes());
    hasher.update(text.as_bytes());
    hasher.digest()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_rendered_on_demand_equals_the_body_rendered_on_load() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        let source = "---\ntitle: 會議\ndate: 2024-03-14\n---\n\n宋樂偉出席**會議**。\n\n```rust\nfn main() {}\n```\n";
        std::fs::write(&file, source).unwrap();
        let options = BodyOptions::default();
        let body = source.splitn(3, "---\n").nth(2).unwrap();
        let rendered = markdown::render(body, options);
        let loaded = Body::rendered(rendered.html, rendered.text);
        let lazy = Body::on_demand(loaded.key(), loaded.has_code(), OnDemand { file, options });
        assert!(loaded.has_code());
        assert_eq!(lazy.html(), loaded.html());
        assert_eq!(lazy.text(), loaded.text());
        assert_eq!(key_of(lazy.html(), lazy.text()), lazy.key());
        assert!(lazy.text().contains("宋樂偉出席會議"), "{}", lazy.text());
    }

    #[test]
    fn released_text_leaves_the_html() {
        let mut body = Body::rendered("<p>x</p>".into(), "x".into());
        body.release_text();
        assert_eq!(body.text(), "");
        assert_eq!(body.html(), "<p>x</p>");
    }
}
