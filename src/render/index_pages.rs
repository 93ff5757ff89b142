//! The contexts of the index pages — officials grouped by office level and tenure, districts
//! nested under the district they lie in, tags — and of a district page's parents and children.
//! The groupings themselves are [`crate::indexes`]; this module turns them into template values:
//! entries in pinyin order with the anchor of their letter, and the text the filter box matches.

use super::contexts::{Meta, Rendered, Shared, template_fields};
use super::page::Page;
use super::views::EntityView;
use crate::archive::{Entity, EntityKind};
use crate::indexes;
use crate::offices::OfficeLevel;
use serde::Serialize;

/// A list longer than this gets a letter index and a filter box (the officials index always has
/// both: it is the one readers search by name).
pub const LONG_LIST: usize = 30;

/// One name of an index.
#[derive(Debug, Serialize)]
pub struct IndexEntry<'a> {
    pub name: &'a str,
    pub path: String,
    pub count: usize,
    /// The latest role (officials; none when never named with one).
    pub role: Option<&'a str>,
    pub letter: String,
    /// The id of the first entry of its letter in its list, which the letter index links to.
    pub anchor: Option<String>,
    /// What the filter box matches: the name, its aliases, its pinyin slug and its role, each
    /// also folded to simplified characters, lower case.
    pub filter: String,
}

/// A letter of a list's letter index.
#[derive(Debug, Serialize)]
pub struct LetterLink {
    pub letter: String,
    pub anchor: String,
}

/// A list of names in pinyin order, with its letter index.
#[derive(Debug, Serialize)]
pub struct EntryList<'a> {
    pub id: String,
    /// `current` or `former` on the officials index; empty elsewhere.
    pub status: &'static str,
    pub label: String,
    pub entries: Vec<IndexEntry<'a>>,
    pub letters: Vec<LetterLink>,
}

/// A group of the officials index: one office level, its current and former officials.
#[derive(Debug, Serialize)]
pub struct OfficialGroup<'a> {
    pub level: &'static str,
    pub id: String,
    pub label: String,
    pub count: usize,
    pub lists: Vec<EntryList<'a>>,
}

fn entry<'a>(entity: &'a Entity, role: Option<&'a str>) -> IndexEntry<'a> {
    let mut words: Vec<&str> = vec![&entity.name, &entity.slug];
    words.extend(entity.aliases.iter().map(String::as_str));
    words.extend(role);
    let mut filter: Vec<String> = Vec::new();
    for word in words {
        for form in [
            word.to_lowercase(),
            crate::text::fold::fold(word).to_lowercase(),
        ] {
            if !filter.contains(&form) {
                filter.push(form);
            }
        }
    }
    IndexEntry {
        name: &entity.name,
        path: entity.path(),
        count: entity.reports.len(),
        role,
        letter: indexes::index_letter(entity).to_string(),
        anchor: None,
        filter: filter.join(" "),
    }
}

/// A list of `entries` (already in pinyin order) with an anchor on each letter's first entry.
fn entry_list<'a>(id: String, label: String, mut entries: Vec<IndexEntry<'a>>) -> EntryList<'a> {
    let mut letters: Vec<LetterLink> = Vec::new();
    for e in &mut entries {
        if letters.last().is_none_or(|l| l.letter != e.letter) {
            let slug = if e.letter == "#" {
                "num".to_string()
            } else {
                e.letter.to_lowercase()
            };
            let anchor = format!("{id}-{slug}");
            e.anchor = Some(anchor.clone());
            letters.push(LetterLink {
                letter: e.letter.clone(),
                anchor,
            });
        }
    }
    EntryList {
        id,
        status: "",
        label,
        entries,
        letters,
    }
}

struct OfficialsFields<'a, 'v> {
    entities: Vec<&'v EntityView<'a>>,
    kind: &'static str,
    groups: Vec<OfficialGroup<'a>>,
    current_since: String,
    current_since_display: String,
    filterable: bool,
}

template_fields!(OfficialsFields<'_, '_>; entities, kind, groups, current_since, current_since_display, filterable);

struct DistrictsFields<'a, 'v> {
    entities: Vec<&'v EntityView<'a>>,
    kind: &'static str,
    tree: Vec<TreeItem>,
    filterable: bool,
}

template_fields!(DistrictsFields<'_, '_>; entities, kind, tree, filterable);

struct TagsFields<'a, 'v> {
    entities: Vec<&'v EntityView<'a>>,
    kind: &'static str,
    list: EntryList<'a>,
    filterable: bool,
}

template_fields!(TagsFields<'_, '_>; entities, kind, list, filterable);

/// Renders `/officials/`, `/districts/` or `/tags/`.
pub(super) fn render(page: &Page, s: &Shared, kind: EntityKind) -> Rendered {
    let (a, locale) = (s.archive, s.renderer.locale);
    let t = locale.strings();
    let meta: Meta = s.meta(page, kind.section(), t[kind.section()].to_string());
    let entities = (0..a.entities(kind).len())
        .map(|i| s.entity_view(kind, i))
        .collect();
    let section = kind.section();
    match kind {
        EntityKind::Official => {
            let since = indexes::current_since(a);
            let fields = OfficialsFields {
                entities,
                kind: section,
                groups: official_groups(s),
                current_since: since.map(|d| d.iso()).unwrap_or_default(),
                current_since_display: since.map(|d| locale.date(d)).unwrap_or_default(),
                filterable: true,
            };
            s.page(page, meta, fields)
        }
        EntityKind::District => {
            let tree = district_tree(s);
            let fields = DistrictsFields {
                filterable: tree.len() > LONG_LIST,
                entities,
                kind: section,
                tree,
            };
            s.page(page, meta, fields)
        }
        EntityKind::Tag => {
            let order = indexes::pinyin_order(&a.tags);
            let entries = order.iter().map(|&i| entry(&a.tags[i], None)).collect();
            let mut list = entry_list("tags".into(), t["tags"].to_string(), entries);
            let filterable = list.entries.len() > LONG_LIST;
            if !filterable {
                list.letters.clear();
            }
            let fields = TagsFields {
                entities,
                kind: section,
                list,
                filterable,
            };
            s.page(page, meta, fields)
        }
    }
}

fn official_groups<'a>(s: &Shared<'a>) -> Vec<OfficialGroup<'a>> {
    let a = s.archive;
    let t = s.renderer.locale.strings();
    let places = indexes::official_places(a, s.config);
    let mut groups = Vec::new();
    for level in OfficeLevel::ALL {
        let mut lists = Vec::new();
        for (current, status) in [(true, "current"), (false, "former")] {
            let entries: Vec<IndexEntry> = places
                .iter()
                .filter(|p| p.level == level && p.current == current)
                .map(|p| {
                    let official = &a.officials[p.index];
                    entry(official, official.roles.first().map(|r| r.role.as_str()))
                })
                .collect();
            if !entries.is_empty() {
                let id = format!("{}-{status}", level.id());
                let label = t[format!("tenure_{status}").as_str()].to_string();
                let mut list = entry_list(id, label, entries);
                list.status = status;
                lists.push(list);
            }
        }
        if lists.is_empty() {
            continue;
        }
        groups.push(OfficialGroup {
            level: level.id(),
            id: level.id().to_string(),
            label: t[format!("level_{}", level.id()).as_str()].to_string(),
            count: lists.iter().map(|l| l.entries.len()).sum(),
            lists,
        });
    }
    groups
}

/// One place of the districts tree, flattened in document order for the template: after an item
/// with children a nested list opens; `closes` says how many nested lists end after it.
#[derive(Debug, Serialize)]
pub struct TreeItem {
    pub name: String,
    /// None for a parent no report names (it has no page).
    pub path: Option<String>,
    pub count: usize,
    pub depth: usize,
    pub has_children: bool,
    pub closes: usize,
    pub filter: String,
}

fn district_tree(s: &Shared) -> Vec<TreeItem> {
    let tree = s.views.district_tree(s.archive, s.config);
    let mut items: Vec<TreeItem> = Vec::new();
    // Depth-first, children in pinyin order; (node, depth) on a stack.
    let mut stack: Vec<(usize, usize)> = tree.roots.iter().rev().map(|&n| (n, 0)).collect();
    while let Some((n, depth)) = stack.pop() {
        let node = &tree.nodes[n];
        let item = match node.entity {
            Some(e) => {
                let entity = &s.archive.districts[e];
                let IndexEntry { filter, .. } = entry(entity, None);
                TreeItem {
                    name: entity.name.clone(),
                    path: Some(entity.path()),
                    count: entity.reports.len(),
                    filter,
                    depth,
                    has_children: false,
                    closes: 0,
                }
            }
            None => TreeItem {
                name: node.name.clone(),
                path: None,
                count: 0,
                filter: node.name.to_lowercase(),
                depth,
                has_children: false,
                closes: 0,
            },
        };
        items.push(item);
        let last = items.len() - 1;
        items[last].has_children = !node.children.is_empty();
        stack.extend(node.children.iter().rev().map(|&c| (c, depth + 1)));
    }
    for i in 0..items.len() {
        let next_depth = items.get(i + 1).map_or(0, |next| next.depth);
        items[i].closes = items[i].depth.saturating_sub(next_depth);
    }
    items
}

/// A district page's place in the tree: the districts it lies in, outermost first, and the
/// districts it contains, each with a path (none without a page) and a count.
#[derive(Debug, Serialize)]
pub struct DistrictPlace {
    pub name: String,
    pub path: Option<String>,
    pub count: usize,
}

pub(super) struct DistrictFields<'a, 'v> {
    entity: &'v EntityView<'a>,
    parents: Vec<DistrictPlace>,
    children: Vec<DistrictPlace>,
}

template_fields!(DistrictFields<'_, '_>; entity, parents, children);

/// The fields of `district.html`: the entity and its parents and children.
pub(super) fn district_fields<'a, 'v>(
    s: &'v Shared<'a>,
    index: usize,
    entity: &'v EntityView<'a>,
) -> DistrictFields<'a, 'v> {
    let tree = s.views.district_tree(s.archive, s.config);
    let place = |node: &crate::indexes::districts::DistrictNode| match node.entity {
        Some(e) => {
            let d = &s.archive.districts[e];
            DistrictPlace {
                name: d.name.clone(),
                path: Some(d.path()),
                count: d.reports.len(),
            }
        }
        None => DistrictPlace {
            name: node.name.clone(),
            path: None,
            count: 0,
        },
    };
    let parents = tree.ancestors(index).into_iter().map(place).collect();
    let children = tree
        .node_of(index)
        .map(|node| {
            node.children
                .iter()
                .map(|&c| place(&tree.nodes[c]))
                .collect()
        })
        .unwrap_or_default();
    DistrictFields {
        entity,
        parents,
        children,
    }
}
