//! The HTTP side of the preview: request paths → files of the built site, with the right
//! content type, the site's `404.html`, `index.html` for folders and the live-reload snippet in
//! HTML responses.
//!
//! A request can only reach a file of the built site: the decoded path is a key into the
//! in-memory table of built files (see [`super::state`]), never joined onto a folder. Paths that
//! try to leave the site anyway (`..` or `.` segments, also percent-encoded, backslashes, NUL)
//! are refused with 400 before any lookup, so that a mistake elsewhere could not turn them into
//! a file read.

use super::guard::HostGuard;
use super::live;
use super::state::{Found, Published};
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::sync::Arc;

/// The preview's routes: the live-reload websocket, and the site for every other path; every
/// request passes the [`HostGuard`] first.
pub fn router(published: Arc<Published>, guard: HostGuard) -> Router {
    Router::new()
        .route(live::SOCKET_PATH, get(live::socket))
        .route(live::SCRIPT_PATH, get(live::script))
        .fallback(respond)
        .with_state(published)
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(guard),
            super::guard::check,
        ))
}

/// Why a request path was refused.
#[derive(Debug, PartialEq, Eq)]
pub struct Refused(pub &'static str);

/// A request path, decoded and checked: the key of the file it asks for.
#[derive(Debug, PartialEq, Eq)]
pub struct SitePath {
    /// Site-relative file (`2024/03/index.html`, `static/會議紀要.pdf`).
    pub key: String,
    /// The path named a folder (ended with `/`, or was `/`).
    pub folder: bool,
}

/// Decodes a request path (`/2024/%E6%9C%83/`) into the key of a site file.
pub fn site_path(raw: &str) -> Result<SitePath, Refused> {
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(raw).collect();
    let decoded = String::from_utf8(bytes).map_err(|_| Refused("the path is not UTF-8"))?;
    if decoded.contains(['\0', '\\']) {
        return Err(Refused("the path holds a backslash or NUL"));
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return Err(Refused("the path leaves the site"));
    }
    let folder = segments.is_empty() || decoded.ends_with('/');
    let joined = segments.join("/");
    let key = match (folder, joined.is_empty()) {
        (true, true) => "index.html".to_string(),
        (true, false) => format!("{joined}/index.html"),
        (false, _) => joined,
    };
    Ok(SitePath { key, folder })
}

pub use crate::site_file::content_type;

/// Answers one request.
async fn respond(State(published): State<Arc<Published>>, method: Method, uri: Uri) -> Response {
    let head = method == Method::HEAD;
    if method != Method::GET && !head {
        let mut response = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET and HEAD are served",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let path = match site_path(uri.path()) {
        Ok(p) => p,
        Err(Refused(why)) => return plain(StatusCode::BAD_REQUEST, why),
    };
    let status = published.status();
    if !status.built {
        return file(
            StatusCode::SERVICE_UNAVAILABLE,
            "index.html",
            live::error_page(),
            &published,
            head,
        );
    }
    if let Some(found) = published.find(&path.key) {
        return match read(found).await {
            Some(bytes) => file(StatusCode::OK, &path.key, bytes, &published, head),
            None => not_found(&published, head).await,
        };
    }
    if !path.folder && published.contains(&format!("{}/index.html", path.key)) {
        let location = match uri.query() {
            Some(q) => format!("{}/?{q}", uri.path()),
            None => format!("{}/", uri.path()),
        };
        // Temporary: browsers cache permanent redirects across sites previewed on one port.
        let mut response = StatusCode::FOUND.into_response();
        if let Ok(value) = HeaderValue::from_str(&location) {
            response.headers_mut().insert(header::LOCATION, value);
        }
        return response;
    }
    not_found(&published, head).await
}

async fn read(found: Found) -> Option<Vec<u8>> {
    match found {
        Found::Memory(bytes) => Some(bytes.to_vec()),
        Found::Disk(path) => tokio::fs::read(path).await.ok(),
    }
}

/// The site's own `404.html`, with status 404.
async fn not_found(published: &Published, head: bool) -> Response {
    let page = match published.find("404.html") {
        Some(found) => read(found).await,
        None => None,
    };
    let page = page
        .unwrap_or_else(|| b"<!doctype html><title>404</title><h1>404: not found</h1>".to_vec());
    file(StatusCode::NOT_FOUND, "404.html", page, published, head)
}

/// A response carrying a site file; HTML gets the live-reload snippet.
fn file(
    status: StatusCode,
    key: &str,
    bytes: Vec<u8>,
    published: &Published,
    head: bool,
) -> Response {
    let kind = content_type(key);
    let bytes = if kind.starts_with("text/html") {
        live::inject(&bytes, &live::snippet(&published.status()))
    } else {
        bytes
    };
    let length = bytes.len();
    let body = if head {
        Body::empty()
    } else {
        Body::from(bytes)
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn plain(status: StatusCode, message: &str) -> Response {
    let mut response = (status, format!("{message}\n")).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(raw: &str) -> String {
        site_path(raw).unwrap().key
    }

    #[test]
    fn paths_become_site_keys() {
        assert_eq!(key("/"), "index.html");
        assert_eq!(key(""), "index.html");
        assert_eq!(key("/2024/03/"), "2024/03/index.html");
        assert!(!site_path("/2024").unwrap().folder);
        assert_eq!(key("/2024"), "2024");
        assert_eq!(key("/feed.xml"), "feed.xml");
        assert_eq!(key("//a///b.css"), "a/b.css");
        assert_eq!(
            key("/%E6%9C%83%E8%AD%B0%E7%B4%80%E8%A6%81.pdf"),
            "會議紀要.pdf"
        );
        assert_eq!(key("/a%20b.txt"), "a b.txt");
    }

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        for raw in [
            "/../site.toml",
            "/%2e%2e/site.toml",
            "/%2E%2E/site.toml",
            "/..%2fsite.toml",
            "/..%2Fsite.toml",
            "/static/..\\..\\x",
            "/static/%5c..%5cx",
            "/a/./b",
            "/a/%2e/b",
            "/a%00.html",
            "/%ff%fe",
            "/2024/..",
        ] {
            assert!(site_path(raw).is_err(), "{raw} must be refused");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("a/B.CSS"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("feed.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type("sitemap.xml"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(content_type("會議.PDF"), "application/pdf");
        assert_eq!(content_type("fonts/a.woff2"), "font/woff2");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("README"), "application/octet-stream");
    }
}
