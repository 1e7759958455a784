//! The demo year's money and industry, generated as records so that what the system computes
//! from them matches the seed report: 4 batches with 37 / 13 / 19 / 12 projects and
//! 1,013.7 / 440.039 / 896.4 / 181.1 万元; 62 industry projects with 1,918.6 万元; every project
//! started, 69 completed, 98.06 % of the budget spent; 25 PV stations of 1,726 kW over 31
//! villages in 7 townships, 16 connected, their income credited to their villages and
//! distributed (dividends to 185 households, wages, awards) within it; 97 business entities
//! driving 1,565 households of their townships; asset-income investments of 732 万元 for 396
//! households of 814 people; the 13-item subsidy menu and subsidies to 2,009 of the 2,235
//! households on file (89.9 %), paid out of the industry projects.

use chrono::{DateTime, NaiveDate, Utc};
use jingzhun_shared::{HouseholdStatus, OrgLevel};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};

use crate::demo::DEMO_YEAR;
use crate::entities::{fund_batch, household, org_unit};
use crate::error::{AppError, AppResult};

mod industry;
mod projects;
mod pv;
mod subsidies;

/// 万元 in fen.
const WAN: i64 = 1_000_000;

/// What every part of the demo money is generated over: the demo district's units and the
/// households on file.
struct Demo<'a> {
    district: &'a org_unit::Model,
    villages: Vec<&'a org_unit::Model>,
    townships: Vec<&'a org_unit::Model>,
    households: Vec<household::Model>,
    now: DateTime<Utc>,
}

/// Loads the demo money and industry when no fund batch exists yet; `false` when one did.
pub async fn load(db: &DatabaseConnection) -> AppResult<bool> {
    // The system's own loader: one transaction, and no audit event (nobody did it).
    let txn = db.begin().await?;
    if fund_batch::Entity::find().count(&txn).await? > 0 {
        return Ok(false);
    }
    let units = org_unit::Entity::find().order_by_asc(org_unit::Column::Code).all(&txn).await?;
    let demo = Demo {
        district: units
            .iter()
            .find(|u| u.level == OrgLevel::District)
            .ok_or_else(|| AppError::Internal("the demo funds need the demo district".to_owned()))?,
        villages: units.iter().filter(|u| u.level == OrgLevel::Village).collect(),
        townships: units.iter().filter(|u| u.level == OrgLevel::Township).collect(),
        households: on_file(&txn).await?,
        now: Utc::now(),
    };
    if demo.villages.is_empty() || demo.households.is_empty() {
        return Err(AppError::Internal("the demo funds need the demo registry".to_owned()));
    }
    projects::load(&txn, &demo).await?;
    industry::load(&txn, &demo).await?;
    txn.commit().await?;
    Ok(true)
}

/// The households on file (registered or exited), in id order.
async fn on_file(db: &impl ConnectionTrait) -> AppResult<Vec<household::Model>> {
    Ok(household::Entity::find()
        .filter(household::Column::Status.is_in([HouseholdStatus::Registered, HouseholdStatus::Exited]))
        .order_by_asc(household::Column::Id)
        .all(db)
        .await?)
}

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
