//! The registry's figures for the end of a year or any day of it: households and people on
//! file, remaining by category, exited (each household's status is the last of its dated
//! changes up to the day, [`super::status_history`]), the exits of each year, 预脱贫 (an exit
//! application in progress), households under monitoring, poor villages and their exits.
//! Households and people come from the registry tally the database keeps in step with every
//! write (the migration `create_registry_tally`), so a province reads a few rows per village.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use jingzhun_shared::registry::{CategoryCount, RegistryOverview, YearExits};
use jingzhun_shared::{ApplicationKind, ApplicationStatus, Capability, HouseholdCategory, HouseholdStatus};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, IntoColumnRef, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter};

use crate::actor::CurrentUser;
use crate::entities::{application, household, household_monitoring, member};
use crate::error::{AppError, AppResult};
use crate::services::registry::members::present_on;
use crate::services::tallied::{non_negative, rows_up_to, sum, under};

/// One group of the registry tally on a day: households and people by category and status
/// (`exit` with its exit year: the households that exited in that year by then).
#[derive(Debug, FromQueryResult)]
struct Tallied {
    category: String,
    status: String,
    exit_year: i32,
    households: i64,
    people: i64,
}

/// The registry tally under `path` on `on` (see the migration `create_registry_tally`): a few
/// rows per village, however large the registry.
async fn tallied(db: &impl ConnectionTrait, path: &str, on: NaiveDate) -> AppResult<Vec<Tallied>> {
    let mut q = Query::select();
    q.columns([Alias::new("category"), Alias::new("status"), Alias::new("exit_year")])
        .expr_as(sum("households"), Alias::new("households"))
        .expr_as(sum("people"), Alias::new("people"))
        .from(Alias::new("registry_tally"))
        .and_where(under(path))
        .cond_where(rows_up_to(None, on)?)
        .group_by_col(Alias::new("category"))
        .group_by_col(Alias::new("status"))
        .group_by_col(Alias::new("exit_year"));
    Ok(Tallied::find_by_statement(db.get_database_backend().build(&q)).all(db).await?)
}

/// The registry tally under `path` on `on` as a map (status — `exit` for the households that
/// exited in `exit_year` —, category, exit year) → (households, people), without empty groups.
pub async fn tally(
    db: &impl ConnectionTrait,
    path: &str,
    on: NaiveDate,
) -> AppResult<BTreeMap<(String, String, i32), (i64, i64)>> {
    Ok(tallied(db, path, on)
        .await?
        .into_iter()
        .filter(|g| g.households != 0 || g.people != 0)
        .map(|g| ((g.status, g.category, g.exit_year), (g.households, g.people)))
        .collect())
}

/// The people present on `on` of the households `ids`, a thousand households a query.
async fn people_of(db: &impl ConnectionTrait, ids: &[i64], on: NaiveDate) -> AppResult<u64> {
    let mut people = 0;
    for chunk in ids.chunks(1_000) {
        people += member::Entity::find()
            .filter(member::Column::HouseholdId.is_in(chunk.to_vec()))
            .filter(present_on(on))
            .count(db)
            .await?;
    }
    Ok(people)
}

/// The households under `path` with an exit application in progress (预脱贫).
async fn pre_exit(db: &impl ConnectionTrait, path: &str) -> AppResult<Vec<i64>> {
    let rows = application::Entity::find()
        .filter(application::Column::Kind.eq(ApplicationKind::Exit))
        .filter(application::Column::Status.eq(ApplicationStatus::InProgress))
        .filter(Expr::exists(household_under(path, (application::Entity, application::Column::HouseholdId))))
        .all(db)
        .await?;
    let ids: HashSet<i64> = rows.into_iter().map(|a| a.household_id).collect();
    Ok(ids.into_iter().collect())
}

/// `EXISTS` of the household `id` under `path`: probed per row of the few applications or
/// monitorings, where `IN (households under the path)` made SQLite list a province's
/// households on every request.
fn household_under(path: &str, id: impl IntoColumnRef) -> SelectStatement {
    Query::select()
        .expr(Expr::val(1))
        .from(household::Entity)
        .and_where(Expr::col((household::Entity, household::Column::Id)).equals(id))
        .and_where(household::Column::OrgPath.starts_with(path))
        .to_owned()
}

/// The number of households under `path` under monitoring now.
async fn monitored(db: &impl ConnectionTrait, path: &str) -> AppResult<u64> {
    let id = (household_monitoring::Entity, household_monitoring::Column::HouseholdId);
    Ok(household_monitoring::Entity::find()
        .filter(household_monitoring::Column::ClearedOn.is_null())
        .filter(Expr::exists(household_under(path, id)))
        .count(db)
        .await?)
}

/// The overview of the caller's part of the district at the end of `year`; a poor village
/// counts as exited when its exit year is `year` or earlier. 预脱贫 and monitoring are as of
/// now.
pub async fn registry(db: &impl ConnectionTrait, user: &CurrentUser, year: i32) -> AppResult<RegistryOverview> {
    for_unit(db, user, &user.org_path, year, None).await
}

/// The overview of the unit at `path` (in the caller's scope, checked by the caller) for
/// `year` on `as_of` (the 31st of December when absent or later): households and people by
/// their status on the day, from the registry tally.
pub async fn for_unit(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    path: &str,
    year: i32,
    as_of: Option<NaiveDate>,
) -> AppResult<RegistryOverview> {
    user.require(Capability::ReadRegistry)?;
    let end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| AppError::field("year", "年度无效"))?;
    let on = as_of.map_or(end, |day| Ord::min(day, end));
    let groups = tallied(db, path, on).await?;
    let count = |status: &str, category: Option<HouseholdCategory>| -> (u64, u64) {
        groups
            .iter()
            .filter(|g| g.status == status && category.is_none_or(|c| g.category == c.as_str()))
            .fold((0, 0), |(h, p), g| (h + non_negative(g.households), p + non_negative(g.people)))
    };
    let (remaining_households, remaining_people) = count(HouseholdStatus::Registered.as_str(), None);
    let (exited_households, exited_people) = count(HouseholdStatus::Exited.as_str(), None);
    let by_category = HouseholdCategory::ALL
        .iter()
        .map(|category| {
            let (households, people) = count(HouseholdStatus::Registered.as_str(), Some(*category));
            CategoryCount { category: *category, households, people }
        })
        .collect();
    let mut exits: BTreeMap<i32, (u64, u64)> = BTreeMap::new();
    for g in groups.iter().filter(|g| g.status == EXIT) {
        let entry = exits.entry(g.exit_year).or_default();
        entry.0 += non_negative(g.households);
        entry.1 += non_negative(g.people);
    }
    let exits_by_year = exits
        .into_iter()
        .filter(|(_, (households, _))| *households > 0)
        .map(|(year, (households, people))| YearExits { year, households, people })
        .collect();
    let pre_exit = pre_exit(db, path).await?;
    let (poor_villages, exited_villages) =
        crate::services::villages::profiles::poor_village_counts(db, path, year).await?;
    Ok(RegistryOverview {
        year,
        households: remaining_households + exited_households,
        people: remaining_people + exited_people,
        remaining_households,
        remaining_people,
        by_category,
        exited_households,
        exited_people,
        poor_villages,
        exited_villages,
        exits_by_year,
        pre_exit_households: pre_exit.len() as u64,
        pre_exit_people: people_of(db, &pre_exit, on).await?,
        monitored_households: monitored(db, path).await?,
    })
}

/// The tally's status of the households that exited in a year.
const EXIT: &str = "exit";
