//! Where a record placed at an org unit sits, stored beside it so that subtree filters on large
//! tables are equalities on indexed ids rather than path prefixes.

use std::str::FromStr;

use jingzhun_shared::OrgLevel;
use sea_orm::{ActiveModelTrait, EntityTrait, Value};

use crate::entities::org_unit;
use crate::error::{AppError, AppResult};

/// The unit, its path, and the district, township and village it lies in.
#[derive(Debug, Clone)]
pub struct Placement {
    pub org_unit_id: i64,
    pub org_path: String,
    pub district_id: i64,
    pub township_id: Option<i64>,
    pub village_id: Option<i64>,
}

/// The placement of `unit`, read off its path (`/district/township/village/`).
pub fn placement(unit: &org_unit::Model) -> Placement {
    let ids: Vec<i64> = unit.path.split('/').filter_map(|p| p.parse().ok()).collect();
    let depth = match unit.level {
        OrgLevel::District => 1,
        OrgLevel::Township => 2,
        OrgLevel::Village => 3,
    };
    let from = ids.len().saturating_sub(depth);
    let at = |i: usize| ids.get(from + i).copied();
    Placement {
        org_unit_id: unit.id,
        org_path: unit.path.clone(),
        district_id: at(0).unwrap_or(unit.id),
        township_id: if depth >= 2 { at(1) } else { None },
        village_id: if depth >= 3 { at(2) } else { None },
    }
}

impl Placement {
    /// Sets the placement columns `row`'s table has (`org_unit_id`, `org_path`, and whichever
    /// of `district_id`, `township_id`, `village_id` it keeps), so a placed record type does not
    /// spell them out one by one and cannot forget one.
    pub fn apply<A: ActiveModelTrait>(&self, row: &mut A) -> AppResult<()> {
        let columns = [
            ("org_unit_id", Value::from(self.org_unit_id)),
            ("org_path", Value::from(self.org_path.clone())),
            ("district_id", Value::from(self.district_id)),
            ("township_id", Value::from(self.township_id)),
            ("village_id", Value::from(self.village_id)),
        ];
        for (name, value) in columns {
            if let Ok(column) = <A::Entity as EntityTrait>::Column::from_str(name) {
                row.try_set(column, value).map_err(|e| AppError::Internal(format!("placement {name}: {e}")))?;
            }
        }
        Ok(())
    }
}
