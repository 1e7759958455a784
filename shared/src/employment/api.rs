//! Employment's routes: jobs and their import, bases, training, transport subsidies and the
//! figures.

use super::{
    EmploymentBaseDto, EmploymentBaseInput, EmploymentBaseQuery, EmploymentDto, EmploymentFigures, EmploymentInput,
    LabourQuery, TrainingDto, TrainingInput, TransportSubsidyDto, TransportSubsidyInput,
};
use crate::client::api;
use crate::funds::RatesQuery;
use crate::page::Page;
use crate::registry::{ImportQuery, RecordImportReport};
use crate::{EmploymentBaseId, EmploymentId, TrainingId, TransportSubsidyId};

api! {
    GET "/api/v1/employments" => employments() query(LabourQuery) -> Page<EmploymentDto>;
    POST "/api/v1/employments" => create_employment() body(EmploymentInput) -> EmploymentDto;
    DELETE "/api/v1/employments/{id}" => delete_employment(id: EmploymentId) -> ();
    /// Rows matched by ID card; a commit with any row error imports nothing.
    POST "/api/v1/employments/import" => import_employments() query(ImportQuery) upload(file) -> RecordImportReport;
    DOWNLOAD "/api/v1/employments/import-template.xlsx" => employment_template() -> Vec<u8>;
    GET "/api/v1/employment-bases" => employment_bases() query(EmploymentBaseQuery) -> Page<EmploymentBaseDto>;
    POST "/api/v1/employment-bases" => create_employment_base() body(EmploymentBaseInput) -> EmploymentBaseDto;
    PUT "/api/v1/employment-bases/{id}" => update_employment_base(id: EmploymentBaseId) body(EmploymentBaseInput) -> EmploymentBaseDto;
    GET "/api/v1/trainings" => trainings() query(LabourQuery) -> Page<TrainingDto>;
    POST "/api/v1/trainings" => create_training() body(TrainingInput) -> TrainingDto;
    DELETE "/api/v1/trainings/{id}" => delete_training(id: TrainingId) -> ();
    /// Rows matched by ID card; a commit with any row error imports nothing.
    POST "/api/v1/trainings/import" => import_trainings() query(ImportQuery) upload(file) -> RecordImportReport;
    DOWNLOAD "/api/v1/trainings/import-template.xlsx" => training_template() -> Vec<u8>;
    GET "/api/v1/transport-subsidies" => transport_subsidies() query(LabourQuery) -> Page<TransportSubsidyDto>;
    /// Only for a member with a migrant job in the year; once per member and year.
    POST "/api/v1/transport-subsidies" => create_transport_subsidy() body(TransportSubsidyInput) -> TransportSubsidyDto;
    DELETE "/api/v1/transport-subsidies/{id}" => delete_transport_subsidy(id: TransportSubsidyId) -> ();
    /// Rows matched by ID card, each held to the form's rules; a commit with any row error
    /// imports nothing.
    POST "/api/v1/transport-subsidies/import" => import_transport_subsidies() query(ImportQuery) upload(file) -> RecordImportReport;
    DOWNLOAD "/api/v1/transport-subsidies/import-template.xlsx" => transport_template() -> Vec<u8>;
    GET "/api/v1/employment/figures" => employment_figures() query(RatesQuery) -> EmploymentFigures;
}
