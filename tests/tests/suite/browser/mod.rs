//! Browser tests in real headless Chromium, driven through chromedriver at a phone's size (and,
//! where the layout differs, a desktop's).

mod accessibility;
mod attachments;
mod benefits;
mod credit;
mod dashboard;
mod driver;
mod education;
mod first_use;
mod health;
mod households;
mod login;
mod members;
mod nav;
mod oversight;
mod pairing;
mod pairing_admin;
mod password;
mod reports;
mod spa;
mod subsidies;
mod ten_projects;
mod warnings;
mod work_teams;
