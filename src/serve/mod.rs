//! `annals serve`: the local preview with live reload.
//!
//! Builds the site with `base_url` set to the local address, serves it from memory, watches the
//! site ([`watch`]) and rebuilds on every save ([`rebuild`]), then tells every open tab to
//! reload, or shows the problems over the last good version of the page ([`live`]). The HTTP
//! side ([`http`]) maps request paths onto the files of the built site ([`state`]).
//!
//! The preview never writes, moves or deletes a file: the built site is kept in memory and
//! `static/` files are read where they are. So stopping it at any moment (Ctrl-C, SIGTERM, even
//! in the middle of a rebuild) loses nothing, and there is nothing to clean up.
//!
//! Threads: the tokio runtime serves requests and websockets; one rebuild thread owns the
//! [`rebuild::Builder`] and the watcher, and publishes each result to [`state::Published`].

pub mod guard;
pub mod http;
pub mod live;
pub mod rebuild;
pub mod state;
pub mod watch;

use crate::diagnostics::Diagnostics;
use crate::diagnostics::print as print_diagnostics;
use guard::HostGuard;
use rebuild::{Builder, Failure};
use state::Published;
use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;
use watch::{Pending, Watcher};

/// How to run the preview (from `annals serve`'s flags).
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The address to listen on, as given (`127.0.0.1`, `0.0.0.0`, `::1`).
    pub interface: String,
    /// The port; 0 picks a free one.
    pub port: u16,
    pub drafts: bool,
    /// Open the preview in the default browser once it is served.
    pub open: bool,
    /// Host names answered besides this computer's (see [`guard`]).
    pub allow_hosts: Vec<String>,
}

/// Why the preview could not run. None of these is a problem in the site's files except
/// [`ServeError::NoSite`].
#[derive(Debug)]
pub enum ServeError {
    /// `--interface` is not an IP address.
    Interface(String),
    /// The site folder cannot be opened.
    Folder(PathBuf, std::io::Error),
    /// The folder holds no `site.toml`.
    NoSite(PathBuf),
    /// The address cannot be listened on (usually: another server has the port).
    Listen(SocketAddr, std::io::Error),
    /// The server itself failed (runtime, signals, rebuild thread): what failed, and why.
    Server(&'static str, std::io::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Interface(given) => write!(
                f,
                "`--interface` must be an IP address such as 127.0.0.1 or 0.0.0.0, not `{given}`"
            ),
            ServeError::Folder(root, e) => write!(
                f,
                "cannot open the site folder `{}`: {e}\n  = hint: pass the site folder with --root",
                root.display()
            ),
            ServeError::NoSite(root) => write!(
                f,
                "no `site.toml` in `{}`\n  = hint: {}",
                root.display(),
                crate::config::NO_SITE_HINT
            ),
            ServeError::Listen(address, e) => write!(
                f,
                "cannot listen on `{address}`: {e}\n  = hint: is another server using the port? try another --port, or --port 0 for a free one"
            ),
            ServeError::Server(what, e) => write!(f, "the preview server failed: {what}: {e}"),
        }
    }
}

impl std::error::Error for ServeError {}

impl ServeError {
    /// True when the site's own files are at fault (the exit status says "a problem in the
    /// site"); otherwise the command could not run as given.
    pub fn is_site_problem(&self) -> bool {
        matches!(self, ServeError::NoSite(_))
    }
}

/// Runs the preview until Ctrl-C or SIGTERM.
pub fn run(options: &ServeOptions) -> Result<(), ServeError> {
    let ip = parse_interface(&options.interface)
        .ok_or_else(|| ServeError::Interface(options.interface.clone()))?;
    let root = options
        .root
        .canonicalize()
        .map_err(|e| ServeError::Folder(options.root.clone(), e))?;
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(ServeError::NoSite(root));
    }
    let address = SocketAddr::new(ip, options.port);
    let listener = std::net::TcpListener::bind(address)
        .and_then(|l| l.set_nonblocking(true).map(|_| l))
        .map_err(|e| ServeError::Listen(address, e))?;
    let port = listener
        .local_addr()
        .map_err(|e| ServeError::Listen(address, e))?
        .port();
    let url = local_url(ip, port);
    if !ip.is_loopback() {
        eprintln!(
            "warning: listening on `{ip}`: other machines on the network can read this preview{}",
            if options.drafts {
                ", drafts included"
            } else {
                ""
            }
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| ServeError::Server("cannot start the server runtime", e))?;
    let published = Arc::new(Published::new());
    let builder = Builder::new(root.clone(), options.drafts, url.clone());
    let guard = HostGuard {
        port,
        allowed: options.allow_hosts.clone(),
    };
    let served = runtime.block_on(serve(
        listener,
        builder,
        published,
        guard,
        &url,
        options.open,
    ));
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    served
}

/// Builds, serves, and rebuilds on changes until a stop signal.
async fn serve(
    listener: std::net::TcpListener,
    builder: Builder,
    published: Arc<Published>,
    guard: HostGuard,
    url: &str,
    open: bool,
) -> Result<(), ServeError> {
    // Registered before anything slow, so that Ctrl-C always stops us promptly.
    let stop = stop_signal()?;
    let root = builder.root().to_path_buf();
    let pending = Arc::new(Pending::default());
    let watcher = match Watcher::start(&root, pending.clone()) {
        Ok(w) => Some(w),
        Err(e) => {
            eprintln!(
                "warning: cannot watch `{}` for changes: {e}; restart annals serve to see edits",
                root.display()
            );
            None
        }
    };
    let (built, first_build) = tokio::sync::oneshot::channel();
    let rebuilding = published.clone();
    let base = url.to_string();
    std::thread::Builder::new()
        .name("annals-rebuild".into())
        .spawn(move || {
            let mut rebuilder = Rebuilder {
                builder,
                published: rebuilding,
                pending,
                url: base,
                unsettled: false,
            };
            rebuilder.first_build();
            let _ = built.send(());
            rebuilder.follow(watcher);
        })
        .map_err(|e| ServeError::Server("cannot start the rebuild thread", e))?;
    tokio::pin!(stop);
    tokio::select! {
        _ = &mut stop => return Ok(()),
        _ = first_build => {}
    }
    eprintln!("serving `{}` at {url} (Ctrl-C to stop)", root.display());
    if open {
        open_browser(url);
    }
    let listener = tokio::net::TcpListener::from_std(listener)
        .map_err(|e| ServeError::Server("cannot listen", e))?;
    let app = http::router(published, guard);
    tokio::select! {
        result = axum::serve(listener, app) => {
            result.map_err(|e| ServeError::Server("the server stopped", e))
        }
        _ = stop => Ok(()),
    }
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM. The handlers are installed when this returns.
fn stop_signal() -> Result<impl std::future::Future<Output = ()>, ServeError> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut interrupt = signal(SignalKind::interrupt())
            .map_err(|e| ServeError::Server("cannot handle Ctrl-C", e))?;
        let mut terminate = signal(SignalKind::terminate())
            .map_err(|e| ServeError::Server("cannot handle SIGTERM", e))?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}

/// The rebuild thread: takes batches of changes and publishes the results.
struct Rebuilder {
    builder: Builder,
    published: Arc<Published>,
    pending: Arc<Pending>,
    url: String,
    /// A patch was published but the full render that follows it did not finish yet.
    unsettled: bool,
}

impl Rebuilder {
    fn first_build(&mut self) {
        let started = Instant::now();
        let never = AtomicBool::new(false);
        match self.builder.full(&|_: &str| None, &never) {
            Ok(build) => {
                print_diagnostics(&build.warnings, false);
                eprintln!(
                    "built {} reports ({} files) in {}",
                    build.reports,
                    build.rendered.len() + build.statics.len(),
                    elapsed(started)
                );
                self.published.replace(build.rendered, build.statics);
            }
            Err(failure) => self.failed(failure),
        }
    }

    fn follow(mut self, mut watcher: Option<Watcher>) {
        loop {
            self.builder.prepare();
            let changed = self.pending.take();
            if let Some(w) = watcher.as_mut() {
                w.refresh();
            }
            // A bug in a rebuild must not stop the preview: the panic is printed (by the
            // default hook) and the next change gets a full rebuild.
            let rebuilt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.rebuild(&changed);
                if self.unsettled && !self.pending.newer.load(Ordering::SeqCst) {
                    self.settle();
                }
            }));
            if rebuilt.is_err() {
                self.builder.mark_stale();
                eprintln!(
                    "{} the rebuild failed unexpectedly; save again to retry",
                    now()
                );
            }
        }
    }

    fn rebuild(&mut self, changed: &BTreeSet<PathBuf>) {
        let started = Instant::now();
        let plan = self.builder.plan(changed);
        let what = describe(self.builder.root(), changed);
        if plan.statics && !plan.full {
            self.published.replace_statics(self.builder.statics());
            if plan.reports.is_empty() {
                eprintln!("{} static files updated after {what}", now());
            }
        }
        if !plan.full && !plan.reports.is_empty() {
            match self.builder.patch(&plan.reports) {
                Ok(Some(patch)) => {
                    let files = patch.files.len();
                    self.published.patch(patch.files);
                    self.unsettled = true;
                    eprintln!(
                        "{} rebuilt after {what} in {} ({files} files re-rendered)",
                        now(),
                        elapsed(started)
                    );
                    return;
                }
                Ok(None) => {}
                Err(problems) => return self.failed(Failure::Problems(problems)),
            }
        } else if !plan.full {
            return;
        }
        let published = self.published.clone();
        match self
            .builder
            .full(&|key: &str| published.rendered(key), &self.pending.newer)
        {
            Ok(build) => {
                let count = build.warnings.items.len();
                eprintln!(
                    "{} rebuilt {} reports after {what} in {}{}",
                    now(),
                    build.reports,
                    elapsed(started),
                    if count > 0 {
                        format!(" ({count} warnings: run `annals check` to see them)")
                    } else {
                        String::new()
                    }
                );
                self.published.replace(build.rendered, build.statics);
                self.unsettled = false;
            }
            Err(failure) => self.failed(failure),
        }
    }

    /// Finishes a patch with a full render of the in-memory site (abandoned if a change comes).
    fn settle(&mut self) {
        let published = self.published.clone();
        match self
            .builder
            .settle(&|key: &str| published.rendered(key), &self.pending.newer)
        {
            Ok((files, html_changed)) => {
                self.published.settle(files, html_changed);
                self.unsettled = false;
            }
            Err(Failure::Cancelled) => {}
            Err(failure) => self.failed(failure),
        }
    }

    fn failed(&mut self, failure: Failure) {
        let problems = match failure {
            Failure::Problems(p) => p,
            Failure::Cancelled => {
                // A newer change is waiting; the next rebuild is a full one.
                self.builder.mark_stale();
                return;
            }
        };
        print_diagnostics(&problems, false);
        let built = self.published.status().built;
        eprintln!(
            "{} build failed: {}; {}",
            now(),
            count_errors(&problems),
            if built {
                format!("still serving the last good version at {}", self.url)
            } else {
                "every page shows the problems until they are fixed".to_string()
            }
        );
        self.published.fail(live::overlay(&problems));
    }
}

fn count_errors(problems: &Diagnostics) -> String {
    match problems.error_count() {
        1 => "1 error".into(),
        n => format!("{n} errors"),
    }
}

/// `a change to `content/x.md`` or `changes to 3 files`.
fn describe(root: &Path, changed: &BTreeSet<PathBuf>) -> String {
    match changed.iter().next() {
        Some(one) if changed.len() == 1 => format!(
            "a change to `{}`",
            crate::diagnostics::display_path(one.strip_prefix(root).unwrap_or(one))
        ),
        _ => format!("changes to {} files", changed.len()),
    }
}

fn elapsed(started: Instant) -> String {
    let ms = started.elapsed().as_millis();
    if ms < 1000 {
        format!("{ms} ms")
    } else {
        format!("{:.2} s", ms as f64 / 1000.0)
    }
}

/// The local time, `HH:MM:SS`, to tell one rebuild from the next in the terminal.
fn now() -> String {
    jiff::Zoned::now().strftime("%H:%M:%S").to_string()
}

/// `127.0.0.1`, `::1`, `0.0.0.0` or `localhost`.
fn parse_interface(text: &str) -> Option<IpAddr> {
    match text {
        "localhost" => Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        _ => text.trim_matches(['[', ']']).parse().ok(),
    }
}

/// The address pages are built for. An unspecified interface (`0.0.0.0`) is reached as
/// 127.0.0.1 from this machine.
fn local_url(ip: IpAddr, port: u16) -> String {
    match ip {
        IpAddr::V4(v4) if v4.is_unspecified() => format!("http://127.0.0.1:{port}"),
        IpAddr::V4(v4) => format!("http://{v4}:{port}"),
        IpAddr::V6(v6) if v6.is_unspecified() => format!("http://[::1]:{port}"),
        IpAddr::V6(v6) => format!("http://[{v6}]:{port}"),
    }
}

/// Opens the preview in the default browser, if the system has a way to.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let child = std::process::Command::new(program)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match child {
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(_) => eprintln!("note: cannot open a browser (no `{program}`): open {url} yourself"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interfaces_and_urls() {
        assert_eq!(
            parse_interface("localhost"),
            Some(IpAddr::V4(Ipv4Addr::LOCALHOST))
        );
        assert_eq!(
            local_url(parse_interface("127.0.0.1").unwrap(), 1111),
            "http://127.0.0.1:1111"
        );
        assert_eq!(
            local_url(parse_interface("0.0.0.0").unwrap(), 80),
            "http://127.0.0.1:80"
        );
        assert_eq!(
            local_url(parse_interface("[::1]").unwrap(), 8),
            "http://[::1]:8"
        );
        assert_eq!(parse_interface("example.org"), None);
    }
}
