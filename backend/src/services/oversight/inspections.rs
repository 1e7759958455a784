//! Inspections: who found problems and when; each answers with its problems and how many are
//! closed. The district reads them all; a reader below it reads only the inspections with a
//! problem in its subtree, and counts only those problems.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use jingzhun_shared::Capability;
use jingzhun_shared::error::Validator;
use jingzhun_shared::oversight::{InspectionDto, InspectionInput, InspectionQuery, ProblemStatus};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::text::NAME_MAX;
use sea_orm::sea_query::Query;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{inspection, problem};
use crate::error::AppResult;
use crate::services::org::org_units;
use crate::services::txn::{Db, created, in_txn};
use crate::services::{paginate, required_text, typed_date, with_items};

fn dto(row: &inspection::Model, counts: &HashMap<i64, (u64, u64)>) -> InspectionDto {
    let (problems, closed) = counts.get(&row.id).copied().unwrap_or_default();
    InspectionDto {
        id: row.id,
        source: row.source,
        name: row.name.clone(),
        received_on: row.received_on,
        problems,
        closed,
    }
}

/// Problems and closed problems of each inspection in `ids`, of those under `path`.
async fn counts(db: &impl ConnectionTrait, ids: Vec<i64>, path: &str) -> AppResult<HashMap<i64, (u64, u64)>> {
    let rows = problem::Entity::find()
        .filter(problem::Column::InspectionId.is_in(ids))
        .filter(problem::Column::OrgPath.starts_with(path))
        .all(db)
        .await?;
    let mut counts: HashMap<i64, (u64, u64)> = HashMap::new();
    for p in rows {
        let entry = counts.entry(p.inspection_id).or_default();
        entry.0 += 1;
        entry.1 += u64::from(p.status == ProblemStatus::Closed);
    }
    Ok(counts)
}

/// Inspections the caller may see ([module](self)), newest first, by the year they were
/// received in.
pub async fn inspections(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: InspectionQuery,
) -> AppResult<Page<InspectionDto>> {
    user.require(Capability::ReadRectification)?;
    let scope = org_units::scope_unit(db, user, None).await?;
    let mut select = inspection::Entity::find();
    if scope.parent_id.is_some() {
        let theirs = Query::select()
            .column(problem::Column::InspectionId)
            .from(problem::Entity)
            .and_where(problem::Column::OrgPath.starts_with(&scope.path))
            .to_owned();
        select = select.filter(inspection::Column::Id.in_subquery(theirs));
    }
    if let Some(year) = query.year {
        let (first, last) = year_bounds(year);
        select = select.filter(inspection::Column::ReceivedOn.between(first, last));
    }
    let select = select.order_by_desc(inspection::Column::ReceivedOn).order_by_desc(inspection::Column::Id);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |r| r).await?;
    let counts = counts(db, page.items.iter().map(|r| r.id).collect(), &scope.path).await?;
    let items = page.items.iter().map(|r| dto(r, &counts)).collect();
    Ok(with_items(page, items))
}

/// The first and last day of `year` (a year out of range gives an empty span).
pub fn year_bounds(year: i32) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MAX);
    let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MIN);
    (first, last)
}

/// Registers an inspection's findings as received.
pub async fn create_inspection(db: &impl Db, user: &CurrentUser, input: InspectionInput) -> AppResult<InspectionDto> {
    user.require(Capability::ManageRectification)?;
    let mut v = Validator::new();
    let name = required_text(&mut v, "name", &input.name, NAME_MAX, "名称");
    typed_date(&mut v, user, "received_on", input.received_on);
    v.finish()?;
    in_txn(db, Some(user), async |txn| {
        let row = inspection::ActiveModel {
            source: Set(input.source),
            name: Set(name),
            received_on: Set(input.received_on),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        Ok(created("inspection", row.id, dto(&row, &HashMap::new())))
    })
    .await
}
