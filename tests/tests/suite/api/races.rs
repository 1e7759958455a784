//! Requests racing for the same record, sent at once over separate connections: exactly one
//! wins and the other gets 409 or 422 — never both, never a 500 — on SQLite and PostgreSQL.
//! Each race runs several rounds on fresh records, so an interleaving that would let both
//! through has more than one chance to show.

use jingzhun_shared::applications::ApplicationQuery;
use jingzhun_shared::funds::{ProjectQuery, UpdateProject};
use jingzhun_shared::industry::{CreateIndustrySubsidy, IndustrySubsidyQuery, Quantity, SubsidyMenuInput};
use jingzhun_shared::page::PageQuery;
use jingzhun_shared::{ApplicationStatus, ClientError, Fen, ProjectKind};

use crate::api::funds::{batch, new_project, pay, project, start};
use crate::api::funds_rules::issued_batch;
use crate::api::industry::{household_in, industry_project};
use crate::api::registry::village;
use crate::api::workflow::{exit, household_with_income};
use crate::helpers::TestApp;

const ROUNDS: u32 = 5;

/// The status of an answer, 200 for a success (0 when no API answer came at all).
fn status<T>(answer: &Result<T, ClientError>) -> u16 {
    match answer {
        Ok(_) => 200,
        Err(e) => e.status().unwrap_or(0),
    }
}

/// Both statuses, sorted: a race one request won and the other lost with 409 reads `[200, 409]`.
pub(crate) fn outcome<A, B>(a: &Result<A, ClientError>, b: &Result<B, ClientError>) -> [u16; 2] {
    let mut both = [status(a), status(b)];
    both.sort_unstable();
    both
}

/// The error code of whichever answer failed.
fn loser_code<T>(a: &Result<T, ClientError>, b: &Result<T, ClientError>) -> String {
    [a, b].iter().find_map(|r| r.as_ref().err()).and_then(|e| e.api_error()).map(|e| e.code.clone()).unwrap_or_default()
}

#[tokio::test]
async fn two_payments_racing_for_the_last_yuan_of_a_budget_pay_it_once() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let b = batch(&district, 1).await;

    for round in 0..ROUNDS {
        let p = start(&district, &project(&district, &b, zhang, ProjectKind::Industry, 100_000).await).await;
        pay(&district, &p, 99_900, &format!("R{round}-0")).await.expect("all but the last yuan");

        let (voucher_a, voucher_b) = (format!("R{round}-A"), format!("R{round}-B"));
        let (a, b2) = tokio::join!(pay(&district, &p, 100, &voucher_a), pay(&district, &p, 100, &voucher_b));

        assert_eq!(outcome(&a, &b2), [200, 422], "round {round}");
        let after = district.project(p.id).await.expect("project");
        assert_eq!((after.spent_fen, after.budget_fen), (Fen::new(100_000), Fen::new(100_000)), "round {round}");
        let rows = district.expenditures(p.id, &PageQuery::default()).await.expect("payments").items;
        assert_eq!(rows.iter().map(|e| e.amount_fen.fen()).sum::<i64>(), 100_000, "round {round}: rows match");
    }
}

#[tokio::test]
async fn two_projects_racing_for_the_rest_of_a_batch_are_not_both_allocated() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;

    for round in 0..ROUNDS {
        let day = chrono::NaiveDate::from_ymd_opt(2020, 3, 1).expect("date");
        let b = district.create_fund_batch(&issued_batch(round as i32 + 1, 100_000, day, vec![])).await.expect("batch");
        let half_and_more =
            jingzhun_shared::funds::CreateProject { budget_fen: Fen::new(60_000), ..new_project(b.id, zhang) };

        let (a, b2) = tokio::join!(district.create_project(&half_and_more), district.create_project(&half_and_more));

        assert_eq!(outcome(&a, &b2), [200, 422], "round {round}");
        let after = district.fund_batch(b.id).await.expect("batch");
        assert_eq!((after.allocated_fen, after.projects), (Fen::new(60_000), 1), "round {round}");
    }
}

#[tokio::test]
async fn a_budget_edit_racing_the_project_s_deletion_leaves_the_batch_allocation_equal_to_its_budgets() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let b = batch(&district, 1).await;

    for round in 0..ROUNDS {
        let p = project(&district, &b, zhang, ProjectKind::Housing, 100_000).await;
        let raise = UpdateProject { version: p.version, budget_fen: Some(Fen::new(150_000)), ..Default::default() };

        let (edited, deleted) = tokio::join!(district.update_project(p.id, &raise), district.delete_project(p.id));

        let statuses = outcome(&edited, &deleted);
        assert!(!statuses.contains(&500) && statuses.contains(&200), "round {round}: {statuses:?}");
        let left = district.projects(&ProjectQuery { batch_id: Some(b.id), ..Default::default() }).await;
        let budgets: i64 = left.expect("projects").items.iter().map(|p| p.budget_fen.fen()).sum();
        let after = district.fund_batch(b.id).await.expect("batch");
        assert_eq!(after.allocated_fen, Fen::new(budgets), "round {round}: {statuses:?}");
    }
}

#[tokio::test]
async fn a_budget_edit_racing_a_payment_never_leaves_the_budget_below_what_is_spent() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let b = batch(&district, 1).await;

    for round in 0..ROUNDS {
        let p = start(&district, &project(&district, &b, zhang, ProjectKind::Housing, 100_000).await).await;
        // Valid against what the edit read (nothing spent), but below the payment racing it.
        let cut = UpdateProject { version: p.version, budget_fen: Some(Fen::new(50_000)), ..Default::default() };

        let voucher = format!("E{round}");
        let (paid, edited) = tokio::join!(pay(&district, &p, 80_000, &voucher), district.update_project(p.id, &cut));

        let statuses = outcome(&paid, &edited);
        assert!(statuses == [200, 409] || statuses == [200, 422], "round {round}: {statuses:?}");
        let after = district.project(p.id).await.expect("project");
        let expected = if paid.is_ok() { (100_000, 80_000) } else { (50_000, 0) };
        assert_eq!((after.budget_fen.fen(), after.spent_fen.fen()), expected, "round {round}");
    }
}

#[tokio::test]
async fn two_subsidies_racing_for_a_household_cap_pay_it_once() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let item = district
        .create_menu_item(&SubsidyMenuInput {
            year: 2020,
            name: "能繁母牛".into(),
            unit: "头".into(),
            standard_fen: Fen::new(800_000),
            cap_fen: Some(Fen::new(800_000)),
            version: None,
        })
        .await
        .expect("menu item");
    let zhang = village(&clerk, "张村").await;
    let paying = industry_project(&district, zhang, 100_000_000).await;

    for round in 0..ROUNDS {
        let h = household_in(&app, zhang, 300 + round).await;
        let one_head = CreateIndustrySubsidy {
            household_id: h,
            item_id: item.id,
            project_id: paying.id,
            quantity: Quantity::from_hundredths(100),
            note: None,
        };

        let (a, b) = tokio::join!(clerk.create_industry_subsidy(&one_head), clerk.create_industry_subsidy(&one_head));

        assert_eq!(outcome(&a, &b), [200, 422], "round {round}");
        let paid = clerk
            .industry_subsidies(&IndustrySubsidyQuery { household_id: Some(h), ..Default::default() })
            .await
            .expect("the household's subsidies");
        assert_eq!(paid.total, 1, "round {round}");
        assert_eq!(paid.items.iter().map(|s| s.amount_fen.fen()).sum::<i64>(), 800_000, "round {round}: the cap");
    }
}

#[tokio::test]
async fn two_applications_racing_for_one_household_open_exactly_one() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;

    for round in 0..ROUNDS {
        let household = household_with_income(&app, &clerk, 20 + round, 520_000, false).await;

        let input = exit(household);
        let (a, b) = tokio::join!(clerk.create_application(&input), clerk.create_application(&input));

        assert_eq!(outcome(&a, &b), [200, 409], "round {round}");
        assert_eq!(loser_code(&a, &b), "application_open", "round {round}");
        let open = clerk
            .applications(&ApplicationQuery {
                household_id: Some(household),
                status: Some(ApplicationStatus::InProgress),
                ..Default::default()
            })
            .await
            .expect("the household's applications");
        assert_eq!(open.total, 1, "round {round}");
    }
}
