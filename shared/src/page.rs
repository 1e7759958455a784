//! Lists answer one page at a time: `{items, total, page, per_page}`; and the probe's answer.

use serde::{Deserialize, Serialize};

/// One page of a list: `{items, total, page, per_page}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    /// `false` when `total` is a lower bound: very long lists stop counting at a cap so that
    /// a page still answers at once (the UI shows "10000+").
    #[serde(default = "exact")]
    pub total_exact: bool,
}

fn exact() -> bool {
    true
}

/// `?page=&per_page=`: pages count from 1; `per_page` is at most [`PageQuery::MAX_PER_PAGE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct PageQuery {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

impl PageQuery {
    pub const MAX_PER_PAGE: u64 = 200;
    pub const DEFAULT_PER_PAGE: u64 = 50;

    /// The page number, at least 1.
    pub fn page(self) -> u64 {
        self.page.unwrap_or(1).max(1)
    }

    /// The page size, between 1 and the maximum.
    pub fn per_page(self) -> u64 {
        self.per_page.unwrap_or(Self::DEFAULT_PER_PAGE).clamp(1, Self::MAX_PER_PAGE)
    }
}

/// `GET /healthz`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
    pub database: String,
    pub version: String,
}

mod api {
    //! The probes' routes.
    use super::Health;
    use crate::client::api;

    api! {
        /// Liveness and database reachability.
        GET "/healthz" => health() -> Health;
        /// The OpenAPI document of every route.
        GET "/api/v1/openapi.json" => openapi() -> serde_json::Value;
    }
}

pub use api::ROUTES;
