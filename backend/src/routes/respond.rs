//! Answers shared by the areas: 201 with a body, 204, and an xlsx download.

use actix_web::HttpResponse;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub fn created<T: serde::Serialize>(value: T) -> HttpResponse {
    HttpResponse::Created().json(value)
}

pub fn no_content() -> HttpResponse {
    HttpResponse::NoContent().finish()
}

pub fn xlsx(bytes: Vec<u8>, filename: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(XLSX)
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{filename}\"")))
        .body(bytes)
}
