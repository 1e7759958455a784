//! The settlement import template and the year's claims ledger (台账) as xlsx: one row per
//! claim in discharge order with every layer, then the totals of those rows.

use jingzhun_shared::Capability;
use jingzhun_shared::health::{CLAIM_COLUMNS, ClaimLedgerQuery};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{health_claim, member};
use crate::error::AppResult;
use crate::services::by_ids;
use crate::services::org::org_units;
use crate::services::sheet::{self, xlsx_error};

/// The import template: the header and one example row.
pub fn template() -> AppResult<Vec<u8>> {
    let example = [
        "34100419800101001X",
        "住院",
        "区人民医院",
        "县级医院",
        "2020-05-01",
        "2020-05-10",
        "20000.00",
        "19000.00",
        "12000.00",
        "2000.00",
        "1000.00",
        "",
    ];
    sheet::template("结算", CLAIM_COLUMNS, &example, &[])
}

const LEDGER_COLUMNS: [&str; 16] = [
    "姓名",
    "身份证号",
    "类别",
    "医院",
    "医院级别",
    "入院日期",
    "出院日期",
    "医疗总费用",
    "合规费用",
    "基本医保",
    "大病保险",
    "医疗救助",
    "补充商业保险",
    "“351”兜底",
    "“180”补充",
    "个人自付",
];

/// The year's claims of the caller's subtree (or a unit inside it), in discharge order.
pub async fn ledger(db: &impl ConnectionTrait, user: &CurrentUser, query: ClaimLedgerQuery) -> AppResult<Vec<u8>> {
    user.require(Capability::ReadHealth)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let claims = health_claim::Entity::find()
        .filter(health_claim::Column::Year.eq(query.year))
        .filter(health_claim::Column::OrgPath.starts_with(&unit.path))
        .order_by_asc(health_claim::Column::DischargedOn)
        .order_by_asc(health_claim::Column::Id)
        .all(db)
        .await?;
    let people = by_ids::<member::Entity>(db, claims.iter().map(|c| c.member_id).collect(), |m| m.id).await?;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("健康扶贫台账").map_err(xlsx_error)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let money = rust_xlsxwriter::Format::new().set_num_format("#,##0.00");
    sheet
        .write_string_with_format(0, 0, format!("{} {} 年健康扶贫结算台账", unit.name, query.year), &bold)
        .map_err(xlsx_error)?;
    for (c, h) in LEDGER_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(1, u16::try_from(c).unwrap_or(u16::MAX), *h, &bold).map_err(xlsx_error)?;
    }
    let mut sums = [0i64; 9];
    let mut line = 2u32;
    for c in &claims {
        let person = people.get(&c.member_id);
        let texts = [
            person.map(|m| m.name.clone()).unwrap_or_default(),
            person.map(|m| m.id_card_no.clone()).unwrap_or_default(),
            c.kind.zh().to_owned(),
            c.hospital.clone(),
            c.hospital_level.zh().to_owned(),
            c.admitted_on.to_string(),
            c.discharged_on.to_string(),
        ];
        for (col, text) in texts.iter().enumerate() {
            sheet.write_string(line, u16::try_from(col).unwrap_or(u16::MAX), text).map_err(xlsx_error)?;
        }
        let amounts = [
            c.total_cost_fen,
            c.compliant_cost_fen,
            c.basic_insurance_fen,
            c.critical_illness_fen,
            c.medical_assistance_fen,
            c.commercial_fen,
            c.fallback_fen,
            c.supplementary_fen,
            c.out_of_pocket_fen,
        ];
        for (i, (fen, sum)) in amounts.iter().zip(sums.iter_mut()).enumerate() {
            *sum = sum.saturating_add(*fen);
            let col = u16::try_from(7 + i).unwrap_or(u16::MAX);
            sheet.write_number_with_format(line, col, yuan(*fen), &money).map_err(xlsx_error)?;
        }
        line = line.saturating_add(1);
    }
    sheet.write_string_with_format(line, 0, format!("合计 {} 笔", claims.len()), &bold).map_err(xlsx_error)?;
    for (i, sum) in sums.iter().enumerate() {
        let col = u16::try_from(7 + i).unwrap_or(u16::MAX);
        sheet.write_number_with_format(line, col, yuan(*sum), &money).map_err(xlsx_error)?;
    }
    book.save_to_buffer().map_err(xlsx_error)
}

/// Fen as 元 for a spreadsheet cell (display only; every sum above is in fen).
#[allow(clippy::as_conversions, clippy::cast_precision_loss, reason = "a display value; sums are kept in fen")]
fn yuan(fen: i64) -> f64 {
    fen as f64 / 100.0
}
