//! `[outputs]` of site.toml: which machine-readable outputs a build writes beside the HTML
//! pages. Every switch defaults to on; a site turns an output off with `name = false`. Unknown
//! keys are errors (with a did-you-mean), like every other table of site.toml.

use serde::Deserialize;

/// The switches of `[outputs]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Outputs {
    /// `data/reports.json` and `data/reports.csv`.
    pub reports_data: bool,
    /// `data/officials.json` and `data/officials.csv`.
    pub officials_data: bool,
    /// `data/districts.json` and `data/districts.csv`.
    pub districts_data: bool,
    /// `data/popolo.json`: officials, bodies and memberships in the Popolo data model.
    pub popolo: bool,
    /// `calendar.ics` beside every Atom feed.
    pub calendars: bool,
    /// `feed.json` (JSON Feed 1.1) beside every Atom feed.
    pub json_feeds: bool,
    /// schema.org JSON-LD in report, official and district pages.
    pub structured_data: bool,
}

impl Default for Outputs {
    fn default() -> Outputs {
        Outputs {
            reports_data: true,
            officials_data: true,
            districts_data: true,
            popolo: true,
            calendars: true,
            json_feeds: true,
            structured_data: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_output_is_on_unless_turned_off() {
        let all: Outputs = toml::from_str("").unwrap();
        assert_eq!(all, Outputs::default());
        let some: Outputs = toml::from_str("calendars = false\npopolo = false").unwrap();
        assert!(!some.calendars && !some.popolo && some.reports_data && some.json_feeds);
        assert!(toml::from_str::<Outputs>("calendar = false").is_err());
    }
}
