//! Households' assistance plans: a cadre plans its own households only, an item is done once
//! and on a day up to today, an item done stays, and the same item twice a year is refused.

use chrono::NaiveDate;
use jingzhun_shared::HouseholdId;
use jingzhun_shared::pairing::{CreatePlanItem, MarkPlanDone, PlanQuery, VisitItem};

use crate::api::pairing_cadres::{day, paired, status};
use crate::helpers::TestApp;

fn item(household: HouseholdId, item: VisitItem) -> CreatePlanItem {
    CreatePlanItem { household_id: household, year: 2020, item, cadre_id: None, due: day(9, 30), note: None }
}

fn year_2020(household: HouseholdId) -> PlanQuery {
    PlanQuery { household_id: Some(household), year: Some(2020), ..Default::default() }
}

#[tokio::test]
async fn a_cadre_plans_only_its_own_households_and_the_same_item_twice_is_a_conflict() {
    let app = TestApp::spawn().await;
    let p = paired(&app).await;
    let clerk = app.login("clerk").await;

    let planned = p.wang.create_plan_item(&item(p.households[0], VisitItem::HousingSafety)).await.expect("planned");
    let twice = p.wang.create_plan_item(&item(p.households[0], VisitItem::HousingSafety)).await;
    let someone_elses = p.wang.create_plan_item(&item(p.households[1], VisitItem::HousingSafety)).await;
    let out_of_village = clerk.create_plan_item(&item(p.households[2], VisitItem::Microcredit)).await;
    let due_next_year = CreatePlanItem {
        due: NaiveDate::from_ymd_opt(2021, 1, 5).expect("date"),
        ..item(p.households[0], VisitItem::Handbook)
    };
    let due_next_year = p.wang.create_plan_item(&due_next_year).await;
    let by_clerk = clerk.create_plan_item(&item(p.households[1], VisitItem::EducationAid)).await.expect("clerk plans");
    let district = app.login("district").await;
    let zhang = crate::api::registry::village(&district, "张村").await;
    let proposed = crate::api::registry::new_household(zhang, "程立新", crate::api::registry::id_card(681));
    let proposed = district.create_household(&proposed).await.expect("a household proposed, not yet on file");
    let named = CreatePlanItem { cadre_id: Some(p.cadres[1]), ..item(proposed.id, VisitItem::Microcredit) };
    let not_on_file = clerk.create_plan_item(&named).await.expect_err("refused");
    let seen_by_wang = p.wang.assistance_plans(&PlanQuery::default()).await.expect("own");
    let seen_by_auditor = app.login("auditor").await.assistance_plans(&PlanQuery::default()).await.expect("read");
    let seen_by_enterprise = app.login("enterprise").await.assistance_plans(&PlanQuery::default()).await;

    assert_eq!(planned.cadre_id, p.cadres[0], "a cadre is responsible for what it plans");
    assert_eq!((planned.head_name.as_str(), planned.item, planned.done_on), ("汪春", VisitItem::HousingSafety, None));
    assert_eq!(status(twice), Some(409));
    assert_eq!(status(someone_elses), Some(404));
    assert_eq!(status(out_of_village), Some(404), "呈阳村 lies outside the clerk's village");
    assert_eq!(status(due_next_year), Some(422));
    let fields = not_on_file.api_error().map(|e| e.fields.keys().cloned().collect::<Vec<_>>()).unwrap_or_default();
    assert_eq!((not_on_file.status(), fields), (Some(422), vec!["household_id".to_owned()]), "only those on file");
    assert_eq!(by_clerk.cadre_id, p.cadres[1], "without a name, the household's cadre is responsible");
    assert_eq!(seen_by_wang.items.iter().map(|i| i.id).collect::<Vec<_>>(), [planned.id]);
    assert_eq!(seen_by_auditor.total, 2);
    assert_eq!(status(seen_by_enterprise), Some(403));
}

#[tokio::test]
async fn an_item_is_done_once_on_a_day_up_to_today_and_only_an_item_not_done_can_be_deleted() {
    let app = TestApp::spawn().await;
    let p = paired(&app).await;
    let home = p.households[0];
    let housing = p.wang.create_plan_item(&item(home, VisitItem::HousingSafety)).await.expect("planned");
    let water = p.wang.create_plan_item(&item(home, VisitItem::DrinkingWater)).await.expect("planned");
    let tomorrow = chrono::Local::now().date_naive() + chrono::Days::new(2);

    let in_future = p.wang.mark_plan_done(housing.id, &MarkPlanDone { done_on: tomorrow }).await;
    let done = p.wang.mark_plan_done(housing.id, &MarkPlanDone { done_on: day(8, 12) }).await.expect("done");
    let again = p.wang.mark_plan_done(housing.id, &MarkPlanDone { done_on: day(8, 13) }).await;
    let delete_done = p.wang.delete_plan_item(housing.id).await;
    let not_yet = app.login("clerk").await.assistance_plans(&PlanQuery { done: Some(false), ..year_2020(home) }).await;
    p.wang.delete_plan_item(water.id).await.expect("an item not done goes");
    let plan = app.login("township").await.assistance_plans(&year_2020(home)).await.expect("plan");

    assert_eq!(status(in_future), Some(422));
    assert_eq!(done.done_on, Some(day(8, 12)));
    assert_eq!(status(again), Some(409), "a done item stays as it was done");
    assert_eq!(status(delete_done), Some(409));
    assert_eq!(
        not_yet.expect("open items").items.iter().map(|i| i.item).collect::<Vec<_>>(),
        [VisitItem::DrinkingWater]
    );
    assert_eq!(
        plan.items.iter().map(|i| (i.item, i.done_on)).collect::<Vec<_>>(),
        [(VisitItem::HousingSafety, Some(day(8, 12)))]
    );
}
