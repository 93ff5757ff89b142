//! UI strings of the default theme in zh-Hant, zh-Hans and en, chosen by `language` in site.toml,
//! and the localised date formats. Templates see the strings as `t.<key>`.

use crate::content::Date;
use std::collections::BTreeMap;

/// The script family a language tag selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    Hant,
    Hans,
    En,
}

impl Locale {
    /// zh-Hant, zh-TW, zh-HK, zh-MO and plain zh → Hant; zh-Hans, zh-CN, zh-SG → Hans; else En.
    pub fn from_language(language: &str) -> Locale {
        let lower = language.to_ascii_lowercase();
        if !(lower == "zh" || lower.starts_with("zh-") || lower.starts_with("zh_")) {
            return Locale::En;
        }
        if ["hans", "cn", "sg", "my"]
            .iter()
            .any(|tag| lower.split(['-', '_']).any(|p| p == *tag))
        {
            Locale::Hans
        } else {
            Locale::Hant
        }
    }

    /// `2024年3月14日` or `14 March 2024`.
    pub fn date(self, date: Date) -> String {
        match self {
            Locale::En => format!(
                "{} {} {}",
                date.day,
                MONTHS_EN[date.month as usize - 1],
                date.year
            ),
            _ => format!("{}年{}月{}日", date.year, date.month, date.day),
        }
    }

    /// `3月` or `March`.
    pub fn month(self, month: u8) -> String {
        match self {
            Locale::En => MONTHS_EN[month as usize - 1].to_string(),
            _ => format!("{month}月"),
        }
    }

    /// `2024年` or `2024`.
    pub fn year(self, year: i32) -> String {
        match self {
            Locale::En => year.to_string(),
            _ => format!("{year}年"),
        }
    }

    /// `2024年3月` or `March 2024`.
    pub fn year_month(self, year: i32, month: u8) -> String {
        match self {
            Locale::En => format!("{} {year}", MONTHS_EN[month as usize - 1]),
            _ => format!("{year}年{month}月"),
        }
    }

    /// A number of reports with its unit: `24 篇報導`, `1 report`, `24 reports`.
    pub fn report_count(self, count: usize) -> String {
        match self {
            Locale::Hant => format!("{count} 篇報導"),
            Locale::Hans => format!("{count} 篇报道"),
            Locale::En if count == 1 => "1 report".to_string(),
            Locale::En => format!("{count} reports"),
        }
    }

    /// True when calendars start the week on Monday (Chinese calendars, ISO 8601); English
    /// ones start on Sunday.
    pub fn week_starts_monday(self) -> bool {
        self != Locale::En
    }

    /// The days of the week in this locale's calendar order, each as (short, full) name.
    pub fn weekdays(self) -> Vec<(&'static str, &'static str)> {
        let monday_first: [(&str, &str); 7] = match self {
            Locale::Hant | Locale::Hans => [
                ("一", "星期一"),
                ("二", "星期二"),
                ("三", "星期三"),
                ("四", "星期四"),
                ("五", "星期五"),
                ("六", "星期六"),
                ("日", "星期日"),
            ],
            Locale::En => [
                ("Mon", "Monday"),
                ("Tue", "Tuesday"),
                ("Wed", "Wednesday"),
                ("Thu", "Thursday"),
                ("Fri", "Friday"),
                ("Sat", "Saturday"),
                ("Sun", "Sunday"),
            ],
        };
        let first = if self.week_starts_monday() { 0 } else { 6 };
        (0..7).map(|n| monday_first[(first + n) % 7]).collect()
    }

    /// The UI strings of this locale.
    pub fn strings(self) -> &'static BTreeMap<&'static str, &'static str> {
        static TABLES: [std::sync::OnceLock<BTreeMap<&str, &str>>; 3] =
            [const { std::sync::OnceLock::new() }; 3];
        let column = match self {
            Locale::Hant => 1,
            Locale::Hans => 2,
            Locale::En => 3,
        };
        TABLES[column - 1].get_or_init(|| STRINGS.iter().map(|row| (row[0], row[column])).collect())
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// key, zh-Hant, zh-Hans, en.
const STRINGS: &[[&str; 4]] = &[
    [
        "skip_to_content",
        "跳至主要內容",
        "跳至主要内容",
        "Skip to content",
    ],
    ["home", "首頁", "首页", "Home"],
    ["archive", "日期", "日期", "Archive"],
    [
        "archive_title",
        "按日期瀏覽",
        "按日期浏览",
        "Browse by date",
    ],
    ["officials", "官員", "官员", "Officials"],
    ["districts", "地區", "地区", "Districts"],
    ["tags", "標籤", "标签", "Tags"],
    // The index pages: units, office levels and tenure, the filter box, district nesting.
    ["officials_unit", "位官員", "位官员", "officials"],
    ["districts_unit", "個地區", "个地区", "districts"],
    ["tags_unit", "個標籤", "个标签", "tags"],
    ["report_count_one", "篇報導", "篇报道", "report"],
    ["role_unknown", "職務不詳", "职务不详", "role unknown"],
    ["level_higher", "上級領導", "上级领导", "Higher levels"],
    ["level_city", "市領導", "市领导", "City leadership"],
    [
        "level_district",
        "區縣領導",
        "区县领导",
        "District and county leaders",
    ],
    [
        "level_township",
        "鄉鎮街道",
        "乡镇街道",
        "Towns and subdistricts",
    ],
    [
        "level_department",
        "部門負責人",
        "部门负责人",
        "Department heads",
    ],
    ["level_other", "其他", "其他", "Other"],
    ["tenure_current", "現任", "现任", "Current"],
    ["tenure_former", "前任", "前任", "Former"],
    [
        "tenure_note",
        "「現任」：{date}以來仍以最新職務出現在報導中，且其後沒有他人以同一職務出現。",
        "“现任”：{date}以来仍以最新职务出现在报道中，且其后没有他人以同一职务出现。",
        "“Current”: named with their latest role since {date}, and nobody named with that role later.",
    ],
    ["index_groups", "分組", "分组", "Groups"],
    ["letter_index", "按拼音字母", "按拼音字母", "By letter"],
    [
        "filter_label",
        "在本頁篩選",
        "在本页筛选",
        "Filter this page",
    ],
    [
        "filter_placeholder",
        "名稱、職務或拼音",
        "名称、职务或拼音",
        "Name, role or pinyin",
    ],
    [
        "filter_status",
        "顯示 {shown} / {total}",
        "显示 {shown} / {total}",
        "{shown} of {total} shown",
    ],
    [
        "filter_none",
        "沒有符合的名稱。",
        "没有符合的名称。",
        "No name matches.",
    ],
    ["lies_in", "所屬", "所属", "Part of"],
    ["subdivisions", "下轄", "下辖", "Subdivisions"],
    ["search", "搜尋", "搜索", "Search"],
    [
        "search_placeholder",
        "輸入人名、地名或關鍵詞",
        "输入人名、地名或关键词",
        "Name, place or phrase",
    ],
    [
        "search_no_js",
        "搜尋需要啟用 JavaScript；其他頁面無需 JavaScript 即可瀏覽。",
        "搜索需要启用 JavaScript；其他页面无需 JavaScript 即可浏览。",
        "Search needs JavaScript; every other page works without it.",
    ],
    ["search_results", "搜尋結果", "搜索结果", "Results"],
    [
        "search_none",
        "沒有找到符合的報導。",
        "没有找到符合的报道。",
        "No report matches.",
    ],
    [
        "search_suggestions",
        "人物與地區",
        "人物与地区",
        "People and places",
    ],
    ["search_more", "顯示更多", "显示更多", "Show more"],
    ["search_about", "約", "约", "about"],
    [
        "search_none_for",
        "沒有符合以下條件的報導：",
        "没有符合以下条件的报道：",
        "No report matches ",
    ],
    [
        "search_browse",
        "輸入關鍵詞，或選擇官員、地區、標籤、年份或月份瀏覽報導。",
        "输入关键词，或选择官员、地区、标签、年份或月份浏览报道。",
        "Type a query, or choose an official, district, tag, year or month to list its reports.",
    ],
    ["search_sort", "排序", "排序", "Sort"],
    ["sort_relevance", "相關度", "相关度", "Relevance"],
    ["sort_newest", "最新優先", "最新优先", "Newest first"],
    ["sort_oldest", "最早優先", "最早优先", "Oldest first"],
    [
        "search_wide",
        "也找較長名稱中的（如「副市長」中的「市長」）",
        "也找较长名称中的（如“副市长”中的“市长”）",
        "Also inside longer names (市長 in 副市長)",
    ],
    ["search_clear", "清除篩選", "清除筛选", "Clear filters"],
    ["month", "月份", "月份", "Month"],
    ["all", "全部", "全部", "All"],
    ["year", "年份", "年份", "Year"],
    ["latest_reports", "最新報導", "最新报道", "Latest reports"],
    ["reports", "報導", "报道", "Reports"],
    ["report_count", "篇報導", "篇报道", "reports"],
    ["all_reports", "全部報導", "全部报道", "All reports"],
    ["browse", "瀏覽", "浏览", "Browse"],
    ["date", "日期", "日期", "Date"],
    ["role", "職務", "职务", "Role"],
    ["roles_held", "曾任職務", "曾任职务", "Titles held"],
    ["from", "自", "自", "from"],
    ["to", "至", "至", "to"],
    [
        "seen_with_districts",
        "常出現的地區",
        "常出现的地区",
        "Districts seen most",
    ],
    [
        "seen_with_officials",
        "常同時出現的官員",
        "常同时出现的官员",
        "Officials seen with most",
    ],
    [
        "officials_present",
        "最常出現的官員",
        "最常出现的官员",
        "Officials present most",
    ],
    ["also_known_as", "又名", "又名", "Also written"],
    ["source", "原文出處", "原文出处", "Original publication"],
    ["venue", "地點", "地点", "Venue"],
    ["newer", "較新一篇", "较新一篇", "Newer"],
    ["older", "較舊一篇", "较旧一篇", "Older"],
    [
        "previous_next",
        "上一篇與下一篇",
        "上一篇与下一篇",
        "Previous and next report",
    ],
    ["breadcrumbs", "導覽路徑", "导览路径", "Breadcrumbs"],
    ["pagination", "分頁", "分页", "Pagination"],
    ["first_page", "第一頁", "第一页", "First"],
    ["previous_page", "上一頁", "上一页", "Previous"],
    ["next_page", "下一頁", "下一页", "Next"],
    ["last_page", "最後一頁", "最后一页", "Last"],
    ["page", "頁", "页", "Page"],
    [
        "page_of",
        "第 {current} 頁，共 {total} 頁",
        "第 {current} 页，共 {total} 页",
        "Page {current} of {total}",
    ],
    [
        "reading_time",
        "閱讀約 {minutes} 分鐘",
        "阅读约 {minutes} 分钟",
        "{minutes} min read",
    ],
    ["feed", "訂閱 (Atom)", "订阅 (Atom)", "Feed (Atom)"],
    ["contents", "目錄", "目录", "Contents"],
    ["not_found", "找不到此頁", "找不到此页", "Page not found"],
    [
        "not_found_text",
        "這個網址沒有內容，也許它已移動。可以從首頁或搜尋開始。",
        "这个网址没有内容，也许它已移动。可以从首页或搜索开始。",
        "Nothing is published at this address; it may have moved. Start from the home page or search.",
    ],
    ["months", "月份", "月份", "Months"],
    ["days", "日", "日", "Days"],
    ["day_suffix", "日", "日", ""],
    ["main_navigation", "主要導覽", "主要导览", "Main navigation"],
    ["more", "更多", "更多", "More"],
    ["count", "數量", "数量", "Count"],
    [
        "calendar_of",
        "{month}月曆",
        "{month}月历",
        "Calendar of {month}",
    ],
    [
        "date_navigation",
        "上一段與下一段時間",
        "上一段与下一段时间",
        "Earlier and later periods",
    ],
    ["previous_year", "上一年", "上一年", "Previous year"],
    ["next_year", "下一年", "下一年", "Next year"],
    ["previous_month", "上個月", "上个月", "Previous month"],
    ["next_month", "下個月", "下个月", "Next month"],
    ["previous_day", "前一日", "前一日", "Previous day"],
    ["next_day", "後一日", "后一日", "Next day"],
    ["related_reports", "相關報導", "相关报道", "Related reports"],
    ["role_unstated", "未註明職務", "未注明职务", "No role given"],
    ["total", "合計", "合计", "Total"],
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_select_locales() {
        assert_eq!(Locale::from_language("zh-Hant"), Locale::Hant);
        assert_eq!(Locale::from_language("zh-TW"), Locale::Hant);
        assert_eq!(Locale::from_language("zh"), Locale::Hant);
        assert_eq!(Locale::from_language("zh-Hans"), Locale::Hans);
        assert_eq!(Locale::from_language("zh-CN"), Locale::Hans);
        assert_eq!(Locale::from_language("en"), Locale::En);
        assert_eq!(Locale::from_language("fr"), Locale::En);
    }

    #[test]
    fn dates_are_localised() {
        let d = Date {
            year: 2024,
            month: 3,
            day: 14,
        };
        assert_eq!(Locale::Hant.date(d), "2024年3月14日");
        assert_eq!(Locale::En.date(d), "14 March 2024");
        assert_eq!(Locale::En.year_month(2024, 3), "March 2024");
        assert_eq!(Locale::Hant.report_count(24), "24 篇報導");
        assert_eq!(Locale::Hans.report_count(1), "1 篇报道");
        assert_eq!(Locale::En.report_count(1), "1 report");
        assert_eq!(Locale::En.report_count(0), "0 reports");
    }

    #[test]
    fn weeks_start_on_monday_in_chinese_and_on_sunday_in_english() {
        let hant = Locale::Hant.weekdays();
        assert_eq!(hant[0], ("一", "星期一"));
        assert_eq!(hant[6], ("日", "星期日"));
        let en = Locale::En.weekdays();
        assert_eq!(en[0], ("Sun", "Sunday"));
        assert_eq!(en[1], ("Mon", "Monday"));
        assert_eq!(en.len(), 7);
    }

    #[test]
    fn every_locale_has_every_string() {
        for locale in [Locale::Hant, Locale::Hans, Locale::En] {
            let strings = locale.strings();
            assert_eq!(strings.len(), STRINGS.len(), "duplicate keys");
            let empty: Vec<_> = strings
                .iter()
                .filter(|(_, v)| v.is_empty())
                .map(|(k, _)| *k)
                .collect();
            assert!(empty.is_empty() || empty == ["day_suffix"], "{empty:?}");
        }
    }
}
