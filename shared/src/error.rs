//! The one error body every failing API call answers with.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Messages per field name, in a stable order so answers and tests are reproducible.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// `{code, message, fields}`: `code` is a stable snake_case word a program can match on,
/// `message` is for people, `fields` names every invalid field at once (422).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub fields: FieldErrors,
}

impl ApiError {
    /// An error without field details.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self { code: code.into(), message: message.into(), fields: FieldErrors::new() }
    }

    /// The messages for one field, empty when it is fine.
    pub fn field(&self, name: &str) -> &[String] {
        self.fields.get(name).map(Vec::as_slice).unwrap_or_default()
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

/// Collects field errors while a request is parsed into domain values, so that one answer
/// names every problem instead of the first.
#[derive(Debug, Default)]
pub struct Validator {
    errors: FieldErrors,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the value when it parsed, records the message under `field` when it did not.
    pub fn check<T, E: std::fmt::Display>(&mut self, field: &str, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.add(field, error.to_string());
                None
            }
        }
    }

    /// Records a message under `field`.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.errors.entry(field.to_owned()).or_default().push(message.into());
    }

    /// Whether nothing was recorded so far.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// `Ok` when nothing was recorded, else every field error.
    pub fn finish(self) -> Result<(), FieldErrors> {
        if self.errors.is_empty() { Ok(()) } else { Err(self.errors) }
    }
}

/// A request parsed as far as it can be without the database, so the server can add the
/// checks that need it (a duplicate ID-card number, a village out of scope) and still answer
/// every field error in one 422. [`Parsed::finish`] gives the value only when nothing was
/// found wrong, so no caller ever unwraps a half-checked value.
#[derive(Debug)]
pub struct Parsed<T> {
    value: Result<T, FieldErrors>,
    more: FieldErrors,
}

impl<T> Parsed<T> {
    /// Wraps what a `parse` returned.
    pub fn new(value: Result<T, FieldErrors>) -> Self {
        Self { value, more: FieldErrors::new() }
    }

    /// The parsed value, when parsing succeeded (for the checks that need it).
    pub fn value(&self) -> Option<&T> {
        self.value.as_ref().ok()
    }

    /// Records a problem found beyond parsing.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.more.entry(field.to_owned()).or_default().push(message.into());
    }

    /// Joins a value looked up beside the parse (`Err` is the message for `field`), so both
    /// are had together or every error is reported together.
    pub fn zip<U>(self, field: &str, other: Result<U, String>) -> Parsed<(T, U)> {
        let value = match (self.value, other) {
            (Ok(a), Ok(b)) => Ok((a, b)),
            (Ok(_), Err(message)) => Err(FieldErrors::from([(field.to_owned(), vec![message])])),
            (Err(errors), Ok(_)) => Err(errors),
            (Err(mut errors), Err(message)) => {
                errors.entry(field.to_owned()).or_default().push(message);
                Err(errors)
            }
        };
        Parsed { value, more: self.more }
    }

    /// The value when nothing was found wrong, else every field error together.
    pub fn finish(self) -> Result<T, FieldErrors> {
        match self.value {
            Ok(value) if self.more.is_empty() => Ok(value),
            Ok(_) => Err(self.more),
            Err(mut errors) => {
                for (field, messages) in self.more {
                    errors.entry(field).or_default().extend(messages);
                }
                Err(errors)
            }
        }
    }
}

impl Validator {
    /// The value built by `build` when nothing was recorded, else every field error. `build`
    /// runs only then, so it may rely on what the checks established.
    pub fn finish_with<T>(self, build: impl FnOnce() -> Option<T>) -> Result<T, FieldErrors> {
        self.finish()?;
        build().ok_or_else(|| {
            let mut errors = FieldErrors::new();
            errors.insert("_".to_owned(), vec!["提交的数据不完整".to_owned()]);
            errors
        })
    }
}
