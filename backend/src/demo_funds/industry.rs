//! The demo year's industry: the 13-item subsidy menu and subsidies to 2,009 households, 97
//! business entities driving 1,565 households, 25 PV stations with dividends to 185
//! households, and asset-income investments of 732 万元 for 396 households.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use jingzhun_shared::industry::Quantity;
use jingzhun_shared::{BusinessEntityKind, HouseholdStatus};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};

use super::{Demo, WAN, date};
use crate::demo::DEMO_YEAR;
use crate::entities::{
    asset_investment, asset_investment_household, business_entity, business_entity_household, household,
    industry_subsidy, org_unit, pv_dividend, pv_station, pv_station_village, subsidy_menu_item,
};
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::industry::subsidies::menu_amount;
use crate::services::org::placement::placement;

/// (name, unit, 元 per unit, cap per household in 元)
const MENU: &[(&str, &str, i64, Option<i64>)] = &[
    ("茶叶", "亩", 800, Some(4_000)),
    ("蔬菜", "亩", 600, Some(3_000)),
    ("黄牛", "头", 3_000, Some(6_000)),
    ("生猪", "头", 500, Some(3_000)),
    ("家禽", "只", 20, Some(2_000)),
    ("中蜂", "箱", 300, Some(3_000)),
    ("泉水鱼", "口", 2_000, Some(4_000)),
    ("香榧", "亩", 500, Some(3_000)),
    ("菊花", "亩", 800, Some(4_000)),
    ("休闲农业", "户", 3_000, Some(3_000)),
    ("油茶", "亩", 600, Some(3_000)),
    ("山羊", "只", 400, Some(4_000)),
    ("水产养殖", "亩", 1_000, Some(4_000)),
];

pub(super) async fn load(txn: &impl ConnectionTrait, demo: &Demo<'_>) -> AppResult<()> {
    subsidies(txn, demo).await?;
    business_entities(txn, demo).await?;
    pv_stations(txn, demo).await?;
    asset_investments(txn, demo).await
}

/// The subsidy menu and subsidies to 2,009 households.
async fn subsidies(txn: &impl ConnectionTrait, demo: &Demo<'_>) -> AppResult<()> {
    const SUBSIDISED: usize = 2_009;
    let mut menu = Vec::new();
    for (name, unit, yuan, cap) in MENU {
        let item = subsidy_menu_item::ActiveModel {
            year: Set(DEMO_YEAR),
            name: Set((*name).to_owned()),
            unit: Set((*unit).to_owned()),
            standard_fen: Set(yuan * 100),
            cap_fen: Set(cap.map(|c| c * 100)),
            version: Set(1),
            created_at: Set(demo.now),
            ..Default::default()
        };
        menu.push(item.insert(txn).await?);
    }
    let households = &demo.households;
    let n = households.len();
    let mut subsidies = Vec::new();
    for k in 0..SUBSIDISED.min(n) {
        // A permutation of the households, so those without a subsidy are spread out.
        let h = &households[(k * 7_919) % n];
        for j in 0..(1 + k % 2) {
            let item = &menu[(k + j * 5) % menu.len()];
            let quantity = Quantity::from_hundredths(100 * (1 + (k % 4) as i64) + if k % 3 == 0 { 50 } else { 0 });
            let (amount, capped) = menu_amount(quantity, item, 0).map_err(|(_, m)| AppError::Internal(m))?;
            subsidies.push(industry_subsidy::ActiveModel {
                household_id: Set(h.id),
                village_id: Set(h.village_id),
                township_id: Set(h.township_id),
                org_path: Set(h.org_path.clone()),
                item_id: Set(item.id),
                year: Set(DEMO_YEAR),
                quantity: Set(quantity.hundredths()),
                amount_fen: Set(amount),
                capped: Set(capped),
                note: Set(None),
                created_at: Set(demo.now),
                ..Default::default()
            });
        }
    }
    bulk::insert(txn, subsidies).await
}

/// 97 business entities driving 1,565 households.
async fn business_entities(txn: &impl ConnectionTrait, demo: &Demo<'_>) -> AppResult<()> {
    const ENTITIES: usize = 97;
    const DRIVEN: usize = 1_565;
    let kinds =
        [BusinessEntityKind::Cooperative, BusinessEntityKind::LeadingEnterprise, BusinessEntityKind::FamilyFarm];
    let industries = ["茶叶", "蔬菜", "黄牛", "中蜂", "泉水鱼", "香榧", "菊花", "休闲农业"];
    let villages = &demo.villages;
    let mut links = Vec::new();
    for e in 0..ENTITIES {
        let village = villages[e % villages.len()];
        let kind = kinds[e % kinds.len()];
        let suffix = match kind {
            BusinessEntityKind::Cooperative => "专业合作社",
            BusinessEntityKind::LeadingEnterprise => "农业发展有限公司",
            BusinessEntityKind::FamilyFarm => "家庭农场",
        };
        let industry = industries[e % industries.len()];
        let name = format!("{}{}{}{}", village.name.trim_end_matches('村'), industry, suffix, e / villages.len() + 1);
        let mut row = business_entity::ActiveModel {
            name: Set(name),
            kind: Set(kind),
            industry: Set(industry.to_owned()),
            version: Set(1),
            created_at: Set(demo.now),
            ..Default::default()
        };
        placement(village).apply(&mut row)?;
        let row = row.insert(txn).await?;
        for h in demo.households.iter().take(DRIVEN.min(demo.households.len())).skip(e).step_by(ENTITIES) {
            links.push(business_entity_household::ActiveModel { entity_id: Set(row.id), household_id: Set(h.id) });
        }
    }
    bulk::insert(txn, links).await
}

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

/// 25 PV stations, 1,726 kW, over 31 villages of the 7 townships; 16 connected, paying
/// dividends to 185 households of their villages.
async fn pv_stations(txn: &impl ConnectionTrait, demo: &Demo<'_>) -> AppResult<()> {
    let share_villages = share_villages(demo);
    let capacities = [60, 100, 40, 80, 65];
    let mut households_by_village: HashMap<i64, Vec<&household::Model>> = HashMap::new();
    for h in &demo.households {
        households_by_village.entry(h.village_id).or_default().push(h);
    }
    let mut dividends = Vec::new();
    for s in 0..25usize {
        let mut mine = vec![share_villages[s % share_villages.len()]];
        if s + 25 < share_villages.len() {
            mine.push(share_villages[s + 25]);
        }
        let connected = (s < 16).then(|| date(4, 1)).transpose()?.map(|d| d + Duration::days((s * 9) as i64));
        let mut row = pv_station::ActiveModel {
            name: Set(format!("{}光伏电站", mine[0].name)),
            capacity_kw: Set(capacities[s % capacities.len()] + i32::from(s == 0)),
            grid_connected_on: Set(connected),
            version: Set(1),
            created_at: Set(demo.now),
            ..Default::default()
        };
        placement(mine[0]).apply(&mut row)?;
        let row = row.insert(txn).await?;
        let village_links: Vec<pv_station_village::ActiveModel> = mine
            .iter()
            .map(|v| pv_station_village::ActiveModel { station_id: Set(row.id), village_id: Set(v.id) })
            .collect();
        bulk::insert(txn, village_links).await?;
        if let Some(on) = connected {
            let quota = 185 / 16 + usize::from(s < 185 % 16);
            let candidates = households_by_village.get(&mine[0].id).cloned().unwrap_or_default();
            pay_dividends(&mut dividends, row.id, &candidates, quota, on, demo);
        }
    }
    if dividends.len() != 185 {
        return Err(AppError::Internal(format!("demo dividends reached {} households, not 185", dividends.len())));
    }
    bulk::insert(txn, dividends).await
}

/// Dividends of station `station_id` to the first `quota` of `candidates`.
fn pay_dividends(
    dividends: &mut Vec<pv_dividend::ActiveModel>,
    station_id: i64,
    candidates: &[&household::Model],
    quota: usize,
    on: NaiveDate,
    demo: &Demo<'_>,
) {
    for h in candidates.iter().take(quota) {
        let paid = dividends.len();
        dividends.push(pv_dividend::ActiveModel {
            station_id: Set(station_id),
            household_id: Set(h.id),
            amount_fen: Set(100_000 + (paid as i64 % 5) * 10_000),
            paid_on: Set(on + Duration::days(120)),
            created_at: Set(demo.now),
            ..Default::default()
        });
    }
}

/// Asset-income investments: 732 万元 for 396 registered households.
async fn asset_investments(txn: &impl ConnectionTrait, demo: &Demo<'_>) -> AppResult<()> {
    let registered: Vec<&household::Model> =
        demo.households.iter().filter(|h| h.status == HouseholdStatus::Registered).take(396).collect();
    let investments = [("光伏", 300), ("烟叶", 150), ("旅游", 120), ("花卉", 90), ("家庭农场", 72)];
    for (i, (sector, wan)) in investments.iter().enumerate() {
        let township = demo.townships[i % demo.townships.len()];
        let mut row = asset_investment::ActiveModel {
            year: Set(DEMO_YEAR),
            name: Set(format!("{}{}资产收益项目", township.name, sector)),
            sector: Set((*sector).to_owned()),
            amount_fen: Set(wan * WAN),
            version: Set(1),
            created_at: Set(demo.now),
            ..Default::default()
        };
        placement(township).apply(&mut row)?;
        let row = row.insert(txn).await?;
        let links: Vec<asset_investment_household::ActiveModel> = registered
            .iter()
            .skip(i)
            .step_by(investments.len())
            .map(|h| asset_investment_household::ActiveModel { investment_id: Set(row.id), household_id: Set(h.id) })
            .collect();
        bulk::insert(txn, links).await?;
    }
    Ok(())
}
