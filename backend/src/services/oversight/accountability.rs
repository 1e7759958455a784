//! Accountability records (约谈, 问责): who answered, from which unit, when and why, maybe for a
//! problem. The person's name is personal data: readers without need see the surname only.

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::oversight::{AccountabilityDto, AccountabilityInput, AccountabilityQuery};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::text::{NAME_MAX, NOTE_MAX};
use jingzhun_shared::{Capability, OrgLevel, Personal};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};

use crate::actor::CurrentUser;
use crate::entities::accountability as row;
use crate::entities::problem;
use crate::error::AppResult;
use crate::services::txn::{Db, created, in_txn};
use crate::services::{found, paginate, required_text, typed_date};

fn dto(r: row::Model) -> AccountabilityDto {
    AccountabilityDto {
        id: r.id,
        person: r.person,
        unit: r.unit,
        on: r.held_on,
        kind: r.kind,
        reason: r.reason,
        problem_id: r.problem_id,
    }
}

/// Accountability records, newest first, by year and kind; below the district, only those of
/// problems in the reader's subtree.
pub async fn accountability(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: AccountabilityQuery,
) -> AppResult<Page<AccountabilityDto>> {
    user.require(Capability::ReadRectification)?;
    let mut select = row::Entity::find();
    if user.org_level != OrgLevel::District {
        // Below the district: only the records of problems in the reader's subtree.
        let seen = problem::Entity::find()
            .select_only()
            .column(problem::Column::Id)
            .filter(problem::Column::OrgPath.starts_with(&user.org_path));
        select = select.filter(row::Column::ProblemId.in_subquery(seen.into_query()));
    }
    if let Some(year) = query.year {
        let (first, last) = super::inspections::year_bounds(year);
        select = select.filter(row::Column::HeldOn.between(first, last));
    }
    if let Some(kind) = query.kind {
        select = select.filter(row::Column::Kind.eq(kind));
    }
    let select = select.order_by_desc(row::Column::HeldOn).order_by_desc(row::Column::Id);
    let role = user.role;
    paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |r| dto(r).for_reader(role)).await
}

/// Records a talk or a disciplinary measure.
pub async fn create_accountability(
    db: &impl Db,
    user: &CurrentUser,
    input: AccountabilityInput,
) -> AppResult<AccountabilityDto> {
    user.require(Capability::ManageRectification)?;
    let mut v = Validator::new();
    let person = required_text(&mut v, "person", &input.person, 64, "姓名");
    let unit = required_text(&mut v, "unit", &input.unit, NAME_MAX, "单位");
    let reason = required_text(&mut v, "reason", &input.reason, NOTE_MAX, "事由");
    typed_date(&mut v, user, "on", input.on);
    if let Some(id) = input.problem_id {
        found(&mut v, "problem_id", "所选问题不存在", super::problems::visible(db, user, id).await)?;
    }
    v.finish()?;
    in_txn(db, Some(user), async |txn| {
        let r = row::ActiveModel {
            person: Set(person),
            unit: Set(unit),
            held_on: Set(input.on),
            kind: Set(input.kind),
            reason: Set(reason),
            problem_id: Set(input.problem_id),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        Ok(created("accountability", r.id, dto(r)))
    })
    .await
}
