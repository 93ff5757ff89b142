//! A short title for a scraped report that came without one (its slug is `text::slug::report_slug`).
//!
//! Municipal news opens with the event: `3月14日，臨江市政府召開全市城市更新項目推進會，…`. The
//! title is the meeting with its verb after it, as headlines put it (`全市城市更新項目推進會召開`);
//! when the object is too short to stand alone (`會議`), the whole clause (`市委常委會召開會議`).
//! Without a meeting verb it is the first clause of the first sentence, cut to about 30 characters.

use crate::text::truncate_chars;

/// The longest title made from a clause, in characters.
const MAX_TITLE_CHARS: usize = 30;
/// The longest title made from a short clause and the next ones.
const MAX_JOINED_TITLE_CHARS: usize = 60;
/// A first clause shorter than this is joined with the next one.
const MIN_CLAUSE_TITLE: usize = 10;
/// The longest object of an event that reads as a generic meeting (`預備會議`): the title names
/// who held it (`縣政協十一屆一次會議預備會議舉行`).
const GENERIC_OBJECT_CHARS: usize = 4;

/// Verbs that introduce a meeting or event, and the verb the title ends with.
const EVENT_VERBS: &[(&str, &str)] = &[
    ("召開", "召開"),
    ("召开", "召开"),
    ("舉行", "舉行"),
    ("举行", "举行"),
    ("舉辦", "舉辦"),
    ("举办", "举办"),
];

/// Words of time that follow the date at the start of a report (`3月14日上午，`).
const TIME_OF_DAY: &[&str] = &[
    "上午", "下午", "晚上", "早上", "中午", "凌晨", "傍晚", "晚間", "晚间", "晚", "早",
];

/// Openings that only say when, not what (`日前，`).
const VAGUE_OPENINGS: &[&str] = &[
    "日前",
    "近日",
    "昨天",
    "昨日",
    "今天",
    "今日",
    "本報訊",
    "本报讯",
];

/// Makes a title from the first paragraph of a report. `date_written` is the date as written in
/// the text (`3月14日`), removed from the start of the sentence. `None` when the paragraph holds
/// nothing but the date (a dateline).
pub fn title_from_text(first_paragraph: &str, date_written: Option<&str>) -> Option<String> {
    let sentence = first_paragraph
        .split(['。', '！', '？', '!', '?'])
        .next()
        .unwrap_or_default();
    let sentence = strip_opening(sentence, date_written);
    let clauses: Vec<&str> = sentence
        .split(['，', '；', ','])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let event = clauses.iter().find_map(|clause| event_title(clause));
    event.or_else(|| {
        // A first clause that only names someone (`縣委書記鄭文華`) goes on with the next one.
        let mut title = clauses.first()?.to_string();
        for clause in &clauses[1..] {
            if title.chars().count() >= MIN_CLAUSE_TITLE {
                break;
            }
            title = format!("{title}，{clause}");
        }
        let limit = if title.contains('，') {
            MAX_JOINED_TITLE_CHARS
        } else {
            MAX_TITLE_CHARS
        };
        Some(truncate_chars(&title, limit))
    })
}

/// `臨江市政府召開全市城市更新項目推進會` → `全市城市更新項目推進會召開`.
fn event_title(clause: &str) -> Option<String> {
    let (index, verb, headline_verb) = EVENT_VERBS
        .iter()
        .filter_map(|(verb, headline)| clause.find(verb).map(|i| (i, *verb, *headline)))
        .min_by_key(|(i, _, _)| *i)?;
    let object = clause[index + verb.len()..].trim();
    let subject = clause[..index].trim_start_matches(['并', '並']).trim();
    let object_len = object.chars().count();
    let subject_len = subject.chars().count();
    let title = if object_len > GENERIC_OBJECT_CHARS || (object_len >= 3 && subject_len == 0) {
        format!("{object}{headline_verb}")
    } else if object_len >= 3 && subject_len <= 16 && !subject.contains(['長', '长', '書', '书'])
    {
        format!("{subject}{object}{headline_verb}")
    } else {
        clause.to_string()
    };
    Some(truncate_chars(&title, MAX_TITLE_CHARS + 10))
}

/// Removes the date, a time of day and vague openings from the start of the first sentence.
fn strip_opening<'a>(sentence: &'a str, date_written: Option<&str>) -> &'a str {
    let mut rest = sentence.trim();
    if let Some(date) = date_written {
        rest = rest.strip_prefix(date).unwrap_or(rest);
    }
    for time in TIME_OF_DAY {
        if let Some(after) = rest.strip_prefix(time) {
            rest = after;
            break;
        }
    }
    rest = strip_dateline(rest);
    for opening in VAGUE_OPENINGS {
        if let Some(after) = rest.strip_prefix(opening) {
            rest = after;
            break;
        }
    }
    for time in TIME_OF_DAY {
        if let Some(after) = rest.strip_prefix(time) {
            rest = after;
            break;
        }
    }
    rest.trim_start_matches(['，', ',', '：', ':', ' ', '　'])
}

/// Without a dateline (`本報濟南10月15日訊`, `新華社北京3月5日電`) or a day written alone (`15日，`,
/// `昨(15)日`) at the start.
fn strip_dateline(text: &str) -> &str {
    let text = text.trim_start();
    let agency = [
        "本报",
        "本報",
        "新华社",
        "新華社",
        "中新网",
        "中新網",
        "中新社",
    ]
    .iter()
    .any(|a| text.starts_with(a));
    if agency {
        let head: String = text.chars().take(24).collect();
        if let Some(at) = head.find(['讯', '訊', '电', '電']) {
            return text[at + '讯'.len_utf8()..].trim_start();
        }
    }
    let digits = text.trim_start_matches(|c: char| c.is_ascii_digit());
    let day_len = text.len() - digits.len();
    if (1..=2).contains(&day_len) && digits.starts_with('日') {
        return digits['日'.len_utf8()..].trim_start();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_titles_put_the_verb_last() {
        let text =
            "3月14日，臨江市政府召開全市城市更新項目推進會，聽取今年第一季度重點工程建設情況。";
        assert_eq!(
            title_from_text(text, Some("3月14日")).unwrap(),
            "全市城市更新項目推進會召開"
        );
        let text = "2024年5月8日上午，臨江市隆重舉行2024年招商引資簽約大會。";
        assert_eq!(
            title_from_text(text, Some("2024年5月8日")).unwrap(),
            "2024年招商引資簽約大會舉行"
        );
        let text = "8月25日，南岸区召开城市管理工作会议，部署下一阶段工作。";
        assert_eq!(
            title_from_text(text, Some("8月25日")).unwrap(),
            "城市管理工作会议召开"
        );
    }

    #[test]
    fn a_short_object_keeps_the_whole_clause() {
        let text = "3月14日下午，市委常委會召開會議，傳達學習有關精神。";
        assert_eq!(
            title_from_text(text, Some("3月14日")).unwrap(),
            "市委常委會召開會議"
        );
    }

    #[test]
    fn without_a_meeting_verb_the_first_clause_is_the_title() {
        let text = "日前，林靜怡到江北區調研老舊小區改造工作，她強調要加快進度。";
        assert_eq!(
            title_from_text(text, None).unwrap(),
            "林靜怡到江北區調研老舊小區改造工作"
        );
        let long = "4月2日，臨江市在江北區濱江步道二期沿線組織開展春季城市環境綜合整治暨愛國衛生運動集中行動。";
        let title = title_from_text(long, Some("4月2日")).unwrap();
        assert!(title.chars().count() <= 31, "{title}");
        assert!(title.starts_with("臨江市在江北區"), "{title}");
    }

    #[test]
    fn datelines_short_first_clauses_and_generic_meetings() {
        let text = "本報臨江3月5日訊 今天下午，市委書記林靜怡，市長陳建國在江北區會見了客商代表。";
        assert_eq!(
            title_from_text(text, Some("3月5日")).unwrap(),
            "市委書記林靜怡，市長陳建國在江北區會見了客商代表"
        );
        assert_eq!(
            title_from_text("15日，林靜怡會見客商代表。", None).unwrap(),
            "林靜怡會見客商代表"
        );
        let text = "12月28日，縣政協十一屆一次會議舉行預備會議。";
        assert_eq!(
            title_from_text(text, Some("12月28日")).unwrap(),
            "縣政協十一屆一次會議預備會議舉行"
        );
        let text = "今天上午，區長李明帶隊調研，並召開座談會。";
        assert_eq!(title_from_text(text, None).unwrap(), "座談會召開");
    }

    #[test]
    fn a_dateline_alone_gives_no_title() {
        assert_eq!(
            title_from_text("2024年3月14日", Some("2024年3月14日")),
            None
        );
        assert_eq!(title_from_text("3月14日上午", Some("3月14日")), None);
    }
}
