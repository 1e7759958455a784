//! The transport subsidy of migrant workers (交通补助): once per member and year, and only for a
//! member with a migrant job held in that year.

use chrono::{NaiveDate, Utc};
use jingzhun_shared::employment::{EmploymentKind, LabourQuery, TransportSubsidyDto, TransportSubsidyInput};
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::Page;
use jingzhun_shared::{Capability, Fen, HouseholdId, MemberId, TransportSubsidyId};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
};

use super::jobs::year_span;
use super::{Columns, listed};
use crate::actor::CurrentUser;
use crate::entities::{employment, member, transport_subsidy};
use crate::error::{AppError, AppResult};
use crate::services::registry::record_members::{Placed, delete_record, member_field};
use crate::services::txn::{Db, created, in_txn};
use crate::services::{by_ids, with_items};

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

/// Every problem of a subsidy's fields that needs no lookup.
pub(super) fn check_fields(v: &mut dyn FnMut(&'static str, String), input: &TransportSubsidyInput, today: NaiveDate) {
    if !(2000..=2100).contains(&input.year) {
        v("year", "年度须在 2000 到 2100 之间".to_owned());
    }
    if let Some(message) = jingzhun_shared::dates::typed_date_error(input.paid_on, today) {
        v("paid_on", message);
    }
    if let Err(message) = input.amount_fen.positive_amount("交通补助") {
        v("amount_fen", message);
    }
}

/// Why a member cannot have the subsidy of `year`: no migrant job that year, or paid already.
pub(super) fn refusal_messages(year: i32, migrant: bool, paid: bool) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    if !migrant {
        problems.push(("member_id", format!("该成员 {year} 年没有外出务工记录，不能享受交通补助")));
    }
    if paid {
        problems.push(("year", format!("该成员 {year} 年已领取交通补助")));
    }
    problems
}

/// Which of `members` held a migrant job at some day of `year` and which were paid that year,
/// in two look-ups for any number of members.
pub(super) async fn standing(
    db: &impl ConnectionTrait,
    members: &[i64],
    year: i32,
) -> AppResult<(std::collections::HashSet<i64>, std::collections::HashSet<i64>)> {
    let (mut migrant, mut paid) = (std::collections::HashSet::new(), std::collections::HashSet::new());
    let Ok((from, to)) = year_span(year) else { return Ok((migrant, paid)) };
    for chunk in members.chunks(1_000) {
        use employment::Column as C;
        let jobs: Vec<i64> = employment::Entity::find()
            .select_only()
            .column(C::MemberId)
            .filter(C::MemberId.is_in(chunk.to_vec()))
            .filter(C::Kind.eq(EmploymentKind::MigrantJob))
            .filter(C::Since.lte(to))
            .filter(C::Until.is_null().or(C::Until.gte(from)))
            .into_tuple()
            .all(db)
            .await?;
        migrant.extend(jobs);
        let subsidies: Vec<i64> = transport_subsidy::Entity::find()
            .select_only()
            .column(transport_subsidy::Column::MemberId)
            .filter(transport_subsidy::Column::MemberId.is_in(chunk.to_vec()))
            .filter(transport_subsidy::Column::Year.eq(year))
            .into_tuple()
            .all(db)
            .await?;
        paid.extend(subsidies);
    }
    Ok((migrant, paid))
}

/// Why `member` cannot have the subsidy of `year` (none when it can).
pub(super) async fn refusals(
    db: &impl ConnectionTrait,
    member: i64,
    year: i32,
) -> AppResult<Vec<(&'static str, String)>> {
    let (migrant, paid) = standing(db, &[member], year).await?;
    Ok(refusal_messages(year, migrant.contains(&member), paid.contains(&member)))
}

/// A new row for `placed` carrying `input`.
pub fn new_row(placed: &Placed, input: &TransportSubsidyInput) -> transport_subsidy::ActiveModel {
    let (m, h) = placed;
    transport_subsidy::ActiveModel {
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
        check_fields(&mut |field, message| v.add(field, message), &input, user.today);
        if let Some((m, _)) = &placed {
            for (field, message) in refusals(txn, m.id, input.year).await? {
                v.add(field, message);
            }
        }
        v.finish()?;
        let placed = placed.ok_or_else(|| AppError::Internal("subsidy checked without a member".to_owned()))?;
        let row = new_row(&placed, &input).insert(txn).await?;
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
