//! Dates a person types: a payment, an issue, a notice. Each lies between [`EARLIEST`] and the
//! office's today (the server's clock in China Standard Time, which tests can set), so a date
//! years ahead cannot satisfy a notice period and a mistyped year cannot overflow arithmetic.

use chrono::{Days, NaiveDate};

/// The earliest date a record of the office's work may carry (建档立卡 began in 2014; funds
/// and stations of earlier years are still on file).
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// The message for a typed date outside [`EARLIEST`]`..=today`, or `None` when it fits.
pub fn typed_date_error(date: NaiveDate, today: NaiveDate) -> Option<String> {
    if date > today {
        Some(format!("日期不能晚于今天（{today}）"))
    } else if date < EARLIEST {
        Some(format!("日期不能早于 {EARLIEST}"))
    } else {
        None
    }
}

/// `date` plus `days`, or `None` past the calendar's end (never a panic).
pub fn add_days(date: NaiveDate, days: u64) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn a_typed_date_lies_between_the_earliest_and_today() {
        let today = day(2026, 11, 29);
        assert_eq!(typed_date_error(today, today), None);
        assert_eq!(typed_date_error(EARLIEST, today), None);
        assert!(typed_date_error(day(2026, 11, 30), today).is_some_and(|m| m.contains("晚于今天")));
        assert!(typed_date_error(day(1999, 12, 31), today).is_some_and(|m| m.contains("早于")));
        assert!(typed_date_error(NaiveDate::MAX, today).is_some());
    }

    #[test]
    fn adding_days_past_the_calendar_is_none() {
        assert_eq!(add_days(day(2026, 11, 29), 7), Some(day(2026, 12, 6)));
        assert_eq!(add_days(NaiveDate::MAX, 7), None);
    }
}
