//! Settlements from a spreadsheet (xlsx or CSV), one row a claim matched to its person by ID
//! card, with the registry import's rules: a preview lists every row error (an unknown ID card,
//! layers above the cost, a year without settings…), a commit writes every row or none. On
//! commit each person's year is settled in discharge order with the claims on file, in one
//! transaction: the imported rows get their 351 / 180, and claims on file that settle after
//! them are recomputed with their history.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use futures_util::{StreamExt, stream};
use jingzhun_shared::health::{
    CLAIM_COLUMNS, ClaimImportReport, ClaimKind, HealthClaimInput, HealthRules, HospitalLevel,
};
use jingzhun_shared::{Capability, Fen, IdCardNo, MemberId, StringEnum};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter};

use super::entry::{Place, new_row_at};
use super::settings;
use super::settle::{Settling, hold_settlement, settle_group};
use crate::actor::CurrentUser;
use crate::entities::{health_claim, household, member};
use crate::error::AppResult;
use crate::progress::Ticket;
use crate::services::audit::Event;
use crate::services::bulk;
use crate::services::sheet::{RawRow, RowErrors};
use crate::services::txn::{Db, in_txn};

/// On SQLite claims on file are looked up for this many people at a time…
const BATCH: usize = 1_000;
/// …and people by this many ID cards a query (PostgreSQL: [`bulk::ARRAY_CHUNK`])…
const LOOKUP: usize = 2_500;
/// …and this many queries at once.
const LOOKUPS_AT_ONCE: usize = 4;

/// A row that parsed, before its person is looked up.
struct Parsed {
    line: u64,
    card: String,
    input: HealthClaimInput,
}

fn parse_row(r: &RawRow, user: &CurrentUser, errors: &mut RowErrors) -> Option<Parsed> {
    let cell = |i: usize| r.cells.get(i).map(String::as_str).unwrap_or_default();
    let before = errors.count;
    errors.add_unreadable_cells(r);
    let card = IdCardNo::parse(cell(0)).map_err(|e| errors.add(r.line, 0, e.to_string())).ok();
    let kind = ClaimKind::from_zh(cell(1)).or_else(|| ClaimKind::from_wire(cell(1)));
    if kind.is_none() {
        errors.add(r.line, 1, "类别须为 住院、门诊 或 慢病门诊");
    }
    let hospital = cell(2).to_owned();
    if hospital.is_empty() || hospital.chars().count() > 100 {
        errors.add(r.line, 2, "请填写医院名称（最多 100 个字）");
    }
    let level = HospitalLevel::from_zh(cell(3)).or_else(|| HospitalLevel::from_wire(cell(3)));
    if level.is_none() {
        errors.add(r.line, 3, "医院级别须为 乡镇卫生院、县级医院、市级医院、省级医院 或 省外医院");
    }
    let mut day = |column: usize| {
        let parsed = NaiveDate::parse_from_str(cell(column), "%Y-%m-%d").ok();
        match parsed.map(|d| (d, user.date_error(d))) {
            None => errors.add(r.line, column, "日期须为 YYYY-MM-DD，例如 2020-06-30"),
            Some((_, Some(message))) => errors.add(r.line, column, message),
            Some(_) => {}
        }
        parsed
    };
    let (admitted, discharged) = (day(4), day(5));
    let mut money = |column: usize, optional: bool| match Fen::parse_yuan(cell(column)) {
        _ if optional && cell(column).is_empty() => Some(None),
        Ok(f) => Some(Some(f)),
        Err(e) => {
            errors.add(r.line, column, e);
            None
        }
    };
    let amounts = [money(6, false), money(7, true), money(8, true), money(9, true), money(10, true), money(11, true)];
    if errors.count > before {
        return None;
    }
    let [total, compliant, basic, critical, assistance, commercial] = amounts.map(|a| a.flatten());
    let input = HealthClaimInput {
        member_id: MemberId(0),
        kind: kind?,
        hospital,
        hospital_level: level?,
        admitted_on: admitted?,
        discharged_on: discharged?,
        total_cost_fen: total?,
        compliant_cost_fen: compliant,
        basic_insurance_fen: basic.unwrap_or(Fen::ZERO),
        critical_illness_fen: critical.unwrap_or(Fen::ZERO),
        medical_assistance_fen: assistance.unwrap_or(Fen::ZERO),
        commercial_fen: commercial,
        version: None,
    };
    let column_of = |field: &str| match field {
        "total_cost_fen" => 6,
        "compliant_cost_fen" => 7,
        "critical_illness_fen" => 9,
        "medical_assistance_fen" => 10,
        "commercial_fen" => 11,
        "discharged_on" => 5,
        _ => 8,
    };
    let problems = input.layers().problems();
    for (field, message) in &problems {
        errors.add(r.line, column_of(field), message.clone());
    }
    let card = card?.as_str().to_owned();
    problems.is_empty().then_some(Parsed { line: r.line, card, input })
}

/// The people of the cards named, by card, when their household lies in the caller's scope:
/// one narrow join of members and households per [`LOOKUP`] cards (SQLite) or
/// [`bulk::ARRAY_CHUNK`] (PostgreSQL), [`LOOKUPS_AT_ONCE`] of them at a time on the pool's
/// connections (a settlement file names people all over the registry: each look-up is a random
/// read of the member and household tables).
async fn people(db: &impl ConnectionTrait, user: &CurrentUser, rows: &[Parsed]) -> AppResult<HashMap<String, Place>> {
    let mut cards: Vec<&str> = rows.iter().map(|r| r.card.as_str()).collect();
    cards.sort_unstable();
    cards.dedup();
    let mut found = HashMap::with_capacity(cards.len());
    let size = bulk::chunk_size(db.get_database_backend(), LOOKUP);
    let mut lookups =
        stream::iter(cards.chunks(size)).map(|chunk| places_of(db, chunk)).buffer_unordered(LOOKUPS_AT_ONCE);
    while let Some(places) = lookups.next().await {
        for (card, place) in places? {
            if user.sees(&place.org_path) {
                found.insert(card, place);
            }
        }
    }
    Ok(found)
}

/// The places of the people with these ID cards, with their cards.
async fn places_of(db: &impl ConnectionTrait, cards: &[&str]) -> AppResult<Vec<(String, Place)>> {
    #[derive(FromQueryResult)]
    struct Found {
        id_card_no: String,
        member_id: i64,
        household_id: i64,
        village_id: i64,
        township_id: i64,
        org_path: String,
    }
    let backend = db.get_database_backend();
    let query = Query::select()
        .column((member::Entity, member::Column::IdCardNo))
        .expr_as(Expr::col((member::Entity, member::Column::Id)), Alias::new("member_id"))
        .expr_as(Expr::col((household::Entity, household::Column::Id)), Alias::new("household_id"))
        .columns([
            (household::Entity, household::Column::VillageId),
            (household::Entity, household::Column::TownshipId),
            (household::Entity, household::Column::OrgPath),
        ])
        .from(member::Entity)
        .inner_join(
            household::Entity,
            Expr::col((member::Entity, member::Column::HouseholdId)).equals((household::Entity, household::Column::Id)),
        )
        .and_where(bulk::one_of(backend, member::Column::IdCardNo, cards.iter().copied())?)
        .to_owned();
    let statement = backend.build(&query);
    let found = Found::find_by_statement(statement).all(db).await?;
    Ok(found
        .into_iter()
        .map(|f| {
            let place = Place {
                member_id: f.member_id,
                household_id: f.household_id,
                village_id: f.village_id,
                township_id: f.township_id,
                org_path: f.org_path,
            };
            (f.id_card_no, place)
        })
        .collect())
}

/// Checks `raw` and, with `commit`, writes and settles every claim in one transaction, or none.
pub async fn import(
    db: &impl Db,
    user: &CurrentUser,
    raw: Vec<RawRow>,
    commit: bool,
    ticket: Option<&mut Ticket<'_>>,
) -> AppResult<ClaimImportReport> {
    user.require(Capability::EditHealth)?;
    let total_rows = raw.len() as u64;
    if let Some(t) = ticket.as_deref() {
        t.set("checking", 0, total_rows);
    }
    let mut errors = RowErrors::new(CLAIM_COLUMNS);
    let parsed: Vec<Parsed> = raw.iter().filter_map(|r| parse_row(r, user, &mut errors)).collect();
    let people = people(db, user, &parsed).await?;
    let mut rules: BTreeMap<i32, Option<HealthRules>> = BTreeMap::new();
    let mut rows = Vec::with_capacity(parsed.len());
    let mut total = 0i64;
    for mut p in parsed {
        let year = p.input.discharged_on.year();
        if let std::collections::btree_map::Entry::Vacant(slot) = rules.entry(year) {
            slot.insert(settings::rules_of(db, year).await?);
        }
        let Some(place) = people.get(&p.card) else {
            errors.add(p.line, 0, "身份证号未登记或不在您的管辖范围");
            continue;
        };
        if rules.get(&year).is_none_or(Option::is_none) {
            errors.add(p.line, 5, settings::no_settings(year));
            continue;
        }
        p.input.member_id = MemberId(place.member_id);
        total = total.saturating_add(p.input.total_cost_fen.fen());
        rows.push((p, place));
    }
    let report = ClaimImportReport {
        rows: u64::try_from(raw.len()).unwrap_or(0),
        total_cost_fen: Fen::new(total),
        error_count: errors.count,
        errors: errors.into_sorted(),
        ..ClaimImportReport::default()
    };
    if !commit || report.error_count > 0 {
        if let Some(t) = ticket {
            t.done(total_rows);
        }
        return Ok(report);
    }
    if let Some(t) = ticket.as_deref() {
        t.set("writing", 0, total_rows);
    }
    let rules: HashMap<i32, HealthRules> = rules.into_iter().filter_map(|(y, r)| Some((y, r?))).collect();
    let report = in_txn(db, Some(user), async |txn| {
        let report = write(txn, user, &rows, &rules, report).await?;
        let summary = serde_json::json!({
            "rows": report.rows, "total_cost_fen": report.total_cost_fen, "recomputed": report.recomputed,
        });
        Ok((report, Event::new("import", "health_claim_import", "").after(&summary)))
    })
    .await?;
    // The next file's look-up of the claims on file must not plan against stale statistics.
    bulk::refresh_statistics(db, "health_claim", report.rows).await?;
    if let Some(t) = ticket {
        t.done(total_rows);
    }
    Ok(report)
}

/// Settles every person's year of the rows with the claims on file and writes it all.
async fn write(
    txn: &sea_orm::DatabaseTransaction,
    user: &CurrentUser,
    rows: &[(Parsed, &Place)],
    rules: &HashMap<i32, HealthRules>,
    mut report: ClaimImportReport,
) -> AppResult<ClaimImportReport> {
    let mut groups: BTreeMap<(i64, i32), Vec<usize>> = BTreeMap::new();
    for (i, (p, place)) in rows.iter().enumerate() {
        groups.entry((place.member_id, p.input.discharged_on.year())).or_default().push(i);
    }
    // Entries and corrections under way commit first and their claims are read below; those
    // begun meanwhile wait for this transaction.
    hold_settlement(txn, Settling::Anyone).await?;
    let on_file = claims_on_file(txn, &groups).await?;
    let mut fresh = Vec::with_capacity(rows.len());
    let reason = |_: i64| Some("结算单导入后重新计算".to_owned());
    let bump = |_: i64| true;
    for ((member_id, year), indexes) in &groups {
        let Some(rules) = rules.get(year) else { continue };
        let existing: Vec<health_claim::Model> = on_file.get(&(*member_id, *year)).cloned().unwrap_or_default();
        let new: Vec<_> = indexes.iter().filter_map(|i| rows.get(*i)).map(|(p, _)| p.input.layers()).collect();
        let (figures, moved) = settle_group(txn, rules, &existing, &new, &user.username, &reason, &bump).await?;
        report.recomputed += moved;
        for (i, f) in indexes.iter().zip(figures) {
            let Some((p, place)) = rows.get(*i) else { continue };
            let mut row = new_row_at(&p.input, place, p.input.hospital.clone());
            super::entry::set_figures(&mut row, &f);
            report.fallback_fen = Fen::new(report.fallback_fen.fen().saturating_add(f.fallback.fen()));
            report.supplementary_fen = Fen::new(report.supplementary_fen.fen().saturating_add(f.supplementary.fen()));
            fresh.push(row);
        }
    }
    crate::services::tallied::insert_in_bulk(txn, fresh).await?;
    Ok(ClaimImportReport { committed: true, ..report })
}

/// The claims on file of the people and years of `groups`, by (member, year).
async fn claims_on_file(
    db: &impl ConnectionTrait,
    groups: &BTreeMap<(i64, i32), Vec<usize>>,
) -> AppResult<HashMap<(i64, i32), Vec<health_claim::Model>>> {
    let mut members: Vec<i64> = groups.keys().map(|(m, _)| *m).collect();
    members.dedup();
    let mut on_file: HashMap<(i64, i32), Vec<health_claim::Model>> = HashMap::new();
    let backend = db.get_database_backend();
    for chunk in members.chunks(bulk::chunk_size(backend, BATCH)) {
        let of_these = bulk::one_of(backend, health_claim::Column::MemberId, chunk.iter().copied())?;
        let rows = health_claim::Entity::find().filter(of_these).all(db).await?;
        for row in rows.into_iter().filter(|r| groups.contains_key(&(r.member_id, r.year))) {
            on_file.entry((row.member_id, row.year)).or_default().push(row);
        }
    }
    Ok(on_file)
}
