//! Logging in: one generic answer for any bad credentials, throttled per username.

use chrono::Utc;
use jingzhun_shared::UserId;
use jingzhun_shared::dto::{LoginRequest, LoginResponse, UserDto};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::auth::{self, CurrentUser, JwtKeys, LoginThrottle};
use crate::entities::{app_user, org_unit};
use crate::error::{AppError, AppResult};
use crate::services::org::audit::{self, Event};
use crate::services::org::users;
use crate::state::AppState;

/// What issuing a session needs besides the database.
pub struct Sessions<'a> {
    pub keys: &'a JwtKeys,
    pub token_ttl_secs: i64,
    pub throttle: &'a LoginThrottle,
}

/// [`login_with`] from the server's state; kept so the handler's call stays as it is until it
/// passes the parts itself.
pub async fn login(state: &AppState, input: LoginRequest) -> AppResult<LoginResponse> {
    let sessions = Sessions { keys: &state.keys, token_ttl_secs: state.token_ttl_secs, throttle: &state.throttle };
    login_with(&state.db, &sessions, input).await
}

/// Checks the credentials and issues a token; each attempt, good or bad, is audited.
pub async fn login_with(
    db: &impl ConnectionTrait,
    sessions: &Sessions<'_>,
    input: LoginRequest,
) -> AppResult<LoginResponse> {
    let username = input.username.trim().to_lowercase();
    sessions.throttle.check(&username)?;
    let user = app_user::Entity::find().filter(app_user::Column::Username.eq(username.as_str())).one(db).await?;
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let password = input.password;
    let matches = tokio::task::spawn_blocking(move || auth::verify_password(&password, hash.as_deref()))
        .await
        .map_err(|e| AppError::Internal(format!("verify task: {e}")))?;
    let user = match user {
        Some(user) if matches && !user.disabled => user,
        _ => {
            sessions.throttle.failed(&username);
            let event = Event { entity_id: None, ..Event::new("login_failed", "session", "") };
            let event = Event { after: Some(serde_json::json!({ "username": username })), ..event };
            audit::record_as(db, None, event).await?;
            return Err(AppError::BadCredentials);
        }
    };
    sessions.throttle.succeeded(&username);
    let unit = org_unit::Entity::find_by_id(user.org_unit_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Internal(format!("user {} has no org unit", user.id)))?;
    let (token, expires_at) = sessions.keys.issue(UserId(user.id), Utc::now(), sessions.token_ttl_secs)?;
    audit::record_as(db, Some((UserId(user.id), &user.username)), Event::new("login", "session", user.id)).await?;
    Ok(LoginResponse { token, expires_at, user: users::to_dto(&user, &unit) })
}

pub async fn me(state: &AppState, user: &CurrentUser) -> AppResult<UserDto> {
    users::get(&state.db, user, user.id).await
}
