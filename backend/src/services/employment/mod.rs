//! Employment poverty alleviation (就业扶贫): members' jobs (entered by clerks or imported from
//! the human-resources bureau's spreadsheet), recognised employment bases, training with its
//! subsidy, the transport subsidy of migrant workers, and the year's figures.

use jingzhun_shared::Capability;
use jingzhun_shared::employment::LabourQuery;
use jingzhun_shared::page::{Page, PageQuery};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, Select};

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::services::org::org_units;
use crate::services::paginate;

pub mod bases;
pub mod benefits;
pub mod figures;
pub mod import;
pub mod jobs;
pub mod subsidy_import;
pub mod training;
pub mod transport;

pub use bases::{bases, create_base, update_base};
pub use figures::figures;
pub use jobs::{create_job, delete_job, jobs};
pub use training::{create_training, delete_training, trainings};
pub use transport::{create_subsidy, delete_subsidy, subsidies};

/// The columns every per-member table filters its lists by.
struct Columns<C> {
    id: C,
    path: C,
    household: C,
    member: C,
}

/// A page of one per-member table for the caller: the unit asked (within the caller's
/// subtree), the query's household and member, and `in_year` for the query's year, newest
/// first. Jobs, training and transport subsidies differ only in how a year narrows them.
async fn listed<E: EntityTrait>(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    q: &LabourQuery,
    c: Columns<E::Column>,
    in_year: impl FnOnce(Select<E>, i32) -> AppResult<Select<E>>,
) -> AppResult<Page<E::Model>>
where
    E::Model: FromQueryResult + Send + Sync,
{
    user.require(Capability::ReadRegistry)?;
    let unit = org_units::scope_unit(db, user, q.org_unit_id).await?;
    let mut select = E::find().filter(c.path.starts_with(&unit.path));
    if let Some(h) = q.household_id {
        select = select.filter(c.household.eq(h.0));
    }
    if let Some(m) = q.member_id {
        select = select.filter(c.member.eq(m.0));
    }
    if let Some(year) = q.year {
        select = in_year(select, year)?;
    }
    paginate(db, select.order_by_desc(c.id), PageQuery { page: q.page, per_page: q.per_page }, |r| r).await
}
