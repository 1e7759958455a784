//! Writing the audit trail: every write records who, when, what, before and after, in the
//! same transaction as the write itself (`txn::in_txn` does it for every service write).

use chrono::Utc;
use jingzhun_shared::UserId;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use serde::Serialize;

use crate::actor::CurrentUser;
use crate::entities::audit_event;
use crate::error::AppResult;

/// One write to record.
pub struct Event<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl<'a> Event<'a> {
    pub fn new(action: &'a str, entity: &'a str, entity_id: impl ToString) -> Self {
        Self { action, entity, entity_id: Some(entity_id.to_string()), before: None, after: None }
    }

    pub fn before(mut self, value: &impl Serialize) -> Self {
        self.before = serde_json::to_value(value).ok();
        self
    }

    pub fn after(mut self, value: &impl Serialize) -> Self {
        self.after = serde_json::to_value(value).ok();
        self
    }
}

/// Records `event` as done by `actor` (`None` for the system itself, e.g. the demo loader).
pub async fn record(db: &impl ConnectionTrait, actor: Option<&CurrentUser>, event: Event<'_>) -> AppResult<()> {
    record_as(db, actor.map(|a| (a.id, a.username.as_str())), event).await
}

/// Records `events` as done by `actor`, many rows to a statement: an import that changes
/// thousands of records writes their events in a few inserts.
pub async fn record_all(
    db: &impl ConnectionTrait,
    actor: Option<&CurrentUser>,
    events: Vec<Event<'_>>,
) -> AppResult<()> {
    let actor = actor.map(|a| (a.id, a.username.as_str()));
    crate::services::bulk::insert(db, events.into_iter().map(|e| row(actor, e)).collect()).await
}

/// Records `event` for an explicit user, for writes made before a [`CurrentUser`] exists
/// (a login).
pub async fn record_as(db: &impl ConnectionTrait, actor: Option<(UserId, &str)>, event: Event<'_>) -> AppResult<()> {
    audit_event::Entity::insert(row(actor, event)).exec(db).await?;
    Ok(())
}

fn row(actor: Option<(UserId, &str)>, event: Event<'_>) -> audit_event::ActiveModel {
    audit_event::ActiveModel {
        at: Set(Utc::now()),
        user_id: Set(actor.map(|(id, _)| id.0)),
        username: Set(actor.map(|(_, name)| name.to_owned())),
        action: Set(event.action.to_owned()),
        entity: Set(event.entity.to_owned()),
        entity_id: Set(event.entity_id),
        before: Set(event.before.map(|v| v.to_string())),
        after: Set(event.after.map(|v| v.to_string())),
        ..Default::default()
    }
}
