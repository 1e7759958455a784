//! Village profiles per (village, year), edited by the admin and the district office with
//! version, each change audited under the village's id so its history is one indexed read.
//! The row-level reads and inserts the org tree also needs are `org::village_rows`.

pub use crate::services::org::village_rows::{insert, latest};

use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::villages::{ProfileChange, SaveVillageProfile, VillageProfile};
use jingzhun_shared::{Capability, Fen, OrgLevel, OrgUnitId};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{audit_event, org_unit, village_profile};
use crate::error::{AppError, AppResult};
use crate::services::audit::Event;
use crate::services::txn::{Db, in_txn};
use crate::services::versioned::update_at_version;
use crate::services::{check_year, paginate};

/// The audit trail's name for a profile change; its `entity_id` is the village.
const ENTITY: &str = "village_profile";

pub fn to_dto(row: &village_profile::Model) -> VillageProfile {
    VillageProfile {
        org_unit_id: OrgUnitId(row.org_unit_id),
        year: row.year,
        is_poor_village: row.is_poor_village,
        rural_population: row.rural_population,
        collective_income_fen: Fen::new(row.collective_income_fen),
        version: row.version,
    }
}

/// The village's profile of `year`, when recorded.
pub async fn of_year(
    db: &impl ConnectionTrait,
    village_id: i64,
    year: i32,
) -> AppResult<Option<village_profile::Model>> {
    Ok(village_profile::Entity::find()
        .filter(village_profile::Column::OrgUnitId.eq(village_id))
        .filter(village_profile::Column::Year.eq(year))
        .one(db)
        .await?)
}

/// A village's profiles, newest year first.
pub async fn list(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: OrgUnitId,
    query: PageQuery,
) -> AppResult<Page<VillageProfile>> {
    let village = super::village(db, user, id, Capability::ReadRegistry).await?;
    let select = village_profile::Entity::find()
        .filter(village_profile::Column::OrgUnitId.eq(village.id))
        .order_by_desc(village_profile::Column::Year);
    paginate(db, select, query, |row| to_dto(&row)).await
}

/// Creates a year's profile (no `version`) or replaces it at the version read (409 when
/// stale or when the year already has one); admin and district official only.
pub async fn save(
    db: &impl Db,
    user: &CurrentUser,
    id: OrgUnitId,
    input: SaveVillageProfile,
) -> AppResult<VillageProfile> {
    let mut v = Validator::new();
    check_year(&mut v, input.year);
    if !(0..=1_000_000).contains(&input.rural_population) {
        v.add("rural_population", "农村人口须在 0 到 100 万之间");
    }
    if !(0..=10_000_000_000).contains(&input.collective_income_fen.fen()) {
        v.add("collective_income_fen", "村集体经济收入须在 0 到 1 亿元之间");
    }
    in_txn(db, Some(user), async |txn| {
        let village = super::village(txn, user, id, Capability::EditVillages).await?;
        v.finish()?;
        let before = of_year(txn, village.id, input.year).await?;
        let row = match (&before, input.version) {
            (None, None) => {
                insert(
                    txn,
                    village.id,
                    input.year,
                    input.is_poor_village,
                    input.rural_population,
                    input.collective_income_fen,
                )
                .await?
            }
            (Some(row), Some(version)) => {
                let update = village_profile::Entity::update_many()
                    .col_expr(village_profile::Column::IsPoorVillage, Expr::value(input.is_poor_village))
                    .col_expr(village_profile::Column::RuralPopulation, Expr::value(input.rural_population))
                    .col_expr(
                        village_profile::Column::CollectiveIncomeFen,
                        Expr::value(input.collective_income_fen.fen()),
                    );
                update_at_version(txn, update, row.id, version).await?;
                of_year(txn, village.id, input.year).await?.ok_or(AppError::stale())?
            }
            (Some(_), None) => {
                return Err(AppError::Conflict {
                    code: "profile_exists",
                    message: format!("{} 年村情已存在，请刷新后修改", input.year),
                });
            }
            // A version for a year that has no profile (gone meanwhile or never there).
            (None, Some(_)) => return Err(AppError::stale()),
        };
        let after = to_dto(&row);
        let mut event = Event::new("update", ENTITY, village.id).after(&after);
        if let Some(before) = &before {
            event = event.before(&to_dto(before));
        }
        Ok((after, event))
    })
    .await
}

/// Who changed the village's profiles, when, and from what to what; newest first.
pub async fn history(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: OrgUnitId,
    query: PageQuery,
) -> AppResult<Page<ProfileChange>> {
    let village = super::village(db, user, id, Capability::ReadRegistry).await?;
    let select = audit_event::Entity::find()
        .filter(audit_event::Column::Entity.eq(ENTITY))
        .filter(audit_event::Column::EntityId.eq(village.id.to_string()))
        .order_by_desc(audit_event::Column::Id);
    let page = paginate(db, select, query, |event| {
        let parse = |text: Option<&String>| text.and_then(|t| serde_json::from_str::<VillageProfile>(t).ok());
        let after = parse(event.after.as_ref())?;
        Some(ProfileChange {
            at: event.at,
            username: event.username.clone(),
            year: after.year,
            before: parse(event.before.as_ref()),
            after,
        })
    })
    .await?;
    let items = page.items.iter().flatten().cloned().collect();
    Ok(crate::services::with_items(page, items))
}

/// (poor villages, exited ones) under `path` at the end of `year`: on the poor list by their
/// latest profile up to `year`, and of those the ones whose exit year is `year` or earlier.
pub async fn poor_village_counts(db: &impl ConnectionTrait, path: &str, year: i32) -> AppResult<(u64, u64)> {
    let villages = org_unit::Entity::find()
        .filter(org_unit::Column::Path.starts_with(path))
        .filter(org_unit::Column::Level.eq(OrgLevel::Village))
        .all(db)
        .await?;
    let listed = latest(db, villages.iter().map(|v| v.id).collect(), Some(year)).await?;
    let poor: Vec<&org_unit::Model> =
        villages.iter().filter(|v| listed.get(&v.id).is_some_and(|p| p.is_poor_village)).collect();
    let exited = poor.iter().filter(|v| v.exit_year.is_some_and(|y| y <= year)).count();
    Ok((poor.len() as u64, exited as u64))
}
