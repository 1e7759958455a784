//! Insurance premium subsidies through the API: once per person and year, listed with filters
//! and pages, deleted, counted in the health figures (as of a date, for a subtree); who sees
//! them; the person search that leads to a health year; progress of a settlement import.

use jingzhun_shared::health::{
    ClaimImportQuery, HealthFiguresQuery, HealthPeopleQuery, InsuranceKind, PremiumSubsidyInput, PremiumSubsidyQuery,
    YearQuery,
};
use jingzhun_shared::{Fen, MemberId};

use crate::api::health::{day, person, set_rules};
use crate::api::registry::{id_card, new_household, village};
use crate::helpers::TestApp;

/// 90 元 of `member`'s 城乡居民医保 premium of `year`, paid on `on`.
fn premium(member: MemberId, year: i32, on: &str) -> PremiumSubsidyInput {
    PremiumSubsidyInput {
        member_id: member,
        year,
        kind: InsuranceKind::ResidentMedical,
        amount_fen: Fen::from_yuan(90),
        paid_on: day(on),
    }
}

#[tokio::test]
async fn a_premium_is_recorded_once_per_person_and_year_and_the_figures_count_it() {
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    let (a, b) = (person(&app, 321).await, person(&app, 322).await);

    let first = health.create_premium_subsidy(&premium(a, 2020, "2020-03-01")).await.expect("a 2020");
    let again = health.create_premium_subsidy(&premium(a, 2020, "2020-04-01")).await.expect_err("a 2020 again");
    let mut late = premium(b, 2020, "2020-10-15");
    late.amount_fen = Fen::from_yuan(120);
    health.create_premium_subsidy(&late).await.expect("b 2020, in October");
    health.create_premium_subsidy(&premium(a, 2019, "2019-03-01")).await.expect("a 2019");

    assert_eq!((first.amount_fen, first.year, first.kind), (Fen::from_yuan(90), 2020, InsuranceKind::ResidentMedical));
    assert_eq!(again.status(), Some(422));
    assert!(again.api_error().expect("api error").fields.contains_key("year"));
    // As of the end of September: only a's 90 元; the whole year: a's 90 + b's 120 = 210 元.
    let query = HealthFiguresQuery { year: 2020, as_of: Some(day("2020-09-30")), org_unit: None };
    let september = health.health_figures(&query).await.expect("september");
    assert_eq!((september.premium_people, september.premium_fen), (1, Fen::from_yuan(90)));
    let year = health.health_figures(&HealthFiguresQuery { as_of: None, ..query.clone() }).await.expect("year");
    assert_eq!((year.premium_people, year.premium_fen), (2, Fen::from_yuan(210)));
    let li = village(&health, "篁村").await;
    let elsewhere = health.health_figures(&HealthFiguresQuery { org_unit: Some(li), ..query }).await.expect("篁村");
    assert_eq!((elsewhere.premium_people, elsewhere.premium_fen), (0, Fen::ZERO));
}

#[tokio::test]
async fn premiums_are_listed_by_member_year_and_unit_in_pages_and_can_be_deleted() {
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    let (a, b) = (person(&app, 323).await, person(&app, 324).await);
    for (who, year) in [(a, 2019), (a, 2020), (b, 2020)] {
        health.create_premium_subsidy(&premium(who, year, &format!("{year}-03-01"))).await.expect("premium");
    }
    let list = |q: PremiumSubsidyQuery| {
        let health = health.clone();
        async move { health.premium_subsidies(&q).await.expect("list") }
    };

    let of_a = list(PremiumSubsidyQuery { member_id: Some(a), ..Default::default() }).await;
    let of_2020 = list(PremiumSubsidyQuery { year: Some(2020), ..Default::default() }).await;
    let second_page = list(PremiumSubsidyQuery { page: Some(2), per_page: Some(2), ..Default::default() }).await;
    let zhang = village(&health, "张村").await;
    let li = village(&health, "篁村").await;
    let in_zhang = list(PremiumSubsidyQuery { org_unit_id: Some(zhang), ..Default::default() }).await;
    let in_li = list(PremiumSubsidyQuery { org_unit_id: Some(li), ..Default::default() }).await;

    assert_eq!(of_a.items.iter().map(|p| p.year).collect::<Vec<_>>(), [2020, 2019], "newest first");
    assert_eq!(of_2020.total, 2);
    assert_eq!((second_page.total, second_page.items.len()), (3, 1));
    assert_eq!((in_zhang.total, in_li.total), (3, 0));

    let gone = of_a.items[0].id;
    health.delete_premium_subsidy(gone).await.expect("deleted");
    let of_a = list(PremiumSubsidyQuery { member_id: Some(a), ..Default::default() }).await;
    assert_eq!(of_a.items.iter().map(|p| p.year).collect::<Vec<_>>(), [2019]);
    assert_eq!(health.delete_premium_subsidy(gone).await.expect_err("twice").status(), Some(404));
    health.create_premium_subsidy(&premium(a, 2020, "2020-05-01")).await.expect("2020 again after the delete");
}

#[tokio::test]
async fn a_clerk_sees_the_premium_in_the_household_totals_only_and_enterprise_and_auditor_see_nothing() {
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    let a = person(&app, 325).await;
    let p = health.create_premium_subsidy(&premium(a, 2020, "2020-03-01")).await.expect("premium");
    let clerk = app.login("clerk").await;

    let totals = clerk.household_health_totals(p.household_id, &YearQuery { year: 2020 }).await.expect("totals");
    let mine = totals.items.iter().find(|t| t.member_id == a).expect("the member");
    assert_eq!(mine.premium_fen, Fen::from_yuan(90));
    let listed = clerk.premium_subsidies(&PremiumSubsidyQuery::default()).await.expect_err("clerk's list");
    assert_eq!(listed.status(), Some(403));
    assert_eq!(
        clerk.create_premium_subsidy(&premium(a, 2021, "2021-03-01")).await.expect_err("write").status(),
        Some(403)
    );
    for who in ["enterprise", "auditor", "township"] {
        let api = app.login(who).await;
        let listed = api.premium_subsidies(&PremiumSubsidyQuery::default()).await.expect_err("list");
        assert_eq!(listed.status(), Some(403), "{who}");
        assert_eq!(api.delete_premium_subsidy(p.id).await.expect_err("delete").status(), Some(403), "{who}");
    }
    for who in ["enterprise", "auditor"] {
        let api = app.login(who).await;
        let totals = api.household_health_totals(p.household_id, &YearQuery { year: 2020 }).await;
        assert_eq!(totals.expect_err("totals").status(), Some(403), "{who}");
    }
}

#[tokio::test]
async fn the_person_search_finds_by_name_or_id_card_with_the_number_masked() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let mut input = new_household(zhang, "钟离秀英", id_card(331));
    input.initial_load = true;
    let found = district.create_household(&input).await.expect("household").members[0].id;
    let health = app.login("health").await;
    let search = |q: &str| HealthPeopleQuery { q: q.to_owned(), ..Default::default() };

    let by_name = health.health_people(&search("离秀")).await.expect("by name");
    let by_card = health.health_people(&search(&id_card(331)[..14])).await.expect("by card");
    let nobody = health.health_people(&search("无此人")).await.expect("nobody");
    let blank = health.health_people(&search(" ")).await.expect_err("blank");

    assert_eq!(by_name.items.iter().map(|p| p.member_id).collect::<Vec<_>>(), [found]);
    assert_eq!(by_name.items[0].village_name, "张村");
    assert!(by_name.items[0].id_card_no.contains('*'), "{}", by_name.items[0].id_card_no);
    assert!(by_card.items.iter().any(|p| p.member_id == found));
    assert_eq!(nobody.total, 0);
    assert_eq!(blank.status(), Some(422));
    let clerk = app.login("clerk").await;
    assert_eq!(clerk.health_people(&search("离秀")).await.expect_err("clerk").status(), Some(403));
}

#[tokio::test]
async fn a_settlement_import_reports_progress_to_its_health_officer_only() {
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    set_rules(&health, 2020).await;
    person(&app, 332).await;
    let mut csv = jingzhun_shared::health::CLAIM_COLUMNS.join(",");
    csv.push_str(&format!("\n{},住院,区人民医院,县级医院,2020-03-01,2020-03-05,10000,,8000,,,", id_card(332)));
    let query = ClaimImportQuery { format: "csv".into(), commit: true, progress: Some("health-import-1".into()) };

    let report = health.import_health_claims(&query, csv.into_bytes()).await.expect("imported");
    let own = health.import_progress("health-import-1").await.expect("the officer reads it");
    let other = app.login("district").await.import_progress("health-import-1").await.expect_err("another user");

    assert!(report.committed);
    assert_eq!((own.phase.as_str(), own.processed, own.total), ("done", 1, 1));
    assert_eq!(other.status(), Some(404));
}
