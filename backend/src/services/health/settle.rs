//! Settling a person's year again after one of its claims was entered or corrected: every
//! claim of that person and year goes through the shared engine in discharge order, in the
//! transaction of the change, and each claim whose figures moved keeps a history row (who,
//! when, why, old and new figures).
//!
//! The caller holds the settlement first ([`hold_settlement`]: shared with the person's row
//! `FOR UPDATE` for an entry or a correction, exclusive for the settlement import; SQLite's
//! `BEGIN IMMEDIATE` already serialises writers), so two claims of one person entered at once
//! settle one after the other and the second sees the first.

use chrono::Utc;
use jingzhun_shared::Fen;
use jingzhun_shared::health::{ClaimFigures, ClaimLayers, HealthRules, settle_year};
use sea_orm::sea_query::{Expr, LockType};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};

use super::settings;
use crate::entities::{health_claim, health_claim_change, member};
use crate::error::AppResult;
use crate::services::versioned::bumped;

/// What caused a resettlement: the claim entered or corrected, by whom.
pub(super) struct Cause<'a> {
    pub by: &'a str,
    pub claim_id: i64,
    /// Entered just now: its own first figures are no change to record.
    pub new: bool,
}

/// The engine's view of a stored claim.
pub(super) fn layers_of(row: &health_claim::Model) -> ClaimLayers {
    ClaimLayers {
        kind: row.kind,
        level: row.hospital_level,
        admitted_on: row.admitted_on,
        discharged_on: row.discharged_on,
        total: Fen::new(row.total_cost_fen),
        compliant: Fen::new(row.compliant_cost_fen),
        basic: Fen::new(row.basic_insurance_fen),
        critical: Fen::new(row.critical_illness_fen),
        assistance: Fen::new(row.medical_assistance_fen),
        commercial: Fen::new(row.commercial_fen),
    }
}

/// The stored computed figures of a claim.
pub(super) fn figures_of(row: &health_claim::Model) -> ClaimFigures {
    ClaimFigures {
        fallback: Fen::new(row.fallback_fen),
        supplementary: Fen::new(row.supplementary_fen),
        out_of_pocket: Fen::new(row.out_of_pocket_fen),
        cap: row.cap_fen.map(Fen::new),
        cap_level: row.cap_level,
        before: Fen::new(row.before_fen),
    }
}

/// Who is settling claims in a transaction, for [`hold_settlement`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settling {
    /// An entry or a correction: the people (member ids) it names.
    People(Vec<i64>),
    /// A settlement import: anyone.
    Anyone,
}

/// The transaction-scoped advisory lock every settlement holds on PostgreSQL: shared by entries
/// and corrections, exclusive for a settlement import.
fn settlement_lock_id() -> i64 {
    crate::services::org::throttle::lock_id("health_claim:settlement")
}

/// Holds off the settlements that could read a person's claims while this transaction changes
/// them, until it ends (PostgreSQL; SQLite's write lock already serialises every writer).
///
/// An entry or a correction (`People`) holds the settlement lock shared, then locks its people
/// `FOR UPDATE` in id order: two entries for one person settle one after the other, entries for
/// other people beside each other. A settlement import (`Anyone`) holds it exclusively before it
/// reads the claims on file: it waits for the entries under way to commit and then sees their
/// claims, and entries (and other imports) wait for it. One lock instead of a row lock on each
/// of the import's people, which cost about half a second per file of 50,000 claims.
pub async fn hold_settlement(db: &impl ConnectionTrait, who: Settling) -> AppResult<()> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let function = match who {
        Settling::People(_) => "pg_advisory_xact_lock_shared",
        Settling::Anyone => "pg_advisory_xact_lock",
    };
    let lock = Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!("SELECT {function}($1)"),
        [settlement_lock_id().into()],
    );
    db.execute_raw(lock).await?;
    if let Settling::People(mut ids) = who {
        ids.sort_unstable();
        ids.dedup();
        member::Entity::find()
            .select_only()
            .column(member::Column::Id)
            .filter(member::Column::Id.is_in(ids))
            .order_by_asc(member::Column::Id)
            .lock(LockType::Update)
            .into_tuple::<i64>()
            .all(db)
            .await?;
    }
    Ok(())
}

/// Settles `member_id`'s claims of `year` again and writes what moved. The caller holds the
/// settlement for the person ([`hold_settlement`]), so no settlement import reads their claims
/// meanwhile.
pub(super) async fn resettle(db: &impl ConnectionTrait, member_id: i64, year: i32, cause: &Cause<'_>) -> AppResult<()> {
    let rows = health_claim::Entity::find()
        .filter(health_claim::Column::MemberId.eq(member_id))
        .filter(health_claim::Column::Year.eq(year))
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(());
    }
    let rules = settings::rules(db, year).await?;
    let reason = |id: i64| match (id == cause.claim_id, cause.new) {
        (true, true) => None,
        (true, false) => Some("本条记录更正后重新计算".to_owned()),
        (false, true) => Some(format!("同年就诊记录（第 {} 号）录入后重新计算", cause.claim_id)),
        (false, false) => Some(format!("同年就诊记录（第 {} 号）更正后重新计算", cause.claim_id)),
    };
    let bump = |id: i64| id != cause.claim_id;
    settle_group(db, &rules, &rows, &[], cause.by, &reason, &bump).await?;
    Ok(())
}

/// Settles one person's year made of `existing` claims on file and `new` ones not yet written:
/// writes the figures of every existing claim that moved (bumping its version where `bump`
/// says, keeping history with `reason` where it gives one) and answers the new ones' figures
/// in their order, with how many existing claims moved.
pub(super) async fn settle_group(
    db: &impl ConnectionTrait,
    rules: &HealthRules,
    existing: &[health_claim::Model],
    new: &[ClaimLayers],
    by: &str,
    reason: &dyn Fn(i64) -> Option<String>,
    bump: &dyn Fn(i64) -> bool,
) -> AppResult<(Vec<ClaimFigures>, u64)> {
    let mut layers: Vec<ClaimLayers> = existing.iter().map(layers_of).collect();
    layers.extend(new.iter().cloned());
    let mut fresh = vec![ClaimFigures::default(); new.len()];
    let mut moved_rows = 0;
    for settled in settle_year(rules, &layers) {
        let Some(row) = existing.get(settled.index) else {
            if let Some(slot) = fresh.get_mut(settled.index.saturating_sub(existing.len())) {
                *slot = settled.figures;
            }
            continue;
        };
        let (old, new) = (figures_of(row), settled.figures);
        if old == new {
            continue;
        }
        write_figures(db, row, &new, bump(row.id)).await?;
        moved_rows += 1;
        let moved = (old.fallback, old.supplementary, old.out_of_pocket)
            != (new.fallback, new.supplementary, new.out_of_pocket);
        if let Some(reason) = reason(row.id).filter(|_| moved) {
            history(db, row.id, &old, &new, by, reason).await?;
        }
    }
    Ok((fresh, moved_rows))
}

async fn write_figures(
    db: &impl ConnectionTrait,
    row: &health_claim::Model,
    f: &ClaimFigures,
    bump: bool,
) -> AppResult<()> {
    let mut update = health_claim::Entity::update_many()
        .col_expr(health_claim::Column::FallbackFen, Expr::value(f.fallback.fen()))
        .col_expr(health_claim::Column::SupplementaryFen, Expr::value(f.supplementary.fen()))
        .col_expr(health_claim::Column::OutOfPocketFen, Expr::value(f.out_of_pocket.fen()))
        .col_expr(health_claim::Column::CapFen, Expr::value(f.cap.map(Fen::fen)))
        .col_expr(health_claim::Column::CapLevel, Expr::value(f.cap_level.map(|l| l.as_str().to_owned())))
        .col_expr(health_claim::Column::BeforeFen, Expr::value(f.before.fen()));
    if bump {
        // A recomputed claim is a changed claim: an editor holding the old version gets 409.
        update = bumped(update);
    }
    update.filter(health_claim::Column::Id.eq(row.id)).exec(db).await?;
    Ok(())
}

async fn history(
    db: &impl ConnectionTrait,
    claim_id: i64,
    old: &ClaimFigures,
    new: &ClaimFigures,
    by: &str,
    reason: String,
) -> AppResult<()> {
    health_claim_change::ActiveModel {
        claim_id: Set(claim_id),
        changed_at: Set(Utc::now()),
        changed_by: Set(by.to_owned()),
        reason: Set(reason),
        old_fallback_fen: Set(old.fallback.fen()),
        new_fallback_fen: Set(new.fallback.fen()),
        old_supplementary_fen: Set(old.supplementary.fen()),
        new_supplementary_fen: Set(new.supplementary.fen()),
        old_out_of_pocket_fen: Set(old.out_of_pocket.fen()),
        new_out_of_pocket_fen: Set(new.out_of_pocket.fen()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
