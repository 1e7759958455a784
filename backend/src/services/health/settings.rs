//! A year's health settings: the "351" caps per hospital level (never lower at a higher level)
//! and the "180" rate and yearly cap. Claims of a year without settings are refused: the rules
//! are never constants in code.

use jingzhun_shared::error::Validator;
use jingzhun_shared::health::{HealthRules, HealthSettingsDto, HealthSettingsInput};
use jingzhun_shared::{Capability, Fen};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::actor::CurrentUser;
use crate::entities::health_setting;
use crate::error::{AppError, AppResult};
use crate::services::check_year;
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::versioned::{Versioned, update_at_version};

impl Versioned for health_setting::Entity {
    const ID: health_setting::Column = health_setting::Column::Year;
    const VERSION: health_setting::Column = health_setting::Column::Version;
}

fn input_of(row: &health_setting::Model) -> HealthSettingsInput {
    HealthSettingsInput {
        township_cap_fen: Fen::new(row.township_cap_fen),
        county_cap_fen: Fen::new(row.county_cap_fen),
        city_cap_fen: Fen::new(row.city_cap_fen),
        province_cap_fen: Fen::new(row.province_cap_fen),
        out_of_province_cap_fen: Fen::new(row.out_of_province_cap_fen),
        supplement_rate_bp: row.supplement_rate_bp,
        supplement_cap_fen: Fen::new(row.supplement_cap_fen),
        version: None,
    }
}

fn settings_dto(year: i32, row: Option<&health_setting::Model>) -> HealthSettingsDto {
    HealthSettingsDto { year, settings: row.map(input_of), version: row.map_or(0, |r| r.version) }
}

/// Why a claim of `year` cannot be settled yet.
pub fn no_settings(year: i32) -> String {
    format!("{year} 年尚未设置健康扶贫政策参数（“351”封顶线、“180”比例）")
}

/// The engine's rules for `year`, when the year has settings.
pub async fn rules_of(db: &impl ConnectionTrait, year: i32) -> AppResult<Option<HealthRules>> {
    Ok(health_setting::Entity::find_by_id(year).one(db).await?.map(|row| input_of(&row).rules()))
}

/// The engine's rules for `year`, or a 422 on `discharged_on` when the year has no settings.
pub async fn rules(db: &impl ConnectionTrait, year: i32) -> AppResult<HealthRules> {
    rules_of(db, year).await?.ok_or_else(|| AppError::field("discharged_on", no_settings(year)))
}

pub async fn settings(db: &impl ConnectionTrait, user: &CurrentUser, year: i32) -> AppResult<HealthSettingsDto> {
    user.require(Capability::ReadHealthFigures)?;
    Ok(settings_dto(year, health_setting::Entity::find_by_id(year).one(db).await?.as_ref()))
}

fn check(v: &mut Validator, year: i32, input: &HealthSettingsInput) {
    check_year(v, year);
    let caps = [
        ("township_cap_fen", input.township_cap_fen),
        ("county_cap_fen", input.county_cap_fen),
        ("city_cap_fen", input.city_cap_fen),
        ("province_cap_fen", input.province_cap_fen),
        ("out_of_province_cap_fen", input.out_of_province_cap_fen),
    ];
    for (field, cap) in caps {
        v.check(field, cap.positive_amount("封顶线"));
    }
    for pair in caps.windows(2) {
        if let [(_, lower), (field, higher)] = pair
            && higher < lower
        {
            v.add(field, "高级别医院的封顶线不能低于低级别医院");
        }
    }
    if !(0..=10_000).contains(&input.supplement_rate_bp) {
        v.add("supplement_rate_bp", "补充比例须在 0 到 100% 之间");
    }
    v.check("supplement_cap_fen", input.supplement_cap_fen.amount("“180”年度补充上限"));
}

fn row_of(year: i32, input: &HealthSettingsInput) -> health_setting::ActiveModel {
    health_setting::ActiveModel {
        year: Set(year),
        township_cap_fen: Set(input.township_cap_fen.fen()),
        county_cap_fen: Set(input.county_cap_fen.fen()),
        city_cap_fen: Set(input.city_cap_fen.fen()),
        province_cap_fen: Set(input.province_cap_fen.fen()),
        out_of_province_cap_fen: Set(input.out_of_province_cap_fen.fen()),
        supplement_rate_bp: Set(input.supplement_rate_bp),
        supplement_cap_fen: Set(input.supplement_cap_fen.fen()),
        version: Set(1),
    }
}

/// Sets the year's settings: the first time without a version, afterwards at the version read.
/// Claims already settled keep their figures until they or an earlier claim change.
pub async fn set_settings(
    db: &impl Db,
    user: &CurrentUser,
    year: i32,
    input: HealthSettingsInput,
) -> AppResult<HealthSettingsDto> {
    user.require(Capability::EditHealth)?;
    let mut v = Validator::new();
    check(&mut v, year, &input);
    v.finish()?;
    in_txn(db, Some(user), async |txn| {
        let before = health_setting::Entity::find_by_id(year).one(txn).await?;
        match (&before, input.version) {
            (None, None) => {
                let row = row_of(year, &input).insert(txn).await?;
                Ok(created("health_setting", year, settings_dto(year, Some(&row))))
            }
            (Some(row), Some(version)) => {
                let mut update = health_setting::Entity::update_many();
                for (column, value) in [
                    (health_setting::Column::TownshipCapFen, input.township_cap_fen.fen()),
                    (health_setting::Column::CountyCapFen, input.county_cap_fen.fen()),
                    (health_setting::Column::CityCapFen, input.city_cap_fen.fen()),
                    (health_setting::Column::ProvinceCapFen, input.province_cap_fen.fen()),
                    (health_setting::Column::OutOfProvinceCapFen, input.out_of_province_cap_fen.fen()),
                    (health_setting::Column::SupplementRateBp, input.supplement_rate_bp),
                    (health_setting::Column::SupplementCapFen, input.supplement_cap_fen.fen()),
                ] {
                    update = update.col_expr(column, Expr::value(value));
                }
                update_at_version(txn, update, i64::from(year), version).await?;
                let after = health_setting::Entity::find_by_id(year).one(txn).await?;
                Ok(updated("health_setting", year, &settings_dto(year, Some(row)), settings_dto(year, after.as_ref())))
            }
            _ => Err(AppError::stale()),
        }
    })
    .await
}
