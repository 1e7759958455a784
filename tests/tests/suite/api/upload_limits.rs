//! Every upload route checks the role before it reads the body, reads at most its limit, and
//! refuses a file past a limit with 413 or 422 naming it, whatever the file claims; the
//! server answers on afterwards.

use std::time::Duration;

use jingzhun_shared::funds::{EXPENDITURE_COLUMNS, ExpenditureImportQuery};
use jingzhun_shared::registry::ImportQuery;
use jingzhun_shared::{Api, ClientError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::upload_files::{
    MIB, csv_columns, csv_rows, dimension_bomb, lying_dimension_bomb, many_entries, unique_count_bomb, zip_bomb,
};
use crate::helpers::TestApp;

fn query(format: &str) -> ImportQuery {
    ImportQuery { format: format.to_owned(), commit: true, progress: None, initial_load: false }
}

async fn refused(api: &Api, format: &str, file: Vec<u8>) -> ClientError {
    api.import_households(&query(format), file).await.expect_err("refused")
}

/// The status and the message of a refusal, after checking the server still answers.
async fn verdict(app: &TestApp, error: ClientError) -> (u16, String) {
    app.api.health().await.expect("the server still answers /healthz");
    let message = error.api_error().map(|e| e.message.clone()).unwrap_or_else(|| format!("not an API error: {error}"));
    (error.status().unwrap_or_default(), message)
}

#[tokio::test]
async fn a_file_claiming_a_trillion_shared_strings_is_refused_and_the_server_lives() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;

    let error = refused(&clerk, "xlsx", unique_count_bomb()).await;

    assert_eq!(verdict(&app, error).await, (422, "共享字符串超过 2000000 个".to_owned()));
}

#[tokio::test]
async fn a_sheet_from_a1_to_xfd1048576_is_refused_whether_or_not_its_dimension_says_so() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;

    let declared = refused(&clerk, "xlsx", dimension_bomb()).await;
    let hidden = refused(&clerk, "xlsx", lying_dimension_bomb()).await;

    assert_eq!(verdict(&app, declared).await, (422, "表格超过 200000 行（表头以下）".to_owned()));
    assert_eq!(verdict(&app, hidden).await, (422, "表格超过 200000 行（表头以下）".to_owned()));
}

#[tokio::test]
async fn a_zip_bomb_is_refused_from_its_central_directory() {
    let bomb = zip_bomb(300);
    assert!(bomb.len() < MIB, "300 MiB in a small file: {} bytes", bomb.len());
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;

    let error = refused(&clerk, "xlsx", bomb).await;

    assert_eq!(verdict(&app, error).await, (413, "xlsx 中的 xl/worksheets/sheet1.xml 解压后超过 256 MiB".to_owned()));
}

#[tokio::test]
async fn a_zip_of_thousands_of_entries_is_refused() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;

    let error = refused(&clerk, "xlsx", many_entries(5_000)).await;

    assert_eq!(verdict(&app, error).await, (422, "xlsx 中的文件超过 1000 个".to_owned()));
}

#[tokio::test]
async fn a_body_over_ten_mib_is_a_413_naming_the_limit() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let district = app.login("district").await;
    let funds = ExpenditureImportQuery { format: "csv".into(), commit: false };

    let households = refused(&clerk, "csv", vec![b' '; 10 * MIB + 1]).await;
    let expenditures = district.import_expenditures(&funds, vec![b' '; 10 * MIB + 1]).await.expect_err("refused");

    assert_eq!(verdict(&app, households).await, (413, "文件超过 10 MiB".to_owned()));
    assert_eq!(verdict(&app, expenditures).await, (413, "文件超过 10 MiB".to_owned()));
}

#[tokio::test]
async fn two_hundred_thousand_rows_pass_the_limit_and_one_more_does_not() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let preview = ImportQuery { format: "csv".to_owned(), commit: false, progress: None, initial_load: false };

    let at_limit = clerk.import_households(&preview, csv_rows(200_000)).await.expect("read, every row in error");
    let over = refused(&clerk, "csv", csv_rows(200_001)).await;

    assert_eq!(at_limit.rows, 200_000);
    assert_eq!(verdict(&app, over).await, (422, "表格超过 200000 行（表头以下）".to_owned()));
}

#[tokio::test]
async fn sixty_five_columns_are_refused() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;

    let error = refused(&clerk, "csv", csv_columns(65)).await;

    assert_eq!(verdict(&app, error).await, (422, "表格超过 64 列".to_owned()));
}

#[tokio::test]
async fn a_date_serial_past_the_year_9999_is_an_error_of_its_row() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (c, title) in EXPENDITURE_COLUMNS.iter().enumerate() {
        sheet.write_string(0, c as u16, *title).expect("header");
    }
    sheet.write_string(1, 0, "1").expect("project").write_string(1, 1, "100").expect("amount");
    sheet.write_number_with_format(1, 2, 1e300, &date).expect("date").write_string(1, 3, "PZ-1").expect("voucher");
    let query = ExpenditureImportQuery { format: "xlsx".into(), commit: false };

    let report = district.import_expenditures(&query, book.save_to_buffer().expect("xlsx")).await.expect("a report");

    let error = report.errors.iter().find(|e| e.column == "支付日期").expect("the date cell is named");
    assert_eq!(error.row, 2);
    assert!(error.message.contains("日期超出范围"), "{}", error.message);
    app.api.health().await.expect("the server still answers /healthz");
}

#[tokio::test]
async fn roles_that_may_not_import_get_403_whatever_they_send() {
    let app = TestApp::spawn().await;
    let auditor = app.login("auditor").await;
    let enterprise = app.login("enterprise").await;
    let funds = ExpenditureImportQuery { format: "xlsx".into(), commit: true };

    let huge = refused(&auditor, "csv", vec![b' '; 11 * MIB]).await;
    let bomb = refused(&enterprise, "xlsx", unique_count_bomb()).await;
    let expenditures = enterprise.import_expenditures(&funds, vec![b' '; 11 * MIB]).await.expect_err("refused");

    assert_eq!(verdict(&app, huge).await.0, 403, "403, not 413: the body was not read");
    assert_eq!(verdict(&app, bomb).await.0, 403);
    assert_eq!(verdict(&app, expenditures).await.0, 403);
}

/// A request that announces a gigabyte and sends a few bytes: only a server that answers
/// before reading the body answers at all.
#[tokio::test]
async fn the_403_comes_without_waiting_for_the_body() {
    let app = TestApp::spawn().await;
    let token = app.login("auditor").await.token().expect("token").to_owned();
    let address = app.base.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.expect("connect");
    let head = format!(
        "POST /api/v1/households/import?format=xlsx&commit=true HTTP/1.1\r\nHost: {address}\r\n\
         Authorization: Bearer {token}\r\nContent-Type: application/octet-stream\r\n\
         Content-Length: 1073741824\r\n\r\nPK\x03\x04"
    );
    stream.write_all(head.as_bytes()).await.expect("send");

    let mut answer = vec![0u8; 4096];
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut answer)).await;

    let n = read.expect("answered within 10 s, the body still unsent").expect("read");
    let answer = String::from_utf8_lossy(&answer[..n]).to_string();
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    assert!(answer.contains("\"code\":\"forbidden\""), "{answer}");
}
