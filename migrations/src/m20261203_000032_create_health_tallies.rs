//! Running tallies of the health figures, kept by the database itself.
//!
//! `health_claim_tally`: per org path, claim kind and discharge day (`whole_month` false) or
//! month (`whole_month` true, `day` its first day), how many claims and the sums of their cost,
//! out-of-pocket, fallback, supplement and commercial insurance.
//!
//! `health_people_tally`: per household org path and day or month, how the count of people on
//! file (members of registered or exited households, present on the day) and of those holding a
//! valid family-doctor signing changed on that day: +1 on the day a member joins (members who
//! joined before records began count from 0001-01-01), −1 on the day they leave; +1 on the first
//! day a signing covers a present member, −1 on the day after it stops covering them.
//!
//! A figure of any date sums the months before its month and the days of its month, so it reads
//! a few rows per village however many claims and people there are.
//!
//! Triggers keep both tables in the writing statement's own transaction, for every write to
//! `health_claim`, `member`, `household` (its status or org path) and `doctor_signing` — the
//! registry has many write paths (entry, imports, workflow, categories, village moves), and a
//! trigger cannot be forgotten by one of them. SQLite has row triggers only; PostgreSQL gets
//! statement triggers over transition tables, so a bulk import of 10,000 rows adds one grouped
//! upsert, not 10,000. Households are never deleted (members are deleted first if ever).
//! SQLite's row triggers cost about 30 µs a row, which would halve a bulk import: while a row
//! of `health_tally_paused` exists, the INSERT triggers of `member` and `health_claim` stand
//! aside, and the bulk writer (`services::health::tally::insert_in_bulk`) adds the new rows
//! with one grouped statement, all in one transaction (a SQLite writer is alone, so no other
//! writer can see the row). The tables are filled from the records on file at the end of `up`.

use sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The claim sums, column of `health_claim_tally` = what it adds of a claim.
const CLAIM_SUMS: [(&str, &str); 6] = [
    ("claims", "1"),
    ("total_cost_fen", "c.total_cost_fen"),
    ("out_of_pocket_fen", "c.out_of_pocket_fen"),
    ("fallback_fen", "c.fallback_fen"),
    ("supplementary_fen", "c.supplementary_fen"),
    ("commercial_fen", "c.commercial_fen"),
];

const ON_FILE: &str = "h.status IN ('registered', 'exited')";

/// The SQL that differs between the engines.
struct Dialect(DbBackend);

impl Dialect {
    fn postgres(&self) -> bool {
        self.0 == DbBackend::Postgres
    }

    fn day(&self, text: &str) -> String {
        if self.postgres() { format!("DATE '{text}'") } else { format!("'{text}'") }
    }

    fn next_day(&self, e: &str) -> String {
        if self.postgres() { format!("({e} + 1)") } else { format!("date({e}, '+1 day')") }
    }

    fn month(&self, e: &str) -> String {
        if self.postgres() {
            format!("CAST(date_trunc('month', {e}) AS DATE)")
        } else {
            format!("date({e}, 'start of month')")
        }
    }

    fn greatest(&self, a: &str, b: &str) -> String {
        if self.postgres() { format!("GREATEST({a}, {b})") } else { format!("MAX({a}, {b})") }
    }

    fn least(&self, a: &str, b: &str) -> String {
        if self.postgres() { format!("LEAST({a}, {b})") } else { format!("MIN({a}, {b})") }
    }

    /// Rows (org_path, day, on_file, signed) of members `m` of households `h` on file: +s the
    /// day they count from, −s the day they leave.
    fn presence(&self, m: &str, h: &str, s: i64) -> String {
        let from = format!("COALESCE(m.joined_on, {})", self.day("0001-01-01"));
        format!(
            "SELECT h.org_path AS org_path, {from} AS day, {s} AS on_file, 0 AS signed \
             FROM {m} m JOIN {h} h ON h.id = m.household_id WHERE {ON_FILE} \
             UNION ALL SELECT h.org_path, m.left_on, {neg}, 0 \
             FROM {m} m JOIN {h} h ON h.id = m.household_id WHERE {ON_FILE} AND m.left_on IS NOT NULL",
            neg = -s
        )
    }

    /// Rows of signings `g` of members `m` of households `h` on file: +s the first day a signing
    /// covers the present member, −s the day after the cover ends.
    fn signed(&self, m: &str, h: &str, g: &str, s: i64) -> String {
        let start = self.greatest("g.signed_on", &format!("COALESCE(m.joined_on, {})", self.day("0001-01-01")));
        let stop =
            self.least(&self.next_day("g.valid_to"), &format!("COALESCE(m.left_on, {})", self.day("9999-12-31")));
        let spans = format!(
            "SELECT h.org_path AS org_path, {start} AS start, {stop} AS stop \
             FROM {g} g JOIN {m} m ON m.id = g.member_id JOIN {h} h ON h.id = m.household_id WHERE {ON_FILE}"
        );
        format!(
            "SELECT x.org_path AS org_path, x.start AS day, 0 AS on_file, {s} AS signed FROM ({spans}) x WHERE x.start < x.stop \
             UNION ALL SELECT x.org_path, x.stop, 0, {neg} FROM ({spans}) x WHERE x.start < x.stop",
            neg = -s
        )
    }

    /// Adds `rows` (org_path, day, on_file, signed) to the people tally, by day and by month.
    fn add_people(&self, rows: &[String]) -> String {
        let month = self.month("c.day");
        format!(
            "INSERT INTO health_people_tally (org_path, whole_month, day, on_file, signed) \
             SELECT c.org_path, w.whole_month, CASE WHEN w.whole_month THEN {month} ELSE c.day END, \
             SUM(c.on_file), SUM(c.signed) \
             FROM ({}) c CROSS JOIN (SELECT FALSE AS whole_month UNION ALL SELECT TRUE) w \
             WHERE TRUE GROUP BY 1, 2, 3 \
             ON CONFLICT (org_path, whole_month, day) DO UPDATE SET \
             on_file = health_people_tally.on_file + excluded.on_file, \
             signed = health_people_tally.signed + excluded.signed",
            rows.join(" UNION ALL ")
        )
    }

    /// Adds claims `c` (sign `s`) to the claim tally, by day and by month.
    fn add_claims(&self, sources: &[(&str, i64)]) -> String {
        let rows: Vec<String> = sources
            .iter()
            .map(|(c, s)| {
                let sums: Vec<String> = CLAIM_SUMS.iter().map(|(col, e)| format!("({s}) * {e} AS {col}")).collect();
                format!("SELECT c.org_path, c.kind, c.discharged_on AS day, {} FROM {c} c", sums.join(", "))
            })
            .collect();
        let month = self.month("c.day");
        let cols: Vec<&str> = CLAIM_SUMS.iter().map(|(col, _)| *col).collect();
        let summed: Vec<String> = cols.iter().map(|col| format!("SUM(c.{col})")).collect();
        let set: Vec<String> =
            cols.iter().map(|col| format!("{col} = health_claim_tally.{col} + excluded.{col}")).collect();
        format!(
            "INSERT INTO health_claim_tally (org_path, kind, whole_month, day, {}) \
             SELECT c.org_path, c.kind, w.whole_month, CASE WHEN w.whole_month THEN {month} ELSE c.day END, {} \
             FROM ({}) c CROSS JOIN (SELECT FALSE AS whole_month UNION ALL SELECT TRUE) w \
             WHERE TRUE GROUP BY 1, 2, 3, 4 \
             ON CONFLICT (org_path, kind, whole_month, day) DO UPDATE SET {}",
            cols.join(", "),
            summed.join(", "),
            rows.join(" UNION ALL "),
            set.join(", ")
        )
    }
}

/// One write event: the table, the operation, and the statements that follow it, given the
/// names under which the old and the new rows can be read.
struct Event {
    table: &'static str,
    op: &'static str,
    /// Columns whose change matters (UPDATE only).
    watched: &'static [&'static str],
    body: fn(&Dialect, &str, &str) -> Vec<String>,
}

fn events() -> Vec<Event> {
    vec![
        Event { table: "health_claim", op: "INSERT", watched: &[], body: |d, _, new| vec![d.add_claims(&[(new, 1)])] },
        Event {
            table: "health_claim",
            op: "UPDATE",
            watched: &[
                "org_path",
                "kind",
                "discharged_on",
                "total_cost_fen",
                "out_of_pocket_fen",
                "fallback_fen",
                "supplementary_fen",
                "commercial_fen",
            ],
            body: |d, old, new| vec![d.add_claims(&[(old, -1), (new, 1)])],
        },
        Event { table: "health_claim", op: "DELETE", watched: &[], body: |d, old, _| vec![d.add_claims(&[(old, -1)])] },
        Event {
            table: "member",
            op: "INSERT",
            watched: &[],
            body: |d, _, new| vec![d.add_people(&[d.presence(new, "household", 1)])],
        },
        Event {
            table: "member",
            op: "UPDATE",
            watched: &["household_id", "joined_on", "left_on"],
            body: |d, old, new| {
                vec![d.add_people(&[
                    d.presence(old, "household", -1),
                    d.signed(old, "household", "doctor_signing", -1),
                    d.presence(new, "household", 1),
                    d.signed(new, "household", "doctor_signing", 1),
                ])]
            },
        },
        Event {
            table: "member",
            op: "DELETE",
            watched: &[],
            body: |d, old, _| {
                vec![
                    d.add_people(&[d.presence(old, "household", -1), d.signed(old, "household", "doctor_signing", -1)]),
                ]
            },
        },
        Event {
            table: "household",
            op: "UPDATE",
            watched: &["status", "org_path"],
            body: |d, old, new| {
                vec![d.add_people(&[
                    d.presence("member", old, -1),
                    d.signed("member", old, "doctor_signing", -1),
                    d.presence("member", new, 1),
                    d.signed("member", new, "doctor_signing", 1),
                ])]
            },
        },
        Event {
            table: "doctor_signing",
            op: "INSERT",
            watched: &[],
            body: |d, _, new| vec![d.add_people(&[d.signed("member", "household", new, 1)])],
        },
        Event {
            table: "doctor_signing",
            op: "UPDATE",
            watched: &["member_id", "signed_on", "valid_to"],
            body: |d, old, new| {
                vec![d.add_people(&[d.signed("member", "household", old, -1), d.signed("member", "household", new, 1)])]
            },
        },
        Event {
            table: "doctor_signing",
            op: "DELETE",
            watched: &[],
            body: |d, old, _| vec![d.add_people(&[d.signed("member", "household", old, -1)])],
        },
    ]
}

/// The columns of each watched table that the statements read.
fn columns(table: &str) -> &'static [&'static str] {
    match table {
        "health_claim" => &[
            "id",
            "org_path",
            "kind",
            "discharged_on",
            "total_cost_fen",
            "out_of_pocket_fen",
            "fallback_fen",
            "supplementary_fen",
            "commercial_fen",
        ],
        "member" => &["id", "household_id", "joined_on", "left_on"],
        "household" => &["id", "status", "org_path"],
        _ => &["id", "member_id", "signed_on", "valid_to"],
    }
}

fn name(e: &Event) -> String {
    format!("{}_{}_health_tally", e.table, e.op.to_lowercase())
}

/// A SQLite row trigger: the old and new rows as one-row subqueries.
fn sqlite_trigger(e: &Event) -> String {
    let row = |which: &str| {
        let cols: Vec<String> = columns(e.table).iter().map(|c| format!("{which}.{c} AS {c}")).collect();
        format!("(SELECT {})", cols.join(", "))
    };
    let (of, when) = if e.op == "INSERT" && matches!(e.table, "member" | "health_claim") {
        (String::new(), " WHEN NOT EXISTS (SELECT 1 FROM health_tally_paused)".to_owned())
    } else if e.watched.is_empty() {
        (String::new(), String::new())
    } else {
        let changed: Vec<String> = e.watched.iter().map(|c| format!("OLD.{c} IS NOT NEW.{c}")).collect();
        (format!(" OF {}", e.watched.join(", ")), format!(" WHEN {}", changed.join(" OR ")))
    };
    let body: Vec<String> = (e.body)(&Dialect(DbBackend::Sqlite), &row("OLD"), &row("NEW"));
    format!("CREATE TRIGGER {} AFTER {}{of} ON {}{when} BEGIN {}; END", name(e), e.op, e.table, body.join("; "))
}

/// A PostgreSQL statement trigger over the transition tables; on UPDATE only the rows whose
/// watched columns changed.
fn postgres_trigger(e: &Event) -> [String; 2] {
    let (old, new) = if e.op == "UPDATE" {
        let changed: Vec<String> = e.watched.iter().map(|c| format!("o.{c} IS DISTINCT FROM n.{c}")).collect();
        let pick = |side: &str| {
            format!("(SELECT {side}.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {})", changed.join(" OR "))
        };
        (pick("o"), pick("n"))
    } else {
        ("old_rows".to_owned(), "new_rows".to_owned())
    };
    let body: Vec<String> = (e.body)(&Dialect(DbBackend::Postgres), &old, &new);
    let referencing = match e.op {
        "INSERT" => "NEW TABLE AS new_rows",
        "DELETE" => "OLD TABLE AS old_rows",
        _ => "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    };
    let name = name(e);
    [
        format!(
            "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {}; RETURN NULL; END $$",
            body.join("; ")
        ),
        format!(
            "CREATE TRIGGER {name} AFTER {} ON {} REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
            e.op, e.table
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut claims = Table::create();
        claims
            .table("health_claim_tally")
            .col(string_len("org_path", 255))
            .col(string_len("kind", 32))
            .col(boolean("whole_month"))
            .col(date("day"));
        for (col, _) in CLAIM_SUMS {
            claims.col(big_integer(col).default(0));
        }
        claims.primary_key(Index::create().col("org_path").col("kind").col("whole_month").col("day"));
        manager.create_table(claims.to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table("health_people_tally")
                    .col(string_len("org_path", 255))
                    .col(boolean("whole_month"))
                    .col(date("day"))
                    .col(big_integer("on_file").default(0))
                    .col(big_integer("signed").default(0))
                    .primary_key(Index::create().col("org_path").col("whole_month").col("day"))
                    .to_owned(),
            )
            .await?;
        manager.create_table(Table::create().table("health_tally_paused").col(integer("paused")).to_owned()).await?;
        let backend = manager.get_database_backend();
        let db = manager.get_connection();
        for e in events() {
            if backend == DbBackend::Postgres {
                for statement in postgres_trigger(&e) {
                    db.execute_unprepared(&statement).await?;
                }
            } else {
                db.execute_unprepared(&sqlite_trigger(&e)).await?;
            }
        }
        let d = Dialect(backend);
        db.execute_unprepared(&d.add_claims(&[("health_claim", 1)])).await?;
        db.execute_unprepared(
            &d.add_people(&[
                d.presence("member", "household", 1),
                d.signed("member", "household", "doctor_signing", 1),
            ]),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        let db = manager.get_connection();
        for e in events() {
            let statements = if backend == DbBackend::Postgres {
                vec![
                    format!("DROP TRIGGER IF EXISTS {} ON {}", name(&e), e.table),
                    format!("DROP FUNCTION IF EXISTS {}()", name(&e)),
                ]
            } else {
                vec![format!("DROP TRIGGER IF EXISTS {}", name(&e))]
            };
            for statement in statements {
                db.execute_unprepared(&statement).await?;
            }
        }
        manager.drop_table(Table::drop().table("health_tally_paused").to_owned()).await?;
        manager.drop_table(Table::drop().table("health_people_tally").to_owned()).await?;
        manager.drop_table(Table::drop().table("health_claim_tally").to_owned()).await
    }
}
