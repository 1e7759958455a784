//! Health pages (健康脱贫): the year's figures, family-doctor signings with the expired ones,
//! a person's health year with the claim entry form (the 351 and 180 computed as the figures
//! are typed, by shared's engine), and the household card's health section (totals only for
//! clerks and township officials).

mod claim_form;
mod figures;
mod household;
mod person;
mod signings;

pub use figures::HealthFiguresPage;
pub use household::HouseholdHealth;
pub use person::HealthPersonPage;
pub use signings::SigningsPage;

fn date(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
