//! Wire types of the org tree, accounts, login and the audit trail.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{AuditEventId, CadreId, EnterpriseId, OrgLevel, OrgUnitId, Role, UserId};

/// `POST /api/v1/auth/login`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// The answer to a successful login: a bearer token and who it is for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: UserDto,
}

/// Enough of an org unit to name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgUnitRef {
    pub id: OrgUnitId,
    pub name: String,
    pub level: OrgLevel,
}

/// A user account as others see it (never its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserDto {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub org_unit: OrgUnitRef,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
    /// The enterprise an `enterprise` account acts for.
    #[serde(default)]
    pub enterprise_id: Option<EnterpriseId>,
    /// Required for role `cadre`: the cadre the account is.
    #[serde(default)]
    pub cadre_id: Option<CadreId>,
}

/// `POST /api/v1/users` (admin).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateUser {
    pub username: String,
    pub password: String,
    #[serde(default)]
    pub display_name: Option<String>,
    pub role: Role,
    pub org_unit_id: OrgUnitId,
    /// Required for role `enterprise`: the enterprise the account acts for.
    #[serde(default)]
    pub enterprise_id: Option<EnterpriseId>,
    /// Required for role `cadre`: the cadre the account is.
    #[serde(default)]
    pub cadre_id: Option<CadreId>,
}

/// `POST /api/v1/auth/password`: the caller's own new password, with the old one.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePassword {
    pub old_password: String,
    pub new_password: String,
}

/// `POST /api/v1/users/{id}/password` (admin): a user's new password.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetPassword {
    pub new_password: String,
}

/// `GET /api/v1/users` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct UserQuery {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
    /// Part of the username or display name.
    pub q: Option<String>,
    pub role: Option<Role>,
}

/// An org unit with its attributes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgUnitDto {
    pub id: OrgUnitId,
    pub parent_id: Option<OrgUnitId>,
    pub level: OrgLevel,
    pub name: String,
    pub code: String,
    /// 贫困村 (villages only), by the village's latest profile (`villages`).
    pub is_poor_village: bool,
    /// 出列年份 of a poor village that has exited: it left at the end of this year.
    pub exit_year: Option<i32>,
    /// The latest profile's rural population.
    pub rural_population: Option<i64>,
    pub version: i32,
}

/// A node of the org tree as `GET /api/v1/org-units` answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgUnitNode {
    #[serde(flatten)]
    pub unit: OrgUnitDto,
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub children: Vec<OrgUnitNode>,
}

impl OrgUnitNode {
    /// Every unit of this subtree, depth first.
    pub fn flatten(&self) -> Vec<&OrgUnitDto> {
        let mut out = vec![&self.unit];
        for child in &self.children {
            out.extend(child.flatten());
        }
        out
    }
}

/// `POST /api/v1/org-units` (admin): a township under the district or a village under a
/// township.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateOrgUnit {
    pub parent_id: OrgUnitId,
    pub name: String,
    pub code: String,
    /// With `rural_population`, the new village's first profile, of the creator's year.
    #[serde(default)]
    pub is_poor_village: bool,
    /// A village that exited before the system: the district's initial load (later exits go
    /// through the exit announcement).
    #[serde(default)]
    pub exit_year: Option<i32>,
    #[serde(default)]
    pub rural_population: Option<i64>,
}

/// `PATCH /api/v1/org-units/{id}` (admin): rename, carrying the version read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RenameOrgUnit {
    pub name: String,
    pub version: i32,
}

/// One write as the audit trail keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEventDto {
    pub id: AuditEventId,
    pub at: DateTime<Utc>,
    pub user_id: Option<UserId>,
    pub username: Option<String>,
    /// `create`, `update`, `delete`, `disable`, `read_personal_data` …
    pub action: String,
    /// The record type, e.g. `user`, `org_unit`.
    pub entity: String,
    pub entity_id: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub before: Option<serde_json::Value>,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub after: Option<serde_json::Value>,
}

/// `GET /api/v1/audit-events` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct AuditQuery {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
}
