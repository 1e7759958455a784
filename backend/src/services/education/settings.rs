//! The education settings of a year: the district's living supplement per preschool or
//! compulsory pupil and term (区特惠生活补助, 200 元 in the seed's year), set by the district and
//! paid by every supplement record of the year.

use jingzhun_shared::education::{EducationYearSettingDto, EducationYearSettingInput};
use jingzhun_shared::error::Validator;
use jingzhun_shared::{Capability, Fen};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::actor::CurrentUser;
use crate::entities::education_year_setting as setting;
use crate::error::{AppError, AppResult};
use crate::services::check_year;
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::versioned::{Versioned, update_at_version};

impl Versioned for setting::Entity {
    const ID: setting::Column = setting::Column::Year;
    const VERSION: setting::Column = setting::Column::Version;
}

fn setting_dto(year: i32, row: Option<&setting::Model>) -> EducationYearSettingDto {
    EducationYearSettingDto {
        year,
        supplement_fen: row.map(|s| Fen::new(s.supplement_fen)),
        version: row.map_or(0, |s| s.version),
    }
}

/// The year's supplement, when the year has one.
pub async fn supplement(db: &impl ConnectionTrait, year: i32) -> AppResult<Option<Fen>> {
    Ok(setting::Entity::find_by_id(year).one(db).await?.map(|s| Fen::new(s.supplement_fen)))
}

pub async fn year_setting(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    year: i32,
) -> AppResult<EducationYearSettingDto> {
    user.require(Capability::ReadRegistry)?;
    Ok(setting_dto(year, setting::Entity::find_by_id(year).one(db).await?.as_ref()))
}

/// Sets the year's supplement: the first time without a version, afterwards at the version
/// read. Records already paid keep their amount.
pub async fn set_year_setting(
    db: &impl Db,
    user: &CurrentUser,
    year: i32,
    input: EducationYearSettingInput,
) -> AppResult<EducationYearSettingDto> {
    user.require(Capability::EditFunds)?;
    let mut v = Validator::new();
    check_year(&mut v, year);
    v.check("supplement_fen", input.supplement_fen.positive_amount("生活补助标准"));
    v.finish()?;
    in_txn(db, Some(user), async |txn| {
        let before = setting::Entity::find_by_id(year).one(txn).await?;
        match (&before, input.version) {
            (None, None) => {
                let row = setting::ActiveModel {
                    year: Set(year),
                    supplement_fen: Set(input.supplement_fen.fen()),
                    version: Set(1),
                }
                .insert(txn)
                .await?;
                Ok(created("education_year_setting", year, setting_dto(year, Some(&row))))
            }
            (Some(row), Some(version)) => {
                let update = setting::Entity::update_many()
                    .col_expr(setting::Column::SupplementFen, Expr::value(input.supplement_fen.fen()));
                update_at_version(txn, update, i64::from(year), version).await?;
                let after = setting::Entity::find_by_id(year).one(txn).await?;
                let (before, after) = (setting_dto(year, Some(row)), setting_dto(year, after.as_ref()));
                Ok(updated("education_year_setting", year, &before, after))
            }
            // Created by someone else since it was read, or a version for a year never set.
            _ => Err(AppError::stale()),
        }
    })
    .await
}
