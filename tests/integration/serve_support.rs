//! Helpers for the preview tests: a small site written into a temporary folder, a running
//! `annals serve`, a tiny HTTP client over `TcpStream`, and polling with a timeout.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a change may take to show (debug builds on a busy machine are slow).
pub const PATIENCE: Duration = Duration::from_secs(30);

pub const SITE_TOML: &str = "title = \"臨江市新聞檔案\"\nbase_url = \"https://archive.example.org\"\nlanguage = \"zh-Hant\"\npaginate = 2\n";

/// A report file.
pub fn report(title: &str, date: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\nofficials: [林靜怡]\ndistricts: [江北區]\ntags: [城市更新]\n---\n{body}\n"
    )
}

/// A site of three reports and two static files (one with a Chinese name).
pub fn small_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "site.toml", SITE_TOML);
    write(
        root,
        "content/2024/urban-renewal.md",
        &report("城市更新推進會", "2024-03-14", "會議研究部署城市更新工作。"),
    );
    write(
        root,
        "content/2024/transport.md",
        &report("交通建設會議", "2024-03-12", "會議聽取軌道交通建設匯報。"),
    );
    write(
        root,
        "content/2023/education.md",
        &report("教育工作會議", "2023-09-01", "會議部署新學年教育工作。"),
    );
    write(root, "static/css/extra.css", "body { color: #222; }\n");
    write(root, "static/會議紀要.pdf", "%PDF-1.4 minutes\n");
    dir
}

/// Writes a file, making its folders.
pub fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A running `annals serve`; killed when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub url: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `annals serve --root ROOT --port 0 ARGS...` and waits until it serves.
    pub fn start(root: &Path, args: &[&str]) -> Server {
        Server::start_with_path(root, args, None)
    }

    /// The same with another `PATH` (to offer or hide programs such as `xdg-open`).
    pub fn start_with_path(root: &Path, args: &[&str], path: Option<&std::ffi::OsStr>) -> Server {
        let mut command = crate::support::annals();
        if let Some(path) = path {
            command.env("PATH", path);
        }
        let mut child = command
            .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("annals serve starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().unwrap();
        let collected = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                let mut all = collected.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        let url = poll(|| {
            let text = stderr.lock().unwrap().clone();
            let line = text.lines().find(|l| l.starts_with("serving "))?;
            Some(line.split(" at ").nth(1)?.split(' ').next()?.to_string())
        })
        .unwrap_or_else(|| {
            let _ = child.kill();
            panic!("annals serve did not start:\n{}", stderr.lock().unwrap())
        });
        let port = url.rsplit(':').next().unwrap().parse().unwrap();
        Server {
            child,
            port,
            url,
            stderr,
        }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn get(&self, path: &str) -> Response {
        request(self.port, "GET", path)
    }

    /// Sends a signal (`INT`, `TERM`) and waits for the exit, returning its status.
    pub fn stop_with(&mut self, signal: &str) -> (std::process::ExitStatus, Duration) {
        let sent = Instant::now();
        let killed = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = poll(|| self.child.try_wait().unwrap()).expect("annals serve exits");
        (status, sent.elapsed())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request with `Connection: close`; the path is sent exactly as given.
pub fn request(port: u16, method: &str, path: &str) -> Response {
    request_for(port, &format!("127.0.0.1:{port}"), method, path)
}

/// [`request`] with the given `Host` header, as a browser sends it for the name it was given.
pub fn request_for(port: u16, host: &str, method: &str, path: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the server accepts");
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size_text = String::from_utf8_lossy(&data[..end]).to_string();
        let size =
            usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 4 + size..];
    }
}

/// Calls `check` every 20 ms until it returns something or [`PATIENCE`] runs out.
pub fn poll<T>(mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(value) = check() {
            return Some(value);
        }
        if start.elapsed() > PATIENCE {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Every file below `root` with a hash of its bytes (and every folder), sorted.
pub fn tree(root: &Path) -> Vec<(PathBuf, u64)> {
    use std::hash::{Hash, Hasher};
    let mut entries: Vec<(PathBuf, u64)> = walkdir::WalkDir::new(root)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            if e.file_type().is_file() {
                std::fs::read(e.path()).unwrap().hash(&mut hasher);
            }
            (
                e.path().strip_prefix(root).unwrap().to_path_buf(),
                hasher.finish(),
            )
        })
        .collect();
    entries.sort();
    entries
}

/// A generated archive of `count` reports for timing rebuilds.
pub fn generated_site(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "site.toml",
        "title = \"臨江市新聞檔案\"\nbase_url = \"https://archive.example.org\"\nlanguage = \"zh-Hant\"\n",
    );
    let text: Vec<char> = "市政府會議召開推進城市更新項目建設發展經濟社會民生教育醫療交通環境保護規劃投資企業產業園區科技創新文化旅遊農業水利安全生產工作部署要求落實責任加強管理服務群眾".chars().collect();
    // One reading per character, no two alike: generated names never share a URL slug.
    let surnames: Vec<char> =
        "林陳王李張劉黃吳周徐孫馬朱胡郭何高羅鄭梁謝宋唐韓馮鄧曹彭蕭田董潘袁蔡蔣"
            .chars()
            .collect();
    let given: Vec<char> = "建國靜怡偉明麗軍平芳敏傑濤鵬飛宇浩然志剛海燕紅霞蘭"
        .chars()
        .collect();
    let mut seed: u64 = 7;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    for i in 0..count {
        let (year, month, day) = (2015 + i % 10, 1 + (i / 10) % 12, 1 + (i / 120) % 28);
        let officials: Vec<String> = (0..1 + next(3))
            .map(|_| {
                format!(
                    "{}{}{}",
                    surnames[next(surnames.len())],
                    given[next(given.len())],
                    given[next(given.len())]
                )
            })
            .collect();
        let district = format!("第{}區", next(40));
        let tag = format!("專題{}", next(50));
        let paragraphs: Vec<String> = (0..3 + next(5))
            .map(|_| {
                (0..80 + next(200))
                    .map(|_| text[next(text.len())])
                    .collect::<String>()
                    + "。"
            })
            .collect();
        write(
            root,
            &format!("content/{year}/{month:02}/report-{i}.md"),
            &format!(
                "---\ntitle: 第{i}次工作會議\ndate: {year}-{month:02}-{day:02}\nofficials: [{}]\ndistricts: [{district}]\ntags: [{tag}]\nslug: report-{i}\n---\n{}\n",
                officials.join(", "),
                paragraphs.join("\n\n")
            ),
        );
    }
    dir
}
