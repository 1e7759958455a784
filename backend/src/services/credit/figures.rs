//! A year's microcredit in a subtree, as recorded up to a date (the seed counts 截至9月底): new
//! loans by mode against the province's plan, the outstanding balance, households that ever
//! borrowed against those on file (获贷率), overdue money by bank and township, the subsidy paid,
//! the risk fund's balance and the 户贷企用 loans whose return is late. The figures are summed
//! from the running sums of `tally`, which follow every write of the records and are checked
//! against them by `tally::differences`.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use jingzhun_shared::credit::{CreditFigures, ModeShare, OverdueShare};
use jingzhun_shared::error::Validator;
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::money::rate_bp;
use jingzhun_shared::{Capability, Fen, HouseholdStatus, OrgLevel};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, ExprTrait, FromQueryResult, PaginatorTrait, QueryFilter,
    QuerySelect,
};

use crate::actor::CurrentUser;
use crate::entities::{credit_plan, credit_tally, household};
use crate::error::{AppError, AppResult};
use crate::services::check_year;
use crate::services::org::org_units;
use crate::services::registry::status_history::on_file_on;

/// Outstanding and overdue money of one bank or township.
#[derive(Default)]
struct Share {
    outstanding: i64,
    overdue: i64,
}

fn shares(by: BTreeMap<String, Share>) -> Vec<OverdueShare> {
    by.into_iter()
        .map(|(name, s)| OverdueShare {
            name,
            outstanding_fen: Fen::new(s.outstanding),
            overdue_fen: Fen::new(s.overdue),
            overdue_rate_bp: rate_bp(s.overdue, s.outstanding),
        })
        .collect()
}

/// One bank's figures in one township, summed from the tallies.
#[derive(FromQueryResult)]
struct Sums {
    bank: String,
    township_id: i64,
    outstanding: Option<i64>,
    overdue: Option<i64>,
    late: Option<i64>,
    borrowers: Option<i64>,
    household_use_fen: Option<i64>,
    enterprise_use_fen: Option<i64>,
    year_borrowers: Option<i64>,
    year_household_use: Option<i64>,
    year_enterprise_use: Option<i64>,
    subsidy: Option<i64>,
}

/// The tallies of the subtree `path` summed up to `as_of` (those named `year_…` and the money
/// lent and subsidy paid from `from` on), by bank and township: the month rows before the
/// month of `as_of`, and the day rows of that month up to it.
async fn sums(db: &impl ConnectionTrait, path: &str, from: NaiveDate, as_of: NaiveDate) -> AppResult<Vec<Sums>> {
    let month = as_of.with_day(1).unwrap_or(as_of);
    let since = from.format("%Y-%m-%d");
    let total = |sql: &str| Expr::cust(format!("CAST(SUM({sql}) AS BIGINT)"));
    let in_year = |c: &str| Expr::cust(format!("CAST(SUM(CASE WHEN day >= '{since}' THEN {c} ELSE 0 END) AS BIGINT)"));
    let rows = credit_tally::Entity::find()
        .select_only()
        .column(credit_tally::Column::Bank)
        .column(credit_tally::Column::TownshipId)
        .expr_as(total("lent_household_use_fen + lent_enterprise_use_fen - repaid_fen"), "outstanding")
        .expr_as(total("overdue_fen"), "overdue")
        .expr_as(total("late_loans"), "late")
        .expr_as(total("borrowers"), "borrowers")
        .expr_as(in_year("lent_household_use_fen"), "household_use_fen")
        .expr_as(in_year("lent_enterprise_use_fen"), "enterprise_use_fen")
        .expr_as(in_year("year_borrowers"), "year_borrowers")
        .expr_as(in_year("year_household_use"), "year_household_use")
        .expr_as(in_year("year_enterprise_use"), "year_enterprise_use")
        .expr_as(in_year("subsidy_fen"), "subsidy")
        .filter(credit_tally::Column::OrgPath.starts_with(path))
        .filter(
            Condition::any()
                .add(credit_tally::Column::WholeMonth.eq(true).and(credit_tally::Column::Day.lt(month)))
                .add(
                    credit_tally::Column::WholeMonth
                        .eq(false)
                        .and(credit_tally::Column::Day.gte(month))
                        .and(credit_tally::Column::Day.lte(as_of)),
                ),
        )
        .group_by(credit_tally::Column::Bank)
        .group_by(credit_tally::Column::TownshipId)
        .into_model::<Sums>()
        .all(db)
        .await?;
    Ok(rows)
}

/// The rows' money by bank and by township, and their other sums: late returns, households
/// that ever borrowed, money lent by mode, households borrowing in the year in all and by mode,
/// subsidy paid.
type Totals = (BTreeMap<String, Share>, BTreeMap<i64, Share>, [i64; 8]);

fn totals(rows: Vec<Sums>) -> Totals {
    let mut by_bank: BTreeMap<String, Share> = BTreeMap::new();
    let mut by_township: BTreeMap<i64, Share> = BTreeMap::new();
    let mut total = [0i64; 8];
    for row in rows {
        let (outstanding, overdue) = (row.outstanding.unwrap_or_default(), row.overdue.unwrap_or_default());
        for share in [by_bank.entry(row.bank).or_default(), by_township.entry(row.township_id).or_default()] {
            share.outstanding += outstanding;
            share.overdue += overdue;
        }
        let values = [
            row.late,
            row.borrowers,
            row.household_use_fen,
            row.enterprise_use_fen,
            row.year_borrowers,
            row.year_household_use,
            row.year_enterprise_use,
            row.subsidy,
        ];
        for (t, v) in total.iter_mut().zip(values) {
            *t += v.unwrap_or_default();
        }
    }
    (by_bank, by_township, total)
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or_default()
}

/// The figures of `query.year` in the subtree asked (the caller's own when absent), as
/// recorded up to `as_of` (the year's last day, or today when that is earlier).
pub async fn figures(db: &impl ConnectionTrait, user: &CurrentUser, query: RatesQuery) -> AppResult<CreditFigures> {
    user.require(Capability::ReadFunds)?;
    let mut v = Validator::new();
    check_year(&mut v, query.year);
    v.finish()?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let start = NaiveDate::from_ymd_opt(query.year, 1, 1).ok_or_else(|| AppError::field("year", "年份不合理"))?;
    let end = NaiveDate::from_ymd_opt(query.year, 12, 31).ok_or_else(|| AppError::field("year", "年份不合理"))?;
    // A date past the year reads the year as it closed: the year's counts of households are
    // of loans issued within it.
    let as_of = query.as_of.map_or(Ord::min(end, user.today), |on| Ord::min(on, end));
    let path = unit.path.as_str();
    let plan = match unit.level {
        OrgLevel::District => credit_plan::Entity::find_by_id(query.year).one(db).await?.map(|p| p.amount_fen),
        _ => None,
    };
    let (by_bank, by_township, total) = totals(sums(db, path, start, as_of).await?);
    let [
        late,
        borrowing,
        household_use_fen,
        enterprise_use_fen,
        new_households,
        household_use,
        enterprise_use,
        subsidy,
    ] = total;
    let townships = org_units::by_ids(db, by_township.keys().copied().collect()).await?;
    let by_township: BTreeMap<String, Share> = by_township
        .into_iter()
        .map(|(id, s)| (townships.get(&id).map(|t| t.name.clone()).unwrap_or_default(), s))
        .collect();
    let outstanding: i64 = by_bank.values().map(|s| s.outstanding).sum();
    let overdue: i64 = by_bank.values().map(|s| s.overdue).sum();
    let mut on_file = household::Entity::find().filter(household::Column::OrgPath.starts_with(path));
    on_file = match query.as_of {
        // As of a day asked, the households on file that day by their dated status changes.
        Some(_) => on_file.filter(on_file_on(as_of)),
        None => on_file.filter(household::Column::Status.is_in([HouseholdStatus::Registered, HouseholdStatus::Exited])),
    };
    let on_file = on_file.count(db).await?;
    let new_amount = household_use_fen + enterprise_use_fen;
    Ok(CreditFigures {
        year: query.year,
        as_of,
        new_amount_fen: Fen::new(new_amount),
        new_households: count(new_households),
        household_use: ModeShare { households: count(household_use), amount_fen: Fen::new(household_use_fen) },
        enterprise_use: ModeShare { households: count(enterprise_use), amount_fen: Fen::new(enterprise_use_fen) },
        plan_fen: plan.map(Fen::new),
        plan_completion_bp: plan.map_or(0, |plan| rate_bp(new_amount, plan)),
        outstanding_fen: Fen::new(outstanding),
        borrowing_households: count(borrowing),
        households_on_file: on_file,
        coverage_bp: rate_bp(borrowing, i64::try_from(on_file).unwrap_or(i64::MAX)),
        overdue_fen: Fen::new(overdue),
        overdue_rate_bp: rate_bp(overdue, outstanding),
        overdue_by_bank: shares(by_bank),
        overdue_by_township: shares(by_township),
        subsidy_paid_fen: Fen::new(subsidy),
        risk_fund_balance_fen: Fen::new(super::plans::balance_on(db, as_of).await?),
        returns_late: count(late),
    })
}
