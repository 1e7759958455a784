//! Reading the audit trail (admin and auditor); writing it is `services::audit`.

use jingzhun_shared::org::{AuditEventDto, AuditQuery};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::privacy::mask_json;
use jingzhun_shared::{AuditEventId, Capability, UserId};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::audit_event;
use crate::error::AppResult;

/// The trail, newest first, for admin and auditor.
pub async fn list(db: &impl ConnectionTrait, user: &CurrentUser, query: AuditQuery) -> AppResult<Page<AuditEventDto>> {
    user.require(Capability::ReadAudit)?;
    let mut select = audit_event::Entity::find().order_by_desc(audit_event::Column::Id);
    if let Some(entity) = query.entity.filter(|e| !e.is_empty()) {
        select = select.filter(audit_event::Column::Entity.eq(entity));
    }
    if let Some(entity_id) = query.entity_id.filter(|e| !e.is_empty()) {
        select = select.filter(audit_event::Column::EntityId.eq(entity_id));
    }
    let page = PageQuery { page: query.page, per_page: query.per_page };
    let whole = user.role.can(Capability::ReadPersonalData);
    crate::services::paginate(db, select, page, |row| to_dto(row, whole)).await
}

/// Stored JSON as the reader may see it: masked ([`mask_json`]) unless `whole`.
fn parse_json(text: Option<String>, whole: bool) -> Option<serde_json::Value> {
    let mut value = serde_json::from_str(&text?).ok()?;
    if !whole {
        mask_json(&mut value);
    }
    Some(value)
}

fn to_dto(row: audit_event::Model, whole: bool) -> AuditEventDto {
    AuditEventDto {
        id: AuditEventId(row.id),
        at: row.at,
        user_id: row.user_id.map(UserId),
        username: row.username,
        action: row.action,
        entity: row.entity,
        entity_id: row.entity_id,
        before: parse_json(row.before, whole),
        after: parse_json(row.after, whole),
    }
}
