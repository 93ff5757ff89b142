//! Unit tests of article extraction, on invented pages.

use super::*;

const PAGE: &str = "歡迎光臨臨江新聞網!\n關鍵字搜索\n\n當前位置: 主頁 > 頭條 >\n\n\
臨江市召開城市更新推進會\n\n時間:2024-03-15 09:29 來源:未知 作者:臨江新聞網 點擊:\n\
3月14日,臨江市政府召開全市城市更新項目推進會,市長林靜怡出席會議並講話。\n\
會議強調\n要加快進度。\n全媒體記者:王小明 李大華\n編輯:張三豐\n------分隔线------\n\
版權所有 臨江新聞網\n";

#[test]
fn chrome_metadata_and_credits_are_set_apart() {
    let article = extract(PAGE);
    assert_eq!(
        article.headline.as_deref(),
        Some("臨江市召開城市更新推進會")
    );
    assert_eq!(
        article.page_date.map(|d| d.written),
        Some("2024-03-15".to_string())
    );
    assert_eq!(
        article.text,
        "3月14日,臨江市政府召開全市城市更新項目推進會,市長林靜怡出席會議並講話。\n會議強調\n要加快進度。"
    );
}

#[test]
fn a_repeated_line_is_the_headline_and_site_names_are_cut() {
    let page = "氣象\n2024-05-08 | 臨江好新聞\n青石縣里長座談 深入地方\n記者王大明/臨江報導\n\
青石縣里長座談 深入地方\n縣長許曉梅在座談會上指出,各里要加強巡查,確保汛期安全。\n";
    assert_eq!(
        extract(page).headline.as_deref(),
        Some("青石縣里長座談 深入地方")
    );
    let page = "聽取建言 縣政顧問座談會--臨江日報\n  • 2018-12-15\n縣長劉大同主持會議,聽取顧問的建議,會議由縣府秘書處籌辦。\n";
    assert_eq!(
        extract(page).headline.as_deref(),
        Some("聽取建言 縣政顧問座談會")
    );
}

#[test]
fn inline_credits_are_removed() {
    let page = "本報訊(記者 王大明)昨(15)日,市長林靜怡會見來賓,並介紹了全市經濟社會發展情況。(記 者:吳小軍 張志遠)\n";
    assert_eq!(
        extract(page).text,
        "本報訊昨(15)日,市長林靜怡會見來賓,並介紹了全市經濟社會發展情況。"
    );
}

#[test]
fn a_glued_date_label_gives_the_page_date() {
    let page = " date 2026-01-13 青石縣政府十三日召開今年第二次縣務會議，會中討論通過組織自治條例的修正案。\n";
    let article = extract(page);
    assert_eq!(
        article.page_date.map(|d| d.written),
        Some("2026-01-13".into())
    );
    assert!(
        article.text.starts_with("青石縣政府十三日召開"),
        "{}",
        article.text
    );
}
