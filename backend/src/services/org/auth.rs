//! Logging in and changing one's own password: one generic answer for any bad credentials,
//! throttled per username and per client address, hashing bounded by the argon2 gate; and who
//! a token's user is now (looked up on every request, so disabling an account or changing its
//! password revokes older tokens at once).

use chrono::Utc;
use jingzhun_shared::newtypes::{Password, Username};
use jingzhun_shared::org::{ChangePassword, LoginRequest, LoginResponse, OLD_PASSWORD_WRONG};
use jingzhun_shared::{OrgUnitId, UserId};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::net::IpAddr;
use std::sync::Arc;

use crate::actor::{Account, CurrentUser};
use crate::auth::{Argon2Gate, JwtKeys, TokenSubject};
use crate::entities::{app_user, org_unit};
use crate::error::{AppError, AppResult};
use crate::services::audit::{self, Event};
use crate::services::org::throttle::Throttle;
use crate::services::org::users;
use crate::services::txn::{Db, in_txn};

/// What checking credentials and issuing a session need besides the database.
pub struct Sessions<'a> {
    pub keys: &'a JwtKeys,
    pub token_ttl_secs: i64,
    pub throttle: &'a Throttle,
    pub argon2: &'a Argon2Gate,
}

/// Checks the credentials from `client` and issues a token. A name no account can have costs
/// what a wrong password costs and answers the same; a failure for an existing account is
/// audited under that account (a name that exists nowhere is never written down: it is often
/// a password typed into the wrong field).
pub async fn login(
    db: &impl ConnectionTrait,
    sessions: &Sessions<'_>,
    input: LoginRequest,
    client: IpAddr,
) -> AppResult<LoginResponse> {
    // What was typed is bounded first and not kept past this point (it may be 1 MB).
    let LoginRequest { username: typed, password } = input;
    let username = Username::for_login(&typed);
    drop(typed);
    let password = if Password::may_match(&password) { password } else { String::new() };
    let attempt = sessions.throttle.attempt(username.as_ref().map(Username::as_str), client).await?;
    let user = match &username {
        Some(name) => app_user::Entity::find().filter(app_user::Column::Username.eq(name.as_str())).one(db).await?,
        None => None,
    };
    let matches = sessions.argon2.verify(password, user.as_ref().map(|u| u.password_hash.clone())).await?;
    let user = match user {
        Some(user) if matches && !user.disabled => user,
        Some(user) => {
            let event = Event::new("login_failed", "session", user.id);
            audit::record_as(db, None, event.after(&serde_json::json!({ "username": user.username }))).await?;
            return Err(AppError::BadCredentials);
        }
        None => return Err(AppError::BadCredentials),
    };
    sessions.throttle.succeeded(&attempt).await?;
    audit::record_as(db, Some((UserId(user.id), &user.username)), Event::new("login", "session", user.id)).await?;
    issue(db, sessions, &user).await
}

/// Changes the caller's own password after checking the old one (throttled like a login); a
/// wrong old password is a 422 on `old_password`. Every older token of the account stops
/// working; the answer carries a fresh one.
pub async fn change_password(
    db: &impl Db,
    sessions: &Sessions<'_>,
    caller: &CurrentUser,
    input: ChangePassword,
    client: IpAddr,
) -> AppResult<LoginResponse> {
    let change = input.parse()?;
    let attempt = sessions.throttle.attempt(Some(&caller.username), client).await?;
    let user = app_user::Entity::find_by_id(caller.id.0).one(db).await?.ok_or(AppError::Unauthorized)?;
    if !sessions.argon2.verify(change.old_password, Some(user.password_hash)).await? {
        return Err(AppError::field("old_password", OLD_PASSWORD_WRONG));
    }
    sessions.throttle.succeeded(&attempt).await?;
    let hash = sessions.argon2.hash(change.new_password.expose()).await?;
    let user = in_txn(db, Some(caller), async |txn| {
        let user = users::store_password(txn, caller.id, &hash).await?;
        Ok((user, Event::new("change_password", "user", caller.id)))
    })
    .await?;
    issue(db, sessions, &user).await
}

/// A token for `user` at their current token version, and who they are.
async fn issue(db: &impl ConnectionTrait, sessions: &Sessions<'_>, user: &app_user::Model) -> AppResult<LoginResponse> {
    let unit = org_unit::Entity::find_by_id(user.org_unit_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Internal(format!("user {} has no org unit", user.id)))?;
    let subject = TokenSubject { user: UserId(user.id), token_version: user.token_version };
    let (token, expires_at) = sessions.keys.issue(subject, Utc::now(), sessions.token_ttl_secs)?;
    Ok(LoginResponse { token, expires_at, user: users::to_dto(user, &unit) })
}

/// The enabled user a token names, as an actor and as `auth/me` shows the account;
/// `Unauthorized` when missing, disabled, or the token is of an older version than the account's
/// (revoked).
pub async fn current_account(db: &impl ConnectionTrait, subject: TokenSubject) -> AppResult<Account> {
    let user = app_user::Entity::find_by_id(subject.user.0).one(db).await?.ok_or(AppError::Unauthorized)?;
    if user.disabled || user.token_version != subject.token_version {
        return Err(AppError::Unauthorized);
    }
    let unit = org_unit::Entity::find_by_id(user.org_unit_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Internal(format!("user {} has no org unit", user.id)))?;
    let dto = Arc::new(users::to_dto(&user, &unit));
    let user = CurrentUser {
        id: subject.user,
        username: user.username,
        role: user.role,
        org_unit_id: OrgUnitId(unit.id),
        org_level: unit.level,
        org_path: unit.path,
        today: crate::clock::office_today(),
    };
    Ok(Account { user, dto })
}
