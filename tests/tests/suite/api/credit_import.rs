//! A bank's loan list imported by borrower ID card: every bad row named in the check, nothing
//! written while any row is wrong, every loan written on a clean commit, and the list's own
//! duplicates and the loans on file held against it.

use calamine::Reader;
use jingzhun_shared::credit::{LOAN_COLUMNS, LoanMode, LoanQuery, LoanStatus};
use jingzhun_shared::registry::ImportQuery;
use jingzhun_shared::{Api, ClientError, Fen};

use crate::api::credit::{borrower, day};
use crate::api::registry::id_card;
use crate::helpers::TestApp;

fn csv(rows: &[[&str; 11]]) -> Vec<u8> {
    let mut text = LOAN_COLUMNS.join(",");
    for row in rows {
        text.push('\n');
        text.push_str(&row.join(","));
    }
    text.into_bytes()
}

fn query(commit: bool) -> ImportQuery {
    ImportQuery { format: "csv".into(), commit, progress: None, initial_load: false }
}

/// A 户贷户用 row of `amount` 元 for the borrower `card` under `contract`.
fn own_use<'a>(card: &'a str, contract: &'a str, amount: &'a str) -> [&'a str; 11] {
    [card, "农商银行", contract, amount, "2020-03-15", "36", "4.35", "户贷户用", "", "", ""]
}

async fn loans(api: &Api) -> Vec<(String, LoanMode, Fen, LoanStatus)> {
    let page = api.loans(&LoanQuery::default()).await.expect("loans");
    let mut rows: Vec<_> = page.items.into_iter().map(|l| (l.contract_no, l.mode, l.balance_fen, l.status)).collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows
}

#[tokio::test]
async fn a_list_with_bad_rows_names_each_and_writes_nothing_then_a_clean_list_writes_every_loan() {
    let app = TestApp::spawn_on(day(2020, 9, 30)).await;
    let district = app.login("district").await;
    borrower(&app, 51).await;
    borrower(&app, 52).await;
    let (a, b, unknown) = (id_card(51), id_card(52), id_card(953));
    let enterprise = [
        b.as_str(),
        "农商银行",
        "NS-2",
        "30000",
        "2020-04-01",
        "24",
        "4.35%",
        "户贷企用",
        "东山茶业",
        "91341004MA2N0X0X0X",
        "1500",
    ];

    let bad = csv(&[
        own_use(&a, "NS-1", "50000"),
        own_use(&unknown, "NS-3", "10000"), // line 3: not a member on file
        own_use(&a, "NS-4", "10000"),       // line 4: a's second open loan
        [b.as_str(), "农商银行", "NS-5", "1000", "2020-13-01", "36", "abc", "户贷", "", "", ""], // line 5
        own_use(&b, "NS-6", "60000"),       // line 6: over 5 万元
        enterprise,
    ]);
    let checked = district.import_loans(&query(false), bad.clone()).await.expect("check");
    let refused = district.import_loans(&query(true), bad).await.expect("refused");
    let after_refusal = loans(&district).await;
    let clean = csv(&[own_use(&a, "NS-1", "50000"), enterprise]);
    let preview = district.import_loans(&query(false), clean.clone()).await.expect("preview");
    let committed = district.import_loans(&query(true), clean.clone()).await.expect("commit");
    let again = district.import_loans(&query(true), clean).await.expect("again");

    let cells = |r: &jingzhun_shared::registry::RecordImportReport| {
        r.errors.iter().map(|e| (e.row, e.column.clone())).collect::<Vec<_>>()
    };
    assert!(!checked.committed && !refused.committed);
    assert_eq!(
        cells(&refused),
        vec![
            (3, "借款人身份证号".to_owned()),
            (4, "借款人身份证号".to_owned()),
            (5, "放款日期".to_owned()),
            (5, "年利率(%)".to_owned()),
            (5, "贷款方式".to_owned()),
            (6, "贷款金额(元)".to_owned()),
        ],
        "{:?}",
        refused.errors
    );
    assert!(after_refusal.is_empty(), "a refused commit wrote {after_refusal:?}");
    assert_eq!((preview.committed, preview.error_count, preview.records), (false, 0, 2));
    assert_eq!((committed.committed, committed.records), (true, 2));
    assert_eq!(
        loans(&district).await,
        vec![
            ("NS-1".to_owned(), LoanMode::HouseholdUse, Fen::from_yuan(50_000), LoanStatus::Active),
            ("NS-2".to_owned(), LoanMode::EnterpriseUse, Fen::from_yuan(30_000), LoanStatus::Active),
        ]
    );
    // The same list again: both contracts are on file and both households owe.
    assert!(!again.committed);
    assert_eq!(
        cells(&again),
        vec![
            (2, "合同编号".to_owned()),
            (2, "借款人身份证号".to_owned()),
            (3, "合同编号".to_owned()),
            (3, "借款人身份证号".to_owned()),
        ]
    );
}

#[tokio::test]
async fn an_enterprise_use_row_needs_its_enterprise_and_a_child_cannot_borrow() {
    let app = TestApp::spawn_on(day(2020, 9, 30)).await;
    let district = app.login("district").await;
    borrower(&app, 61).await;
    // id_card(69) was born in 1989: not 18 on a loan dated 2000.
    borrower(&app, 69).await;
    let (card, young) = (id_card(61), id_card(69));
    let no_enterprise = [card.as_str(), "农商银行", "NS-9", "1000", "2020-03-15", "12", "4.35", "户贷企用", "", "", ""];
    let minor = [young.as_str(), "农商银行", "NS-10", "1000", "2000-03-15", "12", "4.35", "户贷户用", "", "", ""];

    let report = district.import_loans(&query(false), csv(&[no_enterprise, minor])).await.expect("report");

    let cells: Vec<(u64, &str)> = report.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(cells, vec![(2, "用款企业"), (3, "借款人身份证号")], "{:?}", report.errors);
}

#[tokio::test]
async fn only_those_who_write_loans_import_them_and_the_template_is_a_workbook() {
    let app = TestApp::spawn_on(day(2020, 9, 30)).await;
    let district = app.login("district").await;
    let township = app.login("township").await;
    let clerk = app.login("clerk").await;

    let template = district.loan_import_template().await.expect("template");
    let by_township = township.import_loans(&query(false), csv(&[])).await;
    let by_clerk = clerk.loan_import_template().await;

    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(template)).expect("a workbook");
    let sheet = book.worksheet_range("贷款").expect("sheet");
    let header: Vec<String> = (0..11).filter_map(|c| sheet.get_value((0, c)).map(ToString::to_string)).collect();
    assert_eq!(header, LOAN_COLUMNS.map(str::to_owned).to_vec());
    assert!(matches!(by_township, Err(ClientError::Api { status: 403, .. })), "{by_township:?}");
    assert!(matches!(by_clerk, Err(ClientError::Api { status: 403, .. })), "{by_clerk:?}");
}
