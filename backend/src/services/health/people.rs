//! Finding a person for their health year: by part of a name, or by the beginning of an
//! ID-card number (for readers who see personal data), among the households of the caller's
//! subtree. Like every list, it shows ID numbers masked (the household card, whose reads are
//! audited, shows them whole).

use jingzhun_shared::health::{HealthPeopleQuery, HealthPersonDto};
use jingzhun_shared::id_card::mask;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{Capability, HouseholdId, MemberId};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{household, member};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::registry::household_list::prefix_successor;
use crate::services::{by_ids, paginate, with_items};

/// People of the caller's subtree matching `q`, by name.
pub async fn people(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: HealthPeopleQuery,
) -> AppResult<Page<HealthPersonDto>> {
    user.require(Capability::ReadHealth)?;
    let q = query.q.trim();
    if q.is_empty() {
        return Err(AppError::field("q", "请输入姓名或身份证号"));
    }
    let unit = org_units::scope_unit(db, user, None).await?;
    let in_scope = Query::select()
        .column(household::Column::Id)
        .from(household::Entity)
        .and_where(household::Column::OrgPath.starts_with(&unit.path))
        .to_owned();
    let mut select = member::Entity::find().filter(member::Column::HouseholdId.in_subquery(in_scope));
    let digits = q.len() <= 18 && q.chars().all(|c| c.is_ascii_digit() || c == 'x' || c == 'X');
    if digits && user.role.sees_personal_data() {
        // A range, not LIKE: it uses the unique index on every database and collation.
        let prefix = q.to_ascii_uppercase();
        select = select.filter(member::Column::IdCardNo.gte(prefix.clone()));
        select = match prefix_successor(&prefix).filter(|_| prefix.bytes().all(|b| b.is_ascii_digit())) {
            Some(upper) => select.filter(member::Column::IdCardNo.lt(upper)),
            None => select.filter(member::Column::IdCardNo.eq(prefix)),
        };
    } else {
        select = select.filter(member::Column::Name.contains(q));
    }
    let select = select.order_by_asc(member::Column::Name).order_by_asc(member::Column::Id);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |m| m).await?;
    let households =
        by_ids::<household::Entity>(db, page.items.iter().map(|m| m.household_id).collect(), |h| h.id).await?;
    let villages = org_units::by_ids(db, households.values().map(|h| h.village_id).collect()).await?;
    let items = page
        .items
        .iter()
        .map(|m| {
            let h = households.get(&m.household_id);
            let village = h.and_then(|h| villages.get(&h.village_id));
            HealthPersonDto {
                member_id: MemberId(m.id),
                name: m.name.clone(),
                id_card_no: mask(&m.id_card_no),
                household_id: HouseholdId(m.household_id),
                household_number: h.map(|h| h.number.clone()).unwrap_or_default(),
                village_name: village.map(|v| v.name.clone()).unwrap_or_default(),
            }
        })
        .collect();
    Ok(with_items(page, items))
}
