//! Disaster reports (灾情报告): a clerk enters the disaster a household of their village suffered
//! with the day and the loss; the `disaster` rule warns the household for that year.

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::warnings::{DisasterReportDto, DisasterReportInput, DisasterReportQuery};
use jingzhun_shared::{Capability, Fen, HouseholdId};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{app_user, disaster_report, household};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::registry::households;
use crate::services::txn::{Db, created, in_txn};
use crate::services::{NOTE_MAX, by_ids, found, paginate, required_text, typed_date, with_items};

async fn dtos(db: &impl ConnectionTrait, rows: &[disaster_report::Model]) -> AppResult<Vec<DisasterReportDto>> {
    let households = by_ids::<household::Entity>(db, rows.iter().map(|r| r.household_id).collect(), |h| h.id).await?;
    let villages = org_units::by_ids(db, rows.iter().map(|r| r.village_id).collect()).await?;
    Ok(rows
        .iter()
        .map(|r| DisasterReportDto {
            id: r.id,
            household_id: HouseholdId(r.household_id),
            household_number: households.get(&r.household_id).map(|h| h.number.clone()).unwrap_or_default(),
            village_name: villages.get(&r.village_id).map(|v| v.name.clone()).unwrap_or_default(),
            reported_on: r.reported_on,
            description: r.description.clone(),
            loss_fen: Fen::new(r.loss_fen),
            reported_by: r.reported_by_name.clone(),
        })
        .collect())
}

/// Reports in the caller's subtree (a cadre: of its own households), the newest first.
pub async fn disaster_reports(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: DisasterReportQuery,
) -> AppResult<Page<DisasterReportDto>> {
    user.require(Capability::ReadWarnings)?;
    let mut select = disaster_report::Entity::find();
    if let Some(own) = crate::services::registry::cadre_reach::own_households(db, user).await? {
        select = select.filter(disaster_report::Column::HouseholdId.in_subquery(own));
    } else {
        let unit = org_units::scope_unit(db, user, query.org_unit).await?;
        select = select.filter(disaster_report::Column::OrgPath.starts_with(&unit.path));
    }
    if let Some(year) = query.year {
        let (first, last) =
            (chrono::NaiveDate::from_ymd_opt(year, 1, 1), chrono::NaiveDate::from_ymd_opt(year, 12, 31));
        let (Some(first), Some(last)) = (first, last) else { return Err(AppError::field("year", "年度不合理")) };
        select = select.filter(disaster_report::Column::ReportedOn.between(first, last));
    }
    if let Some(h) = query.household_id {
        select = select.filter(disaster_report::Column::HouseholdId.eq(h.0));
    }
    let select = select.order_by_desc(disaster_report::Column::ReportedOn).order_by_desc(disaster_report::Column::Id);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |r| r).await?;
    let items = dtos(db, &page.items).await?;
    Ok(with_items(page, items))
}

/// Enters a disaster report for a household in the caller's subtree (a cadre: its own).
pub async fn create_disaster_report(
    db: &impl Db,
    user: &CurrentUser,
    input: DisasterReportInput,
) -> AppResult<DisasterReportDto> {
    user.require(Capability::CheckWarnings)?;
    let mut v = Validator::new();
    let household =
        found(&mut v, "household_id", "所选农户不存在", households::find_card(db, user, input.household_id).await)?;
    typed_date(&mut v, user, "reported_on", input.reported_on);
    let description = required_text(&mut v, "description", &input.description, NOTE_MAX, "灾情描述");
    v.check("loss_fen", input.loss_fen.amount("损失金额"));
    v.finish()?;
    let household = household.ok_or(AppError::NotFound)?;
    in_txn(db, Some(user), async |txn| {
        let by_name = app_user::Entity::find_by_id(user.id.0)
            .one(txn)
            .await?
            .map_or_else(|| user.username.clone(), |u| u.display_name);
        let row = disaster_report::ActiveModel {
            household_id: Set(household.id),
            village_id: Set(household.village_id),
            township_id: Set(household.township_id),
            org_path: Set(household.org_path.clone()),
            reported_on: Set(input.reported_on),
            description: Set(description),
            loss_fen: Set(input.loss_fen.fen()),
            reported_by: Set(Some(user.id.0)),
            reported_by_name: Set(by_name),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = dtos(txn, std::slice::from_ref(&row)).await?.into_iter().next().ok_or(AppError::NotFound)?;
        Ok(created("disaster_report", row.id, dto))
    })
    .await
}
