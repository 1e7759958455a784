//! Pairings (结对): an enterprise with villages and/or households from a date, made by the
//! district. Each link keeps the org path of its village or household, so a subtree finds the
//! pairings touching it in one query.

use std::collections::HashMap;

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::pairing::{CreatePairing, PairedHousehold, PairingDto, PairingQuery};
use jingzhun_shared::{Capability, EnterpriseId, HouseholdId, OrgLevel, PairingId};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::Reach;
use crate::actor::CurrentUser;
use crate::entities::{enterprise, household, org_unit, pairing, pairing_household, pairing_village};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::txn::{Db, created, in_txn};
use crate::services::{by_ids, found, paginate, typed_date, with_items};

/// The pairing `id` if the user reaches it, else 404.
pub async fn find_visible(db: &impl ConnectionTrait, user: &CurrentUser, id: PairingId) -> AppResult<pairing::Model> {
    user.require(Capability::ReadPairing)?;
    let reach = Reach::of(db, user).await?;
    pairing::Entity::find_by_id(id.0).filter(reach.pairings()).one(db).await?.ok_or(AppError::NotFound)
}

pub async fn list(db: &impl ConnectionTrait, user: &CurrentUser, query: PairingQuery) -> AppResult<Page<PairingDto>> {
    user.require(Capability::ReadPairing)?;
    let reach = Reach::of(db, user).await?;
    let mut select = pairing::Entity::find().filter(reach.pairings()).order_by_asc(pairing::Column::Id);
    if let Some(unit) = query.org_unit_id {
        let unit = org_units::find_visible(db, user, unit).await?;
        select = select.filter(super::touching(&unit.path));
    }
    if let Some(enterprise) = query.enterprise_id {
        select = select.filter(pairing::Column::EnterpriseId.eq(enterprise.0));
    }
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |p| p).await?;
    let items = dtos(db, user, &page.items).await?;
    Ok(with_items(page, items))
}

/// Pairings as DTOs, in five queries whatever their number. A pairing reached through one of
/// its villages or households shows only the villages and households inside the reader's
/// subtree (a clerk of one village never learns another village's households); an enterprise
/// sees its own pairings whole.
pub async fn dtos(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    rows: &[pairing::Model],
) -> AppResult<Vec<PairingDto>> {
    let shown = |path: &str| user.role == jingzhun_shared::Role::Enterprise || user.sees(path);
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let enterprises =
        by_ids::<enterprise::Entity>(db, rows.iter().map(|p| p.enterprise_id).collect(), |e| e.id).await?;
    let villages =
        pairing_village::Entity::find().filter(pairing_village::Column::PairingId.is_in(ids.clone())).all(db).await?;
    let links =
        pairing_household::Entity::find().filter(pairing_household::Column::PairingId.is_in(ids)).all(db).await?;
    let households = by_ids::<household::Entity>(db, links.iter().map(|l| l.household_id).collect(), |h| h.id).await?;
    let unit_ids = villages.iter().map(|v| v.village_id).chain(households.values().map(|h| h.village_id)).collect();
    let units = org_units::by_ids(db, unit_ids).await?;
    let mut by_pairing: HashMap<i64, PairingDto> = HashMap::new();
    for p in rows {
        by_pairing.insert(
            p.id,
            PairingDto {
                id: PairingId(p.id),
                enterprise_id: EnterpriseId(p.enterprise_id),
                enterprise_name: enterprises.get(&p.enterprise_id).map(|e| e.name.clone()).unwrap_or_default(),
                villages: Vec::new(),
                households: Vec::new(),
                since: p.since,
                until: p.until,
            },
        );
    }
    for v in &villages {
        if !units.get(&v.village_id).is_some_and(|u| shown(&u.path)) {
            continue;
        }
        if let Some(dto) = by_pairing.get_mut(&v.pairing_id) {
            dto.villages.push(org_units::unit_ref(&units, v.village_id));
        }
    }
    for link in &links {
        if let (Some(dto), Some(h)) = (by_pairing.get_mut(&link.pairing_id), households.get(&link.household_id)) {
            if !shown(&h.org_path) {
                continue;
            }
            let village = org_units::unit_ref(&units, h.village_id);
            dto.households.push(PairedHousehold { id: HouseholdId(h.id), head_name: h.head_name.clone(), village });
        }
    }
    Ok(rows.iter().filter_map(|p| by_pairing.remove(&p.id)).collect())
}

/// The villages and households of a new pairing, every problem of the input at once.
async fn check(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    input: &CreatePairing,
) -> AppResult<(Vec<org_unit::Model>, Vec<household::Model>)> {
    let mut v = Validator::new();
    let lookup = super::enterprises::find_visible(db, user, input.enterprise_id.0).await;
    found(&mut v, "enterprise_id", "企业不存在", lookup)?;
    let mut villages = Vec::new();
    for id in &input.village_ids {
        match org_units::find_visible(db, user, *id).await {
            Ok(unit) if unit.level == OrgLevel::Village => villages.push(unit),
            Ok(_) | Err(AppError::NotFound) => v.add("village_ids", format!("村 {id} 不存在或不在您的管辖范围")),
            Err(e) => return Err(e),
        }
    }
    let wanted: Vec<i64> = input.household_ids.iter().map(|h| h.0).collect();
    let households: Vec<household::Model> = by_ids::<household::Entity>(db, wanted.clone(), |h| h.id)
        .await?
        .into_values()
        .filter(|h| user.sees(&h.org_path))
        .collect();
    let missing: Vec<String> =
        wanted.iter().filter(|id| !households.iter().any(|h| h.id == **id)).map(i64::to_string).collect();
    if !missing.is_empty() {
        v.add("household_ids", format!("以下农户不存在或不在您的管辖范围：{}", missing.join("、")));
    }
    if input.village_ids.is_empty() && input.household_ids.is_empty() {
        v.add("village_ids", "请至少选择一个村或一户");
    }
    typed_date(&mut v, user, "since", input.since);
    if input.until.is_some_and(|until| until < input.since) {
        v.add("until", "结束日期不能早于开始日期");
    }
    v.finish()?;
    villages.dedup_by_key(|u| u.id);
    Ok((villages, households))
}

pub async fn create(db: &impl Db, user: &CurrentUser, input: CreatePairing) -> AppResult<PairingDto> {
    user.require(Capability::ManagePairing)?;
    in_txn(db, Some(user), async |txn| {
        let (villages, households) = check(txn, user, &input).await?;
        let row = pairing::ActiveModel {
            enterprise_id: Set(input.enterprise_id.0),
            since: Set(input.since),
            until: Set(input.until),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        insert_links(txn, row.id, &villages, &households).await?;
        let dto = dtos(txn, user, std::slice::from_ref(&row)).await?.pop().ok_or(AppError::NotFound)?;
        Ok(created("pairing", row.id, dto))
    })
    .await
}

/// The links of pairing `id`; used by the API and the demo.
pub async fn insert_links(
    db: &impl ConnectionTrait,
    id: i64,
    villages: &[org_unit::Model],
    households: &[household::Model],
) -> AppResult<()> {
    if !villages.is_empty() {
        pairing_village::Entity::insert_many(villages.iter().map(|u| pairing_village::ActiveModel {
            pairing_id: Set(id),
            village_id: Set(u.id),
            org_path: Set(u.path.clone()),
        }))
        .exec(db)
        .await?;
    }
    if !households.is_empty() {
        pairing_household::Entity::insert_many(households.iter().map(|h| pairing_household::ActiveModel {
            pairing_id: Set(id),
            household_id: Set(h.id),
            org_path: Set(h.org_path.clone()),
        }))
        .exec(db)
        .await?;
    }
    Ok(())
}
