//! The one write skeleton of the placed industry records — business entities, PV stations and
//! asset investments: find → version check → validate → placement → before → fill → the
//! version-guarded update (or the insert) → links → audit, in one transaction. A record type says only what is its own, through [`Placed`].

use jingzhun_shared::Capability;
use std::collections::HashMap;
use std::str::FromStr;

use chrono::Utc;
use jingzhun_shared::OrgUnitId;
use jingzhun_shared::error::Validator;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, ModelTrait,
    QueryFilter, QueryOrder, QuerySelect, TryIntoModel, Value,
};
use serde::Serialize;

use super::unit_field;
use crate::actor::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::services::org::placement::placement;
use crate::services::txn::{Db, created, deleted, in_txn, updated};
use crate::services::versioned::{Versioned, update_at_version};
use crate::services::{bulk, paginate, with_items};
use jingzhun_shared::page::{Page, PageQuery};

/// A record placed at an org unit, written whole (created or replaced) with the ids it links to
/// through its link table `Link`.
pub(super) trait Placed {
    type Entity: Versioned<Model = Self::Model, ActiveModel = Self::Row>;
    type Model: ModelTrait + sea_orm::FromQueryResult + Clone + Send + Sync + IntoActiveModel<Self::Row>;
    type Row: ActiveModelTrait<Entity = Self::Entity> + ActiveModelBehavior + TryIntoModel<Self::Model> + Send;
    /// The link table: (owner, linked id) pairs.
    type Link: EntityTrait<ActiveModel: Send>;
    type Input;
    /// The record's own checked fields, from [`Placed::check_fields`] to [`Placed::fill`].
    type Fields;
    type Dto: Serialize;

    /// The entity name in the audit trail.
    const AUDIT: &'static str;
    const LINK_OWNER: <Self::Link as EntityTrait>::Column;
    const LINKED: <Self::Link as EntityTrait>::Column;

    /// The record if it lies in the caller's subtree; 404 otherwise.
    async fn find(db: &impl ConnectionTrait, user: &CurrentUser, id: i64) -> AppResult<Self::Model>;
    fn id(row: &Self::Model) -> i64;
    fn version(row: &Self::Model) -> i32;
    fn sent_version(input: &Self::Input) -> Option<i32>;
    fn org_unit_id(input: &Self::Input) -> OrgUnitId;
    /// Checks the fields that need no database, recording each problem on `v`; `user`'s
    /// today bounds the dates.
    fn check_fields(v: &mut Validator, user: &CurrentUser, input: &Self::Input) -> Self::Fields;
    /// Checks the linked ids against the database; the ids to link, deduplicated.
    async fn check_links(
        db: &impl ConnectionTrait,
        user: &CurrentUser,
        v: &mut Validator,
        input: &Self::Input,
    ) -> AppResult<Vec<i64>>;
    /// Writes the record's own fields (placement, version and creation time are done).
    fn fill(row: &mut Self::Row, fields: Self::Fields, input: &Self::Input);
    /// The DTOs of `rows`, in a fixed number of queries whatever their number.
    async fn dtos(db: &impl ConnectionTrait, rows: &[Self::Model]) -> AppResult<Vec<Self::Dto>>;
}

/// The parts of a [`Placed`] impl every placed record spells the same way, for the entity
/// module `$entity` whose table has `id`, `version` and `org_path` columns, and an input with
/// `version` and `org_unit_id`: its types, found by id within the caller's subtree (404
/// outside it), and the accessors.
macro_rules! placed_basics {
    ($entity:ident) => {
        type Entity = $entity::Entity;
        type Model = $entity::Model;
        type Row = $entity::ActiveModel;

        async fn find(
            db: &impl sea_orm::ConnectionTrait,
            user: &crate::actor::CurrentUser,
            id: i64,
        ) -> crate::error::AppResult<Self::Model> {
            use sea_orm::EntityTrait;
            $entity::Entity::find_by_id(id)
                .one(db)
                .await?
                .filter(|row| user.sees(&row.org_path))
                .ok_or(crate::error::AppError::NotFound)
        }

        fn id(row: &Self::Model) -> i64 {
            row.id
        }

        fn version(row: &Self::Model) -> i32 {
            row.version
        }

        fn sent_version(input: &Self::Input) -> Option<i32> {
            input.version
        }

        fn org_unit_id(input: &Self::Input) -> jingzhun_shared::OrgUnitId {
            input.org_unit_id
        }
    };
}
pub(super) use placed_basics;

/// Creates (`id` none) or replaces a record of `R` with its links.
pub(super) async fn save<R: Placed>(
    db: &impl Db,
    user: &CurrentUser,
    id: Option<i64>,
    input: R::Input,
) -> AppResult<R::Dto> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let current = match id {
            Some(id) => Some(R::find(txn, user, id).await?),
            None => None,
        };
        check_version(current.as_ref().map(R::version), R::sent_version(&input))?;
        let mut v = Validator::new();
        let fields = R::check_fields(&mut v, user, &input);
        let unit = unit_field(txn, user, &mut v, "org_unit_id", R::org_unit_id(&input)).await?;
        let links = R::check_links(txn, user, &mut v, &input).await?;
        v.finish()?;
        let unit = unit.ok_or_else(|| AppError::Internal("validated unit missing".to_owned()))?;
        let before = match &current {
            Some(c) => Some(one_dto::<R>(txn, c.clone()).await?),
            None => None,
        };
        let mut row = match current.clone() {
            Some(c) => c.into_active_model(),
            None => {
                let mut row = <R::Row as ActiveModelTrait>::default();
                set_column(&mut row, "created_at", Utc::now().into())?;
                set_column(&mut row, "version", 1.into())?;
                row
            }
        };
        placement(&unit).apply(&mut row)?;
        R::fill(&mut row, fields, &input);
        let saved = match &current {
            Some(c) => {
                update_at_version(txn, R::Entity::update_many().set(row), R::id(c), R::version(c)).await?;
                R::id(c)
            }
            None => R::id(&row.insert(txn).await?),
        };
        replace_links::<R::Link>(txn, R::LINK_OWNER, R::LINKED, saved, &links).await?;
        let dto = one_dto::<R>(txn, R::find(txn, user, saved).await?).await?;
        Ok(match before {
            Some(before) => updated(R::AUDIT, saved, &before, dto),
            None => created(R::AUDIT, saved, dto),
        })
    })
    .await
}

/// Deletes a record of `R` with its links once `in_use` (a check of what refers to it) passes.
pub(super) async fn delete<R: Placed>(
    db: &impl Db,
    user: &CurrentUser,
    id: i64,
    in_use: impl AsyncFnOnce(&sea_orm::DatabaseTransaction, &R::Model) -> AppResult<()>,
) -> AppResult<()> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let row = R::find(txn, user, id).await?;
        in_use(txn, &row).await?;
        let before = one_dto::<R>(txn, row.clone()).await?;
        replace_links::<R::Link>(txn, R::LINK_OWNER, R::LINKED, R::id(&row), &[]).await?;
        let id = R::id(&row);
        row.into_active_model().delete(txn).await?;
        Ok(deleted(R::AUDIT, id, &before))
    })
    .await
}

/// The DTO of one record.
/// One page of `select` (already filtered and ordered) as DTOs, their links read in one query.
pub(super) async fn page<R: Placed>(
    db: &impl ConnectionTrait,
    select: sea_orm::Select<R::Entity>,
    query: PageQuery,
) -> AppResult<Page<R::Dto>> {
    let page = paginate(db, select, query, |row| row).await?;
    let items = R::dtos(db, &page.items).await?;
    Ok(with_items(page, items))
}

pub(super) async fn one_dto<R: Placed>(db: &impl ConnectionTrait, row: R::Model) -> AppResult<R::Dto> {
    R::dtos(db, &[row]).await?.pop().ok_or(AppError::NotFound)
}

/// 409 when a record being replaced is no longer at the version the caller read.
fn check_version(current: Option<i32>, sent: Option<i32>) -> AppResult<()> {
    match current {
        Some(version) if sent != Some(version) => Err(AppError::stale()),
        _ => Ok(()),
    }
}

/// Sets the column called `name`, which the table must have.
fn set_column<A: ActiveModelTrait>(row: &mut A, name: &str, value: Value) -> AppResult<()> {
    let column = <A::Entity as EntityTrait>::Column::from_str(name)
        .map_err(|_| AppError::Internal(format!("no column {name}")))?;
    row.try_set(column, value).map_err(|e| AppError::Internal(format!("set {name}: {e}")))
}

/// Replaces the rows of link table `L` whose `owner` column is `owner_id` with one row per id
/// of `linked_ids`.
async fn replace_links<L>(
    db: &impl ConnectionTrait,
    owner: L::Column,
    linked: L::Column,
    owner_id: i64,
    linked_ids: &[i64],
) -> AppResult<()>
where
    L: EntityTrait,
    L::ActiveModel: Send,
{
    L::delete_many().filter(owner.eq(owner_id)).exec(db).await?;
    let mut rows = Vec::with_capacity(linked_ids.len());
    for id in linked_ids {
        let mut row = <L::ActiveModel as ActiveModelTrait>::default();
        row.try_set(owner, owner_id.into())?;
        row.try_set(linked, (*id).into())?;
        rows.push(row);
    }
    bulk::insert(db, rows).await
}

/// Pairs of (owner, linked id) from the link table of `R`, for the owners `ids`, in linked-id
/// order.
pub(super) async fn links<R: Placed>(db: &impl ConnectionTrait, ids: Vec<i64>) -> AppResult<HashMap<i64, Vec<i64>>> {
    let pairs: Vec<(i64, i64)> = R::Link::find()
        .select_only()
        .column(R::LINK_OWNER)
        .column(R::LINKED)
        .filter(R::LINK_OWNER.is_in(ids))
        .order_by_asc(R::LINKED)
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    for (o, l) in pairs {
        out.entry(o).or_default().push(l);
    }
    Ok(out)
}
