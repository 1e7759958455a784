//! The demo registry: households and people generated, deterministically, so that the counts
//! the system computes from them match the seed report — 2,235 households / 4,621 people on
//! file; 724 / 1,595 remaining (低保 556/1,243, 五保 28/34, 一般 140/318), of which 671 / 1,412
//! are 预脱贫 (an exit application in progress, income above the line); the rest exited, by
//! year as the province certified them: 384 / 800, 396 / 860 and 838 / 1,419. People are
//! counted at the end of the demo year, after the August adjustment ([`august`]), whose leavers
//! stay on file as history.
//!
//! The report's years are blanked (202_); the demo takes them as the three years before
//! [`DEMO_YEAR`]. The three years' exits (1,618 / 3,079) are more than the 1,511 / 3,026 exited
//! households on file: dynamic management has since removed some. So of the last year's
//! 838 / 1,419, 150 households / 200 people were removed (清退) in the demo year's August
//! adjustment, and 43 households / 147 people on file exited the year before the three. The
//! dated story (status history, applications, monitoring) is in [`story`].

mod august;
mod story;

use std::collections::HashSet;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use jingzhun_shared::registry::{JoinReason, LeaveReason};
use jingzhun_shared::{
    Fen, HealthStatus, HouseholdCategory, HouseholdStatus, IdCardNo, Labour, OrgLevel, PovertyCause, Relation,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};

use crate::demo::DEMO_YEAR;
use crate::entities::{household, income_record, member, org_unit};
use crate::error::{AppError, AppResult};
use crate::services::registry::households::{self, causes_to_text};
use crate::services::registry::{members, poverty_lines};
use crate::services::villages::profiles;

/// The poverty line of the demo year: 4,000 元 per person.
pub const DEMO_POVERTY_LINE: Fen = Fen::new(400_000);

/// What became of a group of households.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Still registered; `pre_exit` when an exit application is in progress (预脱贫).
    Remaining { pre_exit: bool },
    /// Exited at the end of this year.
    Exited(i32),
    /// Exited at the end of this year, removed (清退) in the demo year's dynamic adjustment.
    Removed(i32),
}

impl Fate {
    fn status(self) -> HouseholdStatus {
        match self {
            Fate::Remaining { .. } => HouseholdStatus::Registered,
            Fate::Exited(_) => HouseholdStatus::Exited,
            Fate::Removed(_) => HouseholdStatus::Removed,
        }
    }

    fn exit_year(self) -> Option<i32> {
        match self {
            Fate::Remaining { .. } => None,
            Fate::Exited(year) | Fate::Removed(year) => Some(year),
        }
    }
}

/// (fate, category, households, people) of the seed report.
const GROUPS: &[(Fate, HouseholdCategory, usize, usize)] = &[
    (Fate::Remaining { pre_exit: false }, HouseholdCategory::Dibao, 53, 183),
    (Fate::Remaining { pre_exit: true }, HouseholdCategory::Dibao, 503, 1060),
    (Fate::Remaining { pre_exit: true }, HouseholdCategory::Wubao, 28, 34),
    (Fate::Remaining { pre_exit: true }, HouseholdCategory::General, 140, 318),
    (Fate::Exited(DEMO_YEAR - 4), HouseholdCategory::General, 43, 147),
    (Fate::Exited(DEMO_YEAR - 3), HouseholdCategory::General, 384, 800),
    (Fate::Exited(DEMO_YEAR - 2), HouseholdCategory::General, 396, 860),
    (Fate::Exited(DEMO_YEAR - 1), HouseholdCategory::General, 688, 1219),
    (Fate::Removed(DEMO_YEAR - 1), HouseholdCategory::General, 150, 200),
];

const SURNAMES: &[&str] =
    &["汪", "程", "方", "胡", "吴", "王", "张", "李", "黄", "江", "洪", "余", "许", "叶", "章", "潘"];
const GIVEN: &[&str] = &[
    "建国", "秀英", "志强", "桂兰", "国华", "玉梅", "明", "丽", "春生", "冬梅", "金水", "小红", "德胜", "海燕", "文杰",
    "淑芬",
];
/// The district's region code in ID-card numbers.
const REGION: &str = "341004";
const BATCH: usize = 500;

struct Person {
    name: String,
    id_card: IdCardNo,
    relation: Relation,
    health: HealthStatus,
    labour: Labour,
    /// Unknown for the people on file before the year's adjustment.
    joined: Option<(NaiveDate, JoinReason)>,
    left: Option<(NaiveDate, LeaveReason)>,
}

/// Loads the registry when the database has no household yet; `false` when it had some.
pub async fn load(db: &DatabaseConnection) -> AppResult<bool> {
    // The system's own loader: one transaction, and no audit event (nobody did it).
    let txn = db.begin().await?;
    if household::Entity::find().count(&txn).await? > 0 {
        return Ok(false);
    }
    poverty_lines::set_poverty_line(&txn, DEMO_YEAR, DEMO_POVERTY_LINE).await?;
    let villages = org_unit::Entity::find()
        .filter(org_unit::Column::Level.eq(OrgLevel::Village))
        .order_by_asc(org_unit::Column::Code)
        .all(&txn)
        .await?;
    if villages.is_empty() {
        return Err(AppError::Internal("the demo registry needs the demo villages".to_owned()));
    }
    let listed = profiles::latest(&txn, villages.iter().map(|v| v.id).collect(), Some(DEMO_YEAR)).await?;
    let poor: HashSet<i64> = listed.values().filter(|p| p.is_poor_village).map(|p| p.org_unit_id).collect();
    let now = Utc::now();
    let (households, people, fates) = plan(&villages, &poor, now)?;
    for chunk in households.chunks(BATCH) {
        household::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    let ids: Vec<i64> = household::Entity::find()
        .order_by_asc(household::Column::Id)
        .all(&txn)
        .await?
        .into_iter()
        .map(|h| h.id)
        .collect();
    let mut rows = Vec::new();
    let mut incomes = Vec::new();
    for (n, ((household_id, fate), members)) in ids.iter().zip(&fates).zip(&people).enumerate() {
        // The year's income is shared by the people present at its end.
        let present = members.iter().filter(|p| p.left.is_none()).count() as i64;
        incomes.push(income_row(*household_id, per_capita(*fate, n) * present, n));
        for p in members {
            let mut row = members::new_row(*household_id, &p.name, &p.id_card, p.relation, p.health, p.labour, now);
            row.joined_on = Set(p.joined.map(|(on, _)| on));
            row.join_reason = Set(p.joined.map(|(_, reason)| reason));
            row.left_on = Set(p.left.map(|(on, _)| on));
            row.leave_reason = Set(p.left.map(|(_, reason)| reason));
            rows.push(row);
        }
    }
    for chunk in rows.chunks(BATCH) {
        member::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    for chunk in incomes.chunks(BATCH) {
        income_record::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    let ids: Vec<(i64, Fate)> = ids.into_iter().zip(fates).collect();
    story::write(&txn, &ids).await?;
    txn.commit().await?;
    Ok(true)
}

/// The households to insert, each one's people and its fate, in the same order.
type Plan = (Vec<household::ActiveModel>, Vec<Vec<Person>>, Vec<Fate>);

/// A demo-year per-capita net income: below the line for the households that remain without
/// an exit application; above it for the 预脱贫, most of them above 5,000 元 (the report: 96 %
/// above 5,000, all above 4,000); well above it for the exited.
fn per_capita(fate: Fate, n: usize) -> i64 {
    match fate {
        Fate::Remaining { pre_exit: false } => 250_000 + (n as i64 * 1_733) % 130_000,
        Fate::Remaining { pre_exit: true } if n.is_multiple_of(25) => 420_000 + (n as i64 * 1_733) % 70_000,
        Fate::Remaining { pre_exit: true } => 500_000 + (n as i64 * 1_733) % 180_000,
        Fate::Exited(_) | Fate::Removed(_) => 460_000 + (n as i64 * 2_971) % 450_000,
    }
}

/// The households of [`GROUPS`] with their people and fates, spread over the villages: the
/// remaining households three to two per poor village against the others, so that two thirds
/// of them live in villages that are not poor (36 of the 48); the exited three to one.
fn plan(villages: &[org_unit::Model], poor: &HashSet<i64>, now: DateTime<Utc>) -> AppResult<Plan> {
    let weighted = |in_poor: usize, other: usize| -> Vec<&org_unit::Model> {
        villages
            .iter()
            .flat_map(|v| std::iter::repeat_n(v, if poor.contains(&v.id) { in_poor } else { other }))
            .collect()
    };
    let (remaining_slots, exited_slots) = (weighted(3, 2), weighted(3, 1));
    let mut households = Vec::new();
    let mut people: Vec<Vec<Person>> = Vec::new();
    let mut fates = Vec::new();
    let mut person_no = 0usize;
    let mut per_village = std::collections::HashMap::<i64, u64>::new();
    let mut categories = Vec::new();
    for (fate, category, count, total_people) in GROUPS {
        let (base, extra) = (total_people / count, total_people % count);
        let slots = if matches!(fate, Fate::Remaining { .. }) { &remaining_slots } else { &exited_slots };
        for i in 0..*count {
            let n = households.len();
            let village = slots[(n * 7) % slots.len()];
            let seq = per_village.entry(village.id).or_default();
            *seq += 1;
            let size = base + usize::from(i < extra);
            let members: Vec<Person> =
                (0..size).map(|k| person(&mut person_no, n, k, *category)).collect::<AppResult<_>>()?;
            let causes = [
                PovertyCause::ALL[n % PovertyCause::ALL.len()],
                PovertyCause::ALL[(n * 5 + 3) % PovertyCause::ALL.len()],
            ];
            let mut row = households::new_row(village, *seq, &members[0].name, *category, fate.status(), now);
            row.exit_year = Set(fate.exit_year());
            row.removed_reason = Set(matches!(fate, Fate::Removed(_)).then(|| story::REMOVED_REASON.to_owned()));
            row.causes = Set(causes_to_text(&causes));
            row.phone = Set(Some(format!("139{:08}", 10_000_000 + n * 37)));
            row.latitude = Set(Some(29.7 + (n % 100) as f64 * 0.001));
            row.longitude = Set(Some(118.3 + (n % 97) as f64 * 0.001));
            households.push(row);
            people.push(members);
            fates.push(*fate);
            categories.push(*category);
        }
    }
    august::adjust(&mut people, &categories)?;
    Ok((households, people, fates))
}

/// Member `k` of household `n`: the head first, then spouse, children, a parent. A 五保
/// household (特困供养) is old people alone: a head of 68 or more and perhaps an old sibling,
/// none of working age and able-bodied.
fn person(counter: &mut usize, n: usize, k: usize, category: HouseholdCategory) -> AppResult<Person> {
    let no = *counter;
    *counter += 1;
    let wubao = category == HouseholdCategory::Wubao;
    let relation = match k {
        0 => Relation::Head,
        _ if wubao => Relation::Sibling,
        1 => Relation::Spouse,
        4 => Relation::Parent,
        _ => Relation::Child,
    };
    let head_age = if wubao { 68 + n % 15 } else { 38 + n % 35 };
    let age = match relation {
        Relation::Head => head_age,
        Relation::Spouse => head_age.saturating_sub(2),
        Relation::Sibling => head_age.saturating_sub(1 + k),
        Relation::Parent => head_age + 24,
        _ => (head_age.saturating_sub(24 + 3 * k)).max(1),
    };
    // Heads are men in most households, spouses the other sex; (day of year, sequence)
    // is unique per person, so no two numbers collide.
    let male = match relation {
        Relation::Head => !n.is_multiple_of(5),
        Relation::Spouse => n.is_multiple_of(5),
        _ => (n + k).is_multiple_of(2),
    };
    let year = DEMO_YEAR - age as i32;
    let birth = NaiveDate::from_yo_opt(year, 1 + (no % 365) as u32)
        .ok_or_else(|| AppError::Internal("demo birth date".to_owned()))?;
    let seq = (no / 365) * 2 + usize::from(male);
    let first17 = format!("{REGION}{}{:03}", birth.format("%Y%m%d"), seq % 1000);
    let id_card = IdCardNo::complete(&first17).map_err(|e| AppError::Internal(e.0))?;
    debug_assert_eq!(id_card.birth_date().year(), year);
    let name = format!("{}{}", SURNAMES[(n * 3) % SURNAMES.len()], GIVEN[(no * 7 + k) % GIVEN.len()]);
    let health = match no % 11 {
        0 => HealthStatus::Chronic,
        1 => HealthStatus::SeriousIllness,
        2 => HealthStatus::Disabled,
        _ => HealthStatus::Healthy,
    };
    let labour = match age {
        0..=15 => Labour::NoCapacity,
        16..=59 if health == HealthStatus::Healthy => Labour::Full,
        16..=64 => Labour::Weak,
        _ => Labour::Lost,
    };
    Ok(Person { name, id_card, relation, health, labour, joined: None, left: None })
}

/// A demo-year income whose net is `net` fen, split the way rural households earn.
fn income_row(household_id: i64, net: i64, n: usize) -> income_record::ActiveModel {
    let transfer = net * (10 + (n % 15) as i64) / 100;
    let property = net * 3 / 100;
    let operating = net * (15 + (n % 20) as i64) / 100;
    let expenses = net / 20;
    let wage = net - transfer - property - operating + expenses;
    income_record::ActiveModel {
        household_id: Set(household_id),
        year: Set(DEMO_YEAR),
        wage_fen: Set(wage),
        operating_fen: Set(operating),
        property_fen: Set(property),
        transfer_fen: Set(transfer),
        expenses_fen: Set(expenses),
        ..Default::default()
    }
}
