//! Loans: the list with its filters, one loan with its records, and a new loan — checked
//! whole (the shared [`CreateLoan::check`] plus the household, the borrower and the one open
//! loan a household may have, which the database keeps too).

use std::collections::HashMap;

use chrono::{Months, NaiveDate, Utc};
use jingzhun_shared::credit::{
    CreateLoan, ExtensionDto, LoanDto, LoanEnterprise, LoanMode, LoanQuery, RepaymentDto, ReturnDto, due_on, status_on,
};
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{Capability, Fen, HouseholdId, HouseholdStatus, MemberId, OrgLevel, OrgUnitId, Personal};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{household, loan, loan_extension, loan_repayment, loan_return, member};
use crate::error::{AppError, AppResult};
use crate::services::audit::{self, Event};
use crate::services::org::org_units;
use crate::services::registry::households;
use crate::services::txn::{Db, created, in_txn};
use crate::services::{by_ids, found, paginate, typed_date, with_items};

use super::state::status_is;
pub(super) use super::state::{overdue_on, return_late};

/// The loan `id` when the caller may read it; 404 outside their subtree.
pub(super) async fn visible(db: &impl ConnectionTrait, user: &CurrentUser, id: i64) -> AppResult<loan::Model> {
    user.require(Capability::ReadFunds)?;
    loan::Entity::find_by_id(id).one(db).await?.filter(|l| user.sees(&l.org_path)).ok_or(AppError::NotFound)
}

/// A loan row as the wire shows it; `returns_paid` is what its enterprise paid so far.
fn dto(
    row: &loan::Model,
    h: Option<&household::Model>,
    borrower: Option<&member::Model>,
    paid: i64,
    today: NaiveDate,
) -> LoanDto {
    LoanDto {
        id: row.id,
        household_id: HouseholdId(row.household_id),
        household_number: h.map(|h| h.number.clone()).unwrap_or_default(),
        village_id: OrgUnitId(row.village_id),
        borrower_member_id: MemberId(row.borrower_member_id),
        borrower_name: borrower.map(|m| m.name.clone()).unwrap_or_default(),
        borrower_id_card_no: borrower.map(|m| m.id_card_no.clone()).unwrap_or_default(),
        bank: row.bank.clone(),
        contract_no: row.contract_no.clone(),
        amount_fen: Fen::new(row.amount_fen),
        issued_on: row.issued_on,
        term_months: u32::try_from(row.term_months).unwrap_or_default(),
        annual_rate_bp: row.annual_rate_bp,
        mode: row.mode,
        enterprise: row.enterprise_name.as_ref().map(|name| LoanEnterprise {
            name: name.clone(),
            credit_code: row.enterprise_credit_code.clone().unwrap_or_default(),
            yearly_return_fen: Fen::new(row.yearly_return_fen.unwrap_or_default()),
        }),
        due_on: row.due_on,
        balance_fen: Fen::new(row.balance_fen),
        status: status_on(Fen::new(row.balance_fen), row.due_on, row.extended, today),
        return_late: return_late(row, paid, today),
        repayments: Vec::new(),
        extensions: Vec::new(),
        returns: Vec::new(),
    }
}

/// What each of `loan_ids`' enterprises paid in returns up to `until`, by loan.
pub(super) async fn returns_paid(
    db: &impl ConnectionTrait,
    loan_ids: Vec<i64>,
    until: NaiveDate,
) -> AppResult<HashMap<i64, i64>> {
    let mut paid = HashMap::new();
    for chunk in loan_ids.chunks(1_000) {
        let rows = loan_return::Entity::find()
            .filter(loan_return::Column::LoanId.is_in(chunk.to_vec()))
            .filter(loan_return::Column::PaidOn.lte(until))
            .all(db)
            .await?;
        for r in rows {
            *paid.entry(r.loan_id).or_insert(0) += r.amount_fen;
        }
    }
    Ok(paid)
}

/// Loan rows as DTOs for `user`, the borrower's ID number through the masking gate.
async fn dtos(db: &impl ConnectionTrait, user: &CurrentUser, rows: &[loan::Model]) -> AppResult<Vec<LoanDto>> {
    let households = by_ids::<household::Entity>(db, rows.iter().map(|l| l.household_id).collect(), |h| h.id).await?;
    let members = by_ids::<member::Entity>(db, rows.iter().map(|l| l.borrower_member_id).collect(), |m| m.id).await?;
    let paid =
        returns_paid(db, rows.iter().filter(|l| l.mode == LoanMode::EnterpriseUse).map(|l| l.id).collect(), user.today)
            .await?;
    let dto = |l: &loan::Model| {
        let paid = paid.get(&l.id).copied().unwrap_or_default();
        dto(l, households.get(&l.household_id), members.get(&l.borrower_member_id), paid, user.today)
    };
    Ok(rows.iter().map(dto).collect::<Vec<_>>().for_reader(user.role))
}

/// Loans in the caller's subtree (or a unit of it), newest first, with the filters asked. A
/// list names borrowers without their ID numbers; one loan (audited) and the ledger carry them.
pub async fn loans(db: &impl ConnectionTrait, user: &CurrentUser, query: LoanQuery) -> AppResult<Page<LoanDto>> {
    let mut page = loans_with_id_cards(db, user, query).await?;
    for loan in &mut page.items {
        loan.borrower_id_card_no.clear();
    }
    Ok(page)
}

/// [`loans`] with the borrowers' ID numbers, as far as the reader's role sees them.
pub(super) async fn loans_with_id_cards(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: LoanQuery,
) -> AppResult<Page<LoanDto>> {
    user.require(Capability::ReadFunds)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select = loan::Entity::find().filter(match unit.level {
        OrgLevel::Village => loan::Column::VillageId.eq(unit.id),
        OrgLevel::Township => loan::Column::TownshipId.eq(unit.id),
        OrgLevel::District => loan::Column::OrgPath.starts_with(&unit.path),
    });
    if let Some(bank) = query.bank.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
        select = select.filter(loan::Column::Bank.eq(bank));
    }
    if let Some(mode) = query.mode {
        select = select.filter(loan::Column::Mode.eq(mode));
    }
    if let Some(status) = query.status {
        select = select.filter(status_is(status, user.today));
    }
    if let Some(h) = query.household_id {
        select = select.filter(loan::Column::HouseholdId.eq(h.0));
    }
    if let Some(on) = query.overdue_as_of {
        select = select.filter(overdue_on(on));
    }
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let numbers = household::Entity::find().filter(household::Column::Number.contains(q)).all(db).await?;
        let ids: Vec<i64> = numbers.iter().map(|h| h.id).collect();
        select = select.filter(loan::Column::ContractNo.contains(q).or(loan::Column::HouseholdId.is_in(ids)));
    }
    if query.return_late == Some(true) {
        let enterprise = select.clone().filter(loan::Column::Mode.eq(LoanMode::EnterpriseUse)).all(db).await?;
        let paid = returns_paid(db, enterprise.iter().map(|l| l.id).collect(), user.today).await?;
        let late =
            enterprise.iter().filter(|l| return_late(l, paid.get(&l.id).copied().unwrap_or_default(), user.today));
        select = select.filter(loan::Column::Id.is_in(late.map(|l| l.id).collect::<Vec<_>>()));
    }
    let select = select.order_by_desc(loan::Column::IssuedOn).order_by_desc(loan::Column::Id);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |l| l).await?;
    let items = dtos(db, user, &page.items).await?;
    Ok(with_items(page, items))
}

/// One loan with its repayments, extensions and returns; a reader who sees the borrower's whole
/// ID number leaves a `read_personal_data` entry.
pub async fn loan(db: &impl ConnectionTrait, user: &CurrentUser, id: i64) -> AppResult<LoanDto> {
    let row = visible(db, user, id).await?;
    if user.role.sees_personal_data() {
        audit::record(db, Some(user), Event::new("read_personal_data", "loan", row.id)).await?;
    }
    full(db, user, row).await
}

/// `row` as a DTO with its records.
pub(super) async fn full(db: &impl ConnectionTrait, user: &CurrentUser, row: loan::Model) -> AppResult<LoanDto> {
    let mut dto = dtos(db, user, std::slice::from_ref(&row)).await?.into_iter().next().ok_or(AppError::NotFound)?;
    let of = |c: loan_repayment::Column| c.eq(row.id);
    dto.repayments = loan_repayment::Entity::find()
        .filter(of(loan_repayment::Column::LoanId))
        .order_by_asc(loan_repayment::Column::PaidOn)
        .all(db)
        .await?
        .into_iter()
        .map(|r| RepaymentDto { id: r.id, principal_fen: Fen::new(r.principal_fen), paid_on: r.paid_on })
        .collect();
    dto.extensions = loan_extension::Entity::find()
        .filter(loan_extension::Column::LoanId.eq(row.id))
        .order_by_asc(loan_extension::Column::AgreedOn)
        .all(db)
        .await?
        .into_iter()
        .map(|e| ExtensionDto { id: e.id, new_due_on: e.new_due_on, reason: e.reason, on: e.agreed_on })
        .collect();
    dto.returns = loan_return::Entity::find()
        .filter(loan_return::Column::LoanId.eq(row.id))
        .order_by_asc(loan_return::Column::PaidOn)
        .all(db)
        .await?
        .into_iter()
        .map(|r| ReturnDto { id: r.id, amount_fen: Fen::new(r.amount_fen), paid_on: r.paid_on })
        .collect();
    Ok(dto)
}

/// Every loan of a household the caller may see, newest first: what a household card shows.
pub async fn household_loans(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    household_id: HouseholdId,
) -> AppResult<Vec<LoanDto>> {
    let query = LoanQuery { household_id: Some(household_id), per_page: Some(200), ..Default::default() };
    Ok(loans(db, user, query).await?.items)
}

/// The borrower when they are an adult member of the household, on file on the issue day.
pub(super) fn borrower_problem(m: &member::Model, household_id: i64, issued_on: NaiveDate) -> Option<&'static str> {
    if m.household_id != household_id {
        Some("借款人须是该户成员")
    } else if m.birth_date.checked_add_months(Months::new(18 * 12)).is_none_or(|adult| adult > issued_on) {
        Some("借款人须在放款日年满 18 周岁")
    } else if m.left_on.is_some_and(|left| left <= issued_on) || m.joined_on.is_some_and(|joined| joined > issued_on) {
        Some("借款人在放款日不是该户成员")
    } else {
        None
    }
}

/// A new loan of `h` as `input` asks, due on `due`, owing its whole amount.
pub(super) fn new_row(h: &household::Model, input: &CreateLoan, due: NaiveDate) -> loan::ActiveModel {
    let e = input.enterprise.as_ref();
    loan::ActiveModel {
        household_id: Set(h.id),
        village_id: Set(h.village_id),
        township_id: Set(h.township_id),
        org_path: Set(h.org_path.clone()),
        borrower_member_id: Set(input.borrower_member_id.0),
        bank: Set(input.bank.trim().to_owned()),
        contract_no: Set(input.contract_no.trim().to_owned()),
        amount_fen: Set(input.amount_fen.fen()),
        issued_on: Set(input.issued_on),
        term_months: Set(i32::try_from(input.term_months).unwrap_or_default()),
        annual_rate_bp: Set(input.annual_rate_bp),
        mode: Set(input.mode),
        enterprise_name: Set(e.map(|e| e.name.trim().to_owned())),
        enterprise_credit_code: Set(e.map(|e| e.credit_code.trim().to_owned())),
        yearly_return_fen: Set(e.map(|e| e.yearly_return_fen.fen())),
        original_due_on: Set(due),
        due_on: Set(due),
        extended: Set(false),
        balance_fen: Set(input.amount_fen.fen()),
        repaid_on: Set(None),
        version: Set(1),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
}

/// Records a loan: every field problem in one 422, 409 `open_loan` when the household still
/// owes on another.
pub async fn create_loan(db: &impl Db, user: &CurrentUser, input: CreateLoan) -> AppResult<LoanDto> {
    user.require(Capability::EditFunds)?;
    let mut v = Validator::new();
    input.check(&mut v);
    typed_date(&mut v, user, "issued_on", input.issued_on);
    let h = found(
        &mut v,
        "household_id",
        "农户不存在或不在您的管辖范围",
        households::find_visible(db, user, input.household_id).await,
    )?
    .filter(|h| {
        let on_file = matches!(h.status, HouseholdStatus::Registered | HouseholdStatus::Exited);
        if !on_file {
            v.add("household_id", "只有在册的建档立卡户可申请扶贫小额信贷");
        }
        on_file
    });
    let borrower = member::Entity::find_by_id(input.borrower_member_id.0).one(db).await?;
    match (&h, &borrower) {
        (_, None) => v.add("borrower_member_id", "借款人不存在"),
        (Some(h), Some(m)) => {
            if let Some(problem) = borrower_problem(m, h.id, input.issued_on) {
                v.add("borrower_member_id", problem);
            }
        }
        (None, Some(_)) => {}
    }
    let due = due_on(input.issued_on, input.term_months).filter(|_| input.term_months <= 36);
    if loan::Entity::find().filter(loan::Column::ContractNo.eq(input.contract_no.trim())).one(db).await?.is_some() {
        v.add("contract_no", "该合同编号已登记");
    }
    v.finish()?;
    let (Some(h), Some(due)) = (h, due) else { return Err(AppError::field("term_months", "贷款期限不合理")) };
    in_txn(db, Some(user), async |txn| {
        let open = loan::Entity::find()
            .filter(loan::Column::HouseholdId.eq(h.id))
            .filter(loan::Column::RepaidOn.is_null())
            .one(txn)
            .await?;
        if open.is_some() {
            return Err(AppError::Conflict {
                code: "open_loan", message: "该户尚有未结清的扶贫小额信贷".to_owned()
            });
        }
        let watch = super::tally::Watch::new_loans(txn, vec![h.id]).await?;
        let row = new_row(&h, &input, due).insert(txn).await?;
        watch.finish(txn).await?;
        Ok(created("loan", row.id, full(txn, user, row).await?))
    })
    .await
}
