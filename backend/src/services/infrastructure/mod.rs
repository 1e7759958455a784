//! Infrastructure figures: the year's infrastructure projects of a subtree grouped by place and
//! unit of output, with what the projects completed up to `as_of` built (as of a day, of the
//! batches issued by then, as the funds' rates count). Reads the funds area's projects;
//! nothing is stored here. The village exit check reads the same projects ([`supporting`]): a
//! completed road, water or broadband project answers its criterion.

use std::collections::{BTreeMap, HashMap};

use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::industry::Quantity;
use jingzhun_shared::infrastructure::{InfrastructureFigures, InfrastructureRow};
use jingzhun_shared::villages::{CheckKind, SupportingProject};
use jingzhun_shared::{Capability, Fen, OrgUnitId, ProjectId, ProjectKind};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{fund_batch, org_unit, project};
use crate::error::{AppError, AppResult};
use crate::services::by_ids;
use crate::services::funds::project_scope;
use crate::services::org::org_units;
use crate::services::per_household::by;

fn overflow() -> AppError {
    AppError::Internal("infrastructure figures overflow".to_owned())
}

/// Adds project `p` (its output `quantity`) to `row`.
fn add(
    row: &mut InfrastructureRow,
    p: &project::Model,
    quantity: i64,
    as_of: Option<chrono::NaiveDate>,
) -> AppResult<()> {
    row.projects += 1;
    row.budget_fen = row.budget_fen.checked_add(Fen::new(p.budget_fen)).ok_or_else(overflow)?;
    row.quantity = Quantity::from_hundredths(row.quantity.hundredths().checked_add(quantity).ok_or_else(overflow)?);
    if by(p.completed_on, as_of) {
        row.completed += 1;
        let done = row.completed_quantity.hundredths().checked_add(quantity).ok_or_else(overflow)?;
        row.completed_quantity = Quantity::from_hundredths(done);
    }
    Ok(())
}

fn empty_row(id: i64, name: &str, unit: &str) -> InfrastructureRow {
    InfrastructureRow {
        org_unit_id: OrgUnitId(id),
        org_unit_name: name.to_owned(),
        unit: unit.to_owned(),
        projects: 0,
        completed: 0,
        budget_fen: Fen::ZERO,
        quantity: Quantity::default(),
        completed_quantity: Quantity::default(),
    }
}

/// The year's infrastructure outputs for the caller's subtree or a unit inside it.
pub async fn figures(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: RatesQuery,
) -> AppResult<InfrastructureFigures> {
    user.require(Capability::ReadFunds)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select = project::Entity::find()
        .filter(project::Column::Year.eq(query.year))
        .filter(project::Column::Kind.eq(ProjectKind::Infrastructure))
        .filter(project_scope(&unit));
    if let Some(day) = query.as_of {
        // As the funds' rates count them: the projects of the batches issued by then.
        let issued = Query::select()
            .column(fund_batch::Column::Id)
            .from(fund_batch::Entity)
            .and_where(fund_batch::Column::IssuedOn.lte(day))
            .to_owned();
        select = select.filter(project::Column::BatchId.in_subquery(issued));
    }
    let projects = select.all(db).await?;
    let place = |p: &project::Model| p.village_id.unwrap_or(p.org_unit_id);
    let names = by_ids::<org_unit::Entity>(db, projects.iter().map(place).collect(), |u| u.id).await?;
    let mut rows: BTreeMap<(String, i64, String), InfrastructureRow> = BTreeMap::new();
    let mut totals: BTreeMap<String, InfrastructureRow> = BTreeMap::new();
    let mut figures = InfrastructureFigures { year: query.year, ..Default::default() };
    for p in &projects {
        let (Some(quantity), Some(output)) = (p.quantity, p.unit.as_deref()) else {
            figures.without_output += 1;
            continue;
        };
        let name = names.get(&place(p)).map(|u| u.name.as_str()).unwrap_or_default();
        let row = rows
            .entry((output.to_owned(), place(p), name.to_owned()))
            .or_insert_with(|| empty_row(place(p), name, output));
        add(row, p, quantity, query.as_of)?;
        let total = totals.entry(output.to_owned()).or_insert_with(|| empty_row(unit.id, &unit.name, output));
        add(total, p, quantity, query.as_of)?;
    }
    figures.rows = rows.into_values().collect();
    figures.totals = totals.into_values().collect();
    Ok(figures)
}

/// The village's infrastructure projects completed by the end of `year` with a quantity, the
/// latest per check they answer (by the unit, [`CheckKind::from_output_unit`]).
pub async fn supporting(
    db: &impl ConnectionTrait,
    village_id: i64,
    year: i32,
) -> AppResult<HashMap<CheckKind, SupportingProject>> {
    let Some(year_end) = chrono::NaiveDate::from_ymd_opt(year, 12, 31) else { return Ok(HashMap::new()) };
    let projects = project::Entity::find()
        .filter(project::Column::VillageId.eq(village_id))
        .filter(project::Column::Kind.eq(ProjectKind::Infrastructure))
        .filter(project::Column::CompletedOn.lte(year_end))
        .filter(project::Column::Quantity.gt(0))
        .order_by_asc(project::Column::CompletedOn)
        .order_by_asc(project::Column::Id)
        .all(db)
        .await?;
    let mut out = HashMap::new();
    for p in projects {
        let (Some(quantity), Some(unit), Some(completed_on)) = (p.quantity, p.unit, p.completed_on) else { continue };
        let Some(kind) = CheckKind::from_output_unit(&unit) else { continue };
        // Ordered by completion: a later project replaces an earlier one.
        out.insert(
            kind,
            SupportingProject {
                project_id: ProjectId(p.id),
                name: p.name,
                year: p.year,
                quantity: Quantity::from_hundredths(quantity),
                unit,
                completed_on,
            },
        );
    }
    Ok(out)
}
