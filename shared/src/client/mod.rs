//! The typed API client: the frontend, the tests and any tool call the server through it, so a
//! route without a method here is unfinished. Each area declares its routes in its own
//! `api.rs` with [`api!`], one line a route; the macro writes the method on [`Api`] and the
//! area's `ROUTES`, which the test of the OpenAPI document compares with what the server
//! describes. Natively it sends through reqwest; in the browser through `fetch` (gloo-net),
//! which keeps the wasm bundle small.

pub(crate) mod transport;

pub use transport::{Api, ClientError, Method};

use serde::Serialize;

/// Every route the client knows, as `(method, path)` with `{name}` placeholders, area by area.
pub fn routes() -> impl Iterator<Item = (&'static str, &'static str)> {
    [crate::page::ROUTES, crate::org::ROUTES, crate::registry::ROUTES, crate::applications::ROUTES]
        .into_iter()
        .chain([crate::attachments::ROUTES, crate::attachments::UPLOAD_ROUTES])
        .chain([crate::funds::ROUTES, crate::industry::ROUTES, crate::villages::ROUTES])
        .chain([crate::education::ROUTES, crate::employment::ROUTES, crate::credit::ROUTES, crate::health::ROUTES])
        .chain([crate::pairing::ROUTES, crate::reports::ROUTES, crate::oversight::ROUTES])
        .chain([
            crate::housing::ROUTES,
            crate::social_security::ROUTES,
            crate::ecology::ROUTES,
            crate::benefits::ROUTES,
            crate::infrastructure::ROUTES,
            crate::warnings::ROUTES,
        ])
        .flatten()
        .copied()
}

/// `?a=1&b=…` from a query struct, through serde_urlencoded: `None` fields are left out, and
/// so are empty texts (an empty search box is no filter).
pub fn query_string<Q: Serialize>(query: &Q) -> Result<String, ClientError> {
    let encoded = serde_urlencoded::to_string(query).map_err(|e| ClientError::Decode(e.to_string()))?;
    let kept: Vec<&str> = encoded.split('&').filter(|pair| !pair.is_empty() && !pair.ends_with('=')).collect();
    Ok(if kept.is_empty() { String::new() } else { format!("?{}", kept.join("&")) })
}

/// One path segment, percent-encoded (ids are digits; tokens and years pass through safely).
pub fn segment(value: &impl std::fmt::Display) -> String {
    serde_urlencoded::to_string([("", value.to_string())])
        .map(|pair| pair.trim_start_matches('=').replace('+', "%20"))
        .unwrap_or_default()
}

/// Declares routes of one area: `METHOD "path" => name(path args) [query(Q)] [body(B)] [upload(file)] -> R;`
/// writes `Api::name` and the area's `ROUTES`. `DOWNLOAD` is a GET answering a file's bytes,
/// `DELETE` answers nothing; every other route answers JSON of type `R`.
macro_rules! api {
    ($(
        $(#[$doc:meta])*
        $method:ident $path:literal => $name:ident ($($arg:ident : $arg_ty:ty),*)
            $(query($query:ty))? $(body($body:ty))? $(upload($file:ident))? -> $ret:ty;
    )*) => {
        impl $crate::client::Api {
            $(
                $(#[$doc])*
                #[doc = concat!("`", $crate::client::api!(@verb $method), " ", $path, "`")]
                pub async fn $name(
                    &self,
                    $($arg: $arg_ty,)*
                    $(query: &$query,)?
                    $(body: &$body,)?
                    $($file: Vec<u8>,)?
                ) -> Result<$ret, $crate::client::ClientError> {
                    $(let $arg = $crate::client::segment(&$arg);)*
                    #[allow(unused_mut)]
                    let mut path = format!($path);
                    $(path.push_str(&$crate::client::query_string::<$query>(query)?);)?
                    #[allow(unused_mut, unused_assignments)]
                    let mut payload: Option<(Vec<u8>, &str)> = None;
                    $(payload = Some(($crate::client::Api::json::<$body>(body)?, "application/json"));)?
                    $(payload = Some(($file, "application/octet-stream"));)?
                    let (status, bytes) = self.transport($crate::client::api!(@method $method), &path, payload).await?;
                    $crate::client::api!(@answer $method, status, bytes)
                }
            )*
        }

        /// This area's routes as `(method, path)`.
        pub const ROUTES: &[(&str, &str)] = &[$(($crate::client::api!(@verb $method), $path)),*];
    };
    (@verb GET) => { "get" };
    (@verb DOWNLOAD) => { "get" };
    (@verb POST) => { "post" };
    (@verb PUT) => { "put" };
    (@verb PATCH) => { "patch" };
    (@verb DELETE) => { "delete" };
    (@method GET) => { $crate::client::Method::Get };
    (@method DOWNLOAD) => { $crate::client::Method::Get };
    (@method POST) => { $crate::client::Method::Post };
    (@method PUT) => { $crate::client::Method::Put };
    (@method PATCH) => { $crate::client::Method::Patch };
    (@method DELETE) => { $crate::client::Method::Delete };
    (@answer DOWNLOAD, $status:ident, $bytes:ident) => { $crate::client::transport::bytes($status, $bytes) };
    (@answer DELETE, $status:ident, $bytes:ident) => { $crate::client::transport::empty($status, &$bytes) };
    (@answer $other:ident, $status:ident, $bytes:ident) => { $crate::client::transport::decode($status, &$bytes) };
}

pub(crate) use api;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Filters {
        q: Option<String>,
        page: Option<u64>,
        per_page: Option<u64>,
        status: Option<crate::HouseholdStatus>,
    }

    #[test]
    fn query_string_encodes_chinese_and_skips_missing_and_empty() {
        let filters = Filters { q: Some("张 村".to_owned()), page: None, per_page: Some(20), status: None };
        assert_eq!(query_string(&filters).ok().as_deref(), Some("?q=%E5%BC%A0+%E6%9D%91&per_page=20"));
        let empty = Filters { q: Some(String::new()), page: None, per_page: None, status: None };
        assert_eq!(query_string(&empty).ok().as_deref(), Some(""));
        let status = Filters { q: None, page: None, per_page: None, status: Some(crate::HouseholdStatus::Exited) };
        assert_eq!(query_string(&status).ok().as_deref(), Some("?status=exited"));
    }

    #[test]
    fn a_path_segment_is_percent_encoded() {
        assert_eq!(segment(&"a b/c"), "a%20b%2Fc");
        assert_eq!(segment(&42), "42");
    }

    #[test]
    fn every_route_is_declared_once() {
        let mut seen = std::collections::BTreeSet::new();
        for route in routes() {
            assert!(seen.insert(route), "{route:?} is declared twice");
        }
        assert!(seen.contains(&("get", "/api/v1/households/{id}")));
    }
}
