//! `annals init` on a real pseudo-terminal (Unix): it asks for the title and language when no
//! flag is given, and never otherwise.

#![cfg(unix)]

use super::scaffold::s;

use rexpect::session::{PtySession, spawn_command};
use std::fs;
use std::path::Path;

const TIMEOUT_MS: u64 = 30_000;

fn spawn(args: &[&str]) -> PtySession {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_annals"));
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TERM", "dumb");
    spawn_command(command, Some(TIMEOUT_MS)).expect("a pseudo-terminal")
}

fn exited_ok(session: &PtySession) {
    let status = session.process().wait().unwrap();
    let shown = format!("{status:?}");
    assert!(
        shown.starts_with("Exited(") && shown.ends_with(", 0)"),
        "{shown}"
    );
}

#[test]
fn init_asks_for_the_title_and_language() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("linjiang");
    let mut session = spawn(&["init", s(&root)]);
    session
        .exp_string("Title of the archive [linjiang]: ")
        .unwrap();
    session.send_line("臨江市新聞檔案").unwrap();
    session
        .exp_string("Language (zh-Hant, zh-Hans, en) [en]: ")
        .unwrap();
    session.send_line("klingon").unwrap();
    session.exp_string("`klingon` is not one of").unwrap();
    session.send_line("zh-Hans").unwrap();
    session.exp_string("created a site in").unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("next:"), "{rest}");
    exited_ok(&session);
    let toml = fs::read_to_string(root.join("site.toml")).unwrap();
    assert!(toml.contains("title = \"臨江市新聞檔案\"\n"), "{toml}");
    assert!(toml.contains("language = \"zh-Hans\"\n"), "{toml}");
    assert!(Path::new(&root.join("content")).is_dir());
}

#[test]
fn init_with_a_flag_asks_nothing_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("quiet");
    let mut session = spawn(&["init", s(&root), "--language", "en"]);
    let shown = session.exp_eof().unwrap();
    assert!(!shown.contains("Title of the archive"), "{shown}");
    assert!(shown.contains("created a site in"), "{shown}");
    exited_ok(&session);
    let toml = fs::read_to_string(root.join("site.toml")).unwrap();
    assert!(toml.contains("title = \"quiet\"\n"), "{toml}");
}
