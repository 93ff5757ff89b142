//! Escaping text for the markup annals writes itself: HTML (element content and attribute
//! values) and XML (feeds, the sitemap). Templates are escaped by Tera; everything annals
//! writes by hand goes through here.

/// `text` with each character that `replacement` names replaced (`""` drops it).
/// Runs of characters kept as they are are copied whole (data sets and feeds are megabytes).
fn replace_chars(text: &str, replacement: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut kept_from = 0;
    for (at, c) in text.char_indices() {
        if let Some(with) = replacement(c) {
            out.push_str(&text[kept_from..at]);
            out.push_str(with);
            kept_from = at + c.len_utf8();
        }
    }
    out.push_str(&text[kept_from..]);
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn html(text: &str) -> String {
    replace_chars(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        _ => None,
    })
}

/// Makes serialised JSON safe inside HTML and for a browser that sniffs a JSON file as HTML:
/// `<`, `>`, `&` (and U+2028, U+2029) become `\u` escapes, which JSON parsers read back as the
/// same characters. Only valid on JSON text, where these characters occur only inside strings.
pub fn json_for_html(json: &str) -> String {
    replace_chars(json, |c| match c {
        '<' => Some("\\u003c"),
        '>' => Some("\\u003e"),
        '&' => Some("\\u0026"),
        '\u{2028}' => Some("\\u2028"),
        '\u{2029}' => Some("\\u2029"),
        _ => None,
    })
}

/// [`json_for_html`] of a string the caller gives up: returned as it is, without a copy, when
/// nothing in it needs escaping (the usual case; large data sets are tens of megabytes).
pub fn json_for_html_owned(json: String) -> String {
    // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8. Searched a vector of bytes at a
    // time: this runs over every data set, tens of megabytes in a large archive.
    let bytes = json.as_bytes();
    let needs_escape = memchr::memchr3(b'<', b'>', b'&', bytes).is_some()
        || memchr::memchr_iter(0xE2, bytes)
            .any(|at| matches!(bytes.get(at + 1..at + 3), Some([0x80, 0xA8 | 0xA9])));
    if needs_escape {
        json_for_html(&json)
    } else {
        json
    }
}

/// Escapes text for XML content and attribute values, dropping what XML 1.0 forbids.
pub fn xml(text: &str) -> String {
    replace_chars(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        // Characters XML 1.0 forbids: C0 controls but tab and line ends, and the
        // non-characters U+FFFE and U+FFFF (`&#65534;` in a body decodes to one).
        c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => Some(""),
        '\u{FFFE}' | '\u{FFFF}' => Some(""),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn owned_json_is_escaped_as_borrowed_json_is() {
        for json in [
            r#"{"a":"市長"}"#,
            r#"{"a":"<b>&</b>"}"#,
            "{\"a\":\"\u{2028}x\u{2029}\"}",
            "{\"a\":\"\u{2027}\"}",
            "{\"a\":\"x\"}\u{2029}",
            "\u{2028}",
            "{\"a\":\"“引號”……\u{2029}\"}",
            "{\"a\":\"“引號”\"}",
        ] {
            assert_eq!(
                super::json_for_html_owned(json.to_string()),
                super::json_for_html(json)
            );
        }
    }

    #[test]
    fn json_escapes_keep_the_text_around_them() {
        assert_eq!(
            super::json_for_html("{\"a\":\"林<b>\u{2028}\"}\u{2029}"),
            "{\"a\":\"林\\u003cb\\u003e\\u2028\"}\\u2029"
        );
    }

    #[test]
    fn html_escapes_markup_and_quotes() {
        assert_eq!(
            super::html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn xml_escaping_removes_forbidden_characters() {
        assert_eq!(
            super::xml("<a & \"b\">\u{1}\u{FFFE}"),
            "&lt;a &amp; &quot;b&quot;&gt;"
        );
    }
}
