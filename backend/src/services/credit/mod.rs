//! Microcredit (扶贫小额信贷): loans to households with their repayments, extensions and the
//! yearly returns of 户贷企用 enterprises; the interest subsidy (贴息) of a loan and the
//! quarterly subsidy batches; the province's plan and the risk compensation fund; the figures.
//!
//! The area reads the registry (households and their members) and the org tree; nothing there
//! calls it. A household card asks [`household_loans`].

pub mod batches;
pub mod benefits;
pub mod figures;
pub mod import;
pub mod ledger;
pub mod loans;
pub mod plans;
pub mod records;
mod state;
pub mod tally;

pub use batches::{approve_batch, batch, batch_lines, batches, create_batch, loan_subsidy, pay_batch};
pub use figures::figures;
pub use ledger::{batch_ledger, loan_ledger};
pub use loans::{create_loan, household_loans, loan, loans};
pub use plans::{add_risk_fund_entry, credit_plans, risk_fund, set_credit_plan};
pub use records::{add_extension, add_repayment, add_return};
pub use state::overdue_on;
