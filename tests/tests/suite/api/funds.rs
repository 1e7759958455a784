use calamine::Reader;
use chrono::NaiveDate;
use jingzhun_shared::funds::{
    CreateExpenditure, CreateFundBatch, CreateProject, EXPENDITURE_COLUMNS, ExpenditureImportQuery, FundBatchDto,
    FundBatchQuery, ProjectDto, ProjectQuery, RatesQuery, UpdateProject,
};
use jingzhun_shared::page::PageQuery;
use jingzhun_shared::{Api, Fen, FundBatchId, FundSource, OrgUnitId, ProjectId, ProjectKind, ProjectStatus};

use crate::api::registry::{village, villages};
use crate::helpers::TestApp;

pub(crate) fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, m, d).expect("date")
}

/// What the test batches are issued: 5 亿元, more than any test's projects take.
pub(crate) const ISSUED: i64 = 50_000_000_000;

pub(crate) async fn batch(api: &Api, seq: i32) -> FundBatchDto {
    api.create_fund_batch(&CreateFundBatch {
        year: 2020,
        seq,
        name: format!("第{seq}批专项资金"),
        document_no: format!("财农〔2020〕{seq}号"),
        source: FundSource::Central,
        issued_on: day(3, 1),
        issued_fen: Fen::new(ISSUED),
        sources: vec![],
    })
    .await
    .expect("batch created")
}

/// A project of 1 万元 under `batch` at `unit`, with nothing else filled in.
pub(crate) fn new_project(batch: FundBatchId, unit: OrgUnitId) -> CreateProject {
    CreateProject {
        batch_id: batch,
        name: "测试项目".into(),
        kind: ProjectKind::Infrastructure,
        org_unit_id: unit,
        budget_fen: Fen::new(1_000_000),
        quantity: None,
        unit: None,
        household_ids: vec![],
        announced_from: None,
        announced_to: None,
    }
}

/// What a project's expenditures (one page of them) add up to, in fen.
pub(super) async fn paid_out(api: &Api, project: ProjectId) -> i64 {
    let page = api.expenditures(project, &PageQuery::default()).await.expect("expenditures");
    page.items.iter().map(|e| e.amount_fen.fen()).sum()
}

pub(crate) async fn project(
    api: &Api,
    batch: &FundBatchDto,
    unit: OrgUnitId,
    kind: ProjectKind,
    budget: i64,
) -> ProjectDto {
    api.create_project(&CreateProject {
        batch_id: batch.id,
        name: format!("{kind:?} 项目"),
        kind,
        org_unit_id: unit,
        budget_fen: Fen::new(budget),
        ..new_project(batch.id, unit)
    })
    .await
    .expect("project created")
}

pub(crate) async fn start(api: &Api, p: &ProjectDto) -> ProjectDto {
    api.update_project(
        p.id,
        &UpdateProject {
            version: p.version,
            status: Some(ProjectStatus::Started),
            started_on: Some(day(4, 1)),
            ..Default::default()
        },
    )
    .await
    .expect("started")
}

pub(crate) async fn pay(
    api: &Api,
    p: &ProjectDto,
    amount: i64,
    voucher: &str,
) -> Result<(), jingzhun_shared::ClientError> {
    api.add_expenditure(
        p.id,
        &CreateExpenditure { amount_fen: Fen::new(amount), paid_on: day(5, 1), voucher_no: voucher.to_owned() },
    )
    .await
    .map(|_| ())
}

#[tokio::test]
async fn spending_beyond_the_budget_is_a_422_naming_what_remains() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let b = batch(&district, 1).await;
    let p = start(&district, &project(&district, &b, zhang, ProjectKind::Industry, 1_000_000).await).await;

    pay(&district, &p, 600_000, "PZ-1").await.expect("within budget");
    let over = pay(&district, &p, 400_001, "PZ-2").await.expect_err("over budget");
    let same_voucher = pay(&district, &p, 100, "PZ-1").await.expect_err("voucher on file");
    pay(&district, &p, 400_000, "PZ-3").await.expect("exactly the rest");

    assert_eq!(over.status(), Some(422));
    let message = over.api_error().map(|e| e.field("amount_fen").join(" ")).unwrap_or_default();
    assert!(message.contains("4000.00"), "names the remaining 4,000.00 元: {message}");
    assert_eq!(same_voucher.status(), Some(422));
    assert!(!same_voucher.api_error().map(|e| e.field("voucher_no").is_empty()).unwrap_or(true));
    let after = district.project(p.id).await.expect("project");
    assert_eq!(after.spent_fen, Fen::new(1_000_000));
    assert_eq!(paid_out(&district, p.id).await, 1_000_000, "the running sum equals the expenditures");
    let batches =
        district.fund_batches(&FundBatchQuery { year: Some(2020), ..Default::default() }).await.expect("batches").items;
    assert_eq!(
        (batches[0].allocated_fen, batches[0].spent_fen, batches[0].projects),
        (Fen::new(1_000_000), Fen::new(1_000_000), 1)
    );
}

#[tokio::test]
async fn status_moves_forward_one_step_at_a_time_with_dates_in_order() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let b = batch(&district, 1).await;
    let planned = project(&district, &b, zhang, ProjectKind::Infrastructure, 500_000).await;

    let skip = district
        .update_project(
            planned.id,
            &UpdateProject {
                version: planned.version,
                status: Some(ProjectStatus::Completed),
                completed_on: Some(day(6, 1)),
                ..Default::default()
            },
        )
        .await
        .expect_err("planned cannot jump to completed");
    let unpaid = pay(&district, &planned, 100, "PZ-0").await.expect_err("a planned project is not paid");
    let started = start(&district, &planned).await;
    let early = district
        .update_project(
            started.id,
            &UpdateProject {
                version: started.version,
                status: Some(ProjectStatus::Completed),
                completed_on: Some(day(3, 1)),
                ..Default::default()
            },
        )
        .await
        .expect_err("completed before it started");
    let completed = district
        .update_project(
            started.id,
            &UpdateProject {
                version: started.version,
                status: Some(ProjectStatus::Completed),
                completed_on: Some(day(9, 30)),
                ..Default::default()
            },
        )
        .await
        .expect("completed");
    let back = district
        .update_project(
            completed.id,
            &UpdateProject {
                version: completed.version,
                status: Some(ProjectStatus::Started),
                started_on: Some(day(4, 1)),
                ..Default::default()
            },
        )
        .await
        .expect_err("backwards");
    let stale = district
        .update_project(
            completed.id,
            &UpdateProject { version: started.version, name: Some("x".into()), ..Default::default() },
        )
        .await
        .expect_err("stale version");

    assert_eq!(skip.status(), Some(422));
    assert!(!skip.api_error().map(|e| e.field("status").is_empty()).unwrap_or(true));
    assert_eq!(unpaid.status(), Some(422));
    assert_eq!(early.status(), Some(422));
    assert!(!early.api_error().map(|e| e.field("completed_on").is_empty()).unwrap_or(true));
    assert_eq!((completed.status, completed.completed_on), (ProjectStatus::Completed, Some(day(9, 30))));
    assert_eq!(back.status(), Some(422));
    assert_eq!(stale.status(), Some(409));
    assert_eq!(district.project(planned.id).await.expect("reload").status, ProjectStatus::Completed);
}

#[tokio::test]
async fn a_batch_or_project_with_expenditures_cannot_be_deleted() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let b = batch(&district, 1).await;
    let paid = start(&district, &project(&district, &b, zhang, ProjectKind::Industry, 100_000).await).await;
    pay(&district, &paid, 50_000, "PZ-9").await.expect("paid");
    let empty_batch = batch(&district, 2).await;
    let unpaid = project(&district, &empty_batch, zhang, ProjectKind::Health, 100_000).await;

    let project_refused = district.delete_project(paid.id).await.expect_err("has expenditures");
    let batch_refused = district.delete_fund_batch(b.id).await.expect_err("has expenditures");
    district.delete_fund_batch(empty_batch.id).await.expect("no expenditures: deleted with its project");

    assert_eq!(project_refused.status(), Some(409));
    assert_eq!(batch_refused.status(), Some(409));
    assert_eq!(district.project(paid.id).await.expect("still there").spent_fen, Fen::new(50_000));
    assert_eq!(district.project(unpaid.id).await.expect_err("gone").status(), Some(404));
    assert_eq!(district.fund_batches(&FundBatchQuery::default()).await.expect("batches").items.len(), 1);
}

#[tokio::test]
async fn rates_are_exact_on_a_small_hand_computed_case_and_follow_the_subtree() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let [zhang, other] = villages(&district, ["张村", "石岗村"]).await;
    let b = batch(&district, 1).await;
    // 张村: industry 3,000 元 started, 1,000 spent; infrastructure 5,000 元 completed, 5,000 spent.
    // 石岗村: industry 4,000 元, still planned.
    let a = start(&district, &project(&district, &b, zhang, ProjectKind::Industry, 300_000).await).await;
    pay(&district, &a, 100_000, "A-1").await.expect("paid");
    let c = start(&district, &project(&district, &b, zhang, ProjectKind::Infrastructure, 500_000).await).await;
    pay(&district, &c, 500_000, "C-1").await.expect("paid");
    let c = district.project(c.id).await.expect("the paid project, at the version the payment left");
    district
        .update_project(
            c.id,
            &UpdateProject {
                version: c.version,
                status: Some(ProjectStatus::Completed),
                completed_on: Some(day(8, 1)),
                ..Default::default()
            },
        )
        .await
        .expect("completed");
    project(&district, &b, other, ProjectKind::Industry, 400_000).await;

    let all = district.fund_rates(&RatesQuery { year: 2020, ..Default::default() }).await.expect("district rates");
    let township = app.login("township").await;
    let mine = township.fund_rates(&RatesQuery { year: 2020, ..Default::default() }).await.expect("township rates");
    let none = district.fund_rates(&RatesQuery { year: 2019, ..Default::default() }).await.expect("other year");
    let outside = township.fund_rates(&RatesQuery { year: 2020, as_of: None, org_unit_id: Some(other) }).await;

    // 2 of 3 started = 6,667 bp; 1 of 3 completed = 3,333; 6,000 of 12,000 元 spent = 5,000;
    // industry 7,000 of 12,000 元 = 5,833.33 → 5,833.
    assert_eq!((all.projects, all.started, all.completed), (3, 2, 1));
    assert_eq!(
        (all.budget_fen, all.spent_fen, all.industry_budget_fen),
        (Fen::new(1_200_000), Fen::new(600_000), Fen::new(700_000))
    );
    assert_eq!(
        (all.start_rate_bp, all.completion_rate_bp, all.expenditure_rate_bp, all.industry_share_bp),
        (6_667, 3_333, 5_000, 5_833)
    );
    // 东山镇 holds 张村 only: 2 projects, both started, 6,000 of 8,000 元 spent.
    assert_eq!((mine.projects, mine.start_rate_bp, mine.completion_rate_bp), (2, 10_000, 5_000));
    assert_eq!((mine.expenditure_rate_bp, mine.industry_share_bp), (7_500, 3_750));
    assert_eq!(none.projects, 0);
    assert_eq!(outside.expect_err("石岗村 is outside 东山镇").status(), Some(404));
    let listed = township.projects(&ProjectQuery::default()).await.expect("township projects");
    assert_eq!(listed.total, 2, "a township lists its own projects only");
}

#[tokio::test]
async fn only_the_district_files_batches_and_projects() {
    let app = TestApp::spawn().await;
    let township = app.login("township").await;
    let district = app.login("district").await;
    let b = batch(&district, 1).await;
    let zhang = village(&district, "张村").await;

    let refused = township
        .create_fund_batch(&CreateFundBatch {
            year: 2020,
            seq: 2,
            name: "乡镇批次".into(),
            document_no: "x".into(),
            source: FundSource::District,
            issued_on: day(1, 1),
            issued_fen: Fen::new(ISSUED),
            sources: vec![],
        })
        .await
        .expect_err("a township official does not file batches");
    let duplicate = district
        .create_fund_batch(&CreateFundBatch {
            year: 2020,
            seq: 1,
            name: "重复".into(),
            document_no: "y".into(),
            source: FundSource::District,
            issued_on: day(1, 1),
            issued_fen: Fen::new(ISSUED),
            sources: vec![],
        })
        .await
        .expect_err("第一批 exists");
    let bad = district
        .create_project(&CreateProject {
            batch_id: b.id,
            name: " ".into(),
            kind: ProjectKind::Industry,
            org_unit_id: zhang,
            budget_fen: Fen::new(0),
            ..new_project(b.id, zhang)
        })
        .await
        .expect_err("empty name and zero budget");

    assert_eq!(refused.status(), Some(403));
    assert_eq!(duplicate.status(), Some(422));
    let fields = bad.api_error().map(|e| e.fields.keys().cloned().collect::<Vec<_>>()).unwrap_or_default();
    assert_eq!(fields, vec!["budget_fen".to_owned(), "name".to_owned()], "both fields in one 422");
}

#[tokio::test]
async fn the_ledger_lists_every_project_with_the_totals() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let b = batch(&district, 1).await;
    let a = start(&district, &project(&district, &b, zhang, ProjectKind::Industry, 123_456).await).await;
    pay(&district, &a, 23_456, "L-1").await.expect("paid");
    project(&district, &b, zhang, ProjectKind::Housing, 200_000).await;

    let bytes = district.batch_ledger(b.id).await.expect("ledger");

    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx");
    let sheet = book.worksheet_range_at(0).expect("a sheet").expect("readable");
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows[1][0], "下达 500000000.00 元 · 已分配 3234.56 元 · 未分配 499996765.44 元");
    assert_eq!(rows[2][0], "项目编号");
    assert_eq!(rows[3][0], a.id.0.to_string());
    assert_eq!((rows[3][4].as_str(), rows[3][5].as_str(), rows[3][6].as_str()), ("1234.56", "234.56", "1000"));
    assert_eq!(rows[3][7], "已开工");
    let total = rows.iter().find(|r| r.get(1).is_some_and(|c| c.starts_with("合计"))).expect("a totals row");
    assert_eq!((total[4].as_str(), total[5].as_str()), ("3234.56", "234.56"));
}

fn expenditure_csv(rows: &[[&str; 4]]) -> Vec<u8> {
    let mut text = EXPENDITURE_COLUMNS.join(",");
    for row in rows {
        text.push('\n');
        text.push_str(&row.join(","));
    }
    text.into_bytes()
}

#[tokio::test]
async fn an_expenditure_import_with_one_bad_row_writes_nothing_and_a_good_one_writes_all() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let b = batch(&district, 1).await;
    let p = start(&district, &project(&district, &b, zhang, ProjectKind::Industry, 1_000_000).await).await;
    let id = p.id.0.to_string();
    let query = |commit| ExpenditureImportQuery { format: "csv".into(), commit };

    let bad = expenditure_csv(&[
        [&id, "6000", "2020-05-01", "IM-1"],
        [&id, "4000.01", "2020-05-02", "IM-2"],
        ["999999", "10", "2020-05-02", "IM-3"],
        [&id, "10", "2020-13-01", "IM-1"],
    ]);
    let report = district.import_expenditures(&query(true), bad).await.expect("report");
    let good = expenditure_csv(&[[&id, "6000", "2020-05-01", "IM-1"], [&id, "4000.00", "2020-06-01", "IM-2"]]);
    let preview = district.import_expenditures(&query(false), good.clone()).await.expect("preview");
    let committed = district.import_expenditures(&query(true), good).await.expect("commit");

    assert!(!report.committed);
    let cells: Vec<(u64, &str)> = report.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(cells, vec![(3, "金额（元）"), (4, "项目编号"), (5, "支付日期"), (5, "凭证号")]);
    assert!(report.errors[0].message.contains("4000.00"), "{}", report.errors[0].message);
    assert!(!preview.committed && preview.error_count == 0);
    assert_eq!(preview.amount_fen, Fen::new(1_000_000));
    assert!(committed.committed);
    assert_eq!(district.project(p.id).await.expect("project").spent_fen, Fen::new(1_000_000));
    assert_eq!(district.expenditures(p.id, &PageQuery::default()).await.expect("list").items.len(), 2);
}
