//! One synthetic meeting report: its front matter values and a Markdown body of 1.5–8 KB with
//! paragraphs, and in some reports numbered sections, lists, a table and footnotes.
//!
//! Each report draws from its own random stream ([`Rng::for_item`]), so report `i` is the same
//! whatever else changes in the generator.

use crate::entities::Entities;
use crate::phrases::*;
use crate::rng::{Rng, Zipf};
use std::fmt::Write;

/// First day of the archive and how many days it spans (2015-01-01 to 2024-12-31).
const FIRST_YEAR: i64 = 2015;
const SPAN_DAYS: i64 = 3653;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub date: Date,
    pub slug: String,
    pub title: String,
    /// (rank into `Entities::officials`, written as a `{name, role}` map?)
    pub officials: Vec<(usize, bool)>,
    /// (index into `Entities::districts`, spelling used in the report)
    pub districts: Vec<(usize, String)>,
    pub tags: Vec<usize>,
    pub summary: Option<String>,
    pub source: Option<String>,
    pub draft: bool,
    pub body: String,
}

/// Draws report number `index` of the archive.
/// How often each official, district and tag appears (rank 0 most often).
pub struct Frequencies {
    pub officials: Zipf,
    pub districts: Zipf,
    pub tags: Zipf,
}

pub fn generate(seed: u64, index: usize, entities: &Entities, frequencies: &Frequencies) -> Report {
    let mut rng = Rng::for_item(seed, index as u64);
    let date = date_from_days(
        days_from_civil(FIRST_YEAR, 1, 1) + rng.between(0, SPAN_DAYS as usize - 1) as i64,
    );
    let meeting = rng.between(0, MEETINGS.len() - 1);
    let official_count = rng.between(1, 5);
    let report_officials: Vec<(usize, bool)> = frequencies
        .officials
        .sample_distinct(&mut rng, official_count)
        .into_iter()
        .map(|rank| (rank, rng.chance(0.5)))
        .collect();
    let district_count = rng.between(1, 3);
    let districts = frequencies
        .districts
        .sample_distinct(&mut rng, district_count)
        .into_iter()
        .map(|d| (d, entities.district_spelling(d, &mut rng).to_string()))
        .collect::<Vec<_>>();
    let tag_count = rng.between(1, 4);
    let report_tags = frequencies.tags.sample_distinct(&mut rng, tag_count);
    let topic = *rng.pick(TOPICS);
    let host = &entities.officials[report_officials[0].0];
    let district = entities.districts[districts[0].0];
    let title = match rng.between(0, 4) {
        0 => format!("{}召開", MEETINGS[meeting]),
        1 => format!("{}主持召開{}", host.name, MEETINGS[meeting]),
        2 => format!("全市{topic}工作推進會召開"),
        3 => format!("{district}{topic}工作取得新進展"),
        _ => format!("{}{}調研{district}{topic}工作", host.role, host.name),
    };
    let summary = rng.chance(0.3).then(|| {
        format!(
            "{}研究部署{topic}工作，{}。",
            MEETINGS[meeting],
            rng.pick(GOALS)
        )
    });
    let source = rng.chance(0.6).then(|| {
        format!(
            "https://gov.linjiang.example/news/{}/{:02}/{index:06}.html",
            date.year, date.month
        )
    });
    let draft = rng.chance(0.01);
    let mut body = BodyWriter {
        rng: &mut rng,
        entities,
        report_officials: &report_officials,
        districts: &districts,
        text: String::new(),
    };
    body.write(date, MEETINGS[meeting], topic);
    let body = body.text;
    Report {
        date,
        slug: format!("{}-{index:06}", MEETING_SLUGS[meeting]),
        title,
        officials: report_officials,
        districts,
        tags: report_tags,
        summary,
        source,
        draft,
        body,
    }
}

struct BodyWriter<'a> {
    rng: &'a mut Rng,
    entities: &'a Entities,
    report_officials: &'a [(usize, bool)],
    districts: &'a [(usize, String)],
    text: String,
}

impl<'a> BodyWriter<'a> {
    fn write(&mut self, date: Date, meeting: &str, topic: &str) {
        // Most reports are short; a few are long (1.5 KB to 8 KB, skewed to the short end).
        let target = 1500 + (6500.0 * self.rng.unit().powi(2)) as usize;
        let (host_role, host) = self.official(0);
        let _ = write!(
            self.text,
            "{}月{}日，{host_role}{host}主持召開{meeting}，聽取{topic}工作情況匯報，研究部署下一階段工作。",
            date.month, date.day
        );
        for i in 1..self.report_officials.len() {
            let (role, name) = self.official(i);
            let _ = write!(self.text, "{role}{name}");
            self.text.push_str(if i + 1 == self.report_officials.len() {
                "出席會議。"
            } else {
                "、"
            });
        }
        self.text.push_str("\n\n");
        let numbered = target > 4000;
        let mut section = 0;
        let mut footnotes = Vec::new();
        while self.text.len() < target {
            if numbered && self.rng.chance(0.3) && section < ORDINALS.len() {
                let _ = write!(
                    self.text,
                    "### {}、{}\n\n",
                    ORDINALS[section],
                    self.rng.pick(TOPICS)
                );
                section += 1;
            }
            match self.rng.between(0, 19) {
                0..=2 => self.list(),
                3 => self.table(date),
                _ => self.paragraph(&mut footnotes, date),
            }
        }
        for (number, note) in footnotes.iter().enumerate() {
            let _ = writeln!(self.text, "[^{}]: {note}", number + 1);
        }
    }

    /// (role, name) of the report's `i`-th official.
    fn official(&self, i: usize) -> (&'static str, &'a str) {
        let entities: &'a Entities = self.entities;
        let official = &entities.officials[self.report_officials[i].0];
        (official.role, &official.name)
    }

    fn district(&mut self) -> String {
        self.districts[self.rng.between(0, self.districts.len() - 1)]
            .1
            .clone()
    }

    fn paragraph(&mut self, footnotes: &mut Vec<String>, date: Date) {
        for _ in 0..self.rng.between(2, 5) {
            let sentence = self.sentence();
            self.text.push_str(&sentence);
            if self.rng.chance(0.03) {
                footnotes.push(format!(
                    "數據來源：{}{}年統計。",
                    self.rng.pick(DEPARTMENTS),
                    date.year
                ));
                self.text.pop(); // the sentence's closing 。 goes after the reference
                let _ = write!(self.text, "[^{}]。", footnotes.len());
            }
        }
        self.text.push_str("\n\n");
    }

    fn sentence(&mut self) -> String {
        let speaker = self.rng.between(0, self.report_officials.len() - 1);
        let (_, name) = self.official(speaker);
        let district = self.district();
        let rng = &mut *self.rng;
        let (topic, topic2) = (*rng.pick(TOPICS), *rng.pick(TOPICS));
        let (action, action2, goal, adverb) = (
            *rng.pick(ACTIONS),
            *rng.pick(ACTIONS),
            *rng.pick(GOALS),
            *rng.pick(ADVERBS),
        );
        match rng.between(0, 8) {
            0 => format!(
                "會議聽取了{}關於{topic}工作情況的匯報。",
                rng.pick(DEPARTMENTS)
            ),
            1 => format!(
                "會議指出，今年以來各地各部門{adverb}推進{topic}，已完成投資{}，但仍存在前期手續辦理慢、群眾參與不足等問題。",
                rng.pick(AMOUNTS)
            ),
            2 => format!("{name}強調，要{action}，{action2}，{goal}。"),
            3 => format!("{name}指出，{topic}事關群眾切身利益，各級各部門要{adverb}{action}。"),
            4 => format!("會議要求，{district}要{adverb}推進{topic}，{goal}。"),
            5 => format!("會議研究部署了{topic}、{topic2}等重點工作。"),
            6 => format!("會議審議並原則通過了《{}》。", rng.pick(DOCUMENTS)),
            7 => format!(
                "{}就資金保障作了說明，{topic}已累計完成{}。",
                rng.pick(DEPARTMENTS),
                rng.pick(AMOUNTS)
            ),
            _ => format!("{district}分別匯報了{topic}和{topic2}的進展情況。"),
        }
    }

    fn list(&mut self) {
        self.text.push_str("會議明確了以下重點任務：\n\n");
        let ordered = self.rng.chance(0.5);
        for item in 1..=self.rng.between(3, 6) {
            let marker = if ordered {
                format!("{item}.")
            } else {
                "-".to_string()
            };
            let _ = writeln!(
                self.text,
                "{marker} {}{}，{}。",
                self.rng.pick(ADVERBS),
                self.rng.pick(ACTIONS),
                self.rng.pick(GOALS)
            );
        }
        self.text.push('\n');
    }

    fn table(&mut self, date: Date) {
        self.text
            .push_str("| 項目 | 責任單位 | 完成時限 |\n|---|---|---|\n");
        for _ in 0..self.rng.between(3, 6) {
            let _ = writeln!(
                self.text,
                "| {} | {} | {}年{}月底前 |",
                self.rng.pick(TOPICS),
                self.rng.pick(DEPARTMENTS),
                date.year + 1,
                self.rng.between(1, 12)
            );
        }
        self.text.push('\n');
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01.
pub fn date_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date { year, month, day }
}
