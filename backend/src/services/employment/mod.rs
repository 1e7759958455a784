//! Employment poverty alleviation (就业扶贫): members' jobs (entered by clerks or imported from
//! the human-resources bureau's spreadsheet), recognised employment bases, training with its
//! subsidy, the transport subsidy of migrant workers, and the year's figures.

use jingzhun_shared::employment::LabourQuery;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Select};

use crate::entities::org_unit;

pub mod bases;
pub mod figures;
pub mod import;
pub mod jobs;
pub mod training;
pub mod transport;

pub use bases::{bases, create_base, update_base};
pub use figures::figures;
pub use jobs::{create_job, delete_job, household_jobs, jobs};
pub use training::{create_training, delete_training, household_training, trainings};
pub use transport::{create_subsidy, delete_subsidy, household_subsidies, subsidies};

/// The columns every per-member table filters its lists by.
struct Columns<C> {
    path: C,
    household: C,
    member: C,
}

/// `select` narrowed to `unit`'s subtree and the query's household and member.
fn narrowed<E: EntityTrait>(
    select: Select<E>,
    c: Columns<E::Column>,
    unit: &org_unit::Model,
    q: &LabourQuery,
) -> Select<E> {
    let mut select = select.filter(c.path.starts_with(&unit.path));
    if let Some(h) = q.household_id {
        select = select.filter(c.household.eq(h.0));
    }
    if let Some(m) = q.member_id {
        select = select.filter(c.member.eq(m.0));
    }
    select
}
