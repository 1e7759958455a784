//! The report's routes in the typed client.

use super::{AnnualReport, AnnualReportQuery};
use crate::client::api;

api! {
    /// Every family's figures for one year, date and subtree, read together.
    GET "/api/v1/reports/annual" => annual_report() query(AnnualReportQuery) -> AnnualReport;
    /// The same report as xlsx, one sheet per section present.
    DOWNLOAD "/api/v1/reports/annual.xlsx" => annual_report_xlsx() query(AnnualReportQuery) -> Vec<u8>;
}
