//! `annals deploy` to a real SFTP server: OpenSSH's sshd, started by each test on a free port of
//! 127.0.0.1 with a generated host key, a test user key and a configuration in a temporary
//! folder, and stopped when the test ends. Without sshd the tests skip loudly (with CI=true they
//! fail: `.ci/run` installs openssh-server).
//!
//! annals reaches SFTP servers through the system's `ssh`, configured like any ssh user's: a
//! `Host` entry names the port, the key and the known hosts file. The tests put that entry in
//! their own file and hand it to `ssh` with `-F` through a small wrapper first in `PATH`, so
//! nothing of the machine's own SSH configuration is read or changed.

use crate::deploy_support::*;
use crate::support::{build, in_ci};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SSHD: &str = "/usr/sbin/sshd";

/// A running sshd and the client configuration that reaches it.
struct SftpServer {
    child: Child,
    dir: tempfile::TempDir,
    port: u16,
}

fn run_ok(command: &mut Command) {
    let output = command.output().expect("the command runs");
    assert!(
        output.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn keygen(path: &Path) {
    run_ok(
        Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-C", "annals-test", "-f"])
            .arg(path),
    );
}

impl SftpServer {
    /// Starts sshd, or returns `None` (after saying so) when OpenSSH is not installed.
    fn start() -> Option<SftpServer> {
        let missing = [SSHD, "/usr/bin/ssh", "/usr/bin/ssh-keygen"]
            .into_iter()
            .find(|p| !Path::new(p).exists());
        if let Some(missing) = missing {
            assert!(
                !in_ci(),
                "`{missing}` is missing: .ci/run must install openssh-server"
            );
            eprintln!("SKIPPED: `{missing}` is missing (apt-get install openssh-server)");
            return None;
        }
        // sshd run as root needs its privilege separation folder.
        let _ = std::fs::create_dir_all("/run/sshd");
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        keygen(&d.join("host_key"));
        keygen(&d.join("user_key"));
        keygen(&d.join("other_key"));
        std::fs::copy(d.join("user_key.pub"), d.join("authorized_keys")).unwrap();
        std::fs::create_dir(d.join("www")).unwrap();
        let port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap().port()
        };
        let user =
            String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout).unwrap();
        let user = user.trim();
        let p = |name: &str| d.join(name).display().to_string();
        std::fs::write(
            d.join("sshd_config"),
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}\nAuthorizedKeysFile {}\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\nPermitRootLogin prohibit-password\nUsePAM no\nStrictModes no\nAllowUsers {user}\nSubsystem sftp internal-sftp\n",
                p("host_key"), p("sshd.pid"), p("authorized_keys")
            ),
        )
        .unwrap();
        let host_key = std::fs::read_to_string(d.join("host_key.pub")).unwrap();
        let host_key: Vec<&str> = host_key.split_whitespace().take(2).collect();
        std::fs::write(
            d.join("known_hosts"),
            format!("[127.0.0.1]:{port} {}\n", host_key.join(" ")),
        )
        .unwrap();
        let entry = |alias: &str, key: &str| {
            format!(
                "Host {alias}\n  HostName 127.0.0.1\n  Port {port}\n  User {user}\n  IdentityFile {}\n  IdentitiesOnly yes\n  IdentityAgent none\n  UserKnownHostsFile {}\n  StrictHostKeyChecking yes\n",
                p(key),
                p("known_hosts")
            )
        };
        std::fs::write(
            d.join("ssh_config"),
            format!(
                "{}{}Host *\n  UserKnownHostsFile {}\n  IdentityAgent none\n",
                entry("annals-test", "user_key"),
                entry("annals-test-other-key", "other_key"),
                p("known_hosts")
            ),
        )
        .unwrap();
        std::fs::create_dir(d.join("bin")).unwrap();
        std::fs::write(
            d.join("bin/ssh"),
            format!(
                "#!/bin/sh\nexec /usr/bin/ssh -F {} \"$@\"\n",
                p("ssh_config")
            ),
        )
        .unwrap();
        run_ok(Command::new("chmod").arg("755").arg(d.join("bin/ssh")));
        std::fs::create_dir(d.join("state")).unwrap();
        let child = Command::new(SSHD)
            .args(["-D", "-e", "-f"])
            .arg(d.join("sshd_config"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("sshd starts");
        let server = SftpServer { child, dir, port };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "sshd did not start listening"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(server)
    }

    /// The folder the site is published into.
    fn www(&self) -> PathBuf {
        self.dir.path().join("www")
    }

    /// The environment of a deploy: the wrapper first in PATH, the ssh control sockets inside
    /// the test folder.
    fn env(&self) -> Vec<(&'static str, String)> {
        let path = format!(
            "{}:{}",
            self.dir.path().join("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        vec![
            ("PATH", path),
            (
                "XDG_STATE_HOME",
                self.dir.path().join("state").display().to_string(),
            ),
        ]
    }

    fn deploy(&self, root: &Path, args: &[&str]) -> std::process::Output {
        let env = self.env();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        deploy(root, args, &env)
    }

    fn url(&self, host: &str) -> String {
        format!("sftp://{host}{}", self.www().display())
    }
}

/// The processes whose parent is `parent` (from /proc).
fn children_of(parent: u32) -> Vec<i32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // The parent id is the second field after the parenthesised command name.
            let after_name = stat
                .rsplit_once(')')
                .map(|(_, rest)| rest)
                .unwrap_or_default();
            after_name.split_whitespace().nth(1) == Some(parent.to_string().as_str())
        })
        .collect()
}

impl Drop for SftpServer {
    /// Stops the server and the session processes it forked for each connection, so no
    /// connection (and no client-side ssh master) outlives the test.
    fn drop(&mut self) {
        for session in children_of(self.child.id()) {
            // SAFETY: kill() with a process id this test's sshd started; no memory involved.
            unsafe { libc::kill(session, libc::SIGTERM) };
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn deploy_ok(server: &SftpServer, root: &Path, args: &[&str]) -> String {
    let output = server.deploy(root, args);
    assert!(output.status.success(), "deploy failed:\n{}", text(&output));
    text(&output)
}

#[test]
fn sftp_deploys_changed_files_only_and_deletes_stale_ones_on_request() {
    let Some(server) = SftpServer::start() else {
        return;
    };
    let dir = site(5, &target("web", &server.url("annals-test")));
    let first = build_and_snapshot(dir.path());
    // What a killed upload leaves behind: the next deploy removes it.
    write_file(&server.www(), "css/.extra.css.annals-upload", "body {");
    let shown = deploy_ok(&server, dir.path(), &[]);
    assert!(
        shown.contains(&format!("{} uploaded", first.len())),
        "{shown}"
    );
    let mut published = snapshot(&server.www());
    published.remove(".annals-deploy-manifest");
    assert_eq!(published, first, "the server holds the output's bytes");

    let again = deploy_ok(&server, dir.path(), &[]);
    assert!(
        again.contains(&format!("0 uploaded (0 bytes), {} unchanged", first.len())),
        "{again}"
    );

    write_file(
        dir.path(),
        "content/2024/report-002.md",
        &report(
            "第2次城市更新推進會",
            "2024-01-03",
            "會議改為研究舊城改造。",
        ),
    );
    std::fs::remove_file(dir.path().join("content/2024/report-004.md")).unwrap();
    let second = build_and_snapshot(dir.path());
    let changed = changed_paths(&first, &second);
    let shown = deploy_ok(&server, dir.path(), &["--delete"]);
    assert!(
        shown.contains(&format!("{} uploaded", changed.len())),
        "{shown}"
    );
    let mut published = snapshot(&server.www());
    published.remove(".annals-deploy-manifest");
    assert_eq!(
        published, second,
        "changed files replaced, stale files deleted"
    );
    assert!(
        !server.www().join("2024/01/05/report-004").exists(),
        "the emptied folder is removed"
    );
    let leftovers = walkdir::WalkDir::new(server.www())
        .into_iter()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".annals-upload")
        })
        .count();
    assert_eq!(leftovers, 0, "no temporary upload is left behind");
}

#[test]
fn sftp_with_a_key_the_server_does_not_accept_is_a_clear_error() {
    let Some(server) = SftpServer::start() else {
        return;
    };
    let dir = site(1, &target("web", &server.url("annals-test-other-key")));
    build(dir.path());
    let output = server.deploy(dir.path(), &[]);
    let shown = text(&output);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("the target refused the credentials"),
        "{shown}"
    );
    assert!(
        shown.contains("hint: make sure the server accepts your SSH key"),
        "{shown}"
    );
    assert!(!shown.contains("PRIVATE KEY"), "{shown}");
    assert_eq!(std::fs::read_dir(server.www()).unwrap().count(), 0);
}

#[test]
fn sftp_to_a_closed_port_is_a_clear_error() {
    let Some(server) = SftpServer::start() else {
        return;
    };
    let closed = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let url = format!("sftp://127.0.0.1:{closed}{}", server.www().display());
    let dir = site(1, &target("web", &url));
    build(dir.path());
    let output = server.deploy(dir.path(), &[]);
    let shown = text(&output);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    assert!(shown.contains("the target cannot be reached"), "{shown}");
    assert!(
        shown.contains("hint: check the host name and port"),
        "{shown}"
    );
    let _ = server.port;
}
