//! `Page`: every client-side path, its link and who may open it. Pages link with
//! `Page::Household(id).href()`; no path is spelled anywhere else but the router in `lib.rs`.

use jingzhun_shared::{
    ApplicationStage, Capability, FundBatchId, HouseholdId, MemberId, OrgUnitId, ProjectId, PvStationId, Role,
};
use leptos::prelude::Read;
use leptos_router::hooks::use_params_map;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Login,
    Home,
    OrgUnits,
    Users,
    Audit,
    Password,
    Households,
    NewHousehold,
    ImportHouseholds,
    Household(HouseholdId),
    Applications,
    Funds,
    Batch(FundBatchId),
    Project(ProjectId),
    Projects,
    Village(OrgUnitId),
    PvStations,
    PvStation(PvStationId),
    Education,
    Employment,
    Housing,
    SocialSecurity,
    Ecology,
    Loans,
    Loan(i64),
    NewLoan(HouseholdId),
    ImportLoans,
    SubsidyBatches,
    Health,
    HealthSignings,
    HealthPerson(MemberId),
    HealthImport,
    HealthPremiums,
    Pairing,
    Donations,
    Visits,
    AnnualReport,
    WorkTeams,
    Rectification,
    Problem(i64),
    Warnings,
}

impl Page {
    /// The pages the side navigation offers, in its order.
    pub const NAV: [Page; 14] = [
        Page::Home,
        Page::Households,
        Page::Applications,
        Page::Funds,
        Page::Education,
        Page::Loans,
        Page::Health,
        Page::Pairing,
        Page::Visits,
        Page::Warnings,
        Page::Rectification,
        Page::OrgUnits,
        Page::Users,
        Page::Audit,
    ];

    pub fn href(self) -> String {
        match self {
            Page::Login => "/login".to_owned(),
            Page::Home => "/".to_owned(),
            Page::OrgUnits => "/org-units".to_owned(),
            Page::Users => "/users".to_owned(),
            Page::Audit => "/audit".to_owned(),
            Page::Password => "/password".to_owned(),
            Page::Households => "/households".to_owned(),
            Page::NewHousehold => "/households/new".to_owned(),
            Page::ImportHouseholds => "/households/import".to_owned(),
            Page::Household(id) => format!("/households/{id}"),
            Page::Applications => "/applications".to_owned(),
            Page::Funds => "/funds".to_owned(),
            Page::Batch(id) => format!("/funds/batches/{id}"),
            Page::Project(id) => format!("/funds/projects/{id}"),
            Page::Projects => "/funds/projects".to_owned(),
            Page::Village(id) => format!("/villages/{id}"),
            Page::PvStations => "/industry/pv-stations".to_owned(),
            Page::PvStation(id) => format!("/industry/pv-stations/{id}"),
            Page::Education => "/education".to_owned(),
            Page::Employment => "/employment".to_owned(),
            Page::Housing => "/housing".to_owned(),
            Page::SocialSecurity => "/social-security".to_owned(),
            Page::Ecology => "/ecology".to_owned(),
            Page::Loans => "/credit/loans".to_owned(),
            Page::Loan(id) => format!("/credit/loans/{id}"),
            Page::NewLoan(household) => format!("/credit/loans/new/{household}"),
            Page::ImportLoans => "/credit/loans/import".to_owned(),
            Page::SubsidyBatches => "/credit/subsidy-batches".to_owned(),
            Page::Health => "/health".to_owned(),
            Page::HealthSignings => "/health/signings".to_owned(),
            Page::HealthPerson(id) => format!("/health/members/{id}"),
            Page::HealthImport => "/health/import".to_owned(),
            Page::HealthPremiums => "/health/premiums".to_owned(),
            Page::Pairing => "/pairing".to_owned(),
            Page::Donations => "/pairing/donations".to_owned(),
            Page::Visits => "/visits".to_owned(),
            Page::AnnualReport => "/reports/annual".to_owned(),
            Page::WorkTeams => "/work-teams".to_owned(),
            Page::Rectification => "/rectification".to_owned(),
            Page::Problem(id) => format!("/rectification/problems/{id}"),
            Page::Warnings => "/warnings".to_owned(),
        }
    }

    /// The navigation's name for the page, (中文, English).
    pub fn title(self) -> (&'static str, &'static str) {
        match self {
            Page::Login => ("登录", "Log in"),
            Page::Home => ("首页", "Home"),
            Page::OrgUnits | Page::Village(_) => ("行政区划", "Org units"),
            Page::Users => ("用户管理", "Users"),
            Page::Audit => ("操作日志", "Audit trail"),
            Page::Password => ("修改密码", "Change password"),
            Page::Households | Page::Household(_) => ("农户", "Households"),
            Page::NewHousehold => ("新增农户", "Add household"),
            Page::ImportHouseholds => ("批量导入", "Import"),
            Page::Applications => ("待办申请", "Applications"),
            Page::Funds | Page::Batch(_) | Page::Project(_) | Page::Projects => ("资金项目", "Funds"),
            Page::PvStations | Page::PvStation(_) => ("光伏电站", "PV stations"),
            // One entry for the ten projects' pages, which link to each other.
            Page::Education | Page::Employment | Page::Housing | Page::SocialSecurity | Page::Ecology => {
                ("十大工程", "Ten projects")
            }
            Page::Loans | Page::Loan(_) | Page::NewLoan(_) | Page::ImportLoans | Page::SubsidyBatches => {
                ("小额信贷", "Microcredit")
            }
            Page::Health | Page::HealthSignings | Page::HealthPerson(_) | Page::HealthPremiums => {
                ("健康扶贫", "Health")
            }
            Page::HealthImport => ("导入结算单", "Import settlements"),
            Page::Pairing | Page::Donations => ("社会帮扶", "Enterprise pairing"),
            Page::Visits => ("走访帮扶", "Visits"),
            Page::AnnualReport => ("年度报告", "Annual report"),
            Page::WorkTeams => ("驻村工作队", "Work teams"),
            Page::Rectification | Page::Problem(_) => ("问题整改", "Rectification"),
            Page::Warnings => ("返贫预警", "Warnings"),
        }
    }

    /// Whether `role` may use the page, by the same `Role::can` the server checks.
    pub fn allowed(self, role: Role) -> bool {
        match self {
            Page::Users => role.can(Capability::ManageUsers),
            Page::Audit => role.can(Capability::ReadAudit),
            Page::NewHousehold | Page::ImportHouseholds => role.can(Capability::EditRegistry),
            Page::Funds
            | Page::Batch(_)
            | Page::Project(_)
            | Page::Projects
            | Page::PvStations
            | Page::PvStation(_) => role.can(Capability::ReadFunds),
            Page::Households
            | Page::Village(_)
            | Page::Education
            | Page::Employment
            | Page::Housing
            | Page::SocialSecurity
            | Page::Ecology => role.can(Capability::ReadRegistry),
            // A cadre opens the card of its own households (the server answers 404 for others).
            Page::Household(_) => role.can(Capability::ReadRegistry) || role == Role::Cadre,
            Page::Loans | Page::Loan(_) | Page::SubsidyBatches => role.can(Capability::ReadFunds),
            Page::NewLoan(_) | Page::ImportLoans => role.can(Capability::EditFunds),
            Page::Applications => acts_on_applications(role),
            Page::Health => role.can(Capability::ReadHealthFigures),
            Page::HealthSignings | Page::HealthPerson(_) | Page::HealthPremiums => role.can(Capability::ReadHealth),
            Page::HealthImport => role.can(Capability::EditHealth),
            Page::Pairing | Page::Donations => role.can(Capability::ReadPairing),
            Page::Visits | Page::WorkTeams => role.can(Capability::ReadCadres),
            Page::Rectification | Page::Problem(_) => role.can(Capability::ReadRectification),
            Page::Warnings => role.can(Capability::ReadWarnings),
            Page::Login | Page::Home | Page::OrgUnits | Page::Password | Page::AnnualReport => true,
        }
    }
}

/// Whether some stage of an application waits for `role` (shared's
/// `ApplicationStage::handled_by`, the server's rule too).
fn acts_on_applications(role: Role) -> bool {
    ApplicationStage::ALL.iter().any(|s| s.handled_by(role))
}

/// The route's `:id` as a typed id, `None` when it is not a number.
pub fn route_id<Id>(make: fn(i64) -> Id) -> impl Fn() -> Option<Id> + Copy + Send + Sync + 'static
where
    Id: 'static,
{
    let params = use_params_map();
    move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).map(make)
}
