//! The annual report assembles every family's own figures: for the demo year as of the end of
//! September each section is what that family's route answers, and the seed's headline figures
//! are in it; a township official's report counts the township; a role's missing rights leave
//! sections out by name, never the whole report.

use std::collections::BTreeMap;

use calamine::{Data, DataType, Reader};
use jingzhun_shared::Fen;
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::health::HealthFiguresQuery;
use jingzhun_shared::oversight::OversightFiguresQuery;
use jingzhun_shared::pairing::PairingFiguresQuery;
use jingzhun_shared::registry::OverviewQuery;
use jingzhun_shared::reports::AnnualReportQuery;
use jingzhun_shared::warnings::WarningStatsQuery;

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
    let pairing = PairingFiguresQuery { year: 2020, as_of, org_unit: None };
    assert_eq!(report.pairing.as_ref(), Some(&district.pairing_figures(&pairing).await.expect("pairing")));
    let health = HealthFiguresQuery { year: 2020, as_of, org_unit: None };
    assert_eq!(report.medical.as_ref(), Some(&district.health_figures(&health).await.expect("health")));
    let oversight = OversightFiguresQuery { year: 2020, as_of, org_unit_id: None };
    let problems = district.oversight_figures(&oversight).await.expect("oversight");
    assert!(problems.problems > 0 && problems.closed > 0, "the demo's rectification: {problems:?}");
    assert_eq!(report.oversight.as_ref(), Some(&problems));
    let warnings = WarningStatsQuery { year: 2020, as_of, org_unit: None };
    assert_eq!(report.warnings.as_ref(), Some(&district.warning_figures(&warnings).await.expect("warnings")));
    // 共安排扶贫项目81个，资金2531.239万元; 新增扶贫小额信贷1645万元; 住院补偿比例85.77%.
    let funds = report.funds.as_ref().expect("funds");
    assert_eq!((funds.projects, funds.budget_fen), (81, Fen::new(2_531_239_000)));
    assert_eq!(report.credit.as_ref().map(|c| c.new_amount_fen), Some(Fen::from_yuan(16_450_000)));
    assert_eq!(report.medical.as_ref().map(|h| h.inpatient.ratio_bp), Some(8_577));
    assert!(report.left_out.is_empty(), "{:?}", report.left_out);
    // The registry on a day: on the 30th of September 2019 the year's 838 exits, certified on
    // the 30th of November, are not yet counted; at the year's end they are.
    let autumn = AnnualReportQuery { year: 2019, as_of: Some(day(2019, 9, 30)), org_unit_id: None };
    let autumn = district.annual_report(&autumn).await.expect("autumn").registry.expect("registry");
    let winter = AnnualReportQuery { year: 2019, as_of: None, org_unit_id: None };
    let winter = district.annual_report(&winter).await.expect("winter").registry.expect("registry");
    assert_eq!(winter.exited_households - autumn.exited_households, 838);
    assert_eq!(winter.remaining_households + 838, autumn.remaining_households);
    assert_eq!(autumn.exits_by_year.last().map(|e| e.year), Some(2018));
    assert_eq!(winter.exits_by_year.last().map(|e| (e.year, e.households)), Some((2019, 838)));
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

/// Each sheet of a workbook by name, in order, with its lines: label → number.
fn sheets(bytes: &[u8]) -> Vec<(String, BTreeMap<String, f64>)> {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("a workbook");
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        let lines = range
            .rows()
            .filter_map(|row| match (row.first(), row.get(1)) {
                (Some(Data::String(label)), Some(value)) => value.as_f64().map(|v| (label.clone(), v)),
                _ => None,
            })
            .collect();
        out.push((name, lines));
    }
    out
}

fn figure(sheets: &[(String, BTreeMap<String, f64>)], sheet: &str, label: &str) -> f64 {
    let (_, lines) = sheets.iter().find(|(name, _)| name == sheet).unwrap_or_else(|| panic!("sheet {sheet}"));
    *lines.get(label).unwrap_or_else(|| panic!("{sheet}: {label} in {lines:?}"))
}

/// 万元 as the sheet holds them, from fen.
fn wan(fen: Fen) -> f64 {
    (fen.fen() as f64 / 100.0).round() / 10_000.0
}

#[tokio::test]
async fn the_report_as_xlsx_holds_the_json_report_s_numbers_one_sheet_a_section() {
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;
    let query = AnnualReportQuery { year: 2020, as_of: Some(day(2020, 9, 30)), org_unit_id: None };

    let report = district.annual_report(&query).await.expect("report");
    let bytes = district.annual_report_xlsx(&query).await.expect("workbook");
    let book = sheets(&bytes);

    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.first(), Some(&"建档立卡"), "{names:?}");
    assert!(names.contains(&"健康扶贫") && names.contains(&"社会扶贫"), "{names:?}");
    assert_eq!(names.last(), Some(&"防返贫监测"), "nothing is left out for the district: {names:?}");
    let oversight = report.oversight.as_ref().expect("oversight");
    assert_eq!(figure(&book, "问题整改", "反馈问题"), oversight.problems as f64);
    let warnings = report.warnings.as_ref().expect("warnings");
    assert_eq!(figure(&book, "防返贫监测", "预警户次"), warnings.total.raised as f64);
    let funds = report.funds.as_ref().expect("funds");
    assert_eq!(figure(&book, "资金项目", "扶贫项目"), 81.0);
    assert_eq!(figure(&book, "资金项目", "项目资金"), 2_531.239);
    assert_eq!(figure(&book, "资金项目", "项目资金"), wan(funds.budget_fen));
    assert_eq!(figure(&book, "资金项目", "完工项目"), funds.completed as f64);
    assert_eq!((figure(&book, "资金项目", "完工率") * 10_000.0).round() as i64, funds.completion_rate_bp);
    let credit = report.credit.as_ref().expect("credit");
    assert_eq!(figure(&book, "金融扶贫", "新增扶贫小额信贷"), 1_645.0);
    assert_eq!(figure(&book, "金融扶贫", "新增获贷户"), credit.new_households as f64);
    assert_eq!(figure(&book, "金融扶贫", "贷款余额"), wan(credit.outstanding_fen));
    assert_eq!((figure(&book, "健康扶贫", "住院补偿比例") * 10_000.0).round() as i64, 8_577);
    let medical = report.medical.as_ref().expect("medical");
    assert_eq!(figure(&book, "健康扶贫", "住院补偿人次"), medical.inpatient.person_times as f64);
    assert_eq!(figure(&book, "健康扶贫", "住院补偿金额"), wan(medical.inpatient.compensation_fen));
    let pairing = report.pairing.as_ref().expect("pairing");
    assert_eq!(figure(&book, "社会扶贫", "结对帮扶企业"), pairing.enterprises as f64);
}

#[tokio::test]
async fn the_xlsx_report_has_the_json_report_s_scope_and_leaves_out_what_the_role_may_not_read() {
    let app = TestApp::spawn_full().await;
    let township = app.login("township").await;
    let enterprise = app.login("enterprise").await;
    let district = app.login("district").await;
    let query = AnnualReportQuery { year: 2020, as_of: None, org_unit_id: None };

    let ours = township.annual_report(&query).await.expect("township");
    let book = sheets(&township.annual_report_xlsx(&query).await.expect("township's workbook"));
    let whole = sheets(&district.annual_report_xlsx(&query).await.expect("district's workbook"));
    let partner = sheets(&enterprise.annual_report_xlsx(&query).await.expect("enterprise's workbook"));

    let households = ours.registry.as_ref().map(|r| r.remaining_households as f64);
    assert_eq!(Some(figure(&book, "建档立卡", "未脱贫户")), households);
    assert_eq!(figure(&whole, "建档立卡", "未脱贫户"), 724.0);
    let new_loans = ours.credit.as_ref().map(|c| c.new_households as f64);
    assert_eq!(Some(figure(&book, "金融扶贫", "新增获贷户")), new_loans);
    assert!(figure(&book, "金融扶贫", "新增获贷户") < figure(&whole, "金融扶贫", "新增获贷户"));
    let names: Vec<&str> = partner.iter().map(|(n, _)| n.as_str()).collect();
    assert!(!names.contains(&"资金项目") && !names.contains(&"健康扶贫") && !names.contains(&"金融扶贫"), "{names:?}");
    assert!(names.contains(&"未列入的部分"), "{names:?}");
}
