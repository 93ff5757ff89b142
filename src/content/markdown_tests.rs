//! Unit tests of `markdown.rs` (kept beside it to keep that file short).

use super::*;

#[test]
fn soft_break_between_han_characters_is_dropped() {
    let r = render("市長林靜怡出席\n會議並講話。\nThe mayor\nspoke.", false);
    assert!(r.html.contains("市長林靜怡出席會議並講話。"), "{}", r.html);
    assert!(r.html.contains("The mayor\nspoke."), "{}", r.html);
    assert!(r.text.contains("出席會議"), "{}", r.text);
}

#[test]
fn gfm_features_render() {
    let md = "| 項目 | 進度 |\n|---|---|\n| 道路 | 80% |\n\n~~舊~~\n\n- [x] 完成\n\n注釋[^1]\n\n[^1]: 說明。\n";
    let r = render(md, false);
    assert!(r.html.contains("<table>"), "{}", r.html);
    assert!(r.html.contains("<del>舊</del>"), "{}", r.html);
    assert!(r.html.contains("type=\"checkbox\""), "{}", r.html);
    assert!(r.html.contains("footnote-definition"), "{}", r.html);
}

#[test]
fn headings_get_unique_pinyin_ids() {
    let r = render("## 會議要求\n\n## 會議要求\n\n## Custom {#own}\n", false);
    assert!(r.html.contains("<h2 id=\"hui-yi-yao-qiu\">"), "{}", r.html);
    assert!(
        r.html.contains("<h2 id=\"hui-yi-yao-qiu-1\">"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<h2 id=\"own\">"), "{}", r.html);
    assert_eq!(r.headings.len(), 3);
}

#[test]
fn code_is_highlighted_with_classes() {
    let r = render("```json\n{\"a\": 1}\n```\n", false);
    assert!(
        r.html
            .contains("<pre class=\"hl-code\"><code class=\"language-json\">"),
        "{}",
        r.html
    );
    assert!(r.html.contains("class=\"hl-"), "{}", r.html);
    assert!(!r.had_raw_html);
    let plain = render("```\n<b>x</b>\n```\n", false);
    assert!(
        plain.html.contains("&lt;b&gt;x&lt;/b&gt;"),
        "{}",
        plain.html
    );
}

#[test]
fn raw_html_is_sanitised_unless_trusted() {
    let md = "文字<script>alert(1)</script><a href=\"javascript:x()\" onclick=\"y()\">連結</a>\n";
    let r = render(md, false);
    assert!(r.had_raw_html);
    assert!(!r.html.contains("<script"), "{}", r.html);
    assert!(!r.html.contains("onclick"), "{}", r.html);
    assert!(!r.html.contains("javascript:"), "{}", r.html);
    let trusted = render(md, true);
    assert!(trusted.html.contains("<script>"));
}

#[test]
fn site_absolute_links_become_relative_to_the_report_page() {
    let r = render(
        "[紀要](/files/minutes.pdf) [外部](https://example.org/x) [協議](//cdn.example/x)",
        false,
    );
    assert!(
        r.html.contains("href=\"../../../../files/minutes.pdf\""),
        "{}",
        r.html
    );
    assert!(r.html.contains("href=\"https://example.org/x\""));
    assert!(r.html.contains("href=\"//cdn.example/x\""));
}

#[test]
fn first_paragraph_skips_headings_and_footnotes() {
    let r = render(
        "## 標題\n\n第一段文字，\n續行。[^n]\n\n第二段。\n\n[^n]: 注。\n",
        false,
    );
    assert_eq!(r.first_paragraph, "第一段文字，續行。");
}
