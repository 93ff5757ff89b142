//! Lints on the names of officials and districts.
//!
//! Scraped reports spell names inconsistently, and every spelling becomes its own entity page.
//! Two lints catch that before readers do:
//! - when site.toml has a registry of officials (or districts), a name missing from it is
//!   probably a typo: it is named, with the closest registered name where one is close;
//! - among names that are not registered, two that differ in one character (王劍鋒 / 王劍峰) or
//!   only in script (王劍鋒 / 王剑锋) are probably one person. Registering both silences it.

use super::{ReportSource, fold_script};
use crate::config::{CONFIG_FILE, Config, EntityKind as Kind, Likeness, Registry};
use crate::diagnostics::{Diagnostic, display_path};
use std::collections::{BTreeMap, BTreeSet};

/// The names of `kind` a report gives.
fn names_of<'a>(kind: Kind, source: &'a ReportSource) -> Vec<&'a str> {
    match kind {
        Kind::Official => source
            .report
            .officials
            .iter()
            .map(|a| a.name.as_str())
            .collect(),
        Kind::District => source.report.districts.iter().map(String::as_str).collect(),
    }
}

/// Every name lint of the site.
pub fn lint(config: &Config, sources: &[ReportSource]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (kind, registry) in [
        (Kind::Official, &config.officials),
        (Kind::District, &config.districts),
    ] {
        if !registry.is_empty() {
            problems.extend(unregistered(kind, registry, sources));
        }
        problems.extend(near_duplicates(kind, registry, sources));
    }
    problems
}

/// Where each name of a kind is written: name → the reports naming it, sorted by file.
fn occurrences<'s, 'a>(
    kind: Kind,
    sources: &'s [ReportSource<'a>],
) -> BTreeMap<&'s str, Vec<&'s ReportSource<'a>>> {
    let mut places: BTreeMap<&str, Vec<&ReportSource>> = BTreeMap::new();
    for source in sources {
        for name in names_of(kind, source) {
            places.entry(name).or_default().push(source);
        }
    }
    for list in places.values_mut() {
        list.sort_by(|a, b| a.report.source.cmp(&b.report.source));
    }
    places
}

/// One warning for a name, placed where it is written in the first file naming it; the hint
/// ends with the other files naming it.
fn at_first_place(
    kind: Kind,
    name: &str,
    places: &[&ReportSource],
    message: String,
    hint: String,
) -> Diagnostic {
    const LISTED: usize = 3;
    let first = places[0];
    let others: Vec<String> = places[1..]
        .iter()
        .take(LISTED)
        .map(|s| format!("`{}`", display_path(&s.report.source)))
        .collect();
    let more = places.len().saturating_sub(1 + LISTED);
    let also = match (others.len(), more) {
        (0, _) => String::new(),
        (_, 0) => format!(" (also in {})", others.join(", ")),
        (_, more) => format!(" (also in {} and {more} more)", others.join(", ")),
    };
    first
        .warning_at(first.name_offset(kind.key(), name), message)
        .with_hint(format!("{hint}{also}"))
}

fn reports(n: usize) -> String {
    format!("{n} report{}", if n == 1 { "" } else { "s" })
}

/// Names missing from a non-empty registry, one warning per name.
fn unregistered(kind: Kind, registry: &Registry, sources: &[ReportSource]) -> Vec<Diagnostic> {
    let key = kind.key();
    occurrences(kind, sources)
        .into_iter()
        .filter(|(name, _)| registry.lookup(name).is_none())
        .map(|(name, places)| {
            let hint = match registry.closest(name) {
                Some((canonical, Likeness::Script)) => format!(
                    "`{name}` is `{canonical}` in the other script: write `{canonical}`, or list `{name}` under `aliases` of [{key}.\"{canonical}\"] in `{CONFIG_FILE}`"
                ),
                Some((canonical, Likeness::Spelling)) => format!(
                    "did you mean `{canonical}`? fix the spelling, or if `{name}` is another way to write it, list it under `aliases` of [{key}.\"{canonical}\"] in `{CONFIG_FILE}`"
                ),
                None => format!(
                    "fix the spelling, or register the name in `{CONFIG_FILE}`: [{key}.\"{name}\"]"
                ),
            };
            let message = format!(
                "{} `{name}` ({}) is not in the registry of `{CONFIG_FILE}`",
                kind.word(),
                reports(places.len())
            );
            at_first_place(kind, name, &places, message, hint)
        })
        .collect()
}

/// Pairs of unregistered names that are probably one, warned where the rarer spelling is first
/// written.
fn near_duplicates(kind: Kind, registry: &Registry, sources: &[ReportSource]) -> Vec<Diagnostic> {
    let places = occurrences(kind, sources);
    let count = |name: &str| places.get(name).map_or(0, Vec::len);
    // A name close to a registered one is already explained by the registry lint.
    let unregistered = places
        .keys()
        .copied()
        .filter(|name| registry.lookup(name).is_none() && registry.closest(name).is_none());
    let key = kind.key();
    let mut problems = Vec::new();
    for (a, b, likeness) in alike_pairs(unregistered) {
        let rarer_first = (count(a), !is_folded(a)) <= (count(b), !is_folded(b));
        let (suspect, other) = if rarer_first { (a, b) } else { (b, a) };
        let how = match likeness {
            Likeness::Script => "the same name in the other script",
            Likeness::Spelling => "one character apart",
        };
        let message = format!(
            "{} `{suspect}` ({}) looks like `{other}` ({}): {how}",
            kind.word(),
            reports(count(suspect)),
            reports(count(other)),
        );
        let hint = format!(
            "if they are one, write one spelling everywhere or list `{suspect}` under `aliases` of [{key}.\"{other}\"] in `{CONFIG_FILE}`; if they are two, register both there"
        );
        problems.push(at_first_place(
            kind,
            suspect,
            &places[suspect],
            message,
            hint,
        ));
    }
    problems
}

/// True when folding changes nothing (the name is already in simplified characters or not Han).
fn is_folded(name: &str) -> bool {
    fold_script(name) == name
}

/// Every pair of names (in sorted order) that are alike, found through hash keys rather than by
/// comparing every pair: the folded name, and the folded name with one character blanked out.
fn alike_pairs<'a>(names: impl Iterator<Item = &'a str>) -> Vec<(&'a str, &'a str, Likeness)> {
    let mut by_key: BTreeMap<(bool, String), BTreeSet<&str>> = BTreeMap::new();
    for name in names {
        let folded: Vec<char> = fold_script(name).chars().collect();
        by_key
            .entry((false, folded.iter().collect()))
            .or_default()
            .insert(name);
        if folded.len() >= 2 {
            for i in 0..folded.len() {
                let mut blanked = folded.clone();
                blanked[i] = '\u{0}';
                by_key
                    .entry((true, blanked.into_iter().collect()))
                    .or_default()
                    .insert(name);
            }
        }
    }
    let mut pairs: BTreeMap<(&str, &str), Likeness> = BTreeMap::new();
    for ((blanked, _), group) in &by_key {
        let likeness = if *blanked {
            Likeness::Spelling
        } else {
            Likeness::Script
        };
        let group: Vec<&str> = group.iter().copied().collect();
        for (i, a) in group.iter().enumerate() {
            for b in &group[i + 1..] {
                let entry = pairs.entry((a, b)).or_insert(likeness);
                if likeness == Likeness::Script {
                    *entry = Likeness::Script;
                }
            }
        }
    }
    pairs.into_iter().map(|((a, b), l)| (a, b, l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alike_names_are_paired_once_with_the_closest_likeness() {
        let pairs = alike_pairs(
            [
                "王劍鋒",
                "王劍峰",
                "王剑锋",
                "陳建國",
                "林靜怡",
                "江北區",
                "南岸區",
            ]
            .into_iter(),
        );
        let shown: Vec<String> = pairs
            .iter()
            .map(|(a, b, l)| format!("{a}/{b}:{l:?}"))
            .collect();
        assert_eq!(
            shown,
            [
                "王剑锋/王劍峰:Spelling",
                "王剑锋/王劍鋒:Script",
                "王劍峰/王劍鋒:Spelling",
            ]
        );
    }

    #[test]
    fn one_character_names_are_not_compared_by_spelling() {
        assert!(alike_pairs(["甲", "乙"].into_iter()).is_empty());
    }

    #[test]
    fn closest_registered_prefers_the_same_name_in_the_other_script() {
        let config = Config::parse(
            "title = \"t\"\nbase_url = \"https://e.org\"\n[officials.\"王劍鋒\"]\n[officials.\"陳建國\"]\naliases = [\"陳建囯\"]\n",
        )
        .unwrap();
        let registry = &config.officials;
        assert_eq!(
            registry.closest("王剑锋"),
            Some(("王劍鋒", Likeness::Script))
        );
        assert_eq!(
            registry.closest("王劍峰"),
            Some(("王劍鋒", Likeness::Spelling))
        );
        assert_eq!(
            registry.closest("陳建"),
            Some(("陳建國", Likeness::Spelling))
        );
        assert_eq!(registry.closest("林靜怡"), None);
    }
}
