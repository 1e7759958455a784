//! Measures of a problem: added by those who rectify it (the first moves the problem to
//! rectifying) and marked done on a date. A closed problem's measures are locked.

use jingzhun_shared::Capability;
use jingzhun_shared::error::Validator;
use jingzhun_shared::oversight::{MeasureDone, MeasureDto, MeasureInput, ProblemAction, ProblemStatus};
use jingzhun_shared::text::NOTE_MAX;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::problem_measure;
use crate::error::{AppError, AppResult};
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::{required_text, typed_date};

fn dto(m: problem_measure::Model) -> MeasureDto {
    MeasureDto { id: m.id, problem_id: m.problem_id, description: m.description, due: m.due, done_on: m.done_on }
}

/// The measures of problem `id`, in the order they were added.
pub async fn of(db: &impl ConnectionTrait, id: i64) -> AppResult<Vec<MeasureDto>> {
    Ok(problem_measure::Entity::find()
        .filter(problem_measure::Column::ProblemId.eq(id))
        .order_by_asc(problem_measure::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(dto)
        .collect())
}

/// The measures of a problem in the caller's subtree.
pub async fn measures(db: &impl ConnectionTrait, user: &CurrentUser, id: i64) -> AppResult<Vec<MeasureDto>> {
    user.require(Capability::ReadRectification)?;
    let row = super::problems::visible(db, user, id).await?;
    of(db, row.id).await
}

/// Adds a measure to an open, rectifying or reopened problem of the caller's units; the
/// problem is rectifying from then on.
pub async fn add_measure(db: &impl Db, user: &CurrentUser, id: i64, input: MeasureInput) -> AppResult<MeasureDto> {
    user.require(Capability::RectifyProblems)?;
    let mut v = Validator::new();
    let description = required_text(&mut v, "description", &input.description, NOTE_MAX, "整改措施");
    v.finish()?;
    in_txn(db, Some(user), async |txn| {
        let row = super::problems::visible(txn, user, id).await?;
        super::steps::advance(txn, user, &row, ProblemAction::MeasureAdded, Some(description.clone()), None).await?;
        let m = problem_measure::ActiveModel {
            problem_id: Set(id),
            description: Set(description),
            due: Set(input.due),
            done_on: Set(None),
            created_on: Set(user.today),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        Ok(created("problem_measure", m.id, dto(m)))
    })
    .await
}

/// Marks a measure done on a date; not on a closed problem (409).
pub async fn measure_done(db: &impl Db, user: &CurrentUser, id: i64, input: MeasureDone) -> AppResult<MeasureDto> {
    user.require(Capability::RectifyProblems)?;
    in_txn(db, Some(user), async |txn| {
        let before = problem_measure::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
        let problem = super::problems::visible(txn, user, before.problem_id).await?;
        let mut v = Validator::new();
        typed_date(&mut v, user, "done_on", input.done_on);
        if input.done_on < before.created_on {
            v.add("done_on", "完成日期不能早于措施制定日期");
        }
        v.finish()?;
        if problem.status == ProblemStatus::Closed {
            return Err(AppError::Conflict {
                code: "wrong_status", message: "问题已销号，措施不能再改".to_owned()
            });
        }
        problem_measure::Entity::update_many()
            .col_expr(problem_measure::Column::DoneOn, Expr::value(input.done_on))
            .filter(problem_measure::Column::Id.eq(id))
            .exec(txn)
            .await?;
        let after = problem_measure::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
        Ok(updated("problem_measure", id, &dto(before), dto(after)))
    })
    .await
}
