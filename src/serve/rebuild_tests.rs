//! Rebuild tests: a patched preview must serve exactly what a full build of the edited site
//! renders, and every kind of change must take the right path.

use super::*;
use std::fs;

const SITE_TOML: &str = "title = \"臨江市新聞檔案\"\nbase_url = \"https://archive.example.org\"\nlanguage = \"zh-Hant\"\npaginate = 2\n";

fn report(title: &str, date: &str, officials: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\nofficials: [{officials}]\ndistricts: [江北區]\ntags: [城市更新]\n---\n{body}\n"
    )
}

/// A site of five reports over two months (two per list page), in a temporary folder.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("site.toml"), SITE_TOML).unwrap();
    fs::create_dir_all(root.join("content/2024")).unwrap();
    let reports = [
        ("a", "城市更新推進會", "2024-03-14", "林靜怡, 陳建國"),
        ("b", "交通建設會議", "2024-03-12", "林靜怡"),
        ("c", "教育工作會議", "2024-03-10", "陳建國"),
        ("d", "醫療服務座談", "2024-02-20", "林靜怡"),
        ("e", "招商引資簽約", "2024-02-02", "王志明"),
    ];
    for (name, title, date, officials) in reports {
        let body = format!("{title}第一段。\n\n第二段，{name}。");
        fs::write(
            root.join(format!("content/2024/{name}.md")),
            report(title, date, officials, &body),
        )
        .unwrap();
    }
    dir
}

fn builder(root: &Path) -> Builder {
    Builder::new(root.to_path_buf(), false, "http://127.0.0.1:1111".into())
}

fn nothing(_: &str) -> Option<Arc<[u8]>> {
    None
}

/// A built site: the folder, a builder that built it, and what it rendered.
fn built() -> (tempfile::TempDir, Builder, Files) {
    let dir = site();
    let mut builder = builder(dir.path());
    let never = AtomicBool::new(false);
    let rendered = builder.full(&nothing, &never).ok().unwrap().rendered;
    (dir, builder, rendered)
}

/// A fresh full build of the site as it is on disk.
fn fresh(root: &Path) -> Files {
    let never = AtomicBool::new(false);
    builder(root).full(&nothing, &never).ok().unwrap().rendered
}

fn changed(root: &Path, relative: &str) -> BTreeSet<PathBuf> {
    BTreeSet::from([root.join(relative)])
}

/// Applies each edit to `file` in turn, patching after each, and checks every patch against a
/// fresh build: every file that differs (but the search index) is in the patch with the fresh
/// bytes, and settling gives the fresh build exactly. Returns the number of patched files.
fn assert_patches_match_a_fresh_build(
    file: &str,
    edits: &[&dyn Fn(String) -> String],
) -> Vec<usize> {
    let (dir, mut builder, mut served) = built();
    let root = dir.path();
    let never = AtomicBool::new(false);
    let mut counts = Vec::new();
    for (round, edit) in edits.iter().enumerate() {
        if round % 2 == 0 {
            // Cards kept from the last patch, or made ahead of it.
            builder.prepare();
        }
        let path = root.join(file);
        fs::write(&path, edit(fs::read_to_string(&path).unwrap())).unwrap();
        let plan = builder.plan(&changed(root, file));
        assert_eq!(
            plan.reports,
            BTreeSet::from([PathBuf::from(file)]),
            "{plan:?}"
        );
        assert!(!plan.full);
        let patch = builder
            .patch(&plan.reports)
            .unwrap()
            .expect("a patch, not a full build");
        let after = fresh(root);
        let patched: HashMap<String, Arc<[u8]>> = patch.files.iter().cloned().collect();
        for (key, bytes) in &patched {
            assert!(
                after.get(key) == Some(bytes),
                "round {round}: patched `{key}` differs from a build"
            );
        }
        // Only the search index may wait for the settling render (no open page shows it).
        for (key, bytes) in &after {
            if !key.starts_with("search/") && served.get(key) != Some(bytes) {
                assert!(
                    patched.contains_key(key),
                    "round {round}: `{key}` changed but was not patched"
                );
            }
        }
        served.extend(patched.clone());
        let (settled, html_changed) = builder
            .settle(&|key: &str| served.get(key).cloned(), &never)
            .ok()
            .unwrap();
        assert!(
            settled == after,
            "round {round}: the settled preview differs from a build"
        );
        assert!(
            !html_changed,
            "round {round}: the patch already held every changed page"
        );
        served = settled;
        counts.push(patched.len());
    }
    counts
}

#[test]
fn a_body_edit_patches_the_report_page_and_its_feeds() {
    let counts = assert_patches_match_a_fresh_build(
        "content/2024/c.md",
        &[
            &|text| text.replace("第二段，c。", "第二段已修改，並加長。\n\n第三段。"),
            &|text| text.replace("第三段。", "第三段又改了。"),
        ],
    );
    // The report page, the site feed and the feeds of its official and district, and the
    // reports data set (JSON and CSV: it holds the venue and source, which are not on cards),
    // and the JSON Feeds and calendars of the site, the official and the district.
    assert_eq!(counts, [12, 12]);
}

#[test]
fn a_title_or_summary_edit_patches_every_list_showing_the_report() {
    let counts = assert_patches_match_a_fresh_build(
        "content/2024/c.md",
        &[
            &|text| text.replace("title: 教育工作會議", "title: 教育工作會議（修訂）"),
            &|text| text.replace("第二段", "正文再改"),
            &|text| text.replace("教育工作會議第一段。", "新的第一段成為摘要。"),
            &|text| text.replace("title: 教育工作會議（修訂）", "title: 教育工作會議（定稿）"),
        ],
    );
    assert!(counts[0] > 12, "lists, neighbours and feeds: {counts:?}");
    assert_eq!(counts[1], 12, "a body edit after a title edit");
    assert_patches_match_a_fresh_build(
        "content/2024/a.md",
        &[&|text| text.replace("城市更新推進會第一段。", "新的第一段成為摘要。")],
    );
}

#[test]
fn structural_edits_and_new_or_deleted_reports_need_a_full_build() {
    let (dir, mut builder, _) = built();
    let root = dir.path();
    let file = root.join("content/2024/b.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace("officials: [林靜怡]", "officials: [陳建國]"),
    )
    .unwrap();
    let plan = builder.plan(&changed(root, "content/2024/b.md"));
    assert!(
        builder.patch(&plan.reports).unwrap().is_none(),
        "a changed official re-indexes"
    );

    fs::write(
        root.join("content/2024/f.md"),
        report("新", "2024-04-01", "林靜怡", "x"),
    )
    .unwrap();
    assert!(
        builder.plan(&changed(root, "content/2024/f.md")).full,
        "a new report"
    );
    fs::remove_file(root.join("content/2024/e.md")).unwrap();
    assert!(
        builder.plan(&changed(root, "content/2024/e.md")).full,
        "a deleted report"
    );
    assert!(
        builder.plan(&changed(root, "content/2024")).full,
        "a folder"
    );
    assert!(builder.plan(&changed(root, "site.toml")).full);
    assert!(
        builder
            .plan(&changed(root, "themes/x/templates/report.html"))
            .full
    );
    let statics = builder.plan(&changed(root, "static/a.css"));
    assert!(statics.statics && !statics.full);
}

#[test]
fn editor_leftovers_and_the_output_folder_are_ignored() {
    let dir = site();
    let root = dir.path();
    let builder = builder(root);
    for name in [
        "content/2024/.a.md.swp",
        "content/2024/a.md~",
        "content/2024/#a.md#",
        "content/2024/.#a.md",
        "content/2024/4913",
        "static/.x.css.swx",
        "public/index.html",
        "README.md",
    ] {
        assert_eq!(
            builder.plan(&changed(root, name)),
            Plan::default(),
            "{name}"
        );
    }
}

#[test]
fn a_broken_save_keeps_the_site_and_is_retried_with_the_next_change() {
    let (dir, mut builder, _) = built();
    let root = dir.path();
    let a = root.join("content/2024/a.md");
    let good = fs::read_to_string(&a).unwrap();
    fs::write(&a, good.replace("date: 2024-03-14", "date: 2024-02-30")).unwrap();
    let problems = builder.patch(&builder.plan(&changed(root, "content/2024/a.md")).reports);
    let problems = problems.err().expect("the broken date is an error");
    let shown = problems.items[0].to_string();
    assert!(shown.contains("content/2024/a.md:3"), "{shown}");
    assert!(shown.contains("not a day of the calendar"), "{shown}");

    // Another report's good save does not hide the broken one.
    let b = root.join("content/2024/b.md");
    fs::write(
        &b,
        fs::read_to_string(&b)
            .unwrap()
            .replace("第二段", "第二段改"),
    )
    .unwrap();
    let plan = builder.plan(&changed(root, "content/2024/b.md"));
    assert_eq!(plan.reports.len(), 2, "{plan:?}");
    assert!(builder.patch(&plan.reports).is_err());

    fs::write(&a, good).unwrap();
    let plan = builder.plan(&changed(root, "content/2024/a.md"));
    assert!(builder.patch(&plan.reports).unwrap().is_some());
}

#[test]
fn a_full_build_equals_the_build_pipeline_and_can_be_cancelled() {
    let dir = site();
    let root = dir.path();
    let site = load_site(root, false, Some("http://127.0.0.1:1111"))
        .ok()
        .unwrap();
    let expected: Mutex<Files> = Mutex::default();
    let sink = |o: Output| {
        expected.lock().unwrap().insert(o.path, o.bytes.into());
        Ok(())
    };
    render_site(&site, &sink, None).unwrap();
    assert!(
        fresh(root) == expected.into_inner().unwrap(),
        "serve renders what build renders"
    );
    let cancelled = AtomicBool::new(true);
    let mut builder = builder(root);
    assert!(matches!(
        builder.full(&nothing, &cancelled),
        Err(Failure::Cancelled)
    ));
    assert!(
        builder.plan(&changed(root, "content/2024/a.md")).full,
        "stale after a cancel"
    );
}

#[test]
fn a_title_edit_patches_the_report_pages_listing_it_as_related() {
    let (dir, mut builder, _) = built();
    let root = dir.path();
    let file = root.join("content/2024/c.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace("title: 教育工作會議", "title: 教育會議"),
    )
    .unwrap();
    let plan = builder.plan(&changed(root, "content/2024/c.md"));
    let patch = builder.patch(&plan.reports).unwrap().expect("a patch");
    // Report a (14 March) is not c's neighbour (b and d are) but lists c as related.
    let a = patch
        .files
        .iter()
        .find(|(key, _)| key == "2024/03/14/a/index.html")
        .expect("the page of a report listing c as related is patched");
    let html = String::from_utf8_lossy(&a.1);
    let related = html.split("class=\"related-reports\"").nth(1).unwrap();
    assert!(related.contains(">教育會議</a>"), "{related}");
}
