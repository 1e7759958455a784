//! Jobs from the human-resources bureau's spreadsheet (`EMPLOYMENT_COLUMNS`), matched to members
//! by ID card on the import machinery every per-member record shares
//! ([`crate::services::registry::record_import`]); each row is held to the form's rules. A base job
//! names its base by name in the employer column.

use std::collections::HashMap;

use jingzhun_shared::employment::{EMPLOYMENT_COLUMNS, EmploymentInput, EmploymentKind};
use jingzhun_shared::registry::{ImportQuery, RecordImportReport};
use jingzhun_shared::{Capability, EmploymentBaseId, Fen, MemberId};
use sea_orm::{DatabaseTransaction, EntityTrait};

use super::jobs::{check_fields, new_row};
use crate::actor::CurrentUser;
use crate::entities::employment_base;
use crate::error::AppResult;
use crate::progress::Ticket;
use crate::services::bulk;
use crate::services::registry::record_import::{Cells, MemberRow, RecordImport, Steps, import as run};
use crate::services::sheet::{RawRow, RowErrors};
use crate::services::txn::Db;

/// The import's template, with one example row.
pub fn template() -> AppResult<Vec<u8>> {
    let example = ["34100419800101001X", "外出务工", "浙江某电子厂", "2020-03-01", "", "3500.00"];
    crate::services::sheet::template("就业", &EMPLOYMENT_COLUMNS, &example, &[])
}

/// The column each field of a job is read from.
fn column(field: &str) -> usize {
    match field {
        "kind" => 1,
        "employer" | "base_id" => 2,
        "since" => 3,
        "until" => 4,
        _ => 5,
    }
}

fn parse(
    r: &RawRow,
    errors: &mut RowErrors,
    bases: &HashMap<String, employment_base::Model>,
    today: chrono::NaiveDate,
) -> Option<(EmploymentInput, String)> {
    let before = errors.count;
    let mut c = Cells { row: r, errors };
    let kind: Option<EmploymentKind> = c.label(1, "就业类型");
    let named = c.text(2).to_owned();
    let since = c.date(3, today, false).flatten();
    let until = c.date(4, chrono::NaiveDate::MAX, true);
    let wage = c.yuan(5, false).flatten();
    let (Some(kind), Some(since)) = (kind, since) else {
        return None;
    };
    let base = (kind == EmploymentKind::BaseJob).then(|| bases.get(&named)).flatten();
    // A wage or end date already refused stands in as one that passes, so the row's other
    // problems are still named.
    let input = EmploymentInput {
        member_id: MemberId(0),
        kind,
        employer: named,
        base_id: base.map(|b| EmploymentBaseId(b.id)),
        since,
        until: until.flatten(),
        monthly_wage_fen: wage.unwrap_or(Fen::new(1)),
    };
    let employer = check_fields(&mut |field, message| c.add(column(field), message), &input, base, today);
    (c.errors.count == before).then_some((input, employer))
}

/// Checks the file and, with `commit`, writes every job in one transaction, or nothing.
pub async fn import(
    db: &impl Db,
    user: &CurrentUser,
    raw: Vec<RawRow>,
    query: &ImportQuery,
    ticket: Option<&mut Ticket<'_>>,
) -> AppResult<RecordImportReport> {
    user.require(Capability::EditRegistry)?;
    let bases: HashMap<String, employment_base::Model> =
        employment_base::Entity::find().all(db).await?.into_iter().map(|b| (b.name.clone(), b)).collect();
    let today = user.today;
    let parse = |r: &RawRow, e: &mut RowErrors| parse(r, e, &bases, today);
    let spec = RecordImport { columns: &EMPLOYMENT_COLUMNS, entity: "employment", commit: query.commit, parse: &parse };
    let write = async |txn: &DatabaseTransaction, rows: Vec<MemberRow<(EmploymentInput, String)>>| {
        let rows = rows.into_iter().map(|r| new_row(&r.member, &r.value.0, r.value.1)).collect();
        bulk::insert(txn, rows).await
    };
    // A person may hold several jobs: nothing to check between rows.
    let check = async |_: &[MemberRow<(EmploymentInput, String)>], _: &mut RowErrors| Ok(());
    run(db, user, raw, spec, ticket, Steps { check, write }).await
}
