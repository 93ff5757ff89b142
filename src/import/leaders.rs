//! Officials named in lists under a collective title, and the name shapes of Taiwan releases.
//!
//! - `縣領導汪子明、方立國、王啟文參加`, `市領導…出席`: every name of the list gets the collective
//!   title (`縣領導`) as its role;
//! - `郭春蘭、汪曉霞、段明等區領導參加`, `李國榮、陳永烈等4位里長`: the title after the list;
//! - `陳雅雯立委`, `邱美玲議員`: a name before a Taiwan title;
//! - `嘉義市林副市長文彥`: surname, title, given name (→ 林文彥, 嘉義市副市長).
//!
//! List items are cut at the words that end a list (`等`, `及`, `出席`…); an item that does not
//! look like a name (no common surname, too long) ends the list and is reported as unsure when it
//! is name-like but not certain.

use super::officials::{Found, add};
use super::words::{AFTER_NAME, COMPOUND_SURNAMES, is_surname, starts_with, starts_with_any};
use crate::text::is_han;

/// Collective titles of leader lists.
const COLLECTIVE: &[&str] = &[
    "縣領導",
    "县领导",
    "市領導",
    "市领导",
    "區領導",
    "区领导",
    "省領導",
    "省领导",
    "鎮領導",
    "镇领导",
    "鄉領導",
    "乡领导",
    "省市領導",
    "省市领导",
    "市縣領導",
    "市县领导",
];

/// Titles that may follow a name (`陳雅雯立委`) or a list (`…等4位里長`).
const AFTER_LIST_TITLES: &[&str] = &["里長", "里长", "立委", "議員", "议员", "立法委員"];

/// Titles in `嘉義市林副市長文彥` (surname before, given name after).
const SPLIT_NAME_TITLES: &[&str] = &[
    "副市長",
    "副縣長",
    "秘書長",
    "市長",
    "縣長",
    "副市长",
    "副县长",
    "秘书长",
    "市长",
    "县长",
];

/// Separators between list items, as written or as scrapers leave them.
fn is_separator(c: char) -> bool {
    matches!(c, '、' | '，' | ',')
}

/// Adds the officials of leader lists and of Taiwan name shapes.
pub fn add_leader_lists(text: &str, found: &mut Found) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if let Some(len) = starts_with_any(&chars, i, COLLECTIVE)
            && !chars
                .get(i.wrapping_sub(1))
                .copied()
                .is_some_and(is_han_not_boundary)
        {
            let role: String = chars[i..i + len].iter().collect();
            let names = list_at(&chars, i + len);
            for name in &names.names {
                add(&mut found.officials, name.clone(), Some(role.clone()));
            }
            for name in &names.unsure {
                found
                    .unsure
                    .push(format!("{name} ({role}, an uncommon surname)"));
            }
            i = names.end.max(i + len);
            continue;
        }
        if let Some((name, role, end)) = split_name_at(&chars, i) {
            add(&mut found.officials, name, Some(role));
            i = end;
            continue;
        }
        i += 1;
    }
    add_lists_before_titles(&chars, found);
}

/// True for a Han character that glues to what follows (so `X縣領導` is not a collective title).
fn is_han_not_boundary(c: char) -> bool {
    is_han(c) && !"等的和與与及為为及由、".contains(c) && !"，。；：".contains(c)
}

struct List {
    names: Vec<String>,
    /// Items between separators shaped like names but without a common surname (`占立文`).
    unsure: Vec<String>,
    end: usize,
}

/// The names of a list starting at `at`: items separated by 、 (or scraper commas), each a name.
fn list_at(chars: &[char], at: usize) -> List {
    let mut names = Vec::new();
    let mut unsure = Vec::new();
    let mut i = at;
    loop {
        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        if let Some(len) = list_name_len(chars, i) {
            names.push(chars[i..i + len].iter().collect());
        } else if let Some(len) = unsure_item_len(chars, i).filter(|_| !names.is_empty()) {
            unsure.push(chars[i..i + len].iter().collect());
            i += len;
            if chars.get(i).is_some_and(|&c| is_separator(c)) {
                i += 1;
                continue;
            }
            break;
        } else {
            break;
        }
        let len = names.last().map_or(0, |n: &String| n.chars().count());
        i += len;
        let mut j = i;
        let mut separators = 0;
        while chars.get(j).is_some_and(|&c| is_separator(c) || c == ' ') {
            j += 1;
            separators += 1;
        }
        if separators == 0 {
            break;
        }
        i = j;
    }
    List {
        names,
        unsure,
        end: i,
    }
}

/// The length of a list item of two or three Han characters between separators (`、占立文、`).
fn unsure_item_len(chars: &[char], at: usize) -> Option<usize> {
    let starts_item = at > 0 && is_separator(chars[at - 1]);
    (2..=3).find(|&len| {
        starts_item
            && chars.len() > at + len
            && chars[at..at + len].iter().all(|&c| is_han(c))
            && is_separator(chars[at + len])
            && starts_with_any(chars, at, AFTER_NAME).is_none()
    })
}

/// The length of a name that is an item of a list at `at`: two or three characters (four with a
/// compound surname) ending at a separator or a word that ends the list.
fn list_name_len(chars: &[char], at: usize) -> Option<usize> {
    let surname = if starts_with_any(chars, at, COMPOUND_SURNAMES).is_some() {
        2
    } else if chars.get(at).copied().is_some_and(is_surname) {
        1
    } else {
        return None;
    };
    (surname + 1..=surname + 2).find(|&len| {
        chars[at..].iter().take(len).all(|&c| is_han(c))
            && chars.len() >= at + len
            && item_ends(chars, at + len)
    })
}

/// True when a list item ends at `at`: a separator, the end, or a word after names.
fn item_ends(chars: &[char], at: usize) -> bool {
    match chars.get(at) {
        None => true,
        Some(&c) if !is_han(c) => true,
        Some(_) => {
            starts_with_any(chars, at, AFTER_NAME).is_some()
                || starts_with_any(chars, at, COLLECTIVE).is_some()
                || AFTER_LIST_TITLES.iter().any(|t| starts_with(chars, at, t))
                || chars[at].is_ascii_digit()
                || starts_with(chars, at, "應邀")
                || starts_with(chars, at, "应邀")
        }
    }
}

/// `郭春蘭、汪曉霞、段明等區領導`, `表揚李國榮、陳永烈等4位里長`, `陳雅雯立委`: names before a
/// title. The list is read backwards from the title; its first item may follow a verb directly
/// (`表揚李國榮、…`) when the list is closed by `等` or a count. A single name before a title needs
/// a boundary before it (`議員葛美玲及邵文斌議員`), so `亦就里長` is no name.
fn add_lists_before_titles(chars: &[char], found: &mut Found) {
    for j in 0..chars.len() {
        let Some(len) = starts_with_any(chars, j, COLLECTIVE)
            .or_else(|| starts_with_any(chars, j, AFTER_LIST_TITLES))
        else {
            continue;
        };
        let mut end = j;
        let digits = |at: usize| at > 0 && is_count_digit(chars[at - 1]);
        if end > 1 && matches!(chars[end - 1], '位' | '名') && digits(end - 1) {
            end -= 1;
        }
        let count_end = end;
        while digits(end) {
            end -= 1;
        }
        let has_etc = end > 0 && chars[end - 1] == '等';
        if has_etc {
            end -= 1;
        }
        let closed = has_etc || end < count_end;
        // `富安里長羅文彬`: a title followed by a name belongs to that name.
        let name_follows = super::officials::personal_name_len(chars, j + len).is_some();
        if !closed && name_follows {
            continue;
        }
        let role: String = chars[j..j + len].iter().collect();
        for name in names_before(chars, end, closed) {
            add(&mut found.officials, name, Some(role.clone()));
        }
    }
}

/// The names of a list ending at `end`, read backwards over separators.
fn names_before(chars: &[char], end: usize, closed: bool) -> Vec<String> {
    let mut names = Vec::new();
    let mut item_end = end;
    loop {
        let mut start = item_end;
        while start > 0 && is_han(chars[start - 1]) {
            start -= 1;
        }
        let item = &chars[start..item_end];
        let separated = start > 0 && is_separator(chars[start - 1]);
        let whole = is_name(item);
        let name = if whole && (separated || closed || at_boundary(chars, start)) {
            Some(item)
        } else if closed || !names.is_empty() {
            trailing_name(item)
        } else {
            trailing_name(item).filter(|n| at_boundary(chars, item_end - n.len()))
        };
        let Some(name) = name else { break };
        names.push(name.iter().collect());
        // Only a list closed by 等 or a count goes on past its last name.
        if !(whole && separated && closed) {
            break;
        }
        item_end = start - 1;
        while item_end > 0 && (is_separator(chars[item_end - 1]) || chars[item_end - 1] == ' ') {
            item_end -= 1;
        }
    }
    names.reverse();
    names
}

/// A digit of a count (`4位`, `兩位`, `三名`).
fn is_count_digit(c: char) -> bool {
    c.is_ascii_digit() || "兩两二三四五六七八九十".contains(c)
}

/// True when a name may start at `at`: the text start, after punctuation, or after a word that
/// joins names (`由`, `與`, `和`, `及`, `在`).
fn at_boundary(chars: &[char], at: usize) -> bool {
    at == 0 || !is_han(chars[at - 1]) || "由予與与和及在另".contains(chars[at - 1])
}

/// True when all of `item` is a personal name: a common (or compound) surname and one or two
/// more characters.
fn is_name(item: &[char]) -> bool {
    let surname = if starts_with_any(item, 0, COMPOUND_SURNAMES).is_some() {
        2
    } else if item.first().copied().is_some_and(is_surname) {
        1
    } else {
        return false;
    };
    (surname + 1..=surname + 2).contains(&item.len())
        && starts_with_any(item, 0, AFTER_NAME).is_none()
}

/// The name at the end of `item` after a verb (`表揚李國榮` → 李國榮): three characters when the
/// third from the end is a surname, else two.
fn trailing_name(item: &[char]) -> Option<&[char]> {
    [3, 2]
        .into_iter()
        .filter(|&len| item.len() >= len)
        .map(|len| &item[item.len() - len..])
        .find(|name| is_name(name))
}

/// `嘉義市林副市長文彥、` → (林文彥, 嘉義市副市長, end).
fn split_name_at(chars: &[char], at: usize) -> Option<(String, String, usize)> {
    let surname = *chars.get(at)?;
    let place_end = at;
    if !is_surname(surname) || !matches!(chars.get(at.checked_sub(1)?), Some('市' | '縣' | '县'))
    {
        return None;
    }
    let title_len = starts_with_any(chars, at + 1, SPLIT_NAME_TITLES)?;
    let given_start = at + 1 + title_len;
    let given_len = (1..=2).rev().find(|&len| {
        chars[given_start..].iter().take(len).all(|&c| is_han(c))
            && chars.len() >= given_start + len
            && chars
                .get(given_start + len)
                .is_none_or(|&c| is_separator(c) || c == '八' || !is_han(c))
    })?;
    let place_start = (place_end.saturating_sub(3)..place_end)
        .find(|&s| chars[s..place_end].iter().all(|&c| is_han(c)))?;
    let place: String = chars[place_start..place_end].iter().collect();
    let title: String = chars[at + 1..given_start].iter().collect();
    let given: String = chars[given_start..given_start + given_len].iter().collect();
    Some((
        format!("{surname}{given}"),
        format!("{place}{title}"),
        given_start + given_len,
    ))
}
