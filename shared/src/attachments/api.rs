//! Attachments' routes. The upload is `multipart/form-data` (what a browser form or a phone's
//! camera input sends), so its method is written here rather than by `api!`.

use super::{AttachmentDto, AttachmentTarget};
use crate::client::{Api, ClientError, Method, api};
use crate::page::{Page, PageQuery};

api! {
    /// The files of a household (its documents, exit acknowledgement, notice photos); personal
    /// documents only for roles that read personal data.
    GET "/api/v1/households/{id}/attachments" => household_attachments(id: i64) query(PageQuery) -> Page<AttachmentDto>;
    /// The files of a project (announcements, payment vouchers).
    GET "/api/v1/projects/{id}/attachments" => project_attachments(id: i64) query(PageQuery) -> Page<AttachmentDto>;
    /// The evidence of a problem's rectification.
    GET "/api/v1/problems/{id}/attachments" => problem_attachments(id: i64) query(PageQuery) -> Page<AttachmentDto>;
    /// One file's bytes (a JPEG or a PDF); reading a personal document is audited.
    DOWNLOAD "/api/v1/attachments/{id}" => attachment(id: i64) -> Vec<u8>;
    /// Removes a file from its record (its uploader or a district official; not a closed
    /// problem's evidence); the bytes go when no record links them any more.
    DELETE "/api/v1/attachments/{id}" => delete_attachment(id: i64) -> ();
    /// A household's evidence pack: index.html (fields, history, files) and the files, zipped.
    DOWNLOAD "/api/v1/households/{id}/dossier.zip" => household_dossier(id: i64) -> Vec<u8>;
    /// A project's evidence pack.
    DOWNLOAD "/api/v1/projects/{id}/dossier.zip" => project_dossier(id: i64) -> Vec<u8>;
    /// A problem's evidence pack.
    DOWNLOAD "/api/v1/problems/{id}/dossier.zip" => problem_dossier(id: i64) -> Vec<u8>;
}

/// The routes written by hand.
pub const UPLOAD_ROUTES: &[(&str, &str)] = &[("post", "/api/v1/attachments")];

impl Api {
    /// `POST /api/v1/attachments`: stores `file` (JPEG, PNG or WebP re-encoded without EXIF,
    /// or a PDF) under `name` for the record `target`; the same file on the same record is
    /// answered with the row it already has.
    pub async fn upload_attachment(
        &self,
        target: &AttachmentTarget,
        name: &str,
        file: Vec<u8>,
    ) -> Result<AttachmentDto, ClientError> {
        let (body, content_type) = multipart_body(target, name, &file);
        let (status, bytes) = self.transport(Method::Post, "/api/v1/attachments", Some((body, &content_type))).await?;
        crate::client::transport::decode(status, &bytes)
    }
}

/// A `multipart/form-data` body with the fields `record_type`, `record_id` and `file`, and its
/// content type. The boundary is lengthened until the file does not contain it.
pub fn multipart_body(target: &AttachmentTarget, name: &str, file: &[u8]) -> (Vec<u8>, String) {
    let mut boundary = "jingzhun-attachment-7c1f".to_owned();
    while file.windows(boundary.len()).any(|w| w == boundary.as_bytes()) {
        boundary.push('x');
    }
    let name: String = name.chars().map(|c| if c == '"' || c.is_control() { '_' } else { c }).collect();
    let mut body = Vec::with_capacity(file.len() + 512);
    for (field, value) in
        [("record_type", target.record_type.as_str().to_owned()), ("record_id", target.record_id.to_string())]
    {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (body, format!("multipart/form-data; boundary={boundary}"))
}
