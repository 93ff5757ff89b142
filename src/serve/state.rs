//! What the preview server currently serves: the last good build, held in memory, and the
//! problems of the last failed rebuild, if any.
//!
//! The rebuild thread is the only writer; HTTP handlers take the read lock just long enough to
//! clone one file's `Arc`. Rendered pages live in memory (nothing is ever written into the site
//! folder or anywhere else); site `static/` files are served from their source files, but only
//! those the last build listed, so a request can only ever reach a file of the built site.
//! Every change of the state is announced on a broadcast channel that the live-reload websockets
//! forward to open browser tabs.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;

/// A file of the served site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Rendered by the build, held in memory.
    Memory(Arc<[u8]>),
    /// A site `static/` file, read from its source when requested.
    Disk(PathBuf),
}

/// The state of the preview, as a browser tab should see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// Changes whenever the served site changes; a tab showing another build reloads.
    pub build_id: Arc<str>,
    /// The error overlay of the last failed rebuild (an HTML fragment), until a good one.
    pub error: Option<Arc<str>>,
    /// False until the first good build: every page is then an error page.
    pub built: bool,
}

#[derive(Debug)]
struct State {
    rendered: HashMap<String, Arc<[u8]>>,
    statics: HashMap<String, PathBuf>,
    status: Status,
    generation: u64,
}

/// The served site, shared by the rebuild thread and every request.
#[derive(Debug)]
pub struct Published {
    state: RwLock<State>,
    /// Fires on every status change; receivers re-read [`Published::status`].
    changes: broadcast::Sender<Status>,
    /// Distinguishes this run from an earlier server on the same port (tabs left open reload).
    run_id: String,
}

impl Published {
    pub fn new() -> Published {
        let run_id = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| format!("{:x}", d.as_nanos() & 0xffff_ffff_ffff))
            .unwrap_or_default();
        let (changes, _) = broadcast::channel(16);
        Published {
            state: RwLock::new(State {
                rendered: HashMap::new(),
                statics: HashMap::new(),
                status: Status {
                    build_id: format!("{run_id}-0").into(),
                    error: None,
                    built: false,
                },
                generation: 0,
            }),
            changes,
            run_id,
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(|e| e.into_inner())
    }

    /// The file at a site-relative path (`2024/03/index.html`). Static files win over rendered
    /// ones, as in `annals build`, where they are copied over the rendered output.
    pub fn find(&self, key: &str) -> Option<Found> {
        let state = self.read();
        if let Some(path) = state.statics.get(key) {
            return Some(Found::Disk(path.clone()));
        }
        state.rendered.get(key).cloned().map(Found::Memory)
    }

    /// True if `key` names a file of the site (used to redirect `/2024` to `/2024/`).
    pub fn contains(&self, key: &str) -> bool {
        let state = self.read();
        state.statics.contains_key(key) || state.rendered.contains_key(key)
    }

    pub fn status(&self) -> Status {
        self.read().status.clone()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Status> {
        self.changes.subscribe()
    }

    /// The bytes currently served at `key`, to keep identical files shared between builds.
    pub fn rendered(&self, key: &str) -> Option<Arc<[u8]>> {
        self.read().rendered.get(key).cloned()
    }

    /// Replaces the whole site after a good full build and tells the tabs to reload.
    pub fn replace(&self, rendered: HashMap<String, Arc<[u8]>>, statics: HashMap<String, PathBuf>) {
        self.update(|state| {
            state.rendered = rendered;
            state.statics = statics;
            true
        });
    }

    /// Replaces some rendered files after a good partial rebuild and tells the tabs to reload.
    pub fn patch(&self, files: Vec<(String, Arc<[u8]>)>) {
        self.update(|state| {
            state.rendered.extend(files);
            true
        });
    }

    /// Replaces the rendered files without a reload unless `reload` (a settled render that
    /// only refreshed files no open page shows, such as the search index).
    pub fn settle(&self, rendered: HashMap<String, Arc<[u8]>>, reload: bool) {
        self.update(|state| {
            state.rendered = rendered;
            reload
        });
    }

    /// Lists the site `static/` files anew (a static file was added, changed or removed). Not
    /// a build: the problems of a failed one stay shown.
    pub fn replace_statics(&self, statics: HashMap<String, PathBuf>) {
        let mut state = self.write();
        state.statics = statics;
        self.announce_new_build(&mut state);
    }

    /// Keeps serving the last good site and shows `overlay` on every page.
    pub fn fail(&self, overlay: String) {
        let overlay: Arc<str> = overlay.into();
        let mut state = self.write();
        state.status.error = Some(overlay);
        let _ = self.changes.send(state.status.clone());
    }

    /// Applies `change`; a good build clears the error. If `change` says so, or the error
    /// overlay went away, the build id changes so that open tabs reload.
    fn update(&self, change: impl FnOnce(&mut State) -> bool) {
        let mut state = self.write();
        let reload = change(&mut state) || state.status.error.is_some() || !state.status.built;
        state.status.error = None;
        state.status.built = true;
        if reload {
            self.announce_new_build(&mut state);
        }
    }

    /// Gives the site a new build id and tells every tab.
    fn announce_new_build(&self, state: &mut State) {
        state.generation += 1;
        state.status.build_id = format!("{}-{}", self.run_id, state.generation).into();
        let _ = self.changes.send(state.status.clone());
    }
}

impl Default for Published {
    fn default() -> Self {
        Published::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(text: &str) -> Arc<[u8]> {
        Arc::from(text.as_bytes())
    }

    #[test]
    fn statics_win_and_failures_keep_the_last_good_site() {
        let published = Published::new();
        assert!(!published.status().built);
        let mut rendered = HashMap::new();
        rendered.insert("index.html".to_string(), bytes("home"));
        rendered.insert("a.css".to_string(), bytes("rendered"));
        let mut statics = HashMap::new();
        statics.insert("a.css".to_string(), PathBuf::from("static/a.css"));
        published.replace(rendered, statics);
        let first = published.status();
        assert!(first.built && first.error.is_none());
        assert_eq!(
            published.find("a.css"),
            Some(Found::Disk("static/a.css".into()))
        );

        let mut changes = published.subscribe();
        published.fail("<div>broken</div>".into());
        let failed = changes.try_recv().unwrap();
        assert_eq!(failed.build_id, first.build_id, "a failure does not reload");
        assert_eq!(failed.error.as_deref(), Some("<div>broken</div>"));
        assert_eq!(
            published.find("index.html"),
            Some(Found::Memory(bytes("home")))
        );

        published.replace_statics(HashMap::new());
        let statics_changed = changes.try_recv().unwrap();
        assert_ne!(statics_changed.build_id, first.build_id);
        assert!(
            statics_changed.error.is_some(),
            "a static file does not fix the build"
        );

        published.patch(vec![("index.html".into(), bytes("fixed"))]);
        let fixed = changes.try_recv().unwrap();
        assert_ne!(fixed.build_id, first.build_id);
        assert!(fixed.error.is_none());
        assert_eq!(
            published.find("index.html"),
            Some(Found::Memory(bytes("fixed")))
        );
        assert_eq!(published.find("missing.html"), None);
    }

    #[test]
    fn a_quiet_settle_does_not_reload() {
        let published = Published::new();
        published.replace(HashMap::new(), HashMap::new());
        let mut changes = published.subscribe();
        published.settle(HashMap::new(), false);
        assert!(changes.try_recv().is_err());
        published.settle(HashMap::new(), true);
        assert!(changes.try_recv().is_ok());
    }
}
