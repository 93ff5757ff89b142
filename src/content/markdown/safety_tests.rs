//! Unit tests of `safety.rs`: URL schemes, heading attribute blocks, the sanitiser.

use super::*;

#[test]
fn safe_urls_are_relative_fragments_and_web_mail_phone() {
    for url in [
        "https://example.org/x",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG",
        "mailto:office@example.org",
        "tel:+86-516-1234",
        "/files/minutes.pdf",
        "../x/",
        "#section",
        "?q=1",
        "//cdn.example/x.png",
        "會議紀要.pdf",
        "a/b:c",
    ] {
        assert!(is_safe_url(url), "{url} should be safe");
    }
}

#[test]
fn script_and_data_urls_are_unsafe_in_every_spelling() {
    for url in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "\u{1}javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:image/svg+xml;base64,PHN2Zz4=",
        "file:///etc/passwd",
        "livescript:x",
        "java script:alert(1)",
    ] {
        assert!(!is_safe_url(url), "{url:?} should be unsafe");
    }
}

#[test]
fn attribute_blocks_give_ids_and_classes_only() {
    let block = parse_attribute_block("會議要求 {#yao-qiu .note}", false).unwrap();
    assert_eq!(block.text_before, "會議要求");
    assert_eq!(block.id.as_deref(), Some("yao-qiu"));
    assert_eq!(block.classes, ["note"]);
}

#[test]
fn other_braces_stay_text() {
    for text in [
        "第三季度 {草案}",
        "標題 {onmouseover=alert(1)}",
        "標題 {#a onclick=x}",
        "標題 {}",
        "標題{#a}",
        "{#only}",
        "標題 {#a #b}",
        "標題 {#a\"b}",
    ] {
        assert_eq!(parse_attribute_block(text, false), None, "{text}");
    }
}

#[test]
fn sanitiser_keeps_structure_and_drops_script() {
    let html = sanitize(
        "<p id=\"x\" class=\"y\" onclick=\"z()\">文<a href=\"javascript:a()\">連</a><img src=\"data:image/png;base64,AA\" alt=\"圖\"><script>b()</script></p>",
    );
    assert!(html.contains("<p id=\"x\" class=\"y\">"), "{html}");
    assert!(!html.contains("onclick"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(!html.contains("data:"), "{html}");
    assert!(!html.contains("<script"), "{html}");
}
