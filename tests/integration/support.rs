//! Helpers shared by the integration tests: running the binary, copying fixture sites into
//! temporary folders, and reading built pages.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `annals` binary under test.
pub fn annals() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_annals"));
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    command
}

/// Runs `annals` with `args` and returns its output.
pub fn run(args: &[&str]) -> Output {
    annals()
        .args(args)
        .output()
        .expect("the annals binary runs")
}

/// The repository root (the demo archive).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A copy of a fixture site in a fresh temporary folder.
pub fn site_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), dir.path());
    dir
}

/// Builds the site at `root` into `root/public`, panicking with the output on failure.
pub fn build(root: &Path) -> PathBuf {
    let out = root.join("public");
    build_into(root, &out);
    out
}

/// Builds the site at `root` into `out`, panicking with the output on failure.
pub fn build_into(root: &Path, out: &Path) {
    let result = run(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output-dir",
        out.to_str().unwrap(),
    ]);
    assert!(
        result.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&result.stderr)
    );
}

/// Reads a built file as text.
pub fn read(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("cannot read `{path}`: {e}"))
}

/// Stderr as text, with temporary paths replaced by `[ROOT]` for stable assertions.
pub fn stderr_of(output: &Output, root: &Path) -> String {
    let text = String::from_utf8_lossy(&output.stderr).to_string();
    text.replace(root.to_str().unwrap(), "[ROOT]")
}

/// True when the environment says we run in CI (browser tests must not skip there).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Builds the repository's demo archive into a fresh temporary folder; returns the folder (keep
/// it alive) and the output path.
pub fn build_demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build_into(&repo_root(), &out);
    (dir, out)
}

/// `python3`, if it can import every module of `modules`; else `None` after saying why (the
/// caller skips the test), or a panic in CI, where `.ci/run` installs them.
pub fn python_with(modules: &[&str]) -> Option<Command> {
    let imports = modules.join(", ");
    let probe = Command::new("python3")
        .args(["-c", &format!("import {imports}")])
        .output();
    if probe.is_ok_and(|o| o.status.success()) {
        return Some(Command::new("python3"));
    }
    assert!(
        !in_ci(),
        "python3 with {imports} is missing in CI: `.ci/run` installs them with pip"
    );
    eprintln!("SKIPPED: python3 cannot import {imports} (pip install {imports})");
    None
}

/// Runs a checker script of tests/integration/python with `args`; returns its JSON output.
pub fn run_python_checker(mut python: Command, script: &str, args: &[&Path]) -> serde_json::Value {
    let script = repo_root().join("tests/integration/python").join(script);
    let output = python
        .arg(script)
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the checker prints JSON")
}

/// Every file of an output folder (site path → bytes), without annals' bookkeeping files.
pub fn snapshot(out: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_str()
                .unwrap()
                .to_string();
            (path, std::fs::read(e.path()).unwrap())
        })
        .filter(|(path, _)| !annals::output::is_bookkeeping(path))
        .collect()
}
