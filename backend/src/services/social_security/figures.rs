//! The year's social-security figures for a subtree: the standards (and the year before's),
//! 低保 and 五保 households and people, payments by kind, and how many households are paid
//! less than their standard.

use std::collections::HashSet;

use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::social_security::{AssistanceFigure, AssistancePaymentKind, SocialFigures};
use jingzhun_shared::{Capability, Fen, HouseholdCategory};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::shortfalls::counted;
use super::standards::standard_dto;
use crate::actor::CurrentUser;
use crate::entities::{assistance_payment, social_standard};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::per_household::by;
use crate::services::tallied::non_negative;

/// The year's figures for the caller's subtree or a unit inside it, as paid up to `as_of`.
pub async fn figures(db: &impl ConnectionTrait, user: &CurrentUser, query: RatesQuery) -> AppResult<SocialFigures> {
    user.require(Capability::ReadRegistry)?;
    let mut v = jingzhun_shared::error::Validator::new();
    crate::services::check_year(&mut v, query.year);
    v.finish()?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let year = query.year;
    let mut f = SocialFigures {
        year,
        standard: standard_dto(year, social_standard::Entity::find_by_id(year).one(db).await?.as_ref()),
        previous_standard: standard_dto(
            year - 1,
            social_standard::Entity::find_by_id(year - 1).one(db).await?.as_ref(),
        ),
        ..Default::default()
    };
    for c in counted(db, &unit, year, query.as_of).await? {
        let (households, people) = (non_negative(c.households), non_negative(c.people));
        if c.category == HouseholdCategory::Wubao.as_str() {
            f.wubao_households += households;
            f.wubao_people += people;
        } else {
            f.dibao_households += households;
            f.dibao_people += people;
        }
        f.short_households += non_negative(c.short);
    }
    let payments = assistance_payment::Entity::find()
        .filter(assistance_payment::Column::Year.eq(year))
        .filter(assistance_payment::Column::OrgPath.starts_with(&unit.path))
        .all(db)
        .await?;
    for kind in AssistancePaymentKind::ALL {
        let of_kind: Vec<_> = payments.iter().filter(|p| p.kind == *kind && by(Some(p.paid_on), query.as_of)).collect();
        let mut amount = Fen::ZERO;
        for p in &of_kind {
            amount =
                amount.checked_add(Fen::new(p.amount_fen)).ok_or_else(|| AppError::Internal("overflow".to_owned()))?;
        }
        let households: HashSet<i64> = of_kind.iter().map(|p| p.household_id).collect();
        f.payments.push(AssistanceFigure {
            kind: *kind,
            households: households.len() as u64,
            payments: of_kind.len() as u64,
            amount_fen: amount,
        });
    }
    Ok(f)
}
