//! Health claims: entered (or corrected, at the version read) from the settlement sheet, the
//! "351", "180" and out-of-pocket computed by the shared engine over the person's year, the
//! person's later claims of the year recomputed in the same transaction ([`settle`]).

use std::collections::HashMap;

use chrono::Datelike;
use jingzhun_shared::error::Validator;
use jingzhun_shared::health::{ClaimChangeDto, ClaimKind, HealthClaimDto, HealthClaimInput, HealthClaimQuery, explain};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{Capability, Fen, HealthClaimId, HouseholdId, MemberId};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::settle::{figures_of, layers_of};
use super::{member_field, settings};
use crate::actor::CurrentUser;
use crate::entities::{health_claim, health_claim_change, health_setting, member};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::versioned::Versioned;
use crate::services::{by_ids, paginate, required_text, typed_date, with_items};

impl Versioned for health_claim::Entity {
    const ID: health_claim::Column = health_claim::Column::Id;
    const VERSION: health_claim::Column = health_claim::Column::Version;
}

const HOSPITAL_MAX: usize = 100;

/// DTOs of `rows`, with member names and the explanation (which reads the 180 rate of the year).
pub(super) async fn claim_dtos(
    db: &impl ConnectionTrait,
    rows: &[health_claim::Model],
) -> AppResult<Vec<HealthClaimDto>> {
    let members = by_ids::<member::Entity>(db, rows.iter().map(|r| r.member_id).collect(), |m| m.id).await?;
    let mut years: Vec<i64> = rows.iter().map(|r| i64::from(r.year)).collect();
    years.sort_unstable();
    years.dedup();
    let rates: HashMap<i64, i64> = by_ids::<health_setting::Entity>(db, years, |s| i64::from(s.year))
        .await?
        .into_iter()
        .map(|(year, s)| (year, s.supplement_rate_bp))
        .collect();
    Ok(rows
        .iter()
        .map(|r| {
            let name = members.get(&r.member_id).map(|m| m.name.clone()).unwrap_or_default();
            claim_dto(r, name, rates.get(&i64::from(r.year)).copied().unwrap_or(0))
        })
        .collect())
}

fn claim_dto(r: &health_claim::Model, member_name: String, rate_bp: i64) -> HealthClaimDto {
    let figures = figures_of(r);
    HealthClaimDto {
        id: HealthClaimId(r.id),
        member_id: MemberId(r.member_id),
        member_name,
        household_id: HouseholdId(r.household_id),
        year: r.year,
        kind: r.kind,
        hospital: r.hospital.clone(),
        hospital_level: r.hospital_level,
        admitted_on: r.admitted_on,
        discharged_on: r.discharged_on,
        total_cost_fen: Fen::new(r.total_cost_fen),
        compliant_cost_fen: Fen::new(r.compliant_cost_fen),
        basic_insurance_fen: Fen::new(r.basic_insurance_fen),
        critical_illness_fen: Fen::new(r.critical_illness_fen),
        medical_assistance_fen: Fen::new(r.medical_assistance_fen),
        commercial_fen: Fen::new(r.commercial_fen),
        fallback_fen: figures.fallback,
        supplementary_fen: figures.supplementary,
        out_of_pocket_fen: figures.out_of_pocket,
        cap_fen: figures.cap,
        before_fen: figures.before,
        explanation: explain(&layers_of(r), &figures, rate_bp),
        version: r.version,
    }
}

/// The claim with `id`, when its member's household lies in the caller's subtree.
pub(super) async fn find_visible(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: HealthClaimId,
) -> AppResult<health_claim::Model> {
    user.require(Capability::ReadHealth)?;
    health_claim::Entity::find_by_id(id.0).one(db).await?.filter(|c| user.sees(&c.org_path)).ok_or(AppError::NotFound)
}

pub async fn claim(db: &impl ConnectionTrait, user: &CurrentUser, id: HealthClaimId) -> AppResult<HealthClaimDto> {
    let row = find_visible(db, user, id).await?;
    let mut dtos = claim_dtos(db, std::slice::from_ref(&row)).await?;
    dtos.pop().ok_or(AppError::NotFound)
}

/// Claims in the caller's subtree (or a unit inside it), a person's year in discharge order.
pub async fn claims(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: HealthClaimQuery,
) -> AppResult<Page<HealthClaimDto>> {
    user.require(Capability::ReadHealth)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select = health_claim::Entity::find().filter(health_claim::Column::OrgPath.starts_with(&unit.path));
    if let Some(m) = query.member_id {
        select = select.filter(health_claim::Column::MemberId.eq(m.0));
    }
    if let Some(h) = query.household_id {
        select = select.filter(health_claim::Column::HouseholdId.eq(h.0));
    }
    if let Some(year) = query.year {
        select = select.filter(health_claim::Column::Year.eq(year));
    }
    if let Some(kind) = query.kind {
        select = select.filter(health_claim::Column::Kind.eq(kind));
    }
    let select = select
        .order_by_asc(health_claim::Column::DischargedOn)
        .order_by_asc(health_claim::Column::AdmittedOn)
        .order_by_asc(health_claim::Column::Id);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |r| r).await?;
    let items = claim_dtos(db, &page.items).await?;
    Ok(with_items(page, items))
}

/// Every recomputation and correction of a claim's figures, newest first.
pub async fn claim_history(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: HealthClaimId,
    page: PageQuery,
) -> AppResult<Page<ClaimChangeDto>> {
    let row = find_visible(db, user, id).await?;
    let select = health_claim_change::Entity::find()
        .filter(health_claim_change::Column::ClaimId.eq(row.id))
        .order_by_desc(health_claim_change::Column::Id);
    paginate(db, select, page, |c| ClaimChangeDto {
        changed_at: c.changed_at,
        changed_by: c.changed_by,
        reason: c.reason,
        old_fallback_fen: Fen::new(c.old_fallback_fen),
        new_fallback_fen: Fen::new(c.new_fallback_fen),
        old_supplementary_fen: Fen::new(c.old_supplementary_fen),
        new_supplementary_fen: Fen::new(c.new_supplementary_fen),
        old_out_of_pocket_fen: Fen::new(c.old_out_of_pocket_fen),
        new_out_of_pocket_fen: Fen::new(c.new_out_of_pocket_fen),
    })
    .await
}

/// Every problem of the input in one 422, or the member and household it is for.
pub(super) async fn check(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    input: &HealthClaimInput,
) -> AppResult<(member::Model, crate::entities::household::Model, String)> {
    let mut v = Validator::new();
    let found = member_field(db, user, &mut v, input.member_id).await?;
    let hospital = required_text(&mut v, "hospital", &input.hospital, HOSPITAL_MAX, "医院名称");
    typed_date(&mut v, user, "admitted_on", input.admitted_on);
    typed_date(&mut v, user, "discharged_on", input.discharged_on);
    for (field, message) in input.layers().problems() {
        v.add(field, message);
    }
    if input.kind == ClaimKind::Outpatient && input.admitted_on != input.discharged_on {
        v.add("discharged_on", "门诊的就诊日期与结算日期应为同一天");
    }
    if settings::rules_of(db, input.discharged_on.year()).await?.is_none() {
        v.add("discharged_on", settings::no_settings(input.discharged_on.year()));
    }
    Ok(v.finish_with(|| found.map(|(m, h)| (m, h, hospital)))?)
}
