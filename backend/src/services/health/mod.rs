//! Health poverty alleviation (健康脱贫): the year's settings of the "351" and "180" rules,
//! claims settled by the shared engine (a change to one recomputes the person's later claims of
//! the year, each keeping its history), the figures for any subtree, what a village clerk sees
//! of a household (totals only), family-doctor signings and insurance premium subsidies.
//!
//! Detail (hospitals, kinds, amounts) is read with [`Capability::ReadHealth`]; clerks and
//! township officials get totals ([`Capability::ReadHealthTotals`]); enterprises nothing.

use jingzhun_shared::error::Validator;
use jingzhun_shared::{Capability, MemberId};
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::actor::CurrentUser;
use crate::entities::{household, member};
use crate::error::AppResult;

pub mod benefits;
pub mod claims;
mod entry;
pub mod figures;
pub mod import;
pub mod ledger;
pub mod people;
pub mod premiums;
pub mod settings;
mod settle;
pub mod signings;
pub mod tally;
pub mod totals;

pub use claims::{claim, claim_history, claims};
pub use entry::{new_row, save_claim, set_figures};
pub use figures::figures;
pub use people::people;
pub use premiums::{create_premium, delete_premium, premiums};
pub use settings::{set_settings, settings};
pub use settle::{Settling, hold_settlement};
pub use signings::{save_signing, signings};
pub use totals::household_totals;

/// A member and their household, when the household lies in the caller's subtree; otherwise
/// the message on `member_id`.
async fn member_field(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    v: &mut Validator,
    id: MemberId,
) -> AppResult<Option<(member::Model, household::Model)>> {
    user.require(Capability::EditHealth)?;
    let Some(m) = member::Entity::find_by_id(id.0).one(db).await? else {
        v.add("member_id", "人员不存在或不在您的管辖范围");
        return Ok(None);
    };
    match household::Entity::find_by_id(m.household_id).one(db).await?.filter(|h| user.sees(&h.org_path)) {
        Some(h) => Ok(Some((m, h))),
        None => {
            v.add("member_id", "人员不存在或不在您的管辖范围");
            Ok(None)
        }
    }
}
