//! Report cards: every report's card key, which page keys take instead of the card, and the
//! card as a Tera value, made once per render for the first page that shows it.

use super::contexts::Shared;
use super::reuse::KeyWriter;
use super::views::{EntityPaths, ReportCard};
use crate::archive::Archive;
use tera::Value;

/// A report card as a template value: made once per report and shared by every list page (and
/// remade by the preview server for a report whose title or summary changed).
pub fn card_value(
    report: &crate::content::Report,
    paths: &EntityPaths,
    locale: super::i18n::Locale,
) -> Value {
    Value::from_serializable(&ReportCard::new(report, paths, locale))
}

/// Every report's card key: a hash of the card, which a page key takes instead of hashing the
/// cards it shows again on every page that lists them; and the card as a template value, made
/// when the first page showing it is rendered (a rebuild that keeps most pages makes few).
#[derive(Default)]
pub struct CardTable {
    values: Vec<std::sync::OnceLock<Value>>,
    keys: Vec<Option<u64>>,
}

impl CardTable {
    /// The card keys of every report of `archive` (in parallel).
    pub fn new(archive: &Archive, paths: &EntityPaths, locale: super::i18n::Locale) -> CardTable {
        use rayon::prelude::*;
        let keys: Vec<Option<u64>> = (archive.reports.par_iter())
            .map(|r| card_key(&ReportCard::new(r, paths, locale)))
            .collect();
        let values = keys.iter().map(|_| std::sync::OnceLock::new()).collect();
        CardTable { values, keys }
    }

    /// Makes the card of report `i` again (its title or summary changed).
    pub fn replace(
        &mut self,
        i: usize,
        report: &crate::content::Report,
        paths: &EntityPaths,
        locale: super::i18n::Locale,
    ) {
        self.keys[i] = card_key(&ReportCard::new(report, paths, locale));
        self.values[i] = std::sync::OnceLock::new();
    }

    /// The card of report `i` as a template value.
    pub(super) fn value_of(&self, i: usize, s: &Shared) -> Value {
        let make = || card_value(&s.archive.reports[i], &s.entity_paths, s.renderer.locale);
        self.values[i].get_or_init(make).clone()
    }

    pub(super) fn value(&self, i: Option<usize>, s: &Shared) -> Value {
        i.filter(|&i| i < self.values.len())
            .map_or_else(Value::none, |i| self.value_of(i, s))
    }

    pub(super) fn values(&self, ids: &[usize], s: &Shared) -> Value {
        Value::from(ids.iter().map(|&i| self.value_of(i, s)).collect::<Vec<_>>())
    }

    /// The key of report `i`'s card (`None`: it could not be hashed).
    pub(super) fn key(&self, i: usize) -> Option<u64> {
        self.keys.get(i).copied().flatten()
    }
}

fn card_key(card: &ReportCard) -> Option<u64> {
    let mut key = KeyWriter::default();
    key.field("card", card);
    key.finish()
}
