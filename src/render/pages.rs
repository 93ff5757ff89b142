//! The pages of the site: which pages exist ([`jobs`]) and the context each template gets
//! ([`render_job`]). One job is one output file (or a few for feeds), so rendering parallelises
//! evenly and list pages only ever touch the slice of reports they show.

use super::views::{self, EntityPaths, EntityView, Paginator, ReportCard, page_path};
use super::{Output, Renderer, feeds};
use crate::archive::{Archive, EntityKind};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use serde::Serialize;
use tera::{Context, Value};

/// Reports shown on the home page.
pub const HOME_LATEST: usize = 10;

/// One unit of rendering work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    Home,
    Report(usize),
    Year {
        year: usize,
        page: usize,
    },
    Month {
        year: usize,
        month: usize,
        page: usize,
    },
    Day {
        year: usize,
        month: usize,
        day: usize,
        page: usize,
    },
    Archive,
    EntityIndex(EntityKind),
    Entity {
        kind: EntityKind,
        index: usize,
        page: usize,
    },
    Search,
    NotFound,
    SiteFeed,
    EntityFeed {
        kind: EntityKind,
        index: usize,
    },
    Sitemap,
    Robots,
    ThemeStatic,
    SearchIndex,
}

impl Job {
    /// True for jobs that produce one HTML page a reader can visit.
    pub fn is_html_page(&self) -> bool {
        !matches!(
            self,
            Job::SiteFeed
                | Job::EntityFeed { .. }
                | Job::Sitemap
                | Job::Robots
                | Job::ThemeStatic
                | Job::SearchIndex
        )
    }
}

fn pages_of(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page).max(1)
}

/// Every job of the site, in a fixed order.
pub fn jobs(archive: &Archive, config: &Config, renderer: &Renderer) -> Vec<Job> {
    let per = config.paginate;
    let mut jobs = vec![
        Job::Home,
        Job::Archive,
        Job::NotFound,
        Job::SiteFeed,
        Job::Sitemap,
        Job::Robots,
        Job::ThemeStatic,
    ];
    jobs.extend((0..archive.reports.len()).map(Job::Report));
    for (y, year) in archive.years.iter().enumerate() {
        jobs.extend(
            (1..=pages_of(year.reports.len(), per)).map(|page| Job::Year { year: y, page }),
        );
        for (m, month) in year.months.iter().enumerate() {
            jobs.extend(
                (1..=pages_of(month.reports.len(), per)).map(|page| Job::Month {
                    year: y,
                    month: m,
                    page,
                }),
            );
            for (d, day) in month.days.iter().enumerate() {
                jobs.extend((1..=pages_of(day.reports.len(), per)).map(|page| Job::Day {
                    year: y,
                    month: m,
                    day: d,
                    page,
                }));
            }
        }
    }
    for kind in [EntityKind::Official, EntityKind::District, EntityKind::Tag] {
        jobs.push(Job::EntityIndex(kind));
        for (index, entity) in archive.entities(kind).iter().enumerate() {
            jobs.extend(
                (1..=pages_of(entity.reports.len(), per)).map(|page| Job::Entity {
                    kind,
                    index,
                    page,
                }),
            );
            if kind != EntityKind::Tag {
                jobs.push(Job::EntityFeed { kind, index });
            }
        }
    }
    if config.search {
        if renderer.has_template("search.html") {
            jobs.push(Job::Search);
        }
        jobs.push(Job::SearchIndex);
    }
    jobs
}

/// A report card as a template value: made once per report and shared by every list page (and
/// remade by the preview server for a report whose title or summary changed).
pub fn card_value(
    report: &crate::content::Report,
    paths: &EntityPaths,
    locale: super::i18n::Locale,
) -> Value {
    Value::from_serializable(&ReportCard::new(report, paths, locale))
}

/// What every job reads: the archive, the config, the renderer and the prepared report cards.
pub struct Shared<'a> {
    pub archive: &'a Archive,
    pub config: &'a Config,
    pub renderer: &'a Renderer,
    pub cards: Vec<Value>,
    pub entity_paths: EntityPaths,
}

impl<'a> Shared<'a> {
    pub fn new(archive: &'a Archive, config: &'a Config, renderer: &'a Renderer) -> Shared<'a> {
        use rayon::prelude::*;
        let entity_paths = EntityPaths::new(archive);
        let cards = archive
            .reports
            .par_iter()
            .map(|r| card_value(r, &entity_paths, renderer.locale))
            .collect();
        Shared {
            archive,
            config,
            renderer,
            cards,
            entity_paths,
        }
    }

    fn cards(&self, ids: &[usize]) -> Value {
        Value::from(
            ids.iter()
                .map(|&i| self.cards[i].clone())
                .collect::<Vec<_>>(),
        )
    }

    /// A context for the page at `path` (site-relative, `""` for the home page).
    fn context(&self, path: &str, kind: &str, title: &str) -> Context {
        let mut c = Context::new();
        let depth = path.matches('/').count();
        let root = if depth == 0 {
            "./".to_string()
        } else {
            "../".repeat(depth)
        };
        c.insert("root", &root);
        c.insert("page_path", path);
        c.insert("permalink", &self.config.permalink(path));
        c.insert("page_kind", kind);
        c.insert("page_title", title);
        c
    }

    fn html(
        &self,
        template: &str,
        path: &str,
        context: &Context,
    ) -> Result<Vec<Output>, Diagnostic> {
        let bytes = self.renderer.render(template, context)?;
        Ok(vec![Output {
            path: format!("{path}index.html"),
            bytes,
        }])
    }

    /// A paginated list page: inserts `reports` and `paginator` and renders.
    fn list_page(
        &self,
        template: &str,
        base: &str,
        page: usize,
        ids: &[usize],
        mut context_for: impl FnMut(&str) -> Context,
    ) -> Result<Vec<Output>, Diagnostic> {
        let per = self.config.paginate;
        let total = pages_of(ids.len(), per);
        let path = page_path(base, page);
        let mut c = context_for(&path);
        let start = (page - 1) * per;
        let end = (start + per).min(ids.len());
        c.insert_value("reports", self.cards(&ids[start..end]));
        c.insert(
            "paginator",
            &Paginator::new(base, page, total, per, ids.len()),
        );
        self.html(template, &path, &c)
    }
}

#[derive(Serialize)]
struct Crumb {
    title: String,
    path: String,
}

#[derive(Serialize)]
struct ReportView<'a> {
    #[serde(flatten)]
    card: ReportCard<'a>,
    content: &'a str,
    source_url: Option<&'a str>,
    reading_minutes: usize,
    char_count: usize,
    headings: &'a [crate::content::markdown::Heading],
    extra: &'a serde_json::Value,
    year_path: String,
    month_path: String,
    day_path: String,
}

/// Renders one job into its output files.
pub fn render_job(job: &Job, s: &Shared) -> Result<Vec<Output>, Diagnostic> {
    let a = s.archive;
    let locale = s.renderer.locale;
    let t = locale.strings();
    match *job {
        Job::Home => {
            let mut c = s.context("", "home", &s.config.title);
            let latest: Vec<usize> = (0..a.reports.len().min(HOME_LATEST)).collect();
            c.insert_value("reports", s.cards(&latest));
            c.insert("years", &views::years(a, locale));
            c.insert("report_count", &a.reports.len());
            let top = |kind: EntityKind| -> Vec<EntityView> {
                a.entities(kind)
                    .iter()
                    .take(12)
                    .map(|e| EntityView::new(e, a, locale))
                    .collect()
            };
            c.insert("top_officials", &top(EntityKind::Official));
            c.insert("top_districts", &top(EntityKind::District));
            c.insert("top_tags", &top(EntityKind::Tag));
            c.insert("official_count", &a.officials.len());
            c.insert("district_count", &a.districts.len());
            s.html("index.html", "", &c)
        }
        Job::Report(i) => {
            let r = &a.reports[i];
            let path = r.path();
            let mut c = s.context(&path, "report", &r.title);
            let view = ReportView {
                card: ReportCard::new(r, &s.entity_paths, locale),
                content: &r.html,
                source_url: r.source_url.as_deref(),
                reading_minutes: r.reading_minutes(),
                char_count: r.char_count,
                headings: &r.headings,
                extra: &r.extra,
                year_path: views::year_path(r.date.year),
                month_path: views::month_path(r.date.year, r.date.month),
                day_path: views::day_path(r.date),
            };
            c.insert("report", &view);
            c.insert_value(
                "newer",
                if i > 0 {
                    s.cards[i - 1].clone()
                } else {
                    Value::none()
                },
            );
            c.insert_value(
                "older",
                s.cards.get(i + 1).cloned().unwrap_or_else(Value::none),
            );
            let crumbs = vec![
                Crumb {
                    title: t["home"].to_string(),
                    path: String::new(),
                },
                Crumb {
                    title: locale.year(r.date.year),
                    path: views::year_path(r.date.year),
                },
                Crumb {
                    title: locale.month(r.date.month),
                    path: views::month_path(r.date.year, r.date.month),
                },
            ];
            c.insert("breadcrumbs", &crumbs);
            s.html("report.html", &path, &c)
        }
        Job::Year { year, page } => {
            let y = &a.years[year];
            let base = views::year_path(y.year);
            let label = locale.year(y.year);
            let year_view = views::years(a, locale).into_iter().nth(year);
            s.list_page("year.html", &base, page, &y.reports, |p| {
                let mut c = s.context(p, "year", &label);
                c.insert("year", &year_view);
                c
            })
        }
        Job::Month { year, month, page } => {
            let y = &a.years[year];
            let m = &y.months[month];
            let base = views::month_path(y.year, m.month);
            let label = locale.year_month(y.year, m.month);
            let days: Vec<DayLink> = m
                .days
                .iter()
                .rev()
                .map(|d| DayLink {
                    day: d.day,
                    path: views::day_path(crate::content::Date {
                        year: y.year,
                        month: m.month,
                        day: d.day,
                    }),
                    count: d.reports.len(),
                })
                .collect();
            s.list_page("month.html", &base, page, &m.reports, |p| {
                let mut c = s.context(p, "month", &label);
                c.insert("year", &y.year);
                c.insert("year_label", &locale.year(y.year));
                c.insert("year_path", &views::year_path(y.year));
                c.insert("month", &m.month);
                c.insert("month_label", &label);
                c.insert("days", &days);
                c
            })
        }
        Job::Day {
            year,
            month,
            day,
            page,
        } => {
            let y = &a.years[year];
            let m = &y.months[month];
            let d = &m.days[day];
            let date = crate::content::Date {
                year: y.year,
                month: m.month,
                day: d.day,
            };
            let base = views::day_path(date);
            let label = locale.date(date);
            s.list_page("day.html", &base, page, &d.reports, |p| {
                let mut c = s.context(p, "day", &label);
                c.insert("date", &date.iso());
                c.insert("date_label", &label);
                c.insert("year_path", &views::year_path(y.year));
                c.insert("year_label", &locale.year(y.year));
                c.insert("month_path", &views::month_path(y.year, m.month));
                c.insert("month_label", &locale.month(m.month));
                c
            })
        }
        Job::Archive => {
            let mut c = s.context("archive/", "archive", t["archive_title"]);
            c.insert("years", &views::years(a, locale));
            c.insert("report_count", &a.reports.len());
            s.html("archive.html", "archive/", &c)
        }
        Job::EntityIndex(kind) => {
            let path = format!("{}/", kind.section());
            let mut c = s.context(&path, kind.section(), t[kind.section()]);
            let list: Vec<EntityView> = a
                .entities(kind)
                .iter()
                .map(|e| EntityView::new(e, a, locale))
                .collect();
            c.insert("entities", &list);
            c.insert("kind", kind.section());
            s.html(&format!("{}.html", kind.section()), &path, &c)
        }
        Job::Entity { kind, index, page } => {
            let e = &a.entities(kind)[index];
            let view = EntityView::new(e, a, locale);
            let template = match kind {
                EntityKind::Official => "official.html",
                EntityKind::District => "district.html",
                EntityKind::Tag => "tag.html",
            };
            s.list_page(template, &e.path(), page, &e.reports, |p| {
                let mut c = s.context(p, template.trim_end_matches(".html"), &e.name);
                c.insert("entity", &view);
                c
            })
        }
        Job::Search => {
            let mut c = s.context("search/", "search", t["search"]);
            let list = |kind: EntityKind| -> Vec<SearchFilter> {
                a.entities(kind)
                    .iter()
                    .map(|e| SearchFilter {
                        name: &e.name,
                        slug: &e.slug,
                        path: e.path(),
                        count: e.reports.len(),
                    })
                    .collect()
            };
            c.insert("officials", &list(EntityKind::Official));
            c.insert("districts", &list(EntityKind::District));
            let years: Vec<YearCount> = a
                .years
                .iter()
                .map(|y| YearCount {
                    year: y.year,
                    count: y.reports.len(),
                })
                .collect();
            c.insert("years", &years);
            s.html("search.html", "search/", &c)
        }
        Job::NotFound => {
            let mut c = s.context("", "404", t["not_found"]);
            c.insert("root", &format!("{}/", s.config.base_url));
            let bytes = s.renderer.render("404.html", &c)?;
            Ok(vec![Output {
                path: "404.html".into(),
                bytes,
            }])
        }
        Job::SiteFeed => Ok(vec![feeds::site_feed(s)]),
        Job::EntityFeed { kind, index } => {
            Ok(vec![feeds::entity_feed(s, &a.entities(kind)[index])])
        }
        Job::Sitemap => Ok(feeds::sitemaps(s)),
        Job::Robots => Ok(vec![feeds::robots(s.config)]),
        Job::ThemeStatic => Ok(s
            .renderer
            .theme
            .static_files
            .iter()
            .map(|(path, bytes)| Output {
                path: path.clone(),
                bytes: bytes.clone(),
            })
            .collect()),
        Job::SearchIndex => Ok(crate::search_index::outputs(a)),
    }
}

#[derive(Serialize)]
struct DayLink {
    day: u8,
    path: String,
    count: usize,
}

#[derive(Serialize)]
struct SearchFilter<'a> {
    name: &'a str,
    slug: &'a str,
    path: String,
    count: usize,
}

#[derive(Serialize)]
struct YearCount {
    year: i32,
    count: usize,
}
