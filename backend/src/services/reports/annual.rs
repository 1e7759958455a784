//! One section per family, each from that family's figures service with the reader's own
//! rights: a section the role may not read is left out and named, never an error for the
//! whole report.

use jingzhun_shared::OrgUnitId;
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::health::HealthFiguresQuery;
use jingzhun_shared::oversight::OversightFiguresQuery;
use jingzhun_shared::pairing::PairingFiguresQuery;
use jingzhun_shared::reports::{AnnualReport, AnnualReportQuery, LeftOut};
use jingzhun_shared::warnings::WarningStatsQuery;

use crate::actor::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::txn::Db;
use crate::services::{
    credit, ecology, education, employment, funds, health, housing, industry, infrastructure, oversight, pairing,
    registry, social_security, warnings,
};

/// The section, `None` with its name in `left_out` when the reader's role may not read it.
fn section<T>(name: &str, result: AppResult<T>, left_out: &mut Vec<LeftOut>) -> AppResult<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(AppError::Forbidden(_)) => {
            left_out.push(LeftOut { section: name.to_owned(), reason: "当前角色无权查看此部分".to_owned() });
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// The year's report for `query.org_unit_id` (the reader's unit when absent).
pub async fn annual(db: &impl Db, user: &CurrentUser, query: AnnualReportQuery) -> AppResult<AnnualReport> {
    let txn = db.begin().await?;
    let db = &txn;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let rates = RatesQuery { year: query.year, as_of: query.as_of, org_unit_id: Some(OrgUnitId(unit.id)) };
    let mut out = Vec::new();
    let left = &mut out;
    let registry =
        section("registry", registry::overview::for_unit(db, user, &unit.path, query.year, query.as_of).await, left)?;
    let health_query = HealthFiguresQuery { year: query.year, as_of: query.as_of, org_unit: Some(OrgUnitId(unit.id)) };
    let pairing_query =
        PairingFiguresQuery { year: query.year, as_of: query.as_of, org_unit: Some(OrgUnitId(unit.id)) };
    let oversight_query =
        OversightFiguresQuery { year: query.year, as_of: query.as_of, org_unit_id: Some(OrgUnitId(unit.id)) };
    let warnings_query = WarningStatsQuery { year: query.year, as_of: query.as_of, org_unit: Some(OrgUnitId(unit.id)) };
    let report = AnnualReport {
        year: query.year,
        as_of: query.as_of,
        org_unit_id: OrgUnitId(unit.id),
        org_unit_name: unit.name.clone(),
        registry,
        funds: section("funds", funds::rates(db, user, rates.clone()).await, left)?,
        industry: section("industry", industry::summary(db, user, rates.clone()).await, left)?,
        credit: section("credit", credit::figures(db, user, rates.clone()).await, left)?,
        medical: section("medical", health::figures(db, user, health_query).await, left)?,
        education: section("education", education::figures::figures(db, user, rates.clone()).await, left)?,
        employment: section("employment", employment::figures::figures(db, user, rates.clone()).await, left)?,
        housing: section("housing", housing::figures::figures(db, user, rates.clone()).await, left)?,
        social_security: section(
            "social_security",
            social_security::figures::figures(db, user, rates.clone()).await,
            left,
        )?,
        ecology: section("ecology", ecology::figures::figures(db, user, rates.clone()).await, left)?,
        infrastructure: section("infrastructure", infrastructure::figures(db, user, rates).await, left)?,
        pairing: section("pairing", pairing::figures::figures(db, user, pairing_query).await, left)?,
        oversight: section("oversight", oversight::board::figures(db, user, oversight_query).await, left)?,
        warnings: section("warnings", warnings::list::stats(db, user, warnings_query).await, left)?,
        left_out: out,
    };
    txn.commit().await?;
    Ok(report)
}
