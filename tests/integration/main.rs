//! The integration tests: one binary that builds real sites with the real `annals` binary in
//! temporary folders and asserts what users see (pages, exit codes, messages), and drives
//! headless Chromium for what only a browser shows (`browser` is the shared client).

mod accessibility;
mod browser;
mod build;
mod calendars;
mod command_line;
mod date_browser;
mod date_pages;
mod deploy;
mod deploy_errors;
mod deploy_sftp;
mod deploy_support;
mod deploy_timings;
mod disk_browser;
mod import;
mod import_pages;
mod incremental;
mod index_browser;
mod index_pages;
mod init_terminal;
mod injection;
mod invalid;
mod json_feeds;
mod module_graph;
mod open_data;
mod output_record;
mod popolo;
mod safety;
mod scaffold;
mod search_browse;
mod search_browser;
mod serve;
mod serve_browser;
mod serve_guard;
mod signatures;
mod snapshots;
mod structured_data;
mod support;
