//! The year's social-security figures for a subtree: the standards (and the year before's),
//! 低保 and 五保 households and people, payments by kind, and how many households are paid
//! less than their standard.

use chrono::NaiveDate;
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::social_security::{AssistanceFigure, AssistancePaymentKind, SocialFigures};
use jingzhun_shared::{Capability, Fen, HouseholdCategory};
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult};

use super::shortfalls::counted;
use super::standards::standard_dto;
use crate::actor::CurrentUser;
use crate::entities::{assistance_payment, org_unit, social_standard};
use crate::error::AppResult;
use crate::services::org::org_units;
use crate::services::tallied::{non_negative, sum};

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
    let by_kind = paid_by_kind(db, &unit, year, query.as_of).await?;
    for kind in AssistancePaymentKind::ALL {
        let row = by_kind.iter().find(|r| r.kind == kind.as_str());
        f.payments.push(AssistanceFigure {
            kind: *kind,
            households: row.map_or(0, |r| non_negative(r.households)),
            payments: row.map_or(0, |r| non_negative(r.payments)),
            amount_fen: Fen::new(row.map_or(0, |r| r.amount)),
        });
    }
    Ok(f)
}

/// The year's payments of one kind under `unit`, paid up to `as_of`.
#[derive(Debug, FromQueryResult)]
struct KindSums {
    kind: String,
    households: i64,
    payments: i64,
    amount: i64,
}

/// The year's payments under `unit` by kind, summed in the database (a province pays its
/// 低保 households monthly: millions of rows a year).
async fn paid_by_kind(
    db: &impl ConnectionTrait,
    unit: &org_unit::Model,
    year: i32,
    as_of: Option<NaiveDate>,
) -> AppResult<Vec<KindSums>> {
    let mut q = Query::select()
        .column(assistance_payment::Column::Kind)
        .expr_as(Expr::cust("CAST(COUNT(DISTINCT household_id) AS BIGINT)"), Alias::new("households"))
        .expr_as(Expr::cust("CAST(COUNT(*) AS BIGINT)"), Alias::new("payments"))
        .expr_as(sum("amount_fen"), Alias::new("amount"))
        .from(assistance_payment::Entity)
        .and_where(assistance_payment::Column::Year.eq(year))
        .and_where(assistance_payment::Column::OrgPath.starts_with(&unit.path))
        .group_by_col(assistance_payment::Column::Kind)
        .to_owned();
    if let Some(day) = as_of {
        q.and_where(assistance_payment::Column::PaidOn.lte(day));
    }
    Ok(KindSums::find_by_statement(db.get_database_backend().build(&q)).all(db).await?)
}
