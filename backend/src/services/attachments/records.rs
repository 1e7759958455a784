//! The record a file hangs on, found in the caller's scope with the right to read or to write
//! it: the record's own rights decide, so a file is never easier to reach than its record.

use jingzhun_shared::Capability;
use jingzhun_shared::attachments::Owner;
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::actor::CurrentUser;
use crate::entities::{household, problem, project};
use crate::error::{AppError, AppResult};

/// The right to read the records of `owner`.
pub fn read_right(owner: Owner) -> Capability {
    match owner {
        Owner::Household => Capability::ReadRegistry,
        Owner::Project => Capability::ReadFunds,
        Owner::Problem => Capability::ReadRectification,
    }
}

/// The right to hang files on the records of `owner`.
pub fn write_right(owner: Owner) -> Capability {
    match owner {
        Owner::Household => Capability::EditRegistry,
        Owner::Project => Capability::EditFunds,
        Owner::Problem => Capability::RectifyProblems,
    }
}

/// The org path of record `id` of `owner`, `None` when there is none.
async fn org_path(db: &impl ConnectionTrait, owner: Owner, id: i64) -> AppResult<Option<String>> {
    Ok(match owner {
        Owner::Household => household::Entity::find_by_id(id).one(db).await?.map(|h| h.org_path),
        Owner::Project => project::Entity::find_by_id(id).one(db).await?.map(|p| p.org_path),
        Owner::Problem => problem::Entity::find_by_id(id).one(db).await?.map(|p| p.org_path),
    })
}

async fn reached(db: &impl ConnectionTrait, user: &CurrentUser, owner: Owner, id: i64) -> AppResult<String> {
    org_path(db, owner, id).await?.filter(|path| user.sees(path)).ok_or(AppError::NotFound)
}

/// The record's org path when the caller may read it: 403 without the right, 404 when it is
/// missing or out of scope.
pub async fn readable(db: &impl ConnectionTrait, user: &CurrentUser, owner: Owner, id: i64) -> AppResult<String> {
    user.require(read_right(owner))?;
    reached(db, user, owner, id).await
}

/// The record's org path when the caller may hang files on it.
pub async fn writable(db: &impl ConnectionTrait, user: &CurrentUser, owner: Owner, id: i64) -> AppResult<String> {
    user.require(Capability::AttachFiles)?;
    user.require(write_right(owner))?;
    reached(db, user, owner, id).await
}
