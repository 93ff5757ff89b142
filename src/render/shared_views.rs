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

/// Entity views and the parts of their pages by kind and position, and the district tree, each
/// made when first asked for.
pub struct SharedViews<'a> {
    officials: Vec<OnceLock<EntityView<'a>>>,
    districts: Vec<OnceLock<EntityView<'a>>>,
    tags: Vec<OnceLock<EntityView<'a>>>,
    /// By kind (official, district, tag) and position.
    entity_pages: [Vec<EntityPageParts>; 3],
    district_tree: OnceLock<DistrictTree>,
}

/// What every list page of one entity has in common, each part made for the first page that
/// needs it: a kept page needs the key alone, a rendered one the values too.
#[derive(Default)]
pub struct EntityPageParts {
    /// The page's own template fields (all but the paginator), as Tera values.
    pub fields: OnceLock<tera::Context>,
    /// Their page key part (`None`: they could not be hashed).
    pub fields_key: OnceLock<Option<u64>>,
    /// The JSON-LD of the entity (`None` for tags, or with structured data off).
    pub structured_data: OnceLock<Option<String>>,
}

impl<'a> SharedViews<'a> {
    pub fn new(archive: &Archive) -> SharedViews<'a> {
        let slots = |n: usize| (0..n).map(|_| OnceLock::new()).collect();
        let parts = |n: usize| (0..n).map(|_| EntityPageParts::default()).collect();
        SharedViews {
            officials: slots(archive.officials.len()),
            districts: slots(archive.districts.len()),
            tags: slots(archive.tags.len()),
            entity_pages: [
                parts(archive.officials.len()),
                parts(archive.districts.len()),
                parts(archive.tags.len()),
            ],
            district_tree: OnceLock::new(),
        }
    }

    /// What the list pages of entity `index` of `kind` share.
    pub fn entity_page(&self, kind: EntityKind, index: usize) -> &EntityPageParts {
        let by_kind = match kind {
            EntityKind::Official => 0,
            EntityKind::District => 1,
            EntityKind::Tag => 2,
        };
        &self.entity_pages[by_kind][index]
    }

    /// The view of entity `index` of `kind` (what [`EntityView::new`] makes).
    pub fn entity(
        &self,
        archive: &'a Archive,
        locale: Locale,
        kind: EntityKind,
        index: usize,
    ) -> &EntityView<'a> {
        let slots = match kind {
            EntityKind::Official => &self.officials,
            EntityKind::District => &self.districts,
            EntityKind::Tag => &self.tags,
        };
        slots[index]
            .get_or_init(|| EntityView::new(&archive.entities(kind)[index], archive, locale))
    }

    /// The district tree of the archive (what [`DistrictTree::new`] makes).
    pub fn district_tree(&self, archive: &Archive, config: &Config) -> &DistrictTree {
        self.district_tree
            .get_or_init(|| DistrictTree::new(archive, config))
    }
}
