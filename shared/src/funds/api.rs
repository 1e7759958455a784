//! The funds' routes: batches, projects, expenditures, rates, the ledger and the import.

use super::{
    CreateExpenditure, CreateFundBatch, CreateProject, ExpenditureDto, ExpenditureImportQuery, ExpenditureImportReport,
    FundBatchDto, FundBatchQuery, FundRates, KindTotal, ProjectDto, ProjectQuery, RatesQuery, UpdateFundBatch,
    UpdateProject,
};
use crate::client::api;
use crate::page::{Page, PageQuery};
use crate::{ExpenditureId, FundBatchId, ProjectId};

api! {
    GET "/api/v1/fund-batches" => fund_batches() query(FundBatchQuery) -> Page<FundBatchDto>;
    POST "/api/v1/fund-batches" => create_fund_batch() body(CreateFundBatch) -> FundBatchDto;
    GET "/api/v1/fund-batches/{id}" => fund_batch(id: FundBatchId) -> FundBatchDto;
    PATCH "/api/v1/fund-batches/{id}" => update_fund_batch(id: FundBatchId) body(UpdateFundBatch) -> FundBatchDto;
    DELETE "/api/v1/fund-batches/{id}" => delete_fund_batch(id: FundBatchId) -> ();
    DOWNLOAD "/api/v1/fund-batches/{id}/ledger.xlsx" => batch_ledger(id: FundBatchId) -> Vec<u8>;
    GET "/api/v1/projects" => projects() query(ProjectQuery) -> Page<ProjectDto>;
    POST "/api/v1/projects" => create_project() body(CreateProject) -> ProjectDto;
    GET "/api/v1/projects/{id}" => project(id: ProjectId) -> ProjectDto;
    PATCH "/api/v1/projects/{id}" => update_project(id: ProjectId) body(UpdateProject) -> ProjectDto;
    DELETE "/api/v1/projects/{id}" => delete_project(id: ProjectId) -> ();
    GET "/api/v1/projects/{id}/expenditures" => expenditures(id: ProjectId) query(PageQuery) -> Page<ExpenditureDto>;
    POST "/api/v1/projects/{id}/expenditures" => add_expenditure(id: ProjectId) body(CreateExpenditure) -> ExpenditureDto;
    DELETE "/api/v1/expenditures/{id}" => delete_expenditure(id: ExpenditureId) -> ();
    /// Checks (`commit=false`) or imports a CSV or xlsx file of payments.
    POST "/api/v1/expenditures/import" => import_expenditures() query(ExpenditureImportQuery) upload(file) -> ExpenditureImportReport;
    DOWNLOAD "/api/v1/expenditures/import-template.xlsx" => expenditure_template() -> Vec<u8>;
    GET "/api/v1/funds/rates" => fund_rates() query(RatesQuery) -> FundRates;
    GET "/api/v1/funds/by-kind" => funds_by_kind() query(RatesQuery) -> Vec<KindTotal>;
}
