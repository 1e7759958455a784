//! The built frontend's assets as the bundle wrote them: content-hashed names in `dist/assets/`,
//! each beside a brotli (`.br`) and a gzip (`.gz`) copy made at build time at the codecs' highest
//! levels. A browser gets the smallest copy it accepts, with `Content-Encoding` and
//! `Vary: Accept-Encoding`, and may keep it for a year: a new build has new names, and
//! `index.html`, which names them, is always revalidated.
//!
//! Compressing once at build time beats the on-the-fly middleware twice: brotli at level 11 is far
//! smaller than what a server can afford per request (the wasm travels at about two thirds of the
//! middleware's gzip), and it costs no CPU per request.

use std::path::{Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::header::{
    self, AcceptEncoding, CacheControl, CacheDirective, ContentEncoding, Encoding, Header, HeaderValue,
};
use actix_web::{HttpRequest, HttpResponse};

/// A year, the longest `max-age` caches honour; names change with contents.
const A_YEAR_SECS: u32 = 365 * 24 * 60 * 60;

/// `GET /assets/{file}`: the smallest accepted copy of a bundle file, cacheable for a year.
/// Anything but a plain file name of the folder is 404 (no path can leave it).
pub async fn asset(req: HttpRequest, dir: PathBuf) -> actix_web::Result<HttpResponse> {
    let name = req.match_info().get("file").unwrap_or_default();
    if !is_plain_name(name) || !dir.join(name).is_file() {
        return Ok(HttpResponse::NotFound().finish());
    }
    let original = dir.join(name);
    let (path, encoding) = choose(&req, &original);
    let mime = original.extension().and_then(|e| e.to_str()).map(actix_files::file_extension_to_mime);
    let mut file = NamedFile::open_async(&path).await?.use_etag(true).disable_content_disposition();
    if let Some(mime) = mime {
        file = file.set_content_type(mime);
    }
    if let Some(encoding) = encoding {
        file = file.set_content_encoding(encoding);
    }
    let mut response = file.into_response(&req);
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    let immutable = CacheControl(vec![
        CacheDirective::Public,
        CacheDirective::MaxAge(A_YEAR_SECS),
        CacheDirective::Extension("immutable".to_owned(), None),
    ]);
    if let Ok(value) = immutable.to_string().parse() {
        headers.insert(header::CACHE_CONTROL, value);
    }
    Ok(response)
}

/// Letters, digits, `.`, `-` and `_`, not starting with a dot: a file of the folder itself.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

/// The copy to send: brotli, then gzip, then the file itself, among the copies that exist and
/// the request accepts (no `Accept-Encoding` at all means the file itself).
fn choose(req: &HttpRequest, original: &Path) -> (PathBuf, Option<ContentEncoding>) {
    let copies = [(Encoding::brotli(), "br", ContentEncoding::Brotli), (Encoding::gzip(), "gz", ContentEncoding::Gzip)];
    let accepted = match AcceptEncoding::parse(req) {
        Ok(accepted) if !accepted.is_empty() => accepted,
        _ => return (original.to_path_buf(), None),
    };
    let mut present: Vec<(Encoding, PathBuf, ContentEncoding)> = copies
        .into_iter()
        .map(|(encoding, ext, content)| (encoding, with_suffix(original, ext), content))
        .filter(|(_, path, _)| path.is_file())
        .collect();
    let supported: Vec<Encoding> =
        present.iter().map(|(e, _, _)| e.clone()).chain(std::iter::once(Encoding::identity())).collect();
    match accepted.negotiate(supported.iter()) {
        Some(chosen) if chosen != Encoding::identity() => match present.iter().position(|(e, _, _)| *e == chosen) {
            Some(i) => {
                let (_, path, content) = present.swap_remove(i);
                (path, Some(content))
            }
            None => (original.to_path_buf(), None),
        },
        _ => (original.to_path_buf(), None),
    }
}

/// `app-1.wasm` → `app-1.wasm.br`.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_file_names_of_the_folder_are_served() {
        assert!(is_plain_name("app-0a1b2c3d.wasm"));
        assert!(is_plain_name("boot-0a1b2c3d.js"));
        for refused in ["", ".hidden", "..", "../secret", "a/b", "a\\b", "a%2fb", "名.js"] {
            assert!(!is_plain_name(refused), "{refused}");
        }
    }

    #[test]
    fn a_suffix_is_added_after_the_extension() {
        assert_eq!(with_suffix(Path::new("/d/app-1.wasm"), "br"), PathBuf::from("/d/app-1.wasm.br"));
    }
}
