//! The registry as a spreadsheet going out: the import template with its help sheet, and the
//! export of the households a list shows, one row per member as the import reads them.

use std::collections::HashMap;

use jingzhun_shared::registry::{HouseholdQuery, IMPORT_COLUMNS};
use jingzhun_shared::{Capability, HealthStatus, HouseholdCategory, Labour, PovertyCause, Relation};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::actor::CurrentUser;
use crate::entities::{household, member, org_unit};
use crate::error::{AppError, AppResult};
use crate::services::audit::{self, Event};
use crate::services::registry::household_list;
use crate::services::registry::households::causes_from_text;
use crate::services::registry::labels::all_labels;
use crate::services::sheet::xlsx_error;

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
        format!("户类别：{}", all_labels::<HouseholdCategory>()),
        format!("致贫原因（可多项，用“、”分隔）：{}", all_labels::<PovertyCause>()),
        format!("与户主关系：{}", all_labels::<Relation>()),
        format!("健康状况：{}", all_labels::<HealthStatus>()),
        format!("劳动能力：{}", all_labels::<Labour>()),
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

/// Households read per round trip of the export.
const EXPORT_BATCH: u64 = 500;

/// Every member of the households the list would show, as the import reads them, whole: for
/// writers only ([`Capability::ExportRegistry`], who see personal data). Read by keyset in
/// batches so memory stays flat and nothing is cut off, and recorded as one
/// `read_personal_data` event with the number of households and people handed out.
pub async fn export(db: &impl ConnectionTrait, user: &CurrentUser, query: HouseholdQuery) -> AppResult<Vec<u8>> {
    user.require(Capability::ExportRegistry)?;
    let select = household_list::filtered(db, user, &query).await?;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory().map_err(xlsx_error)?;
    sheet.set_name("农户").map_err(xlsx_error)?;
    write_header(sheet)?;
    let mut line = 1u32;
    let (mut households, mut last) = (0u64, 0i64);
    loop {
        let rows = select
            .clone()
            .filter(household::Column::Id.gt(last))
            .order_by_asc(household::Column::Id)
            .limit(EXPORT_BATCH)
            .all(db)
            .await?;
        let Some(newest) = rows.last() else { break };
        last = newest.id;
        households += u64::try_from(rows.len()).unwrap_or(u64::MAX);
        for cells in batch_lines(db, &rows).await? {
            for (c, value) in (0u16..).zip(cells.iter()) {
                sheet.write_string(line, c, value).map_err(xlsx_error)?;
            }
            line = line.checked_add(1).ok_or_else(|| AppError::field("_", "导出行数超过表格上限，请缩小范围"))?;
        }
    }
    let detail = serde_json::json!({ "households": households, "people": line - 1 });
    audit::record(db, Some(user), Event::new("read_personal_data", "household_export", households).after(&detail))
        .await?;
    book.save_to_buffer().map_err(xlsx_error)
}

/// The spreadsheet lines of one batch of households: one per member who has not left, head
/// first as filed (the sheet is the registry as it stands, so an import of it adds nobody who
/// left).
async fn batch_lines(db: &impl ConnectionTrait, rows: &[household::Model]) -> AppResult<Vec<[String; 10]>> {
    let ids: Vec<i64> = rows.iter().map(|h| h.id).collect();
    let members = member::Entity::find()
        .filter(member::Column::HouseholdId.is_in(ids))
        .filter(member::Column::LeftOn.is_null())
        .order_by_asc(member::Column::Id)
        .all(db)
        .await?;
    let village_ids: Vec<i64> = rows.iter().map(|h| h.village_id).collect();
    let village_codes: HashMap<i64, String> = org_unit::Entity::find()
        .filter(org_unit::Column::Id.is_in(village_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.code))
        .collect();
    let mut lines = Vec::new();
    for h in rows {
        let members: Vec<&member::Model> = members.iter().filter(|m| m.household_id == h.id).collect();
        let head_card =
            members.iter().find(|m| m.relation == Relation::Head).map(|m| m.id_card_no.clone()).unwrap_or_default();
        let causes: Vec<&str> = causes_from_text(&h.causes).into_iter().map(|c| c.zh()).collect();
        for m in members {
            lines.push([
                village_codes.get(&h.village_id).cloned().unwrap_or_default(),
                head_card.clone(),
                h.category.zh().to_owned(),
                causes.join("、"),
                h.phone.clone().unwrap_or_default(),
                m.name.clone(),
                m.id_card_no.clone(),
                m.relation.zh().to_owned(),
                m.health.zh().to_owned(),
                m.labour.zh().to_owned(),
            ]);
        }
    }
    Ok(lines)
}
