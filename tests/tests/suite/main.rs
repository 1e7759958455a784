//! One binary for every black-box test. `JINGZHUN_TEST_DB=postgres` (with `TEST_DATABASE_URL`)
//! runs the same tests on PostgreSQL; `cargo xtask test` runs both.

#![allow(clippy::expect_used, clippy::unwrap_used, reason = "a test fails by panicking, helpers included")]

mod api;
mod browser;
mod helpers;
