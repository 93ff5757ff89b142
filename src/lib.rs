//! annals: a static site generator for municipal news archives.
//!
//! The build is one pipeline that reads top to bottom (see ARCHITECTURE.md):
//! `site.toml` → [`config`] → [`content`] (load reports) → [`archive`] (indexes by date, official,
//! district, tag) → [`render`] (Tera pages, feeds, sitemap, search shards) → [`output`] (the only
//! module that writes the output folder).

pub mod config;
pub mod diagnostics;
pub mod search;
pub mod text;
pub mod cli;
pub mod commands;
