//! Slugs: lowercase ASCII `[a-z0-9-]` made from any title or name.
//!
//! Han characters become toneless pinyin syllables, one per character, joined by `-`
//! (睢寧縣 → `sui-ning-xian`); Latin letters are lowercased and stripped of accents; everything
//! else separates words. The `pinyin` crate returns the first reading of a heteronym
//! (長安 → `zhang-an`), so [`heteronyms`] lists the characters of a name that have several
//! readings, letting the caller warn and suggest a registry slug in site.toml.

use pinyin::{ToPinyin, ToPinyinMulti};
use unicode_normalization::UnicodeNormalization;

/// Makes a slug from `text`. Returns an empty string when nothing usable remains.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut pending_dash = false;
    let push_word = |out: &mut String, word: &str, pending_dash: &mut bool| {
        if word.is_empty() {
            return;
        }
        if *pending_dash && !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
        *pending_dash = false;
    };
    for c in text.nfkc() {
        if c.is_ascii_alphanumeric() {
            if out.ends_with(|p: char| p.is_ascii_alphanumeric()) && !pending_dash {
                out.push(c.to_ascii_lowercase());
            } else {
                let s = c.to_ascii_lowercase().to_string();
                push_word(&mut out, &s, &mut pending_dash);
            }
        } else if let Some(py) = c.to_pinyin() {
            pending_dash = true;
            // ü is written v, as pinyin keyboards do (綠 → lv): slugs are ASCII only.
            let syllable = py.plain().replace('ü', "v");
            push_word(&mut out, &syllable, &mut pending_dash);
            pending_dash = true;
        } else if let Some(base) = latin_base(c) {
            if out.ends_with(|p: char| p.is_ascii_alphanumeric()) && !pending_dash {
                out.push(base);
            } else {
                push_word(&mut out, &base.to_string(), &mut pending_dash);
            }
        } else {
            pending_dash = true;
        }
    }
    out
}

/// The longest slug made from a report title, in bytes; longer slugs are cut at a dash.
pub const MAX_REPORT_SLUG_LEN: usize = 60;

/// The slug of a report file made from its title (`annals import`, `annals new`): toneless
/// pinyin, at most [`MAX_REPORT_SLUG_LEN`] bytes, cut at a dash; `report` when nothing is left.
pub fn report_slug(title: &str) -> String {
    let slug = slugify(title);
    if slug.len() <= MAX_REPORT_SLUG_LEN {
        return if slug.is_empty() {
            "report".to_string()
        } else {
            slug
        };
    }
    let cut = &slug[..=MAX_REPORT_SLUG_LEN];
    match cut.rfind('-') {
        Some(dash) if dash > 0 => cut[..dash].to_string(),
        _ => slug[..MAX_REPORT_SLUG_LEN]
            .trim_end_matches('-')
            .to_string(),
    }
}

/// Strips accents from a Latin letter (é → e), if it is one.
fn latin_base(c: char) -> Option<char> {
    c.to_string()
        .nfd()
        .next()
        .filter(|b| b.is_ascii_alphabetic())
        .map(|b| b.to_ascii_lowercase())
}

/// Characters whose first pinyin reading is often wrong in personal and place names
/// (曾 as a surname is `zeng`, 長安 is `chang-an`). Most characters have some rare second
/// reading; warning for all of them would bury the few that matter, so the list is curated.
const NAME_HETERONYMS: &str =
    "曾长長重行乐樂单單解仇查覃朴尉车車会會藏传傳调調厦廈华華繁盖蓋种種沈省参參都尽盛翟缪繆";

/// The characters of `text` that are known name heteronyms, with their toneless readings.
/// A slug made from such a text may be wrong and deserves a registry entry.
pub fn heteronyms(text: &str) -> Vec<(char, Vec<String>)> {
    let mut found = Vec::new();
    for c in text.chars().filter(|c| NAME_HETERONYMS.contains(*c)) {
        if let Some(multi) = c.to_pinyin_multi() {
            let mut readings: Vec<String> =
                multi.into_iter().map(|p| p.plain().to_string()).collect();
            readings.sort();
            readings.dedup();
            if readings.len() > 1 && !found.iter().any(|(f, _)| *f == c) {
                found.push((c, readings));
            }
        }
    }
    found
}

/// True when `slug` is a valid slug: non-empty lowercase ASCII letters, digits and inner dashes.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_chinese_latin_and_mixed_text() {
        let cases = [
            ("睢寧縣", "sui-ning-xian"),
            ("邳州市", "pi-zhou-shi"),
            ("宋樂偉", "song-le-wei"),
            (
                "全市城市更新項目推進會",
                "quan-shi-cheng-shi-geng-xin-xiang-mu-tui-jin-hui",
            ),
            ("Urban Renewal 2024", "urban-renewal-2024"),
            ("AI產業園", "ai-chan-ye-yuan"),
            ("Café  de  Flore!", "cafe-de-flore"),
            ("2024年第1季度", "2024-nian-di-1-ji-du"),
            ("綠色低碳", "lv-se-di-tan"),
            ("呂", "lv"),
            ("——", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(slugify(input), expected, "slug of {input}");
        }
    }

    #[test]
    fn every_slug_is_valid_or_empty() {
        for input in ["睢寧縣", "a--b", "  x  ", "《重要》文件", "ÅÄÖ", "123"] {
            let slug = slugify(input);
            assert!(slug.is_empty() || is_valid_slug(&slug), "{input} -> {slug}");
        }
    }

    #[test]
    fn heteronyms_are_reported() {
        let found = heteronyms("曾長安");
        assert!(
            found
                .iter()
                .any(|(c, r)| *c == '長' && r.contains(&"chang".to_string()))
        );
        assert!(heteronyms("林").is_empty());
        assert!(
            heteronyms("陳建國").is_empty(),
            "rare readings are not worth a warning"
        );
    }

    #[test]
    fn slug_validation() {
        assert!(is_valid_slug("lin-jingyi"));
        for bad in ["", "Lin", "a/b", "..", "-a", "a-", "a--b", "a b", "林"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }

    #[test]
    fn slugs_are_pinyin_and_capped_at_a_dash() {
        assert_eq!(
            report_slug("全市城市更新項目推進會召開"),
            "quan-shi-cheng-shi-geng-xin-xiang-mu-tui-jin-hui-zhao-kai"
        );
        let long = report_slug("臨江市在江北區濱江步道二期沿線組織開展春季城市環境綜合整治");
        assert!(long.len() <= 60 && !long.ends_with('-'), "{long}");
        assert!(long.starts_with("lin-jiang-shi-zai-jiang-bei-qu"), "{long}");
        assert_eq!(report_slug("——"), "report");
    }
}
