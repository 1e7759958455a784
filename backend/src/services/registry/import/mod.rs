//! The registry as a spreadsheet coming in: CSV or xlsx files, one row per member, grouped
//! into households by the head's ID-card number. A preview lists every row error; a commit
//! writes everything in one transaction or nothing, so an import cut short (a killed
//! process) leaves nothing of itself. A head already on file updates that household instead
//! of adding a second one: a cell the file leaves blank (causes, phone, health, labour) keeps
//! what is on file, and each household that changes gets its own audit event with before and
//! after ([`update`]).

use std::collections::{HashMap, HashSet};

use jingzhun_shared::newtypes::DisplayName;
use jingzhun_shared::registry::{IMPORT_COLUMNS, ImportQuery, ImportReport};
use jingzhun_shared::{
    Capability, HealthStatus, HouseholdCategory, HouseholdStatus, IdCardNo, Labour, OrgLevel, Phone, PovertyCause,
    Relation,
};
use sea_orm::{ConnectionTrait, FromQueryResult};

use crate::actor::CurrentUser;
use crate::entities::org_unit;
use crate::error::AppResult;
use crate::progress::Ticket;
use crate::services::audit::Event;
use crate::services::org::org_units;
use crate::services::registry::labels::{parse_category, parse_label};
use crate::services::sheet::{RawRow, RowErrors};
use crate::services::txn::{Db, in_txn};

mod checks;
mod update;
mod write;

use checks::{existing_households, group_households, members_on_file};
use write::write;

/// Rows are looked up in batches of this many.
const BATCH: usize = 1_000;
/// Households and members are written in batches of this many (progress moves per batch).
const WRITE_BATCH: usize = 10_000;

/// A checked row; `None` where the file leaves an optional cell blank.
struct Row {
    line: u64,
    village: i64,
    head: IdCardNo,
    category: HouseholdCategory,
    causes: Option<Vec<PovertyCause>>,
    phone: Option<String>,
    name: String,
    id_card: IdCardNo,
    relation: Relation,
    health: Option<HealthStatus>,
    labour: Option<Labour>,
}

#[derive(FromQueryResult)]
struct OnFile {
    household_id: i64,
    id_card_no: String,
}

/// Where an import reports its progress: the caller's ticket, if any, and the row count.
struct Progress<'a, 'b> {
    ticket: Option<&'a mut Ticket<'b>>,
    total: u64,
}

impl Progress<'_, '_> {
    fn set(&self, phase: &str, processed: u64) {
        if let Some(ticket) = self.ticket.as_deref() {
            ticket.set(phase, processed, self.total);
        }
    }

    fn done(&mut self) {
        if let Some(ticket) = self.ticket.as_deref_mut() {
            ticket.done(self.total);
        }
    }
}

/// What the checks learned, for the report and the write.
struct Checked {
    rows: Vec<Row>,
    /// The rows of each household, by the head's ID card.
    groups: HashMap<String, Vec<usize>>,
    /// Members already on file, by ID card.
    on_file: HashMap<String, OnFile>,
    /// Households already on file, by the head's ID card.
    existing: HashMap<String, i64>,
    villages: HashMap<String, org_unit::Model>,
}

/// Checks `rows` and, with `commit`, writes them in one transaction.
pub async fn import(
    db: &impl Db,
    user: &CurrentUser,
    raw: Vec<RawRow>,
    query: &ImportQuery,
    ticket: Option<&mut Ticket<'_>>,
) -> AppResult<ImportReport> {
    user.require(Capability::EditRegistry)?;
    // New households wait for their entry application, but in the district's initial load.
    let status = if query.initial_load {
        user.require(Capability::InitialLoad)?;
        HouseholdStatus::Registered
    } else {
        HouseholdStatus::Pending
    };
    let mut progress = Progress { ticket, total: raw.len() as u64 };
    progress.set("checking", 0);
    let mut errors = RowErrors::new(&IMPORT_COLUMNS);
    let c = check(db, user, raw, &mut errors, &progress).await?;
    let is_new = |r: &&Row| !c.on_file.contains_key(r.id_card.as_str());
    let mut report = ImportReport {
        committed: false,
        rows: progress.total,
        households_new: (c.groups.len() - c.existing.len()) as u64,
        households_updated: c.existing.len() as u64,
        members_new: c.rows.iter().filter(is_new).count() as u64,
        members_updated: c.rows.iter().filter(|r| !is_new(r)).count() as u64,
        error_count: errors.count,
        errors: errors.into_sorted(),
    };
    if !query.commit || report.error_count > 0 {
        progress.done();
        return Ok(report);
    }
    progress.set("writing", 0);
    let summary = serde_json::json!({
        "rows": report.rows, "households_new": report.households_new, "households_updated": report.households_updated,
        "members_new": report.members_new, "members_updated": report.members_updated,
    });
    in_txn(db, Some(user), async |txn| {
        update::update_existing(txn, user, &c).await?;
        write(txn, &c, status, user.today, &progress).await?;
        Ok(((), Event::new("import", "household", "").after(&summary)))
    })
    .await?;
    // The next import must not plan against an "empty" table.
    crate::services::bulk::refresh_statistics(db, "household", report.households_new).await?;
    crate::services::bulk::refresh_statistics(db, "member", report.members_new).await?;
    progress.done();
    report.committed = true;
    Ok(report)
}

/// Every check of the file against itself and against what is on file.
async fn check(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    raw: Vec<RawRow>,
    errors: &mut RowErrors,
    progress: &Progress<'_, '_>,
) -> AppResult<Checked> {
    let villages: HashMap<String, org_unit::Model> = org_units::subtree(db, &user.org_path)
        .await?
        .into_iter()
        .filter(|u| u.level == OrgLevel::Village)
        .map(|u| (u.code.clone(), u))
        .collect();
    let mut rows = Vec::with_capacity(raw.len());
    let mut seen = HashSet::new();
    for (i, r) in raw.into_iter().enumerate() {
        if let Some(row) = check_row(&r, &villages, errors, &mut seen) {
            rows.push(row);
        }
        if i % 10_000 == 0 {
            progress.set("checking", i as u64);
        }
    }
    let groups = group_households(&rows, errors);
    let on_file = members_on_file(db, &rows).await?;
    let existing = existing_households(db, user, &rows, &groups, &on_file, errors).await?;
    Ok(Checked { rows, groups, on_file, existing, villages })
}

fn check_row(
    r: &RawRow,
    villages: &HashMap<String, org_unit::Model>,
    errors: &mut RowErrors,
    seen: &mut HashSet<String>,
) -> Option<Row> {
    let cell = |i: usize| r.cells.get(i).map(String::as_str).unwrap_or_default();
    let before = errors.count;
    errors.add_unreadable_cells(r);
    let village = villages.get(cell(0)).map(|v| v.id);
    if village.is_none() {
        errors.add(r.line, 0, format!("村编码 “{}” 不存在或不在您的管辖范围", cell(0)));
    }
    let head = IdCardNo::parse(cell(1)).map_err(|e| errors.add(r.line, 1, e.0)).ok();
    let category = parse_category(cell(2));
    if category.is_none() {
        errors.add(r.line, 2, "户类别须为 低保户、五保户 或 一般贫困户");
    }
    let mut causes = Vec::new();
    for word in cell(3).split(['、', ',', '，', ';', '；']).map(str::trim).filter(|w| !w.is_empty()) {
        match parse_label(word) {
            Some(c) => causes.push(c),
            None => errors.add(r.line, 3, format!("未知的致贫原因 “{word}”")),
        }
    }
    let causes = (!causes.is_empty()).then_some(causes);
    let phone = Phone::parse_optional(Some(cell(4)))
        .map_err(|e| errors.add(r.line, 4, e.0))
        .ok()
        .flatten()
        .map(Phone::into_inner);
    let name = DisplayName::parse(cell(5)).map_err(|e| errors.add(r.line, 5, e.0)).ok();
    let id_card = IdCardNo::parse(cell(6)).map_err(|e| errors.add(r.line, 6, e.0)).ok();
    if let Some(id) = &id_card
        && !seen.insert(id.as_str().to_owned())
    {
        errors.add(r.line, 6, "该身份证号在文件中重复");
    }
    let relation = parse_label(cell(7));
    if relation.is_none() {
        errors.add(r.line, 7, "与户主关系须为 户主、配偶、子女、父母、孙子女、兄弟姐妹 或 其他");
    }
    let health = optional_label(cell(8));
    if health.is_none() {
        errors.add(r.line, 8, "健康状况须为 健康、长期慢性病、大病 或 残疾");
    }
    let labour = optional_label(cell(9));
    if labour.is_none() {
        errors.add(r.line, 9, "劳动能力须为 普通劳动力、弱劳动力、丧失劳动力 或 无劳动力");
    }
    if errors.count > before {
        return None;
    }
    Some(Row {
        line: r.line,
        village: village?,
        head: head?,
        category: category?,
        causes,
        phone,
        name: name?.into_inner(),
        id_card: id_card?,
        relation: relation?,
        health: health?,
        labour: labour?,
    })
}

/// A blank cell as `Some(None)`, a known label as `Some(Some(value))`, anything else `None`.
fn optional_label<T: jingzhun_shared::StringEnum>(text: &str) -> Option<Option<T>> {
    if text.is_empty() { Some(None) } else { parse_label(text).map(Some) }
}
