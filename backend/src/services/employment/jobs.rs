//! Members' jobs: market jobs, public-welfare posts (公益岗位, e.g. 三保两护) and jobs at a
//! recognised base, each over a period with its monthly wage.

use chrono::{NaiveDate, Utc};
use jingzhun_shared::employment::{EmploymentDto, EmploymentInput, EmploymentKind, LabourQuery};
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::Page;
use jingzhun_shared::text::NAME_MAX;
use jingzhun_shared::{Capability, EmploymentBaseId, EmploymentId, Fen, HouseholdId, MemberId};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::{Columns, listed};
use crate::actor::CurrentUser;
use crate::entities::{employment, employment_base, household, member};
use crate::error::{AppError, AppResult};
use crate::services::registry::record_members::{Placed, delete_record, member_field};
use crate::services::txn::{Db, created, in_txn};
use crate::services::{by_ids, with_items};

fn dto(row: &employment::Model, member: Option<&member::Model>, household: Option<&household::Model>) -> EmploymentDto {
    EmploymentDto {
        id: EmploymentId(row.id),
        member_id: MemberId(row.member_id),
        member_name: member.map(|m| m.name.clone()).unwrap_or_default(),
        household_id: HouseholdId(row.household_id),
        household_number: household.map(|h| h.number.clone()).unwrap_or_default(),
        kind: row.kind,
        employer: row.employer.clone(),
        base_id: row.base_id.map(EmploymentBaseId),
        since: row.since,
        until: row.until,
        monthly_wage_fen: Fen::new(row.monthly_wage_fen),
    }
}

async fn dtos(db: &impl ConnectionTrait, rows: &[employment::Model]) -> AppResult<Vec<EmploymentDto>> {
    let members = by_ids::<member::Entity>(db, rows.iter().map(|r| r.member_id).collect(), |m| m.id).await?;
    let households = by_ids::<household::Entity>(db, rows.iter().map(|r| r.household_id).collect(), |h| h.id).await?;
    Ok(rows.iter().map(|r| dto(r, members.get(&r.member_id), households.get(&r.household_id))).collect())
}

/// The first and last day of `year`.
pub(super) fn year_span(year: i32) -> AppResult<(NaiveDate, NaiveDate)> {
    match (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) {
        (Some(from), Some(to)) => Ok((from, to)),
        _ => Err(AppError::field("year", "年度不合理")),
    }
}

/// Jobs in the caller's subtree (held at some day of `year` when given), newest first.
pub async fn jobs(db: &impl ConnectionTrait, user: &CurrentUser, query: LabourQuery) -> AppResult<Page<EmploymentDto>> {
    use employment::Column as C;
    let columns = Columns { id: C::Id, path: C::OrgPath, household: C::HouseholdId, member: C::MemberId };
    let held = |s: sea_orm::Select<employment::Entity>, year| {
        let (from, to) = year_span(year)?;
        Ok(s.filter(C::Since.lte(to)).filter(C::Until.is_null().or(C::Until.gte(from))))
    };
    let page = listed(db, user, &query, columns, held).await?;
    let items = dtos(db, &page.items).await?;
    Ok(with_items(page, items))
}

/// Every problem of a job's fields that needs no lookup but the base's; the employer to store.
pub(super) fn check_fields(
    v: &mut dyn FnMut(&'static str, String),
    input: &EmploymentInput,
    base: Option<&employment_base::Model>,
    today: NaiveDate,
) -> String {
    let employer = match (input.kind, base) {
        (EmploymentKind::BaseJob, Some(base)) => base.name.clone(),
        (EmploymentKind::BaseJob, None) => {
            v("base_id", "基地就业须选择已认定的就业基地".to_owned());
            String::new()
        }
        (_, _) => {
            let employer = input.employer.trim();
            if employer.is_empty() || employer.chars().count() > NAME_MAX {
                v("employer", format!("请填写就业单位（最多 {NAME_MAX} 个字）"));
            }
            employer.to_owned()
        }
    };
    if input.kind != EmploymentKind::BaseJob && input.base_id.is_some() {
        v("base_id", "只有基地就业可选择就业基地".to_owned());
    }
    if let Some(message) = jingzhun_shared::dates::typed_date_error(input.since, today) {
        v("since", message);
    }
    if input.until.is_some_and(|until| until < input.since) {
        v("until", "结束日期不能早于开始日期".to_owned());
    }
    let wage = match input.kind {
        EmploymentKind::PublicWelfarePost => input.monthly_wage_fen.positive_amount("公益岗位月工资"),
        _ => input.monthly_wage_fen.amount("月工资"),
    };
    if let Err(message) = wage {
        v("monthly_wage_fen", message);
    }
    employer
}

/// A new row for `placed` carrying `input`.
pub fn new_row(placed: &Placed, input: &EmploymentInput, employer: String) -> employment::ActiveModel {
    let (m, h) = placed;
    employment::ActiveModel {
        member_id: Set(m.id),
        household_id: Set(h.id),
        village_id: Set(h.village_id),
        township_id: Set(h.township_id),
        org_path: Set(h.org_path.clone()),
        kind: Set(input.kind),
        employer: Set(employer),
        base_id: Set(input.base_id.map(|b| b.0)),
        since: Set(input.since),
        until: Set(input.until),
        monthly_wage_fen: Set(input.monthly_wage_fen.fen()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
}

/// Records a member's job; every problem in one 422.
pub async fn create_job(db: &impl Db, user: &CurrentUser, input: EmploymentInput) -> AppResult<EmploymentDto> {
    user.require(Capability::EditRegistry)?;
    in_txn(db, Some(user), async |txn| {
        let mut v = Validator::new();
        let placed = member_field(txn, user, &mut v, "member_id", input.member_id).await?;
        let base = match input.base_id {
            Some(id) => employment_base::Entity::find_by_id(id.0).one(txn).await?,
            None => None,
        };
        if input.base_id.is_some() && base.is_none() {
            v.add("base_id", "就业基地不存在");
        }
        let employer = check_fields(&mut |f, m| v.add(f, m), &input, base.as_ref(), user.today);
        v.finish()?;
        let placed = placed.ok_or_else(|| AppError::Internal("job checked without a member".to_owned()))?;
        let row = new_row(&placed, &input, employer).insert(txn).await?;
        Ok(created("employment", row.id, dto(&row, Some(&placed.0), Some(&placed.1))))
    })
    .await
}

pub async fn delete_job(db: &impl Db, user: &CurrentUser, id: EmploymentId) -> AppResult<()> {
    let dto =
        async |txn: &sea_orm::DatabaseTransaction, row: &employment::Model| dtos(txn, std::slice::from_ref(row)).await;
    delete_record::<employment::Entity, _>(db, user, "employment", id.0, |r| &r.org_path, dto).await
}
