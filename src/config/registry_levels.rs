//! Checks of the registry keys that shape the index pages: an official's `level` (a group of the
//! officials index) and a district's `parent` (the district it lies in; parents must not loop).

use super::{CONFIG_FILE, Registry};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::offices::OfficeLevel;

/// The level a registry entry sets, or `None` (with a problem pushed when it names no level).
pub(super) fn level(
    kind: &str,
    name: &str,
    written: Option<&str>,
    problems: &mut Vec<Diagnostic>,
) -> Option<OfficeLevel> {
    let written = written?;
    let level = OfficeLevel::from_id(written);
    if level.is_none() {
        let ids = OfficeLevel::ids();
        let hint = match did_you_mean(written, &ids) {
            Some(close) => format!("did you mean `{close}`? the levels are {}", ids.join(", ")),
            None => format!("the levels are {}", ids.join(", ")),
        };
        problems.push(
            Diagnostic::error(
                CONFIG_FILE,
                format!("[{kind}.\"{name}\"] has an unknown `level` `{written}`"),
            )
            .with_hint(hint),
        );
    }
    level
}

/// A `level` on a district: it groups officials only.
pub(super) fn misplaced_levels(districts: &Registry) -> Vec<Diagnostic> {
    districts
        .entries
        .iter()
        .filter(|e| e.level.is_some())
        .map(|e| {
            Diagnostic::error(
                CONFIG_FILE,
                format!("[districts.\"{}\"] has a `level`", e.name),
            )
            .with_hint("`level` places an official in a group of the officials index: remove it from the district")
        })
        .collect()
}

/// Districts whose parents lead back to themselves (`A` in `B`, `B` in `A`), once per loop.
pub(super) fn parent_loops(districts: &Registry) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for entry in &districts.entries {
        let mut chain = vec![entry.name.clone()];
        let mut parent = entry.parent.clone();
        while let Some(name) = parent {
            if name == entry.name {
                // Reported from its first member in name order, so once and always alike.
                if chain.iter().all(|member| *member >= entry.name) {
                    chain.push(name);
                    problems.push(
                        Diagnostic::error(
                            CONFIG_FILE,
                            format!("the districts' `parent` keys go round in a loop: {}", chain.join(" → ")),
                        )
                        .with_hint("a district lies in one larger district: remove one of these `parent` keys"),
                    );
                }
                break;
            }
            if chain.contains(&name) {
                break; // a loop further up, reported from one of its own members
            }
            chain.push(name.clone());
            parent = districts.lookup(&name).and_then(|e| e.parent.clone());
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    fn problems(toml: &str) -> Vec<String> {
        let text = format!("title = \"t\"\nbase_url = \"https://example.org\"\n{toml}");
        match Config::parse(&text) {
            Ok(_) => Vec::new(),
            Err(found) => found
                .into_iter()
                .map(|d| format!("{} | {}", d.message, d.hint.unwrap_or_default()))
                .collect(),
        }
    }

    #[test]
    fn levels_are_checked_and_suggested() {
        let config = Config::parse(
            "title = \"t\"\nbase_url = \"https://example.org\"\n[officials.\"甲\"]\nlevel = \"city\"\n",
        )
        .unwrap();
        assert_eq!(
            config.officials.lookup("甲").unwrap().level,
            Some(crate::offices::OfficeLevel::City)
        );
        let found = problems("[officials.\"甲\"]\nlevel = \"citi\"\n");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with(
                "[officials.\"甲\"] has an unknown `level` `citi` | did you mean `city`?"
            ),
            "{found:?}"
        );
        let found = problems("[districts.\"乙區\"]\nlevel = \"city\"\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("has a `level`"), "{found:?}");
    }

    #[test]
    fn parent_loops_are_errors_reported_once() {
        let found = problems(
            "[districts.\"甲區\"]\nparent = \"乙區\"\n[districts.\"乙區\"]\nparent = \"甲區\"\n[districts.\"丙鎮\"]\nparent = \"甲區\"\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("乙區 → 甲區 → 乙區"), "{found:?}");
        let found = problems("[districts.\"甲區\"]\nparent = \"甲區\"\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            problems("[districts.\"乙鎮\"]\nparent = \"甲區\"\n[districts.\"甲區\"]\n").is_empty()
        );
    }
}
