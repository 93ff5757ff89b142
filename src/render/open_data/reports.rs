//! `data/reports.json` and `data/reports.csv`: one record per report, newest first, with the
//! officials (and their roles), districts and tags it names.

use super::{Lookup, NamedEntity, csv_output, join, json_output, venue};
use crate::archive::{Archive, EntityKind};
use crate::config::Config;
use crate::content::Report;
use crate::site_file::Output;
use crate::urls;
use serde::Serialize;

/// The columns of `data/reports.csv`, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "date",
    "datetime",
    "title",
    "url",
    "officials",
    "roles",
    "districts",
    "tags",
    "venue",
    "source_url",
    "summary",
];

#[derive(Serialize)]
struct ReportRecord<'a> {
    date: String,
    datetime: Option<&'a str>,
    title: &'a str,
    url: String,
    officials: Vec<NamedEntity<'a>>,
    districts: Vec<NamedEntity<'a>>,
    tags: Vec<NamedEntity<'a>>,
    venue: Option<&'a str>,
    source_url: Option<&'a str>,
    summary: &'a str,
}

#[derive(Serialize)]
struct ReportsData<'a> {
    reports: Vec<ReportRecord<'a>>,
}

fn record<'a>(r: &'a Report, lookup: &'a Lookup<'a>, config: &Config) -> ReportRecord<'a> {
    ReportRecord {
        date: r.date.iso(),
        datetime: r.datetime.as_deref(),
        title: &r.title,
        url: config.permalink(&r.path()),
        officials: (r.officials.iter())
            .filter_map(|a| lookup.named(EntityKind::Official, &a.name, a.role.as_deref()))
            .collect(),
        districts: (r.districts.iter())
            .filter_map(|d| lookup.named(EntityKind::District, d, None))
            .collect(),
        tags: (r.tags.iter())
            .filter_map(|t| lookup.named(EntityKind::Tag, t, None))
            .collect(),
        venue: venue(r),
        source_url: r.source_url.as_deref(),
        summary: &r.summary,
    }
}

/// `data/reports.json`.
pub fn json(archive: &Archive, config: &Config) -> Output {
    use rayon::prelude::*;
    let lookup = Lookup::new(archive, config);
    let reports = archive.reports.par_iter();
    let data = ReportsData {
        reports: reports.map(|r| record(r, &lookup, config)).collect(),
    };
    json_output(config, urls::REPORTS_JSON, data)
}

/// `data/reports.csv`: lists joined with `;`; `roles` holds the role of the official at the
/// same position of `officials` (empty when the report gives none).
pub fn csv(archive: &Archive, config: &Config) -> Output {
    let rows = archive.reports.iter().map(|r| {
        vec![
            r.date.iso(),
            r.datetime.clone().unwrap_or_default(),
            r.title.clone(),
            config.permalink(&r.path()),
            join(r.officials.iter().map(|a| a.name.as_str())),
            join(r.officials.iter().map(|a| a.role.as_deref().unwrap_or(""))),
            join(r.districts.iter().map(String::as_str)),
            join(r.tags.iter().map(String::as_str)),
            venue(r).unwrap_or_default().to_string(),
            r.source_url.clone().unwrap_or_default(),
            r.summary.clone(),
        ]
    });
    csv_output(urls::REPORTS_CSV, CSV_COLUMNS, rows)
}
