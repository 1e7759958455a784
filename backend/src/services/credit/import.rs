//! A bank's loan list ([`LOAN_COLUMNS`]): one row a loan, the borrower matched by ID card, on
//! the import machinery every per-member record shares
//! ([`crate::services::registry::record_import`]). Each row is held to the loan form's rules
//! (the shared [`CreateLoan::check`] and the borrower's age and membership on the issue day);
//! a contract number on file or twice in the list, and a household that would have two open
//! loans, are row errors. A commit writes every loan or none.

use std::collections::HashSet;

use chrono::NaiveDate;
use jingzhun_shared::credit::{CreateLoan, LOAN_COLUMNS, LoanEnterprise, LoanMode, due_on};
use jingzhun_shared::error::Validator;
use jingzhun_shared::money::parse_percent_bp;
use jingzhun_shared::registry::{ImportQuery, RecordImportReport};
use jingzhun_shared::{Capability, Fen, HouseholdId, MemberId};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use super::loans::{borrower_problem, new_row};
use crate::actor::CurrentUser;
use crate::entities::loan;
use crate::error::AppResult;
use crate::progress::Ticket;
use crate::services::bulk;
use crate::services::registry::record_import::{Cells, MemberRow, RecordImport, Steps, import as run};
use crate::services::sheet::{self, RawRow, RowErrors};
use crate::services::txn::Db;

/// The column of the list a field of [`CreateLoan`] is read from.
fn column_of(field: &str) -> usize {
    match field {
        "bank" => 1,
        "contract_no" => 2,
        "amount_fen" => 3,
        "issued_on" => 4,
        "term_months" => 5,
        "annual_rate_bp" => 6,
        "enterprise" | "enterprise.name" => 8,
        "enterprise.credit_code" => 9,
        "enterprise.yearly_return_fen" => 10,
        _ => 0,
    }
}

/// A row as the loan form would send it (household and borrower are the matched member's).
fn parse(r: &RawRow, errors: &mut RowErrors, today: NaiveDate) -> Option<CreateLoan> {
    let before = errors.count;
    let mut c = Cells { row: r, errors };
    let amount = c.yuan(3, false).flatten();
    let issued_on = c.date(4, today, false).flatten();
    // A negative term reads as 0, which the form's check names.
    let term = c.number(5, "期限").map(|t| u32::try_from(t).unwrap_or(0));
    let rate = match parse_percent_bp(c.text(6)) {
        Ok(bp) => Some(bp),
        Err(message) => {
            c.add(6, format!("年利率{message}"));
            None
        }
    };
    let mode = c.label::<LoanMode>(7, "贷款方式");
    let enterprise = if (8..=10).any(|col| !c.text(col).is_empty()) {
        let yearly_return_fen = c.yuan(10, true).flatten().unwrap_or(Fen::ZERO);
        Some(LoanEnterprise { name: c.text(8).to_owned(), credit_code: c.text(9).to_owned(), yearly_return_fen })
    } else {
        None
    };
    if c.errors.count > before {
        return None;
    }
    let input = CreateLoan {
        household_id: HouseholdId(0),
        borrower_member_id: MemberId(0),
        bank: c.text(1).to_owned(),
        contract_no: c.text(2).to_owned(),
        amount_fen: amount?,
        issued_on: issued_on?,
        term_months: term?,
        annual_rate_bp: rate?,
        mode: mode?,
        enterprise,
    };
    let mut v = Validator::new();
    input.check(&mut v);
    if let Err(fields) = v.finish() {
        for (field, messages) in fields {
            for message in messages {
                c.add(column_of(&field), message);
            }
        }
        return None;
    }
    Some(input)
}

/// What needs the other rows and the database: the borrower on the issue day, contract numbers
/// once, and one open loan a household (on file or in the list).
async fn check(db: &impl ConnectionTrait, rows: &[MemberRow<CreateLoan>], errors: &mut RowErrors) -> AppResult<()> {
    let contracts: Vec<String> = rows.iter().map(|r| r.value.contract_no.trim().to_owned()).collect();
    let households: Vec<i64> = rows.iter().map(|r| r.member.1.id).collect();
    let mut taken = HashSet::new();
    let mut owing = HashSet::new();
    for chunk in contracts.chunks(1_000) {
        let on_file = loan::Entity::find().filter(loan::Column::ContractNo.is_in(chunk.to_vec())).all(db).await?;
        taken.extend(on_file.into_iter().map(|l| l.contract_no));
    }
    for chunk in households.chunks(1_000) {
        let open = loan::Entity::find()
            .filter(loan::Column::HouseholdId.is_in(chunk.to_vec()))
            .filter(loan::Column::RepaidOn.is_null())
            .all(db)
            .await?;
        owing.extend(open.into_iter().map(|l| l.household_id));
    }
    for r in rows {
        let (member, household) = &r.member;
        if let Some(problem) = borrower_problem(member, household.id, r.value.issued_on) {
            errors.add(r.line, 0, problem);
        }
        if !taken.insert(r.value.contract_no.trim().to_owned()) {
            errors.add(r.line, 2, "该合同编号已登记（文件中重复或已在册）");
        }
        if !owing.insert(household.id) {
            errors.add(r.line, 0, "该户尚有未结清的扶贫小额信贷（文件中重复或已在册）");
        }
    }
    Ok(())
}

/// Checks the list and, with `commit`, writes every loan in one transaction, or nothing.
pub async fn import(
    db: &impl Db,
    user: &CurrentUser,
    raw: Vec<RawRow>,
    query: &ImportQuery,
    ticket: Option<&mut Ticket<'_>>,
) -> AppResult<RecordImportReport> {
    user.require(Capability::EditFunds)?;
    let today = user.today;
    let parse = |r: &RawRow, e: &mut RowErrors| parse(r, e, today);
    let spec = RecordImport { columns: &LOAN_COLUMNS, entity: "loan", commit: query.commit, parse: &parse };
    let write = async |txn: &DatabaseTransaction, rows: Vec<MemberRow<CreateLoan>>| {
        let households = rows.iter().map(|r| r.member.1.id).collect();
        let rows = rows
            .into_iter()
            .filter_map(|r| {
                let mut input = r.value;
                input.household_id = HouseholdId(r.member.1.id);
                input.borrower_member_id = MemberId(r.member.0.id);
                // The term was checked (1..=36), so the due date exists.
                let due = due_on(input.issued_on, input.term_months)?;
                Some(new_row(&r.member.1, &input, due))
            })
            .collect::<Vec<_>>();
        let watch = super::tally::Watch::new_loans(txn, households).await?;
        bulk::insert(txn, rows).await?;
        watch.finish(txn).await
    };
    let check = async |rows: &[MemberRow<CreateLoan>], errors: &mut RowErrors| check(db, rows, errors).await;
    run(db, user, raw, spec, ticket, Steps { check, write }).await
}

/// The import template: the columns, one 户贷企用 example, and what each column takes.
pub fn template() -> AppResult<Vec<u8>> {
    let example = [
        "34100419800101001X",
        "农商银行",
        "NS2020-0001",
        "50000.00",
        "2020-03-15",
        "36",
        "4.35",
        "户贷企用",
        "东山茶业有限公司",
        "91341004MA2N0X0X0X",
        "3000.00",
    ];
    let notes = [
        "每行一笔贷款；借款人须为在册建档立卡户的成年成员，按身份证号匹配。",
        "示例行的身份证号和信用代码仅为格式示意，导入前请删除示例行。",
        "贷款金额不超过 5 万元；期限 1 到 36 个月；年利率填百分数，例如 4.35。",
        "贷款方式：户贷户用 或 户贷企用；户贷户用时“用款企业”“统一社会信用代码”“每年收益”留空。",
        "合同编号不得与已登记的贷款重复；一户只能有一笔未结清的贷款。",
        "先点“检查”：任何一行有错误时，整个文件都不会导入。",
    ];
    sheet::template("贷款", &LOAN_COLUMNS, &example, &notes.map(str::to_owned))
}
