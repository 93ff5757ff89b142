//! Glue between the archive and the search index writer: turns reports and entities into the
//! search module's input. (The index itself arrives with the search module.)

use crate::archive::Archive;
use crate::render::Output;
use crate::render::views::EntityPaths;

/// The files of the search index for this archive.
pub fn outputs(_archive: &Archive, _paths: &EntityPaths) -> Vec<Output> {
    Vec::new()
}
