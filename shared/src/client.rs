//! The typed API client: the frontend, the tests and any tool call the server through it, so a
//! route without a method here is unfinished. Natively it sends through reqwest; in the browser
//! through `fetch` (gloo-net), which keeps the wasm bundle small.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::dto::{
    AuditEventDto, AuditQuery, CreateOrgUnit, CreateUser, Health, LoginRequest, LoginResponse, OrgUnitDto, OrgUnitNode,
    Page, RenameOrgUnit, UserDto, UserQuery,
};
use crate::funds::{
    AssetInvestmentDto, AssetInvestmentInput, BusinessEntityDto, BusinessEntityInput, BusinessEntityQuery,
    CreateExpenditure, CreateFundBatch, CreateIndustrySubsidy, CreateProject, CreatePvDividend, ExpenditureDto,
    ExpenditureImportQuery, ExpenditureImportReport, FundBatchDto, FundBatchQuery, FundRates, IndustrySubsidyDto,
    IndustrySubsidyQuery, IndustrySummary, KindTotal, ProjectDto, ProjectQuery, PvDividendDto, PvStationDto,
    PvStationInput, PvStationQuery, RatesQuery, SubsidyMenuInput, SubsidyMenuItemDto, SubsidyMenuQuery, UpdateProject,
};
use crate::registry::{
    ApplicationDto, ApplicationQuery, ApplicationStep, CreateApplication, CreateHousehold, CreateMember, HouseholdDto,
    HouseholdQuery, HouseholdSummary, ImportProgress, ImportQuery, ImportReport, IncomeInput, IncomeRecordDto,
    MemberDto, PovertyLine, RegistryOverview, UpdateHousehold,
};
use crate::{
    ApiError, ApplicationId, BusinessEntityId, ExpenditureId, FundBatchId, HouseholdId, IndustrySubsidyId, OrgUnitId,
    ProjectId, PvStationId, SubsidyMenuItemId, UserId,
};

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClientError {
    /// The server answered with an error body.
    #[error("HTTP {status}: {error}")]
    Api { status: u16, error: ApiError },
    /// No answer: network down, server gone.
    #[error("网络错误：{0}")]
    Network(String),
    /// An answer that is not what the contract says.
    #[error("无法解析服务器响应：{0}")]
    Decode(String),
}

impl ClientError {
    /// The HTTP status of an API error, `None` for network and decode failures.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The error body of an API error.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            ClientError::Api { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// HTTP methods the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

/// A handle on one server, optionally logged in.
#[derive(Debug, Clone)]
pub struct Api {
    base: String,
    token: Option<String>,
    #[cfg(not(target_arch = "wasm32"))]
    http: reqwest::Client,
}

impl Api {
    /// A client for the server at `base` (e.g. `http://127.0.0.1:8080`, or `""` for the page's
    /// own origin in the browser).
    pub fn new(base: impl Into<String>) -> Self {
        Self {
            base: base.into().trim_end_matches('/').to_owned(),
            token: None,
            #[cfg(not(target_arch = "wasm32"))]
            http: reqwest::Client::new(),
        }
    }

    /// The same server with this bearer token.
    pub fn with_token(&self, token: impl Into<String>) -> Self {
        Self { token: Some(token.into()), ..self.clone() }
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    // ---- auth ----

    /// `POST /api/v1/auth/login`.
    pub async fn login(&self, username: &str, password: &str) -> Result<LoginResponse, ClientError> {
        let body = LoginRequest { username: username.to_owned(), password: password.to_owned() };
        self.send(Method::Post, "/api/v1/auth/login", Some(&body)).await
    }

    /// `GET /api/v1/auth/me`.
    pub async fn me(&self) -> Result<UserDto, ClientError> {
        self.get("/api/v1/auth/me").await
    }

    // ---- org units ----

    /// `GET /api/v1/org-units`: the caller's subtree.
    pub async fn org_tree(&self) -> Result<OrgUnitNode, ClientError> {
        self.get("/api/v1/org-units").await
    }

    /// `GET /api/v1/org-units/{id}`.
    pub async fn org_unit(&self, id: OrgUnitId) -> Result<OrgUnitDto, ClientError> {
        self.get(&format!("/api/v1/org-units/{id}")).await
    }

    /// `POST /api/v1/org-units` (admin).
    pub async fn create_org_unit(&self, body: &CreateOrgUnit) -> Result<OrgUnitDto, ClientError> {
        self.send(Method::Post, "/api/v1/org-units", Some(body)).await
    }

    /// `PATCH /api/v1/org-units/{id}` (admin).
    pub async fn rename_org_unit(&self, id: OrgUnitId, body: &RenameOrgUnit) -> Result<OrgUnitDto, ClientError> {
        self.send(Method::Patch, &format!("/api/v1/org-units/{id}"), Some(body)).await
    }

    // ---- users ----

    /// `GET /api/v1/users` (admin).
    pub async fn users(&self, query: &UserQuery) -> Result<Page<UserDto>, ClientError> {
        let qs = query_string(&[
            ("page", query.page.map(|v| v.to_string())),
            ("per_page", query.per_page.map(|v| v.to_string())),
            ("q", query.q.clone()),
            ("role", query.role.map(|r| r.as_str().to_owned())),
        ]);
        self.get(&format!("/api/v1/users{qs}")).await
    }

    /// `POST /api/v1/users` (admin).
    pub async fn create_user(&self, body: &CreateUser) -> Result<UserDto, ClientError> {
        self.send(Method::Post, "/api/v1/users", Some(body)).await
    }

    /// `POST /api/v1/users/{id}/disable` (admin).
    pub async fn disable_user(&self, id: UserId) -> Result<UserDto, ClientError> {
        self.send::<(), _>(Method::Post, &format!("/api/v1/users/{id}/disable"), None).await
    }

    /// `POST /api/v1/users/{id}/enable` (admin).
    pub async fn enable_user(&self, id: UserId) -> Result<UserDto, ClientError> {
        self.send::<(), _>(Method::Post, &format!("/api/v1/users/{id}/enable"), None).await
    }

    // ---- audit ----

    /// `GET /api/v1/audit-events` (admin, auditor), newest first.
    pub async fn audit_events(&self, query: &AuditQuery) -> Result<Page<AuditEventDto>, ClientError> {
        let qs = query_string(&[
            ("page", query.page.map(|v| v.to_string())),
            ("per_page", query.per_page.map(|v| v.to_string())),
            ("entity", query.entity.clone()),
            ("entity_id", query.entity_id.clone()),
        ]);
        self.get(&format!("/api/v1/audit-events{qs}")).await
    }

    // ---- registry ----

    /// `GET /api/v1/households`.
    pub async fn households(&self, query: &HouseholdQuery) -> Result<Page<HouseholdSummary>, ClientError> {
        let qs = query_string(&[
            ("page", query.page.map(|v| v.to_string())),
            ("per_page", query.per_page.map(|v| v.to_string())),
            ("village_id", query.village_id.map(|v| v.to_string())),
            ("township_id", query.township_id.map(|v| v.to_string())),
            ("status", query.status.map(|v| v.as_str().to_owned())),
            ("category", query.category.map(|v| v.as_str().to_owned())),
            ("q", query.q.clone().filter(|q| !q.is_empty())),
        ]);
        self.get(&format!("/api/v1/households{qs}")).await
    }

    /// `POST /api/v1/households`.
    pub async fn create_household(&self, body: &CreateHousehold) -> Result<HouseholdDto, ClientError> {
        self.send(Method::Post, "/api/v1/households", Some(body)).await
    }

    /// `GET /api/v1/households/{id}`.
    pub async fn household(&self, id: HouseholdId) -> Result<HouseholdDto, ClientError> {
        self.get(&format!("/api/v1/households/{id}")).await
    }

    /// `PUT /api/v1/households/{id}`.
    pub async fn update_household(&self, id: HouseholdId, body: &UpdateHousehold) -> Result<HouseholdDto, ClientError> {
        self.send(Method::Put, &format!("/api/v1/households/{id}"), Some(body)).await
    }

    /// `GET /api/v1/households/{id}/members`.
    pub async fn members(&self, id: HouseholdId) -> Result<Vec<MemberDto>, ClientError> {
        self.get(&format!("/api/v1/households/{id}/members")).await
    }

    /// `POST /api/v1/households/{id}/members`.
    pub async fn add_member(&self, id: HouseholdId, body: &CreateMember) -> Result<MemberDto, ClientError> {
        self.send(Method::Post, &format!("/api/v1/households/{id}/members"), Some(body)).await
    }

    /// `GET /api/v1/households/{id}/income-records`.
    pub async fn income_records(&self, id: HouseholdId) -> Result<Vec<IncomeRecordDto>, ClientError> {
        self.get(&format!("/api/v1/households/{id}/income-records")).await
    }

    /// `POST /api/v1/households/{id}/income-records`.
    pub async fn record_income(&self, id: HouseholdId, body: &IncomeInput) -> Result<IncomeRecordDto, ClientError> {
        self.send(Method::Post, &format!("/api/v1/households/{id}/income-records"), Some(body)).await
    }

    /// `GET /api/v1/applications`.
    pub async fn applications(&self, query: &ApplicationQuery) -> Result<Page<ApplicationDto>, ClientError> {
        let qs = query_string(&[
            ("page", query.page.map(|v| v.to_string())),
            ("per_page", query.per_page.map(|v| v.to_string())),
            ("household_id", query.household_id.map(|v| v.to_string())),
            ("org_unit_id", query.org_unit_id.map(|v| v.to_string())),
            ("status", query.status.map(|v| v.as_str().to_owned())),
            ("waiting", query.waiting.map(|v| v.to_string())),
        ]);
        self.get(&format!("/api/v1/applications{qs}")).await
    }

    /// `POST /api/v1/applications`.
    pub async fn create_application(&self, body: &CreateApplication) -> Result<ApplicationDto, ClientError> {
        self.send(Method::Post, "/api/v1/applications", Some(body)).await
    }

    /// `GET /api/v1/applications/{id}`.
    pub async fn application(&self, id: ApplicationId) -> Result<ApplicationDto, ClientError> {
        self.get(&format!("/api/v1/applications/{id}")).await
    }

    /// `POST /api/v1/applications/{id}/advance`.
    pub async fn advance_application(
        &self,
        id: ApplicationId,
        body: &ApplicationStep,
    ) -> Result<ApplicationDto, ClientError> {
        self.send(Method::Post, &format!("/api/v1/applications/{id}/advance"), Some(body)).await
    }

    /// `POST /api/v1/applications/{id}/reject`.
    pub async fn reject_application(
        &self,
        id: ApplicationId,
        body: &ApplicationStep,
    ) -> Result<ApplicationDto, ClientError> {
        self.send(Method::Post, &format!("/api/v1/applications/{id}/reject"), Some(body)).await
    }

    /// `POST /api/v1/households/import`: checks (`commit=false`) or imports a CSV or xlsx file.
    pub async fn import_households(&self, query: &ImportQuery, file: Vec<u8>) -> Result<ImportReport, ClientError> {
        let qs = query_string(&[
            ("format", Some(query.format.clone())),
            ("commit", Some(query.commit.to_string())),
            ("progress", query.progress.clone()),
        ]);
        let (status, bytes) =
            self.transport_raw(Method::Post, &format!("/api/v1/households/import{qs}"), Some(file)).await?;
        decode(status, &bytes)
    }

    /// `GET /api/v1/households/import-progress/{token}`.
    pub async fn import_progress(&self, token: &str) -> Result<ImportProgress, ClientError> {
        self.get(&format!("/api/v1/households/import-progress/{}", percent_encode(token))).await
    }

    /// `GET /api/v1/households/import-template.xlsx`: the spreadsheet's bytes.
    pub async fn import_template(&self) -> Result<Vec<u8>, ClientError> {
        self.download("/api/v1/households/import-template.xlsx").await
    }

    /// `GET /api/v1/households/export.xlsx` with the list's filters: the spreadsheet's bytes.
    pub async fn export_households(&self, query: &HouseholdQuery) -> Result<Vec<u8>, ClientError> {
        let qs = query_string(&[
            ("village_id", query.village_id.map(|v| v.to_string())),
            ("township_id", query.township_id.map(|v| v.to_string())),
            ("status", query.status.map(|v| v.as_str().to_owned())),
            ("category", query.category.map(|v| v.as_str().to_owned())),
            ("q", query.q.clone().filter(|q| !q.is_empty())),
        ]);
        self.download(&format!("/api/v1/households/export.xlsx{qs}")).await
    }

    async fn download(&self, path: &str) -> Result<Vec<u8>, ClientError> {
        let (status, bytes) = self.transport_raw(Method::Get, path, None).await?;
        if (200..300).contains(&status) {
            Ok(bytes)
        } else {
            decode::<serde_json::Value>(status, &bytes).map(|_| Vec::new())
        }
    }

    /// `GET /api/v1/settings/poverty-lines`.
    pub async fn poverty_lines(&self) -> Result<Vec<PovertyLine>, ClientError> {
        self.get("/api/v1/settings/poverty-lines").await
    }

    /// `PUT /api/v1/settings/poverty-lines/{year}` (admin, district official).
    pub async fn set_poverty_line(&self, line: &PovertyLine) -> Result<PovertyLine, ClientError> {
        self.send(Method::Put, &format!("/api/v1/settings/poverty-lines/{}", line.year), Some(line)).await
    }

    /// `GET /api/v1/registry/overview?year=`.
    pub async fn registry_overview(&self, year: Option<i32>) -> Result<RegistryOverview, ClientError> {
        let qs = query_string(&[("year", year.map(|y| y.to_string()))]);
        self.get(&format!("/api/v1/registry/overview{qs}")).await
    }

    // ---- funds ----

    /// `GET /api/v1/fund-batches?year=`.
    pub async fn fund_batches(&self, query: &FundBatchQuery) -> Result<Vec<FundBatchDto>, ClientError> {
        let qs = query_string(&[("year", query.year.map(|y| y.to_string()))]);
        self.get(&format!("/api/v1/fund-batches{qs}")).await
    }

    /// `POST /api/v1/fund-batches`.
    pub async fn create_fund_batch(&self, body: &CreateFundBatch) -> Result<FundBatchDto, ClientError> {
        self.send(Method::Post, "/api/v1/fund-batches", Some(body)).await
    }

    /// `GET /api/v1/fund-batches/{id}`.
    pub async fn fund_batch(&self, id: FundBatchId) -> Result<FundBatchDto, ClientError> {
        self.get(&format!("/api/v1/fund-batches/{id}")).await
    }

    /// `DELETE /api/v1/fund-batches/{id}`: 409 when a project of it has expenditures.
    pub async fn delete_fund_batch(&self, id: FundBatchId) -> Result<(), ClientError> {
        self.delete(&format!("/api/v1/fund-batches/{id}")).await
    }

    /// `GET /api/v1/fund-batches/{id}/ledger.xlsx`: the spreadsheet's bytes.
    pub async fn batch_ledger(&self, id: FundBatchId) -> Result<Vec<u8>, ClientError> {
        self.download(&format!("/api/v1/fund-batches/{id}/ledger.xlsx")).await
    }

    /// `GET /api/v1/projects`.
    pub async fn projects(&self, query: &ProjectQuery) -> Result<Page<ProjectDto>, ClientError> {
        let qs = query_string(&[
            ("page", query.page.map(|v| v.to_string())),
            ("per_page", query.per_page.map(|v| v.to_string())),
            ("batch_id", query.batch_id.map(|v| v.to_string())),
            ("year", query.year.map(|v| v.to_string())),
            ("kind", query.kind.map(|v| v.as_str().to_owned())),
            ("status", query.status.map(|v| v.as_str().to_owned())),
            ("org_unit_id", query.org_unit_id.map(|v| v.to_string())),
            ("q", query.q.clone().filter(|q| !q.is_empty())),
        ]);
        self.get(&format!("/api/v1/projects{qs}")).await
    }

    /// `POST /api/v1/projects`.
    pub async fn create_project(&self, body: &CreateProject) -> Result<ProjectDto, ClientError> {
        self.send(Method::Post, "/api/v1/projects", Some(body)).await
    }

    /// `GET /api/v1/projects/{id}`.
    pub async fn project(&self, id: ProjectId) -> Result<ProjectDto, ClientError> {
        self.get(&format!("/api/v1/projects/{id}")).await
    }

    /// `PATCH /api/v1/projects/{id}`.
    pub async fn update_project(&self, id: ProjectId, body: &UpdateProject) -> Result<ProjectDto, ClientError> {
        self.send(Method::Patch, &format!("/api/v1/projects/{id}"), Some(body)).await
    }

    /// `DELETE /api/v1/projects/{id}`: 409 when it has expenditures.
    pub async fn delete_project(&self, id: ProjectId) -> Result<(), ClientError> {
        self.delete(&format!("/api/v1/projects/{id}")).await
    }

    /// `GET /api/v1/projects/{id}/expenditures`.
    pub async fn expenditures(&self, id: ProjectId) -> Result<Vec<ExpenditureDto>, ClientError> {
        self.get(&format!("/api/v1/projects/{id}/expenditures")).await
    }

    /// `POST /api/v1/projects/{id}/expenditures`.
    pub async fn add_expenditure(
        &self,
        id: ProjectId,
        body: &CreateExpenditure,
    ) -> Result<ExpenditureDto, ClientError> {
        self.send(Method::Post, &format!("/api/v1/projects/{id}/expenditures"), Some(body)).await
    }

    /// `DELETE /api/v1/expenditures/{id}`.
    pub async fn delete_expenditure(&self, id: ExpenditureId) -> Result<(), ClientError> {
        self.delete(&format!("/api/v1/expenditures/{id}")).await
    }

    /// `POST /api/v1/expenditures/import`: checks (`commit=false`) or imports a CSV or xlsx file.
    pub async fn import_expenditures(
        &self,
        query: &ExpenditureImportQuery,
        file: Vec<u8>,
    ) -> Result<ExpenditureImportReport, ClientError> {
        let qs = query_string(&[("format", Some(query.format.clone())), ("commit", Some(query.commit.to_string()))]);
        let (status, bytes) =
            self.transport_raw(Method::Post, &format!("/api/v1/expenditures/import{qs}"), Some(file)).await?;
        decode(status, &bytes)
    }

    /// `GET /api/v1/expenditures/import-template.xlsx`.
    pub async fn expenditure_template(&self) -> Result<Vec<u8>, ClientError> {
        self.download("/api/v1/expenditures/import-template.xlsx").await
    }

    /// `GET /api/v1/funds/rates?year=&org_unit_id=`.
    pub async fn fund_rates(&self, query: &RatesQuery) -> Result<FundRates, ClientError> {
        self.get(&format!("/api/v1/funds/rates{}", year_and_unit(query))).await
    }

    /// `GET /api/v1/funds/by-kind?year=&org_unit_id=`.
    pub async fn funds_by_kind(&self, query: &RatesQuery) -> Result<Vec<KindTotal>, ClientError> {
        self.get(&format!("/api/v1/funds/by-kind{}", year_and_unit(query))).await
    }

    // ---- industry ----

    /// `GET /api/v1/subsidy-menu?year=`.
    pub async fn subsidy_menu(&self, query: &SubsidyMenuQuery) -> Result<Vec<SubsidyMenuItemDto>, ClientError> {
        let qs = query_string(&[("year", query.year.map(|y| y.to_string()))]);
        self.get(&format!("/api/v1/subsidy-menu{qs}")).await
    }

    /// `POST /api/v1/subsidy-menu`.
    pub async fn create_menu_item(&self, body: &SubsidyMenuInput) -> Result<SubsidyMenuItemDto, ClientError> {
        self.send(Method::Post, "/api/v1/subsidy-menu", Some(body)).await
    }

    /// `PUT /api/v1/subsidy-menu/{id}` (with `version`).
    pub async fn update_menu_item(
        &self,
        id: SubsidyMenuItemId,
        body: &SubsidyMenuInput,
    ) -> Result<SubsidyMenuItemDto, ClientError> {
        self.send(Method::Put, &format!("/api/v1/subsidy-menu/{id}"), Some(body)).await
    }

    /// `DELETE /api/v1/subsidy-menu/{id}`: 409 when a subsidy uses it.
    pub async fn delete_menu_item(&self, id: SubsidyMenuItemId) -> Result<(), ClientError> {
        self.delete(&format!("/api/v1/subsidy-menu/{id}")).await
    }

    /// `GET /api/v1/industry-subsidies`.
    pub async fn industry_subsidies(
        &self,
        query: &IndustrySubsidyQuery,
    ) -> Result<Page<IndustrySubsidyDto>, ClientError> {
        let qs = query_string(&[
            ("page", query.page.map(|v| v.to_string())),
            ("per_page", query.per_page.map(|v| v.to_string())),
            ("year", query.year.map(|v| v.to_string())),
            ("household_id", query.household_id.map(|v| v.to_string())),
            ("item_id", query.item_id.map(|v| v.to_string())),
            ("org_unit_id", query.org_unit_id.map(|v| v.to_string())),
        ]);
        self.get(&format!("/api/v1/industry-subsidies{qs}")).await
    }

    /// `POST /api/v1/industry-subsidies`: the server computes the amount.
    pub async fn create_industry_subsidy(
        &self,
        body: &CreateIndustrySubsidy,
    ) -> Result<IndustrySubsidyDto, ClientError> {
        self.send(Method::Post, "/api/v1/industry-subsidies", Some(body)).await
    }

    /// `DELETE /api/v1/industry-subsidies/{id}`.
    pub async fn delete_industry_subsidy(&self, id: IndustrySubsidyId) -> Result<(), ClientError> {
        self.delete(&format!("/api/v1/industry-subsidies/{id}")).await
    }

    /// `GET /api/v1/business-entities`.
    pub async fn business_entities(&self, query: &BusinessEntityQuery) -> Result<Page<BusinessEntityDto>, ClientError> {
        let qs = query_string(&[
            ("page", query.page.map(|v| v.to_string())),
            ("per_page", query.per_page.map(|v| v.to_string())),
            ("kind", query.kind.map(|v| v.as_str().to_owned())),
            ("org_unit_id", query.org_unit_id.map(|v| v.to_string())),
            ("q", query.q.clone().filter(|q| !q.is_empty())),
        ]);
        self.get(&format!("/api/v1/business-entities{qs}")).await
    }

    /// `POST /api/v1/business-entities`.
    pub async fn create_business_entity(&self, body: &BusinessEntityInput) -> Result<BusinessEntityDto, ClientError> {
        self.send(Method::Post, "/api/v1/business-entities", Some(body)).await
    }

    /// `GET /api/v1/business-entities/{id}`.
    pub async fn business_entity(&self, id: BusinessEntityId) -> Result<BusinessEntityDto, ClientError> {
        self.get(&format!("/api/v1/business-entities/{id}")).await
    }

    /// `PUT /api/v1/business-entities/{id}` (with `version`).
    pub async fn update_business_entity(
        &self,
        id: BusinessEntityId,
        body: &BusinessEntityInput,
    ) -> Result<BusinessEntityDto, ClientError> {
        self.send(Method::Put, &format!("/api/v1/business-entities/{id}"), Some(body)).await
    }

    /// `DELETE /api/v1/business-entities/{id}`.
    pub async fn delete_business_entity(&self, id: BusinessEntityId) -> Result<(), ClientError> {
        self.delete(&format!("/api/v1/business-entities/{id}")).await
    }

    /// `GET /api/v1/pv-stations`.
    pub async fn pv_stations(&self, query: &PvStationQuery) -> Result<Page<PvStationDto>, ClientError> {
        let qs = query_string(&[
            ("page", query.page.map(|v| v.to_string())),
            ("per_page", query.per_page.map(|v| v.to_string())),
            ("org_unit_id", query.org_unit_id.map(|v| v.to_string())),
            ("grid_connected", query.grid_connected.map(|v| v.to_string())),
        ]);
        self.get(&format!("/api/v1/pv-stations{qs}")).await
    }

    /// `POST /api/v1/pv-stations`.
    pub async fn create_pv_station(&self, body: &PvStationInput) -> Result<PvStationDto, ClientError> {
        self.send(Method::Post, "/api/v1/pv-stations", Some(body)).await
    }

    /// `GET /api/v1/pv-stations/{id}`.
    pub async fn pv_station(&self, id: PvStationId) -> Result<PvStationDto, ClientError> {
        self.get(&format!("/api/v1/pv-stations/{id}")).await
    }

    /// `PUT /api/v1/pv-stations/{id}` (with `version`).
    pub async fn update_pv_station(&self, id: PvStationId, body: &PvStationInput) -> Result<PvStationDto, ClientError> {
        self.send(Method::Put, &format!("/api/v1/pv-stations/{id}"), Some(body)).await
    }

    /// `DELETE /api/v1/pv-stations/{id}`: 409 when it has paid dividends.
    pub async fn delete_pv_station(&self, id: PvStationId) -> Result<(), ClientError> {
        self.delete(&format!("/api/v1/pv-stations/{id}")).await
    }

    /// `GET /api/v1/pv-stations/{id}/dividends`.
    pub async fn pv_dividends(&self, id: PvStationId) -> Result<Vec<PvDividendDto>, ClientError> {
        self.get(&format!("/api/v1/pv-stations/{id}/dividends")).await
    }

    /// `POST /api/v1/pv-stations/{id}/dividends`.
    pub async fn add_pv_dividend(
        &self,
        id: PvStationId,
        body: &CreatePvDividend,
    ) -> Result<PvDividendDto, ClientError> {
        self.send(Method::Post, &format!("/api/v1/pv-stations/{id}/dividends"), Some(body)).await
    }

    /// `GET /api/v1/asset-investments?year=&org_unit_id=`.
    pub async fn asset_investments(&self, query: &RatesQuery) -> Result<Vec<AssetInvestmentDto>, ClientError> {
        self.get(&format!("/api/v1/asset-investments{}", year_and_unit(query))).await
    }

    /// `POST /api/v1/asset-investments`.
    pub async fn create_asset_investment(
        &self,
        body: &AssetInvestmentInput,
    ) -> Result<AssetInvestmentDto, ClientError> {
        self.send(Method::Post, "/api/v1/asset-investments", Some(body)).await
    }

    /// `PUT /api/v1/asset-investments/{id}` (with `version`).
    pub async fn update_asset_investment(
        &self,
        id: i64,
        body: &AssetInvestmentInput,
    ) -> Result<AssetInvestmentDto, ClientError> {
        self.send(Method::Put, &format!("/api/v1/asset-investments/{id}"), Some(body)).await
    }

    /// `GET /api/v1/industry/summary?year=&org_unit_id=`.
    pub async fn industry_summary(&self, query: &RatesQuery) -> Result<IndustrySummary, ClientError> {
        self.get(&format!("/api/v1/industry/summary{}", year_and_unit(query))).await
    }

    async fn delete(&self, path: &str) -> Result<(), ClientError> {
        let (status, bytes) = self.transport_raw(Method::Delete, path, None).await?;
        if (200..300).contains(&status) { Ok(()) } else { decode::<serde_json::Value>(status, &bytes).map(|_| ()) }
    }

    // ---- probes ----

    /// `GET /healthz`.
    pub async fn health(&self) -> Result<Health, ClientError> {
        self.get("/healthz").await
    }

    /// `GET /api/v1/openapi.json`, as untyped JSON.
    pub async fn openapi(&self) -> Result<serde_json::Value, ClientError> {
        self.get("/api/v1/openapi.json").await
    }

    // ---- transport ----

    async fn get<R: DeserializeOwned>(&self, path: &str) -> Result<R, ClientError> {
        self.send::<(), R>(Method::Get, path, None).await
    }

    /// Sends one request and decodes the answer: the body type on 2xx, [`ApiError`] otherwise.
    pub async fn send<B: Serialize, R: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<R, ClientError> {
        let body = match body {
            Some(body) => Some(serde_json::to_vec(body).map_err(|e| ClientError::Decode(e.to_string()))?),
            None => None,
        };
        let (status, bytes) = self.transport(method, path, body, "application/json").await?;
        decode(status, &bytes)
    }

    /// A request with a raw (file) body; the answer undecoded.
    async fn transport_raw(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<(u16, Vec<u8>), ClientError> {
        self.transport(method, path, body, "application/octet-stream").await
    }

    #[cfg(not(target_arch = "wasm32"))]
    async fn transport(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        content_type: &str,
    ) -> Result<(u16, Vec<u8>), ClientError> {
        let method = match method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Patch => reqwest::Method::PATCH,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.header("Content-Type", content_type).body(body);
        }
        let response = request.send().await.map_err(|e| ClientError::Network(e.to_string()))?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(|e| ClientError::Network(e.to_string()))?;
        Ok((status, bytes.to_vec()))
    }

    #[cfg(target_arch = "wasm32")]
    async fn transport(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        content_type: &str,
    ) -> Result<(u16, Vec<u8>), ClientError> {
        use gloo_net::http::RequestBuilder;
        let url = format!("{}{path}", self.base);
        let mut builder = match method {
            Method::Get => RequestBuilder::new(&url).method(gloo_net::http::Method::GET),
            Method::Post => RequestBuilder::new(&url).method(gloo_net::http::Method::POST),
            Method::Patch => RequestBuilder::new(&url).method(gloo_net::http::Method::PATCH),
            Method::Put => RequestBuilder::new(&url).method(gloo_net::http::Method::PUT),
            Method::Delete => RequestBuilder::new(&url).method(gloo_net::http::Method::DELETE),
        };
        if let Some(token) = &self.token {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        let request = match body {
            Some(body) => {
                let array = js_sys::Uint8Array::from(body.as_slice());
                builder.header("Content-Type", content_type).body(array)
            }
            None => builder.build(),
        }
        .map_err(|e| ClientError::Network(e.to_string()))?;
        let response = request.send().await.map_err(|e| ClientError::Network(e.to_string()))?;
        let status = response.status();
        let bytes = response.binary().await.map_err(|e| ClientError::Network(e.to_string()))?;
        Ok((status, bytes))
    }
}

/// Decodes an answer: the expected type on 2xx, the error body otherwise.
fn decode<R: DeserializeOwned>(status: u16, bytes: &[u8]) -> Result<R, ClientError> {
    if (200..300).contains(&status) {
        serde_json::from_slice(bytes).map_err(|e| ClientError::Decode(e.to_string()))
    } else {
        let error = serde_json::from_slice::<ApiError>(bytes).unwrap_or_else(|_| {
            ApiError::new("http_error", String::from_utf8_lossy(bytes).chars().take(200).collect::<String>())
        });
        Err(ClientError::Api { status, error })
    }
}

/// `?year=…&org_unit_id=…`.
fn year_and_unit(query: &RatesQuery) -> String {
    query_string(&[("year", Some(query.year.to_string())), ("org_unit_id", query.org_unit_id.map(|v| v.to_string()))])
}

/// `?a=1&b=x` from the pairs that have a value, percent-encoded; empty when none has.
pub fn query_string(pairs: &[(&str, Option<String>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(key, value)| value.as_ref().map(|v| format!("{key}={}", percent_encode(v))))
        .collect();
    if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) }
}

fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_string_encodes_chinese_and_skips_missing() {
        let qs = query_string(&[("q", Some("张 村".to_owned())), ("page", None), ("per_page", Some("20".into()))]);
        assert_eq!(qs, "?q=%E5%BC%A0%20%E6%9D%91&per_page=20");
        assert_eq!(query_string(&[("page", None)]), "");
    }

    #[test]
    fn an_error_status_decodes_the_wire_error() {
        let body = br#"{"code":"not_found","message":"x","fields":{}}"#;
        let result: Result<serde_json::Value, _> = decode(404, body);
        assert_eq!(result.err().and_then(|e| e.status()), Some(404));
    }
}
