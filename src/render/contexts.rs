//! What each template sees: one typed context per [`PageKind`], serialised for Tera.
//!
//! Every HTML page gets [`Meta`] (`root`, `page_path`, `permalink`, `page_kind`, `page_title`)
//! and its kind's own struct; list pages add `reports` (report cards) and `paginator`. Report
//! cards are made once per report ([`card_value`]) and shared by every page that lists them, so
//! they travel beside the typed context as prebuilt values ([`Cards`]). docs/themes.md lists
//! every field; a test keeps the two in step.

use super::file_keys::{EntityFile, SiteFile};
use super::open_data::{calendar, json_feed};
use super::page::{Page, PageKind};
use super::reuse::{KeyWriter, Reuse};
use super::views::{EntityPaths, Paginator};
use super::{Renderer, date_pages, feeds, list_pages, search_page, structured_data};
use crate::archive::Archive;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::site_file::Output;
use crate::urls;
use tera::Context;

pub use super::cards::{CardTable, card_value};

/// What every page reads: the archive, the config, the renderer and the prepared report cards.
pub struct Shared<'a> {
    pub archive: &'a Archive,
    pub config: &'a Config,
    pub renderer: &'a Renderer,
    pub cards: CardTable,
    pub entity_paths: EntityPaths,
    /// The sitemap's URLs and dates, in order, taken from the page list being rendered (empty
    /// where the sitemap is not rendered: a preview patch, whose pages never include it).
    pub sitemap: Vec<(String, Option<String>)>,
    /// Page keys of this render and of the previous one (`None`: render every page).
    pub reuse: Option<&'a Reuse<'a>>,
    /// Every report's iCalendar event, each made when a calendar that lists it is rendered.
    pub calendar_events: calendar::Events<'a>,
    /// Entity views and the district tree, made once for every page that shows them.
    pub views: super::shared_views::SharedViews<'a>,
    /// Keys of the entities' feeds and calendars.
    pub file_keys: super::file_keys::FileKeys,
    /// The site's feeds and calendar, which every page links to as alternates.
    site_alternates: Vec<structured_data::Alternate>,
}

impl<'a> Shared<'a> {
    pub fn new(archive: &'a Archive, config: &'a Config, renderer: &'a Renderer) -> Shared<'a> {
        let entity_paths = EntityPaths::new(archive);
        let cards = CardTable::new(archive, &entity_paths, renderer.locale);
        Shared::with_cards(archive, config, renderer, cards, entity_paths)
    }

    /// A render with cards made beforehand (the preview keeps them between patches).
    pub fn with_cards(
        archive: &'a Archive,
        config: &'a Config,
        renderer: &'a Renderer,
        cards: CardTable,
        entity_paths: EntityPaths,
    ) -> Shared<'a> {
        Shared {
            archive,
            config,
            renderer,
            cards,
            entity_paths,
            sitemap: Vec::new(),
            reuse: None,
            calendar_events: calendar::Events::new(archive, config),
            file_keys: Default::default(),
            views: super::shared_views::SharedViews::new(archive),
            site_alternates: structured_data::feed_alternates(config, urls::HOME, &config.title),
        }
    }

    /// The view of entity `index` of `kind`, made once per render.
    pub(super) fn entity_view(
        &self,
        kind: crate::archive::EntityKind,
        index: usize,
    ) -> &super::views::EntityView<'a> {
        self.views
            .entity(self.archive, self.renderer.locale, kind, index)
    }

    /// The feed or calendar `file` of an entity, unless the previous build made it from the
    /// same inputs (then it is kept: no output).
    fn entity_file(
        &self,
        page: &Page,
        file: super::file_keys::EntityFile,
        entity: &crate::archive::Entity,
        make: impl FnOnce() -> Output,
    ) -> Rendered {
        if let Some(reuse) = self.reuse {
            let key = self.file_keys.entity(self.archive, file, entity);
            if reuse.unchanged_file(&page.path, key) {
                return Ok(Vec::new());
            }
        }
        Ok(vec![make()])
    }

    /// The site-wide file `make` makes for `page`, unless the previous build made it from the
    /// same inputs (then it is kept: no output).
    fn site_file(
        &self,
        page: &Page,
        file: super::file_keys::SiteFile,
        make: impl FnOnce() -> Output,
    ) -> Rendered {
        if let Some(reuse) = self.reuse {
            let key = self.file_keys.site(self.archive, &page.path, file);
            if reuse.unchanged_file(&page.path, key) {
                return Ok(Vec::new());
            }
        }
        let output = make();
        debug_assert_eq!(
            output.path, page.path,
            "a site file is keyed by its own path"
        );
        Ok(vec![output])
    }

    /// Every report's iCalendar event text, made as calendars need them.
    fn calendar_events(&self) -> &calendar::Events<'a> {
        &self.calendar_events
    }

    /// The key of report `i`'s calendar event.
    fn event_key(&self) -> impl Fn(usize) -> Option<u64> + Sync + '_ {
        |i| self.file_keys.front_matter(self.archive, i)
    }

    pub(super) fn meta<'p>(&self, page: &'p Page, kind: &'p str, title: String) -> Meta<'p> {
        Meta {
            root: urls::root_from(&page.path),
            page_path: &page.path,
            permalink: self.config.permalink(&page.path),
            page_kind: kind,
            page_title: title,
            alternates: self.site_alternates.clone(),
            structured_data: None,
        }
    }

    /// Renders `page` with its meta, typed fields and cards.
    pub(super) fn html<T: TemplateFields>(
        &self,
        page: &Page,
        meta: Meta,
        fields: T,
        cards: Cards,
    ) -> Rendered {
        self.html_then(page, meta, fields, cards, |_| {})
    }

    /// As [`Shared::html`], with `late` filling the parts of `meta` that are a function of the
    /// rest of the context (the report page's JSON-LD): they are left out of the page key and
    /// made only when the page is rendered, not when it is kept.
    pub(super) fn html_then<T: TemplateFields>(
        &self,
        page: &Page,
        mut meta: Meta,
        fields: T,
        cards: Cards,
        late: impl FnOnce(&mut Meta),
    ) -> Rendered {
        let template = page.template.expect("an HTML page has a template");
        #[cfg(test)]
        docs_tests::record(template, &fields.names(), &cards);
        let file = page.file();
        if let Some(reuse) = self.reuse {
            let mut key = KeyWriter::default();
            key.field("template", template);
            meta.hash_into(&mut key);
            fields.hash_into(&mut key);
            cards.hash_into(&mut key, &self.cards);
            if reuse.unchanged(&file, key.finish()) {
                return Ok(Vec::new());
            }
        }
        late(&mut meta);
        let mut context = Context::new();
        meta.insert_into(&mut context);
        fields.insert_into(&mut context);
        cards.insert_into(&mut context, self);
        let bytes = self.renderer.render(template, &context)?;
        Ok(vec![Output { path: file, bytes }])
    }

    /// A page with its own fields and no report cards.
    pub(super) fn page<T: TemplateFields>(&self, page: &Page, meta: Meta, fields: T) -> Rendered {
        self.html(page, meta, fields, Cards::default())
    }

    /// A paginated list page of `ids`: page `n` of the list shows `reports` and a `paginator`.
    pub(super) fn list<T: TemplateFields>(
        &self,
        page: &Page,
        list: (&str, usize, &[usize]),
        meta: Meta,
        fields: T,
    ) -> Rendered {
        let (base, n, ids) = list;
        let shown = &ids[self.page_range(n, ids.len())];
        self.list_page(page, (base, n, ids.len()), shown, meta, fields)
    }

    /// Page `n` of the list of every report at `base` (no list of positions is made).
    pub(super) fn list_all<T: TemplateFields>(
        &self,
        page: &Page,
        (base, n): (&str, usize),
        meta: Meta,
        fields: T,
    ) -> Rendered {
        let total = self.archive.reports.len();
        let shown: Vec<usize> = self.page_range(n, total).collect();
        self.list_page(page, (base, n, total), &shown, meta, fields)
    }

    /// The positions in a list of `len` reports that page `n` shows.
    fn page_range(&self, n: usize, len: usize) -> std::ops::Range<usize> {
        let start = ((n - 1) * self.config.paginate).min(len);
        start..(start + self.config.paginate).min(len)
    }

    /// Page `n` of a list of `total` reports at `base`, showing the reports `shown`.
    fn list_page<T: TemplateFields>(
        &self,
        page: &Page,
        (base, n, total): (&str, usize, usize),
        shown: &[usize],
        meta: Meta,
        fields: T,
    ) -> Rendered {
        let per = self.config.paginate;
        let list = ListFields {
            fields,
            paginator: Paginator::new(base, n, total.div_ceil(per).max(1), per, total),
        };
        let cards = Cards {
            reports: Some(shown.to_vec()),
            ..Cards::default()
        };
        self.html(page, meta, list, cards)
    }
}

pub(super) type Rendered = Result<Vec<Output>, Diagnostic>;

/// Variables every page has.
/// The typed variables of a page, each inserted under its field's name. Implemented with
/// [`template_fields!`], so a field's name is its variable's name and keys are static.
pub(super) trait TemplateFields {
    fn insert_into(&self, context: &mut Context);
    /// Adds every variable to a page key (see [`super::reuse`]).
    fn hash_into(&self, key: &mut KeyWriter);
    /// The variables it provides (the docs test compares them with docs/themes.md).
    #[cfg(test)]
    fn names(&self) -> Vec<&'static str>;
}

/// Implements [`TemplateFields`] for a struct from the list of its fields.
macro_rules! template_fields {
    ($type:ty; $($field:ident),* $(,)?) => {
        impl super::contexts::TemplateFields for $type {
            #[allow(unused_variables)]
            fn insert_into(&self, context: &mut tera::Context) {
                $( context.insert(stringify!($field), &self.$field); )*
            }
            #[allow(unused_variables)]
            fn hash_into(&self, key: &mut super::reuse::KeyWriter) {
                $( key.field(stringify!($field), &self.$field); )*
            }
            #[cfg(test)]
            fn names(&self) -> Vec<&'static str> {
                vec![$( stringify!($field) ),*]
            }
        }
    };
}
pub(super) use template_fields;

/// Variables every page has.
pub struct Meta<'a> {
    /// The relative way back to the site root (`./`, `../../`).
    pub root: String,
    pub page_path: &'a str,
    pub permalink: String,
    pub page_kind: &'a str,
    pub page_title: String,
    /// Files for `<link rel="alternate">`: the site's feeds and calendar, plus the page's own.
    pub alternates: Vec<structured_data::Alternate>,
    /// schema.org JSON-LD of the page, escaped for a `<script>` element (`none` when off).
    pub structured_data: Option<String>,
}

template_fields!(Meta<'_>; root, page_path, permalink, page_kind, page_title, alternates, structured_data);

/// Template fields that every page of a list shows alike (an entity's, or those of the list of
/// every report), made by `make` and hashed and turned into Tera values once, in `parts`, for
/// all of those pages.
pub(super) struct SharedFields<'p, F> {
    pub(super) parts: &'p super::shared_views::ListParts,
    pub(super) make: F,
}

impl<T: TemplateFields, F: Fn() -> T> TemplateFields for SharedFields<'_, F> {
    fn insert_into(&self, context: &mut Context) {
        let fields = self.parts.fields.get_or_init(|| {
            let mut fields = Context::new();
            (self.make)().insert_into(&mut fields);
            fields
        });
        context.extend(fields.clone());
    }
    fn hash_into(&self, key: &mut KeyWriter) {
        let fields_key = self.parts.fields_key.get_or_init(|| {
            let mut key = KeyWriter::default();
            (self.make)().hash_into(&mut key);
            key.finish()
        });
        key.prehashed("fields", *fields_key);
    }
    #[cfg(test)]
    fn names(&self) -> Vec<&'static str> {
        (self.make)().names()
    }
}

/// A list page's fields: its kind's own, and the paginator.
struct ListFields<T> {
    fields: T,
    paginator: Paginator,
}

impl<T: TemplateFields> TemplateFields for ListFields<T> {
    fn insert_into(&self, context: &mut Context) {
        self.fields.insert_into(context);
        context.insert("paginator", &self.paginator);
    }
    fn hash_into(&self, key: &mut KeyWriter) {
        self.fields.hash_into(key);
        key.field("paginator", &self.paginator);
    }
    #[cfg(test)]
    fn names(&self) -> Vec<&'static str> {
        let mut names = self.fields.names();
        names.push("paginator");
        names
    }
}

#[cfg(test)]
#[path = "docs_tests.rs"]
mod docs_tests;

/// The report cards a page shows, as positions of reports: `reports` (a list), `newer` and
/// `older` (a report's neighbours, `none` at either end), `related` (a report's related
/// reports). Their prebuilt values come from the [`CardTable`]; a page key takes their keys.
#[derive(Default)]
pub(super) struct Cards {
    pub(super) reports: Option<Vec<usize>>,
    pub(super) neighbours: Option<(Option<usize>, Option<usize>)>,
    pub(super) related: Option<Vec<usize>>,
}

impl Cards {
    fn hash_into(&self, key: &mut KeyWriter, table: &CardTable) {
        let list = |key: &mut KeyWriter, name: &str, ids: &Option<Vec<usize>>| {
            key.field(name, &ids.as_ref().map(Vec::len));
            for &i in ids.iter().flatten() {
                key.card(table.key(i));
            }
        };
        list(key, "reports", &self.reports);
        key.field("neighbours", &self.neighbours.is_some());
        if let Some((newer, older)) = self.neighbours {
            for i in [newer, older] {
                key.field("neighbour", &i.is_some());
                if let Some(i) = i {
                    key.card(table.key(i));
                }
            }
        }
        list(key, "related", &self.related);
    }

    fn insert_into(self, context: &mut Context, s: &Shared) {
        let table = &s.cards;
        if let Some(reports) = self.reports {
            context.insert_value("reports", table.values(&reports, s));
        }
        if let Some((newer, older)) = self.neighbours {
            context.insert_value("newer", table.value(newer, s));
            context.insert_value("older", table.value(older, s));
        }
        if let Some(related) = self.related {
            context.insert_value("related", table.values(&related, s));
        }
    }
}

/// Renders one page into its output files.
pub fn render(page: &Page, s: &Shared) -> Rendered {
    let a = s.archive;
    let t = s.renderer.locale.strings();
    match page.kind {
        PageKind::Home => list_pages::home(page, s),
        PageKind::Report(i) => super::report_page::render(page, s, i),
        PageKind::Year { year, page: n } => date_pages::year(page, s, year, n),
        PageKind::Month {
            year,
            month,
            page: n,
        } => date_pages::month(page, s, year, month, n),
        PageKind::Day {
            year,
            month,
            day,
            page: n,
        } => date_pages::day(page, s, (year, month, day), n),
        PageKind::AllReports { page: n } => date_pages::all_reports(page, s, n),
        PageKind::Archive => list_pages::archive_page(page, s),
        PageKind::EntityIndex(kind) => super::index_pages::render(page, s, kind),
        PageKind::Entity {
            kind,
            index,
            page: n,
        } => list_pages::entity_page(page, s, kind, index, n),
        PageKind::Search => search_page::render(page, s),
        PageKind::NotFound => {
            // Links as from a page at the site root (`./`, `style.css`): no absolute URL, so
            // the page works from disk and on any host the site is copied to.
            let mut meta = s.meta(page, "404", t["not_found"].to_string());
            meta.page_path = urls::HOME;
            meta.permalink = s.config.permalink(urls::HOME);
            s.html(page, meta, NoFields {}, Cards::default())
        }
        PageKind::SiteFeed => s.site_file(page, SiteFile::Newest(feeds::FEED_ENTRIES), || {
            feeds::site_feed(s)
        }),
        PageKind::EntityFeed { kind, index } => {
            let entity = &a.entities(kind)[index];
            s.entity_file(page, EntityFile::AtomFeed, entity, || {
                feeds::entity_feed(s, entity)
            })
        }
        PageKind::SiteJsonFeed => s.site_file(page, SiteFile::Newest(feeds::FEED_ENTRIES), || {
            json_feed::site_feed(a, s.config)
        }),
        PageKind::EntityJsonFeed { kind, index } => {
            let entity = &a.entities(kind)[index];
            s.entity_file(page, EntityFile::JsonFeed, entity, || {
                json_feed::entity_feed(a, s.config, entity)
            })
        }
        PageKind::SiteCalendar => s.site_file(page, SiteFile::FrontMatter, || {
            calendar::site_calendar(s.calendar_events(), &s.event_key(), s.config)
        }),
        PageKind::EntityCalendar { kind, index } => {
            let entity = &a.entities(kind)[index];
            s.entity_file(page, EntityFile::Calendar, entity, || {
                calendar::entity_calendar(s.calendar_events(), &s.event_key(), s.config, entity)
            })
        }
        PageKind::Sitemap => Ok(feeds::sitemaps(s.config, &s.sitemap)),
        PageKind::Robots => Ok(vec![feeds::robots(s.config)]),
        PageKind::ThemeStatic => Ok(s
            .renderer
            .theme
            .static_files
            .iter()
            .map(|(path, bytes)| Output {
                path: path.clone(),
                bytes: bytes.clone(),
            })
            .collect()),
        PageKind::SearchIndex => Ok(crate::search_index::outputs(a)),
        PageKind::Data(data) => s.site_file(page, SiteFile::FrontMatter, || data_file(data, s)),
    }
}

fn data_file(data: super::page::DataFile, s: &Shared) -> Output {
    use super::open_data::{entities, reports};
    use super::page::DataFile;
    let (a, config) = (s.archive, s.config);
    match data {
        DataFile::ReportsJson => reports::json(a, config),
        DataFile::ReportsCsv => reports::csv(a, config),
        DataFile::OfficialsJson => entities::officials_json(a, config),
        DataFile::OfficialsCsv => entities::officials_csv(a, config),
        DataFile::DistrictsJson => entities::districts_json(a, config),
        DataFile::DistrictsCsv => entities::districts_csv(a, config),
        DataFile::Popolo => super::open_data::popolo::popolo(a, config),
    }
}

/// A page with no variables of its own (404).
struct NoFields {}

template_fields!(NoFields;);

/// The report page's own context (its module needs [`Shared`]'s helpers).
pub(super) fn report_html<T: TemplateFields>(
    s: &Shared,
    page: &Page,
    meta: Meta,
    fields: T,
    i: usize,
    late: impl FnOnce(&mut Meta),
) -> Rendered {
    let newer = i.checked_sub(1);
    let older = Some(i + 1).filter(|&o| o < s.archive.reports.len());
    let related = s.archive.related.get(i).map_or(&[][..], Vec::as_slice);
    let cards = Cards {
        neighbours: Some((newer, older)),
        related: Some(related.to_vec()),
        ..Cards::default()
    };
    s.html_then(page, meta, fields, cards, late)
}
