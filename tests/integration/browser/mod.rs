//! Browser tests' tools: headless Chromium driven over the Chrome DevTools Protocol, and a tiny
//! static file server.
//!
//! ```ignore
//! let Some(mut browser) = browser::Browser::launch() else { return }; // SKIPPED without chromium
//! let server = browser::StaticServer::start(&site_dir);
//! browser.navigate(&format!("{}search/?q=宋樂偉", server.url()));
//! browser.wait_for("window.annalsSearch && annalsSearch.settled > 0", TIMEOUT);
//! let count = browser.eval("document.querySelectorAll('.search-result').length");
//! assert!(browser.errors().is_empty());
//! ```
//!
//! [`Browser::launch`] starts Debian's `/usr/bin/chromium` (or `$CHROMIUM`) headless with a
//! throw-away profile and returns `None` after printing a loud `SKIPPED` line when no Chromium is
//! installed, except under `CI=true`, where a missing browser fails the test. The client speaks
//! only what tests need: one page (a target attached in flattened session mode), navigation that
//! waits for the load event, evaluation of JavaScript (promises awaited, results as JSON), polling
//! for a condition, screenshots, and the page's uncaught exceptions and `console.error` lines.

#![allow(dead_code)]

mod server;

pub use server::StaticServer;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// How long one protocol command may take before the test fails.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

/// A headless Chromium with one open page.
pub struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    next_id: u64,
    errors: Vec<String>,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts Chromium, or returns `None` when it is not installed (panics under `CI=true`).
    pub fn launch() -> Option<Browser> {
        let Some(executable) = chromium() else {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!(
                    "chromium not found: install Debian's `chromium` (apt-get install -y chromium) or set CHROMIUM"
                );
            }
            eprintln!(
                "\n**** SKIPPED: chromium not found (apt-get install -y chromium, or set CHROMIUM) ****\n"
            );
            return None;
        };
        let profile = tempfile::tempdir().expect("a temporary browser profile");
        let mut child = Command::new(&executable)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--remote-debugging-port=0",
                "--window-size=1200,900",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start `{executable}`: {e}"));
        let endpoint = devtools_endpoint(&mut child);
        let (mut socket, _) = tungstenite::connect(endpoint.as_str())
            .unwrap_or_else(|e| panic!("cannot connect to chromium at {endpoint}: {e}"));
        if let MaybeTlsStream::Plain(stream) = socket.get_mut() {
            stream
                .set_read_timeout(Some(COMMAND_TIMEOUT))
                .expect("a read timeout on the devtools socket");
        }
        let mut browser = Browser {
            child,
            socket,
            session: String::new(),
            next_id: 0,
            errors: Vec::new(),
            _profile: profile,
        };
        let target = browser.command("Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"]
            .as_str()
            .expect("a target id")
            .to_string();
        let attached = browser.command(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        browser.session = attached["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        browser.command("Page.enable", json!({}));
        browser.command("Runtime.enable", json!({}));
        Some(browser)
    }

    /// Opens `url` and waits for its load event.
    pub fn navigate(&mut self, url: &str) {
        let id = self.send("Page.navigate", json!({"url": url}));
        let (mut answered, mut loaded) = (false, false);
        let started = Instant::now();
        while !(answered && loaded) {
            assert!(
                started.elapsed() < COMMAND_TIMEOUT,
                "loading {url} timed out"
            );
            let message = self.receive();
            if message["id"] == json!(id) {
                if let Some(error) = message["result"]["errorText"].as_str() {
                    panic!("cannot open {url}: {error}");
                }
                answered = true;
            } else if message["method"] == "Page.loadEventFired" {
                loaded = answered;
            }
        }
    }

    /// Evaluates `js` in the page (awaiting a promise) and returns its value as JSON
    /// (`null` for `undefined`). Panics on a JavaScript exception.
    pub fn eval(&mut self, js: &str) -> Value {
        let result = self.command(
            "Runtime.evaluate",
            json!({"expression": js, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(details) = result.get("exceptionDetails") {
            panic!("JavaScript failed: {js}\n{}", exception_text(details));
        }
        result["result"]
            .get("value")
            .cloned()
            .unwrap_or(Value::Null)
    }

    /// Polls `condition` (a JavaScript expression) until it is truthy; `Err` after `timeout`.
    /// A page that is navigating (its context destroyed mid-evaluation) counts as "not yet".
    pub fn wait_for(&mut self, condition: &str, timeout: Duration) -> Result<(), String> {
        let started = Instant::now();
        loop {
            let expression = format!("!!({condition})");
            let params =
                json!({"expression": expression, "returnByValue": true, "awaitPromise": true});
            match self.try_command("Runtime.evaluate", params) {
                Ok(result) if result["result"]["value"] == Value::Bool(true) => return Ok(()),
                Ok(result) if result.get("exceptionDetails").is_some() => {
                    panic!(
                        "JavaScript failed: {condition}\n{}",
                        exception_text(&result["exceptionDetails"])
                    );
                }
                Ok(_) => {}
                Err(error) if is_navigation_error(&error) => {}
                Err(error) => panic!("devtools command Runtime.evaluate failed: {error}"),
            }
            if started.elapsed() > timeout {
                return Err(format!(
                    "timed out after {timeout:?} waiting for `{condition}`"
                ));
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// A PNG screenshot of the viewport.
    pub fn screenshot(&mut self) -> Vec<u8> {
        let shot = self.command("Page.captureScreenshot", json!({"format": "png"}));
        decode_base64(shot["data"].as_str().expect("screenshot data"))
    }

    /// Uncaught exceptions and `console.error` messages of the page so far.
    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    /// Sends a command to the page's session and returns its result.
    pub fn command(&mut self, method: &str, params: Value) -> Value {
        self.try_command(method, params)
            .unwrap_or_else(|error| panic!("devtools command {method} failed: {error}"))
    }

    /// Sends a command and returns its result, or the error the browser answered.
    pub fn try_command(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send(method, params);
        loop {
            let message = self.receive();
            if message["id"] == json!(id) {
                if let Some(error) = message.get("error") {
                    return Err(error.clone());
                }
                return Ok(message["result"].clone());
            }
        }
    }

    fn send(&mut self, method: &str, params: Value) -> u64 {
        self.next_id += 1;
        let mut message = json!({"id": self.next_id, "method": method, "params": params});
        if !self.session.is_empty() {
            message["sessionId"] = json!(self.session);
        }
        self.socket
            .send(Message::Text(message.to_string().into()))
            .unwrap_or_else(|e| panic!("cannot send {method} to chromium: {e}"));
        self.next_id
    }

    /// The next protocol message; events worth keeping (errors) are recorded on the way.
    fn receive(&mut self) -> Value {
        loop {
            let message = self
                .socket
                .read()
                .unwrap_or_else(|e| panic!("no answer from chromium: {e}"));
            let Message::Text(text) = message else {
                continue;
            };
            let value: Value = serde_json::from_str(text.as_str()).expect("devtools sends JSON");
            match value["method"].as_str() {
                Some("Runtime.exceptionThrown") => {
                    self.errors
                        .push(exception_text(&value["params"]["exceptionDetails"]));
                }
                Some("Runtime.consoleAPICalled") if value["params"]["type"] == "error" => {
                    let args = value["params"]["args"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default();
                    let line: Vec<String> = args
                        .iter()
                        .map(|a| {
                            a["value"]
                                .as_str()
                                .map_or_else(|| a["description"].to_string(), str::to_string)
                        })
                        .collect();
                    self.errors
                        .push(format!("console.error: {}", line.join(" ")));
                }
                _ => {}
            }
            return value;
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The Chromium executable: `$CHROMIUM`, else the first of the usual names that exists.
fn chromium() -> Option<String> {
    if let Ok(path) = std::env::var("CHROMIUM") {
        return Some(path);
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .into_iter()
    .find(|path| std::path::Path::new(path).exists())
    .map(str::to_string)
}

/// Reads Chromium's stderr up to `DevTools listening on ws://…` and keeps draining it after.
fn devtools_endpoint(child: &mut Child) -> String {
    let stderr = child.stderr.take().expect("chromium's stderr is piped");
    let (found, endpoint) = mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(url) = line.strip_prefix("DevTools listening on ") {
                let _ = found.send(Ok(url.trim().to_string()));
            } else if seen.len() < 40 {
                seen.push(line);
            }
        }
        let _ = found.send(Err(seen.join("\n")));
    });
    match endpoint.recv_timeout(COMMAND_TIMEOUT) {
        Ok(Ok(url)) => url,
        Ok(Err(output)) => panic!("chromium exited before listening for devtools:\n{output}"),
        Err(_) => panic!("chromium did not report its devtools address in {COMMAND_TIMEOUT:?}"),
    }
}

fn exception_text(details: &Value) -> String {
    let description = details["exception"]["description"].as_str();
    let text = details["text"].as_str().unwrap_or("exception");
    format!(
        "{} (line {}, column {})",
        description.unwrap_or(text),
        details["lineNumber"],
        details["columnNumber"]
    )
}

/// Standard base64 (screenshots), without a crate for it.
fn decode_base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0);
    for byte in text.bytes() {
        let Some(value) = ALPHABET.iter().position(|&a| a == byte) else {
            continue;
        };
        buffer = (buffer << 6) | value as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

/// Errors that only mean the page was between two documents when a command arrived.
fn is_navigation_error(error: &Value) -> bool {
    let message = error["message"].as_str().unwrap_or_default();
    [
        "navigated or closed",
        "Cannot find context",
        "context was destroyed",
    ]
    .iter()
    .any(|m| message.contains(m))
}
