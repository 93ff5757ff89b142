//! `annals init`: a new site folder with `site.toml`, `content/` holding one example report, and
//! `.gitignore`.
//!
//! A folder that holds anything but hidden entries (`.git`, say) is refused unless `force`; even
//! then, and always, a file that exists is kept as it is: init only ever creates files. The
//! configuration is rendered from [`super::templates`] and parsed back with [`Config::parse`]
//! before anything is written, so a bad `--base-url` is refused, not written.

use super::templates::{self, Language};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostics::Diagnostic;
use crate::report_file::{WriteError, write_new};
use jiff::civil::Date;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What `annals init` was asked to create.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The site folder; created when missing.
    pub dir: PathBuf,
    /// The archive's name (`title` in site.toml).
    pub title: String,
    pub language: Language,
    /// `base_url` in site.toml; a placeholder to change before publishing when `None`.
    pub base_url: Option<String>,
    /// Create the site in a folder that already holds files (existing files are still kept).
    pub force: bool,
    /// The date of the example report (today, for the command).
    pub today: Date,
}

/// What `annals init` did; paths are relative to the site folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitOutcome {
    pub created: Vec<PathBuf>,
    /// Files that existed already and were left untouched.
    pub kept: Vec<PathBuf>,
    /// The example report.
    pub example: PathBuf,
}

/// Why `annals init` created nothing (or stopped part way, for [`InitError::Write`]).
#[derive(Debug)]
pub enum InitError {
    /// The folder holds files and `force` was not given; a few of them are named, and how many
    /// more there are.
    NotEmpty {
        dir: PathBuf,
        entries: Vec<String>,
        more: usize,
    },
    /// `dir` exists and is not a folder.
    NotAFolder(PathBuf),
    /// The options make an invalid `site.toml` (a bad base URL, an empty title).
    InvalidConfig(Vec<Diagnostic>),
    Read(PathBuf, io::Error),
    Write(WriteError),
}

/// How many entries of a non-empty folder a refusal names.
const ENTRIES_NAMED: usize = 5;

/// The default title of a site in `dir`: the folder's name.
pub fn default_title(dir: &Path) -> String {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    absolute
        .components()
        .rev()
        .find_map(|c| match c {
            std::path::Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .unwrap_or_else(|| "archive".to_string())
}

/// Creates the site. Nothing is written when the folder is refused or the options are invalid.
pub fn init(options: &InitOptions) -> Result<InitOutcome, InitError> {
    let base_url = options
        .base_url
        .clone()
        .unwrap_or_else(|| templates::PLACEHOLDER_BASE_URL.to_string());
    let site_toml = templates::site_toml(&options.title, &base_url, options.language);
    Config::parse(&site_toml).map_err(InitError::InvalidConfig)?;
    refuse_unless_empty(&options.dir, options.force)?;

    let example = templates::example_report(options.language, options.today);
    let files = [
        (PathBuf::from(CONFIG_FILE), site_toml),
        (example.path.clone(), example.text),
        (
            PathBuf::from(".gitignore"),
            templates::GITIGNORE.to_string(),
        ),
    ];
    let mut outcome = InitOutcome {
        created: Vec::new(),
        kept: Vec::new(),
        example: example.path,
    };
    for (relative, text) in files {
        match write_new(&options.dir.join(&relative), &text, false) {
            Ok(()) => outcome.created.push(relative),
            Err(WriteError::Exists(_)) => outcome.kept.push(relative),
            Err(problem) => return Err(InitError::Write(problem)),
        }
    }
    Ok(outcome)
}

/// Refuses a folder that holds anything but hidden entries, unless `force`.
fn refuse_unless_empty(dir: &Path, force: bool) -> Result<(), InitError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(_) if dir.exists() && !dir.is_dir() => {
            return Err(InitError::NotAFolder(dir.to_path_buf()));
        }
        Err(e) => return Err(InitError::Read(dir.to_path_buf(), e)),
    };
    let mut visible = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| InitError::Read(dir.to_path_buf(), e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') {
            visible.push(name);
        }
    }
    if visible.is_empty() || force {
        return Ok(());
    }
    visible.sort();
    let more = visible.len().saturating_sub(ENTRIES_NAMED);
    visible.truncate(ENTRIES_NAMED);
    Err(InitError::NotEmpty {
        dir: dir.to_path_buf(),
        entries: visible,
        more,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(dir: &Path) -> InitOptions {
        InitOptions {
            dir: dir.to_path_buf(),
            title: "臨江市新聞檔案".into(),
            language: Language::ZhHant,
            base_url: None,
            force: false,
            today: jiff::civil::date(2024, 3, 14),
        }
    }

    #[test]
    fn a_new_folder_gets_a_site_that_loads() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("archive");
        let outcome = init(&options(&dir)).unwrap();
        assert_eq!(outcome.created.len(), 3, "{outcome:?}");
        assert!(outcome.kept.is_empty());
        assert!(outcome.example.starts_with("content/2024/03"));
        let config = Config::load(&dir).unwrap();
        assert_eq!(config.title, "臨江市新聞檔案");
        assert_eq!(config.language, "zh-Hant");
        assert_eq!(
            fs::read_to_string(dir.join(".gitignore")).unwrap(),
            "public/\n"
        );
    }

    #[test]
    fn hidden_entries_do_not_count_and_existing_files_are_kept() {
        let tmp = tempfile::tempdir().unwrap();
        fs::create_dir(tmp.path().join(".git")).unwrap();
        fs::write(tmp.path().join(".gitignore"), "target/\n").unwrap();
        let outcome = init(&options(tmp.path())).unwrap();
        assert_eq!(outcome.kept, [PathBuf::from(".gitignore")]);
        assert_eq!(
            fs::read_to_string(tmp.path().join(".gitignore")).unwrap(),
            "target/\n"
        );
    }

    #[test]
    fn a_folder_with_files_is_refused_unless_forced() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
        match init(&options(tmp.path())) {
            Err(InitError::NotEmpty { entries, more, .. }) => {
                assert_eq!(
                    (entries.as_slice(), more),
                    (["notes.txt".to_string()].as_slice(), 0)
                )
            }
            other => panic!("{other:?}"),
        }
        assert!(!tmp.path().join(CONFIG_FILE).exists());
        let forced = init(&InitOptions {
            force: true,
            ..options(tmp.path())
        });
        assert_eq!(forced.unwrap().created.len(), 3);
        assert_eq!(
            fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn a_refusal_names_a_few_entries_and_counts_the_rest() {
        let tmp = tempfile::tempdir().unwrap();
        for i in 0..7 {
            fs::write(tmp.path().join(format!("{i}.md")), "").unwrap();
        }
        match init(&options(tmp.path())) {
            Err(InitError::NotEmpty { entries, more, .. }) => {
                assert_eq!(entries, ["0.md", "1.md", "2.md", "3.md", "4.md"]);
                assert_eq!(more, 2);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_bad_base_url_writes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("archive");
        let bad = InitOptions {
            base_url: Some("archive.example.org".into()),
            ..options(&dir)
        };
        assert!(matches!(init(&bad), Err(InitError::InvalidConfig(_))));
        assert!(!dir.exists());
    }

    #[test]
    fn the_default_title_is_the_folder_name() {
        assert_eq!(default_title(Path::new("/tmp/my-archive")), "my-archive");
        assert_eq!(default_title(Path::new("/tmp/my-archive/.")), "my-archive");
    }
}
