//! The small district's education, employment, housing, social security and ecology records
//! (see `reports_small_data.rs`), all dated on or before 30 September 2020.

use jingzhun_shared::Fen;
use jingzhun_shared::ecology::EcologyInput;
use jingzhun_shared::education::{AidProgramme, SchoolStage, StudentAidInput, Term};
use jingzhun_shared::employment::{EmploymentInput, EmploymentKind, TrainingInput, TransportSubsidyInput};
use jingzhun_shared::housing::{HousingCheckInput, HousingGrade, RenovationInput, RenovationKind};
use jingzhun_shared::industry::Quantity;
use jingzhun_shared::social_security::{AssistancePaymentInput, AssistancePaymentKind, SocialStandardInput};

use crate::api::reports_small_data::{Small, day};

/// Education, employment, housing, social security and ecology, a few records each (see the
/// expectations in `reports_small.rs`).
#[allow(clippy::too_many_lines, reason = "a few records of each of five families, in the report's order")]
pub(crate) async fn people_records(s: &Small) {
    let d = &s.district;
    let (h, m) = (|i: usize| s.homes[i].id, |i: usize, k: usize| s.homes[i].members[k]);
    let aid = |member, stage, yuan, in_district| StudentAidInput {
        member_id: member,
        stage,
        school: "区第一中学".into(),
        year: 2020,
        term: Term::Spring,
        in_district,
        programme: AidProgramme::National,
        amount_fen: Some(Fen::from_yuan(yuan)),
        paid_on: day(6, 30),
        via_card: true,
    };
    d.create_student_aid(&aid(m(3, 1), SchoolStage::HighSchool, 1_000, true)).await.expect("aid 1");
    d.create_student_aid(&aid(m(3, 2), SchoolStage::University, 3_000, false)).await.expect("aid 2");
    d.create_student_aid(&aid(m(4, 1), SchoolStage::HighSchool, 1_500, true)).await.expect("aid 3");
    let job = |member, kind, yuan| EmploymentInput {
        member_id: member,
        kind,
        employer: "浙江某电子厂".into(),
        base_id: None,
        since: day(3, 1),
        until: None,
        monthly_wage_fen: Fen::from_yuan(yuan),
    };
    d.create_employment(&job(m(0, 1), EmploymentKind::MigrantJob, 3_500)).await.expect("job 1");
    d.create_employment(&job(m(4, 1), EmploymentKind::LocalJob, 2_000)).await.expect("job 2");
    d.create_employment(&job(m(1, 0), EmploymentKind::PublicWelfarePost, 600)).await.expect("post 1");
    d.create_employment(&job(m(5, 0), EmploymentKind::PublicWelfarePost, 801)).await.expect("post 2");
    let course = TrainingInput {
        member_id: m(1, 0),
        course: "电工".into(),
        ended_on: day(5, 20),
        days: 10,
        subsidy_fen: Fen::from_yuan(2_330),
    };
    d.create_training(&course).await.expect("training");
    let fare =
        TransportSubsidyInput { member_id: m(0, 1), year: 2020, amount_fen: Fen::from_yuan(289), paid_on: day(6, 1) };
    d.create_transport_subsidy(&fare).await.expect("transport");
    let check = HousingCheckInput { household_id: h(1), checked_on: day(3, 1), grade: HousingGrade::D, note: None };
    d.create_housing_check(&check).await.expect("housing check");
    let renovation = |household, completed| RenovationInput {
        household_id: household,
        plan_year: 2020,
        kind: RenovationKind::Rebuild,
        cost_fen: Fen::from_yuan(48_000),
        subsidy_fen: Fen::from_yuan(35_000),
        completed_on: completed,
        accepted_on: None,
        version: None,
    };
    d.create_housing_renovation(&renovation(h(2), Some(day(8, 15)))).await.expect("renovation 1");
    d.create_housing_renovation(&renovation(h(5), None)).await.expect("renovation 2");
    let standard = SocialStandardInput {
        dibao_fen: Fen::from_yuan(3_900),
        wubao_concentrated_fen: Fen::from_yuan(7_200),
        wubao_dispersed_fen: Fen::from_yuan(6_000),
        temporary_threshold_fen: Fen::from_yuan(3_000),
        temporary_uplift_bp: 500,
        version: None,
    };
    d.set_social_standard(2020, &standard).await.expect("standard");
    let payment = |household, kind, yuan| AssistancePaymentInput {
        household_id: household,
        member_id: None,
        kind,
        year: 2020,
        period: "2020年1-6月".to_owned(),
        amount_fen: Fen::from_yuan(yuan),
        paid_on: day(6, 30),
    };
    d.create_assistance_payment(&payment(h(0), AssistancePaymentKind::Dibao, 3_900)).await.expect("pay 1");
    d.create_assistance_payment(&payment(h(4), AssistancePaymentKind::Dibao, 1_950)).await.expect("pay 2");
    d.create_assistance_payment(&payment(h(2), AssistancePaymentKind::WubaoDispersed, 3_000)).await.expect("pay 3");
    let eco = |household, programme, mu: i64, yuan| EcologyInput {
        household_id: household,
        programme,
        year: 2020,
        area_mu: Some(Quantity::from_hundredths(mu * 100)),
        amount_fen: Fen::from_yuan(yuan),
        paid_on: day(7, 31),
    };
    use jingzhun_shared::ecology::EcologyProgramme::{PublicWelfareForest, ReturningFarmland};
    d.create_ecology_compensation(&eco(h(0), ReturningFarmland, 3, 450)).await.expect("eco 1");
    d.create_ecology_compensation(&eco(h(3), ReturningFarmland, 2, 300)).await.expect("eco 2");
    d.create_ecology_compensation(&eco(h(5), PublicWelfareForest, 10, 150)).await.expect("eco 3");
}
