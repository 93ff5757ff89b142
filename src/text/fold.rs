//! Folding: the one spelling that index and query are compared in.
//!
//! Readers type 宋乐伟 for a report that says 宋樂偉, `ＧＤＰ` for `gdp`. Both sides of search are
//! folded with the same rules before any comparison:
//!
//! - traditional characters (and Taiwan/Hong Kong variants, CJK compatibility ideographs) become
//!   simplified ones, from the table in `t2s.txt` (generated from OpenCC by `tools/make_t2s.py`);
//! - full-width ASCII becomes half-width, the ideographic space a space;
//! - Latin capitals become lower case.
//!
//! Every rule maps one character to one character of the same UTF-16 length, so a position in
//! folded text is the same position in the original. The query script (`search.js`) repeats these
//! rules with the table that [`js_table`] exports into the index; keep the two in step.

use std::sync::OnceLock;

/// The traditional → simplified pairs, one `T<TAB>S` a line, `#` comments.
const T2S_TABLE: &str = include_str!("t2s.txt");

/// The table as a direct lookup for the Basic Multilingual Plane (where nearly all pairs are)
/// and a sorted list for the rest: folding runs over every character of every report.
struct Table {
    bmp: Box<[u16]>,
    astral: Vec<(char, char)>,
}

fn t2s() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut bmp: Box<[u16]> = (0..=u16::MAX).collect();
        let mut astral = Vec::new();
        for (from, to) in table_pairs() {
            match (u16::try_from(from as u32), u16::try_from(to as u32)) {
                (Ok(from), Ok(to)) => bmp[from as usize] = to,
                _ => astral.push((from, to)),
            }
        }
        astral.sort_unstable();
        Table { bmp, astral }
    })
}

/// Parses the embedded table. The table is checked in unit tests, so lines are trusted here.
fn table_pairs() -> impl Iterator<Item = (char, char)> {
    T2S_TABLE
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .filter_map(|line| {
            let mut chars = line.chars();
            let from = chars.next()?;
            let tab = chars.next()?;
            let to = chars.next()?;
            (tab == '\t').then_some((from, to))
        })
}

/// Folds one character (see the module documentation for the rules).
pub fn fold_char(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'a'..='z' | '0'..='9' => c,
        '\u{FF01}'..='\u{FF5E}' => {
            // Full-width forms sit at a fixed distance from ASCII.
            let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            ascii.to_ascii_lowercase()
        }
        '\u{3000}' => ' ',
        '\u{C0}'..='\u{24F}' => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(single), None) => single,
                _ => c,
            }
        }
        _ => {
            let table = t2s();
            match u16::try_from(c as u32) {
                // The table maps BMP characters to BMP characters only (see `tools/make_t2s.py`).
                Ok(unit) => char::from_u32(u32::from(table.bmp[unit as usize])).unwrap_or(c),
                Err(_) => match table.astral.binary_search_by_key(&c, |&(from, _)| from) {
                    Ok(found) => table.astral[found].1,
                    Err(_) => c,
                },
            }
        }
    }
}

/// Folds a whole text, character by character.
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// The traditional → simplified table as one string of pairs (`偉伟樂乐…`), sorted, for the
/// query script, which folds the reader's query with it. Only pairs whose simplified character
/// is `used` (occurs in the index) are needed: a query with any other finds nothing either way.
pub fn js_table(used: impl Fn(char) -> bool) -> String {
    let mut pairs: Vec<(char, char)> = table_pairs().filter(|&(_, to)| used(to)).collect();
    pairs.sort_unstable();
    pairs.iter().flat_map(|&(from, to)| [from, to]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_and_simplified_fold_to_one_spelling() {
        assert_eq!(fold("宋樂偉"), fold("宋乐伟"));
        assert_eq!(fold("睢寧縣"), "睢宁县");
        assert_eq!(fold("重大產業項目"), "重大产业项目");
        // Taiwan variants and compatibility ideographs fold too.
        assert_eq!(fold("著"), fold("着"));
        assert_eq!(fold("裡"), fold("裏"));
        assert_eq!(fold("\u{F900}"), fold("豈"));
    }

    #[test]
    fn width_and_case_fold() {
        assert_eq!(fold("ＧＤＰ增長５％"), "gdp增长5%");
        assert_eq!(fold("Urban RENEWAL"), "urban renewal");
        assert_eq!(fold("Café\u{3000}ÉTÉ"), "café été");
        // A capital whose lower case is two characters stays as it is (length is kept).
        assert_eq!(fold("İ"), "İ");
    }

    #[test]
    fn folding_keeps_length_and_is_idempotent() {
        for (from, to) in table_pairs() {
            assert_eq!(from.len_utf16(), to.len_utf16(), "{from} → {to}");
            assert_eq!(fold_char(to), to, "{from} → {to} is not a fixed point");
        }
        let sample = "臨江市政府召開全市城市更新項目推進會，ＡＩ產業園 2024年";
        assert_eq!(fold(sample).chars().count(), sample.chars().count());
        assert_eq!(fold(&fold(sample)), fold(sample));
    }

    #[test]
    fn table_is_complete_and_well_formed() {
        let lines = T2S_TABLE.lines().filter(|l| !l.starts_with('#')).count();
        assert_eq!(table_pairs().count(), lines, "every table line is one pair");
        assert!(lines > 3000, "the table lost most of its pairs: {lines}");
        let exported = js_table(|_| true);
        assert_eq!(exported.chars().count(), lines * 2);
        assert!(exported.contains("偉伟"));
        assert_eq!(js_table(|c| c == '伟'), "偉伟");
    }
}
