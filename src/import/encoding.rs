//! Bytes as saved → text. Many government pages are GB2312/GBK/GB18030 or Big5, not UTF-8.
//!
//! The encoding is, in order: the one forced with `--encoding`; the byte order mark; UTF-8 when
//! the bytes are valid UTF-8; the charset an HTML page declares (`<meta charset="gb2312">`,
//! `content="text/html; charset=big5"`); else what `chardetng` (the detector Firefox uses) guesses
//! from the bytes. Labels are read the WHATWG way, so `gb2312` decodes as GBK, its superset.

use encoding_rs::{Encoding, UTF_8};

/// How far into a page a charset declaration is looked for, in bytes (browsers use 1024).
const DECLARATION_WINDOW: usize = 4096;

/// The decoded text and the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name (`UTF-8`, `GBK`, `Big5`…).
    pub encoding: &'static str,
    /// How it was chosen: `--encoding`, `byte order mark`, `declared`, `detected` or `valid UTF-8`.
    pub chosen_by: &'static str,
    /// True when some bytes were not valid in that encoding (each became U+FFFD).
    pub had_errors: bool,
}

/// The encoding named by `label` (`gbk`, `gb18030`, `big5`, `utf-8`…), if it is one.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decodes `bytes`, in `forced` when given.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Decoded {
    let (encoding, chosen_by, body) = choose(bytes, forced);
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        chosen_by,
        had_errors,
    }
}

fn choose<'a>(
    bytes: &'a [u8],
    forced: Option<&'static Encoding>,
) -> (&'static Encoding, &'static str, &'a [u8]) {
    let (bom, bom_len) = match Encoding::for_bom(bytes) {
        Some((encoding, len)) => (Some(encoding), len),
        None => (None, 0),
    };
    if let Some(encoding) = forced {
        let body = if bom == Some(encoding) {
            &bytes[bom_len..]
        } else {
            bytes
        };
        return (encoding, "--encoding", body);
    }
    if let Some(encoding) = bom {
        return (encoding, "byte order mark", &bytes[bom_len..]);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, "valid UTF-8", bytes);
    }
    if let Some(encoding) = declared(bytes) {
        return (encoding, "declared", bytes);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    (detector.guess(None, true), "detected", bytes)
}

/// The charset an HTML page declares near its start (`charset=gb2312`, `charset="big5"`).
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(DECLARATION_WINDOW)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(found) = find(&lower[from..], b"charset") {
        let mut at = from + found + b"charset".len();
        while lower.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
            at += 1;
        }
        if lower.get(at) == Some(&b'=') {
            at += 1;
            while lower
                .get(at)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
            {
                at += 1;
            }
            let end = lower[at..]
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':')))
                .map_or(lower.len(), |len| at + len);
            // A page saved as bytes cannot be UTF-16, whatever it declares.
            if let Some(encoding) = Encoding::for_label(&lower[at..end])
                && encoding.is_ascii_compatible()
            {
                return Some(encoding);
            }
        }
        from = at;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, GBK};

    const TEXT: &str = "3月14日，臨江市政府召開全市城市更新項目推進會，市長林靜怡出席會議並講話。";

    #[test]
    fn utf8_stays_utf8() {
        let decoded = decode(TEXT.as_bytes(), None);
        assert_eq!(decoded.text, TEXT);
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.chosen_by, "valid UTF-8");
    }

    #[test]
    fn a_declared_charset_is_used() {
        let simplified = "<html><head><meta charset=\"gb2312\"></head><body>临江市政府召开会议，市长林静怡出席。</body></html>";
        let (bytes, _, _) = GBK.encode(simplified);
        let decoded = decode(&bytes, None);
        assert_eq!(decoded.text, simplified);
        assert_eq!(decoded.encoding, "GBK");
        assert_eq!(decoded.chosen_by, "declared");
    }

    #[test]
    fn big5_and_gbk_text_without_declaration_is_detected() {
        let (bytes, _, _) = BIG5.encode(TEXT);
        let decoded = decode(&bytes, None);
        assert_eq!((decoded.text.as_str(), decoded.encoding), (TEXT, "Big5"));
        let simplified = "3月14日，临江市政府召开全市城市更新项目推进会，市长林静怡出席会议并讲话，副市长陈建国主持会议。";
        let (bytes, _, _) = GBK.encode(simplified);
        let decoded = decode(&bytes, None);
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (simplified, "GBK")
        );
        assert_eq!(decoded.chosen_by, "detected");
    }

    #[test]
    fn a_forced_encoding_and_a_byte_order_mark_win() {
        let (bytes, _, _) = BIG5.encode(TEXT);
        let decoded = decode(&bytes, Some(BIG5));
        assert_eq!(
            (decoded.text.as_str(), decoded.chosen_by),
            (TEXT, "--encoding")
        );
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(TEXT.as_bytes());
        let decoded = decode(&with_bom, None);
        assert_eq!(
            (decoded.text.as_str(), decoded.chosen_by),
            (TEXT, "byte order mark")
        );
        assert_eq!(encoding_for_label(" GB2312 "), Some(GBK));
        assert_eq!(encoding_for_label("no-such"), None);
    }
}
