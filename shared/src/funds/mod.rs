//! The money: fund batches (资金批次), projects (扶贫项目) and their expenditures, the rates
//! and the expenditure import.

mod api;

pub use api::ROUTES;
mod wire;

pub use wire::*;

use crate::Fen;
use crate::string_enum::string_enum;

string_enum! {
    /// Where a fund batch's money comes from.
    FundSource {
        Central = "central" ("中央财政", "Central"),
        Provincial = "provincial" ("省级财政", "Provincial"),
        Municipal = "municipal" ("市级财政", "Municipal"),
        District = "district" ("区级财政", "District"),
    }
}

string_enum! {
    /// What a project builds (扶贫项目类别).
    ProjectKind {
        Industry = "industry" ("产业", "Industry"),
        Infrastructure = "infrastructure" ("基础设施", "Infrastructure"),
        Employment = "employment" ("就业", "Employment"),
        Education = "education" ("教育", "Education"),
        Health = "health" ("健康", "Health"),
        Housing = "housing" ("住房", "Housing"),
        Ecology = "ecology" ("生态", "Ecology"),
        Other = "other" ("其他", "Other"),
    }
}

string_enum! {
    /// A project's progress; it only moves forward, one step at a time.
    ProjectStatus {
        Planned = "planned" ("计划", "Planned"),
        Started = "started" ("已开工", "Started"),
        Completed = "completed" ("已竣工", "Completed"),
        Accepted = "accepted" ("已验收", "Accepted"),
    }
}

impl ProjectStatus {
    /// The status after this one, `None` after acceptance.
    pub fn next(self) -> Option<ProjectStatus> {
        match self {
            ProjectStatus::Planned => Some(ProjectStatus::Started),
            ProjectStatus::Started => Some(ProjectStatus::Completed),
            ProjectStatus::Completed => Some(ProjectStatus::Accepted),
            ProjectStatus::Accepted => None,
        }
    }

    /// Whether work has begun (counts for the start rate).
    pub fn is_started(self) -> bool {
        self != ProjectStatus::Planned
    }

    /// Whether work is finished (counts for the completion rate).
    pub fn is_completed(self) -> bool {
        matches!(self, ProjectStatus::Completed | ProjectStatus::Accepted)
    }
}

/// The most a batch may be issued: 100 亿元 (a batch carries many projects of up to
/// [`Fen::MAX_RECORD`] each).
pub const MAX_ISSUED: Fen = Fen::new(1_000_000_000_000);

/// A batch's issued amount when it is more than nothing and at most [`MAX_ISSUED`], else the
/// message for the field.
pub fn issued_amount(issued: Fen) -> Result<Fen, String> {
    if issued <= Fen::ZERO {
        Err("下达金额须大于 0".to_owned())
    } else if issued > MAX_ISSUED {
        Err("下达金额不能超过 100 亿元".to_owned())
    } else {
        Ok(issued)
    }
}

/// The shares of a batch's issued amount, or why not: `shares` empty means all of `issued`
/// from `main`; otherwise each share is positive, each source appears once, and they add up
/// to `issued`.
pub fn source_shares(issued: Fen, main: FundSource, shares: &[SourceShare]) -> Result<Vec<SourceShare>, String> {
    if shares.is_empty() {
        return Ok(vec![SourceShare { source: main, amount_fen: issued }]);
    }
    let mut total = Fen::ZERO;
    for (i, share) in shares.iter().enumerate() {
        if share.amount_fen <= Fen::ZERO || share.amount_fen > MAX_ISSUED {
            return Err(format!("{}金额须大于 0 且不超过下达金额", share.source.zh()));
        }
        if shares.iter().take(i).any(|s| s.source == share.source) {
            return Err(format!("{}重复列出", share.source.zh()));
        }
        total = total.checked_add(share.amount_fen).ok_or_else(|| "各来源金额合计过大".to_owned())?;
    }
    if total != issued {
        return Err(format!(
            "各来源金额合计 {} 元，须等于下达金额 {} 元",
            total.to_yuan_string(),
            issued.to_yuan_string()
        ));
    }
    Ok(shares.to_vec())
}

#[cfg(test)]
mod tests {
    use super::{FundSource, SourceShare, source_shares};
    use crate::Fen;

    fn share(source: FundSource, fen: i64) -> SourceShare {
        SourceShare { source, amount_fen: Fen::new(fen) }
    }

    #[test]
    fn no_shares_means_all_of_it_from_the_batch_source() {
        let shares = source_shares(Fen::new(500), FundSource::Provincial, &[]);
        assert_eq!(shares, Ok(vec![share(FundSource::Provincial, 500)]));
    }

    #[test]
    fn shares_must_add_up_to_the_issued_amount() {
        let mixed = [share(FundSource::Central, 300), share(FundSource::District, 200)];
        assert_eq!(source_shares(Fen::new(500), FundSource::Central, &mixed).map(|s| s.len()), Ok(2));
        assert!(source_shares(Fen::new(600), FundSource::Central, &mixed).is_err());
    }

    #[test]
    fn a_source_listed_twice_or_a_share_of_zero_is_refused() {
        let twice = [share(FundSource::Central, 300), share(FundSource::Central, 200)];
        assert!(source_shares(Fen::new(500), FundSource::Central, &twice).is_err());
        let zero = [share(FundSource::Central, 500), share(FundSource::Municipal, 0)];
        assert!(source_shares(Fen::new(500), FundSource::Central, &zero).is_err());
    }
}
