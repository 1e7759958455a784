//! The demo year's health records, generated so that what the system computes from them
//! matches the seed report as of the end of September: 799 inpatient claims costing 472.11 万元
//! with 404.95 万元 compensation of which 9.33 万元 "351" fallback (8,577 bp); 10,801 outpatient
//! claims with 166.25 万元 paid; 631 chronic claims with 4.97 万元 "180" supplement; every
//! person on file signed with a family doctor and insured with 90 元 of commercial supplementary
//! insurance paid for them ("为每个贫困户缴纳90元补充健康商业保险", taken per person, as the
//! premium is). A few October stays lie beyond the seed's date.
//!
//! The layers are chosen; the fallback, the supplement and the out-of-pocket are computed by
//! the shared engine over each person's year, as for any claim entered.

use std::collections::{BTreeMap, HashMap};

use chrono::{Duration, NaiveDate, Utc};
use jingzhun_shared::health::{ClaimKind, ClaimLayers, HealthClaimInput, HospitalLevel, InsuranceKind, settle_year};
use jingzhun_shared::{Fen, HouseholdStatus, MemberId};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use crate::demo::DEMO_YEAR;
use crate::entities::{doctor_signing, health_claim, health_setting, household, member, premium_subsidy};
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::health::{new_row, set_figures};

/// 元 in fen.
const YUAN: i64 = 100;

/// A person on file with their household.
type Person = (member::Model, household::Model);

/// Loads the demo health records when no claim exists yet; `false` when one did.
pub async fn load(db: &DatabaseConnection) -> AppResult<bool> {
    let txn = db.begin().await?;
    if health_claim::Entity::find().count(&txn).await? > 0 {
        return Ok(false);
    }
    let rules = settings(&txn).await?;
    let people = people(&txn).await?;
    if people.len() < 4_000 {
        return Err(AppError::Internal("the demo health records need the demo registry".to_owned()));
    }
    signings(&txn, &people).await?;
    premiums(&txn, &people).await?;
    let mut claims: Vec<(usize, HealthClaimInput)> = Vec::new();
    inpatient(&mut claims, people.len())?;
    outpatient(&mut claims, people.len())?;
    chronic(&mut claims, people.len())?;
    let mut by_person: BTreeMap<usize, Vec<HealthClaimInput>> = BTreeMap::new();
    for (person, claim) in claims {
        by_person.entry(person).or_default().push(claim);
    }
    let mut rows = Vec::new();
    for (person, year) in by_person {
        let Some((m, h)) = people.get(person) else { continue };
        let layers: Vec<ClaimLayers> = year.iter().map(HealthClaimInput::layers).collect();
        for settled in settle_year(&rules, &layers) {
            let Some(claim) = year.get(settled.index) else { continue };
            let mut row = new_row(claim, m, h, hospital(claim.hospital_level).to_owned());
            set_figures(&mut row, &settled.figures);
            rows.push(row);
        }
    }
    bulk::insert(&txn, rows).await?;
    txn.commit().await?;
    Ok(true)
}

/// The demo year's settings: 3,000 / 3,000 / 5,000 / 10,000 / 10,000 元 caps; 180 at 80 % up
/// to 1,000 元 a person.
async fn settings(db: &impl ConnectionTrait) -> AppResult<jingzhun_shared::health::HealthRules> {
    let row = health_setting::ActiveModel {
        year: Set(DEMO_YEAR),
        township_cap_fen: Set(3_000 * YUAN),
        county_cap_fen: Set(3_000 * YUAN),
        city_cap_fen: Set(5_000 * YUAN),
        province_cap_fen: Set(10_000 * YUAN),
        out_of_province_cap_fen: Set(10_000 * YUAN),
        supplement_rate_bp: Set(8_000),
        supplement_cap_fen: Set(1_000 * YUAN),
        version: Set(1),
    };
    row.insert(db).await?;
    crate::services::health::settings::rules(db, DEMO_YEAR).await
}

/// The people on file (members not gone, of households registered or exited), by id.
async fn people(db: &impl ConnectionTrait) -> AppResult<Vec<Person>> {
    let households: HashMap<i64, household::Model> = household::Entity::find()
        .filter(household::Column::Status.is_in([HouseholdStatus::Registered, HouseholdStatus::Exited]))
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.id, h))
        .collect();
    let members = member::Entity::find()
        .filter(member::Column::LeftOn.is_null())
        .order_by_asc(member::Column::Id)
        .all(db)
        .await?;
    Ok(members.into_iter().filter_map(|m| households.get(&m.household_id).cloned().map(|h| (m, h))).collect())
}

/// A signing for every person, valid to the year's end; the first dozen also hold last year's,
/// expired.
async fn signings(db: &impl ConnectionTrait, people: &[Person]) -> AppResult<()> {
    let mut rows = Vec::with_capacity(people.len() + 12);
    for (i, (m, h)) in people.iter().enumerate() {
        let signed = date(1, 1)? + Duration::days(i64::try_from(i % 60).unwrap_or(0));
        rows.push(signing_row(m, h, i, signed, date(12, 31)?));
        if i < 12 {
            let last = NaiveDate::from_ymd_opt(DEMO_YEAR - 1, 1, 10).ok_or_else(bad_date)?;
            rows.push(signing_row(m, h, i, last, NaiveDate::from_ymd_opt(DEMO_YEAR - 1, 12, 31).ok_or_else(bad_date)?));
        }
    }
    bulk::insert(db, rows).await
}

/// 90 元 of commercial supplementary insurance for every person, paid in the first quarter.
async fn premiums(db: &impl ConnectionTrait, people: &[Person]) -> AppResult<()> {
    let mut rows = Vec::with_capacity(people.len());
    for (i, (m, h)) in people.iter().enumerate() {
        rows.push(premium_subsidy::ActiveModel {
            member_id: Set(m.id),
            household_id: Set(h.id),
            village_id: Set(h.village_id),
            township_id: Set(h.township_id),
            org_path: Set(h.org_path.clone()),
            year: Set(DEMO_YEAR),
            kind: Set(InsuranceKind::Commercial),
            amount_fen: Set(90 * YUAN),
            paid_on: Set(date(3, 1)? + Duration::days(i64::try_from(i % 30).unwrap_or(0))),
            created_at: Set(Utc::now()),
            ..Default::default()
        });
    }
    bulk::insert(db, rows).await
}

const DOCTORS: [&str; 6] = ["王医生", "李医生", "陈医生", "赵医生", "周医生", "吴医生"];

fn signing_row(
    m: &member::Model,
    h: &household::Model,
    i: usize,
    signed_on: NaiveDate,
    valid_to: NaiveDate,
) -> doctor_signing::ActiveModel {
    doctor_signing::ActiveModel {
        member_id: Set(m.id),
        household_id: Set(h.id),
        village_id: Set(h.village_id),
        township_id: Set(h.township_id),
        org_path: Set(h.org_path.clone()),
        team: Set(format!("第{}家庭医生团队", h.township_id % 9 + 1)),
        doctor: Set(DOCTORS.get(i % DOCTORS.len()).copied().unwrap_or_default().to_owned()),
        signed_on: Set(signed_on),
        valid_to: Set(valid_to),
        version: Set(1),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
}

fn bad_date() -> AppError {
    AppError::Internal("demo date".to_owned())
}

fn date(month: u32, day: u32) -> AppResult<NaiveDate> {
    NaiveDate::from_ymd_opt(DEMO_YEAR, month, day).ok_or_else(bad_date)
}

/// Day `n` of the demo year (1 = 1 January).
fn day_of_year(n: usize) -> AppResult<NaiveDate> {
    NaiveDate::from_yo_opt(DEMO_YEAR, u32::try_from(n).unwrap_or(1)).ok_or_else(bad_date)
}

/// `total` fen in `n` parts weighted 3…7, exact to the fen (the last takes the rest), each a
/// multiple of `unit` fen (`total` must be one too).
fn spread(total: i64, n: usize, salt: usize, unit: i64) -> Vec<i64> {
    let weights: Vec<i64> = (0..n).map(|i| i64::try_from(3 + (i + salt) * 7 % 5).unwrap_or(3)).collect();
    let sum: i64 = weights.iter().sum();
    let mut parts: Vec<i64> = weights.iter().map(|w| total / unit * w / sum * unit).collect();
    let given: i64 = parts.iter().sum();
    if let Some(last) = parts.last_mut() {
        *last += total - given;
    }
    parts
}

/// A claim of `kind` whose four layers pay `paid`, split 70 / 10 / 15 / 5 % over basic
/// insurance, critical illness, assistance and commercial insurance.
fn layers(
    kind: ClaimKind,
    level: HospitalLevel,
    discharged: NaiveDate,
    stay: i64,
    total: i64,
    paid: i64,
) -> HealthClaimInput {
    let (basic, critical, assistance) = (paid * 70 / 100, paid * 10 / 100, paid * 15 / 100);
    HealthClaimInput {
        member_id: MemberId(0),
        kind,
        hospital: hospital(level).to_owned(),
        hospital_level: level,
        admitted_on: discharged - Duration::days(stay),
        discharged_on: discharged,
        total_cost_fen: Fen::new(total),
        compliant_cost_fen: None,
        basic_insurance_fen: Fen::new(basic),
        critical_illness_fen: Fen::new(critical),
        medical_assistance_fen: Fen::new(assistance),
        commercial_fen: Some(Fen::new(paid - basic - critical - assistance)),
        version: None,
    }
}

fn hospital(level: HospitalLevel) -> &'static str {
    match level {
        HospitalLevel::Township => "镇卫生院",
        HospitalLevel::County => "区人民医院",
        _ => "市第一人民医院",
    }
}

/// 799 stays to September, one a person: 31 leave more than the 3,000 元 county cap (30 by
/// 3,000 元 and one by 3,300: 9.33 万元 of fallback); the other 768 leave 57.86 万元 between
/// them, each under its cap. With the 31 capped at 3,000 元 each, people pay 67.16 万元 of the
/// 472.11 万元 cost. Seven October stays follow.
fn inpatient(claims: &mut Vec<(usize, HealthClaimInput)>, people: usize) -> AppResult<()> {
    let levels = [HospitalLevel::Township, HospitalLevel::County, HospitalLevel::City];
    let capped_total = 30_000 * YUAN;
    let rest_totals = spread(4_721_100 * YUAN - 31 * capped_total, 768, 1, 1);
    let rest_left = spread(578_600 * YUAN, 768, 3, 1);
    for i in 0..799 {
        let discharged = day_of_year(5 + i * 267 / 799)?;
        let stay = i64::try_from(3 + i % 10).unwrap_or(3);
        let (level, total, left) = if i < 31 {
            (HospitalLevel::County, capped_total, (3_000 + if i == 30 { 3_300 } else { 3_000 }) * YUAN)
        } else {
            let k = i - 31;
            let level = levels.get(k % levels.len()).copied().unwrap_or(HospitalLevel::County);
            (level, rest_totals.get(k).copied().unwrap_or(0), rest_left.get(k).copied().unwrap_or(0))
        };
        claims.push(((i * 5) % people, layers(ClaimKind::Inpatient, level, discharged, stay, total, total - left)));
    }
    for i in 0..7 {
        let discharged = date(10, 8 + u32::try_from(i * 3).unwrap_or(0))?;
        let claim = layers(ClaimKind::Inpatient, HospitalLevel::County, discharged, 5, 6_000 * YUAN, 5_000 * YUAN);
        claims.push(((i * 5 + 2) % people, claim));
    }
    Ok(())
}

/// 10,801 outpatient visits paying 166.25 万元 between them, each leaving the person 20–50 元.
fn outpatient(claims: &mut Vec<(usize, HealthClaimInput)>, people: usize) -> AppResult<()> {
    let paid = spread(1_662_500 * YUAN, 10_801, 0, 1);
    for (i, paid) in paid.into_iter().enumerate() {
        let on = day_of_year(5 + i % 268)?;
        let own = i64::try_from(20 + i % 7 * 5).unwrap_or(20) * YUAN;
        claims.push((i * 3 % people, layers(ClaimKind::Outpatient, HospitalLevel::Township, on, 0, paid + own, paid)));
    }
    Ok(())
}

/// 631 chronic visits, one a person, whose compliant cost leaves after the layers what makes
/// 80 % come to 4.97 万元 between them (each share a multiple of 4 fen, so 80 % of its
/// remaining is exact), under the 1,000 元 cap; 10 元 of each cost is not compliant.
fn chronic(claims: &mut Vec<(usize, HealthClaimInput)>, people: usize) -> AppResult<()> {
    let shares = spread(49_700 * YUAN, 631, 2, 4);
    for (i, share) in shares.into_iter().enumerate() {
        let on = day_of_year(10 + i * 250 / 631)?;
        let left = share / 4 * 5;
        let paid = left * 3 / 2;
        let mut claim = layers(ClaimKind::Chronic, HospitalLevel::Township, on, 0, left + paid + 10 * YUAN, paid);
        claim.compliant_cost_fen = Some(Fen::new(left + paid));
        claims.push(((i * 7 + 3) % people, claim));
    }
    Ok(())
}
