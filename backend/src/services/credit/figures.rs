//! A year's microcredit in a subtree, as recorded up to a date (the seed counts 截至9月底): new
//! loans by mode against the province's plan, the outstanding balance, households that ever
//! borrowed against those on file (获贷率), overdue money by bank and township, the subsidy paid,
//! the risk fund's balance and the 户贷企用 loans whose return is late. Every figure is summed
//! from the records; nothing is stored.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use jingzhun_shared::credit::{CreditFigures, LoanMode, ModeShare, OverdueShare, SubsidyBatchStatus};
use jingzhun_shared::error::Validator;
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::money::rate_bp;
use jingzhun_shared::{Capability, Fen, HouseholdStatus, OrgLevel};
use sea_orm::sea_query::Expr;
use sea_orm::sea_query::Value;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Statement,
};

use super::loans::overdue_on;
use super::state::ReturnTerms;
use crate::actor::CurrentUser;
use crate::entities::{credit_plan, household, interest_subsidy_batch, interest_subsidy_line, loan, loan_repayment};
use crate::error::{AppError, AppResult};
use crate::services::check_year;
use crate::services::org::org_units;

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

const SUM: &str = "CAST(SUM(amount_fen) AS BIGINT)";

/// Principal repaid after `as_of` on loans of the subtree `path`, by (bank, township id).
async fn repaid_after(db: &impl ConnectionTrait, path: &str, as_of: NaiveDate) -> AppResult<Vec<(String, i64, i64)>> {
    let rows: Vec<(String, i64, Option<i64>)> = loan_repayment::Entity::find()
        .select_only()
        .column(loan_repayment::Column::Bank)
        .column(loan_repayment::Column::TownshipId)
        .expr_as(Expr::cust("CAST(SUM(principal_fen) AS BIGINT)"), "fen")
        .filter(loan_repayment::Column::PaidOn.gt(as_of))
        .filter(loan_repayment::Column::OrgPath.starts_with(path))
        .group_by(loan_repayment::Column::Bank)
        .group_by(loan_repayment::Column::TownshipId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(bank, township, fen)| (bank, township, fen.unwrap_or_default())).collect())
}

/// Lent less repaid up to `as_of` in the subtree `path`, by (bank, township id): each loan's
/// balance today, plus what was repaid after `as_of`; a loan issued after `as_of` counts its
/// balance less its amount, which the repayments after `as_of` (all of its own) make nothing.
async fn outstanding(
    db: &impl ConnectionTrait,
    path: &str,
    as_of: NaiveDate,
) -> AppResult<HashMap<(String, i64), i64>> {
    let day = as_of.format("%Y-%m-%d");
    let sum = format!(
        "CAST(SUM(CASE WHEN issued_on <= '{day}' THEN balance_fen ELSE balance_fen - amount_fen END) AS BIGINT)"
    );
    let mut by: HashMap<(String, i64), i64> = HashMap::new();
    for (bank, township, fen) in by_bank_and_township(db, path, sum, None).await? {
        *by.entry((bank, township)).or_default() += fen;
    }
    for (bank, township, fen) in repaid_after(db, path, as_of).await? {
        *by.entry((bank, township)).or_default() += fen;
    }
    Ok(by)
}

/// `sum` over the loans of the subtree (those overdue on a day, when given), by bank and
/// township.
async fn by_bank_and_township(
    db: &impl ConnectionTrait,
    path: &str,
    sum: String,
    overdue: Option<NaiveDate>,
) -> AppResult<Vec<(String, i64, i64)>> {
    let mut select = loan::Entity::find()
        .select_only()
        .column(loan::Column::Bank)
        .column(loan::Column::TownshipId)
        .expr_as(Expr::cust(sum), "fen")
        .filter(loan::Column::OrgPath.starts_with(path));
    if let Some(on) = overdue {
        select = select.filter(overdue_on(on));
    }
    let rows: Vec<(String, i64, Option<i64>)> =
        select.group_by(loan::Column::Bank).group_by(loan::Column::TownshipId).into_tuple().all(db).await?;
    Ok(rows.into_iter().map(|(bank, township, fen)| (bank, township, fen.unwrap_or_default())).collect())
}

/// The balance on `as_of` of the loans overdue then, by bank and township: the balance today
/// plus the loan's repayments after `as_of`.
async fn overdue(db: &impl ConnectionTrait, path: &str, as_of: NaiveDate) -> AppResult<Vec<(String, i64, i64)>> {
    let day = as_of.format("%Y-%m-%d");
    let sum = format!(
        "CAST(SUM(balance_fen + COALESCE((SELECT SUM(r.principal_fen) FROM loan_repayment r \
         WHERE r.loan_id = loan.id AND r.paid_on > '{day}'), 0)) AS BIGINT)"
    );
    by_bank_and_township(db, path, sum, Some(as_of)).await
}

/// Distinct households with a loan issued in [from, to] in the subtree, of one mode or all.
async fn borrowers(db: &impl ConnectionTrait, path: &str, from: Option<NaiveDate>, to: NaiveDate) -> AppResult<u64> {
    let mut select = loan::Entity::find()
        .select_only()
        .expr_as(Expr::cust("COUNT(DISTINCT household_id)"), "n")
        .filter(loan::Column::OrgPath.starts_with(path))
        .filter(loan::Column::IssuedOn.lte(to));
    if let Some(from) = from {
        select = select.filter(loan::Column::IssuedOn.gte(from));
    }
    let n: Option<i64> = select.into_tuple().one(db).await?;
    Ok(u64::try_from(n.unwrap_or_default()).unwrap_or_default())
}

/// New loans of [from, to] by mode.
async fn by_mode(
    db: &impl ConnectionTrait,
    path: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<HashMap<LoanMode, ModeShare>> {
    let rows: Vec<(LoanMode, i64, Option<i64>)> = loan::Entity::find()
        .select_only()
        .column(loan::Column::Mode)
        .expr_as(Expr::cust("COUNT(DISTINCT household_id)"), "n")
        .expr_as(Expr::cust(SUM), "fen")
        .filter(loan::Column::OrgPath.starts_with(path))
        .filter(loan::Column::IssuedOn.between(from, to))
        .group_by(loan::Column::Mode)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(mode, n, fen)| {
            let share = ModeShare {
                households: u64::try_from(n).unwrap_or_default(),
                amount_fen: Fen::new(fen.unwrap_or_default()),
            };
            (mode, share)
        })
        .collect())
}

/// Subsidy of the batches paid in [from, to], on loans of the subtree.
async fn subsidy_paid(db: &impl ConnectionTrait, path: &str, from: NaiveDate, to: NaiveDate) -> AppResult<i64> {
    let paid: Vec<i64> = interest_subsidy_batch::Entity::find()
        .select_only()
        .column(interest_subsidy_batch::Column::Id)
        .filter(interest_subsidy_batch::Column::Status.eq(SubsidyBatchStatus::Paid))
        .filter(interest_subsidy_batch::Column::PaidOn.between(from, to))
        .into_tuple()
        .all(db)
        .await?;
    let fen: Option<i64> = interest_subsidy_line::Entity::find()
        .select_only()
        .expr_as(Expr::cust("CAST(SUM(subsidy_fen) AS BIGINT)"), "fen")
        .filter(interest_subsidy_line::Column::BatchId.is_in(paid))
        .filter(interest_subsidy_line::Column::OrgPath.starts_with(path))
        .into_tuple()
        .one(db)
        .await?
        .flatten();
    Ok(fen.unwrap_or_default())
}

/// The 户贷企用 loans issued by `as_of` under a path, grouped by what decides their lateness:
/// issue day, due day, repayment day when by `as_of`, yearly return, returns paid by `as_of`.
const RETURN_TERMS: &str = "SELECT l.issued_on, l.due_on, CASE WHEN l.repaid_on <= ? THEN l.repaid_on END, \
     l.yearly_return_fen, COALESCE(r.paid, 0), COUNT(*) FROM loan l LEFT JOIN \
     (SELECT loan_id, CAST(SUM(amount_fen) AS BIGINT) AS paid FROM loan_return WHERE paid_on <= ? GROUP BY loan_id) r \
     ON r.loan_id = l.id WHERE l.org_path LIKE ? AND l.mode = ? AND l.yearly_return_fen > 0 \
     AND l.issued_on <= ? GROUP BY 1, 2, 3, 4, 5";

/// 户贷企用 loans of the subtree whose enterprise is late with its return on `as_of`: the loans
/// are counted in groups that share their terms and returns, each group judged once.
async fn returns_late(db: &impl ConnectionTrait, path: &str, as_of: NaiveDate) -> AppResult<u64> {
    let backend = db.get_database_backend();
    let sql = match backend {
        // PostgreSQL numbers its parameters.
        DatabaseBackend::Postgres => {
            let mut parts = RETURN_TERMS.split('?');
            let mut sql = parts.next().unwrap_or_default().to_owned();
            for (i, part) in parts.enumerate() {
                sql.push_str(&format!("${}{part}", i + 1));
            }
            sql
        }
        _ => RETURN_TERMS.to_owned(),
    };
    let values: [Value; 5] =
        [as_of.into(), as_of.into(), format!("{path}%").into(), LoanMode::EnterpriseUse.as_str().into(), as_of.into()];
    let rows = db.query_all_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
    let mut late = 0i64;
    for row in rows {
        let terms = ReturnTerms {
            issued_on: row.try_get_by_index(0)?,
            due_on: row.try_get_by_index(1)?,
            repaid_on: row.try_get_by_index(2)?,
            yearly_return_fen: row.try_get_by_index(3)?,
        };
        let paid: i64 = row.try_get_by_index(4)?;
        if terms.late(paid, as_of) {
            late += row.try_get_by_index::<i64>(5)?;
        }
    }
    Ok(u64::try_from(late).unwrap_or_default())
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
    let as_of = query.as_of.unwrap_or(end.min(user.today));
    let path = unit.path.as_str();
    let modes = by_mode(db, path, start, as_of).await?;
    let plan = match unit.level {
        OrgLevel::District => credit_plan::Entity::find_by_id(query.year).one(db).await?.map(|p| p.amount_fen),
        _ => None,
    };
    let mut by_bank: BTreeMap<String, Share> = BTreeMap::new();
    let mut by_township: BTreeMap<i64, Share> = BTreeMap::new();
    for ((bank, township), fen) in outstanding(db, path, as_of).await? {
        by_bank.entry(bank).or_default().outstanding += fen;
        by_township.entry(township).or_default().outstanding += fen;
    }
    for (bank, township, fen) in overdue(db, path, as_of).await? {
        by_bank.entry(bank).or_default().overdue += fen;
        by_township.entry(township).or_default().overdue += fen;
    }
    let townships = org_units::by_ids(db, by_township.keys().copied().collect()).await?;
    let by_township: BTreeMap<String, Share> = by_township
        .into_iter()
        .map(|(id, s)| (townships.get(&id).map(|t| t.name.clone()).unwrap_or_default(), s))
        .collect();
    let outstanding: i64 = by_bank.values().map(|s| s.outstanding).sum();
    let overdue: i64 = by_bank.values().map(|s| s.overdue).sum();
    let on_file = household::Entity::find()
        .filter(household::Column::OrgPath.starts_with(path))
        .filter(household::Column::Status.is_in([HouseholdStatus::Registered, HouseholdStatus::Exited]))
        .count(db)
        .await?;
    let borrowing = borrowers(db, path, None, as_of).await?;
    let household_use = modes.get(&LoanMode::HouseholdUse).copied().unwrap_or_default();
    let enterprise_use = modes.get(&LoanMode::EnterpriseUse).copied().unwrap_or_default();
    let new_amount = household_use.amount_fen.fen() + enterprise_use.amount_fen.fen();
    Ok(CreditFigures {
        year: query.year,
        as_of,
        new_amount_fen: Fen::new(new_amount),
        new_households: borrowers(db, path, Some(start), as_of).await?,
        household_use,
        enterprise_use,
        plan_fen: plan.map(Fen::new),
        plan_completion_bp: plan.map_or(0, |plan| rate_bp(new_amount, plan)),
        outstanding_fen: Fen::new(outstanding),
        borrowing_households: borrowing,
        households_on_file: on_file,
        coverage_bp: rate_bp(i64::try_from(borrowing).unwrap_or_default(), i64::try_from(on_file).unwrap_or(i64::MAX)),
        overdue_fen: Fen::new(overdue),
        overdue_rate_bp: rate_bp(overdue, outstanding),
        overdue_by_bank: shares(by_bank),
        overdue_by_township: shares(by_township),
        subsidy_paid_fen: Fen::new(subsidy_paid(db, path, start, as_of).await?),
        risk_fund_balance_fen: Fen::new(super::plans::balance_on(db, as_of).await?),
        returns_late: returns_late(db, path, as_of).await?,
    })
}
