//! Housing checks (房屋安全鉴定表) and renovations (危房改造台账) from the housing bureau's
//! sheets, on the import machinery every per-member record shares
//! ([`crate::services::registry::record_import`]). A house belongs to the household, so a row
//! names the household by its head's ID card; another member's card is a row error. Each row is
//! held to the form's rules; a file commits whole or not at all. Photos are added on the page.

use chrono::NaiveDate;
use jingzhun_shared::housing::{
    HOUSING_CHECK_COLUMNS, HousingCheckInput, HousingGrade, RENOVATION_COLUMNS, RenovationInput, RenovationKind,
};
use jingzhun_shared::registry::{ImportQuery, RecordImportReport};
use jingzhun_shared::{Capability, HouseholdId, Relation};
use sea_orm::DatabaseTransaction;

use super::{checks, renovations};
use crate::actor::CurrentUser;
use crate::entities::{housing_check, housing_renovation};
use crate::error::AppResult;
use crate::progress::Ticket;
use crate::services::bulk;
use crate::services::registry::record_import::{
    Cells, MemberRow, RecordImport, Steps, import as run, keys_on_file, once,
};
use crate::services::sheet::{self, RawRow, RowErrors};
use crate::services::txn::Db;

/// The housing-check import's template, with one example row.
pub fn check_template() -> AppResult<Vec<u8>> {
    sheet::template("房屋鉴定", &HOUSING_CHECK_COLUMNS, &["34100419800101001X", "2020-04-15", "B级", ""], &[])
}

/// The renovation import's template, with one example row.
pub fn renovation_template() -> AppResult<Vec<u8>> {
    let example = ["34100419800101001X", "2020", "修缮加固", "30000.00", "20000.00", "2020-08-30", "2020-09-10"];
    sheet::template("危房改造", &RENOVATION_COLUMNS, &example, &[])
}

/// Only the head's card names a household.
async fn heads_only<T>(rows: &[MemberRow<T>], errors: &mut RowErrors) -> AppResult<()> {
    for r in rows.iter().filter(|r| r.member.0.relation != Relation::Head) {
        errors.add(r.line, 0, "请填写户主的身份证号（该号码是户内其他成员的）");
    }
    Ok(())
}

fn check_row(r: &RawRow, errors: &mut RowErrors, today: NaiveDate) -> Option<(HousingCheckInput, Option<String>)> {
    let before = errors.count;
    let mut c = Cells { row: r, errors };
    let checked_on = c.date(1, today, false).flatten();
    let grade: Option<HousingGrade> = c.label(2, "鉴定等级");
    let note = Some(c.text(3).to_owned());
    let (Some(checked_on), Some(grade)) = (checked_on, grade) else {
        return None;
    };
    let input = HousingCheckInput { household_id: HouseholdId(0), checked_on, grade, note };
    let column = |field: &str| if field == "note" { 3 } else { 1 };
    let note = checks::check_fields(&mut |field, message| c.add(column(field), message), &input, today);
    (c.errors.count == before).then_some((input, note))
}

/// Checks a housing-check file and, with `commit`, writes every check in one transaction, or
/// nothing.
pub async fn import_checks(
    db: &impl Db,
    user: &CurrentUser,
    raw: Vec<RawRow>,
    query: &ImportQuery,
    ticket: Option<&mut Ticket<'_>>,
) -> AppResult<RecordImportReport> {
    user.require(Capability::EditRegistry)?;
    let today = user.today;
    let parse = |r: &RawRow, e: &mut RowErrors| check_row(r, e, today);
    let spec =
        RecordImport { columns: &HOUSING_CHECK_COLUMNS, entity: "housing_check", commit: query.commit, parse: &parse };
    let write = async |txn: &DatabaseTransaction, rows: Vec<MemberRow<(HousingCheckInput, Option<String>)>>| {
        let rows = rows.into_iter().map(|r| checks::new_row(&r.member.1, &r.value.0, r.value.1)).collect();
        bulk::insert(txn, rows).await
    };
    // A household is appraised once a day.
    let check = async |rows: &[MemberRow<(HousingCheckInput, Option<String>)>], errors: &mut RowErrors| {
        heads_only(rows, errors).await?;
        let on_file = keys_on_file::<housing_check::Entity, _, _>(
            db,
            rows,
            |r| r.member.1.id,
            housing_check::Column::HouseholdId,
            |c| (c.household_id, c.checked_on),
        )
        .await?;
        let key = |r: &MemberRow<(HousingCheckInput, Option<String>)>| (r.member.1.id, r.value.0.checked_on);
        once(rows, on_file, key, errors, 1, "该户当天已有鉴定记录（文件中重复或已登记）");
        Ok(())
    };
    run(db, user, raw, spec, ticket, Steps { check, write }).await
}

fn renovation_row(r: &RawRow, errors: &mut RowErrors, today: NaiveDate) -> Option<RenovationInput> {
    let before = errors.count;
    let mut c = Cells { row: r, errors };
    let plan_year = c.number(1, "计划年度");
    let kind: Option<RenovationKind> = c.label(2, "改造方式");
    let cost = c.yuan(3, false).flatten();
    let subsidy = c.yuan(4, false).flatten();
    let completed_on = c.date(5, today, true);
    let accepted_on = c.date(6, today, true);
    let (Some(plan_year), Some(kind), Some(cost_fen), Some(subsidy_fen), Some(completed_on), Some(accepted_on)) =
        (plan_year, kind, cost, subsidy, completed_on, accepted_on)
    else {
        return None;
    };
    let input = RenovationInput {
        household_id: HouseholdId(0),
        plan_year,
        kind,
        cost_fen,
        subsidy_fen,
        completed_on,
        accepted_on,
        version: None,
    };
    let column = |field: &str| match field {
        "plan_year" => 1,
        "cost_fen" => 3,
        "subsidy_fen" => 4,
        "completed_on" => 5,
        _ => 6,
    };
    renovations::check_fields(&mut |field, message| c.add(column(field), message), &input, today);
    (c.errors.count == before).then_some(input)
}

/// Checks a renovation file and, with `commit`, writes every renovation in one transaction, or
/// nothing.
pub async fn import_renovations(
    db: &impl Db,
    user: &CurrentUser,
    raw: Vec<RawRow>,
    query: &ImportQuery,
    ticket: Option<&mut Ticket<'_>>,
) -> AppResult<RecordImportReport> {
    user.require(Capability::EditRegistry)?;
    let today = user.today;
    let parse = |r: &RawRow, e: &mut RowErrors| renovation_row(r, e, today);
    let spec = RecordImport {
        columns: &RENOVATION_COLUMNS,
        entity: "housing_renovation",
        commit: query.commit,
        parse: &parse,
    };
    let write = async |txn: &DatabaseTransaction, rows: Vec<MemberRow<RenovationInput>>| {
        bulk::insert(txn, rows.iter().map(|r| renovations::new_row(&r.member.1, &r.value)).collect()).await
    };
    // A household's renovation of one kind is planned once a year.
    let check = async |rows: &[MemberRow<RenovationInput>], errors: &mut RowErrors| {
        heads_only(rows, errors).await?;
        let on_file = keys_on_file::<housing_renovation::Entity, _, _>(
            db,
            rows,
            |r| r.member.1.id,
            housing_renovation::Column::HouseholdId,
            |p| (p.household_id, p.plan_year, p.kind),
        )
        .await?;
        let key = |r: &MemberRow<RenovationInput>| (r.member.1.id, r.value.plan_year, r.value.kind);
        once(rows, on_file, key, errors, 2, "该户该年度已有此方式的改造（文件中重复或已登记）");
        Ok(())
    };
    run(db, user, raw, spec, ticket, Steps { check, write }).await
}
