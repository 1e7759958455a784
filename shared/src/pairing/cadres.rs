//! Cadre pairing (干部包户): cadres of the district units (区直单位), each paired with
//! households and visiting them every month (月走访) along the 16-item checklist
//! (到户帮扶清单); and the month's visit coverage.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::org::OrgUnitRef;
use crate::string_enum::string_enum;
use crate::{CadreId, CadrePairingId, HouseholdId, OrgUnitId, VisitId};

string_enum! {
    /// The 16 items of the household assistance checklist (到户帮扶清单) a visit ticks.
    VisitItem {
        PolicyPublicity = "policy_publicity" ("宣传扶贫政策", "Explained the policies"),
        IncomeCheck = "income_check" ("核算家庭收入", "Checked the income"),
        IndustryAid = "industry_aid" ("落实产业扶贫", "Industry support"),
        EmploymentAid = "employment_aid" ("落实就业扶贫", "Employment support"),
        Microcredit = "microcredit" ("落实小额信贷", "Microcredit"),
        EducationAid = "education_aid" ("落实教育资助", "Education aid"),
        HealthAid = "health_aid" ("落实健康扶贫", "Health support"),
        FamilyDoctor = "family_doctor" ("家庭医生签约", "Family doctor"),
        HousingSafety = "housing_safety" ("核查住房安全", "Housing safety"),
        DrinkingWater = "drinking_water" ("核查饮水安全", "Drinking water"),
        SocialSecurity = "social_security" ("落实低保五保", "Social assistance"),
        Insurance = "insurance" ("参加医保养老保险", "Insurance"),
        SkillsTraining = "skills_training" ("组织技能培训", "Skills training"),
        PublicWelfareJob = "public_welfare_job" ("安排公益岗位", "Public-welfare job"),
        LivingConditions = "living_conditions" ("改善人居环境", "Living conditions"),
        Handbook = "handbook" ("填写扶贫手册", "Filled in the handbook"),
    }
}

/// `POST /api/v1/cadres`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CadreInput {
    pub name: String,
    /// 区直单位, e.g. 区财政局.
    pub unit: String,
    #[serde(default)]
    pub phone: String,
}

/// A cadre; the phone only for readers with need ([`crate::privacy`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CadreDto {
    pub id: CadreId,
    pub name: String,
    pub unit: String,
    pub phone: Option<String>,
    /// Households paired now.
    pub households: u64,
}

/// `GET /api/v1/cadres` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct CadreQuery {
    /// Part of the name or the unit.
    pub q: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `POST /api/v1/cadre-pairings`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateCadrePairing {
    pub cadre_id: CadreId,
    pub household_id: HouseholdId,
    pub since: NaiveDate,
}

/// A cadre's household: the head's name and the village.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CadrePairingDto {
    pub id: CadrePairingId,
    pub cadre_id: CadreId,
    pub cadre_name: String,
    pub household_id: HouseholdId,
    pub head_name: String,
    pub village: OrgUnitRef,
    pub since: NaiveDate,
    /// The household's last visit.
    pub last_visit: Option<NaiveDate>,
}

/// `GET /api/v1/cadre-pairings` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct CadrePairingQuery {
    pub cadre_id: Option<CadreId>,
    pub household_id: Option<HouseholdId>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `POST /api/v1/visits`: by the cadre, or by the village clerk for the household's cadre.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateVisit {
    pub household_id: HouseholdId,
    /// The cadre visiting; the caller's own cadre when a cadre records it, else the
    /// household's cadre when absent.
    #[serde(default)]
    pub cadre_id: Option<CadreId>,
    pub date: NaiveDate,
    #[serde(default)]
    pub items: Vec<VisitItem>,
    /// What was done beyond the checklist.
    #[serde(default)]
    pub note: Option<String>,
    /// Problems found (发现问题).
    #[serde(default)]
    pub problems: Option<String>,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
}

/// A visit; the GPS point only for officials ([`crate::privacy`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitDto {
    pub id: VisitId,
    pub cadre_id: CadreId,
    pub cadre_name: String,
    pub household_id: HouseholdId,
    pub head_name: String,
    pub date: NaiveDate,
    pub items: Vec<VisitItem>,
    pub note: Option<String>,
    pub problems: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Who entered it.
    pub recorded_by: String,
}

/// `GET /api/v1/visits` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct VisitQuery {
    pub household_id: Option<HouseholdId>,
    pub cadre_id: Option<CadreId>,
    /// `YYYY-MM`.
    pub month: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `GET /api/v1/visits/coverage` parameters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct CoverageQuery {
    /// `YYYY-MM`; the caller's current month when absent.
    pub month: Option<String>,
    pub org_unit: Option<OrgUnitId>,
}

/// Households with a visit in the month over households paired.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coverage {
    pub paired: u64,
    pub visited: u64,
    /// visited ÷ paired in basis points (10000 when nobody is paired).
    pub rate_bp: i64,
}

impl Coverage {
    /// Coverage of `visited` out of `paired` households.
    pub fn of(paired: u64, visited: u64) -> Coverage {
        let rate_bp =
            (visited.min(paired) * 10_000).checked_div(paired).map_or(10_000, |bp| i64::try_from(bp).unwrap_or(10_000));
        Coverage { paired, visited, rate_bp }
    }
}

/// A line of the coverage table: a village, a unit or a cadre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoverageLine {
    pub name: String,
    pub coverage: Coverage,
}

/// A paired household without a visit in the month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotVisited {
    pub household_id: HouseholdId,
    pub head_name: String,
    pub village: OrgUnitRef,
    pub cadre_id: CadreId,
    pub cadre_name: String,
}

/// `GET /api/v1/visits/coverage`: the month's visit coverage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitCoverage {
    pub month: String,
    pub total: Coverage,
    pub per_village: Vec<CoverageLine>,
    pub per_unit: Vec<CoverageLine>,
    pub per_cadre: Vec<CoverageLine>,
    pub not_visited: Vec<NotVisited>,
}
