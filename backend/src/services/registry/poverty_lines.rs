//! The poverty line of each year (a per-year setting): reading it, and setting it through the
//! settings page (audited) or the demo loader.

use jingzhun_shared::error::Validator;
use jingzhun_shared::registry::PovertyLine;
use jingzhun_shared::{Capability, Fen};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, IntoActiveModel, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::year_setting;
use crate::error::AppResult;
use crate::services::audit::Event;
use crate::services::txn::{Db, in_txn};

/// The poverty line of `year`, when set.
pub async fn poverty_line(db: &impl ConnectionTrait, year: i32) -> AppResult<Option<Fen>> {
    Ok(year_setting::Entity::find_by_id(year).one(db).await?.map(|s| Fen::new(s.poverty_line_fen)))
}

/// The whole setting of `year`, when set.
pub async fn year_setting(db: &impl ConnectionTrait, year: i32) -> AppResult<Option<PovertyLine>> {
    Ok(year_setting::Entity::find_by_id(year).one(db).await?.map(to_dto))
}

/// Sets the poverty line of `year`, keeping the year's other settings (the demo loader, tests).
pub async fn set_poverty_line(db: &impl ConnectionTrait, year: i32, line: Fen) -> AppResult<()> {
    let stable = year_setting(db, year).await?.is_some_and(|s| s.exit_needs_previous_year);
    set(db, PovertyLine { year, poverty_line_fen: line, exit_needs_previous_year: stable }).await
}

async fn set(db: &impl ConnectionTrait, line: PovertyLine) -> AppResult<()> {
    match year_setting::Entity::find_by_id(line.year).one(db).await? {
        Some(row) => {
            let mut active = row.into_active_model();
            active.poverty_line_fen = Set(line.poverty_line_fen.fen());
            active.exit_needs_previous_year = Set(line.exit_needs_previous_year);
            active.update(db).await?;
        }
        None => {
            year_setting::ActiveModel {
                year: Set(line.year),
                poverty_line_fen: Set(line.poverty_line_fen.fen()),
                exit_needs_previous_year: Set(line.exit_needs_previous_year),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

fn to_dto(s: year_setting::Model) -> PovertyLine {
    PovertyLine {
        year: s.year,
        poverty_line_fen: Fen::new(s.poverty_line_fen),
        exit_needs_previous_year: s.exit_needs_previous_year,
    }
}

/// Every year's poverty line, oldest first.
pub async fn poverty_lines(db: &impl ConnectionTrait) -> AppResult<Vec<PovertyLine>> {
    Ok(year_setting::Entity::find()
        .order_by_asc(year_setting::Column::Year)
        .all(db)
        .await?
        .into_iter()
        .map(to_dto)
        .collect())
}

/// Sets a year's poverty line (admin, district official), audited.
pub async fn update_poverty_line(db: &impl Db, user: &CurrentUser, line: PovertyLine) -> AppResult<PovertyLine> {
    user.require(Capability::SetPovertyLine)?;
    let mut v = Validator::new();
    if !(2000..=2100).contains(&line.year) {
        v.add("year", "年份不合理");
    }
    if !(1..=10_000_000).contains(&line.poverty_line_fen.fen()) {
        v.add("poverty_line_fen", "贫困线须在 0.01 到 10 万元之间");
    }
    v.finish()?;
    in_txn(db, Some(user), async |txn| {
        let before = year_setting(txn, line.year).await?;
        set(txn, line).await?;
        let event = Event::new("update", "poverty_line", line.year).after(&line);
        let event = match before {
            Some(before) => event.before(&before),
            None => event,
        };
        Ok((line, event))
    })
    .await
}
