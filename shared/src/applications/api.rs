//! The applications' routes.

use super::{ApplicationDto, ApplicationQuery, ApplicationStep, CreateApplication};
use crate::ApplicationId;
use crate::client::api;
use crate::page::Page;

api! {
    GET "/api/v1/applications" => applications() query(ApplicationQuery) -> Page<ApplicationDto>;
    POST "/api/v1/applications" => create_application() body(CreateApplication) -> ApplicationDto;
    GET "/api/v1/applications/{id}" => application(id: ApplicationId) -> ApplicationDto;
    POST "/api/v1/applications/{id}/advance" => advance_application(id: ApplicationId) body(ApplicationStep) -> ApplicationDto;
    POST "/api/v1/applications/{id}/reject" => reject_application(id: ApplicationId) body(ApplicationStep) -> ApplicationDto;
    POST "/api/v1/applications/{id}/photos" => add_notice_photo(id: ApplicationId) upload(file) -> ApplicationDto;
    DOWNLOAD "/api/v1/applications/{id}/photos/{photo}" => notice_photo(id: ApplicationId, photo: i64) -> Vec<u8>;
}
