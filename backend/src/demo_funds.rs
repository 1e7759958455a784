//! The demo year's money and industry, generated as records so that what the system computes
//! from them matches the seed report: 4 batches with 37 / 13 / 19 / 12 projects and
//! 1,013.7 / 440.039 / 896.4 / 181.1 万元; 62 industry projects with 1,918.6 万元; every project
//! started, 69 completed, 98.06 % of the budget spent; 25 PV stations of 1,726 kW over 31
//! villages in 7 townships, 16 connected, dividends to 185 households; 97 business entities
//! driving 1,565 households; asset-income investments of 732 万元 for 396 households; the
//! 13-item subsidy menu and subsidies to 2,009 of the 2,235 households on file (89.9 %).

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, Utc};
use jingzhun_shared::funds::Quantity;
use jingzhun_shared::{BusinessEntityKind, FundSource, HouseholdStatus, OrgLevel, ProjectKind, ProjectStatus};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use crate::demo::DEMO_YEAR;
use crate::entities::{
    asset_investment, asset_investment_household, business_entity, business_entity_household, expenditure, fund_batch,
    household, industry_subsidy, org_unit, project, pv_dividend, pv_station, pv_station_village, subsidy_menu_item,
};
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::industry::subsidy_amount;
use crate::services::org::placement::placement;

/// 万元 in fen.
const WAN: i64 = 1_000_000;

/// (seq, name, document, source, issued, industry projects, other projects, industry fen, other fen)
type BatchPlan = (i32, &'static str, &'static str, FundSource, (u32, u32), usize, usize, i64, i64);

const BATCHES: &[BatchPlan] = &[
    (1, "第一批财政专项扶贫资金", "财农〔2020〕12号", FundSource::Central, (2, 20), 28, 9, 763_700_000, 250_000_000),
    (2, "第二批财政专项扶贫资金", "财农〔2020〕45号", FundSource::Provincial, (4, 15), 10, 3, 327_400_000, 112_639_000),
    (3, "第三批财政专项扶贫资金", "财农〔2020〕78号", FundSource::Municipal, (6, 10), 15, 4, 716_400_000, 180_000_000),
    (4, "第四批财政专项扶贫资金", "区财〔2020〕31号", FundSource::District, (8, 28), 9, 3, 111_100_000, 70_000_000),
];

/// Projects finished (and paid in full): the first 69 in order, i.e. the first three batches.
const COMPLETED: usize = 69;
/// What the year spends: 98.06 % of 2,531.239 万元, in fen.
const SPENT: i64 = 2_482_132_960;

const INDUSTRY_NAMES: &[&str] = &[
    "茶园提质改造",
    "蔬菜大棚",
    "黄牛养殖场",
    "中蜂养殖基地",
    "泉水鱼养殖池",
    "香榧基地",
    "菊花种植基地",
    "休闲农业园",
];
const OTHER_KINDS: &[(ProjectKind, &str)] = &[
    (ProjectKind::Infrastructure, "村组道路硬化"),
    (ProjectKind::Employment, "扶贫车间"),
    (ProjectKind::Education, "教育助学"),
    (ProjectKind::Health, "村卫生室改造"),
    (ProjectKind::Housing, "危房改造"),
    (ProjectKind::Ecology, "公益林管护"),
    (ProjectKind::Other, "饮水安全工程"),
];

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

fn date(month: u32, day: u32) -> AppResult<NaiveDate> {
    NaiveDate::from_ymd_opt(DEMO_YEAR, month, day).ok_or_else(|| AppError::Internal("demo date".to_owned()))
}

/// `total` split over `n` parts with uneven weights, in whole 百元, the last taking the rest.
fn split(total: i64, n: usize, salt: usize) -> Vec<i64> {
    let weights: Vec<i64> = (0..n).map(|i| 3 + ((i + salt) * 7 % 5) as i64).collect();
    let sum: i64 = weights.iter().sum();
    let mut parts: Vec<i64> = weights.iter().map(|w| total * w / sum / 10_000 * 10_000).collect();
    let given: i64 = parts.iter().sum();
    if let Some(last) = parts.last_mut() {
        *last += total - given;
    }
    parts
}

/// Loads the demo money and industry when no fund batch exists yet; `false` when one did.
pub async fn load(db: &DatabaseConnection) -> AppResult<bool> {
    let txn = db.begin().await?;
    if fund_batch::Entity::find().count(&txn).await? > 0 {
        return Ok(false);
    }
    let units = org_unit::Entity::find().order_by_asc(org_unit::Column::Code).all(&txn).await?;
    let district = units
        .iter()
        .find(|u| u.level == OrgLevel::District)
        .ok_or_else(|| AppError::Internal("the demo funds need the demo district".to_owned()))?;
    let villages: Vec<&org_unit::Model> = units.iter().filter(|u| u.level == OrgLevel::Village).collect();
    let townships: Vec<&org_unit::Model> = units.iter().filter(|u| u.level == OrgLevel::Township).collect();
    let households = household::Entity::find()
        .filter(household::Column::Status.is_in([HouseholdStatus::Registered, HouseholdStatus::Exited]))
        .order_by_asc(household::Column::Id)
        .all(&txn)
        .await?;
    if villages.is_empty() || households.is_empty() {
        return Err(AppError::Internal("the demo funds need the demo registry".to_owned()));
    }
    let now = Utc::now();

    // Batches and projects.
    let mut projects = Vec::new();
    let (mut industry_no, mut other_no) = (0usize, 0usize);
    for (b, (seq, name, document, source, (month, day), industry, others, industry_fen, other_fen)) in
        BATCHES.iter().enumerate()
    {
        let batch = fund_batch::ActiveModel {
            year: Set(DEMO_YEAR),
            seq: Set(*seq),
            name: Set((*name).to_owned()),
            document_no: Set((*document).to_owned()),
            source: Set(*source),
            issued_on: Set(date(*month, *day)?),
            org_unit_id: Set(district.id),
            org_path: Set(district.path.clone()),
            version: Set(1),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let budgets = split(*industry_fen, *industry, b).into_iter().map(|f| (true, f));
        let budgets = budgets.chain(split(*other_fen, *others, b + 1).into_iter().map(|f| (false, f)));
        for (is_industry, budget) in budgets {
            let (kind, title, unit) = if is_industry {
                // Every village gets an industry project before any gets a second.
                let village = villages[industry_no % villages.len()];
                industry_no += 1;
                (ProjectKind::Industry, INDUSTRY_NAMES[industry_no % INDUSTRY_NAMES.len()], village)
            } else {
                let (kind, title) = OTHER_KINDS[other_no % OTHER_KINDS.len()];
                other_no += 1;
                // Every third is a township's project; the rest a village's.
                let unit = if other_no % 3 == 0 {
                    townships[other_no % townships.len()]
                } else {
                    villages[(other_no * 5) % villages.len()]
                };
                (kind, title, unit)
            };
            projects.push((batch.id, kind, format!("{}{}", unit.name, title), unit, budget));
        }
    }
    let total_budget: i64 = projects.iter().map(|p| p.4).sum();
    let completed_budget: i64 = projects.iter().take(COMPLETED).map(|p| p.4).sum();
    let open_budget = total_budget - completed_budget;
    let mut left_to_spend = SPENT - completed_budget;
    let mut expenditures = Vec::new();
    let open_count = projects.len() - COMPLETED;
    for (i, (batch_id, kind, name, unit, budget)) in projects.iter().enumerate() {
        let started = date(3, 1)? + Duration::days((i * 2) as i64);
        let completed = (i < COMPLETED).then(|| started + Duration::days(90 + (i % 60) as i64));
        let accepted = completed.filter(|_| i < 40).map(|d| d + Duration::days(20));
        let spent = if i < COMPLETED {
            *budget
        } else if i + 1 == projects.len() {
            left_to_spend
        } else {
            // The open projects share what is left of the year's spending by budget.
            let share = (SPENT - completed_budget) * budget / open_budget / 100 * 100;
            left_to_spend -= share;
            share
        };
        let place = placement(unit);
        let status = if accepted.is_some() {
            ProjectStatus::Accepted
        } else if completed.is_some() {
            ProjectStatus::Completed
        } else {
            ProjectStatus::Started
        };
        let row = project::ActiveModel {
            batch_id: Set(*batch_id),
            year: Set(DEMO_YEAR),
            name: Set(name.clone()),
            kind: Set(*kind),
            district_id: Set(place.district_id),
            org_unit_id: Set(place.org_unit_id),
            org_path: Set(place.org_path),
            township_id: Set(place.township_id),
            village_id: Set(place.village_id),
            budget_fen: Set(*budget),
            spent_fen: Set(spent),
            status: Set(status),
            started_on: Set(Some(started)),
            completed_on: Set(completed),
            accepted_on: Set(accepted),
            beneficiary_households: Set(10 + (i * 13 % 60) as i32),
            version: Set(1),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        // Paid in two or three instalments.
        let parts = 2 + i % 2;
        let first = spent / parts as i64 / 100 * 100;
        for k in 0..parts {
            let amount = if k + 1 == parts { spent - first * (parts as i64 - 1) } else { first };
            expenditures.push(expenditure::ActiveModel {
                project_id: Set(row.id),
                amount_fen: Set(amount),
                paid_on: Set(started + Duration::days(15 + 30 * k as i64)),
                voucher_no: Set(format!("PZ{DEMO_YEAR}-{:03}-{}", i + 1, k + 1)),
                created_at: Set(now),
                ..Default::default()
            });
        }
    }
    if open_count == 0 || left_to_spend < 0 {
        return Err(AppError::Internal("demo spending plan does not add up".to_owned()));
    }
    bulk::insert(&txn, expenditures).await?;

    // The subsidy menu and subsidies to 2,009 households.
    let mut menu = Vec::new();
    for (name, unit, yuan, cap) in MENU {
        menu.push(
            subsidy_menu_item::ActiveModel {
                year: Set(DEMO_YEAR),
                name: Set((*name).to_owned()),
                unit: Set((*unit).to_owned()),
                standard_fen: Set(yuan * 100),
                cap_fen: Set(cap.map(|c| c * 100)),
                version: Set(1),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?,
        );
    }
    const SUBSIDISED: usize = 2_009;
    let n = households.len();
    let mut subsidies = Vec::new();
    for k in 0..SUBSIDISED.min(n) {
        // A permutation of the households, so those without a subsidy are spread out.
        let h = &households[(k * 7_919) % n];
        for j in 0..(1 + k % 2) {
            let item = &menu[(k + j * 5) % menu.len()];
            let quantity = Quantity(100 * (1 + (k % 4) as i64) + if k % 3 == 0 { 50 } else { 0 });
            let (amount, capped) = subsidy_amount(quantity, item, 0).map_err(|(_, m)| AppError::Internal(m))?;
            subsidies.push(industry_subsidy::ActiveModel {
                household_id: Set(h.id),
                village_id: Set(h.village_id),
                township_id: Set(h.township_id),
                org_path: Set(h.org_path.clone()),
                item_id: Set(item.id),
                year: Set(DEMO_YEAR),
                quantity: Set(quantity.0),
                amount_fen: Set(amount),
                capped: Set(capped),
                note: Set(None),
                created_at: Set(now),
                ..Default::default()
            });
        }
    }
    bulk::insert(&txn, subsidies).await?;

    // 97 business entities driving 1,565 households.
    const ENTITIES: usize = 97;
    const DRIVEN: usize = 1_565;
    let kinds =
        [BusinessEntityKind::Cooperative, BusinessEntityKind::LeadingEnterprise, BusinessEntityKind::FamilyFarm];
    let industries = ["茶叶", "蔬菜", "黄牛", "中蜂", "泉水鱼", "香榧", "菊花", "休闲农业"];
    let mut links = Vec::new();
    for e in 0..ENTITIES {
        let village = villages[e % villages.len()];
        let place = placement(village);
        let kind = kinds[e % kinds.len()];
        let suffix = match kind {
            BusinessEntityKind::Cooperative => "专业合作社",
            BusinessEntityKind::LeadingEnterprise => "农业发展有限公司",
            BusinessEntityKind::FamilyFarm => "家庭农场",
        };
        let industry = industries[e % industries.len()];
        let row = business_entity::ActiveModel {
            org_unit_id: Set(place.org_unit_id),
            org_path: Set(place.org_path),
            township_id: Set(place.township_id),
            village_id: Set(place.village_id),
            name: Set(format!(
                "{}{}{}{}",
                village.name.trim_end_matches('村'),
                industry,
                suffix,
                e / villages.len() + 1
            )),
            kind: Set(kind),
            industry: Set(industry.to_owned()),
            version: Set(1),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for h in households.iter().take(DRIVEN.min(n)).skip(e).step_by(ENTITIES) {
            links.push(business_entity_household::ActiveModel { entity_id: Set(row.id), household_id: Set(h.id) });
        }
    }
    bulk::insert(&txn, links).await?;

    // 25 PV stations, 1,726 kW, over 31 villages of the 7 townships; 16 connected.
    let by_township: Vec<Vec<&org_unit::Model>> =
        townships.iter().map(|t| villages.iter().copied().filter(|v| v.parent_id == Some(t.id)).collect()).collect();
    // Villages taken township by township in turn, so all seven have one.
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
    let capacities = [60, 100, 40, 80, 65];
    let mut households_by_village: HashMap<i64, Vec<&household::Model>> = HashMap::new();
    for h in &households {
        households_by_village.entry(h.village_id).or_default().push(h);
    }
    let mut dividends = Vec::new();
    let mut paid = 0usize;
    for s in 0..25usize {
        let mut mine = vec![share_villages[s % share_villages.len()]];
        if s + 25 < share_villages.len() {
            mine.push(share_villages[s + 25]);
        }
        let place = placement(mine[0]);
        let connected = (s < 16).then(|| date(4, 1)).transpose()?.map(|d| d + Duration::days((s * 9) as i64));
        let row = pv_station::ActiveModel {
            org_unit_id: Set(place.org_unit_id),
            org_path: Set(place.org_path),
            township_id: Set(place.township_id),
            village_id: Set(place.village_id),
            name: Set(format!("{}光伏电站", mine[0].name)),
            capacity_kw: Set(capacities[s % capacities.len()] + i32::from(s == 0)),
            grid_connected_on: Set(connected),
            version: Set(1),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let village_links: Vec<pv_station_village::ActiveModel> = mine
            .iter()
            .map(|v| pv_station_village::ActiveModel { station_id: Set(row.id), village_id: Set(v.id) })
            .collect();
        bulk::insert(&txn, village_links).await?;
        // Dividends: 185 households in all, in the villages of connected stations.
        if let Some(on) = connected {
            let quota = 185 / 16 + usize::from(s < 185 % 16);
            let candidates = households_by_village.get(&mine[0].id).cloned().unwrap_or_default();
            for h in candidates.iter().take(quota) {
                dividends.push(pv_dividend::ActiveModel {
                    station_id: Set(row.id),
                    household_id: Set(h.id),
                    amount_fen: Set(100_000 + (paid as i64 % 5) * 10_000),
                    paid_on: Set(on + Duration::days(120)),
                    created_at: Set(now),
                    ..Default::default()
                });
                paid += 1;
            }
        }
    }
    if paid != 185 {
        return Err(AppError::Internal(format!("demo dividends reached {paid} households, not 185")));
    }
    bulk::insert(&txn, dividends).await?;

    // Asset-income investments: 732 万元 for 396 registered households.
    let registered: Vec<&household::Model> =
        households.iter().filter(|h| h.status == HouseholdStatus::Registered).take(396).collect();
    let investments = [("光伏", 300), ("烟叶", 150), ("旅游", 120), ("花卉", 90), ("家庭农场", 72)];
    for (i, (sector, wan)) in investments.iter().enumerate() {
        let township = townships[i % townships.len()];
        let place = placement(township);
        let row = asset_investment::ActiveModel {
            org_unit_id: Set(place.org_unit_id),
            org_path: Set(place.org_path),
            township_id: Set(place.township_id),
            village_id: Set(place.village_id),
            year: Set(DEMO_YEAR),
            name: Set(format!("{}{}资产收益项目", township.name, sector)),
            sector: Set((*sector).to_owned()),
            amount_fen: Set(wan * WAN),
            version: Set(1),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let links: Vec<asset_investment_household::ActiveModel> = registered
            .iter()
            .skip(i)
            .step_by(investments.len())
            .map(|h| asset_investment_household::ActiveModel { investment_id: Set(row.id), household_id: Set(h.id) })
            .collect();
        bulk::insert(&txn, links).await?;
    }
    txn.commit().await?;
    Ok(true)
}
