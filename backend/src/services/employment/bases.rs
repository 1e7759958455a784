//! Recognised employment bases (就业扶贫基地, 居家就业基地, 扶贫驿站): where they lie, when they were
//! recognised, the subsidy paid and the posts they offer. The district recognises them.

use std::collections::HashMap;

use chrono::Utc;
use jingzhun_shared::employment::{EmploymentBaseDto, EmploymentBaseInput, EmploymentBaseQuery};
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::text::NAME_MAX;
use jingzhun_shared::{Capability, EmploymentBaseId, Fen};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{employment_base as base, org_unit};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::versioned::{Versioned, update_at_version};
use crate::services::{found, paginate, required_text, typed_date, with_items};

impl Versioned for base::Entity {
    const ID: base::Column = base::Column::Id;
    const VERSION: base::Column = base::Column::Version;
}

fn dto(row: &base::Model, units: &HashMap<i64, org_unit::Model>) -> EmploymentBaseDto {
    EmploymentBaseDto {
        id: EmploymentBaseId(row.id),
        name: row.name.clone(),
        kind: row.kind,
        org_unit: org_units::unit_ref(units, row.org_unit_id),
        recognised_on: row.recognised_on,
        subsidy_fen: Fen::new(row.subsidy_fen),
        posts: row.posts,
        version: row.version,
    }
}

pub async fn bases(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: EmploymentBaseQuery,
) -> AppResult<Page<EmploymentBaseDto>> {
    user.require(Capability::ReadRegistry)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select = base::Entity::find().filter(base::Column::OrgPath.starts_with(&unit.path));
    if let Some(kind) = query.kind {
        select = select.filter(base::Column::Kind.eq(kind));
    }
    let page = paginate(
        db,
        select.order_by_asc(base::Column::Id),
        PageQuery { page: query.page, per_page: query.per_page },
        |r| r,
    )
    .await?;
    let units = org_units::by_ids(db, page.items.iter().map(|b| b.org_unit_id).collect()).await?;
    let items = page.items.iter().map(|b| dto(b, &units)).collect();
    Ok(with_items(page, items))
}

/// The unit and name of a base, or every problem of `input` in one 422.
async fn check(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    input: &EmploymentBaseInput,
) -> AppResult<(org_unit::Model, String)> {
    let mut v = Validator::new();
    let name = required_text(&mut v, "name", &input.name, NAME_MAX, "基地名称");
    let unit = found(
        &mut v,
        "org_unit_id",
        "单位不存在或不在您的管辖范围",
        org_units::find_visible(db, user, input.org_unit_id).await,
    )?;
    typed_date(&mut v, user, "recognised_on", input.recognised_on);
    v.check("subsidy_fen", input.subsidy_fen.amount("认定补贴"));
    if !(0..=100_000).contains(&input.posts) {
        v.add("posts", "岗位数须在 0 到 100000 之间");
    }
    v.finish()?;
    Ok((unit.ok_or(AppError::NotFound)?, name))
}

pub async fn create_base(db: &impl Db, user: &CurrentUser, input: EmploymentBaseInput) -> AppResult<EmploymentBaseDto> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let (unit, name) = check(txn, user, &input).await?;
        let row = base::ActiveModel {
            name: Set(name),
            kind: Set(input.kind),
            org_unit_id: Set(unit.id),
            org_path: Set(unit.path.clone()),
            recognised_on: Set(input.recognised_on),
            subsidy_fen: Set(input.subsidy_fen.fen()),
            posts: Set(input.posts),
            version: Set(1),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        Ok(created("employment_base", row.id, dto(&row, &HashMap::from([(unit.id, unit)]))))
    })
    .await
}

/// Changes a base at the version read (stale: 409).
pub async fn update_base(
    db: &impl Db,
    user: &CurrentUser,
    id: EmploymentBaseId,
    input: EmploymentBaseInput,
) -> AppResult<EmploymentBaseDto> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let before = base::Entity::find_by_id(id.0)
            .one(txn)
            .await?
            .filter(|b| user.sees(&b.org_path))
            .ok_or(AppError::NotFound)?;
        let version = input.version.ok_or_else(|| AppError::field("version", "请提供读取时的版本号"))?;
        let (unit, name) = check(txn, user, &input).await?;
        let update = base::Entity::update_many()
            .col_expr(base::Column::Name, Expr::value(name))
            .col_expr(base::Column::Kind, Expr::value(input.kind.as_str()))
            .col_expr(base::Column::OrgUnitId, Expr::value(unit.id))
            .col_expr(base::Column::OrgPath, Expr::value(unit.path.clone()))
            .col_expr(base::Column::RecognisedOn, Expr::value(input.recognised_on))
            .col_expr(base::Column::SubsidyFen, Expr::value(input.subsidy_fen.fen()))
            .col_expr(base::Column::Posts, Expr::value(input.posts));
        update_at_version(txn, update, id.0, version).await?;
        let after = base::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
        let mut units = org_units::by_ids(txn, vec![before.org_unit_id]).await?;
        let before = dto(&before, &units);
        units.insert(unit.id, unit);
        Ok(updated("employment_base", id.0, &before, dto(&after, &units)))
    })
    .await
}
