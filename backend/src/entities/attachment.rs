//! `attachment`: a file hung on a household, a project or a problem, stored once per SHA-256.

use jingzhun_shared::attachments::{AttachmentKind, RecordType};
use sea_orm::entity::prelude::*;

super::table! {
    "attachment" with id {
        record_type: RecordType,
        record_id: i64,
        /// The linked record's org path when the file was hung on it.
        org_path: String,
        kind: AttachmentKind,
        sha256: String,
        size: i64,
        original_name: String,
        personal: bool,
        uploaded_by: i64,
        created_at: DateTimeUtc,
    }
}
