//! A running tally of the registry's figures on any day, kept by the database itself.
//!
//! A household's status on a day is the `to` of its last dated change up to it
//! (`household_status_change`, the latest row of the latest day); its people are its members
//! present on the day (`joined_on` ≤ day < `left_on`). The registry's figures count households
//! and people by status and category, and the households that ever exited in each exit year.
//!
//! `registry_household_tally` holds each household's own contribution: per status (or `exit`
//! with its exit year) and day, how the count of households and of people changes on that day
//! (+1 on the day a span starts, −1 on the day it stops). `registry_tally` holds their sums per
//! org path, category, status, exit year and day (`whole_month` false) or month (`whole_month`
//! true, `day` its first day): a figure of any date sums the months before its month and the
//! days of its month, so it reads a few rows per village however large the registry.
//!
//! A household's contribution depends on all its changes and all its members at once, so a
//! write does not add a delta of its own rows: it *refreshes* the households it touched —
//! subtracts their stored contributions from `registry_tally`, recomputes them from the
//! records, stores them and adds them back. Triggers on `household_status_change`, `member` and
//! `household` (category, org path) refresh in the writing statement's own transaction; on
//! PostgreSQL a statement trigger refreshes the statement's households at once, after locking
//! their rows (two writers of one household must not both subtract its old contribution).
//!
//! Bulk writers (imports) stand the INSERT triggers aside with a row in
//! `registry_tally_paused`, put the touched households in `registry_tally_queue` and insert a
//! row into `registry_tally_flush`, whose trigger refreshes the queue in one grouped pass and
//! empties it, all in the writer's transaction. The tables are filled at the end of `up` the
//! same way.

use sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The condition that a household-id column is one of the households refreshed.
type Within<'a> = dyn Fn(&str) -> String + 'a;

/// The SQL that differs between the engines.
struct Dialect(DbBackend);

impl Dialect {
    fn postgres(&self) -> bool {
        self.0 == DbBackend::Postgres
    }

    fn day(&self, text: &str) -> String {
        if self.postgres() { format!("DATE '{text}'") } else { format!("'{text}'") }
    }

    fn year(&self, e: &str) -> String {
        if self.postgres() {
            format!("CAST(EXTRACT(YEAR FROM {e}) AS INTEGER)")
        } else {
            format!("CAST(strftime('%Y', {e}) AS INTEGER)")
        }
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

    /// The spans (household_id, status, exit_year, start, stop) of the households `within`: each
    /// status from its change to the next (`stop` NULL for the last; a change overtaken on its
    /// own day spans nothing), and for each exit year the first day the household exited in it
    /// (status `exit`, never stopping).
    fn spans(&self, within: &Within<'_>) -> String {
        format!(
            "SELECT x.household_id AS household_id, x.status AS status, 0 AS exit_year, x.start AS start, \
             x.stop AS stop FROM (SELECT c.household_id AS household_id, c.to_status AS status, \
             c.on_date AS start, LEAD(c.on_date) OVER (PARTITION BY c.household_id ORDER BY c.on_date, c.id) AS stop \
             FROM household_status_change c WHERE {}) x \
             WHERE x.stop IS NULL OR x.start < x.stop \
             UNION ALL SELECT c.household_id, 'exit', COALESCE(c.exit_year, {year}), MIN(c.on_date), CAST(NULL AS DATE) \
             FROM household_status_change c WHERE {} AND {to_status} = 'exited' \
             GROUP BY c.household_id, COALESCE(c.exit_year, {year})",
            within("c.household_id"),
            within("c.household_id"),
            year = self.year("c.on_date"),
            // SQLite would otherwise read the changes through their status index — every exit
            // of the province — and test each against the households; a unary plus keeps it on
            // the household index.
            to_status = if self.postgres() { "c.to_status" } else { "+c.to_status" }
        )
    }

    /// The contributions of the households `within` from their records, as rows of
    /// `registry_household_tally`: a span adds a household on its start and takes it away on
    /// its stop; each member present during part of a span adds a person on the first day of
    /// that part and takes them away on the day after its last.
    fn contributions(&self, within: &Within<'_>) -> String {
        let spans = self.spans(within);
        let joined = format!("COALESCE(m.joined_on, {})", self.day("0001-01-01"));
        let a = self.greatest(&joined, "s.start");
        let b = format!(
            "CASE WHEN m.left_on IS NULL THEN s.stop WHEN s.stop IS NULL THEN m.left_on ELSE {} END",
            self.least("m.left_on", "s.stop")
        );
        format!(
            "SELECT p.household_id, p.org_path, p.category, p.status, p.exit_year, \
             CASE WHEN e.sign = 1 THEN p.a ELSE p.b END AS day, \
             SUM(e.sign * p.households) AS households, SUM(e.sign * p.people) AS people \
             FROM (SELECT s.household_id AS household_id, h.org_path AS org_path, h.category AS category, \
             s.status AS status, s.exit_year AS exit_year, s.start AS a, s.stop AS b, 1 AS households, 0 AS people \
             FROM ({spans}) s JOIN household h ON h.id = s.household_id \
             UNION ALL SELECT s.household_id, h.org_path, h.category, s.status, s.exit_year, {a}, {b}, 0, 1 \
             FROM ({spans}) s JOIN household h ON h.id = s.household_id JOIN member m ON m.household_id = s.household_id\
             ) p CROSS JOIN (SELECT 1 AS sign UNION ALL SELECT -1) e \
             WHERE (p.b IS NULL OR p.a < p.b) AND (e.sign = 1 OR p.b IS NOT NULL) \
             GROUP BY 1, 2, 3, 4, 5, 6"
        )
    }

    /// Adds (`sign` 1) or takes away (−1) the stored contributions of the households `within`
    /// to or from `registry_tally`, by day and by month.
    fn add(&self, within: &Within<'_>, sign: i64) -> String {
        let month = self.month("t.day");
        let within = within("t.household_id");
        format!(
            "INSERT INTO registry_tally (org_path, category, status, exit_year, whole_month, day, households, people) \
             SELECT t.org_path, t.category, t.status, t.exit_year, w.whole_month, \
             CASE WHEN w.whole_month THEN {month} ELSE t.day END, \
             {sign} * SUM(t.households), {sign} * SUM(t.people) \
             FROM registry_household_tally t CROSS JOIN (SELECT FALSE AS whole_month UNION ALL SELECT TRUE) w \
             WHERE {within} GROUP BY 1, 2, 3, 4, 5, 6 \
             ON CONFLICT (org_path, category, status, exit_year, whole_month, day) DO UPDATE SET \
             households = registry_tally.households + excluded.households, \
             people = registry_tally.people + excluded.people"
        )
    }

    /// The statements that refresh the households `within`.
    fn refresh(&self, within: &Within<'_>) -> Vec<String> {
        let mut out = Vec::new();
        if self.postgres() {
            // NO KEY UPDATE: it serialises two refreshes of a household without conflicting
            // with the KEY SHARE lock an insert of its members or changes takes on it.
            out.push(format!("PERFORM 1 FROM household WHERE {} ORDER BY id FOR NO KEY UPDATE", within("id")));
        }
        out.push(self.add(within, -1));
        out.push(format!("DELETE FROM registry_household_tally WHERE {}", within("household_id")));
        out.push(format!(
            "INSERT INTO registry_household_tally (household_id, org_path, category, status, exit_year, day, \
             households, people) SELECT * FROM ({}) r WHERE r.households <> 0 OR r.people <> 0",
            self.contributions(within)
        ));
        out.push(self.add(within, 1));
        out
    }
}

/// One write event: the table, the operation, the columns whose change matters (UPDATE), and
/// the households it touches given the names of the old and new rows.
struct Event {
    table: &'static str,
    op: &'static str,
    watched: &'static [&'static str],
    /// Bulk writers stand this trigger aside (INSERT of changes and members).
    pausable: bool,
    touched: fn(&Dialect, &str, &str) -> String,
}

fn inserted(_: &Dialect, _: &str, new: &str) -> String {
    format!("SELECT household_id FROM {new} t")
}

fn deleted(_: &Dialect, old: &str, _: &str) -> String {
    format!("SELECT household_id FROM {old} t")
}

fn updated(_: &Dialect, old: &str, new: &str) -> String {
    format!("SELECT household_id FROM {old} t UNION SELECT household_id FROM {new} t")
}

fn events() -> Vec<Event> {
    let by_household = |op: &'static str, table: &'static str, watched: &'static [&'static str]| Event {
        table,
        op,
        watched,
        pausable: op == "INSERT",
        touched: match op {
            "INSERT" => inserted,
            "DELETE" => deleted,
            _ => updated,
        },
    };
    vec![
        by_household("INSERT", "household_status_change", &[]),
        by_household("UPDATE", "household_status_change", &["household_id", "to_status", "on_date", "exit_year"]),
        by_household("DELETE", "household_status_change", &[]),
        by_household("INSERT", "member", &[]),
        by_household("UPDATE", "member", &["household_id", "joined_on", "left_on"]),
        by_household("DELETE", "member", &[]),
        Event {
            table: "household",
            op: "UPDATE",
            watched: &["category", "org_path"],
            pausable: false,
            touched: |_, _, new| format!("SELECT id AS household_id FROM {new} t"),
        },
        Event {
            table: "registry_tally_flush",
            op: "INSERT",
            watched: &[],
            pausable: false,
            touched: |_, _, _| "SELECT household_id FROM registry_tally_queue".to_owned(),
        },
    ]
}

/// The columns of each watched table that the statements read.
fn columns(table: &str) -> &'static [&'static str] {
    match table {
        "household_status_change" => &["id", "household_id", "to_status", "on_date", "exit_year"],
        "member" => &["id", "household_id", "joined_on", "left_on"],
        "household" => &["id", "category", "org_path"],
        _ => &["id"],
    }
}

fn name(e: &Event) -> String {
    format!("{}_{}_registry_tally", e.table, e.op.to_lowercase())
}

/// After the flush's refresh, the queue and the flush row go, and any pause row (the bulk
/// writer removes it before flushing; a pause left behind would silence the INSERT triggers).
const FLUSHED: [&str; 3] =
    ["DELETE FROM registry_tally_queue", "DELETE FROM registry_tally_flush", "DELETE FROM registry_tally_paused"];

/// A SQLite row trigger: the old and new rows as one-row subqueries.
fn sqlite_trigger(e: &Event) -> String {
    let row = |which: &str| {
        let cols: Vec<String> = columns(e.table).iter().map(|c| format!("{which}.{c} AS {c}")).collect();
        format!("(SELECT {})", cols.join(", "))
    };
    let (of, when) = if e.pausable {
        (String::new(), " WHEN NOT EXISTS (SELECT 1 FROM registry_tally_paused)".to_owned())
    } else if e.watched.is_empty() {
        (String::new(), String::new())
    } else {
        let changed: Vec<String> = e.watched.iter().map(|c| format!("OLD.{c} IS NOT NEW.{c}")).collect();
        (format!(" OF {}", e.watched.join(", ")), format!(" WHEN {}", changed.join(" OR ")))
    };
    let d = Dialect(DbBackend::Sqlite);
    let set = (e.touched)(&d, &row("OLD"), &row("NEW"));
    let mut body = d.refresh(&|col| format!("{col} IN ({set})"));
    if e.table == "registry_tally_flush" {
        body.extend(FLUSHED.map(str::to_owned));
    }
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
    let d = Dialect(DbBackend::Postgres);
    let mut body = Vec::new();
    if e.pausable {
        body.push("IF EXISTS (SELECT 1 FROM registry_tally_paused) THEN RETURN NULL; END IF".to_owned());
    }
    // The households as an array: a transition table or the queue has no statistics, and a
    // join with it let the planner scan whole tables per statement; `= ANY` probes the indexes.
    let set = (e.touched)(&d, &old, &new);
    body.push(format!("ids := ARRAY(SELECT DISTINCT x.household_id FROM ({set}) x)"));
    if e.table != "registry_tally_flush" {
        // Most household updates change neither category nor village: nothing to refresh.
        body.push("IF cardinality(ids) = 0 THEN RETURN NULL; END IF".to_owned());
    }
    body.extend(d.refresh(&|col| format!("{col} = ANY(ids)")));
    if e.table == "registry_tally_flush" {
        body.extend(FLUSHED.map(str::to_owned));
    }
    let referencing = match e.op {
        "INSERT" => "NEW TABLE AS new_rows",
        "DELETE" => "OLD TABLE AS old_rows",
        _ => "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    };
    let name = name(e);
    [
        format!(
            "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE ids BIGINT[]; BEGIN {}; \
             RETURN NULL; END $$",
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
        manager
            .create_table(
                Table::create()
                    .table("registry_household_tally")
                    .col(big_integer("household_id"))
                    .col(string_len("org_path", 255))
                    .col(string_len("category", 32))
                    .col(string_len("status", 32))
                    .col(integer("exit_year"))
                    .col(date("day"))
                    .col(big_integer("households").default(0))
                    .col(big_integer("people").default(0))
                    .primary_key(Index::create().col("household_id").col("status").col("exit_year").col("day"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("registry_tally")
                    .col(string_len("org_path", 255))
                    .col(string_len("category", 32))
                    .col(string_len("status", 32))
                    .col(integer("exit_year"))
                    .col(boolean("whole_month"))
                    .col(date("day"))
                    .col(big_integer("households").default(0))
                    .col(big_integer("people").default(0))
                    .primary_key(
                        Index::create()
                            .col("org_path")
                            .col("category")
                            .col("status")
                            .col("exit_year")
                            .col("whole_month")
                            .col("day"),
                    )
                    .to_owned(),
            )
            .await?;
        manager.create_table(Table::create().table("registry_tally_paused").col(integer("paused")).to_owned()).await?;
        manager
            .create_table(
                Table::create().table("registry_tally_queue").col(big_integer("household_id").primary_key()).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("registry_tally_flush")
                    .col(integer("id").auto_increment().primary_key())
                    .to_owned(),
            )
            .await?;
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
        db.execute_unprepared("INSERT INTO registry_tally_queue (household_id) SELECT id FROM household").await?;
        db.execute_unprepared("INSERT INTO registry_tally_flush DEFAULT VALUES").await?;
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
        for table in [
            "registry_tally_flush",
            "registry_tally_queue",
            "registry_tally_paused",
            "registry_tally",
            "registry_household_tally",
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
