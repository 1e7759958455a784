//! What the household card reads of pairing: the assistance logs of the pairings that name the
//! household (only where the reader reaches the household), its visits with the GPS point for
//! the officials who check visits only, and the years the pairing page offers.

use jingzhun_shared::org::CreateUser;
use jingzhun_shared::pairing::{
    AssistanceKind, AssistanceLogQuery, CreatePairing, PairingFiguresQuery, PairingQuery, VisitQuery,
};
use jingzhun_shared::{HouseholdId, Role};

use crate::api::pairing::{log, two_enterprises};
use crate::api::pairing_cadres::{paired, visit};
use crate::api::registry::villages;
use crate::helpers::TestApp;

fn logs_of(household: HouseholdId) -> AssistanceLogQuery {
    AssistanceLogQuery { household_id: Some(household), ..Default::default() }
}

#[tokio::test]
async fn a_household_s_logs_are_those_of_the_pairings_naming_it_within_the_reader_s_reach() {
    let app = TestApp::spawn().await;
    let two = two_enterprises(&app).await;
    let admin = app.login("admin").await;
    let district = app.login("district").await;
    let [far] = villages(&admin, ["呈阳村"]).await;
    let named = PairingQuery { enterprise_id: Some(two.ids[0]), ..Default::default() };
    let named = district.pairings(&named).await.expect("pairings").items.remove(0);
    let household = named.households[0].id;
    // The second enterprise also takes on 汪春 of 张村 in a pairing with 呈阳村.
    let across = CreatePairing {
        enterprise_id: two.ids[1],
        village_ids: vec![far],
        household_ids: vec![household],
        since: named.since,
        until: None,
    };
    let across = district.create_pairing(&across).await.expect("paired across villages").id;
    let tea = log(two.pairings[0], AssistanceKind::LabourHired, None, Some(3));
    two.accounts[0].create_assistance_log(&tea).await.expect("the tea company's log");
    let mill = log(two.pairings[1], AssistanceKind::Funds, Some(500), None);
    two.accounts[1].create_assistance_log(&mill).await.expect("the village-only log");
    let later = log(across, AssistanceKind::StudentsAided, None, Some(1));
    two.accounts[1].create_assistance_log(&later).await.expect("the log across villages");
    let far_clerk = CreateUser {
        username: "far-clerk".to_owned(),
        password: jingzhun::demo::DEMO_PASSWORD.to_owned(),
        display_name: None,
        role: Role::VillageClerk,
        org_unit_id: far,
        enterprise_id: None,
        cadre_id: None,
    };
    admin.create_user(&far_clerk).await.expect("a clerk of 呈阳村");

    let by_district = district.assistance_logs(&logs_of(household)).await.expect("district");
    let by_clerk = app.login("clerk").await.assistance_logs(&logs_of(household)).await.expect("clerk");
    let far_clerk = app.login("far-clerk").await;
    let by_far_clerk = far_clerk.assistance_logs(&logs_of(household)).await.expect("far clerk");
    let far_pairing = AssistanceLogQuery { pairing_id: Some(across), ..Default::default() };
    let far_pairing = far_clerk.assistance_logs(&far_pairing).await.expect("the pairing itself");
    let by_mill = two.accounts[1].assistance_logs(&logs_of(household)).await.expect("mill");

    let kinds = |page: &jingzhun_shared::Page<jingzhun_shared::pairing::AssistanceLogDto>| {
        let mut kinds: Vec<_> = page.items.iter().map(|l| l.entry.kind).collect();
        kinds.sort_by_key(|k| k.as_str());
        kinds
    };
    assert_eq!(kinds(&by_district), [AssistanceKind::LabourHired, AssistanceKind::StudentsAided]);
    assert_eq!(kinds(&by_clerk), [AssistanceKind::LabourHired, AssistanceKind::StudentsAided]);
    assert_eq!(far_pairing.total, 1, "the far clerk reaches the pairing with its village");
    assert_eq!(by_far_clerk.total, 0, "but not the household of another village through it");
    assert_eq!(kinds(&by_mill), [AssistanceKind::StudentsAided], "an enterprise: its own pairings only");
}

#[tokio::test]
async fn the_pairing_page_is_offered_the_years_with_logs() {
    let app = TestApp::spawn().await;
    let two = two_enterprises(&app).await;
    let district = app.login("district").await;
    let none_yet =
        district.pairing_figures(&PairingFiguresQuery { year: 2021, as_of: None, org_unit: None }).await.expect("none");
    let tea = log(two.pairings[0], AssistanceKind::LabourHired, None, Some(3));
    two.accounts[0].create_assistance_log(&tea).await.expect("a log of 2020");

    let figures =
        district.pairing_figures(&PairingFiguresQuery { year: 2021, as_of: None, org_unit: None }).await.expect("2021");
    let mill = two.accounts[1].pairing_figures(&PairingFiguresQuery { year: 2021, as_of: None, org_unit: None }).await;

    assert!(none_yet.years.is_empty(), "{:?}", none_yet.years);
    assert_eq!(figures.years, [2020]);
    assert_eq!(figures.totals.labour_hired, 0, "the figures stay the year asked for");
    assert!(mill.expect("mill").years.is_empty(), "another enterprise's log is not its year");
}

#[tokio::test]
async fn a_visit_s_gps_point_is_shown_to_officials_only_not_to_the_clerk_the_cadre_or_the_auditor() {
    let app = TestApp::spawn().await;
    let p = paired(&app).await;
    let clerk = app.login("clerk").await;
    let input = visit(p.households[0], chrono::NaiveDate::from_ymd_opt(2020, 6, 5).expect("day"));
    let recorded = clerk.create_visit(&input).await.expect("the clerk records it with the phone's point");
    let of_household = || VisitQuery { household_id: Some(p.households[0]), ..Default::default() };

    let mut points = Vec::new();
    for who in ["clerk", "auditor", "township", "district", "admin"] {
        let seen = app.login(who).await.visits(&of_household()).await.expect("visits");
        points.push((who, seen.items.first().map(|v| (v.latitude, v.longitude))));
    }
    let wang = p.wang.visits(&of_household()).await.expect("wang's household");

    assert_eq!((recorded.latitude, recorded.longitude), (None, None), "not even in the clerk's own answer");
    assert_eq!(
        points,
        [
            ("clerk", Some((None, None))),
            ("auditor", Some((None, None))),
            ("township", Some((Some(29.71), Some(118.33)))),
            ("district", Some((Some(29.71), Some(118.33)))),
            ("admin", Some((Some(29.71), Some(118.33)))),
        ]
    );
    assert_eq!(wang.items.iter().map(|v| (v.latitude, v.longitude)).collect::<Vec<_>>(), [(None, None)]);
}
