//! `/api/v1/attachments` (the multipart upload and one file's bytes), the files of a
//! household, a project or a problem, and their evidence packs (`…/dossier.zip`).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, web};
use jingzhun_shared::attachments::{AttachmentDto, AttachmentTarget, Owner, RecordType};
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::routes::multipart::{self, Part};
use crate::routes::respond::{created, no_content};
use crate::routes::upload::{UploadBody, with_limit};
use crate::services::attachments::{dossier, files, store::UPLOAD_LIMIT};
use crate::state::AppState;

type Db = web::Data<AppState>;
type Answer<T> = AppResult<web::Json<T>>;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(with_limit(__path_upload, upload, UPLOAD_LIMIT)).service(download).service(delete_attachment);
    cfg.service(household_files).service(project_files).service(problem_files);
    cfg.service(household_dossier).service(project_dossier).service(problem_dossier);
}

/// The record, the name and the bytes of an upload form; every missing or wrong field at once.
fn form(parts: Vec<Part>) -> AppResult<(AttachmentTarget, String, Vec<u8>)> {
    let text =
        |name: &str| parts.iter().find(|p| p.name == name).map(|p| String::from_utf8_lossy(&p.data).trim().to_owned());
    let mut v = Validator::new();
    let record_type =
        v.check("record_type", text("record_type").and_then(|t| t.parse::<RecordType>().ok()).ok_or("请选择材料类别"));
    let record_id = v.check("record_id", text("record_id").and_then(|t| t.parse::<i64>().ok()).ok_or("请指明所属记录"));
    let file =
        v.check("file", parts.iter().find(|p| p.name == "file" && !p.data.is_empty()).ok_or("请选择要上传的文件"));
    v.finish()?;
    match (record_type, record_id, file) {
        (Some(record_type), Some(record_id), Some(file)) => Ok((
            AttachmentTarget { record_type, record_id },
            file.filename.clone().unwrap_or_default(),
            file.data.to_vec(),
        )),
        _ => Err(AppError::Internal("upload form checked".to_owned())),
    }
}

/// Stores a file for a record: a `multipart/form-data` form with `record_type`, `record_id`
/// and `file`. JPEG, PNG and WebP are re-encoded without EXIF or GPS (at most 5 MiB), PDFs
/// kept as they are (up to the configured limit, 20 MiB by default), anything else 422. 201 with the new row, 200 with the
/// row the same file already has on the record.
#[utoipa::path(post, path = "/attachments", tag = "attachments", security(("bearer" = [])),
    request_body(content = Vec<u8>, content_type = "multipart/form-data"),
    responses((status = 201, body = AttachmentDto), (status = 200, body = AttachmentDto),
        (status = 404, body = jingzhun_shared::ApiError), (status = 413, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
pub async fn upload(state: Db, user: CurrentUser, req: HttpRequest, body: UploadBody) -> AppResult<HttpResponse> {
    files::may_upload(&user)?;
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let boundary = multipart::boundary(content_type)?;
    let parts = multipart::parse(&body.read().await?, &boundary)?;
    let (target, name, bytes) = form(parts)?;
    let (dto, new) = files::upload(&state.db, &state.attachments, &user, target, &name, bytes).await?;
    Ok(if new { created(dto) } else { HttpResponse::Ok().json(dto) })
}

/// One file's bytes (JPEG or PDF); a personal document's read is audited.
#[utoipa::path(tag = "attachments", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, description = "JPEG or PDF"), (status = 403, body = jingzhun_shared::ApiError),
        (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/attachments/{id}")]
pub async fn download(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<HttpResponse> {
    let (row, bytes) = files::download(&state.db, &state.attachments, &user, id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .content_type(row.kind.content_type())
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"attachment-{}.{}\"", row.id, row.kind.extension()),
        ))
        .body(bytes))
}

async fn list_files(
    state: &AppState,
    user: &CurrentUser,
    owner: Owner,
    id: i64,
    query: PageQuery,
) -> Answer<Page<AttachmentDto>> {
    files::list(&state.db, user, owner, id, query).await.map(web::Json)
}

async fn send_pack(state: &AppState, user: &CurrentUser, owner: Owner, id: i64, name: &str) -> AppResult<HttpResponse> {
    let zip = dossier::dossier(&state.db, &state.attachments, user, owner, id).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{name}-{id}-dossier.zip\"")))
        .body(zip))
}

/// A household's files the caller may read (its documents and exit acknowledgement only for
/// roles that read personal data), oldest first.
#[utoipa::path(tag = "attachments", security(("bearer" = [])), params(("id" = i64, Path), PageQuery),
    responses((status = 200, body = Page<AttachmentDto>), (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/households/{id}/attachments")]
pub async fn household_files(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    query: web::Query<PageQuery>,
) -> Answer<Page<AttachmentDto>> {
    list_files(&state, &user, Owner::Household, id.into_inner(), query.into_inner()).await
}

/// A project's files (announcements, payment vouchers), oldest first.
#[utoipa::path(tag = "attachments", security(("bearer" = [])), params(("id" = i64, Path), PageQuery),
    responses((status = 200, body = Page<AttachmentDto>), (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/projects/{id}/attachments")]
pub async fn project_files(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    query: web::Query<PageQuery>,
) -> Answer<Page<AttachmentDto>> {
    list_files(&state, &user, Owner::Project, id.into_inner(), query.into_inner()).await
}

/// A problem's evidence files, oldest first.
#[utoipa::path(tag = "attachments", security(("bearer" = [])), params(("id" = i64, Path), PageQuery),
    responses((status = 200, body = Page<AttachmentDto>), (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/problems/{id}/attachments")]
pub async fn problem_files(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    query: web::Query<PageQuery>,
) -> Answer<Page<AttachmentDto>> {
    list_files(&state, &user, Owner::Problem, id.into_inner(), query.into_inner()).await
}

/// A household's evidence pack: index.html (fields, history, files) and the files it may read,
/// zipped; a pack with personal documents is an audited read.
#[utoipa::path(tag = "attachments", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, description = "zip", content_type = "application/zip"),
        (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/households/{id}/dossier.zip")]
pub async fn household_dossier(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<HttpResponse> {
    send_pack(&state, &user, Owner::Household, id.into_inner(), "household").await
}

/// A project's evidence pack: fields, payments, history and files.
#[utoipa::path(tag = "attachments", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, description = "zip", content_type = "application/zip"),
        (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/projects/{id}/dossier.zip")]
pub async fn project_dossier(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<HttpResponse> {
    send_pack(&state, &user, Owner::Project, id.into_inner(), "project").await
}

/// A problem's evidence pack: fields, measures, steps and evidence files.
#[utoipa::path(tag = "attachments", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, description = "zip", content_type = "application/zip"),
        (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/problems/{id}/dossier.zip")]
pub async fn problem_dossier(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<HttpResponse> {
    send_pack(&state, &user, Owner::Problem, id.into_inner(), "problem").await
}

/// Removes a file from its record: its uploader (still writing the record) or a district
/// official; a closed problem's evidence stays (409). The bytes go when no record links them.
#[utoipa::path(tag = "attachments", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = jingzhun_shared::ApiError),
        (status = 404, body = jingzhun_shared::ApiError), (status = 409, body = jingzhun_shared::ApiError)))]
#[delete("/attachments/{id}")]
pub async fn delete_attachment(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<HttpResponse> {
    files::delete(&state.db, &state.attachments, &user, id.into_inner()).await?;
    Ok(no_content())
}
