use chrono::NaiveDate;
use jingzhun_shared::employment::{
    BaseKind, EMPLOYMENT_COLUMNS, EmploymentBaseInput, EmploymentInput, EmploymentKind, LabourQuery, TrainingInput,
    TransportSubsidyInput,
};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::registry::{ImportQuery, MemberDto};
use jingzhun_shared::{Api, Fen};

use crate::api::education::family;
use crate::api::registry::village;
use crate::helpers::TestApp;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, m, d).expect("a date")
}

fn job(member: &MemberDto, kind: EmploymentKind, yuan: i64) -> EmploymentInput {
    EmploymentInput {
        member_id: member.id,
        kind,
        employer: "浙江某电子厂".into(),
        base_id: None,
        since: day(3, 1),
        until: None,
        monthly_wage_fen: Fen::from_yuan(yuan),
    }
}

async fn labourer(district: &Api, n: u32) -> MemberDto {
    let zhang = village(district, "张村").await;
    family(district, zhang, n, "19900101").await.1
}

#[tokio::test]
async fn a_job_is_checked_field_by_field_and_a_base_job_needs_a_base() {
    let app = TestApp::spawn().await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let worker = labourer(&district, 601).await;
    let mut wrong = job(&worker, EmploymentKind::BaseJob, 2000);
    wrong.until = Some(day(1, 1));
    wrong.monthly_wage_fen = Fen::new(-1);

    let refused = clerk.create_employment(&wrong).await.expect_err("422");
    let post =
        clerk.create_employment(&job(&worker, EmploymentKind::PublicWelfarePost, 0)).await.expect_err("a post pays");
    let created = clerk.create_employment(&job(&worker, EmploymentKind::MigrantJob, 3500)).await.expect("migrant job");
    let base_by_clerk =
        clerk.create_employment_base(&base("茶园基地", BaseKind::EmploymentBase, village(&clerk, "张村").await)).await;

    let fields = &refused.api_error().expect("body").fields;
    for field in ["base_id", "until", "monthly_wage_fen"] {
        assert!(fields.contains_key(field), "{field} in {fields:?}");
    }
    assert!(post.api_error().expect("body").fields.contains_key("monthly_wage_fen"));
    assert_eq!((created.member_name.as_str(), created.kind), (worker.name.as_str(), EmploymentKind::MigrantJob));
    assert_eq!(base_by_clerk.expect_err("the district recognises bases").status(), Some(403));
}

fn base(name: &str, kind: BaseKind, unit: jingzhun_shared::OrgUnitId) -> EmploymentBaseInput {
    EmploymentBaseInput {
        name: name.into(),
        kind,
        org_unit_id: unit,
        recognised_on: day(4, 1),
        subsidy_fen: Fen::from_yuan(20_000),
        posts: 12,
        version: None,
    }
}

#[tokio::test]
async fn figures_count_market_jobs_posts_bases_training_and_transport_subsidies_of_the_year() {
    let app = TestApp::spawn().await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let zhang = village(&clerk, "张村").await;
    let [a, b, c] = [labourer(&district, 611).await, labourer(&district, 612).await, labourer(&district, 613).await];
    let tea =
        district.create_employment_base(&base("张村茶园基地", BaseKind::EmploymentBase, zhang)).await.expect("base");
    let stale = district
        .update_employment_base(
            tea.id,
            &EmploymentBaseInput { version: Some(tea.version + 1), ..base("x", BaseKind::HomeBase, zhang) },
        )
        .await;
    clerk.create_employment(&job(&a, EmploymentKind::MigrantJob, 3500)).await.expect("migrant");
    let mut ended = job(&a, EmploymentKind::LocalJob, 2000);
    ended.until = Some(day(2, 28));
    ended.since = day(1, 2);
    clerk.create_employment(&ended).await.expect("an earlier local job");
    clerk.create_employment(&job(&b, EmploymentKind::PublicWelfarePost, 600)).await.expect("post");
    clerk.create_employment(&job(&c, EmploymentKind::PublicWelfarePost, 801)).await.expect("post");
    let at_base =
        EmploymentInput { base_id: Some(tea.id), employer: String::new(), ..job(&c, EmploymentKind::BaseJob, 2200) };
    let at_base = clerk.create_employment(&at_base).await.expect("base job");
    let training = TrainingInput {
        member_id: b.id,
        course: "电工".into(),
        ended_on: day(5, 20),
        days: 10,
        subsidy_fen: Fen::from_yuan(2330),
    };
    clerk.create_training(&training).await.expect("training");
    let subsidy = |m: &MemberDto| TransportSubsidyInput {
        member_id: m.id,
        year: 2020,
        amount_fen: Fen::from_yuan(289),
        paid_on: day(6, 1),
    };
    clerk.create_transport_subsidy(&subsidy(&a)).await.expect("a migrant's subsidy");
    let twice = clerk.create_transport_subsidy(&subsidy(&a)).await.expect_err("once a year");
    let not_migrant = clerk.create_transport_subsidy(&subsidy(&b)).await.expect_err("no migrant job");

    let f =
        clerk.employment_figures(&RatesQuery { year: 2020, as_of: None, org_unit_id: None }).await.expect("figures");
    let march = clerk
        .employment_figures(&RatesQuery { year: 2020, as_of: Some(day(3, 31)), org_unit_id: None })
        .await
        .expect("by March");
    let jobs = clerk.employments(&LabourQuery { year: Some(2020), ..Default::default() }).await.expect("jobs");

    assert_eq!(stale.expect_err("stale").status(), Some(409));
    assert_eq!(at_base.employer, "张村茶园基地");
    assert_eq!((twice.status(), not_migrant.status()), (Some(422), Some(422)));
    assert_eq!(f.employed, 1);
    assert_eq!(f.public_welfare_posts, 2);
    assert_eq!(f.public_welfare_average_wage_fen, Fen::new(70_050));
    assert_eq!(
        (f.public_welfare_min_wage_fen, f.public_welfare_max_wage_fen),
        (Fen::from_yuan(600), Fen::from_yuan(801))
    );
    assert_eq!(f.posts_offered, 12);
    let employment_bases = f.bases.iter().find(|t| t.kind == BaseKind::EmploymentBase).expect("kind");
    assert_eq!((employment_bases.bases, employment_bases.absorbed), (1, 1));
    assert_eq!((f.trainees, f.training_subsidy_fen), (1, Fen::from_yuan(2330)));
    assert_eq!((f.transport_subsidised, f.transport_subsidy_fen), (1, Fen::from_yuan(289)));
    assert_eq!((march.trainees, march.transport_subsidised), (0, 0));
    assert_eq!(jobs.total, 5);
}

#[tokio::test]
async fn a_job_import_names_every_row_error_and_writes_nothing_until_all_rows_pass() {
    let app = TestApp::spawn().await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let worker = labourer(&district, 621).await;
    let other = family(&district, village(&district, "石岗村").await, 622, "19900102").await.1;
    let file = |rows: &[[&str; 6]]| {
        let mut text = EMPLOYMENT_COLUMNS.join(",");
        for row in rows {
            text.push('\n');
            text.push_str(&row.join(","));
        }
        text.into_bytes()
    };
    let good = [worker.id_card_no.as_str(), "外出务工", "江苏某建筑公司", "2020-03-01", "", "4200"];
    let bad = [
        [other.id_card_no.as_str(), "外出务工", "江苏某建筑公司", "2020-03-01", "", "4200"],
        [worker.id_card_no.as_str(), "基地就业", "没有这个基地", "2020-03-01", "2020-02-01", "abc"],
    ];
    let query =
        |commit| ImportQuery { format: "csv".into(), commit, progress: Some("jobs-1".into()), initial_load: false };

    let refused = clerk.import_employments(&query(true), file(&[good, bad[0], bad[1]])).await.expect("checked");
    let progress = clerk.import_progress("jobs-1").await.expect("progress");
    let none = clerk.employments(&LabourQuery::default()).await.expect("jobs");
    let done = clerk.import_employments(&query(true), file(&[good])).await.expect("committed");
    let jobs = clerk.employments(&LabourQuery::default()).await.expect("jobs");

    let mut columns: Vec<(u64, &str)> = refused.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    columns.sort();
    assert!(!refused.committed);
    assert_eq!(
        columns,
        vec![(3, "身份证号"), (4, "单位或基地"), (4, "月工资(元)"), (4, "结束日期")],
        "{:?}",
        refused.errors
    );
    assert_eq!((progress.phase.as_str(), progress.total), ("done", 3));
    assert_eq!(none.total, 0);
    assert!(done.committed && done.records == 1);
    assert_eq!(jobs.items[0].monthly_wage_fen, Fen::from_yuan(4200));
}
