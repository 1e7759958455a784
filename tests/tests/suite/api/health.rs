//! Health claims through the API: the "351" and "180" computed by the server over a person's
//! year in discharge order, recomputed with history when an earlier claim changes; the year's
//! settings; the figures; who sees what.

use chrono::NaiveDate;
use jingzhun_shared::health::{
    ClaimKind, HealthClaimDto, HealthClaimInput, HealthClaimQuery, HealthFiguresQuery, HealthSettingsInput,
    HospitalLevel,
};
use jingzhun_shared::page::PageQuery;
use jingzhun_shared::{Api, Fen, MemberId};

use crate::api::registry::{id_card, new_household, village};
use crate::helpers::TestApp;

pub(crate) fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

/// The year's settings the tests use: 351 caps of 3,000 (township, county), 5,000 (city) and
/// 10,000 元 (province, out of province); 180 at 80 % up to 2,000 元 a person and year.
pub(crate) async fn set_rules(api: &Api, year: i32) {
    let input = HealthSettingsInput {
        township_cap_fen: Fen::from_yuan(3_000),
        county_cap_fen: Fen::from_yuan(3_000),
        city_cap_fen: Fen::from_yuan(5_000),
        province_cap_fen: Fen::from_yuan(10_000),
        out_of_province_cap_fen: Fen::from_yuan(10_000),
        supplement_rate_bp: 8_000,
        supplement_cap_fen: Fen::from_yuan(2_000),
        version: None,
    };
    api.set_health_settings(year, &input).await.expect("settings");
}

/// A registered person of 张村 (the head of a household loaded by the district).
pub(crate) async fn person(app: &TestApp, n: u32) -> MemberId {
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let mut input = new_household(zhang, "汪春生", id_card(n));
    input.initial_load = true;
    district.create_household(&input).await.expect("household").members[0].id
}

/// A claim of `member` discharged on `on`, costing `total` 元 of which the basic insurance paid
/// `paid` 元 (every other layer nothing; compliant = total).
pub(crate) fn claim(
    member: MemberId,
    kind: ClaimKind,
    level: HospitalLevel,
    on: &str,
    total: i64,
    paid: i64,
) -> HealthClaimInput {
    HealthClaimInput {
        member_id: member,
        kind,
        hospital: "区人民医院".to_owned(),
        hospital_level: level,
        admitted_on: day(on),
        discharged_on: day(on),
        total_cost_fen: Fen::from_yuan(total),
        compliant_cost_fen: None,
        basic_insurance_fen: Fen::from_yuan(paid),
        critical_illness_fen: Fen::ZERO,
        medical_assistance_fen: Fen::ZERO,
        commercial_fen: None,
        version: None,
    }
}

async fn reread(api: &Api, c: &HealthClaimDto) -> HealthClaimDto {
    api.health_claim(c.id).await.expect("claim")
}

/// (out-of-pocket, fallback, supplement) in 元.
fn split(c: &HealthClaimDto) -> (i64, i64, i64) {
    (c.out_of_pocket_fen.fen() / 100, c.fallback_fen.fen() / 100, c.supplementary_fen.fen() / 100)
}

#[tokio::test]
async fn a_late_earlier_claim_and_a_correction_recompute_the_later_claim_with_its_history() {
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    set_rules(&health, 2020).await;
    let a = person(&app, 301).await;
    use {ClaimKind::Inpatient, HospitalLevel::County};

    // May, county: 20,000 − 15,000 = 5,000 left; cap 3,000, nothing paid before
    // → pays 3,000, fallback 5,000 − 3,000 = 2,000.
    let may =
        health.create_health_claim(&claim(a, Inpatient, County, "2020-05-10", 20_000, 15_000)).await.expect("may");
    assert_eq!(split(&may), (3_000, 2_000, 0));

    // March, entered late: 10,000 − 8,000 = 2,000 left, under the cap → pays 2,000.
    let march =
        health.create_health_claim(&claim(a, Inpatient, County, "2020-03-01", 10_000, 8_000)).await.expect("march");
    assert_eq!(split(&march), (2_000, 0, 0));
    // May again: 2,000 paid before → at most 3,000 − 2,000 = 1,000 more; fallback 5,000 − 1,000 = 4,000.
    let may = reread(&health, &may).await;
    assert_eq!(split(&may), (1_000, 4_000, 0));
    assert_eq!(may.before_fen, Fen::from_yuan(2_000));
    assert_eq!(may.version, 2, "a recomputed claim is a changed claim");

    // Correction: March's basic insurance paid 9,000, not 8,000 → March pays 1,000;
    // May: 3,000 − 1,000 = 2,000 more, fallback 5,000 − 2,000 = 3,000.
    let mut corrected = claim(a, Inpatient, County, "2020-03-01", 10_000, 9_000);
    corrected.version = Some(march.version);
    let march = health.update_health_claim(march.id, &corrected).await.expect("corrected");
    assert_eq!(split(&march), (1_000, 0, 0));
    let may = reread(&health, &may).await;
    assert_eq!(split(&may), (2_000, 3_000, 0));

    let history = health.health_claim_history(may.id, &PageQuery::default()).await.expect("history");
    let moves: Vec<(i64, i64)> =
        history.items.iter().map(|h| (h.old_fallback_fen.fen() / 100, h.new_fallback_fen.fen() / 100)).collect();
    assert_eq!(moves, [(4_000, 3_000), (2_000, 4_000)], "newest first");
    assert!(history.items.iter().all(|h| h.changed_by == "health"));
    assert!(history.items[0].reason.contains("更正"), "{}", history.items[0].reason);
    assert!(may.explanation.join("").contains("此前住院已自付 1000.00 元"), "{:?}", may.explanation);
}

#[tokio::test]
async fn a_level_rise_mid_year_raises_the_cap_for_the_later_stay_only() {
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    set_rules(&health, 2020).await;
    let b = person(&app, 302).await;
    use {ClaimKind::Inpatient, HospitalLevel::*};

    // February, county: 4,000 left, cap 3,000 → pays 3,000, fallback 1,000.
    let feb = health.create_health_claim(&claim(b, Inpatient, County, "2020-02-01", 10_000, 6_000)).await.expect("feb");
    // June, city: 4,000 left, cap 5,000 − 3,000 paid = 2,000 → pays 2,000, fallback 2,000.
    let june = health.create_health_claim(&claim(b, Inpatient, City, "2020-06-01", 10_000, 6_000)).await.expect("june");
    // August, township: the year's highest level is still the city's → 5,000 − 5,000 = 0 more;
    // the whole 1,000 left is fallback.
    let aug =
        health.create_health_claim(&claim(b, Inpatient, Township, "2020-08-01", 3_000, 2_000)).await.expect("aug");

    assert_eq!(split(&feb), (3_000, 1_000, 0));
    assert_eq!(split(&june), (2_000, 2_000, 0));
    assert_eq!(june.cap_fen, Some(Fen::from_yuan(5_000)));
    assert_eq!(split(&aug), (0, 1_000, 0));
    assert_eq!(reread(&health, &feb).await.version, 1, "later claims do not touch an earlier one");
}

#[tokio::test]
async fn a_new_year_starts_from_nothing_paid() {
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    set_rules(&health, 2019).await;
    set_rules(&health, 2020).await;
    let c = person(&app, 303).await;
    use {ClaimKind::Inpatient, HospitalLevel::County};

    // 20 December 2019: 4,000 left → pays 3,000, fallback 1,000 (2019's year).
    let dec = health.create_health_claim(&claim(c, Inpatient, County, "2019-12-20", 10_000, 6_000)).await.expect("dec");
    // 5 January 2020: a new year, nothing paid before → again pays 3,000, fallback 1,000.
    let jan = health.create_health_claim(&claim(c, Inpatient, County, "2020-01-05", 10_000, 6_000)).await.expect("jan");

    assert_eq!((dec.year, split(&dec)), (2019, (3_000, 1_000, 0)));
    assert_eq!((jan.year, split(&jan)), (2020, (3_000, 1_000, 0)));
    assert_eq!(jan.before_fen, Fen::ZERO);
}

#[tokio::test]
async fn the_180_pays_80_percent_of_what_remains_within_the_yearly_cap() {
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    set_rules(&health, 2020).await;
    let d = person(&app, 304).await;
    use {ClaimKind::Chronic, HospitalLevel::Township};

    // 2,000 compliant, nothing paid → 80 % = 1,600; pays 400.
    let first = health.create_health_claim(&claim(d, Chronic, Township, "2020-01-10", 2_000, 0)).await.expect("first");
    // Again 2,000 → 1,600, but the 2,000 yearly cap leaves 2,000 − 1,600 = 400; pays 1,600.
    let second =
        health.create_health_claim(&claim(d, Chronic, Township, "2020-02-10", 2_000, 0)).await.expect("second");
    // 333.33 元 cost, 100 paid → 233.33 × 80 % = 186.664 → 186.66 (half up at the fen), but the
    // cap is spent: nothing.
    let mut third = claim(d, Chronic, Township, "2020-03-10", 0, 0);
    third.total_cost_fen = Fen::new(33_333);
    third.basic_insurance_fen = Fen::new(10_000);
    let third = health.create_health_claim(&third).await.expect("third");

    assert_eq!(split(&first), (400, 0, 1_600));
    assert_eq!(split(&second), (1_600, 0, 400));
    assert_eq!(third.supplementary_fen, Fen::ZERO);
    assert_eq!(third.out_of_pocket_fen, Fen::new(23_333));

    // Another person, nothing supplemented before: 233.33 × 0.8 = 186.664 → 186.66.
    let e = person(&app, 305).await;
    let mut rounding = claim(e, Chronic, Township, "2020-03-10", 0, 0);
    rounding.total_cost_fen = Fen::new(33_333);
    rounding.basic_insurance_fen = Fen::new(10_000);
    let rounding = health.create_health_claim(&rounding).await.expect("rounding");
    assert_eq!(rounding.supplementary_fen, Fen::new(18_666));
    assert_eq!(rounding.out_of_pocket_fen, Fen::new(4_667));
}

#[tokio::test]
async fn layers_above_the_cost_a_year_without_settings_and_a_stale_version_are_refused() {
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    let a = person(&app, 306).await;
    let too_much = claim(a, ClaimKind::Inpatient, HospitalLevel::County, "2020-03-01", 1_000, 1_001);

    let unset = health.create_health_claim(&too_much).await.expect_err("no settings");
    let fields = &unset.api_error().expect("api error").fields;
    assert_eq!(unset.status(), Some(422));
    assert!(fields.contains_key("discharged_on") && fields.contains_key("basic_insurance_fen"), "{fields:?}");

    set_rules(&health, 2020).await;
    let mut compliant = claim(a, ClaimKind::Inpatient, HospitalLevel::County, "2020-03-01", 1_000, 10);
    compliant.compliant_cost_fen = Some(Fen::from_yuan(1_001));
    let refused = health.create_health_claim(&compliant).await.expect_err("compliant above total");
    assert!(refused.api_error().expect("api error").fields.contains_key("compliant_cost_fen"));

    let ok = health
        .create_health_claim(&claim(a, ClaimKind::Inpatient, HospitalLevel::County, "2020-03-01", 1_000, 10))
        .await
        .expect("created");
    let mut stale = claim(a, ClaimKind::Inpatient, HospitalLevel::County, "2020-03-01", 1_000, 20);
    stale.version = Some(ok.version + 1);
    assert_eq!(health.update_health_claim(ok.id, &stale).await.expect_err("stale").status(), Some(409));
}

#[tokio::test]
async fn the_figures_count_claims_up_to_the_day_asked_in_the_subtree_asked() {
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    set_rules(&health, 2020).await;
    let a = person(&app, 307).await;
    use {ClaimKind::*, HospitalLevel::County};
    health.create_health_claim(&claim(a, Inpatient, County, "2020-03-01", 20_000, 15_000)).await.expect("march");
    health.create_health_claim(&claim(a, Outpatient, County, "2020-04-01", 300, 200)).await.expect("april");
    health.create_health_claim(&claim(a, Inpatient, County, "2020-11-01", 1_000, 500)).await.expect("november");

    let query = HealthFiguresQuery { year: 2020, as_of: Some(day("2020-09-30")), org_unit: None };
    let f = health.health_figures(&query).await.expect("figures");
    // Inpatient to September: one stay, 20,000 cost, 3,000 own → 17,000 paid of which 2,000 fallback.
    assert_eq!(f.inpatient.person_times, 1);
    assert_eq!(f.inpatient.compensation_fen, Fen::from_yuan(17_000));
    assert_eq!(f.inpatient.fallback_fen, Fen::from_yuan(2_000));
    assert_eq!(f.inpatient.ratio_bp, 8_500);
    assert_eq!((f.outpatient.person_times, f.outpatient.compensation_fen), (1, Fen::from_yuan(200)));
    assert_eq!(f.fallback_fund_fen, Fen::from_yuan(2_000));

    let whole_year = health.health_figures(&HealthFiguresQuery { as_of: None, ..query.clone() }).await.expect("year");
    assert_eq!(whole_year.inpatient.person_times, 2);
    let li = village(&health, "篁村").await;
    let elsewhere = health.health_figures(&HealthFiguresQuery { org_unit: Some(li), ..query }).await.expect("篁村");
    assert_eq!(elsewhere.inpatient.person_times, 0);
}

#[tokio::test]
async fn a_clerk_sees_totals_only_and_enterprise_and_auditor_see_no_claim() {
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    set_rules(&health, 2020).await;
    let a = person(&app, 308).await;
    let c = health
        .create_health_claim(&claim(a, ClaimKind::Inpatient, HospitalLevel::City, "2020-03-01", 20_000, 15_000))
        .await
        .expect("claim");
    let clerk = app.login("clerk").await;

    let totals =
        clerk.household_health_totals(c.household_id, &jingzhun_shared::health::YearQuery { year: 2020 }).await;
    let totals = totals.expect("clerk's totals");
    let mine = totals.items.iter().find(|t| t.member_id == a).expect("the member");
    assert_eq!(
        (mine.claims, mine.total_cost_fen, mine.out_of_pocket_fen),
        (1, Fen::from_yuan(20_000), Fen::from_yuan(5_000))
    );
    assert_eq!(clerk.health_claim(c.id).await.expect_err("detail").status(), Some(403));
    assert_eq!(clerk.health_claims(&HealthClaimQuery::default()).await.expect_err("list").status(), Some(403));

    for who in ["enterprise", "auditor"] {
        let api = app.login(who).await;
        assert_eq!(api.health_claim(c.id).await.expect_err("detail").status(), Some(403), "{who}");
        let totals =
            api.household_health_totals(c.household_id, &jingzhun_shared::health::YearQuery { year: 2020 }).await;
        assert_eq!(totals.expect_err("totals").status(), Some(403), "{who}");
    }
}

/// The hospital of the claim [`leave_a_claim_in_the_trail`] enters.
const TRAIL_HOSPITAL: &str = "市第一人民医院";

/// As the health officer: a claim of a registered person, so the audit trail holds one.
pub(crate) async fn leave_a_claim_in_the_trail(app: &TestApp) {
    let health = app.login("health").await;
    if health.health_settings(2020).await.expect("settings").version == 0 {
        set_rules(&health, 2020).await;
    }
    let mut input =
        claim(person(app, 309).await, ClaimKind::Inpatient, HospitalLevel::City, "2020-05-01", 9_000, 4_000);
    input.hospital = TRAIL_HOSPITAL.to_owned();
    health.create_health_claim(&input).await.expect("claim");
}

/// Fails when `value` holds a person's health data: a hospital, a claim kind, a claim's own
/// figures, or the content of an audit event about a claim or a signing.
pub(crate) fn assert_no_health_data(value: &serde_json::Value, context: &str) {
    use serde_json::Value;
    const CLAIM_KEYS: [&str; 5] = ["hospital", "hospital_level", "out_of_pocket_fen", "team", "doctor"];
    match value {
        Value::Object(map) => {
            for key in CLAIM_KEYS {
                assert!(!map.contains_key(key), "{context}: `{key}` of a claim reaches a reader without need");
            }
            let about_health = map
                .get("entity")
                .and_then(Value::as_str)
                .is_some_and(|e| e.starts_with("health_claim") || e == "doctor_signing");
            if about_health {
                assert!(map.get("after").is_none_or(Value::is_null), "{context}: a claim's audit content");
                assert!(map.get("before").is_none_or(Value::is_null), "{context}: a claim's audit content");
            }
            map.values().for_each(|v| assert_no_health_data(v, context));
        }
        Value::Array(items) => items.iter().for_each(|v| assert_no_health_data(v, context)),
        Value::String(text) => {
            assert!(!text.contains(TRAIL_HOSPITAL) && !text.contains("人民医院"), "{context}: a hospital in {text:?}");
            let kind = ClaimKind::ALL.iter().any(|k| text == k.as_str() || text == k.zh());
            assert!(!kind, "{context}: a claim kind {text:?}");
        }
        _ => {}
    }
}
