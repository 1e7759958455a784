//! A year's warning settings: the medical amount and income share, the income fall, the rules
//! switched off. A year without settings runs on the defaults of [`default_settings`].

use jingzhun_shared::error::Validator;
use jingzhun_shared::warnings::{WarningRule, WarningSettings, WarningSettingsInput, default_settings};
use jingzhun_shared::{Capability, Fen, StringEnum};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::actor::CurrentUser;
use crate::entities::warning_setting;
use crate::error::{AppError, AppResult};
use crate::services::check_year;
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::versioned::{Versioned, update_at_version};

impl Versioned for warning_setting::Entity {
    const ID: warning_setting::Column = warning_setting::Column::Year;
    const VERSION: warning_setting::Column = warning_setting::Column::Version;
}

fn dto(year: i32, row: Option<warning_setting::Model>) -> WarningSettings {
    match row {
        None => default_settings(year),
        Some(row) => WarningSettings {
            year,
            medical_cost_fen: Fen::new(row.medical_cost_fen),
            medical_income_share_bp: row.medical_income_share_bp,
            income_fall_bp: row.income_fall_bp,
            disabled_rules: row.disabled_rules.split(',').filter_map(WarningRule::from_wire).collect(),
            version: row.version,
        },
    }
}

fn words(rules: &[WarningRule]) -> String {
    WarningRule::ALL.iter().filter(|r| rules.contains(r)).map(|r| r.as_str()).collect::<Vec<_>>().join(",")
}

/// The settings the rules of `year` run on.
pub async fn of_year(db: &impl ConnectionTrait, year: i32) -> AppResult<WarningSettings> {
    Ok(dto(year, warning_setting::Entity::find_by_id(year).one(db).await?))
}

pub async fn settings(db: &impl ConnectionTrait, user: &CurrentUser, year: i32) -> AppResult<WarningSettings> {
    user.require(Capability::ReadWarnings)?;
    let mut v = Validator::new();
    check_year(&mut v, year);
    v.finish()?;
    of_year(db, year).await
}

/// Sets the year's settings: the first time at version 0, afterwards at the version read.
pub async fn set_settings(
    db: &impl Db,
    user: &CurrentUser,
    year: i32,
    input: WarningSettingsInput,
) -> AppResult<WarningSettings> {
    user.require(Capability::RunWarnings)?;
    let mut v = Validator::new();
    check_year(&mut v, year);
    v.check("medical_cost_fen", input.medical_cost_fen.positive_amount("大额医疗支出标准"));
    for (field, bp) in
        [("medical_income_share_bp", input.medical_income_share_bp), ("income_fall_bp", input.income_fall_bp)]
    {
        if !(1..=10_000).contains(&bp) {
            v.add(field, "比例须在 0.01% 到 100% 之间");
        }
    }
    v.finish()?;
    in_txn(db, Some(user), async |txn| {
        let before = warning_setting::Entity::find_by_id(year).one(txn).await?;
        let disabled = words(&input.disabled_rules);
        match (before, input.version) {
            (None, 0) => {
                let row = warning_setting::ActiveModel {
                    year: Set(year),
                    medical_cost_fen: Set(input.medical_cost_fen.fen()),
                    medical_income_share_bp: Set(input.medical_income_share_bp),
                    income_fall_bp: Set(input.income_fall_bp),
                    disabled_rules: Set(disabled),
                    version: Set(1),
                }
                .insert(txn)
                .await?;
                Ok(created("warning_setting", year, dto(year, Some(row))))
            }
            (Some(row), version) if version > 0 => {
                let update = warning_setting::Entity::update_many()
                    .col_expr(warning_setting::Column::MedicalCostFen, Expr::value(input.medical_cost_fen.fen()))
                    .col_expr(warning_setting::Column::MedicalIncomeShareBp, Expr::value(input.medical_income_share_bp))
                    .col_expr(warning_setting::Column::IncomeFallBp, Expr::value(input.income_fall_bp))
                    .col_expr(warning_setting::Column::DisabledRules, Expr::value(disabled));
                update_at_version(txn, update, i64::from(year), version).await?;
                let after = warning_setting::Entity::find_by_id(year).one(txn).await?;
                Ok(updated("warning_setting", year, &dto(year, Some(row)), dto(year, after)))
            }
            _ => Err(AppError::stale()),
        }
    })
    .await
}
