//! The dashboard's tables, sortable by any column and scrolling sideways inside their own box:
//! one row per unit under the reader's (townships for the district, villages for a township),
//! each the annual report of that unit and its remaining households; and one row per village
//! with the villages' own figures and the month's visits.

use std::collections::HashMap;

use jingzhun_shared::pairing::CoverageQuery;
use jingzhun_shared::registry::HouseholdQuery;
use jingzhun_shared::reports::AnnualReportQuery;
use jingzhun_shared::villages::{VillageQuery, VillageRow};
use jingzhun_shared::{ClientError, HouseholdStatus, OrgLevel, OrgUnitId, PageQuery};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::Page;
use crate::components::list::{Column, SortKey, Table, text};
use crate::components::loaded::Loaded;
use crate::components::wan;
use crate::pages::funds::percent;
use crate::session::use_session;

/// The villages' rows and each village's visits (visited, paired) by name.
type Villages = (Vec<VillageRow>, HashMap<String, (u64, u64)>);

/// One unit's figures in the table.
#[derive(Debug, Clone, PartialEq)]
struct UnitRow {
    id: OrgUnitId,
    name: String,
    /// Registered households now, when the reader reads the registry.
    remaining: Option<u64>,
    projects: Option<u64>,
    completion_bp: Option<i64>,
    new_loans_fen: Option<i64>,
    overdue_fen: Option<i64>,
    inpatient_bp: Option<i64>,
}

fn number(n: Option<i64>) -> SortKey {
    SortKey::Number(n.unwrap_or(i64::MIN))
}

fn count(n: Option<u64>) -> i64 {
    n.map_or(i64::MIN, |n| i64::try_from(n).unwrap_or(i64::MAX))
}

fn or_dash(text: Option<String>) -> AnyView {
    text.unwrap_or_else(|| "—".to_owned()).into_any()
}

fn unit_columns() -> Vec<Column<UnitRow>> {
    vec![
        Column::new(("单位", "Unit"), |u: &UnitRow| u.name.clone().into_any()).sort(|u| text(&u.name)),
        Column::new(("未脱贫户", "Remaining"), |u: &UnitRow| match u.remaining {
            Some(n) => {
                let href = format!("{}?status=registered&unit={}", Page::Households.href(), u.id.0);
                view! { <A href=href>{n}</A> }.into_any()
            }
            None => "—".into_any(),
        })
        .sort(|u| SortKey::Number(count(u.remaining))),
        Column::new(("项目", "Projects"), |u: &UnitRow| or_dash(u.projects.map(|n| n.to_string())))
            .sort(|u| SortKey::Number(count(u.projects))),
        Column::new(("完工率", "Completed"), |u: &UnitRow| or_dash(u.completion_bp.map(percent)))
            .sort(|u| number(u.completion_bp)),
        Column::new(("新增贷款（万元）", "New loans"), |u: &UnitRow| {
            or_dash(u.new_loans_fen.map(|f| wan(jingzhun_shared::Fen::new(f))))
        })
        .sort(|u| number(u.new_loans_fen)),
        Column::new(("逾期（万元）", "Overdue"), |u: &UnitRow| {
            or_dash(u.overdue_fen.map(|f| wan(jingzhun_shared::Fen::new(f))))
        })
        .sort(|u| number(u.overdue_fen)),
        Column::new(("住院补偿比例", "Inpatient ratio"), |u: &UnitRow| or_dash(u.inpatient_bp.map(percent)))
            .sort(|u| number(u.inpatient_bp)),
    ]
}

fn village_columns(visits: HashMap<String, (u64, u64)>) -> Vec<Column<VillageRow>> {
    let visits = std::sync::Arc::new(visits);
    let (shown, keyed) = (visits.clone(), visits);
    vec![
        Column::new(("村", "Village"), |v: &VillageRow| {
            let name = v.name.clone();
            view! { <A href=Page::Village(v.id).href()>{name}</A> }.into_any()
        })
        .sort(|v| text(&v.name)),
        Column::new(("乡镇", "Township"), |v: &VillageRow| v.township.clone().into_any()).sort(|v| text(&v.township)),
        Column::new(("贫困村", "Poor village"), |v: &VillageRow| {
            match (v.is_poor_village, v.exit_year) {
                (true, Some(y)) => format!("{y}年出列"),
                (true, None) => "是".to_owned(),
                (false, _) => "否".to_owned(),
            }
            .into_any()
        })
        .sort(|v| SortKey::Number(i64::from(v.is_poor_village) * 10_000 - i64::from(v.exit_year.unwrap_or(0)))),
        Column::new(("贫困人口", "Poor people"), |v: &VillageRow| v.poor_people.into_any())
            .sort(|v| SortKey::Number(count(Some(v.poor_people)))),
        Column::new(("贫困发生率", "Incidence"), |v: &VillageRow| or_dash(v.incidence_bp.map(percent)))
            .sort(|v| number(v.incidence_bp)),
        Column::new(("集体收入（万元）", "Collective income"), |v: &VillageRow| {
            or_dash(v.collective_income_fen.map(wan))
        })
        .sort(|v| number(v.collective_income_fen.map(|f| f.fen()))),
        Column::new(("本月走访", "Visited"), move |v: &VillageRow| {
            or_dash(shown.get(&v.name).map(|(visited, paired)| format!("{visited} / {paired}")))
        })
        .sort(move |v| SortKey::Number(keyed.get(&v.name).map_or(-1, |(visited, _)| count(Some(*visited))))),
    ]
}

/// The tables per unit and per village of `year`.
#[component]
pub fn UnitTables(year: i32) -> impl IntoView {
    let session = use_session();
    let user = session.user();
    let reads_registry = user.as_ref().is_some_and(|u| Page::Households.allowed(u.role));
    let reads_visits = user.as_ref().is_some_and(|u| Page::Visits.allowed(u.role));
    let units = LocalResource::new(move || async move {
        let api = session.api();
        let tree = api.org_tree().await?;
        let mut rows = Vec::new();
        for child in tree.children.iter().filter(|c| c.unit.level != OrgLevel::District) {
            let id = child.unit.id;
            let report = api.annual_report(&AnnualReportQuery { year, as_of: None, org_unit_id: Some(id) }).await?;
            let remaining = if reads_registry {
                let query = HouseholdQuery {
                    status: Some(HouseholdStatus::Registered),
                    township_id: Some(id),
                    per_page: Some(1),
                    ..Default::default()
                };
                Some(api.households(&query).await?.total)
            } else {
                None
            };
            rows.push(UnitRow {
                id,
                name: child.unit.name.clone(),
                remaining,
                projects: report.funds.as_ref().map(|f| f.projects),
                completion_bp: report.funds.as_ref().map(|f| f.completion_rate_bp),
                new_loans_fen: report.credit.as_ref().map(|c| c.new_amount_fen.fen()),
                overdue_fen: report.credit.as_ref().map(|c| c.overdue_fen.fen()),
                inpatient_bp: report.medical.as_ref().map(|h| h.inpatient.ratio_bp),
            });
        }
        Ok::<_, ClientError>(rows)
    });
    let villages = LocalResource::new(move || async move {
        if !reads_registry {
            return Ok(None);
        }
        let api = session.api();
        let query = VillageQuery { year: Some(year), per_page: Some(PageQuery::MAX_PER_PAGE), ..Default::default() };
        let rows = api.villages(&query).await?.items;
        let visits: HashMap<String, (u64, u64)> = if reads_visits {
            let coverage = api.visit_coverage(&CoverageQuery::default()).await?;
            coverage.per_village.into_iter().map(|l| (l.name, (l.coverage.visited, l.coverage.paired))).collect()
        } else {
            HashMap::new()
        };
        Ok::<_, ClientError>(Some((rows, visits)))
    });
    let unit_table = move |rows: Vec<UnitRow>| {
        view! { <div class="table-scroll units-table"><Table items=rows columns=unit_columns()/></div> }
    };
    let village_table = move |found: Option<Villages>| {
        found.map(|(rows, visits)| {
            view! {
                <h2>"各村"</h2>
                <div class="table-scroll villages-table"><Table items=rows columns=village_columns(visits)/></div>
            }
        })
    };
    view! {
        <h2>"下级单位"</h2>
        <Loaded resource=units children=unit_table/>
        <Loaded resource=villages children=village_table/>
    }
}
