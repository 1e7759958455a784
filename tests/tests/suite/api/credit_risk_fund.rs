//! The risk compensation fund (风险补偿金): a compensation is paid to the written-off loan's own
//! bank, covers at most what the loan still owes, and never leaves the fund short on its day or
//! any later one, whatever day it is dated, and only for a loan past its due date; readers below the district see the deposits and
//! only their own loans' compensations.

use jingzhun_shared::credit::{RiskFundInput, RiskFundKind, YearPage};
use jingzhun_shared::{Api, ClientError, Fen};

use crate::api::credit::{day, loan_of};
use crate::api::registry::{id_card, loaded, new_household, village};
use crate::helpers::TestApp;

fn entry(kind: RiskFundKind, bank: &str, yuan: i64, on: (u32, u32), loan_id: Option<i64>) -> RiskFundInput {
    RiskFundInput {
        kind,
        bank: bank.to_owned(),
        amount_fen: Fen::from_yuan(yuan),
        on: day(2020, on.0, on.1),
        loan_id,
        note: None,
    }
}

/// The fields a refused entry names.
fn refused(result: Result<jingzhun_shared::credit::RiskFundEntryDto, ClientError>) -> Vec<String> {
    let error = result.expect_err("refused");
    assert_eq!(error.status(), Some(422), "{error:?}");
    error.api_error().map(|e| e.fields.keys().cloned().collect()).unwrap_or_default()
}

/// A 5 万元 one-month loan of 农商银行 to a new household of `village_name`, issued on 10 January
/// 2020: due, and unpaid, from 10 February.
async fn loan_in(district: &Api, village_name: &str, n: u32) -> i64 {
    let unit = village(district, village_name).await;
    let h = district.create_household(&loaded(new_household(unit, "汪春生", id_card(n)))).await.expect("household");
    let who = (h.id, h.members.first().expect("head").id);
    let mut loan = loan_of(who, day(2020, 1, 10), &format!("RF-{n}"));
    loan.term_months = 1;
    district.create_loan(&loan).await.expect("loan").id
}

#[tokio::test]
async fn a_compensation_pays_the_loan_s_bank_at_most_what_it_owes_and_never_leaves_the_fund_short_later() {
    let app = TestApp::spawn_on(day(2020, 9, 30)).await;
    let district = app.login("district").await;
    let loan = loan_in(&district, "张村", 81).await;
    let comp = |bank: &str, yuan, on| entry(RiskFundKind::Compensation, bank, yuan, on, Some(loan));
    district
        .add_risk_fund_entry(&entry(RiskFundKind::Deposit, "农商银行", 30_000, (3, 1), None))
        .await
        .expect("deposit");

    let other_bank = refused(district.add_risk_fund_entry(&comp("邮储银行", 1_000, (4, 1))).await);
    // 5 February: the loan was not yet due. 20 February: due, but the fund held nothing yet.
    let not_due = refused(district.add_risk_fund_entry(&comp("农商银行", 1_000, (2, 5))).await);
    let before_deposit = refused(district.add_risk_fund_entry(&comp("农商银行", 20_000, (2, 20))).await);
    district.add_risk_fund_entry(&comp("农商银行", 20_000, (4, 1))).await.expect("30,000 − 20,000 leaves 10,000");
    district
        .add_risk_fund_entry(&entry(RiskFundKind::Deposit, "农商银行", 40_000, (6, 1), None))
        .await
        .expect("deposit");
    // Dated 15 May the fund held 10,000: today's 50,000 does not make it good.
    let back_dated = refused(district.add_risk_fund_entry(&comp("农商银行", 25_000, (5, 15))).await);
    // The loan owes 50,000 of which 20,000 is compensated: 30,000 at most.
    let over_loan = refused(district.add_risk_fund_entry(&comp("农商银行", 30_001, (6, 2))).await);
    let rest = district.add_risk_fund_entry(&comp("农商银行", 30_000, (6, 2))).await;
    let deposit_with_loan =
        refused(district.add_risk_fund_entry(&entry(RiskFundKind::Deposit, "农商银行", 1, (6, 3), Some(loan))).await);

    assert_eq!(other_bank, ["bank"]);
    assert_eq!(not_due, ["loan_id"]);
    assert_eq!(before_deposit, ["amount_fen"]);
    assert_eq!(back_dated, ["amount_fen"]);
    assert_eq!(over_loan, ["amount_fen"]);
    assert!(rest.is_ok(), "{rest:?}");
    assert_eq!(deposit_with_loan, ["loan_id"]);
    let entries = district.risk_fund(&YearPage::default()).await.expect("fund");
    let balance: i64 = entries
        .items
        .iter()
        .map(|e| if e.kind == RiskFundKind::Deposit { e.amount_fen.fen() } else { -e.amount_fen.fen() })
        .sum();
    assert_eq!(Fen::new(balance), Fen::from_yuan(20_000), "70,000 in, 50,000 out");
}

#[tokio::test]
async fn a_township_official_sees_the_deposits_and_only_its_own_loans_compensations() {
    let app = TestApp::spawn_on(day(2020, 9, 30)).await;
    let district = app.login("district").await;
    let township = app.login("township").await;
    let ours = loan_in(&district, "张村", 82).await;
    let theirs = loan_in(&district, "石岗村", 83).await;
    district
        .add_risk_fund_entry(&entry(RiskFundKind::Deposit, "农商银行", 30_000, (3, 1), None))
        .await
        .expect("deposit");
    for loan in [ours, theirs] {
        let comp = entry(RiskFundKind::Compensation, "农商银行", 1_000, (4, 1), Some(loan));
        district.add_risk_fund_entry(&comp).await.expect("compensation");
    }

    let seen = township.risk_fund(&YearPage::default()).await.expect("fund");
    let all = district.risk_fund(&YearPage::default()).await.expect("fund");

    let loans = |page: &jingzhun_shared::page::Page<jingzhun_shared::credit::RiskFundEntryDto>| {
        let mut loans: Vec<Option<i64>> = page.items.iter().map(|e| e.loan_id).collect();
        loans.sort();
        loans
    };
    assert_eq!(loans(&seen), [None, Some(ours)]);
    assert_eq!(loans(&all).len(), 3);
    assert_eq!(seen.total, 2);
}
