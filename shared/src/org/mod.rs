//! Org units, accounts, roles and what each role may do, login and the audit trail.

mod after_login;
mod api;
mod parse;

pub use after_login::{LOGIN_PATH, after_login};
pub use api::ROUTES;
mod wire;

pub use parse::*;
pub use wire::*;

use crate::string_enum::string_enum;

string_enum! {
    /// Who a user is; see DESIGN.md "Who uses it". What a role may do is [`Role::can`].
    Role {
        /// District office system admin: everything, users, org units.
        Admin = "admin" ("系统管理员", "System admin"),
        /// 扶贫办 / bureau staff: whole district.
        DistrictOfficial = "district_official" ("区扶贫办", "District office"),
        /// 乡镇扶贫工作站: own township.
        TownshipOfficial = "township_official" ("乡镇扶贫工作站", "Township station"),
        /// 村扶贫专干: own village, on a phone.
        VillageClerk = "village_clerk" ("村扶贫专干", "Village clerk"),
        /// 卫健/医保 staff: health records of the district.
        HealthOfficer = "health_officer" ("卫健医保", "Health officer"),
        /// Partner enterprise (多企帮多村): its own pairings.
        Enterprise = "enterprise" ("帮扶企业", "Partner enterprise"),
        /// Inspection / third-party assessment: read-only.
        Auditor = "auditor" ("检查评估", "Auditor"),
        /// 帮扶责任人, a district unit's cadre: its paired households, their visits.
        Cadre = "cadre" ("帮扶责任人", "Cadre"),
    }
}

string_enum! {
    /// Something a role may or may not do. The server's checks and the pages' show/hide both
    /// ask [`Role::can`], so the two cannot disagree.
    Capability {
        /// Create and rename org units.
        ManageOrgUnits = "manage_org_units" ("管理行政区划", "Manage org units"),
        /// Create, disable and enable accounts.
        ManageUsers = "manage_users" ("管理用户", "Manage users"),
        /// Read the audit trail.
        ReadAudit = "read_audit" ("查看操作日志", "Read the audit trail"),
        /// Read households, members, income and applications at all (masked without
        /// [`Capability::ReadPersonalData`]).
        ReadRegistry = "read_registry" ("查看农户信息", "Read the registry"),
        /// Read full ID-card numbers, birth dates, sex, health, phones and GPS points (reads are
        /// audited).
        ReadPersonalData = "read_personal_data" ("查看个人信息", "Read personal data"),
        /// Download the registry with full personal data (audited, one event per export).
        ExportRegistry = "export_registry" ("导出农户信息", "Export the registry"),
        /// File households, members, income and industry subsidies; import the registry.
        EditRegistry = "edit_registry" ("维护农户信息", "Edit the registry"),
        /// Register households directly, without an entry application: the district's initial
        /// load from the national system (国家系统初始导入), by form or import.
        InitialLoad = "initial_load" ("初始导入已识别户", "Initial load"),
        /// Set the year's poverty line.
        SetPovertyLine = "set_poverty_line" ("设置贫困线", "Set the poverty line"),
        /// Put a household under monitoring (防返贫监测) and clear it.
        MonitorHouseholds = "monitor_households" ("防返贫监测", "Monitor households"),
        /// File an entry, exit or removal application.
        FileApplication = "file_application" ("提交申请", "File an application"),
        /// Read fund batches, projects and the industry records.
        ReadFunds = "read_funds" ("查看资金项目", "Read funds"),
        /// Create and change batches, projects, payments, the subsidy menu and industry records.
        EditFunds = "edit_funds" ("管理资金项目", "Edit funds"),
        /// Edit village profiles, exit thresholds and checks; announce a village's exit.
        EditVillages = "edit_villages" ("维护村情与出列", "Edit villages"),
        /// File a village's exit and record its notice.
        FileVillageExit = "file_village_exit" ("申报村出列", "File a village exit"),
        /// Read health claims in detail: hospitals, kinds, amounts, explanations, history.
        ReadHealth = "read_health" ("查看健康扶贫明细", "Read health claims"),
        /// Enter and correct health claims and family-doctor signings; set the year's health
        /// settings; import settlements.
        EditHealth = "edit_health" ("维护健康扶贫", "Edit health records"),
        /// See that a member has health claims and the year's totals, never hospitals or kinds.
        ReadHealthTotals = "read_health_totals" ("查看健康扶贫合计", "Read health totals"),
        /// Read the health figures (aggregates, no person named).
        ReadHealthFigures = "read_health_figures" ("查看健康扶贫统计", "Read health figures"),
        /// Read enterprises, pairings, assistance logs, donations and their figures (an
        /// enterprise account its own enterprise's only).
        ReadPairing = "read_pairing" ("查看社会帮扶", "Read pairing assistance"),
        /// Register enterprises and donations, pair enterprises with villages and households,
        /// confirm assistance logs.
        ManagePairing = "manage_pairing" ("管理社会帮扶", "Manage pairing assistance"),
        /// Log assistance to a pairing and add its photos.
        LogAssistance = "log_assistance" ("登记帮扶活动", "Log assistance"),
        /// Read cadres, their pairings with households, visits and visit coverage (a cadre its
        /// own).
        ReadCadres = "read_cadres" ("查看干部帮扶", "Read cadre pairing"),
        /// Register cadres and pair them with households.
        ManageCadres = "manage_cadres" ("管理干部帮扶", "Manage cadre pairing"),
        /// Record a visit to a household (the cadre, or the village clerk for them).
        RecordVisit = "record_visit" ("登记走访", "Record a visit"),
        /// See where a visit was recorded (its GPS point): the officials who check visits.
        ReadVisitLocation = "read_visit_location" ("查看走访定位", "Read visit locations"),
        /// Draw up a household's assistance plan, mark its items done, delete an item not done
        /// (a cadre for its households, others in their subtree).
        PlanAssistance = "plan_assistance" ("制定帮扶计划", "Plan assistance"),
        /// Mark a work team member's day at the post, ask for leave, write the team log (a
        /// cadre for itself, others for the teams of their subtree).
        RecordAttendance = "record_attendance" ("驻村考勤", "Record attendance"),
        /// Approve or refuse a work team member's leave request.
        ApproveLeave = "approve_leave" ("审批请假", "Approve leave"),
        /// Read inspections, problems, their measures and history, accountability records and
        /// the rectification figures (a township or village its subtree's problems).
        ReadRectification = "read_rectification" ("查看问题整改", "Read rectification"),
        /// Add measures to problems of one's units, mark them done and submit the problem.
        RectifyProblems = "rectify_problems" ("落实整改", "Rectify problems"),
        /// Register inspections, problems and accountability; close (销号) and reopen problems.
        ManageRectification = "manage_rectification" ("审核整改销号", "Manage rectification"),
        /// Upload files (notice photos, acknowledgements, vouchers, announcements, evidence) to
        /// the records one may write; which records is the record's own right.
        AttachFiles = "attach_files" ("上传档案材料", "Attach files"),
        /// Remove a file someone else uploaded (anyone may remove their own, while they still
        /// write its record); never a closed problem's evidence.
        RemoveAnyFile = "remove_any_file" ("删除他人上传的材料", "Remove others' files"),
        /// Read the return-to-poverty warnings of one's subtree with their figures (a medical
        /// cost among them), the disaster reports and the warning settings; a cadre those of
        /// the households it is responsible for, without the figures (the masking gate).
        ReadWarnings = "read_warnings" ("查看返贫预警", "Read warnings"),
        /// Check a warning on a visit (clear it or put the household under monitoring) and
        /// enter a disaster report; a cadre checks its own households' warnings on its visits.
        CheckWarnings = "check_warnings" ("核查返贫预警", "Check warnings"),
        /// Run the rules over the district and set the year's warning settings.
        RunWarnings = "run_warnings" ("运行返贫预警", "Run warnings"),
    }
}

impl Role {
    /// Whether this role may do `capability`; the one table of permissions.
    pub fn can(self, capability: Capability) -> bool {
        use Capability::*;
        use Role::*;
        match capability {
            ManageOrgUnits | ManageUsers => self == Admin,
            ReadAudit => matches!(self, Admin | Auditor),
            ReadRegistry => !matches!(self, Enterprise | Cadre),
            ReadPersonalData => !matches!(self, Enterprise | Auditor | Cadre),
            EditRegistry | ExportRegistry => matches!(self, Admin | DistrictOfficial | TownshipOfficial | VillageClerk),
            SetPovertyLine | EditFunds | InitialLoad | EditVillages => matches!(self, Admin | DistrictOfficial),
            MonitorHouseholds => matches!(self, Admin | DistrictOfficial | TownshipOfficial | VillageClerk),
            FileVillageExit => matches!(self, Admin | DistrictOfficial | TownshipOfficial),
            FileApplication => crate::ApplicationStage::Applied.handled_by(self),
            ReadHealth | EditHealth => matches!(self, Admin | DistrictOfficial | HealthOfficer),
            ReadHealthTotals => {
                matches!(self, Admin | DistrictOfficial | HealthOfficer | TownshipOfficial | VillageClerk)
            }
            ReadHealthFigures => !matches!(self, Enterprise | Cadre),
            ReadFunds => !matches!(self, Enterprise | Cadre),
            ReadPairing => !matches!(self, HealthOfficer | Cadre),
            ManagePairing => matches!(self, Admin | DistrictOfficial),
            LogAssistance => matches!(self, Admin | DistrictOfficial | Enterprise),
            ReadCadres => !matches!(self, Enterprise | HealthOfficer),
            ManageCadres => matches!(self, Admin | DistrictOfficial),
            RecordVisit | PlanAssistance | RecordAttendance => {
                matches!(self, Admin | DistrictOfficial | TownshipOfficial | VillageClerk | Cadre)
            }
            ReadVisitLocation => matches!(self, Admin | DistrictOfficial | TownshipOfficial),
            ApproveLeave => matches!(self, Admin | DistrictOfficial | TownshipOfficial),
            ReadRectification => matches!(self, Admin | DistrictOfficial | TownshipOfficial | VillageClerk | Auditor),
            RectifyProblems => matches!(self, Admin | DistrictOfficial | TownshipOfficial | VillageClerk),
            ManageRectification => matches!(self, Admin | DistrictOfficial),
            AttachFiles => matches!(self, Admin | DistrictOfficial | TownshipOfficial | VillageClerk),
            RemoveAnyFile => matches!(self, Admin | DistrictOfficial),
            ReadWarnings | CheckWarnings => {
                matches!(self, Admin | DistrictOfficial | TownshipOfficial | VillageClerk | Cadre)
            }
            RunWarnings => matches!(self, Admin | DistrictOfficial),
        }
    }

    /// The org level this role's users belong to: a clerk works for one village, a township
    /// official for one township, everybody else for the district.
    pub fn org_level(self) -> OrgLevel {
        match self {
            Role::VillageClerk => OrgLevel::Village,
            Role::TownshipOfficial => OrgLevel::Township,
            Role::Admin
            | Role::DistrictOfficial
            | Role::HealthOfficer
            | Role::Enterprise
            | Role::Auditor
            | Role::Cadre => OrgLevel::District,
        }
    }

    /// Whether the role may read full ID-card numbers and health data.
    pub fn sees_personal_data(self) -> bool {
        self.can(Capability::ReadPersonalData)
    }

    /// Whether the role may change anything at all.
    pub fn writes(self) -> bool {
        !matches!(self, Role::Auditor)
    }
}

string_enum! {
    /// The level of an org unit in the tree district → township → village.
    OrgLevel {
        District = "district" ("区", "District"),
        Township = "township" ("乡镇", "Township"),
        Village = "village" ("村", "Village"),
    }
}

impl OrgLevel {
    /// The level a child of this level has, `None` below villages.
    pub fn child(self) -> Option<OrgLevel> {
        match self {
            OrgLevel::District => Some(OrgLevel::Township),
            OrgLevel::Township => Some(OrgLevel::Village),
            OrgLevel::Village => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_admin_manages_accounts_and_the_auditor_writes_nothing() {
        for role in Role::ALL.iter().copied() {
            assert_eq!(role.can(Capability::ManageUsers), role == Role::Admin);
            if role == Role::Auditor {
                assert!(!role.can(Capability::EditRegistry) && !role.can(Capability::EditFunds));
            }
        }
        assert!(!Role::Enterprise.can(Capability::ReadPersonalData));
        assert!(!Role::Enterprise.can(Capability::ReadRegistry));
        assert!(Role::Auditor.can(Capability::ReadRegistry) && !Role::Auditor.can(Capability::ExportRegistry));
        // The export writes people whole without the masking layer: only readers of personal
        // data may export.
        for role in Role::ALL.iter().copied() {
            assert!(!role.can(Capability::ExportRegistry) || role.can(Capability::ReadPersonalData), "{role:?}");
        }
        assert!(Role::VillageClerk.can(Capability::EditRegistry));
    }
}
