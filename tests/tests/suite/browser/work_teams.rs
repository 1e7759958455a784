//! On a phone: the demo cadre marks today's attendance in one tap and its team's rate rises (on
//! a working day);
//! the clerk marks an item of a household's plan done.

use jingzhun_shared::pairing::PlanQuery;

use crate::browser::driver::Browser;
use crate::helpers::TestApp;

/// "12.34%" as basis points.
fn bp(text: &str) -> Option<i64> {
    let (whole, cents) = text.trim().trim_end_matches('%').split_once('.')?;
    Some(whole.parse::<i64>().ok()? * 100 + cents.parse::<i64>().ok()?)
}

#[tokio::test]
async fn a_cadre_marks_today_at_the_post_in_one_tap_and_the_team_s_rate_rises() {
    let app = TestApp::spawn_full().await;

    let browser = Browser::phone().await;
    browser.log_in(&app, "cadre").await;
    browser.client.goto(&format!("{}/work-teams", app.base)).await.expect("open work teams");
    let before = browser.text_when(".team-rates .cards .team-rate", |t| bp(t).is_some()).await;
    browser.click(".my-team button.check-in").await;
    browser.wait_for(".my-team .checked-in").await;
    // A weekend day at the post is kept but not counted in the rate.
    let working = jingzhun_shared::pairing::is_working_day(jingzhun::clock::office_today());
    let after = if working {
        browser.text_when(".team-rates .cards .team-rate", |t| t != before).await
    } else {
        browser.client.refresh().await.expect("reload");
        browser.text_when(".team-rates .cards .team-rate", |t| bp(t).is_some()).await
    };

    let days = app.login("district").await.team_attendance(&Default::default()).await.expect("days");
    if working {
        assert!(bp(&after) > bp(&before), "{before} → {after}");
    } else {
        assert_eq!(bp(&after), bp(&before), "a weekend day leaves the rate as it was");
    }
    assert_eq!(days.items[0].date, jingzhun::clock::office_today(), "today's day at the post is the newest");
    assert_eq!(days.items[0].recorded_by, "cadre");
    browser.close().await;
}

#[tokio::test]
async fn a_clerk_marks_an_item_of_a_household_s_plan_done() {
    let app = TestApp::spawn_full().await;
    let clerk = app.login("clerk").await;
    let open = PlanQuery { done: Some(false), year: Some(2020), ..Default::default() };
    let item = clerk.assistance_plans(&open).await.expect("open items").items.remove(0);

    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;
    browser.client.goto(&format!("{}/households/{}", app.base, item.household_id)).await.expect("open the card");
    browser.fill("#field-plan-year", "2020").await;
    browser.click(".plan-item .mark-done").await;
    browser.text_when(".plan-item:last-child .badge.ok", |t| t.contains("已完成")).await;

    let after =
        clerk.assistance_plans(&PlanQuery { household_id: Some(item.household_id), ..open }).await.expect("list");
    assert!(after.items.iter().all(|i| i.id != item.id), "the item is no longer open");
    let whole = PlanQuery { household_id: Some(item.household_id), ..Default::default() };
    let plan = clerk.assistance_plans(&whole).await.expect("plan");
    let done = plan.items.into_iter().find(|i| i.id == item.id).expect("still there");
    assert_eq!(done.done_on, Some(jingzhun::clock::office_today()));
    browser.close().await;
}
