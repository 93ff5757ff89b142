//! Phrase tables for synthetic municipal meeting reports, in traditional characters.
//!
//! The sentences built from these read like the reports a city government publishes (召開…會議,
//! 聽取…匯報, 研究部署…, 強調…): the same vocabulary, sentence lengths and punctuation, so that
//! Markdown parsing, summaries, slugs and search indexing see realistic text.

/// Surnames of generated officials (characters with a single reading, so slugs are stable).
pub const SURNAMES: &[&str] = &[
    "林", "陳", "王", "李", "張", "劉", "黃", "吳", "周", "徐", "孫", "馬", "朱", "胡", "郭", "何",
    "高", "羅", "鄭", "梁", "謝", "宋", "唐", "許", "韓", "馮", "鄧", "曹", "彭", "蕭", "田", "董",
    "潘", "袁", "蔡", "蔣", "杜", "葉", "程", "蘇", "魏", "呂", "丁", "任", "沈", "姚", "盧", "姜",
    "崔", "鍾", "譚", "陸", "汪", "范", "金", "廖", "賈", "夏", "韋", "方", "白", "鄒", "孟", "熊",
    "秦", "邱", "江", "尹", "薛", "閻", "雷", "侯", "龍", "史", "陶", "黎", "賀", "顧", "毛", "郝",
];

/// Characters of given names.
pub const GIVEN: &[&str] = &[
    "建", "國", "靜", "怡", "志", "強", "文", "華", "明", "麗", "偉", "芳", "秀", "英", "俊", "傑",
    "軍", "平", "敏", "婷", "雪", "梅", "海", "濤", "紅", "霞", "鵬", "飛", "宇", "輝", "峰", "磊",
    "超", "剛", "勇", "斌", "鑫", "欣", "琳", "慧", "穎", "潔", "雲", "翔", "凱", "浩", "天", "思",
    "佳", "嘉", "安", "曉", "宏", "德", "新", "春", "秋", "松", "蘭", "晨", "瑞", "博", "成", "立",
    "亮", "東", "玉", "清", "雅", "鋒", "茂", "振", "永", "學", "光", "興", "榮", "福", "寧", "林",
];

/// Roles, most senior first: the most frequent officials hold the senior roles.
pub const ROLES: &[&str] = &[
    "市長",
    "市委書記",
    "常務副市長",
    "副市長",
    "副市長",
    "副市長",
    "市政府秘書長",
    "市委副書記",
    "副市長",
    "市政府副秘書長",
    "市人大常委會主任",
    "市政協主席",
];

/// Roles of the many officials below the city leadership.
pub const JUNIOR_ROLES: &[&str] = &[
    "局長",
    "區長",
    "縣長",
    "主任",
    "黨組書記",
    "區委書記",
    "縣委書記",
    "副局長",
    "副區長",
    "處長",
];

/// Districts and counties of the imaginary city (25).
pub const DISTRICTS: &[&str] = &[
    "江北區",
    "南岸區",
    "臨江高新區",
    "青石縣",
    "東湖區",
    "西山區",
    "城中區",
    "河口區",
    "新港區",
    "北塘區",
    "青龍縣",
    "白沙縣",
    "金溪縣",
    "雲峰縣",
    "石門縣",
    "濱江新區",
    "望城區",
    "東坪縣",
    "松林縣",
    "柳岸區",
    "梅溪縣",
    "蘆洲區",
    "泉水縣",
    "龍湖區",
    "桃源縣",
];

/// Registry slugs of the first districts of [`DISTRICTS`] (the most frequent ones): how an
/// archive names its places when the default pinyin slug would be wrong or unwieldy.
pub const DISTRICT_SLUGS: &[&str] = &[
    "jiangbei",
    "nan-an",
    "linjiang-hi-tech-zone",
    "qingshi-county",
    "donghu",
    "xishan",
    "chengzhong",
    "hekou",
];

/// Tags (40).
pub const TAGS: &[&str] = &[
    "城市更新",
    "安全生產",
    "防汛抗旱",
    "營商環境",
    "鄉村振興",
    "生態環境",
    "教育",
    "醫療衛生",
    "交通建設",
    "招商引資",
    "文化旅遊",
    "數字政府",
    "老舊小區改造",
    "垃圾分類",
    "就業創業",
    "養老服務",
    "食品安全",
    "社會治理",
    "科技創新",
    "產業升級",
    "財政預算",
    "住房保障",
    "水利工程",
    "民生實事",
    "疫情防控",
    "森林防火",
    "優化服務",
    "人才引進",
    "農業農村",
    "市場監管",
    "外資外貿",
    "園區建設",
    "應急管理",
    "公共文化",
    "體育事業",
    "綠色低碳",
    "法治政府",
    "信訪維穩",
    "口岸物流",
    "消費促進",
];

/// Kinds of meeting, used in titles and opening sentences.
pub const MEETINGS: &[&str] = &[
    "市政府常務會議",
    "市委常委會會議",
    "全市安全生產工作會議",
    "城市更新項目推進會",
    "防汛工作部署會",
    "優化營商環境座談會",
    "市政府全體會議",
    "重點項目建設調度會",
    "生態環境保護委員會會議",
    "民生實事項目推進會",
    "招商引資工作例會",
    "鄉村振興工作推進會",
    "財政預算編制工作會議",
    "教育工作座談會",
    "森林防火工作會議",
    "產業園區建設現場會",
];

/// Work areas discussed in the body.
pub const TOPICS: &[&str] = &[
    "城市更新",
    "安全生產",
    "防汛抗旱",
    "優化營商環境",
    "鄉村振興",
    "生態環境保護",
    "教育事業發展",
    "醫療衛生服務",
    "交通基礎設施建設",
    "招商引資",
    "文化旅遊融合發展",
    "數字政府建設",
    "老舊小區改造",
    "垃圾分類",
    "穩就業",
    "養老服務體系建設",
    "食品安全監管",
    "基層社會治理",
    "科技創新",
    "傳統產業升級",
    "住房保障",
    "水利工程建設",
    "森林防火",
    "人才引進",
];

/// Municipal departments that report to a meeting.
pub const DEPARTMENTS: &[&str] = &[
    "市發展和改革委員會",
    "市住房和城鄉建設局",
    "市應急管理局",
    "市教育局",
    "市衛生健康委員會",
    "市交通運輸局",
    "市生態環境局",
    "市財政局",
    "市商務局",
    "市文化廣電旅遊局",
    "市自然資源和規劃局",
    "市水務局",
    "市民政局",
    "市公安局",
    "市市場監督管理局",
    "市人力資源和社會保障局",
    "市農業農村局",
    "市科學技術局",
];

/// What officials ask departments to do.
pub const ACTIONS: &[&str] = &[
    "堅持問題導向",
    "壓實工作責任",
    "加強統籌協調",
    "強化要素保障",
    "持續深化改革",
    "紮實推進各項任務落地見效",
    "加快補齊短板弱項",
    "完善長效機制",
    "嚴格落實屬地責任",
    "強化督查考核",
    "用好專項債券資金",
    "建立周調度制度",
    "對滯後項目實行掛牌督辦",
    "加強部門協同",
    "做到規劃先行、分步實施",
    "把群眾滿意作為根本標準",
];

/// What the work must achieve.
pub const GOALS: &[&str] = &[
    "確保各項目標任務如期完成",
    "不斷增強群眾獲得感幸福感安全感",
    "推動經濟社會高品質發展",
    "守牢安全底線",
    "為全市發展大局作出新的更大貢獻",
    "確保年底前全面完成改造任務",
    "切實提升服務效能",
    "以實際成效取信於民",
];

/// Adverbial openers.
pub const ADVERBS: &[&str] = &["進一步", "切實", "全力", "持續", "加快", "扎實"];

/// Names of documents a meeting adopts.
pub const DOCUMENTS: &[&str] = &[
    "臨江市城市更新三年行動方案",
    "關於進一步優化營商環境的若干措施",
    "臨江市防汛應急預案",
    "臨江市老舊小區改造實施細則",
    "臨江市養老服務設施布局規劃",
    "關於促進消費的十條措施",
    "臨江市生活垃圾分類管理辦法",
    "臨江市重點項目管理辦法",
];

/// Numbers written in Chinese, for amounts and counts in the text.
pub const AMOUNTS: &[&str] = &[
    "十二億元",
    "三點五億元",
    "八千萬元",
    "四十個",
    "一百二十個",
    "二十六項",
    "六成",
    "九十五%",
];

/// Ordinal headings of the numbered sections of a long report.
pub const ORDINALS: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八"];

/// ASCII file-name stems, one per entry of [`MEETINGS`] (reports are named `<stem>-<number>.md`).
pub const MEETING_SLUGS: &[&str] = &[
    "executive-meeting",
    "standing-committee",
    "work-safety-conference",
    "urban-renewal-meeting",
    "flood-control-briefing",
    "business-climate-forum",
    "plenary-session",
    "key-projects-review",
    "environment-committee",
    "public-services-meeting",
    "investment-meeting",
    "rural-revival-meeting",
    "budget-meeting",
    "education-forum",
    "forest-fire-meeting",
    "industrial-park-visit",
];
