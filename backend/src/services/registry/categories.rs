//! A household's category (低保 / 五保 / 一般) changes by a civil-affairs decision: each change
//! is kept with its date, reason and document number (认定文号), and the card shows the history.
//! The plain household update keeps the category as it is.

use chrono::Utc;
use jingzhun_shared::error::Parsed;
use jingzhun_shared::registry::{CategoryChangeDto, ChangeCategory, HouseholdDto};
use jingzhun_shared::{Capability, HouseholdId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{household, household_category_change};
use crate::error::AppResult;
use crate::services::registry::households::{find_visible, load_dto};
use crate::services::txn::{Db, in_txn, updated};
use crate::services::versioned::update_at_version;

/// The household's category changes, oldest first.
pub async fn history(db: &impl ConnectionTrait, household_id: i64) -> AppResult<Vec<CategoryChangeDto>> {
    let rows = household_category_change::Entity::find()
        .filter(household_category_change::Column::HouseholdId.eq(household_id))
        .order_by_asc(household_category_change::Column::ChangedOn)
        .order_by_asc(household_category_change::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| CategoryChangeDto {
            from_category: r.from_category,
            to_category: r.to_category,
            changed_on: r.changed_on,
            reason: r.reason,
            document_no: r.document_no,
            recorded_at: r.created_at,
        })
        .collect())
}

/// Changes the household's category as decided on `changed_on` (not after today, not before
/// the last recorded change), keeping the decision in the history; the same category again or
/// a stale version is refused.
pub async fn change(
    db: &impl Db,
    user: &CurrentUser,
    id: HouseholdId,
    input: ChangeCategory,
) -> AppResult<HouseholdDto> {
    user.require(Capability::EditRegistry)?;
    in_txn(db, Some(user), async |txn| {
        let row = find_visible(txn, user, id).await?;
        let mut parsed = Parsed::new(input.parse());
        if let Some(message) = user.date_error(input.changed_on) {
            parsed.add("changed_on", message);
        }
        if input.category == row.category {
            parsed.add("category", format!("该户已是{}", row.category.zh()));
        }
        if let Some(last) = history(txn, row.id).await?.last().filter(|last| input.changed_on < last.changed_on) {
            parsed.add("changed_on", format!("变更日期不能早于上次变更（{}）", last.changed_on));
        }
        let valid = parsed.finish()?;
        let before = load_dto(txn, user, id, false).await?;
        let update = household::Entity::update_many()
            .col_expr(household::Column::Category, Expr::value(valid.category.as_str()));
        update_at_version(txn, update, row.id, valid.version).await?;
        household_category_change::ActiveModel {
            household_id: Set(row.id),
            from_category: Set(row.category),
            to_category: Set(valid.category),
            changed_on: Set(valid.changed_on),
            reason: Set(valid.reason),
            document_no: Set(valid.document_no),
            recorded_by: Set(Some(user.id.0)),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let after = load_dto(txn, user, id, false).await?;
        Ok(updated("household", id, &before, after))
    })
    .await
}
