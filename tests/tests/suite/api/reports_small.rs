//! The annual report of a small district added up by hand: every field of every section of the
//! district official's report at the end of 2020, against the records of
//! `reports_small_data.rs` (the arithmetic beside each figure). Money in fen, rates in basis
//! points rounded half up, as on the wire.

use jingzhun_shared::reports::AnnualReportQuery;
use serde_json::{Value, json};

use crate::api::reports_small_data::build;

/// A section of the report as it goes on the wire.
macro_rules! wire {
    ($section:expr) => {
        serde_json::to_value($section.as_ref().expect("the section is in the report")).expect("json")
    };
}
pub(crate) use wire;

#[allow(clippy::too_many_lines, reason = "one assertion of every field per section, in the report's order")]
#[tokio::test]
async fn a_small_district_s_report_holds_every_figure_added_up_by_hand() {
    let s = build().await;
    let (z, d, c) = (s.villages[0].0, s.villages[1].0, s.villages[2].0);

    let r = s.district.annual_report(&AnnualReportQuery { year: 2020, as_of: None, org_unit_id: None }).await;
    let r = r.expect("report");

    assert_eq!((r.year, r.as_of, r.org_unit_name.as_str()), (2020, None, "xx区"));
    assert!(r.left_out.is_empty(), "{:?}", r.left_out);
    let district = json!({ "id": r.org_unit_id.0, "name": "xx区", "level": "district" });
    // h1 2 + h2 1 + h3 1 + h4 3 + h5 2 + h6 1 = 10 people in 6 households, all registered.
    assert_eq!(
        wire!(r.registry),
        json!({
            "year": 2020, "households": 6, "people": 10, "remaining_households": 6, "remaining_people": 10,
            "by_category": [
                { "category": "dibao", "households": 2, "people": 4 },   // h1 2 + h5 2
                { "category": "wubao", "households": 1, "people": 1 },   // h3
                { "category": "general", "households": 3, "people": 5 }, // h2 1 + h4 3 + h6 1
            ],
            "exited_households": 0, "exited_people": 0,
            // The demo tree: 12 poor villages, 4 of them exited at the end of 2019.
            "poor_villages": 12, "exited_villages": 4,
            "exits_by_year": [], "pre_exit_households": 0, "pre_exit_people": 0,
            "monitored_households": 1, // h6
        })
    );
    // Budgets 30,000 + 20,000 + 5,000 + 30,000 + 15,000 + 8,000 = 108,000 元; started p1 p2 p4 p5;
    // completed p2 p4; spent: p1 the subsidies 6,000 + 3,000, p2 12,000 + the subsidy 8,000,
    // p4 15,000, p5 3,000 = 47,000 元; industry p1–p3 55,000 元.
    assert_eq!(
        wire!(r.funds),
        json!({
            "projects": 6, "started": 4, "completed": 2, "budget_fen": 10_800_000, "spent_fen": 4_700_000,
            "industry_projects": 3, "industry_budget_fen": 5_500_000,
            "start_rate_bp": 6_667,          // 4 / 6
            "completion_rate_bp": 3_333,     // 2 / 6
            "expenditure_rate_bp": 4_352,    // 47,000 / 108,000 = 0.435185
            "industry_share_bp": 5_093,      // 55,000 / 108,000
        })
    );
    assert_eq!(
        wire!(r.industry),
        json!({
            "villages": 48, "villages_with_industry": 3, // p1 张村, p2 东山村, p3 呈阳村
            "village_coverage_bp": 625,                  // 3 / 48
            "households": 6, "households_with_subsidy": 3, "household_coverage_bp": 5_000, // h1 h2 h4
            "subsidies": 3, "subsidy_fen": 1_700_000, // 2 × 3,000 + 3,000 + min(3 × 3,000, cap 8,000)
            "business_entities": 0, "entity_households": 0, "pv_stations": 0, "pv_capacity_kw": 0,
            "pv_grid_connected": 0, "pv_dividend_households": 0, "pv_income_fen": 0, "pv_distributed_fen": 0,
            "asset_investment_fen": 0, "asset_households": 0, "asset_people": 0,
        })
    );
    // As of the clock's day (20 December): L1 40,000 left and overdue since 1 June (due a year
    // after 2019-06-01); L2 30,000 − 5,000; L3 50,000; L4 20,000.
    assert_eq!(
        wire!(r.credit),
        json!({
            "year": 2020, "as_of": "2020-12-20",
            "new_amount_fen": 10_000_000, "new_households": 3, // L2 + L3 + L4 = 100,000 元
            "household_use": { "households": 2, "amount_fen": 5_000_000 },  // L2 L4
            "enterprise_use": { "households": 1, "amount_fen": 5_000_000 }, // L3
            "plan_fen": null, "plan_completion_bp": 0,
            "outstanding_fen": 13_500_000, // 40,000 + 25,000 + 50,000 + 20,000
            "borrowing_households": 4, "households_on_file": 6, "coverage_bp": 6_667,
            "overdue_fen": 4_000_000, "overdue_rate_bp": 2_963, // 40,000 / 135,000
            "overdue_by_bank": [
                { "name": "农商银行", "outstanding_fen": 11_500_000, "overdue_fen": 4_000_000, "overdue_rate_bp": 3_478 },
                { "name": "邮储银行", "outstanding_fen": 2_000_000, "overdue_fen": 0, "overdue_rate_bp": 0 },
            ],
            "overdue_by_township": [
                { "name": "东山镇", "outstanding_fen": 11_500_000, "overdue_fen": 4_000_000, "overdue_rate_bp": 3_478 },
                { "name": "城关镇", "outstanding_fen": 2_000_000, "overdue_fen": 0, "overdue_rate_bp": 0 },
            ],
            "subsidy_paid_fen": 0, "risk_fund_balance_fen": 0, "returns_late": 0,
        })
    );
    // Inpatient: 10,000 − (6,000 + 1,000 fallback) = 3,000 own, 4,000 − 2,800 = 1,200 own,
    // 20,000 − (12,000 + 5,000) = 3,000 own: 34,000 元 cost, 7,200 own, 26,800 paid.
    assert_eq!(
        wire!(r.medical),
        json!({
            "year": 2020, "as_of": "2020-12-31", "org_unit": district,
            "inpatient": { "person_times": 3, "total_cost_fen": 3_400_000, "compensation_fen": 2_680_000,
                "fallback_fen": 600_000, "supplementary_fen": 0, "ratio_bp": 7_882 }, // 26,800 / 34,000
            "outpatient": { "person_times": 1, "total_cost_fen": 20_000, "compensation_fen": 10_000,
                "fallback_fen": 0, "supplementary_fen": 0, "ratio_bp": 5_000 },
            // 1,000 − 500 basic = 500 left; the 180 pays 80 %: 400; 100 own.
            "chronic": { "person_times": 1, "total_cost_fen": 100_000, "compensation_fen": 90_000,
                "fallback_fen": 0, "supplementary_fen": 40_000, "ratio_bp": 9_000 },
            "registered_people": 10, "signed_people": 2, "signing_rate_bp": 2_000,
            "fallback_fund_fen": 600_000, "commercial_fund_fen": 0, "supplement_fund_fen": 40_000,
            "premium_people": 0, "premium_fen": 0,
        })
    );
    let stage =
        |stage: &str, students: u64, fen: i64| json!({ "stage": stage, "students": students, "amount_fen": fen });
    let programme =
        |p: &str, students: u64, fen: i64| json!({ "programme": p, "students": students, "amount_fen": fen });
    assert_eq!(
        wire!(r.education),
        json!({
            "year": 2020, "student_aid": { "students": 3, "amount_fen": 550_000 }, // 1,000 + 3,000 + 1,500
            "by_stage": [stage("preschool", 0, 0), stage("compulsory", 0, 0), stage("high_school", 2, 250_000),
                stage("vocational", 0, 0), stage("university", 1, 300_000)],
            "in_district": { "students": 2, "amount_fen": 250_000 },
            "out_of_district": { "students": 1, "amount_fen": 300_000 },
            "by_programme": [programme("national", 3, 550_000), programme("district_supplement", 0, 0),
                programme("yulu", 0, 0)],
            "out_of_school": 0,
        })
    );
    let base = |kind: &str| json!({ "kind": kind, "bases": 0, "posts": 0, "absorbed": 0 });
    assert_eq!(
        wire!(r.employment),
        json!({
            "year": 2020, "employed": 2, // h1's migrant and h5's local job
            "posts_offered": 0, "public_welfare_posts": 2,
            "public_welfare_average_wage_fen": 70_050, // (600 + 801) / 2 = 700.50 元
            "public_welfare_min_wage_fen": 60_000, "public_welfare_max_wage_fen": 80_100,
            "bases": [base("employment_base"), base("home_base"), base("station")],
            "trainees": 1, "training_subsidy_fen": 233_000, "transport_subsidised": 1, "transport_subsidy_fen": 28_900,
        })
    );
    assert_eq!(
        wire!(r.housing),
        json!({
            "year": 2020, "planned": 2, "completed": 1, "completion_rate_bp": 5_000, "accepted": 0,
            "cost_fen": 9_600_000, "subsidy_fen": 7_000_000, // 2 × 48,000 and 2 × 35,000
            "top_up_paid_fen": 1_300_000,                     // h3's 48,000 − 35,000
            "unsafe_households": 1,                           // h2, grade D
        })
    );
    let paid = |kind: &str, households: u64, fen: i64| json!({ "kind": kind, "households": households, "payments": households, "amount_fen": fen });
    assert_eq!(
        wire!(r.social_security),
        json!({
            "year": 2020,
            "standard": { "year": 2020, "dibao_fen": 390_000, "wubao_concentrated_fen": 720_000,
                "wubao_dispersed_fen": 600_000, "temporary_threshold_fen": 300_000, "temporary_uplift_bp": 500, "version": 1 },
            "previous_standard": { "year": 2019, "dibao_fen": 0, "wubao_concentrated_fen": 0, "wubao_dispersed_fen": 0,
                "temporary_threshold_fen": 0, "temporary_uplift_bp": 0, "version": 0 },
            "dibao_households": 2, "dibao_people": 4, "wubao_households": 1, "wubao_people": 1,
            "payments": [paid("dibao", 2, 585_000), paid("wubao_concentrated", 0, 0), paid("wubao_dispersed", 1, 300_000),
                paid("temporary", 0, 0), paid("medical_assistance", 0, 0)],
            // Due 3,900 × 2 for h1 (paid 3,900) and h5 (paid 1,950), 6,000 for h3 (paid 3,000).
            "short_households": 3,
        })
    );
    let eco = |p: &str, households: u64, mu: i64, fen: i64| json!({ "programme": p, "households": households, "area_mu": mu, "amount_fen": fen });
    assert_eq!(
        wire!(r.ecology),
        json!({ "year": 2020, "programmes": [eco("returning_farmland", 2, 5, 75_000), // h1 3 亩 + h4 2 亩
            eco("public_welfare_forest", 1, 10, 15_000), eco("forest_ranger", 0, 0, 0), eco("other", 0, 0, 0)] })
    );
    let row = |id: i64, name: &str, unit: &str, done: u64, fen: i64, q: i64| {
        json!({ "org_unit_id": id, "org_unit_name": name, "unit": unit, "projects": 1, "completed": done,
            "budget_fen": fen, "quantity": q, "completed_quantity": q * done as i64 })
    };
    assert_eq!(
        wire!(r.infrastructure),
        json!({ "year": 2020,
            "rows": [row(z, "张村", "公里", 1, 3_000_000, 2), row(c, "呈阳村", "户", 0, 1_500_000, 5)],
            "totals": [row(r.org_unit_id.0, "xx区", "公里", 1, 3_000_000, 2), row(r.org_unit_id.0, "xx区", "户", 0, 1_500_000, 5)],
            "without_output": 0 })
    );
    let tea = json!({ "funds_fen": 2_000_000, "labour_hired": 3, "students_aided": 0, "projects_claimed": 0,
        "products_fen": 0, "logs": 2 });
    let mill = json!({ "funds_fen": 0, "labour_hired": 0, "students_aided": 0, "projects_claimed": 0,
        "products_fen": 500_000, "logs": 1 });
    let village = |id: i64, name: &str, households: u64, totals: &Value| {
        json!({ "village": { "id": id, "name": name, "level": "village" }, "enterprises": 1,
            "households": households, "totals": totals })
    };
    let p = wire!(r.pairing);
    assert_eq!(p["per_enterprise"][0]["totals"], tea);
    assert_eq!(
        p,
        json!({
            "year": 2020, "org_unit": district, "enterprises": 2,
            "villages": 3, // 张村 and 东山村 (h4) for the tea company, 呈阳村 for the mill
            "households": 1, // h4
            "totals": { "funds_fen": 2_000_000, "labour_hired": 3, "students_aided": 0, "projects_claimed": 0,
                "products_fen": 500_000, "logs": 3 },
            "per_enterprise": [
                { "enterprise_id": p["per_enterprise"][0]["enterprise_id"], "name": "灵山茶业", "totals": tea },
                { "enterprise_id": p["per_enterprise"][1]["enterprise_id"], "name": "秀水食品", "totals": mill },
            ],
            // By village id: 呈阳村 (城关镇) was filed before 东山镇's villages.
            "per_village": [village(c, "呈阳村", 0, &mill), village(d, "东山村", 1, &tea), village(z, "张村", 0, &tea)],
            "campaigns": [], "years": [2020],
        })
    );
}
