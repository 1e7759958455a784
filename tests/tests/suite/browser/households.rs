use crate::browser::driver::Browser;
use crate::helpers::TestApp;

#[tokio::test]
async fn a_clerk_fixes_a_wrong_check_digit_before_saving_and_finds_the_household() {
    let app = TestApp::spawn().await;
    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;
    browser.client.goto(&format!("{}/households/new", app.base)).await.expect("open the form");

    browser.fill("#field-head-name", "汪建国").await;
    // 34100419800101001 completes with check character 9 (see IdCardNo::complete); 8 is wrong.
    let valid = jingzhun_shared::IdCardNo::complete("34100419800101001").expect("valid").as_str().to_owned();
    let mut wrong = valid.clone();
    let bad_last = if valid.ends_with('1') { "2" } else { "1" };
    wrong.replace_range(17.., bad_last);
    browser.fill("#field-head-id-card", &wrong).await;
    let error = browser.text_when("#field-head-id-card-error", |t| !t.is_empty()).await;
    assert!(error.contains("校验位"), "the field error shows before submitting: {error}");
    browser.click("fieldset.causes input[value=illness]").await;

    browser.fill("#field-head-id-card", &valid).await;
    let cleared = browser.text_when("#field-head-id-card-error", str::is_empty).await;
    assert_eq!(cleared, "");
    browser.click("button[type=submit]").await;
    let head = browser.text_when(".card .big", |t| t.contains("汪建国")).await;
    assert!(head.contains("汪建国"), "the household card opens: {head}");

    browser.client.goto(&format!("{}/households", app.base)).await.expect("open the list");
    browser.fill("#household-search", "建国").await;
    let found = browser.text_when(".households .head-name", |t| t == "汪建国").await;
    assert_eq!(found, "汪建国");
    browser.close().await;
}

#[tokio::test]
async fn a_clerk_imports_a_spreadsheet_and_sees_the_result() {
    let app = TestApp::spawn().await;
    let dir = crate::helpers::TempDir::new();
    let head = jingzhun_shared::IdCardNo::complete("34100419790505002").expect("valid").as_str().to_owned();
    let csv = format!(
        "{}\n341002003,{head},低保户,因病,,章德胜,{head},户主,健康,普通劳动力\n",
        jingzhun_shared::registry::IMPORT_COLUMNS.join(",")
    );
    let path = dir.0.join("households.csv");
    std::fs::write(&path, csv).expect("write the file");
    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;
    browser.client.goto(&format!("{}/households/import", app.base)).await.expect("open the import page");

    let input = browser.wait_for("#field-import-file").await;
    input.send_keys(&path.display().to_string()).await.expect("choose the file");
    browser.click(".buttons button.primary").await;

    let report = browser.text_when(".report", |t| t.contains("已导入")).await;
    assert!(report.contains("已导入") && report.contains("新增 1 户 1 人"), "report: {report}");
    browser.close().await;
}
