//! A loan's state on a date as conditions: whether its enterprise's return is late, whether it
//! was overdue on a day (extensions agreed by then counted), and the SQL of a status today.

use chrono::NaiveDate;
use jingzhun_shared::credit::{LoanStatus, returns_due};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};

use crate::entities::{loan, loan_extension};

/// Whether the enterprise of a 户贷企用 loan owes more returns on `on` than it paid (`paid`): one
/// is owed on each anniversary of the issue day while the loan runs (up to its repayment or its
/// due date).
pub(super) fn return_late(row: &loan::Model, paid: i64, on: NaiveDate) -> bool {
    ReturnTerms::of(row).late(paid, on)
}

/// What decides whether a loan's enterprise is late with its yearly return.
pub(super) struct ReturnTerms {
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    pub repaid_on: Option<NaiveDate>,
    pub yearly_return_fen: Option<i64>,
}

impl ReturnTerms {
    fn of(row: &loan::Model) -> Self {
        Self {
            issued_on: row.issued_on,
            due_on: row.due_on,
            repaid_on: row.repaid_on,
            yearly_return_fen: row.yearly_return_fen,
        }
    }

    /// Owes more returns on `on` than `paid`.
    pub(super) fn late(&self, paid: i64, on: NaiveDate) -> bool {
        let Some(yearly) = self.yearly_return_fen.filter(|y| *y > 0) else { return false };
        let until = Ord::min(self.repaid_on.map_or(on, |r| Ord::min(r, on)), self.due_on);
        i64::from(returns_due(self.issued_on, until)) * yearly > paid
    }
}

/// Overdue on `on`: issued by then, not repaid by then, and past the due date in force then (the
/// original one, unless an extension agreed by then moved it to `on` or later).
pub fn overdue_on(on: NaiveDate) -> SimpleExpr {
    let covered = Query::select()
        .expr(Expr::val(1))
        .from(loan_extension::Entity)
        .and_where(
            Expr::col((loan_extension::Entity, loan_extension::Column::LoanId))
                .equals((loan::Entity, loan::Column::Id)),
        )
        .and_where(loan_extension::Column::AgreedOn.lte(on))
        .and_where(loan_extension::Column::NewDueOn.gte(on))
        .to_owned();
    loan::Column::IssuedOn
        .lte(on)
        .and(loan::Column::OriginalDueOn.lt(on))
        .and(loan::Column::RepaidOn.is_null().or(loan::Column::RepaidOn.gt(on)))
        .and(Expr::exists(covered).not())
}

/// The condition of a status today.
pub(super) fn status_is(status: LoanStatus, today: NaiveDate) -> SimpleExpr {
    let open = loan::Column::RepaidOn.is_null();
    match status {
        LoanStatus::Repaid => loan::Column::RepaidOn.is_not_null(),
        LoanStatus::Overdue => open.and(loan::Column::DueOn.lt(today)),
        LoanStatus::Extended => open.and(loan::Column::DueOn.gte(today)).and(loan::Column::Extended.eq(true)),
        LoanStatus::Active => open.and(loan::Column::DueOn.gte(today)).and(loan::Column::Extended.eq(false)),
    }
}
