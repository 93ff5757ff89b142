//! What the command line offers beyond the site: completion scripts and man pages generated from
//! the clap definitions, and README's quick start run as written.

use super::scaffold::{run, s, text};
use crate::support::read;
use std::fs;
use std::path::PathBuf;
use std::process::Stdio;

#[test]
fn completion_scripts_cover_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = text(&out.stdout);
        for word in ["init", "new", "official", "completions"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
        // The shells that complete values offer the languages of `init`.
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(script.contains("zh-Hant"), "{shell} lacks the languages");
        }
    }
    // bash loads the script and registers the completion.
    let script = run(&["completions", "bash"]).stdout;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("annals.bash");
    fs::write(&file, script).unwrap();
    let loaded = std::process::Command::new("bash")
        .args([
            "-c",
            &format!("source '{}' && complete -p annals", file.display()),
        ])
        .output()
        .expect("bash runs");
    assert!(loaded.status.success(), "{}", text(&loaded.stderr));
    assert!(
        text(&loaded.stdout).contains("annals"),
        "{}",
        text(&loaded.stdout)
    );
    assert_eq!(run(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn man_pages_come_from_the_same_definitions() {
    let out = run(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = text(&out.stdout);
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{page}");
    assert!(page.contains(".TH annals 1"), "{page}");
    for command in ["build", "init", "new", "completions"] {
        assert!(
            page.contains(&format!("annals\\-{command}(1)")),
            "{command}: {page}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man1");
    let out = run(&["man", "--dir", s(&pages)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let new_page = fs::read_to_string(pages.join("annals-new.1")).unwrap();
    assert!(new_page.contains("\\-\\-official"), "{new_page}");
    assert!(pages.join("annals.1").is_file());
}

/// The commands of README's quick start, without `annals serve` (it runs until stopped).
fn readme_quick_start() -> String {
    let readme = fs::read_to_string(crate::support::repo_root().join("README.md")).unwrap();
    let section = readme
        .split("## Quick start")
        .nth(1)
        .expect("README has a quick start");
    let block = section
        .split("```")
        .nth(1)
        .expect("the quick start has a code block");
    block
        .lines()
        .filter(|line| !line.starts_with("annals serve"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_readme_quick_start_works_as_written() {
    let script = readme_quick_start();
    assert!(
        script.contains("annals init") && script.contains("annals new"),
        "{script}"
    );
    assert!(!script.contains("<<"), "no heredocs: {script}");
    let dir = tempfile::tempdir().unwrap();
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_annals"));
    let path = std::env::join_paths(
        std::iter::once(binary.parent().unwrap().to_path_buf()).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )),
    )
    .unwrap();
    let out = std::process::Command::new("bash")
        .args(["-e", "-c", &script])
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", path)
        .stdin(Stdio::null())
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "{script}\n{}", text(&out.stderr));
    let public = dir.path().join("my-archive/public");
    let page = read(
        &public,
        "2024/03/14/quan-shi-cheng-shi-geng-xin-xiang-mu-tui-jin-hui-zhao-kai/index.html",
    );
    assert!(page.contains("林靜怡"), "{page}");
}
