//! `cargo xtask bench warnings`: a registry imported through the API (`BENCH_HOUSEHOLDS`,
//! default 1,000,000, about three people each; a quarter then marked exited), then straight into
//! the tables for every household: two years' incomes (one in 25 fallen by half, one exited
//! household in 50 below the line), a health claim of its head (bench claims' mix: one in eight
//! an inpatient stay, most large enough to warn), and for every fourth household two loans
//! with six repayments each (bench credit's loans; about one in seventy overdue). Then every rule of 2020 runs over the
//! district through `POST /api/v1/warnings/run`, timed, and once more (it must raise nothing).
//!
//! No student aid is written, so every school-age child's household warns: the run inserts
//! hundreds of thousands of warnings, the heaviest case for the insert.

use std::collections::HashMap;
use std::time::Instant;

use chrono::NaiveDate;
use jingzhun::entities::{health_claim, household, income_record, member};
use jingzhun::services::bulk;
use jingzhun::services::health::new_row;
use jingzhun::{demo, startup};
use jingzhun_shared::health::{ClaimKind, HealthClaimInput, HospitalLevel};
use jingzhun_shared::registry::PovertyLine;
use jingzhun_shared::warnings::RunWarnings;
use jingzhun_shared::{Fen, MemberId, OrgLevel, Relation};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};

use super::bench_credit::write_loans;
use super::{analyze, import_registry, log_in, peak_memory, serve};

/// Households whose records are written in one transaction.
const CHUNK: usize = 20_000;
const YEAR: i32 = 2020;
/// The poverty line set for the year, a person.
const LINE_YUAN: i64 = 4_000;

pub async fn warnings(engine: &str, url: &str, root: &std::path::Path, households: usize) {
    println!("== {engine}: {households} households, their incomes, claims and loans; every rule of {YEAR} ==");
    let db = startup::connect_and_migrate(url).await.expect("migrate");
    demo::load(&db).await.expect("demo district");
    let first_new = last_household(&db).await;
    let api = serve(url, root, &db);
    let district = log_in(&api, "district").await;
    let line = PovertyLine { year: YEAR, poverty_line_fen: Fen::from_yuan(LINE_YUAN), exit_needs_previous_year: false };
    district.set_poverty_line(YEAR, &line).await.expect("poverty line");
    let tree = district.org_tree().await.expect("tree");
    let villages: Vec<String> =
        tree.flatten().into_iter().filter(|u| u.level == OrgLevel::Village).map(|u| u.code.clone()).collect();
    import_registry(&district, &villages, households).await;
    let started = Instant::now();
    let exited = db
        .execute_unprepared(&format!("UPDATE household SET status = 'exited' WHERE id > {first_new} AND id % 4 = 0"))
        .await
        .expect("exits")
        .rows_affected();
    let (mut after, mut written, mut loans) = (first_new, 0usize, 0usize);
    let total_loans = households / 2;
    loop {
        let homes = household::Entity::find()
            .filter(household::Column::Id.gt(after))
            .order_by_asc(household::Column::Id)
            .limit(CHUNK as u64)
            .all(&db)
            .await
            .expect("households");
        let Some(last) = homes.last() else { break };
        after = last.id;
        let heads = heads(&db, &homes).await;
        write_incomes_and_claims(&db, &homes, &heads).await;
        let borrowers: Vec<(household::Model, i64)> =
            homes.iter().step_by(4).filter_map(|h| heads.get(&h.id).map(|m| (h.clone(), m.id))).collect();
        write_loans(&db, &borrowers, loans, total_loans).await;
        loans = (loans + 2 * borrowers.len()).min(total_loans);
        written += homes.len();
        if written % 200_000 < CHUNK || homes.len() < CHUNK {
            println!("  wrote the records of {written:>9} households ({:.0} s)", started.elapsed().as_secs_f64());
        }
    }
    println!(
        "  {exited} exited; {} income records, {written} claims, {loans} loans with 6 repayments each, in {:.1} s",
        2 * written,
        started.elapsed().as_secs_f64()
    );
    analyze(&db, engine).await;
    for pass in ["first run", "second run"] {
        let started = Instant::now();
        let run = district.run_warnings(&RunWarnings { year: YEAR }).await.expect("run");
        let elapsed = started.elapsed();
        let by_rule: Vec<String> = run.by_rule.iter().map(|r| format!("{} {}", r.rule.as_str(), r.raised)).collect();
        println!("  {pass}: {} warnings in {:.2} s ({})", run.raised, elapsed.as_secs_f64(), by_rule.join(", "));
        if pass == "second run" {
            assert_eq!(run.raised, 0, "a second run raises nothing");
        }
    }
    println!("  server peak memory (VmHWM): {}", peak_memory());
}

async fn last_household(db: &DatabaseConnection) -> i64 {
    household::Entity::find()
        .select_only()
        .column_as(household::Column::Id.max(), "m")
        .into_tuple::<Option<i64>>()
        .one(db)
        .await
        .expect("max household")
        .flatten()
        .unwrap_or_default()
}

/// The heads of `homes`, by household.
async fn heads(db: &DatabaseConnection, homes: &[household::Model]) -> HashMap<i64, member::Model> {
    member::Entity::find()
        .filter(member::Column::HouseholdId.is_in(homes.iter().map(|h| h.id)))
        .filter(member::Column::Relation.eq(Relation::Head))
        .all(db)
        .await
        .expect("heads")
        .into_iter()
        .map(|m| (m.household_id, m))
        .collect()
}

/// Net income of household `i` in 2019 and 2020 (fen): about 6,000 元 a person; one in 25
/// halved in 2020, and one exited household in 50 (every 200th) down to 1,000 元 a person.
fn incomes(i: i64, people: i64) -> (i64, i64) {
    let before = people * (550_000 + (i % 13) * 10_000);
    let now = match i {
        _ if i % 200 == 0 => people * 100_000,
        _ if i % 25 == 0 => before / 2,
        _ => before + people * 20_000,
    };
    (before, now)
}

fn income_row(household_id: i64, year: i32, net: i64) -> income_record::ActiveModel {
    income_record::ActiveModel {
        household_id: Set(household_id),
        year: Set(year),
        wage_fen: Set(net),
        operating_fen: Set(0),
        property_fen: Set(0),
        transfer_fen: Set(0),
        expenses_fen: Set(0),
        ..Default::default()
    }
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(YEAR, m, d).expect("date")
}

/// The claim of household `i`'s head, in bench claims' mix: one in eight an inpatient stay
/// of 5,000 to 44,000 元 with 60 % paid by the basic insurance, the rest small outpatient bills.
fn claim(i: i64, head: &member::Model) -> HealthClaimInput {
    let inpatient = i % 8 == 1;
    let total = if inpatient { 5_000 + (i % 40) * 1_000 } else { 80 + i % 300 };
    let on = day(1, 1) + chrono::Duration::days(i % 270);
    HealthClaimInput {
        member_id: MemberId(head.id),
        kind: if inpatient { ClaimKind::Inpatient } else { ClaimKind::Outpatient },
        hospital: format!("医院{}", i % 50),
        hospital_level: if inpatient { HospitalLevel::County } else { HospitalLevel::Township },
        admitted_on: on,
        discharged_on: on,
        total_cost_fen: Fen::from_yuan(total),
        compliant_cost_fen: None,
        basic_insurance_fen: Fen::from_yuan(total * 6 / 10),
        critical_illness_fen: Fen::ZERO,
        medical_assistance_fen: Fen::ZERO,
        commercial_fen: None,
        version: None,
    }
}

/// Incomes of 2019 and 2020 and the head's claim for each of `homes`, in one transaction.
async fn write_incomes_and_claims(
    db: &DatabaseConnection,
    homes: &[household::Model],
    heads: &HashMap<i64, member::Model>,
) {
    let sizes: HashMap<i64, i64> = member::Entity::find()
        .select_only()
        .column(member::Column::HouseholdId)
        .column_as(member::Column::Id.count(), "n")
        .filter(member::Column::HouseholdId.is_in(homes.iter().map(|h| h.id)))
        .group_by(member::Column::HouseholdId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await
        .expect("sizes")
        .into_iter()
        .collect();
    let txn = db.begin().await.expect("txn");
    let mut incomes_rows = Vec::with_capacity(homes.len() * 2);
    let mut claims: Vec<health_claim::ActiveModel> = Vec::with_capacity(homes.len());
    for h in homes {
        let (before, now) = incomes(h.id, sizes.get(&h.id).copied().unwrap_or(1));
        incomes_rows.push(income_row(h.id, YEAR - 1, before));
        incomes_rows.push(income_row(h.id, YEAR, now));
        if let Some(head) = heads.get(&h.id) {
            claims.push(new_row(&claim(h.id, head), head, h, format!("医院{}", h.id % 50)));
        }
    }
    bulk::insert(&txn, incomes_rows).await.expect("incomes");
    bulk::insert(&txn, claims).await.expect("claims");
    txn.commit().await.expect("commit");
}
