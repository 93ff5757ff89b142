//! Office levels: which group of the officials index a role belongs to, read from the role's
//! title by a table (documented in docs/format.md, "Officials index"), and overridable per
//! official with `level` in site.toml's registry.
//!
//! A role is matched after folding it to simplified characters, so `南岸區區長` and `南岸区区长`
//! land in one group. Rows are tried in order: the first whose prefix starts the role, or whose
//! title ends it, decides. A role no row matches is `other`; an official with no role at all is
//! `other` too (and shown as "role unknown").

use crate::text::fold::fold;
use serde::Serialize;

/// The groups of the officials index, in the order the page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OfficeLevel {
    /// Visiting officials of higher levels: the province, the central government.
    Higher,
    /// The city's leadership: party secretary, mayor, vice mayors, secretary-general.
    City,
    /// Leaders of districts and counties under the city.
    District,
    /// Leaders of towns, townships and subdistricts.
    Township,
    /// Heads of departments, bureaus, commissions and offices.
    Department,
    /// Any other role, or none.
    Other,
}

impl OfficeLevel {
    pub const ALL: [OfficeLevel; 6] = [
        OfficeLevel::Higher,
        OfficeLevel::City,
        OfficeLevel::District,
        OfficeLevel::Township,
        OfficeLevel::Department,
        OfficeLevel::Other,
    ];

    /// The name used in site.toml (`level = "city"`), in anchors and in CSS classes.
    pub fn id(self) -> &'static str {
        match self {
            OfficeLevel::Higher => "higher",
            OfficeLevel::City => "city",
            OfficeLevel::District => "district",
            OfficeLevel::Township => "township",
            OfficeLevel::Department => "department",
            OfficeLevel::Other => "other",
        }
    }

    /// The level of a site.toml `level` value.
    pub fn from_id(id: &str) -> Option<OfficeLevel> {
        OfficeLevel::ALL.into_iter().find(|l| l.id() == id)
    }

    /// Every `level` value, for messages.
    pub fn ids() -> Vec<&'static str> {
        OfficeLevel::ALL.iter().map(|l| l.id()).collect()
    }
}

/// One row of the table: a role that starts with one of `prefixes` or ends with one of
/// `titles` (simplified script) is of `level`.
struct Row {
    level: OfficeLevel,
    prefixes: &'static [&'static str],
    titles: &'static [&'static str],
}

/// The table, tried top to bottom. Titles name the office, so `南岸区区长` ends with `区长`; a
/// longer title must come before a shorter one that ends it in a later row (`区委书记` before
/// a bare `书记`, which no row lists: it is too vague to place).
const TABLE: &[Row] = &[
    Row {
        level: OfficeLevel::Higher,
        prefixes: &["省", "自治区", "中央", "国务院", "全国", "国家"],
        titles: &["省长", "副省长", "省委书记", "省委副书记", "厅长", "副厅长"],
    },
    Row {
        level: OfficeLevel::City,
        prefixes: &[],
        titles: &[
            "市委书记",
            "市委副书记",
            "市长",
            "秘书长",
            "市人大常委会主任",
            "市政协主席",
            "市纪委书记",
            "市委常委",
        ],
    },
    Row {
        level: OfficeLevel::District,
        prefixes: &[],
        titles: &[
            "区长",
            "区委书记",
            "区委副书记",
            "县长",
            "县委书记",
            "县委副书记",
            "旗长",
            "管委会主任",
        ],
    },
    Row {
        level: OfficeLevel::Township,
        prefixes: &[],
        titles: &[
            "镇长",
            "乡长",
            "镇党委书记",
            "乡党委书记",
            "党工委书记",
            "街道办事处主任",
            "街道主任",
            "村党支部书记",
            "村主任",
            "社区书记",
        ],
    },
    Row {
        level: OfficeLevel::Department,
        prefixes: &[],
        titles: &[
            "局长",
            "主任",
            "处长",
            "科长",
            "部长",
            "院长",
            "校长",
            "行长",
            "所长",
            "队长",
            "台长",
            "馆长",
            "总经理",
            "董事长",
        ],
    },
];

/// The level of a role as written (either script).
pub fn level_of_role(role: &str) -> OfficeLevel {
    let role = fold(role.trim());
    for row in TABLE {
        if row.prefixes.iter().any(|p| role.starts_with(p))
            || row.titles.iter().any(|t| role.ends_with(t))
        {
            return row.level;
        }
    }
    OfficeLevel::Other
}

/// Whether a role is held by one person at a time, so that someone else named with exactly this
/// role later means the earlier holder left it: not a deputy (`副`, `常务`) or a member, and not
/// a bare district, town or department title (`区长` alone does not say which district).
pub fn is_single_holder(role: &str) -> bool {
    let role = fold(role.trim());
    if ["副", "常务", "委员", "常委", "成员", "代表", "助理"]
        .iter()
        .any(|w| role.contains(w))
    {
        return false;
    }
    match level_of_role(&role) {
        OfficeLevel::City => true,
        OfficeLevel::Other => false,
        _ => {
            // A place or body before the title: `南岸区区长`, `市财政局局长`.
            let bare = TABLE
                .iter()
                .flat_map(|row| row.titles.iter())
                .any(|t| role == *t);
            !bare
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_grouped_by_the_table_in_either_script() {
        let cases = [
            ("市長", OfficeLevel::City),
            ("副市長", OfficeLevel::City),
            ("常務副市長", OfficeLevel::City),
            ("市委書記", OfficeLevel::City),
            ("市政府秘書長", OfficeLevel::City),
            ("南岸區區長", OfficeLevel::District),
            ("江北区代区长", OfficeLevel::District),
            ("區長", OfficeLevel::District),
            ("青石縣縣長", OfficeLevel::District),
            ("東湖鎮鎮長", OfficeLevel::Township),
            ("濱江街道黨工委書記", OfficeLevel::Township),
            ("市財政局局長", OfficeLevel::Department),
            ("市發展改革委主任", OfficeLevel::Department),
            ("省水利廳副廳長", OfficeLevel::Higher),
            ("副省長", OfficeLevel::Higher),
            ("書記", OfficeLevel::Other),
            ("代表", OfficeLevel::Other),
            ("", OfficeLevel::Other),
        ];
        for (role, level) in cases {
            assert_eq!(level_of_role(role), level, "{role}");
        }
    }

    #[test]
    fn single_holder_offices_are_named_ones_without_deputies() {
        assert!(is_single_holder("市長"));
        assert!(is_single_holder("江北區區長"));
        assert!(is_single_holder("市政府秘書長"));
        assert!(!is_single_holder("副市長"));
        assert!(!is_single_holder("常務副市長"));
        assert!(!is_single_holder("區長"), "bare: which district?");
        assert!(!is_single_holder("局長"));
        assert!(!is_single_holder("市委常委"));
        assert!(!is_single_holder("顧問"));
    }

    #[test]
    fn level_ids_round_trip() {
        for level in OfficeLevel::ALL {
            assert_eq!(OfficeLevel::from_id(level.id()), Some(level));
        }
        assert_eq!(OfficeLevel::from_id("mayor"), None);
    }
}
