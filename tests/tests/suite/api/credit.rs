//! Microcredit's rules through the API: a loan's checks, one open loan a household, repayments
//! within the balance, extensions, the enterprise's returns, scope and masking.

use chrono::NaiveDate;
use jingzhun_shared::credit::{
    CreateExtension, CreateLoan, CreateRepayment, CreateReturn, LoanDto, LoanEnterprise, LoanMode, LoanQuery,
    LoanStatus,
};
use jingzhun_shared::{Api, Fen, HouseholdId, MemberId};

use crate::api::registry::{id_card, loaded, new_household, village};
use crate::helpers::TestApp;

pub(crate) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// A registered household of 张村 with an adult head, filed by the district; its id and the
/// head's member id.
pub(crate) async fn borrower(app: &TestApp, n: u32) -> (HouseholdId, MemberId) {
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let h = district.create_household(&loaded(new_household(zhang, "汪春生", id_card(n)))).await.expect("household");
    (h.id, h.members.first().expect("head").id)
}

/// A 5 万元 household-use loan of 36 months at 4.35 % issued on `issued_on`.
pub(crate) fn loan_of(
    (household_id, borrower_member_id): (HouseholdId, MemberId),
    issued_on: NaiveDate,
    contract: &str,
) -> CreateLoan {
    CreateLoan {
        household_id,
        borrower_member_id,
        bank: "农商银行".to_owned(),
        contract_no: contract.to_owned(),
        amount_fen: Fen::from_yuan(50_000),
        issued_on,
        term_months: 36,
        annual_rate_bp: 435,
        mode: LoanMode::HouseholdUse,
        enterprise: None,
    }
}

pub(crate) async fn repay(
    api: &Api,
    loan: &LoanDto,
    yuan: i64,
    paid_on: NaiveDate,
) -> Result<LoanDto, jingzhun_shared::ClientError> {
    api.add_repayment(loan.id, &CreateRepayment { principal_fen: Fen::from_yuan(yuan), paid_on }).await
}

#[tokio::test]
async fn a_loan_is_recorded_with_its_balance_due_date_and_status() {
    let app = TestApp::spawn_on(day(2020, 9, 30)).await;
    let district = app.login("district").await;
    let who = borrower(&app, 1).await;

    let loan = district.create_loan(&loan_of(who, day(2020, 3, 15), "HT-001")).await.expect("loan");

    assert_eq!(loan.balance_fen, Fen::from_yuan(50_000));
    assert_eq!(loan.due_on, day(2023, 3, 15));
    assert_eq!(loan.status, LoanStatus::Active);
    assert_eq!(district.loan(loan.id).await.expect("read").contract_no, "HT-001");
}

#[tokio::test]
async fn a_loan_over_fifty_thousand_yuan_or_thirty_six_months_is_refused_naming_every_field() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let who = borrower(&app, 2).await;
    let mut input = loan_of(who, day(2020, 3, 15), "HT-002");
    input.amount_fen = Fen::from_yuan(50_001);
    input.term_months = 37;
    input.mode = LoanMode::EnterpriseUse;

    let refused = district.create_loan(&input).await.expect_err("too much, too long, no enterprise");

    assert_eq!(refused.status(), Some(422));
    let fields = refused.api_error().map(|e| e.fields.keys().cloned().collect::<Vec<_>>()).unwrap_or_default();
    assert_eq!(fields, ["amount_fen", "enterprise", "term_months"]);
}

#[tokio::test]
async fn a_child_cannot_borrow_and_a_member_of_another_household_neither() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let (h, _) = borrower(&app, 3).await;
    let (_, stranger) = borrower(&app, 4).await;

    let refused =
        district.create_loan(&loan_of((h, stranger), day(2020, 3, 15), "HT-003")).await.expect_err("not theirs");
    // The head was born in 1983: not 18 on a loan dated 2000.
    let (h5, head5) = borrower(&app, 5).await;
    let child = district.create_loan(&loan_of((h5, head5), day(2000, 3, 15), "HT-004")).await.expect_err("minor");

    assert_eq!(refused.status(), Some(422));
    assert!(!refused.api_error().map(|e| e.field("borrower_member_id").is_empty()).unwrap_or(true));
    assert!(!child.api_error().map(|e| e.field("borrower_member_id").is_empty()).unwrap_or(true));
}

#[tokio::test]
async fn a_household_has_one_open_loan_and_borrows_again_once_it_is_repaid() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let who = borrower(&app, 6).await;
    let first = district.create_loan(&loan_of(who, day(2019, 3, 15), "HT-005")).await.expect("first");

    let second = district.create_loan(&loan_of(who, day(2020, 3, 15), "HT-006")).await.expect_err("still owing");
    let repaid = repay(&district, &first, 50_000, day(2020, 3, 1)).await.expect("repaid");
    let third = district.create_loan(&loan_of(who, day(2020, 3, 15), "HT-006")).await;

    assert_eq!(second.status(), Some(409));
    assert_eq!(repaid.status, LoanStatus::Repaid);
    assert_eq!(repaid.balance_fen, Fen::ZERO);
    assert!(third.is_ok(), "{third:?}");
}

#[tokio::test]
async fn a_repayment_never_exceeds_the_balance() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let loan = district.create_loan(&loan_of(borrower(&app, 7).await, day(2020, 1, 10), "HT-007")).await.expect("loan");

    let part = repay(&district, &loan, 20_000, day(2020, 6, 1)).await.expect("part");
    let too_much = repay(&district, &loan, 30_001, day(2020, 7, 1)).await.expect_err("past the balance");
    let before_issue = repay(&district, &loan, 1, day(2020, 1, 9)).await.expect_err("before the issue day");

    assert_eq!(part.balance_fen, Fen::from_yuan(30_000));
    assert_eq!(part.repayments.len(), 1);
    assert_eq!(too_much.status(), Some(422));
    assert!(!too_much.api_error().map(|e| e.field("principal_fen").is_empty()).unwrap_or(true));
    assert_eq!(before_issue.status(), Some(422));
}

#[tokio::test]
async fn an_overdue_loan_is_listed_as_overdue_and_an_extension_moves_its_due_date_at_most_a_year() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let mut input = loan_of(borrower(&app, 8).await, day(2019, 6, 10), "HT-008");
    input.term_months = 12;
    let loan = district.create_loan(&input).await.expect("loan");
    let overdue = LoanQuery { overdue_as_of: Some(day(2020, 7, 1)), ..Default::default() };

    let listed = district.loans(&overdue).await.expect("overdue list");
    let too_far = CreateExtension { new_due_on: day(2021, 6, 11), reason: "受灾".to_owned(), on: day(2020, 6, 1) };
    let refused = district.add_extension(loan.id, &too_far).await.expect_err("more than a year");
    let fine = CreateExtension { new_due_on: day(2021, 6, 10), reason: "受灾".to_owned(), on: day(2020, 6, 1) };
    let extended = district.add_extension(loan.id, &fine).await.expect("extended");
    let after = district.loans(&overdue).await.expect("overdue list");
    let before =
        district.loans(&LoanQuery { overdue_as_of: Some(day(2020, 5, 31)), ..Default::default() }).await.expect("list");

    assert_eq!(listed.items.iter().map(|l| l.id).collect::<Vec<_>>(), [loan.id]);
    assert_eq!(loan.status, LoanStatus::Overdue, "due 2020-06-10, today is later");
    assert_eq!(refused.status(), Some(422));
    assert_eq!((extended.due_on, extended.status), (day(2021, 6, 10), LoanStatus::Overdue));
    assert!(after.items.is_empty(), "the extension agreed on 2020-06-01 covers 2020-07-01");
    assert!(before.items.is_empty(), "not yet due on 2020-05-31");
}

#[tokio::test]
async fn an_enterprise_use_loan_shows_its_enterprise_and_is_listed_while_its_return_is_late() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let mut input = loan_of(borrower(&app, 9).await, day(2018, 5, 10), "HT-009");
    input.mode = LoanMode::EnterpriseUse;
    input.enterprise = Some(LoanEnterprise {
        name: "绿源茶业".to_owned(),
        credit_code: "91340000MA2N0A1B2C".to_owned(),
        yearly_return_fen: Fen::from_yuan(3_000),
    });
    let loan = district.create_loan(&input).await.expect("loan");
    let late = LoanQuery { return_late: Some(true), ..Default::default() };

    let listed = district.loans(&late).await.expect("late list");
    let paid = CreateReturn { amount_fen: Fen::from_yuan(3_000), paid_on: day(2019, 5, 10) };
    district.add_return(loan.id, &paid).await.expect("first return");
    let paid = CreateReturn { amount_fen: Fen::from_yuan(3_000), paid_on: day(2020, 5, 10) };
    let all_paid = district.add_return(loan.id, &paid).await.expect("second return");
    // Today is past the due date 2021-05-10, its third anniversary: a third return was owed.
    let still = district.loans(&late).await.expect("late list");

    assert_eq!(loan.enterprise.as_ref().map(|e| e.name.as_str()), Some("绿源茶业"));
    assert_eq!(listed.items.iter().map(|l| l.id).collect::<Vec<_>>(), [loan.id]);
    assert_eq!(all_paid.returns.len(), 2);
    assert!(all_paid.return_late);
    assert_eq!(still.total, 1);
}

#[tokio::test]
async fn township_officials_read_their_township_and_only_admins_and_district_officials_write() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let loan =
        district.create_loan(&loan_of(borrower(&app, 10).await, day(2020, 1, 10), "HT-010")).await.expect("loan");
    let township = app.login("township").await;
    let clerk = app.login("clerk").await;
    let auditor = app.login("auditor").await;

    let written = repay(&township, &loan, 1, day(2020, 2, 1)).await.expect_err("a township official does not write");
    let seen = auditor.loan(loan.id).await.expect("the auditor reads");

    assert_eq!(written.status(), Some(403));
    assert!(clerk.loan(loan.id).await.is_ok(), "the clerk of 张村 sees its loans");
    assert!(township.loans(&LoanQuery::default()).await.expect("list").total >= 1);
    assert_ne!(seen.borrower_id_card_no, loan.borrower_id_card_no);
    assert!(seen.borrower_id_card_no.contains("**********"));
}

#[tokio::test]
async fn a_list_names_no_id_number_and_each_whole_read_of_one_loan_or_the_ledger_is_audited() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let auditor = app.login("auditor").await;
    let admin = app.login("admin").await;
    let loan =
        district.create_loan(&loan_of(borrower(&app, 11).await, day(2020, 1, 10), "HT-011")).await.expect("loan");

    let listed = district.loans(&LoanQuery::default()).await.expect("list");
    let read = district.loan(loan.id).await.expect("one loan");
    auditor.loan(loan.id).await.expect("the auditor's masked read");
    district.loan_ledger(&LoanQuery::default()).await.expect("ledger");
    let trail = admin
        .audit_events(&jingzhun_shared::org::AuditQuery { per_page: Some(100), ..Default::default() })
        .await
        .expect("trail");

    assert!(listed.items.iter().all(|l| l.borrower_id_card_no.is_empty()), "{:?}", listed.items);
    assert_eq!(read.borrower_id_card_no, id_card(11));
    let reads: Vec<(&str, Option<&str>)> = trail
        .items
        .iter()
        .filter(|e| e.action == "read_personal_data")
        .map(|e| (e.entity.as_str(), e.username.as_deref()))
        .collect();
    assert_eq!(reads.iter().filter(|r| r.0 == "loan").copied().collect::<Vec<_>>(), [("loan", Some("district"))]);
    assert_eq!(
        reads.iter().filter(|r| r.0 == "loan_ledger").copied().collect::<Vec<_>>(),
        [("loan_ledger", Some("district"))]
    );
}

#[tokio::test]
async fn the_auditor_reads_loans_and_the_ledger_without_a_borrower_s_number() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let auditor = app.login("auditor").await;
    let enterprise = app.login("enterprise").await;
    let loan =
        district.create_loan(&loan_of(borrower(&app, 12).await, day(2020, 1, 10), "HT-012")).await.expect("loan");

    let one = auditor.loan(loan.id).await.expect("one loan");
    let list = auditor.loans(&LoanQuery::default()).await.expect("list");
    let ledger = auditor.loan_ledger(&LoanQuery::default()).await.expect("ledger");
    let refused = enterprise.loan(loan.id).await.expect_err("an enterprise reads no loan");

    for (value, context) in [
        (serde_json::to_value(&one).expect("json"), "auditor's loan"),
        (serde_json::to_value(&list).expect("json"), "auditor's loan list"),
    ] {
        crate::api::privacy::assert_no_personal_data(&value, context);
    }
    crate::api::privacy::assert_no_personal_data_in_xlsx(&ledger, "auditor's loan ledger");
    assert_eq!(refused.status(), Some(403));
    // The same ledger as the district official carries the number, so the check above can fail.
    let whole = district.loan_ledger(&LoanQuery::default()).await.expect("ledger");
    assert!(
        std::panic::catch_unwind(|| crate::api::privacy::assert_no_personal_data_in_xlsx(&whole, "district")).is_err()
    );
}
