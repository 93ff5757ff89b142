//! Comparing one draft with its annotation, and adding the comparisons up.

use annals::diagnostics::Diagnostic;
use annals::import::Draft;
use std::fmt::Write;

/// Found, expected and matched counts of one field.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub found: usize,
    pub expected: usize,
    pub matched: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.found += other.found;
        self.expected += other.expected;
        self.matched += other.matched;
    }

    pub fn recall(&self) -> String {
        percent(self.matched, self.expected)
    }

    pub fn precision(&self) -> String {
        percent(self.matched, self.found)
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "n/a".to_string();
    }
    format!(
        "{:.0} % ({part} of {whole})",
        100.0 * part as f64 / whole as f64
    )
}

/// How one page fared.
#[derive(Debug, Default)]
pub struct PageResult {
    pub file: String,
    pub region: String,
    pub officials: Counts,
    /// Officials found whose role is exactly the annotated one.
    pub roles_right: usize,
    pub districts: Counts,
    pub date_right: bool,
    pub title_right: bool,
    /// What differs, for `--verbose`.
    notes: Vec<String>,
}

impl PageResult {
    /// Compares the importer's answer for one page with what the annotation expects.
    pub fn compare(
        file: &str,
        region: &str,
        date: &str,
        titles: &[String],
        officials: &[String],
        districts: &[String],
        draft: Result<Draft, Box<Diagnostic>>,
    ) -> PageResult {
        let mut result = PageResult {
            file: file.to_string(),
            region: region.to_string(),
            ..PageResult::default()
        };
        let expected_officials: Vec<(&str, &str)> = officials
            .iter()
            .map(|o| o.split_once(' ').unwrap_or((o.as_str(), "")))
            .collect();
        result.officials.expected = expected_officials.len();
        result.districts.expected = districts.len();
        let draft = match draft {
            Ok(draft) => draft,
            Err(problem) => {
                let asks_for_date = problem
                    .hint
                    .as_deref()
                    .is_some_and(|h| h.contains("--date"));
                result.date_right = date == "refuse" && asks_for_date;
                result.notes.push(format!("refused: {}", problem.message));
                return result;
            }
        };
        result.date_right = draft.date.to_string() == date;
        if !result.date_right {
            result
                .notes
                .push(format!("date {} (expected {date})", draft.date));
        }
        result.title_right = titles.contains(&draft.title);
        if !result.title_right {
            result.notes.push(format!("title 「{}」", draft.title));
        }
        result.compare_officials(&draft, &expected_officials);
        result.compare_districts(&draft, districts);
        result
    }

    fn compare_officials(&mut self, draft: &Draft, expected: &[(&str, &str)]) {
        self.officials.found = draft.officials.len();
        for official in &draft.officials {
            let role = official.role.as_deref().unwrap_or("");
            match expected.iter().find(|(name, _)| *name == official.name) {
                Some((_, want)) => {
                    self.officials.matched += 1;
                    if *want == role {
                        self.roles_right += 1;
                    } else {
                        self.notes.push(format!(
                            "role of {}: 「{role}」 (expected 「{want}」)",
                            official.name
                        ));
                    }
                }
                None => self
                    .notes
                    .push(format!("extra official {} 「{role}」", official.name)),
            }
        }
        for (name, role) in expected {
            if !draft.officials.iter().any(|o| o.name == *name) {
                self.notes
                    .push(format!("missed official {name} 「{role}」"));
            }
        }
    }

    fn compare_districts(&mut self, draft: &Draft, expected: &[String]) {
        self.districts.found = draft.districts.len();
        for district in &draft.districts {
            if expected.contains(district) {
                self.districts.matched += 1;
            } else {
                self.notes.push(format!("extra district {district}"));
            }
        }
        for district in expected {
            if !draft.districts.contains(district) {
                self.notes.push(format!("missed district {district}"));
            }
        }
    }

    /// The differences of this page, one per line, under its file name.
    pub fn differences(&self) -> String {
        let mut out = String::new();
        if self.notes.is_empty() {
            return out;
        }
        let _ = writeln!(out, "{}:", self.file);
        for note in &self.notes {
            let _ = writeln!(out, "  {note}");
        }
        out
    }
}

/// The sums over a set of pages.
#[derive(Debug, Default)]
pub struct Tally {
    pub pages: usize,
    pub officials: Counts,
    pub roles_right: usize,
    pub districts: Counts,
    pub dates_right: usize,
    pub titles_right: usize,
}

impl Tally {
    pub fn of<'a>(results: impl Iterator<Item = &'a PageResult>) -> Tally {
        let mut tally = Tally::default();
        for result in results {
            tally.pages += 1;
            tally.officials.add(result.officials);
            tally.roles_right += result.roles_right;
            tally.districts.add(result.districts);
            tally.dates_right += usize::from(result.date_right);
            tally.titles_right += usize::from(result.title_right);
        }
        tally
    }

    /// Roles exactly as written, of the officials found.
    pub fn roles(&self) -> String {
        percent(self.roles_right, self.officials.matched)
    }
}
