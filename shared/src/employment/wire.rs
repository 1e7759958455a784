//! Wire types of employment poverty alleviation (就业扶贫).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{BaseKind, EmploymentKind};
use crate::org::OrgUnitRef;
use crate::{EmploymentBaseId, EmploymentId, Fen, HouseholdId, MemberId, OrgUnitId, TrainingId, TransportSubsidyId};

/// The columns of the employment import, in order.
pub const EMPLOYMENT_COLUMNS: [&str; 6] = ["身份证号", "就业类型", "单位或基地", "开始日期", "结束日期", "月工资(元)"];

/// The columns of the training import (the human-resources bureau's 培训台账), in order.
pub const TRAINING_COLUMNS: [&str; 5] = ["身份证号", "培训项目", "结业日期", "培训天数", "培训补助(元)"];

/// The columns of the transport-subsidy import (交通补助发放表), in order.
pub const TRANSPORT_COLUMNS: [&str; 4] = ["身份证号", "年度", "补助金额(元)", "发放日期"];

/// `POST /api/v1/employments`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmploymentInput {
    pub member_id: MemberId,
    pub kind: EmploymentKind,
    /// The employer; for a base job, left blank (the base's name is used).
    #[serde(default)]
    pub employer: String,
    /// Required for a base job, refused otherwise.
    #[serde(default)]
    pub base_id: Option<EmploymentBaseId>,
    /// Not after today.
    pub since: NaiveDate,
    #[serde(default)]
    pub until: Option<NaiveDate>,
    pub monthly_wage_fen: Fen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmploymentDto {
    pub id: EmploymentId,
    pub member_id: MemberId,
    pub member_name: String,
    pub household_id: HouseholdId,
    pub household_number: String,
    pub kind: EmploymentKind,
    pub employer: String,
    pub base_id: Option<EmploymentBaseId>,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    pub monthly_wage_fen: Fen,
}

/// Filters of the per-member lists (jobs, training, transport subsidies).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct LabourQuery {
    /// Jobs held at some day of the year; training and subsidies of the year.
    pub year: Option<i32>,
    pub org_unit_id: Option<OrgUnitId>,
    pub household_id: Option<HouseholdId>,
    pub member_id: Option<MemberId>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `POST /api/v1/employment-bases` and `PUT …/{id}` (with `version`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmploymentBaseInput {
    pub name: String,
    pub kind: BaseKind,
    /// Where it lies: the district, a township or a village in the caller's scope.
    pub org_unit_id: OrgUnitId,
    /// Not after today.
    pub recognised_on: NaiveDate,
    /// The subsidy paid on recognition.
    pub subsidy_fen: Fen,
    /// Posts it offers poor labourers.
    pub posts: i32,
    #[serde(default)]
    pub version: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmploymentBaseDto {
    pub id: EmploymentBaseId,
    pub name: String,
    pub kind: BaseKind,
    pub org_unit: OrgUnitRef,
    pub recognised_on: NaiveDate,
    pub subsidy_fen: Fen,
    pub posts: i32,
    pub version: i32,
}

/// `GET /api/v1/employment-bases` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct EmploymentBaseQuery {
    pub org_unit_id: Option<OrgUnitId>,
    pub kind: Option<BaseKind>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `POST /api/v1/trainings`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingInput {
    pub member_id: MemberId,
    pub course: String,
    /// The course's last day, not after today; its year is the training's.
    pub ended_on: NaiveDate,
    /// 1 to 366.
    pub days: i32,
    pub subsidy_fen: Fen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingDto {
    pub id: TrainingId,
    pub member_id: MemberId,
    pub member_name: String,
    pub household_id: HouseholdId,
    pub course: String,
    pub year: i32,
    pub ended_on: NaiveDate,
    pub days: i32,
    pub subsidy_fen: Fen,
}

/// `POST /api/v1/transport-subsidies`: once per migrant worker and year.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransportSubsidyInput {
    pub member_id: MemberId,
    pub year: i32,
    pub amount_fen: Fen,
    /// Not after today.
    pub paid_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransportSubsidyDto {
    pub id: TransportSubsidyId,
    pub member_id: MemberId,
    pub member_name: String,
    pub household_id: HouseholdId,
    pub year: i32,
    pub amount_fen: Fen,
    pub paid_on: NaiveDate,
}

/// Bases of one kind recognised by the day counted, and the labourers their jobs hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BaseTally {
    pub kind: BaseKind,
    pub bases: u64,
    pub posts: u64,
    pub absorbed: u64,
}

/// `GET /api/v1/employment/figures`: a year in a subtree up to `as_of`. Labourers are
/// members, each counted once per figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmploymentFigures {
    pub year: i32,
    /// In market employment (local, migrant, self-employed) at some day of the year.
    pub employed: u64,
    /// Posts the bases recognised by then offer.
    pub posts_offered: u64,
    pub public_welfare_posts: u64,
    /// Mean monthly wage of the public-welfare posts, fen rounded half up.
    pub public_welfare_average_wage_fen: Fen,
    pub public_welfare_min_wage_fen: Fen,
    pub public_welfare_max_wage_fen: Fen,
    /// Every kind, in order.
    pub bases: Vec<BaseTally>,
    pub trainees: u64,
    pub training_subsidy_fen: Fen,
    pub transport_subsidised: u64,
    pub transport_subsidy_fen: Fen,
}
