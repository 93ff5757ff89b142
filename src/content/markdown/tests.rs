//! Unit tests of the Markdown stage (kept beside it to keep those files short).

use super::*;

/// A site's default: raw HTML sanitised, CJK-friendly emphasis (a Chinese site).
const DEFAULT: BodyOptions = BodyOptions {
    trusted_html: false,
    cjk_emphasis: true,
};
const TRUSTED: BodyOptions = BodyOptions {
    trusted_html: true,
    cjk_emphasis: true,
};

#[test]
fn soft_break_between_han_characters_is_dropped() {
    let r = render("市長林靜怡出席\n會議並講話。\nThe mayor\nspoke.", DEFAULT);
    assert!(r.html.contains("市長林靜怡出席會議並講話。"), "{}", r.html);
    assert!(r.html.contains("The mayor\nspoke."), "{}", r.html);
    assert!(r.text.contains("出席會議"), "{}", r.text);
}

#[test]
fn gfm_features_render() {
    let md = "| 項目 | 進度 |\n|---|---|\n| 道路 | 80% |\n\n~~舊~~\n\n- [x] 完成\n\n注釋[^1]\n\n[^1]: 說明。\n";
    let r = render(md, DEFAULT);
    assert!(r.html.contains("<table>"), "{}", r.html);
    assert!(r.html.contains("<del>舊</del>"), "{}", r.html);
    assert!(r.html.contains("type=\"checkbox\""), "{}", r.html);
    assert!(r.html.contains("footnote-definition"), "{}", r.html);
}

#[test]
fn headings_get_unique_pinyin_ids() {
    let r = render("## 會議要求\n\n## 會議要求\n\n## Custom {#own}\n", DEFAULT);
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
    let r = render("```json\n{\"a\": 1}\n```\n", DEFAULT);
    assert!(
        r.html
            .contains("<pre class=\"hl-code\"><code class=\"language-json\">"),
        "{}",
        r.html
    );
    assert!(r.html.contains("class=\"hl-"), "{}", r.html);
    assert!(!r.had_raw_html);
    let plain = render("```\n<b>x</b>\n```\n", DEFAULT);
    assert!(
        plain.html.contains("&lt;b&gt;x&lt;/b&gt;"),
        "{}",
        plain.html
    );
}

#[test]
fn raw_html_is_sanitised_unless_trusted() {
    let md = "文字<script>alert(1)</script><a href=\"javascript:x()\" onclick=\"y()\">連結</a>\n";
    let r = render(md, DEFAULT);
    assert!(r.had_raw_html);
    assert!(!r.html.contains("<script"), "{}", r.html);
    assert!(!r.html.contains("onclick"), "{}", r.html);
    assert!(!r.html.contains("javascript:"), "{}", r.html);
    let trusted = render(md, TRUSTED);
    assert!(trusted.html.contains("<script>"));
}

#[test]
fn site_absolute_links_become_relative_to_the_report_page() {
    let r = render(
        "[紀要](/files/minutes.pdf) [外部](https://example.org/x) [協議](//cdn.example/x)",
        DEFAULT,
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
        DEFAULT,
    );
    assert_eq!(r.first_paragraph, "第一段文字，續行。");
}

#[test]
fn markdown_made_attributes_and_urls_cannot_run_script() {
    let md = "# 標題 {onmouseover=alert(1)}\n\n[點我](javascript:alert(2))\n![圖](javascript:alert(3))\n<javascript:alert(4)>\n\n[參考][x]\n\n[x]: JAVASCRIPT:alert(5)\n";
    let r = render(md, DEFAULT);
    assert!(!r.html.contains("onmouseover=\""), "{}", r.html);
    assert!(
        !r.html.to_ascii_lowercase().contains("=\"javascript"),
        "{}",
        r.html
    );
    assert!(!r.html.contains("<a"), "{}", r.html);
    assert!(!r.html.contains("<img"), "{}", r.html);
    // The writer's text stays: the heading's braces, the link text, the image description.
    assert!(
        r.html.contains("標題 {onmouseover=alert(1)}</h1>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("點我"), "{}", r.html);
    assert!(r.html.contains("圖"), "{}", r.html);
    assert!(r.html.contains("參考"), "{}", r.html);
}

#[test]
fn braces_in_a_heading_are_text_unless_an_id_or_class_block() {
    let r = render("# 第三季度 {草案}\n\n## 要求 {#req .wide}\n", DEFAULT);
    assert!(
        r.html
            .contains("<h1 id=\"di-san-ji-du-cao-an\">第三季度 {草案}</h1>"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("<h2 id=\"req\" class=\"wide\">要求</h2>"),
        "{}",
        r.html
    );
}

#[test]
fn raw_html_looking_like_highlighted_code_is_still_sanitised() {
    let r = render(
        "<pre class=\"hl-code\"><script>alert(1)</script></pre>\n\n```\nx\n```\n",
        DEFAULT,
    );
    assert!(r.had_raw_html);
    assert!(!r.html.contains("<script"), "{}", r.html);
    let code_only = render("```json\n{\"a\": 1}\n```\n", DEFAULT);
    assert!(!code_only.had_raw_html);
}

#[test]
fn line_break_before_inline_markup_between_han_characters_is_dropped() {
    let r = render("市長\n**會議**重要\n[連結](x)內容\n*強調*", DEFAULT);
    assert!(
        r.html
            .contains("市長<strong>會議</strong>重要<a href=\"x\">連結</a>內容<em>強調</em>"),
        "{}",
        r.html
    );
    let latin = render("The mayor\n**spoke** today", DEFAULT);
    assert!(
        latin.html.contains("mayor\n<strong>spoke</strong>"),
        "{}",
        latin.html
    );
}

#[test]
fn curly_quotes_do_not_make_english_lines_chinese() {
    let r = render("“yes”\n“no”\n\n他說“好”\n“是”", DEFAULT);
    assert!(r.html.contains("“yes”\n“no”"), "{}", r.html);
    assert!(r.html.contains("他說“好”“是”"), "{}", r.html);
}

#[test]
fn bold_next_to_chinese_punctuation_renders_as_meant() {
    let r = render(
        "這是**《重要》**文件\n\n**會議要求：**各部門\n\n請*「注意」*安全",
        DEFAULT,
    );
    assert!(
        r.html.contains("這是<strong>《重要》</strong>文件"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("<strong>會議要求：</strong>各部門"),
        "{}",
        r.html
    );
    assert!(r.html.contains("請<em>「注意」</em>安全"), "{}", r.html);
    // Off (a site in another language), CommonMark decides.
    let plain = render(
        "這是**《重要》**文件",
        BodyOptions {
            cjk_emphasis: false,
            ..DEFAULT
        },
    );
    assert!(
        plain.html.contains("這是**《重要》**文件"),
        "{}",
        plain.html
    );
}

#[test]
fn cjk_emphasis_leaves_latin_escapes_and_code_alone() {
    for (md, expected) in [
        ("a **b** c", "a <strong>b</strong> c"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("這是\\*\\*《重要》\\*\\*文件", "這是**《重要》**文件"),
        ("`**《重要》**`文件", "<code>**《重要》**</code>文件"),
        ("**《未完", "**《未完"),
        ("foo**\"bar\"**baz", "foo**\"bar\"**baz"),
    ] {
        let r = render(md, DEFAULT);
        assert!(r.html.contains(expected), "{md}: {}", r.html);
    }
}
