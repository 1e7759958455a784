//! Family-doctor signings (家庭医生签约): per member, the team, the doctor, the day signed and
//! the day it is valid to; the list shows which have expired.

use chrono::{NaiveDate, Utc};
use jingzhun_shared::error::Validator;
use jingzhun_shared::health::{DoctorSigningDto, DoctorSigningInput, DoctorSigningQuery};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{Capability, DoctorSigningId, HouseholdId, MemberId};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::member_field;
use crate::actor::CurrentUser;
use crate::entities::{doctor_signing, member};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::versioned::{Versioned, update_at_version};
use crate::services::{by_ids, paginate, required_text, typed_date, with_items};

impl Versioned for doctor_signing::Entity {
    const ID: doctor_signing::Column = doctor_signing::Column::Id;
    const VERSION: doctor_signing::Column = doctor_signing::Column::Version;
}

async fn signing_dtos(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    rows: &[doctor_signing::Model],
) -> AppResult<Vec<DoctorSigningDto>> {
    let members = by_ids::<member::Entity>(db, rows.iter().map(|r| r.member_id).collect(), |m| m.id).await?;
    Ok(rows
        .iter()
        .map(|r| DoctorSigningDto {
            id: DoctorSigningId(r.id),
            member_id: MemberId(r.member_id),
            member_name: members.get(&r.member_id).map(|m| m.name.clone()).unwrap_or_default(),
            household_id: HouseholdId(r.household_id),
            team: r.team.clone(),
            doctor: r.doctor.clone(),
            signed_on: r.signed_on,
            valid_to: r.valid_to,
            expired: r.valid_to < user.today,
            version: r.version,
        })
        .collect())
}

/// Signings in the caller's subtree (or a unit inside it); `expired` picks the lapsed ones.
pub async fn signings(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: DoctorSigningQuery,
) -> AppResult<Page<DoctorSigningDto>> {
    user.require(Capability::ReadHealth)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select = doctor_signing::Entity::find().filter(doctor_signing::Column::OrgPath.starts_with(&unit.path));
    if let Some(m) = query.member_id {
        select = select.filter(doctor_signing::Column::MemberId.eq(m.0));
    }
    select = match query.expired {
        Some(true) => select.filter(doctor_signing::Column::ValidTo.lt(user.today)),
        Some(false) => select.filter(doctor_signing::Column::ValidTo.gte(user.today)),
        None => select,
    };
    let select = select.order_by_asc(doctor_signing::Column::ValidTo).order_by_asc(doctor_signing::Column::Id);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |r| r).await?;
    let items = signing_dtos(db, user, &page.items).await?;
    Ok(with_items(page, items))
}

/// Records a signing (`id` none) or corrects one at the version read.
pub async fn save_signing(
    db: &impl Db,
    user: &CurrentUser,
    id: Option<DoctorSigningId>,
    input: DoctorSigningInput,
) -> AppResult<DoctorSigningDto> {
    user.require(Capability::EditHealth)?;
    let mut v = Validator::new();
    let found = member_field(db, user, &mut v, input.member_id).await?;
    let team = required_text(&mut v, "team", &input.team, 100, "签约团队");
    let doctor = required_text(&mut v, "doctor", &input.doctor, 50, "签约医生");
    typed_date(&mut v, user, "signed_on", input.signed_on);
    if input.valid_to < input.signed_on {
        v.add("valid_to", "有效期不能早于签约日期");
    }
    let (m, h) = v.finish_with(|| found)?;
    let (signed_on, valid_to) = (input.signed_on, input.valid_to);
    let row = doctor_signing::ActiveModel {
        member_id: Set(m.id),
        household_id: Set(h.id),
        village_id: Set(h.village_id),
        township_id: Set(h.township_id),
        org_path: Set(h.org_path.clone()),
        team: Set(team),
        doctor: Set(doctor),
        signed_on: Set(input.signed_on),
        valid_to: Set(input.valid_to),
        version: Set(1),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    in_txn(db, Some(user), async |txn| {
        no_overlap(txn, m.id, id, signed_on, valid_to).await?;
        let Some(id) = id else {
            let row = row.insert(txn).await?;
            let dto = signing_dtos(txn, user, std::slice::from_ref(&row)).await?;
            return Ok(created("doctor_signing", row.id, dto));
        };
        let old = doctor_signing::Entity::find_by_id(id.0).one(txn).await?;
        let old = old.filter(|s| user.sees(&s.org_path)).ok_or(AppError::NotFound)?;
        let version = input.version.ok_or_else(|| AppError::field("version", "修改须带上读取时的版本号"))?;
        let update = doctor_signing::Entity::update_many().set(doctor_signing::ActiveModel {
            version: NotSet,
            created_at: NotSet,
            ..row
        });
        update_at_version(txn, update, old.id, version).await?;
        let before = signing_dtos(txn, user, std::slice::from_ref(&old)).await?;
        let after = doctor_signing::Entity::find_by_id(old.id).one(txn).await?.ok_or(AppError::NotFound)?;
        Ok(updated("doctor_signing", old.id, &before, signing_dtos(txn, user, &[after]).await?))
    })
    .await
    .and_then(|mut dtos| dtos.pop().ok_or(AppError::NotFound))
}

/// A person holds one family-doctor contract at a time: a signing may not cover a day another
/// of theirs covers (a renewal starts the day after the old one ends; a change is a correction).
/// The member's row is locked first, so two signings entered at once cannot both pass; the
/// signing rate counts each covered day of a person once because of this rule.
async fn no_overlap(
    txn: &impl ConnectionTrait,
    member_id: i64,
    id: Option<DoctorSigningId>,
    signed_on: NaiveDate,
    valid_to: NaiveDate,
) -> AppResult<()> {
    member::Entity::find_by_id(member_id).lock_exclusive().one(txn).await?;
    let mut other = doctor_signing::Entity::find()
        .filter(doctor_signing::Column::MemberId.eq(member_id))
        .filter(doctor_signing::Column::SignedOn.lte(valid_to))
        .filter(doctor_signing::Column::ValidTo.gte(signed_on));
    if let Some(id) = id {
        other = other.filter(doctor_signing::Column::Id.ne(id.0));
    }
    match other.one(txn).await? {
        Some(o) => Err(AppError::field(
            "signed_on",
            format!("该成员 {} 至 {} 已有签约，签约时段不能重叠（续签请从原签约到期次日起）", o.signed_on, o.valid_to),
        )),
        None => Ok(()),
    }
}
