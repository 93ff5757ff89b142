//! Small value types every stage shares — a calendar date and the kinds of entity — in a leaf
//! module, so that the URL table and the stages can all name them without depending on each
//! other. `content` and `archive` re-export them where they are used most.

use serde::Serialize;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The kinds of entity the archive indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Official,
    District,
    Tag,
}

impl EntityKind {
    /// The first URL segment of this kind's pages.
    pub fn section(self) -> &'static str {
        match self {
            EntityKind::Official => "officials",
            EntityKind::District => "districts",
            EntityKind::Tag => "tags",
        }
    }
}
