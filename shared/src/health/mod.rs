//! Health poverty alleviation (健康脱贫): claims settled "one stop" at discharge with the "351"
//! fallback (财政兜底) and the "180" supplement for chronic outpatients, the year's settings
//! those rules read, family-doctor signings (家庭医生签约) and premium subsidies.

mod api;
mod engine;
mod explain;
mod premium;
mod wire;

pub use api::ROUTES;
pub use engine::{ClaimFigures, ClaimLayers, HealthRules, Settled, SettledClaim, settle_year, settlement_order};
pub use explain::explain;
pub use premium::*;
pub use wire::*;

use crate::string_enum::string_enum;

string_enum! {
    /// What a claim pays for.
    ClaimKind {
        Inpatient = "inpatient" ("住院", "Inpatient"),
        Outpatient = "outpatient" ("门诊", "Outpatient"),
        Chronic = "chronic" ("慢病门诊", "Chronic outpatient"),
    }
}

string_enum! {
    /// The level of the hospital a claim was treated at; the "351" cap follows the highest
    /// level a person used in the year. Declared from the lowest to the highest.
    HospitalLevel {
        Township = "township" ("乡镇卫生院", "Township"),
        County = "county" ("县级医院", "County"),
        City = "city" ("市级医院", "City"),
        Province = "province" ("省级医院", "Province"),
        OutOfProvince = "out_of_province" ("省外医院", "Out of province"),
    }
}

impl HospitalLevel {
    /// 0 for township up to 4 for out of province: a higher rank is a higher level.
    pub fn rank(self) -> usize {
        HospitalLevel::ALL.iter().position(|l| *l == self).unwrap_or(0)
    }
}

string_enum! {
    /// The insurance whose yearly premium the government pays part of for a poor person.
    InsuranceKind {
        ResidentMedical = "resident_medical" ("城乡居民医保", "Resident medical insurance"),
        Commercial = "commercial" ("补充商业保险", "Commercial supplementary insurance"),
    }
}
