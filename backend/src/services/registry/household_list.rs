//! Finding households: the registry list with its filters (monitoring among them), its ID-card
//! prefix search and its capped count.

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use jingzhun_shared::id_card::mask;
use jingzhun_shared::org::OrgUnitRef;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::registry::{HouseholdQuery, HouseholdSummary};
use jingzhun_shared::{
    Capability, HouseholdCategory, HouseholdId, HouseholdStatus, MonitoringKind, OrgLevel, OrgUnitId, Relation,
};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query, SelectStatement, SimpleExpr, SubQueryStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    Select,
};

use crate::actor::CurrentUser;
use crate::entities::{household, household_monitoring, member, org_unit};
use crate::error::AppResult;
use crate::services::org::org_units;
use crate::services::page_bounds;
use crate::services::registry::members::present_on;
use crate::services::registry::monitoring;
use crate::services::txn::Db;

/// Keeps the households under the unit of `level`, `id` and materialised `path`: an indexed
/// equality for a village or township.
fn under(select: Select<household::Entity>, level: OrgLevel, id: i64, path: &str) -> Select<household::Entity> {
    match level {
        OrgLevel::Village => select.filter(household::Column::VillageId.eq(id)),
        OrgLevel::Township => select.filter(household::Column::TownshipId.eq(id)),
        // The root district holds every household: no filter to evaluate row by row.
        OrgLevel::District if is_root(path) => select,
        OrgLevel::District => select.filter(household::Column::OrgPath.starts_with(path)),
    }
}

/// The root district's path ("/1/", one step).
fn is_root(path: &str) -> bool {
    path.trim_matches('/').split('/').count() == 1
}

/// No filter but the caller's scope (paging aside). Every field is named, so a new filter must
/// be added here.
fn unfiltered(query: &HouseholdQuery) -> bool {
    let HouseholdQuery {
        page: _,
        per_page: _,
        village_id,
        township_id,
        status,
        category,
        monitored,
        monitoring_kind,
        q,
    } = query;
    village_id.is_none()
        && township_id.is_none()
        && status.is_none()
        && category.is_none()
        && monitored.is_none()
        && monitoring_kind.is_none()
        && q.as_deref().is_none_or(|q| q.trim().is_empty())
}

/// The numeric successor of a digit prefix of the same length ("34109" → "34110"), the
/// exclusive upper bound of the ID numbers that start with it; `None` for all nines.
pub(crate) fn prefix_successor(prefix: &str) -> Option<String> {
    let mut digits: Vec<u8> = prefix.bytes().collect();
    while let Some(last) = digits.pop() {
        if last < b'9' {
            digits.push(last + 1);
            digits.resize(prefix.len(), b'0');
            return String::from_utf8(digits).ok();
        }
    }
    None
}

/// A page of households in the caller's scope, filtered: the count and the page, both on one
/// read transaction (one connection for the request; one snapshot on SQLite, while PostgreSQL's
/// read committed may let a write land between the two). `whole_past_cap`: whether the whole
/// registry was counted past [`COUNT_CAP`] before (then the district's unfiltered list, which
/// can only grow, is not counted again).
pub async fn list(
    db: &impl Db,
    user: &CurrentUser,
    query: HouseholdQuery,
    whole_past_cap: &AtomicBool,
) -> AppResult<Page<HouseholdSummary>> {
    let (page, per_page) = page_bounds(PageQuery { page: query.page, per_page: query.per_page })?;
    let whole = is_root(&user.org_path) && unfiltered(&query);
    let txn = db.begin().await?;
    let db = &txn;
    let select = filtered(db, user, &query).await?;
    let (total, total_exact) = if whole && whole_past_cap.load(Ordering::Relaxed) {
        (COUNT_CAP, false)
    } else {
        capped_count(db, &select).await?
    };
    if whole && !total_exact {
        whole_past_cap.store(true, Ordering::Relaxed);
    }
    let rows = with_summary_columns(select, user.today)
        .order_by_asc(household::Column::Id)
        .offset(PageQuery::offset(page, per_page))
        .limit(per_page)
        .into_model::<ListRow>()
        .all(db)
        .await?;
    txn.commit().await?;
    let items = rows.into_iter().map(ListRow::summary).collect();
    Ok(Page { items, total, page, per_page, total_exact })
}

/// The households in the caller's scope that `query`'s filters keep (paging aside); the list
/// and the export read the same set.
pub async fn filtered(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: &HouseholdQuery,
) -> AppResult<Select<household::Entity>> {
    user.require(Capability::ReadRegistry)?;
    let mut select = under(household::Entity::find(), user.org_level, user.org_unit_id.0, &user.org_path);
    for unit_id in [query.village_id, query.township_id].into_iter().flatten() {
        let unit = org_units::find_visible(db, user, unit_id).await?;
        select = under(select, unit.level, unit.id, &unit.path);
    }
    if let Some(status) = query.status {
        select = select.filter(household::Column::Status.eq(status));
    }
    if let Some(category) = query.category {
        select = select.filter(household::Column::Category.eq(category));
    }
    match (query.monitored, query.monitoring_kind) {
        (Some(false), _) => {
            select = select.filter(household::Column::Id.not_in_subquery(monitoring::monitored_ids(None)))
        }
        (Some(true), kind) | (None, kind @ Some(_)) => {
            select = select.filter(household::Column::Id.in_subquery(monitoring::monitored_ids(kind)));
        }
        (None, None) => {}
    }
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        // Readers without need search names only: a number would confirm a guess.
        if user.role.sees_personal_data()
            && q.len() <= 18
            && q.chars().all(|c| c.is_ascii_digit() || c == 'x' || c == 'X')
        {
            // A range, not LIKE: it uses the plain unique index on every database and collation.
            let prefix = q.to_ascii_uppercase();
            let mut holders = Query::select()
                .column(member::Column::HouseholdId)
                .from(member::Entity)
                .and_where(member::Column::IdCardNo.gte(prefix.clone()))
                .to_owned();
            match prefix_successor(&prefix).filter(|_| prefix.bytes().all(|b| b.is_ascii_digit())) {
                Some(upper) => holders.and_where(member::Column::IdCardNo.lt(upper)),
                None => holders.and_where(member::Column::IdCardNo.eq(prefix)),
            };
            select = select.filter(household::Column::Id.in_subquery(holders));
        } else {
            select = select.filter(household::Column::HeadName.contains(q));
        }
    }
    Ok(select)
}

/// Lists count exactly up to this many households, then report a lower bound.
pub const COUNT_CAP: u64 = 10_000;

/// The number of matching households, exact up to [`COUNT_CAP`]: counting a whole township of
/// a province-sized registry on every page turn would cost more than the page itself.
async fn capped_count(db: &impl ConnectionTrait, select: &Select<household::Entity>) -> AppResult<(u64, bool)> {
    let inner = select.clone().select_only().column(household::Column::Id).limit(COUNT_CAP + 1).into_query();
    let count = Query::select()
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .from_subquery(inner, Alias::new("sub"))
        .to_owned();
    let n = match db.query_one(&count).await? {
        Some(row) => u64::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0),
        None => 0,
    };
    Ok(if n > COUNT_CAP { (COUNT_CAP, false) } else { (n, true) })
}

/// One list row as the page query reads it: the household, its village, its head's ID number,
/// the people who count on the day and the monitoring it is under.
#[derive(FromQueryResult)]
struct ListRow {
    id: i64,
    number: String,
    head_name: String,
    category: HouseholdCategory,
    status: HouseholdStatus,
    exit_year: Option<i32>,
    village_id: i64,
    village_name: Option<String>,
    village_level: Option<OrgLevel>,
    head_id_card: Option<String>,
    members: i64,
    monitored: Option<MonitoringKind>,
}

impl ListRow {
    fn summary(self) -> HouseholdSummary {
        HouseholdSummary {
            id: HouseholdId(self.id),
            number: self.number,
            village: OrgUnitRef {
                id: OrgUnitId(self.village_id),
                name: self.village_name.unwrap_or_default(),
                level: self.village_level.unwrap_or(OrgLevel::Village),
            },
            head_name: self.head_name,
            head_id_card_masked: self.head_id_card.as_deref().map(mask).unwrap_or_default(),
            category: self.category,
            status: self.status,
            exit_year: self.exit_year,
            members: u64::try_from(self.members).unwrap_or(0),
            monitored: self.monitored,
        }
    }
}

/// A correlated subquery of one value about the row's household.
fn about_household(query: SelectStatement) -> SimpleExpr {
    SimpleExpr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(query)))
}

/// The page's columns in one query, so a page of 50 is 50 rows (each row read crosses from the
/// database's thread to the request's): the village by its id; the head, the present member
/// whose relation is `head` (a head who left keeps it, but is not shown); the people who count
/// on `today`; the monitoring not cleared (at most one, by a partial unique index).
fn with_summary_columns(select: Select<household::Entity>, today: NaiveDate) -> Select<household::Entity> {
    let household_id = (household::Entity, household::Column::Id);
    let village = |column: org_unit::Column| {
        about_household(
            Query::select()
                .column(column)
                .from(org_unit::Entity)
                .and_where(
                    Expr::col((org_unit::Entity, org_unit::Column::Id))
                        .equals((household::Entity, household::Column::VillageId)),
                )
                .to_owned(),
        )
    };
    let members_of = || {
        Query::select()
            .from(member::Entity)
            .and_where(Expr::col((member::Entity, member::Column::HouseholdId)).equals(household_id))
            .cond_where(present_on(today))
            .to_owned()
    };
    let head = members_of()
        .column((member::Entity, member::Column::IdCardNo))
        .and_where(member::Column::Relation.eq(Relation::Head))
        .order_by((member::Entity, member::Column::Id), Order::Asc)
        .limit(1)
        .to_owned();
    let members = members_of().expr(Expr::cust("COUNT(*)")).to_owned();
    let monitored = Query::select()
        .column((household_monitoring::Entity, household_monitoring::Column::Kind))
        .from(household_monitoring::Entity)
        .and_where(
            Expr::col((household_monitoring::Entity, household_monitoring::Column::HouseholdId)).equals(household_id),
        )
        .and_where(household_monitoring::Column::ClearedOn.is_null())
        .limit(1)
        .to_owned();
    select
        .select_only()
        .columns([
            household::Column::Id,
            household::Column::Number,
            household::Column::HeadName,
            household::Column::Category,
            household::Column::Status,
            household::Column::ExitYear,
            household::Column::VillageId,
        ])
        .column_as(village(org_unit::Column::Name), "village_name")
        .column_as(village(org_unit::Column::Level), "village_level")
        .column_as(about_household(head), "head_id_card")
        .column_as(about_household(members), "members")
        .column_as(about_household(monitored), "monitored")
}

#[cfg(test)]
mod tests {
    use sea_orm::{DbBackend, EntityTrait, QueryTrait};

    use super::*;

    fn sql(level: OrgLevel, id: i64, path: &str) -> String {
        under(household::Entity::find(), level, id, path).build(DbBackend::Sqlite).to_string()
    }

    #[test]
    fn only_the_root_district_reads_every_household_unfiltered() {
        assert!(!sql(OrgLevel::District, 1, "/1/").contains("WHERE"));
        assert!(sql(OrgLevel::District, 9, "/1/9/").contains(r#""org_path" LIKE '/1/9/%'"#));
        assert!(sql(OrgLevel::Township, 5, "/1/5/").contains(r#""township_id" = 5"#));
        assert!(sql(OrgLevel::Village, 6, "/1/5/6/").contains(r#""village_id" = 6"#));
    }

    #[test]
    fn a_prefix_s_successor_carries() {
        assert_eq!(prefix_successor("34109").as_deref(), Some("34110"));
        assert_eq!(prefix_successor("3410").as_deref(), Some("3411"));
        assert_eq!(prefix_successor("199").as_deref(), Some("200"));
        assert_eq!(prefix_successor("999"), None);
    }
}
