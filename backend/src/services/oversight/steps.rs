//! The status flow of a problem, each step recorded with who, when and why: submit (by those
//! who rectify), close (销号, by the district, with evidence) and reopen (by the district, with
//! a reason). A step from the wrong status is 409 ([`ProblemStatus::after`]); the update is
//! guarded by the status read, so two clicks cannot both pass.

use chrono::Utc;
use jingzhun_shared::Capability;
use jingzhun_shared::attachments::RecordType;
use jingzhun_shared::error::Validator;
use jingzhun_shared::oversight::{
    CloseProblem, ProblemAction, ProblemDetail, ProblemStatus, ReopenProblem, SubmitProblem,
};
use jingzhun_shared::text::NOTE_MAX;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{app_user, attachment, problem, problem_measure, problem_step};
use crate::error::{AppError, AppResult};
use crate::services::audit::Event;
use crate::services::txn::{Db, in_txn};
use crate::services::{optional_note, required_text};

/// The longest evidence text a closing keeps.
const EVIDENCE_MAX: usize = 2000;

/// Records a step of problem `id` taken today by `user`.
pub async fn record(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
    action: ProblemAction,
    status: ProblemStatus,
    note: Option<String>,
    evidence: Option<String>,
) -> AppResult<()> {
    let by_name = app_user::Entity::find_by_id(user.id.0)
        .one(db)
        .await?
        .map_or_else(|| user.username.clone(), |u| u.display_name);
    problem_step::ActiveModel {
        problem_id: Set(id),
        action: Set(action),
        status: Set(status),
        taken_on: Set(user.today),
        user_id: Set(Some(user.id.0)),
        by_name: Set(by_name),
        note: Set(note),
        evidence: Set(evidence),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

fn wrong_step(status: ProblemStatus, action: ProblemAction) -> AppError {
    AppError::Conflict {
        code: "wrong_status", message: format!("问题当前为“{}”，不能{}", status.zh(), action.zh())
    }
}

/// Moves `row` by `action` when its status is still the one read, and records the step.
pub async fn advance(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    row: &problem::Model,
    action: ProblemAction,
    note: Option<String>,
    evidence: Option<String>,
) -> AppResult<ProblemStatus> {
    let next = row.status.after(action).ok_or_else(|| wrong_step(row.status, action))?;
    let moved = problem::Entity::update_many()
        .col_expr(problem::Column::Status, Expr::value(next.as_str()))
        .filter(problem::Column::Id.eq(row.id))
        .filter(problem::Column::Status.eq(row.status))
        .exec(db)
        .await?;
    if moved.rows_affected != 1 {
        return Err(AppError::Conflict {
            code: "wrong_status", message: "问题状态已变化，请刷新后重试".to_owned()
        });
    }
    record(db, user, row.id, action, next, note, evidence).await?;
    Ok(next)
}

/// What closing needs: a measure done and an evidence file. After a reopen both must be newer
/// than it: a measure added since that is done, and a file uploaded since. A reopened problem
/// moves on only by adding a measure, each with its step in the same transaction, so the
/// measures added since the reopen are the last as many as the `measure_added` steps after it.
async fn ready_to_close(db: &impl ConnectionTrait, id: i64) -> AppResult<()> {
    let steps = problem_step::Entity::find()
        .filter(problem_step::Column::ProblemId.eq(id))
        .order_by_asc(problem_step::Column::Id)
        .all(db)
        .await?;
    let reopened = steps.iter().rposition(|s| s.action == ProblemAction::Reopened).and_then(|i| {
        let added = steps.iter().skip(i + 1).filter(|s| s.action == ProblemAction::MeasureAdded).count();
        Some((steps.get(i)?.at, added))
    });
    let measures = problem_measure::Entity::find()
        .filter(problem_measure::Column::ProblemId.eq(id))
        .order_by_asc(problem_measure::Column::Id)
        .all(db)
        .await?;
    let counted = reopened.map_or(measures.as_slice(), |(_, added)| {
        measures.get(measures.len().saturating_sub(added)..).unwrap_or_default()
    });
    if !counted.iter().any(|m| m.done_on.is_some()) {
        let message = match reopened {
            Some(_) => "退回后尚无新增并完成的整改措施，不能销号",
            None => "尚无已完成的整改措施，不能销号",
        };
        return Err(AppError::field("evidence", message));
    }
    let files = attachment::Entity::find()
        .filter(attachment::Column::RecordType.eq(RecordType::Problem))
        .filter(attachment::Column::RecordId.eq(id))
        .all(db)
        .await?;
    // Compared here rather than in SQL: SQLite keeps the times as text.
    let newer = files.iter().any(|f| reopened.is_none_or(|(at, _)| f.created_at > at));
    if !newer {
        let message = match reopened {
            Some(_) => "问题退回后，请上传新的整改佐证材料（照片或 PDF），再销号",
            None => "请先上传整改佐证材料（照片或 PDF），再销号",
        };
        return Err(AppError::field("evidence", message));
    }
    Ok(())
}

/// Takes `action` on problem `id` inside one audited transaction and answers it read whole.
async fn step(
    db: &impl Db,
    user: &CurrentUser,
    id: i64,
    action: ProblemAction,
    note: Option<String>,
    evidence: Option<String>,
) -> AppResult<ProblemDetail> {
    in_txn(db, Some(user), async |txn| {
        let row = super::problems::visible(txn, user, id).await?;
        if action == ProblemAction::Closed && row.status.after(action).is_some() {
            ready_to_close(txn, id).await?;
        }
        let next = advance(txn, user, &row, action, note.clone(), evidence.clone()).await?;
        let event = Event::new(action.as_str(), "problem", id)
            .before(&serde_json::json!({ "status": row.status }))
            .after(&serde_json::json!({ "status": next, "note": note, "evidence": evidence }));
        let after = super::problems::visible(txn, user, id).await?;
        Ok((super::problems::detail(txn, user, after).await?, event))
    })
    .await
}

/// Submits a rectifying problem for closing.
pub async fn submit(db: &impl Db, user: &CurrentUser, id: i64, input: SubmitProblem) -> AppResult<ProblemDetail> {
    user.require(Capability::RectifyProblems)?;
    let note = optional_note("note", input.note.as_deref())?;
    step(db, user, id, ProblemAction::Submitted, note, None).await
}

/// Closes (销号) a submitted problem: at least one measure must be done and at least one
/// evidence file attached to the problem; a text may say what the files prove.
pub async fn close(db: &impl Db, user: &CurrentUser, id: i64, input: CloseProblem) -> AppResult<ProblemDetail> {
    user.require(Capability::ManageRectification)?;
    let mut v = Validator::new();
    let evidence = v.check("evidence", jingzhun_shared::text::optional(Some(input.evidence.as_str()), EVIDENCE_MAX));
    let note = v.check("note", jingzhun_shared::text::optional(input.note.as_deref(), NOTE_MAX));
    v.finish()?;
    step(db, user, id, ProblemAction::Closed, note.flatten(), evidence.flatten()).await
}

/// Sends a submitted or closed problem back to rectification, with the reason.
pub async fn reopen(db: &impl Db, user: &CurrentUser, id: i64, input: ReopenProblem) -> AppResult<ProblemDetail> {
    user.require(Capability::ManageRectification)?;
    let mut v = Validator::new();
    let reason = required_text(&mut v, "reason", &input.reason, NOTE_MAX, "退回原因");
    v.finish()?;
    step(db, user, id, ProblemAction::Reopened, Some(reason), None).await
}
