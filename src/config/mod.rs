//! `site.toml` → [`Config`].
//!
//! Parsing is strict: an unknown key is an error that names it (a typo must never silently change
//! the site), with a suggestion for the key that was probably meant. The registries of officials
//! and districts are turned into a [`Registry`] here so that later stages only ever ask "what is
//! the canonical name and slug of this spelling?".

pub mod deploy;
pub mod target_url;

use crate::diagnostics::{Diagnostic, did_you_mean, edit_distance};
use crate::text::{normalize_name, slug};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The file name of the configuration, relative to the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// The hint under every "no `site.toml` here" error.
pub const NO_SITE_HINT: &str =
    "create a site here with `annals init`, or point at an existing one with --root DIR";

const TOP_KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "theme",
    "paginate",
    "description",
    "search",
    "trusted_html",
    "cjk_emphasis",
    "officials",
    "districts",
    "extra",
    "deploy",
    "outputs",
];

/// site.toml as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    theme: Option<String>,
    #[serde(default = "default_paginate")]
    paginate: i64,
    #[serde(default)]
    description: Option<String>,
    #[serde(default = "default_true")]
    search: bool,
    #[serde(default)]
    trusted_html: bool,
    #[serde(default)]
    cjk_emphasis: Option<bool>,
    #[serde(default)]
    officials: BTreeMap<String, RawEntity>,
    #[serde(default)]
    districts: BTreeMap<String, RawEntity>,
    #[serde(default)]
    extra: toml::Table,
    #[serde(default)]
    deploy: deploy::RawDeploy,
    #[serde(default)]
    outputs: crate::site_outputs::Outputs,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    slug: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    /// Optional display text shown on the entity's page (a short biography or description).
    description: Option<String>,
    /// Districts only: the district this one lies in (published in the data sets).
    parent: Option<String>,
    /// Officials only: the group of the officials index (`city`, `district`, …).
    level: Option<String>,
}

fn default_language() -> String {
    "en".to_string()
}
fn default_paginate() -> i64 {
    20
}
fn default_true() -> bool {
    true
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// Absolute base URL without a trailing slash (`https://example.org/archive`).
    pub base_url: String,
    pub language: String,
    pub theme: Option<String>,
    pub paginate: usize,
    pub description: Option<String>,
    /// Write the search index and page (default true).
    pub search: bool,
    /// Keep raw HTML in report bodies as written instead of sanitising it (trusted archives only).
    pub trusted_html: bool,
    /// CJK-friendly emphasis (`這是**《重要》**文件` is bold); default on for `zh*` languages.
    pub cjk_emphasis: bool,
    pub officials: Registry,
    pub districts: Registry,
    /// Free-form table handed to templates as `config.extra`.
    pub extra: serde_json::Value,
    /// `[deploy]`: targets and header matchers for `annals deploy`.
    pub deploy: deploy::DeploySettings,
    /// `[outputs]`: the machine-readable outputs a build writes.
    pub outputs: crate::site_outputs::Outputs,
}

/// One registered official or district.
#[derive(Debug, Clone)]
pub struct RegistryEntry {
    pub name: String,
    pub slug: Option<String>,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    /// Districts only: the canonical name of the district this one lies in.
    pub parent: Option<String>,
    /// Officials only: the group of the officials index, instead of the one their role gives.
    pub level: Option<crate::offices::OfficeLevel>,
}

/// The two kinds of names with a registry, and the key that holds them (in front matter, and
/// as the table of site.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    Official,
    District,
}

impl EntityKind {
    /// `officials` or `districts`.
    pub fn key(self) -> &'static str {
        match self {
            EntityKind::Official => "officials",
            EntityKind::District => "districts",
        }
    }

    /// `official` or `district`, for messages.
    pub fn word(self) -> &'static str {
        match self {
            EntityKind::Official => "official",
            EntityKind::District => "district",
        }
    }
}

/// How a spelling is like a registered name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Likeness {
    /// The same name in traditional and simplified characters.
    Script,
    /// One character apart (after folding scripts).
    Spelling,
}

/// Registered names of one kind, looked up by any spelling (canonical name or alias, after NFC).
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub entries: Vec<RegistryEntry>,
    by_spelling: BTreeMap<String, usize>,
}

impl Registry {
    /// The registry entry that `name` (already normalised) spells, if any.
    pub fn lookup(&self, name: &str) -> Option<&RegistryEntry> {
        self.by_spelling.get(name).map(|&i| &self.entries[i])
    }

    /// The canonical name for a spelling: the registered name, or the spelling itself.
    pub fn canonical(&self, name: &str) -> String {
        self.lookup(name)
            .map_or_else(|| name.to_string(), |e| e.name.clone())
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The registered name closest to `name` (a spelling not in the registry): the same after
    /// folding scripts, else one character apart. Used for did-you-mean hints by `check` and `new`.
    pub fn closest(&self, name: &str) -> Option<(&str, Likeness)> {
        let folded = crate::text::fold::fold(name);
        let mut spelling = None;
        for (written, canonical) in self.spellings() {
            let other = crate::text::fold::fold(written);
            if other == folded {
                return Some((canonical, Likeness::Script));
            }
            if spelling.is_none()
                && name.chars().count() >= 2
                && edit_distance(&folded, &other) == 1
            {
                spelling = Some((canonical, Likeness::Spelling));
            }
        }
        spelling
    }

    /// Every spelling (names and aliases) with its canonical name.
    pub fn spellings(&self) -> impl Iterator<Item = (&str, &str)> {
        self.by_spelling
            .iter()
            .map(|(s, &i)| (s.as_str(), self.entries[i].name.as_str()))
    }
}

impl Config {
    /// Reads and validates `root/site.toml`. Every problem found is returned, not just the first.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(vec![
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!("no `{CONFIG_FILE}` in `{}`", root.display()),
                    )
                    .with_hint(NO_SITE_HINT),
                ]);
            }
            Err(e) => {
                return Err(vec![Diagnostic::error(
                    CONFIG_FILE,
                    format!("cannot read `{CONFIG_FILE}`: {e}"),
                )]);
            }
        };
        Config::parse(&text)
    }

    /// Parses the text of site.toml.
    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let raw: RawConfig = toml::from_str(text).map_err(|e| vec![toml_diagnostic(text, &e)])?;
        let mut problems = Vec::new();
        let err = |msg: String| Diagnostic::error(CONFIG_FILE, msg);

        let title = raw.title.trim().to_string();
        if title.is_empty() {
            problems.push(err("`title` is empty".into()).with_hint("give the archive a name"));
        }
        let base_url = raw.base_url.trim().trim_end_matches('/').to_string();
        if !(base_url.starts_with("http://") || base_url.starts_with("https://"))
            || base_url.len() <= "https://".len()
        {
            problems.push(
                err(format!(
                    "`base_url` must be an absolute http(s) URL, not `{}`",
                    raw.base_url
                ))
                .with_hint("for example base_url = \"https://archive.example.org\""),
            );
        }
        if raw.paginate < 1 {
            problems.push(
                err(format!(
                    "`paginate` must be at least 1, not {}",
                    raw.paginate
                ))
                .with_hint("it is the number of reports on one list page, e.g. `paginate = 20`"),
            );
        }
        if let Some(theme) = &raw.theme
            && (theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.'))
        {
            problems.push(
                err(format!(
                    "`theme` must be a folder name under themes/, not `{theme}`"
                ))
                .with_hint("name a folder of themes/ (`theme = \"harbour\"` uses themes/harbour/), or remove `theme` to use the built-in theme"),
            );
        }
        let officials = build_registry("officials", raw.officials, &mut problems);
        let mut districts = build_registry("districts", raw.districts, &mut problems);
        for entry in officials.entries.iter().filter(|e| e.parent.is_some()) {
            problems.push(
                err(format!("[officials.\"{}\"] has a `parent`", entry.name)).with_hint(
                    "`parent` names the district a district lies in: remove it from the official",
                ),
            );
        }
        let canonical_parents: Vec<Option<String>> = districts
            .entries
            .iter()
            .map(|e| e.parent.as_deref().map(|p| districts.canonical(p)))
            .collect();
        for (entry, parent) in districts.entries.iter_mut().zip(canonical_parents) {
            entry.parent = parent;
        }
        problems.extend(registry_levels::misplaced_levels(&districts));
        problems.extend(registry_levels::parent_loops(&districts));
        let deploy = deploy::DeploySettings::from_raw(raw.deploy).unwrap_or_else(|found| {
            problems.extend(found.into_iter().map(|(m, h)| err(m).with_hint(h)));
            Default::default()
        });
        if !problems.is_empty() {
            return Err(problems);
        }
        let cjk_emphasis = raw
            .cjk_emphasis
            .unwrap_or_else(|| raw.language.starts_with("zh"));
        let extra = serde_json::to_value(&raw.extra).unwrap_or(serde_json::Value::Null);
        Ok(Config {
            title,
            base_url,
            language: raw.language,
            theme: raw.theme,
            paginate: raw.paginate as usize,
            description: raw.description,
            search: raw.search,
            trusted_html: raw.trusted_html,
            cjk_emphasis,
            officials,
            districts,
            extra,
            deploy,
            outputs: raw.outputs,
        })
    }

    /// The absolute URL of a site path such as `2024/03/` (no leading slash).
    pub fn permalink(&self, path: &str) -> String {
        let mut url = String::with_capacity(self.base_url.len() + 1 + path.len());
        url.push_str(&self.base_url);
        url.push('/');
        url.push_str(path);
        url
    }
}

fn build_registry(
    kind: &str,
    raw: BTreeMap<String, RawEntity>,
    problems: &mut Vec<Diagnostic>,
) -> Registry {
    let mut registry = Registry::default();
    for (name, entity) in raw {
        let name = normalize_name(&name);
        if let Some(s) = &entity.slug
            && !slug::is_valid_slug(s)
        {
            problems.push(
                Diagnostic::error(CONFIG_FILE, format!("[{kind}.\"{name}\"] has an invalid slug `{s}`"))
                    .with_hint("a slug is lowercase ASCII letters, digits and single dashes, e.g. `lin-jingyi`"),
            );
        }
        let index = registry.entries.len();
        let mut spellings = vec![name.clone()];
        spellings.extend(entity.aliases.iter().map(|a| normalize_name(a)));
        for spelling in spellings {
            if let Some(&other) = registry.by_spelling.get(&spelling)
                && other != index
            {
                problems.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!(
                            "`{spelling}` is listed for two {kind}: `{}` and `{name}`",
                            registry.entries[other].name
                        ),
                    )
                    .with_hint("a spelling may belong to one entry only: remove it from the other"),
                );
                continue;
            }
            registry.by_spelling.insert(spelling, index);
        }
        let level = registry_levels::level(kind, &name, entity.level.as_deref(), problems);
        registry.entries.push(RegistryEntry {
            aliases: entity.aliases.iter().map(|a| normalize_name(a)).collect(),
            name,
            slug: entity.slug,
            description: entity.description,
            parent: entity.parent.as_deref().map(normalize_name),
            level,
        });
    }
    registry
}

mod registry_levels;

/// Turns a toml error into a diagnostic with a line, a caret and a hint for unknown keys.
fn toml_diagnostic(text: &str, error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim().to_string();
    let mut diagnostic =
        Diagnostic::error(CONFIG_FILE, format!("invalid `{CONFIG_FILE}`: {message}"));
    if let Some(span) = error.span() {
        diagnostic = diagnostic.at_offset(text, span.start);
    }
    if let Some(key) = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
    {
        diagnostic.message = format!("unknown key `{key}` in `{CONFIG_FILE}`");
        // A nested table (such as [[deploy.targets]]) names its own keys after `expected`.
        let nested = message
            .split_once(", expected ")
            .map(|(_, keys)| keys.to_string());
        let hint = match did_you_mean(key, TOP_KEYS) {
            _ if nested.is_some() && !message.contains("`title`") => {
                format!("expected {}", nested.unwrap_or_default())
            }
            Some(guess) => format!(
                "did you mean `{guess}`? known keys: {}",
                TOP_KEYS.join(", ")
            ),
            None => format!("known keys: {}", TOP_KEYS.join(", ")),
        };
        diagnostic = diagnostic.with_hint(hint);
    } else if message.starts_with("missing field") {
        diagnostic = diagnostic.with_hint("site.toml needs at least `title` and `base_url`");
    } else if message.contains("expected a string") {
        diagnostic = diagnostic
            .with_hint("text values are written in double quotes: `title = \"臨江市新聞檔案\"`");
    } else {
        diagnostic = diagnostic.with_hint(
            "site.toml holds `key = value` lines, text in double quotes, and sections such as [officials.\"林靜怡\"]",
        );
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title = \"臨江\"\nbase_url = \"https://example.org/archive/\"\n";

    #[test]
    fn minimal_config_gets_defaults() {
        let c = Config::parse(MINIMAL).unwrap();
        assert_eq!(c.base_url, "https://example.org/archive");
        assert_eq!(c.language, "en");
        assert_eq!(c.paginate, 20);
        assert!(c.search);
        assert_eq!(c.permalink("2024/"), "https://example.org/archive/2024/");
    }

    #[test]
    fn registry_maps_aliases_to_canonical_names() {
        let text = format!(
            "{MINIMAL}[districts.\"臨江高新區\"]\nslug = \"hi-tech\"\naliases = [\"高新區\", \" 臨江高新技術產業開發區 \"]\n"
        );
        let c = Config::parse(&text).unwrap();
        assert_eq!(c.districts.canonical("高新區"), "臨江高新區");
        assert_eq!(
            c.districts.canonical("臨江高新技術產業開發區"),
            "臨江高新區"
        );
        assert_eq!(c.districts.canonical("江北區"), "江北區");
        assert_eq!(
            c.districts.lookup("臨江高新區").unwrap().slug.as_deref(),
            Some("hi-tech")
        );
    }

    #[test]
    fn unknown_key_is_named_with_line_and_hint() {
        let text = format!("{MINIMAL}paginat = 10\n");
        let problems = Config::parse(&text).unwrap_err();
        let shown = problems[0].to_string();
        assert!(shown.contains("unknown key `paginat`"), "{shown}");
        assert!(shown.contains("site.toml:3:1"), "{shown}");
        assert!(shown.contains("did you mean `paginate`?"), "{shown}");
    }

    #[test]
    fn every_problem_is_reported() {
        let text = "title = \"\"\nbase_url = \"example.org\"\npaginate = 0\ntheme = \"../x\"\n";
        let problems = Config::parse(text).unwrap_err();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().all(|p| p.hint.is_some()), "{problems:?}");
    }

    #[test]
    fn toml_errors_have_a_place_and_a_hint() {
        for text in [
            "title = 3\nbase_url = \"https://e.org\"\n",
            "title = \"t\"\nbase_url = \"https://e.org\"\npaginate 10\n",
            "title = \"t\"\n",
        ] {
            let problems = Config::parse(text).unwrap_err();
            assert!(problems[0].hint.is_some(), "{}", problems[0]);
            assert!(problems[0].line.is_some(), "{}", problems[0]);
        }
    }

    #[test]
    fn bad_registry_slug_and_shared_alias_are_errors() {
        let text = format!(
            "{MINIMAL}[officials.\"甲\"]\nslug = \"Bad Slug\"\naliases = [\"乙\"]\n[officials.\"丙\"]\naliases = [\"乙\"]\n"
        );
        let problems = Config::parse(&text).unwrap_err();
        let all: String = problems.iter().map(|p| p.to_string()).collect();
        assert!(all.contains("invalid slug `Bad Slug`"), "{all}");
        assert!(all.contains("`乙` is listed for two officials"), "{all}");
    }

    #[test]
    fn a_district_parent_is_canonical_and_officials_have_none() {
        let text = format!(
            "{MINIMAL}[districts.\"江北區\"]\nparent = \"臨江\"\n[districts.\"臨江市\"]\naliases = [\"臨江\"]\n"
        );
        let config = Config::parse(&text).unwrap();
        let north = config.districts.lookup("江北區").unwrap();
        assert_eq!(north.parent.as_deref(), Some("臨江市"));
        let text = format!("{MINIMAL}[officials.\"甲\"]\nparent = \"乙\"\n");
        let problems = Config::parse(&text).unwrap_err();
        assert!(problems[0].to_string().contains("has a `parent`"));
    }
}
