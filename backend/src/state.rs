//! What every handler shares: the database pool, the token keys, the login throttle and the
//! import progress board. Web-layer only: services take the parts they need, never this.

use sea_orm::DatabaseConnection;

use crate::auth::{JwtKeys, LoginThrottle};
use crate::progress::ProgressBoard;

pub struct AppState {
    pub db: DatabaseConnection,
    pub keys: JwtKeys,
    pub token_ttl_secs: i64,
    pub throttle: LoginThrottle,
    /// Progress of running spreadsheet imports (this instance's).
    pub imports: ProgressBoard,
    /// Where the office's today comes from.
    pub clock: crate::clock::Clock,
}
