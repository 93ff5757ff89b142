//! Problems found in a site, and how they are shown.
//!
//! Every stage reports what is wrong with the user's files as [`Diagnostic`]s instead of stopping
//! at the first one: the loader collects them for every report, the build prints them all and
//! exits 1. A diagnostic names the file (relative to the site root), the line and column where
//! known, says what is wrong in plain words and, where we can guess, how to fix it. Rendering
//! shows the offending line with a caret under the column, counting CJK characters as two columns
//! so the caret lands under the right character in a terminal.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors fail the build, warnings only fail `check --strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root where it lies inside it.
    pub file: PathBuf,
    /// 1-based line, if the problem has a place.
    pub line: Option<usize>,
    /// 1-based column in characters, if known.
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    /// The text of the offending line, shown under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// An error in `file` with no position yet.
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    /// A warning in `file` with no position yet.
    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Places the problem at `line`/`column` (1-based) of `text`, the file's contents.
    pub fn at(mut self, text: &str, line: usize, column: usize) -> Self {
        self.line = Some(line.max(1));
        self.column = Some(column.max(1));
        self.source_line = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    /// Places the problem at a line only.
    pub fn at_line(mut self, text: &str, line: usize) -> Self {
        self = self.at(text, line, 1);
        self.column = None;
        self
    }

    /// Places the problem at a byte offset of `text`.
    pub fn at_offset(self, text: &str, offset: usize) -> Self {
        let (line, column) = line_column(text, offset);
        self.at(text, line, column)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// 1-based line and character column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut offset = offset;
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

/// Shows the file path with forward slashes, the same on every platform.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

impl fmt::Display for Diagnostic {
    /// Rendered by annotate-snippets (as rustc and cargo render theirs): the message, the place,
    /// the offending line with a caret under the column (wide CJK characters counted as two
    /// columns), and the hint. A very long line is first cut to a window around the column.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = display_path(&self.file);
        let mut group =
            annotate_snippets::Group::with_title(level.primary_title(self.message.as_str()));
        match (self.line, &self.source_line, self.column) {
            (Some(line), Some(text), Some(column)) => {
                let start: usize = text.chars().take(column - 1).map(char::len_utf8).sum();
                let start = start.min(text.len());
                let end = start + text[start..].chars().next().map_or(0, char::len_utf8);
                let snippet = Snippet::source(text.as_str())
                    .line_start(line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(start..end));
                group = group.element(snippet);
            }
            (Some(line), Some(text), None) => {
                let snippet = Snippet::source(text.as_str())
                    .line_start(line)
                    .path(format!("{path}:{line}"))
                    .annotation(AnnotationKind::Visible.span(0..text.len()));
                group = group.element(snippet);
            }
            (line, _, _) => {
                let mut origin = annotate_snippets::Origin::path(path.as_str());
                if let Some(line) = line {
                    origin = origin.line(line);
                }
                group = group.element(origin);
            }
        }
        if let Some(hint) = &self.hint {
            group = group.element(Level::HELP.with_name("hint").message(hint.as_str()));
        }
        writeln!(
            f,
            "{}",
            Renderer::plain()
                .term_width(EXCERPT_COLUMNS)
                .render(&[group])
        )
    }
}

/// Source lines wider than this many terminal columns are shown as a window around the
/// column, so one problem in minified or generated text never prints megabytes.
const EXCERPT_COLUMNS: usize = 100;

/// Every problem of a run, errors and warnings, in a stable order (by file, then line).
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(more);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Sorts by file, line and column so output is the same on every run.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
        self.items.dedup();
    }
}

/// Suggests the candidate closest to `wrong` (a misspelt key), if one is close enough.
pub fn did_you_mean<'a>(wrong: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(wrong, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance counted in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Warnings shown one by one before the rest are summarised.
const WARNINGS_SHOWN: usize = 20;

/// The one diagnostics printer: every error to stderr, and warnings up to a limit (all of them
/// with `all_warnings`). Commands and the preview server both print through it.
pub fn print(diagnostics: &Diagnostics, all_warnings: bool) {
    let mut warnings_shown = 0;
    for d in &diagnostics.items {
        if !d.is_error() {
            if !all_warnings && warnings_shown >= WARNINGS_SHOWN {
                continue;
            }
            warnings_shown += 1;
        }
        eprintln!("{d}");
    }
    let hidden = diagnostics.warning_count().saturating_sub(warnings_shown);
    if hidden > 0 {
        eprintln!("… and {hidden} more warnings (run `annals check` to see them all)\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_lands_under_cjk_column() {
        let text = "---\ntitle: 會議\ndistrcts: [江北區]\n---\n";
        let d = Diagnostic::error("content/a.md", "unknown key `distrcts`")
            .at(text, 3, 1)
            .with_hint("did you mean `districts`?");
        let shown = d.to_string();
        assert!(shown.contains("--> content/a.md:3:1"), "{shown}");
        assert!(shown.contains("3 | distrcts: [江北區]"), "{shown}");
        assert!(shown.contains("  | ^\n"), "{shown}");
        assert!(
            shown.contains("= hint: did you mean `districts`?"),
            "{shown}"
        );

        let wide = Diagnostic::error("a.md", "x").at("title: 會議 bad", 1, 11);
        // "title: " is 7 columns, 會議 is 4, the space 1: the caret sits at column 12.
        assert!(
            wide.to_string()
                .contains(&format!(" | {}^", " ".repeat(12))),
            "{wide}"
        );
    }

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "ab\n會議x";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 9), (2, 3));
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("extra: {}", "[".repeat(10_000));
        let d = Diagnostic::error("content/a.md", "too deep").at(&line, 1, 135);
        let shown = d.to_string();
        assert!(shown.len() < 400, "{shown}");
        let source = shown.lines().nth(3).unwrap();
        let caret = shown.lines().nth(4).unwrap();
        assert!(
            source.starts_with("1 | ...[[[") && source.ends_with("[..."),
            "{source}"
        );
        // The caret sits under a `[` of the window, and the place names the real column.
        let at = caret.find('^').expect("a caret");
        assert_eq!(source.as_bytes()[at], b'[', "{shown}");
        assert!(shown.contains("content/a.md:1:135"), "{shown}");
        let short = Diagnostic::error("a.md", "x")
            .at("title: 會議", 1, 8)
            .to_string();
        assert!(short.contains("1 | title: 會議\n"), "{short}");
    }

    #[test]
    fn suggestions_for_typos() {
        let keys = ["title", "date", "officials", "districts", "tags"];
        assert_eq!(did_you_mean("distrcts", &keys), Some("districts"));
        assert_eq!(did_you_mean("titel", &keys), Some("title"));
        assert_eq!(did_you_mean("zzzzzzzz", &keys), None);
    }
}
