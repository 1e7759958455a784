use jingzhun_shared::Fen;
use jingzhun_shared::credit::LoanQuery;

use crate::api::credit::borrower;
use crate::browser::driver::Browser;
use crate::helpers::TestApp;

#[tokio::test]
async fn a_district_official_records_a_loan_and_a_repayment_and_sees_the_balance_on_a_phone_and_a_desktop() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    for (n, phone) in [(0u32, true), (1, false)] {
        let (household, _) = borrower(&app, 60 + n).await;
        let browser = if phone { Browser::phone().await } else { Browser::desktop().await };
        browser.log_in(&app, "district").await;
        browser.client.goto(&format!("{}/households/{}", app.base, household)).await.expect("open the card");
        let none = browser.text_when(".no-loans", |t| t.contains("贷款")).await;
        assert!(none.contains("暂无"), "no loan yet: {none}");

        browser.client.goto(&format!("{}/credit/loans/new/{}", app.base, household)).await.expect("open the form");
        browser.fill("#field-loan-bank", "农商银行").await;
        browser.fill("#field-loan-contract", &format!("BR-{n}")).await;
        browser.fill("#field-loan-amount", "50001").await;
        browser.click(".loan-form button[type=submit]").await;
        let refused = browser.text_when("#field-loan-amount-error", |t| t.contains("5 万")).await;
        assert!(refused.contains("不超过 5 万元"), "checked before sending: {refused}");
        browser.fill("#field-loan-amount", "50000").await;
        browser.click(".loan-form button[type=submit]").await;
        let lent = browser.text_when(".balance", |t| t == "50000.00").await;
        assert_eq!(lent, "50000.00");

        browser.fill("#field-repayment-amount", "20000").await;
        browser.click(".repayment-form button[type=submit]").await;
        let left = browser.text_when(".balance", |t| t == "30000.00").await;
        assert_eq!(left, "30000.00", "the balance after the repayment");
        let listed = browser.text_when(".repayments", |t| t.contains("20000.00")).await;
        assert!(listed.contains("20000.00"), "the repayment listed: {listed}");

        let stored =
            district.loans(&LoanQuery { household_id: Some(household), ..Default::default() }).await.expect("loans");
        assert_eq!(stored.items.iter().map(|l| l.balance_fen).collect::<Vec<_>>(), [Fen::from_yuan(30_000)]);
        browser.close().await;
    }
}

#[tokio::test]
async fn a_district_official_checks_a_bank_list_sees_the_bad_row_then_imports_the_corrected_list() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let (household, _) = borrower(&app, 70).await;
    let card = crate::api::registry::id_card(70);
    let dir = crate::helpers::TempDir::new();
    let header = jingzhun_shared::credit::LOAN_COLUMNS.join(",");
    let row = |amount: &str| format!("{card},农商银行,BL-1,{amount},2020-03-15,36,4.35,户贷户用,,,");
    let (bad, good) = (dir.0.join("bad.csv"), dir.0.join("good.csv"));
    std::fs::write(&bad, format!("{header}\n{}\n", row("60000"))).expect("write");
    std::fs::write(&good, format!("{header}\n{}\n", row("50000"))).expect("write");
    let browser = Browser::phone().await;
    browser.log_in(&app, "district").await;
    browser.client.goto(&format!("{}/credit/loans", app.base)).await.expect("open the loans");
    browser.click("a[href='/credit/loans/import']").await;

    let input = browser.wait_for("#field-import-file").await;
    input.send_keys(&bad.display().to_string()).await.expect("choose the file");
    browser.click(".buttons button:not(.primary)").await;
    let checked = browser.text_when(".report", |t| t.contains("错误")).await;
    let input = browser.wait_for("#field-import-file").await;
    input.send_keys(&good.display().to_string()).await.expect("choose the file");
    browser.click(".buttons button.primary").await;
    let imported = browser.text_when(".report", |t| t.contains("已导入")).await;

    assert!(checked.contains("不超过 5 万元") && checked.contains("贷款金额"), "the bad row named: {checked}");
    assert!(imported.contains("1 条记录"), "report: {imported}");
    let stored =
        district.loans(&LoanQuery { household_id: Some(household), ..Default::default() }).await.expect("loans");
    assert_eq!(stored.items.iter().map(|l| l.balance_fen).collect::<Vec<_>>(), [Fen::from_yuan(50_000)]);
    browser.close().await;
}
