//! What `annals deploy` says when it cannot or must not deploy: refused credentials, a target
//! that cannot be reached, an output folder that is not a complete build of the site, and
//! mistakes on the command line or in `[deploy]`. Never a credential in the output.

use crate::deploy_support::*;
use crate::support::build;
use std::sync::atomic::Ordering;

fn assert_fails(output: &std::process::Output, code: i32, expected: &[&str]) {
    assert_no_credentials(output);
    let shown = text(output);
    assert_eq!(output.status.code(), Some(code), "{shown}");
    for part in expected {
        assert!(shown.contains(part), "expected `{part}` in:\n{shown}");
    }
}

#[test]
fn wrong_credentials_are_a_clear_error_without_the_keys() {
    let server = S3Server::start();
    let dir = site(2, &target("production", &server.url("site")));
    build(dir.path());
    let output = deploy(
        dir.path(),
        &[],
        &[
            ("AWS_ACCESS_KEY_ID", ACCESS_KEY),
            ("AWS_SECRET_ACCESS_KEY", "wrong-secret-key-9876"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ],
    );
    assert_fails(
        &output,
        1,
        &[
            "error: cannot list the files at `s3://archive/site at http://127.0.0.1:",
            "the target refused the credentials",
            "hint: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
        ],
    );
    assert_eq!(server.put_count.load(Ordering::SeqCst), 0);
}

#[test]
fn an_unreachable_endpoint_is_a_clear_error() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = format!("s3://archive/site?region=us-east-1&endpoint=http://127.0.0.1:{port}");
    let dir = site(1, &target("production", &url));
    build(dir.path());
    let output = deploy(
        dir.path(),
        &[],
        &[
            ("AWS_ACCESS_KEY_ID", ACCESS_KEY),
            ("AWS_SECRET_ACCESS_KEY", SECRET_KEY),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ],
    );
    assert_fails(
        &output,
        1,
        &[
            "the target cannot be reached",
            "hint: check the endpoint and region in the target URL",
        ],
    );
}

#[test]
fn only_a_complete_current_build_is_deployed() {
    let server = S3Server::start();
    let dir = site(2, &target("production", &server.url("site")));
    let root = dir.path();
    assert_fails(
        &deploy(root, &[], &server.env()),
        1,
        &["there is no build to deploy", "run `annals build` first"],
    );

    std::fs::create_dir_all(root.join("elsewhere")).unwrap();
    std::fs::write(root.join("elsewhere/index.html"), "<p>hand-made</p>").unwrap();
    let other = root.join("elsewhere");
    assert_fails(
        &deploy(
            root,
            &["--output-dir", other.to_str().unwrap()],
            &server.env(),
        ),
        1,
        &["is not an annals build (it has no `.annals-output` marker)"],
    );

    build(root);
    write_file(
        root,
        "content/2024/late.md",
        &report("遲到的報告", "2024-05-01", "正文。"),
    );
    assert_fails(
        &deploy(root, &[], &server.env()),
        1,
        &["does not match the site", "run `annals build`"],
    );
    build(root);
    std::fs::create_dir(root.join(".public.annals-staging")).unwrap();
    assert_fails(
        &deploy(root, &[], &server.env()),
        1,
        &["is in progress or was interrupted"],
    );
    std::fs::remove_dir(root.join(".public.annals-staging")).unwrap();
    assert!(deploy(root, &[], &server.env()).status.success());
    assert!(server.put_count.load(Ordering::SeqCst) > 0);
}

#[test]
fn targets_are_chosen_by_name() {
    let deploy_section = format!(
        "{}{}",
        target(
            "production",
            "s3://archive?region=us-east-1&endpoint=http://127.0.0.1:9"
        ),
        target("web", "sftp://deploy@127.0.0.1:9/var/www/archive")
    );
    let dir = site(1, &deploy_section);
    build(dir.path());
    assert_fails(
        &deploy(dir.path(), &[], &[]),
        2,
        &[
            "site.toml has several deploy targets",
            "choose one with --target NAME: production, web",
        ],
    );
    assert_fails(
        &deploy(dir.path(), &["--target", "prodution"], &[]),
        2,
        &[
            "no deploy target named `prodution`",
            "did you mean `production`?",
        ],
    );
}

#[test]
fn a_site_without_targets_is_told_how_to_add_one() {
    let dir = site(1, "");
    build(dir.path());
    assert_fails(
        &deploy(dir.path(), &[], &[]),
        1,
        &[
            "site.toml has no deploy target",
            "[[deploy.targets]]",
            "docs/deploy.md",
        ],
    );
}

#[test]
fn credentials_and_typos_in_the_deploy_section_fail_every_command() {
    let dir = site(
        1,
        &target("production", "sftp://deploy:hunter2@example.org/var/www"),
    );
    let output = crate::support::run(&["build", "--root", dir.path().to_str().unwrap()]);
    let shown = text(&output);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    assert!(shown.contains("deploy target `production`: the URL carries a password; credentials never go into site.toml"), "{shown}");
    assert!(!shown.contains("hunter2"), "{shown}");

    let dir = site(
        1,
        "\n[[deploy.targets]]\nname = \"production\"\nurl = \"s3://archive\"\nregion = \"us-east-1\"\n",
    );
    let output = crate::support::run(&["check", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).contains("unknown key `region`"),
        "{}",
        text(&output)
    );
}
