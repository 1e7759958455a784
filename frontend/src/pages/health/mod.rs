//! Health pages (健康脱贫): the year's figures with the person search and the ledger download,
//! family-doctor signings with the expired ones, a person's health year with the claim entry
//! and correction form (the 351 and 180 computed as the figures are typed, by shared's engine),
//! the settlement import, premium subsidies, and the household card's health section (totals
//! only for clerks and township officials).

mod claim_form;
mod figures;
mod household;
mod import;
mod person;
mod premiums;
mod search;
mod signings;

pub use figures::HealthFiguresPage;
pub use household::HouseholdHealth;
pub use import::HealthImportPage;
pub use person::HealthPersonPage;
pub use premiums::PremiumsPage;
pub use signings::SigningsPage;

fn date(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The latest year, of the ten up to today's, that has health settings (claims can only be
/// entered for such a year); today's year when none has.
async fn latest_year(api: &jingzhun_shared::Api) -> i32 {
    use chrono::Datelike;
    let this_year = today().year();
    for year in (this_year - 9..=this_year).rev() {
        if api.health_settings(year).await.is_ok_and(|s| s.version > 0) {
            return year;
        }
    }
    this_year
}
