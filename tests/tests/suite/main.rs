//! One binary for every black-box test. `JINGZHUN_TEST_DB=postgres` (with `TEST_DATABASE_URL`)
//! runs the same tests on PostgreSQL; `cargo xtask test` runs both.

mod api;
mod browser;
mod helpers;
