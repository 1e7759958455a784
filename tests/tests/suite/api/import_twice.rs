//! A bureau's file imported twice, or with a line copied twice, writes nothing twice: the
//! second commit of the same assistance payments, trainings, housing checks or renovations is
//! refused row by row, and a repeated line is named; what is on file stays as it was.

use jingzhun_shared::employment::TRAINING_COLUMNS;
use jingzhun_shared::housing::{HOUSING_CHECK_COLUMNS, RENOVATION_COLUMNS};
use jingzhun_shared::registry::{ImportQuery, RecordImportReport};
use jingzhun_shared::social_security::{ASSISTANCE_COLUMNS, AssistanceQuery};
use jingzhun_shared::{Api, ClientError};

use crate::api::education::family;
use crate::api::employment_import::csv;
use crate::api::registry::{id_card, village};
use crate::helpers::TestApp;

/// The report of each of three commits: the file, the same file again, and the file with its
/// first line copied to the end; as (committed, rows named).
async fn thrice<F>(import: F, columns: &[&str], rows: &[Vec<&str>]) -> [(bool, Vec<u64>); 3]
where
    F: AsyncFn(Vec<u8>) -> Result<RecordImportReport, ClientError>,
{
    let mut copied = rows.to_vec();
    copied.push(rows[0].clone());
    let mut out = Vec::new();
    for file in [csv(columns, rows), csv(columns, rows), csv(columns, &copied)] {
        let report = import(file).await.expect("checked");
        let mut named: Vec<u64> = report.errors.iter().map(|e| e.row).collect();
        named.sort_unstable();
        named.dedup();
        out.push((report.committed, named));
    }
    out.try_into().expect("three")
}

fn commit() -> ImportQuery {
    ImportQuery { format: "csv".into(), commit: true, progress: None, initial_load: false }
}

async fn setup(app: &TestApp) -> (Api, String, String) {
    let district = app.login("district").await;
    let zhang = village(&district, "张村").await;
    let (_, child) = family(&district, zhang, 671, "20000315").await;
    (app.login("clerk").await, id_card(671), child.id_card_no)
}

#[tokio::test]
async fn a_payment_file_imported_twice_pays_once() {
    let app = TestApp::spawn().await;
    let (clerk, head, child) = setup(&app).await;
    let rows = vec![
        vec![head.as_str(), "低保金", "2020", "2020年1-6月", "1950", "2020-06-30"],
        vec![child.as_str(), "医疗救助", "2020", "2020年5月", "800", "2020-05-31"],
        vec![head.as_str(), "低保金", "2020", "2020年7-12月", "1950", "2020-12-20"],
    ];
    let import = async |file| clerk.import_assistance_payments(&commit(), file).await;
    let [first, again, copied] = thrice(import, &ASSISTANCE_COLUMNS, &rows).await;
    let year = AssistanceQuery { year: 2020, household_id: None, org_unit_id: None, page: None, per_page: None };
    let paid = clerk.assistance_payments(&year).await.expect("payments");

    assert_eq!(first, (true, vec![]));
    assert_eq!(again, (false, vec![2, 3, 4]), "every line is on file already");
    assert_eq!(copied, (false, vec![2, 3, 4, 5]));
    assert_eq!(paid.total, 3);
}

#[tokio::test]
async fn a_training_file_imported_twice_records_each_course_once() {
    let app = TestApp::spawn().await;
    let (clerk, head, child) = setup(&app).await;
    let rows = vec![
        vec![head.as_str(), "电工", "2020-05-20", "10", "2330"],
        vec![child.as_str(), "电工", "2020-05-20", "10", "2330"],
        vec![head.as_str(), "家政服务", "2020-06-10", "7", "1500"],
    ];
    let import = async |file| clerk.import_trainings(&commit(), file).await;
    let [first, again, copied] = thrice(import, &TRAINING_COLUMNS, &rows).await;

    let trainings = clerk.trainings(&Default::default()).await.expect("trainings");
    assert_eq!(first, (true, vec![]), "two people on one course, one person on two");
    assert_eq!(trainings.total, 3);
    assert_eq!(again, (false, vec![2, 3, 4]));
    assert_eq!(copied, (false, vec![2, 3, 4, 5]));
}

#[tokio::test]
async fn housing_check_and_renovation_files_imported_twice_write_each_once() {
    let app = TestApp::spawn().await;
    let (clerk, head, _) = setup(&app).await;
    let checks =
        vec![vec![head.as_str(), "2020-04-15", "C级（局部危房）", ""], vec![head.as_str(), "2020-09-15", "B级", ""]];
    let renovations = vec![
        vec![head.as_str(), "2020", "拆除重建", "60000", "40000", "2020-08-30", "2020-09-10"],
        vec![head.as_str(), "2021", "修缮加固", "10000", "8000", "", ""],
    ];

    let import = async |file| clerk.import_housing_checks(&commit(), file).await;
    let [first, again, copied] = thrice(import, &HOUSING_CHECK_COLUMNS, &checks).await;
    let import = async |file| clerk.import_housing_renovations(&commit(), file).await;
    let [planned, replanned, copied_plan] = thrice(import, &RENOVATION_COLUMNS, &renovations).await;

    assert_eq!(first, (true, vec![]), "a household appraised twice in a year, on two days");
    assert_eq!(again, (false, vec![2, 3]));
    assert_eq!(copied, (false, vec![2, 3, 4]));
    assert_eq!(planned, (true, vec![]));
    assert_eq!(replanned, (false, vec![2, 3]));
    assert_eq!(copied_plan, (false, vec![2, 3, 4]));
}
