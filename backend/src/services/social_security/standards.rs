//! The year's standards per person (低保, 五保 concentrated and dispersed) and the
//! temporary-assistance threshold and uplift, set by the district like the poverty line.

use jingzhun_shared::error::Validator;
use jingzhun_shared::social_security::{SocialStandardDto, SocialStandardInput};
use jingzhun_shared::{Capability, Fen};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::actor::CurrentUser;
use crate::entities::social_standard;
use crate::error::{AppError, AppResult};
use crate::services::check_year;
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::versioned::{Versioned, update_at_version};

impl Versioned for social_standard::Entity {
    const ID: social_standard::Column = social_standard::Column::Year;
    const VERSION: social_standard::Column = social_standard::Column::Version;
}

/// The year's standards as the wire shows them; all nothing (version 0) while unset.
pub fn standard_dto(year: i32, row: Option<&social_standard::Model>) -> SocialStandardDto {
    match row {
        None => SocialStandardDto { year, ..Default::default() },
        Some(s) => SocialStandardDto {
            year,
            dibao_fen: Fen::new(s.dibao_fen),
            wubao_concentrated_fen: Fen::new(s.wubao_concentrated_fen),
            wubao_dispersed_fen: Fen::new(s.wubao_dispersed_fen),
            temporary_threshold_fen: Fen::new(s.temporary_threshold_fen),
            temporary_uplift_bp: s.temporary_uplift_bp,
            version: s.version,
        },
    }
}

/// The year's standards.
pub async fn standard(db: &impl ConnectionTrait, user: &CurrentUser, year: i32) -> AppResult<SocialStandardDto> {
    user.require(Capability::ReadRegistry)?;
    Ok(standard_dto(year, social_standard::Entity::find_by_id(year).one(db).await?.as_ref()))
}

fn check_input(v: &mut Validator, year: i32, input: &SocialStandardInput) {
    check_year(v, year);
    v.check("dibao_fen", input.dibao_fen.positive_amount("低保标准"));
    v.check("wubao_concentrated_fen", input.wubao_concentrated_fen.positive_amount("五保集中供养标准"));
    v.check("wubao_dispersed_fen", input.wubao_dispersed_fen.positive_amount("五保分散供养标准"));
    v.check("temporary_threshold_fen", input.temporary_threshold_fen.amount("临时救助起付线"));
    if !(0..=10_000).contains(&input.temporary_uplift_bp) {
        v.add("temporary_uplift_bp", "救助比例提高幅度须在 0 到 100% 之间");
    }
}

/// Sets the year's standards: the first time without a version, afterwards at the version
/// read.
pub async fn set_standard(
    db: &impl Db,
    user: &CurrentUser,
    year: i32,
    input: SocialStandardInput,
) -> AppResult<SocialStandardDto> {
    user.require(Capability::SetPovertyLine)?;
    let mut v = Validator::new();
    check_input(&mut v, year, &input);
    v.finish()?;
    in_txn(db, Some(user), async |txn| {
        let before = social_standard::Entity::find_by_id(year).one(txn).await?;
        match (&before, input.version) {
            (None, None) => {
                let row = social_standard::ActiveModel {
                    year: Set(year),
                    dibao_fen: Set(input.dibao_fen.fen()),
                    wubao_concentrated_fen: Set(input.wubao_concentrated_fen.fen()),
                    wubao_dispersed_fen: Set(input.wubao_dispersed_fen.fen()),
                    temporary_threshold_fen: Set(input.temporary_threshold_fen.fen()),
                    temporary_uplift_bp: Set(input.temporary_uplift_bp),
                    version: Set(1),
                }
                .insert(txn)
                .await?;
                Ok(created("social_standard", year, standard_dto(year, Some(&row))))
            }
            (Some(row), Some(version)) => {
                let update = social_standard::Entity::update_many()
                    .col_expr(social_standard::Column::DibaoFen, Expr::value(input.dibao_fen.fen()))
                    .col_expr(
                        social_standard::Column::WubaoConcentratedFen,
                        Expr::value(input.wubao_concentrated_fen.fen()),
                    )
                    .col_expr(social_standard::Column::WubaoDispersedFen, Expr::value(input.wubao_dispersed_fen.fen()))
                    .col_expr(
                        social_standard::Column::TemporaryThresholdFen,
                        Expr::value(input.temporary_threshold_fen.fen()),
                    )
                    .col_expr(social_standard::Column::TemporaryUpliftBp, Expr::value(input.temporary_uplift_bp));
                update_at_version(txn, update, i64::from(year), version).await?;
                let after = social_standard::Entity::find_by_id(year).one(txn).await?;
                Ok(updated("social_standard", year, &standard_dto(year, Some(row)), standard_dto(year, after.as_ref())))
            }
            // Set by someone else since it was read, or a version for a year never set.
            _ => Err(AppError::stale()),
        }
    })
    .await
}
