//! The year's employment figures for a subtree, as recorded up to a date: market employment,
//! public-welfare posts and their wages, bases by kind with the posts they offer and the
//! labourers their jobs hold, training and transport subsidies.

use std::collections::{HashMap, HashSet};

use jingzhun_shared::employment::{BaseKind, BaseTally, EmploymentFigures, EmploymentKind};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::money::MoneyOverflow;
use jingzhun_shared::{Capability, Fen};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::jobs::year_span;
use crate::actor::CurrentUser;
use crate::entities::{employment, employment_base, training, transport_subsidy};
use crate::error::AppResult;
use crate::services::org::org_units;

fn sum(amounts: impl Iterator<Item = i64>) -> AppResult<Fen> {
    Ok(amounts.map(Fen::new).sum::<Result<Fen, MoneyOverflow>>()?)
}

fn distinct(members: impl Iterator<Item = i64>) -> u64 {
    members.collect::<HashSet<_>>().len() as u64
}

pub async fn figures(db: &impl ConnectionTrait, user: &CurrentUser, query: RatesQuery) -> AppResult<EmploymentFigures> {
    user.require(Capability::ReadRegistry)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let (from, end) = year_span(query.year)?;
    let to = query.as_of.map_or(end, |as_of| Ord::min(as_of, end));
    use employment::Column as J;
    let jobs = employment::Entity::find()
        .filter(J::OrgPath.starts_with(&unit.path))
        .filter(J::Since.lte(to))
        .filter(J::Until.is_null().or(J::Until.gte(from)))
        .all(db)
        .await?;
    let bases = employment_base::Entity::find()
        .filter(employment_base::Column::OrgPath.starts_with(&unit.path))
        .filter(employment_base::Column::RecognisedOn.lte(to))
        .all(db)
        .await?;
    let trained = training::Entity::find()
        .filter(training::Column::OrgPath.starts_with(&unit.path))
        .filter(training::Column::Year.eq(query.year))
        .filter(training::Column::EndedOn.lte(to))
        .all(db)
        .await?;
    let transport = transport_subsidy::Entity::find()
        .filter(transport_subsidy::Column::OrgPath.starts_with(&unit.path))
        .filter(transport_subsidy::Column::Year.eq(query.year))
        .filter(transport_subsidy::Column::PaidOn.lte(to))
        .all(db)
        .await?;
    let posts: Vec<&employment::Model> = jobs.iter().filter(|j| j.kind == EmploymentKind::PublicWelfarePost).collect();
    let wages: Vec<i64> = posts.iter().map(|j| j.monthly_wage_fen).collect();
    let count = i64::try_from(wages.len()).unwrap_or(i64::MAX);
    let average = if count == 0 { 0 } else { (2 * sum(wages.iter().copied())?.fen() + count) / (2 * count) };
    let kind_of: HashMap<i64, BaseKind> = bases.iter().map(|b| (b.id, b.kind)).collect();
    let mut tallies = Vec::new();
    for kind in BaseKind::ALL {
        let of_kind = || bases.iter().filter(|b| b.kind == *kind);
        let absorbed = jobs
            .iter()
            .filter(|j| j.kind == EmploymentKind::BaseJob && j.base_id.and_then(|b| kind_of.get(&b)) == Some(kind));
        tallies.push(BaseTally {
            kind: *kind,
            bases: of_kind().count() as u64,
            posts: of_kind().map(|b| u64::try_from(b.posts).unwrap_or(0)).sum(),
            absorbed: distinct(absorbed.map(|j| j.member_id)),
        });
    }
    Ok(EmploymentFigures {
        year: query.year,
        employed: distinct(jobs.iter().filter(|j| j.kind.is_market()).map(|j| j.member_id)),
        posts_offered: tallies.iter().map(|t| t.posts).sum(),
        public_welfare_posts: distinct(posts.iter().map(|j| j.member_id)),
        public_welfare_average_wage_fen: Fen::new(average),
        public_welfare_min_wage_fen: Fen::new(wages.iter().copied().min().unwrap_or(0)),
        public_welfare_max_wage_fen: Fen::new(wages.iter().copied().max().unwrap_or(0)),
        bases: tallies,
        trainees: distinct(trained.iter().map(|t| t.member_id)),
        training_subsidy_fen: sum(trained.iter().map(|t| t.subsidy_fen))?,
        transport_subsidised: distinct(transport.iter().map(|t| t.member_id)),
        transport_subsidy_fen: sum(transport.iter().map(|t| t.amount_fen))?,
    })
}
