//! The archive benchmark's generated reports, in memory, as the search index takes them.
//!
//! The reports come from the one archive generator (`benches/archive/`, the same seed and
//! frequencies as the archives the build benchmark writes to disk), oldest first (as `annals
//! build` numbers them for search), drafts left out, districts under their canonical names (as
//! `annals build` resolves registry aliases).

use crate::entities::Entities;
use crate::generate::{SEED, frequencies};
use crate::report;
use annals::search::{EntityKind, SearchDoc, SearchEntity};

/// One generated report with owned text.
pub struct Doc {
    pub url: String,
    pub title: String,
    pub date: String,
    pub officials: Vec<String>,
    pub districts: Vec<String>,
    pub tags: Vec<String>,
    pub roles: Vec<String>,
    pub text: String,
}

fn strs(list: &[String]) -> Vec<&str> {
    list.iter().map(String::as_str).collect()
}

impl Doc {
    pub fn as_search_doc(&self) -> SearchDoc<'_> {
        SearchDoc {
            url: &self.url,
            title: &self.title,
            date: &self.date,
            officials: strs(&self.officials),
            districts: strs(&self.districts),
            tags: strs(&self.tags),
            roles: strs(&self.roles),
            fields: Vec::new(),
            text: self.text.as_str().into(),
        }
    }
}

/// An official, district or tag with owned names.
pub struct Entity {
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub url: String,
    pub count: usize,
}

/// A generated archive of `count` reports (before drafts are left out).
pub struct Corpus {
    pub docs: Vec<Doc>,
    pub entities: Vec<Entity>,
}

impl Corpus {
    pub fn generate(count: usize) -> Corpus {
        let entities = Entities::generate(SEED);
        let frequencies = frequencies(&entities);
        let mut docs: Vec<Doc> = (0..count)
            .map(|index| report::generate(SEED, index, &entities, &frequencies))
            .filter(|r| !r.draft)
            .map(|r| {
                let official = |rank: usize| &entities.officials[rank];
                let date = format!("{}-{:02}-{:02}", r.date.year, r.date.month, r.date.day);
                Doc {
                    url: format!("{}/{}/", date.replace('-', "/"), r.slug),
                    title: r.title.clone(),
                    officials: r
                        .officials
                        .iter()
                        .map(|o| official(o.0).name.clone())
                        .collect(),
                    districts: r
                        .districts
                        .iter()
                        .map(|d| entities.districts[d.0].to_string())
                        .collect(),
                    tags: r
                        .tags
                        .iter()
                        .map(|&t| entities.tags[t].to_string())
                        .collect(),
                    roles: r
                        .officials
                        .iter()
                        .filter(|o| o.1)
                        .map(|o| official(o.0).role.to_string())
                        .collect(),
                    text: r.body.clone(),
                    date,
                }
            })
            .collect();
        docs.sort_by(|a, b| (&a.date, &b.url).cmp(&(&b.date, &a.url)));
        let entities = corpus_entities(&docs, &entities);
        Corpus { docs, entities }
    }

    pub fn search_docs(&self) -> Vec<SearchDoc<'_>> {
        self.docs.iter().map(Doc::as_search_doc).collect()
    }

    pub fn search_entities(&self) -> Vec<SearchEntity<'_>> {
        self.entities
            .iter()
            .map(|e| SearchEntity {
                kind: e.kind,
                name: &e.name,
                aliases: e.aliases.iter().map(String::as_str).collect(),
                url: &e.url,
                count: e.count,
            })
            .collect()
    }
}

/// Every official, district and tag the docs name, with registry aliases and report counts.
fn corpus_entities(docs: &[Doc], generated: &Entities) -> Vec<Entity> {
    let mut out = Vec::new();
    let registry = |name: &str| -> Vec<String> {
        let entries = generated.official_registry.iter();
        let mut entries = entries.chain(&generated.district_registry);
        entries
            .find(|e| e.name == name)
            .map(|e| e.aliases.clone())
            .unwrap_or_default()
    };
    type NamesOf = fn(&Doc) -> &Vec<String>;
    let kinds: [(EntityKind, &str, NamesOf); 3] = [
        (EntityKind::Official, "officials", |d| &d.officials),
        (EntityKind::District, "districts", |d| &d.districts),
        (EntityKind::Tag, "tags", |d| &d.tags),
    ];
    for (kind, section, names_of) in kinds {
        let mut names: Vec<&String> = docs.iter().flat_map(names_of).collect();
        names.sort();
        names.dedup();
        for (n, name) in names.into_iter().enumerate() {
            out.push(Entity {
                kind,
                name: name.clone(),
                aliases: registry(name),
                url: format!("{section}/{n}/"),
                count: docs.iter().filter(|d| names_of(d).contains(name)).count(),
            });
        }
    }
    out
}
