//! Tokens, password hashes and the login throttle: credentials without HTTP or a database.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use chrono::{DateTime, Utc};
use jingzhun_shared::UserId;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};

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
