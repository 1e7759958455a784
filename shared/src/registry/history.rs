//! Wire types of a household's dated status history and its monitoring (防返贫监测), and the
//! exits of a year in the overview.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{HouseholdStatus, MonitoringKind};

/// The exits of one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearExits {
    pub year: i32,
    pub households: u64,
    pub people: u64,
}

/// One change of a household's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChangeDto {
    /// `None` for the status the household was filed with.
    pub from: Option<HouseholdStatus>,
    pub to: HouseholdStatus,
    pub on: NaiveDate,
    pub exit_year: Option<i32>,
    /// The announced application that caused it.
    pub application_id: Option<crate::ApplicationId>,
}

/// One period of monitoring (防返贫监测) of a household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonitoringDto {
    pub id: i64,
    pub kind: MonitoringKind,
    pub since: NaiveDate,
    pub reason: String,
    pub cleared_on: Option<NaiveDate>,
    pub cleared_note: Option<String>,
    pub version: i32,
}

/// `POST /api/v1/households/{id}/monitoring`: puts the household under monitoring.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartMonitoring {
    pub kind: MonitoringKind,
    pub since: NaiveDate,
    pub reason: String,
}

/// `POST /api/v1/households/{id}/monitoring/clear`: ends the open period, with the version read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClearMonitoring {
    pub cleared_on: NaiveDate,
    #[serde(default)]
    pub note: Option<String>,
    pub version: i32,
}
