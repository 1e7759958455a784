//! The year's pairing figures for a subtree, computed from the records: enterprises with a
//! pairing in force, villages and households paired, and what the assistance logs of the year
//! add up to (a log corrected by a later one counts through the correction only), per
//! enterprise and per village; and the campaigns' gifts. A pairing with several villages
//! counts in each of them. Asked `as_of` a day, they count what was dated up to it, and a
//! correction only once confirmed by then, so a report of that day reads the same later.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use jingzhun_shared::pairing::{
    AssistanceKind, AssistanceTotals, CampaignFigures, DonationKind, EnterpriseFigures, PairingFigures,
    PairingFiguresQuery, VillageFigures,
};
use jingzhun_shared::{Capability, EnterpriseId, Fen};
use sea_orm::sea_query::{Condition, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use super::Reach;
use super::logs::year_bounds;
use crate::actor::CurrentUser;
use crate::entities::{assistance_log, donation, enterprise, household, pairing, pairing_household, pairing_village};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::{by_ids, check_year};

/// Adds one log to a total.
fn add(totals: &mut AssistanceTotals, log: &assistance_log::Model) {
    let amount = Fen::new(log.amount_fen.unwrap_or(0));
    let count = log.count.unwrap_or(0);
    match log.kind {
        AssistanceKind::Funds => totals.funds_fen = Fen::new(totals.funds_fen.fen() + amount.fen()),
        AssistanceKind::ProductsPurchased => totals.products_fen = Fen::new(totals.products_fen.fen() + amount.fen()),
        AssistanceKind::LabourHired => totals.labour_hired += count,
        AssistanceKind::StudentsAided => totals.students_aided += count,
        AssistanceKind::ProjectClaimed => totals.projects_claimed += count,
        AssistanceKind::Other => {}
    }
    totals.logs += 1;
}

/// The pairings in force during the year that touch a subtree, with the subtree's villages of
/// each (its own and those of its households) and the number of paired households a village.
struct Paired {
    pairings: Vec<pairing::Model>,
    villages_of: HashMap<i64, BTreeSet<i64>>,
    households_in: HashMap<i64, u64>,
}

async fn paired(
    db: &impl ConnectionTrait,
    reach: &Reach,
    path: &str,
    (from, to): (NaiveDate, NaiveDate),
) -> AppResult<Paired> {
    let in_force = Condition::all()
        .add(pairing::Column::Since.lte(to))
        .add(Condition::any().add(pairing::Column::Until.is_null()).add(pairing::Column::Until.gte(from)));
    let pairings =
        pairing::Entity::find().filter(reach.pairings()).filter(super::touching(path)).filter(in_force).all(db).await?;
    let ids: Vec<i64> = pairings.iter().map(|p| p.id).collect();
    let village_links = pairing_village::Entity::find()
        .filter(pairing_village::Column::PairingId.is_in(ids.clone()))
        .filter(pairing_village::Column::OrgPath.starts_with(path))
        .all(db)
        .await?;
    let household_links = pairing_household::Entity::find()
        .filter(pairing_household::Column::PairingId.is_in(ids))
        .filter(pairing_household::Column::OrgPath.starts_with(path))
        .all(db)
        .await?;
    let households =
        by_ids::<household::Entity>(db, household_links.iter().map(|l| l.household_id).collect(), |h| h.id).await?;
    let mut villages_of: HashMap<i64, BTreeSet<i64>> = HashMap::new();
    for link in &village_links {
        villages_of.entry(link.pairing_id).or_default().insert(link.village_id);
    }
    for link in &household_links {
        if let Some(h) = households.get(&link.household_id) {
            villages_of.entry(link.pairing_id).or_default().insert(h.village_id);
        }
    }
    let mut households_in: HashMap<i64, u64> = HashMap::new();
    for h in households.values() {
        *households_in.entry(h.village_id).or_default() += 1;
    }
    Ok(Paired { pairings, villages_of, households_in })
}

pub async fn figures(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: PairingFiguresQuery,
) -> AppResult<PairingFigures> {
    user.require(Capability::ReadPairing)?;
    let mut v = jingzhun_shared::error::Validator::new();
    check_year(&mut v, query.year);
    v.finish()?;
    let (from, end) = year_bounds(query.year).ok_or_else(|| AppError::field("year", "年度无效"))?;
    // As of a day: what was dated (and corrections confirmed) up to it.
    let year = (from, query.as_of.map_or(end, |day| Ord::min(day, end)));
    let reach = Reach::of(db, user).await?;
    let unit = org_units::scope_unit(db, user, query.org_unit).await?;
    let Paired { pairings, villages_of, households_in } = paired(db, &reach, &unit.path, year).await?;
    let confirmed_by = query.as_of.map(|_| year.1);
    let logs = year_logs(db, pairings.iter().map(|p| p.id).collect(), year, confirmed_by).await?;
    let names = by_ids::<enterprise::Entity>(db, pairings.iter().map(|p| p.enterprise_id).collect(), |e| e.id).await?;
    let mut totals = AssistanceTotals::default();
    let mut per_enterprise: BTreeMap<i64, AssistanceTotals> = BTreeMap::new();
    let mut per_village: BTreeMap<i64, (HashSet<i64>, AssistanceTotals)> = BTreeMap::new();
    for p in &pairings {
        per_enterprise.entry(p.enterprise_id).or_default();
        for village in villages_of.get(&p.id).into_iter().flatten() {
            per_village.entry(*village).or_default().0.insert(p.enterprise_id);
        }
    }
    for log in &logs {
        add(&mut totals, log);
        add(per_enterprise.entry(log.enterprise_id).or_default(), log);
        for village in villages_of.get(&log.pairing_id).into_iter().flatten() {
            add(&mut per_village.entry(*village).or_default().1, log);
        }
    }
    let units = org_units::by_ids(db, per_village.keys().copied().collect()).await?;
    Ok(PairingFigures {
        year: query.year,
        org_unit: org_units::to_ref(&unit),
        enterprises: u64::try_from(per_enterprise.len()).unwrap_or(u64::MAX),
        villages: u64::try_from(per_village.len()).unwrap_or(u64::MAX),
        households: households_in.values().sum(),
        totals,
        per_enterprise: per_enterprise
            .into_iter()
            .map(|(id, totals)| EnterpriseFigures {
                enterprise_id: EnterpriseId(id),
                name: names.get(&id).map(|e| e.name.clone()).unwrap_or_default(),
                totals,
            })
            .collect(),
        per_village: per_village
            .into_iter()
            .map(|(id, (enterprises, totals))| VillageFigures {
                village: org_units::unit_ref(&units, id),
                enterprises: u64::try_from(enterprises.len()).unwrap_or(u64::MAX),
                households: households_in.get(&id).copied().unwrap_or(0),
                totals,
            })
            .collect(),
        campaigns: campaigns(db, &reach, year.0, year.1).await?,
        years: record_years(db, &reach, &unit.path).await?,
    })
}

/// The years from the first to the last log or gift reached in the subtree.
async fn record_years(db: &impl ConnectionTrait, reach: &Reach, path: &str) -> AppResult<Vec<i32>> {
    let reached = Query::select()
        .column(pairing::Column::Id)
        .from(pairing::Entity)
        .cond_where(reach.pairings())
        .cond_where(super::touching(path))
        .to_owned();
    let logs = assistance_log::Entity::find()
        .select_only()
        .column_as(assistance_log::Column::Date.min(), "first")
        .column_as(assistance_log::Column::Date.max(), "last")
        .filter(assistance_log::Column::PairingId.in_subquery(reached))
        .into_tuple::<(Option<NaiveDate>, Option<NaiveDate>)>()
        .one(db)
        .await?;
    let mut gifts = donation::Entity::find()
        .select_only()
        .column_as(donation::Column::Date.min(), "first")
        .column_as(donation::Column::Date.max(), "last");
    if let Reach::Enterprise(own) = reach {
        gifts = gifts.filter(donation::Column::EnterpriseId.eq(*own));
    }
    let gifts = gifts.into_tuple::<(Option<NaiveDate>, Option<NaiveDate>)>().one(db).await?;
    let days = [logs, gifts].into_iter().flatten().flat_map(|(first, last)| [first, last]).flatten();
    let (first, last) = days.fold((None, None), |(lo, hi): (Option<NaiveDate>, Option<NaiveDate>), day| {
        (Some(lo.map_or(day, |lo| lo.min(day))), Some(hi.map_or(day, |hi| hi.max(day))))
    });
    Ok(match (first, last) {
        (Some(first), Some(last)) => (first.year()..=last.year()).collect(),
        _ => Vec::new(),
    })
}

/// The logs of these pairings dated `from`–`to`. A correction waits for the district's
/// confirmation: until then (or, asked as of a day, until confirmed by `confirmed_by`) it is
/// left out and the log it names still counts; once confirmed it takes that log's place.
async fn year_logs(
    db: &impl ConnectionTrait,
    pairings: Vec<i64>,
    (from, to): (NaiveDate, NaiveDate),
    confirmed_by: Option<NaiveDate>,
) -> AppResult<Vec<assistance_log::Model>> {
    let mut logs = Vec::new();
    for chunk in pairings.chunks(1_000) {
        logs.extend(
            assistance_log::Entity::find()
                .filter(assistance_log::Column::PairingId.is_in(chunk.to_vec()))
                .filter(assistance_log::Column::Date.between(from, to))
                .all(db)
                .await?,
        );
    }
    let confirmed = |l: &assistance_log::Model| l.confirmed_on.is_some_and(|on| confirmed_by.is_none_or(|by| on <= by));
    let corrected: HashSet<i64> = logs.iter().filter(|l| confirmed(l)).filter_map(|l| l.corrects).collect();
    logs.retain(|l| !corrected.contains(&l.id) && (l.corrects.is_none() || confirmed(l)));
    Ok(logs)
}

/// Each campaign's gifts in the year (an enterprise account: its own gifts).
async fn campaigns(
    db: &impl ConnectionTrait,
    reach: &Reach,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<Vec<CampaignFigures>> {
    let mut select = donation::Entity::find().filter(donation::Column::Date.between(from, to));
    if let Reach::Enterprise(own) = reach {
        select = select.filter(donation::Column::EnterpriseId.eq(*own));
    }
    let mut by_campaign: BTreeMap<String, CampaignFigures> = BTreeMap::new();
    for gift in select.all(db).await? {
        let figures = by_campaign.entry(gift.campaign.clone()).or_insert_with(|| CampaignFigures {
            campaign: gift.campaign.clone(),
            projects_claimed: 0,
            projects_fen: Fen::ZERO,
            donated_fen: Fen::ZERO,
        });
        match gift.kind {
            DonationKind::ProjectClaimed => {
                figures.projects_claimed += 1;
                figures.projects_fen = Fen::new(figures.projects_fen.fen() + gift.amount_fen);
            }
            DonationKind::Money => figures.donated_fen = Fen::new(figures.donated_fen.fen() + gift.amount_fen),
        }
    }
    Ok(by_campaign.into_values().collect())
}
