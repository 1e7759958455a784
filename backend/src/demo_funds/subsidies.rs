//! The demo year's industry subsidies: the 13-item menu, a yearly cap of 1.2 万元 per
//! household, and subsidies to 2,009 households, each paid by an industry project of the
//! household's village and taken out of that project's payments, so the project's spending
//! (payments plus subsidies) and the year's rates stay as filed.

use std::collections::HashMap;

use chrono::NaiveDate;
use jingzhun_shared::Fen;
use jingzhun_shared::ProjectKind;
use jingzhun_shared::industry::{Quantity, YearCap};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::Demo;
use crate::demo::DEMO_YEAR;
use crate::entities::{expenditure, household, industry_subsidy, industry_year_setting, project, subsidy_menu_item};
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::industry::subsidies::menu_amount;

/// The demo year's cap per household across all items: 1.2 万元.
const HOUSEHOLD_CAP: i64 = 12_000 * 100;

/// (name, unit, 元 per unit, cap per household in 元)
const MENU: &[(&str, &str, i64, Option<i64>)] = &[
    ("茶叶", "亩", 800, Some(4_000)),
    ("蔬菜", "亩", 600, Some(3_000)),
    ("黄牛", "头", 3_000, Some(6_000)),
    ("生猪", "头", 500, Some(3_000)),
    ("家禽", "只", 20, Some(2_000)),
    ("中蜂", "箱", 300, Some(3_000)),
    ("泉水鱼", "口", 2_000, Some(4_000)),
    ("香榧", "亩", 500, Some(3_000)),
    ("菊花", "亩", 800, Some(4_000)),
    ("休闲农业", "户", 3_000, Some(3_000)),
    ("油茶", "亩", 600, Some(3_000)),
    ("山羊", "只", 400, Some(4_000)),
    ("水产养殖", "亩", 1_000, Some(4_000)),
];

/// The subsidy menu and subsidies to 2,009 households, each paid by an industry project of the
/// household's village.
pub(super) async fn load(txn: &impl ConnectionTrait, demo: &Demo<'_>) -> AppResult<()> {
    industry_year_setting::ActiveModel { year: Set(DEMO_YEAR), household_cap_fen: Set(HOUSEHOLD_CAP), version: Set(1) }
        .insert(txn)
        .await?;
    const SUBSIDISED: usize = 2_009;
    let mut menu = Vec::new();
    for (name, unit, yuan, cap) in MENU {
        let item = subsidy_menu_item::ActiveModel {
            year: Set(DEMO_YEAR),
            name: Set((*name).to_owned()),
            unit: Set((*unit).to_owned()),
            standard_fen: Set(yuan * 100),
            cap_fen: Set(cap.map(|c| c * 100)),
            version: Set(1),
            created_at: Set(demo.now),
            ..Default::default()
        };
        menu.push(item.insert(txn).await?);
    }
    let households = &demo.households;
    let n = households.len();
    // A permutation of the households, so those without a subsidy are spread out; every other
    // one has two items.
    let plan: Vec<(&household::Model, usize)> =
        (0..SUBSIDISED.min(n)).map(|k| (&households[(k * 7_919) % n], 1 + k % 2)).collect();
    let mut payers = Payers::load(txn).await?;
    let shares = payers.shares(&plan);
    let mut subsidies = Vec::new();
    for (k, (h, items)) in plan.iter().enumerate() {
        let mut used = Fen::ZERO;
        for j in 0..*items {
            let item = &menu[(k + j * 5) % menu.len()];
            let year = Some(YearCap { cap: Fen::new(HOUSEHOLD_CAP), used });
            // One or two units, a half more on every third, fewer where the village's share
            // of its projects' spending is smaller.
            let wanted = Quantity::from_hundredths(100 * (1 + (k % 2) as i64) + if k % 3 == 0 { 50 } else { 0 });
            let share = shares.get(&h.village_id).copied().unwrap_or(0);
            let (quantity, (amount, capped)) = within(wanted, item, year, share)?;
            used = Fen::new(used.fen() + amount);
            let project_id = payers.pay(h.village_id, amount)?;
            subsidies.push(industry_subsidy::ActiveModel {
                household_id: Set(h.id),
                village_id: Set(h.village_id),
                township_id: Set(h.township_id),
                org_path: Set(h.org_path.clone()),
                item_id: Set(item.id),
                year: Set(DEMO_YEAR),
                quantity: Set(quantity.hundredths()),
                amount_fen: Set(amount),
                capped: Set(capped),
                note: Set(None),
                project_id: Set(Some(project_id)),
                // Paid by the report's 9月底, after every demo project started.
                paid_on: Set(NaiveDate::from_ymd_opt(DEMO_YEAR, 9, 30)),
                created_at: Set(demo.now),
                ..Default::default()
            });
        }
    }
    bulk::insert(txn, subsidies).await?;
    payers.take_out_of_payments(txn).await
}

/// `wanted` of `item`, or fewer units so that the amount is at most `share`, with its amount
/// and whether the item's cap lowered it.
fn within(
    wanted: Quantity,
    item: &subsidy_menu_item::Model,
    year: Option<YearCap>,
    share: i64,
) -> AppResult<(Quantity, (i64, bool))> {
    let paid = |q| menu_amount(q, item, 0, year).map_err(|(_, m)| AppError::Internal(m));
    let (amount, capped) = paid(wanted)?;
    if amount <= share || amount == 0 {
        return Ok((wanted, (amount, capped)));
    }
    let fewer = Quantity::from_hundredths((wanted.hundredths() * share / amount).max(1));
    Ok((fewer, paid(fewer)?))
}

/// The demo year's industry projects by village, with what each has spent and how much of it
/// subsidies already account for. The projects were filed with their whole spending as
/// payments; the subsidies a project pays are part of that spending, so they are taken out of
/// its payments afterwards and the project's spending (and the year's rates) stay as filed.
struct Payers {
    by_village: HashMap<i64, Vec<(i64, i64)>>,
    paid: HashMap<i64, i64>,
}

impl Payers {
    async fn load(db: &impl ConnectionTrait) -> AppResult<Self> {
        let projects = project::Entity::find()
            .filter(project::Column::Year.eq(DEMO_YEAR))
            .filter(project::Column::Kind.eq(ProjectKind::Industry))
            .order_by_asc(project::Column::Id)
            .all(db)
            .await?;
        let mut by_village: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
        for p in projects {
            if let Some(village) = p.village_id {
                by_village.entry(village).or_default().push((p.id, p.spent_fen));
            }
        }
        Ok(Payers { by_village, paid: HashMap::new() })
    }

    /// What one subsidy of each village may take: 95 % of what its projects spent, shared by
    /// the subsidies `plan` gives its households (the rest leaves room for uneven sizes).
    fn shares(&self, plan: &[(&household::Model, usize)]) -> HashMap<i64, i64> {
        let mut planned: HashMap<i64, i64> = HashMap::new();
        for (h, items) in plan {
            *planned.entry(h.village_id).or_default() += *items as i64;
        }
        planned
            .into_iter()
            .map(|(village, count)| {
                let spent: i64 = self.by_village.get(&village).into_iter().flatten().map(|(_, spent)| spent).sum();
                (village, spent / 100 * 95 / count.max(1))
            })
            .collect()
    }

    /// The village's project with the most spending not yet accounted for, charged `amount`.
    fn pay(&mut self, village_id: i64, amount: i64) -> AppResult<i64> {
        let paid = &self.paid;
        let room = |(id, spent): &(i64, i64)| spent - paid.get(id).copied().unwrap_or(0);
        let best = self.by_village.get(&village_id).and_then(|ps| ps.iter().max_by_key(|p| room(p)).copied());
        match best {
            Some(p) if room(&p) >= amount => {
                *self.paid.entry(p.0).or_default() += amount;
                Ok(p.0)
            }
            _ => Err(AppError::Internal(format!("no demo industry project of village {village_id} can pay {amount}"))),
        }
    }

    /// Lowers each paying project's payments, latest first, by what its subsidies add up to.
    async fn take_out_of_payments(&self, db: &impl ConnectionTrait) -> AppResult<()> {
        for (project_id, subsidies) in &self.paid {
            let mut left = *subsidies;
            let payments = expenditure::Entity::find()
                .filter(expenditure::Column::ProjectId.eq(*project_id))
                .order_by_desc(expenditure::Column::Id)
                .all(db)
                .await?;
            for e in payments {
                if left == 0 {
                    break;
                }
                let cut = left.min(e.amount_fen);
                left -= cut;
                if cut == e.amount_fen {
                    expenditure::Entity::delete_by_id(e.id).exec(db).await?;
                } else {
                    let lowered = Expr::value(e.amount_fen - cut);
                    expenditure::Entity::update_many()
                        .col_expr(expenditure::Column::AmountFen, lowered)
                        .filter(expenditure::Column::Id.eq(e.id))
                        .exec(db)
                        .await?;
                }
            }
            if left != 0 {
                return Err(AppError::Internal(format!("demo project {project_id} pays more subsidies than it spent")));
            }
        }
        Ok(())
    }
}
