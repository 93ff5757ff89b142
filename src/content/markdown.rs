//! Markdown body → HTML, plain text and summary.
//!
//! CommonMark plus GFM tables, footnotes, strikethrough, task lists and heading ids. Three things
//! differ from a plain pulldown-cmark render, all for Chinese text:
//! - a soft line break between two Han characters (or CJK punctuation) is dropped instead of
//!   becoming a space, so hard-wrapped Chinese paragraphs read as written;
//! - heading ids come from pinyin slugs (`## 會議要求` → `id="hui-yi-yao-qiu"`), unique per page;
//! - fenced code is highlighted by syntect into CSS classes (the theme ships the stylesheet).
//!
//! Raw HTML in a body is sanitised with ammonia unless the site is marked `trusted_html`.

use crate::text::{joins_without_space, slug::slugify};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The class prefix of highlighted code; the theme's `syntax.css` uses the same.
pub const CODE_CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

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

/// The Markdown extensions of a report body (lints parse with the same ones).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn syntax_set() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Renders a Markdown body. `trusted_html` keeps raw HTML as written.
pub fn render(markdown: &str, trusted_html: bool) -> Rendered {
    let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    let mut out = Rendered::default();
    let mut events = drop_cjk_soft_breaks(events);
    assign_heading_ids(&mut events, &mut out.headings);
    let events = highlight_code(events);
    let events = relative_root_links(events);
    collect_text(&events, &mut out);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    if out.had_raw_html && !trusted_html {
        out.html = sanitize(&out.html);
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

/// Removes soft breaks between two wide (CJK) characters; elsewhere a soft break stays a space.
fn drop_cjk_soft_breaks(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut result: Vec<Event> = Vec::with_capacity(events.len());
    let mut last_char: Option<char> = None;
    let mut pending_break = false;
    for event in events {
        match &event {
            Event::SoftBreak => {
                pending_break = true;
                continue;
            }
            Event::Text(text) | Event::Code(text) => {
                if pending_break {
                    let next = text.chars().next();
                    let join = matches!((last_char, next), (Some(a), Some(b)) if joins_without_space(a, b));
                    if !join {
                        result.push(Event::SoftBreak);
                    }
                    pending_break = false;
                }
                last_char = text.chars().last();
            }
            _ => {
                if pending_break {
                    result.push(Event::SoftBreak);
                    pending_break = false;
                }
                if !matches!(
                    event,
                    Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. })
                        | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link)
                ) {
                    last_char = None;
                }
            }
        }
        result.push(event);
    }
    if pending_break {
        result.push(Event::SoftBreak);
    }
    result
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

/// Replaces fenced code blocks by syntect-highlighted HTML with CSS classes.
fn highlight_code(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut result = Vec::with_capacity(events.len());
    let mut in_code: Option<String> = None;
    let mut code = String::new();
    for event in events {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                in_code = Some(lang);
                code.clear();
            }
            Event::End(TagEnd::CodeBlock) => {
                let lang = in_code.take().unwrap_or_default();
                result.push(Event::Html(CowStr::from(highlight_block(&code, &lang))));
            }
            Event::Text(text) if in_code.is_some() => code.push_str(&text),
            other => result.push(other),
        }
    }
    result
}

fn highlight_block(code: &str, lang: &str) -> String {
    let set = syntax_set();
    let syntax = (!lang.is_empty())
        .then(|| set.find_syntax_by_token(lang))
        .flatten();
    let class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", escape_html(lang))
    };
    let Some(syntax) = syntax else {
        return format!("<pre><code{class}>{}</code></pre>\n", escape_html(code));
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CODE_CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!("<pre><code{class}>{}</code></pre>\n", escape_html(code));
        }
    }
    format!(
        "<pre class=\"hl-code\"><code{class}>{}</code></pre>\n",
        generator.finalize()
    )
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
            Event::Html(h) | Event::InlineHtml(h)
                if !h.starts_with("<pre class=\"hl-code\">") && !h.starts_with("<pre><code") =>
            {
                out.had_raw_html = true;
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

/// Cleans raw HTML: scripts, event handlers and javascript: URLs go; structure, ids and classes stay.
fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["class", "id"])
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("a", ["id"])
        .add_tag_attributes("li", ["id"])
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The stylesheet for highlighted code (InspiredGitHub colours), as shipped by the default theme.
pub fn syntax_css() -> String {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    syntect::html::css_for_theme_with_class_style(
        &themes.themes["InspiredGitHub"],
        CODE_CLASS_STYLE,
    )
    .unwrap_or_default()
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;

#[cfg(test)]
mod stylesheet_tests {
    /// The default theme ships the stylesheet for highlighted code; it must match the classes
    /// the renderer emits. Regenerate with `ANNALS_BLESS=1 cargo test syntax_css`.
    #[test]
    fn shipped_syntax_css_is_current() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/default/static/syntax.css"
        );
        let expected = format!(
            "/* Generated by annals from syntect's InspiredGitHub theme. */\n{}",
            super::syntax_css()
        );
        if std::env::var_os("ANNALS_BLESS").is_some() {
            std::fs::write(path, &expected).unwrap();
        }
        let shipped = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            shipped == expected,
            "themes/default/static/syntax.css is stale: run ANNALS_BLESS=1 cargo test syntax_css"
        );
    }
}
