//! What every handler shares: the database pool, the token keys, the login throttle, the
//! password-hashing gate and the import progress board. Web-layer only: services take the
//! parts they need, never this.

use sea_orm::DatabaseConnection;

use crate::auth::{Argon2Gate, JwtKeys, TokenCache};
use crate::progress::ProgressBoard;

pub struct AppState {
    pub db: DatabaseConnection,
    pub keys: JwtKeys,
    /// Tokens recently verified, with the account they name.
    pub tokens: TokenCache,
    pub token_ttl_secs: i64,
    /// The login throttle: this instance's on SQLite, every instance's on PostgreSQL.
    pub throttle: crate::services::org::throttle::Throttle,
    /// Bounds how many password hashes are computed at once.
    pub argon2: Argon2Gate,
    /// Whether the client's address is read from `Forwarded` / `X-Forwarded-For` (behind a
    /// trusted proxy) rather than from the connection.
    pub trust_forwarded_for: bool,
    /// Progress of running spreadsheet imports (this instance's).
    pub imports: ProgressBoard,
    /// Where the office's today comes from.
    pub clock: crate::clock::Clock,
    /// Where uploaded photos are kept.
    pub photos: crate::services::photos::PhotoStore,
    /// Where attachments (notices, acknowledgements, vouchers, evidence) are kept.
    pub attachments: crate::services::attachments::AttachmentStore,
    /// Set once the whole registry was counted past the household list's cap. Households are
    /// never deleted, so it stays true, and the district's unfiltered list stops counting.
    pub registry_past_cap: std::sync::atomic::AtomicBool,
}
