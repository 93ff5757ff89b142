//! `data/officials.{json,csv}` and `data/districts.{json,csv}`: one record per official or
//! district, in the archive's order (most reports first, then slug), with aliases from the
//! registry, report counts and first/last dates; officials add the roles they held over time
//! and every district they were reported in, districts their parent.

use super::{Lookup, csv_output, date_span, join, json_output};
use crate::archive::{Archive, Entity, EntityKind, RoleSpan};
use crate::config::Config;
use crate::site_file::Output;
use crate::urls;
use serde::Serialize;
use std::collections::HashMap;

/// The columns of `data/officials.csv`, in order.
pub const OFFICIAL_COLUMNS: &[&str] = &[
    "name",
    "slug",
    "url",
    "aliases",
    "report_count",
    "first_date",
    "last_date",
    "roles",
    "districts",
];

/// The columns of `data/districts.csv`, in order.
pub const DISTRICT_COLUMNS: &[&str] = &[
    "name",
    "slug",
    "url",
    "aliases",
    "parent",
    "report_count",
    "first_date",
    "last_date",
];

#[derive(Serialize)]
struct RoleRecord<'a> {
    role: &'a str,
    first_date: String,
    last_date: String,
    report_count: usize,
}

#[derive(Serialize)]
struct DistrictCount<'a> {
    name: &'a str,
    slug: &'a str,
    report_count: usize,
}

#[derive(Serialize)]
struct OfficialRecord<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    aliases: &'a [String],
    description: Option<&'a str>,
    report_count: usize,
    first_date: Option<String>,
    last_date: Option<String>,
    roles: Vec<RoleRecord<'a>>,
    districts: Vec<DistrictCount<'a>>,
}

#[derive(Serialize)]
struct DistrictRecord<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    aliases: &'a [String],
    description: Option<&'a str>,
    parent: Option<&'a str>,
    report_count: usize,
    first_date: Option<String>,
    last_date: Option<String>,
}

#[derive(Serialize)]
struct Officials<'a> {
    officials: Vec<OfficialRecord<'a>>,
}

#[derive(Serialize)]
struct Districts<'a> {
    districts: Vec<DistrictRecord<'a>>,
}

/// Every district an official was reported in with how often: most reports first, then slug.
fn districts_of<'a>(
    archive: &'a Archive,
    lookup: &Lookup<'a>,
    e: &Entity,
) -> Vec<DistrictCount<'a>> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for &i in &e.reports {
        for d in &archive.reports[i].districts {
            *counts.entry(d.as_str()).or_default() += 1;
        }
    }
    let mut list: Vec<DistrictCount> = counts
        .into_iter()
        .filter_map(|(name, report_count)| {
            let district = lookup.get(EntityKind::District, name)?;
            Some(DistrictCount {
                name: &district.name,
                slug: &district.slug,
                report_count,
            })
        })
        .collect();
    list.sort_by(|a, b| b.report_count.cmp(&a.report_count).then(a.slug.cmp(b.slug)));
    list
}

fn role_record(span: &RoleSpan) -> RoleRecord<'_> {
    RoleRecord {
        role: &span.role,
        first_date: span.first.iso(),
        last_date: span.last.iso(),
        report_count: span.count,
    }
}

fn official<'a>(
    archive: &'a Archive,
    config: &'a Config,
    lookup: &Lookup<'a>,
    e: &'a Entity,
) -> OfficialRecord<'a> {
    let entry = config.officials.lookup(&e.name);
    let (first_date, last_date) = date_span(archive, e);
    OfficialRecord {
        name: &e.name,
        slug: &e.slug,
        url: config.permalink(&e.path()),
        aliases: entry.map_or(&[], |r| r.aliases.as_slice()),
        description: e.description.as_deref(),
        report_count: e.reports.len(),
        first_date,
        last_date,
        roles: e.roles.iter().map(role_record).collect(),
        districts: districts_of(archive, lookup, e),
    }
}

fn district<'a>(archive: &'a Archive, config: &'a Config, e: &'a Entity) -> DistrictRecord<'a> {
    let entry = config.districts.lookup(&e.name);
    let (first_date, last_date) = date_span(archive, e);
    DistrictRecord {
        name: &e.name,
        slug: &e.slug,
        url: config.permalink(&e.path()),
        aliases: entry.map_or(&[], |r| r.aliases.as_slice()),
        description: e.description.as_deref(),
        parent: entry.and_then(|r| r.parent.as_deref()),
        report_count: e.reports.len(),
        first_date,
        last_date,
    }
}

/// `data/officials.json`.
pub fn officials_json(archive: &Archive, config: &Config) -> Output {
    let lookup = Lookup::new(archive, config);
    let officials = archive.officials.iter();
    let data = Officials {
        officials: officials
            .map(|e| official(archive, config, &lookup, e))
            .collect(),
    };
    json_output(config, urls::OFFICIALS_JSON, data)
}

/// `data/officials.csv`: `roles` as `role (first/last)` (ISO 8601 intervals), `districts` as
/// names, most reports first.
pub fn officials_csv(archive: &Archive, config: &Config) -> Output {
    let lookup = Lookup::new(archive, config);
    let rows = archive.officials.iter().map(|e| {
        let o = official(archive, config, &lookup, e);
        let roles: Vec<String> = (o.roles.iter())
            .map(|r| format!("{} ({}/{})", r.role, r.first_date, r.last_date))
            .collect();
        vec![
            o.name.to_string(),
            o.slug.to_string(),
            o.url,
            join(o.aliases.iter().map(String::as_str)),
            o.report_count.to_string(),
            o.first_date.unwrap_or_default(),
            o.last_date.unwrap_or_default(),
            join(roles.iter().map(String::as_str)),
            join(o.districts.iter().map(|d| d.name)),
        ]
    });
    csv_output(urls::OFFICIALS_CSV, OFFICIAL_COLUMNS, rows)
}

/// `data/districts.json`.
pub fn districts_json(archive: &Archive, config: &Config) -> Output {
    let districts = archive.districts.iter();
    let data = Districts {
        districts: districts.map(|e| district(archive, config, e)).collect(),
    };
    json_output(config, urls::DISTRICTS_JSON, data)
}

/// `data/districts.csv`.
pub fn districts_csv(archive: &Archive, config: &Config) -> Output {
    let rows = archive.districts.iter().map(|e| {
        let d = district(archive, config, e);
        vec![
            d.name.to_string(),
            d.slug.to_string(),
            d.url,
            join(d.aliases.iter().map(String::as_str)),
            d.parent.unwrap_or_default().to_string(),
            d.report_count.to_string(),
            d.first_date.unwrap_or_default(),
            d.last_date.unwrap_or_default(),
        ]
    });
    csv_output(urls::DISTRICTS_CSV, DISTRICT_COLUMNS, rows)
}
