//! The `[deploy]` section of `site.toml`: where a site is published (`[[deploy.targets]]`) and
//! which headers its files get (`[[deploy.matchers]]`), following Hugo's `[deployment]`.
//!
//! Parsed strictly like the rest of `site.toml` (unknown keys are errors), and validated when the
//! configuration loads, so a typo in a target URL or a matcher pattern fails `annals build` and
//! `annals check` too, not only the deploy. Credentials never come from here: a URL that carries
//! a password or a key is refused (see [`super::target`]).

use super::target_url::TargetUrl;
use serde::Deserialize;

/// `[deploy]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeploy {
    #[serde(default)]
    targets: Vec<RawTarget>,
    #[serde(default)]
    matchers: Vec<RawMatcher>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    name: String,
    url: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMatcher {
    pattern: String,
    cache_control: Option<String>,
    content_type: Option<String>,
}

/// The validated `[deploy]` section.
#[derive(Debug, Clone, Default)]
pub struct DeploySettings {
    pub targets: Vec<Target>,
    pub matchers: Vec<Matcher>,
}

/// One place the site is published to.
#[derive(Debug, Clone)]
pub struct Target {
    pub name: String,
    pub url: TargetUrl,
}

/// Headers for the files whose site path matches `pattern` (the first matching matcher wins).
#[derive(Debug, Clone)]
pub struct Matcher {
    pub pattern: regex::Regex,
    pub cache_control: Option<String>,
    /// Replaces the content type annals would choose from the file name.
    pub content_type: Option<String>,
}

impl DeploySettings {
    /// Validates the raw section; every problem is returned as a message with a hint.
    pub fn from_raw(raw: RawDeploy) -> Result<DeploySettings, Vec<(String, String)>> {
        let mut problems = Vec::new();
        let mut targets: Vec<Target> = Vec::new();
        for raw_target in raw.targets {
            let name = raw_target.name.trim().to_string();
            if name.is_empty() || name.contains(char::is_whitespace) {
                problems.push((
                    format!(
                        "deploy target name `{}` is not a single word",
                        raw_target.name
                    ),
                    "name targets with one word, such as `production` or `staging`".to_string(),
                ));
                continue;
            }
            if targets.iter().any(|t| t.name == name) {
                problems.push((
                    format!("two deploy targets are named `{name}`"),
                    "give every [[deploy.targets]] its own name".to_string(),
                ));
                continue;
            }
            match TargetUrl::parse(&raw_target.url) {
                Ok(url) => targets.push(Target { name, url }),
                Err((message, hint)) => {
                    problems.push((format!("deploy target `{name}`: {message}"), hint))
                }
            }
        }
        let mut matchers = Vec::new();
        for raw_matcher in raw.matchers {
            match regex::Regex::new(&raw_matcher.pattern) {
                Ok(pattern) => matchers.push(Matcher {
                    pattern,
                    cache_control: raw_matcher.cache_control,
                    content_type: raw_matcher.content_type,
                }),
                Err(e) => problems.push((
                    format!(
                        "deploy matcher pattern `{}` is not a valid regular expression: {}",
                        raw_matcher.pattern,
                        e.to_string().lines().last().unwrap_or_default().trim()
                    ),
                    "patterns are regular expressions over the site path, e.g. `^.+\\\\.(css|js)$`"
                        .to_string(),
                )),
            }
        }
        if problems.is_empty() {
            Ok(DeploySettings { targets, matchers })
        } else {
            Err(problems)
        }
    }

    /// The target called `name`, or the only one when no name is given.
    pub fn choose(&self, name: Option<&str>) -> Result<&Target, (String, String)> {
        let names = || {
            self.targets
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match name {
            Some(name) => self.targets.iter().find(|t| t.name == name).ok_or_else(|| {
                let hint = match crate::diagnostics::did_you_mean(
                    name,
                    &self.targets.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
                ) {
                    Some(guess) => format!("did you mean `{guess}`? targets: {}", names()),
                    None if self.targets.is_empty() => {
                        "add a [[deploy.targets]] section to site.toml (see docs/deploy.md)"
                            .to_string()
                    }
                    None => format!("targets in site.toml: {}", names()),
                };
                (format!("no deploy target named `{name}`"), hint)
            }),
            None => match self.targets.as_slice() {
                [only] => Ok(only),
                [] => Err((
                    "site.toml has no deploy target".to_string(),
                    "add one, e.g. [[deploy.targets]] name = \"production\" url = \"s3://bucket?region=us-east-1\" (see docs/deploy.md)".to_string(),
                )),
                _ => Err((
                    "site.toml has several deploy targets".to_string(),
                    format!("choose one with --target NAME: {}", names()),
                )),
            },
        }
    }

    /// The cache control and content type override for a site path.
    pub fn headers_for(&self, path: &str) -> (Option<&str>, Option<&str>) {
        self.matchers
            .iter()
            .find(|m| m.pattern.is_match(path))
            .map_or((None, None), |m| {
                (m.cache_control.as_deref(), m.content_type.as_deref())
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<DeploySettings, Vec<(String, String)>> {
        let raw: RawDeploy = toml::from_str(text).unwrap();
        DeploySettings::from_raw(raw)
    }

    #[test]
    fn targets_and_matchers_are_read() {
        let settings = parse(
            r#"
            [[targets]]
            name = "production"
            url = "s3://archive-bucket/news?region=cn-hangzhou&endpoint=https://oss-cn-hangzhou.aliyuncs.com"
            [[targets]]
            name = "web"
            url = "sftp://deploy@www.example.org/var/www/archive"
            [[matchers]]
            pattern = "^.+\\.(css|js|woff2)$"
            cache_control = "max-age=31536000, immutable"
            "#,
        )
        .unwrap();
        assert_eq!(settings.targets.len(), 2);
        assert_eq!(settings.choose(Some("web")).unwrap().name, "web");
        assert!(
            settings
                .choose(None)
                .unwrap_err()
                .1
                .contains("production, web")
        );
        let (cache, kind) = settings.headers_for("css/site.css");
        assert_eq!(cache, Some("max-age=31536000, immutable"));
        assert_eq!(kind, None);
        assert_eq!(settings.headers_for("index.html"), (None, None));
    }

    #[test]
    fn unknown_target_suggests_the_closest_name() {
        let settings =
            parse("[[targets]]\nname = \"production\"\nurl = \"s3://b?region=x\"\n").unwrap();
        assert_eq!(settings.choose(None).unwrap().name, "production");
        let (message, hint) = settings.choose(Some("prodution")).unwrap_err();
        assert!(message.contains("`prodution`"), "{message}");
        assert!(hint.contains("did you mean `production`?"), "{hint}");
    }

    #[test]
    fn every_problem_is_reported() {
        let problems = parse(
            r#"
            [[targets]]
            name = "a"
            url = "ftp://example.org/"
            [[targets]]
            name = "a b"
            url = "s3://bucket"
            [[matchers]]
            pattern = "(unclosed"
            "#,
        )
        .unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}
