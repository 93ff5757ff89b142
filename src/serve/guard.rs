//! Which requests the preview answers: the defence against DNS rebinding.
//!
//! A web page the editor visits while the preview runs can point a host name it controls at
//! 127.0.0.1 and then read the preview — unpublished drafts included — as if it were its own
//! site. The browser still sends that foreign name in `Host`, so, as Vite and webpack-dev-server
//! do since their advisories, the preview answers only requests whose `Host` is this computer:
//! an IP address (a rebinding attack needs a name), `localhost` or a `*.localhost` name, or a name
//! the editor allowed with `--allow-host`. The live-reload websocket, which browsers open across
//! origins, is accepted only from the preview's own origin (same host rules, same port).

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::IpAddr;
use std::sync::Arc;

/// The names and port the preview answers to.
#[derive(Debug, Clone, Default)]
pub struct HostGuard {
    /// The port the preview listens on (an `Origin` must name it).
    pub port: u16,
    /// Extra host names (`archive.test`), or `.example.org` for a domain and its subdomains.
    pub allowed: Vec<String>,
}

impl HostGuard {
    /// True when a `Host` header value (`localhost:1111`, `[::1]:8080`) names this computer.
    pub fn allows_host(&self, host: &str) -> bool {
        split_authority(host).is_some_and(|(name, _)| self.allows_name(&name))
    }

    /// True when an `Origin` header value is the preview itself (`http://127.0.0.1:1111`).
    pub fn allows_origin(&self, origin: &str) -> bool {
        let Some(authority) = origin.strip_prefix("http://") else {
            return false;
        };
        match split_authority(authority) {
            Some((name, port)) => port.unwrap_or(80) == self.port && self.allows_name(&name),
            None => false,
        }
    }

    fn allows_name(&self, name: &str) -> bool {
        let name = name.to_ascii_lowercase();
        let name = name.trim_end_matches('.');
        if name.parse::<IpAddr>().is_ok() || name == "localhost" || name.ends_with(".localhost") {
            return true;
        }
        self.allowed.iter().any(|allowed| {
            let allowed = allowed.to_ascii_lowercase();
            match allowed.strip_prefix('.') {
                Some(domain) => name == domain || name.ends_with(&allowed),
                None => name == allowed,
            }
        })
    }
}

/// Splits `name:port` / `[v6]:port` into the bare name and the port. `None` when malformed.
fn split_authority(authority: &str) -> Option<(String, Option<u16>)> {
    if authority.is_empty() || authority.contains(['/', '@', ' ', '\\']) {
        return None;
    }
    if let Some(rest) = authority.strip_prefix('[') {
        let (v6, after) = rest.split_once(']')?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?.parse().ok()?),
        };
        return Some((v6.to_string(), port));
    }
    match authority.rsplit_once(':') {
        Some((name, port)) => Some((name.to_string(), Some(port.parse().ok()?))),
        None => Some((authority.to_string(), None)),
    }
}

/// Middleware: refuses requests for foreign hosts, and websocket upgrades from foreign origins.
pub async fn check(State(guard): State<Arc<HostGuard>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if !host.is_some_and(|h| guard.allows_host(h)) {
        let message = format!(
            "this preview answers only requests for this computer (localhost, 127.0.0.1, [::1]), not for `{}`; to open it under another name, start it with `annals serve --allow-host NAME`\n",
            host.unwrap_or("")
        );
        return (StatusCode::FORBIDDEN, message).into_response();
    }
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|h| h.to_str().ok());
    let upgrade = request.headers().contains_key(header::UPGRADE);
    if upgrade && origin.is_some_and(|o| !guard.allows_origin(o)) {
        return (
            StatusCode::FORBIDDEN,
            "the live-reload socket is only for pages of this preview\n",
        )
            .into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard(allowed: &[&str]) -> HostGuard {
        HostGuard {
            port: 1111,
            allowed: allowed.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn this_computer_is_allowed_by_address_or_localhost() {
        let g = guard(&[]);
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST",
            "[::1]:1111",
            "preview.localhost:1111",
            "192.168.1.20:1111",
            "localhost.:1111",
        ] {
            assert!(g.allows_host(host), "{host}");
        }
    }

    #[test]
    fn foreign_names_are_refused_unless_allowed() {
        let g = guard(&[]);
        for host in [
            "evil.example.com",
            "evil.example.com:1111",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "",
            "user@localhost",
            "[::1",
        ] {
            assert!(!g.allows_host(host), "{host}");
        }
        let g = guard(&["archive.test", ".lan.example"]);
        assert!(g.allows_host("archive.test:1111"));
        assert!(g.allows_host("pc.lan.example"));
        assert!(g.allows_host("lan.example"));
        assert!(!g.allows_host("evil-lan.example"));
    }

    #[test]
    fn only_the_preview_origin_may_open_the_socket() {
        let g = guard(&[]);
        assert!(g.allows_origin("http://127.0.0.1:1111"));
        assert!(g.allows_origin("http://localhost:1111"));
        assert!(!g.allows_origin("http://localhost:3000"));
        assert!(!g.allows_origin("http://evil.example.com:1111"));
        assert!(!g.allows_origin("https://127.0.0.1:1111"));
        assert!(!g.allows_origin("null"));
    }
}
