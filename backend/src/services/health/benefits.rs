//! The household's health compensation (健康扶贫), as lines of its benefits (享受政策): one
//! line a year with what insurance, assistance and the fallbacks paid in all — never a
//! hospital, a kind or a single claim, and nothing at all for a role that may not read health
//! totals (an auditor).

use std::collections::BTreeMap;

use jingzhun_shared::benefits::{BenefitArea, BenefitLine, BenefitSource};
use jingzhun_shared::{Capability, Fen};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::actor::CurrentUser;
use crate::entities::health_claim;
use crate::error::{AppError, AppResult};

/// Per year, the household's claims' cost less what its members paid themselves.
pub async fn benefit_lines(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    household_id: i64,
) -> AppResult<Vec<BenefitLine>> {
    if !user.role.can(Capability::ReadHealthTotals) {
        return Ok(Vec::new());
    }
    let claims: Vec<(i32, i64, i64)> = health_claim::Entity::find()
        .select_only()
        .column(health_claim::Column::Year)
        .column(health_claim::Column::TotalCostFen)
        .column(health_claim::Column::OutOfPocketFen)
        .filter(health_claim::Column::HouseholdId.eq(household_id))
        .into_tuple()
        .all(db)
        .await?;
    let mut years: BTreeMap<i32, (u32, i64)> = BTreeMap::new();
    for (year, total, own) in claims {
        let entry = years.entry(year).or_default();
        entry.0 += 1;
        let paid = total.checked_sub(own).and_then(|p| entry.1.checked_add(p));
        entry.1 = paid.ok_or_else(|| AppError::Internal("health compensation overflow".to_owned()))?;
    }
    Ok(years
        .into_iter()
        .map(|(year, (n, paid))| BenefitLine {
            area: BenefitArea::Health,
            year,
            title: "医疗费用报销补偿".to_owned(),
            detail: format!("{n} 次就医合计"),
            on: None,
            amount_fen: Fen::new(paid),
            source: BenefitSource::HealthClaims,
            source_id: None,
            lent: false,
        })
        .collect())
}
