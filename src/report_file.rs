//! Report files as annals writes them, for every command that creates one (`import`, `new`,
//! `init`): where a report goes (`content/YYYY/MM/<slug>.md`), its YAML front matter, and the
//! write that never replaces a file the user has.
//!
//! The YAML is written here rather than serialised: the fields are few and their order and style
//! (block lists, no quotes where none are needed) are what a reviewer reads. Every string goes
//! through [`yaml_scalar`], which quotes whatever a YAML parser could read as something else, so
//! the file always parses back to the same values.
//!
//! [`write_new`] checks and creates in one step (`create_new`), so a report that appears between
//! a check and the write is not clobbered; only an explicit `force` replaces a file.

use jiff::civil::Date;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// An official as written in front matter: a name and, where known, the role held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedOfficial {
    /// The canonical name (a registry alias is replaced by the registered name).
    pub name: String,
    pub role: Option<String>,
}

/// The front matter of a report made by annals, in the order the keys are written.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter<'a> {
    pub title: &'a str,
    pub date: Option<Date>,
    pub officials: &'a [NamedOfficial],
    pub districts: &'a [String],
    pub tags: &'a [String],
    pub source: Option<&'a str>,
    pub draft: bool,
}

impl FrontMatter<'_> {
    /// The front matter block, from the opening `---` to the closing `---` line.
    pub fn to_yaml(&self) -> String {
        let mut out = String::from("---\n");
        out.push_str(&format!("title: {}\n", yaml_scalar(self.title)));
        if let Some(date) = self.date {
            out.push_str(&format!("date: {date}\n"));
        }
        if !self.officials.is_empty() {
            out.push_str("officials:\n");
            for official in self.officials {
                match &official.role {
                    Some(role) => out.push_str(&format!(
                        "  - name: {}\n    role: {}\n",
                        yaml_scalar(&official.name),
                        yaml_scalar(role)
                    )),
                    None => out.push_str(&format!("  - {}\n", yaml_scalar(&official.name))),
                }
            }
        }
        push_list(&mut out, "districts", self.districts);
        push_list(&mut out, "tags", self.tags);
        if let Some(source) = self.source {
            out.push_str(&format!("source: {}\n", yaml_scalar(source)));
        }
        if self.draft {
            out.push_str("draft: true\n");
        }
        out.push_str("---\n");
        out
    }
}

fn push_list(out: &mut String, key: &str, values: &[String]) {
    if values.is_empty() {
        return;
    }
    out.push_str(&format!("{key}:\n"));
    for value in values {
        out.push_str(&format!("  - {}\n", yaml_scalar(value)));
    }
}

/// Where a report of `date` with `slug` goes, relative to the site root:
/// `content/YYYY/MM/<slug>.md`.
pub fn report_path(date: Date, slug: &str) -> PathBuf {
    PathBuf::from("content")
        .join(format!("{:04}", date.year()))
        .join(format!("{:02}", date.month()))
        .join(format!("{slug}.md"))
}

/// `root/relative`, without a leading `./` when the root is the current folder.
pub fn shown_path(root: &Path, relative: &Path) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        relative.to_path_buf()
    } else {
        root.join(relative)
    }
}

/// Why a new file could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The file exists and `force` was not given: nothing was written.
    Exists(PathBuf),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Exists(path) => write!(f, "`{}` already exists", path.display()),
            WriteError::Io(path, e) => write!(f, "cannot write `{}`: {e}", path.display()),
        }
    }
}

impl std::error::Error for WriteError {}

/// Writes `text` to `path`, creating its folders; refuses to replace a file unless `force`. The
/// check and the creation are one step, so a file that appears meanwhile is not clobbered.
pub fn write_new(path: &Path, text: &str, force: bool) -> Result<(), WriteError> {
    let io_problem = |e| WriteError::Io(path.to_path_buf(), e);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io_problem)?;
    }
    let mut open = OpenOptions::new();
    open.write(true);
    if force {
        open.create(true).truncate(true);
    } else {
        open.create_new(true);
    }
    let mut out = open.open(path).map_err(|e| match e.kind() {
        io::ErrorKind::AlreadyExists => WriteError::Exists(path.to_path_buf()),
        _ => WriteError::Io(path.to_path_buf(), e),
    })?;
    out.write_all(text.as_bytes()).map_err(io_problem)
}

/// A YAML scalar for `value`: as is where a YAML parser reads it back as the same string, else
/// double-quoted with escapes.
pub fn yaml_scalar(value: &str) -> String {
    if is_plain_safe(value) {
        return value.to_string();
    }
    let mut quoted = String::with_capacity(value.len() + 2);
    quoted.push('"');
    for c in value.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            '\u{85}' => quoted.push_str("\\N"),
            '\u{2028}' => quoted.push_str("\\L"),
            '\u{2029}' => quoted.push_str("\\P"),
            c if c.is_control() || c == '\u{feff}' => {
                quoted.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// True when `value` can be written as a plain scalar and reads back as the same string.
fn is_plain_safe(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    let special_start = "-?:,[]{}#&*!|>'\"%@` ".contains(first)
        || first.is_ascii_digit()
        || first == '+'
        || first == '.';
    let lower = value.to_ascii_lowercase();
    let reserved = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    ]
    .contains(&lower.as_str());
    !special_start
        && !reserved
        && value.trim() == value
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':')
        && !value
            .chars()
            .any(|c| c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_lists_only_what_is_given() {
        let officials = [NamedOfficial {
            name: "林靜怡".into(),
            role: Some("市長".into()),
        }];
        let tags = ["城市更新".to_string(), "2024".to_string()];
        let front = FrontMatter {
            title: "全市會議: 召開",
            date: Some(jiff::civil::date(2024, 3, 14)),
            officials: &officials,
            tags: &tags,
            draft: true,
            ..FrontMatter::default()
        };
        assert_eq!(
            front.to_yaml(),
            "---\ntitle: \"全市會議: 召開\"\ndate: 2024-03-14\nofficials:\n  - name: 林靜怡\n    role: 市長\ntags:\n  - 城市更新\n  - \"2024\"\ndraft: true\n---\n"
        );
        assert_eq!(
            report_path(jiff::civil::date(2024, 3, 14), "a-b"),
            PathBuf::from("content/2024/03/a-b.md")
        );
    }

    #[test]
    fn an_existing_file_is_kept_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("content/2024/03/a.md");
        write_new(&path, "first", false).unwrap();
        assert!(matches!(
            write_new(&path, "second", false),
            Err(WriteError::Exists(_))
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
        write_new(&path, "third", true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "third");
    }

    #[test]
    fn scalars_parse_back_to_the_same_string() {
        let values = [
            "全市會議",
            "市委書記、省長",
            "",
            " 前後空格 ",
            "true",
            "No",
            "null",
            "~",
            "2024",
            "3.5",
            "-1",
            "- 列表",
            "key: value",
            "a #comment",
            "「引號」",
            "\"quoted\"",
            "'single'",
            "[1, 2]",
            "{a}",
            "*star",
            "&anchor",
            "!tag",
            "|pipe",
            ">fold",
            "%dir",
            "@at",
            "`tick`",
            "?q",
            "line\nbreak",
            "tab\there",
            "back\\slash",
            "結尾:",
            "https://example.org/a?b=1#c",
            "\u{feff}bom",
            "y",
            ".inf",
        ];
        for value in values {
            let yaml = format!("v: {}\n", yaml_scalar(value));
            let parsed: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert_eq!(parsed["v"], value, "{yaml}");
        }
        assert_eq!(yaml_scalar("林靜怡"), "林靜怡");
    }
}
