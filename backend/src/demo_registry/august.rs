//! The demo year's August dynamic adjustment (动态调整), as dated member records: 308 people
//! join households (births, marriages in, moves in) and 293 leave them (deaths, marriages
//! out, moves, the army, school elsewhere) between 1 and 31 August, so that
//! `/registry/changes` over the month gives the seed's +308 / −293 / +15. The joiners are
//! people of the plan given a join date (a birth becomes a baby born that day); the leavers
//! are extra people, so the people present at the end of the year stay the seed's 4,621.
//! 五保 households are left alone (no births or marriages there).

use chrono::{Datelike, NaiveDate};
use jingzhun_shared::registry::{JoinReason, LeaveReason};
use jingzhun_shared::{HealthStatus, HouseholdCategory, IdCardNo, Labour, Relation};

use super::{GIVEN, Person, REGION, SURNAMES};
use crate::demo::DEMO_YEAR;
use crate::error::{AppError, AppResult};

/// People who joined in August, by reason.
const JOINS: [(JoinReason, usize); 4] =
    [(JoinReason::Birth, 126), (JoinReason::MarriageIn, 97), (JoinReason::MovedIn, 61), (JoinReason::Other, 24)];

/// People who left in August, by reason.
const LEAVES: [(LeaveReason, usize); 6] = [
    (LeaveReason::Death, 121),
    (LeaveReason::MarriageOut, 84),
    (LeaveReason::Moved, 47),
    (LeaveReason::Army, 15),
    (LeaveReason::School, 18),
    (LeaveReason::Other, 8),
];

fn august(day: usize) -> AppResult<NaiveDate> {
    NaiveDate::from_ymd_opt(DEMO_YEAR, 8, 1 + (day % 31) as u32)
        .ok_or_else(|| AppError::Internal("demo August date".to_owned()))
}

/// An ID-card number for a person born on `birth` with sequence `seq`; the sequences used
/// here (500 and above) are above the plan's, so no number repeats.
fn identity(birth: NaiveDate, seq: usize) -> AppResult<IdCardNo> {
    IdCardNo::complete(&format!("{REGION}{}{:03}", birth.format("%Y%m%d"), seq % 1000))
        .map_err(|e| AppError::Internal(e.0))
}

/// `count` of `candidates`, evenly spread.
fn spread(candidates: &[usize], count: usize) -> Vec<usize> {
    (0..count).filter_map(|i| candidates.get(i * candidates.len() / count.max(1)).copied()).collect()
}

/// Dates the August joins on the planned people and adds the August leavers.
pub(super) fn adjust(people: &mut [Vec<Person>], categories: &[HouseholdCategory]) -> AppResult<()> {
    let candidates: Vec<usize> = (0..people.len())
        .filter(|&n| categories.get(n) != Some(&HouseholdCategory::Wubao) && people[n].len() >= 2)
        .collect();
    let joins = JOINS.iter().flat_map(|(reason, count)| std::iter::repeat_n(*reason, *count));
    for (j, (n, reason)) in spread(&candidates, 308).into_iter().zip(joins).enumerate() {
        let day = august(j)?;
        let Some(member) = people.get_mut(n).and_then(|members| members.get_mut(1)) else { continue };
        if reason == JoinReason::Birth {
            member.relation = Relation::Grandchild;
            member.id_card = identity(day, 500 + j)?;
            member.health = HealthStatus::Healthy;
            member.labour = Labour::NoCapacity;
        }
        member.joined = Some((day, reason));
    }
    let leaves = LEAVES.iter().flat_map(|(reason, count)| std::iter::repeat_n(*reason, *count));
    for (j, (n, reason)) in spread(&candidates, 293).into_iter().zip(leaves).enumerate() {
        let (relation, age) = match reason {
            // One death in twenty is a working-age labourer's: the household's main labourer
            // lost, which the early warning is there to catch.
            LeaveReason::Death if j % 20 == 10 => (Relation::Child, 38 + j % 15),
            LeaveReason::Death => (Relation::Parent, 76 + j % 17),
            LeaveReason::MarriageOut => (Relation::Child, 21 + j % 8),
            LeaveReason::Army | LeaveReason::School => (Relation::Child, 18 + j % 4),
            LeaveReason::Moved | LeaveReason::Other => (Relation::Sibling, 25 + j % 20),
        };
        let birth = NaiveDate::from_yo_opt(DEMO_YEAR - age as i32, 1 + (j * 11 % 365) as u32)
            .ok_or_else(|| AppError::Internal("demo birth date".to_owned()))?;
        let id_card = identity(birth, 600 + j)?;
        debug_assert_eq!(id_card.birth_date().year(), DEMO_YEAR - age as i32);
        let Some(members) = people.get_mut(n) else { continue };
        members.push(Person {
            name: format!("{}{}", SURNAMES[(n * 3) % SURNAMES.len()], GIVEN[(j * 5 + 1) % GIVEN.len()]),
            id_card,
            relation,
            health: if reason == LeaveReason::Death { HealthStatus::SeriousIllness } else { HealthStatus::Healthy },
            labour: if age >= 65 { Labour::Lost } else { Labour::Full },
            joined: None,
            left: Some((august(j * 7)?, reason)),
        });
    }
    Ok(())
}
