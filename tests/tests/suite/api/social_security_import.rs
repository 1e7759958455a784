//! Assistance payments from the civil-affairs bureau's sheet: the head's card pays the
//! household, a member's card that member; a file with one bad row commits nothing and names
//! the row and column.

use jingzhun_shared::social_security::{ASSISTANCE_COLUMNS, AssistancePaymentKind, AssistanceQuery};
use jingzhun_shared::{Fen, MemberId};

use crate::api::education::family;
use crate::api::employment_import::{csv, header_of, query, xlsx};
use crate::api::registry::{id_card, village};
use crate::helpers::TestApp;

#[tokio::test]
async fn an_assistance_file_pays_households_and_members_or_commits_nothing() {
    let app = TestApp::spawn().await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let zhang = village(&district, "张村").await;
    let (h, child) = family(&district, zhang, 651, "20100315").await;
    let head = id_card(651);
    let good = vec![
        vec![head.as_str(), "低保金", "2020", "2020年1-6月", "1950", "2020-06-30"],
        vec![child.id_card_no.as_str(), "医疗救助", "2020", "2020年5月", "800.50", "2020-05-31"],
    ];
    let mut bad = good.clone();
    bad.push(vec![head.as_str(), "救济粮", "2020", "2020年7月", "0", "2020-07-31"]);
    let year = AssistanceQuery { year: 2020, household_id: Some(h), org_unit_id: None, page: None, per_page: None };

    let template = clerk.assistance_payment_template().await.expect("template");
    let refused = clerk.import_assistance_payments(&query("csv", true, "as-1"), csv(&ASSISTANCE_COLUMNS, &bad)).await;
    let refused = refused.expect("checked");
    let progress = clerk.import_progress("as-1").await.expect("progress");
    let none = clerk.assistance_payments(&year).await.expect("payments");
    let done = clerk.import_assistance_payments(&query("xlsx", true, "as-2"), xlsx(&ASSISTANCE_COLUMNS, &good)).await;
    let paid = clerk.assistance_payments(&year).await.expect("payments");

    assert_eq!(header_of(template), ASSISTANCE_COLUMNS);
    let mut named: Vec<(u64, &str)> = refused.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    named.sort();
    assert_eq!(named, vec![(4, "救助类别")], "{:?}", refused.errors);
    assert!(!refused.committed && none.total == 0);
    assert_eq!((progress.phase.as_str(), progress.total), ("done", 3));
    let done = done.expect("committed");
    assert!(done.committed && done.records == 2);
    let mut rows: Vec<(AssistancePaymentKind, Option<MemberId>, Fen)> =
        paid.items.iter().map(|p| (p.kind, p.member_id, p.amount_fen)).collect();
    rows.sort_by_key(|r| r.2);
    assert_eq!(
        rows,
        vec![
            (AssistancePaymentKind::MedicalAssistance, Some(child.id), Fen::new(80_050)),
            (AssistancePaymentKind::Dibao, None, Fen::from_yuan(1_950)),
        ]
    );
}

#[tokio::test]
async fn an_assistance_row_with_a_zero_amount_and_a_blank_period_names_both_columns() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    family(&district, zhang, 652, "20100316").await;
    let head = id_card(652);
    let rows = vec![vec![head.as_str(), "临时救助", "2020", "", "0", "2020-07-31"]];

    let refused = clerk.import_assistance_payments(&query("csv", false, "as-3"), csv(&ASSISTANCE_COLUMNS, &rows)).await;

    let refused = refused.expect("checked");
    let mut named: Vec<(u64, &str)> = refused.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    named.sort();
    assert_eq!(named, vec![(2, "发放期间"), (2, "金额(元)")], "{:?}", refused.errors);
}
