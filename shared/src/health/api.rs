//! Health's routes: claims and their history, the year's settings, the figures, the clerk's
//! household totals and family-doctor signings.

use super::{
    ClaimChangeDto, ClaimImportQuery, ClaimImportReport, ClaimLedgerQuery, DoctorSigningDto, DoctorSigningInput,
    DoctorSigningQuery, HealthClaimDto, HealthClaimInput, HealthClaimQuery, HealthFigures, HealthFiguresQuery,
    HealthPeopleQuery, HealthPersonDto, HealthSettingsDto, HealthSettingsInput, MemberHealthTotals, PremiumSubsidyDto,
    PremiumSubsidyInput, PremiumSubsidyQuery, YearQuery,
};
use crate::client::api;
use crate::page::{Page, PageQuery};
use crate::{DoctorSigningId, HealthClaimId, HouseholdId, PremiumSubsidyId};

api! {
    GET "/api/v1/health-claims" => health_claims() query(HealthClaimQuery) -> Page<HealthClaimDto>;
    /// The 351, 180 and out-of-pocket are computed; the person's later claims of the year are
    /// recomputed in the same transaction.
    POST "/api/v1/health-claims" => create_health_claim() body(HealthClaimInput) -> HealthClaimDto;
    GET "/api/v1/health-claims/{id}" => health_claim(id: HealthClaimId) -> HealthClaimDto;
    PUT "/api/v1/health-claims/{id}" => update_health_claim(id: HealthClaimId) body(HealthClaimInput) -> HealthClaimDto;
    /// Every recomputation and correction of the claim's figures, newest first.
    GET "/api/v1/health-claims/{id}/history" => health_claim_history(id: HealthClaimId) query(PageQuery) -> Page<ClaimChangeDto>;
    /// Checks (`commit=false`) or imports a settlement file (CSV or xlsx), one row a claim matched
    /// by ID card; the 351 and 180 computed in discharge order; any row error imports nothing.
    POST "/api/v1/health-claims/import" => import_health_claims() query(ClaimImportQuery) upload(file) -> ClaimImportReport;
    DOWNLOAD "/api/v1/health-claims/import-template.xlsx" => health_claim_template() -> Vec<u8>;
    /// The year's claims ledger (台账) of a subtree.
    DOWNLOAD "/api/v1/health-claims/ledger.xlsx" => health_claim_ledger() query(ClaimLedgerQuery) -> Vec<u8>;
    GET "/api/v1/health-settings/{year}" => health_settings(year: i32) -> HealthSettingsDto;
    PUT "/api/v1/health-settings/{year}" => set_health_settings(year: i32) body(HealthSettingsInput) -> HealthSettingsDto;
    GET "/api/v1/health/figures" => health_figures() query(HealthFiguresQuery) -> HealthFigures;
    GET "/api/v1/households/{id}/health-totals" => household_health_totals(id: HouseholdId) query(YearQuery) -> Page<MemberHealthTotals>;
    GET "/api/v1/doctor-signings" => doctor_signings() query(DoctorSigningQuery) -> Page<DoctorSigningDto>;
    POST "/api/v1/doctor-signings" => create_doctor_signing() body(DoctorSigningInput) -> DoctorSigningDto;
    PUT "/api/v1/doctor-signings/{id}" => update_doctor_signing(id: DoctorSigningId) body(DoctorSigningInput) -> DoctorSigningDto;
    GET "/api/v1/premium-subsidies" => premium_subsidies() query(PremiumSubsidyQuery) -> Page<PremiumSubsidyDto>;
    /// Once per person and year (422 on `year` for a second one).
    POST "/api/v1/premium-subsidies" => create_premium_subsidy() body(PremiumSubsidyInput) -> PremiumSubsidyDto;
    DELETE "/api/v1/premium-subsidies/{id}" => delete_premium_subsidy(id: PremiumSubsidyId) -> ();
    /// People of the caller's scope by part of a name or the beginning of an ID-card number.
    GET "/api/v1/health/people" => health_people() query(HealthPeopleQuery) -> Page<HealthPersonDto>;
}
