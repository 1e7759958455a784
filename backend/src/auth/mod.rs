//! Tokens, password hashes and the login throttle: credentials without HTTP or a database.

mod cache;
mod gate;
mod throttle;

pub use cache::TokenCache;

pub use gate::Argon2Gate;
pub use throttle::{Attempt, Key, Limit, LoginThrottle, ThrottlePolicy, success_keys, too_many};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use chrono::{DateTime, Utc};
use jingzhun_shared::UserId;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};

/// What a token says. The user is looked up again on every request and `ver` compared with
/// the account's `token_version`, so disabling an account or changing its password revokes
/// every token issued before.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: i64,
    pub ver: i32,
    pub iat: i64,
    pub exp: i64,
}

/// Who a valid token is for, and which of their token versions it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenSubject {
    pub user: UserId,
    pub token_version: i32,
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

    /// A token for `subject` issued at `now`, valid for `ttl_secs`.
    pub fn issue(
        &self,
        subject: TokenSubject,
        now: DateTime<Utc>,
        ttl_secs: i64,
    ) -> AppResult<(String, DateTime<Utc>)> {
        let expires_at = now + chrono::Duration::seconds(ttl_secs);
        let claims = Claims {
            sub: subject.user.0,
            ver: subject.token_version,
            iat: now.timestamp(),
            exp: expires_at.timestamp(),
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| AppError::Internal(format!("encode token: {e}")))?;
        Ok((token, expires_at))
    }

    /// The subject of a valid, unexpired token (one without a version is not valid).
    pub fn verify(&self, token: &str) -> AppResult<TokenSubject> {
        self.verify_until(token).map(|(subject, _)| subject)
    }

    /// The subject of a valid, unexpired token and its expiry (seconds since the epoch).
    pub fn verify_until(&self, token: &str) -> AppResult<(TokenSubject, i64)> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation)
            .map(|data| {
                (TokenSubject { user: UserId(data.claims.sub), token_version: data.claims.ver }, data.claims.exp)
            })
            .map_err(|_| AppError::Unauthorized)
    }
}

/// An argon2id hash of `password` in PHC format. Blocks for the hash's time and memory: call
/// it through [`Argon2Gate`].
fn hash_password(password: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| AppError::Internal(format!("hash password: {e}")))
}

/// Whether `password` matches `hash`. Costs as much for an unknown user (`hash` = `None`), so
/// timing does not tell which usernames exist. Blocks like [`hash_password`].
fn verify_password(password: &str, hash: Option<&str>) -> bool {
    // A fixed hash of a random password, used only to spend the same time.
    const DUMMY: &str =
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Jz5kS1lb1qYVjYzJmI0V8XyPt3w5Yb1d4l3qW0n9k2Q";
    let parsed = PasswordHash::new(hash.unwrap_or(DUMMY)).or_else(|_| PasswordHash::new(DUMMY));
    match parsed {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && hash.is_some(),
        Err(_) => false,
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

    fn subject(version: i32) -> TokenSubject {
        TokenSubject { user: UserId(1), token_version: version }
    }

    #[test]
    fn an_expired_token_is_refused() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef");
        let past = Utc::now() - chrono::Duration::hours(13);
        let (old, _) = keys.issue(subject(1), past, 3600).unwrap_or_default();
        assert!(keys.verify(&old).is_err());
        let (fresh, _) = keys.issue(subject(3), Utc::now(), 3600).unwrap_or_default();
        assert_eq!(keys.verify(&fresh).ok(), Some(subject(3)));
    }

    #[test]
    fn a_token_without_a_version_is_refused() {
        #[derive(Serialize)]
        struct Unversioned {
            sub: i64,
            iat: i64,
            exp: i64,
        }
        let secret = b"0123456789abcdef0123456789abcdef";
        let now = Utc::now().timestamp();
        let claims = Unversioned { sub: 1, iat: now, exp: now + 3600 };
        let token =
            jsonwebtoken::encode(&Header::default(), &claims, &EncodingKey::from_secret(secret)).unwrap_or_default();
        assert!(JwtKeys::new(secret).verify(&token).is_err());
    }
}
