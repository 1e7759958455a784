//! The interest subsidy (贴息) through the API, against cases computed by hand, and the
//! quarterly batch: computed over every loan, approved, then paid and locked.

use jingzhun_shared::Fen;
use jingzhun_shared::credit::{BatchStep, CreateSubsidyBatch, Subsidy, SubsidyBatchStatus, SubsidyPeriod};

use crate::api::credit::{borrower, day, loan_of, repay};
use crate::helpers::TestApp;

/// Each case: a 5 万元 loan at 4.35 % (issued on, term in months, a repayment (元, day)), the
/// period, and the subsidy and days worked out by hand: Σ balance × 435 / 10,000 / 365, rounded
/// half up once.
#[tokio::test]
async fn the_subsidy_of_a_period_is_what_the_hand_computed_table_says() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    type Case = ((i32, u32, u32), u32, Option<(i64, (i32, u32, u32))>, ((i32, u32, u32), (i32, u32, u32)), i64, u32);
    let cases: [(&str, Case); 4] = [
        // Repaid 2 万元 on 15 Feb: 45 days at 5,000,000 fen (1 Jan – 14 Feb) and 46 days at
        // 3,000,000 (15 Feb – 31 Mar, February of 29 days): 363,000,000 × 435 / 3,650,000 =
        // 43,261.64 → 43,262 fen.
        (
            "a repayment mid-period",
            ((2019, 12, 20), 36, Some((20_000, (2020, 2, 15))), ((2020, 1, 1), (2020, 4, 1)), 43_262, 91),
        ),
        // February of a leap year: 29 days × 5,000,000 = 145,000,000 × 435 / 3,650,000 =
        // 17,280.82 → 17,281 fen.
        ("a leap February", ((2019, 12, 20), 36, None, ((2020, 2, 1), (2020, 3, 1)), 17_281, 29)),
        // Issued on 10 Feb, repaid whole on 20 Mar: 20 + 19 = 39 days × 5,000,000 =
        // 195,000,000 × 435 / 3,650,000 = 23,239.73 → 23,240 fen; 20 Mar ends with nothing owed.
        (
            "issued and repaid inside the period",
            ((2020, 2, 10), 36, Some((50_000, (2020, 3, 20))), ((2020, 1, 1), (2020, 4, 1)), 23_240, 39),
        ),
        // Due on 15 Apr 2020: 1 – 14 Apr earn, the overdue days after do not: 14 × 5,000,000 =
        // 70,000,000 × 435 / 3,650,000 = 8,342.47 → 8,342 fen.
        ("an overdue loan", ((2019, 4, 15), 12, None, ((2020, 4, 1), (2020, 7, 1)), 8_342, 14)),
    ];
    for (n, (what, (issued, term, repayment, (from, to), fen, days))) in cases.into_iter().enumerate() {
        let who = borrower(&app, 20 + u32::try_from(n).expect("small")).await;
        let mut input = loan_of(who, day(issued.0, issued.1, issued.2), &format!("TX-{n}"));
        input.term_months = term;
        let loan = district.create_loan(&input).await.expect("loan");
        if let Some((yuan, on)) = repayment {
            repay(&district, &loan, yuan, day(on.0, on.1, on.2)).await.expect("repayment");
        }
        let period = SubsidyPeriod { from: day(from.0, from.1, from.2), to: day(to.0, to.1, to.2) };

        let subsidy = district.loan_subsidy(loan.id, &period).await.expect("subsidy");

        assert_eq!(subsidy, Subsidy { subsidy_fen: Fen::new(fen), days }, "{what}");
    }
}

#[tokio::test]
async fn a_period_that_ends_before_it_begins_is_refused() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let loan = district.create_loan(&loan_of(borrower(&app, 30).await, day(2020, 1, 2), "TX-30")).await.expect("loan");

    let period = SubsidyPeriod { from: day(2020, 4, 1), to: day(2020, 4, 1) };
    let refused = district.loan_subsidy(loan.id, &period).await.expect_err("empty period");

    assert_eq!(refused.status(), Some(422));
}

#[tokio::test]
async fn a_quarter_s_batch_sums_every_loan_s_subsidy_and_is_approved_then_paid_then_locked() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let q1 = SubsidyPeriod { from: day(2020, 1, 1), to: day(2020, 4, 1) };
    let mut expected = 0;
    for n in 0..3u32 {
        let input = loan_of(borrower(&app, 40 + n).await, day(2019, 11, 1 + n), &format!("TB-{n}"));
        let loan = district.create_loan(&input).await.expect("loan");
        repay(&district, &loan, 10_000 * i64::from(n), day(2020, 2, 1)).await.ok();
        expected += district.loan_subsidy(loan.id, &q1).await.expect("subsidy").subsidy_fen.fen();
    }

    let batch = district.create_subsidy_batch(&CreateSubsidyBatch { year: 2020, quarter: 1 }).await.expect("batch");
    let again =
        district.create_subsidy_batch(&CreateSubsidyBatch { year: 2020, quarter: 1 }).await.expect_err("one a quarter");
    let early = district.pay_subsidy_batch(batch.id, &BatchStep { on: day(2020, 4, 10), version: batch.version }).await;
    let approved = district
        .approve_subsidy_batch(batch.id, &BatchStep { on: day(2020, 4, 10), version: batch.version })
        .await
        .expect("approved");
    let paid = district
        .pay_subsidy_batch(batch.id, &BatchStep { on: day(2020, 4, 20), version: approved.version })
        .await
        .expect("paid");
    let twice = district.pay_subsidy_batch(batch.id, &BatchStep { on: day(2020, 4, 21), version: paid.version }).await;
    let lines = district.subsidy_lines(batch.id, &Default::default()).await.expect("lines");

    assert_eq!((batch.total_fen, batch.loans), (Fen::new(expected), 3));
    assert_eq!(again.status(), Some(409));
    assert_eq!(early.expect_err("not approved yet").status(), Some(409));
    assert_eq!(paid.status, SubsidyBatchStatus::Paid);
    assert_eq!(twice.expect_err("locked").status(), Some(409));
    assert_eq!(lines.items.iter().map(|l| l.subsidy_fen.fen()).sum::<i64>(), expected);
}

#[tokio::test]
async fn a_quarter_that_has_not_ended_has_no_batch() {
    let app = TestApp::spawn_on(day(2020, 6, 15)).await;
    let district = app.login("district").await;

    let refused =
        district.create_subsidy_batch(&CreateSubsidyBatch { year: 2020, quarter: 2 }).await.expect_err("not ended");

    assert_eq!(refused.status(), Some(422));
    assert!(!refused.api_error().map(|e| e.field("quarter").is_empty()).unwrap_or(true));
}

#[tokio::test]
async fn the_loan_ledger_and_a_batch_s_list_download_as_xlsx() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    district.create_loan(&loan_of(borrower(&app, 50).await, day(2020, 1, 2), "TL-1")).await.expect("loan");
    let batch = district.create_subsidy_batch(&CreateSubsidyBatch { year: 2020, quarter: 1 }).await.expect("batch");

    let loans = district.loan_ledger(&Default::default()).await.expect("ledger");
    let lines = district.subsidy_batch_ledger(batch.id).await.expect("batch list");

    assert!(loans.starts_with(b"PK") && loans.len() > 1_000, "an xlsx (a zip)");
    assert!(lines.starts_with(b"PK"));
}
