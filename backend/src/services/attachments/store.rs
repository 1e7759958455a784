//! The bytes of attachments: checked by what they are (never by the name or the declared
//! type), images re-encoded through the photo store's re-encoder so that EXIF and GPS never
//! reach the disk, PDFs kept as they came up to the configured limit. A file is written once,
//! under its SHA-256, at `data_dir/attachments/ab/abcdef…`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jingzhun_shared::attachments::AttachmentKind;
use sha2::{Digest, Sha256};
use tokio::sync::{Mutex, MutexGuard};

use crate::error::{AppError, AppResult};
use crate::services::photos::{PHOTO_LIMIT, reencode};

const MIB: usize = 1024 * 1024;
/// Largest upload body: the largest PDF the configuration may allow and room for the form's
/// other fields.
pub const UPLOAD_LIMIT: usize = crate::config::MAX_ATTACHMENT_PDF_MIB * MIB + 64 * 1024;

/// A file ready to store: what it is and its bytes as they will be kept.
pub struct Checked {
    pub kind: AttachmentKind,
    pub bytes: Vec<u8>,
    pub sha256: String,
}

/// Where attachments live.
#[derive(Debug, Clone)]
pub struct AttachmentStore {
    dir: PathBuf,
    /// Largest PDF accepted, in bytes (a scanned acknowledgement or a bundle of vouchers).
    pdf_limit: usize,
    /// Held from writing a file until its row is in, and from counting a file's rows until it
    /// is removed: a removal never takes the bytes of a row being written.
    links: Arc<Mutex<()>>,
}

fn refused() -> AppError {
    AppError::field("file", "只能上传 JPEG、PNG、WebP 图片或 PDF 文件")
}

/// What `bytes` are, by their content: a PDF (by its `%PDF-` header) kept as it is up to
/// `pdf_limit` bytes, an image decoded and written again as JPEG; 422 for anything else, 413
/// past the limits. Runs off the request threads.
async fn check(bytes: Vec<u8>, pdf_limit: usize) -> AppResult<Checked> {
    let (kind, bytes) = if bytes.starts_with(b"%PDF-") {
        if bytes.len() > pdf_limit {
            return Err(AppError::PayloadTooLarge(format!("PDF 文件超过 {} MiB", pdf_limit / MIB)));
        }
        (AttachmentKind::Pdf, bytes)
    } else {
        let format = image::guess_format(&bytes).map_err(|_| refused())?;
        if !matches!(format, image::ImageFormat::Jpeg | image::ImageFormat::Png | image::ImageFormat::WebP) {
            return Err(refused());
        }
        if bytes.len() > PHOTO_LIMIT {
            return Err(AppError::PayloadTooLarge(format!("图片超过 {} MiB", PHOTO_LIMIT / MIB)));
        }
        let jpeg = tokio::task::spawn_blocking(move || reencode(&bytes))
            .await
            .map_err(|e| AppError::Internal(format!("attachment worker: {e}")))??;
        (AttachmentKind::Image, jpeg)
    };
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    Ok(Checked { kind, bytes, sha256 })
}

impl AttachmentStore {
    /// Attachments under `data_dir/attachments`, PDFs up to `pdf_limit_mib` MiB.
    pub fn new(data_dir: &Path, pdf_limit_mib: usize) -> AttachmentStore {
        AttachmentStore {
            dir: data_dir.join("attachments"),
            pdf_limit: pdf_limit_mib.saturating_mul(MIB),
            links: Arc::default(),
        }
    }

    /// The store's lock on linking files to rows ([`AttachmentStore::links`]).
    pub async fn linking(&self) -> MutexGuard<'_, ()> {
        self.links.lock().await
    }

    /// Removes the bytes stored under `sha256`; already gone is fine.
    pub async fn remove(&self, sha256: &str) -> AppResult<()> {
        match tokio::fs::remove_file(self.path(sha256)?).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(AppError::Internal(format!("remove attachment: {e}")))
            }
            _ => Ok(()),
        }
    }

    /// `bytes` checked by what they are and ready to store ([`check`]).
    pub async fn check(&self, bytes: Vec<u8>) -> AppResult<Checked> {
        check(bytes, self.pdf_limit).await
    }

    /// Writes `file` unless a file with its hash is already there.
    pub async fn put(&self, file: &Checked) -> AppResult<()> {
        let path = self.path(&file.sha256)?;
        let internal = |what: &str, e: std::io::Error| AppError::Internal(format!("{what}: {e}"));
        if tokio::fs::try_exists(&path).await.unwrap_or(false) {
            return Ok(());
        }
        let dir = path.parent().ok_or_else(|| AppError::Internal("attachment path".to_owned()))?;
        tokio::fs::create_dir_all(dir).await.map_err(|e| internal("attachments dir", e))?;
        // Written under a temporary name, then renamed: a reader never sees half a file.
        let partial = dir.join(format!("{}.part", file.sha256));
        tokio::fs::write(&partial, &file.bytes).await.map_err(|e| internal("write attachment", e))?;
        tokio::fs::rename(&partial, &path).await.map_err(|e| internal("store attachment", e))
    }

    /// The bytes stored under `sha256`.
    pub async fn read(&self, sha256: &str) -> AppResult<Vec<u8>> {
        let path = self.path(sha256)?;
        tokio::fs::read(&path).await.map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => AppError::NotFound,
            _ => AppError::Internal(format!("read attachment: {e}")),
        })
    }

    /// `ab/abcdef…` for a hash: 64 hex digits, nothing that could leave the directory.
    fn path(&self, sha256: &str) -> AppResult<PathBuf> {
        match sha256.get(..2) {
            Some(prefix) if sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit()) => {
                Ok(self.dir.join(prefix).join(sha256))
            }
            _ => Err(AppError::NotFound),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_pdf_is_kept_as_it_is_and_text_is_refused() {
        let pdf = b"%PDF-1.4\n%%EOF\n".to_vec();
        let checked = check(pdf.clone(), 1024).await.expect("a pdf");
        assert_eq!((checked.kind, checked.bytes), (AttachmentKind::Pdf, pdf.clone()));
        assert!(matches!(check(pdf, 8).await, Err(AppError::PayloadTooLarge(_))));
        assert!(matches!(check(b"<html></html>".to_vec(), 1024).await, Err(AppError::Invalid(_))));
    }

    #[test]
    fn a_name_that_could_leave_the_directory_is_not_found() {
        let store = AttachmentStore::new(Path::new("/nonexistent"), 1);
        assert!(store.path("../../etc/passwd").is_err());
        assert!(store.path(&"a".repeat(64)).is_ok_and(|p| p.ends_with(format!("aa/{}", "a".repeat(64)))));
    }
}
