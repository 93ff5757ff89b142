//! docs/themes.md stays true: every variable a template's context provides is documented in
//! that template's row, and every variable documented there is provided.

use super::Cards;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

/// Top-level variables seen per template while pages rendered in this test binary.
static PROVIDED: Mutex<BTreeMap<&'static str, BTreeSet<String>>> = Mutex::new(BTreeMap::new());

pub(super) fn record(template: &'static str, names: &[&'static str], cards: &Cards) {
    let mut keys: BTreeSet<String> = names.iter().map(|n| n.to_string()).collect();
    if cards.reports.is_some() {
        keys.insert("reports".into());
    }
    if cards.neighbours.is_some() {
        keys.extend(["newer".to_string(), "older".to_string()]);
    }
    if cards.related.is_some() {
        keys.insert("related".into());
    }
    PROVIDED
        .lock()
        .unwrap()
        .entry(template)
        .or_default()
        .extend(keys);
}

/// Backticked names at the top level of a table cell (not inside parentheses).
fn top_level_names(cell: &str) -> BTreeSet<String> {
    let (mut names, mut depth, mut current) = (BTreeSet::new(), 0usize, None::<String>);
    for c in cell.chars() {
        match (c, &mut current) {
            ('`', Some(name)) => {
                if depth == 0 {
                    names.insert(std::mem::take(name));
                }
                current = None;
            }
            ('`', None) => current = Some(String::new()),
            (c, Some(name)) => name.push(c),
            ('(', None) => depth += 1,
            (')', None) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    names
}

/// Template name → the variables its row of docs/themes.md documents.
fn documented() -> BTreeMap<String, BTreeSet<String>> {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/themes.md"))
        .expect("docs/themes.md");
    let table = docs
        .split("## Templates and their own variables")
        .nth(1)
        .expect("the templates table");
    let mut rows = BTreeMap::new();
    for line in table.lines().skip_while(|l| !l.starts_with('|')) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if !line.starts_with('|') {
            break;
        }
        if cells.len() < 4 || cells[1].starts_with("template") || cells[1].starts_with("---") {
            continue;
        }
        for template in top_level_names(cells[1]) {
            rows.insert(template, top_level_names(cells[3]));
        }
    }
    rows
}

#[test]
fn every_template_variable_is_documented_and_every_documented_one_exists() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = crate::load_partial(root, false, None).expect("the demo archive loads");
    let renderer = site.renderer.expect("the default theme compiles");
    crate::render::render_site(&site.archive, &site.config, &renderer, &|_| Ok(()), None)
        .expect("the demo archive renders");
    let documented = documented();
    let provided = PROVIDED.lock().unwrap().clone();
    assert!(
        provided.len() >= 14,
        "every page kind rendered: {provided:?}"
    );
    for (template, keys) in &provided {
        let row = documented
            .get(*template)
            .unwrap_or_else(|| panic!("docs/themes.md has no row for `{template}`"));
        let missing: Vec<_> = keys.difference(row).collect();
        assert!(
            missing.is_empty(),
            "`{template}` provides {missing:?}, not documented in docs/themes.md"
        );
        let stale: Vec<_> = row.difference(keys).collect();
        assert!(
            stale.is_empty(),
            "docs/themes.md documents {stale:?} for `{template}`, which it does not get"
        );
    }
}
