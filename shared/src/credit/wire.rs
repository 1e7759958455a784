//! Wire types of microcredit: loans with their repayments, extensions and enterprise returns,
//! the interest subsidy and its batches, the yearly plan, the risk fund and the figures.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{LoanMode, LoanStatus, RiskFundKind, SubsidyBatchStatus};
use crate::{Fen, HouseholdId, MemberId, OrgUnitId};

/// The columns of a bank's loan list (`POST /api/v1/loans/import`), one row a loan, the borrower
/// named by ID card; the enterprise's three columns are left blank for 户贷户用.
pub const LOAN_COLUMNS: [&str; 11] = [
    "借款人身份证号",
    "贷款银行",
    "合同编号",
    "贷款金额(元)",
    "放款日期",
    "期限(月)",
    "年利率(%)",
    "贷款方式",
    "用款企业",
    "统一社会信用代码",
    "每年收益(元)",
];

/// The enterprise that uses a 户贷企用 loan and the return it owes the household each year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoanEnterprise {
    pub name: String,
    /// 统一社会信用代码 (18 characters).
    pub credit_code: String,
    pub yearly_return_fen: Fen,
}

/// `POST /api/v1/loans`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateLoan {
    pub household_id: HouseholdId,
    /// An adult member of the household on the issue day.
    pub borrower_member_id: MemberId,
    pub bank: String,
    pub contract_no: String,
    /// At most 5 万元.
    pub amount_fen: Fen,
    pub issued_on: NaiveDate,
    /// At most 36.
    pub term_months: u32,
    /// The benchmark rate at issue, basis points a year (435 = 4.35 %).
    pub annual_rate_bp: i64,
    pub mode: LoanMode,
    /// Required for `enterprise_use`, refused otherwise.
    #[serde(default)]
    pub enterprise: Option<LoanEnterprise>,
}

/// One repayment of principal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepaymentDto {
    pub id: i64,
    pub principal_fen: Fen,
    pub paid_on: NaiveDate,
}

/// `POST /api/v1/loans/{id}/repayments`: never more than the balance.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateRepayment {
    pub principal_fen: Fen,
    pub paid_on: NaiveDate,
}

/// An extension (展期): the new due date, why, and the day it was agreed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExtensionDto {
    pub id: i64,
    pub new_due_on: NaiveDate,
    pub reason: String,
    pub on: NaiveDate,
}

/// `POST /api/v1/loans/{id}/extensions`: at most 12 months past the due date in force.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateExtension {
    pub new_due_on: NaiveDate,
    pub reason: String,
    pub on: NaiveDate,
}

/// A yearly return an enterprise paid to the household of a 户贷企用 loan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnDto {
    pub id: i64,
    pub amount_fen: Fen,
    pub paid_on: NaiveDate,
}

/// `POST /api/v1/loans/{id}/returns`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateReturn {
    pub amount_fen: Fen,
    pub paid_on: NaiveDate,
}

/// A loan as the office sees it today; the borrower's ID number passes the masking gate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoanDto {
    pub id: i64,
    pub household_id: HouseholdId,
    pub household_number: String,
    pub village_id: OrgUnitId,
    pub borrower_member_id: MemberId,
    pub borrower_name: String,
    pub borrower_id_card_no: String,
    pub bank: String,
    pub contract_no: String,
    pub amount_fen: Fen,
    pub issued_on: NaiveDate,
    pub term_months: u32,
    pub annual_rate_bp: i64,
    pub mode: LoanMode,
    pub enterprise: Option<LoanEnterprise>,
    /// The due date in force (after any extension).
    pub due_on: NaiveDate,
    pub balance_fen: Fen,
    pub status: LoanStatus,
    /// 户贷企用 only: the enterprise owes more returns than it paid.
    pub return_late: bool,
    /// Filled on the single loan; empty in lists.
    #[serde(default)]
    pub repayments: Vec<RepaymentDto>,
    #[serde(default)]
    pub extensions: Vec<ExtensionDto>,
    #[serde(default)]
    pub returns: Vec<ReturnDto>,
}

/// `GET /api/v1/loans` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct LoanQuery {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
    pub bank: Option<String>,
    pub mode: Option<LoanMode>,
    /// The status today.
    pub status: Option<LoanStatus>,
    /// Loans of households in this unit's subtree (a township or a village).
    pub org_unit_id: Option<OrgUnitId>,
    pub household_id: Option<HouseholdId>,
    /// Loans overdue on this date.
    pub overdue_as_of: Option<NaiveDate>,
    /// 户贷企用 loans whose enterprise is late with its return today.
    pub return_late: Option<bool>,
    /// Contract number or household number.
    pub q: Option<String>,
}

/// `GET /api/v1/loans/{id}/interest-subsidy` period: `from` ≤ day < `to`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct SubsidyPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// `POST /api/v1/interest-subsidy-batches`: one quarter's subsidy of every loan.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateSubsidyBatch {
    pub year: i32,
    /// 1–4.
    pub quarter: u32,
}

/// `POST /api/v1/interest-subsidy-batches/{id}/approve` and `…/pay`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchStep {
    pub on: NaiveDate,
    pub version: i32,
}

/// One loan's line in a subsidy batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubsidyLineDto {
    pub loan_id: i64,
    pub household_number: String,
    pub bank: String,
    pub contract_no: String,
    pub subsidy_fen: Fen,
    pub days: u32,
}

/// A quarter's subsidy batch: computed, approved, then paid (and locked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubsidyBatchDto {
    pub id: i64,
    pub year: i32,
    pub quarter: u32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub status: SubsidyBatchStatus,
    pub loans: u64,
    pub total_fen: Fen,
    pub approved_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    pub version: i32,
}

/// `GET /api/v1/interest-subsidy-batches/{id}/lines`, `GET /api/v1/credit-plans`,
/// `GET /api/v1/risk-fund` paging.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct YearPage {
    pub year: Option<i32>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `PUT /api/v1/credit-plans/{year}`: the province's plan of new loans (省下达计划).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditPlanInput {
    pub amount_fen: Fen,
    #[serde(default)]
    pub version: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditPlanDto {
    pub year: i32,
    pub amount_fen: Fen,
    pub version: i32,
}

/// `POST /api/v1/risk-fund`: a deposit at a bank, or a compensation paid to a bank for a
/// written-off loan (named by `loan_id`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RiskFundInput {
    pub kind: RiskFundKind,
    pub bank: String,
    pub amount_fen: Fen,
    pub on: NaiveDate,
    #[serde(default)]
    pub loan_id: Option<i64>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RiskFundEntryDto {
    pub id: i64,
    pub kind: RiskFundKind,
    pub bank: String,
    pub amount_fen: Fen,
    pub on: NaiveDate,
    pub loan_id: Option<i64>,
    pub note: Option<String>,
}

/// Overdue money of one bank or township.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverdueShare {
    pub name: String,
    pub outstanding_fen: Fen,
    pub overdue_fen: Fen,
    /// overdue ÷ outstanding, basis points.
    pub overdue_rate_bp: i64,
}

/// New loans of one mode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModeShare {
    pub households: u64,
    pub amount_fen: Fen,
}

/// `GET /api/v1/credit/figures`: a year's microcredit in a subtree, as recorded up to `as_of`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditFigures {
    pub year: i32,
    pub as_of: NaiveDate,
    pub new_amount_fen: Fen,
    pub new_households: u64,
    pub household_use: ModeShare,
    pub enterprise_use: ModeShare,
    /// The province's plan for the year (the district's), none when not set.
    pub plan_fen: Option<Fen>,
    /// new ÷ plan, basis points.
    pub plan_completion_bp: i64,
    pub outstanding_fen: Fen,
    /// Households that ever borrowed, up to `as_of`.
    pub borrowing_households: u64,
    /// Households on file (registered and exited).
    pub households_on_file: u64,
    /// 获贷率: borrowing ÷ on file, basis points.
    pub coverage_bp: i64,
    pub overdue_fen: Fen,
    pub overdue_rate_bp: i64,
    pub overdue_by_bank: Vec<OverdueShare>,
    pub overdue_by_township: Vec<OverdueShare>,
    /// Interest subsidy of batches paid in the year up to `as_of`.
    pub subsidy_paid_fen: Fen,
    /// The district's risk fund: deposits less compensations up to `as_of`.
    pub risk_fund_balance_fen: Fen,
    /// 户贷企用 loans whose return is late on `as_of`.
    pub returns_late: u64,
}
