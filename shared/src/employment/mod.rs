//! Employment poverty alleviation (就业扶贫): members' jobs, recognised employment bases,
//! training and the transport subsidy of migrant workers, with the rules a job must keep.

mod api;
mod wire;

pub use api::ROUTES;
pub use wire::*;

use chrono::NaiveDate;

use crate::string_enum::string_enum;

string_enum! {
    /// How a poor labourer is employed.
    EmploymentKind {
        LocalJob = "local_job" ("就近务工", "Local job"),
        MigrantJob = "migrant_job" ("外出务工", "Migrant job"),
        SelfEmployed = "self_employed" ("自主创业", "Self-employed"),
        /// 公益岗位 such as 三保两护.
        PublicWelfarePost = "public_welfare_post" ("公益岗位", "Public-welfare post"),
        /// At a recognised base (就业扶贫基地, 居家就业基地, 扶贫驿站).
        BaseJob = "base_job" ("基地就业", "Base job"),
    }
}

string_enum! {
    /// Kinds of recognised employment base.
    BaseKind {
        EmploymentBase = "employment_base" ("就业扶贫基地", "Employment base"),
        HomeBase = "home_base" ("居家就业基地", "Home-working base"),
        Station = "station" ("就业扶贫驿站", "Employment station"),
    }
}

impl EmploymentKind {
    /// Whether the job is market employment (转移就业, 自主创业): the "employed poor labourers"
    /// figure counts these; public-welfare posts and base jobs are counted apart.
    pub fn is_market(self) -> bool {
        matches!(self, EmploymentKind::LocalJob | EmploymentKind::MigrantJob | EmploymentKind::SelfEmployed)
    }
}

/// Whether a job from `since` to `until` (open when `None`) is held at some day of
/// `from..=to`.
pub fn held_between(since: NaiveDate, until: Option<NaiveDate>, from: NaiveDate, to: NaiveDate) -> bool {
    since <= to && until.is_none_or(|until| until >= from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn a_job_counts_in_a_period_it_overlaps() {
        let (from, to) = (date(2020, 1, 1), date(2020, 9, 30));
        assert!(held_between(date(2019, 5, 1), None, from, to));
        assert!(held_between(date(2019, 5, 1), Some(date(2020, 1, 1)), from, to));
        assert!(!held_between(date(2019, 5, 1), Some(date(2019, 12, 31)), from, to));
        assert!(!held_between(date(2020, 10, 1), None, from, to));
    }

    #[test]
    fn market_jobs_leave_out_posts_and_bases() {
        assert!(EmploymentKind::MigrantJob.is_market());
        assert!(!EmploymentKind::PublicWelfarePost.is_market());
        assert!(!EmploymentKind::BaseJob.is_market());
    }
}
