//! A `multipart/form-data` body, read whole within the route's limit, cut into its parts: what
//! a browser form or a phone's camera input (`<input type=file capture>`) sends. Small on
//! purpose: named parts, an optional file name, the bytes; nothing streamed, nothing nested.

use actix_web::web::Bytes;

use crate::error::{AppError, AppResult};

/// One field of the form.
pub struct Part {
    pub name: String,
    pub filename: Option<String>,
    pub data: Bytes,
}

fn malformed() -> AppError {
    AppError::BadRequest("上传内容不是有效的 multipart/form-data 表单".to_owned())
}

/// The boundary a `multipart/form-data; boundary=…` content type names.
pub fn boundary(content_type: &str) -> AppResult<String> {
    let mut params = content_type.split(';').map(str::trim);
    if !params.next().is_some_and(|kind| kind.eq_ignore_ascii_case("multipart/form-data")) {
        return Err(malformed());
    }
    params
        .filter_map(|p| p.split_once('='))
        .find(|(key, _)| key.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, value)| value.trim().trim_matches('"').to_owned())
        .filter(|b| !b.is_empty() && b.len() <= 70)
        .ok_or_else(malformed)
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|at| at + from)
}

/// `name="…"` and `filename="…"` of a part's Content-Disposition.
fn disposition(headers: &str) -> (Option<String>, Option<String>) {
    let (mut name, mut filename) = (None, None);
    for line in headers.split("\r\n") {
        let Some((key, value)) = line.split_once(':') else { continue };
        if !key.trim().eq_ignore_ascii_case("content-disposition") {
            continue;
        }
        for param in value.split(';').map(str::trim) {
            if let Some((k, v)) = param.split_once('=') {
                let v = v.trim().trim_matches('"').to_owned();
                match k.trim().to_ascii_lowercase().as_str() {
                    "name" => name = Some(v),
                    "filename" => filename = Some(v),
                    _ => {}
                }
            }
        }
    }
    (name, filename)
}

/// The parts of `body`, in order; 400 when it is not a form with this boundary.
pub fn parse(body: &Bytes, boundary: &str) -> AppResult<Vec<Part>> {
    let delimiter = format!("--{boundary}");
    let next = format!("\r\n--{boundary}");
    let mut at = find(body, delimiter.as_bytes(), 0).ok_or_else(malformed)? + delimiter.len();
    let mut parts = Vec::new();
    loop {
        if body.get(at..at + 2) == Some(b"--") {
            return Ok(parts);
        }
        if body.get(at..at + 2) != Some(b"\r\n") {
            return Err(malformed());
        }
        let head_end = find(body, b"\r\n\r\n", at + 2).ok_or_else(malformed)?;
        let headers = String::from_utf8_lossy(body.get(at + 2..head_end).ok_or_else(malformed)?).into_owned();
        let data_start = head_end + 4;
        let data_end = find(body, next.as_bytes(), data_start).ok_or_else(malformed)?;
        let (name, filename) = disposition(&headers);
        parts.push(Part { name: name.ok_or_else(malformed)?, filename, data: body.slice(data_start..data_end) });
        at = data_end + next.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fields_and_the_file_of_a_form_are_read_back() {
        let target = jingzhun_shared::attachments::AttachmentTarget {
            record_type: jingzhun_shared::attachments::RecordType::Notice,
            record_id: 7,
        };
        let file = b"%PDF-1.4\r\n--not-the-boundary\r\n".to_vec();
        let (body, content_type) = jingzhun_shared::attachments::multipart_body(&target, "公示.pdf", &file);
        let parts = parse(&Bytes::from(body), &boundary(&content_type).expect("boundary")).expect("parts");
        let names: Vec<_> = parts.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["record_type", "record_id", "file"]);
        assert_eq!(parts.first().map(|p| p.data.as_ref()), Some(&b"notice"[..]));
        assert_eq!(parts.last().map(|p| (p.filename.as_deref(), p.data.to_vec())), Some((Some("公示.pdf"), file)));
    }

    #[test]
    fn a_body_without_the_boundary_or_another_type_is_malformed() {
        assert!(boundary("application/json").is_err());
        assert!(parse(&Bytes::from_static(b"no parts here"), "abc").is_err());
        assert!(
            parse(&Bytes::from_static(b"--abc\r\nContent-Disposition: form-data\r\n\r\nx\r\n--abc--"), "abc").is_err()
        );
    }
}
