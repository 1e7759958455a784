//! The demo year's industry: the 13-item subsidy menu and subsidies to 2,009 households, each
//! paid out of an industry project of its village (within the year's cap of 1.2 万元 per
//! household), 97 business entities driving 1,565 households of their own townships, 25 PV
//! stations whose income goes to their villages (in `pv`), and asset-income investments of
//! 732 万元 for 396 households of 814 people.

use std::collections::HashMap;

use jingzhun_shared::industry::{Quantity, YearCap};
use jingzhun_shared::{BusinessEntityKind, Fen, HouseholdStatus, ProjectKind};
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{Demo, WAN};
use crate::demo::DEMO_YEAR;
use crate::entities::{
    asset_investment, asset_investment_household, business_entity, business_entity_household, expenditure, household,
    industry_subsidy, industry_year_setting, member, project, subsidy_menu_item,
};
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::industry::subsidies::menu_amount;
use crate::services::org::placement::placement;

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

pub(super) async fn load(txn: &impl ConnectionTrait, demo: &Demo<'_>) -> AppResult<()> {
    subsidies(txn, demo).await?;
    business_entities(txn, demo).await?;
    super::pv::load(txn, demo).await?;
    asset_investments(txn, demo).await
}

/// The subsidy menu and subsidies to 2,009 households, each paid by an industry project of the
/// household's village.
async fn subsidies(txn: &impl ConnectionTrait, demo: &Demo<'_>) -> AppResult<()> {
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

/// 97 business entities driving 1,565 households.
async fn business_entities(txn: &impl ConnectionTrait, demo: &Demo<'_>) -> AppResult<()> {
    const ENTITIES: usize = 97;
    const DRIVEN: usize = 1_565;
    let kinds =
        [BusinessEntityKind::Cooperative, BusinessEntityKind::LeadingEnterprise, BusinessEntityKind::FamilyFarm];
    let industries = ["茶叶", "蔬菜", "黄牛", "中蜂", "泉水鱼", "香榧", "菊花", "休闲农业"];
    let villages = &demo.villages;
    let mut in_township: HashMap<i64, Vec<i64>> = HashMap::new();
    for e in 0..ENTITIES {
        let village = villages[e % villages.len()];
        let kind = kinds[e % kinds.len()];
        let suffix = match kind {
            BusinessEntityKind::Cooperative => "专业合作社",
            BusinessEntityKind::LeadingEnterprise => "农业发展有限公司",
            BusinessEntityKind::FamilyFarm => "家庭农场",
        };
        let industry = industries[e % industries.len()];
        let name = format!("{}{}{}{}", village.name.trim_end_matches('村'), industry, suffix, e / villages.len() + 1);
        let mut row = business_entity::ActiveModel {
            name: Set(name),
            kind: Set(kind),
            industry: Set(industry.to_owned()),
            version: Set(1),
            created_at: Set(demo.now),
            ..Default::default()
        };
        placement(village).apply(&mut row)?;
        let row = row.insert(txn).await?;
        in_township.entry(village.parent_id.unwrap_or_default()).or_default().push(row.id);
    }
    // The driven households, spread over the district; each driven by an entity of its own
    // township, in turn.
    let n = demo.households.len();
    let mut turn: HashMap<i64, usize> = HashMap::new();
    let mut links = Vec::new();
    for k in 0..DRIVEN.min(n) {
        let h = &demo.households[(k * 6_007) % n];
        let entities = in_township
            .get(&h.township_id)
            .filter(|e| !e.is_empty())
            .ok_or_else(|| AppError::Internal(format!("no demo business entity in township {}", h.township_id)))?;
        let next = turn.entry(h.township_id).or_default();
        links.push(business_entity_household::ActiveModel {
            entity_id: Set(entities[*next % entities.len()]),
            household_id: Set(h.id),
        });
        *next += 1;
    }
    bulk::insert(txn, links).await
}

/// Asset-income investments: 732 万元 for 396 registered households of 814 people (资产收益
/// 带动 396 户 814 人).
async fn asset_investments(txn: &impl ConnectionTrait, demo: &Demo<'_>) -> AppResult<()> {
    let registered = asset_households(txn, demo).await?;
    let investments = [("光伏", 300), ("烟叶", 150), ("旅游", 120), ("花卉", 90), ("家庭农场", 72)];
    for (i, (sector, wan)) in investments.iter().enumerate() {
        let township = demo.townships[i % demo.townships.len()];
        let mut row = asset_investment::ActiveModel {
            year: Set(DEMO_YEAR),
            name: Set(format!("{}{}资产收益项目", township.name, sector)),
            sector: Set((*sector).to_owned()),
            amount_fen: Set(wan * WAN),
            version: Set(1),
            created_at: Set(demo.now),
            ..Default::default()
        };
        placement(township).apply(&mut row)?;
        let row = row.insert(txn).await?;
        let links: Vec<asset_investment_household::ActiveModel> = registered
            .iter()
            .skip(i)
            .step_by(investments.len())
            .map(|h| asset_investment_household::ActiveModel { investment_id: Set(row.id), household_id: Set(h.id) })
            .collect();
        bulk::insert(txn, links).await?;
    }
    Ok(())
}

/// 396 registered households with 814 people between them: households of two and three people
/// (and one or four when those do not add up), spread over the registry.
async fn asset_households<'a>(txn: &impl ConnectionTrait, demo: &'a Demo<'_>) -> AppResult<Vec<&'a household::Model>> {
    const HOUSEHOLDS: usize = 396;
    const PEOPLE: usize = 814;
    let people = people_by_household(txn).await?;
    let mut by_size: HashMap<usize, Vec<&household::Model>> = HashMap::new();
    for h in demo.households.iter().filter(|h| h.status == HouseholdStatus::Registered) {
        by_size.entry(people.get(&h.id).copied().unwrap_or(0)).or_default().push(h);
    }
    let available = |size: usize| by_size.get(&size).map_or(0, Vec::len);
    // x1 + x2 + x3 + x4 = 396 and x1 + 2·x2 + 3·x3 + 4·x4 = 814, fewest threes and fours first.
    let mut plan = None;
    'search: for x4 in 0..=available(4) {
        for x3 in 0..=available(3) {
            let Some(households) = HOUSEHOLDS.checked_sub(x3 + x4) else { continue };
            let Some(people) = PEOPLE.checked_sub(3 * x3 + 4 * x4) else { continue };
            let Some(x2) = people.checked_sub(households) else { continue };
            let Some(x1) = households.checked_sub(x2) else { continue };
            if x1 <= available(1) && x2 <= available(2) {
                plan = Some([(1, x1), (2, x2), (3, x3), (4, x4)]);
                break 'search;
            }
        }
    }
    let plan =
        plan.ok_or_else(|| AppError::Internal("the demo registry has no 396 households of 814 people".into()))?;
    let mut chosen = Vec::new();
    for (size, count) in plan {
        let bucket = by_size.get(&size).map(Vec::as_slice).unwrap_or_default();
        chosen.extend((0..count).filter_map(|i| bucket.get(i * bucket.len() / count.max(1)).copied()));
    }
    chosen.sort_by_key(|h| h.id);
    Ok(chosen)
}

/// The number of members of every household.
async fn people_by_household(db: &impl ConnectionTrait) -> AppResult<HashMap<i64, usize>> {
    let query = Query::select()
        .column(member::Column::HouseholdId)
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("people"))
        .from(member::Entity)
        .group_by_col(member::Column::HouseholdId)
        .to_owned();
    let mut people = HashMap::new();
    for row in db.query_all(&query).await? {
        let n: i64 = row.try_get("", "people")?;
        people.insert(row.try_get("", "household_id")?, usize::try_from(n).unwrap_or(0));
    }
    Ok(people)
}
