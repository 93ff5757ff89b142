//! Markdown body → HTML, plain text and summary.
//!
//! CommonMark plus GFM tables, footnotes, strikethrough and task lists. The event stream from
//! pulldown-cmark passes through small stages before it becomes HTML:
//! - [`safety`]: link and image destinations limited to safe schemes, `{#id .class}` heading
//!   attribute blocks (and nothing else), so that Markdown itself cannot make script;
//! - [`cjk`]: no space at a soft line break between Chinese characters (also across the start of
//!   emphasis or a link), and — for Chinese sites — bold and italics next to Chinese punctuation
//!   as the writer meant (`這是**《重要》**文件`);
//! - heading ids from pinyin slugs (`## 會議要求` → `id="hui-yi-yao-qiu"`), unique per page;
//! - [`highlight`]: fenced code highlighted by syntect into CSS classes.
//!
//! Raw HTML in a body is sanitised with ammonia unless the site is marked `trusted_html`.

mod cjk;
mod highlight;
pub mod safety;

pub use highlight::{CODE_CLASS_STYLE, HIGHLIGHTED_CODE, syntax_css};

use crate::text::slug::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// How bodies of a site are rendered (from site.toml).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BodyOptions {
    /// Keep raw HTML as written (`trusted_html = true`); otherwise it is sanitised.
    pub trusted_html: bool,
    /// CJK-friendly emphasis: `**` next to Chinese punctuation still makes bold text.
    pub cjk_emphasis: bool,
}

impl BodyOptions {
    /// How the bodies of a site are rendered, from its configuration.
    pub fn of(config: &crate::config::Config) -> BodyOptions {
        BodyOptions {
            trusted_html: config.trusted_html,
            cjk_emphasis: config.cjk_emphasis,
        }
    }
}

/// What a body renders to.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    /// The text a reader sees, paragraphs separated by `\n` (for search and summaries).
    pub text: String,
    /// The first paragraph as plain text.
    pub first_paragraph: String,
    /// True when the body held raw HTML (it was sanitised unless trusted).
    pub had_raw_html: bool,
    pub headings: Vec<Heading>,
}

/// A heading of the body, for tables of contents.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// The Markdown extensions of a report body (lints parse with the same ones). Heading attribute
/// blocks are not pulldown-cmark's (which accept any `key=value`, event handlers included):
/// [`safety::heading_attributes`] reads the `{#id .class}` form only.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Renders a Markdown body.
pub fn render(markdown: &str, options: BodyOptions) -> Rendered {
    let parsed: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(markdown, self::options())
        .into_offset_iter()
        .collect();
    let mut out = Rendered {
        had_raw_html: parsed
            .iter()
            .any(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_))),
        ..Rendered::default()
    };
    let events = cjk::merge_text(markdown, parsed, options.cjk_emphasis);
    let mut events = cjk::drop_soft_breaks(events);
    safety::heading_attributes(&mut events);
    let events = safety::drop_unsafe_destinations(events);
    let mut events = highlight::highlight_code(events);
    assign_heading_ids(&mut events, &mut out.headings);
    let events = relative_root_links(events);
    collect_text(&events, &mut out);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    if out.had_raw_html && !options.trusted_html {
        out.html = safety::sanitize(&out.html);
    }
    out
}

/// How a report page (always `YYYY/MM/DD/slug/`) reaches the site root.
pub const REPORT_ROOT: &str = "../../../../";

/// Rewrites site-absolute links (`/files/minutes.pdf`, `/2024/03/14/x/`) to relative ones so they
/// keep working under a base path and from disk. `//host/x` and full URLs stay as written.
fn relative_root_links(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    fn fix(url: CowStr<'_>) -> CowStr<'_> {
        if url.starts_with('/') && !url.starts_with("//") {
            CowStr::from(format!("{REPORT_ROOT}{}", &url[1..]))
        } else {
            url
        }
    }
    events
        .into_iter()
        .map(|event| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: fix(dest_url),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: fix(dest_url),
                title,
                id,
            }),
            other => other,
        })
        .collect()
}

/// Gives every heading without an explicit `{#id}` an id from its text, unique within the body.
fn assign_heading_ids(events: &mut [Event<'_>], headings: &mut Vec<Heading>) {
    let mut used: HashSet<String> = HashSet::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = heading_number(*level);
            let explicit = id.as_ref().map(|s| s.to_string());
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = explicit.unwrap_or_else(|| {
                let s = slugify(&text);
                if s.is_empty() {
                    "section".to_string()
                } else {
                    s
                }
            });
            let mut unique = base.clone();
            let mut n = 1;
            while !used.insert(unique.clone()) {
                unique = format!("{base}-{n}");
                n += 1;
            }
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(unique.clone()));
            }
            headings.push(Heading {
                level,
                id: unique,
                text,
            });
            i = j;
        }
        i += 1;
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Collects the plain text of the body and its first paragraph.
fn collect_text(events: &[Event<'_>], out: &mut Rendered) {
    let mut depth_paragraph = 0usize;
    let mut first_done = false;
    let mut in_footnote = false;
    for event in events {
        match event {
            Event::Start(Tag::Paragraph) => depth_paragraph += 1,
            Event::End(TagEnd::Paragraph) => {
                depth_paragraph = depth_paragraph.saturating_sub(1);
                if !in_footnote && !out.first_paragraph.is_empty() {
                    first_done = true;
                }
                out.text.push('\n');
            }
            Event::Start(Tag::FootnoteDefinition(_)) => in_footnote = true,
            Event::End(TagEnd::FootnoteDefinition) => in_footnote = false,
            Event::End(
                TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow | TagEnd::CodeBlock,
            ) => out.text.push('\n'),
            Event::End(TagEnd::TableCell) => out.text.push(' '),
            Event::Text(t) | Event::Code(t) => {
                out.text.push_str(t);
                if depth_paragraph > 0 && !first_done && !in_footnote {
                    out.first_paragraph.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                out.text.push(' ');
                if depth_paragraph > 0 && !first_done && !in_footnote {
                    out.first_paragraph.push(' ');
                }
            }
            _ => {}
        }
    }
    let collapsed: Vec<&str> = out
        .text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    out.text = collapsed.join("\n");
    out.first_paragraph = out.first_paragraph.trim().to_string();
}

#[cfg(test)]
mod tests;
