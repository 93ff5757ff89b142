//! Deploy target URLs (`s3://…`, `sftp://…`) as site.toml gives them, parsed and checked with
//! the rest of the configuration; `crate::deploy::target` opens a storage operator for one.
//! Credentials are never part of a URL: S3 keys come from the environment or the AWS config
//! files, SSH keys from the agent or `~/.ssh/config`, exactly as the providers' own tools read
//! them.

use std::fmt;

/// A parsed target URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetUrl {
    /// `s3://bucket/prefix?region=…&endpoint=…&path_style=true`
    S3 {
        bucket: String,
        prefix: String,
        region: Option<String>,
        endpoint: Option<String>,
        path_style: Option<bool>,
    },
    /// `sftp://[user@]host[:port]/absolute/path`
    Sftp {
        user: Option<String>,
        host: String,
        port: Option<u16>,
        path: String,
    },
}

/// Query keys accepted in an `s3://` URL.
const S3_KEYS: &[&str] = &["region", "endpoint", "path_style"];

/// A message and a hint.
type Problem = (String, String);

fn credential_problem(what: &str) -> Problem {
    (
        format!("the URL carries {what}; credentials never go into site.toml"),
        "remove it: S3 keys come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or ~/.aws/credentials), SSH keys from ssh-agent or ~/.ssh/config".to_string(),
    )
}

impl TargetUrl {
    /// Parses a target URL, refusing anything that looks like a credential.
    pub fn parse(text: &str) -> Result<TargetUrl, Problem> {
        let url = url::Url::parse(text.trim()).map_err(|e| {
            (
                format!("`{text}` is not a URL ({e})"),
                "write s3://BUCKET/PREFIX?region=REGION or sftp://USER@HOST/PATH".to_string(),
            )
        })?;
        if url.password().is_some() {
            return Err(credential_problem("a password"));
        }
        match url.scheme() {
            "s3" => Self::parse_s3(&url),
            "sftp" => Self::parse_sftp(&url),
            other => Err((
                format!("`{other}://` targets are not supported"),
                "use s3:// (AWS S3 and S3-compatible stores such as OSS, COS, OBS, R2, MinIO) or sftp://"
                    .to_string(),
            )),
        }
    }

    fn parse_s3(url: &url::Url) -> Result<TargetUrl, Problem> {
        let bucket = url.host_str().unwrap_or_default().to_string();
        if bucket.is_empty() {
            return Err((
                "the s3:// URL names no bucket".to_string(),
                "write s3://BUCKET or s3://BUCKET/PREFIX".to_string(),
            ));
        }
        if !url.username().is_empty() {
            return Err(credential_problem("a user name"));
        }
        let (mut region, mut endpoint, mut path_style) = (None, None, None);
        for (key, value) in url.query_pairs() {
            match key.as_ref() {
                "region" => region = Some(value.to_string()),
                "endpoint" => {
                    if !(value.starts_with("http://") || value.starts_with("https://")) {
                        return Err((
                            format!("the endpoint `{value}` is not an http(s) URL"),
                            "write endpoint=https://HOST, e.g. endpoint=https://oss-cn-hangzhou.aliyuncs.com".to_string(),
                        ));
                    }
                    endpoint = Some(value.trim_end_matches('/').to_string());
                }
                "path_style" => {
                    path_style = Some(value.parse::<bool>().map_err(|_| {
                        (
                        format!("path_style must be true or false, not `{value}`"),
                        "path_style=true addresses the bucket in the path (MinIO, local servers)"
                            .to_string(),
                    )
                    })?)
                }
                other
                    if ["key", "secret", "token", "password"]
                        .iter()
                        .any(|word| other.to_lowercase().contains(word)) =>
                {
                    return Err(credential_problem(&format!("`{other}`")));
                }
                other => {
                    return Err((
                        format!("unknown s3:// URL parameter `{other}`"),
                        format!("known parameters: {}", S3_KEYS.join(", ")),
                    ));
                }
            }
        }
        Ok(TargetUrl::S3 {
            bucket,
            prefix: url.path().trim_matches('/').to_string(),
            region,
            endpoint,
            path_style,
        })
    }

    fn parse_sftp(url: &url::Url) -> Result<TargetUrl, Problem> {
        let host = url.host_str().unwrap_or_default().to_string();
        if host.is_empty() {
            return Err((
                "the sftp:// URL names no host".to_string(),
                "write sftp://USER@HOST/ABSOLUTE/PATH".to_string(),
            ));
        }
        if url.query().is_some() {
            return Err((
                "sftp:// URLs take no parameters".to_string(),
                "put the port in the URL (sftp://HOST:2222/PATH) and keys in ~/.ssh/config or ssh-agent".to_string(),
            ));
        }
        let path = percent_encoding::percent_decode_str(url.path())
            .decode_utf8_lossy()
            .to_string();
        if path.trim_matches('/').is_empty() {
            return Err((
                "the sftp:// URL names no folder".to_string(),
                "publish into a folder of its own, e.g. sftp://deploy@www.example.org/var/www/archive".to_string(),
            ));
        }
        Ok(TargetUrl::Sftp {
            user: (!url.username().is_empty()).then(|| url.username().to_string()),
            host,
            port: url.port(),
            path,
        })
    }

    /// True for SFTP targets, where a file is written under a temporary name and renamed.
    pub fn is_sftp(&self) -> bool {
        matches!(self, TargetUrl::Sftp { .. })
    }
}

impl fmt::Display for TargetUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetUrl::S3 {
                bucket,
                prefix,
                endpoint,
                ..
            } => {
                write!(f, "s3://{bucket}/{prefix}")?;
                if let Some(endpoint) = endpoint {
                    write!(f, " at {endpoint}")?;
                }
                Ok(())
            }
            TargetUrl::Sftp {
                user,
                host,
                port,
                path,
            } => {
                write!(f, "sftp://")?;
                if let Some(user) = user {
                    write!(f, "{user}@")?;
                }
                write!(f, "{host}")?;
                if let Some(port) = port {
                    write!(f, ":{port}")?;
                }
                write!(f, "{path}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s3_urls_keep_bucket_prefix_and_parameters() {
        let url = TargetUrl::parse(
            "s3://archive-bucket/news?region=cn-hangzhou&endpoint=https://oss-cn-hangzhou.aliyuncs.com",
        )
        .unwrap();
        assert_eq!(
            url,
            TargetUrl::S3 {
                bucket: "archive-bucket".into(),
                prefix: "news".into(),
                region: Some("cn-hangzhou".into()),
                endpoint: Some("https://oss-cn-hangzhou.aliyuncs.com".into()),
                path_style: None,
            }
        );
        assert_eq!(
            url.to_string(),
            "s3://archive-bucket/news at https://oss-cn-hangzhou.aliyuncs.com"
        );
    }

    #[test]
    fn sftp_urls_keep_user_port_and_folder() {
        let url = TargetUrl::parse("sftp://deploy@www.example.org:2222/var/www/archive").unwrap();
        assert_eq!(
            url,
            TargetUrl::Sftp {
                user: Some("deploy".into()),
                host: "www.example.org".into(),
                port: Some(2222),
                path: "/var/www/archive".into(),
            }
        );
        assert_eq!(
            url.to_string(),
            "sftp://deploy@www.example.org:2222/var/www/archive"
        );
    }

    #[test]
    fn credentials_in_urls_are_refused() {
        for text in [
            "sftp://deploy:hunter2@example.org/var/www",
            "s3://bucket?secret_access_key=abc",
            "s3://AKIA@bucket",
        ] {
            let (message, hint) = TargetUrl::parse(text).unwrap_err();
            assert!(
                message.contains("credentials never go into site.toml"),
                "{message}"
            );
            assert!(
                !message.contains("hunter2") && !message.contains("abc"),
                "{message}"
            );
            assert!(hint.contains("AWS_ACCESS_KEY_ID"), "{hint}");
        }
    }

    #[test]
    fn other_mistakes_are_named() {
        for (text, expected) in [
            ("ftp://example.org/x", "`ftp://` targets are not supported"),
            (
                "s3://bucket?regoin=x",
                "unknown s3:// URL parameter `regoin`",
            ),
            (
                "s3://bucket?endpoint=oss.example.org",
                "is not an http(s) URL",
            ),
            ("sftp://example.org/", "names no folder"),
            ("not a url", "is not a URL"),
        ] {
            let (message, _) = TargetUrl::parse(text).unwrap_err();
            assert!(message.contains(expected), "{text}: {message}");
        }
    }
}
