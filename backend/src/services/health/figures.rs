//! The health figures of a year for any subtree, as of a date: per claim kind the person-times,
//! cost, compensation (every layer: cost − out-of-pocket), fallback, supplement and their ratio;
//! the family-doctor signing rate of the people on file; what each special fund paid. All of it
//! summed from the tallies the database keeps in step with every claim, member, household and
//! signing ([`super::tally`]), and the premiums on file.

use chrono::NaiveDate;
use jingzhun_shared::health::{ClaimKind, HealthFigures, HealthFiguresQuery, KindFigures};
use jingzhun_shared::money::rate_bp;
use jingzhun_shared::{Capability, Fen, StringEnum};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use super::tally;
use crate::actor::CurrentUser;
use crate::entities::premium_subsidy;
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;

fn sum(column: &str) -> Expr {
    Expr::cust(format!("CAST(SUM({column}) AS BIGINT)"))
}

pub async fn figures(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: HealthFiguresQuery,
) -> AppResult<HealthFigures> {
    user.require(Capability::ReadHealthFigures)?;
    let unit = org_units::scope_unit(db, user, query.org_unit).await?;
    let year_end = NaiveDate::from_ymd_opt(query.year, 12, 31).ok_or_else(|| AppError::field("year", "年份不合理"))?;
    let as_of = Ord::min(query.as_of.unwrap_or(year_end), year_end);
    let rows = tally::claims(db, &unit.path, query.year, as_of).await?;
    let mut out = HealthFigures {
        year: query.year,
        as_of,
        org_unit: org_units::to_ref(&unit),
        inpatient: KindFigures::default(),
        outpatient: KindFigures::default(),
        chronic: KindFigures::default(),
        registered_people: 0,
        signed_people: 0,
        signing_rate_bp: 0,
        fallback_fund_fen: Fen::ZERO,
        commercial_fund_fen: Fen::ZERO,
        supplement_fund_fen: Fen::ZERO,
        premium_people: 0,
        premium_fen: Fen::ZERO,
    };
    let mut commercial = 0;
    for row in rows {
        let (total, own) = (row.total_cost_fen, row.out_of_pocket_fen);
        let figures = KindFigures {
            person_times: u64::try_from(row.claims).unwrap_or(0),
            total_cost_fen: Fen::new(total),
            compensation_fen: Fen::new(total - own),
            fallback_fen: Fen::new(row.fallback_fen),
            supplementary_fen: Fen::new(row.supplementary_fen),
            ratio_bp: rate_bp(total - own, total),
        };
        commercial += row.commercial_fen;
        match ClaimKind::from_wire(&row.kind) {
            Some(ClaimKind::Inpatient) => out.inpatient = figures,
            Some(ClaimKind::Outpatient) => out.outpatient = figures,
            Some(ClaimKind::Chronic) => out.chronic = figures,
            None => {}
        }
    }
    out.fallback_fund_fen = out.inpatient.fallback_fen;
    out.supplement_fund_fen = out.chronic.supplementary_fen;
    out.commercial_fund_fen = Fen::new(commercial);
    let people = tally::people(db, &unit.path, as_of).await?;
    let (registered, signed) = (u64::try_from(people.on_file).unwrap_or(0), u64::try_from(people.signed).unwrap_or(0));
    (out.registered_people, out.signed_people, out.signing_rate_bp) =
        (registered, signed, rate_bp_u(signed, registered));
    (out.premium_people, out.premium_fen) = premiums(db, query.year, &unit.path, as_of).await?;
    Ok(out)
}

fn rate_bp_u(part: u64, whole: u64) -> i64 {
    rate_bp(i64::try_from(part).unwrap_or(i64::MAX), i64::try_from(whole).unwrap_or(i64::MAX))
}

/// The people whose premium of `year` was subsidised under `path` by `as_of`, and the sum.
async fn premiums(db: &impl ConnectionTrait, year: i32, path: &str, as_of: NaiveDate) -> AppResult<(u64, Fen)> {
    let row: Option<(i64, Option<i64>)> = premium_subsidy::Entity::find()
        .select_only()
        .column_as(Expr::cust("COUNT(DISTINCT member_id)"), "n")
        .column_as(sum("amount_fen"), "total")
        .filter(premium_subsidy::Column::Year.eq(year))
        .filter(premium_subsidy::Column::PaidOn.lte(as_of))
        .filter(premium_subsidy::Column::OrgPath.starts_with(path))
        .into_tuple()
        .one(db)
        .await?;
    let (n, total) = row.unwrap_or((0, None));
    Ok((u64::try_from(n).unwrap_or(0), Fen::new(total.unwrap_or(0))))
}
