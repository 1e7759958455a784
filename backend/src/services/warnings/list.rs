//! Warnings read: a page of the caller's subtree, escalated first (the township chases those),
//! and the year's figures by rule and by village as they stood on a date. Escalation is never
//! stored: it is the age of an open warning on the reader's today.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::warnings::{
    ESCALATION_DAYS, RuleCounts, VillageCounts, WarningCounts, WarningDto, WarningFigures, WarningQuery, WarningRule,
    WarningStats, WarningStatsQuery, WarningStatus, describe, escalated,
};
use jingzhun_shared::{Capability, Fen, HouseholdId, OrgUnitId, Personal, VisitId};
use sea_orm::sea_query::{Expr, Order};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::actor::CurrentUser;
use crate::entities::{household, visit, warning};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::registry::cadre_reach;
use crate::services::{by_ids, paginate, with_items};

/// The warnings a caller reaches: those of its subtree (or of a unit inside it), or for a
/// cadre account those of the households it is responsible for now (within the unit asked
/// for, when one is).
pub async fn reach(db: &impl ConnectionTrait, user: &CurrentUser, unit: Option<OrgUnitId>) -> AppResult<Condition> {
    if let Some(own) = cadre_reach::own_households(db, user).await? {
        let mut reached = Condition::all().add(warning::Column::HouseholdId.in_subquery(own));
        if unit.is_some() {
            let unit = org_units::scope_unit(db, user, unit).await?;
            reached = reached.add(warning::Column::OrgPath.starts_with(&unit.path));
        }
        return Ok(reached);
    }
    let unit = org_units::scope_unit(db, user, unit).await?;
    Ok(Condition::all().add(warning::Column::OrgPath.starts_with(&unit.path)))
}

/// The warning `id` when the caller reaches it ([`reach`]); 404 otherwise.
pub async fn visible(db: &impl ConnectionTrait, user: &CurrentUser, id: i64) -> AppResult<warning::Model> {
    warning::Entity::find_by_id(id).filter(reach(db, user, None).await?).one(db).await?.ok_or(AppError::NotFound)
}

/// The figures of a row.
fn figures(w: &warning::Model) -> WarningFigures {
    WarningFigures {
        amount_fen: w.amount_fen.map(Fen::new),
        reference_fen: w.reference_fen.map(Fen::new),
        count: w.record_count.and_then(|n| u64::try_from(n).ok()),
        event_on: w.event_on,
        detail: w.detail.clone(),
        record_id: w.record_id,
    }
}

/// `rows` as DTOs, with their household and village.
pub async fn dtos(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    rows: &[warning::Model],
) -> AppResult<Vec<WarningDto>> {
    let households = by_ids::<household::Entity>(db, rows.iter().map(|w| w.household_id).collect(), |h| h.id).await?;
    let villages = org_units::by_ids(db, rows.iter().map(|w| w.village_id).collect()).await?;
    let visits =
        by_ids::<visit::Entity>(db, rows.iter().filter_map(|w| w.checked_visit_id).collect(), |v| v.id).await?;
    Ok(rows
        .iter()
        .map(|w| {
            let household = households.get(&w.household_id);
            let figures = figures(w);
            WarningDto {
                id: w.id,
                household_id: HouseholdId(w.household_id),
                household_number: household.map(|h| h.number.clone()).unwrap_or_default(),
                head_name: household.map(|h| h.head_name.clone()).unwrap_or_default(),
                village_id: OrgUnitId(w.village_id),
                village_name: villages.get(&w.village_id).map(|v| v.name.clone()).unwrap_or_default(),
                rule: w.rule,
                year: w.year,
                raised_on: w.raised_on,
                summary: describe(w.rule, &figures),
                figures,
                status: w.status,
                escalated: escalated(w.raised_on, w.status, user.today),
                checked_on: w.checked_on,
                checked_by: w.checked_by_name.clone(),
                check_reason: w.check_reason.clone(),
                checked_visit_id: w.checked_visit_id.map(VisitId),
                checked_visit_on: w.checked_visit_id.and_then(|id| visits.get(&id)).map(|v| v.date),
            }
            .for_reader(user.role)
        })
        .collect())
}

/// The condition of a warning escalated on `today`.
fn escalated_on(today: NaiveDate) -> Condition {
    Condition::all()
        .add(warning::Column::Status.eq(WarningStatus::Open))
        .add(warning::Column::RaisedOn.lt(today - Duration::days(ESCALATION_DAYS)))
}

/// Warnings in the caller's subtree (or a unit inside it): escalated first, then the oldest.
pub async fn warnings(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: WarningQuery,
) -> AppResult<Page<WarningDto>> {
    user.require(Capability::ReadWarnings)?;
    let mut select = warning::Entity::find().filter(reach(db, user, query.org_unit).await?);
    if let Some(year) = query.year {
        select = select.filter(warning::Column::Year.eq(year));
    }
    if let Some(status) = query.status {
        select = select.filter(warning::Column::Status.eq(status));
    }
    if let Some(rule) = query.rule {
        select = select.filter(warning::Column::Rule.eq(rule));
    }
    if let Some(h) = query.household_id {
        select = select.filter(warning::Column::HouseholdId.eq(h.0));
    }
    match query.escalated {
        Some(true) => select = select.filter(escalated_on(user.today)),
        Some(false) => select = select.filter(escalated_on(user.today).not()),
        None => {}
    }
    let select = select
        .order_by(Into::<Expr>::into(Expr::case(escalated_on(user.today), 0).finally(1)), Order::Asc)
        .order_by_asc(warning::Column::RaisedOn)
        .order_by_asc(warning::Column::Id);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |r| r).await?;
    let items = dtos(db, user, &page.items).await?;
    Ok(with_items(page, items))
}

fn add(counts: &mut WarningCounts, status: WarningStatus, escalated: bool) {
    counts.raised += 1;
    match status {
        WarningStatus::Open => counts.open += 1,
        WarningStatus::Cleared => counts.cleared += 1,
        WarningStatus::Monitored => counts.monitored += 1,
    }
    counts.escalated += u64::from(escalated);
}

/// The year's warnings in a subtree as recorded up to `as_of`: raised by then, checked by then
/// or still open then; by rule (every rule) and by village (those with warnings).
pub async fn stats(db: &impl ConnectionTrait, user: &CurrentUser, query: WarningStatsQuery) -> AppResult<WarningStats> {
    user.require(Capability::ReadWarnings)?;
    let reached = reach(db, user, query.org_unit).await?;
    let on = query.as_of.unwrap_or(user.today);
    let rows: Vec<(WarningRule, i64, NaiveDate, WarningStatus, Option<NaiveDate>)> = warning::Entity::find()
        .select_only()
        .column(warning::Column::Rule)
        .column(warning::Column::VillageId)
        .column(warning::Column::RaisedOn)
        .column(warning::Column::Status)
        .column(warning::Column::CheckedOn)
        .filter(reached)
        .filter(warning::Column::Year.eq(query.year))
        .filter(warning::Column::RaisedOn.lte(on))
        .into_tuple()
        .all(db)
        .await?;
    let mut total = WarningCounts::default();
    let mut by_rule: BTreeMap<usize, WarningCounts> = BTreeMap::new();
    let mut by_village: BTreeMap<i64, WarningCounts> = BTreeMap::new();
    for (rule, village, raised_on, status, checked_on) in rows {
        let status = if checked_on.is_some_and(|d| d <= on) { status } else { WarningStatus::Open };
        let late = escalated(raised_on, status, on);
        let index = WarningRule::ALL.iter().position(|r| *r == rule).unwrap_or_default();
        for counts in [&mut total, by_rule.entry(index).or_default(), by_village.entry(village).or_default()] {
            add(counts, status, late);
        }
    }
    let names = org_units::by_ids(db, by_village.keys().copied().collect()).await?;
    let mut villages: Vec<VillageCounts> = by_village
        .into_iter()
        .map(|(id, counts)| VillageCounts {
            village_id: OrgUnitId(id),
            name: names.get(&id).map(|u| u.name.clone()).unwrap_or_default(),
            counts,
        })
        .collect();
    villages.sort_by(|a, b| b.counts.raised.cmp(&a.counts.raised).then_with(|| a.name.cmp(&b.name)));
    Ok(WarningStats {
        year: query.year,
        as_of: Some(on),
        total,
        by_rule: WarningRule::ALL
            .iter()
            .enumerate()
            .map(|(i, rule)| RuleCounts { rule: *rule, counts: by_rule.get(&i).copied().unwrap_or_default() })
            .collect(),
        by_village: villages,
    })
}
