//! Unit tests of `output.rs` (kept beside it to keep that file short).

use super::*;

const NO_BOOKKEEPING: Bookkeeping = Bookkeeping {
    stamp: "",
    page_keys: "",
    search_state: None,
    report_cache: None,
    signatures: None,
};

fn out(path: &str, text: &str) -> Output {
    Output {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
    }
}

#[test]
fn refuses_dangerous_output_folders() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    fs::create_dir_all(root.join("content/2024")).unwrap();
    fs::create_dir_all(root.join("mine")).unwrap();
    fs::write(root.join("mine/notes.txt"), "keep").unwrap();
    let cases = [
        (root.to_path_buf(), "holds the site itself"),
        (
            root.parent().unwrap().to_path_buf(),
            "holds the site itself",
        ),
        (root.join("content"), "inside `content/`"),
        (root.join("content/2024/out"), "inside `content/`"),
        (root.join("static/x"), "inside `static/`"),
        (root.join("mine"), "was not created by annals"),
    ];
    for (dir, expected) in cases {
        let err = prepare(root, &dir, false).unwrap_err();
        assert!(
            err.message.contains(expected),
            "{}: {}",
            dir.display(),
            err.message
        );
    }
    assert_eq!(
        fs::read_to_string(root.join("mine/notes.txt")).unwrap(),
        "keep"
    );
    // --force allows replacing a foreign folder, never the site itself.
    assert!(prepare(root, &root.join("mine"), true).is_ok());
    assert!(prepare(root, root, true).is_err());
}

#[test]
fn commit_swaps_and_abort_keeps_the_previous_output() {
    let site = tempfile::tempdir().unwrap();
    let target = site.path().join("public");
    let first = prepare(site.path(), &target, false).unwrap();
    first.write(out("index.html", "one")).unwrap();
    first.write(out("a/b/index.html", "deep")).unwrap();
    first.commit(&NO_BOOKKEEPING).unwrap();
    assert_eq!(
        fs::read_to_string(target.join("a/b/index.html")).unwrap(),
        "deep"
    );
    assert!(target.join(MARKER).is_file());

    let second = prepare(site.path(), &target, false).unwrap();
    second.write(out("index.html", "two")).unwrap();
    second.abort();
    assert_eq!(
        fs::read_to_string(target.join("index.html")).unwrap(),
        "one"
    );

    let third = prepare(site.path(), &target, false).unwrap();
    third.write(out("index.html", "three")).unwrap();
    third.commit(&NO_BOOKKEEPING).unwrap();
    assert_eq!(
        fs::read_to_string(target.join("index.html")).unwrap(),
        "three"
    );
    assert!(!target.join("a").exists(), "files no longer built are gone");
    let leftovers: Vec<_> = fs::read_dir(site.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers, [std::ffi::OsString::from("public")]);
}

#[test]
fn unchanged_files_keep_their_identity() {
    use std::os::unix::fs::MetadataExt;
    let site = tempfile::tempdir().unwrap();
    let target = site.path().join("public");
    let s = prepare(site.path(), &target, false).unwrap();
    s.write(out("same.html", "same")).unwrap();
    s.write(out("changed.html", "old")).unwrap();
    s.commit(&NO_BOOKKEEPING).unwrap();
    let inode_same = fs::metadata(target.join("same.html")).unwrap().ino();
    let inode_changed = fs::metadata(target.join("changed.html")).unwrap().ino();
    let s = prepare(site.path(), &target, false).unwrap();
    s.write(out("same.html", "same")).unwrap();
    s.write(out("changed.html", "new")).unwrap();
    s.commit(&NO_BOOKKEEPING).unwrap();
    assert_eq!(
        fs::metadata(target.join("same.html")).unwrap().ino(),
        inode_same
    );
    // A changed file is rewritten in place at commit: no new inode (see output_in_place.rs).
    assert_eq!(
        fs::metadata(target.join("changed.html")).unwrap().ino(),
        inode_changed
    );
    assert_eq!(
        fs::read_to_string(target.join("changed.html")).unwrap(),
        "new"
    );
}

#[test]
fn unsafe_paths_are_refused() {
    let site = tempfile::tempdir().unwrap();
    let s = prepare(site.path(), &site.path().join("public"), false).unwrap();
    for bad in ["../x", "/etc/x", "a/../../x", ""] {
        assert!(s.write(out(bad, "x")).is_err(), "{bad}");
    }
    s.abort();
}

#[test]
fn files_are_compared_block_by_block() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.json");
    let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&path, &big).unwrap();
    assert!(super::same_bytes(&path, &big));
    let mut late_change = big.clone();
    late_change[150_000] ^= 1;
    assert!(
        !super::same_bytes(&path, &late_change),
        "a change in a later block"
    );
    assert!(!super::same_bytes(&path, &big[..199_999]), "shorter");
    std::fs::write(&path, b"").unwrap();
    assert!(super::same_bytes(&path, b""));
    assert!(!super::same_bytes(&dir.path().join("missing"), b""));
}

#[test]
fn keeping_needs_the_file_and_a_commit_leaves_only_what_the_build_produced() {
    let site = tempfile::tempdir().unwrap();
    let target = site.path().join("public");
    built_then_changed_by_hand(site.path(), &target, &NO_BOOKKEEPING);
    let second = prepare(site.path(), &target, false).unwrap();
    assert!(second.keep("2024/03/a/index.html"));
    assert!(
        !second.keep("2024/03/b/index.html"),
        "a file gone is made again"
    );
    second.write(out("2024/03/b/index.html", "again")).unwrap();
    second.commit(&NO_BOOKKEEPING).unwrap();
    assert_eq!(tree(&target), SITE_AFTER_REBUILD);
}

/// The output folder after [`built_then_changed_by_hand`] and a rebuild making pages a and b.
const SITE_AFTER_REBUILD: [&str; 10] = [
    "",
    ".annals-files",
    ".annals-output",
    ".annals-pages",
    "2024",
    "2024/03",
    "2024/03/a",
    "2024/03/a/index.html",
    "2024/03/b",
    "2024/03/b/index.html",
];

/// Builds three pages into `target`, then deletes one by hand and adds a file and folders
/// annals never made. Returns the record of files the build left.
fn built_then_changed_by_hand(root: &Path, target: &Path, bookkeeping: &Bookkeeping) -> String {
    let first = prepare(root, target, false).unwrap();
    for path in [
        "2024/03/a/index.html",
        "2024/03/b/index.html",
        "2024/04/c/index.html",
    ] {
        first.write(out(path, path)).unwrap();
    }
    first.commit(bookkeeping).unwrap();
    let record = fs::read_to_string(target.join(listing::FILES_FILE)).unwrap();
    fs::remove_file(target.join("2024/03/b/index.html")).unwrap();
    fs::create_dir_all(target.join("empty/inner")).unwrap();
    fs::write(target.join("2024/04/notes.txt"), "mine").unwrap();
    record
}

/// Every path under `target`, relative, sorted ("" for the folder itself).
fn tree(target: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(target)
        .into_iter()
        .flatten()
        .map(|e| {
            let relative = e.path().strip_prefix(target).unwrap();
            relative.display().to_string()
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_rebuild_trusts_the_recorded_files_but_not_that_they_are_still_there() {
    let site = tempfile::tempdir().unwrap();
    let target = site.path().join("public");
    let stamped = Bookkeeping {
        stamp: "inputs 1",
        ..NO_BOOKKEEPING
    };
    let record = built_then_changed_by_hand(site.path(), &target, &stamped);
    assert_eq!(
        record,
        "annals files 1\n2024/03/a/index.html\n2024/03/b/index.html\n2024/04/c/index.html\n"
    );
    let recorded = start_listing(&target, true);
    let second = prepare_listed(site.path(), &target, false, recorded).unwrap();
    assert!(second.keep("2024/03/a/index.html"));
    assert!(
        !second.keep("2024/03/b/index.html"),
        "a recorded file deleted by hand is made again"
    );
    second.write(out("2024/03/b/index.html", "again")).unwrap();
    second.commit(&stamped).unwrap();
    // What annals wrote and no longer makes is gone; what someone put there is left.
    let by_hand = ["2024/04", "2024/04/notes.txt", "empty", "empty/inner"];
    let mut with_by_hand = SITE_AFTER_REBUILD.to_vec();
    with_by_hand.extend(by_hand);
    with_by_hand.sort();
    assert_eq!(tree(&target), with_by_hand);
    assert_eq!(
        fs::read_to_string(target.join("2024/03/b/index.html")).unwrap(),
        "again"
    );
    // Walked instead (`--full`): everything the site does not have is deleted.
    let walked = start_listing(&target, false);
    let third = prepare_listed(site.path(), &target, false, walked).unwrap();
    for path in ["2024/03/a/index.html", "2024/03/b/index.html"] {
        assert!(third.keep(path));
    }
    third.commit(&stamped).unwrap();
    assert_eq!(tree(&target), SITE_AFTER_REBUILD);
}

#[test]
fn a_record_is_trusted_only_after_a_complete_build_and_never_deletes_outside() {
    let site = tempfile::tempdir().unwrap();
    let target = site.path().join("public");
    let first = prepare(site.path(), &target, false).unwrap();
    first.write(out("a/index.html", "a")).unwrap();
    // No stamp: as a build killed during its commit leaves the marker.
    first.commit(&NO_BOOKKEEPING).unwrap();
    fs::write(target.join("stray.txt"), "x").unwrap();
    let second = prepare_listed(site.path(), &target, false, start_listing(&target, true));
    second.unwrap().commit(&NO_BOOKKEEPING).unwrap();
    assert!(!target.join("stray.txt").exists(), "the folder was walked");
    // A record edited to name files outside the output folder.
    fs::write(site.path().join("outside.txt"), "keep").unwrap();
    fs::write(target.join(MARKER), format!("{MARKER_TEXT}inputs 1")).unwrap();
    fs::write(
        target.join(listing::FILES_FILE),
        "annals files 1\n../outside.txt\n/etc/hostname\n",
    )
    .unwrap();
    let third = prepare_listed(site.path(), &target, false, start_listing(&target, true));
    third.unwrap().commit(&NO_BOOKKEEPING).unwrap();
    assert_eq!(
        fs::read_to_string(site.path().join("outside.txt")).unwrap(),
        "keep"
    );
}
