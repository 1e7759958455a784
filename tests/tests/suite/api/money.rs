//! Money at its bounds: one record carries at most 1 亿元 (a larger amount is a 422 on its
//! field), so every list, rate and ledger adds up exactly however many records sit at the cap;
//! and a payment moves its project's version on, so an edit read before it is 409.

use calamine::Reader;
use jingzhun_shared::funds::{CreateProject, FundBatchQuery, RatesQuery, UpdateProject};
use jingzhun_shared::industry::{AssetInvestmentInput, SubsidyMenuInput};
use jingzhun_shared::registry::IncomeInput;
use jingzhun_shared::{ClientError, Fen, ProjectKind};

use crate::api::funds::{batch, new_project, pay, project, start};
use crate::api::industry::household_in;
use crate::api::registry::village;
use crate::helpers::TestApp;

const CAP: i64 = 10_000_000_000;

/// The messages of a 422 on `field`, joined (empty when the answer was not a 422 on it).
fn on_field<T>(answer: Result<T, ClientError>, field: &str) -> String {
    match answer {
        Err(e) if e.status() == Some(422) => e.api_error().map(|body| body.field(field).join(" ")).unwrap_or_default(),
        _ => String::new(),
    }
}

#[tokio::test]
async fn amounts_over_one_hundred_million_yuan_are_refused_on_their_field() {
    let app = TestApp::spawn().await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let zhang = village(&district, "张村").await;
    let b = batch(&district, 1).await;
    let create = |budget: i64| CreateProject {
        batch_id: b.id,
        name: "大额项目".into(),
        kind: ProjectKind::Infrastructure,
        org_unit_id: zhang,
        budget_fen: Fen::new(budget),
        ..new_project(b.id, zhang)
    };

    // The case: 5×10¹⁸ fen twice, whose sum no longer fits in 64 bits.
    let huge = on_field(district.create_project(&create(5_000_000_000_000_000_000)).await, "budget_fen");
    let again = on_field(district.create_project(&create(5_000_000_000_000_000_000)).await, "budget_fen");
    let over = on_field(district.create_project(&create(CAP + 1)).await, "budget_fen");
    let at_cap = start(&district, &district.create_project(&create(CAP)).await.expect("exactly 1 亿元")).await;
    let raise = UpdateProject { version: at_cap.version, budget_fen: Some(Fen::new(CAP + 1)), ..Default::default() };
    let raised = on_field(district.update_project(at_cap.id, &raise).await, "budget_fen");
    let paid = on_field(pay(&district, &at_cap, CAP + 1, "BIG-1").await, "amount_fen");
    let menu = SubsidyMenuInput {
        year: 2020,
        name: "大棚".into(),
        unit: "亩".into(),
        standard_fen: Fen::new(CAP + 1),
        cap_fen: Some(Fen::new(CAP + 1)),
        version: None,
    };
    let menu_error = district.create_menu_item(&menu).await;
    let asset = AssetInvestmentInput {
        year: 2020,
        name: "大额资产".into(),
        sector: "光伏".into(),
        org_unit_id: zhang,
        amount_fen: Fen::new(CAP + 1),
        household_ids: vec![],
        version: None,
    };
    let asset_error = on_field(district.create_asset_investment(&asset).await, "amount_fen");
    let h = household_in(&app, zhang, 81).await;
    let income = IncomeInput {
        year: 2020,
        wage_fen: Fen::new(CAP + 1),
        operating_fen: Fen::new(0),
        property_fen: Fen::new(0),
        transfer_fen: Fen::new(-1),
        expenses_fen: Fen::new(0),
    };
    let income_error = clerk.record_income(h, &income).await.expect_err("over the cap and negative");

    for message in [&huge, &again, &over, &raised] {
        assert!(message.contains("预算不能超过 1 亿元"), "{message:?}");
    }
    assert!(paid.contains("金额不能超过 1 亿元"), "{paid:?}");
    let menu_error = menu_error.expect_err("standard and cap over 1 亿元");
    let body = menu_error.api_error().expect("a 422 body");
    assert!(
        body.field("standard_fen").join("").contains("1 亿元") && body.field("cap_fen").join("").contains("1 亿元")
    );
    assert!(asset_error.contains("1 亿元"), "{asset_error:?}");
    let body = income_error.api_error().expect("a 422 body");
    assert!(body.field("wage_fen").join("").contains("1 亿元"));
    assert!(body.field("transfer_fen").join("").contains("不能为负"));
    let listed = district.fund_batches(&FundBatchQuery::default()).await.expect("the batch list").items;
    assert_eq!((listed[0].projects, listed[0].allocated_fen, listed[0].spent_fen), (1, Fen::new(CAP), Fen::ZERO));
}

#[tokio::test]
async fn many_batches_at_the_cap_add_up_exactly_in_the_list_the_rates_and_the_ledger() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let mut first = None;
    for seq in 1..=3 {
        let b = batch(&district, seq).await;
        for n in 0..3 {
            let p = project(&district, &b, zhang, ProjectKind::Industry, CAP).await;
            if n == 0 {
                pay(&district, &start(&district, &p).await, CAP, &format!("CAP-{seq}")).await.expect("paid in full");
            }
        }
        first.get_or_insert(b.id);
    }

    let batches = district.fund_batches(&FundBatchQuery { year: Some(2020), ..Default::default() }).await;
    let rates = district.fund_rates(&RatesQuery { year: 2020, ..Default::default() }).await.expect("rates");
    let by_kind = district.funds_by_kind(&RatesQuery { year: 2020, ..Default::default() }).await.expect("by kind");
    let ledger = district.batch_ledger(first.expect("a batch")).await.expect("ledger");

    let batches = batches.expect("the batch list").items;
    assert_eq!(batches.len(), 3);
    for b in &batches {
        assert_eq!(
            (b.projects, b.allocated_fen, b.spent_fen),
            (3, Fen::new(3 * CAP), Fen::new(CAP)),
            "batch {}",
            b.seq
        );
    }
    assert_eq!((rates.projects, rates.started), (9, 3));
    assert_eq!((rates.budget_fen, rates.spent_fen), (Fen::new(9 * CAP), Fen::new(3 * CAP)));
    assert_eq!(
        (rates.industry_budget_fen, rates.expenditure_rate_bp, rates.industry_share_bp),
        (Fen::new(9 * CAP), 3_333, 10_000)
    );
    let industry = by_kind.iter().find(|k| k.kind == ProjectKind::Industry).expect("industry");
    assert_eq!((industry.projects, industry.budget_fen, industry.spent_fen), (9, Fen::new(9 * CAP), Fen::new(3 * CAP)));
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(ledger)).expect("an xlsx");
    let sheet = book.worksheet_range_at(0).expect("a sheet").expect("readable");
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    let total = rows.iter().find(|r| r.get(1).is_some_and(|c| c.starts_with("合计"))).expect("a totals row");
    assert_eq!((total[4].as_str(), total[5].as_str(), total[6].as_str()), ("300000000", "100000000", "200000000"));
}

#[tokio::test]
async fn a_payment_moves_its_project_on_so_a_budget_edit_read_before_it_is_409() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let read =
        start(&district, &project(&district, &batch(&district, 1).await, zhang, ProjectKind::Health, 100_000).await)
            .await;
    pay(&district, &read, 80_000, "V-1").await.expect("paid");
    let cut = |version, budget| UpdateProject { version, budget_fen: Some(Fen::new(budget)), ..Default::default() };

    let stale =
        district.update_project(read.id, &cut(read.version, 50_000)).await.expect_err("read before the payment");
    let now = district.project(read.id).await.expect("project");
    let below = on_field(district.update_project(read.id, &cut(now.version, 79_999)).await, "budget_fen");
    let exact = district.update_project(read.id, &cut(now.version, 80_000)).await.expect("down to what is spent");

    assert_eq!(stale.status(), Some(409));
    assert_eq!(stale.api_error().map(|e| e.code.as_str()), Some("stale_version"));
    assert_eq!(now.version, read.version + 1, "the payment moved the version on");
    assert_eq!((now.budget_fen, now.spent_fen), (Fen::new(100_000), Fen::new(80_000)));
    assert!(below.contains("800.00"), "names what is spent: {below:?}");
    assert_eq!((exact.budget_fen, exact.spent_fen), (Fen::new(80_000), Fen::new(80_000)));
}
