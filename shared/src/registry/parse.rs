//! The registry's requests parsed into values that are known to be valid, as far as that can
//! be told without the database. The page calls the same `parse` for instant errors; the
//! server adds only what needs the database (scope, a duplicate ID-card number).

use chrono::NaiveDate;

use super::{CreateHousehold, CreateMember, JoinReason, NewHead, UpdateHousehold};
use crate::error::Validator;
use crate::newtypes::DisplayName;
use crate::{FieldErrors, HealthStatus, HouseholdCategory, IdCardNo, Labour, OrgUnitId, Phone, PovertyCause, Relation};

/// A GPS point (APP定位), WGS-84 degrees, both coordinates in range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GeoPoint {
    pub latitude: f64,
    pub longitude: f64,
}

/// A new household's head, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidHead {
    pub name: DisplayName,
    pub id_card_no: IdCardNo,
    pub phone: Option<Phone>,
    pub health: HealthStatus,
    pub labour: Labour,
}

/// A new household, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidHousehold {
    pub village_id: OrgUnitId,
    pub category: HouseholdCategory,
    /// At least one.
    pub causes: Vec<PovertyCause>,
    pub head: ValidHead,
    pub location: Option<GeoPoint>,
    pub initial_load: bool,
}

/// A household's editable attributes, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidHouseholdUpdate {
    pub category: HouseholdCategory,
    pub causes: Vec<PovertyCause>,
    pub phone: Option<Phone>,
    pub location: Option<GeoPoint>,
    pub version: i32,
}

/// A member's particulars, checked; a new member is never a second head.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidMember {
    pub name: DisplayName,
    pub id_card_no: IdCardNo,
    pub relation: Relation,
    pub health: HealthStatus,
    pub labour: Labour,
}

/// A new member, checked: the particulars and why and when they joined (the date against
/// today and the birth date is the server's check).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidNewMember {
    pub member: ValidMember,
    pub join_reason: JoinReason,
    pub joined_on: NaiveDate,
}

fn location(v: &mut Validator, latitude: Option<f64>, longitude: Option<f64>) -> Option<GeoPoint> {
    if latitude.is_some_and(|l| !(-90.0..=90.0).contains(&l)) {
        v.add("latitude", "纬度须在 -90 到 90 之间");
    }
    if longitude.is_some_and(|l| !(-180.0..=180.0).contains(&l)) {
        v.add("longitude", "经度须在 -180 到 180 之间");
    }
    if latitude.is_some() != longitude.is_some() {
        v.add("longitude", "经纬度须同时填写");
    }
    Some(GeoPoint { latitude: latitude?, longitude: longitude? })
}

fn causes(v: &mut Validator, causes: &[PovertyCause]) -> Vec<PovertyCause> {
    if causes.is_empty() {
        v.add("causes", "请至少选择一项致贫原因");
    }
    let mut unique = Vec::with_capacity(causes.len());
    for cause in causes {
        if !unique.contains(cause) {
            unique.push(*cause);
        }
    }
    unique
}

impl NewHead {
    fn parse_into(&self, v: &mut Validator) -> Option<ValidHead> {
        let name = v.check("head.name", DisplayName::parse(&self.name));
        let id_card_no = v.check("head.id_card_no", IdCardNo::parse(&self.id_card_no));
        let phone = v.check("head.phone", Phone::parse_optional(self.phone.as_deref()));
        Some(ValidHead {
            name: name?,
            id_card_no: id_card_no?,
            phone: phone?,
            health: self.health.unwrap_or(HealthStatus::Healthy),
            labour: self.labour.unwrap_or(Labour::Full),
        })
    }
}

impl CreateHousehold {
    /// Every field that can be checked here, each error under its field name.
    pub fn parse(&self) -> Result<ValidHousehold, FieldErrors> {
        let mut v = Validator::new();
        let head = self.head.parse_into(&mut v);
        let location = location(&mut v, self.latitude, self.longitude);
        let causes = causes(&mut v, &self.causes);
        v.finish_with(|| {
            Some(ValidHousehold {
                village_id: self.village_id,
                category: self.category,
                causes,
                head: head?,
                location,
                initial_load: self.initial_load,
            })
        })
    }
}

impl UpdateHousehold {
    /// Every field that can be checked here, each error under its field name.
    pub fn parse(&self) -> Result<ValidHouseholdUpdate, FieldErrors> {
        let mut v = Validator::new();
        let phone = v.check("phone", Phone::parse_optional(self.phone.as_deref()));
        let location = location(&mut v, self.latitude, self.longitude);
        let causes = causes(&mut v, &self.causes);
        v.finish_with(|| {
            Some(ValidHouseholdUpdate {
                category: self.category,
                causes,
                phone: phone?,
                location,
                version: self.version,
            })
        })
    }
}

impl CreateMember {
    /// Every field that can be checked here, each error under its field name.
    pub fn parse(&self) -> Result<ValidNewMember, FieldErrors> {
        let mut v = Validator::new();
        let name = v.check("name", DisplayName::parse(&self.name));
        let id_card_no = v.check("id_card_no", IdCardNo::parse(&self.id_card_no));
        if self.relation == Relation::Head {
            v.add("relation", "每户只有一位户主");
        }
        if self.join_reason.is_none() {
            v.add("join_reason", "请选择增员原因");
        }
        if self.joined_on.is_none() {
            v.add("joined_on", "请填写增员日期");
        }
        v.finish_with(|| {
            Some(ValidNewMember {
                member: ValidMember {
                    name: name?,
                    id_card_no: id_card_no?,
                    relation: self.relation,
                    health: self.health,
                    labour: self.labour,
                },
                join_reason: self.join_reason?,
                joined_on: self.joined_on?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn household() -> CreateHousehold {
        CreateHousehold {
            village_id: OrgUnitId(7),
            category: HouseholdCategory::Dibao,
            causes: vec![PovertyCause::Illness, PovertyCause::Illness],
            head: NewHead {
                name: " 章德胜 ".to_owned(),
                id_card_no: "11010519491231002X".to_owned(),
                phone: Some("".to_owned()),
                health: None,
                labour: None,
            },
            latitude: None,
            longitude: None,
            initial_load: false,
        }
    }

    #[test]
    fn a_valid_household_parses_with_defaults_and_without_repeated_causes() {
        let valid = household().parse();
        assert_eq!(valid.as_ref().map(|h| h.head.name.as_str()), Ok("章德胜"));
        assert_eq!(valid.as_ref().map(|h| h.causes.clone()), Ok(vec![PovertyCause::Illness]));
        assert_eq!(valid.as_ref().map(|h| h.head.phone.clone()), Ok(None));
        assert_eq!(valid.map(|h| h.head.labour), Ok(Labour::Full));
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let mut bad = household();
        bad.head.id_card_no = "110105194912310021".to_owned();
        bad.head.phone = Some("call me".to_owned());
        bad.causes.clear();
        bad.latitude = Some(91.0);
        let errors = bad.parse().err().unwrap_or_default();
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(fields, ["causes", "head.id_card_no", "head.phone", "latitude", "longitude"]);
    }

    #[test]
    fn a_member_cannot_be_a_second_head() {
        let member = CreateMember {
            name: "章小梅".to_owned(),
            id_card_no: "11010519491231002X".to_owned(),
            relation: Relation::Head,
            health: HealthStatus::Healthy,
            labour: Labour::NoCapacity,
            join_reason: Some(JoinReason::Birth),
            joined_on: NaiveDate::from_ymd_opt(2020, 8, 3),
        };
        assert!(member.parse().err().is_some_and(|e| e.contains_key("relation")));
    }

    #[test]
    fn a_new_member_needs_a_join_reason_and_date() {
        let member = CreateMember {
            name: "章小梅".to_owned(),
            id_card_no: "11010519491231002X".to_owned(),
            relation: Relation::Child,
            health: HealthStatus::Healthy,
            labour: Labour::NoCapacity,
            join_reason: None,
            joined_on: None,
        };
        let errors = member.parse().err().unwrap_or_default();
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(fields, ["join_reason", "joined_on"]);
    }
}
