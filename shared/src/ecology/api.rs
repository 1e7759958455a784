//! Ecological compensation's routes.

use super::{EcologyDto, EcologyFigures, EcologyImportQuery, EcologyImportReport, EcologyInput, EcologyQuery};
use crate::client::api;
use crate::funds::RatesQuery;
use crate::page::Page;

api! {
    GET "/api/v1/ecology-compensations" => ecology_compensations() query(EcologyQuery) -> Page<EcologyDto>;
    POST "/api/v1/ecology-compensations" => create_ecology_compensation() body(EcologyInput) -> EcologyDto;
    /// Checks (`commit=false`) or imports the bureau's CSV or xlsx file, matched by ID card.
    POST "/api/v1/ecology-compensations/import" => import_ecology_compensations() query(EcologyImportQuery) upload(file) -> EcologyImportReport;
    DOWNLOAD "/api/v1/ecology-compensations/import-template.xlsx" => ecology_template() -> Vec<u8>;
    GET "/api/v1/ecology/figures" => ecology_figures() query(RatesQuery) -> EcologyFigures;
}
