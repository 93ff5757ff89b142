//! Lints on report bodies as Markdown: what renders differently from what the writer meant.
//!
//! - Emphasis next to Chinese punctuation: CommonMark's flanking rules leave the `**` of
//!   `這是**《重要》**文件` as literal text (a `**` with punctuation on its inner side only opens
//!   or closes when white space or punctuation is on its outer side, and Chinese has no spaces).
//!   Found by parsing the body with pulldown-cmark and looking for `*` runs that stayed text.
//!   With CJK-friendly emphasis on (the default for Chinese sites) such pairs render as bold,
//!   and only the pairs that still stay literal are reported.
//! - Links and images whose destination is not published (`javascript:`, `data:`, …; see
//!   [`crate::content::markdown::safety`]): their text stays, the link or image does not.
//! - Images without alt text, in Markdown (`![](x.png)`) or raw HTML (`<img src=x>`).
//! - Pinyin left over from scraping (`項(xiàng)目`), grouped one warning per line.

use super::{ReportSource, at_most};
use crate::content::markdown::safety::{ALLOWED_SCHEMES, is_safe_url};
use crate::content::markdown::{BodyOptions, options, render};
use crate::diagnostics::Diagnostic;
use crate::text::artifacts::{Artifact, find_artifacts};
use crate::text::is_cjk_punctuation;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// Every Markdown lint of one report, for a site rendering bodies with `body_options`.
pub fn lint(source: &ReportSource, body_options: BodyOptions) -> Vec<Diagnostic> {
    let body = source.body();
    let mut literal = literal_emphasis(body);
    if body_options.cjk_emphasis && !literal.is_empty() {
        let html = render(body, body_options).html;
        literal.retain(|pair| {
            let written = &body[pair.open.start..pair.close.end];
            html.contains(&crate::escape::html(written)) || html.contains(written)
        });
    }
    let mut problems = at_most(
        source,
        literal,
        "places where emphasis stays literal",
        |pair| emphasis_warning(source, body, pair),
    );
    problems.extend(at_most(
        source,
        unsafe_destinations(body),
        "links or images that are not published",
        |(offset, url)| {
            let shown = crate::text::truncate_chars(&url, 40);
            source
                .warning_at(
                    source.body_start + offset,
                    format!("`{shown}` is not published: a report may only link to {}, relative paths and #fragments", ALLOWED_SCHEMES.join(", ")),
                )
                .with_hint("the text stays on the page without the link; give a web address such as `https://…`, or remove the link")
        },
    ));
    problems.extend(at_most(
        source,
        images_without_alt(body),
        "images without alt text",
        |offset| {
            source
                .warning_at(source.body_start + offset, "image without alt text")
                .with_hint(
                    "describe the image for readers who cannot see it: `![會議現場](photo.jpg)`",
                )
        },
    ));
    problems.extend(at_most(
        source,
        artifacts_by_line(&source.text),
        "lines with pinyin annotations",
        |line| artifact_warning(source, &line),
    ));
    problems
}

/// A pair of `*` runs that CommonMark left as text, as byte ranges of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LiteralPair {
    open: Range<usize>,
    close: Range<usize>,
}

fn emphasis_warning(source: &ReportSource, body: &str, pair: LiteralPair) -> Diagnostic {
    let marks = &body[pair.open.clone()];
    let inner = &body[pair.open.end..pair.close.start];
    let written = format!("{marks}{inner}{marks}");
    let shown = crate::text::truncate_chars(&written, 40);
    let hint = match (inner.chars().next(), inner.chars().next_back()) {
        (Some(first), Some(last))
            if inner.chars().count() > 2 && is_punctuation(first) && is_punctuation(last) =>
        {
            let middle = &inner[first.len_utf8()..inner.len() - last.len_utf8()];
            format!(
                "put the marks inside the punctuation: `{first}{marks}{middle}{marks}{last}`, or write `<strong>{inner}</strong>`"
            )
        }
        _ => format!(
            "move the marks so that punctuation is not on their inner side, or write `<strong>{inner}</strong>`"
        ),
    };
    let word = if marks.len() == 1 { "italic" } else { "bold" };
    source
        .warning_at(
            source.body_start + pair.open.start,
            format!(
                "`{shown}` will not be {word}: CommonMark keeps `{marks}` as text next to Chinese punctuation"
            ),
        )
        .with_hint(hint)
}

/// CommonMark punctuation as far as flanking goes: ASCII, general and CJK punctuation.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || is_cjk_punctuation(c)
        || matches!(c as u32, 0x2010..=0x2027 | 0x2030..=0x205E | 0xFE30..=0xFE4F)
}

/// True when a run with `outside` and `inside` neighbours fails to open or close only because
/// of punctuation: punctuation inside, a letter or Han character outside.
fn blocked_by_punctuation(outside: Option<char>, inside: Option<char>) -> bool {
    let outside_is_word = outside.is_some_and(|c| !c.is_whitespace() && !is_punctuation(c));
    let inside_is_punctuation = inside.is_some_and(is_punctuation);
    outside_is_word && inside_is_punctuation
}

/// Finds `*` runs that stayed literal text, pairs them within a block, and keeps the pairs where
/// punctuation is what kept them from being emphasis.
fn literal_emphasis(body: &str) -> Vec<LiteralPair> {
    let mut pairs = Vec::new();
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut in_code = false;
    let flush = |runs: &mut Vec<Range<usize>>, pairs: &mut Vec<LiteralPair>| {
        for two in runs.chunks_exact(2) {
            let (open, close) = (two[0].clone(), two[1].clone());
            if open.len() != close.len() {
                continue;
            }
            let before = body[..open.start].chars().next_back();
            let after_open = body[open.end..].chars().next();
            let before_close = body[..close.start].chars().next_back();
            let after = body[close.end..].chars().next();
            if blocked_by_punctuation(before, after_open)
                || blocked_by_punctuation(after, before_close)
            {
                pairs.push(LiteralPair { open, close });
            }
        }
        runs.clear();
    };
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(text) if !in_code && text.contains('*') => {
                let written = &body[range.clone()];
                if written != &*text {
                    continue;
                }
                for (i, b) in written.bytes().enumerate() {
                    let at = range.start + i;
                    if b != b'*' || body[..at].ends_with('\\') {
                        continue;
                    }
                    match runs.last_mut() {
                        Some(run) if run.end == at => run.end += 1,
                        _ => runs.push(at..at + 1),
                    }
                }
            }
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::TableCell
                | Tag::Item
                | Tag::BlockQuote(_),
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::TableCell
                | TagEnd::Item
                | TagEnd::BlockQuote(_),
            ) => flush(&mut runs, &mut pairs),
            _ => {}
        }
    }
    flush(&mut runs, &mut pairs);
    pairs
}

/// Byte offsets (in the body) of images with no alt text.
/// Links and images (also autolinks and reference definitions) whose destination the renderer
/// drops, with their offset in the body.
fn unsafe_destinations(body: &str) -> Vec<(usize, String)> {
    Parser::new_ext(body, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !is_safe_url(&dest_url) =>
            {
                Some((range.start, dest_url.to_string()))
            }
            _ => None,
        })
        .collect()
}

fn images_without_alt(body: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut open_image: Option<(usize, bool)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { .. }) => open_image = Some((range.start, false)),
            Event::Text(t) | Event::Code(t) if !t.trim().is_empty() => {
                if let Some((_, has_text)) = &mut open_image {
                    *has_text = true;
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, false)) = open_image.take() {
                    found.push(start);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                found.extend(
                    html_images_without_alt(&html)
                        .into_iter()
                        .map(|i| range.start + i),
                );
            }
            _ => {}
        }
    }
    found
}

/// Offsets of `<img …>` tags in an HTML fragment that have no non-empty `alt`.
fn html_images_without_alt(html: &str) -> Vec<usize> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<img") {
        let start = from + i;
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        let has_alt = ["alt=\"", "alt='", "alt="].iter().any(|p| {
            tag.find(p)
                .is_some_and(|a| !tag[a + p.len()..].starts_with(['"', '\'', ' ', '/']))
        });
        if !has_alt {
            found.push(start);
        }
        from = end.max(start + 4);
    }
    found
}

/// Leftover pinyin annotations grouped by the line they are on.
fn artifacts_by_line(text: &str) -> Vec<Vec<Artifact>> {
    let mut lines: Vec<(usize, Vec<Artifact>)> = Vec::new();
    let (mut line, mut counted_to) = (0, 0);
    for artifact in find_artifacts(text) {
        line += text[counted_to..artifact.byte_range.start]
            .matches('\n')
            .count();
        counted_to = artifact.byte_range.start;
        match lines.last_mut() {
            Some((l, group)) if *l == line => group.push(artifact),
            _ => lines.push((line, vec![artifact])),
        }
    }
    lines.into_iter().map(|(_, group)| group).collect()
}

/// One warning for the pinyin annotations of one line.
fn artifact_warning(source: &ReportSource, line: &[Artifact]) -> Diagnostic {
    const LISTED: usize = 5;
    let listed: Vec<String> = line
        .iter()
        .take(LISTED)
        .map(|a| format!("{}{}", a.char, &source.text[a.byte_range.clone()]))
        .collect();
    let more = if line.len() > LISTED { ", …" } else { "" };
    let count = line.len();
    source
        .warning_at(
            line[0].byte_range.start,
            format!(
                "{count} pinyin annotation{} left over from copying: {}{more}",
                if count == 1 { "" } else { "s" },
                listed.join(", ")
            ),
        )
        .with_hint("delete the readings in parentheses, or import the text again with `annals import`, which removes them")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(body: &str) -> Vec<String> {
        literal_emphasis(body)
            .into_iter()
            .map(|p| body[p.open.start..p.close.end].to_string())
            .collect()
    }

    #[test]
    fn emphasis_blocked_by_chinese_punctuation_is_found() {
        assert_eq!(literal("這是**《重要》**文件"), ["**《重要》**"]);
        assert_eq!(
            literal("要求**「一件事一次辦」**。"),
            ["**「一件事一次辦」**"]
        );
        assert_eq!(literal("第一行\n\n這是*《斜》*體"), ["*《斜》*"]);
        // Closing side only: the opening run is at the start of the paragraph.
        assert_eq!(literal("**《重要》**文件"), ["**《重要》**"]);
    }

    #[test]
    fn working_emphasis_and_plain_asterisks_are_left_alone() {
        for body in [
            "《**重要**》文件",
            "**粗體**文字",
            "x **《y》** z",
            "5 * 3 * 2",
            "a \\*\\*《b》\\*\\* c",
            "`**《code》**`",
            "```\n這是**《重要》**\n```\n",
            "註*：見附件",
        ] {
            assert!(literal(body).is_empty(), "{body}: {:?}", literal(body));
        }
    }

    #[test]
    fn images_need_alt_text() {
        let body = "![](a.png) ![現場](b.png)\n\n<img src=\"c.png\"> <img alt=\"d\" src=\"d.png\"> <img alt=\"\" src=\"e.png\">\n";
        let found: Vec<&str> = images_without_alt(body)
            .into_iter()
            .map(|o| &body[o..o + 5])
            .collect();
        assert_eq!(found, ["![](a", "<img ", "<img "]);
    }
}
