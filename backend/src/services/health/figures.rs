//! The health figures of a year for any subtree, as of a date: per claim kind the person-times,
//! cost, compensation (every layer: cost − out-of-pocket), fallback, supplement and their ratio;
//! the family-doctor signing rate of the people on file; what each special fund paid. All of it
//! summed from the claims and signings on file, never stored.

use chrono::NaiveDate;
use jingzhun_shared::health::{ClaimKind, HealthFigures, HealthFiguresQuery, KindFigures};
use jingzhun_shared::money::rate_bp;
use jingzhun_shared::{Capability, Fen, HouseholdStatus, StringEnum};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::actor::CurrentUser;
use crate::entities::{doctor_signing, health_claim, household, member, premium_subsidy};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::registry::members::present_on;

/// One kind's sums: count, cost, out-of-pocket, fallback, supplement, commercial insurance.
type KindSums = (String, i64, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>);

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
    let rows: Vec<KindSums> = health_claim::Entity::find()
        .select_only()
        .column(health_claim::Column::Kind)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .column_as(sum("total_cost_fen"), "total")
        .column_as(sum("out_of_pocket_fen"), "own")
        .column_as(sum("fallback_fen"), "fallback")
        .column_as(sum("supplementary_fen"), "supplementary")
        .column_as(sum("commercial_fen"), "commercial")
        .filter(health_claim::Column::Year.eq(query.year))
        .filter(health_claim::Column::DischargedOn.lte(as_of))
        .filter(health_claim::Column::OrgPath.starts_with(&unit.path))
        .group_by(health_claim::Column::Kind)
        .into_tuple()
        .all(db)
        .await?;
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
    for (kind, n, total, own, fallback, supplementary, paid_commercial) in rows {
        let (total, own) = (total.unwrap_or(0), own.unwrap_or(0));
        let figures = KindFigures {
            person_times: u64::try_from(n).unwrap_or(0),
            total_cost_fen: Fen::new(total),
            compensation_fen: Fen::new(total - own),
            fallback_fen: Fen::new(fallback.unwrap_or(0)),
            supplementary_fen: Fen::new(supplementary.unwrap_or(0)),
            ratio_bp: rate_bp(total - own, total),
        };
        commercial += paid_commercial.unwrap_or(0);
        match ClaimKind::from_wire(&kind) {
            Some(ClaimKind::Inpatient) => out.inpatient = figures,
            Some(ClaimKind::Outpatient) => out.outpatient = figures,
            Some(ClaimKind::Chronic) => out.chronic = figures,
            None => {}
        }
    }
    out.fallback_fund_fen = out.inpatient.fallback_fen;
    out.supplement_fund_fen = out.chronic.supplementary_fen;
    out.commercial_fund_fen = Fen::new(commercial);
    let (registered, signed) = signing(db, &unit.path, as_of).await?;
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

/// The people on file (members present on `on` of households registered or exited) under
/// `path`, and how many of them hold a signing valid on `on`.
async fn signing(db: &impl ConnectionTrait, path: &str, on: NaiveDate) -> AppResult<(u64, u64)> {
    let people = |signed: bool| {
        let mut q = Query::select();
        // Each member row meets one household: only a signing join can repeat a member.
        let n = if signed {
            Expr::col((member::Entity, member::Column::Id)).count_distinct()
        } else {
            Expr::col((member::Entity, member::Column::Id)).count()
        };
        q.expr_as(n, Alias::new("n"))
            .from(member::Entity)
            .inner_join(
                household::Entity,
                Expr::col((member::Entity, member::Column::HouseholdId))
                    .equals((household::Entity, household::Column::Id)),
            )
            .and_where(Expr::col((household::Entity, household::Column::OrgPath)).like(format!("{path}%")))
            .and_where(
                Expr::col((household::Entity, household::Column::Status))
                    .is_in([HouseholdStatus::Registered.as_str(), HouseholdStatus::Exited.as_str()]),
            )
            .cond_where(present_on(on));
        if signed {
            q.inner_join(
                doctor_signing::Entity,
                Expr::col((doctor_signing::Entity, doctor_signing::Column::MemberId))
                    .equals((member::Entity, member::Column::Id)),
            )
            .and_where(Expr::col((doctor_signing::Entity, doctor_signing::Column::SignedOn)).lte(on))
            .and_where(Expr::col((doctor_signing::Entity, doctor_signing::Column::ValidTo)).gte(on));
        }
        q.to_owned()
    };
    let mut counts = [0u64; 2];
    for (i, signed) in [false, true].into_iter().enumerate() {
        let n = match db.query_one(&people(signed)).await? {
            Some(row) => row.try_get::<i64>("", "n")?,
            None => 0,
        };
        if let Some(slot) = counts.get_mut(i) {
            *slot = u64::try_from(n).unwrap_or(0);
        }
    }
    let [registered, signed] = counts;
    Ok((registered, signed))
}
