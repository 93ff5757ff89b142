//! Storage errors turned into messages an editor can act on.
//!
//! OpenDAL's errors carry the whole server response and the SSH client's log; shown raw they are
//! long, technical, and may echo an access key id. Here they are classified (credentials refused,
//! target unreachable, unknown host key, missing bucket) into one lower-case sentence with a hint,
//! and whatever text is kept passes through [`redact`], which removes the values of every
//! credential variable of the environment.

use super::target::TargetUrl;

/// Environment variables whose values must never appear in output.
const SECRET_VARIABLES: &[&str] = &[
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "TENCENTCLOUD_SECRET_ID",
    "TENCENTCLOUD_SECRET_KEY",
];

/// Replaces the value of every credential variable in `text` by `[redacted]`.
pub fn redact(text: &str) -> String {
    let mut text = text.to_string();
    for name in SECRET_VARIABLES {
        if let Ok(value) = std::env::var(name)
            && value.len() >= 4
        {
            text = text.replace(&value, "[redacted]");
        }
    }
    text
}

/// The full text of an error and its sources, for classification only (never printed whole).
fn full_text(error: &opendal::Error) -> String {
    let mut text = format!("{error:?}");
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        text.push_str(&format!(" / {inner}"));
        source = inner.source();
    }
    text
}

/// The S3 error code (`InvalidAccessKeyId`) inside an OpenDAL error message, if any.
fn s3_code(text: &str) -> Option<&str> {
    let start = text.find("code: \"")? + "code: \"".len();
    let length = text[start..].find('"')?;
    Some(&text[start..start + length]).filter(|c| !c.is_empty())
}

/// Describes a failed `action` ("list", "upload `x`") on `url` as a message and a hint.
pub fn describe(error: &opendal::Error, url: &TargetUrl, action: &str) -> (String, String) {
    let text = full_text(error);
    let lower = text.to_lowercase();
    let sftp = url.is_sftp();
    let code = s3_code(&text);
    let credentials_hint = if sftp {
        "make sure the server accepts your SSH key: load it into ssh-agent (`ssh-add`) or name it with IdentityFile in ~/.ssh/config, and try `ssh` to the same host".to_string()
    } else {
        "check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the profile in ~/.aws/credentials named by AWS_PROFILE), and that the key may write to the bucket".to_string()
    };
    let unreachable_hint = if sftp {
        "check the host name and port in the target URL and that the server runs SSH".to_string()
    } else {
        "check the endpoint and region in the target URL and your network connection".to_string()
    };
    let (what, hint) = if lower.contains("host key verification failed")
        || lower.contains("remote host identification has changed")
    {
        (
            "the server's host key is unknown or changed".to_string(),
            "connect once with `ssh` to check and accept its host key (annals never accepts one on its own)".to_string(),
        )
    } else if lower.contains("permission denied (")
        || lower.contains("authentication failed")
        || matches!(
            code,
            Some(
                "InvalidAccessKeyId"
                    | "SignatureDoesNotMatch"
                    | "AccessDenied"
                    | "InvalidToken"
                    | "ExpiredToken"
            )
        )
        || (!sftp && error.kind() == opendal::ErrorKind::PermissionDenied)
    {
        (
            format!(
                "the target refused the credentials{}",
                code.map(|c| format!(" ({c})")).unwrap_or_default()
            ),
            credentials_hint,
        )
    } else if code == Some("NoSuchBucket") {
        (
            "the bucket does not exist".to_string(),
            "create it first, or correct the bucket name in the target URL".to_string(),
        )
    } else if [
        "connection refused",
        "could not resolve",
        "dns error",
        "failed to lookup",
        "no route to host",
        "network is unreachable",
        "timed out",
        "connection reset",
        "error sending request",
        "connection closed",
    ]
    .iter()
    .any(|p| lower.contains(p))
    {
        ("the target cannot be reached".to_string(), unreachable_hint)
    } else if sftp && lower.contains("no such file") {
        (
            "the folder does not exist on the server and cannot be created".to_string(),
            "check the path in the target URL and the user's rights on the server".to_string(),
        )
    } else {
        let short: String = error.to_string().chars().take(300).collect();
        (
            format!("{} ({short})", error.kind()).to_lowercase(),
            "run again; if it keeps failing, check the target URL and the server".to_string(),
        )
    };
    (redact(&format!("cannot {action} at `{url}`: {what}")), hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s3() -> TargetUrl {
        TargetUrl::parse("s3://bucket?region=us-east-1").unwrap()
    }

    #[test]
    fn s3_codes_are_found() {
        let text = r#"S3Error { code: "InvalidAccessKeyId", message: "nope" }"#;
        assert_eq!(s3_code(text), Some("InvalidAccessKeyId"));
        assert_eq!(s3_code("no code here"), None);
    }

    #[test]
    fn refused_credentials_are_named_without_the_response() {
        let error = opendal::Error::new(
            opendal::ErrorKind::PermissionDenied,
            r#"S3Error { code: "SignatureDoesNotMatch", message: "for key AKIAEXAMPLE" }"#,
        );
        let (message, hint) = describe(&error, &s3(), "list the files");
        assert_eq!(
            message,
            "cannot list the files at `s3://bucket/`: the target refused the credentials (SignatureDoesNotMatch)"
        );
        assert!(!message.contains("AKIA"));
        assert!(hint.contains("AWS_SECRET_ACCESS_KEY"), "{hint}");
    }

    #[test]
    fn unreachable_targets_are_named() {
        let error = opendal::Error::new(
            opendal::ErrorKind::Unexpected,
            "send http request: error sending request: tcp connect error: Connection refused",
        );
        let (message, _) = describe(&error, &s3(), "list the files");
        assert!(
            message.ends_with("the target cannot be reached"),
            "{message}"
        );
    }
}
