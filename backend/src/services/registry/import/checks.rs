//! The checks of an import that look at more than one row: households grouped by head, and
//! the file against what is on file.

use std::collections::{HashMap, HashSet};

use jingzhun_shared::Relation;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use super::{BATCH, OnFile, Row};
use crate::actor::CurrentUser;
use crate::entities::{household, member};
use crate::error::AppResult;
use crate::services::registry::members::ELSEWHERE;
use crate::services::sheet::RowErrors;

/// Households: the rows of one head, who must have a row of their own.
pub(super) fn group_households(rows: &[Row], errors: &mut RowErrors) -> HashMap<String, Vec<usize>> {
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        groups.entry(row.head.as_str().to_owned()).or_default().push(i);
    }
    for members in groups.values() {
        let members: Vec<&Row> = members.iter().filter_map(|i| rows.get(*i)).collect();
        let Some(first) = members.first() else { continue };
        let heads = members.iter().filter(|r| r.relation == Relation::Head).count();
        if heads != 1 || !members.iter().any(|r| r.id_card == r.head && r.relation == Relation::Head) {
            errors.add(first.line, 1, "每户须有且仅有一行“与户主关系”为户主，且其身份证号与户主身份证号相同");
        }
        for row in &members {
            if row.village != first.village || row.category != first.category {
                errors.add(row.line, 0, "同一户各行的村编码和户类别须一致");
            }
        }
    }
    groups
}

/// What is on file already, by ID card, a thousand at a time.
pub(super) async fn members_on_file(db: &impl ConnectionTrait, rows: &[Row]) -> AppResult<HashMap<String, OnFile>> {
    let cards: Vec<String> = rows.iter().map(|r| r.id_card.as_str().to_owned()).collect();
    let mut on_file: HashMap<String, OnFile> = HashMap::new();
    for chunk in cards.chunks(BATCH) {
        let found = member::Entity::find()
            .select_only()
            .columns([member::Column::HouseholdId, member::Column::IdCardNo])
            .filter(member::Column::IdCardNo.is_in(chunk.to_vec()))
            .into_model::<OnFile>()
            .all(db)
            .await?;
        on_file.extend(found.into_iter().map(|m| (m.id_card_no.clone(), m)));
    }
    Ok(on_file)
}

/// The category's column in [`IMPORT_COLUMNS`](jingzhun_shared::registry::IMPORT_COLUMNS).
const CATEGORY_COLUMN: usize = 2;

/// The households on file whose head leads a group of the file; a member on file in another
/// household, or a household outside the caller's scope, is a row error.
pub(super) async fn existing_households(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    rows: &[Row],
    groups: &HashMap<String, Vec<usize>>,
    on_file: &HashMap<String, OnFile>,
    errors: &mut RowErrors,
) -> AppResult<HashMap<String, i64>> {
    let mut existing: HashMap<String, i64> = HashMap::new();
    for head in groups.keys() {
        if let Some(m) = on_file.get(head) {
            existing.insert(head.clone(), m.household_id);
        }
    }
    // Which households on file the caller may see: outside that, a message names nothing.
    let on_file_ids: Vec<i64> = on_file.values().map(|m| m.household_id).collect();
    let mut visible = HashSet::new();
    let mut categories = HashMap::new();
    for chunk in on_file_ids.chunks(BATCH) {
        for h in household::Entity::find().filter(household::Column::Id.is_in(chunk.to_vec())).all(db).await? {
            if user.sees(&h.org_path) {
                visible.insert(h.id);
                categories.insert(h.id, h.category);
            }
        }
    }
    for row in rows {
        if let Some(m) = on_file.get(row.id_card.as_str())
            && existing.get(row.head.as_str()) != Some(&m.household_id)
        {
            let message = if visible.contains(&m.household_id) {
                format!("该身份证号已在其他户（编号 {}）", m.household_id)
            } else {
                ELSEWHERE.to_owned()
            };
            errors.add(row.line, 6, message);
        }
    }
    for (head, id) in &existing {
        if !visible.contains(id)
            && let Some(first) = groups.get(head).and_then(|g| g.first()).and_then(|i| rows.get(*i))
        {
            errors.add(first.line, 1, ELSEWHERE);
        }
        // 低保 / 五保 are civil-affairs decisions, changed on the card with date, reason and
        // document; a spreadsheet does not change them.
        let head_row =
            groups.get(head).into_iter().flatten().filter_map(|i| rows.get(*i)).find(|r| r.relation == Relation::Head);
        if let (Some(row), Some(on_file)) = (head_row, categories.get(id))
            && row.category != *on_file
        {
            let message = format!("户类别在册为“{}”，变更须经民政认定，请在户卡上办理“变更户类别”", on_file.zh());
            errors.add(row.line, CATEGORY_COLUMN, message);
        }
    }
    Ok(existing)
}
