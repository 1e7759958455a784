//! Entering and correcting a claim: the row written with the layers as entered, then the
//! person's year settled again ([`super::settle`]) in the same transaction, so the answer and
//! every later claim of the year carry the engine's figures. A correction that moves the claim
//! to another person or year settles the year it left too.

use chrono::{Datelike, Utc};
use jingzhun_shared::health::{HealthClaimDto, HealthClaimInput};
use jingzhun_shared::{Capability, Fen, HealthClaimId};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, EntityTrait};

use super::claims::{check, claim_dtos};
use super::settle::{Cause, Settling, hold_settlement, resettle};
use crate::actor::CurrentUser;
use crate::entities::{health_claim, household, member};
use crate::error::{AppError, AppResult};
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::versioned::update_at_version;

/// Where a claim belongs: its person, their household and the household's place in the tree.
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
pub struct Place {
    pub member_id: i64,
    pub household_id: i64,
    pub village_id: i64,
    pub township_id: i64,
    pub org_path: String,
}

impl Place {
    pub fn of(m: &member::Model, h: &household::Model) -> Self {
        Self {
            member_id: m.id,
            household_id: h.id,
            village_id: h.village_id,
            township_id: h.township_id,
            org_path: h.org_path.clone(),
        }
    }
}

/// A new claim row for `input` of member `m` in household `h`, its computed figures still to be
/// settled ([`set_figures`]).
pub fn new_row(
    input: &HealthClaimInput,
    m: &member::Model,
    h: &household::Model,
    hospital: String,
) -> health_claim::ActiveModel {
    new_row_at(input, &Place::of(m, h), hospital)
}

/// [`new_row`] for a claim whose place was looked up without the whole member and household.
pub fn new_row_at(input: &HealthClaimInput, place: &Place, hospital: String) -> health_claim::ActiveModel {
    let layers = input.layers();
    health_claim::ActiveModel {
        member_id: Set(place.member_id),
        household_id: Set(place.household_id),
        village_id: Set(place.village_id),
        township_id: Set(place.township_id),
        org_path: Set(place.org_path.clone()),
        year: Set(input.discharged_on.year()),
        kind: Set(input.kind),
        hospital: Set(hospital),
        hospital_level: Set(input.hospital_level),
        admitted_on: Set(input.admitted_on),
        discharged_on: Set(input.discharged_on),
        total_cost_fen: Set(layers.total.fen()),
        compliant_cost_fen: Set(layers.compliant.fen()),
        basic_insurance_fen: Set(layers.basic.fen()),
        critical_illness_fen: Set(layers.critical.fen()),
        medical_assistance_fen: Set(layers.assistance.fen()),
        commercial_fen: Set(layers.commercial.fen()),
        fallback_fen: Set(0),
        supplementary_fen: Set(0),
        out_of_pocket_fen: Set(layers.remaining()),
        cap_fen: Set(None),
        cap_level: Set(None),
        before_fen: Set(Fen::ZERO.fen()),
        version: Set(1),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
}

async fn dto(txn: &sea_orm::DatabaseTransaction, id: i64) -> AppResult<HealthClaimDto> {
    let row = health_claim::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
    claim_dtos(txn, std::slice::from_ref(&row)).await?.pop().ok_or(AppError::NotFound)
}

/// Enters a claim (`id` none) or corrects one at the version read.
pub async fn save_claim(
    db: &impl Db,
    user: &CurrentUser,
    id: Option<HealthClaimId>,
    input: HealthClaimInput,
) -> AppResult<HealthClaimDto> {
    user.require(Capability::EditHealth)?;
    let before = match id {
        Some(id) => Some(super::claims::find_visible(db, user, id).await?),
        None => None,
    };
    let (m, h, hospital) = check(db, user, &input).await?;
    let row = new_row(&input, &m, &h, hospital);
    // The settlement and the people first: a settlement import waits for this entry or it for
    // the import, and two entries for one person settle one after the other.
    let people = [Some(m.id), before.as_ref().map(|old| old.member_id)];
    in_txn(db, Some(user), async |txn| {
        hold_settlement(txn, Settling::People(people.into_iter().flatten().collect())).await?;
        save_locked(txn, user, before, row, &input, &m).await
    })
    .await
}

/// [`save_claim`] once its people are locked.
async fn save_locked(
    txn: &sea_orm::DatabaseTransaction,
    user: &CurrentUser,
    before: Option<health_claim::Model>,
    row: health_claim::ActiveModel,
    input: &HealthClaimInput,
    m: &member::Model,
) -> AppResult<(HealthClaimDto, crate::services::audit::Event<'static>)> {
    match before {
        None => {
            let row = row.insert(txn).await?;
            resettle(txn, row.member_id, row.year, &Cause { by: &user.username, claim_id: row.id, new: true }).await?;
            Ok(created("health_claim", row.id, dto(txn, row.id).await?))
        }
        Some(old) => {
            let version = input.version.ok_or_else(|| AppError::field("version", "更正须带上读取时的版本号"))?;
            let old_dto = claim_dtos(txn, std::slice::from_ref(&old)).await?;
            let update = health_claim::Entity::update_many().set(entered(row));
            update_at_version(txn, update, old.id, version).await?;
            let cause = Cause { by: &user.username, claim_id: old.id, new: false };
            resettle(txn, m.id, input.discharged_on.year(), &cause).await?;
            if (old.member_id, old.year) != (m.id, input.discharged_on.year()) {
                resettle(txn, old.member_id, old.year, &cause).await?;
            }
            Ok(updated("health_claim", old.id, &old_dto, dto(txn, old.id).await?))
        }
    }
}

/// What a correction writes: everything entered, never the version, the creation time or the
/// computed figures (the settlement that follows writes those).
fn entered(row: health_claim::ActiveModel) -> health_claim::ActiveModel {
    health_claim::ActiveModel {
        fallback_fen: NotSet,
        supplementary_fen: NotSet,
        out_of_pocket_fen: NotSet,
        cap_fen: NotSet,
        cap_level: NotSet,
        before_fen: NotSet,
        version: NotSet,
        created_at: NotSet,
        ..row
    }
}

/// Puts the engine's figures on a row not yet written.
pub fn set_figures(row: &mut health_claim::ActiveModel, f: &jingzhun_shared::health::ClaimFigures) {
    row.fallback_fen = Set(f.fallback.fen());
    row.supplementary_fen = Set(f.supplementary.fen());
    row.out_of_pocket_fen = Set(f.out_of_pocket.fen());
    row.cap_fen = Set(f.cap.map(Fen::fen));
    row.cap_level = Set(f.cap_level);
    row.before_fen = Set(f.before.fen());
}
