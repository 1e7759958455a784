//! The demo year's student aid, generated as records so that what the system computes from
//! them is the seed report's (paid by the end of July): 292 students with 24.28 万元 — preschool
//! 41 / 3.47, compulsory 217 / 13.12, high school 25 / 5.29, university 9 / 2.4 万元; 222 at
//! schools in the district with 19.045 万元 and 70 outside with 5.235 万元 — and 35 students of
//! 雨露计划 with 11.85 万元, with the district supplement of 200 元 a year setting and paying
//! the district's preschool and compulsory pupils.

use std::collections::HashSet;

use chrono::NaiveDate;
use jingzhun_shared::education::{AidProgramme, SchoolStage, StudentAidInput, Term, age_on};
use jingzhun_shared::{Fen, HouseholdStatus, MemberId};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, TransactionTrait,
};

use crate::demo::DEMO_YEAR;
use crate::entities::{education_year_setting, household, member, student_aid};
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::education::student_aid::new_row;
use crate::services::registry::record_members::Placed;

/// The district's supplement per pupil in the demo year (元).
const SUPPLEMENT_YUAN: i64 = 200;

/// One group of students: stage, school inside the district, how many, the national aid
/// they share (元) and whether each also has the district supplement.
struct Group {
    stage: SchoolStage,
    in_district: bool,
    students: usize,
    national_yuan: i64,
    programme: AidProgramme,
}

const fn group(stage: SchoolStage, in_district: bool, students: usize, national_yuan: i64) -> Group {
    Group { stage, in_district, students, national_yuan, programme: AidProgramme::National }
}

/// The groups, compulsory first so that the school-age children of the households on file
/// are the ones aided; in the district, preschool and compulsory pupils also have the
/// supplement (35 × 200 and 177 × 200 元 on top of the national aid below).
const GROUPS: [Group; 8] = [
    group(SchoolStage::Compulsory, true, 177, 85_800),
    group(SchoolStage::Compulsory, false, 40, 10_000),
    group(SchoolStage::Preschool, true, 35, 24_700),
    group(SchoolStage::Preschool, false, 6, 3_000),
    group(SchoolStage::HighSchool, true, 10, 37_550),
    group(SchoolStage::HighSchool, false, 15, 15_350),
    group(SchoolStage::University, false, 9, 24_000),
    Group {
        stage: SchoolStage::Vocational,
        in_district: false,
        students: 35,
        national_yuan: 118_500,
        programme: AidProgramme::Yulu,
    },
];

/// The age a stage's pupils are closest to.
fn typical_age(stage: SchoolStage) -> i32 {
    match stage {
        SchoolStage::Preschool => 4,
        SchoolStage::Compulsory => 10,
        SchoolStage::HighSchool => 17,
        SchoolStage::Vocational => 18,
        SchoolStage::University => 20,
    }
}

/// `total` (元) in `n` parts of whole 元, the last taking the rest.
pub(crate) fn shares(total_yuan: i64, n: usize) -> Vec<Fen> {
    let count = i64::try_from(n.max(1)).unwrap_or(1);
    let each = total_yuan / count;
    (0..n).map(|i| Fen::from_yuan(if i + 1 == n { total_yuan - each * (count - 1) } else { each })).collect()
}

/// The present members of the households on file with their households, the registered
/// (未脱贫) households' first, in id order.
pub(crate) async fn people(db: &impl ConnectionTrait) -> AppResult<Vec<Placed>> {
    let households: std::collections::HashMap<i64, household::Model> = household::Entity::find()
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
    let mut placed: Vec<Placed> =
        members.into_iter().filter_map(|m| households.get(&m.household_id).map(|h| (m, h.clone()))).collect();
    placed.sort_by_key(|(m, h)| (h.status != HouseholdStatus::Registered, m.id));
    Ok(placed)
}

fn date(month: u32, day: u32) -> AppResult<NaiveDate> {
    NaiveDate::from_ymd_opt(DEMO_YEAR, month, day).ok_or_else(|| AppError::Internal("demo date".to_owned()))
}

/// Loads the demo year's aid when none is on file; `false` when some was.
pub async fn load(db: &DatabaseConnection) -> AppResult<bool> {
    let txn = db.begin().await?;
    if student_aid::Entity::find().count(&txn).await? > 0 {
        return Ok(false);
    }
    education_year_setting::ActiveModel {
        year: Set(DEMO_YEAR),
        supplement_fen: Set(Fen::from_yuan(SUPPLEMENT_YUAN).fen()),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    let people = people(&txn).await?;
    let start = date(9, 1)?;
    let mut used = HashSet::new();
    let mut rows = Vec::new();
    for (g, group) in GROUPS.iter().enumerate() {
        let mut free: Vec<&Placed> = people.iter().filter(|(m, _)| !used.contains(&m.id)).collect();
        free.sort_by_key(|(m, _)| (age_on(m.birth_date, start) - typical_age(group.stage)).abs());
        let chosen: Vec<&Placed> = free.into_iter().take(group.students).collect();
        if chosen.len() < group.students {
            return Err(AppError::Internal("the demo aid needs more people".to_owned()));
        }
        for (i, (placed, amount)) in chosen.iter().zip(shares(group.national_yuan, group.students)).enumerate() {
            used.insert(placed.0.id);
            let paid_on = date(6 + u32::from(i % 2 == 1), 10 + u32::try_from((g * 3 + i) % 18).unwrap_or(0))?;
            let input = |programme, amount: Fen| StudentAidInput {
                member_id: MemberId(placed.0.id),
                stage: group.stage,
                school: school(group, i),
                year: DEMO_YEAR,
                term: Term::Spring,
                in_district: group.in_district,
                programme,
                amount_fen: Some(amount),
                paid_on,
                via_card: true,
            };
            rows.push(new_row(placed, &input(group.programme, amount), school(group, i), amount));
            if group.in_district
                && group.programme.is_student_aid()
                && AidProgramme::DistrictSupplement.refuses(group.stage).is_none()
            {
                let supplement = Fen::from_yuan(SUPPLEMENT_YUAN);
                rows.push(new_row(
                    placed,
                    &input(AidProgramme::DistrictSupplement, supplement),
                    school(group, i),
                    supplement,
                ));
            }
        }
    }
    bulk::insert(&txn, rows).await?;
    txn.commit().await?;
    Ok(true)
}

/// A school name for the `i`-th pupil of a group.
fn school(group: &Group, i: usize) -> String {
    let place = if group.in_district { "区" } else { "市" };
    let n = i % 5 + 1;
    match group.stage {
        SchoolStage::Preschool => format!("{place}第{n}幼儿园"),
        SchoolStage::Compulsory if i.is_multiple_of(2) => format!("{place}第{n}小学"),
        SchoolStage::Compulsory => format!("{place}第{n}中学"),
        SchoolStage::HighSchool => format!("{place}第{n}高级中学"),
        SchoolStage::Vocational => format!("{place}第{n}职业技术学校"),
        SchoolStage::University => ["安徽大学", "合肥工业大学", "安徽师范大学"][i % 3].to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_groups_add_up_to_the_seeds_figures() {
        let supplement = |g: &Group| {
            if g.in_district && matches!(g.stage, SchoolStage::Preschool | SchoolStage::Compulsory) {
                g.students as i64 * 200
            } else {
                0
            }
        };
        let aid: Vec<&Group> = GROUPS.iter().filter(|g| g.programme.is_student_aid()).collect();
        assert_eq!(aid.iter().map(|g| g.students).sum::<usize>(), 292);
        assert_eq!(aid.iter().map(|g| g.national_yuan + supplement(g)).sum::<i64>(), 242_800);
        let inside: i64 = aid.iter().filter(|g| g.in_district).map(|g| g.national_yuan + supplement(g)).sum();
        assert_eq!(inside, 190_450);
        assert_eq!(shares(100, 3).iter().map(|f| f.fen()).sum::<i64>(), 10_000);
    }
}
