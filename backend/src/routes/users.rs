//! `/api/v1/users` (admin)

use actix_web::{HttpResponse, get, post, web};
use jingzhun_shared::UserId;
use jingzhun_shared::dto::{CreateUser, Page, UserDto, UserQuery};

use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::services::org::users;
use crate::state::AppState;

/// Users of the admin's subtree, by username.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", security(("bearer" = [])), params(UserQuery),
    responses((status = 200, body = Page<UserDto>)))]
#[get("/users")]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<UserQuery>,
) -> AppResult<web::Json<Page<UserDto>>> {
    users::list(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Creates an account.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", security(("bearer" = [])), request_body = CreateUser,
    responses((status = 201, body = UserDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/users")]
pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<CreateUser>,
) -> AppResult<HttpResponse> {
    let created = users::create(&state.db, &user, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(created))
}

/// Disables an account: its tokens stop working at once.
#[utoipa::path(post, path = "/api/v1/users/{id}/disable", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 200, body = UserDto)))]
#[post("/users/{id}/disable")]
pub async fn disable(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<UserDto>> {
    users::set_disabled(&state.db, &user, UserId(id.into_inner()), true).await.map(web::Json)
}

/// Re-enables an account.
#[utoipa::path(post, path = "/api/v1/users/{id}/enable", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 200, body = UserDto)))]
#[post("/users/{id}/enable")]
pub async fn enable(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<UserDto>> {
    users::set_disabled(&state.db, &user, UserId(id.into_inner()), false).await.map(web::Json)
}
