//! Snapshots of the `<main>` region of every page kind of the basic fixture, and the Nu Html
//! Checker over every page kind of the demo archive.

use crate::support::{build, build_demo, in_ci, read, repo_root, site_copy};

/// The `<main>…</main>` region of a page.
fn main_region(html: &str) -> String {
    let start = html.find("<main").expect("a <main> element");
    let end = html.find("</main>").expect("a closing </main>") + "</main>".len();
    html[start..end].to_string()
}

#[test]
fn main_region_of_every_page_kind() {
    let site = site_copy("basic");
    let out = build(site.path());
    let pages = [
        ("home", "index.html"),
        ("report", "2024/03/14/urban-renewal/index.html"),
        ("year", "2024/index.html"),
        ("year_page_2", "2024/page/2/index.html"),
        ("month", "2024/03/index.html"),
        ("day", "2024/03/14/index.html"),
        ("archive", "archive/index.html"),
        ("all_reports", "reports/index.html"),
        ("officials", "officials/index.html"),
        ("official", "officials/lin-jingyi/index.html"),
        ("districts", "districts/index.html"),
        ("district", "districts/jiang-bei-qu/index.html"),
        ("tags", "tags/index.html"),
        ("tag", "tags/cheng-shi-geng-xin/index.html"),
        ("not_found", "404.html"),
    ];
    for (name, path) in pages {
        insta::assert_snapshot!(name, main_region(&read(&out, path)));
    }
}

/// The Nu Html Checker, if it is installed (`npm ci` installs it; it needs java).
fn vnu_jar() -> Option<std::path::PathBuf> {
    let jar = repo_root().join("node_modules/vnu-jar/build/dist/vnu.jar");
    let java = std::process::Command::new("java")
        .arg("-version")
        .output()
        .is_ok();
    (jar.is_file() && java).then_some(jar)
}

#[test]
fn demo_archive_passes_the_nu_html_checker() {
    let Some(jar) = vnu_jar() else {
        assert!(
            !in_ci(),
            "the Nu Html Checker is missing in CI: run `npm ci` and install java"
        );
        eprintln!("SKIPPED: Nu Html Checker not found (run `npm ci`; needs java)");
        return;
    };
    let (_dir, out) = build_demo();
    let checked = std::process::Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--skip-non-html", "--errors-only", "--format", "gnu"])
        .arg(&out)
        .output()
        .expect("java runs");
    let report = String::from_utf8_lossy(&checked.stderr).replace(out.to_str().unwrap(), "public");
    assert!(
        checked.status.success() && report.trim().is_empty(),
        "HTML errors:\n{report}"
    );
}
