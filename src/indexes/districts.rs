//! Districts nested under the district they lie in.
//!
//! A district's parent is the `parent` of its entry in site.toml's registry; where none is
//! given, the parent the gazetteer names ([`crate::text::gazetteer::parent_of`]) when that parent
//! is itself a district of the archive or the registry (matched after folding scripts, shown as
//! the site writes it). The gazetteer never brings in a name the site does not use, so nothing
//! appears in the other script or from the other end of the country. A parent named only in the
//! registry, with no report of its own, is still a node of the tree (without a page), so that its
//! districts are shown together. A link that would close a loop is dropped.

use super::pinyin_order;
use crate::archive::Archive;
use crate::config::Config;
use crate::text::fold::fold;
use crate::text::slug::slugify;
use std::collections::HashMap;

/// One place of the tree: a district of the archive, or a parent without a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistrictNode {
    pub name: String,
    /// Position in [`Archive::districts`]; `None` for a parent no report names.
    pub entity: Option<usize>,
    pub parent: Option<usize>,
    /// Nodes under this one, in pinyin order.
    pub children: Vec<usize>,
    sort_key: String,
}

/// Every district of the archive and the parents they need, as a forest.
#[derive(Debug, Clone, Default)]
pub struct DistrictTree {
    pub nodes: Vec<DistrictNode>,
    /// Nodes without a parent, in pinyin order.
    pub roots: Vec<usize>,
    by_entity: HashMap<usize, usize>,
}

impl DistrictTree {
    pub fn new(archive: &Archive, config: &Config) -> DistrictTree {
        let mut tree = DistrictTree::default();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for index in pinyin_order(&archive.districts) {
            let entity = &archive.districts[index];
            tree.by_entity.insert(index, tree.nodes.len());
            by_name.insert(entity.name.clone(), tree.nodes.len());
            tree.nodes.push(DistrictNode {
                name: entity.name.clone(),
                entity: Some(index),
                parent: None,
                children: Vec::new(),
                sort_key: entity.slug.clone(),
            });
        }
        // Folded spellings of every district the site knows, for the gazetteer's parents.
        let mut known: HashMap<String, String> = HashMap::new();
        for entry in &config.districts.entries {
            known.insert(fold(&entry.name), entry.name.clone());
        }
        for node in &tree.nodes {
            known.insert(fold(&node.name), node.name.clone());
        }
        let mut at = 0;
        while at < tree.nodes.len() {
            let name = tree.nodes[at].name.clone();
            let parent = config
                .districts
                .lookup(&name)
                .and_then(|entry| entry.parent.clone())
                .or_else(|| {
                    let parent = crate::text::gazetteer::parent_of(&name)?;
                    known.get(&fold(parent)).cloned()
                });
            if let Some(parent) = parent.filter(|p| *p != name) {
                let node = *by_name.entry(parent.clone()).or_insert_with(|| {
                    let slug = config
                        .districts
                        .lookup(&parent)
                        .and_then(|e| e.slug.clone());
                    tree.nodes.push(DistrictNode {
                        sort_key: slug.unwrap_or_else(|| slugify(&parent)),
                        name: parent,
                        entity: None,
                        parent: None,
                        children: Vec::new(),
                    });
                    tree.nodes.len() - 1
                });
                if !tree.is_ancestor(at, node) {
                    tree.nodes[at].parent = Some(node);
                }
            }
            at += 1;
        }
        tree.link_children();
        tree
    }

    /// Whether `node` is `of` or lies (through parents) under it.
    fn is_ancestor(&self, of: usize, mut node: usize) -> bool {
        loop {
            if node == of {
                return true;
            }
            match self.nodes[node].parent {
                Some(parent) => node = parent,
                None => return false,
            }
        }
    }

    fn link_children(&mut self) {
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&self.nodes[a], &self.nodes[b]);
            a.sort_key
                .cmp(&b.sort_key)
                .then_with(|| a.name.cmp(&b.name))
        });
        for node in order {
            match self.nodes[node].parent {
                Some(parent) => self.nodes[parent].children.push(node),
                None => self.roots.push(node),
            }
        }
    }

    /// The node of a district of the archive.
    pub fn node_of(&self, entity: usize) -> Option<&DistrictNode> {
        self.by_entity.get(&entity).map(|&n| &self.nodes[n])
    }

    /// The nodes above a district, outermost first (`青石縣` above `東湖鎮`).
    pub fn ancestors(&self, entity: usize) -> Vec<&DistrictNode> {
        let mut chain = Vec::new();
        let mut node = self.node_of(entity).and_then(|n| n.parent);
        while let Some(n) = node {
            chain.push(&self.nodes[n]);
            node = self.nodes[n].parent;
        }
        chain.reverse();
        chain
    }
}
