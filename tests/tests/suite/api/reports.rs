//! The annual report assembles every family's own figures: for the demo year as of the end of
//! September each section is what that family's route answers, and the seed's headline figures
//! are in it; a township official's report counts the township; a role's missing rights leave
//! sections out by name, never the whole report.

use jingzhun_shared::Fen;
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::health::HealthFiguresQuery;
use jingzhun_shared::pairing::PairingFiguresQuery;
use jingzhun_shared::registry::OverviewQuery;
use jingzhun_shared::reports::AnnualReportQuery;

use crate::api::credit::day;
use crate::helpers::TestApp;

#[tokio::test]
async fn the_demo_year_s_report_is_every_family_s_own_figures_and_holds_the_seed_s_headlines() {
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;
    let as_of = Some(day(2020, 9, 30));
    let rates = RatesQuery { year: 2020, as_of, org_unit_id: None };

    let report =
        district.annual_report(&AnnualReportQuery { year: 2020, as_of, org_unit_id: None }).await.expect("report");
    let year_end = district.annual_report(&AnnualReportQuery { year: 2020, as_of: None, org_unit_id: None }).await;
    let year_end = year_end.expect("report at the year's end");

    assert_eq!(report.org_unit_name, "xx区");
    assert_eq!(report.funds.as_ref(), Some(&district.fund_rates(&rates).await.expect("rates")));
    assert_eq!(report.credit.as_ref(), Some(&district.credit_figures(&rates).await.expect("credit")));
    assert_eq!(report.education.as_ref(), Some(&district.education_figures(&rates).await.expect("education")));
    assert_eq!(report.industry.as_ref(), Some(&district.industry_summary(&rates).await.expect("industry")));
    let pairing = PairingFiguresQuery { year: 2020, org_unit: None };
    assert_eq!(report.pairing.as_ref(), Some(&district.pairing_figures(&pairing).await.expect("pairing")));
    let health = HealthFiguresQuery { year: 2020, as_of, org_unit: None };
    assert_eq!(report.medical.as_ref(), Some(&district.health_figures(&health).await.expect("health")));
    // 共安排扶贫项目81个，资金2531.239万元; 新增扶贫小额信贷1645万元; 住院补偿比例85.77%.
    let funds = report.funds.as_ref().expect("funds");
    assert_eq!((funds.projects, funds.budget_fen), (81, Fen::new(2_531_239_000)));
    assert_eq!(report.credit.as_ref().map(|c| c.new_amount_fen), Some(Fen::from_yuan(16_450_000)));
    assert_eq!(report.medical.as_ref().map(|h| h.inpatient.ratio_bp), Some(8_577));
    // The registry's overview counts the year's end only.
    assert!(report.registry.is_none() && report.left_out.iter().any(|l| l.section == "registry"));
    let overview = district.registry_overview(&OverviewQuery { year: Some(2020) }).await.expect("overview");
    assert_eq!(year_end.registry, Some(overview));
    assert!(year_end.left_out.is_empty(), "{:?}", year_end.left_out);
}

#[tokio::test]
async fn a_township_s_report_counts_the_township_and_a_role_s_missing_rights_leave_sections_out_by_name() {
    let app = TestApp::spawn_full().await;
    let township = app.login("township").await;
    let district = app.login("district").await;
    let enterprise = app.login("enterprise").await;
    let query = AnnualReportQuery { year: 2020, as_of: Some(day(2020, 9, 30)), org_unit_id: None };

    let ours = township.annual_report(&query).await.expect("township");
    let theirs = district
        .annual_report(&AnnualReportQuery { org_unit_id: Some(ours.org_unit_id), ..query.clone() })
        .await
        .expect("the district's report of the township");
    let whole = district.annual_report(&query).await.expect("district");
    let partner = enterprise.annual_report(&query).await.expect("enterprise");

    assert_eq!(ours.org_unit_name, "东山镇");
    assert_eq!(ours.credit, theirs.credit);
    let new_loans = |r: &jingzhun_shared::reports::AnnualReport| r.credit.as_ref().map(|c| c.new_households);
    assert!(new_loans(&ours) < new_loans(&whole), "{:?} < {:?}", new_loans(&ours), new_loans(&whole));
    assert!(partner.funds.is_none() && partner.medical.is_none() && partner.credit.is_none());
    let names: Vec<&str> = partner.left_out.iter().map(|l| l.section.as_str()).collect();
    assert!(names.contains(&"funds") && names.contains(&"medical") && names.contains(&"credit"), "{names:?}");
}
