//! Values that many pages of one render show, made once on first use and shared: each
//! entity's view (an official with 40,000 reports has 2,000 list pages, and its roles table
//! walks all of them) and the district tree (every district page shows its place in it).

use super::i18n::Locale;
use super::views::EntityView;
use crate::archive::{Archive, EntityKind};
use crate::config::Config;
use crate::indexes::DistrictTree;
use std::sync::OnceLock;

/// Entity views by kind and position, and the district tree, each made when first asked for.
pub struct SharedViews<'a> {
    officials: Vec<OnceLock<EntityView<'a>>>,
    districts: Vec<OnceLock<EntityView<'a>>>,
    tags: Vec<OnceLock<EntityView<'a>>>,
    district_tree: OnceLock<DistrictTree>,
}

impl<'a> SharedViews<'a> {
    pub fn new(archive: &Archive) -> SharedViews<'a> {
        let slots = |n: usize| (0..n).map(|_| OnceLock::new()).collect();
        SharedViews {
            officials: slots(archive.officials.len()),
            districts: slots(archive.districts.len()),
            tags: slots(archive.tags.len()),
            district_tree: OnceLock::new(),
        }
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
