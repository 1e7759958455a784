//! The registry's figures for the end of a year, counted from the records every time:
//! households and people on file, remaining by category, exited (each household's status is
//! the last of its dated changes up to the 31st of December, [`super::status_history`]), the
//! exits of each year, 预脱贫 (an exit application in progress), households under monitoring,
//! poor villages and their exits.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use jingzhun_shared::registry::{CategoryCount, RegistryOverview, YearExits};
use jingzhun_shared::{ApplicationKind, ApplicationStatus, Capability, HouseholdCategory, HouseholdStatus};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::actor::CurrentUser;
use crate::entities::{application, household, household_monitoring, household_status_change, member};
use crate::error::{AppError, AppResult};
use crate::services::registry::members::present_on;

/// The people of each household under `path`: the one place the registry counts people, so
/// every figure counts them alike.
pub async fn people_by_household(db: &impl ConnectionTrait, path: &str, on: NaiveDate) -> AppResult<HashMap<i64, u64>> {
    let query = Query::select()
        .column((member::Entity, member::Column::HouseholdId))
        .expr_as(Expr::col((member::Entity, member::Column::Id)).count(), Alias::new("n"))
        .from(member::Entity)
        .inner_join(
            household::Entity,
            Expr::col((member::Entity, member::Column::HouseholdId)).equals((household::Entity, household::Column::Id)),
        )
        .and_where(Expr::col((household::Entity, household::Column::OrgPath)).like(format!("{path}%")))
        .cond_where(present_on(on))
        .group_by_col((member::Entity, member::Column::HouseholdId))
        .to_owned();
    let mut out = HashMap::new();
    for row in db.query_all(&query).await? {
        let n = u64::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0);
        out.insert(row.try_get::<i64>("", "household_id")?, n);
    }
    Ok(out)
}

/// One dated change of a household under the path, with the household's category.
struct Dated {
    household_id: i64,
    category: HouseholdCategory,
    to: HouseholdStatus,
    on: NaiveDate,
    exit_year: Option<i32>,
}

/// The changes dated up to `end` of the households under `path`, in order per household.
async fn changes_until(db: &impl ConnectionTrait, path: &str, end: NaiveDate) -> AppResult<Vec<Dated>> {
    let c = household_status_change::Entity;
    let query = Query::select()
        .column((c, household_status_change::Column::HouseholdId))
        .column((c, household_status_change::Column::ToStatus))
        .column((c, household_status_change::Column::OnDate))
        .column((c, household_status_change::Column::ExitYear))
        .column((household::Entity, household::Column::Category))
        .from(c)
        .inner_join(
            household::Entity,
            Expr::col((c, household_status_change::Column::HouseholdId))
                .equals((household::Entity, household::Column::Id)),
        )
        .and_where(Expr::col((household::Entity, household::Column::OrgPath)).like(format!("{path}%")))
        .and_where(Expr::col((c, household_status_change::Column::OnDate)).lte(end))
        .order_by((c, household_status_change::Column::HouseholdId), Order::Asc)
        .order_by((c, household_status_change::Column::OnDate), Order::Asc)
        .order_by((c, household_status_change::Column::Id), Order::Asc)
        .to_owned();
    fn parse<T: std::str::FromStr>(text: String) -> AppResult<T> {
        text.parse().map_err(|_| AppError::Internal(format!("unknown value {text}")))
    }
    db.query_all(&query)
        .await?
        .into_iter()
        .map(|row| {
            Ok(Dated {
                household_id: row.try_get("", "household_id")?,
                category: parse(row.try_get("", "category")?)?,
                to: parse(row.try_get("", "to_status")?)?,
                on: row.try_get("", "on_date")?,
                exit_year: row.try_get("", "exit_year")?,
            })
        })
        .collect()
}

/// The households under `path` with an exit application in progress (预脱贫).
async fn pre_exit(db: &impl ConnectionTrait, path: &str) -> AppResult<Vec<i64>> {
    let in_scope = Query::select()
        .column(household::Column::Id)
        .from(household::Entity)
        .and_where(household::Column::OrgPath.starts_with(path))
        .to_owned();
    let rows = application::Entity::find()
        .filter(application::Column::Kind.eq(ApplicationKind::Exit))
        .filter(application::Column::Status.eq(ApplicationStatus::InProgress))
        .filter(application::Column::HouseholdId.in_subquery(in_scope))
        .all(db)
        .await?;
    let ids: HashSet<i64> = rows.into_iter().map(|a| a.household_id).collect();
    Ok(ids.into_iter().collect())
}

/// The number of households under `path` under monitoring now.
async fn monitored(db: &impl ConnectionTrait, path: &str) -> AppResult<u64> {
    let in_scope = Query::select()
        .column(household::Column::Id)
        .from(household::Entity)
        .and_where(household::Column::OrgPath.starts_with(path))
        .to_owned();
    Ok(household_monitoring::Entity::find()
        .filter(household_monitoring::Column::ClearedOn.is_null())
        .filter(household_monitoring::Column::HouseholdId.in_subquery(in_scope))
        .count(db)
        .await?)
}

/// The overview of the caller's part of the district at the end of `year`; a poor village
/// counts as exited when its exit year is `year` or earlier. 预脱贫 and monitoring are as of
/// now.
pub async fn registry(db: &impl ConnectionTrait, user: &CurrentUser, year: i32) -> AppResult<RegistryOverview> {
    user.require(Capability::ReadRegistry)?;
    let path = user.org_path.as_str();
    let end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| AppError::field("year", "年度无效"))?;
    let people = people_by_household(db, path, end).await?;
    let people_of = |ids: &mut dyn Iterator<Item = &i64>| ids.map(|id| people.get(id).copied().unwrap_or(0)).sum();
    let changes = changes_until(db, path, end).await?;
    // The last change of each household up to the end of the year is its status then.
    let mut at_end: HashMap<i64, (HouseholdCategory, HouseholdStatus)> = HashMap::new();
    let mut exits: BTreeMap<i32, HashSet<i64>> = BTreeMap::new();
    for change in &changes {
        at_end.insert(change.household_id, (change.category, change.to));
        if change.to == HouseholdStatus::Exited {
            let exit_year = change.exit_year.unwrap_or_else(|| change.on.year());
            exits.entry(exit_year).or_default().insert(change.household_id);
        }
    }
    let sum = |status: HouseholdStatus, category: Option<HouseholdCategory>| -> (u64, u64) {
        let ids: Vec<i64> = at_end
            .iter()
            .filter(|(_, (c, s))| *s == status && category.is_none_or(|cat| *c == cat))
            .map(|(id, _)| *id)
            .collect();
        (ids.len() as u64, people_of(&mut ids.iter()))
    };
    let (remaining_households, remaining_people) = sum(HouseholdStatus::Registered, None);
    let (exited_households, exited_people) = sum(HouseholdStatus::Exited, None);
    let by_category = HouseholdCategory::ALL
        .iter()
        .map(|category| {
            let (households, people) = sum(HouseholdStatus::Registered, Some(*category));
            CategoryCount { category: *category, households, people }
        })
        .collect();
    let exits_by_year = exits
        .into_iter()
        .map(|(year, ids)| YearExits { year, households: ids.len() as u64, people: people_of(&mut ids.iter()) })
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
        pre_exit_people: people_of(&mut pre_exit.iter()),
        monitored_households: monitored(db, path).await?,
    })
}
