//! Wire types of the insurance premium subsidies (参保资助: e.g. 90 元 of a poor person's
//! 城乡居民医保 premium paid by the government), one a person and year, and of the person
//! search that leads to a person's health year.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::InsuranceKind;
use crate::{Fen, HouseholdId, MemberId, OrgUnitId, PremiumSubsidyId};

/// `POST /api/v1/premium-subsidies`: once per person and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PremiumSubsidyInput {
    pub member_id: MemberId,
    pub year: i32,
    pub kind: InsuranceKind,
    pub amount_fen: Fen,
    pub paid_on: NaiveDate,
}

/// A premium subsidy on file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PremiumSubsidyDto {
    pub id: PremiumSubsidyId,
    pub member_id: MemberId,
    pub member_name: String,
    pub household_id: HouseholdId,
    pub year: i32,
    pub kind: InsuranceKind,
    pub amount_fen: Fen,
    pub paid_on: NaiveDate,
}

/// `GET /api/v1/premium-subsidies` filters; newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct PremiumSubsidyQuery {
    pub member_id: Option<MemberId>,
    pub year: Option<i32>,
    pub org_unit_id: Option<OrgUnitId>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `GET /api/v1/health/people`: a part of a name, or the beginning of an ID-card number.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct HealthPeopleQuery {
    pub q: String,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// A person found by the health search, with where they live.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthPersonDto {
    pub member_id: MemberId,
    pub name: String,
    /// Masked, as in every list.
    pub id_card_no: String,
    pub household_id: HouseholdId,
    pub household_number: String,
    pub village_name: String,
}
