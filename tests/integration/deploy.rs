//! `annals deploy` to a real S3-compatible server (s3s-fs on 127.0.0.1, started by each test):
//! what lands on the server, what is skipped, what is deleted, the headers, an interrupted
//! deploy, and the errors users see.

use crate::deploy_support::*;
use crate::support::build;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

const CACHE_ASSETS: &str = "\n[[deploy.matchers]]\npattern = \"^.+\\\\.(css|js)$\"\ncache_control = \"max-age=31536000, immutable\"\n";

fn s3_site(server: &S3Server, reports: usize) -> tempfile::TempDir {
    site(
        reports,
        &format!(
            "{}{CACHE_ASSETS}",
            target("production", &server.url("site"))
        ),
    )
}

fn deploy_ok(root: &std::path::Path, server: &S3Server, args: &[&str]) -> String {
    let output = deploy(root, args, &server.env());
    assert_no_credentials(&output);
    assert!(output.status.success(), "deploy failed:\n{}", text(&output));
    text(&output)
}

#[test]
fn first_deploy_uploads_everything_and_a_second_uploads_nothing() {
    let server = S3Server::start();
    let dir = s3_site(&server, 6);
    let built = build_and_snapshot(dir.path());
    let shown = deploy_ok(dir.path(), &server, &[]);
    assert!(
        shown.contains(&format!("{} uploaded", built.len())),
        "{shown}"
    );
    assert_eq!(server.take_puts("site").len(), built.len());
    assert_eq!(
        server.client("site").site(),
        built,
        "served bytes equal the output"
    );
    let requests = server.put_count.load(Ordering::SeqCst);

    let again = deploy_ok(dir.path(), &server, &[]);
    assert!(
        again.contains(&format!(
            "0 uploaded (0 bytes), {} unchanged, 0 deleted",
            built.len()
        )),
        "{again}"
    );
    assert_eq!(
        server.put_count.load(Ordering::SeqCst),
        requests,
        "a deploy without changes writes nothing, not even the manifest"
    );
    assert_eq!(server.take_puts("site"), Vec::<String>::new());
}

#[test]
fn editing_one_report_uploads_only_the_files_whose_bytes_changed() {
    let server = S3Server::start();
    let dir = s3_site(&server, 6);
    let before = build_and_snapshot(dir.path());
    deploy_ok(dir.path(), &server, &[]);
    server.take_puts("site");

    write_file(
        dir.path(),
        "content/2024/report-003.md",
        &report(
            "第3次城市更新推進會",
            "2024-01-04",
            "會議改為研究舊城改造。",
        ),
    );
    let after = build_and_snapshot(dir.path());
    let changed = changed_paths(&before, &after);
    assert!(
        !changed.is_empty() && changed.len() < after.len() / 2,
        "{changed:?}"
    );
    let shown = deploy_ok(dir.path(), &server, &[]);
    assert_eq!(server.take_puts("site"), changed);
    assert!(
        shown.contains(&format!("{} uploaded", changed.len())),
        "{shown}"
    );
    assert_eq!(server.client("site").site(), after);
}

#[test]
fn delete_removes_stale_files_and_nothing_else() {
    let server = S3Server::start();
    let dir = s3_site(&server, 6);
    build(dir.path());
    deploy_ok(dir.path(), &server, &[]);
    let client = server.client("site");
    client.put("google1234.html", b"site verification, not from annals");

    std::fs::remove_file(dir.path().join("content/2024/report-005.md")).unwrap();
    let after = build_and_snapshot(dir.path());
    let gone = "2024/01/06/report-005/index.html";
    let kept = deploy_ok(dir.path(), &server, &[]);
    assert!(
        kept.contains(
            "stale files (published earlier, no longer in the site) were kept; pass --delete"
        ),
        "{kept}"
    );
    assert!(kept.contains(gone), "{kept}");
    assert!(
        kept.contains("google1234.html"),
        "foreign files are listed:\n{kept}"
    );
    assert!(
        client.site().contains_key(gone),
        "nothing is deleted without --delete"
    );

    let deleted = deploy_ok(dir.path(), &server, &["--delete"]);
    assert!(deleted.contains("0 uploaded"), "{deleted}");
    let mut expected = after.clone();
    expected.insert(
        "google1234.html".into(),
        b"site verification, not from annals".to_vec(),
    );
    assert_eq!(
        client.site(),
        expected,
        "stale files gone, the site and the foreign file kept"
    );
}

#[test]
fn objects_get_content_types_with_charset_and_cache_headers_from_matchers() {
    let server = S3Server::start();
    let dir = s3_site(&server, 2);
    build(dir.path());
    deploy_ok(dir.path(), &server, &[]);
    let client = server.client("site");
    let immutable = Some("max-age=31536000, immutable".to_string());
    for (key, content_type, cache) in [
        ("index.html", "text/html; charset=utf-8", None),
        ("feed.xml", "application/atom+xml; charset=utf-8", None),
        ("sitemap.xml", "application/xml; charset=utf-8", None),
        (
            "css/extra.css",
            "text/css; charset=utf-8",
            immutable.clone(),
        ),
        (
            "search/search.js",
            "text/javascript; charset=utf-8",
            immutable.clone(),
        ),
        ("robots.txt", "text/plain; charset=utf-8", None),
    ] {
        assert_eq!(
            client.headers(key),
            (Some(content_type.to_string()), cache),
            "{key}"
        );
    }
}

#[test]
fn changing_a_matcher_uploads_the_files_whose_headers_changed() {
    let server = S3Server::start();
    let dir = s3_site(&server, 2);
    build(dir.path());
    deploy_ok(dir.path(), &server, &[]);
    server.take_puts("site");
    let toml = std::fs::read_to_string(dir.path().join("site.toml")).unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        toml.replace("max-age=31536000, immutable", "max-age=600"),
    )
    .unwrap();
    // Deploy settings are not build inputs: no rebuild is needed.
    let after = snapshot(&dir.path().join("public"));
    deploy_ok(dir.path(), &server, &[]);
    let styles_and_scripts: Vec<String> = after
        .keys()
        .filter(|k| k.ends_with(".css") || k.ends_with(".js"))
        .cloned()
        .collect();
    assert_eq!(server.take_puts("site"), styles_and_scripts);
    assert_eq!(
        server.client("site").headers("css/extra.css").1.as_deref(),
        Some("max-age=600")
    );
}

#[test]
fn dry_run_prints_the_plan_and_changes_nothing() {
    let server = S3Server::start();
    let dir = s3_site(&server, 3);
    let built = build_and_snapshot(dir.path());
    let output = deploy(dir.path(), &["--dry-run"], &server.env());
    assert!(output.status.success(), "{}", text(&output));
    let plan = String::from_utf8_lossy(&output.stdout);
    assert_eq!(plan.lines().count(), built.len(), "{plan}");
    assert!(plan.contains("upload new     index.html"), "{plan}");
    let order: Vec<&str> = plan
        .lines()
        .map(|l| l.rsplit(' ').next().unwrap())
        .collect();
    let position = |p: &str| order.iter().position(|o| *o == p).unwrap();
    assert!(position("css/extra.css") < position("2024/01/01/report-000/index.html"));
    assert!(position("2024/01/01/report-000/index.html") < position("2024/index.html"));
    assert!(position("2024/index.html") < position("feed.xml"));
    assert!(position("feed.xml") < position("index.html"));
    assert!(text(&output).contains("nothing was changed"));
    assert_eq!(server.put_count.load(Ordering::SeqCst), 0);
    assert!(server.client("site").all().is_empty());
}

/// A deploy of a changed site, killed midway, leaves every page of the published site readable
/// (old or new bytes, never a part), the home page still old; the rerun completes.
#[test]
fn a_killed_deploy_leaves_the_old_site_readable_and_the_rerun_completes() {
    let server = S3Server::start();
    let dir = s3_site(&server, 30);
    let old = build_and_snapshot(dir.path());
    deploy_ok(dir.path(), &server, &[]);
    let toml = std::fs::read_to_string(dir.path().join("site.toml")).unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        toml.replace("臨江市新聞檔案", "臨江市新聞檔案館"),
    )
    .unwrap();
    let new = build_and_snapshot(dir.path());
    let changed = changed_paths(&old, &new);
    assert!(changed.len() > 40, "a title change touches every page");

    server.delay_ms.store(40, Ordering::SeqCst);
    let before = server.put_count.load(Ordering::SeqCst);
    let mut child = crate::support::annals()
        .args([
            "deploy",
            "--root",
            dir.path().to_str().unwrap(),
            "--jobs",
            "2",
        ])
        .envs(server.env())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while server.put_count.load(Ordering::SeqCst) < before + changed.len() / 2 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the deploy did not progress"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the deploy ended before it was killed"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    server.delay_ms.store(0, Ordering::SeqCst);

    let served = server.client("site").site();
    for (path, bytes) in &old {
        let now = served
            .get(path)
            .unwrap_or_else(|| panic!("`{path}` vanished"));
        assert!(
            now == bytes || Some(now) == new.get(path),
            "`{path}` is neither old nor new"
        );
    }
    assert_eq!(
        served["index.html"], old["index.html"],
        "the home page goes last"
    );

    deploy_ok(dir.path(), &server, &[]);
    assert_eq!(server.client("site").site(), new);
}

/// Ctrl-C stops the deploy cleanly (exit 1, a hint to run again) and keeps what was uploaded,
/// so the rerun uploads only the rest.
#[test]
fn an_interrupted_deploy_resumes_where_it_stopped() {
    let server = S3Server::start();
    let dir = s3_site(&server, 30);
    let built = build_and_snapshot(dir.path());
    server.delay_ms.store(40, Ordering::SeqCst);
    let child = crate::support::annals()
        .args([
            "deploy",
            "--root",
            dir.path().to_str().unwrap(),
            "--jobs",
            "2",
        ])
        .envs(server.env())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while server.put_count.load(Ordering::SeqCst) < built.len() / 2 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the deploy did not progress"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let signalled = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(signalled.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let shown = text(&output);
    assert!(
        shown.contains("error: the deploy was interrupted"),
        "{shown}"
    );
    assert!(
        shown.contains("run `annals deploy` again to finish"),
        "{shown}"
    );
    server.delay_ms.store(0, Ordering::SeqCst);
    server.take_puts("site");

    let rerun = deploy_ok(dir.path(), &server, &[]);
    let resumed = server.take_puts("site").len();
    assert!(
        resumed < built.len() - built.len() / 3,
        "the rerun uploaded {resumed} of {} files:\n{rerun}",
        built.len()
    );
    assert_eq!(server.client("site").site(), built);
}
