//! Entry, exit and removal applications through "两公示一比对一公告": the clerk applies and
//! records the village assessment and notice, the township reviews and posts its notice, the
//! district compares and announces; announcing changes the household's status. Notices stand
//! at least seven days; every step records who and when.
//!
//! `open` files an application after the eligibility rules, `steps` moves it along (or rejects
//! it) and applies the announced result, `read` answers one application or a page of them.

use chrono::NaiveDate;
use jingzhun_shared::ApplicationStage;

use crate::actor::CurrentUser;
use crate::error::{AppError, AppResult};

mod evidence;
pub mod open;
pub mod photos;
pub mod read;
pub mod steps;

pub use open::create;
pub use read::{get, list};
pub use steps::{advance, reject};

/// 403 unless the user's role handles some stage of an application: checked before the
/// application is looked up, so other roles learn nothing of it.
fn acts_on_applications(user: &CurrentUser) -> AppResult<()> {
    if ApplicationStage::ALL.iter().any(|s| s.handled_by(user.role)) {
        Ok(())
    } else {
        Err(AppError::Forbidden("当前角色不办理申请".to_owned()))
    }
}

fn may_act(user: &CurrentUser, stage: ApplicationStage) -> AppResult<()> {
    if stage.handled_by(user.role) {
        Ok(())
    } else {
        Err(AppError::Forbidden("当前环节不由您的角色办理".to_owned()))
    }
}

/// The date a step or an application is dated: the one typed, if it lies between the earliest
/// date and the user's today, or the user's today.
fn dated(user: &CurrentUser, on: Option<NaiveDate>) -> AppResult<NaiveDate> {
    match on {
        None => Ok(user.today),
        Some(date) => match user.date_error(date) {
            Some(message) => Err(AppError::field("on", message)),
            None => Ok(date),
        },
    }
}
