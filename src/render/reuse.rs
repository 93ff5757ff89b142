//! Page keys: what each HTML page was rendered from, so a rebuild renders only the pages whose
//! inputs changed.
//!
//! A page's key is a hash of everything its template sees: the template's name and the
//! serialised context (meta, the kind's typed fields, the report cards). Whatever else a template
//! reads — the templates themselves, `config`, `t`, `lang`, the annals binary — is covered by the
//! settings fingerprint ([`crate::fingerprint::of_settings`]) kept with the keys: when it changes,
//! no key is trusted. So equal keys mean equal bytes, and a page whose key did not change need not
//! be rendered at all: the previous file is kept.
//!
//! The same keys serve both consumers: `annals build` keeps them in the output folder
//! ([`PAGE_KEYS_FILE`]), and the preview server keeps them in memory between renders. Pages that
//! are not HTML are keyed where that pays: each entity's feeds and calendar
//! ([`super::file_keys`]); the search index is patched from its own state
//! ([`crate::search::patch`]); the rest (site-wide feeds, data sets, the sitemap) are always made,
//! and the writer skips those whose bytes did not change.

use serde::Serialize;
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The bookkeeping file in the output folder holding the page keys of the last build.
pub const PAGE_KEYS_FILE: &str = ".annals-pages";

/// Output path → key, with the settings fingerprint the keys were made under.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageKeys {
    pub settings: String,
    pub keys: HashMap<String, u64>,
}

impl PageKeys {
    /// The file's text: `settings <fingerprint>`, then one `<key> <path>` line per page, sorted.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut lines: Vec<(&String, &u64)> = self.keys.iter().collect();
        lines.sort_unstable();
        let mut text = format!("settings {}\n", self.settings);
        text.reserve(lines.len() * 64);
        for (path, key) in lines {
            let _ = writeln!(text, "{key:016x} {path}");
        }
        text
    }

    /// Reads what [`PageKeys::to_text`] wrote; `None` for anything else.
    pub fn from_text(text: &str) -> Option<PageKeys> {
        let mut lines = text.lines();
        let settings = lines.next()?.strip_prefix("settings ")?.to_string();
        let mut keys = HashMap::new();
        for line in lines {
            let (key, path) = line.split_once(' ')?;
            keys.insert(path.to_string(), u64::from_str_radix(key, 16).ok()?);
        }
        Some(PageKeys { settings, keys })
    }
}

/// Which pages may be kept during one render, and the keys of this render.
pub struct Reuse<'a> {
    /// Keys of the previous render, made under the same settings (`None`: render everything).
    previous: Option<&'a PageKeys>,
    /// Keeps the previous file of a path, if it still exists; false if it cannot.
    keep: &'a (dyn Fn(&str) -> bool + Sync),
    current: Mutex<HashMap<String, u64>>,
    kept: AtomicUsize,
    /// Files other than HTML pages kept (feeds and calendars with a key).
    kept_files: AtomicUsize,
    /// The previous build's search index, which this render may patch.
    previous_search: Option<crate::search::PreviousIndex<'a>>,
    /// The state of this render's search index, for the next build.
    search_state: Mutex<Option<crate::search::IndexState>>,
    /// The previous build's site calendar, whose events this render may copy.
    previous_events: Option<super::open_data::calendar::PreviousEvents>,
    /// The key of each report's calendar event in this render, for the next build.
    event_keys: Mutex<Option<Vec<Option<u64>>>>,
}

impl<'a> Reuse<'a> {
    pub fn new(previous: Option<&'a PageKeys>, keep: &'a (dyn Fn(&str) -> bool + Sync)) -> Self {
        Reuse {
            previous,
            keep,
            current: Mutex::default(),
            kept: AtomicUsize::new(0),
            kept_files: AtomicUsize::new(0),
            previous_search: None,
            search_state: Mutex::default(),
            previous_events: None,
            event_keys: Mutex::default(),
        }
    }

    /// Lets this render copy events from the previous build's site calendar (trusted like its
    /// page keys: same settings, beside a complete build).
    pub fn with_previous_events(
        mut self,
        previous: Option<super::open_data::calendar::PreviousEvents>,
    ) -> Self {
        self.previous_events = previous.filter(|_| self.previous.is_some());
        self
    }

    /// The previous site calendar, if this render may copy its events.
    pub fn previous_events(&self) -> Option<&super::open_data::calendar::PreviousEvents> {
        self.previous_events.as_ref()
    }

    /// Records the key of each report's calendar event in this render.
    pub fn set_event_keys(&self, keys: Vec<Option<u64>>) {
        *self.event_keys.lock().expect("lock") = Some(keys);
    }

    /// The key of each report's calendar event in this render, if its site calendar was made.
    pub fn take_event_keys(&self) -> Option<Vec<Option<u64>>> {
        self.event_keys.lock().expect("lock").take()
    }

    /// Lets this render patch the previous build's search index (trusted like its page keys:
    /// same settings, beside a complete build).
    pub fn with_previous_search(
        mut self,
        previous: Option<crate::search::PreviousIndex<'a>>,
    ) -> Self {
        self.previous_search = previous.filter(|_| self.previous.is_some());
        self
    }

    /// The previous search index, if this render may patch it.
    pub fn previous_search(&self) -> Option<&crate::search::PreviousIndex<'a>> {
        self.previous_search.as_ref()
    }

    /// Keeps the previous file of `path`; false if it cannot.
    pub fn keep_file(&self, path: &str) -> bool {
        (self.keep)(path)
    }

    /// Records the state of this render's search index.
    pub fn set_search_state(&self, state: crate::search::IndexState) {
        *self.search_state.lock().expect("lock") = Some(state);
    }

    /// The state of this render's search index, if it made one.
    pub fn take_search_state(&self) -> Option<crate::search::IndexState> {
        self.search_state.lock().expect("lock").take()
    }

    /// Records `key` for `path`; true when the previous render made it from the same inputs and
    /// its file was kept (then it must not be rendered again). A page without a key is always
    /// rendered.
    pub fn unchanged(&self, path: &str, key: Option<u64>) -> bool {
        self.kept_if_unchanged(path, key, &self.kept)
    }

    /// As [`Reuse::unchanged`], for a file that is not an HTML page (counted apart).
    pub fn unchanged_file(&self, path: &str, key: Option<u64>) -> bool {
        self.kept_if_unchanged(path, key, &self.kept_files)
    }

    fn kept_if_unchanged(&self, path: &str, key: Option<u64>, counter: &AtomicUsize) -> bool {
        let Some(key) = key else {
            return false;
        };
        self.current
            .lock()
            .expect("lock")
            .insert(path.to_string(), key);
        let same = self
            .previous
            .is_some_and(|p| p.keys.get(path) == Some(&key));
        let kept = same && (self.keep)(path);
        if kept {
            counter.fetch_add(1, Ordering::Relaxed);
        }
        kept
    }

    /// How many pages were kept rather than rendered.
    pub fn kept(&self) -> usize {
        self.kept.load(Ordering::Relaxed)
    }

    /// How many files besides HTML pages were kept rather than made.
    pub fn kept_files(&self) -> usize {
        self.kept_files.load(Ordering::Relaxed)
    }

    /// The keys of this render, under `settings`.
    pub fn into_keys(self, settings: String) -> PageKeys {
        PageKeys {
            settings,
            keys: self.current.into_inner().expect("lock"),
        }
    }
}

/// Hashes serialised values: the bytes bincode writes for them (strings as length and bytes,
/// nothing escaped) go straight into the hasher.
#[derive(Default)]
pub struct KeyWriter {
    /// XXH3: several times faster than SipHash on the many short writes bincode makes.
    hasher: xxhash_rust::xxh3::Xxh3Default,
    /// A value could not be serialised: the key means nothing and the page is rendered.
    failed: bool,
}

impl KeyWriter {
    /// Adds one named value.
    pub fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.hasher.update(name.as_bytes());
        self.hasher.update(&[0]);
        // bincode needs every map's length up front, which `#[serde(flatten)]` structs do not
        // give: those are hashed as their JSON text instead (marked, so the two never collide).
        if bincode::serialize_into(&mut *self, value).is_err() {
            self.hasher.update(b"\xffjson");
            if serde_json::to_writer(&mut *self, value).is_err() {
                self.failed = true;
            }
        }
    }

    /// Adds a named part whose key was made beforehand (fields many pages share); `None` (it
    /// could not be made) leaves the page without a key.
    pub fn prehashed(&mut self, name: &str, part: Option<u64>) {
        self.hasher.update(name.as_bytes());
        self.hasher.update(&[1]);
        self.card(part);
    }

    /// Adds a key made beforehand (a report card's); `None` (it could not be made) leaves the
    /// page without a key.
    pub fn card(&mut self, card: Option<u64>) {
        match card {
            Some(card) => self.hasher.update(&card.to_le_bytes()),
            None => self.failed = true,
        }
    }

    /// The key, unless some value could not be serialised.
    pub fn finish(&self) -> Option<u64> {
        (!self.failed).then(|| self.hasher.digest())
    }
}

impl std::io::Write for KeyWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.hasher.update(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_survive_their_file() {
        let mut keys = PageKeys {
            settings: "abc".into(),
            ..PageKeys::default()
        };
        keys.keys.insert("2024/03/index.html".into(), 7);
        keys.keys.insert("官員/x y/index.html".into(), u64::MAX);
        assert_eq!(PageKeys::from_text(&keys.to_text()), Some(keys));
        assert_eq!(PageKeys::from_text("garbage"), None);
        assert_eq!(PageKeys::from_text("settings a\nzz x\n"), None);
    }

    #[test]
    fn a_page_is_kept_only_with_the_same_key_and_its_file() {
        let mut previous = PageKeys::default();
        previous.keys.insert("a.html".into(), 1);
        previous.keys.insert("gone.html".into(), 2);
        let keep = |path: &str| path != "gone.html";
        let reuse = Reuse::new(Some(&previous), &keep);
        assert!(reuse.unchanged("a.html", Some(1)));
        assert!(
            !reuse.unchanged("gone.html", Some(2)),
            "its file is missing"
        );
        assert!(!reuse.unchanged("new.html", Some(3)), "no previous key");
        assert!(!reuse.unchanged("a.html", None), "no key");
        assert_eq!(reuse.kept(), 1);
        let keys = reuse.into_keys("s".into());
        assert_eq!(keys.keys.len(), 3, "a page without a key keeps none");
        let mut changed = KeyWriter::default();
        changed.field("title", "甲");
        let mut same = KeyWriter::default();
        same.field("title", "甲");
        assert_eq!(changed.finish(), same.finish());
        assert!(same.finish().is_some());
        same.field("x", &1);
        assert_ne!(changed.finish(), same.finish());
        // A sequence of unknown length (what `#[serde(flatten)]` makes) is beyond bincode: it
        // is hashed as JSON, and still tells values apart.
        struct Unknown(u8);
        impl Serialize for Unknown {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeSeq;
                let mut seq = s.serialize_seq(None)?;
                seq.serialize_element(&self.0)?;
                seq.end()
            }
        }
        let unknown = |n: u8| {
            let mut key = KeyWriter::default();
            key.field("odd", &Unknown(n));
            key.finish()
        };
        assert!(unknown(1).is_some());
        assert_eq!(unknown(1), unknown(1));
        assert_ne!(unknown(1), unknown(2));
        // A value that cannot be serialised at all: no key, so the page is rendered.
        struct Broken;
        impl Serialize for Broken {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("cannot"))
            }
        }
        same.field("broken", &Broken);
        assert_eq!(same.finish(), None);
    }
}
