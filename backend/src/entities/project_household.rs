//! `project_household`: a household a project benefits (受益贫困户).

use sea_orm::entity::prelude::*;

super::table! {
    "project_household" {
        #[sea_orm(primary_key, auto_increment = false)]
        project_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        household_id: i64,
    }
}
