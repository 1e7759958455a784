//! Finding households: the registry list with its filters (monitoring among them), its ID-card
//! prefix search and its capped count.

use std::collections::HashMap;

use chrono::NaiveDate;
use jingzhun_shared::id_card::mask;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::registry::{HouseholdQuery, HouseholdSummary};
use jingzhun_shared::{Capability, HouseholdId, OrgLevel, Relation};
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    Select,
};

use crate::actor::CurrentUser;
use crate::entities::{household, member};
use crate::error::{AppError, AppResult};
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
        // The root district ("/1/", one step) holds every household: no filter to evaluate row
        // by row.
        OrgLevel::District if path.trim_matches('/').split('/').count() == 1 => select,
        OrgLevel::District => select.filter(household::Column::OrgPath.starts_with(path)),
    }
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

/// A page of households in the caller's scope, filtered. Its queries share one read
/// transaction: one connection for the request, and the count and the page of one snapshot.
pub async fn list(db: &impl Db, user: &CurrentUser, query: HouseholdQuery) -> AppResult<Page<HouseholdSummary>> {
    let (page, per_page) = page_bounds(PageQuery { page: query.page, per_page: query.per_page })?;
    let txn = db.begin().await?;
    let db = &txn;
    let select = filtered(db, user, &query).await?;
    let (total, total_exact) = capped_count(db, &select).await?;
    let rows = select
        .order_by_asc(household::Column::Id)
        .offset(PageQuery::offset(page, per_page))
        .limit(per_page)
        .all(db)
        .await?;
    let items = summaries(db, rows, user.today).await?;
    txn.commit().await?;
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

#[derive(FromQueryResult)]
struct MemberCount {
    household_id: i64,
    members: i64,
}

/// List rows for households, with their villages, heads and the people who count on `today`,
/// in three queries.
async fn summaries(
    db: &impl ConnectionTrait,
    rows: Vec<household::Model>,
    today: NaiveDate,
) -> AppResult<Vec<HouseholdSummary>> {
    let ids: Vec<i64> = rows.iter().map(|h| h.id).collect();
    let counts: HashMap<i64, u64> = member::Entity::find()
        .select_only()
        .column(member::Column::HouseholdId)
        .column_as(member::Column::Id.count(), "members")
        .filter(member::Column::HouseholdId.is_in(ids.clone()))
        .filter(present_on(today))
        .group_by(member::Column::HouseholdId)
        .into_model::<MemberCount>()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.household_id, u64::try_from(c.members).unwrap_or(0)))
        .collect();
    // The head is the present member whose relation is `head` (a head who left keeps it).
    let heads: HashMap<i64, String> = member::Entity::find()
        .select_only()
        .column(member::Column::HouseholdId)
        .column(member::Column::IdCardNo)
        .filter(member::Column::HouseholdId.is_in(ids.clone()))
        .filter(member::Column::Relation.eq(Relation::Head))
        .filter(present_on(today))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let monitored = monitoring::current_kinds(db, ids).await?;
    let village_ids: Vec<i64> = rows.iter().map(|h| h.village_id).collect();
    let villages = org_units::by_ids(db, village_ids).await?;
    rows.into_iter()
        .map(|h| {
            let village = villages.get(&h.village_id).ok_or(AppError::NotFound)?;
            Ok(HouseholdSummary {
                id: HouseholdId(h.id),
                number: h.number,
                village: org_units::to_ref(village),
                head_name: h.head_name,
                head_id_card_masked: heads.get(&h.id).map(|n| mask(n)).unwrap_or_default(),
                category: h.category,
                status: h.status,
                exit_year: h.exit_year,
                members: counts.get(&h.id).copied().unwrap_or(0),
                monitored: monitored.get(&h.id).copied(),
            })
        })
        .collect()
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
