//! Compensations from the bureau's spreadsheet (xlsx or CSV), each row matched to a household
//! of the registry by a member's ID card, with the registry import's rules: a preview lists
//! every row error, a commit writes every row or none.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use jingzhun_shared::ecology::{ECOLOGY_COLUMNS, EcologyImportReport, EcologyProgramme};
use jingzhun_shared::industry::Quantity;
use jingzhun_shared::{Capability, Fen, IdCardNo, StringEnum};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::actor::CurrentUser;
use crate::entities::{ecology_compensation, household, member};
use crate::error::AppResult;
use crate::services::audit::Event;
use crate::services::bulk;
use crate::services::per_household::{named, placed};
use crate::services::sheet::{RawRow, RowErrors};
use crate::services::txn::{Db, in_txn};

/// The import's template, with one example row.
pub fn template() -> AppResult<Vec<u8>> {
    let example = ["34100419800101001X", "退耕还林", "2020", "12.5", "2500.00", "2020-06-30"];
    crate::services::sheet::template("生态补偿", ECOLOGY_COLUMNS, &example, &[])
}

/// Rows are looked up in batches of this many.
const BATCH: usize = 1_000;

struct Row {
    line: u64,
    id_card: String,
    programme: EcologyProgramme,
    year: i32,
    area: Option<Quantity>,
    amount: Fen,
    paid_on: NaiveDate,
}

fn check_row(r: &RawRow, today: NaiveDate, errors: &mut RowErrors) -> Option<Row> {
    let cell = |i: usize| r.cells.get(i).map(|c| c.trim()).unwrap_or_default();
    let before = errors.count;
    errors.add_unreadable_cells(r);
    let id_card = IdCardNo::parse(cell(0)).map_err(|e| errors.add(r.line, 0, e.to_string())).ok();
    let programme = EcologyProgramme::from_zh(cell(1));
    if programme.is_none() {
        errors.add(r.line, 1, "项目须为：退耕还林、公益林、生态护林员、其他");
    }
    let year = cell(2).parse::<i32>().ok().filter(|y| (2000..=2100).contains(y));
    if year.is_none() {
        errors.add(r.line, 2, "年度须为 2000 到 2100 之间的年份");
    }
    let area = match cell(3) {
        "" => Some(None),
        text => Quantity::parse(text).map(Some).map_err(|e| errors.add(r.line, 3, e)).ok(),
    };
    let amount =
        Fen::parse_yuan(cell(4)).and_then(|f| f.positive_amount("金额")).map_err(|e| errors.add(r.line, 4, e)).ok();
    let paid_on = NaiveDate::parse_from_str(cell(5), "%Y-%m-%d").ok();
    match paid_on {
        None => errors.add(r.line, 5, "发放日期须为 YYYY-MM-DD，例如 2020-06-30"),
        Some(d) if d > today => errors.add(r.line, 5, "发放日期不能晚于今天"),
        Some(_) => {}
    }
    if errors.count > before {
        return None;
    }
    Some(Row {
        line: r.line,
        id_card: id_card?.as_str().to_owned(),
        programme: programme?,
        year: year?,
        area: area?,
        amount: amount?,
        paid_on: paid_on?,
    })
}

/// The household of each ID card the rows name, when it lies in the caller's scope.
async fn households_by_card(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    rows: &[Row],
) -> AppResult<HashMap<String, household::Model>> {
    let cards: Vec<String> = rows.iter().map(|r| r.id_card.clone()).collect();
    let mut by_card = HashMap::new();
    for chunk in cards.chunks(BATCH) {
        let members = member::Entity::find().filter(member::Column::IdCardNo.is_in(chunk.to_vec())).all(db).await?;
        let households = named(db, members.iter().map(|m| m.household_id)).await?;
        for m in members {
            if let Some(h) = households.get(&m.household_id).filter(|h| user.sees(&h.org_path)) {
                by_card.insert(m.id_card_no, h.clone());
            }
        }
    }
    Ok(by_card)
}

/// Checks `raw` and, with `commit`, writes every compensation in one transaction, or nothing.
pub async fn import(
    db: &impl Db,
    user: &CurrentUser,
    raw: Vec<RawRow>,
    commit: bool,
) -> AppResult<EcologyImportReport> {
    user.require(Capability::EditRegistry)?;
    let mut errors = RowErrors::new(ECOLOGY_COLUMNS);
    let rows: Vec<Row> = raw.iter().filter_map(|r| check_row(r, user.today, &mut errors)).collect();
    let by_card = households_by_card(db, user, &rows).await?;
    let (mut households, mut amount) = (HashSet::new(), Fen::ZERO);
    for row in &rows {
        match by_card.get(&row.id_card) {
            Some(h) => {
                households.insert(h.id);
                amount = amount.checked_add(row.amount).unwrap_or(Fen::MAX_RECORD);
            }
            None => errors.add(row.line, 0, "该身份证号不是建档立卡成员，或不在您的管辖范围"),
        }
    }
    let report = EcologyImportReport {
        committed: false,
        rows: raw.len() as u64,
        households: households.len() as u64,
        amount_fen: amount,
        error_count: errors.count,
        errors: errors.into_sorted(),
    };
    if !commit || report.error_count > 0 {
        return Ok(report);
    }
    let summary = serde_json::json!({ "rows": report.rows, "households": report.households, "amount_fen": amount });
    let new_rows: Vec<ecology_compensation::ActiveModel> = rows
        .iter()
        .filter_map(|r| {
            let h = by_card.get(&r.id_card)?;
            Some(placed!(ecology_compensation::ActiveModel, h, {
                programme: Set(r.programme),
                year: Set(r.year),
                area_mu_hundredths: Set(r.area.map(Quantity::hundredths)),
                amount_fen: Set(r.amount.fen()),
                paid_on: Set(r.paid_on),
                created_at: Set(Utc::now()),
            }))
        })
        .collect();
    in_txn(db, Some(user), async |txn| {
        bulk::insert(txn, new_rows).await?;
        Ok(((), Event::new("import", "ecology_compensation", "").after(&summary)))
    })
    .await?;
    Ok(EcologyImportReport { committed: true, ..report })
}
