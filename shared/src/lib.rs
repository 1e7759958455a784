//! Everything the server and its clients agree on: wire types (DTOs), typed ids and enums,
//! validated newtypes, the error format and the typed API client.
//!
//! The frontend builds this crate for `wasm32` without the `db` and `openapi` features; the
//! backend turns both on.

pub mod client;
pub mod dto;
pub mod enums;
pub mod error;
pub mod funds;
pub mod id_card;
pub mod ids;
pub mod money;
pub mod newtypes;
pub mod registry;

pub use client::{Api, ClientError};
pub use enums::{
    ApplicationKind, ApplicationStage, ApplicationStatus, BusinessEntityKind, FundSource, HealthStatus,
    HouseholdCategory, HouseholdStatus, Labour, NOTICE_DAYS, OrgLevel, PovertyCause, ProjectKind, ProjectStatus,
    Relation, Role,
};
pub use error::{ApiError, FieldErrors};
pub use id_card::{IdCardNo, Sex};
pub use ids::{
    ApplicationId, AuditEventId, BusinessEntityId, ExpenditureId, FundBatchId, HouseholdId, IndustrySubsidyId,
    MemberId, OrgUnitId, ProjectId, PvDividendId, PvStationId, SubsidyMenuItemId, UserId,
};
pub use money::Fen;
