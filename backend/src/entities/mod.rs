//! Table rows as sea-orm sees them. They never leave the backend: services turn them into
//! `shared` DTOs.

/// One table's sea-orm model: every column public, no relations, the default behaviour.
/// `"name" with id { … }` puts the usual `id: i64` primary key before the columns listed.
macro_rules! table {
    ($name:literal with id { $($columns:tt)* }) => {
        $crate::entities::table! { $name { #[sea_orm(primary_key)] id: i64, $($columns)* } }
    };
    ($name:literal { $( $(#[$($attr:tt)*])* $column:ident : $ty:ty ),* $(,)? }) => {
        #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
        #[sea_orm(table_name = $name)]
        pub struct Model {
            $( $(#[$($attr)*])* pub $column: $ty, )*
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    };
}
pub(crate) use table;

pub mod accountability;
pub mod app_user;
pub mod application;
pub mod application_photo;
pub mod application_step;
pub mod asset_investment;
pub mod asset_investment_household;
pub mod assistance_log;
pub mod assistance_log_photo;
pub mod assistance_payment;
pub mod assistance_plan;
pub mod attachment;
pub mod attendance;
pub mod audit_event;
pub mod business_entity;
pub mod business_entity_household;
pub mod cadre;
pub mod cadre_pairing;
pub mod credit_plan;
pub mod credit_tally;
pub mod disaster_report;
pub mod doctor_signing;
pub mod donation;
pub mod ecology_compensation;
pub mod education_year_setting;
pub mod employment;
pub mod employment_base;
pub mod enterprise;
pub mod expenditure;
pub mod fund_batch;
pub mod fund_batch_source;
pub mod health_claim;
pub mod health_claim_change;
pub mod health_setting;
pub mod household;
pub mod household_category_change;
pub mod household_monitoring;
pub mod household_status_change;
pub mod housing_check;
pub mod housing_check_photo;
pub mod housing_renovation;
pub mod income_record;
pub mod industry_subsidy;
pub mod industry_year_setting;
pub mod inspection;
pub mod interest_subsidy_batch;
pub mod interest_subsidy_line;
pub mod leave_request;
pub mod loan;
pub mod loan_extension;
pub mod loan_repayment;
pub mod loan_return;
pub mod member;
pub mod org_unit;
pub mod pairing;
pub mod pairing_household;
pub mod pairing_village;
pub mod premium_subsidy;
pub mod problem;
pub mod problem_measure;
pub mod problem_step;
pub mod project;
pub mod project_household;
pub mod pv_distribution;
pub mod pv_income;
pub mod pv_income_credit;
pub mod pv_station;
pub mod pv_station_village;
pub mod risk_fund_entry;
pub mod social_standard;
pub mod student_aid;
pub mod subsidy_menu_item;
pub mod team_log;
pub mod team_member;
pub mod training;
pub mod transport_subsidy;
pub mod village_check;
pub mod village_exit;
pub mod village_exit_setting;
pub mod village_profile;
pub mod visit;
pub mod warning;
pub mod warning_setting;
pub mod work_team;
pub mod year_setting;

#[cfg(test)]
mod tests {
    use super::{audit_event, household, pv_station_village};
    use sea_orm::{ColumnTrait, EntityName, PrimaryKeyTrait};

    #[test]
    fn the_table_macro_keeps_what_sea_orm_reads_from_the_columns() {
        assert_eq!(household::Entity.table_name(), "household");
        assert!(household::Column::Phone.def().is_null());
        assert!(!household::Column::HeadName.def().is_null());
        assert!(household::Column::Number.def().is_unique());
        assert!(!household::Column::Causes.def().is_unique());
        assert!(audit_event::Column::UserId.def().is_null());
        assert!(<household::PrimaryKey as PrimaryKeyTrait>::auto_increment());
        assert!(!<pv_station_village::PrimaryKey as PrimaryKeyTrait>::auto_increment());
    }
}
