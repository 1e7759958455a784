//! The write phase of a checked import that adds: new households and new members, inside the
//! import's one transaction ([`super::update`] changes what is on file).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use jingzhun_shared::{HealthStatus, HouseholdStatus, Labour, Relation};
use sea_orm::{ActiveValue::Set, DatabaseTransaction};

use super::{Checked, Progress, WRITE_BATCH};
use crate::entities::org_unit;
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::registry::households::{self, causes_to_text};
use crate::services::registry::members;
use crate::services::registry::status_history::{self, Change};
use crate::services::tallied;

/// Writes the new part of the checked import: new households numbered and inserted, then
/// the members not on file.
pub(super) async fn write(
    txn: &DatabaseTransaction,
    c: &Checked,
    status: HouseholdStatus,
    today: NaiveDate,
    progress: &Progress<'_, '_>,
) -> AppResult<()> {
    let now = Utc::now();
    let new_ids = insert_households(txn, c, status, now, today).await?;
    insert_members(txn, c, &new_ids, now, progress).await?;
    // Every new household and its people in the registry tally at once.
    tallied::flush(txn).await
}

/// New households, numbered after the last number of their village; their ids come back from
/// the insert itself, in order, and each is filed in the status history `today`. The answer
/// maps each new head's ID card to its household.
async fn insert_households<'c>(
    txn: &DatabaseTransaction,
    c: &'c Checked,
    status: HouseholdStatus,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> AppResult<HashMap<&'c str, i64>> {
    let by_id: HashMap<i64, &org_unit::Model> = c.villages.values().map(|v| (v.id, v)).collect();
    let mut next_seq: HashMap<i64, u64> = HashMap::new();
    let mut new_ids: HashMap<&str, i64> = HashMap::new();
    let mut batch = Vec::new();
    let mut heads = Vec::new();
    let new_groups: Vec<(&String, &Vec<usize>)> =
        c.groups.iter().filter(|(h, _)| !c.existing.contains_key(*h)).collect();
    for (n, (head, members)) in new_groups.iter().enumerate() {
        let Some(head_row) = members.iter().filter_map(|i| c.rows.get(*i)).find(|r| r.relation == Relation::Head)
        else {
            continue;
        };
        let village = by_id.get(&head_row.village).ok_or(AppError::NotFound)?;
        let seq = match next_seq.get_mut(&village.id) {
            Some(seq) => seq,
            None => {
                let last = households::last_number_seq(txn, village).await?;
                next_seq.entry(village.id).or_insert(last)
            }
        };
        *seq += 1;
        heads.push(head.as_str());
        let mut row = households::new_row(village, *seq, &head_row.name, head_row.category, status, now);
        row.causes = Set(causes_to_text(head_row.causes.as_deref().unwrap_or_default()));
        row.phone = Set(head_row.phone.clone());
        batch.push(row);
        if batch.len() == WRITE_BATCH || n + 1 == new_groups.len() {
            let ids = bulk::insert_returning_ids(txn, std::mem::take(&mut batch)).await?;
            status_history::record_queued(txn, ids.iter().map(|id| Change::filed(*id, status, today))).await?;
            new_ids.extend(std::mem::take(&mut heads).into_iter().zip(ids));
        }
    }
    Ok(new_ids)
}

/// The members not on file (those on file were updated with their household); a blank
/// health or labour cell means healthy, full labour.
async fn insert_members(
    txn: &DatabaseTransaction,
    c: &Checked,
    new_ids: &HashMap<&str, i64>,
    now: DateTime<Utc>,
    progress: &Progress<'_, '_>,
) -> AppResult<()> {
    let mut inserts = Vec::new();
    for (written, row) in c.rows.iter().enumerate() {
        if c.on_file.contains_key(row.id_card.as_str()) {
            continue;
        }
        let household_id = match c.existing.get(row.head.as_str()) {
            Some(id) => *id,
            None => new_ids
                .get(row.head.as_str())
                .copied()
                .ok_or_else(|| AppError::Internal("imported household missing".to_owned()))?,
        };
        inserts.push(members::new_row(
            household_id,
            &row.name,
            &row.id_card,
            row.relation,
            row.health.unwrap_or(HealthStatus::Healthy),
            row.labour.unwrap_or(Labour::Full),
            now,
        ));
        if inserts.len() == WRITE_BATCH {
            tallied::insert_queued(txn, std::mem::take(&mut inserts)).await?;
            progress.set("writing", written as u64);
        }
    }
    tallied::insert_queued(txn, inserts).await.map(drop)
}
