//! Wire types of health poverty alleviation: claims with their computed layers and history,
//! the year's settings, the figures, the clerk's totals and family-doctor signings.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{ClaimKind, HospitalLevel};
use crate::org::OrgUnitRef;
use crate::{DoctorSigningId, Fen, HealthClaimId, HouseholdId, MemberId, OrgUnitId};

/// `POST /api/v1/health-claims`, `PUT /api/v1/health-claims/{id}` (with `version`): the claim
/// as on the settlement sheet; the 351, the 180 and the out-of-pocket are computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthClaimInput {
    pub member_id: MemberId,
    pub kind: ClaimKind,
    pub hospital: String,
    pub hospital_level: HospitalLevel,
    pub admitted_on: NaiveDate,
    /// Settlement date; claims are settled in its order.
    pub discharged_on: NaiveDate,
    pub total_cost_fen: Fen,
    /// 合规费用; the total when absent.
    #[serde(default)]
    pub compliant_cost_fen: Option<Fen>,
    pub basic_insurance_fen: Fen,
    pub critical_illness_fen: Fen,
    pub medical_assistance_fen: Fen,
    #[serde(default)]
    pub commercial_fen: Option<Fen>,
    #[serde(default)]
    pub version: Option<i32>,
}

/// A claim with what the engine computed and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthClaimDto {
    pub id: HealthClaimId,
    pub member_id: MemberId,
    pub member_name: String,
    pub household_id: HouseholdId,
    pub year: i32,
    pub kind: ClaimKind,
    pub hospital: String,
    pub hospital_level: HospitalLevel,
    pub admitted_on: NaiveDate,
    pub discharged_on: NaiveDate,
    pub total_cost_fen: Fen,
    pub compliant_cost_fen: Fen,
    pub basic_insurance_fen: Fen,
    pub critical_illness_fen: Fen,
    pub medical_assistance_fen: Fen,
    pub commercial_fen: Fen,
    /// "351" 财政兜底.
    pub fallback_fen: Fen,
    /// "180" 慢病补充.
    pub supplementary_fen: Fen,
    pub out_of_pocket_fen: Fen,
    /// The cap that applied: the 351 cap (inpatient) or the 180 yearly cap (chronic).
    pub cap_fen: Option<Fen>,
    /// The person's year-to-date out-of-pocket (inpatient) or 180 supplement (chronic) before it.
    pub before_fen: Fen,
    /// How it was computed, in Chinese.
    pub explanation: Vec<String>,
    pub version: i32,
}

/// One recomputation or correction of a claim's computed figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimChangeDto {
    pub changed_at: DateTime<Utc>,
    pub changed_by: String,
    /// Why: the claim itself was corrected, or an earlier claim of the person's year changed.
    pub reason: String,
    pub old_fallback_fen: Fen,
    pub new_fallback_fen: Fen,
    pub old_supplementary_fen: Fen,
    pub new_supplementary_fen: Fen,
    pub old_out_of_pocket_fen: Fen,
    pub new_out_of_pocket_fen: Fen,
}

/// `GET /api/v1/health-claims` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct HealthClaimQuery {
    pub member_id: Option<MemberId>,
    pub household_id: Option<HouseholdId>,
    pub year: Option<i32>,
    pub kind: Option<ClaimKind>,
    pub org_unit_id: Option<OrgUnitId>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `GET /api/v1/health-settings/{year}`; the amounts are absent while the year has none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthSettingsDto {
    pub year: i32,
    pub settings: Option<HealthSettingsInput>,
    /// 0 while the year has no settings.
    pub version: i32,
}

/// `PUT /api/v1/health-settings/{year}`: the yearly out-of-pocket caps per level (never lower
/// at a higher level), the 180's rate and yearly cap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthSettingsInput {
    pub township_cap_fen: Fen,
    pub county_cap_fen: Fen,
    pub city_cap_fen: Fen,
    pub province_cap_fen: Fen,
    pub out_of_province_cap_fen: Fen,
    pub supplement_rate_bp: i64,
    pub supplement_cap_fen: Fen,
    #[serde(default)]
    pub version: Option<i32>,
}

impl HealthSettingsInput {
    /// The engine's rules.
    pub fn rules(&self) -> super::HealthRules {
        super::HealthRules {
            caps: [
                self.township_cap_fen,
                self.county_cap_fen,
                self.city_cap_fen,
                self.province_cap_fen,
                self.out_of_province_cap_fen,
            ],
            supplement_rate_bp: self.supplement_rate_bp,
            supplement_cap: self.supplement_cap_fen,
        }
    }
}

/// `GET /api/v1/health/figures` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct HealthFiguresQuery {
    pub year: i32,
    /// Claims settled up to this day (the seed counts "截至9月底").
    pub as_of: Option<NaiveDate>,
    pub org_unit: Option<OrgUnitId>,
}

/// The figures of one claim kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KindFigures {
    pub person_times: u64,
    pub total_cost_fen: Fen,
    /// Every layer paid: total − out-of-pocket.
    pub compensation_fen: Fen,
    pub fallback_fen: Fen,
    pub supplementary_fen: Fen,
    /// compensation ÷ cost, basis points.
    pub ratio_bp: i64,
}

/// The health figures of a year, as of a date, for a subtree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthFigures {
    pub year: i32,
    pub as_of: NaiveDate,
    pub org_unit: OrgUnitRef,
    pub inpatient: KindFigures,
    pub outpatient: KindFigures,
    pub chronic: KindFigures,
    /// Registered poor people on file and those with a family-doctor signing valid on `as_of`.
    pub registered_people: u64,
    pub signed_people: u64,
    pub signing_rate_bp: i64,
    /// Paid from the special funds: 351 兜底资金, 商业补充保险, 180 资金.
    pub fallback_fund_fen: Fen,
    pub commercial_fund_fen: Fen,
    pub supplement_fund_fen: Fen,
    /// People whose insurance premium of the year was subsidised (paid up to `as_of`), and how much.
    pub premium_people: u64,
    pub premium_fen: Fen,
}

/// `GET /api/v1/households/{id}/health-totals`: what a village clerk sees of a household's
/// health claims: per member, how many and the year's totals; never hospitals or kinds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberHealthTotals {
    pub member_id: MemberId,
    pub member_name: String,
    pub claims: u64,
    pub total_cost_fen: Fen,
    pub compensation_fen: Fen,
    pub out_of_pocket_fen: Fen,
    /// The insurance premium subsidised for the member in the year.
    pub premium_fen: Fen,
}

/// `?year=` of the household's health totals.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct YearQuery {
    pub year: i32,
}

/// `POST /api/v1/doctor-signings`, `PUT /api/v1/doctor-signings/{id}` (with `version`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DoctorSigningInput {
    pub member_id: MemberId,
    pub team: String,
    pub doctor: String,
    pub signed_on: NaiveDate,
    pub valid_to: NaiveDate,
    #[serde(default)]
    pub version: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DoctorSigningDto {
    pub id: DoctorSigningId,
    pub member_id: MemberId,
    pub member_name: String,
    pub household_id: HouseholdId,
    pub team: String,
    pub doctor: String,
    pub signed_on: NaiveDate,
    pub valid_to: NaiveDate,
    /// Whether `valid_to` lies before today.
    pub expired: bool,
    pub version: i32,
}

/// `GET /api/v1/doctor-signings` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct DoctorSigningQuery {
    pub org_unit_id: Option<OrgUnitId>,
    pub member_id: Option<MemberId>,
    /// Only expired signings (true) or only valid ones (false).
    pub expired: Option<bool>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// The settlement import's columns, in order (the template's header).
pub const CLAIM_COLUMNS: &[&str] = &[
    "身份证号",
    "类别",
    "医院",
    "医院级别",
    "入院日期",
    "出院日期",
    "医疗总费用（元）",
    "合规费用（元）",
    "基本医保（元）",
    "大病保险（元）",
    "医疗救助（元）",
    "补充商业保险（元）",
];

/// `POST /api/v1/health-claims/import`: `format` is `csv` or `xlsx`; `commit=false` (the
/// default) only checks; `true` writes every row or none.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ClaimImportQuery {
    pub format: String,
    #[serde(default)]
    pub commit: bool,
    /// A token of the caller's choosing to poll progress with
    /// (`/api/v1/households/import-progress/{token}`); only the caller can read it.
    #[serde(default)]
    pub progress: Option<String>,
}

/// What a settlement import found (and, committed, wrote).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimImportReport {
    pub committed: bool,
    pub rows: u64,
    pub total_cost_fen: Fen,
    /// The 351 the committed rows were settled with (0 in a preview).
    pub fallback_fen: Fen,
    /// The 180 the committed rows were settled with (0 in a preview).
    pub supplementary_fen: Fen,
    /// Claims already on file recomputed because an imported one settled before them.
    pub recomputed: u64,
    pub errors: Vec<crate::registry::RowError>,
    pub error_count: u64,
}

/// `GET /api/v1/health-claims/ledger.xlsx` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ClaimLedgerQuery {
    pub year: i32,
    pub org_unit_id: Option<OrgUnitId>,
}

impl HealthClaimInput {
    /// What the engine reads of the claim; the compliant cost defaults to the total and the
    /// commercial insurance to nothing.
    pub fn layers(&self) -> super::ClaimLayers {
        super::ClaimLayers {
            kind: self.kind,
            level: self.hospital_level,
            admitted_on: self.admitted_on,
            discharged_on: self.discharged_on,
            total: self.total_cost_fen,
            compliant: self.compliant_cost_fen.unwrap_or(self.total_cost_fen),
            basic: self.basic_insurance_fen,
            critical: self.critical_illness_fen,
            assistance: self.medical_assistance_fen,
            commercial: self.commercial_fen.unwrap_or(Fen::ZERO),
        }
    }
}

impl HealthClaimDto {
    /// The claim as entered, for settling it again with a claim being typed.
    pub fn input(&self) -> HealthClaimInput {
        HealthClaimInput {
            member_id: self.member_id,
            kind: self.kind,
            hospital: self.hospital.clone(),
            hospital_level: self.hospital_level,
            admitted_on: self.admitted_on,
            discharged_on: self.discharged_on,
            total_cost_fen: self.total_cost_fen,
            compliant_cost_fen: Some(self.compliant_cost_fen),
            basic_insurance_fen: self.basic_insurance_fen,
            critical_illness_fen: self.critical_illness_fen,
            medical_assistance_fen: self.medical_assistance_fen,
            commercial_fen: Some(self.commercial_fen),
            version: Some(self.version),
        }
    }
}
