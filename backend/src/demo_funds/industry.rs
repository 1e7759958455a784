//! The demo year's industry: the subsidies (in `subsidies`), 97 business entities driving
//! 1,565 households of their own townships, 25 PV stations whose income goes to their villages
//! (in `pv`), and asset-income investments of 732 万元 for 396 households of 814 people.

use std::collections::HashMap;

use jingzhun_shared::{BusinessEntityKind, HouseholdStatus};
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};

use super::{Demo, WAN};
use crate::demo::DEMO_YEAR;
use crate::entities::{
    asset_investment, asset_investment_household, business_entity, business_entity_household, household, member,
};
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::org::placement::placement;

pub(super) async fn load(txn: &impl ConnectionTrait, demo: &Demo<'_>) -> AppResult<()> {
    super::subsidies::load(txn, demo).await?;
    business_entities(txn, demo).await?;
    super::pv::load(txn, demo).await?;
    asset_investments(txn, demo).await
}

/// 97 business entities driving 1,565 households.
async fn business_entities(txn: &impl ConnectionTrait, demo: &Demo<'_>) -> AppResult<()> {
    const ENTITIES: usize = 97;
    const DRIVEN: usize = 1_565;
    let kinds =
        [BusinessEntityKind::Cooperative, BusinessEntityKind::LeadingEnterprise, BusinessEntityKind::FamilyFarm];
    let industries = ["茶叶", "蔬菜", "黄牛", "中蜂", "泉水鱼", "香榧", "菊花", "休闲农业"];
    let villages = &demo.villages;
    let mut in_township: HashMap<i64, Vec<i64>> = HashMap::new();
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
        in_township.entry(village.parent_id.unwrap_or_default()).or_default().push(row.id);
    }
    // The driven households, spread over the district; each driven by an entity of its own
    // township, in turn.
    let n = demo.households.len();
    let mut turn: HashMap<i64, usize> = HashMap::new();
    let mut links = Vec::new();
    for k in 0..DRIVEN.min(n) {
        let h = &demo.households[(k * 6_007) % n];
        let entities = in_township
            .get(&h.township_id)
            .filter(|e| !e.is_empty())
            .ok_or_else(|| AppError::Internal(format!("no demo business entity in township {}", h.township_id)))?;
        let next = turn.entry(h.township_id).or_default();
        links.push(business_entity_household::ActiveModel {
            entity_id: Set(entities[*next % entities.len()]),
            household_id: Set(h.id),
        });
        *next += 1;
    }
    bulk::insert(txn, links).await
}

/// Asset-income investments: 732 万元 for 396 registered households of 814 people (资产收益
/// 带动 396 户 814 人).
async fn asset_investments(txn: &impl ConnectionTrait, demo: &Demo<'_>) -> AppResult<()> {
    let registered = asset_households(txn, demo).await?;
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

/// 396 registered households with 814 people between them: households of two and three people
/// (and one or four when those do not add up), spread over the registry.
async fn asset_households<'a>(txn: &impl ConnectionTrait, demo: &'a Demo<'_>) -> AppResult<Vec<&'a household::Model>> {
    const HOUSEHOLDS: usize = 396;
    const PEOPLE: usize = 814;
    let people = people_by_household(txn).await?;
    let mut by_size: HashMap<usize, Vec<&household::Model>> = HashMap::new();
    for h in demo.households.iter().filter(|h| h.status == HouseholdStatus::Registered) {
        by_size.entry(people.get(&h.id).copied().unwrap_or(0)).or_default().push(h);
    }
    let available = |size: usize| by_size.get(&size).map_or(0, Vec::len);
    // x1 + x2 + x3 + x4 = 396 and x1 + 2·x2 + 3·x3 + 4·x4 = 814, fewest threes and fours first.
    let mut plan = None;
    'search: for x4 in 0..=available(4) {
        for x3 in 0..=available(3) {
            let Some(households) = HOUSEHOLDS.checked_sub(x3 + x4) else { continue };
            let Some(people) = PEOPLE.checked_sub(3 * x3 + 4 * x4) else { continue };
            let Some(x2) = people.checked_sub(households) else { continue };
            let Some(x1) = households.checked_sub(x2) else { continue };
            if x1 <= available(1) && x2 <= available(2) {
                plan = Some([(1, x1), (2, x2), (3, x3), (4, x4)]);
                break 'search;
            }
        }
    }
    let plan =
        plan.ok_or_else(|| AppError::Internal("the demo registry has no 396 households of 814 people".into()))?;
    let mut chosen = Vec::new();
    for (size, count) in plan {
        let bucket = by_size.get(&size).map(Vec::as_slice).unwrap_or_default();
        chosen.extend((0..count).filter_map(|i| bucket.get(i * bucket.len() / count.max(1)).copied()));
    }
    chosen.sort_by_key(|h| h.id);
    Ok(chosen)
}

/// The number of members of every household.
async fn people_by_household(db: &impl ConnectionTrait) -> AppResult<HashMap<i64, usize>> {
    let query = Query::select()
        .column(member::Column::HouseholdId)
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("people"))
        .from(member::Entity)
        .group_by_col(member::Column::HouseholdId)
        .to_owned();
    let mut people = HashMap::new();
    for row in db.query_all(&query).await? {
        let n: i64 = row.try_get("", "people")?;
        people.insert(row.try_get("", "household_id")?, usize::try_from(n).unwrap_or(0));
    }
    Ok(people)
}
