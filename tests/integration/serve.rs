//! `annals serve`: the real binary on a free port, asked over HTTP. What the preview serves,
//! what it refuses, how it follows edits, and that stopping it leaves the site untouched.

#[path = "serve_support.rs"]
pub mod harness;
#[path = "serve_timings.rs"]
mod timings;

use harness::{Server, poll, report, request, small_site, tree, write};
use std::fs;

/// The error overlay element (the reload script only names its id).
const OVERLAY: &str = "<div id=\"annals-error-overlay\"";

#[test]
fn serves_pages_static_files_and_feeds_with_their_types() {
    let site = small_site();
    let server = Server::start(site.path(), &[]);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.text().contains("城市更新推進會"));
    assert!(
        home.text().contains("/__annals/livereload"),
        "the reload script is injected"
    );
    let page = server.get("/2024/03/14/urban-renewal/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("會議研究部署城市更新工作。"));
    let cases = [
        ("/feed.xml", "application/atom+xml; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/css/extra.css", "text/css; charset=utf-8"),
        (
            "/%E6%9C%83%E8%AD%B0%E7%B4%80%E8%A6%81.pdf",
            "application/pdf",
        ),
    ];
    for (path, kind) in cases {
        let response = server.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.header("content-type"), Some(kind), "{path}");
        assert!(
            !response.text().contains("__annals"),
            "{path}: only HTML gets the script"
        );
    }
    assert_eq!(
        server
            .get("/%E6%9C%83%E8%AD%B0%E7%B4%80%E8%A6%81.pdf")
            .text(),
        "%PDF-1.4 minutes\n"
    );
    assert!(
        server.get("/feed.xml").text().contains(&server.url),
        "base_url is the preview"
    );

    let redirect = server.get("/2024?x=1");
    assert_eq!(redirect.status, 302);
    assert_eq!(redirect.header("location"), Some("/2024/?x=1"));
    assert_eq!(server.get("/2024/").status, 200);

    let head = request(server.port, "HEAD", "/2024/03/14/urban-renewal/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length")
            .map(|l| l.parse::<usize>().unwrap()),
        Some(page.body.len())
    );
    assert_eq!(request(server.port, "POST", "/").status, 405);
}

#[test]
fn unknown_paths_get_the_site_404_page_with_status_404() {
    let site = small_site();
    let server = Server::start(site.path(), &[]);
    let own = server.get("/404.html");
    assert_eq!(own.status, 200);
    for path in [
        "/nope/",
        "/2024/03/14/nope/",
        "/site.toml",
        "/content/2024/transport.md",
        "//etc/passwd",
    ] {
        let missing = server.get(path);
        assert_eq!(missing.status, 404, "{path}");
        assert_eq!(
            missing.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(
            missing.text(),
            own.text(),
            "{path}: the site's own 404 page"
        );
    }
}

#[test]
fn paths_leaving_the_site_are_refused() {
    let site = small_site();
    let server = Server::start(site.path(), &[]);
    for path in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fsite.toml",
        "/static/..\\..\\x",
        "/css/%5c..%5c..%5csite.toml",
        "/css/extra.css%00.html",
    ] {
        let response = server.get(path);
        assert!(
            response.status == 400 || response.status == 404,
            "{path}: {}",
            response.status
        );
        assert!(
            !response.text().contains("base_url"),
            "{path} leaked site.toml"
        );
    }
}

#[test]
fn listens_on_loopback_only_by_default() {
    let site = small_site();
    let server = Server::start(site.path(), &[]);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    // The machine's address on its network, if it has one: nothing listens there.
    let outward = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").map(|_| s))
        .and_then(|s| s.local_addr())
        .map(|a| a.ip());
    if let Some(ip) = outward
        .ok()
        .filter(|ip| !ip.is_loopback() && !ip.is_unspecified())
    {
        let attempt = std::net::TcpStream::connect_timeout(
            &std::net::SocketAddr::new(ip, server.port),
            std::time::Duration::from_secs(2),
        );
        assert!(attempt.is_err(), "the preview answered on {ip}");
    }
    assert!(!server.stderr().contains("warning: listening on"));
}

#[test]
fn interface_port_and_open_flags() {
    let site = small_site();
    let root = site.path();
    let root_arg = root.to_str().unwrap();

    let wide = Server::start(root, &["--interface", "0.0.0.0"]);
    assert!(wide.url.starts_with("http://127.0.0.1:"), "{}", wide.url);
    assert!(
        wide.stderr().contains("warning: listening on `0.0.0.0`"),
        "{}",
        wide.stderr()
    );
    drop(wide);

    let bad = crate::support::run(&["serve", "--root", root_arg, "--interface", "example.org"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("`--interface` must be an IP address"));

    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let busy = crate::support::run(&["serve", "--root", root_arg, "--port", &port]);
    // A port in use is not a problem in the site: the command cannot run as given.
    assert_eq!(busy.status.code(), Some(2));
    let message = String::from_utf8_lossy(&busy.stderr);
    assert!(
        message.contains(&format!("cannot listen on `127.0.0.1:{port}`")),
        "{message}"
    );

    // `--open` runs xdg-open with the address; without one it says so and serves anyway.
    let bin = tempfile::tempdir().unwrap();
    let opened = bin.path().join("opened.txt");
    let script = bin.path().join("xdg-open");
    fs::write(
        &script,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = std::env::join_paths([bin.path().to_path_buf()].into_iter().chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let server = Server::start_with_path(root, &["--open"], Some(&path));
    let url =
        poll(|| fs::read_to_string(&opened).ok().filter(|t| !t.is_empty())).expect("xdg-open ran");
    assert_eq!(url.trim(), server.url);
    drop(server);
    let empty = tempfile::tempdir().unwrap();
    let server = Server::start_with_path(root, &["--open"], Some(empty.path().as_os_str()));
    poll(|| {
        server
            .stderr()
            .contains("cannot open a browser")
            .then_some(())
    })
    .unwrap_or_else(|| panic!("no note about the browser:\n{}", server.stderr()));
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn added_edited_renamed_and_deleted_reports_show_after_the_rebuild() {
    let site = small_site();
    let root = site.path();
    let server = Server::start(root, &[]);
    let new_url = "/2024/04/01/budget/";
    assert_eq!(server.get(new_url).status, 404);
    write(
        root,
        "content/2024/budget.md",
        &report("預算審查會議", "2024-04-01", "審查年度預算。"),
    );
    poll(|| (server.get(new_url).status == 200).then_some(())).expect("the new report appears");
    assert!(
        server.get("/").text().contains("預算審查會議"),
        "and is listed on the home page"
    );

    write(
        root,
        "content/2024/budget.md",
        &report("預算審查會議", "2024-04-01", "預算草案獲得通過。"),
    );
    poll(|| {
        server
            .get(new_url)
            .text()
            .contains("預算草案獲得通過。")
            .then_some(())
    })
    .expect("the edited body appears");

    fs::rename(
        root.join("content/2024/budget.md"),
        root.join("content/2024/finance.md"),
    )
    .unwrap();
    poll(|| (server.get("/2024/04/01/finance/").status == 200).then_some(()))
        .expect("the renamed report appears at its new URL");
    assert_eq!(server.get(new_url).status, 404, "and not at the old one");

    fs::remove_file(root.join("content/2024/finance.md")).unwrap();
    poll(|| (server.get("/2024/04/01/finance/").status == 404).then_some(()))
        .expect("a deleted report answers 404");
    assert!(!server.get("/").text().contains("預算審查會議"));

    write(root, "static/notice.txt", "通知\n");
    poll(|| (server.get("/notice.txt").status == 200).then_some(())).expect("a new static file");
    fs::remove_file(root.join("static/notice.txt")).unwrap();
    poll(|| (server.get("/notice.txt").status == 404).then_some(()))
        .expect("a deleted static file");

    let toml = fs::read_to_string(root.join("site.toml")).unwrap();
    fs::write(
        root.join("site.toml"),
        toml.replace("臨江市新聞檔案", "臨江檔案館"),
    )
    .unwrap();
    poll(|| server.get("/").text().contains("臨江檔案館").then_some(()))
        .expect("a site.toml change");

    write(
        root,
        "themes/mine/templates/report.html",
        "<html><body><h1>{{ report.title }}</h1>自訂主題</body></html>",
    );
    let toml = fs::read_to_string(root.join("site.toml")).unwrap();
    fs::write(root.join("site.toml"), format!("{toml}theme = \"mine\"\n")).unwrap();
    poll(|| {
        server
            .get("/2024/03/12/transport/")
            .text()
            .contains("自訂主題")
            .then_some(())
    })
    .expect("the site theme is used");
    write(
        root,
        "themes/mine/templates/report.html",
        "<html><body><h1>{{ report.title }}</h1>改過的主題</body></html>",
    );
    poll(|| {
        server
            .get("/2024/03/12/transport/")
            .text()
            .contains("改過的主題")
            .then_some(())
    })
    .expect("a theme change");
}

#[test]
fn a_broken_save_keeps_the_last_good_site_and_shows_the_error_until_fixed() {
    let site = small_site();
    let root = site.path();
    let server = Server::start(root, &[]);
    let file = root.join("content/2024/transport.md");
    let good = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        good.replace("tags: [城市更新]", "tagz: [城市更新]\nbody: 新的正文"),
    )
    .unwrap();
    let home = poll(|| {
        let home = server.get("/");
        home.text().contains(OVERLAY).then_some(home)
    })
    .expect("the overlay appears");
    assert_eq!(home.status, 200, "the last good site is still served");
    let html = home.text();
    assert!(
        html.contains("content/2024/transport.md:6"),
        "file and line:\n{html}"
    );
    assert!(html.contains("tagz"), "the message names the key:\n{html}");
    let page = server.get("/2024/03/12/transport/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("會議聽取軌道交通建設匯報。"));
    assert!(page.text().contains(OVERLAY), "every page shows it");
    assert!(
        server.stderr().contains("content/2024/transport.md:6"),
        "the terminal too"
    );

    fs::write(&file, good.replace("會議聽取", "會議再次聽取")).unwrap();
    let page = poll(|| {
        let page = server.get("/2024/03/12/transport/");
        page.text().contains("會議再次聽取").then_some(page)
    })
    .expect("the fixed report is served");
    assert!(!page.text().contains(OVERLAY), "the overlay is gone");
    assert!(!server.get("/").text().contains(OVERLAY));
}

#[test]
fn a_site_that_never_built_serves_an_error_page_until_fixed() {
    let site = small_site();
    let root = site.path();
    let file = root.join("content/2023/education.md");
    let good = fs::read_to_string(&file).unwrap();
    fs::write(&file, good.replace("date: 2023-09-01", "date: 2023-09-31")).unwrap();
    let server = Server::start(root, &[]);
    let page = server.get("/");
    assert_eq!(page.status, 503);
    assert!(page.text().contains(OVERLAY));
    assert!(
        page.text().contains("content/2023/education.md:3"),
        "{}",
        page.text()
    );
    fs::write(&file, good).unwrap();
    poll(|| (server.get("/").status == 200).then_some(())).expect("the site builds after the fix");
    assert!(!server.get("/").text().contains(OVERLAY));
}

#[test]
fn many_requests_at_once_are_all_answered() {
    let site = small_site();
    let server = Server::start(site.path(), &[]);
    let port = server.port;
    let threads: Vec<_> = (0..32)
        .map(|i| {
            std::thread::spawn(move || {
                let paths = [
                    "/",
                    "/2024/03/14/urban-renewal/",
                    "/feed.xml",
                    "/css/extra.css",
                    "/nope",
                ];
                (0..10).all(|j| {
                    let path = paths[(i + j) % paths.len()];
                    let expected = if path == "/nope" { 404 } else { 200 };
                    request(port, "GET", path).status == expected
                })
            })
        })
        .collect();
    assert!(threads.into_iter().all(|t| t.join().unwrap()));
}

#[test]
fn the_preview_serves_what_build_writes_plus_only_the_reload_script() {
    let site = small_site();
    let root = site.path();
    let server = Server::start(root, &[]);
    let out = tempfile::tempdir().unwrap();
    let built = crate::support::run(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output-dir",
        out.path().to_str().unwrap(),
        "--base-url",
        &server.url,
    ]);
    assert!(built.status.success());
    for (url, file) in [
        ("/", "index.html"),
        (
            "/2024/03/14/urban-renewal/",
            "2024/03/14/urban-renewal/index.html",
        ),
        ("/tags/", "tags/index.html"),
        ("/feed.xml", "feed.xml"),
    ] {
        let served = server.get(url).text();
        let written = fs::read_to_string(out.path().join(file)).unwrap();
        assert!(
            !written.contains("__annals"),
            "{file}: build output has no reload script"
        );
        let without_script = match served.find("<script id=\"annals-livereload\"") {
            Some(start) => {
                let end = served[start..].find("</script>").unwrap() + start + "</script>".len();
                format!("{}{}", &served[..start], &served[end..])
            }
            None => served,
        };
        assert_eq!(without_script, written, "{url}");
    }
}

#[test]
fn sigint_and_sigterm_stop_the_preview_and_leave_the_site_untouched() {
    for signal in ["INT", "TERM"] {
        let site = small_site();
        let root = site.path();
        let before = tree(root);
        let mut server = Server::start(root, &[]);
        assert_eq!(server.get("/").status, 200);
        write(
            root,
            "content/2024/extra.md",
            &report("臨時會議", "2024-05-01", "臨時。"),
        );
        poll(|| (server.get("/2024/05/01/extra/").status == 200).then_some(())).unwrap();
        fs::remove_file(root.join("content/2024/extra.md")).unwrap();
        let (status, took) = server.stop_with(signal);
        assert!(
            status.success(),
            "SIG{signal}: {status:?}\n{}",
            server.stderr()
        );
        eprintln!("SIG{signal}: stopped in {} ms", took.as_millis());
        assert_eq!(
            tree(root),
            before,
            "SIG{signal}: the site folder is unchanged"
        );
        assert!(!root.join("public").exists());
    }
}
