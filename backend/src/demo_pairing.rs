//! The demo year's pairing assistance (多企帮多村), generated as records so that what the
//! system computes from them matches the seed report: 164 enterprises paired with 42 villages
//! and 422 of their households; confirmed assistance logs of 64 万元 funds, 11 students aided,
//! 138 people hired, 56 projects claimed and 36 万元 of products bought; and on Poverty
//! Alleviation Day (10.17) 33 projects claimed for 120.15 万元 and 6.6 万元 given. The demo
//! account `enterprise` acts for the first enterprise, a tea company paired with 张村. The
//! cadres and their visits are in `cadres`, the work teams and assistance plans in `teams`.

use chrono::{NaiveDate, Utc};
use jingzhun_shared::pairing::{AssistanceKind, CreditCode, DonationKind, GiverKind};
use jingzhun_shared::{HouseholdStatus, OrgLevel};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, TransactionTrait,
};

use crate::demo::DEMO_YEAR;
use crate::entities::{app_user, assistance_log, donation, enterprise, household, org_unit, pairing};
use crate::error::{AppError, AppResult};
use crate::services::pairing::pairings::insert_links;

mod cadres;
mod teams;

pub use cadres::{CADRES, UNITS};
pub use teams::{OTHER_PEOPLE, OTHER_TEAMS};

const ENTERPRISES: usize = 164;
const VILLAGES: usize = 42;
const HOUSEHOLDS: usize = 422;
/// The campaign of Poverty Alleviation Day.
pub const CAMPAIGN: &str = "10.17扶贫日";

/// Name parts of the generated enterprises: a place word, a trade and the trade's industry.
const PLACES: &[&str] =
    &["灵山", "秀水", "青峰", "东湖", "南岭", "西溪", "北岗", "新安", "黄田", "金竹", "白鹭", "石门"];
const TRADES: &[(&str, &str)] = &[
    ("茶业", "茶叶加工"),
    ("食品", "食品加工"),
    ("建材", "建筑材料"),
    ("电子", "电子制造"),
    ("纺织", "纺织服装"),
    ("机械", "机械制造"),
    ("农业科技", "现代农业"),
    ("物流", "物流运输"),
    ("新材料", "新材料"),
    ("旅游开发", "乡村旅游"),
    ("医药", "医药制造"),
    ("商贸", "商贸流通"),
    ("包装", "包装印刷"),
    ("竹木", "竹木加工"),
];

/// The year's logs: kind, how many logs, and each log's count and amount in 元 (two amounts
/// alternate, so the logs differ and the pairs add up to whole 万元).
const LOGS: &[(AssistanceKind, usize, Option<i64>, [i64; 2])] = &[
    (AssistanceKind::Funds, 64, None, [8_000, 12_000]),
    (AssistanceKind::ProductsPurchased, 36, None, [6_000, 14_000]),
    (AssistanceKind::LabourHired, 46, Some(3), [0, 0]),
    (AssistanceKind::StudentsAided, 11, Some(1), [0, 0]),
    (AssistanceKind::ProjectClaimed, 56, Some(1), [0, 0]),
];

fn date(month: u32, day: u32) -> AppResult<NaiveDate> {
    NaiveDate::from_ymd_opt(DEMO_YEAR, month, day).ok_or_else(|| AppError::Internal("demo date".to_owned()))
}

/// Loads the demo pairing records when no enterprise exists yet; `false` when one did.
pub async fn load(db: &DatabaseConnection) -> AppResult<bool> {
    let txn = db.begin().await?;
    if enterprise::Entity::find().count(&txn).await? > 0 {
        return Ok(false);
    }
    let enterprises = enterprises(&txn).await?;
    let villages = paired_villages(&txn).await?;
    let pairings = pairings(&txn, &enterprises, &villages).await?;
    logs(&txn, &pairings).await?;
    donations(&txn, &enterprises).await?;
    cadres::load(&txn).await?;
    if let Some(first) = enterprises.first() {
        app_user::Entity::update_many()
            .col_expr(app_user::Column::EnterpriseId, sea_orm::sea_query::Expr::value(first.id))
            .filter(app_user::Column::Username.eq("enterprise"))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(true)
}

async fn enterprises(db: &impl ConnectionTrait) -> AppResult<Vec<enterprise::Model>> {
    let mut rows = Vec::with_capacity(ENTERPRISES);
    for i in 0..ENTERPRISES {
        let place = PLACES.get(i % PLACES.len()).copied().unwrap_or_default();
        let (trade, industry) = TRADES.get(i % TRADES.len()).copied().unwrap_or_default();
        let name = if i < PLACES.len() * TRADES.len() / 2 {
            format!("{place}{trade}有限公司")
        } else {
            format!("{place}{trade}{}号有限公司", i / PLACES.len())
        };
        let code = CreditCode::complete(&format!("91341000MA2N{:05}", i + 1)).map_err(|e| AppError::Internal(e.0))?;
        let row = enterprise::ActiveModel {
            name: Set(name),
            credit_code: Set(code.as_str().to_owned()),
            contact: Set(format!("{}经理", ["王", "李", "陈", "吴", "程", "汪"].get(i % 6).copied().unwrap_or("王"))),
            phone: Set(format!("0559-{}", 6_500_000 + i * 37)),
            industry: Set(industry.to_owned()),
            version: Set(1),
            created_at: Set(Utc::now()),
            ..Default::default()
        };
        rows.push(row.insert(db).await?);
    }
    Ok(rows)
}

/// 42 villages with the registered households to pair in each: 张村 first, then the others in
/// code order; 422 households taken round the villages, one a village at a time.
async fn paired_villages(db: &impl ConnectionTrait) -> AppResult<Vec<(org_unit::Model, Vec<household::Model>)>> {
    let mut units = org_unit::Entity::find()
        .filter(org_unit::Column::Level.eq(OrgLevel::Village))
        .order_by_asc(org_unit::Column::Code)
        .all(db)
        .await?;
    units.sort_by_key(|u| u.name != "张村");
    let mut villages = Vec::new();
    for unit in units {
        let households = household::Entity::find()
            .filter(household::Column::VillageId.eq(unit.id))
            .filter(household::Column::Status.eq(HouseholdStatus::Registered))
            .order_by_asc(household::Column::Id)
            .all(db)
            .await?;
        if !households.is_empty() && villages.len() < VILLAGES {
            villages.push((unit, households));
        }
    }
    let mut taken: Vec<(org_unit::Model, Vec<household::Model>)> =
        villages.iter().map(|(u, _)| (u.clone(), Vec::new())).collect();
    let mut round = 0;
    let mut count = 0;
    while count < HOUSEHOLDS {
        let before = count;
        for ((_, all), (_, chosen)) in villages.iter().zip(taken.iter_mut()) {
            if let Some(h) = all.get(round).filter(|_| count < HOUSEHOLDS) {
                chosen.push(h.clone());
                count += 1;
            }
        }
        if count == before {
            return Err(AppError::Internal("the demo registry has too few households to pair".to_owned()));
        }
        round += 1;
    }
    Ok(taken)
}

/// One pairing an enterprise, with the village `i % 42` and its share of that village's
/// households.
async fn pairings(
    db: &impl ConnectionTrait,
    enterprises: &[enterprise::Model],
    villages: &[(org_unit::Model, Vec<household::Model>)],
) -> AppResult<Vec<pairing::Model>> {
    let mut rows = Vec::with_capacity(enterprises.len());
    for (i, e) in enterprises.iter().enumerate() {
        let Some((village, households)) = villages.get(i % villages.len().max(1)) else { continue };
        // The village's pairings are enterprises i, i + 42, …: this one takes every n-th household.
        let partners = (enterprises.len() - i % villages.len()).div_ceil(villages.len());
        let slot = i / villages.len();
        let mine: Vec<household::Model> =
            households.iter().enumerate().filter(|(k, _)| k % partners == slot).map(|(_, h)| h.clone()).collect();
        let row = pairing::ActiveModel {
            enterprise_id: Set(e.id),
            since: Set(date(1 + u32::try_from(i % 3).unwrap_or(0), 10)?),
            until: Set(None),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        insert_links(db, row.id, std::slice::from_ref(village), &mine).await?;
        rows.push(row);
    }
    Ok(rows)
}

/// The year's logs, spread over the pairings and the months January to September, confirmed a
/// week after.
async fn logs(db: &impl ConnectionTrait, pairings: &[pairing::Model]) -> AppResult<()> {
    let mut rows = Vec::new();
    let mut n = 0usize;
    for (kind, logs, count, amounts) in LOGS {
        for k in 0..*logs {
            let Some(p) = pairings.get(n * 7 % pairings.len().max(1)) else { continue };
            let month = 1 + u32::try_from(n % 9).unwrap_or(0);
            let day = 1 + u32::try_from(n % 20).unwrap_or(0);
            let amount = amounts.get(k % 2).copied().filter(|a| *a > 0).map(|yuan| yuan * 100);
            rows.push(assistance_log::ActiveModel {
                pairing_id: Set(p.id),
                enterprise_id: Set(p.enterprise_id),
                kind: Set(*kind),
                amount_fen: Set(amount),
                count: Set(*count),
                date: Set(date(month, day)?),
                note: Set(None),
                confirmed_on: Set(Some(date(month, day + 7)?)),
                confirmed_by: Set(None),
                corrects: Set(None),
                version: Set(1),
                created_at: Set(Utc::now()),
                ..Default::default()
            });
            n += 1;
        }
    }
    assistance_log::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// 10.17: 33 projects claimed by enterprises (32 of 3.6 万元, one of 4.95 万元) and 22 gifts of
/// 3,000 元 by organisations and people.
async fn donations(db: &impl ConnectionTrait, enterprises: &[enterprise::Model]) -> AppResult<()> {
    let day = date(10, 17)?;
    let mut rows = Vec::new();
    for (i, e) in enterprises.iter().take(33).enumerate() {
        rows.push(gift(
            GiverKind::Enterprise,
            Some(e.id),
            &e.name,
            DonationKind::ProjectClaimed,
            if i == 32 { 49_500 } else { 36_000 },
            day,
        ));
    }
    for i in 0..22 {
        let (kind, name) = if i % 2 == 0 {
            (
                GiverKind::Organisation,
                ["区总工会", "区妇联", "团区委", "区工商联", "区慈善协会"]
                    .get(i / 2 % 5)
                    .copied()
                    .unwrap_or_default()
                    .to_owned(),
            )
        } else {
            (GiverKind::Person, format!("爱心人士{}", i / 2 + 1))
        };
        rows.push(gift(kind, None, &name, DonationKind::Money, 3_000, day));
    }
    donation::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

fn gift(
    giver_kind: GiverKind,
    enterprise_id: Option<i64>,
    name: &str,
    kind: DonationKind,
    yuan: i64,
    date: NaiveDate,
) -> donation::ActiveModel {
    donation::ActiveModel {
        giver_kind: Set(giver_kind),
        enterprise_id: Set(enterprise_id),
        giver_name: Set(name.to_owned()),
        campaign: Set(CAMPAIGN.to_owned()),
        kind: Set(kind),
        amount_fen: Set(yuan * 100),
        date: Set(date),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
}
