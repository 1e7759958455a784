//! Asset-income investments (资产收益): money invested in an industry on behalf of households,
//! with the households that share the income.

use jingzhun_shared::error::Validator;
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::industry::{AssetInvestmentDto, AssetInvestmentInput};
use jingzhun_shared::{Capability, Fen, HouseholdId};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::placed::{self, Placed, placed_basics};
use super::{households_field, under};
use crate::actor::CurrentUser;
use crate::entities::{asset_investment, asset_investment_household};
use crate::error::AppResult;
use crate::services::org::org_units;
use crate::services::txn::Db;
use crate::services::{check_year, required_text};

/// The asset investment record type.
struct Assets;

impl Placed for Assets {
    placed_basics!(asset_investment);
    type Link = asset_investment_household::Entity;
    type Input = AssetInvestmentInput;
    /// The name and the sector.
    type Fields = (String, String);
    type Dto = AssetInvestmentDto;

    const AUDIT: &'static str = "asset_investment";
    const LINK_OWNER: asset_investment_household::Column = asset_investment_household::Column::InvestmentId;
    const LINKED: asset_investment_household::Column = asset_investment_household::Column::HouseholdId;

    fn check_fields(v: &mut Validator, _user: &CurrentUser, input: &Self::Input) -> (String, String) {
        check_year(v, input.year);
        let name = required_text(v, "name", &input.name, jingzhun_shared::text::NAME_MAX, "名称");
        let sector = required_text(v, "sector", &input.sector, 32, "投向产业");
        v.check("amount_fen", input.amount_fen.positive_amount("金额"));
        (name, sector)
    }

    async fn check_links(
        db: &impl ConnectionTrait,
        user: &CurrentUser,
        v: &mut Validator,
        input: &Self::Input,
    ) -> AppResult<Vec<i64>> {
        households_field(db, user, v, &input.household_ids).await
    }

    fn fill(row: &mut Self::Row, (name, sector): (String, String), input: &Self::Input) {
        row.year = Set(input.year);
        row.name = Set(name);
        row.sector = Set(sector);
        row.amount_fen = Set(input.amount_fen.fen());
    }

    /// With their beneficiaries, in three queries whatever the number of rows.
    async fn dtos(db: &impl ConnectionTrait, rows: &[Self::Model]) -> AppResult<Vec<AssetInvestmentDto>> {
        let households = placed::links::<Self>(db, rows.iter().map(|a| a.id).collect()).await?;
        let units = org_units::by_ids(db, rows.iter().map(|a| a.org_unit_id).collect()).await?;
        Ok(rows
            .iter()
            .map(|a| AssetInvestmentDto {
                id: a.id,
                year: a.year,
                name: a.name.clone(),
                sector: a.sector.clone(),
                org_unit: org_units::unit_ref(&units, a.org_unit_id),
                amount_fen: Fen::new(a.amount_fen),
                household_ids: households.get(&a.id).into_iter().flatten().map(|h| HouseholdId(*h)).collect(),
                version: a.version,
            })
            .collect())
    }
}

pub async fn assets(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: RatesQuery,
) -> AppResult<Vec<AssetInvestmentDto>> {
    user.require(Capability::ReadFunds)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let rows = asset_investment::Entity::find()
        .filter(under(asset_investment::Column::OrgPath, &unit))
        .filter(asset_investment::Column::Year.eq(query.year))
        .order_by_asc(asset_investment::Column::Id)
        .all(db)
        .await?;
    Assets::dtos(db, &rows).await
}

/// Creates (`id` none) or replaces an asset-income investment with its beneficiaries.
pub async fn save_asset(
    db: &impl Db,
    user: &CurrentUser,
    id: Option<i64>,
    input: AssetInvestmentInput,
) -> AppResult<AssetInvestmentDto> {
    placed::save::<Assets>(db, user, id, input).await
}
