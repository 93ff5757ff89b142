//! The record of the files a build wrote (`.annals-files`): a rebuild takes it instead of
//! walking the output folder, still makes again a page deleted by hand, leaves a file put there
//! by hand, and `--full` walks the folder and deletes everything the site does not have.

use super::incremental::{build, built_basic_site};
use super::support::snapshot as files;

#[test]
fn a_rebuild_restores_a_page_deleted_by_hand_and_full_clears_what_the_site_lacks() {
    let (site, out) = built_basic_site();
    let root = site.path();
    let record = std::fs::read_to_string(out.join(".annals-files")).unwrap();
    assert!(
        record
            .lines()
            .any(|line| line == "2024/03/14/flood/index.html"),
        "{record}"
    );
    let flood_page = out.join("2024/03/14/flood/index.html");
    let flood = std::fs::read_to_string(&flood_page).unwrap();
    std::fs::remove_file(&flood_page).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    // Another report's body changes: the flood page would be kept, but it is gone.
    let budget = root.join("content/2024/budget.md");
    let text = std::fs::read_to_string(&budget).unwrap();
    std::fs::write(&budget, format!("{text}\n會議還研究了其他事項。\n")).unwrap();
    build(root, &out, &[]);
    assert_eq!(std::fs::read_to_string(&flood_page).unwrap(), flood);
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine",
        "a file put there by hand is left to its owner"
    );
    build(root, &out, &["--full"]);
    assert!(!out.join("notes.txt").exists(), "--full deletes it");
    let clean = root.join("clean");
    build(root, &clean, &[]);
    assert_eq!(files(&out), files(&clean), "as a clean build");
}
