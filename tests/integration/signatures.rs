//! Input signatures: a rebuild takes the hash of a report file the previous build hashed from
//! its size, times and inode instead of reading it, and still sees every edit, also one that
//! keeps the file's size and modification time.

use super::incremental::build;
use super::support::{copy_dir, fixture, snapshot as files};
use std::path::Path;

/// Rewrites the signatures the last build left in `out`: as if their hashes had been taken a
/// minute later (so no file counts as changed in the same instant), with `edit` applied to
/// each file's line.
fn age_signatures(out: &Path, edit: impl Fn(&str) -> String) {
    let file = out.join(".annals-inputs");
    let text = std::fs::read_to_string(&file).unwrap();
    let mut lines = text.lines();
    let mut aged = format!("{}\n", lines.next().unwrap());
    let taken: i128 = (lines.next().unwrap().strip_prefix("taken ").unwrap())
        .parse()
        .unwrap();
    aged.push_str(&format!("taken {}\n", taken + 60_000_000_000));
    for line in lines {
        aged.push_str(&format!("{}\n", edit(line)));
    }
    std::fs::write(&file, aged).unwrap();
}

#[test]
fn a_rebuild_trusts_signatures_yet_sees_an_edit_that_keeps_size_and_modification_time() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    copy_dir(&fixture("basic"), root);
    let out = root.join("public");
    build(root, &out, &[]);
    let signatures = std::fs::read_to_string(out.join(".annals-inputs")).unwrap();
    assert!(
        signatures.contains(" content/2024/flood.md\n"),
        "{signatures}"
    );
    // The budget report's recorded hash is made wrong: a build that trusts its signature takes
    // that hash without reading the file, and records it again.
    age_signatures(&out, |line| {
        match line.ends_with(" content/2024/budget.md") {
            true => format!("0000000000000000{}", &line[16..]),
            false => line.to_string(),
        }
    });
    let hash_of = |path: &str| {
        let signatures = std::fs::read_to_string(out.join(".annals-inputs")).unwrap();
        let line = signatures.lines().find(|l| l.ends_with(path)).unwrap();
        line[..16].to_string()
    };
    let flood_hash = hash_of(" content/2024/flood.md");
    // The flood report gets a new title of the same length, and its old modification time back:
    // only its change time tells.
    let flood = root.join("content/2024/flood.md");
    let modified = std::fs::metadata(&flood).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&flood).unwrap();
    let edited = text.replace("防汛工作會議", "防汛應急會議");
    assert_eq!(edited.len(), text.len());
    std::fs::write(&flood, edited).unwrap();
    let file = std::fs::File::options().write(true).open(&flood).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    let stderr = build(root, &out, &[]);
    assert!(
        stderr.contains("built 4 reports (1 read, 3 unchanged)"),
        "{stderr}"
    );
    assert_eq!(hash_of(" content/2024/budget.md"), "0000000000000000");
    assert_ne!(hash_of(" content/2024/flood.md"), flood_hash, "read again");
    let page = std::fs::read_to_string(out.join("2024/03/14/flood/index.html")).unwrap();
    assert!(page.contains("防汛應急會議"), "the new title is shown");
    // `--full` reads every file, whatever the signatures say.
    build(root, &out, &["--full"]);
    assert_ne!(hash_of(" content/2024/budget.md"), "0000000000000000");
    let clean = root.join("clean");
    build(root, &clean, &[]);
    assert_eq!(files(&out), files(&clean), "as a clean build");
}
