//! One folder per area of the office's work (`org`, `registry`, `applications`, `funds`, `credit`), as in
//! `shared` and the backend; a page owns its data (resources, actions) and lays out components.

pub mod applications;
pub mod benefits;
pub mod credit;
pub mod ecology;
pub mod education;
pub mod employment;
pub mod funds;
pub mod health;
pub mod home;
pub mod housing;
pub mod industry;
pub mod login;
pub mod org;
pub mod oversight;
pub mod pairing;
pub mod registry;
pub mod reports;
pub mod social_security;
pub mod ten_projects;
pub mod villages;
pub mod warnings;
