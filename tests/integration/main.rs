//! The integration tests: one binary for every test that needs more than one module (built
//! sites, the real binary, a browser). Each module says what it covers.

mod browser;
mod search_browser;
