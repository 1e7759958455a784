//! Photos people take on their phones (a posted notice today, assistance logs later): only
//! JPEG, PNG or WebP as the bytes say (never the name or the declared type), decoded within
//! bounds, scaled down to at most [`MAX_SIDE`] pixels a side and written again as JPEG, so that
//! EXIF, GPS and anything else hidden in the file never reach the disk. A photo is stored once,
//! under the SHA-256 of what was written, in the data directory's `photos/`.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::codecs::jpeg::JpegEncoder;
use image::{ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};

use crate::error::{AppError, AppResult};

/// Largest photo accepted.
pub const PHOTO_LIMIT: usize = 5 * 1024 * 1024;
/// Longest side kept; a phone's 4000-pixel photo of a notice reads well at this size.
pub const MAX_SIDE: u32 = 2560;
/// Largest side a decoder may be asked to allocate for (a tiny file can claim 60,000 × 60,000).
const MAX_DECODED_SIDE: u32 = 12_000;
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;
const JPEG_QUALITY: u8 = 85;

/// Where photos live.
#[derive(Debug, Clone)]
pub struct PhotoStore {
    dir: PathBuf,
}

impl PhotoStore {
    /// Photos under `data_dir/photos`.
    pub fn new(data_dir: &Path) -> PhotoStore {
        PhotoStore { dir: data_dir.join("photos") }
    }

    /// Decodes, re-encodes and writes `bytes`; answers the stored photo's name (its SHA-256 in
    /// hex). 422 for anything that is not a readable JPEG, PNG or WebP. The work runs off the
    /// request threads.
    pub async fn store(&self, bytes: Vec<u8>) -> AppResult<String> {
        let jpeg = tokio::task::spawn_blocking(move || reencode(&bytes))
            .await
            .map_err(|e| AppError::Internal(format!("photo worker: {e}")))??;
        let name = format!("{:x}", Sha256::digest(&jpeg));
        let path = self.path(&name)?;
        tokio::fs::create_dir_all(&self.dir).await.map_err(|e| AppError::Internal(format!("photos dir: {e}")))?;
        if tokio::fs::try_exists(&path).await.unwrap_or(false) {
            return Ok(name);
        }
        // Written under a temporary name, then renamed: a reader never sees half a photo.
        let partial = self.dir.join(format!("{name}.part"));
        tokio::fs::write(&partial, &jpeg).await.map_err(|e| AppError::Internal(format!("write photo: {e}")))?;
        tokio::fs::rename(&partial, &path).await.map_err(|e| AppError::Internal(format!("store photo: {e}")))?;
        Ok(name)
    }

    /// The JPEG stored under `name`.
    pub async fn read(&self, name: &str) -> AppResult<Vec<u8>> {
        let path = self.path(name)?;
        tokio::fs::read(&path).await.map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => AppError::NotFound,
            _ => AppError::Internal(format!("read photo: {e}")),
        })
    }

    /// The JPEG of the photo row `select` finds (a photo id together with the record it must
    /// belong to), 404 when there is none: the one read behind every record's photos.
    pub async fn read_row<E: sea_orm::EntityTrait>(
        &self,
        db: &impl sea_orm::ConnectionTrait,
        select: sea_orm::Select<E>,
        file: impl FnOnce(E::Model) -> String,
    ) -> AppResult<Vec<u8>> {
        let row = select.one(db).await?.ok_or(AppError::NotFound)?;
        self.read(&file(row)).await
    }

    /// The file of a name this store gave out: 64 hex digits, nothing that could leave the
    /// directory.
    fn path(&self, name: &str) -> AppResult<PathBuf> {
        if name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(self.dir.join(format!("{name}.jpg")))
        } else {
            Err(AppError::NotFound)
        }
    }
}

fn not_a_photo() -> AppError {
    AppError::field("file", "请上传 JPEG、PNG 或 WebP 格式的照片")
}

/// The photo decoded within bounds, scaled down to [`MAX_SIDE`] and written as JPEG.
pub(crate) fn reencode(bytes: &[u8]) -> AppResult<Vec<u8>> {
    let format = image::guess_format(bytes).map_err(|_| not_a_photo())?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) {
        return Err(not_a_photo());
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODED_SIDE);
    limits.max_image_height = Some(MAX_DECODED_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => {
            AppError::field("file", format!("照片过大：每边不超过 {MAX_DECODED_SIDE} 像素"))
        }
        _ => not_a_photo(),
    })?;
    let scaled = if decoded.width() > MAX_SIDE || decoded.height() > MAX_SIDE {
        decoded.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Triangle)
    } else {
        decoded
    };
    let rgb = scaled.to_rgb8();
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(&rgb)
        .map_err(|e| AppError::Internal(format!("encode photo: {e}")))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30]));
        let mut out = Vec::new();
        image.write_to(&mut Cursor::new(&mut out), ImageFormat::Png).expect("png");
        out
    }

    #[test]
    fn a_png_comes_back_as_a_jpeg_scaled_to_the_longest_side() {
        let jpeg = reencode(&png(3000, 1000)).expect("re-encoded");
        let back = image::load_from_memory(&jpeg).expect("readable");
        assert_eq!(image::guess_format(&jpeg).ok(), Some(ImageFormat::Jpeg));
        assert_eq!((back.width(), back.height()), (MAX_SIDE, 853));
    }

    #[test]
    fn text_a_gif_and_a_truncated_file_are_refused() {
        assert!(reencode(b"<html>not a photo</html>").is_err());
        assert!(reencode(b"GIF89a\x01\x00\x01\x00").is_err());
        let mut cut = png(10, 10);
        cut.truncate(cut.len() / 2);
        assert!(reencode(&cut).is_err());
    }

    #[test]
    fn a_name_that_could_leave_the_directory_is_not_found() {
        let store = PhotoStore::new(Path::new("/nonexistent"));
        assert!(store.path("../../etc/passwd").is_err());
        assert!(store.path(&"a".repeat(64)).is_ok());
    }
}
