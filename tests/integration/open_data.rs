//! The open data outputs of the basic fixture, read back with independent parsers: the CSV data
//! sets with the `csv` crate's reader (checked row for row against the fixture's front matter,
//! written out here by hand), the JSON data sets with serde_json, and `[outputs]` switches.

use crate::support::{build, read, site_copy};
use serde_json::Value;

/// Every row of a CSV file as maps of column → value, after checking the header.
fn csv_rows(text: &str, header: &[&str]) -> Vec<Vec<String>> {
    assert!(!text.starts_with('\u{feff}'), "no byte order mark");
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let found: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(found, header);
    reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

const BASE: &str = "https://example.org/archive/";

#[test]
fn reports_csv_has_one_row_per_report_newest_first() {
    let site = site_copy("basic");
    let out = build(site.path());
    let text = read(&out, "data/reports.csv");
    assert!(text.ends_with("\r\n"), "RFC 4180 line ends");
    let header = [
        "date",
        "datetime",
        "title",
        "url",
        "officials",
        "roles",
        "districts",
        "tags",
        "venue",
        "source_url",
        "summary",
    ];
    let rows = csv_rows(&text, &header);
    let url = |path: &str| format!("{BASE}{path}");
    let expected = vec![
        row(&[
            "2024-03-14",
            "2024-03-14T09:30:00+08:00",
            "防汛工作會議",
            &url("2024/03/14/flood/"),
            "林靜怡",
            "",
            "江北區",
            "防汛",
            "",
            "",
            "部署汛期準備。",
        ]),
        row(&[
            "2024-03-14",
            "",
            "全市城市更新項目推進會召開",
            &url("2024/03/14/urban-renewal/"),
            "林靜怡;陳建國",
            "市長;常務副市長",
            "江北區;臨江高新區",
            "城市更新",
            "市政府第一會議室",
            "https://news.example.org/2024/0314",
            "市長林靜怡出席會議並講話，副市長陳建國主持會議。",
        ]),
        row(&[
            "2024-01-09",
            "",
            "預算審查會",
            &url("2024/01/09/budget/"),
            "陳建國",
            "副市長",
            "南岸區",
            "城市更新",
            "",
            "",
            "審查年度預算。",
        ]),
        row(&[
            "2023-11-30",
            "",
            "濱江步道開工",
            &url("2023/11/30/2023-river/"),
            "林靜怡;陳建國",
            ";",
            "南岸區;江北區",
            "",
            "",
            "",
            "步道全長18.6公里(km)。",
        ]),
    ];
    assert_eq!(
        rows, expected,
        "the draft is left out; aliases are canonical"
    );
}

#[test]
fn officials_and_districts_csv_match_the_archive() {
    let site = site_copy("basic");
    let out = build(site.path());
    let officials = csv_rows(
        &read(&out, "data/officials.csv"),
        &[
            "name",
            "slug",
            "url",
            "aliases",
            "report_count",
            "first_date",
            "last_date",
            "roles",
            "districts",
        ],
    );
    assert_eq!(
        officials,
        vec![
            row(&[
                "陳建國",
                "chen-jian-guo",
                &format!("{BASE}officials/chen-jian-guo/"),
                "",
                "3",
                "2023-11-30",
                "2024-03-14",
                "常務副市長 (2024-03-14/2024-03-14);副市長 (2024-01-09/2024-01-09)",
                "江北區;南岸區;臨江高新區",
            ]),
            row(&[
                "林靜怡",
                "lin-jingyi",
                &format!("{BASE}officials/lin-jingyi/"),
                "林靜儀",
                "3",
                "2023-11-30",
                "2024-03-14",
                "市長 (2024-03-14/2024-03-14)",
                "江北區;臨江高新區;南岸區",
            ]),
        ]
    );
    let districts = csv_rows(
        &read(&out, "data/districts.csv"),
        &[
            "name",
            "slug",
            "url",
            "aliases",
            "parent",
            "report_count",
            "first_date",
            "last_date",
        ],
    );
    let district = |cells: &[&str]| row(cells);
    assert_eq!(
        districts,
        vec![
            district(&[
                "江北區",
                "jiang-bei-qu",
                &format!("{BASE}districts/jiang-bei-qu/"),
                "",
                "",
                "3",
                "2023-11-30",
                "2024-03-14"
            ]),
            district(&[
                "南岸區",
                "nan-an-qu",
                &format!("{BASE}districts/nan-an-qu/"),
                "",
                "",
                "2",
                "2023-11-30",
                "2024-01-09"
            ]),
            district(&[
                "臨江高新區",
                "hi-tech-zone",
                &format!("{BASE}districts/hi-tech-zone/"),
                "高新區",
                "臨江市",
                "1",
                "2024-03-14",
                "2024-03-14"
            ]),
        ]
    );
}

#[test]
fn json_data_sets_carry_a_schema_version_and_the_same_records() {
    let site = site_copy("basic");
    let out = build(site.path());
    let json = |path: &str| -> Value { serde_json::from_str(&read(&out, path)).unwrap() };
    let reports = json("data/reports.json");
    assert_eq!(reports["schema_version"], 1);
    assert_eq!(reports["site"]["url"], BASE);
    let list = reports["reports"].as_array().unwrap();
    assert_eq!(list.len(), 4);
    let renewal = &list[1];
    assert_eq!(renewal["title"], "全市城市更新項目推進會召開");
    assert_eq!(renewal["officials"][1]["name"], "陳建國");
    assert_eq!(renewal["officials"][1]["role"], "常務副市長");
    assert_eq!(renewal["officials"][1]["slug"], "chen-jian-guo");
    assert_eq!(renewal["districts"][1]["slug"], "hi-tech-zone");
    assert_eq!(renewal["venue"], "市政府第一會議室");
    assert_eq!(list[0]["venue"], Value::Null);
    let officials = json("data/officials.json");
    assert_eq!(officials["schema_version"], 1);
    let lin = &officials["officials"][1];
    assert_eq!(lin["aliases"][0], "林靜儀");
    assert_eq!(lin["description"], "臨江市市長。");
    assert_eq!(lin["roles"][0]["role"], "市長");
    assert_eq!(lin["roles"][0]["report_count"], 1);
    assert_eq!(lin["districts"][0]["report_count"], 3);
    let districts = json("data/districts.json");
    assert_eq!(districts["districts"][2]["parent"], "臨江市");
    assert_eq!(districts["districts"][0]["report_count"], 3);
}

#[test]
fn outputs_table_turns_each_output_off() {
    let site = site_copy("basic");
    let config = site.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let switches = "\n[outputs]\nreports_data = false\nofficials_data = false\n";
    std::fs::write(&config, format!("{text}{switches}")).unwrap();
    let out = build(site.path());
    assert!(!out.join("data/reports.json").exists());
    assert!(!out.join("data/reports.csv").exists());
    assert!(!out.join("data/officials.csv").exists());
    assert!(out.join("data/districts.csv").exists());
}

#[test]
fn an_unknown_output_is_an_error_with_a_suggestion() {
    let site = site_copy("basic");
    let config = site.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}\n[outputs]\ncalendar = false\n")).unwrap();
    let result = crate::support::run(&["build", "--root", site.path().to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("calendar"), "{stderr}");
    assert!(stderr.contains("calendars"), "{stderr}");
}
