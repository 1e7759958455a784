use chrono::NaiveDate;
use jingzhun_shared::education::{
    AidProgramme, EducationYearSettingInput, OutOfSchoolQuery, STUDENT_AID_COLUMNS, SchoolEvidenceQuery, SchoolStage,
    StudentAidInput, StudentAidQuery, Term,
};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::registry::{CreateMember, ImportQuery, JoinReason, MemberDto};
use jingzhun_shared::{Api, Fen, HealthStatus, HouseholdId, IdCardNo, Labour, OrgUnitId, Relation};

use crate::api::registry::{id_card, loaded, new_household, village};
use crate::api::workflow::{exit, household_with_income};
use crate::helpers::TestApp;

pub(crate) fn born(birth: &str, seq: u32) -> String {
    IdCardNo::complete(&format!("341004{birth}{seq:03}")).expect("valid number").as_str().to_owned()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, m, d).expect("a date")
}

/// A registered household of `village` filed by the district, and a member of it born on
/// `birth` (YYYYMMDD).
pub(crate) async fn family(district: &Api, village: OrgUnitId, n: u32, birth: &str) -> (HouseholdId, MemberDto) {
    let household =
        district.create_household(&loaded(new_household(village, "程立新", id_card(n)))).await.expect("household");
    (household.id, child_of(district, household.id, n, birth).await)
}

/// A child born on `birth` (YYYYMMDD) who moved into `household` early in 2020.
async fn child_of(district: &Api, household: HouseholdId, n: u32, birth: &str) -> MemberDto {
    let child = CreateMember {
        name: format!("程小{n}"),
        id_card_no: born(birth, n),
        relation: Relation::Child,
        health: HealthStatus::Healthy,
        labour: Labour::NoCapacity,
        join_reason: Some(JoinReason::MovedIn),
        joined_on: Some(day(1, 2)),
    };
    district.add_member(household, &child).await.expect("child")
}

pub(crate) fn aid(
    member: &MemberDto,
    stage: SchoolStage,
    programme: AidProgramme,
    yuan: Option<i64>,
) -> StudentAidInput {
    StudentAidInput {
        member_id: member.id,
        stage,
        school: "区第一小学".into(),
        year: 2020,
        term: Term::Spring,
        in_district: true,
        programme,
        amount_fen: yuan.map(Fen::from_yuan),
        paid_on: day(6, 30),
        via_card: true,
    }
}

async fn supplement_of_200(district: &Api) {
    let input = EducationYearSettingInput { supplement_fen: Fen::from_yuan(200), version: None };
    district.set_education_year_setting(2020, &input).await.expect("supplement set");
}

#[tokio::test]
async fn the_district_supplement_pays_the_years_standard_and_yulu_needs_vocational_or_university() {
    let app = TestApp::spawn().await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let zhang = village(&clerk, "张村").await;
    let (_, pupil) = family(&district, zhang, 501, "20100315").await;
    let unset =
        clerk.create_student_aid(&aid(&pupil, SchoolStage::Compulsory, AidProgramme::DistrictSupplement, None)).await;
    supplement_of_200(&district).await;
    let by_clerk = clerk
        .set_education_year_setting(
            2020,
            &EducationYearSettingInput { supplement_fen: Fen::from_yuan(300), version: Some(1) },
        )
        .await;

    let paid = clerk
        .create_student_aid(&aid(&pupil, SchoolStage::Compulsory, AidProgramme::DistrictSupplement, None))
        .await
        .expect("supplement");
    let mut wrong = aid(&pupil, SchoolStage::Compulsory, AidProgramme::Yulu, Some(3000));
    wrong.paid_on = NaiveDate::from_ymd_opt(2099, 1, 1).expect("a date");
    wrong.school = " ".into();
    let wrong = clerk.create_student_aid(&wrong).await.expect_err("every problem at once");
    let typed = clerk
        .create_student_aid(&aid(&pupil, SchoolStage::Preschool, AidProgramme::DistrictSupplement, Some(300)))
        .await;

    assert_eq!(unset.expect_err("no setting yet").status(), Some(422));
    assert_eq!(by_clerk.expect_err("the district sets it").status(), Some(403));
    assert_eq!(paid.amount_fen, Fen::from_yuan(200));
    assert_eq!(paid.member_name, pupil.name);
    let fields = &wrong.api_error().expect("422 body").fields;
    assert_eq!(wrong.status(), Some(422));
    for field in ["programme", "paid_on", "school"] {
        assert!(fields.contains_key(field), "{field} named in {fields:?}");
    }
    assert!(typed.expect_err("only the standard").api_error().expect("body").fields.contains_key("amount_fen"));
}

#[tokio::test]
async fn figures_count_each_student_once_by_stage_school_place_and_programme_as_of_a_date() {
    let app = TestApp::spawn().await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    supplement_of_200(&district).await;
    let zhang = village(&clerk, "张村").await;
    let (_, pupil) = family(&district, zhang, 511, "20100315").await;
    let (_, senior) = family(&district, zhang, 512, "20030510").await;
    clerk
        .create_student_aid(&aid(&pupil, SchoolStage::Compulsory, AidProgramme::National, Some(500)))
        .await
        .expect("national");
    clerk
        .create_student_aid(&aid(&pupil, SchoolStage::Compulsory, AidProgramme::DistrictSupplement, None))
        .await
        .expect("supplement");
    let mut away = aid(&senior, SchoolStage::Vocational, AidProgramme::National, Some(1000));
    away.in_district = false;
    away.paid_on = day(9, 1);
    clerk.create_student_aid(&away).await.expect("vocational, outside");
    let mut yulu = aid(&senior, SchoolStage::Vocational, AidProgramme::Yulu, Some(3000));
    yulu.paid_on = day(7, 20);
    clerk.create_student_aid(&yulu).await.expect("雨露计划");

    let all =
        clerk.education_figures(&RatesQuery { year: 2020, as_of: None, org_unit_id: None }).await.expect("figures");
    let july = clerk
        .education_figures(&RatesQuery { year: 2020, as_of: Some(day(7, 31)), org_unit_id: None })
        .await
        .expect("by July");
    let elsewhere = district
        .education_figures(&RatesQuery {
            year: 2020,
            as_of: None,
            org_unit_id: Some(village(&district, "石岗村").await),
        })
        .await
        .expect("another village");
    let outside = clerk
        .education_figures(&RatesQuery {
            year: 2020,
            as_of: None,
            org_unit_id: Some(village(&district, "石岗村").await),
        })
        .await;

    assert_eq!((all.student_aid.students, all.student_aid.amount_fen), (2, Fen::from_yuan(1700)));
    let stage = |f: &jingzhun_shared::education::EducationFigures, s| {
        f.by_stage.iter().find(|t| t.stage == s).expect("stage").tally
    };
    assert_eq!(
        (stage(&all, SchoolStage::Compulsory).students, stage(&all, SchoolStage::Compulsory).amount_fen),
        (1, Fen::from_yuan(700))
    );
    assert_eq!(stage(&all, SchoolStage::Vocational).amount_fen, Fen::from_yuan(1000));
    assert_eq!((all.in_district.students, all.out_of_district.students), (1, 1));
    let yulu = all.by_programme.iter().find(|t| t.programme == AidProgramme::Yulu).expect("yulu").tally;
    assert_eq!((yulu.students, yulu.amount_fen), (1, Fen::from_yuan(3000)));
    assert_eq!((july.student_aid.students, july.student_aid.amount_fen), (1, Fen::from_yuan(700)));
    assert_eq!(elsewhere.student_aid.students, 0);
    assert_eq!(outside.expect_err("out of scope").status(), Some(404));
}

#[tokio::test]
async fn a_school_age_child_without_aid_is_on_the_list_and_the_exit_checklist_cites_the_aid_once_recorded() {
    let app = TestApp::spawn().await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let zhang = village(&clerk, "张村").await;
    let (household, pupil) = family(&district, zhang, 521, "20110420").await;
    let (toddler_home, _) = family(&district, zhang, 522, "20180101").await;
    let query = OutOfSchoolQuery { year: 2020, ..Default::default() };

    let before = clerk.out_of_school(&query).await.expect("list");
    let missing = clerk.school_evidence(household, &SchoolEvidenceQuery { year: 2020 }).await.expect("evidence");
    let recorded = clerk
        .create_student_aid(&aid(&pupil, SchoolStage::Compulsory, AidProgramme::National, Some(500)))
        .await
        .expect("aid");
    let after = clerk.out_of_school(&query).await.expect("list");
    let met = clerk.school_evidence(household, &SchoolEvidenceQuery { year: 2020 }).await.expect("evidence");
    let none =
        clerk.school_evidence(toddler_home, &SchoolEvidenceQuery { year: 2020 }).await.expect("no school-age child");

    assert_eq!(before.items.iter().map(|c| c.member_id).collect::<Vec<_>>(), vec![pupil.id]);
    assert_eq!(before.items[0].age, 9);
    assert!(!missing.met && missing.evidence.contains(&pupil.name), "{}", missing.evidence);
    assert_eq!(after.total, 0);
    assert!(met.met);
    assert_eq!(met.records, vec![recorded.id]);
    assert!(met.evidence.contains(&format!("学生资助记录 {}", recorded.id)), "{}", met.evidence);
    assert!(none.met && none.records.is_empty());
}

fn csv(rows: &[[&str; 10]]) -> Vec<u8> {
    let mut text = STUDENT_AID_COLUMNS.join(",");
    for row in rows {
        text.push('\n');
        text.push_str(&row.join(","));
    }
    text.into_bytes()
}

#[tokio::test]
async fn an_import_lists_every_row_error_and_writes_all_rows_or_none() {
    let app = TestApp::spawn().await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    supplement_of_200(&district).await;
    let zhang = village(&clerk, "张村").await;
    let (_, pupil) = family(&district, zhang, 531, "20100315").await;
    let (_, elsewhere) = family(&district, village(&district, "石岗村").await, 532, "20100316").await;
    let good = [
        pupil.id_card_no.as_str(),
        "义务教育",
        "区第一小学",
        "2020",
        "春季学期",
        "是",
        "区特惠生活补助",
        "",
        "2020-06-30",
        "是",
    ];
    let bad = [
        [
            elsewhere.id_card_no.as_str(),
            "义务教育",
            "区第一小学",
            "2020",
            "春季学期",
            "是",
            "国家资助",
            "500",
            "2020-06-30",
            "是",
        ],
        [
            pupil.id_card_no.as_str(),
            "义务教育",
            "区第一小学",
            "2020",
            "秋季学期",
            "是",
            "雨露计划",
            "3000",
            "2099-01-01",
            "也许",
        ],
    ];
    let query = |commit| ImportQuery { format: "csv".into(), commit, progress: None, initial_load: false };

    let preview = clerk.import_student_aid(&query(false), csv(&[good, bad[0], bad[1]])).await.expect("preview");
    let refused = clerk.import_student_aid(&query(true), csv(&[good, bad[0], bad[1]])).await.expect("refused whole");
    let none = clerk.student_aid(&StudentAidQuery::default()).await.expect("list");
    let done = clerk.import_student_aid(&query(true), csv(&[good])).await.expect("committed");
    let listed = clerk.student_aid(&StudentAidQuery::default()).await.expect("list");
    let again = clerk.import_student_aid(&query(false), csv(&[good])).await.expect("checked again");

    let mut columns: Vec<(u64, &str)> = preview.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    columns.sort();
    assert_eq!(preview.error_count, 4, "{:?}", preview.errors);
    assert_eq!(columns, vec![(3, "身份证号"), (4, "一卡通"), (4, "发放日期"), (4, "资助项目")]);
    assert!(!refused.committed);
    assert_eq!(none.total, 0);
    assert!(done.committed && done.records == 1);
    assert_eq!(listed.items.iter().map(|a| a.amount_fen).collect::<Vec<_>>(), vec![Fen::from_yuan(200)]);
    assert_eq!(again.errors.iter().map(|e| (e.row, e.column.as_str())).collect::<Vec<_>>(), vec![(2, "资助项目")]);
}

#[tokio::test]
async fn an_exit_needs_a_school_record_for_each_school_age_child_and_cites_it_as_evidence() {
    let app = TestApp::spawn().await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let household = household_with_income(&app, &clerk, 541, 2_000_000, false).await;
    let pupil = child_of(&district, household, 541, "20110420").await;

    let refused = clerk.create_application(&exit(household)).await.expect_err("no school record");
    let recorded = clerk
        .create_student_aid(&aid(&pupil, SchoolStage::Compulsory, AidProgramme::National, Some(500)))
        .await
        .expect("aid");
    let filed = clerk.create_application(&exit(household)).await.expect("filed");

    assert_eq!(refused.status(), Some(422));
    let item = refused.api_error().expect("body").field("checklist.compulsory_education").join("");
    assert!(item.contains(&pupil.name), "{item}");
    let evidence = filed.checklist.expect("an exit's checklist").compulsory_education.evidence;
    assert!(evidence.contains(&format!("学生资助记录 {}", recorded.id)), "{evidence}");
}
