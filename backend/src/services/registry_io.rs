//! The registry as a spreadsheet: the template, export with the list's filters, and import of
//! CSV or xlsx files — one row per member, grouped into households by the head's ID-card
//! number. A preview lists every row error; a commit writes everything in one transaction or
//! nothing. A head already on file updates that household instead of adding a second one.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use jingzhun_shared::newtypes::DisplayName;
use jingzhun_shared::registry::{HouseholdQuery, IMPORT_COLUMNS, ImportReport};
use jingzhun_shared::{
    HealthStatus, HouseholdCategory, HouseholdStatus, IdCardNo, Labour, OrgLevel, PovertyCause, Relation,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter,
    QuerySelect, TransactionTrait,
};

use crate::actor::CurrentUser;
use crate::entities::{household, member, org_unit};
use crate::error::{AppError, AppResult};
use crate::progress::ProgressBoard;
use crate::services::audit::{self, Event};
use crate::services::households::{WRITERS, causes_to_text};
use crate::services::sheet::{RawRow, RowErrors, xlsx_error};
use crate::services::{bulk, org_units};

/// Rows are looked up in batches of this many.
const BATCH: usize = 1_000;
/// Households and members are written in batches of this many (progress moves per batch).
const WRITE_BATCH: usize = 10_000;

fn parse_label<T: Copy + std::str::FromStr>(text: &str, labels: &[(&str, T)]) -> Option<T> {
    labels.iter().find(|(label, _)| *label == text).map(|(_, v)| *v).or_else(|| text.parse().ok())
}

const CATEGORIES: &[(&str, HouseholdCategory)] = &[
    ("低保户", HouseholdCategory::Dibao),
    ("低保", HouseholdCategory::Dibao),
    ("五保户", HouseholdCategory::Wubao),
    ("五保", HouseholdCategory::Wubao),
    ("一般贫困户", HouseholdCategory::General),
    ("一般户", HouseholdCategory::General),
];
pub const CAUSES: &[(&str, PovertyCause)] = &[
    ("因病", PovertyCause::Illness),
    ("因残", PovertyCause::Disability),
    ("因学", PovertyCause::Education),
    ("因灾", PovertyCause::Disaster),
    ("缺土地", PovertyCause::LackOfLand),
    ("缺水", PovertyCause::LackOfWater),
    ("缺技术", PovertyCause::LackOfSkills),
    ("缺劳力", PovertyCause::LackOfLabour),
    ("缺资金", PovertyCause::LackOfFunds),
    ("交通条件落后", PovertyCause::PoorTransport),
    ("自身发展动力不足", PovertyCause::LackOfDrive),
];
const RELATIONS: &[(&str, Relation)] = &[
    ("户主", Relation::Head),
    ("配偶", Relation::Spouse),
    ("子女", Relation::Child),
    ("父母", Relation::Parent),
    ("孙子女", Relation::Grandchild),
    ("兄弟姐妹", Relation::Sibling),
    ("其他", Relation::Other),
];
const HEALTH: &[(&str, HealthStatus)] = &[
    ("健康", HealthStatus::Healthy),
    ("长期慢性病", HealthStatus::Chronic),
    ("大病", HealthStatus::SeriousIllness),
    ("残疾", HealthStatus::Disabled),
];
const LABOUR: &[(&str, Labour)] = &[
    ("普通劳动力", Labour::Full),
    ("弱劳动力", Labour::Weak),
    ("丧失劳动力", Labour::Lost),
    ("无劳动力", Labour::NoCapacity),
];

fn label_of<T: PartialEq + Copy>(value: T, labels: &[(&'static str, T)]) -> &'static str {
    labels.iter().find(|(_, v)| *v == value).map_or("", |(l, _)| l)
}

/// A checked row.
struct Row {
    line: u64,
    village: i64,
    head: IdCardNo,
    category: HouseholdCategory,
    causes: Vec<PovertyCause>,
    phone: Option<String>,
    name: String,
    id_card: IdCardNo,
    relation: Relation,
    health: HealthStatus,
    labour: Labour,
}

#[derive(FromQueryResult)]
struct OnFile {
    id: i64,
    household_id: i64,
    id_card_no: String,
}

/// Checks `rows` and, with `commit`, writes them in one transaction.
pub async fn import(
    db: &DatabaseConnection,
    user: &CurrentUser,
    raw: Vec<RawRow>,
    commit: bool,
    board: &ProgressBoard,
    token: Option<&str>,
) -> AppResult<ImportReport> {
    user.require(WRITERS)?;
    let total = raw.len() as u64;
    board.set(token, "checking", 0, total);
    let villages: HashMap<String, org_unit::Model> = org_units::subtree(db, &user.org_path)
        .await?
        .into_iter()
        .filter(|u| u.level == OrgLevel::Village)
        .map(|u| (u.code.clone(), u))
        .collect();
    let mut errors = RowErrors::new(&IMPORT_COLUMNS);
    let mut rows = Vec::with_capacity(raw.len());
    let mut seen = HashSet::new();
    for (i, r) in raw.into_iter().enumerate() {
        if let Some(row) = check_row(&r, &villages, &mut errors, &mut seen) {
            rows.push(row);
        }
        if i % 10_000 == 0 {
            board.set(token, "checking", i as u64, total);
        }
    }
    // Households: the rows of one head, who must have a row of their own.
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        groups.entry(row.head.as_str().to_owned()).or_default().push(i);
    }
    for members in groups.values() {
        let first = &rows[members[0]];
        let heads = members.iter().filter(|i| rows[**i].relation == Relation::Head).count();
        if heads != 1
            || !members.iter().any(|i| rows[*i].id_card == rows[*i].head && rows[*i].relation == Relation::Head)
        {
            errors.add(first.line, 1, "每户须有且仅有一行“与户主关系”为户主，且其身份证号与户主身份证号相同");
        }
        for i in members {
            let row = &rows[*i];
            if row.village != first.village || row.category != first.category {
                errors.add(row.line, 0, "同一户各行的村编码和户类别须一致");
            }
        }
    }
    // What is on file already, by ID card, a thousand at a time.
    let cards: Vec<String> = rows.iter().map(|r| r.id_card.as_str().to_owned()).collect();
    let mut on_file: HashMap<String, OnFile> = HashMap::new();
    for chunk in cards.chunks(BATCH) {
        let found = member::Entity::find()
            .select_only()
            .columns([member::Column::Id, member::Column::HouseholdId, member::Column::IdCardNo])
            .filter(member::Column::IdCardNo.is_in(chunk.to_vec()))
            .into_model::<OnFile>()
            .all(db)
            .await?;
        on_file.extend(found.into_iter().map(|m| (m.id_card_no.clone(), m)));
    }
    let mut existing_household: HashMap<String, i64> = HashMap::new();
    for head in groups.keys() {
        if let Some(m) = on_file.get(head) {
            existing_household.insert(head.clone(), m.household_id);
        }
    }
    for row in &rows {
        if let Some(m) = on_file.get(row.id_card.as_str())
            && existing_household.get(row.head.as_str()) != Some(&m.household_id)
        {
            errors.add(row.line, 6, format!("该身份证号已在其他户（编号 {}）", m.household_id));
        }
    }
    // Existing households must be in the caller's scope.
    let existing_ids: Vec<i64> = existing_household.values().copied().collect();
    let mut visible = HashSet::new();
    for chunk in existing_ids.chunks(BATCH) {
        for h in household::Entity::find().filter(household::Column::Id.is_in(chunk.to_vec())).all(db).await? {
            if user.sees(&h.org_path) {
                visible.insert(h.id);
            }
        }
    }
    for (head, id) in &existing_household {
        if !visible.contains(id)
            && let Some(first) = groups.get(head).and_then(|g| g.first())
        {
            errors.add(rows[*first].line, 1, "该户不在您的管辖范围内");
        }
    }
    let mut report = ImportReport {
        committed: false,
        rows: total,
        households_new: (groups.len() - existing_household.len()) as u64,
        households_updated: existing_household.len() as u64,
        members_new: rows.iter().filter(|r| !on_file.contains_key(r.id_card.as_str())).count() as u64,
        members_updated: rows.iter().filter(|r| on_file.contains_key(r.id_card.as_str())).count() as u64,
        error_count: errors.count,
        errors: errors.into_sorted(),
    };
    if !commit || report.error_count > 0 {
        board.set(token, "done", total, total);
        return Ok(report);
    }
    board.set(token, "writing", 0, total);
    let txn = db.begin().await?;
    write(&txn, &rows, &groups, &existing_household, &on_file, &villages, board, token, total).await?;
    audit::record(
        &txn,
        Some(user),
        Event::new("import", "household", "").after(&serde_json::json!({
            "rows": report.rows, "households_new": report.households_new, "households_updated": report.households_updated,
            "members_new": report.members_new, "members_updated": report.members_updated,
        })),
    )
    .await?;
    txn.commit().await?;
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres && report.members_new > 10_000 {
        // A bulk load leaves the planner's statistics behind; refresh them now rather than
        // let the next import plan against an "empty" table.
        db.execute_unprepared("ANALYZE household; ANALYZE member").await?;
    }
    board.set(token, "done", total, total);
    report.committed = true;
    Ok(report)
}

fn check_row(
    r: &RawRow,
    villages: &HashMap<String, org_unit::Model>,
    errors: &mut RowErrors,
    seen: &mut HashSet<String>,
) -> Option<Row> {
    let cell = |i: usize| r.cells.get(i).map(String::as_str).unwrap_or_default();
    let before = errors.count;
    let village = villages.get(cell(0)).map(|v| v.id);
    if village.is_none() {
        errors.add(r.line, 0, format!("村编码 “{}” 不存在或不在您的管辖范围", cell(0)));
    }
    let head = IdCardNo::parse(cell(1)).map_err(|e| errors.add(r.line, 1, e.0)).ok();
    let category = parse_label(cell(2), CATEGORIES);
    if category.is_none() {
        errors.add(r.line, 2, "户类别须为 低保户、五保户 或 一般贫困户");
    }
    let mut causes = Vec::new();
    for word in cell(3).split(['、', ',', '，', ';', '；']).map(str::trim).filter(|w| !w.is_empty()) {
        match parse_label(word, CAUSES) {
            Some(c) => causes.push(c),
            None => errors.add(r.line, 3, format!("未知的致贫原因 “{word}”")),
        }
    }
    let phone = Some(cell(4).to_owned()).filter(|p| !p.is_empty());
    if phone.as_ref().is_some_and(|p| p.len() > 20 || !p.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '+')) {
        errors.add(r.line, 4, "电话号码只能包含数字、+ 或 -");
    }
    let name = DisplayName::parse(cell(5)).map_err(|e| errors.add(r.line, 5, e.0)).ok();
    let id_card = IdCardNo::parse(cell(6)).map_err(|e| errors.add(r.line, 6, e.0)).ok();
    if let Some(id) = &id_card
        && !seen.insert(id.as_str().to_owned())
    {
        errors.add(r.line, 6, "该身份证号在文件中重复");
    }
    let relation = parse_label(cell(7), RELATIONS);
    if relation.is_none() {
        errors.add(r.line, 7, "与户主关系须为 户主、配偶、子女、父母、孙子女、兄弟姐妹 或 其他");
    }
    let health = if cell(8).is_empty() { Some(HealthStatus::Healthy) } else { parse_label(cell(8), HEALTH) };
    if health.is_none() {
        errors.add(r.line, 8, "健康状况须为 健康、长期慢性病、大病 或 残疾");
    }
    let labour = if cell(9).is_empty() { Some(Labour::Full) } else { parse_label(cell(9), LABOUR) };
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

#[allow(clippy::too_many_arguments, reason = "one write phase over the checked import's parts")]
async fn write(
    txn: &impl ConnectionTrait,
    rows: &[Row],
    groups: &HashMap<String, Vec<usize>>,
    existing: &HashMap<String, i64>,
    on_file: &HashMap<String, OnFile>,
    villages: &HashMap<String, org_unit::Model>,
    board: &ProgressBoard,
    token: Option<&str>,
    total: u64,
) -> AppResult<()> {
    let by_id: HashMap<i64, &org_unit::Model> = villages.values().map(|v| (v.id, v)).collect();
    let now = Utc::now();
    // Existing households: attributes from the head's row.
    for (head, household_id) in existing {
        let Some(first) = groups.get(head).and_then(|g| g.iter().find(|i| rows[**i].relation == Relation::Head)) else {
            continue;
        };
        let row = &rows[*first];
        household::Entity::update_many()
            .col_expr(household::Column::Category, Expr::value(row.category.as_str()))
            .col_expr(household::Column::Causes, Expr::value(causes_to_text(&row.causes)))
            .col_expr(household::Column::Phone, Expr::value(row.phone.clone()))
            .col_expr(household::Column::HeadName, Expr::value(row.name.clone()))
            .col_expr(household::Column::Version, Expr::col(household::Column::Version).add(1))
            .filter(household::Column::Id.eq(*household_id))
            .exec(txn)
            .await?;
    }
    // New households, numbered after the last number of their village; their ids come back
    // from the insert itself, in order.
    let mut next_seq: HashMap<i64, u64> = HashMap::new();
    let mut new_ids: HashMap<&str, i64> = HashMap::new();
    let mut batch = Vec::new();
    let mut heads = Vec::new();
    let new_groups: Vec<(&String, &Vec<usize>)> = groups.iter().filter(|(h, _)| !existing.contains_key(*h)).collect();
    for (n, (head, members)) in new_groups.iter().enumerate() {
        let Some(head_row) = members.iter().map(|i| &rows[*i]).find(|r| r.relation == Relation::Head) else { continue };
        let village = by_id.get(&head_row.village).ok_or(AppError::NotFound)?;
        let seq = match next_seq.get_mut(&village.id) {
            Some(seq) => seq,
            None => {
                let last = crate::services::households::last_number_seq(txn, village).await?;
                next_seq.entry(village.id).or_insert(last)
            }
        };
        *seq += 1;
        heads.push(head.as_str());
        batch.push(household::ActiveModel {
            village_id: Set(village.id),
            township_id: Set(village.parent_id.unwrap_or(village.id)),
            org_path: Set(village.path.clone()),
            number: Set(format!("{}{:05}", village.code, seq)),
            head_name: Set(head_row.name.clone()),
            category: Set(head_row.category),
            status: Set(HouseholdStatus::Registered),
            exit_year: Set(None),
            removed_reason: Set(None),
            causes: Set(causes_to_text(&head_row.causes)),
            phone: Set(head_row.phone.clone()),
            latitude: Set(None),
            longitude: Set(None),
            version: Set(1),
            created_at: Set(now),
            ..Default::default()
        });
        if batch.len() == WRITE_BATCH || n + 1 == new_groups.len() {
            let ids = bulk::insert_returning_ids(txn, std::mem::take(&mut batch)).await?;
            new_ids.extend(std::mem::take(&mut heads).into_iter().zip(ids));
        }
    }
    // Members: update those on file, insert the rest.
    let mut inserts = Vec::new();
    for (written, row) in rows.iter().enumerate() {
        if let Some(m) = on_file.get(row.id_card.as_str()) {
            member::Entity::update_many()
                .col_expr(member::Column::Name, Expr::value(row.name.clone()))
                .col_expr(member::Column::Relation, Expr::value(row.relation.as_str()))
                .col_expr(member::Column::Health, Expr::value(row.health.as_str()))
                .col_expr(member::Column::Labour, Expr::value(row.labour.as_str()))
                .filter(member::Column::Id.eq(m.id))
                .exec(txn)
                .await?;
            continue;
        }
        let household_id = match existing.get(row.head.as_str()) {
            Some(id) => *id,
            None => new_ids
                .get(row.head.as_str())
                .copied()
                .ok_or_else(|| AppError::Internal("imported household missing".to_owned()))?,
        };
        inserts.push(member::ActiveModel {
            household_id: Set(household_id),
            name: Set(row.name.clone()),
            id_card_no: Set(row.id_card.as_str().to_owned()),
            sex: Set(row.id_card.sex()),
            birth_date: Set(row.id_card.birth_date()),
            relation: Set(row.relation),
            health: Set(row.health),
            labour: Set(row.labour),
            created_at: Set(now),
            ..Default::default()
        });
        if inserts.len() == WRITE_BATCH {
            bulk::insert(txn, std::mem::take(&mut inserts)).await?;
            board.set(token, "writing", written as u64, total);
        }
    }
    bulk::insert(txn, inserts).await?;
    Ok(())
}

/// The template: the header row, one example household and a sheet explaining the values.
pub fn template() -> AppResult<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("农户").map_err(xlsx_error)?;
    write_header(sheet)?;
    let example = [
        "341001001",
        "34100419800101001X",
        "一般贫困户",
        "因病、缺技术",
        "13900000000",
        "张三",
        "34100419800101001X",
        "户主",
        "健康",
        "普通劳动力",
    ];
    for (c, value) in example.iter().enumerate() {
        sheet.write_string(1, c as u16, *value).map_err(xlsx_error)?;
    }
    let help = book.add_worksheet();
    help.set_name("说明").map_err(xlsx_error)?;
    let notes = [
        "每行一位家庭成员；同一户各行填写相同的“户主身份证号”，其中一行“与户主关系”为户主。".to_owned(),
        "示例行的身份证号仅为格式示意，导入前请删除示例行。".to_owned(),
        format!("户类别：{}", CATEGORIES.iter().map(|(l, _)| *l).collect::<Vec<_>>().join("、")),
        format!("致贫原因（可多项，用“、”分隔）：{}", CAUSES.iter().map(|(l, _)| *l).collect::<Vec<_>>().join("、")),
        format!("与户主关系：{}", RELATIONS.iter().map(|(l, _)| *l).collect::<Vec<_>>().join("、")),
        format!("健康状况：{}", HEALTH.iter().map(|(l, _)| *l).collect::<Vec<_>>().join("、")),
        format!("劳动能力：{}", LABOUR.iter().map(|(l, _)| *l).collect::<Vec<_>>().join("、")),
        "户主身份证号已在册的户将被更新，而不是重复新增。".to_owned(),
    ];
    for (r, note) in notes.iter().enumerate() {
        help.write_string(r as u32, 0, note).map_err(xlsx_error)?;
    }
    book.save_to_buffer().map_err(xlsx_error)
}

fn write_header(sheet: &mut rust_xlsxwriter::Worksheet) -> AppResult<()> {
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for c in 0..IMPORT_COLUMNS.len() {
        sheet.set_column_width(c as u16, if c == 1 || c == 6 { 22 } else { 12 }).map_err(xlsx_error)?;
    }
    for (c, title) in IMPORT_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *title, &bold).map_err(xlsx_error)?;
    }
    Ok(())
}

/// Every member of the households the list would show, as the import reads them, in pages of
/// a thousand households so memory stays flat.
pub async fn export(db: &DatabaseConnection, user: &CurrentUser, query: HouseholdQuery) -> AppResult<Vec<u8>> {
    use crate::services::households;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory().map_err(xlsx_error)?;
    sheet.set_name("农户").map_err(xlsx_error)?;
    write_header(sheet)?;
    let mut line = 1u32;
    let mut page = 1u64;
    loop {
        let q = HouseholdQuery { page: Some(page), per_page: Some(200), ..query.clone() };
        let listed = households::list(db, user, q).await?;
        if listed.items.is_empty() {
            break;
        }
        let ids: Vec<i64> = listed.items.iter().map(|h| h.id.0).collect();
        let rows = household::Entity::find().filter(household::Column::Id.is_in(ids.clone())).all(db).await?;
        let members = member::Entity::find().filter(member::Column::HouseholdId.is_in(ids)).all(db).await?;
        let village_ids: Vec<i64> = rows.iter().map(|h| h.village_id).collect();
        let village_codes: HashMap<i64, String> = org_unit::Entity::find()
            .filter(org_unit::Column::Id.is_in(village_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.code))
            .collect();
        let masked = !user.role.sees_personal_data();
        for h in &rows {
            let members: Vec<&member::Model> = members.iter().filter(|m| m.household_id == h.id).collect();
            let head_card =
                members.iter().find(|m| m.relation == Relation::Head).map(|m| m.id_card_no.clone()).unwrap_or_default();
            let causes: Vec<&str> = crate::services::households::causes_from_text(&h.causes)
                .into_iter()
                .map(|c| label_of(c, CAUSES))
                .collect();
            for m in members {
                let show = |card: &str| if masked { jingzhun_shared::id_card::mask(card) } else { card.to_owned() };
                let cells = [
                    village_codes.get(&h.village_id).cloned().unwrap_or_default(),
                    show(&head_card),
                    label_of(h.category, CATEGORIES).to_owned(),
                    causes.join("、"),
                    h.phone.clone().unwrap_or_default(),
                    m.name.clone(),
                    show(&m.id_card_no),
                    label_of(m.relation, RELATIONS).to_owned(),
                    label_of(m.health, HEALTH).to_owned(),
                    label_of(m.labour, LABOUR).to_owned(),
                ];
                for (c, value) in cells.iter().enumerate() {
                    sheet.write_string(line, c as u16, value).map_err(xlsx_error)?;
                }
                line += 1;
            }
        }
        if page * 200 >= listed.total {
            break;
        }
        page += 1;
    }
    book.save_to_buffer().map_err(xlsx_error)
}
