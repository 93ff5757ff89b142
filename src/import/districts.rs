//! Districts named in a report: counties, districts, county-level cities, towns, sub-districts and
//! development zones (`江北區`, `青石縣`, `邳州市`, `臨江高新區`).
//!
//! Two sources are combined, in order of first mention:
//!
//! - every spelling in the site's registry of districts, anywhere in the text (an alias such as
//!   `臨江高新技術產業開發區` counts as its canonical name `臨江高新區`);
//! - place names by their ending (縣, 區, 市, 鎮, 街道, 新區, 開發區, 經開區, 高新區) where a place
//!   name can stand: at the start of a clause (`，江北區區長…`, `、南岸區、`), after a word that
//!   introduces a place (`在`, `赴`, `深入`, `和`), or as the item before a 、 in a list.
//!
//! The city the archive is about is not a district: it is named first and as a government
//! (`臨江市政府`, `臨江市委`), or appears in the site title. Words that merely end like a place
//! (`全市`, `各區縣`, `小區`, `城市`) are rejected by their first character or their last two.

use super::gazetteer::{self, Level};
use super::words::{longest_at, starts_with, starts_with_any};
use crate::config::Registry;
use crate::text::is_han;

/// Endings of place names of one character; the name before them has two to four characters.
const SINGLE_ENDINGS: &[char] = &['縣', '县', '區', '区', '市', '鎮', '镇'];

/// Endings of longer place names; the name before them has two to nine characters.
const LONG_ENDINGS: &[&str] = &[
    "工業園區",
    "工业园区",
    "產業園區",
    "产业园区",
    "高新區",
    "高新区",
    "經開區",
    "经开区",
    "開發區",
    "开发区",
    "新區",
    "新区",
    "街道",
];

/// Words after which a place name can follow (`深入青石縣`, `江北區和南岸區`).
const BEFORE_PLACE: &[&str] = &[
    "位於", "位于", "深入", "前往", "來到", "来到", "走進", "走进", "以及", "會同", "会同", "聯合",
    "联合", "在", "赴", "到", "於", "于", "和", "與", "与", "及", "由", "對", "对",
];

/// First characters of words that end like a place but name none (`全市`, `各區縣`, `本鎮`).
const NOT_PLACE_STARTS: &[char] = &[
    '各', '全', '本', '該', '该', '我', '每', '其', '這', '这', '那', '此', '兩', '两', '多', '個',
    '个', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '市', '省', '縣', '县', '區',
    '区', '鎮', '镇', '原', '的', '了',
];

/// Two-character words that end like a place but are common nouns (`小區`: a housing estate).
const NOT_PLACE_ENDINGS: &[&str] = &[
    "小區", "小区", "社區", "社区", "園區", "园区", "城區", "城区", "轄區", "辖区", "景區", "景区",
    "片區", "片区", "災區", "灾区", "校區", "校区", "禁區", "禁区", "郊區", "郊区", "市區", "市区",
    "地區", "地区", "港區", "港区", "廠區", "厂区", "礦區", "矿区", "街區", "街区", "灣區", "湾区",
    "分區", "分区", "專區", "专区", "營區", "营区", "戰區", "战区", "城市", "都市", "超市", "股市",
    "樓市", "楼市", "上市", "夜市", "門市", "门市", "集市", "菜市", "城鎮", "城镇", "鄉鎮", "乡镇",
    "村鎮", "村镇", "小鎮", "小镇", "集鎮", "集镇", "重鎮", "重镇", "區縣", "区县", "市縣", "市县",
];

/// Characters inside a place name that show it is really a clause (`匯報了江北區`) or a title
/// (`常務副市長`).
const NOT_IN_PLACE: &[char] = &[
    '的', '了', '和', '與', '与', '在', '等', '是', '要', '將', '将', '把', '被', '對', '对', '向',
    '從', '从', '為', '为', '也', '都', '還', '还', '就', '又', '其', '各', '全', '副', '及',
];

/// Characters right after a name that make it part of a longer word (`區域`, `市場`, `區塊`).
const NOT_PLACE_FOLLOWERS: &[char] = &[
    '場', '场', '域', '塊', '块', '別', '别', '分', '間', '间', '值', '容', '貌', '況', '况',
];

/// Words after `X市` that show X市 is the government of the city the report is about.
const CITY_GOVERNMENT: &[&str] = &[
    "人民政府",
    "政府",
    "委",
    "人大",
    "政協",
    "政协",
    "長",
    "长",
    "市長",
    "市长",
    "黨",
    "党",
    "紀委",
    "纪委",
];

/// Every district named in `text`, canonical names, in order of first mention, each once.
/// `site_title` (from site.toml) helps recognise the city itself (`臨江市新聞檔案` → 臨江市).
pub fn find_districts(text: &str, registry: &Registry, site_title: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let (spellings, canonical): (Vec<&str>, Vec<&str>) = registry.spellings().unzip();
    // (start, end, name): registry spellings first, so patterns never split a registered name.
    let mut spans: Vec<(usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match longest_at(&chars, i, &spellings) {
            Some((len, index)) => {
                spans.push((i, i + len, canonical[index].to_string()));
                i += len;
            }
            None => i += 1,
        }
    }
    let mut city: Option<String> = None;
    let folded = gazetteer::fold(&chars);
    let site_folded: String = gazetteer::fold(&site_title.chars().collect::<Vec<_>>())
        .into_iter()
        .collect();
    known_places(&chars, &folded, &site_folded, registry, &mut spans);
    for end in list_item_ends(&chars) {
        if let Some(start) = place_backward(&chars, end) {
            let name: String = chars[start..end].iter().collect();
            if !(name.ends_with('市') && is_the_city(&chars, end, &name, site_title, &mut city)) {
                push_unless_overlapping(&mut spans, start, end, registry.canonical(&name));
            }
        }
    }
    for start in place_starts(&chars) {
        // Towns and sub-districts by their ending; a place may follow another directly
        // (`青石縣白沙鎮`). Counties, districts and cities come from the gazetteer or the registry.
        let mut at = start;
        while let Some(end) = place_forward(&chars, at) {
            let name: String = chars[at..end].iter().collect();
            // `南城區、蕉華工業園區作了發言`: the item after a place in a list is a place.
            let follows_listed_place = at > 0
                && chars[at - 1] == '、'
                && spans
                    .iter()
                    .any(|(_, e, name)| *e == at - 1 && !name.is_empty());
            if is_town(&name) || follows_listed_place || registry.canonical(&name) != name {
                push_unless_overlapping(&mut spans, at, end, registry.canonical(&name));
            }
            at = end;
        }
    }
    village_wards(&chars, &mut spans);
    spans.sort_by_key(|(start, _, _)| *start);
    let mut names: Vec<String> = Vec::new();
    for (_, _, name) in spans {
        if !name.is_empty() && Some(&name) != city.as_ref() && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Development zones anchored on a known place (`睢寧經濟技術開發區`, `嵊州經濟開發區`).
const ZONES: &[&str] = &[
    "經濟技術開發區",
    "经济技术开发区",
    "高新技術產業開發區",
    "高新技术产业开发区",
    "經濟開發區",
    "经济开发区",
    "工業園區",
    "工业园区",
    "高新區",
    "高新区",
    "經開區",
    "经开区",
    "開發區",
    "开发区",
    "新區",
    "新区",
];

/// Divisions the gazetteer knows, and zones anchored on them. Provinces are not districts (their
/// span is kept so no part of them is read as a place); neither is the archive's own place.
fn known_places(
    chars: &[char],
    folded: &[char],
    site_folded: &str,
    registry: &Registry,
    spans: &mut Vec<(usize, usize, String)>,
) {
    let mut i = 0;
    while i < chars.len() {
        let boundary = i == 0
            || !is_han(chars[i - 1])
            || "在赴到於于和與与及由對对了的、省市縣县區区".contains(chars[i - 1])
            || BEFORE_PLACE
                .iter()
                .any(|w| i >= w.chars().count() && starts_with(chars, i - w.chars().count(), w));
        let zone = gazetteer::known_stem_at(folded, i).and_then(|stem| {
            let known = gazetteer::known_at(folded, i).map_or(stem, |(len, _)| len);
            [known, stem]
                .into_iter()
                .find_map(|at| starts_with_any(chars, i + at, ZONES).map(|z| at + z))
        });
        if let Some(len) = zone {
            let name: String = chars[i..i + len].iter().collect();
            push_unless_overlapping(spans, i, i + len, registry.canonical(&name));
            i += len;
            continue;
        }
        let Some((len, level)) = gazetteer::known_at(folded, i) else {
            i += 1;
            continue;
        };
        let name: String = chars[i..i + len].iter().collect();
        let folded_name: String = folded[i..i + len].iter().collect();
        let title_follows = matches!(chars.get(i + len), Some('長' | '长')) && len == 2;
        let governs = starts_with_any(chars, i + len, CITY_GOVERNMENT).is_some()
            && (name.ends_with('市') || level == Level::City);
        let accepted = level != Level::Province
            && !governs
            && (boundary || len >= 3)
            && !title_follows
            && !site_folded.contains(&folded_name);
        if accepted {
            push_unless_overlapping(spans, i, i + len, registry.canonical(&name));
        } else if level == Level::Province || governs || site_folded.contains(&folded_name) {
            spans.push((i, i + len, String::new()));
        }
        i += len;
    }
}

/// True for a town or sub-district name (`白沙鎮`, `城東街道`), found by its ending.
fn is_town(name: &str) -> bool {
    ["鎮", "镇", "街道", "鄉", "乡"]
        .iter()
        .any(|e| name.ends_with(e))
}

/// Taiwan's 里 (wards below a district), named with a two-character stem where the text leaves no
/// doubt: before its head and a name (`富安里長羅文彬`, `達觀里新任里長`), or after its district
/// (`信義區富安里內`). `基層里長`, `召開里長業務` and `陳永烈里長` (a name before the title) are no
/// wards.
fn village_wards(chars: &[char], spans: &mut Vec<(usize, usize, String)>) {
    for i in 2..chars.len() {
        if chars[i] != '里' {
            continue;
        }
        let start = i - 2;
        let stem = &chars[start..i];
        let stem_text: String = stem.iter().collect();
        let word_like = stem
            .iter()
            .any(|c| "各全本每該该鄰邻公千百萬万這这那故家鄉乡".contains(*c))
            || [
                "資深", "资深", "特優", "特优", "優秀", "优秀", "新任", "全體", "全体",
            ]
            .contains(&stem_text.as_str());
        let head_and_name = matches!(chars.get(i + 1), Some('長' | '长'))
            && super::officials::personal_name_len(chars, i + 2).is_some();
        let new_head = ["新任里長", "新任里长", "里長", "里长"]
            .iter()
            .any(|w| starts_with(chars, i + 1, w));
        let in_district = start > 0 && matches!(chars[start - 1], '區' | '区');
        if (head_and_name || new_head || in_district)
            && stem.iter().all(|&c| is_han(c))
            && !word_like
        {
            let name: String = chars[start..=i].iter().collect();
            push_unless_overlapping(spans, start, i + 1, name);
        }
    }
}

fn push_unless_overlapping(
    spans: &mut Vec<(usize, usize, String)>,
    start: usize,
    end: usize,
    name: String,
) {
    if !spans.iter().any(|(s, e, _)| start < *e && *s < end) {
        spans.push((start, end, name));
    }
}

/// True when `name` (ending in 市, at `end`) is the city the report is about; remembers it.
fn is_the_city(
    chars: &[char],
    end: usize,
    name: &str,
    site_title: &str,
    city: &mut Option<String>,
) -> bool {
    if let Some(known) = city {
        return known == name;
    }
    let governs = starts_with_any(chars, end, CITY_GOVERNMENT).is_some()
        || place_forward(chars, end).is_some();
    if site_title.contains(name) || governs {
        *city = Some(name.to_string());
        return true;
    }
    false
}

/// Where a place name may start: the text start, after any character that is not Han (punctuation,
/// line breaks), and after a word that introduces a place.
fn place_starts(chars: &[char]) -> Vec<usize> {
    let mut starts = Vec::new();
    for i in 0..chars.len() {
        if !is_han(chars[i]) {
            continue;
        }
        let after_break = i == 0 || !is_han(chars[i - 1]);
        let after_word = BEFORE_PLACE.iter().any(|w| {
            let len = w.chars().count();
            i >= len && starts_with(chars, i - len, w)
        });
        if after_break || after_word {
            starts.push(i);
        }
    }
    starts
}

/// The end of the place name starting at `start`: the first place ending that leaves a name of
/// the right length before it, if the result passes [`is_place`].
fn place_forward(chars: &[char], start: usize) -> Option<usize> {
    let mut end = start;
    while end < chars.len() && is_han(chars[end]) && end - start < 12 {
        end += 1;
        let len = end - start;
        let long_fits = LONG_ENDINGS
            .iter()
            .any(|e| ends_at(chars, end, e) && len >= e.chars().count() + 2);
        let fits =
            long_fits || (SINGLE_ENDINGS.contains(&chars[end - 1]) && (3..=5).contains(&len));
        if fits {
            return is_place(chars, start, end).then_some(end);
        }
    }
    None
}

/// The start of the place name that ends at `end` (the item before a 、): two characters and the
/// ending, the commonest shape (`聽取了江北區、` → 江北區, `徐州經開區、` → 徐州經開區).
fn place_backward(chars: &[char], end: usize) -> Option<usize> {
    let ending_len = match LONG_ENDINGS.iter().find(|e| ends_at(chars, end, e)) {
        Some(ending) => ending.chars().count(),
        None if end > 0 && SINGLE_ENDINGS.contains(&chars[end - 1]) => 1,
        None => return None,
    };
    let start = end.checked_sub(ending_len + 2)?;
    let boundary = start == 0 || !is_han(chars[start - 1]) || "了和在".contains(chars[start - 1]);
    let listed_name = ending_len == 1 && !GENERIC_AREAS.contains(&&chars[start..end]);
    let place = is_place(chars, start, end) || (listed_name && is_listed_place(chars, start, end));
    (boundary && chars[start..end].iter().all(|&c| is_han(c)) && place).then_some(start)
}

/// The ends of items before a 、 (where a list item may be a place).
fn list_item_ends(chars: &[char]) -> Vec<usize> {
    (1..chars.len())
        .filter(|&i| chars[i] == '、' && is_han(chars[i - 1]))
        .collect()
}

/// True when `ending` ends just before `end`.
fn ends_at(chars: &[char], end: usize, ending: &str) -> bool {
    let len = ending.chars().count();
    end >= len && starts_with(chars, end - len, ending)
}

/// Areas named like places in a list but generic (`老城區、新城區`).
const GENERIC_AREAS: &[&[char]] = &[
    &['老', '城', '區'],
    &['老', '城', '区'],
    &['新', '城', '區'],
    &['新', '城', '区'],
    &['主', '城', '區'],
    &['主', '城', '区'],
    &['舊', '城', '區'],
    &['旧', '城', '区'],
];

/// A list item such as `南城區、`: a place although `城區` alone is a common noun.
fn is_listed_place(chars: &[char], start: usize, end: usize) -> bool {
    let name = &chars[start..end];
    !NOT_PLACE_STARTS.contains(&name[0]) && !name.iter().any(|c| NOT_IN_PLACE.contains(c))
}

/// Rejects words that end like a place but are not one.
fn is_place(chars: &[char], start: usize, end: usize) -> bool {
    let name = &chars[start..end];
    let last_two: String = name[name.len() - 2..].iter().collect();
    let park = LONG_ENDINGS[..4].iter().any(|e| ends_at(chars, end, e));
    !NOT_PLACE_STARTS.contains(&name[0])
        && (park || !NOT_PLACE_ENDINGS.contains(&last_two.as_str()))
        && !name.iter().any(|c| NOT_IN_PLACE.contains(c))
        && !chars
            .get(end)
            .is_some_and(|c| NOT_PLACE_FOLLOWERS.contains(c))
}

#[cfg(test)]
#[path = "districts_tests.rs"]
mod tests;
