//! Social security's routes.

use super::{
    AssistancePaymentDto, AssistancePaymentInput, AssistanceQuery, ShortfallDto, SocialFigures, SocialStandardDto,
    SocialStandardInput,
};
use crate::client::api;
use crate::funds::RatesQuery;
use crate::page::Page;
use crate::registry::{ImportQuery, RecordImportReport};

api! {
    GET "/api/v1/social-security/standards/{year}" => social_standard(year: i32) -> SocialStandardDto;
    PUT "/api/v1/social-security/standards/{year}" => set_social_standard(year: i32) body(SocialStandardInput) -> SocialStandardDto;
    GET "/api/v1/assistance-payments" => assistance_payments() query(AssistanceQuery) -> Page<AssistancePaymentDto>;
    POST "/api/v1/assistance-payments" => create_assistance_payment() body(AssistancePaymentInput) -> AssistancePaymentDto;
    /// Rows matched by ID card (the head's: a payment to the household; a member's: to that
    /// member); a commit with any row error imports nothing.
    POST "/api/v1/assistance-payments/import" => import_assistance_payments() query(ImportQuery) upload(file) -> RecordImportReport;
    DOWNLOAD "/api/v1/assistance-payments/import-template.xlsx" => assistance_payment_template() -> Vec<u8>;
    /// 低保 / 五保 households paid less in the year than the standard for their people.
    GET "/api/v1/social-security/shortfalls" => social_shortfalls() query(AssistanceQuery) -> Page<ShortfallDto>;
    GET "/api/v1/social-security/figures" => social_figures() query(RatesQuery) -> SocialFigures;
}
