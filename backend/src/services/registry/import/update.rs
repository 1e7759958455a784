//! The households of an import already on file, inside the import's one transaction: each is
//! read as it is now, merged with its rows (a blank optional cell keeps what is on file), and
//! written only when something changed, with one audit event carrying before and after.

use std::collections::HashMap;

use jingzhun_shared::{HealthStatus, HouseholdCategory, Labour, PovertyCause, Relation};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::{BATCH, Checked, Row};
use crate::actor::CurrentUser;
use crate::entities::{household, member};
use crate::error::AppResult;
use crate::services::audit::{self, Event};
use crate::services::registry::households::{causes_from_text, causes_to_text};

/// A household as the audit trail shows an import's change of it.
#[derive(Clone, PartialEq, Serialize)]
struct HouseholdState {
    category: HouseholdCategory,
    causes: Vec<PovertyCause>,
    phone: Option<String>,
    head_name: String,
    members: Vec<MemberState>,
}

#[derive(Clone, PartialEq, Serialize)]
struct MemberState {
    id_card_no: String,
    name: String,
    relation: Relation,
    health: HealthStatus,
    labour: Labour,
}

/// Updates the households on file that the file changes and records one `update` event for
/// each; members new to a household appear in its `after` (they are inserted with the rest).
pub(super) async fn update_existing(txn: &impl ConnectionTrait, user: &CurrentUser, c: &Checked) -> AppResult<()> {
    let ids: Vec<i64> = c.existing.values().copied().collect();
    let (households, mut members) = on_file(txn, &ids).await?;
    let mut events = Vec::new();
    for (head, id) in &c.existing {
        let (Some(before), Some(group)) = (households.get(id), c.groups.get(head)) else { continue };
        let rows: Vec<&Row> = group.iter().filter_map(|i| c.rows.get(*i)).collect();
        let Some(head_row) = rows.iter().find(|r| r.relation == Relation::Head) else { continue };
        let on_file = members.remove(id).unwrap_or_default();
        let before_state = state(before, &on_file);
        let merged: Vec<member::Model> = on_file.iter().map(|m| merge_member(m, &rows)).collect();
        let mut after_state = HouseholdState {
            category: head_row.category,
            causes: head_row.causes.as_deref().map_or_else(|| before_state.causes.clone(), normalised),
            phone: head_row.phone.clone().or_else(|| before.phone.clone()),
            head_name: head_row.name.clone(),
            members: merged.iter().map(member_state).collect(),
        };
        after_state.members.extend(rows.iter().filter(|r| !c.on_file.contains_key(r.id_card.as_str())).map(|r| {
            MemberState {
                id_card_no: r.id_card.as_str().to_owned(),
                name: r.name.clone(),
                relation: r.relation,
                health: r.health.unwrap_or(HealthStatus::Healthy),
                labour: r.labour.unwrap_or(Labour::Full),
            }
        }));
        if after_state == before_state {
            continue;
        }
        write_household(txn, *id, &after_state).await?;
        for (old, new) in on_file.iter().zip(&merged) {
            if old != new {
                write_member(txn, new).await?;
            }
        }
        events.push(Event::new("update", "household", id).before(&before_state).after(&after_state));
    }
    audit::record_all(txn, Some(user), events).await
}

/// The households of `ids` and their members (by household, in id order), a batch at a time.
async fn on_file(
    txn: &impl ConnectionTrait,
    ids: &[i64],
) -> AppResult<(HashMap<i64, household::Model>, HashMap<i64, Vec<member::Model>>)> {
    let mut households = HashMap::new();
    let mut members: HashMap<i64, Vec<member::Model>> = HashMap::new();
    for chunk in ids.chunks(BATCH) {
        let found = household::Entity::find().filter(household::Column::Id.is_in(chunk.to_vec())).all(txn).await?;
        households.extend(found.into_iter().map(|h| (h.id, h)));
        let found = member::Entity::find()
            .filter(member::Column::HouseholdId.is_in(chunk.to_vec()))
            .order_by_asc(member::Column::Id)
            .all(txn)
            .await?;
        for m in found {
            members.entry(m.household_id).or_default().push(m);
        }
    }
    Ok((households, members))
}

/// Causes as they are stored: sorted, each once.
fn normalised(causes: &[PovertyCause]) -> Vec<PovertyCause> {
    causes_from_text(&causes_to_text(causes))
}

fn state(household: &household::Model, members: &[member::Model]) -> HouseholdState {
    HouseholdState {
        category: household.category,
        causes: causes_from_text(&household.causes),
        phone: household.phone.clone(),
        head_name: household.head_name.clone(),
        members: members.iter().map(member_state).collect(),
    }
}

fn member_state(m: &member::Model) -> MemberState {
    MemberState {
        id_card_no: m.id_card_no.clone(),
        name: m.name.clone(),
        relation: m.relation,
        health: m.health,
        labour: m.labour,
    }
}

/// A member on file with the file's row for them, if any; blank cells keep what is on file.
fn merge_member(on_file: &member::Model, rows: &[&Row]) -> member::Model {
    let Some(row) = rows.iter().find(|r| r.id_card.as_str() == on_file.id_card_no) else {
        return on_file.clone();
    };
    member::Model {
        name: row.name.clone(),
        relation: row.relation,
        health: row.health.unwrap_or(on_file.health),
        labour: row.labour.unwrap_or(on_file.labour),
        ..on_file.clone()
    }
}

async fn write_household(txn: &impl ConnectionTrait, id: i64, after: &HouseholdState) -> AppResult<()> {
    household::Entity::update_many()
        .col_expr(household::Column::Category, Expr::value(after.category.as_str()))
        .col_expr(household::Column::Causes, Expr::value(causes_to_text(&after.causes)))
        .col_expr(household::Column::Phone, Expr::value(after.phone.clone()))
        .col_expr(household::Column::HeadName, Expr::value(after.head_name.clone()))
        .col_expr(household::Column::Version, Expr::col(household::Column::Version).add(1))
        .filter(household::Column::Id.eq(id))
        .exec(txn)
        .await?;
    Ok(())
}

async fn write_member(txn: &impl ConnectionTrait, m: &member::Model) -> AppResult<()> {
    member::Entity::update_many()
        .col_expr(member::Column::Name, Expr::value(m.name.clone()))
        .col_expr(member::Column::Relation, Expr::value(m.relation.as_str()))
        .col_expr(member::Column::Health, Expr::value(m.health.as_str()))
        .col_expr(member::Column::Labour, Expr::value(m.labour.as_str()))
        .col_expr(member::Column::Version, Expr::col(member::Column::Version).add(1))
        .filter(member::Column::Id.eq(m.id))
        .exec(txn)
        .await?;
    Ok(())
}
