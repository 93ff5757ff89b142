//! Values that many pages of one render show, made once on first use and shared: each
//! entity's view (an official with 40,000 reports has 2,000 list pages, and its roles table
//! walks all of them), what every list page of one entity has in common (its template fields
//! as Tera values, their key, its JSON-LD) and the district tree (every district page shows its
//! place in it).

use super::i18n::Locale;
use super::views::EntityView;
use crate::archive::{Archive, EntityKind};
use crate::config::Config;
use crate::indexes::DistrictTree;
use std::sync::OnceLock;

/// Each entity's view and the parts of its pages, by kind and position, and the district tree,
/// each made when first asked for.
pub struct SharedViews<'a> {
    /// By kind (official, district, tag) and position.
    entities: [Vec<EntityParts<'a>>; 3],
    district_tree: OnceLock<DistrictTree>,
    /// The own fields of the pages of `/reports/` (the list of every report).
    all_reports: ListParts,
}

/// The template fields every page of one list shares (all but the paginator and the cards),
/// made for the first page that needs them: a kept page needs the key alone, a rendered one
/// the values too.
#[derive(Default)]
pub struct ListParts {
    /// As Tera values.
    pub fields: OnceLock<tera::Context>,
    /// Their page key part (`None`: they could not be hashed).
    pub fields_key: OnceLock<Option<u64>>,
}

/// What the pages of one entity share, each part made for the first page that needs it: a
/// kept list page needs the fields' key alone, a rendered one the values too.
#[derive(Default)]
pub struct EntityParts<'a> {
    /// Its view (what [`EntityView::new`] makes), on its own pages and in other pages' lists.
    view: OnceLock<EntityView<'a>>,
    /// Its list pages' own template fields.
    pub list: ListParts,
    /// The JSON-LD of the entity (`None` for tags, or with structured data off).
    pub structured_data: OnceLock<Option<String>>,
}

impl<'a> SharedViews<'a> {
    pub fn new(archive: &Archive) -> SharedViews<'a> {
        let parts = |kind| (archive.entities(kind).iter()).map(|_| EntityParts::default());
        SharedViews {
            entities: [EntityKind::Official, EntityKind::District, EntityKind::Tag]
                .map(|kind| parts(kind).collect()),
            district_tree: OnceLock::new(),
            all_reports: ListParts::default(),
        }
    }

    /// What the pages of `/reports/` share.
    pub fn all_reports(&self) -> &ListParts {
        &self.all_reports
    }

    /// What the pages of entity `index` of `kind` share.
    pub fn entity_page(&self, kind: EntityKind, index: usize) -> &EntityParts<'a> {
        let by_kind = match kind {
            EntityKind::Official => 0,
            EntityKind::District => 1,
            EntityKind::Tag => 2,
        };
        &self.entities[by_kind][index]
    }

    /// The view of entity `index` of `kind` (what [`EntityView::new`] makes).
    pub fn entity(
        &self,
        archive: &'a Archive,
        locale: Locale,
        kind: EntityKind,
        index: usize,
    ) -> &EntityView<'a> {
        (self.entity_page(kind, index).view)
            .get_or_init(|| EntityView::new(&archive.entities(kind)[index], archive, locale))
    }

    /// The district tree of the archive (what [`DistrictTree::new`] makes).
    pub fn district_tree(&self, archive: &Archive, config: &Config) -> &DistrictTree {
        self.district_tree
            .get_or_init(|| DistrictTree::new(archive, config))
    }
}
