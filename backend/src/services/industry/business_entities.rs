//! Business entities (经营主体: cooperatives, enterprises, family farms) and the households
//! they drive.

use jingzhun_shared::error::Validator;
use jingzhun_shared::industry::{BusinessEntityDto, BusinessEntityInput, BusinessEntityQuery};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{BusinessEntityId, Capability, HouseholdId};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::placed::{self, Placed, one_dto, placed_basics};
use super::{households_field, under};
use crate::actor::CurrentUser;
use crate::entities::{business_entity, business_entity_household};
use crate::error::AppResult;
use crate::services::org::org_units;
use crate::services::required_text;
use crate::services::txn::Db;

/// The business entity record type.
struct Entities;

impl Placed for Entities {
    placed_basics!(business_entity);
    type Link = business_entity_household::Entity;
    type Input = BusinessEntityInput;
    /// The name.
    type Fields = String;
    type Dto = BusinessEntityDto;

    const AUDIT: &'static str = "business_entity";
    const LINK_OWNER: business_entity_household::Column = business_entity_household::Column::EntityId;
    const LINKED: business_entity_household::Column = business_entity_household::Column::HouseholdId;

    fn check_fields(v: &mut Validator, _user: &CurrentUser, input: &Self::Input) -> String {
        let name = required_text(v, "name", &input.name, jingzhun_shared::text::NAME_MAX, "名称");
        if input.industry.chars().count() > 64 {
            v.add("industry", "主导产业最多 64 个字");
        }
        name
    }

    async fn check_links(
        db: &impl ConnectionTrait,
        user: &CurrentUser,
        v: &mut Validator,
        input: &Self::Input,
    ) -> AppResult<Vec<i64>> {
        households_field(db, user, v, &input.household_ids).await
    }

    fn fill(row: &mut Self::Row, name: String, input: &Self::Input) {
        row.name = Set(name);
        row.kind = Set(input.kind);
        row.industry = Set(input.industry.trim().to_owned());
    }

    /// With their households, in three queries whatever the number of rows.
    async fn dtos(db: &impl ConnectionTrait, rows: &[Self::Model]) -> AppResult<Vec<BusinessEntityDto>> {
        let households = placed::links::<Self>(db, rows.iter().map(|e| e.id).collect()).await?;
        let units = org_units::by_ids(db, rows.iter().map(|e| e.org_unit_id).collect()).await?;
        Ok(rows
            .iter()
            .map(|e| BusinessEntityDto {
                id: BusinessEntityId(e.id),
                name: e.name.clone(),
                kind: e.kind,
                org_unit: org_units::unit_ref(&units, e.org_unit_id),
                industry: e.industry.clone(),
                household_ids: households.get(&e.id).into_iter().flatten().map(|h| HouseholdId(*h)).collect(),
                version: e.version,
            })
            .collect())
    }
}

pub async fn entity(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: BusinessEntityId,
) -> AppResult<BusinessEntityDto> {
    user.require(Capability::ReadFunds)?;
    one_dto::<Entities>(db, Entities::find(db, user, id.0).await?).await
}

pub async fn entities(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: BusinessEntityQuery,
) -> AppResult<Page<BusinessEntityDto>> {
    user.require(Capability::ReadFunds)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select = business_entity::Entity::find().filter(under(business_entity::Column::OrgPath, &unit));
    if let Some(kind) = query.kind {
        select = select.filter(business_entity::Column::Kind.eq(kind));
    }
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        select = select.filter(business_entity::Column::Name.contains(q));
    }
    let select = select.order_by_asc(business_entity::Column::Id);
    placed::page::<Entities>(db, select, PageQuery { page: query.page, per_page: query.per_page }).await
}

/// Creates (`id` none) or replaces a business entity with its driven households.
pub async fn save_entity(
    db: &impl Db,
    user: &CurrentUser,
    id: Option<BusinessEntityId>,
    input: BusinessEntityInput,
) -> AppResult<BusinessEntityDto> {
    placed::save::<Entities>(db, user, id.map(|id| id.0), input).await
}

pub async fn delete_entity(db: &impl Db, user: &CurrentUser, id: BusinessEntityId) -> AppResult<()> {
    placed::delete::<Entities>(db, user, id.0, async |_, _| Ok(())).await
}
