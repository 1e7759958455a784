//! The demo year's housing, social security and ecology, generated as records so that what the
//! system computes from them matches the seed report: 128 houses of registered households
//! appraised C or D the year before and renovated in the demo year, every one completed and
//! accepted (100 %), the government topping up what the subsidy leaves; the 低保 and 五保
//! standards of both years (3,600 → 3,900, 6,000 → 7,200 and 4,920 → 6,000 元 per person, the
//! temporary-assistance threshold of 3,000 元 raised 5 %) and each registered 低保 / 五保
//! household paid its standard for its people in quarterly payments up to September;
//! 退耕还林 to 438 households for 785 亩 and 9.82 万元, 公益林 to 519 households for 19,575 亩
//! and 28.87 万元. The renovation money and the split of 五保 between concentrated and
//! dispersed support are the demo's own: the report gives neither.

use chrono::{NaiveDate, Utc};
use jingzhun_shared::ecology::EcologyProgramme;
use jingzhun_shared::housing::{HousingGrade, RenovationKind, government_top_up};
use jingzhun_shared::social_security::{AssistancePaymentKind, due};
use jingzhun_shared::{Fen, HouseholdCategory, HouseholdStatus};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use crate::demo::DEMO_YEAR;
use crate::entities::{
    assistance_payment, ecology_compensation, household, housing_check, housing_renovation, member, social_standard,
};
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::per_household::placed;

/// 元 in fen.
const YUAN: i64 = 100;

fn day(year: i32, month: u32, d: u32) -> AppResult<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, d).ok_or_else(|| AppError::Internal("demo date".to_owned()))
}

/// Loads the demo's housing, social security and ecology when no standard exists yet; `false`
/// when one did.
pub async fn load(db: &DatabaseConnection) -> AppResult<bool> {
    let txn = db.begin().await?;
    if social_standard::Entity::find().count(&txn).await? > 0 {
        return Ok(false);
    }
    let on_file = household::Entity::find()
        .filter(household::Column::Status.is_in([HouseholdStatus::Registered, HouseholdStatus::Exited]))
        .order_by_asc(household::Column::Id)
        .all(&txn)
        .await?;
    if on_file.is_empty() {
        return Err(AppError::Internal("the demo projects need the demo registry".to_owned()));
    }
    housing(&txn, &on_file).await?;
    standards(&txn).await?;
    payments(&txn, &on_file).await?;
    ecology(&txn, &on_file, EcologyProgramme::ReturningFarmland, 438, 785, 98_200, 0).await?;
    ecology(&txn, &on_file, EcologyProgramme::PublicWelfareForest, 519, 19_575, 288_700, 1).await?;
    txn.commit().await?;
    Ok(true)
}

/// `n` households spread evenly over `all`, starting `offset` in.
fn spread(all: &[household::Model], n: usize, offset: usize) -> impl Iterator<Item = &household::Model> {
    let step = (all.len() / n.max(1)).max(1);
    all.iter().skip(offset % step).step_by(step).take(n)
}

/// `total` in `n` parts as equal as can be, the remainder one each to the first parts.
fn parts(total: i64, n: usize) -> impl Iterator<Item = i64> {
    let n = i64::try_from(n.max(1)).unwrap_or(1);
    (0..n).map(move |i| total / n + i64::from(i < total % n))
}

/// 128 registered households' houses appraised C or D the year before, renovated and
/// accepted in the demo year.
async fn housing(txn: &impl ConnectionTrait, on_file: &[household::Model]) -> AppResult<()> {
    let registered: Vec<household::Model> =
        on_file.iter().filter(|h| h.status == HouseholdStatus::Registered).cloned().collect();
    let (mut checks, mut renovations) = (Vec::new(), Vec::new());
    for (i, h) in spread(&registered, 128, 3).enumerate() {
        let rebuild = i % 4 == 0;
        let (grade, kind) = if rebuild {
            (HousingGrade::D, RenovationKind::Rebuild)
        } else {
            (HousingGrade::C, RenovationKind::Repair)
        };
        let (cost, subsidy) =
            if rebuild { (48_000 + (i as i64 % 7) * 1_500, 35_000) } else { (16_000 + (i as i64 % 5) * 800, 15_000) };
        let month = 3 + (i % 6) as u32;
        checks.push(placed!(housing_check::ActiveModel, &h, {
            checked_on: Set(day(DEMO_YEAR - 1, 10 + (i % 3) as u32, 8)?),
            grade: Set(grade),
            note: Set(None),
            created_at: Set(Utc::now()),
        }));
        let (cost, subsidy) = (Fen::new(cost * YUAN), Fen::new(subsidy * YUAN));
        renovations.push(placed!(housing_renovation::ActiveModel, &h, {
            plan_year: Set(DEMO_YEAR),
            kind: Set(kind),
            cost_fen: Set(cost.fen()),
            subsidy_fen: Set(subsidy.fen()),
            government_top_up_fen: Set(government_top_up(cost, subsidy).fen()),
            completed_on: Set(Some(day(DEMO_YEAR, month, 10)?)),
            accepted_on: Set(Some(day(DEMO_YEAR, month, 25)?)),
            version: Set(1),
            created_at: Set(Utc::now()),
        }));
    }
    bulk::insert(txn, checks).await?;
    bulk::insert(txn, renovations).await
}

/// The standards of the year before and of the demo year.
async fn standards(txn: &impl ConnectionTrait) -> AppResult<()> {
    let rows = [(DEMO_YEAR - 1, 3_600, 6_000, 4_920, 0), (DEMO_YEAR, 3_900, 7_200, 6_000, 500)].map(
        |(year, dibao, concentrated, dispersed, uplift)| social_standard::ActiveModel {
            year: Set(year),
            dibao_fen: Set(dibao * YUAN),
            wubao_concentrated_fen: Set(concentrated * YUAN),
            wubao_dispersed_fen: Set(dispersed * YUAN),
            temporary_threshold_fen: Set(3_000 * YUAN),
            temporary_uplift_bp: Set(uplift),
            version: Set(1),
        },
    );
    bulk::insert(txn, rows.to_vec()).await
}

/// Each registered 低保 / 五保 household paid its year's standard for its people in four
/// quarterly payments (the last, for the fourth quarter, paid at the end of September); every
/// third 五保 household lives in a home (集中供养).
async fn payments(txn: &impl ConnectionTrait, on_file: &[household::Model]) -> AppResult<()> {
    let mut rows = Vec::new();
    let mut wubao = 0usize;
    for h in on_file.iter().filter(|h| h.status == HouseholdStatus::Registered) {
        let kind = match h.category {
            HouseholdCategory::Dibao => AssistancePaymentKind::Dibao,
            HouseholdCategory::Wubao => {
                wubao += 1;
                if wubao.is_multiple_of(3) {
                    AssistancePaymentKind::WubaoConcentrated
                } else {
                    AssistancePaymentKind::WubaoDispersed
                }
            }
            _ => continue,
        };
        let standard = match kind {
            AssistancePaymentKind::Dibao => 3_900,
            AssistancePaymentKind::WubaoConcentrated => 7_200,
            _ => 6_000,
        };
        let people = member::Entity::find()
            .filter(member::Column::HouseholdId.eq(h.id))
            .filter(member::Column::LeftOn.is_null())
            .count(txn)
            .await?;
        let year = due(Fen::new(standard * YUAN), people).ok_or_else(|| AppError::Internal("demo due".to_owned()))?;
        for (quarter, amount) in parts(year.fen(), 4).enumerate() {
            let month = (3 * (quarter as u32 + 1)).min(9);
            rows.push(placed!(assistance_payment::ActiveModel, &h, {
                member_id: Set(None),
                kind: Set(kind),
                year: Set(DEMO_YEAR),
                period: Set(format!("{DEMO_YEAR}年第{}季度", quarter + 1)),
                amount_fen: Set(amount),
                paid_on: Set(day(DEMO_YEAR, month, 28)?),
                created_at: Set(Utc::now()),
            }));
        }
    }
    bulk::insert(txn, rows).await
}

/// One programme's compensation: `households` households sharing `mu` 亩 and `yuan` 元.
async fn ecology(
    txn: &impl ConnectionTrait,
    on_file: &[household::Model],
    programme: EcologyProgramme,
    households: usize,
    mu: i64,
    yuan: i64,
    offset: usize,
) -> AppResult<()> {
    let chosen = spread(on_file, households, offset);
    let paid_on = day(DEMO_YEAR, 6, 30)?;
    let rows = chosen
        .zip(parts(mu * 100, households))
        .zip(parts(yuan * YUAN, households))
        .map(|((h, area), amount)| {
            placed!(ecology_compensation::ActiveModel, &h, {
                programme: Set(programme),
                year: Set(DEMO_YEAR),
                area_mu_hundredths: Set(Some(area)),
                amount_fen: Set(amount),
                paid_on: Set(paid_on),
                created_at: Set(Utc::now()),
            })
        })
        .collect();
    bulk::insert(txn, rows).await
}
