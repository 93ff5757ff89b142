//! Chinese text in the Markdown event stream: line breaks and emphasis as a Chinese writer means
//! them.
//!
//! - **Soft breaks.** Chinese has no spaces between words, so a line break inside a paragraph
//!   between two Chinese characters must not become a space. The break is held back across the
//!   start of emphasis, strong, strikethrough or a link (`市長⏎**會議**` joins), and the curly
//!   quotes and ellipsis that both scripts use are looked through (`“yes”⏎“no”` keeps its
//!   space).
//! - **CJK-friendly emphasis** (on by default for Chinese sites). CommonMark's flanking rules
//!   leave `**` literal when punctuation is on its inner side and a letter on its outer side:
//!   `這是**《重要》**文件` and `**會議要求：**各部門` stay asterisks, because the rules assume
//!   spaces between words. As in the CJK-friendly amendment that markdown-it and remark plugins
//!   implement, a Chinese character on the outer side of a run counts like white space. Only runs
//!   that pulldown-cmark left as text are paired, so Latin text renders exactly as CommonMark
//!   says; only `*` runs of length one or two are paired (`_` keeps CommonMark's word rules).

use crate::text::{is_han, is_shared_punctuation, is_wide};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::ops::Range;

/// A merged text event and the byte offsets of the `*` in it that the writer typed as
/// delimiters (not escaped `\*`, not `&#42;`).
struct Piece<'a> {
    event: Event<'a>,
    stars: Vec<usize>,
}

/// Merges adjacent text events (pulldown-cmark splits text at delimiters and escapes) and, when
/// `cjk_emphasis` is on, turns literal `*` runs next to Chinese text into emphasis.
pub(super) fn merge_text<'a>(
    source: &'a str,
    parsed: Vec<(Event<'a>, Range<usize>)>,
    cjk_emphasis: bool,
) -> Vec<Event<'a>> {
    let mut pieces: Vec<Piece<'a>> = Vec::with_capacity(parsed.len());
    let mut code_depth = 0usize;
    for (event, range) in parsed {
        match &event {
            Event::Start(Tag::CodeBlock(_)) => code_depth += 1,
            Event::End(TagEnd::CodeBlock) => code_depth = code_depth.saturating_sub(1),
            _ => {}
        }
        let Event::Text(text) = &event else {
            pieces.push(Piece {
                event,
                stars: Vec::new(),
            });
            continue;
        };
        let verbatim = code_depth == 0 && source.get(range.clone()) == Some(&**text);
        let (mut merged, mut stars) = match pieces.pop_if(|p| matches!(p.event, Event::Text(_))) {
            Some(Piece {
                event: Event::Text(t),
                stars,
            }) => (t.into_string(), stars),
            _ => (String::new(), Vec::new()),
        };
        if verbatim {
            let base = merged.len();
            let escaped = |i: usize| {
                let before = &source.as_bytes()[..range.start + i];
                before.iter().rev().take_while(|b| **b == b'\\').count() % 2 == 1
            };
            stars.extend(
                text.match_indices('*')
                    .filter(|(i, _)| !escaped(*i))
                    .map(|(i, _)| base + i),
            );
        }
        merged.push_str(text);
        pieces.push(Piece {
            event: Event::Text(CowStr::from(merged)),
            stars,
        });
    }
    if cjk_emphasis {
        let pairs = pair_runs(&pieces);
        if !pairs.is_empty() {
            return apply_pairs(pieces, &pairs);
        }
    }
    pieces.into_iter().map(|p| p.event).collect()
}

/// A run of delimiter `*` inside one text piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    piece: usize,
    start: usize,
    len: usize,
}

/// A run turned into a tag: opening or closing, emphasis (1) or strong (2).
#[derive(Debug, Clone, Copy)]
struct Mark {
    run: Run,
    open: bool,
}

fn runs_of(piece: usize, stars: &[usize]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for &offset in stars {
        match runs.last_mut() {
            Some(run) if run.start + run.len == offset => run.len += 1,
            _ => runs.push(Run {
                piece,
                start: offset,
                len: 1,
            }),
        }
    }
    runs
}

/// True for inline tags that text flows through (a neighbour may be found beyond them).
fn is_inline_tag(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link)
    )
}

/// The character next to a run, looking into neighbouring text through inline tags.
fn neighbour(pieces: &[Piece<'_>], run: Run, before: bool) -> Option<char> {
    let Event::Text(text) = &pieces[run.piece].event else {
        return None;
    };
    let inside = if before {
        text[..run.start].chars().next_back()
    } else {
        text[run.start + run.len..].chars().next()
    };
    if inside.is_some() {
        return inside;
    }
    let mut index = run.piece;
    loop {
        index = if before {
            index.checked_sub(1)?
        } else {
            index + 1
        };
        let event = &pieces.get(index)?.event;
        match event {
            Event::Text(t) | Event::Code(t) => {
                return if before {
                    t.chars().next_back()
                } else {
                    t.chars().next()
                };
            }
            e if is_inline_tag(e) => continue,
            _ => return None,
        }
    }
}

/// Whether a run may open and close under the CJK-friendly flanking rules, and whether Chinese
/// text is next to it.
fn flanking(before: Option<char>, after: Option<char>) -> (bool, bool, bool) {
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punct = |c: Option<char>| c.is_some_and(is_punctuation);
    let cjk = |c: Option<char>| c.is_some_and(is_wide);
    let open = !space(after) && (!punct(after) || space(before) || punct(before) || cjk(before));
    let close = !space(before) && (!punct(before) || space(after) || punct(after) || cjk(after));
    (open, close, cjk(before) || cjk(after))
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || (is_wide(c) && !is_han(c))
        || is_shared_punctuation(c)
        || matches!(c as u32, 0x2010..=0x2027 | 0x2030..=0x205E | 0xFE30..=0xFE4F)
}

/// Pairs literal runs within one container, innermost first, as CommonMark's delimiter stack
/// does; a pair needs Chinese text next to at least one of its runs.
fn pair_runs(pieces: &[Piece<'_>]) -> Vec<Mark> {
    let mut marks = Vec::new();
    // Openers waiting for a closer: the run, its container depth, and whether CJK is next to it.
    let mut openers: Vec<(Run, usize, bool)> = Vec::new();
    let mut depth = 0usize;
    for (index, piece) in pieces.iter().enumerate() {
        match &piece.event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                openers.retain(|(_, d, _)| *d < depth);
                depth = depth.saturating_sub(1);
            }
            Event::Text(_) => {
                for run in runs_of(index, &piece.stars) {
                    if run.len > 2 {
                        continue;
                    }
                    let before = neighbour(pieces, run, true);
                    let after = neighbour(pieces, run, false);
                    let (can_open, can_close, cjk) = flanking(before, after);
                    let partner = can_close
                        .then(|| {
                            openers.iter().rposition(|(o, d, c)| {
                                *d == depth && o.len == run.len && (cjk || *c)
                            })
                        })
                        .flatten();
                    if let Some(position) = partner {
                        let (opener, _, _) = openers[position];
                        openers.truncate(position);
                        marks.push(Mark {
                            run: opener,
                            open: true,
                        });
                        marks.push(Mark { run, open: false });
                    } else if can_open {
                        openers.push((run, depth, cjk));
                    }
                }
            }
            _ => {}
        }
    }
    marks.sort_by_key(|m| (m.run.piece, m.run.start));
    marks
}

/// Splits the text pieces at the paired runs and puts emphasis tags in their place.
fn apply_pairs<'a>(pieces: Vec<Piece<'a>>, marks: &[Mark]) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(pieces.len() + marks.len() * 2);
    let mut marks = marks.iter().peekable();
    for (index, piece) in pieces.into_iter().enumerate() {
        let Event::Text(text) = &piece.event else {
            out.push(piece.event);
            continue;
        };
        let mut cursor = 0;
        while let Some(mark) = marks.next_if(|m| m.run.piece == index) {
            if mark.run.start > cursor {
                out.push(Event::Text(CowStr::from(
                    text[cursor..mark.run.start].to_string(),
                )));
            }
            out.push(match (mark.open, mark.run.len) {
                (true, 1) => Event::Start(Tag::Emphasis),
                (true, _) => Event::Start(Tag::Strong),
                (false, 1) => Event::End(TagEnd::Emphasis),
                (false, _) => Event::End(TagEnd::Strong),
            });
            cursor = mark.run.start + mark.run.len;
        }
        if cursor == 0 {
            out.push(piece.event);
        } else if cursor < text.len() {
            out.push(Event::Text(CowStr::from(text[cursor..].to_string())));
        }
    }
    out
}

/// Removes soft breaks between Chinese text; elsewhere a soft break stays a space.
pub(super) fn drop_soft_breaks(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut result: Vec<Event> = Vec::with_capacity(events.len());
    // The last character of the inline run that says which script it is.
    let mut last: Option<char> = None;
    // A soft break waiting for the next text, and the inline start tags seen since.
    let mut pending: Option<Vec<Event>> = None;
    for event in events {
        match &event {
            Event::SoftBreak => {
                if let Some(held) = pending.replace(Vec::new()) {
                    result.push(Event::SoftBreak);
                    result.extend(held);
                }
                continue;
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(held) = pending.take() {
                    let first = text.chars().find(|c| !is_shared_punctuation(*c));
                    let join =
                        matches!((last, first), (Some(a), Some(b)) if is_wide(a) && is_wide(b));
                    if !join {
                        result.push(Event::SoftBreak);
                    }
                    result.extend(held);
                }
                if let Some(c) = text.chars().rev().find(|c| !is_shared_punctuation(*c)) {
                    last = Some(c);
                }
            }
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
                if pending.is_some() =>
            {
                if let Some(held) = pending.as_mut() {
                    held.push(event);
                }
                continue;
            }
            _ => {
                if let Some(held) = pending.take() {
                    result.push(Event::SoftBreak);
                    result.extend(held);
                }
                if !is_inline_tag(&event) {
                    last = None;
                }
            }
        }
        result.push(event);
    }
    if let Some(held) = pending {
        result.push(Event::SoftBreak);
        result.extend(held);
    }
    result
}
