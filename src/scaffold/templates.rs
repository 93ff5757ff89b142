//! The files `annals init` writes: `site.toml` with every key documented and commented registry
//! examples, an example report in the site's language, and `.gitignore`.
//!
//! The example report is written through [`crate::report_file`] like every report annals makes;
//! its officials and districts are the ones the commented registry examples name, so uncommenting
//! them shows at once what a registry does.

use crate::report_file::{FrontMatter, NamedOfficial, report_path};
use crate::text::slug::report_slug;
use jiff::civil::Date;
use std::path::PathBuf;

/// `base_url` of a new site when none is given: valid, and plainly a placeholder.
pub const PLACEHOLDER_BASE_URL: &str = "https://archive.example.org";

/// The output folder is built, not written: it stays out of version control.
pub const GITIGNORE: &str = "public/\n";

/// The interface languages a new site can start with (site.toml accepts any language tag).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    ZhHant,
    ZhHans,
    En,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::ZhHant, Language::ZhHans, Language::En];

    /// The tag written as `language` in site.toml.
    pub fn tag(self) -> &'static str {
        match self {
            Language::ZhHant => "zh-Hant",
            Language::ZhHans => "zh-Hans",
            Language::En => "en",
        }
    }

    /// The language a tag names, ignoring case; the regional tags site.toml treats alike
    /// (`zh-TW`, `zh-HK`, `zh-CN`) are accepted too.
    pub fn from_tag(tag: &str) -> Option<Language> {
        match tag.trim().to_ascii_lowercase().as_str() {
            "zh-hant" | "zh-tw" | "zh-hk" => Some(Language::ZhHant),
            "zh-hans" | "zh-cn" => Some(Language::ZhHans),
            "en" => Some(Language::En),
            _ => None,
        }
    }
}

/// The words of the example that change with the language.
struct ExampleWords {
    title: &'static str,
    official: &'static str,
    alias: &'static str,
    role: &'static str,
    district: &'static str,
    tag: &'static str,
    body: &'static str,
}

fn words(language: Language) -> ExampleWords {
    match language {
        Language::ZhHant => ExampleWords {
            title: "檔案網站開通",
            official: "林靜怡",
            alias: "林靜儀",
            role: "市長",
            district: "江北區",
            tag: "示例",
            body: "這是 `annals init` 建立的示例報道。每篇報道是 `content/` 下的一個 Markdown 文件，\
                   開頭的 front matter 寫明標題、日期、出席的官員和涉及的區縣。\n\n\
                   用 `annals new \"標題\" --official 林靜怡:市長 --district 江北區` 寫下一篇報道，\
                   用 `annals serve` 預覽。不再需要本文時，刪除這個文件即可。\n",
        },
        Language::ZhHans => ExampleWords {
            title: "档案网站开通",
            official: "林静怡",
            alias: "林静仪",
            role: "市长",
            district: "江北区",
            tag: "示例",
            body: "这是 `annals init` 创建的示例报道。每篇报道是 `content/` 下的一个 Markdown 文件，\
                   开头的 front matter 写明标题、日期、出席的官员和涉及的区县。\n\n\
                   用 `annals new \"标题\" --official 林静怡:市长 --district 江北区` 写下一篇报道，\
                   用 `annals serve` 预览。不再需要本文时，删除这个文件即可。\n",
        },
        Language::En => ExampleWords {
            title: "The archive opens",
            official: "Maria Lopez",
            alias: "María López",
            role: "Mayor",
            district: "Riverside",
            tag: "example",
            body: "This example report was made by `annals init`. Every report is a Markdown file \
                   under `content/` whose front matter names its title, date, the officials present \
                   and the districts concerned.\n\n\
                   Write the next one with `annals new \"Title\" --official \"Maria Lopez:Mayor\" \
                   --district Riverside` and preview with `annals serve`. Delete this file once it \
                   has served its purpose.\n",
        },
    }
}

/// The text of `site.toml`. `title` and `base_url` are written as TOML strings, so any text is
/// safe; whether they are valid is for [`crate::config::Config::parse`] to say.
pub fn site_toml(title: &str, base_url: &str, language: Language) -> String {
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let w = words(language);
    format!(
        r#"# The configuration of this archive. Every key is described in annals' docs/format.md;
# `annals check` names any key it does not know.

title = {title}
# Where the site will be published: an absolute URL, which may end in a path (/archive).
base_url = {base_url}
# zh-Hant and zh-Hans give a Chinese interface, any other tag an English one.
language = "{language}"
# Reports per list page.
paginate = 20
# Write the search index and the /search/ page.
search = true

# Shown on the home page and in <meta name="description">.
# description = "..."
# A folder under themes/ whose templates override the built-in theme, file by file.
# theme = "my-theme"
# Keep raw HTML in report bodies as written instead of sanitising it (trusted archives only).
# trusted_html = false

# Registries of officials and districts: stable slugs for their pages, other spellings that
# mean the same person or place, and a description. Once a registry lists anyone, `annals check`
# and `annals new` name every spelling missing from it.
#
# [officials."{official}"]
# slug = "{official_slug}"
# aliases = ["{alias}"]
# description = "{role}"
# level = "city"             # the group of the officials index: higher, city, district,
#                            # township, department or other (default: read from the role)
#
# [districts."{district}"]
# slug = "{district_slug}"
# parent = "..."             # the district it lies in: the districts index nests it there

# Machine-readable outputs, each on unless set to false (see docs/format.md, "Open data").
# [outputs]
# reports_data = true        # /data/reports.json and .csv
# officials_data = true      # /data/officials.json and .csv
# districts_data = true      # /data/districts.json and .csv
# popolo = true              # /data/popolo.json
# calendars = true           # calendar.ics beside every Atom feed
# json_feeds = true          # feed.json beside every Atom feed
# structured_data = true     # schema.org JSON-LD in report, official and district pages

# Free-form values handed to templates as `config.extra`.
# [extra]
"#,
        title = quoted(title),
        base_url = quoted(base_url),
        language = language.tag(),
        official = w.official,
        official_slug = crate::text::slug::slugify(w.official),
        alias = w.alias,
        role = w.role,
        district = w.district,
        district_slug = crate::text::slug::slugify(w.district),
    )
}

/// The example report: where it goes (relative to the site root) and its text.
pub struct ExampleReport {
    pub path: PathBuf,
    pub text: String,
}

/// The example report of a new site, dated `date`.
pub fn example_report(language: Language, date: Date) -> ExampleReport {
    let w = words(language);
    let officials = [NamedOfficial {
        name: w.official.to_string(),
        role: Some(w.role.to_string()),
    }];
    let districts = [w.district.to_string()];
    let tags = [w.tag.to_string()];
    let front = FrontMatter {
        title: w.title,
        date: Some(date),
        officials: &officials,
        districts: &districts,
        tags: &tags,
        ..FrontMatter::default()
    };
    ExampleReport {
        path: report_path(date, &report_slug(w.title)),
        text: format!("{}{}", front.to_yaml(), w.body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn every_language_makes_a_valid_config_and_report() {
        for language in Language::ALL {
            let config = Config::parse(&site_toml("A \"quoted\" title", "https://e.org", language))
                .unwrap_or_else(|e| panic!("{language:?}: {e:?}"));
            assert_eq!(config.title, "A \"quoted\" title");
            assert_eq!(config.language, language.tag());
            assert_eq!(Language::from_tag(language.tag()), Some(language));
            let example = example_report(language, jiff::civil::date(2024, 3, 14));
            assert!(
                example.path.starts_with("content/2024/03"),
                "{:?}",
                example.path
            );
            assert!(example.text.starts_with("---\ntitle: "), "{}", example.text);
        }
        assert_eq!(Language::from_tag("ZH-tw"), Some(Language::ZhHant));
        assert_eq!(Language::from_tag("fr"), None);
    }

    #[test]
    fn the_commented_registry_becomes_valid_when_uncommented() {
        let text = site_toml("t", "https://e.org", Language::ZhHant).replace("# [", "[");
        let uncommented: String = text
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest) if rest.starts_with(['s', 'a', 'd']) && rest.contains(" = ") => rest,
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let config = Config::parse(&uncommented).unwrap_or_else(|e| panic!("{e:?}\n{uncommented}"));
        assert_eq!(config.officials.canonical("林靜儀"), "林靜怡");
        assert_eq!(config.description.as_deref(), Some("..."));
    }
}
