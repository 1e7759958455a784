//! The funds rules an office signs off: a batch's issued amount and its sources, projects
//! allocating from it and never beyond it, nothing started or paid before the batch was issued,
//! rates as of a date that a later record does not change, and what a project builds with the
//! households it benefits.

use calamine::Reader;
use chrono::NaiveDate;
use jingzhun_shared::funds::{
    CreateExpenditure, CreateFundBatch, ExpenditureImportQuery, FundBatchDto, ProjectDto, RatesQuery, SourceShare,
    UpdateFundBatch, UpdateProject,
};
use jingzhun_shared::industry::Quantity;
use jingzhun_shared::{Api, ClientError, Fen, FundSource, HouseholdId, ProjectKind, ProjectStatus};

use crate::api::funds::{ISSUED, batch, day, new_project, pay, project, start};
use crate::api::industry::household_in;
use crate::api::registry::village;
use crate::helpers::TestApp;

/// A batch of 2020 issued `issued` fen on `issued_on`, from the shares given (none: all central).
pub(crate) fn issued_batch(seq: i32, issued: i64, issued_on: NaiveDate, sources: Vec<SourceShare>) -> CreateFundBatch {
    CreateFundBatch {
        year: 2020,
        seq,
        name: format!("第{seq}批专项资金"),
        document_no: format!("财农〔2020〕{seq}号"),
        source: FundSource::Central,
        issued_on,
        issued_fen: Fen::new(issued),
        sources,
    }
}

fn share(source: FundSource, fen: i64) -> SourceShare {
    SourceShare { source, amount_fen: Fen::new(fen) }
}

/// The messages a 422 gives for `field` (empty for any other answer).
fn on_field<T>(answer: &Result<T, ClientError>, field: &str) -> String {
    match answer {
        Err(e) if e.status() == Some(422) => e.api_error().map(|body| body.field(field).join(" ")).unwrap_or_default(),
        _ => String::new(),
    }
}

async fn batch_now(api: &Api, b: &FundBatchDto) -> FundBatchDto {
    api.fund_batch(b.id).await.expect("batch")
}

#[tokio::test]
async fn a_budget_that_would_take_the_batch_over_its_issued_amount_is_refused_on_the_budget_field() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let b = district.create_fund_batch(&issued_batch(1, 100_000, day(3, 1), vec![])).await.expect("batch");

    let first = project(&district, &b, zhang, ProjectKind::Industry, 60_000).await;
    let second = district
        .create_project(&jingzhun_shared::funds::CreateProject {
            budget_fen: Fen::new(50_000),
            ..new_project(b.id, zhang)
        })
        .await;
    let raise =
        |to: i64| UpdateProject { version: first.version, budget_fen: Some(Fen::new(to)), ..Default::default() };
    let too_much = district.update_project(first.id, &raise(100_001)).await;
    let raised = district.update_project(first.id, &raise(70_000)).await.expect("within what was issued");
    let after_raise = batch_now(&district, &b).await;
    district.delete_project(first.id).await.expect("deleted");
    let after_delete = batch_now(&district, &b).await;

    assert!(on_field(&second, "budget_fen").contains("尚未分配 400.00 元"), "{second:?}");
    assert!(on_field(&too_much, "budget_fen").contains("超出批次下达金额"), "{too_much:?}");
    assert_eq!(raised.budget_fen, Fen::new(70_000));
    assert_eq!(
        (after_raise.issued_fen, after_raise.allocated_fen, after_raise.unallocated_fen),
        (Fen::new(100_000), Fen::new(70_000), Fen::new(30_000))
    );
    assert_eq!((after_delete.allocated_fen, after_delete.unallocated_fen), (Fen::ZERO, Fen::new(100_000)));
}

#[tokio::test]
async fn the_issued_amount_cannot_be_lowered_below_what_the_projects_hold() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let b = district.create_fund_batch(&issued_batch(1, 100_000, day(3, 1), vec![])).await.expect("batch");
    project(&district, &b, zhang, ProjectKind::Industry, 60_000).await;
    let update = |version, issued: i64, sources| UpdateFundBatch { version, issued_fen: Fen::new(issued), sources };

    let below = district.update_fund_batch(b.id, &update(b.version, 59_999, vec![])).await;
    let unbalanced =
        district.update_fund_batch(b.id, &update(b.version, 80_000, vec![share(FundSource::Central, 50_000)])).await;
    let mixed = vec![share(FundSource::Central, 50_000), share(FundSource::District, 30_000)];
    let lowered = district.update_fund_batch(b.id, &update(b.version, 80_000, mixed.clone())).await.expect("lowered");
    let stale = district.update_fund_batch(b.id, &update(b.version, 90_000, vec![])).await;

    assert!(on_field(&below, "issued_fen").contains("600.00"), "{below:?}");
    assert!(on_field(&unbalanced, "sources").contains("须等于下达金额"), "{unbalanced:?}");
    assert_eq!((lowered.issued_fen, lowered.unallocated_fen), (Fen::new(80_000), Fen::new(20_000)));
    assert_eq!(lowered.sources, mixed);
    assert_eq!(stale.err().and_then(|e| e.status()), Some(409));
}

#[tokio::test]
async fn a_new_batch_s_shares_must_add_up_and_its_progress_is_spent_over_issued() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;

    let twice = district
        .create_fund_batch(&issued_batch(
            1,
            100_000,
            day(3, 1),
            vec![share(FundSource::Central, 50_000), share(FundSource::Central, 50_000)],
        ))
        .await;
    let nothing = district.create_fund_batch(&issued_batch(1, 0, day(3, 1), vec![])).await;
    let shares = vec![share(FundSource::Provincial, 60_000), share(FundSource::Municipal, 40_000)];
    let b = district.create_fund_batch(&issued_batch(1, 100_000, day(3, 1), shares.clone())).await.expect("batch");
    let p = start(&district, &project(&district, &b, zhang, ProjectKind::Industry, 50_000).await).await;
    pay(&district, &p, 25_000, "SP-1").await.expect("paid");
    let after = batch_now(&district, &b).await;

    assert!(on_field(&twice, "sources").contains("重复"), "{twice:?}");
    assert!(!on_field(&nothing, "issued_fen").is_empty(), "{nothing:?}");
    assert_eq!(b.sources, shares);
    assert_eq!((after.spent_fen, after.spending_progress_bp), (Fen::new(25_000), 2_500), "25,000 of 100,000 issued");
}

#[tokio::test]
async fn a_project_cannot_start_nor_be_paid_before_its_batch_was_issued() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let b = batch(&district, 1).await; // issued on 2020-03-01
    let p = project(&district, &b, zhang, ProjectKind::Infrastructure, 100_000).await;
    let start_on = |version, on| UpdateProject {
        version,
        status: Some(ProjectStatus::Started),
        started_on: Some(on),
        ..Default::default()
    };

    let early = district.update_project(p.id, &start_on(p.version, day(2, 29))).await;
    let started = district.update_project(p.id, &start_on(p.version, day(3, 1))).await.expect("started on the day");
    let pay_on = |on, voucher: &str| CreateExpenditure {
        amount_fen: Fen::new(1_000),
        paid_on: on,
        voucher_no: voucher.to_owned(),
    };
    let early_pay = district.add_expenditure(p.id, &pay_on(day(2, 28), "OT-1")).await;
    let on_the_day = district.add_expenditure(p.id, &pay_on(day(3, 1), "OT-2")).await;
    let id = p.id.0.to_string();
    let csv = format!("项目编号,金额（元）,支付日期,凭证号\n{id},10,2020-02-20,OT-3\n").into_bytes();
    let import =
        district.import_expenditures(&ExpenditureImportQuery { format: "csv".into(), commit: true }, csv).await;

    assert!(on_field(&early, "started_on").contains("2020-03-01"), "{early:?}");
    assert_eq!(started.status, ProjectStatus::Started);
    assert!(on_field(&early_pay, "paid_on").contains("2020-03-01"), "{early_pay:?}");
    assert!(on_the_day.is_ok());
    let report = import.expect("a report");
    assert!(!report.committed);
    let cells: Vec<(u64, &str)> = report.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(cells, vec![(2, "支付日期")]);
    assert_eq!(district.project(p.id).await.expect("project").spent_fen, Fen::new(1_000));
}

#[tokio::test]
async fn rates_as_of_a_month_end_are_the_same_when_asked_again_after_later_records() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let b = batch(&district, 1).await; // issued on 2020-03-01
    let a = start(&district, &project(&district, &b, zhang, ProjectKind::Industry, 100_000).await).await; // 04-01
    pay(&district, &a, 40_000, "AS-1").await.expect("paid on 05-01");
    let other = project(&district, &b, zhang, ProjectKind::Housing, 100_000).await;
    let may = RatesQuery { year: 2020, as_of: Some(day(5, 31)), org_unit_id: None };
    let before = district.fund_rates(&may).await.expect("rates as of May");

    // June: the other project starts, the first is completed and paid again, a new batch comes.
    let other = district
        .update_project(
            other.id,
            &UpdateProject {
                version: other.version,
                status: Some(ProjectStatus::Started),
                started_on: Some(day(6, 10)),
                ..Default::default()
            },
        )
        .await
        .expect("started in June");
    let a = district.project(a.id).await.expect("project");
    district
        .update_project(
            a.id,
            &UpdateProject {
                version: a.version,
                status: Some(ProjectStatus::Completed),
                completed_on: Some(day(6, 15)),
                ..Default::default()
            },
        )
        .await
        .expect("completed in June");
    district
        .add_expenditure(
            a.id,
            &CreateExpenditure { amount_fen: Fen::new(60_000), paid_on: day(6, 20), voucher_no: "AS-2".into() },
        )
        .await
        .expect("paid in June");
    district
        .add_expenditure(
            other.id,
            &CreateExpenditure { amount_fen: Fen::new(10_000), paid_on: day(6, 11), voucher_no: "AS-3".into() },
        )
        .await
        .expect("paid in June");
    let june = district.create_fund_batch(&issued_batch(2, ISSUED, day(6, 5), vec![])).await.expect("June batch");
    project(&district, &june, zhang, ProjectKind::Health, 100_000).await;
    let again = district.fund_rates(&may).await.expect("rates as of May, asked in July");
    let now = district.fund_rates(&RatesQuery { year: 2020, ..Default::default() }).await.expect("rates now");
    let february =
        district.fund_rates(&RatesQuery { year: 2020, as_of: Some(day(2, 29)), org_unit_id: None }).await.expect("Feb");

    assert_eq!(again, before, "a later record does not change a past month's figures");
    assert_eq!((before.projects, before.started, before.completed), (2, 1, 0));
    assert_eq!((before.spent_fen, before.expenditure_rate_bp), (Fen::new(40_000), 2_000));
    assert_eq!((now.projects, now.started, now.completed, now.spent_fen), (3, 2, 1, Fen::new(110_000)));
    assert_eq!(february.projects, 0, "no batch was issued by February");
}

/// A project at `unit` building `quantity` `unit_name`, for the households given.
async fn building(
    api: &Api,
    b: &FundBatchDto,
    unit: jingzhun_shared::OrgUnitId,
    households: Vec<HouseholdId>,
) -> Result<ProjectDto, ClientError> {
    api.create_project(&jingzhun_shared::funds::CreateProject {
        quantity: Some(Quantity::from_hundredths(350)),
        unit: Some("公里".into()),
        household_ids: households,
        announced_from: Some(day(3, 2)),
        announced_to: Some(day(3, 11)),
        ..new_project(b.id, unit)
    })
    .await
}

#[tokio::test]
async fn a_project_records_what_it_builds_and_benefits_only_households_of_its_area() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let dongshan = village(&district, "东山村").await;
    let b = batch(&district, 1).await;
    let (h1, h2) = (household_in(&app, zhang, 61).await, household_in(&app, zhang, 62).await);
    let elsewhere = household_in(&app, dongshan, 63).await;

    let p = building(&district, &b, zhang, vec![h1, h2, h1]).await.expect("a road of 3.5 km for two households");
    let outside = building(&district, &b, zhang, vec![h1, elsewhere]).await;
    let no_unit = district
        .create_project(&jingzhun_shared::funds::CreateProject {
            quantity: Some(Quantity::from_hundredths(100)),
            ..new_project(b.id, zhang)
        })
        .await;
    let backwards = district
        .create_project(&jingzhun_shared::funds::CreateProject {
            announced_from: Some(day(3, 11)),
            announced_to: Some(day(3, 2)),
            ..new_project(b.id, zhang)
        })
        .await;
    let future = NaiveDate::from_ymd_opt(2100, 1, 1).expect("date");
    let ahead = district
        .create_project(&jingzhun_shared::funds::CreateProject {
            announced_from: Some(day(3, 2)),
            announced_to: Some(future),
            ..new_project(b.id, zhang)
        })
        .await;
    let fewer = UpdateProject { version: p.version, household_ids: Some(vec![h2]), ..Default::default() };
    let fewer = district.update_project(p.id, &fewer).await.expect("one household left");
    let moved = UpdateProject { version: fewer.version, household_ids: Some(vec![elsewhere]), ..Default::default() };
    let moved = district.update_project(p.id, &moved).await;

    assert_eq!((p.quantity, p.unit.as_deref()), (Some(Quantity::from_hundredths(350)), Some("公里")));
    assert_eq!((p.announced_from, p.announced_to), (Some(day(3, 2)), Some(day(3, 11))));
    assert_eq!((p.beneficiary_households, p.household_ids.clone()), (2, vec![h1, h2]));
    assert!(on_field(&outside, "household_ids").contains(&elsewhere.0.to_string()), "{outside:?}");
    assert!(!on_field(&no_unit, "unit").is_empty(), "{no_unit:?}");
    assert!(!on_field(&backwards, "announced_to").is_empty(), "{backwards:?}");
    assert!(!on_field(&ahead, "announced_to").is_empty(), "{ahead:?}");
    assert_eq!((fewer.beneficiary_households, fewer.household_ids), (1, vec![h2]));
    assert!(!on_field(&moved, "household_ids").is_empty(), "{moved:?}");
    assert_eq!(district.project(p.id).await.expect("project").household_ids, vec![h2]);
    let ledger = district.batch_ledger(b.id).await.expect("ledger");
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(ledger)).expect("an xlsx");
    let sheet = book.worksheet_range_at(0).expect("a sheet").expect("readable");
    let row: Vec<String> = sheet.rows().nth(3).expect("the project's row").iter().map(|c| c.to_string()).collect();
    assert_eq!((row[11].as_str(), row[12].as_str(), row[13].as_str()), ("1", "3.5 公里", "2020-03-02 至 2020-03-11"));
}
