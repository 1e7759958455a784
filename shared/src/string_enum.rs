//! `string_enum!`: a closed set of values spelled as one snake_case word everywhere — on the
//! wire, in the database, in `as_str` and `FromStr` — each carrying its Chinese and English
//! label, so no page, ledger or message keeps a second table of names.

/// What every enum declared with [`string_enum!`] offers, for generic code such as a select
/// over every value or the test that every spelling agrees.
pub trait StringEnum: Copy + Eq + std::fmt::Debug + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];
    /// The wire and database spelling.
    fn as_str(self) -> &'static str;
    /// The Chinese label.
    fn zh(self) -> &'static str;
    /// The English label.
    fn en(self) -> &'static str;
    /// The value spelled `text` on the wire.
    fn from_wire(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == text)
    }
    /// The value whose Chinese label is `text` (spreadsheets are typed in Chinese).
    fn from_zh(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.zh() == text)
    }
}

/// Declares a string enum: `Variant = "wire" ("中文", "English")`. serde, `as_str`, `FromStr`
/// and the database all use the one spelling given here.
macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident {
        $($(#[$vdoc:meta])* $variant:ident = $text:literal ($zh:literal, $en:literal)),* $(,)?
    }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
        #[cfg_attr(feature = "db", sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)"))]
        pub enum $name {
            $($(#[$vdoc])*
            #[serde(rename = $text)]
            #[cfg_attr(feature = "db", sea_orm(string_value = $text))]
            $variant,)*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The wire and database spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }

            /// The Chinese label.
            pub fn zh(self) -> &'static str {
                match self { $($name::$variant => $zh,)* }
            }

            /// The English label.
            pub fn en(self) -> &'static str {
                match self { $($name::$variant => $en,)* }
            }
        }

        // Written by hand: the derive does not see a `serde(rename)` whose value comes from a
        // macro argument, and would describe the Rust names instead of the wire spellings.
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($text),*]))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}

        impl $crate::string_enum::StringEnum for $name {
            const ALL: &'static [Self] = $name::ALL;
            fn as_str(self) -> &'static str { $name::as_str(self) }
            fn zh(self) -> &'static str { $name::zh(self) }
            fn en(self) -> &'static str { $name::en(self) }
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

pub(crate) use string_enum;

#[cfg(test)]
mod tests {
    use super::StringEnum;
    use crate::*;

    /// serde's spelling, `as_str`, `FromStr` and (with the `db` feature) the database value
    /// agree for every value, and every value has both labels.
    fn spellings_agree<T>()
    where
        T: StringEnum + serde::Serialize + serde::de::DeserializeOwned + std::str::FromStr,
    {
        for value in T::ALL.iter().copied() {
            let wire = value.as_str();
            assert_eq!(
                serde_json::to_value(value).ok(),
                Some(serde_json::json!(wire)),
                "{value:?} serialises as {wire}"
            );
            assert_eq!(serde_json::from_value::<T>(serde_json::json!(wire)).ok(), Some(value), "{wire} deserialises");
            assert_eq!(wire.parse::<T>().ok(), Some(value), "{wire} parses");
            assert_eq!(T::from_wire(wire), Some(value));
            assert!(!value.zh().is_empty() && !value.en().is_empty(), "{value:?} has labels");
            assert_eq!(T::from_zh(value.zh()), Some(value), "{value:?}'s Chinese label is unique");
        }
        assert!(serde_json::from_value::<T>(serde_json::json!("no_such_value")).is_err());
    }

    #[cfg(feature = "db")]
    fn database_agrees<T: StringEnum + sea_orm::ActiveEnum<Value = String>>() {
        for value in T::ALL.iter().copied() {
            assert_eq!(value.to_value(), value.as_str(), "{value:?} is stored as its wire spelling");
            assert_eq!(T::try_from_value(&value.as_str().to_owned()).ok(), Some(value));
        }
    }

    macro_rules! every_enum {
        ($($t:ty),* $(,)?) => {
            $(spellings_agree::<$t>();)*
            #[cfg(feature = "db")]
            { $(database_agrees::<$t>();)* }
        };
    }

    #[test]
    fn every_enum_is_spelled_the_same_on_the_wire_in_rust_and_in_the_database() {
        every_enum!(
            Role,
            OrgLevel,
            HouseholdCategory,
            HouseholdStatus,
            PovertyCause,
            Relation,
            HealthStatus,
            Labour,
            Sex,
            ApplicationKind,
            ApplicationStage,
            ApplicationStatus,
            FundSource,
            ProjectKind,
            ProjectStatus,
            BusinessEntityKind,
            PvDistributionKind,
            Capability,
            villages::CheckKind,
            villages::ExitCriterion,
            crate::registry::JoinReason,
            crate::registry::LeaveReason,
            crate::education::SchoolStage,
            crate::education::AidProgramme,
            crate::education::Term,
            crate::employment::EmploymentKind,
            crate::employment::BaseKind,
            crate::attachments::RecordType,
            crate::attachments::AttachmentKind,
        );
    }

    #[test]
    fn labour_none_is_spelled_none_on_the_wire() {
        assert_eq!(serde_json::to_value(Labour::NoCapacity).ok(), Some(serde_json::json!("none")));
        assert_eq!(serde_json::from_value::<Labour>(serde_json::json!("none")).ok(), Some(Labour::NoCapacity));
    }
}
