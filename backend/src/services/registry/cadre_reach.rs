//! The households a cadre account reaches (帮扶责任人): those it is responsible for now, a
//! `cadre_pairing` without an end. The registry opens their cards to it, and the visits and
//! warnings narrow to them by the same subquery. It lives in the registry, which the pairing and
//! warnings areas build on, so that no area reaches back up to them.

use jingzhun_shared::Role;
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait};

use crate::actor::CurrentUser;
use crate::entities::{app_user, cadre_pairing};
use crate::error::{AppError, AppResult};

/// The ids of the households `cadre_id` is responsible for now, as a subquery.
pub fn current_households(cadre_id: i64) -> SelectStatement {
    Query::select()
        .column(cadre_pairing::Column::HouseholdId)
        .from(cadre_pairing::Entity)
        .and_where(cadre_pairing::Column::CadreId.eq(cadre_id))
        .and_where(cadre_pairing::Column::Until.is_null())
        .to_owned()
}

/// For a cadre account, the ids of the households it is responsible for now (a subquery; 403
/// for an account linked to no cadre); for every other role `None`: their reach is their org
/// subtree.
pub async fn own_households(db: &impl ConnectionTrait, user: &CurrentUser) -> AppResult<Option<SelectStatement>> {
    if user.role != Role::Cadre {
        return Ok(None);
    }
    let account = app_user::Entity::find_by_id(user.id.0).one(db).await?.ok_or(AppError::Unauthorized)?;
    let cadre = account.cadre_id.ok_or_else(|| AppError::Forbidden("该账号未关联帮扶干部".to_owned()))?;
    Ok(Some(current_households(cadre)))
}
