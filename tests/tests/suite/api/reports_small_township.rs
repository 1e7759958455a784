//! The small district's report as 东山镇's township official reads it: only 张村's and
//! 东山村's records (h1–h4), every figure added up by hand; and the district's report of the
//! same township is the same report.

use jingzhun_shared::reports::AnnualReportQuery;
use serde_json::json;

use crate::api::reports_small::wire;
use crate::api::reports_small_data::build;

#[allow(clippy::too_many_lines, reason = "one assertion per section, in the report's order")]
#[tokio::test]
async fn a_township_s_report_of_the_small_district_counts_only_its_villages_records() {
    let s = build().await;
    let (z, d) = (s.villages[0].0, s.villages[1].0);
    let township = s.app.login("township").await;
    let query = AnnualReportQuery { year: 2020, as_of: None, org_unit_id: None };

    let r = township.annual_report(&query).await.expect("report");
    let theirs = s.district.annual_report(&AnnualReportQuery { org_unit_id: Some(r.org_unit_id), ..query }).await;

    assert_eq!(r.org_unit_name, "东山镇");
    assert!(r.left_out.is_empty(), "{:?}", r.left_out);
    let unit = json!({ "id": r.org_unit_id.0, "name": "东山镇", "level": "township" });
    assert_eq!(
        wire!(r.registry),
        json!({
            "year": 2020, "households": 4, "people": 7, "remaining_households": 4, "remaining_people": 7,
            "by_category": [{ "category": "dibao", "households": 1, "people": 2 },
                { "category": "wubao", "households": 1, "people": 1 },
                { "category": "general", "households": 2, "people": 4 }], // h2 1 + h4 3
            "exited_households": 0, "exited_people": 0,
            "poor_villages": 3, "exited_villages": 2, // 东山村, 坑上村 (exited), 张村
            "exits_by_year": [], "pre_exit_households": 0, "pre_exit_people": 0, "monitored_households": 0,
        })
    );
    // p1 30,000 (9,000 spent), p2 20,000 (spent), p4 30,000 (15,000 spent), p6 8,000.
    assert_eq!(
        wire!(r.funds),
        json!({
            "projects": 4, "started": 3, "completed": 2, "budget_fen": 8_800_000, "spent_fen": 4_400_000,
            "industry_projects": 2, "industry_budget_fen": 5_000_000,
            "start_rate_bp": 7_500, "completion_rate_bp": 5_000,
            "expenditure_rate_bp": 5_000, // 44,000 / 88,000
            "industry_share_bp": 5_682,   // 50,000 / 88,000 = 0.568181
        })
    );
    let industry = wire!(r.industry);
    assert_eq!(
        (&industry["villages"], &industry["villages_with_industry"], &industry["village_coverage_bp"]),
        (&json!(7), &json!(2), &json!(2_857)) // 2 / 7
    );
    assert_eq!((&industry["households"], &industry["households_with_subsidy"]), (&json!(4), &json!(3)));
    assert_eq!((&industry["household_coverage_bp"], &industry["subsidy_fen"]), (&json!(7_500), &json!(1_700_000)));
    let credit = wire!(r.credit);
    let share = json!({ "name": "农商银行", "outstanding_fen": 11_500_000, "overdue_fen": 4_000_000, "overdue_rate_bp": 3_478 });
    assert_eq!(
        credit,
        json!({
            "year": 2020, "as_of": "2020-12-20", "new_amount_fen": 8_000_000, "new_households": 2, // L2 + L3
            "household_use": { "households": 1, "amount_fen": 3_000_000 },
            "enterprise_use": { "households": 1, "amount_fen": 5_000_000 },
            "plan_fen": null, "plan_completion_bp": 0, // the province's plan is the district's
            "outstanding_fen": 11_500_000, "borrowing_households": 3, "households_on_file": 4, "coverage_bp": 7_500,
            "overdue_fen": 4_000_000, "overdue_rate_bp": 3_478, // 40,000 / 115,000
            "overdue_by_bank": [share],
            "overdue_by_township": [{ "name": "东山镇", "outstanding_fen": 11_500_000, "overdue_fen": 4_000_000,
                "overdue_rate_bp": 3_478 }],
            "subsidy_paid_fen": 0, "risk_fund_balance_fen": 0, "returns_late": 0,
        })
    );
    let medical = wire!(r.medical);
    assert_eq!(medical["org_unit"], unit);
    // h1 10,000 (3,000 own, 1,000 fallback) and h4 4,000 (1,200 own): 14,000 cost, 9,800 paid.
    assert_eq!(
        medical["inpatient"],
        json!({ "person_times": 2, "total_cost_fen": 1_400_000, "compensation_fen": 980_000,
            "fallback_fen": 100_000, "supplementary_fen": 0, "ratio_bp": 7_000 })
    );
    assert_eq!(
        (&medical["outpatient"]["person_times"], &medical["chronic"]["supplementary_fen"]),
        (&json!(1), &json!(40_000))
    );
    assert_eq!(
        (&medical["registered_people"], &medical["signed_people"], &medical["signing_rate_bp"]),
        (&json!(7), &json!(2), &json!(2_857))
    );
    let education = wire!(r.education);
    assert_eq!(education["student_aid"], json!({ "students": 2, "amount_fen": 400_000 })); // h4's two
    assert_eq!(education["out_of_district"], json!({ "students": 1, "amount_fen": 300_000 }));
    let employment = wire!(r.employment);
    assert_eq!((&employment["employed"], &employment["public_welfare_posts"]), (&json!(1), &json!(1)));
    assert_eq!(employment["public_welfare_average_wage_fen"], json!(60_000));
    let housing = wire!(r.housing);
    assert_eq!(
        (&housing["planned"], &housing["completion_rate_bp"], &housing["unsafe_households"]),
        (&json!(1), &json!(10_000), &json!(1))
    );
    let social = wire!(r.social_security);
    assert_eq!(
        (&social["dibao_households"], &social["dibao_people"], &social["short_households"]),
        (&json!(1), &json!(2), &json!(2))
    );
    assert_eq!(
        social["payments"][0],
        json!({ "kind": "dibao", "households": 1, "payments": 1, "amount_fen": 390_000 })
    );
    let ecology = wire!(r.ecology);
    assert_eq!(ecology["programmes"][0]["area_mu"], json!(5));
    assert_eq!(ecology["programmes"][1]["households"], json!(0)); // h6's forest lies in 城关镇
    let infrastructure = wire!(r.infrastructure);
    assert_eq!(infrastructure["rows"].as_array().map(Vec::len), Some(1));
    assert_eq!(infrastructure["totals"][0]["org_unit_name"], json!("东山镇"));
    assert_eq!(infrastructure["rows"][0]["org_unit_id"], json!(z));
    let pairing = wire!(r.pairing);
    assert_eq!(
        (&pairing["enterprises"], &pairing["villages"], &pairing["households"]),
        (&json!(1), &json!(2), &json!(1))
    );
    assert_eq!(pairing["totals"]["products_fen"], json!(0)); // the mill's products went to 呈阳村
    assert_eq!(pairing["per_village"][0]["village"]["id"], json!(d));
    // The district's report of the township is the township's own, the registry included.
    let theirs = theirs.expect("the district's report of the township");
    assert_eq!(theirs, r);
}
