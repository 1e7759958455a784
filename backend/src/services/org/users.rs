//! User accounts: listing, creating, disabling, resetting a password (admin), and the role ↔
//! org level rule. Disabling, enabling and any password change bump the account's
//! `token_version`, which revokes every token issued before.

use chrono::Utc;
use jingzhun_shared::error::Parsed;
use jingzhun_shared::newtypes::Username;
use jingzhun_shared::org::{CreateUser, ResetPassword, UserDto, UserQuery, ValidUser};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{CadreId, Capability, EnterpriseId, OrgLevel, Role, UserId};
use sea_orm::sea_query::{Condition, Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, UpdateMany,
};

use crate::actor::CurrentUser;
use crate::auth::Argon2Gate;
use crate::entities::{app_user, cadre, enterprise, org_unit};
use crate::error::{AppError, AppResult};
use crate::services::audit::Event;
use crate::services::org::org_units;
use crate::services::txn::{Db, created, in_txn};
use crate::services::{paginate, with_items};

pub fn to_dto(user: &app_user::Model, unit: &org_unit::Model) -> UserDto {
    UserDto {
        id: UserId(user.id),
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        role: user.role,
        org_unit: org_units::to_ref(unit),
        disabled: user.disabled,
        created_at: user.created_at,
        enterprise_id: user.enterprise_id.map(EnterpriseId),
        cadre_id: user.cadre_id.map(CadreId),
    }
}

/// One user with their unit, 404 outside the caller's subtree.
pub async fn get(db: &impl ConnectionTrait, caller: &CurrentUser, id: UserId) -> AppResult<UserDto> {
    let user = app_user::Entity::find_by_id(id.0).one(db).await?.ok_or(AppError::NotFound)?;
    let unit = org_unit::Entity::find_by_id(user.org_unit_id).one(db).await?.ok_or(AppError::NotFound)?;
    if !caller.sees(&unit.path) {
        return Err(AppError::NotFound);
    }
    Ok(to_dto(&user, &unit))
}

/// A page of the users in the admin's subtree, by username.
pub async fn list(db: &impl ConnectionTrait, caller: &CurrentUser, query: UserQuery) -> AppResult<Page<UserDto>> {
    caller.require(Capability::ManageUsers)?;
    let units = org_units::subtree(db, &caller.org_path).await?;
    let unit_ids: Vec<i64> = units.iter().map(|u| u.id).collect();
    let mut select = app_user::Entity::find()
        .filter(app_user::Column::OrgUnitId.is_in(unit_ids))
        .order_by_asc(app_user::Column::Username);
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        select = select.filter(
            Condition::any().add(app_user::Column::Username.contains(q)).add(app_user::Column::DisplayName.contains(q)),
        );
    }
    if let Some(role) = query.role {
        select = select.filter(app_user::Column::Role.eq(role));
    }
    let page = PageQuery { page: query.page, per_page: query.per_page };
    let mut page = paginate(db, select, page, |user| {
        let unit = units.iter().find(|u| u.id == user.org_unit_id);
        unit.map(|unit| to_dto(&user, unit))
    })
    .await?;
    let items = std::mem::take(&mut page.items).into_iter().flatten().collect();
    Ok(with_items(page, items))
}

/// Creates an account (admin); every invalid field is named in one 422.
pub async fn create(db: &impl Db, argon2: &Argon2Gate, caller: &CurrentUser, input: CreateUser) -> AppResult<UserDto> {
    caller.require(Capability::ManageUsers)?;
    in_txn(db, Some(caller), async |txn| {
        let (new, unit) = check_create(txn, caller, &input).await?;
        let name = new.display_name.as_str();
        let id = insert(txn, argon2, &new.username, new.password.expose(), name, new.role, unit.id).await?;
        let user = app_user::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
        let user = link(txn, user, input.enterprise_id, input.cadre_id).await?;
        let dto = to_dto(&user, &unit);
        Ok(created("user", user.id, dto))
    })
    .await
}

/// A new account parsed, with its unit, or every invalid field in one 422: what
/// `CreateUser::parse` finds, a unit out of scope or of the wrong level, a username taken.
async fn check_create(
    db: &impl ConnectionTrait,
    caller: &CurrentUser,
    input: &CreateUser,
) -> AppResult<(ValidUser, org_unit::Model)> {
    let mut parsed = Parsed::new(input.parse());
    // The username is checked against the database whenever it parses, whatever else fails.
    if let Ok(username) = Username::parse(&input.username)
        && app_user::Entity::find().filter(app_user::Column::Username.eq(username.as_str())).one(db).await?.is_some()
    {
        parsed.add("username", "用户名已存在");
    }
    let unit = match org_units::find_visible(db, caller, input.org_unit_id).await {
        Ok(unit) if unit.level == input.role.org_level() => Ok(unit),
        Ok(_) => Err(role_level_message(input.role).to_owned()),
        Err(AppError::NotFound) => Err("所属单位不存在".to_owned()),
        Err(e) => return Err(e),
    };
    for (field, message) in link_problems(db, input).await? {
        parsed.add(field, message);
    }
    Ok(parsed.zip("org_unit_id", unit).finish()?)
}

/// What is wrong with the enterprise or cadre an account names: an `enterprise` account must
/// name an enterprise that exists, a `cadre` account a cadre; no other role names either.
async fn link_problems(db: &impl ConnectionTrait, input: &CreateUser) -> AppResult<Vec<(&'static str, &'static str)>> {
    let mut problems = Vec::new();
    match (input.role, input.enterprise_id) {
        (Role::Enterprise, None) => problems.push(("enterprise_id", "帮扶企业账号须选择所属企业")),
        (Role::Enterprise, Some(id)) if enterprise::Entity::find_by_id(id.0).one(db).await?.is_none() => {
            problems.push(("enterprise_id", "企业不存在"));
        }
        (Role::Enterprise, Some(_)) | (_, None) => {}
        (_, Some(_)) => problems.push(("enterprise_id", "只有帮扶企业账号属于企业")),
    }
    match (input.role, input.cadre_id) {
        (Role::Cadre, None) => problems.push(("cadre_id", "帮扶责任人账号须选择干部")),
        (Role::Cadre, Some(id)) if cadre::Entity::find_by_id(id.0).one(db).await?.is_none() => {
            problems.push(("cadre_id", "干部不存在"));
        }
        (Role::Cadre, Some(_)) | (_, None) => {}
        (_, Some(_)) => problems.push(("cadre_id", "只有帮扶责任人账号关联干部")),
    }
    Ok(problems)
}

/// Sets the enterprise or cadre an account acts for; used by the API and the demo.
pub async fn link(
    db: &impl ConnectionTrait,
    user: app_user::Model,
    enterprise_id: Option<EnterpriseId>,
    cadre_id: Option<CadreId>,
) -> AppResult<app_user::Model> {
    if enterprise_id.is_none() && cadre_id.is_none() {
        return Ok(user);
    }
    let mut row: app_user::ActiveModel = user.into();
    row.enterprise_id = Set(enterprise_id.map(|e| e.0));
    row.cadre_id = Set(cadre_id.map(|c| c.0));
    Ok(row.update(db).await?)
}

fn role_level_message(role: Role) -> &'static str {
    match role.org_level() {
        OrgLevel::Village => "村扶贫专干须属于某个村",
        OrgLevel::Township => "乡镇工作人员须属于某个乡镇",
        OrgLevel::District => "该角色须属于区级单位",
    }
}

/// Inserts an account with a fresh argon2id hash; used by the API, the CLI and the demo.
pub async fn insert(
    db: &impl ConnectionTrait,
    argon2: &Argon2Gate,
    username: &Username,
    password: &str,
    display_name: &str,
    role: Role,
    org_unit_id: i64,
) -> AppResult<i64> {
    let hash = argon2.hash(password).await?;
    // Only the new id comes back: the demo and the first admin are also written by tests into
    // databases migrated only part way, which lack the account's later columns.
    let row = app_user::ActiveModel {
        username: Set(username.as_str().to_owned()),
        display_name: Set(display_name.to_owned()),
        password_hash: Set(hash),
        role: Set(role),
        org_unit_id: Set(org_unit_id),
        disabled: Set(false),
        version: Set(1),
        token_version: Set(1),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    Ok(app_user::Entity::insert(row).exec(db).await?.last_insert_id)
}

/// Disables or re-enables an account (admin). An admin cannot lock themselves out.
pub async fn set_disabled(db: &impl Db, caller: &CurrentUser, id: UserId, disabled: bool) -> AppResult<UserDto> {
    caller.require(Capability::ManageUsers)?;
    if disabled && id == caller.id {
        return Err(AppError::Conflict {
            code: "cannot_disable_self", message: "不能停用自己的账号".to_owned()
        });
    }
    // Already so: nothing changes, and the account's tokens stay valid (enabling an enabled
    // account must not log it out).
    let current = get(db, caller, id).await?;
    if current.disabled == disabled {
        return Ok(current);
    }
    in_txn(db, Some(caller), async |txn| {
        let before = get(txn, caller, id).await?;
        revoking_update(id).col_expr(app_user::Column::Disabled, Expr::value(disabled)).exec(txn).await?;
        let after = get(txn, caller, id).await?;
        let action = if disabled { "disable" } else { "enable" };
        let event = Event::new(action, "user", id).before(&before).after(&after);
        Ok((after, event))
    })
    .await
}

/// Sets another user's password (admin, within the admin's subtree); their tokens stop
/// working. Admins change their own password with the old one instead.
pub async fn reset_password(
    db: &impl Db,
    argon2: &Argon2Gate,
    caller: &CurrentUser,
    id: UserId,
    input: ResetPassword,
) -> AppResult<UserDto> {
    caller.require(Capability::ManageUsers)?;
    if id == caller.id {
        return Err(AppError::Conflict {
            code: "reset_own_password",
            message: "请通过“修改密码”修改自己的密码".to_owned(),
        });
    }
    get(db, caller, id).await?;
    let password = input.parse()?;
    let hash = argon2.hash(password.expose()).await?;
    in_txn(db, Some(caller), async |txn| {
        store_password(txn, id, &hash).await?;
        let user = get(txn, caller, id).await?;
        Ok((user, Event::new("reset_password", "user", id)))
    })
    .await
}

/// Stores a new password hash for `id` and revokes the account's older tokens; the account
/// after. No password or hash goes into any audit event.
pub(super) async fn store_password(db: &impl ConnectionTrait, id: UserId, hash: &str) -> AppResult<app_user::Model> {
    revoking_update(id).col_expr(app_user::Column::PasswordHash, Expr::value(hash)).exec(db).await?;
    app_user::Entity::find_by_id(id.0).one(db).await?.ok_or(AppError::NotFound)
}

/// An update of account `id` that also bumps its version and its token version, so every
/// token issued before stops working.
fn revoking_update(id: UserId) -> UpdateMany<app_user::Entity> {
    app_user::Entity::update_many()
        .col_expr(app_user::Column::Version, Expr::col(app_user::Column::Version).add(1))
        .col_expr(app_user::Column::TokenVersion, Expr::col(app_user::Column::TokenVersion).add(1))
        .filter(app_user::Column::Id.eq(id.0))
}
