//! Wire types of pairing assistance: enterprises, pairings, assistance logs, donations and the
//! year's figures.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{AssistanceKind, DonationKind, GiverKind};
use crate::org::OrgUnitRef;
use crate::{AssistanceLogId, DonationId, EnterpriseId, Fen, HouseholdId, OrgUnitId, PairingId};

/// `POST /api/v1/enterprises`, `PUT /api/v1/enterprises/{id}` (with `version`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnterpriseInput {
    pub name: String,
    /// 统一社会信用代码 ([`super::CreditCode`]).
    pub credit_code: String,
    /// 联系人.
    #[serde(default)]
    pub contact: String,
    /// The contact's phone.
    #[serde(default)]
    pub phone: String,
    /// 所属行业, e.g. 茶叶加工.
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub version: Option<i32>,
}

/// A partner enterprise. Its contact's phone is the enterprise's own, not a household's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnterpriseDto {
    pub id: EnterpriseId,
    pub name: String,
    pub credit_code: String,
    pub contact: String,
    pub contact_phone: String,
    pub industry: String,
    pub version: i32,
}

/// `GET /api/v1/enterprises` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct EnterpriseQuery {
    /// Part of the name or the credit code.
    pub q: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `POST /api/v1/pairings`: an enterprise paired with villages and/or households.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatePairing {
    pub enterprise_id: EnterpriseId,
    #[serde(default)]
    pub village_ids: Vec<OrgUnitId>,
    #[serde(default)]
    pub household_ids: Vec<HouseholdId>,
    pub since: NaiveDate,
    #[serde(default)]
    pub until: Option<NaiveDate>,
}

/// A paired household as the enterprise sees it: the head's name and the village, nothing else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PairedHousehold {
    pub id: HouseholdId,
    pub head_name: String,
    pub village: OrgUnitRef,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PairingDto {
    pub id: PairingId,
    pub enterprise_id: EnterpriseId,
    pub enterprise_name: String,
    pub villages: Vec<OrgUnitRef>,
    pub households: Vec<PairedHousehold>,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

/// `GET /api/v1/pairings` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct PairingQuery {
    pub enterprise_id: Option<EnterpriseId>,
    /// Pairings touching this unit's subtree; the caller's own unit when absent.
    pub org_unit_id: Option<OrgUnitId>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// What an assistance log says; `amount_fen` or `count` as the kind needs
/// ([`super::check_measure`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssistanceEntry {
    pub kind: AssistanceKind,
    #[serde(default)]
    pub amount_fen: Option<Fen>,
    #[serde(default)]
    pub count: Option<i64>,
    pub date: NaiveDate,
    #[serde(default)]
    pub note: Option<String>,
}

/// `POST /api/v1/assistance-logs`: a log of a pairing, its entry's fields beside the pairing.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateAssistanceLog {
    pub pairing_id: PairingId,
    #[serde(flatten)]
    pub entry: AssistanceEntry,
    /// The confirmed log this one corrects: it replaces that one in every figure.
    #[serde(default)]
    pub corrects: Option<AssistanceLogId>,
}

/// `PUT /api/v1/assistance-logs/{id}`: an unconfirmed log changed, with the version read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateAssistanceLog {
    #[serde(flatten)]
    pub entry: AssistanceEntry,
    pub version: i32,
}

/// `POST /api/v1/assistance-logs/{id}/confirm`: the version read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmAssistanceLog {
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssistanceLogDto {
    pub id: AssistanceLogId,
    pub pairing_id: PairingId,
    pub enterprise_id: EnterpriseId,
    pub enterprise_name: String,
    #[serde(flatten)]
    pub entry: AssistanceEntry,
    /// Confirmed by the district: locked from then on.
    pub confirmed_on: Option<NaiveDate>,
    pub corrects: Option<AssistanceLogId>,
    /// Ids of its photos, at most three.
    pub photos: Vec<i64>,
    pub version: i32,
}

/// `GET /api/v1/assistance-logs` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct AssistanceLogQuery {
    pub pairing_id: Option<PairingId>,
    /// Logs of the pairings that name this household (the household card's "享受政策").
    pub household_id: Option<HouseholdId>,
    pub enterprise_id: Option<EnterpriseId>,
    pub confirmed: Option<bool>,
    pub year: Option<i32>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `POST /api/v1/donations`: a gift to a campaign.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateDonation {
    pub giver_kind: GiverKind,
    /// The giving enterprise, for `giver_kind = enterprise`.
    #[serde(default)]
    pub enterprise_id: Option<EnterpriseId>,
    /// The giver's name (an enterprise's is taken from its record).
    #[serde(default)]
    pub giver_name: String,
    /// e.g. 10.17扶贫日.
    pub campaign: String,
    pub kind: DonationKind,
    /// Money given, or the value of the project claimed.
    pub amount_fen: Fen,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DonationDto {
    pub id: DonationId,
    pub giver_kind: GiverKind,
    pub enterprise_id: Option<EnterpriseId>,
    pub giver_name: String,
    pub campaign: String,
    pub kind: DonationKind,
    pub amount_fen: Fen,
    pub date: NaiveDate,
}

/// `GET /api/v1/donations` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct DonationQuery {
    pub year: Option<i32>,
    pub campaign: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `GET /api/v1/pairing/figures` parameters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct PairingFiguresQuery {
    pub year: i32,
    /// Count what was recorded as happening up to this day: pairings in force, logs and gifts
    /// dated by then, corrections confirmed by then. The year's end when absent.
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    /// The subtree counted; the caller's own unit when absent.
    pub org_unit: Option<OrgUnitId>,
}

/// What assistance adds up to: the seed's "落实帮扶资金64万元，帮扶贫困学生11名，吸纳劳动力138人，
/// 认领项目56个，销售各类农产品36万元".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssistanceTotals {
    pub funds_fen: Fen,
    pub labour_hired: i64,
    pub students_aided: i64,
    pub projects_claimed: i64,
    pub products_fen: Fen,
    pub logs: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnterpriseFigures {
    pub enterprise_id: EnterpriseId,
    pub name: String,
    pub totals: AssistanceTotals,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VillageFigures {
    pub village: OrgUnitRef,
    pub enterprises: u64,
    pub households: u64,
    pub totals: AssistanceTotals,
}

/// A campaign's gifts in the year: "全区共认领33个项目120.15万元，捐款6.6万元".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CampaignFigures {
    pub campaign: String,
    pub projects_claimed: u64,
    pub projects_fen: Fen,
    pub donated_fen: Fen,
}

/// `GET /api/v1/pairing/figures`: the year's pairing figures for a subtree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PairingFigures {
    pub year: i32,
    pub org_unit: OrgUnitRef,
    /// Enterprises with a pairing in force during the year.
    pub enterprises: u64,
    pub villages: u64,
    pub households: u64,
    pub totals: AssistanceTotals,
    pub per_enterprise: Vec<EnterpriseFigures>,
    pub per_village: Vec<VillageFigures>,
    pub campaigns: Vec<CampaignFigures>,
    /// The years from the first to the last with an assistance log or a gift the caller
    /// reaches, for choosing one; empty when there is none.
    pub years: Vec<i32>,
}
