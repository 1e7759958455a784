//! Personal data by need: the one masking layer. Roles with [`Capability::ReadPersonalData`]
//! see a person whole; every other reader of a registry record, an export or the audit trail
//! sees the ID number masked to its first and last four characters and no birth date, sex,
//! health, phone or GPS point. The partner enterprise reaches no registry record at all
//! ([`Capability::ReadRegistry`]).
//!
//! Responses go through [`Personal::for_reader`]; the audit trail's stored JSON goes through
//! [`mask_json`], which masks by the same field names the DTOs use.

use serde_json::Value;

use crate::credit::LoanDto;
use crate::id_card::mask;
use crate::registry::{HouseholdDto, MemberDto};
use crate::{Capability, Role};

/// Wire names of fields that a reader without need never sees.
pub const HIDDEN_FIELDS: [&str; 6] = ["birth_date", "sex", "health", "phone", "latitude", "longitude"];

/// Wire names of fields holding a whole ID-card number; masked for readers without need.
pub const ID_FIELDS: [&str; 4] = ["id_card_no", "head_id_card", "head_id_card_no", "borrower_id_card_no"];

/// Wire names of fields naming a person who is not a registered household member (a cadre
/// talked to, 约谈): readers without need see the surname only ([`mask_name`]).
pub const NAME_FIELDS: [&str; 1] = ["person"];

/// A person's name as a reader without need sees it: the surname and `**`.
pub fn mask_name(name: &str) -> String {
    let surname: String = name.chars().take(1).collect();
    format!("{surname}**")
}

/// Audit entities whose before/after hold a person's health data (hospitals, kinds, amounts):
/// readers without [`Capability::ReadHealth`] see that the event happened, never its content.
pub const HEALTH_ENTITIES: [&str; 4] = ["health_claim", "doctor_signing", "health_claim_import", "premium_subsidy"];

/// Whether `role` may read the content of an audit event about `entity`.
pub fn sees_audit_content(role: Role, entity: &str) -> bool {
    !HEALTH_ENTITIES.contains(&entity) || role.can(Capability::ReadHealth)
}

/// A record that carries personal data and knows how to hide it.
pub trait Personal: Sized {
    /// The record as a reader without need sees it.
    fn masked(self) -> Self;

    /// The record as `role` may see it.
    fn for_reader(self, role: Role) -> Self {
        if role.can(Capability::ReadPersonalData) { self } else { self.masked() }
    }
}

impl Personal for MemberDto {
    fn masked(self) -> Self {
        MemberDto { id_card_no: mask(&self.id_card_no), sex: None, birth_date: None, health: None, ..self }
    }
}

impl Personal for HouseholdDto {
    fn masked(self) -> Self {
        HouseholdDto {
            phone: None,
            latitude: None,
            longitude: None,
            members: self.members.into_iter().map(Personal::masked).collect(),
            masked: true,
            ..self
        }
    }
}

impl Personal for LoanDto {
    fn masked(self) -> Self {
        LoanDto { borrower_id_card_no: mask(&self.borrower_id_card_no), ..self }
    }
}

impl Personal for crate::pairing::EnterpriseDto {
    fn masked(self) -> Self {
        crate::pairing::EnterpriseDto { contact_phone: mask_phone(&self.contact_phone), ..self }
    }
}

/// `13800001234` → `138****1234`; anything shorter than seven characters → `****`.
fn mask_phone(phone: &str) -> String {
    let head = phone.get(..3);
    let tail = phone.len().checked_sub(4).and_then(|i| phone.get(i..));
    match (head, tail) {
        (Some(head), Some(tail)) if phone.len() >= 7 => format!("{head}****{tail}"),
        _ => "****".to_owned(),
    }
}

impl Personal for crate::pairing::CadreDto {
    fn masked(self) -> Self {
        crate::pairing::CadreDto { phone: None, ..self }
    }
}

/// A visit's GPS point proves where the cadre was; only the officials who check visits
/// ([`Capability::ReadVisitLocation`]) see it, not the clerk or the cadre who recorded it.
impl Personal for crate::pairing::VisitDto {
    fn masked(self) -> Self {
        crate::pairing::VisitDto { latitude: None, longitude: None, ..self }
    }

    fn for_reader(self, role: Role) -> Self {
        if role.can(Capability::ReadVisitLocation) { self } else { self.masked() }
    }
}

/// A warning's figures are a household's income, medical costs, debts and losses: a reader
/// without need (the cadre who checks it on a visit) sees the rule and its sentence with the
/// amounts left out.
impl Personal for crate::warnings::WarningDto {
    fn masked(self) -> Self {
        let figures = crate::warnings::WarningFigures { amount_fen: None, reference_fen: None, ..self.figures };
        crate::warnings::WarningDto { summary: crate::warnings::describe(self.rule, &figures), figures, ..self }
    }
}

impl<T: Personal> Personal for Vec<T> {
    fn masked(self) -> Self {
        self.into_iter().map(Personal::masked).collect()
    }
}

/// Masks stored JSON (an audit event's before/after) for a reader without need: ID numbers
/// masked, hidden fields removed, at any depth.
pub fn mask_json(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|key, _| !HIDDEN_FIELDS.contains(&key.as_str()));
            for (key, field) in map.iter_mut() {
                match field {
                    Value::String(text) if ID_FIELDS.contains(&key.as_str()) => *text = mask(text),
                    Value::String(text) if NAME_FIELDS.contains(&key.as_str()) => *text = mask_name(text),
                    other => mask_json(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_json),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_person_named_in_stored_json_keeps_only_the_surname() {
        let mut value = json!({"after": {"person": "汪建国", "unit": "张村"}});
        mask_json(&mut value);
        assert_eq!(value, json!({"after": {"person": "汪**", "unit": "张村"}}));
    }

    #[test]
    fn a_contact_phone_keeps_only_its_first_three_and_last_four_digits() {
        assert_eq!(mask_phone("13800001234"), "138****1234");
        assert_eq!(mask_phone("0559-1234567"), "055****4567");
        assert_eq!(mask_phone("12345"), "****");
        assert_eq!(mask_phone(""), "****");
    }

    #[test]
    fn stored_json_loses_hidden_fields_and_whole_numbers_at_any_depth() {
        let mut value = json!({
            "phone": "13900000000",
            "latitude": 29.7,
            "members": [{"name": "张三", "id_card_no": "34100419800101001X", "birth_date": "1980-01-01",
                         "sex": "male", "health": "healthy", "labour": "normal"}],
        });
        mask_json(&mut value);
        assert_eq!(
            value,
            json!({"members": [{"name": "张三", "id_card_no": "3410**********001X", "labour": "normal"}]})
        );
    }
}
