//! Escaping text for the markup annals writes itself: HTML (element content and attribute
//! values) and XML (feeds, the sitemap). Templates are escaped by Tera; everything annals
//! writes by hand goes through here.

/// Escapes text for HTML element content and attribute values.
pub fn html(text: &str) -> String {
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

/// Makes serialised JSON safe inside HTML and for a browser that sniffs a JSON file as HTML:
/// `<`, `>`, `&` (and U+2028, U+2029) become `\u` escapes, which JSON parsers read back as the
/// same characters. Only valid on JSON text, where these characters occur only inside strings.
pub fn json_for_html(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for XML content and attribute values, dropping what XML 1.0 forbids.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids: C0 controls but tab and line ends, and the
            // non-characters U+FFFE and U+FFFF (`&#65534;` in a body decodes to one).
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
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
