//! Browser tests in real headless Chromium, driven through chromedriver at a phone's size.

mod driver;
mod households;
mod login;
mod spa;
mod subsidies;
