//! The demo year's employment, generated as records so that what the system computes from them
//! is the seed report's: 204 poor labourers in market employment (194 of them migrant workers
//! paid 5.61 万元 of transport subsidy), 23 employment bases, 7 home-working bases and 2
//! stations offering 270 posts and holding 32 labourers, 59 三保两护 public-welfare posts at
//! 600–800 元 a month, and 47 trainees paid 10.95 万元.

use chrono::{Datelike, NaiveDate, Utc};
use jingzhun_shared::employment::{BaseKind, EmploymentInput, EmploymentKind};
use jingzhun_shared::{EmploymentBaseId, Fen, Labour, MemberId, OrgLevel};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use crate::demo::DEMO_YEAR;
use crate::demo_education::{people, shares};
use crate::entities::{employment, employment_base, org_unit, training, transport_subsidy};
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::employment::jobs::new_row;
use crate::services::registry::record_members::Placed;

/// Bases by kind: how many, the posts each offers, the subsidy on recognition (元).
const BASES: [(BaseKind, usize, i32, i64); 3] =
    [(BaseKind::EmploymentBase, 23, 10, 20_000), (BaseKind::HomeBase, 7, 4, 10_000), (BaseKind::Station, 2, 6, 30_000)];
const MIGRANTS: usize = 194;
const LOCAL_JOBS: usize = 10;
const POSTS: usize = 59;
const BASE_JOBS: usize = 32;
const TRAINEES: usize = 47;
const TRAINING_YUAN: i64 = 109_500;
const TRANSPORT_YUAN: i64 = 56_100;
const COURSES: [&str; 5] = ["电工", "家政服务", "茶叶加工", "电子商务", "中式烹调"];

fn date(month: u32, day: u32) -> AppResult<NaiveDate> {
    NaiveDate::from_ymd_opt(DEMO_YEAR, month, day).ok_or_else(|| AppError::Internal("demo date".to_owned()))
}

/// Loads the demo year's employment when no job is on file; `false` when one was.
pub async fn load(db: &DatabaseConnection) -> AppResult<bool> {
    let txn = db.begin().await?;
    if employment::Entity::find().count(&txn).await? > 0 {
        return Ok(false);
    }
    let bases = bases(&txn).await?;
    // Able labourers of working age, the registered households' first.
    let workers: Vec<Placed> = people(&txn)
        .await?
        .into_iter()
        .filter(|(m, _)| m.labour == Labour::Full && (1960..=2000).contains(&m.birth_date.year()))
        .collect();
    let needed = MIGRANTS + LOCAL_JOBS + POSTS + BASE_JOBS;
    if workers.len() < needed {
        return Err(AppError::Internal("the demo employment needs more labourers".to_owned()));
    }
    let rows = jobs(&workers, &bases)?;
    bulk::insert(&txn, rows).await?;
    // The first labourers hold the migrant jobs.
    bulk::insert(&txn, transport(&workers[..MIGRANTS])?).await?;
    // Trainees among the labourers not placed in a job yet, then the migrants.
    let trainees: Vec<&Placed> = workers.iter().skip(needed).chain(workers.iter()).take(TRAINEES).collect();
    bulk::insert(&txn, training(&trainees)?).await?;
    txn.commit().await?;
    Ok(true)
}

/// The bases of [`BASES`], round the townships.
async fn bases(txn: &DatabaseTransaction) -> AppResult<Vec<employment_base::Model>> {
    let townships = org_unit::Entity::find()
        .filter(org_unit::Column::Level.eq(OrgLevel::Township))
        .order_by_asc(org_unit::Column::Code)
        .all(txn)
        .await?;
    let mut bases = Vec::new();
    for (kind, count, posts, subsidy) in BASES {
        for i in 0..count {
            let township = townships
                .get(i % townships.len().max(1))
                .ok_or_else(|| AppError::Internal("demo townships".to_owned()))?;
            let row = employment_base::ActiveModel {
                name: Set(format!("{}{}{}", township.name, kind.zh(), i + 1)),
                kind: Set(kind),
                org_unit_id: Set(township.id),
                org_path: Set(township.path.clone()),
                recognised_on: Set(date(3 + small(i % 4), 15)?),
                subsidy_fen: Set(Fen::from_yuan(subsidy).fen()),
                posts: Set(posts),
                version: Set(1),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            bases.push(row);
        }
    }
    Ok(bases)
}

fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// The jobs, kind by kind, each to the next labourer.
fn jobs(workers: &[Placed], bases: &[employment_base::Model]) -> AppResult<Vec<employment::ActiveModel>> {
    let kinds = [
        (EmploymentKind::MigrantJob, MIGRANTS),
        (EmploymentKind::LocalJob, LOCAL_JOBS),
        (EmploymentKind::PublicWelfarePost, POSTS),
        (EmploymentKind::BaseJob, BASE_JOBS),
    ];
    let mut next = workers.iter();
    let mut rows = Vec::new();
    for (kind, count) in kinds {
        for i in 0..count {
            let placed = next.next().ok_or_else(|| AppError::Internal("demo labourers".to_owned()))?;
            let base = (kind == EmploymentKind::BaseJob).then(|| bases.get(i % bases.len().max(1))).flatten();
            let step = i64::try_from(i % 10).unwrap_or(0);
            let (employer, wage) = match kind {
                EmploymentKind::MigrantJob => {
                    (["浙江某电子厂", "江苏某建筑公司", "上海某物流公司"][i % 3].to_owned(), 3_500 + 100 * step)
                }
                EmploymentKind::PublicWelfarePost => {
                    (format!("三保两护·{}", ["保洁", "保绿", "保安", "护林", "护路"][i % 5]), 600 + 50 * (step % 5))
                }
                _ => (base.map_or_else(|| "本地茶叶合作社".to_owned(), |b| b.name.clone()), 2_200 + 100 * (step % 5)),
            };
            let input = EmploymentInput {
                member_id: MemberId(placed.0.id),
                kind,
                employer: employer.clone(),
                base_id: base.map(|b| EmploymentBaseId(b.id)),
                since: date(2 + small(i % 3), 1 + small(i % 20))?,
                until: None,
                monthly_wage_fen: Fen::from_yuan(wage),
            };
            rows.push(new_row(placed, &input, employer));
        }
    }
    Ok(rows)
}

/// One transport subsidy for each migrant, the year's total shared out.
fn transport(migrants: &[Placed]) -> AppResult<Vec<transport_subsidy::ActiveModel>> {
    let mut rows = Vec::new();
    for (i, ((m, h), amount)) in migrants.iter().zip(shares(TRANSPORT_YUAN, migrants.len())).enumerate() {
        rows.push(transport_subsidy::ActiveModel {
            member_id: Set(m.id),
            household_id: Set(h.id),
            village_id: Set(h.village_id),
            township_id: Set(h.township_id),
            org_path: Set(h.org_path.clone()),
            year: Set(DEMO_YEAR),
            amount_fen: Set(amount.fen()),
            paid_on: Set(date(6, 1 + small(i % 28))?),
            created_at: Set(Utc::now()),
            ..Default::default()
        });
    }
    Ok(rows)
}

/// One course for each trainee, the year's subsidy shared out.
fn training(trainees: &[&Placed]) -> AppResult<Vec<training::ActiveModel>> {
    let mut rows = Vec::new();
    for (i, ((m, h), subsidy)) in trainees.iter().copied().zip(shares(TRAINING_YUAN, trainees.len())).enumerate() {
        rows.push(training::ActiveModel {
            member_id: Set(m.id),
            household_id: Set(h.id),
            village_id: Set(h.village_id),
            township_id: Set(h.township_id),
            org_path: Set(h.org_path.clone()),
            course: Set(COURSES[i % COURSES.len()].to_owned()),
            year: Set(DEMO_YEAR),
            ended_on: Set(date(4 + small(i % 5), 20)?),
            days: Set(10 + i32::try_from(i % 3).unwrap_or(0) * 5),
            subsidy_fen: Set(subsidy.fen()),
            created_at: Set(Utc::now()),
            ..Default::default()
        });
    }
    Ok(rows)
}
