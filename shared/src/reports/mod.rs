//! The office's annual report (年度工作总结的数据): one section per record family, each the
//! family's own figures for the same year, date and subtree, read together. A section the
//! reader's role may not read is left out and named in `left_out`, with why.

mod api;

pub use api::ROUTES;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::OrgUnitId;
use crate::credit::CreditFigures;
use crate::ecology::EcologyFigures;
use crate::education::EducationFigures;
use crate::employment::EmploymentFigures;
use crate::funds::FundRates;
use crate::health::HealthFigures;
use crate::housing::HousingFigures;
use crate::industry::IndustrySummary;
use crate::infrastructure::InfrastructureFigures;
use crate::oversight::OversightFigures;
use crate::pairing::PairingFigures;
use crate::registry::RegistryOverview;
use crate::social_security::SocialFigures;
use crate::warnings::WarningStats;

/// `GET /api/v1/reports/annual`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct AnnualReportQuery {
    pub year: i32,
    /// Count what was recorded as happening up to this day (the report's "截至9月底").
    pub as_of: Option<NaiveDate>,
    /// The subtree reported; the reader's own unit when absent.
    pub org_unit_id: Option<OrgUnitId>,
}

/// A section the report leaves out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeftOut {
    /// The section's field name in [`AnnualReport`].
    pub section: String,
    pub reason: String,
}

/// The year's figures of every record family for one subtree. Money in fen, rates in basis
/// points, counts as integers; each section is exactly what that family's own figures route
/// answers for the same year, date and unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnnualReport {
    pub year: i32,
    pub as_of: Option<NaiveDate>,
    pub org_unit_id: OrgUnitId,
    pub org_unit_name: String,
    /// The registry at the end of the year, or on `as_of`.
    pub registry: Option<RegistryOverview>,
    pub funds: Option<FundRates>,
    pub industry: Option<IndustrySummary>,
    pub credit: Option<CreditFigures>,
    /// 健康脱贫 (named apart from a member's `health`, a personal field the masking layer hides).
    pub medical: Option<HealthFigures>,
    pub education: Option<EducationFigures>,
    pub employment: Option<EmploymentFigures>,
    pub housing: Option<HousingFigures>,
    pub social_security: Option<SocialFigures>,
    pub ecology: Option<EcologyFigures>,
    pub infrastructure: Option<InfrastructureFigures>,
    pub pairing: Option<PairingFigures>,
    /// 问题整改: the year's inspections and their problems as recorded by `as_of` (today when
    /// absent).
    pub oversight: Option<OversightFigures>,
    /// 防返贫监测: the year's warnings by rule and village as they stood on `as_of` (today when
    /// absent).
    pub warnings: Option<WarningStats>,
    pub left_out: Vec<LeftOut>,
}
