//! Assistance payments from the civil-affairs bureau's sheet (民政发放表), matched by ID card on
//! the import machinery every per-member record shares
//! ([`crate::services::registry::record_import`]): the head's card pays the household, another
//! member's card pays that member. Each row is held to the form's rules; a file commits whole
//! or not at all.

use chrono::NaiveDate;
use jingzhun_shared::registry::{ImportQuery, RecordImportReport};
use jingzhun_shared::social_security::{ASSISTANCE_COLUMNS, AssistancePaymentInput, AssistancePaymentKind};
use jingzhun_shared::{Capability, HouseholdId, MemberId, Relation};
use sea_orm::DatabaseTransaction;

use super::payments::{check_fields, new_row};
use crate::actor::CurrentUser;
use crate::entities::assistance_payment;
use crate::error::AppResult;
use crate::progress::Ticket;
use crate::services::bulk;
use crate::services::registry::record_import::{
    Cells, MemberRow, RecordImport, Steps, import as run, keys_on_file, once,
};
use crate::services::sheet::{self, RawRow, RowErrors};
use crate::services::txn::Db;

/// The import's template, with one example row.
pub fn template() -> AppResult<Vec<u8>> {
    let example = ["34100419800101001X", "低保金", "2020", "2020年1-6月", "1950.00", "2020-06-30"];
    sheet::template("救助发放", &ASSISTANCE_COLUMNS, &example, &[])
}

fn parse(r: &RawRow, errors: &mut RowErrors, today: NaiveDate) -> Option<(AssistancePaymentInput, String)> {
    let before = errors.count;
    let mut c = Cells { row: r, errors };
    let kind: Option<AssistancePaymentKind> = c.label(1, "救助类别");
    let year = c.number(2, "年度");
    let period = c.text(3).to_owned();
    let amount = c.yuan(4, false).flatten();
    let paid_on = c.date(5, today, false).flatten();
    let (Some(kind), Some(year), Some(amount_fen), Some(paid_on)) = (kind, year, amount, paid_on) else {
        return None;
    };
    let input = AssistancePaymentInput {
        household_id: HouseholdId(0),
        member_id: None,
        kind,
        year,
        period,
        amount_fen,
        paid_on,
    };
    let column = |field: &str| match field {
        "year" => 2,
        "period" => 3,
        "amount_fen" => 4,
        _ => 5,
    };
    let period = check_fields(&mut |field, message| c.add(column(field), message), &input, today);
    (c.errors.count == before).then_some((input, period))
}

/// Checks the file and, with `commit`, writes every payment in one transaction, or nothing.
pub async fn import(
    db: &impl Db,
    user: &CurrentUser,
    raw: Vec<RawRow>,
    query: &ImportQuery,
    ticket: Option<&mut Ticket<'_>>,
) -> AppResult<RecordImportReport> {
    user.require(Capability::EditRegistry)?;
    let today = user.today;
    let parse = |r: &RawRow, e: &mut RowErrors| parse(r, e, today);
    let spec = RecordImport {
        columns: &ASSISTANCE_COLUMNS,
        entity: "assistance_payment",
        commit: query.commit,
        parse: &parse,
    };
    let write = async |txn: &DatabaseTransaction, rows: Vec<MemberRow<(AssistancePaymentInput, String)>>| {
        let rows = rows
            .into_iter()
            .map(|r| {
                let (m, h) = &r.member;
                let member_id = (m.relation != Relation::Head).then_some(MemberId(m.id));
                let input = AssistancePaymentInput { household_id: HouseholdId(h.id), member_id, ..r.value.0 };
                new_row(h, &input, r.value.1)
            })
            .collect();
        bulk::insert(txn, rows).await
    };
    // A household is paid for several periods and kinds, each once.
    let check = async |rows: &[MemberRow<(AssistancePaymentInput, String)>], errors: &mut RowErrors| {
        let on_file = keys_on_file::<assistance_payment::Entity, _, _>(
            db,
            rows,
            |r| r.member.1.id,
            assistance_payment::Column::HouseholdId,
            |p| (p.household_id, p.member_id, p.kind, p.year, p.period),
        )
        .await?;
        let key = |r: &MemberRow<(AssistancePaymentInput, String)>| {
            let (m, h) = &r.member;
            let member = (m.relation != Relation::Head).then_some(m.id);
            (h.id, member, r.value.0.kind, r.value.0.year, r.value.1.clone())
        };
        once(rows, on_file, key, errors, 3, "该期救助已发放（文件中重复或已登记）");
        Ok(())
    };
    run(db, user, raw, spec, ticket, Steps { check, write }).await
}
