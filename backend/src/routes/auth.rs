//! `/api/v1/auth/…`

use actix_web::{get, post, web};
use jingzhun_shared::dto::{LoginRequest, LoginResponse, UserDto};

use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::services;
use crate::state::AppState;

/// Exchanges a username and password for a bearer token.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = jingzhun_shared::ApiError),
              (status = 429, body = jingzhun_shared::ApiError)))]
#[post("/auth/login")]
pub async fn login(state: web::Data<AppState>, body: web::Json<LoginRequest>) -> AppResult<web::Json<LoginResponse>> {
    services::org::auth::login(&state, body.into_inner()).await.map(web::Json)
}

/// The logged-in user.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = UserDto), (status = 401, body = jingzhun_shared::ApiError)))]
#[get("/auth/me")]
pub async fn me(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<UserDto>> {
    services::org::auth::me(&state, &user).await.map(web::Json)
}
