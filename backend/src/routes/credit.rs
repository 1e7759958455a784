//! `/api/v1/loans` with their repayments, extensions, returns and interest subsidy,
//! `/api/v1/interest-subsidy-batches`, `/api/v1/credit-plans`, `/api/v1/risk-fund` and
//! `/api/v1/credit/figures`.

use actix_web::{HttpResponse, get, post, put, web};
use jingzhun_shared::credit::{
    BatchStep, CreateExtension, CreateLoan, CreateRepayment, CreateReturn, CreateSubsidyBatch, CreditFigures,
    CreditPlanDto, CreditPlanInput, LOAN_COLUMNS, LoanDto, LoanQuery, RiskFundEntryDto, RiskFundInput, Subsidy,
    SubsidyBatchDto, SubsidyLineDto, SubsidyPeriod, YearPage,
};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::page::Page;
use jingzhun_shared::registry::{ImportQuery, RecordImportReport};
use jingzhun_shared::{ApiError, Capability};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::extract::import_sheet;
use crate::routes::respond::{created, xlsx};
use crate::routes::upload::{IMPORT_LIMIT, UploadBody, with_limit};
use crate::services::credit;
use crate::state::AppState;

type Db = web::Data<AppState>;

pub fn routes(cfg: &mut ServiceConfig) {
    // The ledger before `/loans/{id}`, which would take its name for an id.
    cfg.service(loan_ledger).service(batch_ledger).service(import_template);
    cfg.service(with_limit(__path_import_loans, import_loans, IMPORT_LIMIT));
    cfg.service(loans).service(create_loan).service(loan).service(loan_subsidy);
    cfg.service(add_repayment).service(add_extension).service(add_return);
    cfg.service(batches).service(create_batch).service(batch).service(batch_lines);
    cfg.service(approve_batch).service(pay_batch);
    cfg.service(plans).service(set_plan).service(risk_fund).service(add_risk_fund_entry);
    cfg.service(figures);
}

/// Loans in the caller's subtree, by bank, mode, status, unit, household, overdue date.
#[utoipa::path(tag = "credit", security(("bearer" = [])), params(LoanQuery),
    responses((status = 200, body = Page<LoanDto>)))]
#[get("/loans")]
pub async fn loans(state: Db, user: CurrentUser, query: web::Query<LoanQuery>) -> AppResult<web::Json<Page<LoanDto>>> {
    credit::loans(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Records a loan; 409 `open_loan` while the household owes on another.
#[utoipa::path(tag = "credit", security(("bearer" = [])), request_body = CreateLoan,
    responses((status = 201, body = LoanDto), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
#[post("/loans")]
pub async fn create_loan(state: Db, user: CurrentUser, body: web::Json<CreateLoan>) -> AppResult<HttpResponse> {
    Ok(created(credit::create_loan(&state.db, &user, body.into_inner()).await?))
}

/// The loans the list's filters select as xlsx (贷款台账).
#[utoipa::path(tag = "credit", security(("bearer" = [])), params(LoanQuery),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/loans/ledger.xlsx")]
pub async fn loan_ledger(state: Db, user: CurrentUser, query: web::Query<LoanQuery>) -> AppResult<HttpResponse> {
    Ok(xlsx(credit::loan_ledger(&state.db, &user, query.into_inner()).await?, "loans.xlsx"))
}

/// A subsidy batch's lines as xlsx.
#[utoipa::path(tag = "credit", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/interest-subsidy-batches/{id}/ledger.xlsx")]
pub async fn batch_ledger(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    Ok(xlsx(credit::batch_ledger(&state.db, &user, id).await?, &format!("subsidy-batch-{id}.xlsx")))
}

/// One loan with its repayments, extensions and returns.
#[utoipa::path(tag = "credit", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = LoanDto)))]
#[get("/loans/{id}")]
pub async fn loan(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<web::Json<LoanDto>> {
    credit::loan(&state.db, &user, id.into_inner()).await.map(web::Json)
}

/// The interest subsidy of a loan for the days `from` ≤ day < `to`.
#[utoipa::path(tag = "credit", security(("bearer" = [])), params(("id" = i64, Path), SubsidyPeriod),
    responses((status = 200, body = Subsidy)))]
#[get("/loans/{id}/interest-subsidy")]
pub async fn loan_subsidy(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    query: web::Query<SubsidyPeriod>,
) -> AppResult<web::Json<Subsidy>> {
    credit::loan_subsidy(&state.db, &user, id.into_inner(), query.into_inner()).await.map(web::Json)
}

/// Principal repaid; never more than the balance.
#[utoipa::path(tag = "credit", security(("bearer" = [])), params(("id" = i64, Path)), request_body = CreateRepayment,
    responses((status = 201, body = LoanDto), (status = 422, body = ApiError)))]
#[post("/loans/{id}/repayments")]
pub async fn add_repayment(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<CreateRepayment>,
) -> AppResult<HttpResponse> {
    Ok(created(credit::add_repayment(&state.db, &user, id.into_inner(), body.into_inner()).await?))
}

/// An extension (展期) to a new due date at most 12 months later.
#[utoipa::path(tag = "credit", security(("bearer" = [])), params(("id" = i64, Path)), request_body = CreateExtension,
    responses((status = 201, body = LoanDto), (status = 422, body = ApiError)))]
#[post("/loans/{id}/extensions")]
pub async fn add_extension(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<CreateExtension>,
) -> AppResult<HttpResponse> {
    Ok(created(credit::add_extension(&state.db, &user, id.into_inner(), body.into_inner()).await?))
}

/// A yearly return an enterprise paid to the household of a 户贷企用 loan.
#[utoipa::path(tag = "credit", security(("bearer" = [])), params(("id" = i64, Path)), request_body = CreateReturn,
    responses((status = 201, body = LoanDto), (status = 422, body = ApiError)))]
#[post("/loans/{id}/returns")]
pub async fn add_return(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<CreateReturn>,
) -> AppResult<HttpResponse> {
    Ok(created(credit::add_return(&state.db, &user, id.into_inner(), body.into_inner()).await?))
}

#[utoipa::path(tag = "credit", security(("bearer" = [])), params(YearPage),
    responses((status = 200, body = Page<SubsidyBatchDto>)))]
#[get("/interest-subsidy-batches")]
pub async fn batches(
    state: Db,
    user: CurrentUser,
    query: web::Query<YearPage>,
) -> AppResult<web::Json<Page<SubsidyBatchDto>>> {
    credit::batches(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Computes an ended quarter's subsidy of every loan; 409 when the quarter has a batch.
#[utoipa::path(tag = "credit", security(("bearer" = [])), request_body = CreateSubsidyBatch,
    responses((status = 201, body = SubsidyBatchDto), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
#[post("/interest-subsidy-batches")]
pub async fn create_batch(
    state: Db,
    user: CurrentUser,
    body: web::Json<CreateSubsidyBatch>,
) -> AppResult<HttpResponse> {
    Ok(created(credit::create_batch(&state.db, &user, body.into_inner()).await?))
}

#[utoipa::path(tag = "credit", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = SubsidyBatchDto)))]
#[get("/interest-subsidy-batches/{id}")]
pub async fn batch(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<web::Json<SubsidyBatchDto>> {
    credit::batch(&state.db, &user, id.into_inner()).await.map(web::Json)
}

/// A batch's lines on loans of the caller's subtree, largest first.
#[utoipa::path(tag = "credit", security(("bearer" = [])), params(("id" = i64, Path), YearPage),
    responses((status = 200, body = Page<SubsidyLineDto>)))]
#[get("/interest-subsidy-batches/{id}/lines")]
pub async fn batch_lines(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    query: web::Query<YearPage>,
) -> AppResult<web::Json<Page<SubsidyLineDto>>> {
    credit::batch_lines(&state.db, &user, id.into_inner(), query.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "credit", security(("bearer" = [])), params(("id" = i64, Path)), request_body = BatchStep,
    responses((status = 200, body = SubsidyBatchDto), (status = 409, body = ApiError)))]
#[post("/interest-subsidy-batches/{id}/approve")]
pub async fn approve_batch(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<BatchStep>,
) -> AppResult<web::Json<SubsidyBatchDto>> {
    credit::approve_batch(&state.db, &user, id.into_inner(), body.into_inner()).await.map(web::Json)
}

/// Records an approved batch as paid; it is locked from then on.
#[utoipa::path(tag = "credit", security(("bearer" = [])), params(("id" = i64, Path)), request_body = BatchStep,
    responses((status = 200, body = SubsidyBatchDto), (status = 409, body = ApiError)))]
#[post("/interest-subsidy-batches/{id}/pay")]
pub async fn pay_batch(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<BatchStep>,
) -> AppResult<web::Json<SubsidyBatchDto>> {
    credit::pay_batch(&state.db, &user, id.into_inner(), body.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "credit", security(("bearer" = [])), params(YearPage),
    responses((status = 200, body = Page<CreditPlanDto>)))]
#[get("/credit-plans")]
pub async fn plans(
    state: Db,
    user: CurrentUser,
    query: web::Query<YearPage>,
) -> AppResult<web::Json<Page<CreditPlanDto>>> {
    credit::credit_plans(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Sets the province's plan of a year (省下达计划).
#[utoipa::path(tag = "credit", security(("bearer" = [])), params(("year" = i32, Path)), request_body = CreditPlanInput,
    responses((status = 200, body = CreditPlanDto), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
#[put("/credit-plans/{year}")]
pub async fn set_plan(
    state: Db,
    user: CurrentUser,
    year: web::Path<i32>,
    body: web::Json<CreditPlanInput>,
) -> AppResult<web::Json<CreditPlanDto>> {
    credit::set_credit_plan(&state.db, &user, year.into_inner(), body.into_inner()).await.map(web::Json)
}

/// The risk compensation fund's movements.
#[utoipa::path(tag = "credit", security(("bearer" = [])), params(YearPage),
    responses((status = 200, body = Page<RiskFundEntryDto>)))]
#[get("/risk-fund")]
pub async fn risk_fund(
    state: Db,
    user: CurrentUser,
    query: web::Query<YearPage>,
) -> AppResult<web::Json<Page<RiskFundEntryDto>>> {
    credit::risk_fund(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// A deposit into the fund or a compensation paid from it for a written-off loan.
#[utoipa::path(tag = "credit", security(("bearer" = [])), request_body = RiskFundInput,
    responses((status = 201, body = RiskFundEntryDto), (status = 422, body = ApiError)))]
#[post("/risk-fund")]
pub async fn add_risk_fund_entry(
    state: Db,
    user: CurrentUser,
    body: web::Json<RiskFundInput>,
) -> AppResult<HttpResponse> {
    Ok(created(credit::add_risk_fund_entry(&state.db, &user, body.into_inner()).await?))
}

/// A year's microcredit figures in a subtree, as recorded up to `as_of`.
#[utoipa::path(tag = "credit", security(("bearer" = [])), params(RatesQuery),
    responses((status = 200, body = CreditFigures)))]
#[get("/credit/figures")]
pub async fn figures(
    state: Db,
    user: CurrentUser,
    query: web::Query<RatesQuery>,
) -> AppResult<web::Json<CreditFigures>> {
    credit::figures(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Checks (`commit=false`) or imports a bank's loan list (CSV or xlsx), borrowers matched by ID
/// card; a commit with any row error imports nothing. Progress as the registry's import
/// reports it (`/households/import-progress/{token}`).
#[utoipa::path(post, path = "/loans/import", tag = "credit", security(("bearer" = [])), params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = RecordImportReport), (status = 400, body = ApiError),
        (status = 413, body = ApiError), (status = 422, body = ApiError)))]
pub async fn import_loans(
    state: Db,
    user: CurrentUser,
    query: web::Query<ImportQuery>,
    body: UploadBody,
) -> AppResult<web::Json<RecordImportReport>> {
    user.require(Capability::EditFunds)?;
    import_sheet(&state, &user, query.into_inner(), body, &LOAN_COLUMNS, async |rows, query, ticket| {
        credit::import::import(&state.db, &user, rows, query, ticket).await
    })
    .await
}

/// The loan import template.
#[utoipa::path(tag = "credit", security(("bearer" = [])),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/loans/import-template.xlsx")]
pub async fn import_template(user: CurrentUser) -> AppResult<HttpResponse> {
    user.require(Capability::EditFunds)?;
    Ok(xlsx(credit::import::template()?, "loans-template.xlsx"))
}
