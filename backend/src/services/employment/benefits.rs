//! The household's training subsidies (培训补贴) and transport subsidies (交通补助), as lines
//! of its benefits (享受政策). Jobs carry a monthly wage, not the wages paid, so a job (a
//! public-welfare post included) is no line: nothing records what was paid.

use std::collections::HashMap;

use jingzhun_shared::Fen;
use jingzhun_shared::benefits::{BenefitArea, BenefitLine, BenefitSource};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{member, training, transport_subsidy};
use crate::error::AppResult;
use crate::services::by_ids;

/// Each training subsidy and transport subsidy of a member of the household.
pub async fn benefit_lines(db: &impl ConnectionTrait, household_id: i64) -> AppResult<Vec<BenefitLine>> {
    let trainings = training::Entity::find()
        .filter(training::Column::HouseholdId.eq(household_id))
        .order_by_asc(training::Column::EndedOn)
        .all(db)
        .await?;
    let transport = transport_subsidy::Entity::find()
        .filter(transport_subsidy::Column::HouseholdId.eq(household_id))
        .order_by_asc(transport_subsidy::Column::PaidOn)
        .all(db)
        .await?;
    let ids = trainings.iter().map(|t| t.member_id).chain(transport.iter().map(|t| t.member_id)).collect();
    let members = by_ids::<member::Entity>(db, ids, |m| m.id).await?;
    let name = |id: i64| name_of(&members, id);
    let mut lines: Vec<BenefitLine> = trainings
        .into_iter()
        .filter(|t| t.subsidy_fen > 0)
        .map(|t| BenefitLine {
            area: BenefitArea::Employment,
            year: t.year,
            title: "培训补贴".to_owned(),
            detail: format!("{} · {}（{} 天）", name(t.member_id), t.course, t.days),
            on: Some(t.ended_on),
            amount_fen: Fen::new(t.subsidy_fen),
            source: BenefitSource::Training,
            source_id: Some(t.id),
            lent: false,
        })
        .collect();
    lines.extend(transport.into_iter().map(|t| BenefitLine {
        area: BenefitArea::Employment,
        year: t.year,
        title: "外出务工交通补助".to_owned(),
        detail: name(t.member_id),
        on: Some(t.paid_on),
        amount_fen: Fen::new(t.amount_fen),
        source: BenefitSource::TransportSubsidy,
        source_id: Some(t.id),
        lent: false,
    }));
    Ok(lines)
}

fn name_of(members: &HashMap<i64, member::Model>, id: i64) -> String {
    members.get(&id).map(|m| m.name.clone()).unwrap_or_default()
}
