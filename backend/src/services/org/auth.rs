//! Logging in: one generic answer for any bad credentials, throttled per username.

use chrono::Utc;
use jingzhun_shared::UserId;
use jingzhun_shared::dto::{LoginRequest, LoginResponse, UserDto};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::auth::{self, CurrentUser};
use crate::entities::{app_user, org_unit};
use crate::error::{AppError, AppResult};
use crate::services::org::audit::{self, Event};
use crate::services::org::users;
use crate::state::AppState;

pub async fn login(state: &AppState, input: LoginRequest) -> AppResult<LoginResponse> {
    let username = input.username.trim().to_lowercase();
    state.throttle.check(&username)?;
    let user = app_user::Entity::find().filter(app_user::Column::Username.eq(username.as_str())).one(&state.db).await?;
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let password = input.password;
    let matches = tokio::task::spawn_blocking(move || auth::verify_password(&password, hash.as_deref()))
        .await
        .map_err(|e| AppError::Internal(format!("verify task: {e}")))?;
    let user = match user {
        Some(user) if matches && !user.disabled => user,
        _ => {
            state.throttle.failed(&username);
            let event = Event { entity_id: None, ..Event::new("login_failed", "session", "") };
            audit::record_as(
                &state.db,
                None,
                Event { after: Some(serde_json::json!({ "username": username })), ..event },
            )
            .await?;
            return Err(AppError::BadCredentials);
        }
    };
    state.throttle.succeeded(&username);
    let unit = org_unit::Entity::find_by_id(user.org_unit_id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::Internal(format!("user {} has no org unit", user.id)))?;
    let (token, expires_at) = state.keys.issue(UserId(user.id), Utc::now(), state.token_ttl_secs)?;
    audit::record_as(&state.db, Some((UserId(user.id), &user.username)), Event::new("login", "session", user.id))
        .await?;
    Ok(LoginResponse { token, expires_at, user: users::to_dto(&user, &unit) })
}

pub async fn me(state: &AppState, user: &CurrentUser) -> AppResult<UserDto> {
    users::get(&state.db, user, user.id).await
}
