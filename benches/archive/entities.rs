//! The people, places and tags of the synthetic city: ~300 officials with roles, 25 districts
//! and 40 tags, plus the few registry entries written into `site.toml`.
//!
//! Every entity must get its own URL (FORMAT.md makes a shared slug an error), so official names
//! are kept only when their pinyin slug is new, and use only characters with a single reading.
//! District and tag names are fixed tables, and most of their characters have several readings
//! in the `pinyin` crate (區, 縣, 教, 育 …), as in real archives; the eight most frequent districts
//! and the four most frequent officials get registry slugs in `site.toml`.

use crate::phrases::{DISTRICT_SLUGS, DISTRICTS, GIVEN, JUNIOR_ROLES, ROLES, SURNAMES, TAGS};
use crate::rng::Rng;
use pinyin::{ToPinyin, ToPinyinMulti};
use std::collections::HashSet;

/// How many officials the city has.
pub const OFFICIAL_COUNT: usize = 300;

#[derive(Debug, Clone)]
pub struct Official {
    pub name: String,
    pub role: &'static str,
}

/// A site.toml registry entry: canonical name, stable slug, other spellings.
#[derive(Debug, Clone)]
pub struct RegistryEntry {
    pub name: String,
    pub slug: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Entities {
    /// Officials ordered by how often they appear (rank 0 is the mayor).
    pub officials: Vec<Official>,
    pub districts: Vec<&'static str>,
    pub tags: Vec<&'static str>,
    pub official_registry: Vec<RegistryEntry>,
    pub district_registry: Vec<RegistryEntry>,
}

impl Entities {
    pub fn generate(seed: u64) -> Self {
        let officials = generate_officials(seed);
        let official_registry = officials
            .iter()
            .take(4)
            .map(|official| RegistryEntry {
                name: official.name.clone(),
                slug: registry_slug(&official.name),
                aliases: Vec::new(),
            })
            .collect();
        let mut district_registry: Vec<RegistryEntry> = DISTRICTS
            .iter()
            .zip(DISTRICT_SLUGS)
            .map(|(name, slug)| RegistryEntry {
                name: name.to_string(),
                slug: slug.to_string(),
                aliases: Vec::new(),
            })
            .collect();
        if let Some(hi_tech) = district_registry
            .iter_mut()
            .find(|e| e.name == "臨江高新區")
        {
            hi_tech.aliases = vec!["臨江高新技術產業開發區".to_string()];
        }
        Entities {
            officials,
            districts: DISTRICTS.to_vec(),
            tags: TAGS.to_vec(),
            official_registry,
            district_registry,
        }
    }

    /// The spelling a report uses for district `index`: mostly the canonical name, sometimes a
    /// registry alias (annals must resolve it; the Hugo copy always gets the canonical name).
    pub fn district_spelling(&self, index: usize, rng: &mut Rng) -> &str {
        let name = self.districts[index];
        let alias = self
            .district_registry
            .iter()
            .find(|entry| entry.name == name)
            .and_then(|entry| entry.aliases.first());
        match alias {
            Some(alias) if rng.chance(0.2) => alias,
            _ => name,
        }
    }
}

fn generate_officials(seed: u64) -> Vec<Official> {
    let surnames: Vec<&str> = SURNAMES
        .iter()
        .copied()
        .filter(|s| !has_heteronym(s))
        .collect();
    let given: Vec<&str> = GIVEN
        .iter()
        .copied()
        .filter(|s| !has_heteronym(s))
        .collect();
    let mut rng = Rng::new(seed ^ 0x0FF1_C1A1);
    let mut taken_slugs = HashSet::new();
    let mut officials = Vec::with_capacity(OFFICIAL_COUNT);
    while officials.len() < OFFICIAL_COUNT {
        let mut name = String::from(*rng.pick(&surnames));
        name.push_str(rng.pick::<&str>(&given));
        if rng.chance(0.85) {
            name.push_str(rng.pick::<&str>(&given));
        }
        if !taken_slugs.insert(pinyin_slug(&name)) {
            continue;
        }
        let rank = officials.len();
        let role = ROLES
            .get(rank)
            .copied()
            .unwrap_or_else(|| *rng.pick(JUNIOR_ROLES));
        officials.push(Official { name, role });
    }
    officials
}

/// Toneless pinyin of each Han character, joined by `-` (the slug annals derives by default).
pub fn pinyin_slug(name: &str) -> String {
    name.chars()
        .filter_map(|c| c.to_pinyin())
        .map(|p| p.plain())
        .collect::<Vec<_>>()
        .join("-")
}

/// A person's slug as an archive would write it: surname, then the given name in one word
/// (林靜怡 → `lin-jingyi`), with ü written `v` to stay ASCII.
fn registry_slug(name: &str) -> String {
    let syllables: Vec<&str> = name
        .chars()
        .filter_map(|c| c.to_pinyin())
        .map(|p| p.plain())
        .collect();
    format!("{}-{}", syllables[0], syllables[1..].concat()).replace('ü', "v")
}

/// True when a character of `text` has more than one toneless reading.
pub fn has_heteronym(text: &str) -> bool {
    text.chars().any(|c| {
        let Some(multi) = c.to_pinyin_multi() else {
            return false;
        };
        let mut readings: Vec<&str> = multi.into_iter().map(|p| p.plain()).collect();
        readings.sort_unstable();
        readings.dedup();
        readings.len() > 1
    })
}
