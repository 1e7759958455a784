//! The demo year's funds against the seed's figures, computed from generated records.

use chrono::NaiveDate;
use jingzhun_shared::funds::{FundBatchQuery, ProjectQuery, RatesQuery};
use jingzhun_shared::industry::IndustrySubsidyQuery;
use jingzhun_shared::{Api, Fen, ProjectId, ProjectKind};

use super::funds::paid_out;
use crate::helpers::TestApp;

#[tokio::test]
async fn the_demo_year_reproduces_the_seed_s_funds_figures() {
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;

    let batches =
        district.fund_batches(&FundBatchQuery { year: Some(2020), ..Default::default() }).await.expect("batches").items;
    let rates = district.fund_rates(&RatesQuery { year: 2020, ..Default::default() }).await.expect("rates");
    let kinds = district.funds_by_kind(&RatesQuery { year: 2020, ..Default::default() }).await.expect("by kind");

    let shape: Vec<(i32, u64, i64)> = batches.iter().map(|b| (b.seq, b.projects, b.allocated_fen.fen())).collect();
    assert_eq!(
        shape,
        vec![(1, 37, 1_013_700_000), (2, 13, 440_039_000), (3, 19, 896_400_000), (4, 12, 181_100_000)],
        "37 / 13 / 19 / 12 projects, 1,013.7 / 440.039 / 896.4 / 181.1 万元"
    );
    assert_eq!((rates.projects, rates.budget_fen), (81, Fen::new(2_531_239_000)));
    assert_eq!((rates.industry_projects, rates.industry_budget_fen), (62, Fen::new(1_918_600_000)));
    assert_eq!(rates.industry_share_bp, 7_580);
    assert_eq!(rates.start_rate_bp, 10_000);
    assert_eq!((rates.completed, rates.completion_rate_bp), (69, 8_519));
    assert_eq!(rates.expenditure_rate_bp, 9_806);
    let industry = kinds.iter().find(|k| k.kind == ProjectKind::Industry).expect("industry");
    assert_eq!((industry.projects, industry.budget_fen), (62, Fen::new(1_918_600_000)));
    let kinds_total: i64 = kinds.iter().map(|k| k.budget_fen.fen()).sum();
    assert_eq!(kinds_total, 2_531_239_000);
}

/// What the subsidies a project paid add up to, in fen.
async fn subsidised(api: &Api, project: ProjectId) -> i64 {
    let (mut sum, mut page) = (0, 1);
    loop {
        let query = IndustrySubsidyQuery {
            project_id: Some(project),
            page: Some(page),
            per_page: Some(200),
            ..Default::default()
        };
        let listed = api.industry_subsidies(&query).await.expect("the project's subsidies");
        sum += listed.items.iter().map(|s| s.amount_fen.fen()).sum::<i64>();
        if page * 200 >= listed.total {
            return sum;
        }
        page += 1;
    }
}

#[tokio::test]
async fn every_demo_project_s_running_sum_equals_its_expenditures_and_subsidies() {
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;

    let projects =
        district.projects(&ProjectQuery { per_page: Some(200), ..Default::default() }).await.expect("projects");

    assert_eq!(projects.total, 81);
    let mut subsidies = 0;
    for p in &projects.items {
        let paid_to_households = subsidised(&district, p.id).await;
        assert_eq!(
            Fen::new(paid_out(&district, p.id).await + paid_to_households),
            p.spent_fen,
            "project {} spends what its expenditures and subsidies add up to",
            p.id
        );
        assert!(p.spent_fen <= p.budget_fen);
        assert!(paid_to_households == 0 || p.kind == ProjectKind::Industry, "only industry projects pay subsidies");
        subsidies += paid_to_households;
    }
    let summary =
        district.industry_summary(&RatesQuery { year: 2020, org_unit_id: None, as_of: None }).await.expect("summary");
    assert_eq!(Fen::new(subsidies), summary.subsidy_fen, "every demo subsidy names a project of the year");
}

#[tokio::test]
async fn the_demo_batches_are_issued_what_their_projects_hold_before_any_of_them_starts() {
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;

    let batches =
        district.fund_batches(&FundBatchQuery { year: Some(2020), ..Default::default() }).await.expect("batches").items;
    let projects =
        district.projects(&ProjectQuery { per_page: Some(200), ..Default::default() }).await.expect("projects").items;
    let september = RatesQuery { year: 2020, as_of: NaiveDate::from_ymd_opt(2020, 9, 30), org_unit_id: None };
    let at_month_end = district.fund_rates(&september).await.expect("rates as of 9月底");
    let now = district.fund_rates(&RatesQuery { year: 2020, ..Default::default() }).await.expect("rates");

    for b in &batches {
        assert_eq!((b.issued_fen, b.unallocated_fen), (b.allocated_fen, Fen::ZERO), "batch {}", b.seq);
        let shares: i64 = b.sources.iter().map(|s| s.amount_fen.fen()).sum();
        assert_eq!(shares, b.issued_fen.fen(), "batch {}: the sources add up", b.seq);
    }
    assert!(batches.iter().any(|b| b.sources.len() > 1), "some batch mixes sources");
    for p in &projects {
        let b = batches.iter().find(|b| b.id == p.batch_id).expect("its batch");
        assert!(p.started_on.is_some_and(|d| d >= b.issued_on), "{} starts after its batch is issued", p.name);
        assert!(p.announced_to.is_some_and(|d| Some(d) < p.started_on), "{} is announced before it starts", p.name);
        assert!(p.quantity.is_some() && p.unit.is_some(), "{} says what it builds", p.name);
        assert!(p.beneficiary_households > 0, "{} benefits households", p.name);
        if p.name.contains("饮水安全") {
            assert_eq!(p.kind, ProjectKind::Infrastructure, "{}", p.name);
        }
    }
    assert!(projects.iter().any(|p| p.name.contains("饮水安全")));
    assert_eq!(at_month_end, now, "every demo record is dated by the end of September");
}
