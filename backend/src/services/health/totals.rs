//! What a village clerk or township official sees of a household's health claims: per member,
//! how many claims in the year and their totals, and the premium subsidised. Never a hospital,
//! a kind or a single claim.

use jingzhun_shared::health::{MemberHealthTotals, YearQuery};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{Capability, Fen, HouseholdId, MemberId};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::actor::CurrentUser;
use crate::entities::{health_claim, household, member, premium_subsidy};
use crate::error::{AppError, AppResult};

/// Per member of the household: claims of `year` and their cost, compensation and
/// out-of-pocket, and the premium subsidised; members without claims count zero.
pub async fn household_totals(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: HouseholdId,
    query: YearQuery,
) -> AppResult<Page<MemberHealthTotals>> {
    user.require(Capability::ReadHealthTotals)?;
    let h = household::Entity::find_by_id(id.0).one(db).await?.filter(|h| user.sees(&h.org_path));
    let h = h.ok_or(AppError::NotFound)?;
    let members = member::Entity::find()
        .filter(member::Column::HouseholdId.eq(h.id))
        .order_by_asc(member::Column::Id)
        .all(db)
        .await?;
    let sums: Vec<(i64, i64, Option<i64>, Option<i64>)> = health_claim::Entity::find()
        .select_only()
        .column(health_claim::Column::MemberId)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .column_as(Expr::cust("CAST(SUM(total_cost_fen) AS BIGINT)"), "total")
        .column_as(Expr::cust("CAST(SUM(out_of_pocket_fen) AS BIGINT)"), "own")
        .filter(health_claim::Column::HouseholdId.eq(h.id))
        .filter(health_claim::Column::Year.eq(query.year))
        .group_by(health_claim::Column::MemberId)
        .into_tuple()
        .all(db)
        .await?;
    let premiums: Vec<(i64, i64)> = premium_subsidy::Entity::find()
        .select_only()
        .column(premium_subsidy::Column::MemberId)
        .column(premium_subsidy::Column::AmountFen)
        .filter(premium_subsidy::Column::HouseholdId.eq(h.id))
        .filter(premium_subsidy::Column::Year.eq(query.year))
        .into_tuple()
        .all(db)
        .await?;
    let items: Vec<MemberHealthTotals> = members
        .into_iter()
        .map(|m| {
            let (n, total, own) =
                sums.iter().find(|s| s.0 == m.id).map_or((0, 0, 0), |s| (s.1, s.2.unwrap_or(0), s.3.unwrap_or(0)));
            MemberHealthTotals {
                member_id: MemberId(m.id),
                member_name: m.name,
                claims: u64::try_from(n).unwrap_or(0),
                total_cost_fen: Fen::new(total),
                compensation_fen: Fen::new(total - own),
                out_of_pocket_fen: Fen::new(own),
                premium_fen: Fen::new(premiums.iter().filter(|p| p.0 == m.id).map(|p| p.1).sum()),
            }
        })
        .collect();
    Ok(Page::from_all(items, PageQuery::default()))
}
