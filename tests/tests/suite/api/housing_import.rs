//! Housing checks and renovations from the housing bureau's sheets, matched by the household
//! head's ID card: a good file commits every row, a file with one bad row commits nothing and
//! names the row and column.

use jingzhun_shared::Fen;
use jingzhun_shared::housing::{HOUSING_CHECK_COLUMNS, HousingGrade, HousingQuery, RENOVATION_COLUMNS};

use crate::api::education::family;
use crate::api::employment_import::{csv, header_of, query, xlsx};
use crate::api::registry::{id_card, village};
use crate::helpers::TestApp;

#[tokio::test]
async fn a_check_file_names_households_by_the_head_s_card_and_commits_whole_or_nothing() {
    let app = TestApp::spawn().await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let zhang = village(&district, "张村").await;
    let (h, child) = family(&district, zhang, 661, "20100315").await;
    let (g, _) = family(&district, zhang, 662, "20100316").await;
    let (first, second) = (id_card(661), id_card(662));
    let good = vec![
        vec![first.as_str(), "2020-04-15", "D级（整体危房）", ""],
        vec![second.as_str(), "2020-04-16", "B级", "砖混"],
    ];
    let mut bad = good.clone();
    bad.push(vec![child.id_card_no.as_str(), "2020-04-17", "A级", ""]);
    bad.push(vec![first.as_str(), "2020-04-18", "E级", ""]);
    let all = HousingQuery { year: None, household_id: None, org_unit_id: None, page: None, per_page: None };

    let template = clerk.housing_check_template().await.expect("template");
    let refused = clerk.import_housing_checks(&query("csv", true, "hc-1"), csv(&HOUSING_CHECK_COLUMNS, &bad)).await;
    let refused = refused.expect("checked");
    let none = clerk.housing_checks(&all).await.expect("checks");
    let done = clerk.import_housing_checks(&query("xlsx", true, "hc-2"), xlsx(&HOUSING_CHECK_COLUMNS, &good)).await;
    let listed = clerk.housing_checks(&all).await.expect("checks");

    assert_eq!(header_of(template), HOUSING_CHECK_COLUMNS);
    let mut named: Vec<(u64, &str)> = refused.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    named.sort();
    assert_eq!(named, vec![(4, "户主身份证号"), (5, "鉴定等级")], "{:?}", refused.errors);
    assert!(!refused.committed && none.total == 0);
    let done = done.expect("committed");
    assert!(done.committed && done.records == 2);
    let mut grades: Vec<_> = listed.items.iter().map(|c| (c.household_id, c.grade)).collect();
    grades.sort_by_key(|g| g.0.0);
    assert_eq!(grades, vec![(h, HousingGrade::D), (g, HousingGrade::B)]);
}

#[tokio::test]
async fn a_renovation_file_computes_the_top_up_and_refuses_an_acceptance_before_completion() {
    let app = TestApp::spawn().await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let zhang = village(&district, "张村").await;
    let (h, _) = family(&district, zhang, 671, "20100315").await;
    let head = id_card(671);
    let good = vec![vec![head.as_str(), "2020", "拆除重建", "60000", "40000", "2020-08-30", "2020-09-10"]];
    let mut bad = good.clone();
    bad.push(vec![head.as_str(), "2020", "修缮加固", "0", "1000", "2020-08-30", "2020-08-01"]);
    let year = HousingQuery { year: Some(2020), household_id: Some(h), org_unit_id: None, page: None, per_page: None };

    let template = clerk.renovation_template().await.expect("template");
    let refused = clerk.import_housing_renovations(&query("csv", true, "rn-1"), csv(&RENOVATION_COLUMNS, &bad)).await;
    let refused = refused.expect("checked");
    let none = clerk.housing_renovations(&year).await.expect("renovations");
    let done = clerk.import_housing_renovations(&query("csv", true, "rn-2"), csv(&RENOVATION_COLUMNS, &good)).await;
    let listed = clerk.housing_renovations(&year).await.expect("renovations");

    assert_eq!(header_of(template), RENOVATION_COLUMNS);
    let mut named: Vec<(u64, &str)> = refused.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    named.sort();
    assert_eq!(named, vec![(3, "改造费用(元)"), (3, "验收日期")], "{:?}", refused.errors);
    assert!(!refused.committed && none.total == 0);
    assert!(done.expect("committed").committed);
    let r = &listed.items[0];
    assert_eq!((listed.total, r.government_top_up_fen), (1, Fen::from_yuan(20_000)));
}
