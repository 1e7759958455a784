//! The org tree district → township → village, and the scoping rule built on it: a user sees
//! the subtree of the unit they belong to, and anything outside it does not exist for them.

use chrono::{Datelike, Utc};
use jingzhun_shared::error::Validator;
use jingzhun_shared::newtypes::DisplayName;
use jingzhun_shared::org::{CreateOrgUnit, OrgUnitDto, OrgUnitNode, OrgUnitRef, RenameOrgUnit};
use jingzhun_shared::{Capability, Fen, OrgLevel, OrgUnitId};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, sea_query::Expr,
};

use crate::actor::CurrentUser;
use crate::entities::{org_unit, village_profile};
use crate::error::{AppError, AppResult};
use crate::services::org::village_rows as profiles;
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::versioned::update_at_version;

/// The unit as the wire shows it; a village's poor-list flag and population come from its
/// latest profile (`villages::profiles`).
pub fn to_dto(row: &org_unit::Model, profile: Option<&village_profile::Model>) -> OrgUnitDto {
    OrgUnitDto {
        id: OrgUnitId(row.id),
        parent_id: row.parent_id.map(OrgUnitId),
        level: row.level,
        name: row.name.clone(),
        code: row.code.clone(),
        is_poor_village: profile.is_some_and(|p| p.is_poor_village),
        exit_year: row.exit_year,
        rural_population: profile.map(|p| p.rural_population),
        version: row.version,
    }
}

/// The unit with its latest profile.
pub async fn dto(db: &impl ConnectionTrait, row: &org_unit::Model) -> AppResult<OrgUnitDto> {
    let latest = profiles::latest(db, vec![row.id], None).await?;
    Ok(to_dto(row, latest.get(&row.id)))
}

pub fn to_ref(row: &org_unit::Model) -> OrgUnitRef {
    OrgUnitRef { id: OrgUnitId(row.id), name: row.name.clone(), level: row.level }
}

/// The reference to unit `id` from units loaded by [`by_ids`]; a unit gone missing shows
/// with its id and no name rather than failing the whole answer.
pub fn unit_ref(units: &std::collections::HashMap<i64, org_unit::Model>, id: i64) -> OrgUnitRef {
    units.get(&id).map(to_ref).unwrap_or(OrgUnitRef {
        id: OrgUnitId(id),
        name: String::new(),
        level: OrgLevel::Village,
    })
}

/// The unit if it exists and lies in the user's subtree; 404 otherwise, so that scope never
/// tells what exists outside it.
pub async fn find_visible(db: &impl ConnectionTrait, user: &CurrentUser, id: OrgUnitId) -> AppResult<org_unit::Model> {
    org_unit::Entity::find_by_id(id.0).one(db).await?.filter(|unit| user.sees(&unit.path)).ok_or(AppError::NotFound)
}

/// The units with these ids, by id: one query for a page of records that name their unit.
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: Vec<i64>,
) -> AppResult<std::collections::HashMap<i64, org_unit::Model>> {
    crate::services::by_ids::<org_unit::Entity>(db, ids, |u| u.id).await
}

/// Every unit under (and including) the one with `path`, ordered by path then name.
pub async fn subtree(db: &impl ConnectionTrait, path: &str) -> AppResult<Vec<org_unit::Model>> {
    Ok(org_unit::Entity::find()
        .filter(org_unit::Column::Path.starts_with(path))
        .order_by_asc(org_unit::Column::Code)
        .all(db)
        .await?)
}

/// The user's subtree as a tree.
pub async fn tree(db: &impl ConnectionTrait, user: &CurrentUser) -> AppResult<OrgUnitNode> {
    let units = subtree(db, &user.org_path).await?;
    let latest = profiles::latest(db, units.iter().map(|u| u.id).collect(), None).await?;
    let root = units
        .iter()
        .find(|u| u.id == user.org_unit_id.0)
        .ok_or_else(|| AppError::Internal("user's own unit missing from its subtree".to_owned()))?;
    Ok(build_node(root, &units, &latest))
}

fn build_node(
    unit: &org_unit::Model,
    all: &[org_unit::Model],
    profiles: &std::collections::HashMap<i64, village_profile::Model>,
) -> OrgUnitNode {
    let children = all.iter().filter(|u| u.parent_id == Some(unit.id)).map(|c| build_node(c, all, profiles)).collect();
    OrgUnitNode { unit: to_dto(unit, profiles.get(&unit.id)), children }
}

/// Creates a township under a district or a village under a township (admin).
pub async fn create(db: &impl Db, user: &CurrentUser, input: CreateOrgUnit) -> AppResult<OrgUnitDto> {
    user.require(Capability::ManageOrgUnits)?;
    in_txn(db, Some(user), async |txn| {
        let parent = find_visible(txn, user, input.parent_id).await.map_err(|e| match e {
            AppError::NotFound => AppError::field("parent_id", "上级单位不存在"),
            other => other,
        })?;
        let (name, code, level) = check_create(txn, &parent, &input).await?;
        let row = org_unit::ActiveModel {
            level: Set(level),
            name: Set(name.into_inner()),
            code: Set(code),
            exit_year: Set(input.exit_year),
            ..Default::default()
        };
        let unit = insert(txn, Some(&parent), row).await?;
        // A village starts with a profile of the creator's year when it is given one.
        if input.is_poor_village || input.rural_population.is_some() {
            let (year, population) = (user.today.year(), input.rural_population.unwrap_or(0));
            profiles::insert(txn, unit.id, year, input.is_poor_village, population, Fen::ZERO).await?;
        }
        let dto = dto(txn, &unit).await?;
        Ok(created("org_unit", dto.id.0, dto))
    })
    .await
}

/// Inserts `row` (level, name, code and the village fields set) under `parent`, or as the root
/// district without one, and completes its path, which needs the new id.
pub async fn insert(
    db: &impl ConnectionTrait,
    parent: Option<&org_unit::Model>,
    mut row: org_unit::ActiveModel,
) -> AppResult<org_unit::Model> {
    row.parent_id = Set(parent.map(|p| p.id));
    row.path = Set(String::new());
    row.version = Set(1);
    row.created_at = Set(Utc::now());
    let row = row.insert(db).await?;
    let path = format!("{}{}/", parent.map_or("/", |p| p.path.as_str()), row.id);
    let mut active = row.into_active_model();
    active.path = Set(path);
    Ok(active.update(db).await?)
}

/// The name, code and level of a new unit under `parent`, or every invalid field in one 422.
async fn check_create(
    db: &impl ConnectionTrait,
    parent: &org_unit::Model,
    input: &CreateOrgUnit,
) -> AppResult<(DisplayName, String, OrgLevel)> {
    let mut v = Validator::new();
    let name = v.check("name", DisplayName::parse(&input.name));
    let code = v.check("code", parse_code(&input.code));
    let level = parent.level.child();
    if level.is_none() {
        v.add("parent_id", "村之下不能再设下级单位");
    }
    if level != Some(OrgLevel::Village) {
        if input.is_poor_village {
            v.add("is_poor_village", "只有村可以标记为贫困村");
        }
        if input.rural_population.is_some() {
            v.add("rural_population", "只有村填写农村人口");
        }
    }
    if input.exit_year.is_some() && !input.is_poor_village {
        v.add("exit_year", "只有贫困村有出列年份");
    }
    if let Some(year) = input.exit_year
        && !(2000..=2100).contains(&year)
    {
        v.add("exit_year", "出列年份不合理");
    }
    if input.rural_population.is_some_and(|p| p < 0) {
        v.add("rural_population", "人口不能为负数");
    }
    if let Some(code) = &code
        && org_unit::Entity::find().filter(org_unit::Column::Code.eq(code.as_str())).one(db).await?.is_some()
    {
        v.add("code", "该编码已被使用");
    }
    Ok(v.finish_with(|| Some((name?, code?, level?)))?)
}

/// Renames a unit (admin), refusing a stale version with 409.
pub async fn rename(db: &impl Db, user: &CurrentUser, id: OrgUnitId, input: RenameOrgUnit) -> AppResult<OrgUnitDto> {
    user.require(Capability::ManageOrgUnits)?;
    let name = DisplayName::parse(&input.name).map_err(|e| AppError::field("name", e.0))?;
    in_txn(db, Some(user), async |txn| {
        let row = find_visible(txn, user, id).await?;
        if row.version != input.version {
            return Err(AppError::stale());
        }
        let before = dto(txn, &row).await?;
        // The version condition makes a concurrent rename lose cleanly instead of overwriting.
        let update = org_unit::Entity::update_many().col_expr(org_unit::Column::Name, Expr::value(name.into_inner()));
        update_at_version(txn, update, row.id, input.version).await?;
        let after = dto(txn, &find_visible(txn, user, id).await?).await?;
        Ok(updated("org_unit", row.id, &before, after))
    })
    .await
}

/// Org codes: 1–32 ASCII letters or digits.
fn parse_code(raw: &str) -> Result<String, String> {
    let code = raw.trim();
    if code.is_empty() || code.len() > 32 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err("编码须为 1–32 位字母或数字".to_owned());
    }
    Ok(code.to_owned())
}

/// The unit a figure or list is about: `id` when given (404 outside the caller's subtree),
/// else the caller's own unit.
pub async fn scope_unit(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: Option<OrgUnitId>,
) -> AppResult<org_unit::Model> {
    find_visible(db, user, id.unwrap_or(user.org_unit_id)).await
}
