//! The demo year's microcredit, computed from its records as of the end of September, is the
//! seed report's: 截至9月底，全区新增扶贫小额信贷1645万元，覆盖393户贫困户，其中户贷企用369户，户贷户用24户，
//! 占省下达计划1010万元的162.8%;累计贷款余额1857.6万元，总贷款户数447户，贫困户获贷比例20% — and the risk
//! fund of 312 万元 (设立风险准备金312万元).

use jingzhun_shared::Fen;
use jingzhun_shared::credit::LoanQuery;
use jingzhun_shared::funds::RatesQuery;

use crate::api::credit::day;
use crate::helpers::TestApp;

const WAN: i64 = 1_000_000;

#[tokio::test]
async fn the_demo_year_s_microcredit_as_of_september_is_the_seed_s() {
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;
    let query = RatesQuery { year: 2020, as_of: Some(day(2020, 9, 30)), org_unit_id: None };

    let f = district.credit_figures(&query).await.expect("figures");

    assert_eq!((f.new_amount_fen, f.new_households), (Fen::new(1_645 * WAN), 393));
    assert_eq!((f.enterprise_use.households, f.household_use.households), (369, 24));
    assert_eq!((f.plan_fen, f.plan_completion_bp), (Some(Fen::new(1_010 * WAN)), 16_287));
    assert_eq!(f.outstanding_fen, Fen::new(18_576 * WAN / 10));
    assert_eq!((f.borrowing_households, f.households_on_file, f.coverage_bp), (447, 2_235, 2_000));
    assert_eq!(f.risk_fund_balance_fen, Fen::new(312 * WAN));
    // Three earlier 12-month loans fell due in June with 3.6 万元 each left; two enterprises
    // missed a return; the first two quarters' subsidy was paid.
    assert_eq!(f.overdue_fen, Fen::new(108 * WAN / 10));
    assert_eq!(f.returns_late, 2);
    assert!(f.subsidy_paid_fen > Fen::ZERO);
}

#[tokio::test]
async fn the_figures_of_a_township_add_up_to_the_district_s() {
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;
    let tree = district.org_tree().await.expect("tree");
    let townships: Vec<_> = tree.children.iter().map(|t| t.unit.id).collect();
    let of = |org_unit_id| RatesQuery { year: 2020, as_of: Some(day(2020, 9, 30)), org_unit_id };

    let whole = district.credit_figures(&of(None)).await.expect("district");
    let mut outstanding = 0;
    let mut borrowing = 0;
    for t in townships {
        let f = district.credit_figures(&of(Some(t))).await.expect("township");
        outstanding += f.outstanding_fen.fen();
        borrowing += f.borrowing_households;
    }
    let listed = district.loans(&LoanQuery::default()).await.expect("loans");

    assert_eq!(outstanding, whole.outstanding_fen.fen());
    assert_eq!(borrowing, whole.borrowing_households);
    assert_eq!(listed.total, 447);
}
