//! The household registry (建档立卡): households, members, income records, the overview, the
//! registry as a spreadsheet, and the year's poverty line.

mod api;
mod changes;
mod history;
mod parse;

pub use api::ROUTES;
mod wire;

pub use changes::*;
pub use history::*;
pub use parse::*;
pub use wire::*;

use crate::string_enum::string_enum;

string_enum! {
    /// 户类别.
    HouseholdCategory {
        Dibao = "dibao" ("低保户", "Dibao"),
        Wubao = "wubao" ("五保户", "Wubao"),
        General = "general" ("一般贫困户", "General"),
    }
}

string_enum! {
    /// Where a household stands in the registry.
    HouseholdStatus {
        /// Proposed by an entry application not yet announced.
        Pending = "pending" ("待识别", "Pending"),
        Registered = "registered" ("未脱贫", "Registered"),
        /// With the exit year.
        Exited = "exited" ("已脱贫", "Exited"),
        /// With the reason.
        Removed = "removed" ("已清退", "Removed"),
    }
}

string_enum! {
    /// 防返贫监测对象的类别.
    MonitoringKind {
        /// A household just above the line, at risk of falling into poverty.
        Marginal = "marginal" ("边缘户", "Marginal"),
        /// An exited household whose exit is not yet secure.
        Unstable = "unstable" ("脱贫不稳定户", "Unstable"),
    }
}

string_enum! {
    /// 致贫原因; a household may have several.
    PovertyCause {
        Illness = "illness" ("因病", "Illness"),
        Disability = "disability" ("因残", "Disability"),
        Education = "education" ("因学", "Schooling"),
        Disaster = "disaster" ("因灾", "Disaster"),
        LackOfLand = "lack_of_land" ("缺土地", "No land"),
        LackOfWater = "lack_of_water" ("缺水", "No water"),
        LackOfSkills = "lack_of_skills" ("缺技术", "No skills"),
        LackOfLabour = "lack_of_labour" ("缺劳力", "No labour"),
        LackOfFunds = "lack_of_funds" ("缺资金", "No funds"),
        PoorTransport = "poor_transport" ("交通条件落后", "Poor transport"),
        LackOfDrive = "lack_of_drive" ("自身发展动力不足", "Lack of drive"),
    }
}

string_enum! {
    /// 与户主关系.
    Relation {
        Head = "head" ("户主", "Head"),
        Spouse = "spouse" ("配偶", "Spouse"),
        Child = "child" ("子女", "Child"),
        Parent = "parent" ("父母", "Parent"),
        Grandchild = "grandchild" ("孙子女", "Grandchild"),
        Sibling = "sibling" ("兄弟姐妹", "Sibling"),
        Other = "other" ("其他", "Other"),
    }
}

string_enum! {
    /// 健康状况.
    HealthStatus {
        Healthy = "healthy" ("健康", "Healthy"),
        Chronic = "chronic" ("长期慢性病", "Chronic illness"),
        SeriousIllness = "serious_illness" ("大病", "Serious illness"),
        Disabled = "disabled" ("残疾", "Disabled"),
    }
}

string_enum! {
    /// 劳动能力.
    Labour {
        Full = "full" ("普通劳动力", "Full"),
        /// 弱劳动力或半劳动力.
        Weak = "weak" ("弱劳动力", "Weak"),
        Lost = "lost" ("丧失劳动力", "Lost"),
        /// Children and students; spelled `none` on the wire and in the database.
        NoCapacity = "none" ("无劳动力", "None"),
    }
}

string_enum! {
    /// Sex as the ID card encodes it.
    Sex {
        Male = "male" ("男", "Male"),
        Female = "female" ("女", "Female"),
    }
}
