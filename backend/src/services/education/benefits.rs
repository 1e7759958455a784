//! The household's student aid (学生资助), as lines of its benefits (享受政策).

use jingzhun_shared::Fen;
use jingzhun_shared::benefits::{BenefitArea, BenefitLine, BenefitSource};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{member, student_aid};
use crate::error::AppResult;
use crate::services::by_ids;

/// Each aid paid to a member of the household: programme, pupil, stage and term.
pub async fn benefit_lines(db: &impl ConnectionTrait, household_id: i64) -> AppResult<Vec<BenefitLine>> {
    let rows = student_aid::Entity::find()
        .filter(student_aid::Column::HouseholdId.eq(household_id))
        .order_by_asc(student_aid::Column::PaidOn)
        .all(db)
        .await?;
    let members = by_ids::<member::Entity>(db, rows.iter().map(|a| a.member_id).collect(), |m| m.id).await?;
    Ok(rows
        .into_iter()
        .map(|a| BenefitLine {
            area: BenefitArea::Education,
            year: a.year,
            title: format!("学生资助（{}）", a.programme.zh()),
            detail: format!(
                "{} · {} · {}{}",
                members.get(&a.member_id).map(|m| m.name.as_str()).unwrap_or_default(),
                a.stage.zh(),
                a.year,
                a.term.zh()
            ),
            on: Some(a.paid_on),
            amount_fen: Fen::new(a.amount_fen),
            source: BenefitSource::StudentAid,
            source_id: Some(a.id),
            lent: false,
        })
        .collect())
}
