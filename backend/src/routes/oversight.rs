//! `/api/v1/inspections`, `/api/v1/problems` (with their steps and measures),
//! `/api/v1/measures/{id}/done`, `/api/v1/accountability` and `/api/v1/oversight/…`.

use actix_web::{HttpResponse, get, post, put, web};
use jingzhun_shared::oversight::{
    AccountabilityDto, AccountabilityInput, AccountabilityQuery, BoardQuery, CloseProblem, InspectionDto,
    InspectionInput, InspectionQuery, MeasureDone, MeasureDto, MeasureInput, OversightFigures, OversightFiguresQuery,
    ProblemDetail, ProblemDto, ProblemInput, ProblemQuery, RectificationBoard, ReopenProblem, SubmitProblem,
};
use jingzhun_shared::page::Page;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::respond::created;
use crate::services::oversight;
use crate::state::AppState;

type Db = web::Data<AppState>;
type Answer<T> = AppResult<web::Json<T>>;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(inspections).service(create_inspection);
    cfg.service(problems).service(create_problem).service(problem);
    cfg.service(submit).service(close).service(reopen);
    cfg.service(measures).service(add_measure).service(measure_done);
    cfg.service(accountability).service(create_accountability);
    cfg.service(board).service(figures);
}

/// Inspections, newest first, with their problems and how many are closed.
#[utoipa::path(tag = "oversight", security(("bearer" = [])), params(InspectionQuery),
    responses((status = 200, body = Page<InspectionDto>)))]
#[get("/inspections")]
pub async fn inspections(
    state: Db,
    user: CurrentUser,
    query: web::Query<InspectionQuery>,
) -> Answer<Page<InspectionDto>> {
    oversight::inspections(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Registers an inspection's findings as received (the district).
#[utoipa::path(tag = "oversight", security(("bearer" = [])), request_body = InspectionInput,
    responses((status = 201, body = InspectionDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/inspections")]
pub async fn create_inspection(
    state: Db,
    user: CurrentUser,
    body: web::Json<InspectionInput>,
) -> AppResult<HttpResponse> {
    Ok(created(oversight::create_inspection(&state.db, &user, body.into_inner()).await?))
}

/// Problems in the caller's subtree, overdue first with days overdue.
#[utoipa::path(tag = "oversight", security(("bearer" = [])), params(ProblemQuery),
    responses((status = 200, body = Page<ProblemDto>)))]
#[get("/problems")]
pub async fn problems(state: Db, user: CurrentUser, query: web::Query<ProblemQuery>) -> Answer<Page<ProblemDto>> {
    oversight::problems(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Registers a problem of an inspection in a unit (the district).
#[utoipa::path(tag = "oversight", security(("bearer" = [])), request_body = ProblemInput,
    responses((status = 201, body = ProblemDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/problems")]
pub async fn create_problem(state: Db, user: CurrentUser, body: web::Json<ProblemInput>) -> AppResult<HttpResponse> {
    Ok(created(oversight::create_problem(&state.db, &user, body.into_inner()).await?))
}

/// One problem with its measures and history.
#[utoipa::path(tag = "oversight", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = ProblemDetail), (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/problems/{id}")]
pub async fn problem(state: Db, user: CurrentUser, id: web::Path<i64>) -> Answer<ProblemDetail> {
    oversight::problem(&state.db, &user, id.into_inner()).await.map(web::Json)
}

/// Submits a rectifying problem for closing.
#[utoipa::path(tag = "oversight", security(("bearer" = [])), params(("id" = i64, Path)), request_body = SubmitProblem,
    responses((status = 200, body = ProblemDetail), (status = 409, body = jingzhun_shared::ApiError)))]
#[post("/problems/{id}/submit")]
pub async fn submit(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<SubmitProblem>,
) -> Answer<ProblemDetail> {
    oversight::submit(&state.db, &user, id.into_inner(), body.into_inner()).await.map(web::Json)
}

/// Closes (销号) a submitted problem with its evidence (the district).
#[utoipa::path(tag = "oversight", security(("bearer" = [])), params(("id" = i64, Path)), request_body = CloseProblem,
    responses((status = 200, body = ProblemDetail), (status = 409, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/problems/{id}/close")]
pub async fn close(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<CloseProblem>,
) -> Answer<ProblemDetail> {
    oversight::close(&state.db, &user, id.into_inner(), body.into_inner()).await.map(web::Json)
}

/// Sends a submitted or closed problem back, with the reason (the district).
#[utoipa::path(tag = "oversight", security(("bearer" = [])), params(("id" = i64, Path)), request_body = ReopenProblem,
    responses((status = 200, body = ProblemDetail), (status = 409, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/problems/{id}/reopen")]
pub async fn reopen(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<ReopenProblem>,
) -> Answer<ProblemDetail> {
    oversight::reopen(&state.db, &user, id.into_inner(), body.into_inner()).await.map(web::Json)
}

/// A problem's measures.
#[utoipa::path(tag = "oversight", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Vec<MeasureDto>)))]
#[get("/problems/{id}/measures")]
pub async fn measures(state: Db, user: CurrentUser, id: web::Path<i64>) -> Answer<Vec<MeasureDto>> {
    oversight::measures(&state.db, &user, id.into_inner()).await.map(web::Json)
}

/// Adds a measure; the problem is rectifying from then on.
#[utoipa::path(tag = "oversight", security(("bearer" = [])), params(("id" = i64, Path)), request_body = MeasureInput,
    responses((status = 201, body = MeasureDto), (status = 409, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/problems/{id}/measures")]
pub async fn add_measure(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<MeasureInput>,
) -> AppResult<HttpResponse> {
    Ok(created(oversight::add_measure(&state.db, &user, id.into_inner(), body.into_inner()).await?))
}

/// Marks a measure done on a date.
#[utoipa::path(tag = "oversight", security(("bearer" = [])), params(("id" = i64, Path)), request_body = MeasureDone,
    responses((status = 200, body = MeasureDto), (status = 409, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[put("/measures/{id}/done")]
pub async fn measure_done(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<MeasureDone>,
) -> Answer<MeasureDto> {
    oversight::measure_done(&state.db, &user, id.into_inner(), body.into_inner()).await.map(web::Json)
}

/// Talks (约谈) and disciplinary measures (问责), newest first.
#[utoipa::path(tag = "oversight", security(("bearer" = [])), params(AccountabilityQuery),
    responses((status = 200, body = Page<AccountabilityDto>)))]
#[get("/accountability")]
pub async fn accountability(
    state: Db,
    user: CurrentUser,
    query: web::Query<AccountabilityQuery>,
) -> Answer<Page<AccountabilityDto>> {
    oversight::accountability(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Records a talk or a disciplinary measure (the district).
#[utoipa::path(tag = "oversight", security(("bearer" = [])), request_body = AccountabilityInput,
    responses((status = 201, body = AccountabilityDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/accountability")]
pub async fn create_accountability(
    state: Db,
    user: CurrentUser,
    body: web::Json<AccountabilityInput>,
) -> AppResult<HttpResponse> {
    Ok(created(oversight::create_accountability(&state.db, &user, body.into_inner()).await?))
}

/// Open, overdue and closed problems today, by source and by township.
#[utoipa::path(tag = "oversight", security(("bearer" = [])), params(BoardQuery),
    responses((status = 200, body = RectificationBoard)))]
#[get("/oversight/board")]
pub async fn board(state: Db, user: CurrentUser, query: web::Query<BoardQuery>) -> Answer<RectificationBoard> {
    oversight::board(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// The year's inspections, problems, measures, closed and overdue as recorded up to `as_of`.
#[utoipa::path(tag = "oversight", security(("bearer" = [])), params(OversightFiguresQuery),
    responses((status = 200, body = OversightFigures)))]
#[get("/oversight/figures")]
pub async fn figures(
    state: Db,
    user: CurrentUser,
    query: web::Query<OversightFiguresQuery>,
) -> Answer<OversightFigures> {
    oversight::figures(&state.db, &user, query.into_inner()).await.map(web::Json)
}
