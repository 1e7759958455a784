//! Microcredit's routes in the typed client.

use super::{
    BatchStep, CreateExtension, CreateLoan, CreateRepayment, CreateReturn, CreateSubsidyBatch, CreditFigures,
    CreditPlanDto, CreditPlanInput, LoanDto, LoanQuery, RiskFundEntryDto, RiskFundInput, Subsidy, SubsidyBatchDto,
    SubsidyLineDto, SubsidyPeriod, YearPage,
};
use crate::client::api;
use crate::funds::RatesQuery;
use crate::page::Page;
use crate::registry::{ImportQuery, RecordImportReport};

api! {
    GET "/api/v1/loans" => loans() query(LoanQuery) -> Page<LoanDto>;
    DOWNLOAD "/api/v1/loans/ledger.xlsx" => loan_ledger() query(LoanQuery) -> Vec<u8>;
    DOWNLOAD "/api/v1/interest-subsidy-batches/{id}/ledger.xlsx" => subsidy_batch_ledger(id: i64) -> Vec<u8>;
    /// The amount, term, rate, borrower and mode are checked together; one open loan a household.
    POST "/api/v1/loans" => create_loan() body(CreateLoan) -> LoanDto;
    GET "/api/v1/loans/{id}" => loan(id: i64) -> LoanDto;
    /// Checks (`commit=false`) or imports a bank's loan list, borrowers matched by ID card; a
    /// commit with any row error imports nothing.
    POST "/api/v1/loans/import" => import_loans() query(ImportQuery) upload(file) -> RecordImportReport;
    DOWNLOAD "/api/v1/loans/import-template.xlsx" => loan_import_template() -> Vec<u8>;
    /// Never more than the balance; a loan whose balance reaches nothing is repaid.
    POST "/api/v1/loans/{id}/repayments" => add_repayment(id: i64) body(CreateRepayment) -> LoanDto;
    POST "/api/v1/loans/{id}/extensions" => add_extension(id: i64) body(CreateExtension) -> LoanDto;
    POST "/api/v1/loans/{id}/returns" => add_return(id: i64) body(CreateReturn) -> LoanDto;
    GET "/api/v1/loans/{id}/interest-subsidy" => loan_subsidy(id: i64) query(SubsidyPeriod) -> Subsidy;
    GET "/api/v1/interest-subsidy-batches" => subsidy_batches() query(YearPage) -> Page<SubsidyBatchDto>;
    POST "/api/v1/interest-subsidy-batches" => create_subsidy_batch() body(CreateSubsidyBatch) -> SubsidyBatchDto;
    GET "/api/v1/interest-subsidy-batches/{id}" => subsidy_batch(id: i64) -> SubsidyBatchDto;
    GET "/api/v1/interest-subsidy-batches/{id}/lines" => subsidy_lines(id: i64) query(YearPage) -> Page<SubsidyLineDto>;
    POST "/api/v1/interest-subsidy-batches/{id}/approve" => approve_subsidy_batch(id: i64) body(BatchStep) -> SubsidyBatchDto;
    POST "/api/v1/interest-subsidy-batches/{id}/pay" => pay_subsidy_batch(id: i64) body(BatchStep) -> SubsidyBatchDto;
    GET "/api/v1/credit-plans" => credit_plans() query(YearPage) -> Page<CreditPlanDto>;
    PUT "/api/v1/credit-plans/{year}" => set_credit_plan(year: i32) body(CreditPlanInput) -> CreditPlanDto;
    GET "/api/v1/risk-fund" => risk_fund() query(YearPage) -> Page<RiskFundEntryDto>;
    POST "/api/v1/risk-fund" => add_risk_fund_entry() body(RiskFundInput) -> RiskFundEntryDto;
    GET "/api/v1/credit/figures" => credit_figures() query(RatesQuery) -> CreditFigures;
}
