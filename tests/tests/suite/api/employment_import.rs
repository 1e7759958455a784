//! Training and transport subsidies from the bureau's spreadsheets: the template carries the
//! import's columns, a good file commits every row, a file with one bad row commits nothing and
//! names the row and column.

use calamine::Reader;
use chrono::NaiveDate;
use jingzhun_shared::employment::{
    EMPLOYMENT_COLUMNS, EmploymentInput, EmploymentKind, LabourQuery, TRAINING_COLUMNS, TRANSPORT_COLUMNS,
};
use jingzhun_shared::registry::{ImportQuery, MemberDto};
use jingzhun_shared::{Api, Fen};

use crate::api::education::family;
use crate::api::registry::village;
use crate::helpers::TestApp;

async fn labourer(district: &Api, n: u32) -> MemberDto {
    let zhang = village(district, "张村").await;
    family(district, zhang, n, "19900101").await.1
}

pub(crate) fn csv(columns: &[&str], rows: &[Vec<&str>]) -> Vec<u8> {
    let mut text = columns.join(",");
    for row in rows {
        text.push('\n');
        text.push_str(&row.join(","));
    }
    text.into_bytes()
}

pub(crate) fn xlsx(columns: &[&str], rows: &[Vec<&str>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in (0u32..).zip(std::iter::once(columns.to_vec()).chain(rows.iter().cloned())) {
        for (c, cell) in (0u16..).zip(row) {
            sheet.write_string(r, c, cell).expect("a cell");
        }
    }
    book.save_to_buffer().expect("an xlsx")
}

pub(crate) fn query(format: &str, commit: bool, progress: &str) -> ImportQuery {
    ImportQuery { format: format.into(), commit, progress: Some(progress.into()), initial_load: false }
}

pub(crate) fn header_of(bytes: Vec<u8>) -> Vec<String> {
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx");
    let sheet = book.worksheet_range_at(0).expect("a sheet").expect("readable");
    sheet.rows().next().expect("header").iter().map(|c| c.to_string()).collect()
}

#[tokio::test]
async fn a_training_file_commits_whole_and_one_bad_row_commits_nothing_naming_row_and_column() {
    let app = TestApp::spawn().await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let [a, b] = [labourer(&district, 631).await, labourer(&district, 632).await];
    let good = vec![
        vec![a.id_card_no.as_str(), "电工", "2020-05-20", "10", "2330"],
        vec![b.id_card_no.as_str(), "家政服务", "2020-06-10", "7", "1500.50"],
    ];
    let mut with_bad = good.clone();
    with_bad.push(vec![b.id_card_no.as_str(), "", "2020-06-10", "0", "100"]);

    let template = clerk.training_template().await.expect("template");
    let refused = clerk.import_trainings(&query("csv", true, "tr-1"), csv(&TRAINING_COLUMNS, &with_bad)).await;
    let refused = refused.expect("checked");
    let progress = clerk.import_progress("tr-1").await.expect("progress");
    let none = clerk.trainings(&LabourQuery::default()).await.expect("trainings");
    let done = clerk.import_trainings(&query("xlsx", true, "tr-2"), xlsx(&TRAINING_COLUMNS, &good)).await;
    let listed = clerk.trainings(&LabourQuery { year: Some(2020), ..Default::default() }).await.expect("trainings");

    assert_eq!(header_of(template), TRAINING_COLUMNS);
    assert_eq!(header_of(clerk.employment_template().await.expect("jobs' template")), EMPLOYMENT_COLUMNS);
    let mut named: Vec<(u64, &str)> = refused.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    named.sort();
    assert_eq!(named, vec![(4, "培训天数"), (4, "培训项目")], "{:?}", refused.errors);
    assert!(!refused.committed);
    assert_eq!((progress.phase.as_str(), progress.total), ("done", 3));
    assert_eq!(none.total, 0);
    let done = done.expect("committed");
    assert!(done.committed && done.records == 2);
    let mut subsidies: Vec<Fen> = listed.items.iter().map(|t| t.subsidy_fen).collect();
    subsidies.sort();
    assert_eq!(subsidies, vec![Fen::new(150_050), Fen::from_yuan(2_330)]);
}

#[tokio::test]
async fn a_transport_file_pays_migrant_workers_once_a_year_or_commits_nothing() {
    let app = TestApp::spawn().await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let [away, home] = [labourer(&district, 641).await, labourer(&district, 642).await];
    let job = EmploymentInput {
        member_id: away.id,
        kind: EmploymentKind::MigrantJob,
        employer: "浙江某电子厂".into(),
        base_id: None,
        since: NaiveDate::from_ymd_opt(2020, 3, 1).expect("a date"),
        until: None,
        monthly_wage_fen: Fen::from_yuan(3_500),
    };
    clerk.create_employment(&job).await.expect("a migrant job");
    let good = vec![vec![away.id_card_no.as_str(), "2020", "289", "2020-06-01"]];
    let bad = vec![
        good[0].clone(),
        vec![home.id_card_no.as_str(), "2020", "289", "2020-06-01"],
        vec![away.id_card_no.as_str(), "2020", "289", "2099-01-01"],
    ];

    let template = clerk.transport_template().await.expect("template");
    let refused = clerk.import_transport_subsidies(&query("csv", true, "tp-1"), csv(&TRANSPORT_COLUMNS, &bad)).await;
    let refused = refused.expect("checked");
    let none = clerk.transport_subsidies(&LabourQuery::default()).await.expect("subsidies");
    let done = clerk.import_transport_subsidies(&query("csv", true, "tp-2"), csv(&TRANSPORT_COLUMNS, &good)).await;
    let again = clerk.import_transport_subsidies(&query("csv", false, "tp-3"), csv(&TRANSPORT_COLUMNS, &good)).await;
    let paid = clerk.transport_subsidies(&LabourQuery::default()).await.expect("subsidies");

    assert_eq!(header_of(template), TRANSPORT_COLUMNS);
    let mut named: Vec<(u64, &str)> = refused.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    named.sort();
    assert_eq!(named, vec![(3, "身份证号"), (4, "发放日期")], "{:?}", refused.errors);
    assert!(refused.errors.iter().any(|e| e.message.contains("没有外出务工记录")), "{:?}", refused.errors);
    assert!(!refused.committed && none.total == 0);
    let done = done.expect("committed");
    assert!(done.committed && done.records == 1);
    let again = again.expect("checked");
    assert!(again.errors.iter().any(|e| e.row == 2 && e.column == "年度" && e.message.contains("已领取")));
    assert_eq!((paid.total, paid.items[0].amount_fen), (1, Fen::from_yuan(289)));
}
