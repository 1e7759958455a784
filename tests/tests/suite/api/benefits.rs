//! 享受政策: everything a household received in a year across projects, line by line, with
//! totals per project and in all, for a household in the caller's scope.

use jingzhun_shared::benefits::{BenefitArea, BenefitSource, BenefitsQuery};
use jingzhun_shared::credit::{BatchStep, CreateSubsidyBatch};
use jingzhun_shared::ecology::{EcologyInput, EcologyProgramme};
use jingzhun_shared::education::{AidProgramme, SchoolStage};
use jingzhun_shared::employment::{EmploymentInput, EmploymentKind, TrainingInput, TransportSubsidyInput};
use jingzhun_shared::health::{ClaimKind, HealthClaimInput, HospitalLevel};
use jingzhun_shared::industry::{CreateIndustrySubsidy, Quantity};
use jingzhun_shared::registry::{CreateMember, JoinReason};
use jingzhun_shared::social_security::{AssistancePaymentInput, AssistancePaymentKind};
use jingzhun_shared::{Fen, HealthStatus, HouseholdId, Labour, MemberId, Relation};

use crate::api::credit::{day, loan_of};
use crate::api::education::{aid, born};
use crate::api::health::{claim, set_rules};
use crate::api::housing::date;
use crate::api::industry::{cattle, household_in, industry_project};
use crate::api::registry::village;
use crate::helpers::TestApp;

/// A registered household of 张村 that received in 2020: one head of cattle (3,000 元), a
/// child's aid (625 元), a training subsidy (2,330 元) and a transport subsidy (289 元), a 5 万元
/// loan issued on 2 January with its paid first-quarter interest subsidy (90 days: 536.30 元),
/// a hospital stay whose insurance paid 8,000 元, a temporary assistance (3,150 元) and 37.8 亩
/// of 公益林 (557 元): 18,487.30 元 in all.
pub(crate) async fn household_with_benefits(app: &TestApp) -> HouseholdId {
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let h = household_in(app, zhang, 81).await;
    let head = district.household(h).await.expect("household").members[0].id;
    industry_social_and_ecology(app, h).await;
    schooling_and_work(app, h, head).await;
    let loan = district.create_loan(&loan_of((h, head), day(2020, 1, 2), "BF-81")).await.expect("loan");
    assert_eq!(loan.amount_fen, Fen::from_yuan(50_000));
    let batch = district.create_subsidy_batch(&CreateSubsidyBatch { year: 2020, quarter: 1 }).await.expect("batch");
    let step = |on, version| BatchStep { on, version };
    let approved = district.approve_subsidy_batch(batch.id, &step(day(2020, 4, 10), batch.version)).await.expect("ok");
    district.pay_subsidy_batch(batch.id, &step(day(2020, 4, 20), approved.version)).await.expect("paid");
    let health = app.login("health").await;
    set_rules(&health, 2020).await;
    let stay = HealthClaimInput {
        hospital: HOSPITAL.to_owned(),
        ..claim(head, ClaimKind::Inpatient, HospitalLevel::County, "2020-03-01", 10_000, 8_000)
    };
    health.create_health_claim(&stay).await.expect("a stay: 2,000 元 left to pay, under the cap");
    h
}

/// A hospital only the health officer may see.
const HOSPITAL: &str = "市第三人民医院";

async fn industry_social_and_ecology(app: &TestApp, h: HouseholdId) {
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let item = cattle(&district).await;
    let paying = industry_project(&district, zhang, 10_000_000).await;
    let subsidy = CreateIndustrySubsidy {
        household_id: h,
        item_id: item.id,
        project_id: paying.id,
        quantity: Quantity::from_hundredths(100),
        note: None,
    };
    clerk.create_industry_subsidy(&subsidy).await.expect("one head of cattle");
    let payment = AssistancePaymentInput {
        household_id: h,
        member_id: None,
        kind: AssistancePaymentKind::Temporary,
        year: 2020,
        period: "2020年5月".to_owned(),
        amount_fen: Fen::from_yuan(3_150),
        paid_on: date(5, 20),
    };
    clerk.create_assistance_payment(&payment).await.expect("temporary assistance");
    let forest = EcologyInput {
        household_id: h,
        programme: EcologyProgramme::PublicWelfareForest,
        year: 2020,
        area_mu: Some(Quantity::from_hundredths(3_780)),
        amount_fen: Fen::from_yuan(557),
        paid_on: date(6, 30),
    };
    clerk.create_ecology_compensation(&forest).await.expect("public-welfare forest");
}

async fn schooling_and_work(app: &TestApp, h: HouseholdId, head: MemberId) {
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let child = CreateMember {
        name: "汪小明".to_owned(),
        id_card_no: born("20120315", 81),
        relation: Relation::Child,
        health: HealthStatus::Healthy,
        labour: Labour::NoCapacity,
        join_reason: Some(JoinReason::MovedIn),
        joined_on: Some(date(1, 2)),
    };
    let child = district.add_member(h, &child).await.expect("child");
    let pupil = aid(&child, SchoolStage::Compulsory, AidProgramme::National, Some(625));
    clerk.create_student_aid(&pupil).await.expect("aid");
    let course = TrainingInput {
        member_id: head,
        course: "电工".into(),
        ended_on: date(5, 20),
        days: 10,
        subsidy_fen: Fen::from_yuan(2_330),
    };
    clerk.create_training(&course).await.expect("training");
    let away = EmploymentInput {
        member_id: head,
        kind: EmploymentKind::MigrantJob,
        employer: "浙江某电子厂".into(),
        base_id: None,
        since: date(3, 1),
        until: None,
        monthly_wage_fen: Fen::from_yuan(3_500),
    };
    clerk.create_employment(&away).await.expect("a migrant job");
    let fare =
        TransportSubsidyInput { member_id: head, year: 2020, amount_fen: Fen::from_yuan(289), paid_on: date(6, 1) };
    clerk.create_transport_subsidy(&fare).await.expect("transport subsidy");
}

#[tokio::test]
async fn a_household_s_benefits_list_every_project_s_payments_of_the_year_with_totals() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let h = household_with_benefits(&app).await;

    let benefits = clerk.household_benefits(h, &BenefitsQuery::default()).await.expect("the latest year's");
    let next_year = clerk.household_benefits(h, &BenefitsQuery { year: Some(2021) }).await.expect("benefits");

    let totals: Vec<_> = benefits.totals.iter().map(|t| (t.area, t.amount_fen)).collect();
    assert_eq!(
        totals,
        vec![
            (BenefitArea::Industry, Fen::from_yuan(3_000)),
            (BenefitArea::Education, Fen::from_yuan(625)),
            (BenefitArea::Employment, Fen::from_yuan(2_330 + 289)),
            (BenefitArea::Credit, Fen::new(53_630)),
            (BenefitArea::Health, Fen::from_yuan(8_000)),
            (BenefitArea::SocialSecurity, Fen::from_yuan(3_150)),
            (BenefitArea::Ecology, Fen::from_yuan(557)),
        ]
    );
    // 3,000 + 625 + 2,619 + 536.30 + 8,000 + 3,150 + 557 元; the 5 万元 loan is lent, not given.
    assert_eq!(benefits.total_fen, Fen::new(1_848_730));
    let sources: Vec<_> = benefits.lines.iter().map(|l| (l.source, l.lent)).collect();
    for source in BenefitSource::ALL.iter().filter(|s| **s != BenefitSource::HousingRenovation) {
        assert!(sources.contains(&(*source, *source == BenefitSource::Loan)), "{source:?} in {sources:?}");
    }
    assert_eq!(benefits.lines.len(), 9);
    assert!(benefits.lines.iter().all(|l| l.source_id.is_some() || l.source == BenefitSource::HealthClaims));
    assert!(benefits.lines.iter().any(|l| l.title == "公益林补助" && l.detail == "37.8 亩"), "{:?}", benefits.lines);
    assert_eq!((benefits.year, benefits.years.clone()), (2020, vec![2020]));
    assert!(next_year.lines.is_empty() && next_year.total_fen == Fen::ZERO);
}

#[tokio::test]
async fn health_shows_as_one_compensation_total_to_the_clerk_and_not_at_all_to_the_auditor_or_the_enterprise() {
    let app = TestApp::spawn().await;
    let h = household_with_benefits(&app).await;
    let (clerk, auditor, enterprise) =
        (app.login("clerk").await, app.login("auditor").await, app.login("enterprise").await);

    let seen = clerk.household_benefits(h, &BenefitsQuery::default()).await.expect("the clerk's");
    let audited = auditor.household_benefits(h, &BenefitsQuery::default()).await.expect("the auditor's");
    let refused = enterprise.household_benefits(h, &BenefitsQuery::default()).await.expect_err("no registry");

    let health: Vec<_> = seen.lines.iter().filter(|l| l.area == BenefitArea::Health).collect();
    assert_eq!(health.len(), 1);
    assert_eq!((health[0].amount_fen, health[0].detail.as_str()), (Fen::from_yuan(8_000), "1 次就医合计"));
    let text = serde_json::to_string(&seen).expect("json");
    for hidden in [HOSPITAL, ClaimKind::Inpatient.zh(), HospitalLevel::County.zh()] {
        assert!(!text.contains(hidden), "{hidden} shown to the clerk: {text}");
    }
    assert!(audited.lines.iter().all(|l| l.area != BenefitArea::Health), "{:?}", audited.lines);
    assert_eq!(audited.total_fen, Fen::new(1_848_730 - 800_000));
    assert_eq!(refused.status(), Some(403));
}

#[tokio::test]
async fn a_household_outside_the_clerk_s_village_has_no_benefits_to_show() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let other = village(&district, "石岗村").await;
    let elsewhere = household_in(&app, other, 82).await;

    let hidden = clerk.household_benefits(elsewhere, &BenefitsQuery::default()).await.expect_err("out of scope");
    let seen = district.household_benefits(elsewhere, &BenefitsQuery::default()).await.expect("in scope");

    assert_eq!(hidden.status(), Some(404));
    assert!(seen.lines.is_empty());
}
