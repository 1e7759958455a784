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
use sea_orm::sea_query::Expr;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect};

use crate::actor::CurrentUser;
use crate::entities::{fund_batch, org_unit, project};
use crate::error::{AppError, AppResult};
use crate::services::by_ids;
use crate::services::funds::project_scope;
use crate::services::org::org_units;

fn overflow() -> AppError {
    AppError::Internal("infrastructure figures overflow".to_owned())
}

/// One place's projects of one unit of output (`unit` absent: projects without an output),
/// summed by the database.
#[derive(Debug, FromQueryResult)]
struct Grouped {
    place: i64,
    unit: Option<String>,
    projects: i64,
    without_output: i64,
    budget_fen: i64,
    quantity: i64,
    completed: i64,
    completed_quantity: i64,
}

/// Adds `g` to `row`.
fn add(row: &mut InfrastructureRow, g: &Grouped) -> AppResult<()> {
    let count = |n: i64| u64::try_from(n).map_err(|_| overflow());
    let sum = |a: i64, b: i64| a.checked_add(b).ok_or_else(overflow);
    row.projects = row.projects.checked_add(count(g.projects)?).ok_or_else(overflow)?;
    row.completed = row.completed.checked_add(count(g.completed)?).ok_or_else(overflow)?;
    row.budget_fen = row.budget_fen.checked_add(Fen::new(g.budget_fen)).ok_or_else(overflow)?;
    row.quantity = Quantity::from_hundredths(sum(row.quantity.hundredths(), g.quantity)?);
    row.completed_quantity = Quantity::from_hundredths(sum(row.completed_quantity.hundredths(), g.completed_quantity)?);
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

/// The year's infrastructure outputs for the caller's subtree or a unit inside it: one
/// grouped query by place and unit of output, so a province's 125,000 projects are summed
/// where they lie.
pub async fn figures(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: RatesQuery,
) -> AppResult<InfrastructureFigures> {
    user.require(Capability::ReadFunds)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    // A project counts when it has both a quantity and a unit of output; it is completed when
    // its completion day is known and (as of a day) not after it.
    let with_output = "quantity IS NOT NULL AND unit IS NOT NULL";
    let completed = match query.as_of {
        Some(day) => format!("{with_output} AND completed_on IS NOT NULL AND completed_on <= '{day}'"),
        None => format!("{with_output} AND completed_on IS NOT NULL"),
    };
    let when = |condition: &str, value: &str| {
        Expr::cust(format!("CAST(COALESCE(SUM(CASE WHEN {condition} THEN {value} ELSE 0 END), 0) AS BIGINT)"))
    };
    let mut select = project::Entity::find()
        .select_only()
        .column_as(Expr::cust("COALESCE(village_id, org_unit_id)"), "place")
        .column_as(Expr::cust(format!("CASE WHEN {with_output} THEN unit END")), "unit")
        .column_as(when(with_output, "1"), "projects")
        .column_as(
            Expr::cust(format!("CAST(SUM(CASE WHEN {with_output} THEN 0 ELSE 1 END) AS BIGINT)")),
            "without_output",
        )
        .column_as(when(with_output, "budget_fen"), "budget_fen")
        .column_as(when(with_output, "quantity"), "quantity")
        .column_as(when(&completed, "1"), "completed")
        .column_as(when(&completed, "quantity"), "completed_quantity")
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
    let groups: Vec<Grouped> = select.group_by(Expr::cust("1")).group_by(Expr::cust("2")).into_model().all(db).await?;
    let places = groups.iter().filter(|g| g.unit.is_some()).map(|g| g.place).collect();
    let names = by_ids::<org_unit::Entity>(db, places, |u| u.id).await?;
    let mut rows: BTreeMap<(String, i64, String), InfrastructureRow> = BTreeMap::new();
    let mut totals: BTreeMap<String, InfrastructureRow> = BTreeMap::new();
    let mut figures = InfrastructureFigures { year: query.year, ..Default::default() };
    for g in &groups {
        figures.without_output += u64::try_from(g.without_output).map_err(|_| overflow())?;
        let Some(output) = g.unit.as_deref() else { continue };
        let name = names.get(&g.place).map(|u| u.name.as_str()).unwrap_or_default();
        let row = rows
            .entry((output.to_owned(), g.place, name.to_owned()))
            .or_insert_with(|| empty_row(g.place, name, output));
        add(row, g)?;
        let total = totals.entry(output.to_owned()).or_insert_with(|| empty_row(unit.id, &unit.name, output));
        add(total, g)?;
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
