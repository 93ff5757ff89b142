//! Folding the two scripts of Chinese together, so that two spellings of one name (王劍鋒 /
//! 王剑锋) compare equal. The search index folds with the same table (`search::fold`), so a name
//! `check` calls a duplicate is exactly one that search treats as the same.

/// `name` with traditional characters replaced by simplified ones (and full-width ASCII and
/// Latin case folded, as search does).
pub fn fold_script(name: &str) -> String {
    crate::text::fold::fold(name)
}
