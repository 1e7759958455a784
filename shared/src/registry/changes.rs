//! How the registry changes over time: a member joins (增员) or leaves (减员) with a reason and a
//! date, the period's changes by reason (动态调整), and a household's category changed by a
//! civil-affairs decision (低保 / 五保 认定) with its date, reason and document number.
//!
//! A member who left stays on file as history but no longer counts among the household's
//! people from the day they left.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::ValidMember;
use crate::error::Validator;
use crate::newtypes::DisplayName;
use crate::string_enum::string_enum;
use crate::text::{DOCUMENT_NO_MAX, NOTE_MAX, required};
use crate::{FieldErrors, HealthStatus, HouseholdCategory, IdCardNo, Labour, MemberId, OrgUnitId, Relation};

string_enum! {
    /// 增员原因: why a person joined a household.
    JoinReason {
        Birth = "birth" ("出生", "Birth"),
        MarriageIn = "marriage_in" ("婚入", "Marriage in"),
        MovedIn = "moved_in" ("迁入", "Moved in"),
        Other = "other" ("其他", "Other"),
    }
}

string_enum! {
    /// 减员原因: why a person left a household.
    LeaveReason {
        Death = "death" ("死亡", "Death"),
        MarriageOut = "marriage_out" ("婚出", "Marriage out"),
        Moved = "moved" ("迁出", "Moved out"),
        Army = "army" ("参军", "Joined the army"),
        School = "school" ("外出就学", "School elsewhere"),
        Other = "other" ("其他", "Other"),
    }
}

/// `PUT /api/v1/members/{id}`: a member's particulars, with the version read. The relation
/// stays `head` for the head and can become `head` for nobody else (the head changes when the
/// head leaves, [`LeaveMember::new_head_id`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateMember {
    pub name: String,
    pub id_card_no: String,
    pub relation: Relation,
    pub health: HealthStatus,
    pub labour: Labour,
    pub version: i32,
}

impl UpdateMember {
    /// Every field that can be checked here, each error under its field name; whether the
    /// relation may be `head` depends on the member, which the server knows.
    pub fn parse(&self) -> Result<ValidMember, FieldErrors> {
        let mut v = Validator::new();
        let name = v.check("name", DisplayName::parse(&self.name));
        let id_card_no = v.check("id_card_no", IdCardNo::parse(&self.id_card_no));
        v.finish_with(|| {
            Some(ValidMember {
                name: name?,
                id_card_no: id_card_no?,
                relation: self.relation,
                health: self.health,
                labour: self.labour,
            })
        })
    }
}

/// `POST /api/v1/members/{id}/leave`: the member leaves the household (减员).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeaveMember {
    pub reason: LeaveReason,
    pub left_on: NaiveDate,
    /// When the head leaves while others remain: the remaining member who becomes head.
    #[serde(default)]
    pub new_head_id: Option<MemberId>,
    pub version: i32,
}

/// `GET /api/v1/registry/changes`: the period (both days included) and, optionally, the part
/// of the caller's scope to count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ChangesQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub org_unit: Option<OrgUnitId>,
}

/// People who joined for one reason in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinCount {
    pub reason: JoinReason,
    pub people: u64,
}

/// People who left for one reason in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeaveCount {
    pub reason: LeaveReason,
    pub people: u64,
}

/// The registry's dynamic adjustment (动态调整) over a period: people added and removed, the
/// net, and both by reason (every reason listed, zeros included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistryChanges {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub added: u64,
    pub removed: u64,
    /// `added − removed`.
    pub net: i64,
    pub added_by_reason: Vec<JoinCount>,
    pub removed_by_reason: Vec<LeaveCount>,
}

/// `POST /api/v1/households/{id}/category`: a civil-affairs decision changing the household's
/// category, with the household's version read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeCategory {
    pub category: HouseholdCategory,
    pub changed_on: NaiveDate,
    pub reason: String,
    /// The decision's document number (文号).
    pub document_no: String,
    pub version: i32,
}

/// A category change, checked as far as it can be without the database.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidCategoryChange {
    pub category: HouseholdCategory,
    pub changed_on: NaiveDate,
    pub reason: String,
    pub document_no: String,
    pub version: i32,
}

impl ChangeCategory {
    /// Every field that can be checked here; the date against today is the server's check.
    pub fn parse(&self) -> Result<ValidCategoryChange, FieldErrors> {
        let mut v = Validator::new();
        let reason = required(&mut v, "reason", &self.reason, NOTE_MAX, "变更原因");
        let document_no = required(&mut v, "document_no", &self.document_no, DOCUMENT_NO_MAX, "认定文号");
        v.finish_with(|| {
            Some(ValidCategoryChange {
                category: self.category,
                changed_on: self.changed_on,
                reason,
                document_no,
                version: self.version,
            })
        })
    }
}

/// One change of a household's category, as the card's history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryChangeDto {
    pub from_category: HouseholdCategory,
    pub to_category: HouseholdCategory,
    pub changed_on: NaiveDate,
    pub reason: String,
    pub document_no: String,
    pub recorded_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_category_change_needs_its_reason_and_document_number() {
        let change = ChangeCategory {
            category: HouseholdCategory::Wubao,
            changed_on: NaiveDate::from_ymd_opt(2020, 8, 3).unwrap_or_default(),
            reason: "  ".to_owned(),
            document_no: String::new(),
            version: 1,
        };
        let errors = change.parse().err().unwrap_or_default();
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(fields, ["document_no", "reason"]);
    }

    #[test]
    fn an_edit_may_keep_the_head_s_relation() {
        let edit = UpdateMember {
            name: "章德胜".to_owned(),
            id_card_no: "11010519491231002X".to_owned(),
            relation: Relation::Head,
            health: HealthStatus::Healthy,
            labour: Labour::Full,
            version: 1,
        };
        assert!(edit.parse().is_ok());
    }
}
