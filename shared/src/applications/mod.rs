//! Entry, exit and removal applications through "两公示一比对一公告".

mod api;
mod parse;

pub use api::ROUTES;
mod wire;

pub use wire::*;

use crate::Role;
use crate::string_enum::string_enum;

string_enum! {
    /// What an application asks for.
    ApplicationKind {
        /// Enter the registry.
        Entry = "entry" ("识别", "Entry"),
        /// Leave it, poverty overcome.
        Exit = "exit" ("退出", "Exit"),
        /// Remove a wrongly registered household.
        Removal = "removal" ("清退", "Removal"),
        /// An exited household falls back into poverty (返贫) and is registered again.
        Return = "return" ("返贫", "Return"),
    }
}

string_enum! {
    /// "两公示一比对一公告": the stages an application passes, in order (本人申请 → 村民评议 →
    /// 区级比对 → 村民代表评议并公示 → 乡镇审查 → 乡镇公示 → 区级审核公告). The comparison comes
    /// before anyone is named in public.
    ApplicationStage {
        Applied = "applied" ("申请", "Applied"),
        VillageAssessed = "village_assessed" ("村民评议", "Village assessed"),
        /// Reached with a [`Comparison`] that passed; a failed one rejects the application.
        DistrictCompared = "district_compared" ("区级比对", "District compared"),
        /// Stands at least [`NOTICE_DAYS`] days; an exit needs its [`ExitVerification`] first.
        VillageNotice = "village_notice" ("村级公示", "Village notice"),
        TownshipReviewed = "township_reviewed" ("乡镇审查", "Township reviewed"),
        /// Stands at least [`NOTICE_DAYS`] days.
        TownshipNotice = "township_notice" ("乡镇公示", "Township notice"),
        /// The household's status changes.
        DistrictAnnounced = "district_announced" ("区级公告", "Announced"),
    }
}

impl ApplicationStage {
    /// The stage after this one, `None` once announced.
    pub fn next(self) -> Option<ApplicationStage> {
        let all = ApplicationStage::ALL;
        all.iter().position(|s| *s == self).and_then(|i| all.get(i + 1)).copied()
    }

    /// Whether this stage is a public notice that must stand for [`NOTICE_DAYS`] days.
    pub fn is_notice(self) -> bool {
        matches!(self, ApplicationStage::VillageNotice | ApplicationStage::TownshipNotice)
    }

    /// Whether `role` may move an application on from this stage (or reject it here): the
    /// stage's own role, or the admin.
    pub fn handled_by(self, role: Role) -> bool {
        role == Role::Admin || role == self.actor()
    }

    /// The role that moves an application on from this stage (or rejects it here): the village
    /// records the assessment and posts its notice, the district compares, the township reviews
    /// and posts its notice, the district announces.
    pub fn actor(self) -> Role {
        match self {
            ApplicationStage::Applied | ApplicationStage::DistrictCompared => Role::VillageClerk,
            ApplicationStage::VillageAssessed
            | ApplicationStage::TownshipNotice
            | ApplicationStage::DistrictAnnounced => Role::DistrictOfficial,
            ApplicationStage::VillageNotice | ApplicationStage::TownshipReviewed => Role::TownshipOfficial,
        }
    }
}

string_enum! {
    /// What the district compares an applicant household against (区级比对).
    ComparisonSource {
        HouseholdRegister = "household_register" ("公安户籍", "Household register"),
        Vehicles = "vehicles" ("车辆", "Vehicles"),
        Property = "property" ("房产", "Property"),
        BusinessRegistration = "business_registration" ("工商注册", "Business registration"),
        PublicPayroll = "public_payroll" ("财政供养", "Public payroll"),
    }
}

/// Days a notice (公示) must stand before the next stage.
pub const NOTICE_DAYS: i64 = 7;

string_enum! {
    /// Where an application stands overall.
    ApplicationStatus {
        InProgress = "in_progress" ("办理中", "In progress"),
        Approved = "approved" ("已通过", "Approved"),
        Rejected = "rejected" ("已驳回", "Rejected"),
    }
}
