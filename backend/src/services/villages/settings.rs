//! What a village's exit is measured against: the year's thresholds (admin, district
//! official) and the recorded infrastructure checks of the village for the year.

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::text::NOTE_MAX;
use jingzhun_shared::villages::{RecordVillageCheck, VillageCheck, VillageExitSetting};
use jingzhun_shared::{Capability, Fen, OrgUnitId};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder,
};

use crate::actor::CurrentUser;
use crate::entities::{village_check, village_exit_setting};
use crate::error::AppResult;
use crate::services::audit::Event;
use crate::services::txn::{Db, in_txn};
use crate::services::{check_year, paginate, required_text, typed_date};

fn setting_dto(row: &village_exit_setting::Model) -> VillageExitSetting {
    VillageExitSetting {
        year: row.year,
        max_incidence_bp: row.max_incidence_bp,
        min_collective_income_fen: Fen::new(row.min_collective_income_fen),
    }
}

/// The thresholds of `year`, when set.
pub async fn setting(db: &impl ConnectionTrait, year: i32) -> AppResult<Option<VillageExitSetting>> {
    Ok(village_exit_setting::Entity::find_by_id(year).one(db).await?.as_ref().map(setting_dto))
}

/// Every year's thresholds, oldest first.
pub async fn settings(db: &impl ConnectionTrait, query: PageQuery) -> AppResult<Page<VillageExitSetting>> {
    let select = village_exit_setting::Entity::find().order_by_asc(village_exit_setting::Column::Year);
    paginate(db, select, query, |row| setting_dto(&row)).await
}

/// Writes the thresholds of `setting.year`, no audit (the demo loader; [`set`] audits).
pub async fn put(db: &impl ConnectionTrait, setting: VillageExitSetting) -> AppResult<()> {
    let row = village_exit_setting::ActiveModel {
        year: Set(setting.year),
        max_incidence_bp: Set(setting.max_incidence_bp),
        min_collective_income_fen: Set(setting.min_collective_income_fen.fen()),
    };
    match village_exit_setting::Entity::find_by_id(setting.year).one(db).await? {
        Some(_) => row.update(db).await?,
        None => row.insert(db).await?,
    };
    Ok(())
}

/// Sets a year's thresholds (admin, district official), audited.
pub async fn set(
    db: &impl Db,
    user: &CurrentUser,
    year: i32,
    input: VillageExitSetting,
) -> AppResult<VillageExitSetting> {
    user.require(Capability::EditVillages)?;
    let mut v = Validator::new();
    check_year(&mut v, year);
    if input.year != year {
        v.add("year", "路径中的年份与内容不一致");
    }
    if !(1..=10_000).contains(&input.max_incidence_bp) {
        v.add("max_incidence_bp", "贫困发生率上限须在 0.01% 到 100% 之间");
    }
    if !(0..=10_000_000_000).contains(&input.min_collective_income_fen.fen()) {
        v.add("min_collective_income_fen", "村集体经济收入标准须在 0 到 1 亿元之间");
    }
    v.finish()?;
    let setting = VillageExitSetting { year, ..input };
    in_txn(db, Some(user), async |txn| {
        let before = self::setting(txn, year).await?;
        put(txn, setting).await?;
        let mut event = Event::new("update", "village_exit_setting", year).after(&setting);
        if let Some(before) = before {
            event = event.before(&before);
        }
        Ok((setting, event))
    })
    .await
}

pub fn check_dto(row: &village_check::Model) -> VillageCheck {
    VillageCheck {
        year: row.year,
        kind: row.kind,
        passed: row.passed,
        checked_on: row.checked_on,
        evidence: row.evidence.clone(),
        recorded_by: row.recorded_by.clone(),
    }
}

/// The village's recorded checks of `year`.
pub async fn checks(db: &impl ConnectionTrait, village_id: i64, year: i32) -> AppResult<Vec<village_check::Model>> {
    Ok(village_check::Entity::find()
        .filter(village_check::Column::OrgUnitId.eq(village_id))
        .filter(village_check::Column::Year.eq(year))
        .all(db)
        .await?)
}

/// Writes a check's finding, replacing an earlier one of the same kind and year; no audit
/// (the demo loader; [`record`] audits).
pub async fn put_check(db: &impl ConnectionTrait, village_id: i64, check: &VillageCheck) -> AppResult<()> {
    let existing = checks(db, village_id, check.year).await?.into_iter().find(|c| c.kind == check.kind);
    let mut row = match existing {
        Some(row) => row.into_active_model(),
        None => village_check::ActiveModel {
            org_unit_id: Set(village_id),
            year: Set(check.year),
            kind: Set(check.kind),
            ..Default::default()
        },
    };
    row.passed = Set(check.passed);
    row.checked_on = Set(check.checked_on);
    row.evidence = Set(check.evidence.clone());
    row.recorded_by = Set(check.recorded_by.clone());
    row.recorded_at = Set(Utc::now());
    row.save(db).await?;
    Ok(())
}

/// Records a check's finding for a year (admin, district official), audited under the village.
pub async fn record(
    db: &impl Db,
    user: &CurrentUser,
    id: OrgUnitId,
    input: RecordVillageCheck,
) -> AppResult<VillageCheck> {
    let mut v = Validator::new();
    check_year(&mut v, input.year);
    typed_date(&mut v, user, "checked_on", input.checked_on);
    let evidence = required_text(&mut v, "evidence", &input.evidence, NOTE_MAX, "核查依据");
    in_txn(db, Some(user), async |txn| {
        let village = super::village(txn, user, id, Capability::EditVillages).await?;
        v.finish()?;
        let before = checks(txn, village.id, input.year).await?.into_iter().find(|c| c.kind == input.kind);
        let check = VillageCheck {
            year: input.year,
            kind: input.kind,
            passed: input.passed,
            checked_on: input.checked_on,
            evidence,
            recorded_by: user.username.clone(),
        };
        put_check(txn, village.id, &check).await?;
        let mut event = Event::new("update", "village_check", village.id).after(&check);
        if let Some(before) = before {
            event = event.before(&check_dto(&before));
        }
        Ok((check, event))
    })
    .await
}
