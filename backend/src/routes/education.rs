//! `/api/v1/student-aid` (records and their import), `/api/v1/education/…` (the year's
//! supplement, figures, the 控辍保学 list) and a household's school evidence for the exit
//! checklist.

use actix_web::{HttpResponse, delete, get, post, put, web};
use jingzhun_shared::education::{
    EducationFigures, EducationYearSettingDto, EducationYearSettingInput, OutOfSchoolChild, OutOfSchoolQuery,
    STUDENT_AID_COLUMNS, SchoolEvidence, SchoolEvidenceQuery, StudentAidDto, StudentAidInput, StudentAidQuery,
};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::page::Page;
use jingzhun_shared::registry::{ImportQuery, RecordImportReport};
use jingzhun_shared::{Capability, HouseholdId, StudentAidId};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::extract::import_sheet;
use crate::routes::respond::{created, no_content};
use crate::routes::upload::{IMPORT_LIMIT, UploadBody, with_limit};
use crate::services::education;
use crate::state::AppState;

type Db = web::Data<AppState>;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(with_limit(__path_import_aid, import_aid, IMPORT_LIMIT));
    cfg.service(list).service(create).service(delete_aid);
    cfg.service(year_setting).service(set_year_setting).service(figures).service(out_of_school);
    cfg.service(school_evidence);
}

/// Student aid in the caller's subtree, by year, household, member, programme and stage.
#[utoipa::path(tag = "education", security(("bearer" = [])), params(StudentAidQuery),
    responses((status = 200, body = Page<StudentAidDto>)))]
#[get("/student-aid")]
pub async fn list(
    state: Db,
    user: CurrentUser,
    query: web::Query<StudentAidQuery>,
) -> AppResult<web::Json<Page<StudentAidDto>>> {
    education::list(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Records aid for a member; the district supplement's amount is the year's setting.
#[utoipa::path(tag = "education", security(("bearer" = [])), request_body = StudentAidInput,
    responses((status = 201, body = StudentAidDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/student-aid")]
pub async fn create(state: Db, user: CurrentUser, body: web::Json<StudentAidInput>) -> AppResult<HttpResponse> {
    Ok(created(education::create(&state.db, &user, body.into_inner()).await?))
}

#[utoipa::path(tag = "education", security(("bearer" = [])), params(("id" = i64, Path)), responses((status = 204)))]
#[delete("/student-aid/{id}")]
pub async fn delete_aid(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<HttpResponse> {
    education::delete(&state.db, &user, StudentAidId(id.into_inner())).await?;
    Ok(no_content())
}

/// Checks (`commit=false`) or imports the education bureau's CSV or xlsx of student aid,
/// matched by ID card; a commit with any row error imports nothing. Progress as the
/// registry's import reports it (`/households/import-progress/{token}`).
#[utoipa::path(post, path = "/student-aid/import", tag = "education", security(("bearer" = [])), params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = RecordImportReport), (status = 400, body = jingzhun_shared::ApiError),
        (status = 413, body = jingzhun_shared::ApiError), (status = 422, body = jingzhun_shared::ApiError)))]
pub async fn import_aid(
    state: Db,
    user: CurrentUser,
    query: web::Query<ImportQuery>,
    body: UploadBody,
) -> AppResult<web::Json<RecordImportReport>> {
    user.require(Capability::EditRegistry)?;
    import_sheet(&state, &user, query.into_inner(), body, &STUDENT_AID_COLUMNS, async |rows, query, ticket| {
        education::import::import(&state.db, &user, rows, query, ticket).await
    })
    .await
}

#[utoipa::path(tag = "education", security(("bearer" = [])), params(("year" = i32, Path)),
    responses((status = 200, body = EducationYearSettingDto)))]
#[get("/education/year-settings/{year}")]
pub async fn year_setting(
    state: Db,
    user: CurrentUser,
    year: web::Path<i32>,
) -> AppResult<web::Json<EducationYearSettingDto>> {
    education::year_setting(&state.db, &user, year.into_inner()).await.map(web::Json)
}

/// Sets the year's district living supplement (first time without `version`).
#[utoipa::path(tag = "education", security(("bearer" = [])), params(("year" = i32, Path)),
    request_body = EducationYearSettingInput,
    responses((status = 200, body = EducationYearSettingDto), (status = 409, body = jingzhun_shared::ApiError)))]
#[put("/education/year-settings/{year}")]
pub async fn set_year_setting(
    state: Db,
    user: CurrentUser,
    year: web::Path<i32>,
    body: web::Json<EducationYearSettingInput>,
) -> AppResult<web::Json<EducationYearSettingDto>> {
    education::set_year_setting(&state.db, &user, year.into_inner(), body.into_inner()).await.map(web::Json)
}

/// Students and amounts by stage, school place and programme, and the 控辍保学 count.
#[utoipa::path(tag = "education", security(("bearer" = [])), params(RatesQuery),
    responses((status = 200, body = EducationFigures)))]
#[get("/education/figures")]
pub async fn figures(
    state: Db,
    user: CurrentUser,
    query: web::Query<RatesQuery>,
) -> AppResult<web::Json<EducationFigures>> {
    education::figures(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// School-age members (6–15) of households on file without a school record in the year.
#[utoipa::path(tag = "education", security(("bearer" = [])), params(OutOfSchoolQuery),
    responses((status = 200, body = Page<OutOfSchoolChild>)))]
#[get("/education/out-of-school")]
pub async fn out_of_school(
    state: Db,
    user: CurrentUser,
    query: web::Query<OutOfSchoolQuery>,
) -> AppResult<web::Json<Page<OutOfSchoolChild>>> {
    education::out_of_school(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// 义务教育有保障 for the exit checklist, with the records that support it.
#[utoipa::path(tag = "education", security(("bearer" = [])), params(("id" = i64, Path), SchoolEvidenceQuery),
    responses((status = 200, body = SchoolEvidence)))]
#[get("/households/{id}/school-evidence")]
pub async fn school_evidence(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    query: web::Query<SchoolEvidenceQuery>,
) -> AppResult<web::Json<SchoolEvidence>> {
    education::school_evidence(&state.db, &user, HouseholdId(id.into_inner()), query.year).await.map(web::Json)
}
