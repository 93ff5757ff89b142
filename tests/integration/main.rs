//! The integration tests: one binary that builds real sites with the real `annals` binary in
//! temporary folders and asserts what users see (pages, exit codes, messages).

mod build;
mod invalid;
mod safety;
mod snapshots;
mod support;
