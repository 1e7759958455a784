//! The demo year's four batches, their 81 projects and the projects' payments.
//!
//! Each batch is issued with the amount its projects then take; each project's plan is
//! announced after the batch is issued and work starts after the announcement, and every date
//! (starts, completions, payments) falls by the end of September, the report's "9月底", so the
//! rates as of 2020-09-30 are the seed's.

use chrono::{Duration, NaiveDate};
use jingzhun_shared::{FundSource, ProjectKind, ProjectStatus};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};

use super::{Demo, date, split};
use crate::demo::DEMO_YEAR;
use crate::entities::{expenditure, fund_batch, fund_batch_source, org_unit, project, project_household};
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::org::placement::placement;

/// (seq, name, document, source, issued, industry projects, other projects, industry fen, other fen)
type BatchPlan = (i32, &'static str, &'static str, FundSource, (u32, u32), usize, usize, i64, i64);

/// Whose money each batch is (the report names central, provincial, municipal and district
/// money without splitting it by batch): the shares add up to the batch's amount.
const SHARES: &[&[(FundSource, i64)]] = &[
    &[(FundSource::Central, 763_700_000), (FundSource::Provincial, 250_000_000)],
    &[(FundSource::Provincial, 440_039_000)],
    &[(FundSource::Central, 500_000_000), (FundSource::Municipal, 396_400_000)],
    &[(FundSource::District, 181_100_000)],
];

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
    (ProjectKind::Infrastructure, "饮水安全工程"),
];

/// Where the report's 饮水安全 projects were built (of the villages the demo district has).
const WATER_VILLAGES: &[&str] = &["竦塘村", "石川村"];

/// What a project of this title builds: the unit, and the quantity in hundredths for the
/// project's number `i` and its beneficiary households (`households`).
fn output(title: &str, i: usize, households: usize) -> (i64, &'static str) {
    let i = i as i64;
    match title {
        // The report's roads: 40.045 km over 12 projects, about 3.3 km each.
        "村组道路硬化" => (250 + i * 37 % 160, "公里"),
        "饮水安全工程" | "危房改造" => (households as i64 * 100, "户"),
        "扶贫车间" | "村卫生室改造" => ((200 + i * 53 % 400) * 100, "平方米"),
        "教育助学" => (households as i64 * 100, "人"),
        "公益林管护" => ((300 + i * 71 % 500) * 100, "亩"),
        "黄牛养殖场" => ((20 + i % 30) * 100, "头"),
        "中蜂养殖基地" => ((50 + i % 80) * 100, "箱"),
        "泉水鱼养殖池" => ((500 + i * 31 % 800) * 100, "平方米"),
        "蔬菜大棚" => ((3 + i % 10) * 100, "个"),
        _ => ((50 + i * 17 % 250) * 100, "亩"),
    }
}

/// A project to file.
struct Planned<'a> {
    batch_id: i64,
    issued_on: NaiveDate,
    /// Its place among the batch's projects.
    in_batch: usize,
    kind: ProjectKind,
    title: &'static str,
    name: String,
    unit: &'a org_unit::Model,
    budget: i64,
}

pub(super) async fn load(txn: &impl ConnectionTrait, demo: &Demo<'_>) -> AppResult<()> {
    let planned = plan(txn, demo).await?;
    insert_projects(txn, demo, &planned).await
}

/// Files the batches and plans their projects: every village gets an industry project before
/// any gets a second; every third other project is a township's.
async fn plan<'a>(txn: &impl ConnectionTrait, demo: &Demo<'a>) -> AppResult<Vec<Planned<'a>>> {
    let mut projects = Vec::new();
    let (mut industry_no, mut other_no) = (0usize, 0usize);
    for (b, (seq, name, document, source, (month, day), industry, others, industry_fen, other_fen)) in
        BATCHES.iter().enumerate()
    {
        let issued = industry_fen + other_fen;
        let batch = fund_batch::ActiveModel {
            year: Set(DEMO_YEAR),
            seq: Set(*seq),
            name: Set((*name).to_owned()),
            document_no: Set((*document).to_owned()),
            source: Set(*source),
            issued_on: Set(date(*month, *day)?),
            issued_fen: Set(issued),
            allocated_fen: Set(issued),
            org_unit_id: Set(demo.district.id),
            org_path: Set(demo.district.path.clone()),
            version: Set(1),
            created_at: Set(demo.now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let shares = SHARES.get(b).copied().unwrap_or_default();
        if shares.iter().map(|(_, fen)| fen).sum::<i64>() != issued {
            return Err(AppError::Internal("demo batch shares do not add up".to_owned()));
        }
        let shares = shares.iter().map(|(source, fen)| fund_batch_source::ActiveModel {
            batch_id: Set(batch.id),
            source: Set(*source),
            amount_fen: Set(*fen),
        });
        bulk::insert(txn, shares.collect()).await?;
        let budgets = split(*industry_fen, *industry, b).into_iter().map(|f| (true, f));
        let budgets = budgets.chain(split(*other_fen, *others, b + 1).into_iter().map(|f| (false, f)));
        for (in_batch, (is_industry, budget)) in budgets.enumerate() {
            let (kind, title, unit) = if is_industry {
                let village = demo.villages[industry_no % demo.villages.len()];
                industry_no += 1;
                (ProjectKind::Industry, INDUSTRY_NAMES[industry_no % INDUSTRY_NAMES.len()], village)
            } else {
                let (kind, title) = OTHER_KINDS[other_no % OTHER_KINDS.len()];
                other_no += 1;
                let water = WATER_VILLAGES.get(other_no / OTHER_KINDS.len() % WATER_VILLAGES.len());
                let water = water.and_then(|name| demo.villages.iter().find(|v| v.name == *name));
                let unit = if let Some(village) = water.filter(|_| title == "饮水安全工程") {
                    village
                } else if other_no % 3 == 0 {
                    demo.townships[other_no % demo.townships.len()]
                } else {
                    demo.villages[(other_no * 5) % demo.villages.len()]
                };
                (kind, title, unit)
            };
            projects.push(Planned {
                batch_id: batch.id,
                issued_on: batch.issued_on,
                in_batch,
                kind,
                title,
                name: format!("{}{}", unit.name, title),
                unit,
                budget,
            });
        }
    }
    Ok(projects)
}

/// The households the `i`th project benefits: 10 to 69 of its own area.
fn beneficiaries(demo: &Demo<'_>, p: &Planned<'_>, i: usize) -> Vec<i64> {
    let area = demo.households.iter().filter(|h| h.org_path.starts_with(&p.unit.path));
    area.skip(i * 7 % 5).take(10 + i * 13 % 60).map(|h| h.id).collect()
}

/// Files the projects, the first [`COMPLETED`] finished and paid in full, the open ones sharing
/// what is left of the year's spending by budget; each paid in two or three instalments, and
/// each benefiting households of its own area.
async fn insert_projects(txn: &impl ConnectionTrait, demo: &Demo<'_>, planned: &[Planned<'_>]) -> AppResult<()> {
    let total_budget: i64 = planned.iter().map(|p| p.budget).sum();
    let completed_budget: i64 = planned.iter().take(COMPLETED).map(|p| p.budget).sum();
    let open_budget = total_budget - completed_budget;
    let mut left_to_spend = SPENT - completed_budget;
    let mut expenditures = Vec::new();
    let mut links = Vec::new();
    let open_count = planned.len() - COMPLETED;
    for (i, p) in planned.iter().enumerate() {
        let announced = (p.issued_on + Duration::days(1), p.issued_on + Duration::days(10));
        let started = p.issued_on + Duration::days(12 + p.in_batch as i64);
        let completed = (i < COMPLETED).then(|| started + Duration::days(45 + (i % 30) as i64));
        let accepted = completed.filter(|_| i < 40).map(|d| d + Duration::days(10));
        let households = beneficiaries(demo, p, i);
        let (quantity, unit) = output(p.title, i, households.len());
        let spent = if i < COMPLETED {
            p.budget
        } else if i + 1 == planned.len() {
            left_to_spend
        } else {
            let share = (SPENT - completed_budget) * p.budget / open_budget / 100 * 100;
            left_to_spend -= share;
            share
        };
        let status = match (completed, accepted) {
            (_, Some(_)) => ProjectStatus::Accepted,
            (Some(_), None) => ProjectStatus::Completed,
            (None, None) => ProjectStatus::Started,
        };
        let mut row = project::ActiveModel {
            batch_id: Set(p.batch_id),
            year: Set(DEMO_YEAR),
            name: Set(p.name.clone()),
            kind: Set(p.kind),
            budget_fen: Set(p.budget),
            spent_fen: Set(spent),
            status: Set(status),
            started_on: Set(Some(started)),
            completed_on: Set(completed),
            accepted_on: Set(accepted),
            quantity: Set(Some(quantity)),
            unit: Set(Some(unit.to_owned())),
            announced_from: Set(Some(announced.0)),
            announced_to: Set(Some(announced.1)),
            version: Set(1),
            created_at: Set(demo.now),
            ..Default::default()
        };
        placement(p.unit).apply(&mut row)?;
        let row = row.insert(txn).await?;
        let linked = households
            .iter()
            .map(|h| project_household::ActiveModel { project_id: Set(row.id), household_id: Set(*h) });
        links.extend(linked);
        let parts = 2 + i % 2;
        let first = spent / parts as i64 / 100 * 100;
        for k in 0..parts {
            let amount = if k + 1 == parts { spent - first * (parts as i64 - 1) } else { first };
            expenditures.push(expenditure::ActiveModel {
                project_id: Set(row.id),
                amount_fen: Set(amount),
                paid_on: Set(started + Duration::days(2 + 4 * k as i64)),
                voucher_no: Set(format!("PZ{DEMO_YEAR}-{:03}-{}", i + 1, k + 1)),
                created_at: Set(demo.now),
                ..Default::default()
            });
        }
    }
    if open_count == 0 || left_to_spend < 0 {
        return Err(AppError::Internal("demo spending plan does not add up".to_owned()));
    }
    bulk::insert(txn, links).await?;
    bulk::insert(txn, expenditures).await
}
