//! The demo registry's dated story: each household's status history (filed in the year the
//! registry was built, exited at the end of its exit year, removed in the demo year's August
//! adjustment), the 预脱贫 households' exit applications in progress, and households under
//! monitoring (防返贫监测).

use chrono::{NaiveDate, Utc};
use jingzhun_shared::applications::{ChecklistItem, ExitChecklist};
use jingzhun_shared::{ApplicationKind, ApplicationStage, ApplicationStatus, HouseholdStatus, MonitoringKind};
use sea_orm::{ActiveValue::Set, ConnectionTrait};

use super::Fate;
use crate::demo::DEMO_YEAR;
use crate::entities::{application, household_monitoring};
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::registry::status_history::{self, Change};

/// Why the demo's removed households were removed.
pub const REMOVED_REASON: &str = "动态管理核查：不符合建档立卡标准";

/// The year the registry was built (建档立卡).
const FILED_YEAR: i32 = 2014;

fn date(year: i32, month: u32, day: u32) -> AppResult<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| AppError::Internal("demo date".to_owned()))
}

/// Writes the story of the households `ids` (in the order of their fates).
pub async fn write(db: &impl ConnectionTrait, ids: &[(i64, Fate)]) -> AppResult<()> {
    status_history::record_all(db, history(ids)?).await?;
    bulk::insert(db, pre_exit_applications(ids)?).await?;
    bulk::insert(db, monitoring(ids)?).await
}

/// Every household filed as registered in [`FILED_YEAR`]; the exited ones exit on the 30th
/// of November of their exit year (the province's certification); the removed ones are
/// removed on the 20th of August of the demo year.
fn history(ids: &[(i64, Fate)]) -> AppResult<Vec<Change>> {
    let filed = date(FILED_YEAR, 10, 17)?;
    let mut changes = Vec::new();
    for (id, fate) in ids {
        changes.push(Change::filed(*id, HouseholdStatus::Registered, filed));
        if let Fate::Exited(year) | Fate::Removed(year) = fate {
            changes.push(Change {
                household_id: *id,
                from: Some(HouseholdStatus::Registered),
                to: HouseholdStatus::Exited,
                on: date(*year, 11, 30)?,
                exit_year: Some(*year),
                application_id: None,
            });
        }
        if let Fate::Removed(year) = fate {
            changes.push(Change {
                household_id: *id,
                from: Some(HouseholdStatus::Exited),
                to: HouseholdStatus::Removed,
                on: date(DEMO_YEAR, 8, 20)?,
                exit_year: Some(*year),
                application_id: None,
            });
        }
    }
    Ok(changes)
}

/// An exit application of the demo year for each 预脱贫 household, applied in September and,
/// for every other one, assessed by the villagers a week later.
fn pre_exit_applications(ids: &[(i64, Fate)]) -> AppResult<Vec<application::ActiveModel>> {
    let pre_exit = ids.iter().filter(|(_, fate)| *fate == Fate::Remaining { pre_exit: true });
    let checklist =
        serde_json::to_string(&demo_checklist()).map_err(|e| AppError::Internal(format!("demo checklist: {e}")))?;
    pre_exit
        .enumerate()
        .map(|(n, (id, _))| {
            let applied = date(DEMO_YEAR, 9, 1 + (n % 20) as u32)?;
            let (stage, since) = if n.is_multiple_of(2) {
                (ApplicationStage::Applied, applied)
            } else {
                (ApplicationStage::VillageAssessed, date(DEMO_YEAR, 9, 8 + (n % 20) as u32)?)
            };
            Ok(application::ActiveModel {
                household_id: Set(*id),
                kind: Set(ApplicationKind::Exit),
                year: Set(DEMO_YEAR),
                stage: Set(stage),
                status: Set(ApplicationStatus::InProgress),
                checklist: Set(Some(checklist.clone())),
                reason: Set(None),
                stage_since: Set(since),
                version: Set(1),
                created_at: Set(Utc::now()),
                ..Default::default()
            })
        })
        .collect()
}

/// What the village found for each item of 两不愁三保障.
fn demo_checklist() -> ExitChecklist {
    let met = |evidence: &str| ChecklistItem { met: true, evidence: evidence.to_owned() };
    ExitChecklist {
        food: met("口粮自给，有余粮"),
        clothing: met("四季衣被齐全"),
        compulsory_education: met("义务教育阶段子女全部在校"),
        basic_medical: met("全员参加城乡居民医保，家庭医生签约"),
        safe_housing: met("住房安全鉴定为A级或B级"),
        safe_drinking_water: met("集中供水入户，水质达标"),
    }
}

/// Every 42nd exited household monitored as 脱贫不稳定户 since April of the demo year; a third
/// of them cleared at the end of September.
fn monitoring(ids: &[(i64, Fate)]) -> AppResult<Vec<household_monitoring::ActiveModel>> {
    let exited = ids.iter().filter(|(_, fate)| matches!(fate, Fate::Exited(_)));
    let (since, cleared) = (date(DEMO_YEAR, 4, 10)?, date(DEMO_YEAR, 9, 30)?);
    Ok(exited
        .step_by(42)
        .enumerate()
        .map(|(n, (id, _))| {
            let done = n % 3 == 2;
            household_monitoring::ActiveModel {
                household_id: Set(*id),
                kind: Set(MonitoringKind::Unstable),
                since: Set(since),
                reason: Set("家庭成员患病，支出骤增，收入不稳定".to_owned()),
                cleared_on: Set(done.then_some(cleared)),
                cleared_note: Set(done.then(|| "医疗救助到位，收入恢复稳定，风险消除".to_owned())),
                version: Set(1),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
        })
        .collect())
}
