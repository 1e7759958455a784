//! Visits (月走访): a cadre at one of its households, entered by the cadre on a phone or by the
//! village clerk for the household's cadre, with the checklist items done, problems found and
//! the phone's GPS point (stored; shown only to officials through the masking gate).

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate, Utc};
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::pairing::{CreateVisit, VisitDto, VisitItem, VisitQuery};
use jingzhun_shared::{CadreId, Capability, HouseholdId, Personal, StringEnum, VisitId};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::cadres::CadreReach;
use crate::actor::CurrentUser;
use crate::entities::{cadre, cadre_pairing, household, visit};
use crate::error::{AppError, AppResult};
use crate::services::txn::{Db, created, in_txn};
use crate::services::{by_ids, optional_note, paginate, typed_date, with_items};

/// The first and last day of a `YYYY-MM` month, 422 on `field` when it is not one.
pub fn month_bounds(text: &str) -> AppResult<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::parse_from_str(&format!("{}-01", text.trim()), "%Y-%m-%d")
        .map_err(|_| AppError::field("month", "月份格式应为 YYYY-MM"))?;
    let next = first.checked_add_months(chrono::Months::new(1)).ok_or_else(|| AppError::field("month", "月份无效"))?;
    Ok((first, next.pred_opt().unwrap_or(first)))
}

/// The `YYYY-MM` of a day.
pub fn month_of(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

async fn dtos(db: &impl ConnectionTrait, user: &CurrentUser, rows: &[visit::Model]) -> AppResult<Vec<VisitDto>> {
    let cadres = by_ids::<cadre::Entity>(db, rows.iter().map(|v| v.cadre_id).collect(), |c| c.id).await?;
    let homes = by_ids::<household::Entity>(db, rows.iter().map(|v| v.household_id).collect(), |h| h.id).await?;
    Ok(rows
        .iter()
        .map(|v| {
            VisitDto {
                id: VisitId(v.id),
                cadre_id: CadreId(v.cadre_id),
                cadre_name: cadres.get(&v.cadre_id).map(|c| c.name.clone()).unwrap_or_default(),
                household_id: HouseholdId(v.household_id),
                head_name: homes.get(&v.household_id).map(|h| h.head_name.clone()).unwrap_or_default(),
                date: v.date,
                items: v.items.split(',').filter_map(VisitItem::from_wire).collect(),
                note: v.note.clone(),
                problems: v.problems.clone(),
                latitude: v.latitude,
                longitude: v.longitude,
                recorded_by: v.username.clone(),
            }
            .for_reader(user.role)
        })
        .collect())
}

pub async fn list(db: &impl ConnectionTrait, user: &CurrentUser, query: VisitQuery) -> AppResult<Page<VisitDto>> {
    let reach = CadreReach::of(db, user).await?;
    let mut select = visit::Entity::find()
        .filter(reach.visits())
        .order_by_desc(visit::Column::Date)
        .order_by_desc(visit::Column::Id);
    if let Some(household) = query.household_id {
        select = select.filter(visit::Column::HouseholdId.eq(household.0));
    }
    if let Some(cadre) = query.cadre_id {
        select = select.filter(visit::Column::CadreId.eq(cadre.0));
    }
    if let Some(month) = query.month.as_deref().filter(|m| !m.trim().is_empty()) {
        let (from, to) = month_bounds(month)?;
        select = select.filter(visit::Column::Date.between(from, to));
    }
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |v| v).await?;
    let items = dtos(db, user, &page.items).await?;
    Ok(with_items(page, items))
}

/// The household reached and the cadre visiting it: a cadre account its own; others the one
/// named, which must be paired with the household, or else the household's cadre.
async fn household_and_cadre(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    v: &mut Validator,
    input: &CreateVisit,
) -> AppResult<(household::Model, Option<i64>)> {
    let reach = CadreReach::of(db, user).await?;
    let pairings = cadre_pairing::Entity::find()
        .filter(reach.pairings())
        .filter(cadre_pairing::Column::HouseholdId.eq(input.household_id.0))
        .filter(cadre_pairing::Column::Until.is_null())
        .all(db)
        .await?;
    let home = household::Entity::find_by_id(input.household_id.0).one(db).await?;
    let home = match (&reach, home) {
        (CadreReach::Own(_), Some(h)) if !pairings.is_empty() => h,
        (CadreReach::Subtree(_), Some(h)) if user.sees(&h.org_path) => h,
        _ => return Err(AppError::NotFound),
    };
    let paired: HashSet<i64> = pairings.iter().map(|p| p.cadre_id).collect();
    let cadre = match (&reach, input.cadre_id) {
        (CadreReach::Own(own), _) => Some(*own),
        (_, Some(named)) if paired.contains(&named.0) => Some(named.0),
        (_, Some(_)) => {
            v.add("cadre_id", "该干部不是这户的帮扶责任人");
            None
        }
        (_, None) => {
            let only = pairings.first().map(|p| p.cadre_id);
            if only.is_none() {
                v.add("cadre_id", "这户尚无帮扶责任人");
            }
            only
        }
    };
    Ok((home, cadre))
}

pub async fn create(db: &impl Db, user: &CurrentUser, input: CreateVisit) -> AppResult<VisitDto> {
    user.require(Capability::RecordVisit)?;
    in_txn(db, Some(user), async |txn| {
        let mut v = Validator::new();
        let (home, cadre) = household_and_cadre(txn, user, &mut v, &input).await?;
        typed_date(&mut v, user, "date", input.date);
        let note = optional_note("note", input.note.as_deref()).unwrap_or_else(|_| {
            v.add("note", "内容过长");
            None
        });
        let problems = optional_note("problems", input.problems.as_deref()).unwrap_or_else(|_| {
            v.add("problems", "内容过长");
            None
        });
        if input.items.is_empty() && note.is_none() {
            v.add("items", "请勾选帮扶事项或填写帮扶内容");
        }
        let point_ok = |lat: f64, lon: f64| (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon);
        match (input.latitude, input.longitude) {
            (Some(lat), Some(lon)) if point_ok(lat, lon) => {}
            (None, None) => {}
            _ => v.add("latitude", "定位坐标无效"),
        }
        v.finish()?;
        let mut items: Vec<&str> =
            VisitItem::ALL.iter().filter(|i| input.items.contains(i)).map(|i| i.as_str()).collect();
        items.dedup();
        let row = visit::ActiveModel {
            cadre_id: Set(cadre.ok_or(AppError::NotFound)?),
            household_id: Set(home.id),
            org_path: Set(home.org_path.clone()),
            date: Set(input.date),
            items: Set(items.join(",")),
            note: Set(note),
            problems: Set(problems),
            latitude: Set(input.latitude),
            longitude: Set(input.longitude),
            user_id: Set(user.id.0),
            username: Set(user.username.clone()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = dtos(txn, user, std::slice::from_ref(&row)).await?.pop().ok_or(AppError::NotFound)?;
        Ok(created("visit", row.id, dto))
    })
    .await
}
