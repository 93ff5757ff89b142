//! What keeps a report body from running script in a reader's browser.
//!
//! Reports come from scraped pages and many hands, so a body is untrusted input. Script can reach
//! HTML through three doors, and each is closed here:
//! - **Raw HTML** in the body: sanitised by ammonia ([`sanitize`]) unless the site sets
//!   `trusted_html = true`.
//! - **Destinations** that Markdown itself makes (links, images, autolinks, reference
//!   definitions): only `http`, `https`, `mailto`, `tel`, relative paths and fragments are kept
//!   ([`is_safe_url`]); a link with another scheme loses its `<a>` (its text stays), an image
//!   its `<img>` (its description stays as text). `annals check` names each one.
//! - **Attributes**: pulldown-cmark's heading attribute extension accepts any `key=value`
//!   (`{onmouseover=alert(1)}`), so it is off; [`heading_attributes`] reads only `{#id .class}`,
//!   and any other `{…}` stays text.
//!
//! Everything else the Markdown stage writes is pulldown-cmark's HTML writer, which quotes and
//! escapes every attribute value, and the highlighter's escaped code. So without raw HTML a body
//! cannot produce an event handler, a script or style element, or a dangerous URL; the
//! integration tests attack the built site with injection vectors to keep it that way.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// URL schemes a link or image in a report may use.
pub const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// True for a destination a reader's browser may follow or load: a relative path, a fragment, or
/// one of [`ALLOWED_SCHEMES`]. Read the way browsers read it: tabs and line breaks anywhere and
/// control characters or spaces at the ends are ignored, schemes are case-insensitive.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c <= ' ');
    let Some(end) = trimmed.find([':', '/', '?', '#']) else {
        return true;
    };
    if !trimmed[end..].starts_with(':') {
        return true;
    }
    // A colon before any `/`, `?` or `#`: a scheme, or something a browser might read as one.
    let scheme = trimmed[..end].to_ascii_lowercase();
    ALLOWED_SCHEMES.contains(&scheme.as_str())
}

/// Drops links and images whose destination is not safe, keeping their text.
pub(super) fn drop_unsafe_destinations(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    // For each open link or image: whether its tags were dropped.
    let mut dropped: Vec<bool> = Vec::new();
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        match &event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let unsafe_url = !is_safe_url(dest_url);
                dropped.push(unsafe_url);
                if unsafe_url {
                    continue;
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) if dropped.pop().unwrap_or(false) => {
                continue;
            }
            _ => {}
        }
        out.push(event);
    }
    out
}

/// Reads a trailing `{#id .class …}` block of each heading into its id and classes. Anything
/// else in braces (`# 第三季度 {草案}`, `{onclick=x}`) is the writer's text and stays.
pub(super) fn heading_attributes(events: &mut Vec<Event<'_>>) {
    let mut i = 0;
    while i < events.len() {
        if !matches!(events[i], Event::Start(Tag::Heading { .. })) {
            i += 1;
            continue;
        }
        let Some(end) = events[i..]
            .iter()
            .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
            .map(|p| i + p)
        else {
            return;
        };
        let last = end - 1;
        let parsed = match &events[last] {
            Event::Text(text) if last > i => parse_attribute_block(text, last > i + 1),
            _ => None,
        };
        if let Some(block) = parsed {
            if let Event::Start(Tag::Heading { id, classes, .. }) = &mut events[i] {
                if block.id.is_some() {
                    *id = block.id.map(CowStr::from);
                }
                classes.extend(block.classes.into_iter().map(CowStr::from));
            }
            if block.text_before.is_empty() {
                events.remove(last);
            } else {
                events[last] = Event::Text(CowStr::from(block.text_before));
            }
        }
        i += 1;
    }
}

/// A heading's trailing attribute block, read.
#[derive(Debug, PartialEq, Eq)]
struct AttributeBlock {
    text_before: String,
    id: Option<String>,
    classes: Vec<String>,
}

/// Reads `text {#id .class}`; `more_before` tells whether other heading content precedes `text`.
fn parse_attribute_block(text: &str, more_before: bool) -> Option<AttributeBlock> {
    let trimmed = text.trim_end();
    let inner_end = trimmed.strip_suffix('}')?;
    let open = inner_end.rfind('{')?;
    let (before, inner) = (&inner_end[..open], &inner_end[open + 1..]);
    if !(before.ends_with(char::is_whitespace) || before.is_empty() && more_before) {
        return None;
    }
    let is_name = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    let mut block = AttributeBlock {
        text_before: before.trim_end().to_string(),
        id: None,
        classes: Vec::new(),
    };
    let mut tokens = inner.split_whitespace().peekable();
    tokens.peek()?;
    for token in tokens {
        if let Some(id) = token.strip_prefix('#')
            && is_name(id)
            && block.id.is_none()
        {
            block.id = Some(id.to_string());
        } else if let Some(class) = token.strip_prefix('.')
            && is_name(class)
        {
            block.classes.push(class.to_string());
        } else {
            return None;
        }
    }
    if block.text_before.is_empty() && !more_before {
        return None;
    }
    Some(block)
}

/// Cleans a body that holds raw HTML: scripts, styles, event handlers and unsafe URLs go;
/// structure, ids and classes stay. Links get `rel="noopener noreferrer"`.
pub(super) fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(ALLOWED_SCHEMES.iter().copied().collect())
        .add_generic_attributes(["class", "id"])
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("a", ["id"])
        .add_tag_attributes("li", ["id"])
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

#[cfg(test)]
#[path = "safety_tests.rs"]
mod tests;
