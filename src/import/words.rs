//! The small vocabularies the importer recognises names and places by, in traditional and
//! simplified characters, and helpers to match them in a text held as a slice of `char`s.
//!
//! Kept apart from the matching code so the lists can grow (a new title, a missed stop word)
//! without touching the logic; each list says what it is for.

/// Title endings after which a personal name follows (`市長林靜怡`). Organisational prefixes and
/// modifiers (`市政府`, `江北區`, `常務副`) are not listed: they are read backwards from the ending.
pub const TITLES: &[&str] = &[
    "主任委員",
    "检察长",
    "檢察長",
    "董事長",
    "董事长",
    "總經理",
    "总经理",
    "秘書長",
    "秘书长",
    "書記",
    "书记",
    "市長",
    "市长",
    "主任",
    "部長",
    "部长",
    "局長",
    "局长",
    "主席",
    "區長",
    "区长",
    "縣長",
    "县长",
    "鎮長",
    "镇长",
    "鄉長",
    "乡长",
    "廳長",
    "厅长",
    "省長",
    "省长",
    "州長",
    "州长",
    "委員",
    "委员",
    "常委",
    "院長",
    "院长",
    "處長",
    "处长",
    "科長",
    "科长",
    "行長",
    "行长",
    "校長",
    "校长",
    "政委",
    "組長",
    "组长",
    "調研員",
    "调研员",
    "專員",
    "专员",
    "議員",
    "议员",
    "里長",
    "里长",
    "長官",
    "长官",
    "審計長",
    "审计长",
    "司長",
    "司长",
    "署長",
    "署长",
    "所長",
    "所长",
    "主任委员",
];

/// Words that follow a name and so end it (`林靜怡出席`, `王強主持`, `李明在`): a name is three
/// characters unless its third character starts one of these.
pub const AFTER_NAME: &[&str] = &[
    // what officials do at meetings
    "出席", "主持", "講話", "讲话", "參加", "参加", "列席", "指出", "強調", "强调", "要求", "表示",
    "召開", "召开", "率隊", "率队", "帶隊", "带队", "一行", "同志", "會見", "会见", "陪同", "介紹",
    "介绍", "通報", "通报", "匯報", "汇报", "發言", "发言", "致辭", "致辞", "宣讀", "宣读", "宣布",
    "提出", "認為", "认为", "希望", "代表", "分別", "分别", "先後", "先后", "聽取", "听取", "調研",
    "调研", "視察", "视察", "看望", "慰問", "慰问", "檢查", "检查", "督導", "督导", "前往", "深入",
    "來到", "来到", "走進", "走进", "現場", "现场", "實地", "实地", "親自", "亲自", "隨後", "随后",
    "首先", "最後", "最后", "圍繞", "围绕", "結合", "结合", "傳達", "传达", "解讀", "解读", "回答",
    "帶領", "带领", "領學", "领学", "等人", "考察", "督查", "巡查", "察看", "走訪", "走访",
    // single characters that begin a new word after a name
    "在", "到", "赴", "和", "與", "与", "及", "等", "的", "是", "說", "说", "就", "對", "对", "向",
    "為", "为", "也", "並", "并", "還", "还", "已", "將", "将", "於", "于", "了", "則", "则", "均",
    "都", "仍", "作", "率", "從", "从", "同",
];

/// Characters a role never reaches back across (`會議由副市長…` → the role starts after 由).
pub const BEFORE_ROLE: &[char] = &[
    '由', '與', '与', '和', '及', '同', '是', '在', '對', '对', '請', '请', '向', '的', '了', '並',
    '并', '等', '或', '暨', '到', '將', '将', '把', '被', '讓', '让', '給', '给', '以', '從', '从',
    '於', '于', '就', '為', '为', '也', '都', '還', '还', '又', '即', '有', '其', '各', '赴', '另',
    '而',
];

/// Words that end in a character of [`BEFORE_ROLE`] but are part of a role (`自由里長`).
pub const ROLE_WORDS_ENDING_LIKE_BOUNDARIES: &[&str] = &["自由", "經由", "经由"];

/// Words that end just before a role and are not part of it (`出席會議的…`, `陪同市長…`).
pub const ROLE_BOUNDARY_WORDS: &[&str] = &[
    "出席",
    "主持",
    "講話",
    "讲话",
    "參加",
    "参加",
    "列席",
    "會見",
    "会见",
    "陪同",
    "聽取",
    "听取",
    "會議",
    "会议",
    "指出",
    "強調",
    "强调",
    "要求",
    "表示",
    "召開",
    "召开",
    "調研",
    "调研",
    "視察",
    "视察",
    "看望",
    "同志",
    "一行",
    "會上",
    "会上",
    "恭喜",
    "恭賀",
    "恭贺",
    "祝賀",
    "祝贺",
    "感謝",
    "感谢",
    "表揚",
    "表扬",
    "歡迎",
    "欢迎",
    "邀請",
    "邀请",
    "委任",
    "任命",
    "包括",
    "會晤",
    "会晤",
    "拜會",
    "拜会",
    "陪同下",
];

/// Words that cannot start a name although their first character is a surname (`常務副市長`
/// after `市委常委`, `全面` after `主任`).
pub const NOT_A_NAME: &[&str] = &[
    "常務", "常务", "常委", "黨組", "党组", "代理", "第一", "主任", "書記", "书记", "委員", "委员",
    "秘書", "秘书", "全面", "全市", "全縣", "全县", "全區", "全区", "高度", "高新", "安全", "安排",
    "成員", "成员", "陳述", "陈述", "周密", "周邊", "周边", "林業", "林业", "黃金", "黄金", "任務",
    "任务", "關於", "关于", "萬元", "万元", "文件", "程序", "方面", "方案", "方式", "榮獲", "荣获",
    "曾任", "曾經", "曾经", "曾在", "高票", "高興", "高兴",
];

/// Characters a personal name does not end with: they end names of places and bodies instead.
pub const NOT_NAME_ENDINGS: &[char] = &[
    '市', '縣', '县', '區', '区', '鎮', '镇', '局', '委', '辦', '办', '廳', '厅', '部', '院', '會',
    '会', '處', '处', '府', '省', '組', '组', '室', '團', '团', '街', '村', '鄉', '乡',
];

/// Two-character surnames (`歐陽`), after which a name has three or four characters.
pub const COMPOUND_SURNAMES: &[&str] = &[
    "歐陽", "欧阳", "司馬", "司马", "諸葛", "诸葛", "上官", "東方", "东方", "皇甫", "尉遲", "尉迟",
    "公孫", "公孙", "夏侯", "慕容", "令狐", "司徒", "司空", "端木", "軒轅", "轩辕", "長孫", "长孙",
    "宇文", "澹台", "申屠", "太史", "聞人", "闻人", "呼延",
];

/// Common single-character surnames, traditional and simplified. A name found after a title must
/// start with one of these: that keeps `市長熱線` or `書記處` from being read as names. A few
/// surnames that are mostly ordinary words here (全, 都, 於, 來, 和) are left out on purpose.
pub const SURNAMES: &str = "王李張张劉刘陳陈楊杨黃黄趙赵吳吴周徐孫孙馬马朱胡郭何高林羅罗鄭郑梁\
謝谢宋唐許许韓韩馮冯鄧邓曹彭曾肖蕭萧田董袁潘于蔣蒋蔡余杜葉叶程蘇苏魏呂吕丁任沈姚盧卢姜崔鍾钟\
譚谭陸陆汪范金石廖賈贾夏韋韦付傅方白鄒邹孟熊秦邱江尹薛閻阎閆闫段雷侯龍龙史陶黎賀贺顧顾毛郝龔龚\
邵萬万錢钱嚴严覃武戴莫孔向湯汤常溫温康施文牛樊葛邢安齊齐易喬乔伍龐庞顏颜倪莊庄聶聂章魯鲁岳翟\
殷詹申歐欧耿關关蘭兰焦俞左柳甘祝包寧宁尚符舒阮柯紀纪梅童凌畢毕單单季裴霍涂成苗谷盛曲翁冉駱骆\
藍蓝路游辛靳管柴蒙鮑鲍華华喻祁蒲房滕屈饒饶解牟艾尤陽阳時时穆農农司卓古吉繆缪簡简車车項项連连\
蘆芦麥麦褚婁娄竇窦戚岑景黨党宮宫費费卜冷晏席衛卫米柏宗瞿桂佟應应臧閔闵苟鄔邬邊边卞姬師师\
仇欒栾隋商刁沙榮荣巫寇桑郎甄叢丛仲虞敖鞏巩明佘池查麻苑遲迟鄺邝官封談谈匡鞠惠荊荆樂乐冀郁胥\
南班儲储栗燕楚鄢勞劳諶谌奚皮粟冼藺蔺樓楼盤盘滿满聞闻位厲厉伊仝郜闞阚花權权帥帅屠豆樸朴蓋盖\
練练廉禹井祖漆巴豐丰支卿狄索宣晉晋相初門门雲云容敬扈晁芮普闕阙浦戈伏鹿薄邸雍辜羊烏乌母裘亓\
修邰赫杭況况宿鮮鲜印逯隆茹諸诸戰战慕危玉銀银亢嵇哈湛賓宾戎勾茅居揭尉冶斯束檀衣展陰阴昝智\
幸奉植衡富堯尧鳳凤洪賴赖";

/// True when `c` is a common surname.
pub fn is_surname(c: char) -> bool {
    SURNAMES.contains(c)
}

/// True when the text at `at` starts with `word`.
pub fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, w)| chars.get(at + k) == Some(&w))
}

/// True when the text ending just before `end` ends with `word`.
pub fn ends_with(chars: &[char], end: usize, word: &str) -> bool {
    let len = word.chars().count();
    end >= len && starts_with(chars, end - len, word)
}

/// The length in characters of the first of `words` that the text at `at` starts with.
pub fn starts_with_any(chars: &[char], at: usize, words: &[&str]) -> Option<usize> {
    words
        .iter()
        .find(|w| starts_with(chars, at, w))
        .map(|w| w.chars().count())
}

/// True when the text ending before `end` ends with one of `words`.
pub fn ends_with_any(chars: &[char], end: usize, words: &[&str]) -> bool {
    words.iter().any(|w| ends_with(chars, end, w))
}

/// The longest of `spellings` that the text at `at` starts with: its length and its index.
pub fn longest_at<S: AsRef<str>>(
    chars: &[char],
    at: usize,
    spellings: &[S],
) -> Option<(usize, usize)> {
    spellings
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.as_ref().is_empty() && starts_with(chars, at, s.as_ref()))
        .map(|(index, s)| (s.as_ref().chars().count(), index))
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_matching_on_char_slices() {
        let chars: Vec<char> = "市長林靜怡出席".chars().collect();
        assert!(starts_with(&chars, 2, "林靜怡"));
        assert!(!starts_with(&chars, 6, "出席"));
        assert!(ends_with(&chars, 2, "市長"));
        assert_eq!(starts_with_any(&chars, 5, AFTER_NAME), Some(2));
        assert!(ends_with_any(&chars, 7, ROLE_BOUNDARY_WORDS));
        assert_eq!(
            longest_at(&chars, 2, &["林", "林靜怡", "林靜"]),
            Some((3, 1))
        );
    }

    #[test]
    fn surnames_cover_both_scripts_and_skip_ordinary_words() {
        for c in ['林', '陳', '陈', '龔', '龚', '許', '宋', '黃'] {
            assert!(is_surname(c), "{c}");
        }
        for c in ['全', '都', '和', '出', '辦', '熱'] {
            assert!(!is_surname(c), "{c}");
        }
    }
}
