//! Live reload and the error overlay: what the preview adds to served HTML pages, and the
//! websocket that keeps open tabs in step with the rebuilds.
//!
//! Every served HTML response gets a script tag (and, while the last rebuild failed, the error
//! overlay) inserted before `</body>`; the built files themselves are never changed, so
//! `annals build` output never contains any of it. The script knows the build id of its page and
//! opens a websocket on [`SOCKET_PATH`]; the server sends the current [`Status`] on connect and
//! on every change. A different build id means the site changed: the tab reloads. An error
//! shows or replaces the overlay in place; a good rebuild removes it by reloading. A tab that
//! loses the server retries every second and reloads once a new server answers.

use super::state::{Published, Status};
use crate::diagnostics::Diagnostics;
use crate::escape::html as escape_html;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use std::sync::Arc;

/// The websocket route of the live-reload script. `/__annals/` is reserved for the preview.
pub const SOCKET_PATH: &str = "/__annals/livereload";

/// Where the live-reload script is served. A file of the preview's own origin rather than an
/// inline script, so pages keep their `script-src 'self'` Content-Security-Policy in the preview.
pub const SCRIPT_PATH: &str = "/__annals/livereload.js";

/// The id of the overlay element (the script replaces it, tests look for it).
pub const OVERLAY_ID: &str = "annals-error-overlay";

/// Upgrades a request to the live-reload websocket.
pub async fn socket(
    State(published): State<Arc<Published>>,
    upgrade: WebSocketUpgrade,
) -> Response {
    upgrade.on_upgrade(move |socket| follow(socket, published))
}

/// Sends the status now and after every change until the tab goes away.
async fn follow(mut socket: WebSocket, published: Arc<Published>) {
    let mut changes = published.subscribe();
    let mut status = published.status();
    loop {
        if socket
            .send(Message::Text(message(&status).into()))
            .await
            .is_err()
        {
            return;
        }
        tokio::select! {
            change = changes.recv() => match change {
                Ok(s) => status = s,
                // Missed some changes: the latest status is all that matters.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => status = published.status(),
                Err(_) => return,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(_)) => {}
                _ => return,
            },
        }
    }
}

/// The JSON message for a status: `{"build": "...", "error": null | "<div ...>"}`.
pub fn message(status: &Status) -> String {
    serde_json::json!({ "build": &*status.build_id, "error": status.error.as_deref() }).to_string()
}

/// What is inserted into every served HTML page: the overlay if the last rebuild failed, and
/// the live-reload script tag carrying the page's build id.
pub fn snippet(status: &Status) -> String {
    let overlay = status.error.as_deref().unwrap_or("");
    format!(
        "{overlay}<script id=\"annals-livereload\" src=\"{SCRIPT_PATH}\" data-build=\"{}\"></script>",
        escape_html(&status.build_id)
    )
}

/// Serves the live-reload script.
pub async fn script() -> Response {
    let body = SCRIPT
        .replace("__SOCKET__", SOCKET_PATH)
        .replace("__OVERLAY__", OVERLAY_ID);
    let mut response = Response::new(axum::body::Body::from(body));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

const SCRIPT: &str = r#"(function () {
  var build = document.getElementById("annals-livereload").getAttribute("data-build");
  function overlay(html) {
    var old = document.getElementById("__OVERLAY__");
    if (old) old.remove();
    if (!html) return;
    var box = document.createElement("div");
    box.innerHTML = html;
    document.body.appendChild(box.firstElementChild);
  }
  document.addEventListener("click", function (event) {
    var hide = event.target.closest && event.target.closest("[data-annals-hide]");
    if (hide) hide.parentNode.remove();
  });
  function connect() {
    var ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "__SOCKET__");
    ws.onmessage = function (event) {
      var status = JSON.parse(event.data);
      if (status.build !== build) { location.reload(); return; }
      overlay(status.error);
    };
    ws.onclose = function () { setTimeout(connect, 1000); };
  }
  connect();
})();"#;

/// Inserts `snippet` before the last `</body>` of a page (or at its end if it has none).
pub fn inject(html: &[u8], snippet: &str) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The overlay for the errors of a failed rebuild: every error with its file, line and message
/// as the terminal shows it, over the last good version of the page.
pub fn overlay(problems: &Diagnostics) -> String {
    let errors: Vec<String> = problems
        .items
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            format!(
                "<pre style=\"{PRE_STYLE}\">{}</pre>",
                escape_html(d.to_string().trim_end())
            )
        })
        .collect();
    let count = errors.len();
    format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alert\" style=\"{BOX_STYLE}\">\
         <button type=\"button\" data-annals-hide style=\"{BUTTON_STYLE}\" \
         aria-label=\"hide\">×</button>\
         <strong style=\"font-size:16px\">annals: the site does not build ({count} error{plural})</strong>\
         <p style=\"margin:6px 0 10px\">This page is the last version that built. Fix the problem \
         and save: the preview reloads by itself.</p>{}</div>",
        errors.join(""),
        plural = if count == 1 { "" } else { "s" },
    )
}

const BOX_STYLE: &str = "position:fixed;left:0;right:0;bottom:0;max-height:70vh;overflow:auto;\
    z-index:2147483647;box-sizing:border-box;padding:14px 18px;background:#2b1111;color:#fbeaea;\
    border-top:4px solid #e5484d;font:14px/1.5 system-ui,sans-serif;text-align:left";
const PRE_STYLE: &str = "margin:0 0 10px;padding:10px;background:#180909;color:#fbeaea;\
    white-space:pre-wrap;font:13px/1.45 ui-monospace,Menlo,Consolas,monospace";
const BUTTON_STYLE: &str = "float:right;background:none;border:0;color:inherit;font-size:22px;\
    cursor:pointer;line-height:1";

/// The page served for every HTML request while no build has ever succeeded.
pub fn error_page() -> Vec<u8> {
    b"<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>annals: build failed</title>\
      </head><body><main style=\"font:16px/1.5 system-ui,sans-serif;margin:2em\">\
      <h1>The site does not build yet</h1><p>The problems are listed below and in the terminal \
      running <code>annals serve</code>. Fix them and save: this page reloads by itself.</p>\
      </main></body></html>\n"
        .to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;

    #[test]
    fn injects_before_the_last_closing_body() {
        let page = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject(page, "<s></s>")).unwrap();
        assert_eq!(out, "<html><body><p>x</p><s></s></BODY></html>");
        let bare = String::from_utf8(inject(b"<p>x</p>", "<s></s>")).unwrap();
        assert_eq!(bare, "<p>x</p><s></s>");
    }

    #[test]
    fn the_overlay_names_file_line_and_message_escaped() {
        let text = "---\ntitle: <會議>\ndate: 2024-02-30\n---\n";
        let problems = Diagnostics {
            items: vec![
                Diagnostic::error(
                    "content/2024/會議.md",
                    "`2024-02-30` is not a day of the calendar",
                )
                .at(text, 3, 7),
                Diagnostic::warning("content/x.md", "only a warning"),
            ],
        };
        let html = overlay(&problems);
        assert!(html.contains(OVERLAY_ID));
        assert!(html.contains("content/2024/會議.md:3:7"), "{html}");
        assert!(html.contains("is not a day of the calendar"));
        assert!(html.contains("(1 error)"));
        assert!(!html.contains("only a warning"));
        let escaped = overlay(&Diagnostics {
            items: vec![Diagnostic::error("a.md", "bad").at("title: <b>", 1, 1)],
        });
        assert!(escaped.contains("title: &lt;b&gt;"), "{escaped}");
    }

    #[test]
    fn the_snippet_carries_the_build_id_and_the_overlay() {
        let status = Status {
            build_id: "abc-3".into(),
            error: Some("<div id=\"annals-error-overlay\">x</div>".into()),
            built: true,
        };
        let snippet = snippet(&status);
        assert!(snippet.starts_with("<div id=\"annals-error-overlay\">"));
        assert!(snippet.contains("data-build=\"abc-3\""));
        assert!(snippet.contains(SCRIPT_PATH));
        assert!(!snippet.contains("onclick"), "no inline script: {snippet}");
        assert_eq!(
            message(&status),
            r#"{"build":"abc-3","error":"<div id=\"annals-error-overlay\">x</div>"}"#
        );
    }
}
