//! Themes: the default theme embedded in the binary, and a site's own theme over it.
//!
//! A site with only `site.toml` and `content/` builds with the embedded `themes/default`. A site
//! naming `theme = "x"` gets `themes/x/templates/*.html` loaded over the default file by file (a
//! theme may override just `report.html`), and `themes/x/static/**` copied over the default's
//! static files. Template errors become diagnostics naming the template file and line.

use crate::diagnostics::Diagnostic;
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Templates (name → source, with the file they came from) and static files of the theme in use.
pub struct Theme {
    pub templates: BTreeMap<String, (PathBuf, String)>,
    /// Site-relative output path → bytes.
    pub static_files: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The embedded default theme with the site's theme (if any) over it.
    pub fn load(root: &Path, theme: Option<&str>) -> Result<Theme, Vec<Diagnostic>> {
        let mut templates = BTreeMap::new();
        let mut static_files = BTreeMap::new();
        let embedded_root = PathBuf::from("themes/default");
        for file in all_files(&DEFAULT_THEME) {
            let path = file.path().to_string_lossy().replace('\\', "/");
            if let Some(name) = path.strip_prefix("templates/") {
                let source = String::from_utf8_lossy(file.contents()).into_owned();
                templates.insert(name.to_string(), (embedded_root.join(&path), source));
            } else if let Some(name) = path.strip_prefix("static/") {
                static_files.insert(name.to_string(), file.contents().to_vec());
            }
        }
        if let Some(name) = theme {
            let dir = root.join("themes").join(name);
            if !dir.is_dir() {
                if name == "default" {
                    return Ok(Theme {
                        templates,
                        static_files,
                    });
                }
                return Err(vec![
                    Diagnostic::error("site.toml", format!("theme `{name}` not found: no folder `themes/{name}`"))
                        .with_hint("create themes/<name>/templates/ or remove `theme` to use the built-in theme"),
                ]);
            }
            let mut problems = Vec::new();
            overlay(
                &dir.join("templates"),
                root,
                &mut |relative, path, bytes| match String::from_utf8(bytes) {
                    Ok(source) => {
                        templates.insert(relative, (path, source));
                    }
                    Err(_) => {
                        problems.push(Diagnostic::error(path, "the template is not valid UTF-8"))
                    }
                },
            );
            overlay(&dir.join("static"), root, &mut |relative, _, bytes| {
                static_files.insert(relative, bytes);
            });
            if !problems.is_empty() {
                return Err(problems);
            }
        }
        Ok(Theme {
            templates,
            static_files,
        })
    }

    /// Compiles the templates into a Tera instance.
    pub fn tera(&self) -> Result<tera::Tera, Vec<Diagnostic>> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let sources: Vec<(&str, &str)> = self
            .templates
            .iter()
            .map(|(name, (_, source))| (name.as_str(), source.as_str()))
            .collect();
        tera.add_raw_templates(sources)
            .map_err(|e| vec![self.template_error(&e)])?;
        Ok(tera)
    }

    /// Turns a Tera error into a diagnostic on the template file, with line and column.
    pub fn template_error(&self, error: &tera::Error) -> Diagnostic {
        use tera::ErrorKind;
        match error.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let (file, source) = self
                    .templates
                    .get(report.filename())
                    .map(|(p, s)| (p.clone(), s.as_str()))
                    .unwrap_or_else(|| (PathBuf::from(report.filename()), ""));
                let span = report.span();
                let kind = if matches!(error.kind(), ErrorKind::SyntaxError(_)) {
                    "template syntax error"
                } else {
                    "template error"
                };
                let d = Diagnostic::error(
                    file,
                    format!("{kind} in `{}`: {}", report.filename(), report.message()),
                );
                d.at(source, span.start_line, span.start_col + 1)
                    .with_hint("see docs/themes.md for the variables each template receives")
            }
            other => Diagnostic::error("themes", format!("template error: {other}")),
        }
    }
}

/// A digest of the embedded default theme, so a new binary with a changed theme rebuilds sites.
pub fn embedded_digest() -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut hasher = DefaultHasher::new();
    for file in all_files(&DEFAULT_THEME) {
        file.path().hash(&mut hasher);
        file.contents().hash(&mut hasher);
    }
    hasher.finish()
}

fn all_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut files: Vec<&include_dir::File> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(all_files(sub));
    }
    files
}

/// Every file below `dir` (hidden and editor files skipped), as (`/`-separated path relative to
/// `dir`, full path), sorted.
fn files_below(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    walker
        .into_iter()
        .filter_entry(|e| !crate::content::is_ignored(e.file_name()))
        .flatten()
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| {
            let relative = entry
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((relative, entry.into_path()))
        })
        .collect()
}

/// Calls `add(relative path, path for messages, bytes)` for every file below `dir`.
fn overlay(dir: &Path, root: &Path, add: &mut dyn FnMut(String, PathBuf, Vec<u8>)) {
    for (relative, path) in files_below(dir) {
        let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        if let Ok(bytes) = std::fs::read(&path) {
            add(relative, shown, bytes);
        }
    }
}

/// The site-wide `static/**` files (images, PDFs of minutes): output path → source file. They
/// are copied by the writer, never read into memory as a whole.
pub fn site_static_files(root: &Path) -> BTreeMap<String, PathBuf> {
    files_below(&root.join("static")).into_iter().collect()
}
