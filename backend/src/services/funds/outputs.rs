//! What a project builds: a quantity in a unit (3.5 公里 of road, 200 立方米 of water tank),
//! its announcement (公告公示) period, and the households it benefits — links to households
//! of the project's own area, counted when read, never a typed number.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use jingzhun_shared::HouseholdId;
use jingzhun_shared::error::Validator;
use jingzhun_shared::funds::UpdateProject;
use jingzhun_shared::industry::Quantity;
use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{household, project, project_household};
use crate::error::AppResult;
use crate::services::bulk;
use crate::services::typed_date;

/// The longest unit (公里, 立方米, 户, 平方米 …).
const UNIT_MAX: usize = 16;

/// The quantity (hundredths) and unit, both or neither, or why not on `quantity` / `unit`.
pub(super) fn quantity(
    v: &mut Validator,
    quantity: Option<Quantity>,
    unit: Option<&str>,
) -> (Option<i64>, Option<String>) {
    let unit = unit.map(str::trim).filter(|u| !u.is_empty());
    match (quantity, unit) {
        (None, None) => (None, None),
        (Some(_), None) => {
            v.add("unit", "请填写数量的单位（如 公里、立方米、户）");
            (None, None)
        }
        (None, Some(_)) => {
            v.add("quantity", "填写了单位，请填写数量");
            (None, None)
        }
        (Some(q), Some(u)) => {
            if q.hundredths() <= 0 {
                v.add("quantity", "数量须大于 0");
            }
            if u.chars().count() > UNIT_MAX {
                v.add("unit", format!("单位最多 {UNIT_MAX} 个字"));
            }
            (Some(q.hundredths()), Some(u.to_owned()))
        }
    }
}

/// The announcement period, both dates or neither, the end not before the start, both by today.
pub(super) fn announcement(v: &mut Validator, user: &CurrentUser, from: Option<NaiveDate>, to: Option<NaiveDate>) {
    match (from, to) {
        (None, None) => {}
        (Some(_), None) => v.add("announced_to", "请填写公示结束日期"),
        (None, Some(_)) => v.add("announced_from", "请填写公示开始日期"),
        (Some(from), Some(to)) => {
            typed_date(v, user, "announced_from", from);
            typed_date(v, user, "announced_to", to);
            if to < from {
                v.add("announced_to", format!("公示结束日期不能早于开始日期 {from}"));
            }
        }
    }
}

/// The households among `ids` that lie in the project's area (`area`, an org path) and the
/// caller's scope, deduplicated; the others are named on `household_ids` (as not found: a
/// household outside the caller's scope is never told apart from a missing one).
pub(super) async fn beneficiaries(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    v: &mut Validator,
    area: &str,
    ids: &[HouseholdId],
) -> AppResult<Vec<i64>> {
    let mut wanted: Vec<i64> = ids.iter().map(|h| h.0).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut inside = HashSet::new();
    for chunk in wanted.chunks(1_000) {
        for h in household::Entity::find().filter(household::Column::Id.is_in(chunk.to_vec())).all(db).await? {
            if user.sees(&h.org_path) && h.org_path.starts_with(area) {
                inside.insert(h.id);
            }
        }
    }
    let outside: Vec<String> = wanted.iter().filter(|id| !inside.contains(id)).map(i64::to_string).collect();
    if !outside.is_empty() {
        v.add("household_ids", format!("以下农户不存在或不在项目所在区域：{}", outside.join("、")));
    }
    Ok(wanted)
}

/// Makes `households` the project's beneficiaries.
pub(super) async fn link(db: &impl ConnectionTrait, project_id: i64, households: &[i64]) -> AppResult<()> {
    project_household::Entity::delete_many()
        .filter(project_household::Column::ProjectId.eq(project_id))
        .exec(db)
        .await?;
    let rows = households
        .iter()
        .map(|h| project_household::ActiveModel { project_id: Set(project_id), household_id: Set(*h) });
    bulk::insert(db, rows.collect()).await
}

/// Removes the beneficiary links of the projects matching `projects`.
pub(crate) async fn delete_links(db: &impl ConnectionTrait, projects: SimpleExpr) -> AppResult<()> {
    let ids = Query::select().column(project::Column::Id).from(project::Entity).and_where(projects).to_owned();
    project_household::Entity::delete_many()
        .filter(Expr::col(project_household::Column::ProjectId).in_subquery(ids))
        .exec(db)
        .await?;
    Ok(())
}

/// The beneficiary households of these projects, in id order.
pub(super) async fn linked(db: &impl ConnectionTrait, ids: Vec<i64>) -> AppResult<HashMap<i64, Vec<HouseholdId>>> {
    let mut out: HashMap<i64, Vec<HouseholdId>> = HashMap::new();
    for chunk in ids.chunks(1_000) {
        let rows = project_household::Entity::find()
            .filter(project_household::Column::ProjectId.is_in(chunk.to_vec()))
            .order_by_asc(project_household::Column::ProjectId)
            .order_by_asc(project_household::Column::HouseholdId)
            .all(db)
            .await?;
        for r in rows {
            out.entry(r.project_id).or_default().push(HouseholdId(r.household_id));
        }
    }
    Ok(out)
}

/// Sets on `row` the quantity and unit and the announcement period the input changes (each
/// checked with the other half as it stands), and checks new beneficiaries, answered to be
/// linked once the row is written.
pub(super) async fn update_outputs(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    v: &mut Validator,
    p: &project::Model,
    row: &mut project::ActiveModel,
    input: &UpdateProject,
) -> AppResult<Option<Vec<i64>>> {
    if input.quantity.is_some() || input.unit.is_some() {
        let q = input.quantity.or(p.quantity.map(Quantity::from_hundredths));
        let (q, unit) = quantity(v, q, input.unit.as_deref().or(p.unit.as_deref()));
        row.quantity = Set(q);
        row.unit = Set(unit);
    }
    if input.announced_from.is_some() || input.announced_to.is_some() {
        let (from, to) = (input.announced_from.or(p.announced_from), input.announced_to.or(p.announced_to));
        announcement(v, user, from, to);
        row.announced_from = Set(from);
        row.announced_to = Set(to);
    }
    match &input.household_ids {
        Some(ids) => Ok(Some(beneficiaries(db, user, v, &p.org_path, ids).await?)),
        None => Ok(None),
    }
}
