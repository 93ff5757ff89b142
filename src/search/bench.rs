//! Test-only: generated archives, exactness tests of the whole index against the naive answer,
//! and a manual measurement of size, per-query transfer and build time:
//!
//! ```text
//! cargo test --release --lib search::bench::measure -- --ignored --nocapture
//! ```
//!
//! The generated text imitates municipal news: a few hundred stock words drawn with a Zipf law
//! (so bigrams such as 推進 are as common as in real reports), a long tail of rarer words, the
//! names of officials and districts, and one report in ten in simplified script.

use std::collections::BTreeSet;
use std::time::Instant;

use super::fold::fold;
use super::reference::{Index, contains};
use super::whole_names::KnownNames;
use super::{EntityKind, IndexOptions, SearchDoc, SearchEntity, build_index_with};

const STOCK_WORDS: &str = "推進 建設 發展 工作 會議 項目 城市 更新 改造 小區 產業 經濟 服務 群眾 安全 生產 環境 保護 加快 落實 部署 要求 強調 指出 重點 任務 全市 各區 部門 企業 投資 億元 完成 開工 同比 增長 提升 質量 治理 體系 能力 現代化 高質量 民生 保障 就業 教育 醫療 衛生 文化 旅遊 交通 道路 橋梁 水利 防汛 農業 農村 鄉村 振興 生態 綠色 低碳 創新 科技 人才 招商 引資 營商 優化 改革 開放 合作 共建 共享 黨建 引領 幹部 作風 紀律 監督 檢查 調研 座談 聽取 匯報 研究 審議 通過 決定 方案 規劃 計劃 目標 措施 機制 制度 政策 資金 預算 債券 收入 支出 財政 稅收 市場 主體 消費 外貿 出口 物流 港口 園區 平台 數字 智慧 網絡 信息 數據 應急 消防 隱患 排查 整治 問題 整改 責任 壓實 協同 聯動 統籌 兼顧 穩步 有序 扎實 全力 確保 如期 年底 季度 上半年 今年 以來 目前 已經 正在 將要 進一步 切實 持續 不斷 深入 全面 各項 有關 相關 主要 負責 同志 出席 主持 講話 參加 會上 會議指出 會議強調 會議要求 會議認為";
const RARE_CHARS: &str = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥梅蘭竹菊松柏楊柳桃李杏梨橙橘棗栗荷蓮藕菱萍蘆葦茅草藤蔓苔蘚菌菇雲霞霧露霜雪冰雹雷電風雨晴陰虹霓星辰月日光影山川河湖海洋江溪泉瀑潭池塘堤壩閘渠溝渠橋塔樓閣亭台軒榭廊坊街巷路徑門戶窗牆磚瓦石岩沙泥土壤田園林苑圃畦壟陌阡村寨堡屯莊鎮鄉縣郡州府省京都城郭牧漁樵耕讀織染繡雕刻鑄鍛冶陶瓷漆紙墨筆硯琴棋書畫詩詞曲賦歌舞戲劇鼓鑼笛簫琵琶箏瑟";
const SURNAMES: &str = "宋林陳黃許周王李張劉楊趙吳孫馬朱胡郭何高羅鄭梁謝韓唐馮于董蕭程曹袁鄧傅沈曾彭呂蘇盧蔣蔡賈丁魏薛葉閻余潘杜戴夏鍾汪田任姜范方石姚譚廖鄒熊金陸郝孔白崔康毛邱秦江史顧侯邵孟龍萬段雷錢湯尹黎易常武喬賀賴龔文";
const GIVEN: &str =
    "樂偉靜怡建國志明曉梅文濤海燕國強秀英麗華俊傑子涵浩然思遠嘉誠天宇雨欣明軒欣怡博文雅琪家豪永康";
const DISTRICTS: [&str; 14] = [
    "睢寧縣",
    "江北區",
    "南岸區",
    "青石縣",
    "臨江高新區",
    "東湖區",
    "西山區",
    "北塘鎮",
    "雙橋區",
    "梅溪縣",
    "長灘區",
    "白沙洲",
    "雲水縣",
    "鐵爐區",
];
const TOPICS: [&str; 10] = [
    "重大產業項目",
    "城市更新",
    "老舊小區改造",
    "雨污分流",
    "背街小巷整治",
    "安全生產",
    "防汛抗旱",
    "鄉村振興",
    "營商環境",
    "招商引資",
];

/// A deterministic random generator (splitmix64), so archives are the same on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// A Zipf-distributed index below `n` (rank 0 most likely).
    pub fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64 + 1.0).powf(u) - 1.0).floor() as usize % n
    }
}

/// A generated report that owns its strings.
pub struct Report {
    pub url: String,
    pub title: String,
    pub date: String,
    pub officials: Vec<String>,
    pub districts: Vec<String>,
    pub tags: Vec<String>,
    pub text: String,
}

impl Report {
    pub fn as_doc(&self) -> SearchDoc<'_> {
        SearchDoc {
            url: &self.url,
            title: &self.title,
            date: &self.date,
            officials: self.officials.iter().map(String::as_str).collect(),
            districts: self.districts.iter().map(String::as_str).collect(),
            tags: self.tags.iter().map(String::as_str).collect(),
            roles: vec![],
            text: &self.text,
        }
    }
}

/// The officials of generated archives (宋樂偉 first).
pub fn official_names(count: usize) -> Vec<String> {
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let mut names = vec![
        "宋樂偉".to_string(),
        "林靜怡".to_string(),
        "陳建國".to_string(),
    ];
    let mut rng = Rng::new(7);
    while names.len() < count {
        let name: String = [
            surnames[rng.below(surnames.len())],
            given[rng.below(given.len())],
            given[rng.below(given.len())],
        ]
        .iter()
        .collect();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// `count` reports, about 3 KB of text each, newest first.
pub fn archive(count: usize, seed: u64) -> Vec<Report> {
    let mut rng = Rng::new(seed);
    let stock: Vec<&str> = STOCK_WORDS.split(' ').collect();
    let rare: Vec<char> = RARE_CHARS.chars().collect();
    let officials = official_names(40);
    let punctuation = ['，', '，', '，', '。', '、', '；'];
    (0..count)
        .map(|i| {
            let day = i * 2000 / count.max(1);
            let date = format!(
                "{}-{:02}-{:02}",
                2025 - day / 336,
                12 - (day % 336) / 28,
                28 - day % 28
            );
            let pick = |rng: &mut Rng, most: usize, from: &[String]| -> Vec<String> {
                let n = 1 + rng.below(most);
                let mut out: Vec<String> = Vec::new();
                for _ in 0..n {
                    let name = from[rng.zipf(from.len())].clone();
                    if !out.contains(&name) {
                        out.push(name);
                    }
                }
                out
            };
            let report_officials = pick(&mut rng, 3, &officials);
            let districts: Vec<String> = DISTRICTS.iter().map(|d| d.to_string()).collect();
            let report_districts = pick(&mut rng, 2, &districts);
            let topics: Vec<String> = TOPICS.iter().map(|t| t.to_string()).collect();
            let tags = pick(&mut rng, 2, &topics);
            let mut text = String::new();
            while text.chars().count() < 1000 {
                let word = match rng.below(20) {
                    0 => report_officials[rng.below(report_officials.len())].clone(),
                    1 => report_districts[rng.below(report_districts.len())].clone(),
                    2 => tags[rng.below(tags.len())].clone(),
                    3..=6 => (0..2).map(|_| rare[rng.below(rare.len())]).collect(),
                    _ => stock[rng.zipf(stock.len())].to_string(),
                };
                text.push_str(&word);
                match rng.below(40) {
                    0 => text.push('\n'),
                    1..=6 => text.push(punctuation[rng.below(punctuation.len())]),
                    _ => {}
                }
            }
            let title = format!("{}{}工作會議召開", report_districts[0], tags[0]);
            let mut report = Report {
                url: format!("{}/{}/{}/report-{i}/", &date[..4], &date[5..7], &date[8..]),
                title,
                date,
                officials: report_officials,
                districts: report_districts,
                tags,
                text,
            };
            if i % 10 == 3 {
                // Simplified script throughout, as some sources publish.
                report.text = fold(&report.text);
                report.title = fold(&report.title);
            }
            report
        })
        .collect()
}

/// The entities of a generated archive.
pub fn entities(reports: &[Report]) -> Vec<(EntityKind, String, usize)> {
    let mut out: Vec<(EntityKind, String, usize)> = Vec::new();
    for (kind, names) in [
        (
            EntityKind::Official,
            reports
                .iter()
                .flat_map(|r| &r.officials)
                .collect::<BTreeSet<_>>(),
        ),
        (
            EntityKind::District,
            reports
                .iter()
                .flat_map(|r| &r.districts)
                .collect::<BTreeSet<_>>(),
        ),
    ] {
        for name in names {
            let count = reports
                .iter()
                .filter(|r| r.officials.contains(name) || r.districts.contains(name))
                .count();
            out.push((kind, name.clone(), count));
        }
    }
    out
}

/// Every official and district name of a generated archive.
fn entities_names(reports: &[Report]) -> Vec<&str> {
    reports
        .iter()
        .flat_map(|r| r.officials.iter().chain(&r.districts))
        .map(String::as_str)
        .collect()
}

fn build(reports: &[Report], options: &IndexOptions) -> Vec<(String, Vec<u8>)> {
    let docs: Vec<SearchDoc> = reports.iter().map(Report::as_doc).collect();
    let owned = entities(reports);
    let list: Vec<SearchEntity> = owned
        .iter()
        .map(|(kind, name, count)| SearchEntity {
            kind: *kind,
            name,
            aliases: vec![],
            url: "officials/x/",
            count: *count,
        })
        .collect();
    build_index_with(&docs, &list, options)
}

/// The reports that contain every term of `query` (as `index` parses it), by reading them all.
pub fn naive(reports: &[Report], index: &Index, query: &str) -> BTreeSet<u32> {
    let parsed = index.parse(query, false);
    let names: Vec<&str> = entities_names(reports);
    let known = KnownNames::new(names);
    (0..reports.len() as u32)
        .filter(|&id| {
            let r = &reports[id as usize];
            let labels = fold(
                &[
                    vec![r.title.clone()],
                    r.officials.clone(),
                    r.districts.clone(),
                    r.tags.clone(),
                ]
                .concat()
                .join("\n"),
            );
            let body = fold(&r.text);
            let holds = |term: &Vec<_>| {
                term.iter()
                    .any(|alt| contains(&labels, alt, &known) || contains(&body, alt, &known))
            };
            !parsed.include.is_empty() && parsed.include.iter().all(holds)
        })
        .collect()
}

const QUERIES: [&str; 16] = [
    "宋樂偉",
    "宋乐伟",
    "睢寧縣",
    "睢宁县",
    "重大產業項目",
    "城市更新",
    "推進",
    "推進建設",
    "工作會議",
    "市",
    "偉",
    "林靜怡 城市更新",
    "會議強調全力",
    "樂偉",
    "甲乙丙",
    "不存在的詞語",
];

#[test]
fn index_answers_equal_the_naive_answers() {
    let reports = archive(300, 1);
    for options in [
        IndexOptions::default(),
        // Every body posting reduced to ids: the text check must give the same answers.
        IndexOptions {
            max_positional_bytes: 0,
            shard_target_bytes: 2048,
            max_shards: 64,
            ..IndexOptions::default()
        },
    ] {
        let index = Index::new(&build(&reports, &options));
        for query in QUERIES {
            let answer = index.search(query);
            let found: BTreeSet<u32> = answer.ranked.iter().copied().collect();
            assert_eq!(
                found,
                naive(&reports, &index, query),
                "query {query} with {options:?}"
            );
            assert_eq!(
                found.len(),
                answer.ranked.len(),
                "no duplicates for {query}"
            );
        }
    }
}

#[test]
fn phrases_need_their_bigrams_in_one_place() {
    let mut reports = archive(2, 5);
    reports[0].text = "宋樂在會上發言。樂偉到場。".to_string();
    reports[1].text = "宋乐伟在会上发言。".to_string();
    for report in &mut reports {
        report.officials = vec!["陳建國".to_string()];
    }
    let index = Index::new(&build(&reports, &IndexOptions::default()));
    let found = index.search("宋樂偉").ranked;
    assert!(!found.contains(&0), "宋樂 and 樂偉 apart are not 宋樂偉");
    assert!(found.contains(&1));
}

#[test]
fn label_matches_rank_first_then_newest() {
    let reports = archive(200, 3);
    let index = Index::new(&build(&reports, &IndexOptions::default()));
    let ranked = index.search("睢寧縣").ranked;
    let labelled = |id: &u32| {
        reports[*id as usize]
            .districts
            .iter()
            .any(|d| d == "睢寧縣")
    };
    let first_unlabelled = ranked
        .iter()
        .position(|id| !labelled(id))
        .unwrap_or(ranked.len());
    assert!(first_unlabelled > 0 && ranked[first_unlabelled..].iter().all(|id| !labelled(id)));
    assert!(
        ranked[..first_unlabelled].windows(2).all(|w| w[0] < w[1]),
        "newest first"
    );
}

#[test]
fn the_index_is_deterministic() {
    let reports = archive(50, 9);
    assert_eq!(
        build(&reports, &IndexOptions::default()),
        build(&reports, &IndexOptions::default())
    );
}

/// CPU time of this process so far (Linux), which a busy machine distorts less than wall time.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

/// Size, per-query transfer and build time at 1k and 10k reports (run by hand, see above).
#[test]
#[ignore]
fn measure() {
    for count in [1_000, 10_000] {
        let reports = archive(count, 42);
        let text_bytes: usize = reports.iter().map(|r| r.text.len()).sum();
        let (started, cpu_before) = (Instant::now(), cpu_seconds());
        let files = build(&reports, &IndexOptions::default());
        let (elapsed, cpu) = (started.elapsed(), cpu_seconds() - cpu_before);
        let total: usize = files.iter().map(|(_, b)| b.len()).sum();
        let shards: Vec<usize> = files
            .iter()
            .filter(|(p, _)| p.contains("/s/"))
            .map(|(_, b)| b.len())
            .collect();
        let bundles: Vec<usize> = files
            .iter()
            .filter(|(p, _)| p.contains("/d/"))
            .map(|(_, b)| b.len())
            .collect();
        let reports_bytes: usize = bundles.iter().sum();
        let index = Index::new(&files);
        let meta = index.size_of("search/data/meta.js");
        println!(
            "\n{count} reports, {:.1} MB text: index built in {:.0} ms ({:.0} ms CPU); {} files, {:.1} MB ({:.1} MB shards in {} files, avg {:.1} KB, max {:.1} KB; {:.1} MB report bundles in {} files); meta.js {:.1} KB",
            text_bytes as f64 / 1e6,
            elapsed.as_secs_f64() * 1000.0,
            cpu * 1000.0,
            files.len(),
            total as f64 / 1e6,
            shards.iter().sum::<usize>() as f64 / 1e6,
            shards.len(),
            shards.iter().sum::<usize>() as f64 / shards.len() as f64 / 1e3,
            *shards.iter().max().unwrap() as f64 / 1e3,
            reports_bytes as f64 / 1e6,
            bundles.len(),
            meta as f64 / 1e3,
        );
        println!(
            "{:<14} {:>7} {:>6} {:>10} {:>10} {:>10}",
            "query", "results", "files", "index KB", "page KB", "total KB"
        );
        for query in QUERIES {
            let answer = index.search(query);
            let read = &answer.first_page_files;
            let index_bytes: usize = read
                .iter()
                .filter(|p| p.contains("/s/"))
                .map(|p| index.size_of(p))
                .sum();
            let all: usize = read.iter().map(|p| index.size_of(p)).sum();
            println!(
                "{:<14} {:>7} {:>6} {:>10.1} {:>10.1} {:>10.1}",
                query,
                answer.ranked.len(),
                read.len(),
                index_bytes as f64 / 1e3,
                (all - index_bytes) as f64 / 1e3,
                (all + meta) as f64 / 1e3
            );
        }
    }
}
