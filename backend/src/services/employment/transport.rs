//! The transport subsidy of migrant workers (交通补助): once per member and year, and only for a
//! member with a migrant job held in that year.

use chrono::Utc;
use jingzhun_shared::employment::{EmploymentKind, LabourQuery, TransportSubsidyDto, TransportSubsidyInput};
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::Page;
use jingzhun_shared::{Capability, Fen, HouseholdId, MemberId, TransportSubsidyId};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

use super::jobs::year_span;
use super::{Columns, listed};
use crate::actor::CurrentUser;
use crate::entities::{employment, member, transport_subsidy};
use crate::error::{AppError, AppResult};
use crate::services::registry::record_members::{delete_record, member_field};
use crate::services::txn::{Db, created, in_txn};
use crate::services::{by_ids, check_year, typed_date, with_items};

async fn dtos(db: &impl ConnectionTrait, rows: &[transport_subsidy::Model]) -> AppResult<Vec<TransportSubsidyDto>> {
    let members = by_ids::<member::Entity>(db, rows.iter().map(|r| r.member_id).collect(), |m| m.id).await?;
    Ok(rows
        .iter()
        .map(|r| TransportSubsidyDto {
            id: TransportSubsidyId(r.id),
            member_id: MemberId(r.member_id),
            member_name: members.get(&r.member_id).map(|m| m.name.clone()).unwrap_or_default(),
            household_id: HouseholdId(r.household_id),
            year: r.year,
            amount_fen: Fen::new(r.amount_fen),
            paid_on: r.paid_on,
        })
        .collect())
}

pub async fn subsidies(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: LabourQuery,
) -> AppResult<Page<TransportSubsidyDto>> {
    use transport_subsidy::Column as C;
    let columns = Columns { id: C::Id, path: C::OrgPath, household: C::HouseholdId, member: C::MemberId };
    let page = listed::<transport_subsidy::Entity>(db, user, &query, columns, |s, year| Ok(s.filter(C::Year.eq(year))))
        .await?;
    let items = dtos(db, &page.items).await?;
    Ok(with_items(page, items))
}

/// Pays a migrant worker's subsidy of a year; every problem in one 422.
pub async fn create_subsidy(
    db: &impl Db,
    user: &CurrentUser,
    input: TransportSubsidyInput,
) -> AppResult<TransportSubsidyDto> {
    user.require(Capability::EditRegistry)?;
    in_txn(db, Some(user), async |txn| {
        let mut v = Validator::new();
        let placed = member_field(txn, user, &mut v, "member_id", input.member_id).await?;
        check_year(&mut v, input.year);
        typed_date(&mut v, user, "paid_on", input.paid_on);
        v.check("amount_fen", input.amount_fen.positive_amount("交通补助"));
        if let (Some((m, _)), Ok((from, to))) = (&placed, year_span(input.year)) {
            use employment::Column as C;
            let migrant = employment::Entity::find()
                .filter(C::MemberId.eq(m.id))
                .filter(C::Kind.eq(EmploymentKind::MigrantJob))
                .filter(C::Since.lte(to))
                .filter(C::Until.is_null().or(C::Until.gte(from)))
                .count(txn)
                .await?;
            if migrant == 0 {
                v.add("member_id", format!("该成员 {} 年没有外出务工记录，不能享受交通补助", input.year));
            }
            let paid = transport_subsidy::Entity::find()
                .filter(transport_subsidy::Column::MemberId.eq(m.id))
                .filter(transport_subsidy::Column::Year.eq(input.year))
                .count(txn)
                .await?;
            if paid > 0 {
                v.add("year", format!("该成员 {} 年已领取交通补助", input.year));
            }
        }
        v.finish()?;
        let (m, h) = placed.ok_or_else(|| AppError::Internal("subsidy checked without a member".to_owned()))?;
        let row = transport_subsidy::ActiveModel {
            member_id: Set(m.id),
            household_id: Set(h.id),
            village_id: Set(h.village_id),
            township_id: Set(h.township_id),
            org_path: Set(h.org_path.clone()),
            year: Set(input.year),
            amount_fen: Set(input.amount_fen.fen()),
            paid_on: Set(input.paid_on),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = dtos(txn, std::slice::from_ref(&row)).await?.pop().ok_or(AppError::NotFound)?;
        Ok(created("transport_subsidy", row.id, dto))
    })
    .await
}

pub async fn delete_subsidy(db: &impl Db, user: &CurrentUser, id: TransportSubsidyId) -> AppResult<()> {
    let dto = async |txn: &sea_orm::DatabaseTransaction, row: &transport_subsidy::Model| {
        dtos(txn, std::slice::from_ref(row)).await
    };
    delete_record::<transport_subsidy::Entity, _>(db, user, "transport_subsidy", id.0, |r| &r.org_path, dto).await
}
