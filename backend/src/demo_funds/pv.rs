//! The demo year's PV stations: 25 stations, 1,726 kW, over 31 villages of the 7 townships;
//! 16 connected. A connected station's income of the year (1,000 元 per kW) is credited to
//! its villages, and each of the 16 pays dividends to households of its first village (185
//! households in all) and, from what is left of that village's income, a public-welfare job's
//! wages and an award, never more than the village was credited.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use jingzhun_shared::PvDistributionKind;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};

use super::{Demo, date};
use crate::demo::DEMO_YEAR;
use crate::entities::{household, org_unit, pv_distribution, pv_income, pv_station, pv_station_village};
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::industry::pv_income::credit;
use crate::services::org::placement::placement;

/// A station's income of the year per kW, in fen.
const INCOME_PER_KW: i64 = 1_000 * 100;
/// Households paid a dividend (已分红到户 185 户).
const DIVIDEND_HOUSEHOLDS: usize = 185;
const CONNECTED: usize = 16;

/// The 31 villages that share PV income: taken township by township in turn, so all seven
/// townships have one.
fn share_villages<'a>(demo: &Demo<'a>) -> Vec<&'a org_unit::Model> {
    let by_township: Vec<Vec<&org_unit::Model>> = demo
        .townships
        .iter()
        .map(|t| demo.villages.iter().copied().filter(|v| v.parent_id == Some(t.id)).collect())
        .collect();
    let mut share_villages = Vec::new();
    for round in 0.. {
        let before = share_villages.len();
        for list in &by_township {
            if let Some(v) = list.get(round) {
                share_villages.push(*v);
            }
        }
        if share_villages.len() >= 31 || share_villages.len() == before {
            break;
        }
    }
    share_villages.truncate(31);
    share_villages
}

pub(super) async fn load(txn: &impl ConnectionTrait, demo: &Demo<'_>) -> AppResult<()> {
    let share_villages = share_villages(demo);
    let capacities = [60, 100, 40, 80, 65];
    let mut households_by_village: HashMap<i64, Vec<&household::Model>> = HashMap::new();
    for h in &demo.households {
        households_by_village.entry(h.village_id).or_default().push(h);
    }
    let mut paid = Vec::new();
    let mut dividend_households = 0;
    for s in 0..25usize {
        let mut mine = vec![share_villages[s % share_villages.len()]];
        if s + 25 < share_villages.len() {
            mine.push(share_villages[s + 25]);
        }
        let connected = (s < CONNECTED).then(|| date(4, 1)).transpose()?.map(|d| d + Duration::days((s * 9) as i64));
        let capacity = capacities[s % capacities.len()] + i32::from(s == 0);
        let mut row = pv_station::ActiveModel {
            name: Set(format!("{}光伏电站", mine[0].name)),
            capacity_kw: Set(capacity),
            grid_connected_on: Set(connected),
            version: Set(1),
            created_at: Set(demo.now),
            ..Default::default()
        };
        placement(mine[0]).apply(&mut row)?;
        let row = row.insert(txn).await?;
        let mut village_ids: Vec<i64> = mine.iter().map(|v| v.id).collect();
        village_ids.sort_unstable();
        let village_links: Vec<pv_station_village::ActiveModel> = village_ids
            .iter()
            .map(|v| pv_station_village::ActiveModel { station_id: Set(row.id), village_id: Set(*v) })
            .collect();
        bulk::insert(txn, village_links).await?;
        let Some(on) = connected else { continue };
        let income = pv_income::ActiveModel {
            station_id: Set(row.id),
            year: Set(DEMO_YEAR),
            amount_fen: Set(i64::from(capacity) * INCOME_PER_KW),
            recorded_on: Set(date(11, 20)?),
            created_at: Set(demo.now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        credit(txn, &income, &village_ids).await?;
        // The first village's part: the villages are credited in id order, the odd fen first.
        let first = village_ids.iter().position(|v| *v == mine[0].id).unwrap_or(0);
        let part =
            jingzhun_shared::industry::village_parts(jingzhun_shared::Fen::new(income.amount_fen), village_ids.len())
                .get(first)
                .map_or(0, |p| p.fen());
        let quota = DIVIDEND_HOUSEHOLDS / CONNECTED + usize::from(s < DIVIDEND_HOUSEHOLDS % CONNECTED);
        let candidates = households_by_village.get(&mine[0].id).cloned().unwrap_or_default();
        let station = Station { id: row.id, village_id: mine[0].id, paid_on: on + Duration::days(120) };
        dividend_households += candidates.len().min(quota);
        distribute(&mut paid, &station, &candidates, quota, part, demo)?;
    }
    if dividend_households != DIVIDEND_HOUSEHOLDS {
        return Err(AppError::Internal(format!("demo dividends reached {dividend_households} households, not 185")));
    }
    bulk::insert(txn, paid).await
}

/// Where a station's payments go: its first village, on one day.
struct Station {
    id: i64,
    village_id: i64,
    paid_on: NaiveDate,
}

/// Dividends to the first `quota` of `candidates`, then, from what is left of the village's
/// `credited` income, a public-welfare job's wages and an award to the next households.
fn distribute(
    paid: &mut Vec<pv_distribution::ActiveModel>,
    station: &Station,
    candidates: &[&household::Model],
    quota: usize,
    credited: i64,
    demo: &Demo<'_>,
) -> AppResult<()> {
    let payment = |h: &household::Model, kind, amount: i64| pv_distribution::ActiveModel {
        station_id: Set(station.id),
        village_id: Set(station.village_id),
        household_id: Set(h.id),
        kind: Set(kind),
        year: Set(station.paid_on.year()),
        amount_fen: Set(amount),
        paid_on: Set(station.paid_on),
        created_at: Set(demo.now),
        ..Default::default()
    };
    let mut left = credited;
    for (i, h) in candidates.iter().take(quota).enumerate() {
        let amount = 100_000 + (i as i64 % 5) * 10_000;
        left -= amount;
        paid.push(payment(h, PvDistributionKind::Dividend, amount));
    }
    let mut others = candidates.iter().skip(quota);
    for (kind, amount) in [(PvDistributionKind::PublicWelfareWage, 600_000), (PvDistributionKind::Award, 200_000)] {
        if left >= amount
            && let Some(h) = others.next()
        {
            left -= amount;
            paid.push(payment(h, kind, amount));
        }
    }
    if left < 0 {
        return Err(AppError::Internal(format!("demo station {} pays more than its village's income", station.id)));
    }
    Ok(())
}
