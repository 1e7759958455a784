//! Gifts to campaigns such as Poverty Alleviation Day (10.17 扶贫日): a project claimed (认领,
//! valued in money) or money given (认捐), by an enterprise, an organisation or a person.
//! Recorded by the district; read by everyone who reads pairing records except enterprise
//! accounts, which read their own enterprise's gifts.

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::pairing::{CreateDonation, DonationDto, DonationQuery, GiverKind};
use jingzhun_shared::{Capability, DonationId, EnterpriseId, Fen};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::Reach;
use super::logs::year_bounds;
use crate::actor::CurrentUser;
use crate::entities::{donation, enterprise};
use crate::error::AppResult;
use crate::services::txn::{Db, created, in_txn};
use crate::services::{paginate, required_text, typed_date};

fn to_dto(d: donation::Model) -> DonationDto {
    DonationDto {
        id: DonationId(d.id),
        giver_kind: d.giver_kind,
        enterprise_id: d.enterprise_id.map(EnterpriseId),
        giver_name: d.giver_name,
        campaign: d.campaign,
        kind: d.kind,
        amount_fen: Fen::new(d.amount_fen),
        date: d.date,
    }
}

pub async fn list(db: &impl ConnectionTrait, user: &CurrentUser, query: DonationQuery) -> AppResult<Page<DonationDto>> {
    user.require(Capability::ReadPairing)?;
    let mut select = donation::Entity::find().order_by_desc(donation::Column::Date).order_by_asc(donation::Column::Id);
    if let Reach::Enterprise(own) = Reach::of(db, user).await? {
        select = select.filter(donation::Column::EnterpriseId.eq(own));
    }
    if let Some((from, to)) = query.year.and_then(year_bounds) {
        select = select.filter(donation::Column::Date.between(from, to));
    }
    if let Some(campaign) = query.campaign.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        select = select.filter(donation::Column::Campaign.eq(campaign));
    }
    paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, to_dto).await
}

pub async fn create(db: &impl Db, user: &CurrentUser, input: CreateDonation) -> AppResult<DonationDto> {
    user.require(Capability::ManagePairing)?;
    in_txn(db, Some(user), async |txn| {
        let mut v = Validator::new();
        let campaign = required_text(&mut v, "campaign", &input.campaign, 64, "活动名称");
        v.check("amount_fen", input.amount_fen.positive_amount("金额"));
        typed_date(&mut v, user, "date", input.date);
        let giver = match (input.giver_kind, input.enterprise_id) {
            (GiverKind::Enterprise, Some(id)) => {
                let row = enterprise::Entity::find_by_id(id.0).one(txn).await?;
                if row.is_none() {
                    v.add("enterprise_id", "企业不存在");
                }
                row.map(|e| e.name).unwrap_or_default()
            }
            (GiverKind::Enterprise, None) => {
                v.add("enterprise_id", "请选择捐赠企业");
                String::new()
            }
            (_, Some(_)) => {
                v.add("enterprise_id", "只有企业捐赠可选择企业");
                String::new()
            }
            (_, None) => required_text(&mut v, "giver_name", &input.giver_name, 100, "捐赠者名称"),
        };
        v.finish()?;
        let row = donation::ActiveModel {
            giver_kind: Set(input.giver_kind),
            enterprise_id: Set(input.enterprise_id.map(|e| e.0)),
            giver_name: Set(giver),
            campaign: Set(campaign),
            kind: Set(input.kind),
            amount_fen: Set(input.amount_fen.fen()),
            date: Set(input.date),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = to_dto(row);
        Ok(created("donation", dto.id.0, dto))
    })
    .await
}
