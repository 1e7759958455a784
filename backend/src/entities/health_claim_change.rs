//! `health_claim_change`: one recomputation or correction of a claim's computed figures.

use sea_orm::entity::prelude::*;

super::table! {
    "health_claim_change" with id {
        claim_id: i64,
        changed_at: DateTimeUtc,
        /// The username of whoever made the change that caused it.
        changed_by: String,
        reason: String,
        old_fallback_fen: i64,
        new_fallback_fen: i64,
        old_supplementary_fen: i64,
        new_supplementary_fen: i64,
        old_out_of_pocket_fen: i64,
        new_out_of_pocket_fen: i64,
    }
}
