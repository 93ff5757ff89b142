//! One file of the built site, and where rendered files go: the value every stage that makes
//! files (rendering, the search index) hands to every stage that keeps them (the output writer,
//! the preview's memory, `check`'s list of paths). A leaf: it depends on nothing of annals.

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path relative to the output folder, `/`-separated (`2024/03/index.html`).
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go. Called from many threads at once.
pub type Sink<'a> = dyn Fn(Output) -> std::io::Result<()> + Sync + 'a;
