//! The check that every registered 低保 / 五保 household is paid at least the year's standard
//! for its people: 低保 at the 低保 standard, 五保 at the concentrated standard when any of its
//! 五保 payments of the year is concentrated, else at the dispersed one. People are the
//! members on file who have not left.

use std::collections::HashMap;

use chrono::NaiveDate;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::social_security::{AssistancePaymentKind, AssistanceQuery, ShortfallDto, due, short_by};
use jingzhun_shared::{Capability, Fen, HouseholdCategory, HouseholdId, HouseholdStatus};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, Statement,
};

use super::standards::standard_dto;
use crate::actor::CurrentUser;
use crate::entities::{assistance_payment, household, member, org_unit, social_standard};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::page_bounds;
use crate::services::per_household::by;
use crate::services::registry::members::counts_on;
use crate::services::registry::status_history::{in_status_on, in_status_on_sql};

/// A 低保 / 五保 household's year: its people, what it is due and what it was paid.
pub(super) struct Account {
    pub household: household::Model,
    pub people: u64,
    pub standard: Fen,
    pub due: Fen,
    pub paid: Fen,
}

/// Every registered 低保 / 五保 household under `unit` with its account of `year`, counting
/// payments made up to `as_of`.
pub(super) async fn accounts(
    db: &impl ConnectionTrait,
    unit: &org_unit::Model,
    year: i32,
    as_of: Option<NaiveDate>,
) -> AppResult<Vec<Account>> {
    let registered = match as_of {
        // As of a day, the households registered that day by their dated status changes.
        Some(day) => in_status_on(day, &[HouseholdStatus::Registered]),
        None => household::Column::Status.eq(HouseholdStatus::Registered),
    };
    let households = household::Entity::find()
        .filter(household::Column::OrgPath.starts_with(&unit.path))
        .filter(registered)
        .filter(household::Column::Category.is_in([HouseholdCategory::Dibao, HouseholdCategory::Wubao]))
        .order_by_asc(household::Column::Number)
        .all(db)
        .await?;
    let standard = standard_dto(year, social_standard::Entity::find_by_id(year).one(db).await?.as_ref());
    let mut people: HashMap<i64, u64> = HashMap::new();
    let mut paid: HashMap<i64, (Fen, bool)> = HashMap::new();
    for chunk in households.chunks(1_000) {
        let ids: Vec<i64> = chunk.iter().map(|h| h.id).collect();
        let members = member::Entity::find().filter(member::Column::HouseholdId.is_in(ids.clone())).all(db).await?;
        // As of a day, the people present that day (a member who left later still counts).
        let present = |m: &member::Model| as_of.map_or(m.left_on.is_none(), |day| counts_on(m, day));
        for m in members.into_iter().filter(present) {
            *people.entry(m.household_id).or_default() += 1;
        }
        let payments = assistance_payment::Entity::find()
            .filter(assistance_payment::Column::HouseholdId.is_in(ids))
            .filter(assistance_payment::Column::Year.eq(year))
            .all(db)
            .await?;
        for p in payments.into_iter().filter(|p| by(Some(p.paid_on), as_of)) {
            let entry = paid.entry(p.household_id).or_insert((Fen::ZERO, false));
            entry.1 |= p.kind == AssistancePaymentKind::WubaoConcentrated;
            entry.0 = entry.0.checked_add(Fen::new(p.amount_fen)).ok_or_else(overflow)?;
        }
    }
    households
        .into_iter()
        .map(|h| {
            let (paid, concentrated) = paid.get(&h.id).copied().unwrap_or((Fen::ZERO, false));
            let standard = match h.category {
                HouseholdCategory::Wubao if concentrated => standard.wubao_concentrated_fen,
                HouseholdCategory::Wubao => standard.wubao_dispersed_fen,
                _ => standard.dibao_fen,
            };
            let people = people.get(&h.id).copied().unwrap_or(0);
            let due = due(standard, people).ok_or_else(overflow)?;
            Ok(Account { household: h, people, standard, due, paid })
        })
        .collect()
}

/// The registered 低保 / 五保 households of a category with their people, and how many of
/// them are paid less than due: [`accounts`]' rule counted in the database, one row per
/// category, so a province's figures do not load a million households.
#[derive(Debug, FromQueryResult)]
pub(super) struct Counted {
    pub category: String,
    pub households: i64,
    pub people: i64,
    pub short: i64,
}

pub(super) async fn counted(
    db: &impl ConnectionTrait,
    unit: &org_unit::Model,
    year: i32,
    as_of: Option<NaiveDate>,
) -> AppResult<Vec<Counted>> {
    let standard = standard_dto(year, social_standard::Entity::find_by_id(year).one(db).await?.as_ref());
    let (registered, present, paid_by) = match as_of {
        Some(day) => (
            in_status_on_sql(day, &[HouseholdStatus::Registered]),
            format!("(m.joined_on IS NULL OR m.joined_on <= '{day}') AND (m.left_on IS NULL OR m.left_on > '{day}')"),
            format!(" AND a.paid_on <= '{day}'"),
        ),
        None => (
            format!("household.status = '{}'", HouseholdStatus::Registered.as_str()),
            "m.left_on IS NULL".to_owned(),
            String::new(),
        ),
    };
    let (wubao, dibao) = (HouseholdCategory::Wubao.as_str(), HouseholdCategory::Dibao.as_str());
    let concentrated_kind = AssistancePaymentKind::WubaoConcentrated.as_str();
    let path = unit.path.replace('\'', "''");
    let sql = format!(
        "SELECT category, CAST(COUNT(*) AS BIGINT) AS households, CAST(COALESCE(SUM(people), 0) AS BIGINT) AS people, \
         CAST(COALESCE(SUM(CASE WHEN paid < (CASE WHEN category = '{wubao}' AND concentrated > 0 THEN {wc} \
         WHEN category = '{wubao}' THEN {wd} ELSE {d} END) * people THEN 1 ELSE 0 END), 0) AS BIGINT) AS short \
         FROM (SELECT household.category AS category, \
         (SELECT COUNT(*) FROM member m WHERE m.household_id = household.id AND {present}) AS people, \
         (SELECT COALESCE(SUM(a.amount_fen), 0) FROM assistance_payment a WHERE a.household_id = household.id \
         AND a.year = {year}{paid_by}) AS paid, \
         (SELECT COUNT(*) FROM assistance_payment a WHERE a.household_id = household.id AND a.year = {year} \
         AND a.kind = '{concentrated_kind}'{paid_by}) AS concentrated \
         FROM household WHERE household.org_path LIKE '{path}%' AND {registered} \
         AND household.category IN ('{dibao}', '{wubao}'){fence}) x GROUP BY category",
        wc = standard.wubao_concentrated_fen.fen(),
        wd = standard.wubao_dispersed_fen.fen(),
        d = standard.dibao_fen.fen(),
        // `people` is read twice above: without a LIMIT or OFFSET both engines fold `x` into
        // the grouping and run the members subquery twice per household (same figures, twice
        // the work: on PostgreSQL with JIT off 2.6–4.5 s against 1.9 s fenced, for a
        // province's 500,000 households).
        fence = if db.get_database_backend() == DbBackend::Sqlite { " LIMIT -1 OFFSET 0" } else { " OFFSET 0" },
    );
    Ok(Counted::find_by_statement(Statement::from_string(db.get_database_backend(), sql)).all(db).await?)
}

fn overflow() -> AppError {
    AppError::Internal("social security figures overflow".to_owned())
}

/// The registered 低保 / 五保 households in the caller's subtree paid less in `year` than the
/// standard for their people, by household number.
pub async fn shortfalls(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: AssistanceQuery,
) -> AppResult<Page<ShortfallDto>> {
    user.require(Capability::ReadRegistry)?;
    let page = PageQuery { page: query.page, per_page: query.per_page };
    page_bounds(page)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let short: Vec<ShortfallDto> = accounts(db, &unit, query.year, None)
        .await?
        .into_iter()
        .filter(|a| a.paid < a.due)
        .filter(|a| query.household_id.is_none_or(|h| h.0 == a.household.id))
        .map(|a| ShortfallDto {
            household_id: HouseholdId(a.household.id),
            household_number: a.household.number,
            head_name: a.household.head_name,
            category: a.household.category,
            people: a.people,
            standard_fen: a.standard,
            due_fen: a.due,
            paid_fen: a.paid,
            short_fen: short_by(a.due, a.paid),
        })
        .collect();
    Ok(Page::from_all(short, page))
}
