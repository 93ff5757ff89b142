//! Starting a site and its reports: `annals init` ([`init`]) and `annals new` ([`new_report`]).
//!
//! Both only ever create files: an existing file is kept (init) or refused unless `--force`
//! (new), through the same [`crate::report_file::write_new`] as `annals import`. The questions
//! init asks on a terminal ([`prompt`]) and the editor `new --edit` opens ([`editor`]) take their
//! terminal and environment from the command, so everything here is testable without one.

pub mod editor;
mod init;
mod new_report;
pub mod prompt;
mod templates;

pub use init::{InitError, InitOptions, InitOutcome, default_title, init};
pub use new_report::{NewOptions, NewReport, new_report};
pub use templates::{Language, PLACEHOLDER_BASE_URL};
