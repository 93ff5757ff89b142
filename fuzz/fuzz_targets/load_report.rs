//! Fuzz target: arbitrary bytes as a report file. Loading must never panic, hang or allocate
//! without bound, whatever the encoding, front matter or Markdown; a file that does not load
//! must say why, and every problem must point inside the file.

#![no_main]

use annals::config::Config;
use annals::content::load_bytes;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// A site with registries, so alias lookups and canonical names are exercised too.
fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        Config::parse(
            "title = \"fuzz\"\nbase_url = \"https://archive.example.org\"\n\
             [officials.\"林靜怡\"]\naliases = [\"林靜儀\"]\n\
             [districts.\"臨江高新區\"]\naliases = [\"高新區\"]\n",
        )
        .expect("the fuzz config is valid")
    })
}

fuzz_target!(|data: &[u8]| {
    let (report, problems) = load_bytes(data, "content/fuzz.md".into(), config());
    let lines = String::from_utf8_lossy(data).lines().count().max(1);
    assert!(report.is_some() || problems.iter().any(|p| p.is_error()));
    for problem in &problems {
        assert!(problem.line.is_none_or(|l| l <= lines + 1), "{problem}");
        let _ = problem.to_string();
    }
});
