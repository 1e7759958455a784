//! The money: fund batches (资金批次), projects (扶贫项目) and their expenditures, the rates
//! and the expenditure import.

mod api;

pub use api::ROUTES;
mod wire;

pub use wire::*;

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
