//! The demo district's health records reproduce the seed's 健康脱贫 figures.

use jingzhun_shared::Fen;
use jingzhun_shared::health::HealthFiguresQuery;

use crate::api::health::day;
use crate::helpers::TestApp;

#[tokio::test]
async fn the_demo_year_reproduces_the_seed_s_health_figures_at_the_end_of_september() {
    let app = TestApp::spawn_full().await;
    let health = app.login("health").await;

    let query = HealthFiguresQuery { year: 2020, as_of: Some(day("2020-09-30")), org_unit: None };
    let f = health.health_figures(&query).await.expect("figures");

    // 住院补偿 799 人次，医疗总费用 472.11 万元，补偿 404.95 万元（其中财政兜底 9.33 万元），补偿比例 85.77%。
    assert_eq!(f.inpatient.person_times, 799);
    assert_eq!(f.inpatient.total_cost_fen, Fen::from_yuan(4_721_100));
    assert_eq!(f.inpatient.compensation_fen, Fen::from_yuan(4_049_500));
    assert_eq!(f.inpatient.fallback_fen, Fen::from_yuan(93_300));
    assert_eq!(f.inpatient.ratio_bp, 8_577);
    // 门诊补偿 10801 人次，补偿 166.25 万元。
    assert_eq!((f.outpatient.person_times, f.outpatient.compensation_fen), (10_801, Fen::from_yuan(1_662_500)));
    // 慢病“180”补偿 631 人次共计 4.97 万元。
    assert_eq!((f.chronic.person_times, f.chronic.supplementary_fen), (631, Fen::from_yuan(49_700)));
    // 贫困人口家庭医生签约服务率达到 100%。
    assert_eq!(f.signing_rate_bp, 10_000);
    assert!(f.registered_people >= 4_000, "{}", f.registered_people);
    // 为每个贫困户缴纳90元补充健康商业保险: 90 元 for every person on file.
    assert_eq!(f.premium_people, f.registered_people);
    assert_eq!(f.premium_fen, Fen::from_yuan(90 * i64::try_from(f.premium_people).expect("a count")));

    let year = health.health_figures(&HealthFiguresQuery { as_of: None, ..query }).await.expect("whole year");
    assert_eq!(year.inpatient.person_times, 806, "seven October stays lie after the seed's date");
}
