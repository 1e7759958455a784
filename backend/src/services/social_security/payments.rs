//! Assistance paid to a household (低保金, 五保供养金, 临时救助, 医疗救助) for a period of a year.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use jingzhun_shared::benefits::{BenefitArea, BenefitLine, BenefitSource};
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::social_security::{AssistancePaymentDto, AssistancePaymentInput, AssistanceQuery};
use jingzhun_shared::{Capability, Fen, HouseholdId, MemberId};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{assistance_payment, household, member};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::per_household::{household_field, named, number_and_head, placed};
use crate::services::txn::{Db, created, in_txn};
use crate::services::{paginate, with_items};

fn payment_dto(p: &assistance_payment::Model, households: &HashMap<i64, household::Model>) -> AssistancePaymentDto {
    let (household_number, head_name) = number_and_head(households, p.household_id);
    AssistancePaymentDto {
        id: p.id,
        household_id: HouseholdId(p.household_id),
        household_number,
        head_name,
        member_id: p.member_id.map(MemberId),
        kind: p.kind,
        year: p.year,
        period: p.period.clone(),
        amount_fen: Fen::new(p.amount_fen),
        paid_on: p.paid_on,
    }
}

/// The year's payments in the caller's subtree (or a unit inside it), newest first.
pub async fn payments(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: AssistanceQuery,
) -> AppResult<Page<AssistancePaymentDto>> {
    user.require(Capability::ReadRegistry)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select = assistance_payment::Entity::find()
        .filter(assistance_payment::Column::Year.eq(query.year))
        .filter(assistance_payment::Column::OrgPath.starts_with(&unit.path));
    if let Some(h) = query.household_id {
        select = select.filter(assistance_payment::Column::HouseholdId.eq(h.0));
    }
    let select = select.order_by_desc(assistance_payment::Column::PaidOn).order_by_desc(assistance_payment::Column::Id);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |p| p).await?;
    let households = named(db, page.items.iter().map(|p| p.household_id)).await?;
    let items = page.items.iter().map(|p| payment_dto(p, &households)).collect();
    Ok(with_items(page, items))
}

/// Every problem of a payment's fields that needs no lookup; the period to store.
pub(super) fn check_fields(
    v: &mut dyn FnMut(&'static str, String),
    input: &AssistancePaymentInput,
    today: NaiveDate,
) -> String {
    if !(2000..=2100).contains(&input.year) {
        v("year", "年度须在 2000 到 2100 之间".to_owned());
    }
    let period = input.period.trim();
    if period.is_empty() || period.chars().count() > PERIOD_MAX {
        v("period", format!("请填写发放期间（最多 {PERIOD_MAX} 个字）"));
    }
    if let Err(message) = input.amount_fen.positive_amount("金额") {
        v("amount_fen", message);
    }
    if let Some(message) = jingzhun_shared::dates::typed_date_error(input.paid_on, today) {
        v("paid_on", message);
    }
    period.to_owned()
}

const PERIOD_MAX: usize = 32;

/// A new row paying `input` to household `h`.
pub fn new_row(
    h: &household::Model,
    input: &AssistancePaymentInput,
    period: String,
) -> assistance_payment::ActiveModel {
    placed!(assistance_payment::ActiveModel, h, {
        member_id: Set(input.member_id.map(|m| m.0)),
        kind: Set(input.kind),
        year: Set(input.year),
        period: Set(period),
        amount_fen: Set(input.amount_fen.fen()),
        paid_on: Set(input.paid_on),
        created_at: Set(Utc::now()),
    })
}

/// Records a payment to a household in the caller's scope (or one of its members).
pub async fn create_payment(
    db: &impl Db,
    user: &CurrentUser,
    input: AssistancePaymentInput,
) -> AppResult<AssistancePaymentDto> {
    user.require(Capability::EditRegistry)?;
    let mut v = Validator::new();
    let h = household_field(db, user, &mut v, input.household_id).await?;
    if let (Some(m), Some(h)) = (input.member_id, &h) {
        let of_household = member::Entity::find_by_id(m.0).one(db).await?.is_some_and(|m| m.household_id == h.id);
        if !of_household {
            v.add("member_id", "该成员不属于此户");
        }
    }
    let period = check_fields(&mut |field, message| v.add(field, message), &input, user.today);
    v.finish()?;
    let Some(h) = h else { return Err(AppError::NotFound) };
    in_txn(db, Some(user), async |txn| {
        let row = new_row(&h, &input, period).insert(txn).await?;
        Ok(created("assistance_payment", row.id, payment_dto(&row, &HashMap::from([(h.id, h)]))))
    })
    .await
}

/// The household's payments, by the year they are for.
pub async fn benefit_lines(db: &impl ConnectionTrait, household_id: i64) -> AppResult<Vec<BenefitLine>> {
    let rows = assistance_payment::Entity::find()
        .filter(assistance_payment::Column::HouseholdId.eq(household_id))
        .order_by_asc(assistance_payment::Column::PaidOn)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|p| BenefitLine {
            area: BenefitArea::SocialSecurity,
            year: p.year,
            title: p.kind.zh().to_owned(),
            detail: p.period,
            on: Some(p.paid_on),
            amount_fen: Fen::new(p.amount_fen),
            source: BenefitSource::AssistancePayment,
            source_id: Some(p.id),
            lent: false,
        })
        .collect())
}
