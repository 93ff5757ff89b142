//! Scraped HTML → plain text lines, so HTML input goes through the same cleaning as text.
//!
//! The page is read with html5ever's tokenizer (the HTML parser the sanitiser already uses), which
//! decodes every character reference (`&nbsp;`, `&#12290;`, `&ldquo;`) the way browsers do.
//! Block elements (`<p>`, `<div>`, headings, list items, table rows) end a paragraph, `<br>` ends
//! a line; scripts, styles, navigation, forms and the document head are dropped. The first `<h1>`
//! is kept apart as the headline, and the page's own address (`<link rel="canonical">` or
//! `<meta property="og:url">`) as the source URL.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, EndTag, StartTag, Tag, TagToken, Token, TokenSink,
    TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;
use std::path::Path;

/// What a scraped page holds, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageText {
    /// The text, paragraphs separated by blank lines, `<br>` as line breaks.
    pub text: String,
    /// The text of the first `<h1>`, if any.
    pub headline: Option<String>,
    /// The page's canonical URL, if it names one.
    pub source: Option<String>,
    /// The text of the article itself, when the page marks it (`<article>`) or one block holds
    /// most of the page's text (the largest block of direct text, as in `<div class="content">`).
    pub main_block: Option<String>,
}

/// The fewest Chinese characters of an article block worth preferring over the whole page.
const MIN_BLOCK_HAN: usize = 40;

/// Elements that hold blocks of text: the candidates for the article.
const CONTAINERS: &[&str] = &["article", "main", "section", "div", "td", "body"];

/// Elements whose content is not part of the article.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button",
    "select", "iframe", "svg", "object",
];

/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "hr",
    "address",
    "center",
];

/// True when `text` (from `path`) is HTML rather than plain text.
pub fn looks_like_html(text: &str, path: &Path) -> bool {
    let by_extension = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let head: String = text
        .trim_start()
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    let markers = [
        "<!doctype",
        "<html",
        "<body",
        "<p>",
        "<p ",
        "</p>",
        "<br",
        "<div",
        "</div>",
        "<article",
    ];
    by_extension || markers.iter().any(|m| head.contains(m)) || text.contains("</p>")
}

/// Extracts the text of an HTML page.
pub fn page_text(html: &str) -> PageText {
    let sink = TextSink::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut state = tokenizer.sink.state.into_inner();
    while let Some(open) = state.open.pop() {
        state.close_block(open);
    }
    let main_block = state.main_block();
    PageText {
        main_block,
        text: state.text.trim().to_string(),
        headline: state
            .headline
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty()),
        source: state.source,
    }
}

#[derive(Default)]
struct TextSink {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    text: String,
    /// Depth inside dropped elements; text counts only at depth 0.
    dropped_depth: usize,
    /// The headline being read (inside the first `<h1>`), then the finished headline.
    headline: Option<String>,
    in_headline: bool,
    source: Option<String>,
    /// Containers open now: (element is `<article>`, start offset in `text`, han in children).
    open: Vec<OpenBlock>,
    /// Closed containers: (is `<article>`, byte range in `text`, han count of its own text).
    blocks: Vec<(bool, std::ops::Range<usize>, usize)>,
}

struct OpenBlock {
    article: bool,
    start: usize,
    /// Chinese characters inside child containers (not the block's own text).
    in_children: usize,
}

fn han_in(text: &str) -> usize {
    text.chars().filter(|&c| crate::text::is_han(c)).count()
}

impl State {
    fn open_block(&mut self, article: bool) {
        self.open.push(OpenBlock {
            article,
            start: self.text.len(),
            in_children: 0,
        });
    }

    fn close_block(&mut self, block: OpenBlock) {
        let range = block.start..self.text.len();
        let all = han_in(&self.text[range.clone()]);
        if let Some(parent) = self.open.last_mut() {
            parent.in_children += all;
        }
        self.blocks
            .push((block.article, range, all.saturating_sub(block.in_children)));
    }

    /// The article element with the most text, else the block with the most text of its own
    /// when it holds at least two fifths of the page's Chinese characters.
    fn main_block(&self) -> Option<String> {
        let total = han_in(&self.text);
        let text_of = |range: &std::ops::Range<usize>| self.text[range.clone()].trim().to_string();
        let article = self
            .blocks
            .iter()
            .filter(|(article, range, _)| {
                *article && han_in(&self.text[range.clone()]) >= MIN_BLOCK_HAN
            })
            .max_by_key(|(_, range, _)| han_in(&self.text[range.clone()]));
        if let Some((_, range, _)) = article {
            return Some(text_of(range));
        }
        let (_, range, own) = self.blocks.iter().max_by_key(|(_, _, own)| *own)?;
        let all = han_in(&self.text[range.clone()]);
        (*own >= MIN_BLOCK_HAN && all * 5 >= total * 2 && all < total).then(|| text_of(range))
    }

    fn push_text(&mut self, text: &str) {
        if self.dropped_depth > 0 {
            return;
        }
        // HTML white space (source line breaks, indentation) is one space; CJK cleaning later
        // removes it between Chinese characters.
        let target = if self.in_headline {
            self.headline.get_or_insert_with(String::new)
        } else {
            &mut self.text
        };
        for c in text.chars() {
            if c.is_whitespace() {
                if !target.is_empty() && !target.ends_with([' ', '\n']) {
                    target.push(' ');
                }
            } else {
                target.push(c);
            }
        }
    }

    fn break_line(&mut self, paragraph: bool) {
        if self.dropped_depth > 0 || self.in_headline {
            return;
        }
        while self.text.ends_with(' ') {
            self.text.pop();
        }
        let wanted = if paragraph { "\n\n" } else { "\n" };
        if !self.text.is_empty() && !self.text.ends_with(wanted) {
            if paragraph && self.text.ends_with('\n') {
                self.text.push('\n');
            } else {
                self.text.push_str(wanted);
            }
        }
    }

    fn note_source(&mut self, tag: &Tag) {
        let attr = |name: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == name)
                .map(|a| a.value.to_string())
        };
        let url = match &*tag.name {
            "link" if attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                attr("href")
            }
            "meta" if attr("property").is_some_and(|p| p == "og:url") => attr("content"),
            _ => None,
        };
        if self.source.is_none() {
            self.source = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
        }
    }
}

impl TokenSink for TextSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            CharacterTokens(text) => state.push_text(&text),
            TagToken(tag) => {
                let name: &str = &tag.name;
                state.note_source(&tag);
                let dropped = DROPPED.contains(&name);
                match tag.kind {
                    StartTag if dropped && !tag.self_closing => {
                        state.dropped_depth += 1;
                        return match name {
                            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                            "style" | "noscript" | "iframe" => {
                                TokenSinkResult::RawData(RawKind::Rawtext)
                            }
                            _ => TokenSinkResult::Continue,
                        };
                    }
                    EndTag if dropped => {
                        state.dropped_depth = state.dropped_depth.saturating_sub(1)
                    }
                    StartTag if name == "title" => state.dropped_depth += 1,
                    EndTag if name == "title" => {
                        state.dropped_depth = state.dropped_depth.saturating_sub(1)
                    }
                    StartTag
                        if name == "h1" && state.headline.is_none() && state.dropped_depth == 0 =>
                    {
                        state.break_line(true);
                        state.in_headline = true;
                    }
                    EndTag if name == "h1" && state.in_headline => state.in_headline = false,
                    StartTag if name == "br" => state.break_line(false),
                    StartTag
                        if CONTAINERS.contains(&name)
                            && state.dropped_depth == 0
                            && !tag.self_closing =>
                    {
                        state.break_line(true);
                        state.open_block(name == "article");
                    }
                    EndTag if CONTAINERS.contains(&name) && state.dropped_depth == 0 => {
                        state.break_line(true);
                        if let Some(open) = state.open.pop() {
                            state.close_block(open);
                        }
                    }
                    _ if BLOCKS.contains(&name) => state.break_line(true),
                    StartTag if name == "td" || name == "th" => state.push_text(" "),
                    _ => {}
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_line_breaks_and_entities() {
        let page = page_text(
            "<html><head><title>臨江新聞網</title><style>p{color:red}</style></head><body>\n\
             <nav><a href=/>首頁</a></nav>\n<p>3月14日&#65292;臨江市政府召開\n  會議&#12290;</p>\
             <p>市長林靜怡出席<br>並講話&nbsp;&ldquo;好&rdquo;。</p><script>var x = '<p>不要</p>';</script>\
             <div>第三段 &amp; 結尾。</div></body></html>",
        );
        assert_eq!(
            page.text,
            "3月14日，臨江市政府召開 會議。\n\n市長林靜怡出席\n並講話 “好”。\n\n第三段 & 結尾。"
        );
        assert_eq!(page.headline, None);
    }

    #[test]
    fn headline_and_source_are_kept_apart() {
        let page = page_text(
            "<head><link rel=\"canonical\" href=\"https://news.example.org/a/1.html\"></head>\
             <body><h1>全市城市更新推進會召開</h1><p>正文。</p></body>",
        );
        assert_eq!(page.headline.as_deref(), Some("全市城市更新推進會召開"));
        assert_eq!(
            page.source.as_deref(),
            Some("https://news.example.org/a/1.html")
        );
        assert_eq!(page.text, "正文。");
    }

    #[test]
    fn html_is_recognised_by_extension_or_markup() {
        assert!(looks_like_html("正文", Path::new("a.html")));
        assert!(looks_like_html("<p>正文</p>", Path::new("a.txt")));
        assert!(looks_like_html("<!DOCTYPE html><html>", Path::new("-")));
        assert!(!looks_like_html(
            "3月14日，臨江市(AI)<2024>",
            Path::new("a.txt")
        ));
    }
}
