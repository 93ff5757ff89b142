//! Helpers for the deploy tests: a generated site, a real S3-compatible server (s3s-fs) run in
//! this process on 127.0.0.1 that records the objects it is sent and can be slowed down, a client
//! that reads back what the server holds, and snapshots of output folders.

#![allow(dead_code)]

pub use crate::support::snapshot;
use crate::support::{annals, build};
use s3s::auth::SimpleAuth;
use s3s::service::S3ServiceBuilder;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const ACCESS_KEY: &str = "ANNALSTESTACCESSKEY1";
pub const SECRET_KEY: &str = "annals-test-secret-0123456789abcdef";
pub const BUCKET: &str = "archive";

/// Writes a file of a site, making its folders.
pub fn write_file(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A report with officials, a district and a tag, so entity pages and feeds exist.
pub fn report(title: &str, date: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\nofficials: [林靜怡]\ndistricts: [江北區]\ntags: [城市更新]\n---\n{body}\n"
    )
}

/// A site of `reports` reports (one a day from 2024-01-01) and a static stylesheet, with the
/// deploy configuration `deploy` appended to site.toml.
pub fn site(reports: usize, deploy: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_file(
        root,
        "site.toml",
        &format!(
            "title = \"臨江市新聞檔案\"\nbase_url = \"https://archive.example.org\"\nlanguage = \"zh-Hant\"\npaginate = 5\n{deploy}"
        ),
    );
    for n in 0..reports {
        let date = jiff::civil::date(2024, 1, 1)
            .checked_add(jiff::Span::new().days(n as i64))
            .unwrap();
        write_file(
            root,
            &format!("content/{}/report-{n:03}.md", date.year()),
            &report(
                &format!("第{n}次城市更新推進會"),
                &date.to_string(),
                &format!("會議研究部署第{n}批城市更新項目。"),
            ),
        );
    }
    write_file(root, "static/css/extra.css", "body { color: #222; }\n");
    dir
}

/// A `[[deploy.targets]]` section.
pub fn target(name: &str, url: &str) -> String {
    format!("\n[[deploy.targets]]\nname = \"{name}\"\nurl = \"{url}\"\n")
}

/// Builds the site and returns a snapshot of its output.
pub fn build_and_snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(&build(root))
}

/// The paths whose bytes differ between two snapshots (changed or new).
pub fn changed_paths(
    old: &BTreeMap<String, Vec<u8>>,
    new: &BTreeMap<String, Vec<u8>>,
) -> Vec<String> {
    new.iter()
        .filter(|(path, bytes)| old.get(*path) != Some(bytes))
        .map(|(path, _)| path.clone())
        .collect()
}

/// Runs `annals deploy --root ROOT ARGS` with `env` (and nothing else but PATH).
pub fn deploy(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = annals();
    command
        .args(["deploy", "--root", root.to_str().unwrap()])
        .args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("annals deploy runs")
}

/// Stdout and stderr together, as text.
pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Asserts that no credential appears in anything the command printed.
pub fn assert_no_credentials(output: &Output) {
    let shown = text(output);
    for secret in [ACCESS_KEY, SECRET_KEY, "wrong-secret-key-9876"] {
        assert!(
            !shown.contains(secret),
            "a credential was printed:\n{shown}"
        );
    }
}

/// An S3-compatible server (s3s-fs over a temporary folder) on 127.0.0.1, stopped when dropped.
pub struct S3Server {
    pub port: u16,
    pub storage: tempfile::TempDir,
    /// Keys of the objects written (PUT) since the last [`S3Server::take_puts`].
    puts: Arc<Mutex<Vec<String>>>,
    /// Delay before every PUT is handled, in milliseconds (a slow network).
    pub delay_ms: Arc<AtomicU64>,
    pub put_count: Arc<AtomicUsize>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl S3Server {
    /// Starts the server with one bucket, [`BUCKET`], and the test credentials.
    pub fn start() -> S3Server {
        let storage = tempfile::tempdir().unwrap();
        std::fs::create_dir(storage.path().join(BUCKET)).unwrap();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let fs = s3s_fs::FileSystem::new(storage.path()).unwrap();
        let mut builder = S3ServiceBuilder::new(fs);
        builder.set_auth(SimpleAuth::from_single(ACCESS_KEY, SECRET_KEY));
        let service = builder.build();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let port = listener.local_addr().unwrap().port();
        let puts = Arc::new(Mutex::new(Vec::new()));
        let delay_ms = Arc::new(AtomicU64::new(0));
        let put_count = Arc::new(AtomicUsize::new(0));
        let (p, d, c) = (puts.clone(), delay_ms.clone(), put_count.clone());
        runtime.spawn(async move {
            loop {
                let Ok((socket, _)) = listener.accept().await else {
                    continue;
                };
                let (service, puts, delay, count) =
                    (service.clone(), p.clone(), d.clone(), c.clone());
                let observed = hyper::service::service_fn(
                    move |request: http::Request<hyper::body::Incoming>| {
                        let (service, puts, delay, count) =
                            (service.clone(), puts.clone(), delay.clone(), count.clone());
                        async move {
                            if request.method() == http::Method::PUT {
                                let key =
                                    percent_encoding::percent_decode_str(request.uri().path())
                                        .decode_utf8_lossy()
                                        .trim_start_matches(&format!("/{BUCKET}/"))
                                        .to_string();
                                let wait = delay.load(Ordering::SeqCst);
                                if wait > 0 {
                                    tokio::time::sleep(Duration::from_millis(wait)).await;
                                }
                                puts.lock().unwrap().push(key);
                                count.fetch_add(1, Ordering::SeqCst);
                            }
                            hyper::service::Service::call(&service, request).await
                        }
                    },
                );
                tokio::spawn(async move {
                    let builder = hyper_util::server::conn::auto::Builder::new(
                        hyper_util::rt::TokioExecutor::new(),
                    );
                    let _ = builder
                        .serve_connection(hyper_util::rt::TokioIo::new(socket), observed)
                        .await;
                });
            }
        });
        S3Server {
            port,
            storage,
            puts,
            delay_ms,
            put_count,
            runtime: Some(runtime),
        }
    }

    /// The endpoint URL.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A target URL for `prefix` in the test bucket.
    pub fn url(&self, prefix: &str) -> String {
        format!(
            "s3://{BUCKET}/{prefix}?region=us-east-1&endpoint={}",
            self.endpoint()
        )
    }

    /// The environment a deploy with the right credentials gets.
    pub fn env(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("AWS_ACCESS_KEY_ID", ACCESS_KEY),
            ("AWS_SECRET_ACCESS_KEY", SECRET_KEY),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ]
    }

    /// The keys written since the last call (the manifest left out), sorted.
    pub fn take_puts(&self, prefix: &str) -> Vec<String> {
        let mut puts: Vec<String> = std::mem::take(&mut *self.puts.lock().unwrap())
            .into_iter()
            .filter_map(|k| k.strip_prefix(&format!("{prefix}/")).map(str::to_string))
            .filter(|k| k != ".annals-deploy-manifest")
            .collect();
        puts.sort();
        puts
    }

    /// A client of the bucket under `prefix`, as a reader of the site sees it.
    pub fn client(&self, prefix: &str) -> Client {
        let builder = opendal::services::S3::default()
            .bucket(BUCKET)
            .root(&format!("/{prefix}"))
            .region("us-east-1")
            .endpoint(&self.endpoint())
            .access_key_id(ACCESS_KEY)
            .secret_access_key(SECRET_KEY)
            .disable_config_load()
            .disable_ec2_metadata();
        Client {
            operator: opendal::Operator::new(builder).unwrap().finish(),
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap(),
        }
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// Reads what the S3 server holds.
pub struct Client {
    operator: opendal::Operator,
    runtime: tokio::runtime::Runtime,
}

impl Client {
    /// Every object (key → bytes).
    pub fn all(&self) -> BTreeMap<String, Vec<u8>> {
        self.runtime.block_on(async {
            let entries = self.operator.list_with("").recursive(true).await.unwrap();
            let mut all = BTreeMap::new();
            for entry in entries {
                if entry.metadata().is_file() {
                    let bytes = self.operator.read(entry.path()).await.unwrap().to_vec();
                    all.insert(entry.path().to_string(), bytes);
                }
            }
            all
        })
    }

    /// The site files (everything but the manifest).
    pub fn site(&self) -> BTreeMap<String, Vec<u8>> {
        let mut all = self.all();
        all.remove(".annals-deploy-manifest");
        all
    }

    /// Content-Type and Cache-Control of one object.
    pub fn headers(&self, key: &str) -> (Option<String>, Option<String>) {
        self.runtime.block_on(async {
            let meta = self.operator.stat(key).await.unwrap();
            (
                meta.content_type().map(str::to_string),
                meta.cache_control().map(str::to_string),
            )
        })
    }

    pub fn put(&self, key: &str, bytes: &[u8]) {
        self.runtime
            .block_on(self.operator.write(key, bytes.to_vec()))
            .unwrap();
    }
}
