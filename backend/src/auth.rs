//! Tokens, password hashes, the logged-in user extractor and the login throttle.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::{FromRequest, HttpRequest, web};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use chrono::{DateTime, Utc};
use jingzhun_shared::{OrgLevel, OrgUnitId, Role, UserId};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};

use crate::entities::{app_user, org_unit};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// What a token says. The user is looked up again on every request, so disabling an account
/// takes effect at once.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: i64,
    pub iat: i64,
    pub exp: i64,
}

/// The HS256 keys, made once from the secret.
#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl JwtKeys {
    pub fn new(secret: &[u8]) -> Self {
        Self { encoding: EncodingKey::from_secret(secret), decoding: DecodingKey::from_secret(secret) }
    }

    /// A token for `user` issued at `now`, valid for `ttl_secs`.
    pub fn issue(&self, user: UserId, now: DateTime<Utc>, ttl_secs: i64) -> AppResult<(String, DateTime<Utc>)> {
        let expires_at = now + chrono::Duration::seconds(ttl_secs);
        let claims = Claims { sub: user.0, iat: now.timestamp(), exp: expires_at.timestamp() };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| AppError::Internal(format!("encode token: {e}")))?;
        Ok((token, expires_at))
    }

    /// The user id of a valid, unexpired token.
    pub fn verify(&self, token: &str) -> AppResult<UserId> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation)
            .map(|data| UserId(data.claims.sub))
            .map_err(|_| AppError::Unauthorized)
    }
}

/// An argon2id hash of `password` in PHC format.
pub fn hash_password(password: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| AppError::Internal(format!("hash password: {e}")))
}

/// Whether `password` matches `hash`. Costs as much for an unknown user (`hash` = `None`), so
/// timing does not tell which usernames exist.
pub fn verify_password(password: &str, hash: Option<&str>) -> bool {
    // A fixed hash of a random password, used only to spend the same time.
    const DUMMY: &str =
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Jz5kS1lb1qYVjYzJmI0V8XyPt3w5Yb1d4l3qW0n9k2Q";
    let parsed = PasswordHash::new(hash.unwrap_or(DUMMY)).or_else(|_| PasswordHash::new(DUMMY));
    match parsed {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && hash.is_some(),
        Err(_) => false,
    }
}

/// The user a request is made by, with the org subtree they may see.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: UserId,
    pub username: String,
    pub role: Role,
    pub org_unit_id: OrgUnitId,
    pub org_level: OrgLevel,
    /// Materialised path of the user's org unit: they see units whose path starts with it.
    pub org_path: String,
}

impl CurrentUser {
    /// Whether a unit with this path lies in the user's subtree.
    pub fn sees(&self, path: &str) -> bool {
        path.starts_with(&self.org_path)
    }

    /// 403 unless the user has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> AppResult<()> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(AppError::Forbidden("当前角色无权执行此操作".to_owned()))
        }
    }
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = req
            .headers()
            .get(actix_web::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::to_owned);
        Box::pin(async move {
            let state = state.ok_or_else(|| AppError::Internal("state missing".to_owned()))?;
            let token = token.ok_or(AppError::Unauthorized)?;
            let user_id = state.keys.verify(&token)?;
            load_current_user(&state, user_id).await
        })
    }
}

async fn load_current_user(state: &AppState, id: UserId) -> AppResult<CurrentUser> {
    let user = app_user::Entity::find_by_id(id.0).one(&state.db).await?.ok_or(AppError::Unauthorized)?;
    if user.disabled {
        return Err(AppError::Unauthorized);
    }
    let unit = org_unit::Entity::find_by_id(user.org_unit_id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::Internal(format!("user {} has no org unit", user.id)))?;
    Ok(CurrentUser {
        id,
        username: user.username,
        role: user.role,
        org_unit_id: OrgUnitId(unit.id),
        org_level: unit.level,
        org_path: unit.path,
    })
}

/// Slows down guessing: after [`LoginThrottle::FREE_FAILURES`] failures in a row a username
/// must wait, twice as long after each further failure, up to [`LoginThrottle::MAX_WAIT`].
/// A success, or a quiet [`LoginThrottle::MAX_WAIT`], forgets the failures.
#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl LoginThrottle {
    pub const FREE_FAILURES: u32 = 5;
    pub const MAX_WAIT: Duration = Duration::from_secs(15 * 60);

    /// `Err` with the seconds still to wait when the username is held back.
    pub fn check(&self, username: &str) -> AppResult<()> {
        let now = Instant::now();
        let mut map = self.failures.lock().map_err(|_| AppError::Internal("throttle poisoned".to_owned()))?;
        let Some((count, last)) = map.get(username).copied() else { return Ok(()) };
        let since = now.duration_since(last);
        if since >= Self::MAX_WAIT {
            map.remove(username);
            return Ok(());
        }
        let wait = Self::wait_after(count);
        if since < wait {
            let left = (wait - since).as_secs().max(1);
            return Err(AppError::TooManyAttempts { retry_after_secs: left });
        }
        Ok(())
    }

    fn wait_after(count: u32) -> Duration {
        if count < Self::FREE_FAILURES {
            return Duration::ZERO;
        }
        let exponent = (count - Self::FREE_FAILURES).min(10);
        Duration::from_secs(30 * 2u64.pow(exponent)).min(Self::MAX_WAIT)
    }

    pub fn failed(&self, username: &str) {
        if let Ok(mut map) = self.failures.lock() {
            // Bound the memory an attacker can make us spend on random usernames.
            if map.len() > 100_000 {
                map.retain(|_, (_, last)| last.elapsed() < Self::MAX_WAIT);
            }
            let entry = map.entry(username.to_owned()).or_insert((0, Instant::now()));
            entry.0 += 1;
            entry.1 = Instant::now();
        }
    }

    pub fn succeeded(&self, username: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(username);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_only_its_own_password() {
        let hash = hash_password("jingzhun-demo").ok();
        assert!(verify_password("jingzhun-demo", hash.as_deref()));
        assert!(!verify_password("jingzhun-dem0", hash.as_deref()));
        assert!(!verify_password("jingzhun-demo", None));
    }

    #[test]
    fn throttle_holds_back_after_five_failures() {
        let throttle = LoginThrottle::default();
        for _ in 0..LoginThrottle::FREE_FAILURES {
            assert!(throttle.check("clerk").is_ok());
            throttle.failed("clerk");
        }
        assert!(matches!(throttle.check("clerk"), Err(AppError::TooManyAttempts { .. })));
        assert!(throttle.check("district").is_ok());
        throttle.succeeded("clerk");
        assert!(throttle.check("clerk").is_ok());
    }

    #[test]
    fn an_expired_token_is_refused() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef");
        let past = Utc::now() - chrono::Duration::hours(13);
        let (old, _) = keys.issue(UserId(1), past, 3600).unwrap_or_default();
        assert!(keys.verify(&old).is_err());
        let (fresh, _) = keys.issue(UserId(1), Utc::now(), 3600).unwrap_or_default();
        assert_eq!(keys.verify(&fresh).ok(), Some(UserId(1)));
    }
}
