//! Partner enterprises (多企帮多村): registered by the district; an enterprise account reads
//! its own record only.

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::pairing::{CreditCode, EnterpriseDto, EnterpriseInput, EnterpriseQuery};
use jingzhun_shared::{Capability, EnterpriseId, Personal, Phone};
use sea_orm::sea_query::Condition;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::Reach;
use crate::actor::CurrentUser;
use crate::entities::enterprise;
use crate::error::{AppError, AppResult};
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::versioned::update_at_version;
use crate::services::{paginate, required_text};

pub fn to_dto(e: &enterprise::Model) -> EnterpriseDto {
    EnterpriseDto {
        id: EnterpriseId(e.id),
        name: e.name.clone(),
        credit_code: e.credit_code.clone(),
        contact: e.contact.clone(),
        contact_phone: e.phone.clone(),
        industry: e.industry.clone(),
        version: e.version,
    }
}

pub async fn list(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: EnterpriseQuery,
) -> AppResult<Page<EnterpriseDto>> {
    user.require(Capability::ReadPairing)?;
    let mut select = enterprise::Entity::find().order_by_asc(enterprise::Column::Id);
    // An enterprise reads its own record whole; other readers without the need (the auditor)
    // get the contact person's phone masked, through the one gate.
    let own = if let Reach::Enterprise(own) = Reach::of(db, user).await? {
        select = select.filter(enterprise::Column::Id.eq(own));
        true
    } else {
        false
    };
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let q = q.to_owned();
        select = select.filter(
            Condition::any()
                .add(enterprise::Column::Name.contains(&q))
                .add(enterprise::Column::CreditCode.contains(&q)),
        );
    }
    let role = user.role;
    let shown = move |e: enterprise::Model| if own { to_dto(&e) } else { to_dto(&e).for_reader(role) };
    paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, shown).await
}

/// The enterprise `id`, 404 when missing or (for an enterprise account) not its own.
pub async fn find_visible(db: &impl ConnectionTrait, user: &CurrentUser, id: i64) -> AppResult<enterprise::Model> {
    let row = enterprise::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    match Reach::of(db, user).await? {
        Reach::Enterprise(own) if own != id => Err(AppError::NotFound),
        _ => Ok(row),
    }
}

/// Every field checked at once, a credit code another enterprise has among them.
async fn check(
    db: &impl ConnectionTrait,
    input: &EnterpriseInput,
    except: Option<i64>,
) -> AppResult<enterprise::ActiveModel> {
    let mut v = Validator::new();
    let name = required_text(&mut v, "name", &input.name, 100, "企业名称");
    let code = v.check("credit_code", CreditCode::parse(&input.credit_code));
    let contact = input.contact.trim().to_owned();
    if contact.chars().count() > 32 {
        v.add("contact", "联系人最多 32 个字");
    }
    let phone = v.check("phone", Phone::parse_optional(Some(&input.phone))).flatten();
    if input.industry.trim().chars().count() > 64 {
        v.add("industry", "所属行业最多 64 个字");
    }
    if let Some(code) = &code {
        let same = enterprise::Entity::find().filter(enterprise::Column::CreditCode.eq(code.as_str())).one(db).await?;
        if same.is_some_and(|s| Some(s.id) != except) {
            v.add("credit_code", "已有企业使用该统一社会信用代码");
        }
    }
    v.finish()?;
    Ok(enterprise::ActiveModel {
        name: Set(name),
        credit_code: Set(code.map(|c| c.as_str().to_owned()).unwrap_or_default()),
        contact: Set(contact),
        phone: Set(phone.map(Phone::into_inner).unwrap_or_default()),
        industry: Set(input.industry.trim().to_owned()),
        ..Default::default()
    })
}

pub async fn create(db: &impl Db, user: &CurrentUser, input: EnterpriseInput) -> AppResult<EnterpriseDto> {
    user.require(Capability::ManagePairing)?;
    in_txn(db, Some(user), async |txn| {
        let mut row = check(txn, &input, None).await?;
        row.version = Set(1);
        row.created_at = Set(Utc::now());
        let dto = to_dto(&row.insert(txn).await?);
        Ok(created("enterprise", dto.id.0, dto))
    })
    .await
}

pub async fn update(
    db: &impl Db,
    user: &CurrentUser,
    id: EnterpriseId,
    input: EnterpriseInput,
) -> AppResult<EnterpriseDto> {
    user.require(Capability::ManagePairing)?;
    in_txn(db, Some(user), async |txn| {
        let current = enterprise::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
        if input.version != Some(current.version) {
            return Err(AppError::stale());
        }
        let row = check(txn, &input, Some(current.id)).await?;
        update_at_version(txn, enterprise::Entity::update_many().set(row), current.id, current.version).await?;
        let after = enterprise::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
        Ok(updated("enterprise", id.0, &to_dto(&current), to_dto(&after)))
    })
    .await
}
