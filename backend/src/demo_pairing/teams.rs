//! The demo year's work teams (驻村工作队) and assistance plans. The report: "形成每个贫困村3人
//! 专门工作团队 … 所有新增选派帮扶干部 4月29日前全部到村到岗 … 5月19日前，区委组织部又向30个非贫困村
//! 派出96人的扶贫工作队，非贫困村每村驻村力量均达3人以上". So: a team of three in each of the 12
//! poor villages from April 29th, and teams in 30 other villages from May 19th with 96 people
//! (six villages have four). Members are the demo cadres in order, so the demo account `cadre`
//! leads 张村's team. September holds the members' days at the post, some leave and the log;
//! the first households on file (张村's first) have a plan of two items, one done.

use chrono::{NaiveDate, Utc};
use jingzhun_shared::pairing::{LeaveStatus, VisitItem, working_days};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::date;
use crate::entities::{
    assistance_plan, attendance, cadre_pairing, household, leave_request, org_unit, team_log, team_member,
    village_profile, work_team,
};
use crate::error::AppResult;

/// Teams in the non-poor villages and the people on them.
pub const OTHER_TEAMS: usize = 30;
pub const OTHER_PEOPLE: usize = 96;
/// Households whose plan the demo draws up.
const PLANNED: usize = 120;

/// The 12 poor villages (张村 first) and then the others, in code order.
async fn villages(db: &impl ConnectionTrait) -> AppResult<(Vec<org_unit::Model>, Vec<org_unit::Model>)> {
    let poor: Vec<i64> = village_profile::Entity::find()
        .filter(village_profile::Column::IsPoorVillage.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.org_unit_id)
        .collect();
    let mut units = org_unit::Entity::find()
        .filter(org_unit::Column::Level.eq(jingzhun_shared::OrgLevel::Village))
        .order_by_asc(org_unit::Column::Code)
        .all(db)
        .await?;
    units.sort_by_key(|u| u.name != "张村");
    Ok(units.into_iter().partition(|u| poor.contains(&u.id)))
}

pub async fn load(db: &impl ConnectionTrait, cadres: &[i64]) -> AppResult<()> {
    let (poor, others) = villages(db).await?;
    let mut next = cadres.iter().copied();
    let mut members = Vec::new();
    let sizes = poor.iter().map(|v| (v, 3, date(4, 29))).chain(
        // 96 people in 30 villages: 3 each, and a fourth in the first six.
        others
            .iter()
            .take(OTHER_TEAMS)
            .enumerate()
            .map(|(i, v)| (v, 3 + usize::from(i < OTHER_PEOPLE - 3 * OTHER_TEAMS), date(5, 19))),
    );
    for (village, size, since) in sizes {
        let since = since?;
        let team = work_team::ActiveModel {
            village_id: Set(village.id),
            org_path: Set(village.path.clone()),
            since: Set(since),
            created_at: Set(Utc::now()),
            ..Default::default()
        };
        let team = work_team::Entity::insert(team).exec(db).await?.last_insert_id;
        for (k, cadre_id) in next.by_ref().take(size).enumerate() {
            members.push(team_member::ActiveModel {
                team_id: Set(team),
                cadre_id: Set(cadre_id),
                leader: Set(k == 0),
                since: Set(since),
                ..Default::default()
            });
        }
        team_log::Entity::insert(team_log::ActiveModel {
            team_id: Set(team),
            date: Set(date(9, 25)?),
            text: Set(format!("{}启动脱贫攻坚大排查，工作队入户逐户核查“两不愁三保障”", village.name)),
            author: Set("demo".to_owned()),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec(db)
        .await?;
    }
    for chunk in members.chunks(200) {
        team_member::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    september(db).await?;
    plans(db).await
}

/// September's days at the post: every member on every working day but one in nine, and
/// every seventh member on approved leave on the 14th and 15th (a few more ask and wait).
async fn september(db: &impl ConnectionTrait) -> AppResult<()> {
    let members = team_member::Entity::find().order_by_asc(team_member::Column::Id).all(db).await?;
    let days: Vec<NaiveDate> = working_days(date(9, 1)?, date(9, 30)?).collect();
    let mut rows = Vec::new();
    let mut leave = Vec::new();
    for (m, member) in members.iter().enumerate() {
        let away = m % 7 == 3;
        if away || m % 11 == 5 {
            let (from, to, status) = if away {
                (date(9, 14)?, date(9, 15)?, LeaveStatus::Approved)
            } else {
                (date(10, 12)?, date(10, 13)?, LeaveStatus::Pending)
            };
            leave.push(leave_request::ActiveModel {
                team_id: Set(member.team_id),
                cadre_id: Set(member.cadre_id),
                starts_on: Set(from),
                ends_on: Set(to),
                reason: Set("回派出单位参加集中学习".to_owned()),
                status: Set(status),
                decided_by: Set((status == LeaveStatus::Approved).then(|| "township".to_owned())),
                decided_on: Set((status == LeaveStatus::Approved).then_some(from.pred_opt().unwrap_or(from))),
                decision_note: Set(None),
                created_at: Set(Utc::now()),
                ..Default::default()
            });
        }
        for (d, day) in days.iter().enumerate() {
            let on_leave = away && (*day == date(9, 14)? || *day == date(9, 15)?);
            if on_leave || (d + m) % 9 == 0 {
                continue;
            }
            rows.push(attendance::ActiveModel {
                team_id: Set(member.team_id),
                cadre_id: Set(member.cadre_id),
                date: Set(*day),
                username: Set("demo".to_owned()),
                created_at: Set(Utc::now()),
                ..Default::default()
            });
        }
    }
    for chunk in rows.chunks(500) {
        attendance::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    for chunk in leave.chunks(200) {
        leave_request::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(())
}

/// The first households paired (张村's first): housing safety checked in June, industry support
/// due by the year's end.
async fn plans(db: &impl ConnectionTrait) -> AppResult<()> {
    let pairings = cadre_pairing::Entity::find().order_by_asc(cadre_pairing::Column::Id).all(db).await?;
    let homes = household::Entity::find()
        .filter(household::Column::Id.is_in(pairings.iter().take(PLANNED).map(|p| p.household_id)))
        .all(db)
        .await?;
    let mut rows = Vec::new();
    for p in pairings.iter().take(PLANNED) {
        let Some(home) = homes.iter().find(|h| h.id == p.household_id) else { continue };
        for (item, due, done_on) in [
            (VisitItem::HousingSafety, date(6, 30)?, Some(date(6, 20)?)),
            (VisitItem::IndustryAid, date(12, 31)?, None),
        ] {
            rows.push(assistance_plan::ActiveModel {
                household_id: Set(home.id),
                org_path: Set(home.org_path.clone()),
                year: Set(crate::demo::DEMO_YEAR),
                item: Set(item),
                cadre_id: Set(p.cadre_id),
                due: Set(due),
                done_on: Set(done_on),
                note: Set(None),
                created_at: Set(Utc::now()),
                ..Default::default()
            });
        }
    }
    for chunk in rows.chunks(300) {
        assistance_plan::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(())
}
