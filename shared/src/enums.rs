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
