//! Members as other areas' per-member records (student aid, jobs, training) name them: one by
//! id for a form, many by ID card for a bureau's spreadsheet. A record may only name a member
//! still in a household on file (registered or exited) inside the caller's scope; anything
//! else reads as "not found", so nothing outside the scope is told apart.

use std::collections::HashMap;

use jingzhun_shared::error::Validator;
use jingzhun_shared::{HouseholdStatus, MemberId};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::actor::CurrentUser;
use crate::entities::{household, member};
use crate::error::AppResult;
use crate::services::by_ids;

/// A member with the household whose place its records take.
pub type Placed = (member::Model, household::Model);

fn counts(user: &CurrentUser, m: &member::Model, h: &household::Model) -> bool {
    user.sees(&h.org_path)
        && matches!(h.status, HouseholdStatus::Registered | HouseholdStatus::Exited)
        && m.left_on.is_none_or(|left| left > user.today)
}

/// The member `id` named on `field`, or `None` with the reason recorded on `v`.
pub async fn member_field(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    v: &mut Validator,
    field: &str,
    id: MemberId,
) -> AppResult<Option<Placed>> {
    let row = member::Entity::find_by_id(id.0).one(db).await?;
    let household = match &row {
        Some(m) => household::Entity::find_by_id(m.household_id).one(db).await?,
        None => None,
    };
    match (row, household) {
        (Some(m), Some(h)) if counts(user, &m, &h) => Ok(Some((m, h))),
        _ => {
            v.add(field, "成员不存在、已迁出，或其农户不是您管辖范围内的建档立卡户");
            Ok(None)
        }
    }
}

/// The members whose ID cards are among `cards`, keyed by ID card; only those a record may name.
pub async fn by_id_cards(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    cards: &[String],
) -> AppResult<HashMap<String, Placed>> {
    let mut found = HashMap::new();
    for chunk in cards.chunks(1_000) {
        let members = member::Entity::find().filter(member::Column::IdCardNo.is_in(chunk.to_vec())).all(db).await?;
        let ids = members.iter().map(|m| m.household_id).collect();
        let households = by_ids::<household::Entity>(db, ids, |h| h.id).await?;
        for m in members {
            if let Some(h) = households.get(&m.household_id).filter(|h| counts(user, &m, h)) {
                found.insert(m.id_card_no.clone(), (m.clone(), h.clone()));
            }
        }
    }
    Ok(found)
}

/// Deletes the record `id` of table `E` when it lies in the caller's scope (404 otherwise),
/// auditing it as `entity` with what `dto` makes of it: the one delete of every per-member
/// record (student aid, jobs, training, transport subsidies).
pub async fn delete_record<E, D>(
    db: &impl crate::services::txn::Db,
    user: &CurrentUser,
    entity: &'static str,
    id: i64,
    path: impl Fn(&E::Model) -> &str,
    dto: impl AsyncFnOnce(&sea_orm::DatabaseTransaction, &E::Model) -> AppResult<D>,
) -> AppResult<()>
where
    E: EntityTrait,
    <E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<i64>,
    D: serde::Serialize,
{
    user.require(jingzhun_shared::Capability::EditRegistry)?;
    crate::services::txn::in_txn(db, Some(user), async |txn| {
        let row =
            E::find_by_id(id).one(txn).await?.filter(|r| user.sees(path(r))).ok_or(crate::error::AppError::NotFound)?;
        let before = dto(txn, &row).await?;
        E::delete_by_id(id).exec(txn).await?;
        Ok(crate::services::txn::deleted(entity, id, &before))
    })
    .await
}
