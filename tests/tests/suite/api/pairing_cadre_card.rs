//! What a cadre reaches of its households beyond visits: the household card and its members,
//! masked (no ID number, phone, birth date or health), for the households it is responsible
//! for now and no other; and their return-to-poverty warnings, which it checks on its visits,
//! each check naming the visit.

use jingzhun_shared::PageQuery;
use jingzhun_shared::pairing::CreateCadrePairing;
use jingzhun_shared::warnings::{
    CheckOutcome, CheckWarning, DisasterReportInput, RunWarnings, WarningQuery, WarningRule, WarningStatus,
};
use jingzhun_shared::{Api, Fen, HouseholdId, VisitId};

use crate::api::pairing_cadres::{Paired, day, paired, status, visit};
use crate::api::privacy::assert_no_personal_data;
use crate::helpers::TestApp;

fn fields<T: std::fmt::Debug>(result: Result<T, jingzhun_shared::ClientError>) -> Vec<String> {
    let error = result.expect_err("refused");
    assert_eq!(error.status(), Some(422), "{error:?}");
    error.api_error().expect("wire").fields.keys().cloned().collect()
}

#[tokio::test]
async fn a_cadre_opens_its_own_household_s_card_masked_and_no_other() {
    let app = TestApp::spawn().await;
    let p = paired(&app).await;
    let district = app.login("district").await;
    let [own, neighbour, far] = p.households;
    let whole = district.household(own).await.expect("the district reads it whole");

    let card = p.wang.household(own).await.expect("its own household");
    let members = p.wang.members(own, &PageQuery::default()).await.expect("its members");
    let neighbour_card = p.wang.household(neighbour).await;
    let neighbour_members = p.wang.members(neighbour, &PageQuery::default()).await;
    let far_card = p.wang.household(far).await;
    let income = p.wang.income_records(own, &PageQuery::default()).await;
    let benefits = p.wang.household_benefits(own, &Default::default()).await;
    let handover = CreateCadrePairing { cadre_id: p.cadres[1], household_id: own, since: day(7, 1) };
    district.create_cadre_pairing(&handover).await.expect("李 takes over");
    let after_handover = p.wang.household(own).await;

    assert_eq!((card.id, card.members.len()), (own, 1));
    assert_eq!(card.members[0].name, "汪春");
    assert!(card.masked, "a cadre reads no personal data");
    assert_ne!(card.members[0].id_card_no, whole.members[0].id_card_no, "the number is masked");
    assert_eq!(card.members[0].id_card_no.len(), whole.members[0].id_card_no.len());
    assert_eq!((card.members[0].health, card.members[0].birth_date), (None, None));
    assert_eq!(members.items.iter().map(|m| m.id).collect::<Vec<_>>(), [whole.members[0].id]);
    assert_no_personal_data(&serde_json::to_value(&card).expect("json"), "the cadre's card");
    assert_no_personal_data(&serde_json::to_value(&members).expect("json"), "the cadre's members");
    assert_eq!(status(neighbour_card), Some(404), "a household of the same village that is 李's");
    assert_eq!(status(neighbour_members), Some(404));
    assert_eq!(status(far_card), Some(404));
    assert_eq!(status(income), Some(403), "no income detail");
    assert_eq!(status(benefits), Some(403));
    assert_eq!(status(after_handover), Some(404), "a replaced cadre reads the card no more");
}

/// A disaster report for each of the two households of 张村 (王's and 李's) and the run that
/// warns them; their warnings as the clerk sees them.
async fn warned(app: &TestApp, p: &Paired) -> [jingzhun_shared::warnings::WarningDto; 2] {
    let (clerk, district) = (app.login("clerk").await, app.login("district").await);
    for household in &p.households[..2] {
        let report = DisasterReportInput {
            household_id: *household,
            reported_on: day(8, 1),
            description: "冰雹".to_owned(),
            loss_fen: Fen::from_yuan(8_000),
        };
        clerk.create_disaster_report(&report).await.expect("report");
    }
    district.run_warnings(&RunWarnings { year: 2020 }).await.expect("run");
    let of = |h: HouseholdId| WarningQuery {
        rule: Some(WarningRule::Disaster),
        household_id: Some(h),
        ..Default::default()
    };
    let own = clerk.warnings(&of(p.households[0])).await.expect("warnings").items.remove(0);
    let other = clerk.warnings(&of(p.households[1])).await.expect("warnings").items.remove(0);
    [own, other]
}

fn check(outcome: CheckOutcome, visit_id: Option<VisitId>) -> CheckWarning {
    CheckWarning {
        outcome, reason: "入户核实：房屋受损，已申请救助".to_owned(), monitoring_kind: None, visit_id
    }
}

async fn open_warnings(api: &Api) -> Vec<HouseholdId> {
    let query = WarningQuery { status: Some(WarningStatus::Open), ..Default::default() };
    api.warnings(&query).await.expect("warnings").items.iter().map(|w| w.household_id).collect()
}

#[tokio::test]
async fn a_cadre_checks_its_own_household_s_warning_on_its_visit_and_the_warning_names_the_visit() {
    let app = TestApp::spawn_on(day(9, 30)).await;
    let p = paired(&app).await;
    let [own, other] = warned(&app, &p).await;
    let clerk = app.login("clerk").await;
    let early = p.wang.create_visit(&visit(p.households[0], day(7, 20))).await.expect("a visit before the warning");
    let on_visit = p.wang.create_visit(&visit(p.households[0], day(9, 30))).await.expect("the visit");
    let neighbours = clerk.create_visit(&visit(p.households[1], day(9, 30))).await.expect("李's visit");

    let seen = open_warnings(&p.wang).await;
    let masked = p.wang.warnings(&WarningQuery::default()).await.expect("warnings").items.remove(0);
    let without_visit = p.wang.check_warning(own.id, &check(CheckOutcome::Monitor, None)).await;
    let too_early = p.wang.check_warning(own.id, &check(CheckOutcome::Monitor, Some(early.id))).await;
    let wrong_household = p.wang.check_warning(own.id, &check(CheckOutcome::Monitor, Some(neighbours.id))).await;
    let not_its_own = p.wang.check_warning(other.id, &check(CheckOutcome::Clear, Some(on_visit.id))).await;
    let checked =
        p.wang.check_warning(own.id, &check(CheckOutcome::Monitor, Some(on_visit.id))).await.expect("checked");
    let by_clerk =
        clerk.check_warning(other.id, &check(CheckOutcome::Clear, Some(neighbours.id))).await.expect("clerk");
    let card = clerk.household(p.households[0]).await.expect("card");
    let as_district = app.login("district").await.warnings(&WarningQuery::default()).await.expect("warnings");

    assert_eq!(seen, [p.households[0]], "a cadre reads its own households' warnings only");
    assert_eq!(masked.figures.amount_fen, None, "without the amounts: {}", masked.summary);
    assert_eq!(own.figures.amount_fen, Some(Fen::from_yuan(8_000)), "the clerk reads the figures");
    assert_eq!(fields(without_visit), ["visit_id"], "a cadre checks on a visit");
    assert_eq!(fields(too_early), ["visit_id"], "a visit before the warning did not check it");
    assert_eq!(fields(wrong_household), ["visit_id"]);
    assert_eq!(status(not_its_own), Some(404));
    assert_eq!(checked.status, WarningStatus::Monitored);
    assert_eq!((checked.checked_visit_id, checked.checked_visit_on), (Some(on_visit.id), Some(day(9, 30))));
    assert!(card.monitoring.iter().any(|m| m.cleared_on.is_none()), "the household is under monitoring");
    assert_eq!(by_clerk.checked_visit_id, Some(neighbours.id), "the clerk names the visit too");
    let listed = as_district.items.iter().find(|w| w.id == own.id).expect("listed");
    assert_eq!(listed.checked_visit_on, Some(day(9, 30)), "the list shows the visit that checked it");
}
