//! Each rule as one set-based query over the records of a year: it answers the households the
//! rule finds, with the figures, among the households on file (registered or exited) that have
//! no warning of the rule and year yet. Thresholds that compare a household's figure with its
//! income or the setting are applied here in Rust on the few rows the query answers, with the
//! registry's own per-capita rounding.
//!
//! The queries are written as SQL both engines read alike: dates are bound values (SQLite keeps
//! them as ISO text, which orders as dates), sums are cast to BIGINT (PostgreSQL's `SUM` of a
//! BIGINT is NUMERIC), and every rule selects the same columns ([`Candidate`]).

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use jingzhun_shared::warnings::{WarningRule, WarningSettings};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, FromQueryResult, QueryFilter, Statement, Value,
};

use crate::entities::{household, loan, warning};
use crate::error::AppResult;
use crate::services::credit::overdue_on;

/// What a rule found for one household.
#[derive(Debug, Clone, Default, FromQueryResult)]
pub struct Candidate {
    pub household_id: i64,
    pub village_id: i64,
    pub township_id: i64,
    pub org_path: String,
    pub amount: Option<i64>,
    pub reference: Option<i64>,
    pub record_count: Option<i64>,
    pub event_on: Option<NaiveDate>,
    pub detail: Option<String>,
    pub record_id: Option<i64>,
    /// A second figure some rules need before they decide (the year before's member count).
    pub other: Option<i64>,
}

/// The days a rule of `year` reads records over: the year's first day, and its last day or
/// `today` while the year runs.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    pub year: i32,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Span {
    pub fn of(year: i32, today: NaiveDate) -> Option<Span> {
        let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
        let end = NaiveDate::from_ymd_opt(year, 12, 31)?;
        Some(Span { year, first, last: Ord::min(end, today) })
    }

    /// The last day of the year itself (incomes count the people of that day).
    fn year_end(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or(self.last)
    }
}

/// The columns of a household every rule selects first.
const HOUSEHOLD: &str = "h.id AS household_id, h.village_id, h.township_id, h.org_path";

/// The households a rule may warn: on file (registered or exited) and not yet warned for the
/// rule and year. Binds the rule and the year.
const ELIGIBLE: &str = "h.status IN ('registered', 'exited') \
     AND NOT EXISTS (SELECT 1 FROM warning w WHERE w.household_id = h.id AND w.rule = ? AND w.year = ?)";

/// A member of `m` counted on a day (binds it twice): joined by then and not left.
const PRESENT: &str = "(m.joined_on IS NULL OR m.joined_on <= ?) AND (m.left_on IS NULL OR m.left_on > ?)";

/// Net income of the income record `i`.
const NET: &str = "(i.wage_fen + i.operating_fen + i.property_fen + i.transfer_fen - i.expenses_fen)";

/// `sql` with its `?` placeholders numbered for PostgreSQL.
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}

async fn candidates(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> AppResult<Vec<Candidate>> {
    let backend = db.get_database_backend();
    let sql = if backend == DatabaseBackend::Postgres { numbered(sql) } else { sql.to_owned() };
    Ok(Candidate::find_by_statement(Statement::from_sql_and_values(backend, sql, values)).all(db).await?)
}

fn eligible(rule: WarningRule, year: i32) -> [Value; 2] {
    [rule.as_str().into(), year.into()]
}

/// Floor of `net / people` (at least one person), as the registry rounds a per-capita income.
fn per_capita(net: i64, people: i64) -> i64 {
    net.div_euclid(Ord::max(people, 1))
}

/// What `rule` finds in `span`, one candidate a household.
pub async fn find(
    db: &impl ConnectionTrait,
    rule: WarningRule,
    span: Span,
    settings: &WarningSettings,
    line_fen: Option<i64>,
) -> AppResult<Vec<Candidate>> {
    let found = match rule {
        WarningRule::MedicalCost => medical_cost(db, span, settings).await?,
        WarningRule::IncomeBelowLine => match line_fen {
            Some(line) => income_below_line(db, span, line).await?,
            None => Vec::new(),
        },
        WarningRule::IncomeFall => income_fall(db, span, settings).await?,
        WarningRule::LabourLoss => labour_loss(db, span).await?,
        WarningRule::OverdueLoan => overdue_loans(db, span).await?,
        WarningRule::Disaster => disasters(db, span).await?,
        WarningRule::UnsafeHouse => unsafe_houses(db, span).await?,
        WarningRule::OutOfSchool => out_of_school(db, span).await?,
    };
    let mut seen = std::collections::HashSet::new();
    Ok(found.into_iter().filter(|c| seen.insert(c.household_id)).collect())
}

/// The year's out-of-pocket of each household's health claims settled by the span's last day,
/// with its net income: over the year's amount, or over the year's share of the income (any
/// amount when the income is none).
async fn medical_cost(db: &impl ConnectionTrait, span: Span, s: &WarningSettings) -> AppResult<Vec<Candidate>> {
    let sql = format!(
        "SELECT {HOUSEHOLD}, c.amount, \
           (SELECT {NET} FROM income_record i WHERE i.household_id = h.id AND i.year = ?) AS reference, \
           c.record_count, CAST(NULL AS DATE) AS event_on, CAST(NULL AS VARCHAR(255)) AS detail, \
           CAST(NULL AS BIGINT) AS record_id, CAST(NULL AS BIGINT) AS other \
         FROM (SELECT household_id, CAST(SUM(out_of_pocket_fen) AS BIGINT) AS amount, COUNT(*) AS record_count \
               FROM health_claim WHERE year = ? AND discharged_on <= ? GROUP BY household_id) c \
         JOIN household h ON h.id = c.household_id \
         WHERE c.amount > 0 AND {ELIGIBLE}"
    );
    let [rule, year] = eligible(WarningRule::MedicalCost, span.year);
    let rows = candidates(db, &sql, vec![span.year.into(), span.year.into(), span.last.into(), rule, year]).await?;
    let (cap, share) = (i128::from(s.medical_cost_fen.fen()), i128::from(s.medical_income_share_bp));
    Ok(rows
        .into_iter()
        .filter(|c| {
            let amount = i128::from(c.amount.unwrap_or(0));
            let over_income = c.reference.is_some_and(|income| amount * 10_000 > i128::from(income) * share);
            amount > cap || over_income
        })
        .collect())
}

/// An exited household's per-capita net income of the year below the year's line.
async fn income_below_line(db: &impl ConnectionTrait, span: Span, line: i64) -> AppResult<Vec<Candidate>> {
    let sql = format!(
        "SELECT {HOUSEHOLD}, {NET} AS amount, CAST(NULL AS BIGINT) AS reference, \
           (SELECT COUNT(*) FROM member m WHERE m.household_id = h.id AND {PRESENT}) AS record_count, \
           CAST(NULL AS DATE) AS event_on, CAST(NULL AS VARCHAR(255)) AS detail, \
           i.id AS record_id, CAST(NULL AS BIGINT) AS other \
         FROM income_record i JOIN household h ON h.id = i.household_id \
         WHERE i.year = ? AND h.status = 'exited' AND {ELIGIBLE}"
    );
    let end = span.year_end();
    let [rule, year] = eligible(WarningRule::IncomeBelowLine, span.year);
    let rows = candidates(db, &sql, vec![end.into(), end.into(), span.year.into(), rule, year]).await?;
    Ok(rows
        .into_iter()
        .filter_map(|mut c| {
            let pc = per_capita(c.amount.unwrap_or(0), c.record_count.unwrap_or(1));
            (pc < line).then(|| {
                c.amount = Some(pc);
                c.reference = Some(line);
                c.record_id = None;
                c
            })
        })
        .collect())
}

/// Per-capita net income fallen from the year before by more than the year's share.
async fn income_fall(db: &impl ConnectionTrait, span: Span, s: &WarningSettings) -> AppResult<Vec<Candidate>> {
    let count =
        |alias: &str| format!("(SELECT COUNT(*) FROM member m WHERE m.household_id = h.id AND {PRESENT}) AS {alias}");
    let prev_net = NET.replace("i.", "p.");
    let sql = format!(
        "SELECT {HOUSEHOLD}, {NET} AS amount, {prev_net} AS reference, {}, \
           CAST(NULL AS DATE) AS event_on, CAST(NULL AS VARCHAR(255)) AS detail, \
           CAST(NULL AS BIGINT) AS record_id, {} \
         FROM income_record i JOIN household h ON h.id = i.household_id \
         JOIN income_record p ON p.household_id = i.household_id AND p.year = ? \
         WHERE i.year = ? AND {ELIGIBLE}",
        count("record_count"),
        count("other"),
    );
    let end = span.year_end();
    let before = NaiveDate::from_ymd_opt(span.year - 1, 12, 31).unwrap_or(end);
    let [rule, year] = eligible(WarningRule::IncomeFall, span.year);
    let values = vec![
        end.into(),
        end.into(),
        before.into(),
        before.into(),
        (span.year - 1).into(),
        span.year.into(),
        rule,
        year,
    ];
    let keep = 10_000 - i128::from(s.income_fall_bp);
    Ok(candidates(db, &sql, values)
        .await?
        .into_iter()
        .filter_map(|mut c| {
            let now = per_capita(c.amount.unwrap_or(0), c.record_count.unwrap_or(1));
            let then = per_capita(c.reference.unwrap_or(0), c.other.unwrap_or(1));
            (then > 0 && i128::from(now) * 10_000 < i128::from(then) * keep).then(|| {
                c.amount = Some(now);
                c.reference = Some(then);
                c.other = None;
                c
            })
        })
        .collect())
}

/// A full labourer who died in the year; or a working-age member (16 to 59) present at its end
/// who lost the capacity to work through serious illness or disability (a health change), with
/// no full labourer left in the household. A labourer who married out, moved away, joined the
/// army or went to school elsewhere is not a loss the household falls back into poverty by.
async fn labour_loss(db: &impl ConnectionTrait, span: Span) -> AppResult<Vec<Candidate>> {
    let left = format!(
        "SELECT {HOUSEHOLD}, CAST(NULL AS BIGINT) AS amount, CAST(NULL AS BIGINT) AS reference, \
           CAST(NULL AS BIGINT) AS record_count, m.left_on AS event_on, m.leave_reason AS detail, \
           m.id AS record_id, CAST(NULL AS BIGINT) AS other \
         FROM member m JOIN household h ON h.id = m.household_id \
         WHERE m.labour = 'full' AND m.leave_reason = 'death' AND m.left_on >= ? AND m.left_on <= ? \
           AND {ELIGIBLE} \
         ORDER BY m.left_on DESC, m.id"
    );
    let [rule, year] = eligible(WarningRule::LabourLoss, span.year);
    let mut found = candidates(db, &left, vec![span.first.into(), span.last.into(), rule, year]).await?;
    let lost = format!(
        "SELECT {HOUSEHOLD}, CAST(NULL AS BIGINT) AS amount, CAST(NULL AS BIGINT) AS reference, \
           CAST(NULL AS BIGINT) AS record_count, CAST(NULL AS DATE) AS event_on, \
           CAST(NULL AS VARCHAR(255)) AS detail, m.id AS record_id, CAST(NULL AS BIGINT) AS other \
         FROM member m JOIN household h ON h.id = m.household_id \
         WHERE m.labour = 'lost' AND m.health IN ('serious_illness', 'disabled') \
           AND m.birth_date > ? AND m.birth_date <= ? AND {PRESENT} \
           AND NOT EXISTS (SELECT 1 FROM member o WHERE o.household_id = h.id AND o.labour = 'full' \
               AND (o.joined_on IS NULL OR o.joined_on <= ?) AND (o.left_on IS NULL OR o.left_on > ?)) \
           AND {ELIGIBLE} \
         ORDER BY m.id"
    );
    let on = span.last;
    let (oldest, youngest) = (on.checked_sub_months(Months::new(60 * 12)), on.checked_sub_months(Months::new(16 * 12)));
    if let (Some(oldest), Some(youngest)) = (oldest, youngest) {
        let [rule, year] = eligible(WarningRule::LabourLoss, span.year);
        let values = vec![oldest.into(), youngest.into(), on.into(), on.into(), on.into(), on.into(), rule, year];
        found.extend(candidates(db, &lost, values).await?);
    }
    Ok(found)
}

/// The households that may get a warning of `rule` in `year`, as a subquery for the builder.
fn eligible_ids(rule: WarningRule, year: i32) -> SelectStatement {
    let warned = Query::select()
        .column(warning::Column::HouseholdId)
        .from(warning::Entity)
        .and_where(Expr::col(warning::Column::Rule).eq(rule.as_str()))
        .and_where(Expr::col(warning::Column::Year).eq(year))
        .to_owned();
    Query::select()
        .column(household::Column::Id)
        .from(household::Entity)
        .and_where(Expr::col(household::Column::Status).is_in(["registered", "exited"]))
        .and_where(Expr::col(household::Column::Id).not_in_subquery(warned))
        .to_owned()
}

/// Loans overdue on the span's last day by credit's own condition (extensions agreed by then
/// counted): the balance owed now, the due date in force, how many loans.
async fn overdue_loans(db: &impl ConnectionTrait, span: Span) -> AppResult<Vec<Candidate>> {
    let rows = loan::Entity::find()
        .filter(overdue_on(span.last))
        .filter(loan::Column::HouseholdId.in_subquery(eligible_ids(WarningRule::OverdueLoan, span.year)))
        .all(db)
        .await?;
    let mut by_household: HashMap<i64, Candidate> = HashMap::new();
    for l in rows {
        let c = by_household.entry(l.household_id).or_insert_with(|| Candidate {
            household_id: l.household_id,
            village_id: l.village_id,
            township_id: l.township_id,
            org_path: l.org_path.clone(),
            amount: Some(0),
            record_count: Some(0),
            ..Candidate::default()
        });
        c.amount = c.amount.map(|a| a.saturating_add(l.balance_fen));
        c.record_count = c.record_count.map(|n| n + 1);
        if c.event_on.is_none_or(|d| l.original_due_on < d) {
            c.event_on = Some(l.original_due_on);
            c.record_id = Some(l.id);
        }
    }
    let mut found: Vec<Candidate> = by_household.into_values().collect();
    found.sort_by_key(|c| c.household_id);
    Ok(found)
}

/// Disasters reported in the year: the loss summed, how many, the latest report's day and id, and
/// one report's description (`MAX`, the greatest in the database's own text order).
async fn disasters(db: &impl ConnectionTrait, span: Span) -> AppResult<Vec<Candidate>> {
    let sql = format!(
        "SELECT {HOUSEHOLD}, CAST(SUM(d.loss_fen) AS BIGINT) AS amount, CAST(NULL AS BIGINT) AS reference, \
           COUNT(*) AS record_count, MAX(d.reported_on) AS event_on, MAX(d.description) AS detail, \
           MAX(d.id) AS record_id, CAST(NULL AS BIGINT) AS other \
         FROM disaster_report d JOIN household h ON h.id = d.household_id \
         WHERE d.reported_on >= ? AND d.reported_on <= ? AND {ELIGIBLE} \
         GROUP BY h.id, h.village_id, h.township_id, h.org_path"
    );
    let [rule, year] = eligible(WarningRule::Disaster, span.year);
    candidates(db, &sql, vec![span.first.into(), span.last.into(), rule, year]).await
}

/// A house whose latest appraisal up to the span's last day graded it C or D, not renovated
/// (a renovation completed) since: a 危房 still lived in, whichever year it was appraised.
async fn unsafe_houses(db: &impl ConnectionTrait, span: Span) -> AppResult<Vec<Candidate>> {
    let sql = format!(
        "SELECT {HOUSEHOLD}, CAST(NULL AS BIGINT) AS amount, CAST(NULL AS BIGINT) AS reference, \
           CAST(NULL AS BIGINT) AS record_count, c.checked_on AS event_on, c.grade AS detail, \
           c.id AS record_id, CAST(NULL AS BIGINT) AS other \
         FROM housing_check c JOIN household h ON h.id = c.household_id \
         WHERE c.grade IN ('c', 'd') AND c.checked_on <= ? \
           AND NOT EXISTS (SELECT 1 FROM housing_check l WHERE l.household_id = c.household_id \
               AND l.checked_on <= ? AND (l.checked_on > c.checked_on OR (l.checked_on = c.checked_on AND l.id > c.id))) \
           AND NOT EXISTS (SELECT 1 FROM housing_renovation r WHERE r.household_id = c.household_id \
               AND r.completed_on >= c.checked_on AND r.completed_on <= ?) \
           AND {ELIGIBLE}"
    );
    let [rule, year] = eligible(WarningRule::UnsafeHouse, span.year);
    candidates(db, &sql, vec![span.last.into(), span.last.into(), span.last.into(), rule, year]).await
}

/// Members of compulsory-school age in the year (6 to 15 on 1 September, as the education area
/// counts them), present on the span's last day, without a student record of the year.
async fn out_of_school(db: &impl ConnectionTrait, span: Span) -> AppResult<Vec<Candidate>> {
    let sql = format!(
        "SELECT {HOUSEHOLD}, CAST(NULL AS BIGINT) AS amount, CAST(NULL AS BIGINT) AS reference, \
           COUNT(*) AS record_count, CAST(NULL AS DATE) AS event_on, CAST(NULL AS VARCHAR(255)) AS detail, \
           MIN(m.id) AS record_id, CAST(NULL AS BIGINT) AS other \
         FROM member m JOIN household h ON h.id = m.household_id \
         WHERE m.birth_date >= ? AND m.birth_date <= ? AND {PRESENT} \
           AND NOT EXISTS (SELECT 1 FROM student_aid s WHERE s.member_id = m.id AND s.year = ?) \
           AND {ELIGIBLE} \
         GROUP BY h.id, h.village_id, h.township_id, h.org_path"
    );
    let (oldest, youngest) =
        (NaiveDate::from_ymd_opt(span.year - 16, 9, 2), NaiveDate::from_ymd_opt(span.year - 6, 9, 1));
    let (Some(oldest), Some(youngest)) = (oldest, youngest) else { return Ok(Vec::new()) };
    let [rule, year] = eligible(WarningRule::OutOfSchool, span.year);
    let values = vec![oldest.into(), youngest.into(), span.last.into(), span.last.into(), span.year.into(), rule, year];
    candidates(db, &sql, values).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_for_postgres() {
        assert_eq!(numbered("a = ? AND b IN (?, ?)"), "a = $1 AND b IN ($2, $3)");
    }

    #[test]
    fn a_per_capita_income_rounds_down_like_the_registry() {
        assert_eq!(per_capita(1_000, 3), 333);
        assert_eq!(per_capita(-1_000, 3), -334);
        assert_eq!(per_capita(500, 0), 500);
    }
}
