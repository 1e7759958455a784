//! The registry's figures, counted from the records every time: households and people on
//! file, remaining by category, exited, poor villages and their exits.

use std::collections::HashMap;

use jingzhun_shared::registry::{CategoryCount, RegistryOverview};
use jingzhun_shared::{Capability, HouseholdCategory, HouseholdStatus};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait};

use crate::actor::CurrentUser;
use crate::entities::{household, member};
use crate::error::AppResult;

/// (households, people) per (status, category) under the org path.
async fn counts(db: &impl ConnectionTrait, path: &str) -> AppResult<HashMap<(String, String), (u64, u64)>> {
    let mut out: HashMap<(String, String), (u64, u64)> = HashMap::new();
    let households = Query::select()
        .column(household::Column::Status)
        .column(household::Column::Category)
        .expr_as(Expr::col(household::Column::Id).count(), Alias::new("n"))
        .from(household::Entity)
        .and_where(household::Column::OrgPath.starts_with(path))
        .group_by_col(household::Column::Status)
        .group_by_col(household::Column::Category)
        .to_owned();
    for row in db.query_all(&households).await? {
        let key = (row.try_get::<String>("", "status")?, row.try_get::<String>("", "category")?);
        out.entry(key).or_default().0 = u64::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0);
    }
    let people = Query::select()
        .column((household::Entity, household::Column::Status))
        .column((household::Entity, household::Column::Category))
        .expr_as(Expr::col((member::Entity, member::Column::Id)).count(), Alias::new("n"))
        .from(member::Entity)
        .inner_join(
            household::Entity,
            Expr::col((member::Entity, member::Column::HouseholdId)).equals((household::Entity, household::Column::Id)),
        )
        .and_where(Expr::col((household::Entity, household::Column::OrgPath)).like(format!("{path}%")))
        .group_by_col((household::Entity, household::Column::Status))
        .group_by_col((household::Entity, household::Column::Category))
        .to_owned();
    for row in db.query_all(&people).await? {
        let key = (row.try_get::<String>("", "status")?, row.try_get::<String>("", "category")?);
        out.entry(key).or_default().1 = u64::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0);
    }
    Ok(out)
}

/// The overview of the caller's part of the district; a poor village counts as exited when
/// its exit year is `year` or earlier.
pub async fn registry(db: &impl ConnectionTrait, user: &CurrentUser, year: i32) -> AppResult<RegistryOverview> {
    user.require(Capability::ReadRegistry)?;
    let counts = counts(db, &user.org_path).await?;
    let sum = |status: HouseholdStatus, category: Option<HouseholdCategory>| {
        counts
            .iter()
            .filter(|((s, c), _)| s == status.as_str() && category.is_none_or(|cat| c == cat.as_str()))
            .fold((0, 0), |(h, p), (_, (dh, dp))| (h + dh, p + dp))
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
    let (poor_villages, exited_villages) =
        crate::services::villages::profiles::poor_village_counts(db, &user.org_path, year).await?;
    Ok(RegistryOverview {
        households: remaining_households + exited_households,
        people: remaining_people + exited_people,
        remaining_households,
        remaining_people,
        by_category,
        exited_households,
        exited_people,
        poor_villages,
        exited_villages,
    })
}
