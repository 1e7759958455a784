//! Wire types of the household registry (建档立卡): households, members, income records,
//! the overview, the spreadsheet import and the poverty line.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{CategoryChangeDto, JoinReason, LeaveReason};
use super::{MonitoringDto, StatusChangeDto, YearExits};
use crate::org::OrgUnitRef;
use crate::{
    Fen, HealthStatus, HouseholdCategory, HouseholdId, HouseholdStatus, Labour, MemberId, MonitoringKind, OrgUnitId,
    PovertyCause, Relation, Sex,
};

/// `GET /api/v1/households` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct HouseholdQuery {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
    /// Households of this village (any unit in scope filters to its subtree).
    pub village_id: Option<OrgUnitId>,
    /// Households of this township (any unit in scope filters to its subtree).
    pub township_id: Option<OrgUnitId>,
    pub status: Option<HouseholdStatus>,
    pub category: Option<HouseholdCategory>,
    /// `true`: only households under monitoring now; `false`: only those not.
    pub monitored: Option<bool>,
    /// Only households under monitoring now of this kind.
    pub monitoring_kind: Option<MonitoringKind>,
    /// Part of the head's name, or (for readers who see personal data) the beginning of a
    /// member's ID-card number.
    pub q: Option<String>,
}

/// The head of a new household.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewHead {
    pub name: String,
    pub id_card_no: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub health: Option<HealthStatus>,
    #[serde(default)]
    pub labour: Option<Labour>,
}

/// `POST /api/v1/households`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateHousehold {
    pub village_id: OrgUnitId,
    pub category: HouseholdCategory,
    #[serde(default)]
    pub causes: Vec<PovertyCause>,
    pub head: NewHead,
    /// GPS point (APP定位), WGS-84 degrees.
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
    /// `true` registers the household at once: the district's initial load from the national
    /// system ([`crate::Capability::InitialLoad`] only). Otherwise it is `pending` (待识别) until
    /// its entry application (识别) is announced.
    #[serde(default)]
    pub initial_load: bool,
}

/// `PUT /api/v1/households/{id}`: the editable attributes, with the version read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateHousehold {
    pub category: HouseholdCategory,
    pub causes: Vec<PovertyCause>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
    pub version: i32,
}

/// A row of the household list (ID numbers always masked in lists).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HouseholdSummary {
    pub id: HouseholdId,
    pub number: String,
    pub village: OrgUnitRef,
    pub head_name: String,
    pub head_id_card_masked: String,
    pub category: HouseholdCategory,
    pub status: HouseholdStatus,
    pub exit_year: Option<i32>,
    /// The people who count today (members who left are not counted).
    pub members: u64,
    /// The kind of monitoring the household is under now, if it is.
    pub monitored: Option<MonitoringKind>,
}

/// One household with its members, as the household card shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HouseholdDto {
    pub id: HouseholdId,
    pub number: String,
    pub village: OrgUnitRef,
    pub category: HouseholdCategory,
    pub status: HouseholdStatus,
    pub exit_year: Option<i32>,
    pub removed_reason: Option<String>,
    pub causes: Vec<PovertyCause>,
    pub phone: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub head_member_id: Option<MemberId>,
    /// Everyone on file, those who left included (they carry `left_on`).
    pub members: Vec<MemberDto>,
    /// Every period of monitoring, the newest first; the open one (no `cleared_on`) is current.
    pub monitoring: Vec<MonitoringDto>,
    /// Every change of status with its date, the oldest first.
    pub status_history: Vec<StatusChangeDto>,
    /// The people who count today: members who have not left.
    pub people: u64,
    /// The category's changes by civil-affairs decision, oldest first.
    pub category_history: Vec<CategoryChangeDto>,
    /// Whether this reader sees the household masked (`crate::privacy`): ID numbers masked, no
    /// phone, GPS point, birth dates, sex or health.
    pub masked: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

/// `POST /api/v1/households/{id}/members`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateMember {
    pub name: String,
    pub id_card_no: String,
    pub relation: Relation,
    pub health: HealthStatus,
    pub labour: Labour,
    /// Why the person joined (增员原因); with `joined_on`, required for a new member.
    #[serde(default)]
    pub join_reason: Option<JoinReason>,
    #[serde(default)]
    pub joined_on: Option<NaiveDate>,
}

/// A household member. For readers without need (`crate::privacy`) `id_card_no` is masked and
/// `sex`, `birth_date` and `health` are absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberDto {
    pub id: MemberId,
    pub household_id: HouseholdId,
    pub name: String,
    pub id_card_no: String,
    pub sex: Option<Sex>,
    pub birth_date: Option<NaiveDate>,
    pub relation: Relation,
    pub health: Option<HealthStatus>,
    pub labour: Labour,
    /// When and why the person joined; unknown for people on file before joins were recorded.
    pub joined_on: Option<NaiveDate>,
    pub join_reason: Option<JoinReason>,
    /// When and why the person left (已减员); they stay on file but no longer count.
    pub left_on: Option<NaiveDate>,
    pub leave_reason: Option<LeaveReason>,
    pub version: i32,
}

/// `POST /api/v1/households/{id}/income-records`: one year's income (creates or replaces).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IncomeInput {
    pub year: i32,
    pub wage_fen: Fen,
    pub operating_fen: Fen,
    pub property_fen: Fen,
    pub transfer_fen: Fen,
    pub expenses_fen: Fen,
}

/// One year's income with the per-capita figure against that year's poverty line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IncomeRecordDto {
    pub year: i32,
    pub wage_fen: Fen,
    pub operating_fen: Fen,
    pub property_fen: Fen,
    pub transfer_fen: Fen,
    pub expenses_fen: Fen,
    pub members: u64,
    /// (wage + operating + property + transfer − expenses) / members, rounded down.
    pub per_capita_net_fen: Fen,
    pub poverty_line_fen: Option<Fen>,
    /// `None` when the year has no poverty line set.
    pub above_line: Option<bool>,
}

/// `GET /api/v1/registry/overview?year=`: households and people by status and category,
/// poor villages and their exits, computed from the records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistryOverview {
    /// The year whose end the status figures describe.
    pub year: i32,
    pub households: u64,
    pub people: u64,
    pub remaining_households: u64,
    pub remaining_people: u64,
    pub by_category: Vec<CategoryCount>,
    pub exited_households: u64,
    pub exited_people: u64,
    pub poor_villages: u64,
    pub exited_villages: u64,
    /// Per year (oldest first), the households whose exit took effect that year and their
    /// people, up to `year`.
    pub exits_by_year: Vec<YearExits>,
    /// 预脱贫: households with an exit application in progress, and their people.
    pub pre_exit_households: u64,
    pub pre_exit_people: u64,
    /// Households under monitoring now (防返贫监测).
    pub monitored_households: u64,
}

/// Remaining (registered) households and people of one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryCount {
    pub category: HouseholdCategory,
    pub households: u64,
    pub people: u64,
}

/// The columns of the registry spreadsheet, one row per member, in order. Import reads them,
/// export writes them, so an export can be edited and imported again.
pub const IMPORT_COLUMNS: [&str; 10] = [
    "村编码",
    "户主身份证号",
    "户类别",
    "致贫原因",
    "联系电话",
    "姓名",
    "身份证号",
    "与户主关系",
    "健康状况",
    "劳动能力",
];

/// One problem of an imported file: the row as a spreadsheet numbers it (the header is row 1),
/// the column's heading, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowError {
    pub row: u64,
    pub column: String,
    pub message: String,
}

/// What an import found (preview) or did (commit). A commit with any error imports nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    pub committed: bool,
    pub rows: u64,
    pub households_new: u64,
    pub households_updated: u64,
    pub members_new: u64,
    pub members_updated: u64,
    pub errors: Vec<RowError>,
    /// Only the first errors are listed; this counts them all.
    pub error_count: u64,
}

/// What an import of per-member records (student aid, jobs) found or did: rows matched to
/// members by ID card. A commit with any error imports nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordImportReport {
    pub committed: bool,
    pub rows: u64,
    /// Records the rows make (written only on a commit without errors).
    pub records: u64,
    pub errors: Vec<RowError>,
    /// Only the first errors are listed; this counts them all.
    pub error_count: u64,
}

/// `GET /api/v1/households/import-progress/{token}`: how far an import has got.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportProgress {
    /// `reading`, `checking`, `writing`, then `done`, or `failed` when the import stopped short.
    pub phase: String,
    pub processed: u64,
    pub total: u64,
}

/// `POST /api/v1/households/import` query: `format` is `csv` or `xlsx`; `commit=false` only
/// checks; `progress` is a token of the caller's choosing (1 to 64 letters, digits, `-` or `_`)
/// to poll progress with; only the caller can read it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ImportQuery {
    pub format: String,
    #[serde(default)]
    pub commit: bool,
    pub progress: Option<String>,
    /// New households registered at once: the district's initial load from the national system
    /// ([`crate::Capability::InitialLoad`] only). Otherwise they are `pending` (待识别).
    #[serde(default)]
    pub initial_load: bool,
}

/// The poverty line of one year (`GET /api/v1/settings/poverty-lines`,
/// `PUT /api/v1/settings/poverty-lines/{year}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PovertyLine {
    pub year: i32,
    pub poverty_line_fen: Fen,
    /// "稳定超过": an exit filed for this year also needs the year before's per-capita income
    /// above that year's line.
    #[serde(default)]
    pub exit_needs_previous_year: bool,
}

/// `GET /api/v1/registry/overview` parameters: the year whose end the figures describe (this
/// year when absent).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct OverviewQuery {
    pub year: Option<i32>,
}
