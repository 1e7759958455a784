//! Cadres (帮扶责任人) of the district units and their pairings with households (干部包户),
//! registered by the district. A `cadre` account reaches itself and its own households only
//! ([`CadreReach`]); everybody else the households of their subtree.

use std::collections::HashMap;

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::pairing::{
    CadreDto, CadreInput, CadrePairingDto, CadrePairingQuery, CadreQuery, CreateCadrePairing,
};
use jingzhun_shared::{CadreId, CadrePairingId, Capability, HouseholdId, Personal, Phone, Role};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::actor::CurrentUser;
use crate::entities::{app_user, cadre, cadre_pairing, household, visit};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::registry::cadre_reach::current_households;
use crate::services::registry::households;
use crate::services::txn::{Db, created, in_txn};
use crate::services::{by_ids, found, paginate, required_text, typed_date, with_items};

/// What part of the cadre records a user reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CadreReach {
    /// A cadre account: its own households.
    Own(i64),
    /// The households of the org subtree with this path.
    Subtree(String),
}

impl CadreReach {
    /// The reach of `user`, after the capability to read cadre records; a cadre account
    /// without a cadre reaches nothing (403).
    pub async fn of(db: &impl ConnectionTrait, user: &CurrentUser) -> AppResult<CadreReach> {
        user.require(Capability::ReadCadres)?;
        if user.role != Role::Cadre {
            return Ok(CadreReach::Subtree(user.org_path.clone()));
        }
        let account = app_user::Entity::find_by_id(user.id.0).one(db).await?.ok_or(AppError::Unauthorized)?;
        account.cadre_id.map(CadreReach::Own).ok_or_else(|| AppError::Forbidden("该账号未关联帮扶干部".to_owned()))
    }

    /// The condition "a pairing reached" on `cadre_pairing`.
    pub fn pairings(&self) -> Condition {
        match self {
            CadreReach::Own(id) => Condition::all().add(cadre_pairing::Column::CadreId.eq(*id)),
            CadreReach::Subtree(path) => Condition::all().add(cadre_pairing::Column::OrgPath.starts_with(path)),
        }
    }

    /// The condition "a visit reached" on `visit`: a cadre's own visits, and every visit to the
    /// households it is responsible for now (a cadre replaced reads no more of its former
    /// households' visits than its own).
    pub fn visits(&self) -> Condition {
        match self {
            CadreReach::Own(id) => Condition::any()
                .add(visit::Column::CadreId.eq(*id))
                .add(visit::Column::HouseholdId.in_subquery(current_households(*id))),
            CadreReach::Subtree(path) => Condition::all().add(visit::Column::OrgPath.starts_with(path)),
        }
    }
}

fn to_dto(c: &cadre::Model, households: u64, user: &CurrentUser) -> CadreDto {
    let dto = CadreDto {
        id: CadreId(c.id),
        name: c.name.clone(),
        unit: c.unit.clone(),
        phone: Some(c.phone.clone()).filter(|p| !p.is_empty()),
        households,
    };
    dto.for_reader(user.role)
}

pub async fn cadres(db: &impl ConnectionTrait, user: &CurrentUser, query: CadreQuery) -> AppResult<Page<CadreDto>> {
    let reach = CadreReach::of(db, user).await?;
    let mut select = cadre::Entity::find().order_by_asc(cadre::Column::Id);
    if let CadreReach::Own(id) = reach {
        select = select.filter(cadre::Column::Id.eq(id));
    }
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        select =
            select.filter(Condition::any().add(cadre::Column::Name.contains(q)).add(cadre::Column::Unit.contains(q)));
    }
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |c| c).await?;
    let counts: HashMap<i64, i64> = cadre_pairing::Entity::find()
        .select_only()
        .column(cadre_pairing::Column::CadreId)
        .column_as(cadre_pairing::Column::Id.count(), "n")
        .filter(cadre_pairing::Column::CadreId.is_in(page.items.iter().map(|c| c.id)))
        .filter(cadre_pairing::Column::Until.is_null())
        .group_by(cadre_pairing::Column::CadreId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let items = page
        .items
        .iter()
        .map(|c| to_dto(c, counts.get(&c.id).copied().unwrap_or(0).try_into().unwrap_or(0), user))
        .collect();
    Ok(with_items(page, items))
}

pub async fn create_cadre(db: &impl Db, user: &CurrentUser, input: CadreInput) -> AppResult<CadreDto> {
    user.require(Capability::ManageCadres)?;
    in_txn(db, Some(user), async |txn| {
        let mut v = Validator::new();
        let name = required_text(&mut v, "name", &input.name, 32, "姓名");
        let unit = required_text(&mut v, "unit", &input.unit, 64, "所在单位");
        let phone = v.check("phone", Phone::parse_optional(Some(&input.phone))).flatten();
        v.finish()?;
        let row = cadre::ActiveModel {
            name: Set(name),
            unit: Set(unit),
            phone: Set(phone.map(Phone::into_inner).unwrap_or_default()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = to_dto(&row, 0, user);
        Ok(created("cadre", row.id, dto))
    })
    .await
}

/// Cadre pairings as DTOs with the cadre's and head's names, the village and the last visit.
async fn pairing_dtos(db: &impl ConnectionTrait, rows: &[cadre_pairing::Model]) -> AppResult<Vec<CadrePairingDto>> {
    let cadres = by_ids::<cadre::Entity>(db, rows.iter().map(|p| p.cadre_id).collect(), |c| c.id).await?;
    let homes = by_ids::<household::Entity>(db, rows.iter().map(|p| p.household_id).collect(), |h| h.id).await?;
    let units = org_units::by_ids(db, homes.values().map(|h| h.village_id).collect()).await?;
    let last: HashMap<i64, chrono::NaiveDate> = visit::Entity::find()
        .select_only()
        .column(visit::Column::HouseholdId)
        .column_as(visit::Column::Date.max(), "last")
        .filter(visit::Column::HouseholdId.is_in(rows.iter().map(|p| p.household_id)))
        .group_by(visit::Column::HouseholdId)
        .into_tuple::<(i64, chrono::NaiveDate)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .iter()
        .map(|p| {
            let home = homes.get(&p.household_id);
            CadrePairingDto {
                id: CadrePairingId(p.id),
                cadre_id: CadreId(p.cadre_id),
                cadre_name: cadres.get(&p.cadre_id).map(|c| c.name.clone()).unwrap_or_default(),
                household_id: HouseholdId(p.household_id),
                head_name: home.map(|h| h.head_name.clone()).unwrap_or_default(),
                village: org_units::unit_ref(&units, home.map_or(0, |h| h.village_id)),
                since: p.since,
                last_visit: last.get(&p.household_id).copied(),
            }
        })
        .collect())
}

pub async fn cadre_pairings(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: CadrePairingQuery,
) -> AppResult<Page<CadrePairingDto>> {
    let reach = CadreReach::of(db, user).await?;
    let mut select = cadre_pairing::Entity::find()
        .filter(reach.pairings())
        .filter(cadre_pairing::Column::Until.is_null())
        .order_by_asc(cadre_pairing::Column::Id);
    if let Some(cadre) = query.cadre_id {
        select = select.filter(cadre_pairing::Column::CadreId.eq(cadre.0));
    }
    if let Some(household) = query.household_id {
        select = select.filter(cadre_pairing::Column::HouseholdId.eq(household.0));
    }
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |p| p).await?;
    let items = pairing_dtos(db, &page.items).await?;
    Ok(with_items(page, items))
}

/// Pairs a cadre with a household of the caller's scope; a household has one responsible
/// cadre at a time, so the earlier pairing ends the day before.
pub async fn create_cadre_pairing(
    db: &impl Db,
    user: &CurrentUser,
    input: CreateCadrePairing,
) -> AppResult<CadrePairingDto> {
    user.require(Capability::ManageCadres)?;
    in_txn(db, Some(user), async |txn| {
        let mut v = Validator::new();
        let cadre_row = cadre::Entity::find_by_id(input.cadre_id.0).one(txn).await?;
        if cadre_row.is_none() {
            v.add("cadre_id", "干部不存在");
        }
        let home = found(
            &mut v,
            "household_id",
            "农户不存在或不在您的管辖范围",
            households::find_visible(txn, user, input.household_id).await,
        )?;
        typed_date(&mut v, user, "since", input.since);
        v.finish()?;
        let home = home.ok_or(AppError::NotFound)?;
        cadre_pairing::Entity::update_many()
            .col_expr(cadre_pairing::Column::Until, Expr::value(input.since.pred_opt().unwrap_or(input.since)))
            .filter(cadre_pairing::Column::HouseholdId.eq(home.id))
            .filter(cadre_pairing::Column::Until.is_null())
            .exec(txn)
            .await?;
        let row = cadre_pairing::ActiveModel {
            cadre_id: Set(input.cadre_id.0),
            household_id: Set(home.id),
            org_path: Set(home.org_path.clone()),
            since: Set(input.since),
            until: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = pairing_dtos(txn, std::slice::from_ref(&row)).await?.pop().ok_or(AppError::NotFound)?;
        Ok(created("cadre_pairing", row.id, dto))
    })
    .await
}
