//! The figures a village's exit is judged by — remaining poor people, 贫困发生率, collective
//! income — each counted in one function, and the exit check that compares them with the
//! year's thresholds and reads the recorded checks. Also the village list, which shows the
//! same figures.

use std::collections::HashMap;

use jingzhun_shared::money::MoneyOverflow;
use jingzhun_shared::page::Page;
use jingzhun_shared::villages::{
    CheckKind, CriterionResult, ExitCheck, ExitCriterion, SupportingProject, VillageCheck, VillageQuery, VillageRow,
    incidence_bp,
};
use jingzhun_shared::{Capability, Fen, HouseholdStatus, OrgLevel, OrgUnitId, PageQuery};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{profiles, settings};
use crate::actor::CurrentUser;
use crate::entities::{household, member, org_unit, pv_income_credit, village_profile};
use crate::error::AppResult;
use crate::services::{infrastructure, page_bounds};

/// Remaining poor people of each village in `ids`: the members of its `registered`
/// households. The one place this count is made.
pub async fn poor_people(db: &impl ConnectionTrait, ids: Vec<i64>) -> AppResult<HashMap<i64, u64>> {
    let query = Query::select()
        .column((household::Entity, household::Column::VillageId))
        .expr_as(Expr::col((member::Entity, member::Column::Id)).count(), Alias::new("n"))
        .from(member::Entity)
        .inner_join(
            household::Entity,
            Expr::col((member::Entity, member::Column::HouseholdId)).equals((household::Entity, household::Column::Id)),
        )
        .and_where(Expr::col((household::Entity, household::Column::Status)).eq(HouseholdStatus::Registered.as_str()))
        .and_where(Expr::col((household::Entity, household::Column::VillageId)).is_in(ids))
        // People who left (died, married out, moved) are no longer the village's poor people.
        .and_where(Expr::col((member::Entity, member::Column::LeftOn)).is_null())
        .group_by_col((household::Entity, household::Column::VillageId))
        .to_owned();
    let mut out = HashMap::new();
    for row in db.query_all(&query).await? {
        let n = row.try_get::<i64>("", "n")?;
        out.insert(row.try_get::<i64>("", "village_id")?, u64::try_from(n).unwrap_or(0));
    }
    Ok(out)
}

/// Collective income (村集体经济收入) of `year` of each village in `ids` whose profile of the
/// year is recorded. The one place this figure is made (income credited to a village from
/// elsewhere, such as its PV stations, belongs here).
pub async fn collective_income(db: &impl ConnectionTrait, ids: Vec<i64>, year: i32) -> AppResult<HashMap<i64, Fen>> {
    // The village's PV stations' income of the year is the village's own (光伏收益归村集体): the
    // parts credited to it when each income was recorded.
    let pv_query = Query::select()
        .column(pv_income_credit::Column::VillageId)
        .expr_as(Expr::cust("CAST(SUM(amount_fen) AS BIGINT)"), Alias::new("fen"))
        .from(pv_income_credit::Entity)
        .and_where(pv_income_credit::Column::VillageId.is_in(ids.clone()))
        .and_where(pv_income_credit::Column::Year.eq(year))
        .group_by_col(pv_income_credit::Column::VillageId)
        .to_owned();
    let mut pv = HashMap::new();
    for row in db.query_all(&pv_query).await? {
        pv.insert(row.try_get::<i64>("", "village_id")?, Fen::new(row.try_get::<Option<i64>>("", "fen")?.unwrap_or(0)));
    }
    let mut out = HashMap::new();
    for p in village_profile::Entity::find()
        .filter(village_profile::Column::OrgUnitId.is_in(ids))
        .filter(village_profile::Column::Year.eq(year))
        .all(db)
        .await?
    {
        let credited = pv.get(&p.org_unit_id).copied().unwrap_or(Fen::ZERO);
        let total = Fen::new(p.collective_income_fen).checked_add(credited).ok_or(MoneyOverflow)?;
        out.insert(p.org_unit_id, total);
    }
    Ok(out)
}

/// Every 出列 criterion of the village for `year` and whether all pass.
pub async fn check(db: &impl ConnectionTrait, village: &org_unit::Model, year: i32) -> AppResult<ExitCheck> {
    let profile = profiles::of_year(db, village.id, year).await?;
    let poor = poor_people(db, vec![village.id]).await?.get(&village.id).copied().unwrap_or(0);
    let population = profile.as_ref().map(|p| p.rural_population);
    let incidence = population.and_then(|p| incidence_bp(poor, p));
    let setting = settings::setting(db, year).await?;
    let missing_setting = || Some(format!("{year} 年出列标准未设置"));
    let missing_profile = || Some(format!("{year} 年村情（人口、集体经济收入）未填写"));

    let max_bp = setting.map(|s| i64::from(s.max_incidence_bp));
    let incidence_passes = matches!((incidence, max_bp), (Some(f), Some(t)) if f < t);
    let mut criteria = vec![CriterionResult {
        criterion: ExitCriterion::Incidence,
        figure: incidence,
        threshold: max_bp,
        passed: incidence_passes,
        check: None,
        project: None,
        problem: match (incidence, max_bp) {
            (_, None) => missing_setting(),
            (None, _) => missing_profile(),
            (Some(f), Some(t)) if f >= t => Some(format!("贫困发生率 {} 未低于 {}", percent(f), percent(t))),
            _ => None,
        },
    }];

    let income = collective_income(db, vec![village.id], year).await?.get(&village.id).map(|f| f.fen());
    let min_income = setting.map(|s| s.min_collective_income_fen.fen());
    criteria.push(CriterionResult {
        criterion: ExitCriterion::CollectiveIncome,
        figure: income,
        threshold: min_income,
        passed: matches!((income, min_income), (Some(f), Some(t)) if f >= t),
        check: None,
        project: None,
        problem: match (income, min_income) {
            (_, None) => missing_setting(),
            (None, _) => missing_profile(),
            (Some(f), Some(t)) if f < t => Some(format!("村集体经济收入 {} 低于 {}", wan(f), wan(t))),
            _ => None,
        },
    });

    let recorded = settings::checks(db, village.id, year).await?;
    let mut projects = infrastructure::supporting(db, village.id, year).await?;
    for kind in CheckKind::ALL {
        let check = recorded.iter().find(|c| c.kind == *kind).map(settings::check_dto);
        criteria.push(recorded_or_built(*kind, check, projects.remove(kind)));
    }
    let passes = criteria.iter().all(|c| c.passed);
    Ok(ExitCheck {
        org_unit_id: OrgUnitId(village.id),
        year,
        poor_people: poor,
        rural_population: population,
        incidence_bp: incidence,
        criteria,
        passes,
    })
}

/// A road, water, clinic or broadband criterion: the recorded check decides when there is one
/// (an inspector's finding of a failed check stands over a project); without one, a completed
/// infrastructure project of the village that answers it passes it, and is named.
fn recorded_or_built(
    kind: CheckKind,
    check: Option<VillageCheck>,
    project: Option<SupportingProject>,
) -> CriterionResult {
    let passed = match &check {
        Some(c) => c.passed,
        None => project.is_some(),
    };
    let problem = match (&check, &project, kind.output_units()) {
        (Some(c), _, _) if !c.passed => Some(format!("{}核查未达标", kind.zh())),
        (Some(_), _, _) | (None, Some(_), _) => None,
        (None, None, Some(units)) => {
            Some(format!("{}核查未记录，本村也没有已完工的{}项目（以{}计）", kind.zh(), kind.zh(), units))
        }
        (None, None, None) => Some(format!("{}核查未记录", kind.zh())),
    };
    CriterionResult { criterion: kind.into(), figure: None, threshold: None, passed, check, project, problem }
}

/// `GET /api/v1/villages/{id}/exit-check`.
pub async fn for_user(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: OrgUnitId,
    year: Option<i32>,
) -> AppResult<ExitCheck> {
    let village = super::village(db, user, id, Capability::ReadRegistry).await?;
    check(db, &village, super::year_or_today(user, year)).await
}

/// The caller's villages with the year's figures, by code.
pub async fn list(db: &impl ConnectionTrait, user: &CurrentUser, query: VillageQuery) -> AppResult<Page<VillageRow>> {
    user.require(Capability::ReadRegistry)?;
    let (page, per_page) = page_bounds(PageQuery { page: query.page, per_page: query.per_page })?;
    let year = super::year_or_today(user, query.year);
    let units = org_unit::Entity::find()
        .filter(org_unit::Column::Path.starts_with(&user.org_path))
        .order_by_asc(org_unit::Column::Code)
        .all(db)
        .await?;
    let names: HashMap<i64, String> = units.iter().map(|u| (u.id, u.name.clone())).collect();
    let villages: Vec<&org_unit::Model> = units.iter().filter(|u| u.level == OrgLevel::Village).collect();
    let ids: Vec<i64> = villages.iter().map(|v| v.id).collect();
    let listed = profiles::latest(db, ids.clone(), Some(year)).await?;
    let incomes = collective_income(db, ids.clone(), year).await?;
    let poor = poor_people(db, ids).await?;
    let rows: Vec<VillageRow> = villages
        .into_iter()
        .map(|v| {
            let latest = listed.get(&v.id);
            let own = latest.filter(|p| p.year == year);
            let poor_people = poor.get(&v.id).copied().unwrap_or(0);
            VillageRow {
                id: OrgUnitId(v.id),
                name: v.name.clone(),
                township: v.parent_id.and_then(|p| names.get(&p).cloned()).unwrap_or_default(),
                year,
                is_poor_village: latest.is_some_and(|p| p.is_poor_village),
                exit_year: v.exit_year,
                rural_population: own.map(|p| p.rural_population),
                collective_income_fen: incomes.get(&v.id).copied(),
                poor_people,
                incidence_bp: own.and_then(|p| incidence_bp(poor_people, p.rural_population)),
            }
        })
        .filter(|row| !query.poor_only.unwrap_or(false) || row.is_poor_village)
        .collect();
    Ok(Page::from_all(rows, PageQuery { page: Some(page), per_page: Some(per_page) }))
}

/// Basis points as a percentage, "0.45%".
fn percent(bp: i64) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

/// Fen as 万元, "5.00 万元".
fn wan(fen: i64) -> String {
    format!("{}.{:02} 万元", fen / 1_000_000, fen % 1_000_000 / 10_000)
}
