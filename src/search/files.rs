//! The small index files beside the shards: the catalogue (`meta.js`), the records of the
//! report bundles with what a result shows (see `bundle_scripts.rs` for the bundles themselves)
//! and the facets of every report (`facets.js`: its officials, districts and tags), which filters and their counts need.
//!
//! Every file is a script calling a function of the global `annalsSearch` object, so the search
//! page can load it with a `<script>` element, which also works from `file://` (where `fetch` is
//! refused). Reports are numbered in the order they arrive (oldest first), so a larger number
//! means a newer report and a year is one run of numbers.

use serde::Serialize;

use super::{EntityKind, EntityNames, SearchDoc, SearchEntity};

/// Reports per result page; the query script loads the bundle of each result shown.
pub const PAGE_SIZE: usize = 10;

/// One report as a result shows it, with the text its snippet and check come from.
#[derive(Serialize)]
struct ReportRecord<'a> {
    /// Site-relative URL.
    u: &'a str,
    /// Title.
    t: &'a str,
    /// Date, `YYYY-MM-DD`.
    d: &'a str,
    /// Officials.
    o: &'a [&'a str],
    /// Districts.
    s: &'a [&'a str],
    /// Tags.
    g: &'a [&'a str],
    /// Other spellings (registry aliases) of its officials and districts, also searched.
    a: &'a [&'a str],
    /// Front matter values searched like the title: `[key, value]`; the catalogue's `shown`
    /// says which keys a result shows.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    f: Vec<[&'a str; 2]>,
    /// Body text, paragraphs separated by `\n`.
    x: &'a str,
}

/// The JSON record of one report, as a bundle holds it.
pub fn report_record(doc: &SearchDoc, aliases: &[&str]) -> String {
    let record = ReportRecord {
        u: doc.url,
        t: doc.title,
        d: doc.date,
        o: &doc.officials,
        s: &doc.districts,
        g: &doc.tags,
        a: aliases,
        f: doc.fields.iter().map(|f| [f.key, f.value]).collect(),
        x: doc.text.get(),
    };
    script_safe_json(&record)
}

/// One official or district in the catalogue, for suggestions, filters and result links.
#[derive(Serialize)]
struct EntityRecord<'a> {
    /// `o` (official), `d` (district) or `t` (tag).
    k: &'static str,
    n: &'a str,
    a: &'a [&'a str],
    u: &'a str,
    c: usize,
    /// Pinyin keys in pairs, the full spelling then its initials (see `names.rs`); none for
    /// tags, which are not suggested.
    p: Vec<String>,
}

/// The catalogue: what the query script needs before its first lookup.
#[derive(Serialize)]
struct Catalogue<'a> {
    /// Changes whenever any index file changes; appended to file URLs against stale caches.
    version: String,
    reports: usize,
    /// The index has `2^shard_bits` shard files.
    shard_bits: u32,
    page_size: usize,
    /// `[year, first report, end report)`, oldest first.
    years: Vec<(String, usize, usize)>,
    /// `[YYYY-MM, first report, end report)`, oldest first.
    months: Vec<(String, usize, usize)>,
    /// The names matched whole (see `whole_names.rs`), folded.
    names: Vec<String>,
    /// Front matter keys whose values results show.
    shown: Vec<&'a str>,
    /// The first report of every bundle, as an id list (see `encode.rs`); with `months`, it
    /// gives every bundle's name (see `bundle_scripts.rs`).
    bundles: String,
    /// Traditional → simplified pairs, see `fold.rs`.
    fold: String,
    entities: Vec<EntityRecord<'a>>,
}

/// Everything the catalogue records about the layout of the other index files.
pub struct Layout {
    /// Fingerprint of every other index file.
    pub version: String,
    pub shard_bits: u32,
    /// First report id of every bundle.
    pub bundle_starts: Vec<u32>,
    /// Traditional → simplified pairs the index needs.
    pub fold_table: String,
    /// The names matched whole, folded.
    pub known_names: Vec<String>,
}

/// `annalsSearch.meta({…});`.
pub fn catalogue_script(layout: Layout, docs: &[SearchDoc], entities: &[SearchEntity]) -> String {
    let catalogue = Catalogue {
        version: layout.version,
        reports: docs.len(),
        shard_bits: layout.shard_bits,
        page_size: PAGE_SIZE,
        years: date_runs(docs, 4),
        months: date_runs(docs, 7),
        names: layout.known_names,
        shown: shown_keys(docs),
        bundles: super::encode::encode_ids(&layout.bundle_starts),
        fold: layout.fold_table,
        entities: entities
            .iter()
            .map(|entity| EntityRecord {
                k: match entity.kind {
                    EntityKind::Official => "o",
                    EntityKind::District => "d",
                    EntityKind::Tag => "t",
                },
                n: entity.name,
                a: &entity.aliases,
                u: entity.url,
                c: entity.count,
                p: match entity.kind {
                    EntityKind::Tag => Vec::new(),
                    _ => super::names::pinyin_keys(entity.name),
                },
            })
            .collect(),
    };
    let json = script_safe_json(&catalogue);
    format!("annalsSearch.meta({json});\n")
}

/// The keys of the fields results show, in the order first met.
fn shown_keys<'a>(docs: &[SearchDoc<'a>]) -> Vec<&'a str> {
    let mut keys: Vec<&str> = Vec::new();
    for field in docs.iter().flat_map(|d| &d.fields).filter(|f| f.shown) {
        if !keys.contains(&field.key) {
            keys.push(field.key);
        }
    }
    keys
}

/// Runs of reports with the same first `length` characters of their date (4: the year, 7: the
/// month), in report order.
fn date_runs(docs: &[SearchDoc], length: usize) -> Vec<(String, usize, usize)> {
    let mut runs: Vec<(String, usize, usize)> = Vec::new();
    for (id, doc) in docs.iter().enumerate() {
        let year = doc.date.get(..length).unwrap_or(doc.date);
        match runs.last_mut() {
            Some((last, _, end)) if last == year => *end = id + 1,
            _ => runs.push((year.to_string(), id, id + 1)),
        }
    }
    runs
}

/// `annalsSearch.facets("…");`: for every report in id order, the catalogue entities it lists
/// (by name or alias) as an id list (see `encode.rs`), the lists separated by spaces (a space is
/// no digit of the encoding). One file, loaded when a filter is used: at 10,000 reports with
/// four or five entities each it is about 100 KB.
pub fn facet_script(docs: &[SearchDoc], entities: &EntityNames) -> String {
    let lists: Vec<String> = docs
        .iter()
        .map(|doc| {
            let listed: Vec<u32> = entities
                .listed_in(doc)
                .into_iter()
                .map(|i| i as u32)
                .collect();
            super::encode::encode_ids(&listed)
        })
        .collect();
    format!("annalsSearch.facets(\"{}\");\n", lists.join(" "))
}

/// JSON for a script file with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`: the
/// same values for the script, and no markup in the file even if it is ever inlined into a page.
fn script_safe_json(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).expect("index records serialise");
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(date: &'a str, officials: Vec<&'a str>) -> SearchDoc<'a> {
        SearchDoc {
            url: "2024/01/01/a/",
            title: "標題",
            date,
            officials,
            districts: vec![],
            tags: vec![],
            roles: vec![],
            fields: vec![],
            text: "正文".into(),
        }
    }

    #[test]
    fn years_and_months_are_runs_of_report_numbers() {
        let docs = [
            doc("2024-03-01", vec![]),
            doc("2024-01-02", vec![]),
            doc("2023-12-31", vec![]),
        ];
        assert_eq!(
            date_runs(&docs, 4),
            [("2024".to_string(), 0, 2), ("2023".to_string(), 2, 3)]
        );
        let months: Vec<String> = date_runs(&docs, 7).into_iter().map(|r| r.0).collect();
        assert_eq!(months, ["2024-03", "2024-01", "2023-12"]);
    }

    #[test]
    fn facets_list_each_reports_entities_counting_aliases_as_the_entity() {
        let mut tagged = doc("2023-12-31", vec![]);
        tagged.tags = vec!["城市更新"];
        let docs = [
            doc("2024-03-01", vec!["林靜怡"]),
            doc("2024-01-02", vec!["林靜儀"]),
            tagged,
            doc("2023-12-30", vec![]),
        ];
        let entity = |kind, name, aliases| SearchEntity {
            kind,
            name,
            aliases,
            url: "x/",
            count: 2,
        };
        let entities = [
            entity(EntityKind::Official, "林靜怡", vec!["林靜儀"]),
            entity(EntityKind::Tag, "城市更新", vec![]),
        ];
        // Entity 0 is "#", entity 1 is "$"; the last report lists none.
        assert_eq!(
            facet_script(&docs, &EntityNames::new(&entities)),
            "annalsSearch.facets(\"# # $ \");\n"
        );
    }

    #[test]
    fn report_records_are_escaped_json() {
        let mut report = doc("2024-03-01", vec!["林靜怡"]);
        report.text = "他說：\"好\"\n第二段 <b>".into();
        let record = report_record(&report, &[]);
        assert!(record.starts_with("{\"u\":\"2024/01/01/a/\""));
        assert!(record.contains(r#""x":"他說：\"好\"\n第二段 \u003cb\u003e""#));
    }
}
