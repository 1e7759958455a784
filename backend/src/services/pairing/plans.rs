//! Households' assistance plans (到户帮扶计划): per household and year, items of the 16-item
//! checklist, each with the cadre responsible, a due date and the day it was done. A cadre
//! account plans and reaches its own households only ([`CadreReach`]); others their subtree.
//! An item is done once (its day then stays) and may be deleted only before that.

use chrono::{Datelike, Utc};
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::pairing::{CreatePlanItem, MarkPlanDone, PlanItemDto, PlanQuery};
use jingzhun_shared::{AssistancePlanId, CadreId, Capability, HouseholdId, HouseholdStatus};
use sea_orm::sea_query::{Condition, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, ModelTrait,
    QueryFilter, QueryOrder,
};

use super::cadres::CadreReach;
use crate::actor::CurrentUser;
use crate::entities::{assistance_plan, cadre, cadre_pairing, household};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::txn::{Db, created, deleted, in_txn, updated};
use crate::services::{by_ids, check_year, optional_note, paginate, typed_date, with_items};

/// The condition "a plan item reached": a cadre's households paired now, else the subtree.
fn reached(reach: &CadreReach) -> Condition {
    match reach {
        CadreReach::Own(id) => {
            let own = Query::select()
                .column(cadre_pairing::Column::HouseholdId)
                .from(cadre_pairing::Entity)
                .and_where(cadre_pairing::Column::CadreId.eq(*id))
                .and_where(cadre_pairing::Column::Until.is_null())
                .to_owned();
            Condition::all().add(assistance_plan::Column::HouseholdId.in_subquery(own))
        }
        CadreReach::Subtree(path) => Condition::all().add(assistance_plan::Column::OrgPath.starts_with(path)),
    }
}

async fn dtos(db: &impl ConnectionTrait, rows: &[assistance_plan::Model]) -> AppResult<Vec<PlanItemDto>> {
    let cadres = by_ids::<cadre::Entity>(db, rows.iter().map(|p| p.cadre_id).collect(), |c| c.id).await?;
    let homes = by_ids::<household::Entity>(db, rows.iter().map(|p| p.household_id).collect(), |h| h.id).await?;
    let units = org_units::by_ids(db, homes.values().map(|h| h.village_id).collect()).await?;
    Ok(rows
        .iter()
        .map(|p| {
            let home = homes.get(&p.household_id);
            PlanItemDto {
                id: AssistancePlanId(p.id),
                household_id: HouseholdId(p.household_id),
                head_name: home.map(|h| h.head_name.clone()).unwrap_or_default(),
                village: org_units::unit_ref(&units, home.map_or(0, |h| h.village_id)),
                year: p.year,
                item: p.item,
                cadre_id: CadreId(p.cadre_id),
                cadre_name: cadres.get(&p.cadre_id).map(|c| c.name.clone()).unwrap_or_default(),
                due: p.due,
                done_on: p.done_on,
                note: p.note.clone(),
            }
        })
        .collect())
}

pub async fn list(db: &impl ConnectionTrait, user: &CurrentUser, query: PlanQuery) -> AppResult<Page<PlanItemDto>> {
    let reach = CadreReach::of(db, user).await?;
    let mut select = assistance_plan::Entity::find()
        .filter(reached(&reach))
        .order_by_desc(assistance_plan::Column::Year)
        .order_by_asc(assistance_plan::Column::HouseholdId)
        .order_by_asc(assistance_plan::Column::Due)
        .order_by_asc(assistance_plan::Column::Id);
    if let Some(unit) = query.org_unit {
        let unit = org_units::find_visible(db, user, unit).await?;
        select = select.filter(assistance_plan::Column::OrgPath.starts_with(&unit.path));
    }
    if let Some(household) = query.household_id {
        select = select.filter(assistance_plan::Column::HouseholdId.eq(household.0));
    }
    if let Some(year) = query.year {
        select = select.filter(assistance_plan::Column::Year.eq(year));
    }
    if let Some(done) = query.done {
        select = select.filter(if done {
            assistance_plan::Column::DoneOn.is_not_null()
        } else {
            assistance_plan::Column::DoneOn.is_null()
        });
    }
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |p| p).await?;
    let items = dtos(db, &page.items).await?;
    Ok(with_items(page, items))
}

/// The household a plan item is for, when the caller reaches it (404 otherwise), and the cadre
/// responsible: a cadre account itself; else the one named, or the household's cadre.
async fn household_and_cadre(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    v: &mut Validator,
    input: &CreatePlanItem,
) -> AppResult<(household::Model, Option<i64>)> {
    let reach = CadreReach::of(db, user).await?;
    let paired = cadre_pairing::Entity::find()
        .filter(reach.pairings())
        .filter(cadre_pairing::Column::HouseholdId.eq(input.household_id.0))
        .filter(cadre_pairing::Column::Until.is_null())
        .one(db)
        .await?;
    let home = household::Entity::find_by_id(input.household_id.0).one(db).await?;
    let home = match (&reach, home) {
        (CadreReach::Own(_), Some(h)) if paired.is_some() => h,
        (CadreReach::Subtree(_), Some(h)) if user.sees(&h.org_path) => h,
        _ => return Err(AppError::NotFound),
    };
    let cadre = match (&reach, input.cadre_id) {
        (CadreReach::Own(own), _) => Some(*own),
        (_, Some(named)) => {
            let exists = cadre::Entity::find_by_id(named.0).one(db).await?.is_some();
            if !exists {
                v.add("cadre_id", "干部不存在");
            }
            exists.then_some(named.0)
        }
        (_, None) => {
            let own = paired.map(|p| p.cadre_id);
            if own.is_none() {
                v.add("cadre_id", "这户尚无帮扶责任人，请选择负责干部");
            }
            own
        }
    };
    Ok((home, cadre))
}

pub async fn create(db: &impl Db, user: &CurrentUser, input: CreatePlanItem) -> AppResult<PlanItemDto> {
    user.require(Capability::PlanAssistance)?;
    in_txn(db, Some(user), async |txn| {
        let mut v = Validator::new();
        let (home, cadre) = household_and_cadre(txn, user, &mut v, &input).await?;
        if !matches!(home.status, HouseholdStatus::Registered | HouseholdStatus::Exited) {
            v.add("household_id", "只有在册的建档立卡户可制定帮扶计划");
        }
        check_year(&mut v, input.year);
        if input.due.year() != input.year {
            v.add("due", "完成期限须在计划年度内");
        }
        let note = optional_note("note", input.note.as_deref()).unwrap_or_else(|_| {
            v.add("note", "内容过长");
            None
        });
        v.finish()?;
        let row = assistance_plan::ActiveModel {
            household_id: Set(home.id),
            org_path: Set(home.org_path.clone()),
            year: Set(input.year),
            item: Set(input.item),
            cadre_id: Set(cadre.ok_or(AppError::NotFound)?),
            due: Set(input.due),
            done_on: Set(None),
            note: Set(note),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = dtos(txn, std::slice::from_ref(&row)).await?.pop().ok_or(AppError::NotFound)?;
        Ok(created("assistance_plan", row.id, dto))
    })
    .await
}

/// The plan item if the caller reaches it; 404 otherwise.
async fn find(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: AssistancePlanId,
) -> AppResult<assistance_plan::Model> {
    let reach = CadreReach::of(db, user).await?;
    assistance_plan::Entity::find_by_id(id.0).filter(reached(&reach)).one(db).await?.ok_or(AppError::NotFound)
}

fn already_done() -> AppError {
    AppError::Conflict { code: "plan_item_done", message: "该事项已完成，不能再修改或删除".to_owned() }
}

pub async fn mark_done(
    db: &impl Db,
    user: &CurrentUser,
    id: AssistancePlanId,
    input: MarkPlanDone,
) -> AppResult<PlanItemDto> {
    user.require(Capability::PlanAssistance)?;
    in_txn(db, Some(user), async |txn| {
        let row = find(txn, user, id).await?;
        if row.done_on.is_some() {
            return Err(already_done());
        }
        let mut v = Validator::new();
        typed_date(&mut v, user, "done_on", input.done_on);
        v.finish()?;
        let before = dtos(txn, std::slice::from_ref(&row)).await?;
        let mut active = row.into_active_model();
        active.done_on = Set(Some(input.done_on));
        let row = active.update(txn).await?;
        let dto = dtos(txn, std::slice::from_ref(&row)).await?.pop().ok_or(AppError::NotFound)?;
        Ok(updated("assistance_plan", row.id, &before, dto))
    })
    .await
}

pub async fn delete(db: &impl Db, user: &CurrentUser, id: AssistancePlanId) -> AppResult<()> {
    user.require(Capability::PlanAssistance)?;
    in_txn(db, Some(user), async |txn| {
        let row = find(txn, user, id).await?;
        if row.done_on.is_some() {
            return Err(already_done());
        }
        let before = dtos(txn, std::slice::from_ref(&row)).await?;
        let id = row.id;
        row.delete(txn).await?;
        Ok(deleted("assistance_plan", id, &before))
    })
    .await
}
