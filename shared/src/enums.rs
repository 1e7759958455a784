//! Enumerations of the domain, spelled on the wire and in the database as snake_case words.

#[cfg(feature = "db")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// Declares a string enum with its wire spelling, stored as that same string in the database.
macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
        #[cfg_attr(feature = "db", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
        pub enum $name {
            $($(#[$vdoc])* #[cfg_attr(feature = "db", sea_orm(string_value = $text))] $variant,)*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The wire and database spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)*
                    other => Err(format!("未知的取值 “{other}”")),
                }
            }
        }
    };
}

string_enum! {
    /// What a user may do; see DESIGN.md "Who uses it".
    Role {
        /// District office system admin: everything, users, org units.
        Admin = "admin",
        /// 扶贫办 / bureau staff: whole district.
        DistrictOfficial = "district_official",
        /// 乡镇扶贫工作站: own township.
        TownshipOfficial = "township_official",
        /// 村扶贫专干: own village, on a phone.
        VillageClerk = "village_clerk",
        /// 卫健/医保 staff: health records of the district.
        HealthOfficer = "health_officer",
        /// Partner enterprise (多企帮多村): its own pairings.
        Enterprise = "enterprise",
        /// Inspection / third-party assessment: read-only.
        Auditor = "auditor",
    }
}

impl Role {
    /// Whether the role may read full ID-card numbers and health data.
    pub fn sees_personal_data(self) -> bool {
        !matches!(self, Role::Enterprise | Role::Auditor)
    }

    /// Whether the role may change anything at all.
    pub fn writes(self) -> bool {
        !matches!(self, Role::Auditor)
    }
}

string_enum! {
    /// The level of an org unit in the tree district → township → village.
    OrgLevel {
        /// 区.
        District = "district",
        /// 乡镇.
        Township = "township",
        /// 村.
        Village = "village",
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
    fn roles_round_trip_through_their_wire_spelling() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(*role));
            assert_eq!(serde_json::to_value(role).ok(), Some(serde_json::json!(role.as_str())));
        }
        assert!("root".parse::<Role>().is_err());
    }
}

string_enum! {
    /// 户类别.
    HouseholdCategory {
        /// 低保户.
        Dibao = "dibao",
        /// 五保户.
        Wubao = "wubao",
        /// 一般贫困户.
        General = "general",
    }
}

string_enum! {
    /// Where a household stands in the registry.
    HouseholdStatus {
        /// 待识别: proposed by an entry application not yet announced.
        Pending = "pending",
        /// 未脱贫.
        Registered = "registered",
        /// 已脱贫 (with the exit year).
        Exited = "exited",
        /// 清退 (with the reason).
        Removed = "removed",
    }
}

string_enum! {
    /// 致贫原因; a household may have several.
    PovertyCause {
        /// 因病.
        Illness = "illness",
        /// 因残.
        Disability = "disability",
        /// 因学.
        Education = "education",
        /// 因灾.
        Disaster = "disaster",
        /// 缺土地.
        LackOfLand = "lack_of_land",
        /// 缺水.
        LackOfWater = "lack_of_water",
        /// 缺技术.
        LackOfSkills = "lack_of_skills",
        /// 缺劳力.
        LackOfLabour = "lack_of_labour",
        /// 缺资金.
        LackOfFunds = "lack_of_funds",
        /// 交通条件落后.
        PoorTransport = "poor_transport",
        /// 自身发展动力不足.
        LackOfDrive = "lack_of_drive",
    }
}

string_enum! {
    /// 与户主关系.
    Relation {
        Head = "head",
        Spouse = "spouse",
        Child = "child",
        Parent = "parent",
        Grandchild = "grandchild",
        Sibling = "sibling",
        Other = "other",
    }
}

string_enum! {
    /// 健康状况.
    HealthStatus {
        Healthy = "healthy",
        /// 长期慢性病.
        Chronic = "chronic",
        /// 大病.
        SeriousIllness = "serious_illness",
        /// 残疾.
        Disabled = "disabled",
    }
}

string_enum! {
    /// 劳动能力.
    Labour {
        /// 普通劳动力.
        Full = "full",
        /// 弱劳动力或半劳动力.
        Weak = "weak",
        /// 丧失劳动力.
        Lost = "lost",
        /// 无劳动力 (children, students).
        NoCapacity = "none",
    }
}

string_enum! {
    /// What an application asks for.
    ApplicationKind {
        /// 识别: enter the registry.
        Entry = "entry",
        /// 退出: leave it, poverty overcome.
        Exit = "exit",
        /// 清退: remove a wrongly registered household.
        Removal = "removal",
    }
}

string_enum! {
    /// "两公示一比对一公告": the stages an application passes, in order.
    ApplicationStage {
        /// 申请.
        Applied = "applied",
        /// 村民评议.
        VillageAssessed = "village_assessed",
        /// 村级公示 (≥ 7 days).
        VillageNotice = "village_notice",
        /// 乡镇审核.
        TownshipReviewed = "township_reviewed",
        /// 乡镇公示 (≥ 7 days).
        TownshipNotice = "township_notice",
        /// 区级比对.
        DistrictCompared = "district_compared",
        /// 区级公告: the household's status changes.
        DistrictAnnounced = "district_announced",
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

    /// The role that moves an application on from this stage (or rejects it here).
    pub fn actor(self) -> Role {
        match self {
            ApplicationStage::Applied | ApplicationStage::VillageAssessed => Role::VillageClerk,
            ApplicationStage::VillageNotice | ApplicationStage::TownshipReviewed => Role::TownshipOfficial,
            ApplicationStage::TownshipNotice
            | ApplicationStage::DistrictCompared
            | ApplicationStage::DistrictAnnounced => Role::DistrictOfficial,
        }
    }
}

/// Days a notice (公示) must stand before the next stage.
pub const NOTICE_DAYS: i64 = 7;

string_enum! {
    /// Where an application stands overall.
    ApplicationStatus {
        InProgress = "in_progress",
        Approved = "approved",
        Rejected = "rejected",
    }
}

string_enum! {
    /// Sex as the ID card encodes it.
    Sex {
        Male = "male",
        Female = "female",
    }
}

string_enum! {
    /// Where a fund batch's money comes from.
    FundSource {
        /// 中央财政
        Central = "central",
        /// 省级财政
        Provincial = "provincial",
        /// 市级财政
        Municipal = "municipal",
        /// 区级财政
        District = "district",
    }
}

string_enum! {
    /// What a project builds (扶贫项目类别).
    ProjectKind {
        /// 产业
        Industry = "industry",
        /// 基础设施
        Infrastructure = "infrastructure",
        /// 就业
        Employment = "employment",
        /// 教育
        Education = "education",
        /// 健康
        Health = "health",
        /// 住房
        Housing = "housing",
        /// 生态
        Ecology = "ecology",
        /// 其他
        Other = "other",
    }
}

string_enum! {
    /// A project's progress; it only moves forward, one step at a time.
    ProjectStatus {
        /// 计划
        Planned = "planned",
        /// 已开工
        Started = "started",
        /// 已竣工
        Completed = "completed",
        /// 已验收
        Accepted = "accepted",
    }
}

impl ProjectStatus {
    /// The status after this one, `None` after acceptance.
    pub fn next(self) -> Option<ProjectStatus> {
        match self {
            ProjectStatus::Planned => Some(ProjectStatus::Started),
            ProjectStatus::Started => Some(ProjectStatus::Completed),
            ProjectStatus::Completed => Some(ProjectStatus::Accepted),
            ProjectStatus::Accepted => None,
        }
    }

    /// Whether work has begun (counts for the start rate).
    pub fn is_started(self) -> bool {
        self != ProjectStatus::Planned
    }

    /// Whether work is finished (counts for the completion rate).
    pub fn is_completed(self) -> bool {
        matches!(self, ProjectStatus::Completed | ProjectStatus::Accepted)
    }
}

string_enum! {
    /// 新型经营主体 kinds.
    BusinessEntityKind {
        /// 农民专业合作社
        Cooperative = "cooperative",
        /// 龙头企业
        LeadingEnterprise = "leading_enterprise",
        /// 家庭农场
        FamilyFarm = "family_farm",
    }
}
