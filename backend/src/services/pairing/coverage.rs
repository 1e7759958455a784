//! The month's visit coverage (月走访): households with a visit in the month over the
//! households paired with a cadre during it, per village, per unit and per cadre, and the
//! households not visited yet — the township's list and the clerk's start page.

use std::collections::{BTreeMap, HashMap, HashSet};

use jingzhun_shared::pairing::{Coverage, CoverageLine, CoverageQuery, NotVisited, VisitCoverage};
use jingzhun_shared::{CadreId, HouseholdId};
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::cadres::CadreReach;
use super::visits::{month_bounds, month_of};
use crate::actor::CurrentUser;
use crate::entities::{cadre, cadre_pairing, household, visit};
use crate::error::AppResult;
use crate::services::by_ids;
use crate::services::org::org_units;

/// Counts per key: paired and visited.
#[derive(Default)]
struct Tally(BTreeMap<String, (u64, u64)>);

impl Tally {
    fn add(&mut self, key: String, visited: bool) {
        let entry = self.0.entry(key).or_default();
        entry.0 += 1;
        entry.1 += u64::from(visited);
    }

    fn lines(self) -> Vec<CoverageLine> {
        self.0
            .into_iter()
            .map(|(name, (paired, visited))| CoverageLine { name, coverage: Coverage::of(paired, visited) })
            .collect()
    }
}

pub async fn coverage(db: &impl ConnectionTrait, user: &CurrentUser, query: CoverageQuery) -> AppResult<VisitCoverage> {
    let reach = CadreReach::of(db, user).await?;
    let month = query.month.clone().filter(|m| !m.trim().is_empty()).unwrap_or_else(|| month_of(user.today));
    let (from, to) = month_bounds(&month)?;
    let unit = org_units::scope_unit(db, user, query.org_unit).await?;
    let in_force = Condition::all()
        .add(cadre_pairing::Column::Since.lte(to))
        .add(Condition::any().add(cadre_pairing::Column::Until.is_null()).add(cadre_pairing::Column::Until.gte(from)));
    let pairings = cadre_pairing::Entity::find()
        .filter(reach.pairings())
        .filter(cadre_pairing::Column::OrgPath.starts_with(&unit.path))
        .filter(in_force)
        .order_by_asc(cadre_pairing::Column::HouseholdId)
        .all(db)
        .await?;
    let visited: HashSet<i64> = visit::Entity::find()
        .filter(visit::Column::OrgPath.starts_with(&unit.path))
        .filter(visit::Column::Date.between(from, to))
        .all(db)
        .await?
        .into_iter()
        .map(|v| v.household_id)
        .collect();
    let cadres = by_ids::<cadre::Entity>(db, pairings.iter().map(|p| p.cadre_id).collect(), |c| c.id).await?;
    let homes = by_ids::<household::Entity>(db, pairings.iter().map(|p| p.household_id).collect(), |h| h.id).await?;
    let units = org_units::by_ids(db, homes.values().map(|h| h.village_id).collect()).await?;
    // A household counts once, with its latest cadre of the month.
    let mut cadre_of: HashMap<i64, i64> = HashMap::new();
    for p in &pairings {
        cadre_of.insert(p.household_id, p.cadre_id);
    }
    let (mut villages, mut unit_lines, mut cadre_lines) = (Tally::default(), Tally::default(), Tally::default());
    let mut not_visited = Vec::new();
    let mut households: Vec<_> = cadre_of.into_iter().collect();
    households.sort_unstable();
    for (household_id, cadre_id) in &households {
        let seen = visited.contains(household_id);
        let home = homes.get(household_id);
        let village = org_units::unit_ref(&units, home.map_or(0, |h| h.village_id));
        let cadre = cadres.get(cadre_id);
        let cadre_name = cadre.map(|c| c.name.clone()).unwrap_or_default();
        villages.add(village.name.clone(), seen);
        unit_lines.add(cadre.map(|c| c.unit.clone()).unwrap_or_default(), seen);
        cadre_lines.add(format!("{cadre_name}（{}）", cadre.map(|c| c.unit.as_str()).unwrap_or_default()), seen);
        if !seen {
            let head_name = home.map(|h| h.head_name.clone()).unwrap_or_default();
            not_visited.push(NotVisited {
                household_id: HouseholdId(*household_id),
                head_name,
                village,
                cadre_id: CadreId(*cadre_id),
                cadre_name,
            });
        }
    }
    let paired = u64::try_from(households.len()).unwrap_or(u64::MAX);
    let seen = paired - u64::try_from(not_visited.len()).unwrap_or(0);
    Ok(VisitCoverage {
        month,
        total: Coverage::of(paired, seen),
        per_village: villages.lines(),
        per_unit: unit_lines.lines(),
        per_cadre: cadre_lines.lines(),
        not_visited,
    })
}
