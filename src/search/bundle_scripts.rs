//! Report bundles (`search/data/d/NAME.js`): how report records are packed into bundle
//! scripts, and how a bundle is named.
//!
//! Bundles are packed from the oldest report (id 0) towards the newest: a bundle takes
//! consecutive reports of one month until the next one would take it past the target size (a
//! longer report gets a bundle of its own), and a new month always opens a new bundle. A bundle
//! is named for its month and its place among that month's bundles (`2019-11-0`,
//! `2019-11-1`, …), not for its place in the whole archive. So a report added, removed or
//! grown changes the bundles of its own month from its own onwards and no other bundle file:
//! numbering bundles across the archive would move every newer bundle's number, and packing
//! across months would shift every newer boundary (reports of similar length never fall in
//! step again), rewriting half the bundles for a report added mid-archive.
//!
//! The search page finds a report's bundle from the catalogue: the first report of every
//! bundle and the runs of reports of each month give every bundle's name (see
//! `themes/default/static/search/search.js`, which repeats [`BundleNames`]).

use std::collections::HashMap;

/// The month a report's bundle belongs to: the first seven characters of its date (`YYYY-MM`),
/// the key of the catalogue's month runs.
pub fn month_of(date: &str) -> &str {
    date.get(..7).unwrap_or(date)
}

/// Names bundles as they open, in report order: month, then the bundle's place among the
/// bundles of that month so far. Characters other than ASCII letters, digits and `-` become
/// `_`, so a name is always a plain file name.
#[derive(Default)]
pub struct BundleNames {
    per_month: HashMap<String, usize>,
}

impl BundleNames {
    /// The name of the next bundle of `month`.
    pub fn next(&mut self, month: &str) -> String {
        let key: String = (month.chars())
            .map(|c| match c.is_ascii_alphanumeric() || c == '-' {
                true => c,
                false => '_',
            })
            .collect();
        let count = self.per_month.entry(key.clone()).or_insert(0);
        *count += 1;
        format!("{key}-{}", *count - 1)
    }
}

/// The site-relative path of the bundle named `name`.
pub fn bundle_path(name: &str) -> String {
    format!("{}d/{name}.js", crate::urls::SEARCH_DATA)
}

/// Packs report records into bundles as they come, in id order (oldest first), so a build
/// writes each bundle and frees it before the next records are made.
pub struct Bundler {
    packing: Packing,
    /// The open bundle's records.
    current: Vec<String>,
}

impl Bundler {
    pub fn new(target_bytes: usize) -> Bundler {
        Bundler {
            packing: Packing::new(target_bytes),
            current: Vec::new(),
        }
    }

    /// Adds the record of the next report, of `month` (see [`month_of`]); returns the bundle
    /// it closed, if any: its name and script.
    pub fn push(&mut self, record: String, month: &str) -> Option<(String, String)> {
        // The open bundle's name, before the packing names the next one.
        let open = self.packing.names.last().cloned();
        let closed = match self.packing.opens_bundle(record.len(), month) {
            true => open.and_then(|name| self.close(name)),
            false => None,
        };
        self.current.push(record);
        closed
    }

    /// The last bundle, if it holds any record.
    pub fn finish(&mut self) -> Option<(String, String)> {
        let name = self.packing.names.last()?.clone();
        self.close(name)
    }

    fn close(&mut self, name: String) -> Option<(String, String)> {
        if self.current.is_empty() {
            return None;
        }
        let text = bundle_script(&name, &self.current.join(","));
        self.current.clear();
        Some((name, text))
    }

    /// The first report of every bundle, in id order.
    pub fn starts(&self) -> &[u32] {
        &self.packing.starts
    }

    /// Every bundle's name, in id order.
    pub fn into_names(self) -> Vec<String> {
        self.packing.names
    }
}

/// Where bundles begin, from the records' lengths and months alone: the rule [`Bundler`] packs
/// by, which a rebuild also follows to find bundles without making their records.
pub struct Packing {
    target_bytes: usize,
    /// The length of the open bundle's text (0: none open yet).
    length: usize,
    /// The open bundle's month.
    month: String,
    naming: BundleNames,
    /// Records placed so far (the id of the next one).
    placed: u32,
    /// The first report and the name of every bundle begun so far.
    pub starts: Vec<u32>,
    pub names: Vec<String>,
}

impl Packing {
    pub fn new(target_bytes: usize) -> Packing {
        Packing {
            target_bytes,
            length: 0,
            month: String::new(),
            naming: BundleNames::default(),
            placed: 0,
            starts: Vec::new(),
            names: Vec::new(),
        }
    }

    /// Places the record of the next report (packing goes in id order, from the oldest report
    /// to the newest), `length` bytes long, of `month`; true when it begins a bundle.
    pub fn opens_bundle(&mut self, length: usize, month: &str) -> bool {
        let opens = self.length == 0
            || self.month != month
            || self.length + 1 + length + BUNDLE_CLOSING.len() > self.target_bytes;
        self.length = if opens {
            if self.month != month {
                self.month = month.to_string();
            }
            let name = self.naming.next(month);
            let opening = opening_len(&name);
            self.starts.push(self.placed);
            self.names.push(name);
            opening + length
        } else {
            self.length + 1 + length
        };
        self.placed += 1;
        opens
    }
}

/// The script of the bundle named `name`, holding `records` (as one text, joined by commas).
pub fn bundle_script(name: &str, records: &str) -> String {
    format!("{OPENING_CALL}{name}{OPENING_LIST}{records}{BUNDLE_CLOSING}")
}

/// A bundle script is `annalsSearch.docs("NAME",[` records `]);` and a newline.
const OPENING_CALL: &str = "annalsSearch.docs(\"";
const OPENING_LIST: &str = "\",[";
const BUNDLE_CLOSING: &str = "]);\n";

/// The length of the opening of the script of the bundle named `name`.
fn opening_len(name: &str) -> usize {
    OPENING_CALL.len() + name.len() + OPENING_LIST.len()
}

/// The name and records of a bundle script as written (JSON objects), or `None` if it is not
/// one.
pub fn bundle_records(script: &str) -> Option<(&str, Vec<&str>)> {
    let (name, list) = script
        .strip_prefix(OPENING_CALL)?
        .strip_suffix(BUNDLE_CLOSING)?
        .split_once(OPENING_LIST)?;
    let mut records = Vec::new();
    let (mut depth, mut in_string, mut escaped, mut start) = (0usize, false, false, 0);
    for (at, byte) in list.bytes().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' => {
                if depth == 0 {
                    start = at;
                }
                depth += 1;
            }
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    records.push(&list[start..=at]);
                }
            }
            b',' if depth == 0 => {}
            _ if depth == 0 => return None,
            _ => {}
        }
    }
    (depth == 0 && !in_string).then_some((name, records))
}

/// Every bundle of `records` (each with its month), as a build packs them: the first report of
/// each bundle, and each bundle's name and script. (Builds use [`Bundler`] directly; this is its
/// behaviour on a whole list, for tests.)
#[cfg(test)]
pub fn report_bundles(
    records: Vec<(String, &str)>,
    target_bytes: usize,
) -> (Vec<u32>, Vec<(String, String)>) {
    let mut bundler = Bundler::new(target_bytes);
    let mut bundles = Vec::new();
    for (record, month) in records {
        bundles.extend(bundler.push(record, month));
    }
    bundles.extend(bundler.finish());
    (bundler.starts().to_vec(), bundles)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of_month<'a>(records: &[&str], month: &'a str) -> Vec<(String, &'a str)> {
        records.iter().map(|r| (r.to_string(), month)).collect()
    }

    #[test]
    fn bundles_pack_consecutive_reports_of_a_month_up_to_the_target() {
        let records = of_month(
            &["{\"a\":1}", "{\"b\":22}", "{\"c\":333}", "{\"d\":4}"],
            "2024-03",
        );
        // Packed from the oldest (id 0): 36 bytes of call and commas around the first two
        // records make 51 bytes.
        let (starts, bundles) = report_bundles(records.clone(), 51);
        assert_eq!(starts, [0, 2, 3]);
        assert_eq!(
            bundles,
            [
                (
                    "2024-03-0",
                    "annalsSearch.docs(\"2024-03-0\",[{\"a\":1},{\"b\":22}]);\n"
                ),
                (
                    "2024-03-1",
                    "annalsSearch.docs(\"2024-03-1\",[{\"c\":333}]);\n"
                ),
                (
                    "2024-03-2",
                    "annalsSearch.docs(\"2024-03-2\",[{\"d\":4}]);\n"
                ),
            ]
            .map(|(name, text)| (name.to_string(), text.to_string()))
        );
        // A record larger than the target gets a bundle of its own.
        let (starts, _) = report_bundles(records.clone(), 1);
        assert_eq!(starts, [0, 1, 2, 3]);
        // A report added as the newest leaves the older bundles as they were.
        let mut added = records.clone();
        added.push(("{\"z\":0}".to_string(), "2024-03"));
        let (_, with_newest) = report_bundles(added, 51);
        assert_eq!(with_newest[..2], bundles[..2]);
        assert_ne!(with_newest[2], bundles[2]);
    }

    #[test]
    fn a_new_month_opens_a_bundle_and_numbers_its_own() {
        let mut records = of_month(&["{\"a\":1}", "{\"b\":2}"], "2024-03");
        records.extend(of_month(&["{\"c\":3}"], "2024-04"));
        let (starts, bundles) = report_bundles(records, 10_000);
        assert_eq!(starts, [0, 2]);
        let names: Vec<&str> = bundles.iter().map(|(name, _)| &name[..]).collect();
        assert_eq!(names, ["2024-03-0", "2024-04-0"]);
    }

    #[test]
    fn a_report_added_mid_archive_changes_only_its_months_bundles() {
        // Records of one length: packing across months would shift every later boundary.
        let month = |m: u32| format!("2024-{m:02}");
        let months: Vec<String> = (1..=6).map(month).collect();
        let archive = |extra: bool| -> Vec<(String, &str)> {
            let mut records = Vec::new();
            for (m, month) in months.iter().enumerate() {
                for n in 0..7 {
                    records.push((format!("{{\"r\":\"{m}-{n}\"}}"), &month[..]));
                }
                if extra && m == 1 {
                    records.push(("{\"r\":\"added\"}".to_string(), &month[..]));
                }
            }
            records
        };
        let (_, before) = report_bundles(archive(false), 60);
        let (_, after) = report_bundles(archive(true), 60);
        let changed: Vec<&str> = (after.iter())
            .filter(|bundle| !before.contains(bundle))
            .map(|(name, _)| &name[..])
            .collect();
        assert!(!changed.is_empty());
        assert!(changed.iter().all(|name| name.starts_with("2024-02-")));
        assert!(after.len() > 12, "{} bundles", after.len());
    }

    #[test]
    fn names_are_plain_file_names_and_unique() {
        let mut names = BundleNames::default();
        assert_eq!(names.next("2024-03"), "2024-03-0");
        assert_eq!(names.next("2024-03"), "2024-03-1");
        assert_eq!(names.next("20/4-é"), "20_4-_-0");
        // A month met again (reports out of order) goes on counting.
        assert_eq!(names.next("2024-03"), "2024-03-2");
    }

    #[test]
    fn bundle_records_read_back_as_written() {
        let records = vec![
            "{\"x\":\"}{ \\\"],[\\\" \\\\\\\" ,{\"}".to_string(),
            "{\"b\":{\"c\":[1,2]}}".to_string(),
        ];
        let month =
            |records: &Vec<String>| records.iter().map(|r| (r.clone(), "2024-03")).collect();
        let (_, bundles) = report_bundles(month(&records), 10_000);
        assert_eq!(
            bundle_records(&bundles[0].1),
            Some(("2024-03-0", vec![&records[0][..], &records[1][..]]))
        );
        let (_, bundles) = report_bundles(month(&records), 1);
        assert_eq!(
            bundle_records(&bundles[1].1),
            Some(("2024-03-1", vec![&records[1][..]]))
        );
        for broken in [
            "annalsSearch.docs(\"a\",[{\"a\":1}x]);\n",
            "annalsSearch.docs(\"a\",[{\"a]);\n",
            "annalsSearch.docs(0,[{\"a\":1}]);\n",
        ] {
            assert_eq!(bundle_records(broken), None, "{broken}");
        }
    }
}
