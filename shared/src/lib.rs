//! Everything the server and its clients agree on, one module per area of the office's work
//! (`org`, `registry`, `applications`, `funds`, `industry`, `credit`, `health`, `pairing`,
//! `oversight`, `warnings`, …): each holds its
//! enums with their labels, its wire types (DTOs), its pure rules and its routes in the typed client. Beside
//! them: typed ids, money, validated newtypes, paging, the error format and the client's
//! transport.
//!
//! The frontend builds this crate for `wasm32` without the `db` and `openapi` features; the
//! backend turns both on.

// Indexing that could panic and silent `as` casts are refused here; tests index known data.
#![warn(clippy::as_conversions, clippy::indexing_slicing)]
#![cfg_attr(test, allow(clippy::as_conversions, clippy::indexing_slicing, reason = "tests index known data"))]

pub mod string_enum;

pub mod applications;
pub mod attachments;
pub mod benefits;
pub mod client;
pub mod credit;
pub mod dates;
pub mod ecology;
pub mod education;
pub mod employment;
pub mod error;
pub mod funds;
pub mod health;
pub mod housing;
pub mod id_card;
pub mod ids;
pub mod industry;
pub mod infrastructure;
pub mod money;
pub mod newtypes;
pub mod org;
pub mod oversight;
pub mod page;
pub mod pairing;
pub mod privacy;
pub mod registry;
pub mod reports;
pub mod social_security;
pub mod text;
pub mod villages;
pub mod warnings;

pub use applications::{ApplicationKind, ApplicationStage, ApplicationStatus, ComparisonSource, NOTICE_DAYS};
pub use client::{Api, ClientError};
pub use error::{ApiError, FieldErrors};
pub use funds::{FundSource, ProjectKind, ProjectStatus};
pub use id_card::IdCardNo;
pub use ids::{
    ApplicationId, AssistanceLogId, AuditEventId, BusinessEntityId, CadreId, CadrePairingId, DoctorSigningId,
    DonationId, EnterpriseId, ExpenditureId, FundBatchId, HealthClaimId, HouseholdId, IndustrySubsidyId, MemberId,
    OrgUnitId, PairingId, ProjectId, PvDistributionId, PvIncomeId, PvStationId, SubsidyMenuItemId, UserId, VisitId,
};
pub use ids::{AssistancePlanId, AttendanceId, LeaveRequestId, TeamLogId, TeamMemberId, WorkTeamId};
pub use ids::{EmploymentBaseId, EmploymentId, PremiumSubsidyId, StudentAidId, TrainingId, TransportSubsidyId};
pub use industry::{BusinessEntityKind, PvDistributionKind};
pub use money::Fen;
pub use newtypes::Phone;
pub use org::{Capability, OrgLevel, Role};
pub use page::{Page, PageQuery};
pub use privacy::Personal;
pub use registry::{
    HealthStatus, HouseholdCategory, HouseholdStatus, Labour, MonitoringKind, PovertyCause, Relation, Sex,
};
pub use string_enum::StringEnum;
