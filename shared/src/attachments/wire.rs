//! Attachments on the wire.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{AttachmentKind, RecordType};

/// One stored file and the record it hangs on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentDto {
    pub id: i64,
    pub record_type: RecordType,
    /// The household's, project's or problem's id ([`RecordType::owner`]).
    pub record_id: i64,
    pub kind: AttachmentKind,
    /// SHA-256 of the stored bytes, in hex: the same file is stored once.
    pub sha256: String,
    /// Bytes stored (an image after re-encoding).
    pub size: u64,
    /// The name the file was uploaded under.
    pub name: String,
    /// A personal document: read only with the right to personal data, every read audited.
    pub personal: bool,
    pub uploaded_by: String,
    pub created_at: DateTime<Utc>,
    /// Whether the reader may remove it: its uploader or a district official, and not while it
    /// is the evidence of a closed problem.
    #[serde(default)]
    pub deletable: bool,
}

/// The record an upload is for: the form fields beside the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentTarget {
    pub record_type: RecordType,
    pub record_id: i64,
}
