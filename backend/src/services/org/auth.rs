//! Logging in: one generic answer for any bad credentials, throttled per username; and who a
//! token's user is now (looked up on every request, so disabling an account takes effect at once).

use chrono::Utc;
use jingzhun_shared::org::{LoginRequest, LoginResponse, UserDto};
use jingzhun_shared::{OrgUnitId, UserId};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::actor::CurrentUser;
use crate::auth::{self, JwtKeys, LoginThrottle};
use crate::entities::{app_user, org_unit};
use crate::error::{AppError, AppResult};
use crate::services::audit::{self, Event};
use crate::services::org::users;

/// What issuing a session needs besides the database.
pub struct Sessions<'a> {
    pub keys: &'a JwtKeys,
    pub token_ttl_secs: i64,
    pub throttle: &'a LoginThrottle,
}

/// Checks the credentials and issues a token; each attempt, good or bad, is audited.
pub async fn login(
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

/// The caller's own account.
pub async fn me(db: &impl ConnectionTrait, user: &CurrentUser) -> AppResult<UserDto> {
    users::get(db, user, user.id).await
}

/// The enabled user `id` as an actor; `Unauthorized` when missing or disabled.
pub async fn current_user(db: &impl ConnectionTrait, id: UserId) -> AppResult<CurrentUser> {
    let user = app_user::Entity::find_by_id(id.0).one(db).await?.ok_or(AppError::Unauthorized)?;
    if user.disabled {
        return Err(AppError::Unauthorized);
    }
    let unit = org_unit::Entity::find_by_id(user.org_unit_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Internal(format!("user {} has no org unit", user.id)))?;
    Ok(CurrentUser {
        id,
        username: user.username,
        role: user.role,
        org_unit_id: OrgUnitId(unit.id),
        org_level: unit.level,
        org_path: unit.path,
        today: crate::clock::office_today(),
    })
}
