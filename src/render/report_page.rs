//! The report page's context: the report with its body, reading time, headings, the paths of
//! its date pages, breadcrumbs, its newer and older neighbours' cards and its related reports'
//! cards.

use super::contexts::{Shared, report_html};
use super::page::Page;
use super::views::ReportCard;
use crate::diagnostics::Diagnostic;
use crate::site_file::Output;
use crate::urls;
use serde::Serialize;

#[derive(Serialize)]
struct Crumb {
    title: String,
    path: String,
}

#[derive(Serialize)]
struct ReportView<'a> {
    #[serde(flatten)]
    card: CardOf<'a>,
    content: BodyHtml<'a>,
    source_url: Option<&'a str>,
    reading_minutes: usize,
    char_count: usize,
    headings: &'a [crate::content::markdown::Heading],
    extra: &'a serde_json::Value,
    year_path: String,
    month_path: String,
    day_path: String,
    /// The body holds highlighted code (the page needs `syntax.css`).
    has_code: bool,
    /// The plain text keys of the front matter: each one, `none` when not given.
    #[serde(flatten)]
    plain: std::collections::BTreeMap<&'static str, Option<&'a str>>,
}

/// The report's card, made only when the page is rendered (its key hashes the card's key).
struct CardOf<'a> {
    report: &'a crate::content::Report,
    paths: &'a super::views::EntityPaths,
    locale: super::i18n::Locale,
}

impl Serialize for CardOf<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ReportCard::new(self.report, self.paths, self.locale).serialize(serializer)
    }
}

/// The body's HTML, made only when the page is rendered (its key hashes the body's key).
struct BodyHtml<'a>(&'a crate::content::Body);

impl Serialize for BodyHtml<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.html())
    }
}

struct ReportFields<'a> {
    report: ReportView<'a>,
    breadcrumbs: Vec<Crumb>,
    /// The key of the report's card in the card table: the same value as `report.card`.
    card_key: Option<u64>,
}

// By hand rather than by `template_fields!`: the view's flattened parts are hashed one by one
// (bincode cannot encode a flattened struct, and hashing its JSON costs a tenth of a rebuild).
impl super::contexts::TemplateFields for ReportFields<'_> {
    fn insert_into(&self, context: &mut tera::Context) {
        context.insert("report", &self.report);
        context.insert("breadcrumbs", &self.breadcrumbs);
    }

    fn hash_into(&self, key: &mut super::reuse::KeyWriter) {
        let v = &self.report;
        key.card(self.card_key);
        key.field("report.content", &v.content.0.key());
        key.field("report.source_url", &v.source_url);
        key.field("report.reading_minutes", &v.reading_minutes);
        key.field("report.char_count", &v.char_count);
        key.field("report.headings", v.headings);
        key.field("report.extra", v.extra);
        key.field("report.year_path", &v.year_path);
        key.field("report.month_path", &v.month_path);
        key.field("report.day_path", &v.day_path);
        key.field("report.has_code", &v.has_code);
        key.field("report.plain", &v.plain);
        key.field("breadcrumbs", &self.breadcrumbs);
    }

    #[cfg(test)]
    fn names(&self) -> Vec<&'static str> {
        vec!["report", "breadcrumbs"]
    }
}

/// Renders the page of report `i`.
pub fn render(page: &Page, s: &Shared, i: usize) -> Result<Vec<Output>, Diagnostic> {
    let locale = s.renderer.locale;
    let r = &s.archive.reports[i];
    let report = ReportView {
        card: CardOf {
            report: r,
            paths: &s.entity_paths,
            locale,
        },
        content: BodyHtml(&r.body),
        source_url: r.source_url.as_deref(),
        reading_minutes: r.reading_minutes(),
        char_count: r.char_count,
        headings: &r.headings,
        extra: &r.extra,
        year_path: urls::year(r.date.year),
        month_path: urls::month(r.date.year, r.date.month),
        day_path: urls::day(r.date),
        has_code: r.body.has_code(),
        plain: crate::content::fields::plain()
            .map(|f| {
                let given = r.plain.iter().find(|(k, _)| *k == f.key);
                (f.key, given.map(|(_, v)| v.as_str()))
            })
            .collect(),
    };
    let breadcrumbs = vec![
        Crumb {
            title: locale.strings()["home"].to_string(),
            path: urls::HOME.to_string(),
        },
        Crumb {
            title: locale.year(r.date.year),
            path: urls::year(r.date.year),
        },
        Crumb {
            title: locale.month(r.date.month),
            path: urls::month(r.date.year, r.date.month),
        },
    ];
    let meta = s.meta(page, "report", r.title.clone());
    // The JSON-LD is made from what the key already holds (the report's fields and entity
    // links in its view and card, the breadcrumbs, the settings), so only a rendered page needs it.
    let mut crumbs: Vec<(String, String)> = (breadcrumbs.iter())
        .map(|c| (c.title.clone(), c.path.clone()))
        .collect();
    let structured_data = |meta: &mut super::contexts::Meta| {
        if s.config.outputs.structured_data {
            crumbs.push((r.title.clone(), r.path()));
            let json = super::structured_data::report(&s.entity_paths, s.config, r, &crumbs);
            meta.structured_data = Some(json);
        }
    };
    report_html(
        s,
        page,
        meta,
        ReportFields {
            report,
            breadcrumbs,
            card_key: s.cards.key(i),
        },
        i,
        structured_data,
    )
}
