//! Deploy times on a large archive against the local S3-compatible server: a benchmark, not a
//! test (it asserts no times), ignored unless asked for. The figures go to BENCHMARKS.md.

use crate::deploy_support::{S3Server, target};
use std::path::PathBuf;
use std::time::Instant;

/// First deploy, no-change deploy and a one-report edit of an archive (default: the demo
/// archive). Generate the benchmark archive with `cargo bench --bench archive -- --sizes 10000
/// --runs 1`, then run
/// `ANNALS_DEPLOY_ARCHIVE=target/bench-archives/10000/annals cargo test --release --test integration measure_deploy -- --ignored --nocapture`.
#[test]
#[ignore = "a benchmark: deploys a whole archive"]
fn measure_deploy() {
    let source = std::env::var_os("ANNALS_DEPLOY_ARCHIVE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let copy = tempfile::tempdir().unwrap();
    let root = copy.path();
    for folder in ["content", "static", "themes"] {
        if source.join(folder).is_dir() {
            crate::support::copy_dir(&source.join(folder), &root.join(folder));
        }
    }
    let server = S3Server::start();
    let toml = std::fs::read_to_string(source.join("site.toml")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        format!("{toml}{}", target("bench", &server.url("site"))),
    )
    .unwrap();
    crate::support::build(root);
    let files = walkdir::WalkDir::new(root.join("public"))
        .into_iter()
        .filter(|e| e.as_ref().unwrap().file_type().is_file())
        .count()
        - 1;
    let bytes: u64 = walkdir::WalkDir::new(root.join("public"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.metadata().unwrap().len())
        .sum();
    println!(
        "\n{files} files, {:.1} MiB; `annals deploy --jobs 8` to s3s-fs on 127.0.0.1:",
        bytes as f64 / 1_048_576.0
    );
    let deploy = |label: &str, args: &[&str]| {
        let started = Instant::now();
        let output = crate::deploy_support::deploy(root, args, &server.env());
        let seconds = started.elapsed().as_secs_f64();
        let text = crate::deploy_support::text(&output);
        assert!(output.status.success(), "{text}");
        println!(
            "  {label}: {seconds:.2} s, {:.0} files/s — {}",
            files as f64 / seconds,
            text.lines()
                .last()
                .unwrap_or_default()
                .split(": ")
                .nth(1)
                .unwrap_or_default()
        );
    };
    deploy("first deploy", &[]);
    // Listing the target and reading the manifest, without uploading: what a no-change deploy
    // spends talking to the server.
    deploy("dry run", &["--dry-run"]);
    deploy("no-change deploy", &[]);
    let report = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(|e| e.unwrap())
        .find(|e| e.path().extension().is_some_and(|x| x == "md"))
        .unwrap();
    let text = std::fs::read_to_string(report.path()).unwrap();
    std::fs::write(report.path(), format!("{text}\n補充說明。\n")).unwrap();
    crate::support::build(root);
    deploy("one report edited", &[]);
}
