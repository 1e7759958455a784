//! Routes whose body may be larger than the JSON limit (spreadsheet uploads), registered and
//! described in one call like every other route. The path and method come from the handler's
//! `#[utoipa::path]`, so they are written once.
//!
//! The handler takes the body as an [`UploadBody`], which reads nothing until asked: it checks
//! the caller's role first, so a user who may not upload gets 403 whatever they send, and only
//! then reads the body within the route's limit (413 past it).

use std::future::{Ready, ready};

use actix_web::dev::{AppService, HttpServiceFactory, Payload};
use actix_web::http::{Method, header};
use actix_web::{FromRequest, Handler, HttpRequest, Responder, web};
use futures_util::StreamExt;
use utoipa::openapi::path::HttpMethod;
use utoipa::openapi::{RefOr, path::Paths, schema::Schema};
use utoipa_actix_web::OpenApiFactory;

use crate::error::{AppError, AppResult};

const MIB: usize = 1024 * 1024;

/// Largest spreadsheet accepted for import.
pub const IMPORT_LIMIT: usize = 10 * MIB;

/// The body limit of a route registered by [`with_limit`].
#[derive(Clone, Copy)]
struct BodyLimit(usize);

/// The body of an upload, not read yet.
pub struct UploadBody {
    payload: Payload,
    declared: Option<u64>,
    limit: usize,
}

impl FromRequest for UploadBody {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let Some(BodyLimit(limit)) = req.app_data::<BodyLimit>().copied() else {
            return ready(Err(AppError::Internal("an upload route registered without with_limit".to_owned())));
        };
        let declared =
            req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
        ready(Ok(UploadBody { payload: payload.take(), declared, limit }))
    }
}

impl UploadBody {
    /// Reads the body; 413 naming the limit as soon as it is known to pass it.
    pub async fn read(mut self) -> AppResult<web::Bytes> {
        let too_large = || AppError::PayloadTooLarge(format!("文件超过 {} MiB", self.limit / MIB));
        if self.declared.is_some_and(|n| n > self.limit as u64) {
            return Err(too_large());
        }
        let mut body = web::BytesMut::new();
        while let Some(chunk) = self.payload.next().await {
            let chunk = chunk.map_err(|e| AppError::BadRequest(format!("无法读取上传的文件：{e}")))?;
            if body.len().saturating_add(chunk.len()) > self.limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body.freeze())
    }
}

/// A resource with its own body limit and the OpenAPI description `doc` of its handler.
pub struct Upload<D> {
    resource: actix_web::Resource,
    doc: D,
}

/// Registers `handler` at the path and methods of its description `doc` (the `__path_…` type
/// `#[utoipa::path]` makes); its [`UploadBody`] reads up to `limit` bytes.
pub fn with_limit<D, F, Args>(doc: D, handler: F, limit: usize) -> Upload<D>
where
    D: utoipa::Path,
    F: Handler<Args>,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    let mut resource = web::resource(D::path()).app_data(BodyLimit(limit));
    for method in D::methods() {
        resource = resource.route(web::route().method(actix_method(&method)).to(handler.clone()));
    }
    Upload { resource, doc }
}

fn actix_method(method: &HttpMethod) -> Method {
    match method {
        HttpMethod::Get => Method::GET,
        HttpMethod::Post => Method::POST,
        HttpMethod::Put => Method::PUT,
        HttpMethod::Delete => Method::DELETE,
        HttpMethod::Options => Method::OPTIONS,
        HttpMethod::Head => Method::HEAD,
        HttpMethod::Patch => Method::PATCH,
        HttpMethod::Trace => Method::TRACE,
    }
}

impl<D> HttpServiceFactory for Upload<D> {
    fn register(self, config: &mut AppService) {
        self.resource.register(config);
    }
}

impl<D: OpenApiFactory> OpenApiFactory for Upload<D> {
    fn paths(&self) -> Paths {
        self.doc.paths()
    }

    fn schemas(&self, schemas: &mut Vec<(String, RefOr<Schema>)>) {
        self.doc.schemas(schemas);
    }
}
