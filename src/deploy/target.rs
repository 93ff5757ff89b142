//! The storage operator a deploy target opens.
//!
//! The protocols themselves are Apache OpenDAL's (see ARCHITECTURE.md for why OpenDAL and not
//! `object_store`): its S3 service speaks to AWS and every S3-compatible store (Alibaba OSS,
//! Tencent COS, Huawei OBS, Cloudflare R2, MinIO), its SFTP service drives the system's OpenSSH
//! client. The target URLs themselves are parsed with the configuration
//! ([`crate::config::target_url`]).

pub use crate::config::target_url::TargetUrl;
use opendal::Operator;
use opendal::layers::{RetryLayer, TimeoutLayer};
use std::time::Duration;

/// Opens the storage operator for a target (no network traffic yet).
pub fn operator(target: &TargetUrl) -> opendal::Result<Operator> {
    let operator = match target {
        TargetUrl::S3 {
            bucket,
            prefix,
            region,
            endpoint,
            path_style,
        } => {
            let mut builder = opendal::services::S3::default()
                .bucket(bucket)
                .root(&format!("/{prefix}"));
            let region = region
                .clone()
                .or_else(|| std::env::var("AWS_REGION").ok())
                .or_else(|| std::env::var("AWS_DEFAULT_REGION").ok())
                .unwrap_or_else(|| "us-east-1".to_string());
            builder = builder.region(&region);
            if let Some(endpoint) = endpoint {
                builder = builder.endpoint(endpoint);
            }
            if !path_style.unwrap_or_else(|| endpoint_is_local(endpoint.as_deref())) {
                builder = builder.enable_virtual_host_style();
            }
            Operator::new(builder)?.finish()
        }
        TargetUrl::Sftp {
            user,
            host,
            port,
            path,
        } => {
            let mut destination = String::from("ssh://");
            if let Some(user) = user {
                destination.push_str(user);
                destination.push('@');
            }
            destination.push_str(host);
            if let Some(port) = port {
                destination.push_str(&format!(":{port}"));
            }
            let builder = opendal::services::Sftp::default()
                .endpoint(&destination)
                .root(path)
                .known_hosts_strategy("strict");
            Operator::new(builder)?.finish()
        }
    };
    Ok(operator
        .layer(TimeoutLayer::new().with_io_timeout(Duration::from_secs(60)))
        .layer(
            RetryLayer::new()
                .with_max_times(3)
                .with_min_delay(Duration::from_millis(200))
                .with_jitter(),
        ))
}

/// Virtual-host addressing (`bucket.endpoint`) cannot work for an IP address or `localhost`.
fn endpoint_is_local(endpoint: Option<&str>) -> bool {
    let Some(host) = endpoint
        .and_then(|e| url::Url::parse(e).ok())
        .and_then(|u| u.host().map(|h| h.to_owned()))
    else {
        return false;
    };
    match host {
        url::Host::Domain(name) => name == "localhost",
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_endpoints_use_path_style() {
        assert!(endpoint_is_local(Some("http://127.0.0.1:9000")));
        assert!(endpoint_is_local(Some("http://localhost:9000")));
        assert!(!endpoint_is_local(Some(
            "https://oss-cn-hangzhou.aliyuncs.com"
        )));
        assert!(!endpoint_is_local(None));
    }
}
