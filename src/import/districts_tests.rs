//! Unit tests of district recognition, on invented texts.

use super::*;
use crate::config::Config;

fn registry() -> Registry {
    let toml = "title = \"臨江\"\nbase_url = \"https://example.org\"\n\
                [districts.\"臨江高新區\"]\naliases = [\"高新區\", \"臨江高新技術產業開發區\"]\n\
                [districts.\"青石縣\"]\n";
    Config::parse(toml).unwrap().districts
}

fn districts(text: &str) -> Vec<String> {
    find_districts(text, &registry(), "臨江市新聞檔案")
}

#[test]
fn districts_in_a_list_and_at_clause_starts() {
    let text = "臨江市政府召開全市城市更新項目推進會，江北區區長黃志明、青石縣縣長許曉梅列席會議。\
                會上，江北區、南岸區、青石縣、臨江高新區分別匯報了老舊小區改造的進展情況，\
                市住建局、市財政局就資金保障作了說明。陳建國要求，各區縣要建立周調度制度，\
                南岸區要抓緊完成濱江步道二期的征遷工作。";
    assert_eq!(
        districts(text),
        ["江北區", "青石縣", "南岸區", "臨江高新區"]
    );
}

#[test]
fn county_level_cities_and_development_zones_in_a_list() {
    let text = "徐州市委召開會議，徐州經開區、睢寧縣、邳州市、銅山區作了交流發言。";
    assert_eq!(
        find_districts(text, &Registry::default(), "檔案"),
        ["徐州經開區", "睢寧縣", "邳州市", "銅山區"]
    );
}

#[test]
fn aliases_map_to_the_canonical_name() {
    assert_eq!(
        districts("臨江高新技術產業開發區管委會主任出席。"),
        ["臨江高新區"]
    );
    assert_eq!(
        districts("在高新區調研，江北區和南岸區參加。"),
        ["臨江高新區", "江北區", "南岸區"]
    );
}

#[test]
fn places_after_words_that_introduce_them_and_list_items_inside_clauses() {
    assert_eq!(districts("林靜怡深入青石縣調研。"), ["青石縣"]);
    assert_eq!(
        districts("聽取了江北區、南岸區的匯報。"),
        ["江北區", "南岸區"]
    );
    assert_eq!(districts("臨江市江北區舉行活動。"), ["江北區"]);
    assert_eq!(districts("青石縣白沙鎮召開會議。"), ["青石縣", "白沙鎮"]);
    assert_eq!(
        districts("在城東街道、青山鎮開展活動。"),
        ["城東街道", "青山鎮"]
    );
}

#[test]
fn the_city_itself_and_common_words_are_not_districts() {
    for text in [
        "臨江市政府召開全市會議。",
        "全市各區縣要加快進度。",
        "市住建局、市財政局作了說明。",
        "常務副市長龔維芳、吳衛東參加。",
        "完成老舊小區改造，城市面貌改善。",
        "各地要抓好落實，區域協調發展。",
        "臨江市召開會議。",
        "農貿市場、超市、社區開展檢查。",
    ] {
        assert_eq!(districts(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn the_city_is_recognised_without_the_site_title() {
    let found = find_districts(
        "臨江市委召開會議，江北區參加。",
        &Registry::default(),
        "Archive",
    );
    assert_eq!(found, ["江北區"]);
}
