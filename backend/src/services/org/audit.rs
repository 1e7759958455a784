//! Reading the audit trail (admin and auditor); writing it is `services::audit`.

use jingzhun_shared::org::{AuditEventDto, AuditQuery};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::privacy::{mask_json, sees_audit_content};
use jingzhun_shared::{AuditEventId, Capability, Role, UserId};
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
    let role = user.role;
    crate::services::paginate(db, select, page, |row| to_dto(row, role)).await
}

/// Stored JSON as the reader may see it: masked ([`mask_json`]) unless `whole`.
fn parse_json(text: Option<String>, whole: bool) -> Option<serde_json::Value> {
    let mut value = serde_json::from_str(&text?).ok()?;
    if !whole {
        mask_json(&mut value);
    }
    Some(value)
}

/// The event as `role` may read it: personal data masked, health content left out.
fn to_dto(row: audit_event::Model, role: Role) -> AuditEventDto {
    let whole = role.can(Capability::ReadPersonalData);
    let content = sees_audit_content(role, &row.entity);
    AuditEventDto {
        id: AuditEventId(row.id),
        at: row.at,
        user_id: row.user_id.map(UserId),
        username: row.username,
        action: row.action,
        entity: row.entity,
        entity_id: row.entity_id,
        before: row.before.filter(|_| content).and_then(|text| parse_json(Some(text), whole)),
        after: row.after.filter(|_| content).and_then(|text| parse_json(Some(text), whole)),
    }
}
