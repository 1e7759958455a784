//! A work team's log (工作日志): dated entries by its members, the village clerk or an
//! official, read by whoever reaches the team.

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::pairing::{CreateTeamLog, TeamLogDto, TeamLogQuery};
use jingzhun_shared::{Capability, TeamLogId, WorkTeamId};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::team_days::team_filter;
use super::teams;
use crate::actor::CurrentUser;
use crate::entities::team_log;
use crate::error::AppResult;
use crate::services::txn::{Db, created, in_txn};
use crate::services::{paginate, required_text, typed_date};

fn log_dto(row: &team_log::Model) -> TeamLogDto {
    TeamLogDto {
        id: TeamLogId(row.id),
        team_id: WorkTeamId(row.team_id),
        date: row.date,
        text: row.text.clone(),
        author: row.author.clone(),
    }
}

pub async fn team_log(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: TeamLogQuery,
) -> AppResult<Page<TeamLogDto>> {
    let teams = team_filter(db, user, query.team_id).await?;
    let select = team_log::Entity::find()
        .filter(team_log::Column::TeamId.is_in(teams))
        .order_by_desc(team_log::Column::Date)
        .order_by_desc(team_log::Column::Id);
    paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |l| log_dto(&l)).await
}

/// The longest entry of a team log, in characters.
const LOG_MAX: usize = 2_000;

pub async fn add_log(db: &impl Db, user: &CurrentUser, id: WorkTeamId, input: CreateTeamLog) -> AppResult<TeamLogDto> {
    user.require(Capability::RecordAttendance)?;
    in_txn(db, Some(user), async |txn| {
        let team = teams::find(txn, user, id).await?;
        let mut v = Validator::new();
        typed_date(&mut v, user, "date", input.date);
        let text = required_text(&mut v, "text", &input.text, LOG_MAX, "日志内容");
        v.finish()?;
        let row = team_log::ActiveModel {
            team_id: Set(team.id),
            date: Set(input.date),
            text: Set(text),
            author: Set(user.username.clone()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = log_dto(&row);
        Ok(created("team_log", row.id, dto))
    })
    .await
}
