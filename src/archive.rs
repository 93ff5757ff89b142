//! The archive: every index a reader browses by, built once from the loaded reports.
//!
//! Pure and in memory: reports sorted newest first; the date tree (year → month → day); one
//! [`Entity`] per official, district and tag with the reports naming it, newest first, plus what
//! the entity pages show (roles held over time, the districts and officials seen with it most).
//! Indexes hold positions into `reports`, never copies, so memory grows with the archive, not
//! with the number of pages. Each report's related reports are computed here too
//! ([`related`]). URL collisions (two reports or two entities on one URL) are errors
//! naming both sources: nothing is ever silently overwritten.

use crate::config::{CONFIG_FILE, Config, Registry};
use crate::content::{Date, Report};
use crate::diagnostics::{Diagnostic, display_path};
use crate::text::slug::{heteronyms, slugify};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// How many related districts or officials an entity page shows.
pub const RELATED_LIMIT: usize = 8;

pub use crate::kinds::EntityKind;

#[path = "archive_related.rs"]
pub mod related;

/// A role an official held, as reports name it, with the first and last report date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleSpan {
    pub role: String,
    pub first: Date,
    pub last: Date,
    pub count: usize,
}

/// An official, district or tag with everything its pages show.
#[derive(Debug, Clone)]
pub struct Entity {
    pub kind: EntityKind,
    pub name: String,
    pub slug: String,
    pub description: Option<String>,
    pub aliases: Vec<String>,
    /// Positions in [`Archive::reports`], newest first.
    pub reports: Vec<usize>,
    /// Officials only: roles held over time, most recent first.
    pub roles: Vec<RoleSpan>,
    /// Districts named with this entity most, as (position in `Archive::districts`, count).
    pub top_districts: Vec<(usize, usize)>,
    /// Officials named with this entity most, as (position in `Archive::officials`, count).
    pub top_officials: Vec<(usize, usize)>,
}

impl Entity {
    /// Site-relative path of the entity page: `officials/<slug>/`.
    pub fn path(&self) -> String {
        crate::urls::entity(self.kind, &self.slug)
    }
}

#[derive(Debug, Clone)]
pub struct DayIndex {
    pub day: u8,
    pub reports: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct MonthIndex {
    pub month: u8,
    pub reports: Vec<usize>,
    pub days: Vec<DayIndex>,
}

#[derive(Debug, Clone)]
pub struct YearIndex {
    pub year: i32,
    pub reports: Vec<usize>,
    pub months: Vec<MonthIndex>,
}

/// The whole archive.
#[derive(Debug, Default)]
pub struct Archive {
    /// Newest first (date, then date-time, then URL).
    pub reports: Vec<Report>,
    /// Newest year first; months and days newest first too.
    pub years: Vec<YearIndex>,
    /// Most reports first, then by slug.
    pub officials: Vec<Entity>,
    pub districts: Vec<Entity>,
    pub tags: Vec<Entity>,
    /// For every report, the reports sharing most of its officials, districts and tags, best
    /// first (see [`related`]).
    pub related: Vec<Vec<usize>>,
    /// A hash of what `related` was computed from (see [`related::inputs_key`]).
    pub related_inputs: u64,
    /// What each report was ranked by, when ranking already had it (taken by [`related::known`]).
    pub related_ranked: std::sync::OnceLock<Vec<related::RankedReport>>,
}

impl Archive {
    /// Builds every index. Errors (URL collisions) and warnings (uncertain slugs) are returned
    /// beside the archive; the caller decides whether to go on.
    pub fn new(reports: Vec<Report>, config: &Config) -> (Archive, Vec<Diagnostic>) {
        Archive::new_reusing(reports, config, None)
    }

    /// As [`Archive::new`], taking the related reports a previous build `known`, if they were
    /// computed from the same inputs, instead of computing them again.
    pub fn new_reusing(
        mut reports: Vec<Report>,
        config: &Config,
        known: Option<&related::KnownRelated>,
    ) -> (Archive, Vec<Diagnostic>) {
        // Newest first; on the same day and time by path, which is then by slug (the path's
        // `/` after it included: compared without making every path).
        fn path_end(report: &Report) -> impl Iterator<Item = u8> + '_ {
            report.slug.bytes().chain([b'/'])
        }
        reports.par_sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| b.datetime.cmp(&a.datetime))
                .then_with(|| path_end(a).cmp(path_end(b)))
        });
        // The indexes are independent of each other: made side by side, their problems then
        // put in a fixed order.
        let entities_of = |kind, registry| {
            let mut problems = Vec::new();
            let list = entities(&reports, kind, registry, &mut problems);
            (list, problems)
        };
        let no_registry = Registry::default();
        let ((collisions, years), ((officials, districts), tags)) = rayon::join(
            || (url_collisions(&reports), date_tree(&reports)),
            || {
                rayon::join(
                    || {
                        rayon::join(
                            || entities_of(EntityKind::Official, &config.officials),
                            || entities_of(EntityKind::District, &config.districts),
                        )
                    },
                    || entities_of(EntityKind::Tag, &no_registry),
                )
            },
        );
        let mut problems = collisions;
        let (officials, districts, tags) = [officials, districts, tags]
            .map(|(list, found)| {
                problems.extend(found);
                list
            })
            .into();
        let mut archive = Archive {
            reports,
            years,
            officials,
            districts,
            tags,
            related: Vec::new(),
            related_inputs: 0,
            related_ranked: std::sync::OnceLock::new(),
        };
        archive.relate();
        archive.related_inputs = related::inputs_key(&archive.reports);
        archive.related = related::related_reusing(&archive, known);
        (archive, problems)
    }

    /// Finds an entity of a kind by canonical name.
    pub fn entity(&self, kind: EntityKind, name: &str) -> Option<&Entity> {
        self.entities(kind).iter().find(|e| e.name == name)
    }

    pub fn entities(&self, kind: EntityKind) -> &[Entity] {
        match kind {
            EntityKind::Official => &self.officials,
            EntityKind::District => &self.districts,
            EntityKind::Tag => &self.tags,
        }
    }

    /// Fills roles over time and the related districts and officials of every entity.
    fn relate(&mut self) {
        let official_pos: HashMap<String, usize> = self
            .officials
            .iter()
            .enumerate()
            .map(|(i, e)| (e.name.clone(), i))
            .collect();
        let district_pos: HashMap<String, usize> = self
            .districts
            .iter()
            .enumerate()
            .map(|(i, e)| (e.name.clone(), i))
            .collect();
        let reports = &self.reports;
        // Each report's officials (beside their roles) and districts as positions, looked up
        // once rather than once for every entity list the report is in.
        let named: Vec<(Vec<Option<usize>>, Vec<usize>)> = (reports.par_iter())
            .map(|r| {
                let officials = (r.officials.iter())
                    .map(|a| official_pos.get(&a.name).copied())
                    .collect();
                let districts = (r.districts.iter())
                    .filter_map(|d| district_pos.get(d).copied())
                    .collect();
                (officials, districts)
            })
            .collect();
        let (official_count, district_count) = (self.officials.len(), self.districts.len());
        // Counts by position: the most named first, then the first in the archive's order.
        let count_top = |counts: Vec<usize>| {
            let mut v: Vec<(usize, usize)> = (counts.into_iter().enumerate())
                .filter(|&(_, count)| count > 0)
                .collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(RELATED_LIMIT);
            v
        };
        // Entities are independent of each other: filled in parallel.
        self.officials
            .par_iter_mut()
            .enumerate()
            .for_each(|(own, entity)| {
                let mut districts = vec![0; district_count];
                let mut officials = vec![0; official_count];
                let mut roles: Vec<RoleSpan> = Vec::new();
                for &r in &entity.reports {
                    let report = &reports[r];
                    let (named_officials, named_districts) = &named[r];
                    for &d in named_districts {
                        districts[d] += 1;
                    }
                    for (a, &other) in report.officials.iter().zip(named_officials) {
                        let Some(other) = other else {
                            continue;
                        };
                        if other != own {
                            officials[other] += 1;
                        } else if let Some(role) = &a.role {
                            match roles.iter_mut().find(|s| &s.role == role) {
                                Some(span) => {
                                    span.first = span.first.min(report.date);
                                    span.last = span.last.max(report.date);
                                    span.count += 1;
                                }
                                None => roles.push(RoleSpan {
                                    role: role.clone(),
                                    first: report.date,
                                    last: report.date,
                                    count: 1,
                                }),
                            }
                        }
                    }
                }
                roles.sort_by(|a, b| {
                    b.last
                        .cmp(&a.last)
                        .then(b.first.cmp(&a.first))
                        .then(a.role.cmp(&b.role))
                });
                entity.roles = roles;
                entity.top_districts = count_top(districts);
                entity.top_officials = count_top(officials);
            });
        let others = self
            .districts
            .par_iter_mut()
            .chain(self.tags.par_iter_mut());
        others.for_each(|entity| {
            let mut officials = vec![0; official_count];
            let mut districts = vec![0; district_count];
            for &r in &entity.reports {
                let (named_officials, named_districts) = &named[r];
                for &p in named_officials.iter().flatten() {
                    officials[p] += 1;
                }
                if entity.kind == EntityKind::Tag {
                    for &p in named_districts {
                        districts[p] += 1;
                    }
                }
            }
            entity.top_officials = count_top(officials);
            entity.top_districts = count_top(districts);
        });
    }
}

/// Two reports on one URL: an error naming both files.
fn url_collisions(reports: &[Report]) -> Vec<Diagnostic> {
    let mut seen: HashMap<String, &Report> = HashMap::with_capacity(reports.len());
    let mut problems = Vec::new();
    for report in reports {
        if let Some(first) = seen.insert(report.path(), report) {
            problems.push(
                Diagnostic::error(
                    &report.source,
                    format!(
                        "two reports would be published at `/{}`: `{}` and `{}`",
                        report.path(),
                        display_path(&first.source),
                        display_path(&report.source)
                    ),
                )
                .with_hint("give one of them another `slug:` in its front matter"),
            );
        }
    }
    problems
}

fn date_tree(reports: &[Report]) -> Vec<YearIndex> {
    let mut years: Vec<YearIndex> = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        let Date { year, month, day } = r.date;
        if years.last().is_none_or(|y| y.year != year) {
            years.push(YearIndex {
                year,
                reports: Vec::new(),
                months: Vec::new(),
            });
        }
        let y = years.last_mut().expect("pushed above");
        y.reports.push(i);
        if y.months.last().is_none_or(|m| m.month != month) {
            y.months.push(MonthIndex {
                month,
                reports: Vec::new(),
                days: Vec::new(),
            });
        }
        let m = y.months.last_mut().expect("pushed above");
        m.reports.push(i);
        if m.days.last().is_none_or(|d| d.day != day) {
            m.days.push(DayIndex {
                day,
                reports: Vec::new(),
            });
        }
        m.days.last_mut().expect("pushed above").reports.push(i);
    }
    years
}

/// Groups reports by the names of one kind and gives each a slug.
fn entities(
    reports: &[Report],
    kind: EntityKind,
    registry: &Registry,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Entity> {
    let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in reports.iter().enumerate() {
        let names: Box<dyn Iterator<Item = &str>> = match kind {
            EntityKind::Official => Box::new(r.officials.iter().map(|a| a.name.as_str())),
            EntityKind::District => Box::new(r.districts.iter().map(String::as_str)),
            EntityKind::Tag => Box::new(r.tags.iter().map(String::as_str)),
        };
        for name in names {
            by_name.entry(name).or_default().push(i);
        }
    }
    let mut list: Vec<Entity> = Vec::with_capacity(by_name.len());
    let mut slug_owner: HashMap<String, (String, String)> = HashMap::new();
    for (name, report_ids) in by_name {
        let entry = registry.lookup(name);
        let first_source = display_path(&reports[report_ids[0]].source);
        let (slug, origin) = match entry.and_then(|e| e.slug.clone()) {
            Some(s) => (s, format!("{CONFIG_FILE} [{}.\"{name}\"]", kind.section())),
            None => {
                let s = slugify(name);
                if kind != EntityKind::Tag && !heteronyms(name).is_empty() && !s.is_empty() {
                    let readings: Vec<String> = heteronyms(name)
                        .into_iter()
                        .map(|(c, r)| format!("{c}: {}", r.join("/")))
                        .collect();
                    problems.push(
                        Diagnostic::warning(
                            &first_source,
                            format!(
                                "the URL slug `{s}` of {} `{name}` may be misread ({})",
                                kind_word(kind),
                                readings.join(", ")
                            ),
                        )
                        .with_hint(format!(
                            "set it in `{CONFIG_FILE}`: `[{}.\"{name}\"]` with `slug = \"…\"`",
                            kind.section()
                        )),
                    );
                }
                (s, first_source.clone())
            }
        };
        if slug.is_empty() {
            problems.push(
                Diagnostic::error(
                    &first_source,
                    format!("cannot make a URL slug for {} `{name}`", kind_word(kind)),
                )
                .with_hint(format!(
                    "set one in `{CONFIG_FILE}`: `[{}.\"{name}\"]` with `slug = \"…\"`",
                    kind.section()
                )),
            );
            continue;
        }
        if let Some((other_name, other_origin)) = slug_owner.get(&slug) {
            problems.push(
                Diagnostic::error(&first_source, format!(
                    "{} `{other_name}` ({other_origin}) and `{name}` ({origin}) would share the URL `/{}/{slug}/`",
                    kind_word(kind), kind.section()
                ))
                .with_hint(format!("give one of them its own slug in `{CONFIG_FILE}`, or merge them with `aliases`")),
            );
            continue;
        }
        slug_owner.insert(slug.clone(), (name.to_string(), origin));
        list.push(Entity {
            kind,
            name: name.to_string(),
            slug,
            description: entry.and_then(|e| e.description.clone()),
            aliases: entry.map(|e| e.aliases.clone()).unwrap_or_default(),
            reports: report_ids,
            roles: Vec::new(),
            top_districts: Vec::new(),
            top_officials: Vec::new(),
        });
    }
    list.sort_by(|a, b| {
        b.reports
            .len()
            .cmp(&a.reports.len())
            .then_with(|| a.slug.cmp(&b.slug))
    });
    list
}

fn kind_word(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Official => "official",
        EntityKind::District => "district",
        EntityKind::Tag => "tag",
    }
}

#[cfg(test)]
#[path = "archive_tests.rs"]
mod tests;
