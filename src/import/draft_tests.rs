//! Unit tests of the import pipeline, one invented text in, one draft out.

use super::*;

const SITE: &str = "title = \"臨江市新聞檔案\"\nbase_url = \"https://archive.example.org\"\n\
    [officials.\"林靜怡\"]\naliases = [\"林靜儀\"]\n\
    [districts.\"臨江高新區\"]\naliases = [\"高新區\", \"臨江高新技術產業開發區\"]\n";

fn draft(text: &str, year: Option<i32>) -> Result<Draft, Box<Diagnostic>> {
    let options = DraftOptions {
        year,
        ..DraftOptions::default()
    };
    draft_report(
        text,
        Path::new("news.txt"),
        &options,
        &Config::parse(SITE).unwrap(),
    )
}

#[test]
fn a_scraped_text_becomes_a_draft() {
    let text = "3月14日,臨江市政府召開全市城市更(gèng)新項(xiàng)目推進(jìn)會,市長林靜儀出席,\n\
                副市長陳建國主持會議。\n會上,\n江北區、高新區作了匯報。\nhttps://news.example.org/1.html\n";
    let d = draft(text, Some(2024)).unwrap();
    assert_eq!(d.date.to_string(), "2024-03-14");
    assert!(d.year_assumed);
    assert_eq!(d.title, "全市城市更新項目推進會召開");
    assert_eq!(
        d.slug,
        "quan-shi-cheng-shi-geng-xin-xiang-mu-tui-jin-hui-zhao-kai"
    );
    // The body keeps names as written; the front matter gets the canonical name.
    assert_eq!(
        d.paragraphs,
        [
            "3月14日，臨江市政府召開全市城市更新項目推進會，市長林靜儀出席，副市長陳建國主持會議。",
            "會上，江北區、高新區作了匯報。",
        ]
    );
    assert_eq!(d.artifacts_removed, 3);
    let names: Vec<_> = d
        .officials
        .iter()
        .map(|o| (o.name.as_str(), o.role.as_deref()))
        .collect();
    assert_eq!(
        names,
        [("林靜怡", Some("市長")), ("陳建國", Some("副市長"))]
    );
    assert_eq!(d.districts, ["江北區", "臨江高新區"]);
    assert_eq!(d.source.as_deref(), Some("https://news.example.org/1.html"));
}

#[test]
fn a_headline_line_is_the_title() {
    let d = draft(
        "南岸區召開防汛工作會議\n\n2024年6月3日，南岸區召開會議。\n",
        None,
    )
    .unwrap();
    assert_eq!(d.title, "南岸區召開防汛工作會議");
    assert_eq!(d.paragraphs, ["2024年6月3日，南岸區召開會議。"]);
}

#[test]
fn missing_year_names_the_file_and_the_date() {
    let problem = draft("說明\n8月25日，會議召開。", None).unwrap_err();
    assert_eq!(problem.message, "no year for `8月25日` in `news.txt`");
    assert_eq!(
        problem.hint.as_deref(),
        Some("pass --year YYYY (or the whole date with --date YYYY-MM-DD)")
    );
    assert_eq!(problem.line, Some(2));
}

#[test]
fn invalid_and_missing_dates_and_empty_texts_are_errors() {
    assert!(
        draft("2月30日，會議召開。", Some(2024))
            .unwrap_err()
            .message
            .contains("invalid date `2月30日`")
    );
    assert!(
        draft("會議召開。", Some(2024))
            .unwrap_err()
            .message
            .contains("no date found")
    );
    assert!(
        draft(" \n\n", Some(2024))
            .unwrap_err()
            .message
            .contains("holds no text")
    );
}

#[test]
fn source_lines_with_labels() {
    assert_eq!(
        url_line("來源：https://a.example/1"),
        Some("https://a.example/1")
    );
    assert_eq!(
        url_line("Source: http://a.example/1"),
        Some("http://a.example/1")
    );
    assert_eq!(url_line("詳見 https://a.example/1 的說明"), None);
    assert_eq!(url_line("會議指出，要加快進度：https://a.example"), None);
}
