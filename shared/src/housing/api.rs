//! Housing safety's routes.

use super::{HousingCheckDto, HousingCheckInput, HousingFigures, HousingQuery, RenovationDto, RenovationInput};
use crate::client::api;
use crate::funds::RatesQuery;
use crate::page::Page;
use crate::registry::{ImportQuery, RecordImportReport};

api! {
    GET "/api/v1/housing-checks" => housing_checks() query(HousingQuery) -> Page<HousingCheckDto>;
    POST "/api/v1/housing-checks" => create_housing_check() body(HousingCheckInput) -> HousingCheckDto;
    /// Rows matched by the household head's ID card; a commit with any row error imports nothing.
    POST "/api/v1/housing-checks/import" => import_housing_checks() query(ImportQuery) upload(file) -> RecordImportReport;
    DOWNLOAD "/api/v1/housing-checks/import-template.xlsx" => housing_check_template() -> Vec<u8>;
    /// A photo of the house (JPEG, PNG or WebP; stored re-encoded, without EXIF or GPS).
    POST "/api/v1/housing-checks/{id}/photos" => add_housing_photo(id: i64) upload(file) -> HousingCheckDto;
    DOWNLOAD "/api/v1/housing-checks/{id}/photos/{photo}" => housing_photo(id: i64, photo: i64) -> Vec<u8>;
    GET "/api/v1/housing-renovations" => housing_renovations() query(HousingQuery) -> Page<RenovationDto>;
    /// The government's top-up is computed (cost − subsidy), never sent.
    POST "/api/v1/housing-renovations" => create_housing_renovation() body(RenovationInput) -> RenovationDto;
    /// Rows matched by the household head's ID card; a commit with any row error imports nothing.
    POST "/api/v1/housing-renovations/import" => import_housing_renovations() query(ImportQuery) upload(file) -> RecordImportReport;
    DOWNLOAD "/api/v1/housing-renovations/import-template.xlsx" => renovation_template() -> Vec<u8>;
    PUT "/api/v1/housing-renovations/{id}" => update_housing_renovation(id: i64) body(RenovationInput) -> RenovationDto;
    GET "/api/v1/housing/figures" => housing_figures() query(RatesQuery) -> HousingFigures;
}
