//! Officials named in a report, with their roles as written.
//!
//! Chinese news names an official after the title: `市長林靜怡`, `市政府秘書長周文濤`,
//! `市委書記、省長王劍鋒` (two titles joined by 、), `常務副市長龔維芳、吳衛東` (one title shared
//! by two names). Later mentions drop the title (`林靜怡指出`). Two sources are combined:
//!
//! - every spelling in the site's registry of officials (an alias counts as its canonical name),
//!   found anywhere in the text;
//! - a title ending from [`TITLES`](super::words::TITLES) followed by a personal name. The role is
//!   read backwards from the ending over its organisational prefix (`江北區區長`) up to punctuation
//!   or a word that cannot be part of it ([`BEFORE_ROLE`](super::words::BEFORE_ROLE)).
//!
//! Chinese names have two or three characters (four with a compound surname) and nothing marks
//! where they end, so [`personal_name_len`] takes three characters unless the third starts a word
//! that usually follows a name (`出席`, `主持`, `在`...). That guess can be wrong; a registry entry
//! in site.toml always wins, and the importer's report tells the user what to review.

use super::gazetteer::Level;
use super::words::{
    AFTER_NAME, BEFORE_ROLE, COMPOUND_SURNAMES, NOT_A_NAME, NOT_NAME_ENDINGS, ROLE_BOUNDARY_WORDS,
    ROLE_WORDS_ENDING_LIKE_BOUNDARIES, TITLES, ends_with, ends_with_any, is_surname, longest_at,
    starts_with, starts_with_any,
};
use crate::config::Registry;
use crate::text::is_han;

/// How far a role reaches back before its title ending, in characters
/// (`臨江高新技術產業開發區管委會` is fourteen).
const MAX_ROLE_PREFIX: usize = 16;

/// One official named in the text: the canonical name and the role as written before it, if
/// the text gives one.
pub use crate::report_file::NamedOfficial as FoundOfficial;

/// What [`find_officials`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The officials for the front matter.
    pub officials: Vec<FoundOfficial>,
    /// Names the importer was unsure of, for the user to check (not in the front matter).
    pub unsure: Vec<String>,
}

/// Every official named in `text`, in order of first mention, each once.
pub fn find_officials(text: &str, registry: &Registry) -> Found {
    let mut found = Found {
        officials: officials_after_titles(text, registry),
        unsure: Vec::new(),
    };
    super::leaders::add_leader_lists(text, &mut found);
    // A former holder (`前達觀里長`, `原司長`) is named, but is no official of the report: the
    // user decides.
    let (former, current): (Vec<_>, Vec<_>) = found
        .officials
        .into_iter()
        .partition(|o| o.role.as_deref().is_some_and(is_former));
    found.officials = current;
    for official in former {
        let role = official.role.unwrap_or_default();
        found.unsure.push(format!("{} ({role})", official.name));
    }
    found
}

/// True for a role held before (`台中市和平區前達觀里長`, `國務院研究室原司長`).
fn is_former(role: &str) -> bool {
    let chars: Vec<char> = role.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        (c == '前' || c == '原')
            && i + 1 < chars.len()
            && (i == 0 || !"太中平高".contains(chars[i - 1]))
    })
}

/// Officials named after a title, and registered names anywhere.
fn officials_after_titles(text: &str, registry: &Registry) -> Vec<FoundOfficial> {
    let chars: Vec<char> = text.chars().collect();
    let (spellings, canonical): (Vec<&str>, Vec<&str>) = registry.spellings().unzip();
    let known_name_at = |at: usize| {
        longest_at(&chars, at, &spellings).map(|(len, i)| (len, canonical[i].to_string()))
    };
    let name_at = |at: usize, listed: bool| {
        known_name_at(at).or_else(|| {
            let len = personal_name_len(&chars, at)?;
            let terminated = chars.get(at + len).is_none_or(|&c| !is_han(c))
                || starts_with_any(&chars, at + len, AFTER_NAME).is_some();
            // A name in a list after 、 must end where the list item ends (`、吳衛東出席`), or
            // `、江北區區長` would be read as a name.
            (!listed || terminated).then(|| (len, chars[at..at + len].iter().collect()))
        })
    };

    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((len, name)) = known_name_at(i) {
            add(&mut found, name, None);
            i += len;
            continue;
        }
        let Some((title_end, (name_len, name))) = titles_at(&chars, i)
            .into_iter()
            .find_map(|len| name_at(i + len, false).map(|name| (i + len, name)))
        else {
            i += 1;
            continue;
        };
        let start = role_start(&chars, i);
        let role: String = chars[start..title_end].iter().collect();
        // `4位里長榮獲`: a count of holders, no one's role.
        let counted =
            role.starts_with(['位', '名']) && start > 0 && chars[start - 1].is_ascii_digit();
        if counted {
            i = title_end;
            continue;
        }
        add(&mut found, name, Some(role.clone()));
        let mut next = title_end + name_len;
        // One title shared by several names: `常務副市長龔維芳、吳衛東`.
        while chars.get(next) == Some(&'、') {
            let Some((len, name)) = name_at(next + 1, true) else {
                break;
            };
            add(&mut found, name, Some(role.clone()));
            next += 1 + len;
        }
        i = next;
    }
    found
}

/// Records an official once; a role found later fills a mention that had none.
pub fn add(found: &mut Vec<FoundOfficial>, name: String, role: Option<String>) {
    match found.iter_mut().find(|o| o.name == name) {
        Some(existing) => {
            if existing.role.is_none() {
                existing.role = role;
            }
        }
        None => found.push(FoundOfficial { name, role }),
    }
}

/// The lengths of the title endings that the text at `at` starts with, longest first.
fn titles_at(chars: &[char], at: usize) -> Vec<usize> {
    let mut lengths: Vec<usize> = TITLES
        .iter()
        .filter(|t| starts_with(chars, at, t))
        .map(|t| t.chars().count())
        .collect();
    lengths.sort_unstable_by(|a, b| b.cmp(a));
    lengths
}

/// Where the role whose ending starts at `title_start` begins: back over its prefix (`常務副`,
/// `市政府`, `江北區`) and over earlier titles joined by 、 (`市委書記、省長`).
fn role_start(chars: &[char], title_start: usize) -> usize {
    let mut start = title_start;
    let mut steps = 0;
    while start > 0 && steps < MAX_ROLE_PREFIX {
        let c = chars[start - 1];
        if c == '、' && ends_with_any(chars, start - 1, TITLES) {
            start -= 1;
            continue;
        }
        let joins_organisations = c == '及' && organisation_before_and(chars, start - 1);
        let place_starts_here = BEFORE_ROLE.contains(&c) && place_reaches(chars, start - 1);
        let inside_word = ends_with_any(chars, start, ROLE_WORDS_ENDING_LIKE_BOUNDARIES);
        // `李政宏代表市長盧美華`: on behalf of the mayor; `區民代表會主席` is one role.
        let on_behalf = ends_with(chars, start, "代表") && !titles_at(chars, start).is_empty();
        if !is_han(c)
            || (BEFORE_ROLE.contains(&c)
                && !joins_organisations
                && !place_starts_here
                && !inside_word)
            || ends_with_any(chars, start, ROLE_BOUNDARY_WORDS)
            || on_behalf
        {
            break;
        }
        start -= 1;
        steps += 1;
    }
    start
}

/// True when the 及 at `and` joins two parts of one organisation (`財經事務及庫務局局長`,
/// `西貢及離島規劃專員`) rather than two people: the words before it, back to punctuation or a
/// word that ends a role, hold no title.
fn organisation_before_and(chars: &[char], and: usize) -> bool {
    let mut start = and;
    while start > 0 && and - start < MAX_ROLE_PREFIX {
        let c = chars[start - 1];
        if !is_han(c) || BEFORE_ROLE.contains(&c) {
            break;
        }
        start -= 1;
    }
    start < and && (start + 1..=and).all(|end| !ends_with_any(chars, end, TITLES))
}

/// True when a known division starts at `at` and reaches the title after it (`和平區長`: 和 begins
/// 和平區, it is not the word 和).
fn place_reaches(chars: &[char], at: usize) -> bool {
    let window = &chars[at..chars.len().min(at + 8)];
    let folded = super::gazetteer::fold(window);
    super::gazetteer::known_at(&folded, 0).is_some_and(|(_, level)| level != Level::Province)
}

/// The length of the personal name at `at`, if one starts there: a common surname (or a compound
/// one) and one or two more characters; three (four) unless the last would start a word that
/// follows names, or would end a place or a body (`局`, `區`).
pub fn personal_name_len(chars: &[char], at: usize) -> Option<usize> {
    if starts_with_any(chars, at, NOT_A_NAME).is_some()
        || starts_with_any(chars, at, AFTER_NAME).is_some()
    {
        return None;
    }
    let surname = if starts_with_any(chars, at, COMPOUND_SURNAMES).is_some() {
        2
    } else if chars.get(at).copied().is_some_and(is_surname) {
        1
    } else {
        return None;
    };
    let short = surname + 1;
    if !chars[at..].iter().take(short).all(|&c| is_han(c)) || chars.len() < at + short {
        return None;
    }
    let last = at + short;
    // `邵清和主持`: 和 before a verb is the end of the name, not the conjunction.
    let conjunction_before_verb = chars.get(last).is_some_and(|c| "和與与及同".contains(*c))
        && starts_with_any(chars, last + 1, AFTER_NAME).is_some_and(|len| len >= 2);
    let long_fits = chars.get(last).is_some_and(|&c| {
        is_han(c)
            && !NOT_NAME_ENDINGS.contains(&c)
            && (starts_with_any(chars, last, AFTER_NAME).is_none() || conjunction_before_verb)
    });
    let len = if long_fits { short + 1 } else { short };
    (!NOT_NAME_ENDINGS.contains(&chars[at + len - 1])).then_some(len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn registry() -> Registry {
        let toml = "title = \"臨江\"\nbase_url = \"https://example.org\"\n\
                    [officials.\"林靜怡\"]\naliases = [\"林靜儀\"]\n[officials.\"陳建國\"]\n";
        Config::parse(toml).unwrap().officials
    }

    fn officials(text: &str) -> Vec<(String, Option<String>)> {
        find_officials(text, &registry())
            .officials
            .into_iter()
            .map(|o| (o.name, o.role))
            .collect()
    }

    fn with_role(name: &str, role: &str) -> (String, Option<String>) {
        (name.to_string(), Some(role.to_string()))
    }

    #[test]
    fn titles_then_names_with_their_organisational_prefix() {
        let text = "市長林靜怡出席會議並講話，副市長陳建國主持會議，市政府秘書長周文濤，\
                    江北區區長黃志明、青石縣縣長許曉梅列席會議。";
        assert_eq!(
            officials(text),
            [
                with_role("林靜怡", "市長"),
                with_role("陳建國", "副市長"),
                with_role("周文濤", "市政府秘書長"),
                with_role("黃志明", "江北區區長"),
                with_role("許曉梅", "青石縣縣長"),
            ]
        );
    }

    #[test]
    fn titles_joined_by_a_pause_mark_make_one_role() {
        assert_eq!(
            officials("市委書記、省長王劍鋒出席。"),
            [with_role("王劍鋒", "市委書記、省長")]
        );
        assert_eq!(
            officials("市委常委、常務副市長王劍鋒主持。"),
            [with_role("王劍鋒", "市委常委、常務副市長")]
        );
    }

    #[test]
    fn one_title_shared_by_several_names() {
        assert_eq!(
            officials("常務副市長龔維芳、吳衛東出席會議。"),
            [
                with_role("龔維芳", "常務副市長"),
                with_role("吳衛東", "常務副市長")
            ]
        );
        assert_eq!(
            officials("副區長張強、李明、歐陽明月參加。"),
            [
                with_role("張強", "副區長"),
                with_role("李明", "副區長"),
                with_role("歐陽明月", "副區長")
            ]
        );
    }

    #[test]
    fn roles_stop_at_words_that_are_not_part_of_them() {
        assert_eq!(
            officials("會議由副市長陳志強主持。"),
            [with_role("陳志強", "副市長")]
        );
        assert_eq!(
            officials("出席會議的市委秘書長宋樂偉指出"),
            [with_role("宋樂偉", "市委秘書長")]
        );
        assert_eq!(
            officials("陪同市住建局局長王海濤調研。"),
            [with_role("王海濤", "市住建局局長")]
        );
    }

    #[test]
    fn names_of_two_or_three_characters() {
        let cases = [
            ("市長王強主持會議", "王強"),
            ("局長李明在會上說", "李明"),
            ("主任張和平出席", "張和平"),
            ("縣長許曉梅表示", "許曉梅"),
            ("區長黃志明一行", "黃志明"),
            ("主任王剛和大家", "王剛"),
            ("局長周文濤，", "周文濤"),
            ("局長周文", "周文"),
            ("市委书记李强出席", "李强"),
            ("副县长赵丽华强调", "赵丽华"),
            ("副市長歐陽明月出席", "歐陽明月"),
        ];
        for (text, name) in cases {
            let found = officials(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].0, name, "{text}");
        }
    }

    #[test]
    fn words_after_titles_that_are_not_names() {
        for text in [
            "撥打市長熱線",
            "市委書記處",
            "市長出席",
            "主任全面部署",
            "市長、副市長分別講話",
            "局長在會上",
        ] {
            assert_eq!(officials(text), [], "{text}");
        }
    }

    #[test]
    fn a_later_mention_without_title_is_the_same_official() {
        let text = "秘書長宋樂偉出席。宋樂偉指出，要加快進度。宋樂偉強調。";
        assert_eq!(officials(text), [with_role("宋樂偉", "秘書長")]);
    }

    #[test]
    fn registry_names_and_aliases_are_found_anywhere() {
        assert_eq!(
            officials("林靜儀強調，陳建國要求。"),
            [("林靜怡".to_string(), None), ("陳建國".to_string(), None)]
        );
        // The alias after a title takes the role; the later canonical mention is the same person.
        assert_eq!(
            officials("市長林靜儀出席。林靜怡指出"),
            [with_role("林靜怡", "市長")]
        );
        // A role found after a bare mention fills it.
        assert_eq!(
            officials("林靜怡出席。市長林靜怡指出"),
            [with_role("林靜怡", "市長")]
        );
    }
}
