//! Typed ids: a `UserId` cannot be passed where an `OrgUnitId` is meant.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "openapi", schema(value_type = i64))]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type! {
    /// An org unit (district, township or village).
    OrgUnitId,
    /// A user account.
    UserId,
    /// One entry of the audit trail.
    AuditEventId,
    /// A registered household (建档立卡户).
    HouseholdId,
    /// A household member.
    MemberId,
    /// An entry, exit or removal application.
    ApplicationId,
    /// A fund batch (资金批次).
    FundBatchId,
    /// A poverty-alleviation project (扶贫项目).
    ProjectId,
    /// One payment out of a project's budget.
    ExpenditureId,
    /// An entry of a year's industry subsidy menu (菜单式).
    SubsidyMenuItemId,
    /// An industry subsidy paid to a household.
    IndustrySubsidyId,
    /// A business entity (新型经营主体).
    BusinessEntityId,
    /// A photovoltaic station (光伏电站).
    PvStationId,
    /// A payment to a household from a village's PV income (公益岗位工资, 奖补, 分红).
    PvDistributionId,
    /// A photovoltaic station's income of a year.
    PvIncomeId,
    /// A health claim (住院 / 门诊 / 慢病门诊 settlement).
    HealthClaimId,
    /// A family-doctor signing (家庭医生签约).
    DoctorSigningId,
}

id_type! {
    /// Aid paid to a member at school (学生资助).
    StudentAidId,
    /// A member's job (就业).
    EmploymentId,
    /// A recognised employment base (就业扶贫基地).
    EmploymentBaseId,
    /// A course a member attended (技能培训).
    TrainingId,
    /// A migrant worker's transport subsidy of a year (交通补助).
    TransportSubsidyId,
    /// The insurance premium subsidised for a person in a year (参保资助).
    PremiumSubsidyId,
    /// A partner enterprise (多企帮多村).
    EnterpriseId,
    /// An enterprise's pairing with villages and households (结对).
    PairingId,
    /// One entry of an enterprise's assistance to its pairing.
    AssistanceLogId,
    /// A gift to a campaign such as Poverty Alleviation Day (10.17 扶贫日).
    DonationId,
    /// A cadre (帮扶责任人).
    CadreId,
    /// A cadre's pairing with a household.
    CadrePairingId,
    /// A visit of a cadre to a household.
    VisitId,
    /// One item of a household's assistance plan for a year (到户帮扶计划).
    AssistancePlanId,
    /// A village's resident work team (驻村工作队).
    WorkTeamId,
    /// A cadre's membership of a work team.
    TeamMemberId,
    /// A member's day at the post (在岗).
    AttendanceId,
    /// A member's leave request (请销假).
    LeaveRequestId,
    /// A dated entry of a work team's log (工作日志).
    TeamLogId,
}
