//! Reading the audit trail (admin and auditor); writing it is `services::audit`.

use jingzhun_shared::org::{AuditEventDto, AuditQuery};
use jingzhun_shared::page::{Page, PageQuery};
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
    crate::services::paginate(db, select, page, to_dto).await
}

fn parse_json(text: Option<String>) -> Option<serde_json::Value> {
    text.and_then(|t| serde_json::from_str(&t).ok())
}

fn to_dto(row: audit_event::Model) -> AuditEventDto {
    AuditEventDto {
        id: AuditEventId(row.id),
        at: row.at,
        user_id: row.user_id.map(UserId),
        username: row.username,
        action: row.action,
        entity: row.entity,
        entity_id: row.entity_id,
        before: parse_json(row.before),
        after: parse_json(row.after),
    }
}
