//! The demo villages by year: a profile of the year before the demo year and of the demo year
//! for each village, the exit thresholds of both years (2 %, 5 万元), and for the four villages
//! that exited at the end of the year before their recorded checks and their announced exit.
//! Of the eight remaining poor villages the checks the report tells of are recorded: broadband
//! in all (全光网 in the 12 poor villages) and drinking water in 竦塘村 and 石川村.
//!
//! The rural populations of the poor villages are set after the registry is loaded
//! ([`settle_populations`]), from its own households, so that 贫困发生率 comes out below 0.5 %
//! as the report says of the eight.

use chrono::{NaiveDate, Utc};
use jingzhun_shared::villages::{CheckKind, VillageCheck, VillageExitSetting};
use jingzhun_shared::{ApplicationStatus, Fen};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use crate::entities::{org_unit, village_exit, village_profile};
use crate::error::{AppError, AppResult};
use crate::services::villages::{exit_check, profiles, settings};

/// The demo's exit thresholds, both years: incidence below 2 %, collective income 5 万元.
const SETTING: (i32, Fen) = (200, Fen::new(5_000_000));

/// The demo account that records the checks (区扶贫办).
const RECORDER: &str = "district";

fn day(year: i32, month: u32, d: u32) -> AppResult<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, d).ok_or_else(|| AppError::Internal("demo date".to_owned()))
}

/// The exit thresholds of the year before the demo year and of the demo year.
pub async fn settings(db: &impl ConnectionTrait, demo_year: i32) -> AppResult<()> {
    for year in [demo_year - 1, demo_year] {
        let (max_incidence_bp, min_collective_income_fen) = SETTING;
        settings::put(db, VillageExitSetting { year, max_incidence_bp, min_collective_income_fen }).await?;
    }
    Ok(())
}

/// Village `n`'s profiles of the demo year and the year before; `poor` holds a poor village's
/// collective income of the two years in 万元 × 100. An exited village also gets its checks
/// and announced exit.
pub async fn profiles(
    db: &impl ConnectionTrait,
    demo_year: i32,
    village: &org_unit::Model,
    poor: Option<(i64, i64)>,
    n: usize,
) -> AppResult<()> {
    let population = 900 + (n * 137 % 1900) as i64;
    let other = 3_00 + (n as i64 * 53) % 9_00;
    let (before, now) = poor.unwrap_or((other * 8 / 10, other));
    for (year, income) in [(demo_year - 1, before), (demo_year, now)] {
        profiles::insert(db, village.id, year, poor.is_some(), population, Fen::new(income * 10_000)).await?;
    }
    if poor.is_none() {
        return Ok(());
    }
    match village.exit_year {
        Some(year) => exited(db, village, year).await,
        None => {
            let mut kinds = vec![CheckKind::Broadband];
            if ["竦塘村", "石川村"].contains(&village.name.as_str()) {
                kinds.push(CheckKind::Water);
            }
            for kind in kinds {
                let on = day(demo_year, 9, 20)?;
                check(db, village.id, demo_year, kind, on).await?;
            }
            Ok(())
        }
    }
}

/// The checks and the announced exit of a village that exited at the end of `year`.
async fn exited(db: &impl ConnectionTrait, village: &org_unit::Model, year: i32) -> AppResult<()> {
    for (k, kind) in CheckKind::ALL.iter().enumerate() {
        check(db, village.id, year, *kind, day(year, 10, 10 + k as u32)?).await?;
    }
    village_exit::ActiveModel {
        org_unit_id: Set(village.id),
        year: Set(year),
        status: Set(ApplicationStatus::Approved),
        applied_on: Set(day(year, 11, 1)?),
        applied_by: Set("township".to_owned()),
        notice_start: Set(Some(day(year, 11, 5)?)),
        notice_end: Set(Some(day(year, 11, 12)?)),
        announced_on: Set(Some(day(year, 12, 20)?)),
        announced_by: Set(Some(RECORDER.to_owned())),
        reason: Set(None),
        version: Set(1),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn check(db: &impl ConnectionTrait, village_id: i64, year: i32, kind: CheckKind, on: NaiveDate) -> AppResult<()> {
    let evidence = match kind {
        CheckKind::Road => "通村道路硬化验收记录",
        CheckKind::Water => "安全饮水工程验收，入户水质检测合格",
        CheckKind::Clinic => "标准化村卫生室验收，配备乡村医生",
        CheckKind::Broadband => "4G 与光纤网络覆盖，运营商确认",
    };
    let check = VillageCheck {
        year,
        kind,
        passed: true,
        checked_on: on,
        evidence: evidence.to_owned(),
        recorded_by: RECORDER.to_owned(),
    };
    settings::put_check(db, village_id, &check).await?;
    Ok(())
}

/// After the demo registry: each poor village's rural population in its profiles is raised,
/// where needed, so that its remaining poor people make 30–48 bp (below 0.5 %). One
/// transaction, no audit event (the system's own loader).
pub async fn settle_populations(db: &DatabaseConnection) -> AppResult<()> {
    let txn = db.begin().await?;
    let mut poor: Vec<village_profile::Model> = village_profile::Entity::find()
        .filter(village_profile::Column::IsPoorVillage.eq(true))
        .order_by_desc(village_profile::Column::Year)
        .all(&txn)
        .await?;
    // One row per village: its newest poor-list profile.
    poor.sort_by_key(|p| p.org_unit_id);
    poor.dedup_by_key(|p| p.org_unit_id);
    let people = exit_check::poor_people(&txn, poor.iter().map(|p| p.org_unit_id).collect()).await?;
    for (n, profile) in poor.iter().enumerate() {
        let target = 30 + (n as u64 * 7) % 19;
        let count = people.get(&profile.org_unit_id).copied().unwrap_or(0);
        let needed = i64::try_from(count * 10_000 / target + 1).unwrap_or(i64::MAX);
        village_profile::Entity::update_many()
            .col_expr(village_profile::Column::RuralPopulation, Expr::value(needed.max(profile.rural_population)))
            .filter(village_profile::Column::OrgUnitId.eq(profile.org_unit_id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// After the demo funds: the seed's village incomes ("到账") are totals, the villages' PV income
/// included, so each profile of the demo year keeps what the PV stations did not bring in; the
/// collective income the system computes (profile + PV credited) is then the seed's figure.
pub async fn settle_incomes(db: &DatabaseConnection, demo_year: i32) -> AppResult<()> {
    let txn = db.begin().await?;
    let profiles =
        village_profile::Entity::find().filter(village_profile::Column::Year.eq(demo_year)).all(&txn).await?;
    for profile in profiles {
        let pv =
            crate::services::industry::pv_income::credited_to_village(&txn, profile.org_unit_id, demo_year).await?;
        if pv.fen() == 0 {
            continue;
        }
        let rest = (profile.collective_income_fen - pv.fen()).max(0);
        village_profile::Entity::update_many()
            .col_expr(village_profile::Column::CollectiveIncomeFen, Expr::value(rest))
            .filter(village_profile::Column::Id.eq(profile.id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}
