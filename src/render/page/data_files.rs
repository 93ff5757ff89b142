//! The open data files of the page list: which of `data/` the site's `[outputs]` asks for, and
//! the reports each shows.

use super::{List, Page, PageKind, Shows, file};
use crate::config::Config;
use crate::urls;

/// The files under `data/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFile {
    ReportsJson,
    ReportsCsv,
    OfficialsJson,
    OfficialsCsv,
    DistrictsJson,
    DistrictsCsv,
    Popolo,
}

/// The open data sets `[outputs]` asks for. Report records hold more than cards (venue, source),
/// so any edit of a report renders them again; entity records change only with the structure.
pub(super) fn data_pages(config: &Config, pages: &mut Vec<Page>) {
    let on = &config.outputs;
    let every_report = Shows::Bodies(List::All);
    let sets = [
        (
            on.reports_data,
            DataFile::ReportsJson,
            urls::REPORTS_JSON,
            every_report.clone(),
        ),
        (
            on.reports_data,
            DataFile::ReportsCsv,
            urls::REPORTS_CSV,
            every_report,
        ),
        (
            on.officials_data,
            DataFile::OfficialsJson,
            urls::OFFICIALS_JSON,
            Shows::Nothing,
        ),
        (
            on.officials_data,
            DataFile::OfficialsCsv,
            urls::OFFICIALS_CSV,
            Shows::Nothing,
        ),
        (
            on.districts_data,
            DataFile::DistrictsJson,
            urls::DISTRICTS_JSON,
            Shows::Nothing,
        ),
        (
            on.districts_data,
            DataFile::DistrictsCsv,
            urls::DISTRICTS_CSV,
            Shows::Nothing,
        ),
        (on.popolo, DataFile::Popolo, urls::POPOLO, Shows::Nothing),
    ];
    for (wanted, data, path, shows) in sets {
        if wanted {
            pages.push(file(PageKind::Data(data), path, shows));
        }
    }
}
