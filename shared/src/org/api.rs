//! The org area's routes: login, org units, users, the audit trail.

use super::{
    AuditEventDto, AuditQuery, ChangePassword, CreateOrgUnit, CreateUser, LoginRequest, LoginResponse, OrgUnitDto,
    OrgUnitNode, RenameOrgUnit, ResetPassword, UserDto, UserQuery,
};
use crate::client::api;
use crate::page::Page;
use crate::{OrgUnitId, UserId};

api! {
    /// Log in: a bearer token and who it is for.
    POST "/api/v1/auth/login" => log_in() body(LoginRequest) -> LoginResponse;
    /// The logged-in user.
    GET "/api/v1/auth/me" => me() -> UserDto;
    /// The caller's own password, with the old one: a fresh token, and every older token of the
    /// account stops working.
    POST "/api/v1/auth/password" => change_password() body(ChangePassword) -> LoginResponse;
    /// The caller's subtree.
    GET "/api/v1/org-units" => org_tree() -> OrgUnitNode;
    GET "/api/v1/org-units/{id}" => org_unit(id: OrgUnitId) -> OrgUnitDto;
    /// Admin only.
    POST "/api/v1/org-units" => create_org_unit() body(CreateOrgUnit) -> OrgUnitDto;
    /// Admin only; carries the version read.
    PATCH "/api/v1/org-units/{id}" => rename_org_unit(id: OrgUnitId) body(RenameOrgUnit) -> OrgUnitDto;
    /// Admin only.
    GET "/api/v1/users" => users() query(UserQuery) -> Page<UserDto>;
    POST "/api/v1/users" => create_user() body(CreateUser) -> UserDto;
    POST "/api/v1/users/{id}/disable" => disable_user(id: UserId) -> UserDto;
    POST "/api/v1/users/{id}/enable" => enable_user(id: UserId) -> UserDto;
    /// Sets another user's password; their tokens stop working.
    POST "/api/v1/users/{id}/password" => reset_password(id: UserId) body(ResetPassword) -> UserDto;
    /// Admin and auditor, newest first.
    GET "/api/v1/audit-events" => audit_events() query(AuditQuery) -> Page<AuditEventDto>;
}
