//! `data/popolo.json`: the officials, the body they serve in, their roles over time and the
//! districts in the Popolo data model (<https://www.popoloproject.com/specs/>), the model behind
//! Open Civic Data and Councilmatic-style trackers.
//!
//! - `persons`: one per official (`id` `person/<slug>`), aliases as `other_names`, the registry
//!   description as `summary`, the official's page in `links`;
//! - `organizations`: the body the archive covers (`organization/body`, named after the site);
//! - `memberships`: one per role an official held, from the first to the last report naming it
//!   (`start_date`, `end_date`): the roles over time of the official's page;
//! - `areas`: one per district (`area/<slug>`), with `parent_id` when the registry names a
//!   parent (a parent no report names is an area of its own, without a page link).

use super::json_output;
use crate::archive::{Archive, Entity};
use crate::config::Config;
use crate::site_file::Output;
use crate::urls;
use serde::Serialize;

/// The id of the one organization: the body the archive reports on.
pub const BODY_ID: &str = "organization/body";

#[derive(Serialize)]
struct Name<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Link {
    url: String,
    note: &'static str,
}

#[derive(Serialize)]
struct Person<'a> {
    id: String,
    name: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    other_names: Vec<Name<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    links: [Link; 1],
}

#[derive(Serialize)]
struct Organization<'a> {
    id: &'static str,
    name: &'a str,
    classification: &'static str,
    links: [Link; 1],
}

#[derive(Serialize)]
struct Membership<'a> {
    id: String,
    person_id: String,
    organization_id: &'static str,
    role: &'a str,
    label: &'a str,
    start_date: String,
    end_date: String,
}

#[derive(Serialize)]
struct Area<'a> {
    id: String,
    name: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    other_names: Vec<Name<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_id: Option<String>,
    /// The district's page; empty for a parent that no report names (it has no page).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<Link>,
}

#[derive(Serialize)]
struct Popolo<'a> {
    persons: Vec<Person<'a>>,
    organizations: Vec<Organization<'a>>,
    memberships: Vec<Membership<'a>>,
    areas: Vec<Area<'a>>,
}

fn page_link(config: &Config, entity: &Entity) -> [Link; 1] {
    [Link {
        url: config.permalink(&entity.path()),
        note: "archive page",
    }]
}

fn aliases<'a>(registry: &'a crate::config::Registry, entity: &Entity) -> Vec<Name<'a>> {
    let entry = registry.lookup(&entity.name);
    let aliases = entry.map_or(&[][..], |e| e.aliases.as_slice());
    aliases.iter().map(|name| Name { name }).collect()
}

fn person_id(official: &Entity) -> String {
    format!("person/{}", official.slug)
}

/// A membership per role, its id made from the role (`membership/lin-jingyi/shi-zhang`) so it
/// stays the same when other roles come and go; a second role with the same slug gets `-2`.
fn memberships<'a>(official: &'a Entity) -> impl Iterator<Item = Membership<'a>> {
    let mut seen: Vec<String> = Vec::new();
    official.roles.iter().map(move |span| {
        let slug = crate::text::slug::slugify(&span.role);
        let repeats = seen.iter().filter(|s| **s == slug).count();
        seen.push(slug.clone());
        let suffix = if repeats == 0 {
            String::new()
        } else {
            format!("-{}", repeats + 1)
        };
        Membership {
            id: format!("membership/{}/{slug}{suffix}", official.slug),
            person_id: person_id(official),
            organization_id: BODY_ID,
            role: &span.role,
            label: &span.role,
            start_date: span.first.iso(),
            end_date: span.last.iso(),
        }
    })
}

/// The area id of a district name: its archive slug, else its registry slug, else its pinyin.
fn area_id(archive: &Archive, config: &Config, name: &str) -> String {
    let in_archive = archive.districts.iter().find(|d| d.name == name);
    let registered = config.districts.lookup(name).and_then(|e| e.slug.clone());
    let slug = in_archive.map(|d| d.slug.clone()).or(registered);
    format!(
        "area/{}",
        slug.unwrap_or_else(|| crate::text::slug::slugify(name))
    )
}

fn parent_of<'a>(config: &'a Config, name: &str) -> Option<&'a str> {
    config.districts.lookup(name)?.parent.as_deref()
}

fn area<'a>(archive: &'a Archive, config: &'a Config, district: &'a Entity) -> Area<'a> {
    let [link] = page_link(config, district);
    Area {
        id: area_id(archive, config, &district.name),
        name: &district.name,
        other_names: aliases(&config.districts, district),
        parent_id: parent_of(config, &district.name).map(|p| area_id(archive, config, p)),
        links: vec![link],
    }
}

/// Areas for the parents no report names (a city above its districts), in name order.
fn parent_areas<'a>(archive: &'a Archive, config: &'a Config) -> Vec<Area<'a>> {
    let mut names: Vec<&str> = (archive.districts.iter())
        .filter_map(|d| parent_of(config, &d.name))
        .filter(|p| !archive.districts.iter().any(|d| d.name == *p))
        .collect();
    names.sort_unstable();
    names.dedup();
    let registry_aliases = |name: &str| {
        let entry = config.districts.lookup(name);
        let aliases = entry.map_or(&[][..], |e| e.aliases.as_slice());
        aliases.iter().map(|name| Name { name }).collect()
    };
    (names.into_iter())
        .map(|name| Area {
            id: area_id(archive, config, name),
            name,
            other_names: registry_aliases(name),
            parent_id: parent_of(config, name).map(|p| area_id(archive, config, p)),
            links: Vec::new(),
        })
        .collect()
}

/// `data/popolo.json`.
pub fn popolo(archive: &Archive, config: &Config) -> Output {
    let persons = archive.officials.iter().map(|o| Person {
        id: person_id(o),
        name: &o.name,
        other_names: aliases(&config.officials, o),
        summary: o.description.as_deref(),
        links: page_link(config, o),
    });
    let body = Organization {
        id: BODY_ID,
        name: &config.title,
        classification: "government",
        links: [Link {
            url: config.permalink(urls::HOME),
            note: "archive",
        }],
    };
    let data = Popolo {
        persons: persons.collect(),
        organizations: vec![body],
        memberships: archive.officials.iter().flat_map(memberships).collect(),
        areas: (archive.districts.iter())
            .map(|d| area(archive, config, d))
            .chain(parent_areas(archive, config))
            .collect(),
    };
    json_output(config, urls::POPOLO, data)
}
