//! `annals serve` is for this computer only: requests naming a foreign host get no page (DNS
//! rebinding), and the live-reload websocket opens only for the preview's own pages.

use crate::serve::harness::{Server, request_for, small_site};
use tungstenite::client::IntoClientRequest;
use tungstenite::http::HeaderValue;

#[test]
fn a_foreign_host_gets_no_page() {
    let site = small_site();
    let server = Server::start(site.path(), &[]);
    let port = server.port;
    for host in [
        "evil.example.com".to_string(),
        format!("evil.example.com:{port}"),
        format!("localhost.evil.example:{port}"),
    ] {
        for path in [
            "/",
            "/2024/03/14/urban-renewal/",
            "/feed.xml",
            "/__annals/livereload.js",
        ] {
            let response = request_for(port, &host, "GET", path);
            assert_eq!(response.status, 403, "{host}{path}");
            let text = response.text();
            assert!(
                !text.contains("城市更新"),
                "{host}{path} leaked the site: {text}"
            );
            assert!(text.contains("--allow-host"), "{text}");
        }
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        format!("preview.localhost:{port}"),
    ] {
        let response = request_for(port, &host, "GET", "/");
        assert_eq!(response.status, 200, "{host}");
        assert!(response.text().contains("城市更新推進會"), "{host}");
    }
}

#[test]
fn allowed_names_are_answered() {
    let site = small_site();
    let server = Server::start(
        site.path(),
        &[
            "--allow-host",
            "archive.test",
            "--allow-host",
            ".office.example",
        ],
    );
    let port = server.port;
    for host in ["archive.test", "pc7.office.example", "office.example"] {
        let response = request_for(port, &format!("{host}:{port}"), "GET", "/");
        assert_eq!(response.status, 200, "{host}");
    }
    let other = request_for(
        port,
        &format!("archive.test.evil.example:{port}"),
        "GET",
        "/",
    );
    assert_eq!(other.status, 403);
}

/// Opens the live-reload socket with the given `Origin`; the first message, or the refusal.
fn open_socket(port: u16, origin: Option<&str>) -> Result<String, String> {
    let mut request = format!("ws://127.0.0.1:{port}/__annals/livereload")
        .into_client_request()
        .unwrap();
    if let Some(origin) = origin {
        request
            .headers_mut()
            .insert("Origin", HeaderValue::from_str(origin).unwrap());
    }
    match tungstenite::connect(request) {
        Ok((mut socket, _)) => Ok(socket.read().map_err(|e| e.to_string())?.to_string()),
        Err(tungstenite::Error::Http(response)) => Err(format!("{}", response.status())),
        Err(e) => Err(e.to_string()),
    }
}

#[test]
fn a_foreign_origin_gets_no_websocket() {
    let site = small_site();
    let server = Server::start(site.path(), &[]);
    let port = server.port;
    for origin in [
        format!("http://evil.example.com:{port}"),
        "http://evil.example.com".to_string(),
        format!("http://localhost:{}", port.wrapping_add(1)),
        "null".to_string(),
    ] {
        let refused = open_socket(port, Some(&origin));
        assert_eq!(refused, Err("403 Forbidden".to_string()), "{origin}");
    }
    let own = open_socket(port, Some(&format!("http://127.0.0.1:{port}")));
    assert!(
        own.as_ref().is_ok_and(|m| m.contains("\"build\"")),
        "{own:?}"
    );
    let localhost = open_socket(port, Some(&format!("http://localhost:{port}")));
    assert!(localhost.is_ok(), "{localhost:?}");
}
