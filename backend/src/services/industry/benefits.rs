//! The household's industry subsidies, as lines of its benefits (享受政策).

use jingzhun_shared::Fen;
use jingzhun_shared::benefits::{BenefitArea, BenefitLine, BenefitSource};
use jingzhun_shared::industry::Quantity;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{industry_subsidy, subsidy_menu_item};
use crate::error::AppResult;
use crate::services::by_ids;

/// The household's subsidies: item, quantity and amount, by year.
pub async fn benefit_lines(db: &impl ConnectionTrait, household_id: i64) -> AppResult<Vec<BenefitLine>> {
    let rows = industry_subsidy::Entity::find()
        .filter(industry_subsidy::Column::HouseholdId.eq(household_id))
        .order_by_asc(industry_subsidy::Column::Id)
        .all(db)
        .await?;
    let items = by_ids::<subsidy_menu_item::Entity>(db, rows.iter().map(|s| s.item_id).collect(), |i| i.id).await?;
    Ok(rows
        .into_iter()
        .map(|s| {
            let item = items.get(&s.item_id);
            BenefitLine {
                area: BenefitArea::Industry,
                year: s.year,
                title: format!("{}产业补助", item.map(|i| i.name.as_str()).unwrap_or_default()),
                detail: format!(
                    "{}{}",
                    Quantity::from_hundredths(s.quantity),
                    item.map(|i| i.unit.as_str()).unwrap_or_default()
                ),
                on: s.paid_on,
                amount_fen: Fen::new(s.amount_fen),
                source: BenefitSource::IndustrySubsidy,
                source_id: Some(s.id),
                lent: false,
            }
        })
        .collect())
}
