//! The front matter keys of a report, defined once: their names, what each holds, how to write
//! it, and the hint a mistake gets. Parsing (unknown keys, did-you-mean, type checks), the
//! messages and docs/format.md's front-matter block all follow this table; a test keeps the
//! documentation in step with it.
//!
//! Adding a key: a plain text key that only templates and search read (`venue`) is one row here
//! with `plain: true`, and its `search` column says whether search finds it and shows it in
//! results (the index, the query script and its Rust twin follow the column: nothing else to
//! edit). A key annals itself interprets also needs its field in `front_matter.rs` and wherever
//! the value is used (the `Report`, a template view).

/// What a key's value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One line of text.
    Text,
    /// `YYYY-MM-DD` or an RFC 3339 date-time (also accepted when YAML reads it as a number).
    Date,
    /// A list of names, or of `{name, role}` maps.
    Officials,
    /// A list of names.
    Names,
    /// `true` or `false`.
    Flag,
    /// A map of the writer's own keys, handed to templates.
    Map,
}

impl Shape {
    /// How the expected value is named in messages.
    pub fn expected(self) -> &'static str {
        match self {
            Shape::Text => "a string",
            Shape::Date => "a date",
            Shape::Officials | Shape::Names => "a list",
            Shape::Flag => "a boolean",
            Shape::Map => "a map",
        }
    }
}

/// What search does with a key's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Search {
    /// Not in the search index.
    No,
    /// Searched by rules of its own (title, officials, districts, tags; see docs/search.md).
    Own,
    /// A plain key searched like the title (found, ranked first), not shown in results.
    Found,
    /// A plain key searched like the title and shown in each result, after the names.
    Shown,
}

/// One front matter key.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    pub shape: Shape,
    pub required: bool,
    /// A plain text value nothing but templates read: handed to them as `report.<key>` (none
    /// when absent). Adding such a key is this one row (plus the template and docs).
    pub plain: bool,
    /// What search does with it; `Found` and `Shown` are read for plain keys only.
    pub search: Search,
    /// What the key means, for documentation.
    pub meaning: &'static str,
    /// How to write it right, shown after a mistake.
    pub hint: &'static str,
}

/// Every key of the front matter, in the order docs/format.md lists them.
pub const FIELDS: &[Field] = &[
    Field {
        key: "title",
        shape: Shape::Text,
        required: true,
        plain: false,
        search: Search::Own,
        meaning: "the report's headline",
        hint: "`title` is one line of text, e.g. `title: 全市城市更新項目推進會召開`",
    },
    Field {
        key: "date",
        shape: Shape::Date,
        required: true,
        plain: false,
        search: Search::No,
        meaning: "the meeting date: YYYY-MM-DD, or an RFC 3339 date-time",
        hint: "write the date as `date: 2024-03-14`",
    },
    Field {
        key: "officials",
        shape: Shape::Officials,
        required: false,
        plain: false,
        search: Search::Own,
        meaning: "officials present, each a name or a {name, role} map",
        hint: "write a list: `officials: [林靜怡, 陳建國]`, or one `- name: …` per line",
    },
    Field {
        key: "districts",
        shape: Shape::Names,
        required: false,
        plain: false,
        search: Search::Own,
        meaning: "districts concerned",
        hint: "write a list: `districts: [江北區, 南岸區]`",
    },
    Field {
        key: "tags",
        shape: Shape::Names,
        required: false,
        plain: false,
        search: Search::Own,
        meaning: "topics",
        hint: "write a list: `tags: [城市更新]`",
    },
    Field {
        key: "summary",
        shape: Shape::Text,
        required: false,
        plain: false,
        search: Search::No,
        meaning: "one sentence; default: the body's first paragraph",
        hint: "`summary` is text; quote it if it contains `: `",
    },
    Field {
        key: "source",
        shape: Shape::Text,
        required: false,
        plain: false,
        search: Search::No,
        meaning: "the URL of the original publication",
        hint: "`source` is the URL of the original publication",
    },
    Field {
        key: "venue",
        shape: Shape::Text,
        required: false,
        plain: true,
        search: Search::Shown,
        meaning: "where the meeting took place",
        hint: "`venue` is one line of text, e.g. `venue: 市政府第一會議室`",
    },
    Field {
        key: "slug",
        shape: Shape::Text,
        required: false,
        plain: false,
        search: Search::No,
        meaning: "the last part of the report's URL; default: from the file name",
        hint: "`slug` is lowercase ASCII words joined by dashes, e.g. `urban-renewal-meeting`",
    },
    Field {
        key: "draft",
        shape: Shape::Flag,
        required: false,
        plain: false,
        search: Search::No,
        meaning: "drafts are built only with --drafts",
        hint: "`draft` is `true` or `false`",
    },
    Field {
        key: "extra",
        shape: Shape::Map,
        required: false,
        plain: false,
        search: Search::No,
        meaning: "free-form values handed to templates untouched",
        hint: "`extra` is a map of your own keys, e.g. `extra: {room: 3}`",
    },
];

/// The row of a key, if it is one.
pub fn field(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.key == key)
}

/// The plain text keys (see [`Field::plain`]).
pub fn plain() -> impl Iterator<Item = &'static Field> {
    FIELDS.iter().filter(|f| f.plain)
}

/// The plain keys search finds (see [`Search`]).
pub fn searched() -> impl Iterator<Item = &'static Field> {
    plain().filter(|f| matches!(f.search, Search::Found | Search::Shown))
}

/// Every key's name, in table order.
pub fn keys() -> Vec<&'static str> {
    FIELDS.iter().map(|f| f.key).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/format.md's front matter example shows every key, in this order, and no other.
    #[test]
    fn the_format_documents_every_key() {
        let format =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/format.md"))
                .expect("docs/format.md");
        let block = format
            .split("```yaml\n---\n")
            .nth(1)
            .and_then(|b| b.split("\n---\n").next())
            .expect("the front matter example of docs/format.md");
        let documented: Vec<&str> = block
            .lines()
            .filter(|l| !l.starts_with(' ') && !l.starts_with('-'))
            .filter_map(|l| l.split(':').next())
            .collect();
        assert_eq!(documented, keys(), "docs/format.md's front matter block");
    }
}
