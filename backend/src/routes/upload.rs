//! Routes whose body may be larger than the JSON limit (spreadsheet uploads), registered and
//! described in one call like every other route. The path and method come from the handler's
//! `#[utoipa::path]`, so they are written once.

use actix_web::dev::{AppService, HttpServiceFactory};
use actix_web::http::Method;
use actix_web::{FromRequest, Handler, Responder, web};
use utoipa::openapi::path::HttpMethod;
use utoipa::openapi::{RefOr, path::Paths, schema::Schema};
use utoipa_actix_web::OpenApiFactory;

/// Largest spreadsheet accepted for import.
pub const SPREADSHEET_LIMIT: usize = 64 * 1024 * 1024;

/// A resource with its own body limit and the OpenAPI description `doc` of its handler.
pub struct Upload<D> {
    resource: actix_web::Resource,
    doc: D,
}

/// Registers `handler` at the path and methods of its description `doc` (the `__path_…` type
/// `#[utoipa::path]` makes), accepting bodies up to `limit` bytes.
pub fn with_limit<D, F, Args>(doc: D, handler: F, limit: usize) -> Upload<D>
where
    D: utoipa::Path,
    F: Handler<Args>,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    let mut resource = web::resource(D::path()).app_data(web::PayloadConfig::new(limit));
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
