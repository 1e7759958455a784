//! The industry settings of a year: the cap per household across all menu items, which an
//! admin or district official sets and every subsidy of the year is held to.

use jingzhun_shared::error::Validator;
use jingzhun_shared::industry::{IndustryYearSettingDto, IndustryYearSettingInput};
use jingzhun_shared::{Capability, Fen};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::actor::CurrentUser;
use crate::entities::industry_year_setting;
use crate::error::{AppError, AppResult};
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::versioned::{Versioned, update_at_version};

impl Versioned for industry_year_setting::Entity {
    const ID: industry_year_setting::Column = industry_year_setting::Column::Year;
    const VERSION: industry_year_setting::Column = industry_year_setting::Column::Version;
}

fn setting_dto(year: i32, row: Option<&industry_year_setting::Model>) -> IndustryYearSettingDto {
    IndustryYearSettingDto {
        year,
        household_cap_fen: row.map(|s| Fen::new(s.household_cap_fen)),
        version: row.map_or(0, |s| s.version),
    }
}

/// The cap per household across all items in `year`, when the year has one.
pub async fn household_cap(db: &impl ConnectionTrait, year: i32) -> AppResult<Option<Fen>> {
    Ok(industry_year_setting::Entity::find_by_id(year).one(db).await?.map(|s| Fen::new(s.household_cap_fen)))
}

pub async fn year_setting(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    year: i32,
) -> AppResult<IndustryYearSettingDto> {
    user.require(Capability::ReadFunds)?;
    Ok(setting_dto(year, industry_year_setting::Entity::find_by_id(year).one(db).await?.as_ref()))
}

/// Sets the year's cap: the first time without a version, afterwards at the version read.
/// Lowering it below what a household already had is allowed (earlier subsidies stand; the
/// household gets nothing more that year).
pub async fn set_year_setting(
    db: &impl Db,
    user: &CurrentUser,
    year: i32,
    input: IndustryYearSettingInput,
) -> AppResult<IndustryYearSettingDto> {
    user.require(Capability::EditFunds)?;
    let mut v = Validator::new();
    if !(2000..=2100).contains(&year) {
        v.add("year", "年份不合理");
    }
    v.check("household_cap_fen", input.household_cap_fen.positive_amount("每户每年补助上限"));
    v.finish()?;
    in_txn(db, Some(user), async |txn| {
        let before = industry_year_setting::Entity::find_by_id(year).one(txn).await?;
        match (&before, input.version) {
            (None, None) => {
                let row = industry_year_setting::ActiveModel {
                    year: Set(year),
                    household_cap_fen: Set(input.household_cap_fen.fen()),
                    version: Set(1),
                }
                .insert(txn)
                .await?;
                Ok(created("industry_year_setting", year, setting_dto(year, Some(&row))))
            }
            (Some(row), Some(version)) => {
                let update = industry_year_setting::Entity::update_many().col_expr(
                    industry_year_setting::Column::HouseholdCapFen,
                    Expr::value(input.household_cap_fen.fen()),
                );
                update_at_version(txn, update, i64::from(year), version).await?;
                let after = industry_year_setting::Entity::find_by_id(year).one(txn).await?;
                Ok(updated(
                    "industry_year_setting",
                    year,
                    &setting_dto(year, Some(row)),
                    setting_dto(year, after.as_ref()),
                ))
            }
            // Created by someone else since it was read, or a version for a year never set.
            _ => Err(AppError::stale()),
        }
    })
    .await
}
