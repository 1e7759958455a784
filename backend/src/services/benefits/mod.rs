//! What a household received in a year across every project (享受政策): the lines each area
//! gives for the household, with totals. Each area owns its `benefit_lines`; adding an area is
//! one line in [`household_benefits`]. Pairing assistance is no line: an enterprise's
//! assistance logs belong to a pairing, which may cover many households, never to one.

use jingzhun_shared::HouseholdId;
use jingzhun_shared::benefits::{BenefitsQuery, HouseholdBenefits};
use sea_orm::ConnectionTrait;

use crate::actor::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::services::registry::households;
use crate::services::{credit, ecology, education, employment, health, housing, industry, social_security};

/// The household's benefits of the year asked (by default the latest year it received
/// anything, else the caller's current year), for a household in the caller's scope (404
/// otherwise).
pub async fn household_benefits(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: HouseholdId,
    query: BenefitsQuery,
) -> AppResult<HouseholdBenefits> {
    let h = households::find_visible(db, user, id).await?;
    let mut lines = Vec::new();
    lines.extend(industry::benefits::benefit_lines(db, h.id).await?);
    lines.extend(education::benefits::benefit_lines(db, h.id).await?);
    lines.extend(employment::benefits::benefit_lines(db, h.id).await?);
    lines.extend(credit::benefits::benefit_lines(db, h.id).await?);
    lines.extend(health::benefits::benefit_lines(db, user, h.id).await?);
    lines.extend(housing::benefit_lines(db, h.id).await?);
    lines.extend(social_security::benefit_lines(db, h.id).await?);
    lines.extend(ecology::benefit_lines(db, h.id).await?);
    let this_year = chrono::Datelike::year(&user.today);
    HouseholdBenefits::new(id, query.year, this_year, lines)
        .ok_or_else(|| AppError::Internal("benefits overflow".to_owned()))
}
