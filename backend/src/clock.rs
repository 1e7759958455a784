//! The office's calendar: today in China Standard Time (UTC+8), so a clerk entering today's
//! date at 07:00 in the morning is not told it lies in the future. A test (or a demo) may fix
//! the date with [`Clock::fixed`].

use chrono::{FixedOffset, NaiveDate, Utc};

/// Seconds east of UTC of China Standard Time.
const CST_OFFSET_SECS: i32 = 8 * 3600;

/// Where "today" comes from.
#[derive(Debug, Clone, Copy, Default)]
pub struct Clock {
    fixed: Option<NaiveDate>,
}

impl Clock {
    /// A clock that always says `today` (tests, demos of a past year).
    pub fn fixed(today: NaiveDate) -> Self {
        Self { fixed: Some(today) }
    }

    /// The office's today.
    pub fn today(&self) -> NaiveDate {
        self.fixed.unwrap_or_else(office_today)
    }
}

/// Today in China Standard Time by the system clock.
pub fn office_today() -> NaiveDate {
    match FixedOffset::east_opt(CST_OFFSET_SECS) {
        Some(cst) => Utc::now().with_timezone(&cst).date_naive(),
        None => Utc::now().date_naive(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_says_its_date_and_the_system_clock_is_at_most_a_day_from_utc() {
        let day = NaiveDate::from_ymd_opt(2020, 12, 31).unwrap_or_default();
        assert_eq!(Clock::fixed(day).today(), day);
        let utc = Utc::now().date_naive();
        let office = Clock::default().today();
        assert!(office == utc || office == utc.succ_opt().unwrap_or(utc));
    }
}
