//! The exit checklist items whose evidence the household's own records hold: 住房安全 from the
//! housing records (an accepted renovation, else the latest appraisal). Where records exist
//! they decide the item and name the record; where none exist, what the clerk saw stands.

use jingzhun_shared::applications::{ChecklistItem, ExitChecklist};
use sea_orm::ConnectionTrait;

use crate::error::{AppError, AppResult};
use crate::services::housing;

/// `checklist` with its record-backed items taken from the records; 422 on an item the
/// records say is not met.
pub async fn from_records(
    db: &impl ConnectionTrait,
    household_id: i64,
    checklist: Option<&ExitChecklist>,
) -> AppResult<Option<ExitChecklist>> {
    let Some(mut checklist) = checklist.cloned() else { return Ok(None) };
    if let Some(safety) = housing::safety(db, household_id).await? {
        if !safety.safe {
            return Err(AppError::field(
                "checklist.safe_housing",
                format!("住房安全未达标：{}，须改造并验收后方可退出", safety.evidence),
            ));
        }
        checklist.safe_housing = ChecklistItem { met: true, evidence: format!("住房记录：{}", safety.evidence) };
    }
    Ok(Some(checklist))
}
