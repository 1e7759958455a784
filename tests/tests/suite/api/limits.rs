//! Bad numbers, dates and text from a hostile or careless user: a clear 422, never a 500, and
//! a clock the tests set.

use chrono::NaiveDate;
use jingzhun_shared::applications::ApplicationStep;

use crate::api::workflow::{after_notice, exit, exit_with_village_notice, household_with_income};
use crate::helpers::TestApp;

fn nov(d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2020, 11, d)
}

async fn post_json(app: &TestApp, token: &str, path: &str, body: &str) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(format!("{}{path}", app.base))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .expect("answer");
    (response.status().as_u16(), response.text().await.unwrap_or_default())
}

#[tokio::test]
async fn a_step_dated_after_the_office_s_today_cannot_cut_a_notice_short() {
    let app = TestApp::spawn_on(NaiveDate::from_ymd_opt(2020, 11, 12).expect("date")).await;
    let (clerk, township) = (app.login("clerk").await, app.login("township").await);
    let household = household_with_income(&app, &clerk, 7, 520_000, false).await;
    // Posted in the village on the 4th.
    let id = exit_with_village_notice(&app, &clerk, household).await;
    let path = format!("/api/v1/applications/{}/advance", id.0);
    let token = township.token().unwrap_or_default().to_owned();

    let ahead = township.advance_application(id, &after_notice(4, 11, 20)).await;
    let notice = r#""notice": {"start_on": "2020-11-04", "end_on": "2020-11-11"}"#;
    let far = post_json(&app, &token, &path, &format!(r#"{{"on": "+262142-12-31", {notice}}}"#)).await;
    let ancient = post_json(&app, &token, &path, &format!(r#"{{"on": "1900-01-01", {notice}}}"#)).await;
    let early_today = township.advance_application(id, &ApplicationStep { on: None, ..after_notice(4, 11, 12) }).await;

    let ahead = ahead.expect_err("eight days ahead of the clock");
    assert_eq!(ahead.status(), Some(422));
    assert!(ahead.api_error().is_some_and(|e| e.field("on").iter().any(|m| m.contains("晚于今天"))), "{ahead:?}");
    assert_eq!(far.0, 422, "{}", far.1);
    assert_eq!(ancient.0, 422, "{}", ancient.1);
    // Undated means the clock's today, the 12th: after the notice's seven days, so it passes.
    let moved = early_today.expect("dated today by the clock");
    assert_eq!(moved.history.last().map(|h| h.on), nov(12));
}

#[tokio::test]
async fn huge_pages_and_long_text_are_422_not_500() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let token = clerk.token().unwrap_or_default().to_owned();
    let household = household_with_income(&app, &clerk, 8, 520_000, false).await;

    let huge = reqwest::Client::new()
        .get(format!("{}/api/v1/households?page={}", app.base, u64::MAX))
        .bearer_auth(&token)
        .send()
        .await
        .expect("answer");
    let huge_audit = reqwest::Client::new()
        .get(format!("{}/api/v1/projects?page=18446744073709551615&per_page=18446744073709551615", app.base))
        .bearer_auth(&token)
        .send()
        .await
        .expect("answer");
    let mut long = exit(household);
    long.reason = Some("很".repeat(256));
    let long = clerk.create_application(&long).await.expect_err("256 characters");

    assert_eq!(huge.status().as_u16(), 422);
    assert_eq!(huge_audit.status().as_u16(), 422);
    assert_eq!(long.status(), Some(422));
    assert!(long.api_error().is_some_and(|e| !e.field("reason").is_empty()), "{long:?}");
}
