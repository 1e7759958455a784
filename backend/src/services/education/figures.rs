//! What the aid records add up to: a year's figures for a subtree as paid up to a date, the
//! 控辍保学 list (members of compulsory-school age in households on file without a school record
//! in the year), and the exit checklist's school item read from a household's records.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use jingzhun_shared::education::{
    AidProgramme, AidTally, EducationFigures, OutOfSchoolChild, OutOfSchoolQuery, ProgrammeTally, SchoolEvidence,
    SchoolStage, StageTally, age_on, of_school_age,
};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::money::MoneyOverflow;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{Capability, Fen, HouseholdId, HouseholdStatus, MemberId, StudentAidId};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::student_aid::of_members;
use crate::actor::CurrentUser;
use crate::entities::{household, member, org_unit, student_aid};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::registry::{households, members};

/// Students counted once and the sum paid, over `rows`.
fn tally<'a>(rows: impl Iterator<Item = &'a student_aid::Model>) -> AppResult<AidTally> {
    let mut students = HashSet::new();
    let mut amounts = Vec::new();
    for row in rows {
        students.insert(row.member_id);
        amounts.push(Fen::new(row.amount_fen));
    }
    let amount_fen = amounts.into_iter().sum::<Result<Fen, MoneyOverflow>>()?;
    Ok(AidTally { students: students.len() as u64, amount_fen })
}

/// The year's figures in the subtree of `query.org_unit_id` (the caller's own unit when
/// absent), counting aid paid up to `as_of` when given.
pub async fn figures(db: &impl ConnectionTrait, user: &CurrentUser, query: RatesQuery) -> AppResult<EducationFigures> {
    user.require(Capability::ReadRegistry)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select = student_aid::Entity::find()
        .filter(student_aid::Column::OrgPath.starts_with(&unit.path))
        .filter(student_aid::Column::Year.eq(query.year));
    if let Some(as_of) = query.as_of {
        select = select.filter(student_aid::Column::PaidOn.lte(as_of));
    }
    let rows = select.all(db).await?;
    let aid = || rows.iter().filter(|r| r.programme.is_student_aid());
    let mut by_stage = Vec::new();
    for stage in SchoolStage::ALL {
        by_stage.push(StageTally { stage: *stage, tally: tally(aid().filter(|r| r.stage == *stage))? });
    }
    let mut by_programme = Vec::new();
    for programme in AidProgramme::ALL {
        by_programme.push(ProgrammeTally {
            programme: *programme,
            tally: tally(rows.iter().filter(|r| r.programme == *programme))?,
        });
    }
    let on = query.as_of.unwrap_or(user.today);
    Ok(EducationFigures {
        year: query.year,
        student_aid: tally(aid())?,
        by_stage,
        in_district: tally(aid().filter(|r| r.in_district))?,
        out_of_district: tally(aid().filter(|r| !r.in_district))?,
        by_programme,
        out_of_school: out_of_school_count(db, &unit, query.year, on).await?,
    })
}

/// The day a year's school-age members are counted on: the year's last day, or `today` when
/// the year is not over.
fn counting_day(year: i32, today: NaiveDate) -> AppResult<NaiveDate> {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| AppError::field("year", "年度不合理"))?;
    Ok(Ord::min(end, today))
}

/// Members of compulsory-school age in `year`, present on `on`, of the registered (未脱贫) households
/// in `unit`'s subtree, with their households.
async fn school_age_members(
    db: &impl ConnectionTrait,
    unit: &org_unit::Model,
    household: Option<i64>,
    year: i32,
    on: NaiveDate,
) -> AppResult<Vec<(member::Model, household::Model)>> {
    let mut select = household::Entity::find()
        .filter(household::Column::OrgPath.starts_with(&unit.path))
        .filter(household::Column::Status.eq(HouseholdStatus::Registered));
    if let Some(id) = household {
        select = select.filter(household::Column::Id.eq(id));
    }
    let on_file = select.all(db).await?;
    let (oldest, youngest) = school_age_births(year)?;
    let ids: Vec<i64> = on_file.iter().map(|h| h.id).collect();
    let by_id: HashMap<i64, household::Model> = on_file.into_iter().map(|h| (h.id, h)).collect();
    let mut found = Vec::new();
    for chunk in ids.chunks(1_000) {
        let rows = member::Entity::find()
            .filter(member::Column::HouseholdId.is_in(chunk.to_vec()))
            .filter(member::Column::BirthDate.between(oldest, youngest))
            .filter(members::present_on(on))
            .all(db)
            .await?;
        for m in rows.into_iter().filter(|m| of_school_age(m.birth_date, year)) {
            if let Some(h) = by_id.get(&m.household_id) {
                found.push((m, h.clone()));
            }
        }
    }
    Ok(found)
}

/// The birth dates of compulsory-school age in `year` (6 to 15 on the 1st of September,
/// [`of_school_age`]): from the 2nd of September sixteen years before to the 1st six years before.
fn school_age_births(year: i32) -> AppResult<(NaiveDate, NaiveDate)> {
    let (oldest, youngest) = (NaiveDate::from_ymd_opt(year - 16, 9, 2), NaiveDate::from_ymd_opt(year - 6, 9, 1));
    match (oldest, youngest) {
        (Some(oldest), Some(youngest)) => Ok((oldest, youngest)),
        _ => Err(AppError::field("year", "年度不合理")),
    }
}

/// How many are on the 控辍保学 list ([`without_school_record`]), counted in the database so a
/// province's figures do not load its children.
async fn out_of_school_count(
    db: &impl ConnectionTrait,
    unit: &org_unit::Model,
    year: i32,
    on: NaiveDate,
) -> AppResult<u64> {
    let (oldest, youngest) = school_age_births(year)?;
    let on_file = Query::select()
        .column(household::Column::Id)
        .from(household::Entity)
        .and_where(household::Column::OrgPath.starts_with(&unit.path))
        .and_where(household::Column::Status.eq(HouseholdStatus::Registered))
        .to_owned();
    let aided = Query::select()
        .expr(Expr::val(1))
        .from(student_aid::Entity)
        .and_where(
            Expr::col((student_aid::Entity, student_aid::Column::MemberId))
                .equals((member::Entity, member::Column::Id)),
        )
        .and_where(Expr::col((student_aid::Entity, student_aid::Column::Year)).eq(year))
        .to_owned();
    Ok(member::Entity::find()
        .filter(member::Column::HouseholdId.in_subquery(on_file))
        .filter(member::Column::BirthDate.between(oldest, youngest))
        .filter(members::present_on(counting_day(year, on)?))
        .filter(Expr::exists(aided).not())
        .count(db)
        .await?)
}

/// The school-age members without any aid record of `year` (控辍保学).
async fn without_school_record(
    db: &impl ConnectionTrait,
    unit: &org_unit::Model,
    year: i32,
    on: NaiveDate,
) -> AppResult<Vec<(member::Model, household::Model)>> {
    let children = school_age_members(db, unit, None, year, counting_day(year, on)?).await?;
    let aid = of_members(db, children.iter().map(|(m, _)| m.id).collect(), year).await?;
    Ok(children.into_iter().filter(|(m, _)| !aid.contains_key(&m.id)).collect())
}

/// The 控辍保学 list of the year in a subtree, by household number.
pub async fn out_of_school(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: OutOfSchoolQuery,
) -> AppResult<Page<OutOfSchoolChild>> {
    user.require(Capability::ReadRegistry)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut rows = without_school_record(db, &unit, query.year, user.today).await?;
    rows.sort_by(|a, b| (&a.1.number, a.0.id).cmp(&(&b.1.number, b.0.id)));
    let villages = org_units::by_ids(db, rows.iter().map(|(_, h)| h.village_id).collect()).await?;
    let start = NaiveDate::from_ymd_opt(query.year, 9, 1).unwrap_or(user.today);
    let all = rows
        .into_iter()
        .map(|(m, h)| OutOfSchoolChild {
            member_id: MemberId(m.id),
            name: m.name,
            age: age_on(m.birth_date, start),
            household_id: HouseholdId(h.id),
            household_number: h.number,
            village_name: villages.get(&h.village_id).map(|v| v.name.clone()).unwrap_or_default(),
        })
        .collect();
    Ok(Page::from_all(all, PageQuery { page: query.page, per_page: query.per_page }))
}

/// 义务教育有保障 for a household in `year`: met when every member of compulsory-school age
/// has aid of the year, with the records that show it; not met naming the children without.
pub async fn school_evidence(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: HouseholdId,
    year: i32,
) -> AppResult<SchoolEvidence> {
    let household = households::find_visible(db, user, id).await?;
    let unit = org_units::find_visible(db, user, jingzhun_shared::OrgUnitId(household.village_id)).await?;
    let on = counting_day(year, user.today)?;
    let children = school_age_members(db, &unit, Some(household.id), year, on).await?;
    if children.is_empty() {
        return Ok(SchoolEvidence {
            met: true,
            evidence: "无义务教育阶段适龄子女（6–15 周岁）".to_owned(),
            records: Vec::new(),
        });
    }
    let aid = of_members(db, children.iter().map(|(m, _)| m.id).collect(), year).await?;
    let missing: Vec<&str> =
        children.iter().filter(|(m, _)| !aid.contains_key(&m.id)).map(|(m, _)| m.name.as_str()).collect();
    if !missing.is_empty() {
        return Ok(SchoolEvidence {
            met: false,
            evidence: format!("{year} 年无在校资助记录的适龄子女：{}", missing.join("、")),
            records: Vec::new(),
        });
    }
    let mut records = Vec::new();
    let mut lines = Vec::new();
    for (m, _) in &children {
        if let Some(latest) = aid.get(&m.id).and_then(|rows| rows.iter().max_by_key(|r| (r.paid_on, r.id))) {
            records.push(StudentAidId(latest.id));
            lines.push(format!(
                "{}：{} {} {}{}（学生资助记录 {}）",
                m.name,
                latest.stage.zh(),
                latest.school,
                latest.year,
                latest.term.zh(),
                latest.id
            ));
        }
    }
    Ok(SchoolEvidence { met: true, evidence: lines.join("；"), records })
}
