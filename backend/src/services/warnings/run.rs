//! A run of every rule of a year over the district: each rule's query finds the households not
//! yet warned for it and the year, and the new warnings go in with one bulk insert a rule, so a
//! second run raises nothing new and a run over a million households stays a handful of
//! statements. The unique (household, rule, year) index is the last word should two runs meet.

use chrono::{Datelike, NaiveDate, Utc};
use jingzhun_shared::Capability;
use jingzhun_shared::error::Validator;
use jingzhun_shared::warnings::{RuleRaised, RunWarnings, WarningRule, WarningRun, WarningStatus};
use sea_orm::ActiveValue::Set;
use sea_orm::DatabaseTransaction;

use super::rules::{self, Candidate, Span};
use crate::actor::CurrentUser;
use crate::entities::warning;
use crate::error::{AppError, AppResult};
use crate::services::audit::Event;
use crate::services::bulk;
use crate::services::check_year;
use crate::services::registry::poverty_lines::poverty_line;
use crate::services::txn::{Db, in_txn};

fn row(c: Candidate, rule: WarningRule, year: i32, raised_on: NaiveDate) -> warning::ActiveModel {
    warning::ActiveModel {
        household_id: Set(c.household_id),
        village_id: Set(c.village_id),
        township_id: Set(c.township_id),
        org_path: Set(c.org_path),
        rule: Set(rule),
        year: Set(year),
        raised_on: Set(raised_on),
        amount_fen: Set(c.amount),
        reference_fen: Set(c.reference),
        record_count: Set(c.record_count),
        event_on: Set(c.event_on),
        detail: Set(c.detail.map(|d| d.chars().take(255).collect())),
        record_id: Set(c.record_id),
        status: Set(WarningStatus::Open),
        checked_on: Set(None),
        checked_by: Set(None),
        checked_by_name: Set(None),
        check_reason: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
}

/// Every rule of `year` not switched off, in one transaction, warnings dated `today`.
pub async fn run_rules(txn: &DatabaseTransaction, year: i32, today: NaiveDate) -> AppResult<WarningRun> {
    let span = Span::of(year, today).ok_or_else(|| AppError::field("year", "年度不合理"))?;
    let settings = super::settings::of_year(txn, year).await?;
    let line = poverty_line(txn, year).await?.map(|l| l.fen());
    let mut by_rule = Vec::new();
    for rule in WarningRule::ALL.iter().copied().filter(|r| !settings.disabled_rules.contains(r)) {
        let found = rules::find(txn, rule, span, &settings, line).await?;
        let raised = found.len() as u64;
        bulk::insert(txn, found.into_iter().map(|c| row(c, rule, year, today)).collect()).await?;
        by_rule.push(RuleRaised { rule, raised });
    }
    let raised = by_rule.iter().map(|r| r.raised).sum();
    Ok(WarningRun { year, raised_on: today, by_rule, raised })
}

/// Runs the rules of `input.year` over the district as `user` (the district), audited.
pub async fn run(db: &impl Db, user: &CurrentUser, input: RunWarnings) -> AppResult<WarningRun> {
    user.require(Capability::RunWarnings)?;
    let mut v = Validator::new();
    check_year(&mut v, input.year);
    if input.year > user.today.year() {
        v.add("year", "不能运行未来年度的预警");
    }
    v.finish()?;
    in_txn(db, Some(user), async |txn| {
        let run = run_rules(txn, input.year, user.today).await?;
        let event = Event::new("run", "warning", input.year).after(&run);
        Ok((run, event))
    })
    .await
}
