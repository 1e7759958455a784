//! Ecological compensation: records scoped like the registry, checked at once, and the year's
//! households, area and amount per programme as of a date.

use jingzhun_shared::ecology::{ECOLOGY_COLUMNS, EcologyImportQuery, EcologyInput, EcologyProgramme, EcologyQuery};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::industry::Quantity;
use jingzhun_shared::{Fen, HouseholdId};

use crate::api::housing::date;
use crate::api::industry::household_in;
use crate::api::registry::{id_card, loaded, new_household, village};
use crate::helpers::TestApp;

fn compensation(
    household_id: HouseholdId,
    programme: EcologyProgramme,
    mu: i64,
    yuan: i64,
    month: u32,
) -> EcologyInput {
    EcologyInput {
        household_id,
        programme,
        year: 2020,
        area_mu: Some(Quantity::from_hundredths(mu)),
        amount_fen: Fen::from_yuan(yuan),
        paid_on: date(month, 30),
    }
}

#[tokio::test]
async fn the_figures_count_households_area_and_amount_per_programme_as_of_a_date() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let (a, b) = (household_in(&app, zhang, 71).await, household_in(&app, zhang, 72).await);
    for input in [
        compensation(a, EcologyProgramme::ReturningFarmland, 150, 187, 4),
        compensation(b, EcologyProgramme::ReturningFarmland, 225, 281, 9),
        compensation(a, EcologyProgramme::PublicWelfareForest, 3_780, 557, 6),
    ] {
        clerk.create_ecology_compensation(&input).await.expect("recorded");
    }
    let figures = |as_of| RatesQuery { year: 2020, as_of, org_unit_id: None };

    let all = clerk.ecology_figures(&figures(None)).await.expect("figures");
    let june = clerk.ecology_figures(&figures(Some(date(6, 30)))).await.expect("figures of June");
    let of = |f: &jingzhun_shared::ecology::EcologyFigures, p| {
        f.programmes.iter().find(|x| x.programme == p).map(|x| (x.households, x.area_mu.hundredths(), x.amount_fen))
    };

    assert_eq!(of(&all, EcologyProgramme::ReturningFarmland), Some((2, 375, Fen::from_yuan(468))));
    assert_eq!(of(&all, EcologyProgramme::PublicWelfareForest), Some((1, 3_780, Fen::from_yuan(557))));
    assert_eq!(of(&june, EcologyProgramme::ReturningFarmland), Some((1, 150, Fen::from_yuan(187))));
    assert_eq!(of(&all, EcologyProgramme::ForestRanger), Some((0, 0, Fen::ZERO)));
}

#[tokio::test]
async fn a_compensation_out_of_scope_or_with_bad_fields_is_refused_and_others_stay_hidden() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let other = village(&district, "石岗村").await;
    let elsewhere = household_in(&app, other, 73).await;
    district
        .create_ecology_compensation(&compensation(elsewhere, EcologyProgramme::PublicWelfareForest, 100, 15, 6))
        .await
        .expect("the district records");
    let mut bad = compensation(elsewhere, EcologyProgramme::Other, 0, 0, 6);
    bad.year = 1900;

    let refused = clerk.create_ecology_compensation(&bad).await.expect_err("four problems");
    let listed = clerk.ecology_compensations(&EcologyQuery::default()).await.expect("the clerk's list");

    let refused = refused.api_error().expect("wire error");
    for field in ["household_id", "area_mu", "amount_fen", "year"] {
        assert!(!refused.field(field).is_empty(), "{field}: {refused:?}");
    }
    assert_eq!(listed.total, 0);
}

fn ecology_csv(rows: &[[&str; 6]]) -> Vec<u8> {
    let mut text = ECOLOGY_COLUMNS.join(",");
    for row in rows {
        text.push('\n');
        text.push_str(&row.join(","));
    }
    text.into_bytes()
}

#[tokio::test]
async fn the_bureau_s_file_is_matched_by_id_card_and_written_whole_or_not_at_all() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let (first, second) = (id_card(501), id_card(502));
    for (head, card) in [("胡志远", &first), ("胡志明", &second)] {
        district.create_household(&loaded(new_household(zhang, head, card.clone()))).await.expect("registered");
    }
    let stranger = id_card(503);
    let query = |commit| EcologyImportQuery { format: "csv".into(), commit };

    let bad = ecology_csv(&[
        [&first, "退耕还林", "2020", "1.8", "225", "2020-06-30"],
        [&stranger, "退耕还林", "2020", "2", "250", "2020-06-30"],
        [&second, "种树", "2020", "", "-5", "2020-06-31"],
    ]);
    let report = district.import_ecology_compensations(&query(true), bad).await.expect("report");
    let good = ecology_csv(&[
        [&first, "退耕还林", "2020", "1.8", "225", "2020-06-30"],
        [&second, "公益林", "2020", "37.8", "557.00", "2020-07-15"],
    ]);
    let preview = district.import_ecology_compensations(&query(false), good.clone()).await.expect("preview");
    let before = district.ecology_compensations(&EcologyQuery::default()).await.expect("list").total;
    let committed = district.import_ecology_compensations(&query(true), good).await.expect("commit");
    let after = district.ecology_compensations(&EcologyQuery::default()).await.expect("list");

    assert!(!report.committed);
    let cells: Vec<(u64, &str)> = report.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(cells, vec![(3, "身份证号"), (4, "项目"), (4, "金额（元）"), (4, "发放日期")]);
    assert!(!preview.committed && preview.error_count == 0);
    assert_eq!((preview.households, preview.amount_fen), (2, Fen::from_yuan(782)));
    assert_eq!(before, 0);
    assert!(committed.committed);
    assert_eq!(after.total, 2);
    assert!(after.items.iter().any(|c| c.head_name == "胡志明" && c.area_mu == Some(Quantity::from_hundredths(3_780))));
}

#[tokio::test]
async fn figures_read_the_subtree_as_org_unit_or_org_unit_id() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let other = village(&district, "石岗村").await;
    let token = app.api.login("clerk", jingzhun::demo::DEMO_PASSWORD).await.expect("login").token;
    let status = async |query: &str| {
        let url = format!("{}/api/v1/ecology/figures?year=2020&{query}", app.base);
        reqwest::Client::new().get(url).bearer_auth(&token).send().await.expect("answer").status().as_u16()
    };

    let own = status("").await;
    let by_alias = status(&format!("org_unit={}", other.0)).await;
    let by_name = status(&format!("org_unit_id={}", other.0)).await;

    assert_eq!(own, 200);
    assert_eq!((by_alias, by_name), (404, 404), "another village is outside the clerk's scope either way");
}

#[tokio::test]
async fn the_import_template_carries_the_import_s_columns_for_those_who_enter_data() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let auditor = app.login("auditor").await;

    let template = clerk.ecology_template().await.expect("template");
    let refused = auditor.ecology_template().await.expect_err("the auditor enters nothing");

    assert_eq!(crate::api::employment_import::header_of(template), ECOLOGY_COLUMNS);
    assert_eq!(refused.status(), Some(403));
}
