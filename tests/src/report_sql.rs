//! One hand-written SQL query per section of the annual report, over the same rows and scope
//! the section reads, as a yardstick for the section's own route in `bench report`: what a
//! person writing the figures straight in SQL would run. Each answers the section's main counts
//! and sums for the year 2020 at its end (not every derived rate); the same text runs on SQLite
//! and PostgreSQL (dates as ISO strings, enums as their stored snake_case words).

/// The whole district, or one township (its id and org path).
pub enum Scope {
    Whole,
    Township { id: i64, path: String },
}

impl Scope {
    /// `AND column = township` for a township, nothing for the whole district.
    fn and(&self, column: &str) -> String {
        match self {
            Scope::Whole => String::new(),
            Scope::Township { id, .. } => format!(" AND {column} = {id}"),
        }
    }

    /// `AND column LIKE 'path%'` for a township (for rows placed by org path only).
    fn under(&self, column: &str) -> String {
        match self {
            Scope::Whole => String::new(),
            Scope::Township { path, .. } => format!(" AND {column} LIKE '{path}%'"),
        }
    }
}

const START: &str = "'2020-01-01'";
const END: &str = "'2020-12-31'";

/// Members present at the year's end (the registry's one rule for counting people).
fn present(m: &str) -> String {
    format!("({m}.joined_on IS NULL OR {m}.joined_on <= {END}) AND ({m}.left_on IS NULL OR {m}.left_on > {END})")
}

type Sql = fn(&Scope) -> String;

/// The sections in the report's order, each with its query.
pub const SECTIONS: [(&str, Sql); 12] = [
    ("registry", registry),
    ("funds", funds),
    ("industry", industry),
    ("credit", credit),
    ("medical", medical),
    ("education", education),
    ("employment", employment),
    ("housing", housing),
    ("social_security", social_security),
    ("ecology", ecology),
    ("infrastructure", infrastructure),
    ("pairing", pairing),
];

/// Households and people by status at the year's end (each household's last dated change) and
/// category.
fn registry(s: &Scope) -> String {
    format!(
        "SELECT c.to_status, h.category, COUNT(*) AS households, SUM(p.n) AS people \
         FROM household h \
         JOIN household_status_change c ON c.household_id = h.id AND c.id = ( \
           SELECT c2.id FROM household_status_change c2 WHERE c2.household_id = h.id AND c2.on_date <= {END} \
           ORDER BY c2.on_date DESC, c2.id DESC LIMIT 1) \
         LEFT JOIN (SELECT m.household_id, COUNT(*) AS n FROM member m WHERE {} GROUP BY m.household_id) p \
           ON p.household_id = h.id \
         WHERE 1 = 1{} GROUP BY c.to_status, h.category",
        present("m"),
        s.and("h.township_id")
    )
}

fn funds(s: &Scope) -> String {
    format!(
        "SELECT kind, status, COUNT(*), SUM(budget_fen), SUM(spent_fen) FROM project \
         WHERE year = 2020{} GROUP BY kind, status",
        s.and("township_id")
    )
}

fn industry(s: &Scope) -> String {
    let t = s.and("township_id");
    format!(
        "SELECT (SELECT COUNT(*) FROM household WHERE status IN ('registered', 'exited'){t}) AS on_file, \
         (SELECT COUNT(DISTINCT household_id) FROM industry_subsidy WHERE year = 2020{t}) AS subsidised, \
         (SELECT COUNT(*) FROM industry_subsidy WHERE year = 2020{t}) AS subsidies, \
         (SELECT SUM(amount_fen) FROM industry_subsidy WHERE year = 2020{t}) AS subsidy_fen, \
         (SELECT COUNT(DISTINCT village_id) FROM project WHERE year = 2020 AND kind = 'industry'{t}) AS villages"
    )
}

/// New loans of the year, outstanding (lent less repaid up to the year's end), overdue, and
/// the households that ever borrowed.
fn credit(s: &Scope) -> String {
    let t = s.and("township_id");
    format!(
        "SELECT SUM(CASE WHEN issued_on >= {START} THEN amount_fen ELSE 0 END) AS new_fen, \
         COUNT(DISTINCT CASE WHEN issued_on >= {START} THEN household_id END) AS new_households, \
         SUM(amount_fen) AS lent, COUNT(DISTINCT household_id) AS borrowing, \
         SUM(CASE WHEN due_on < {END} THEN amount_fen ELSE 0 END) AS due_lent, \
         (SELECT SUM(principal_fen) FROM loan_repayment WHERE paid_on <= {END}{t}) AS repaid \
         FROM loan WHERE issued_on <= {END}{t}"
    )
}

/// Claims by kind, and the registered people on file with those signed with a family doctor.
fn medical(s: &Scope) -> String {
    let t = s.and("township_id");
    format!(
        "SELECT kind, COUNT(*), SUM(total_cost_fen), SUM(total_cost_fen - out_of_pocket_fen), SUM(fallback_fen), \
         SUM(supplementary_fen), SUM(commercial_fen), \
         (SELECT COUNT(*) FROM member m JOIN household h ON h.id = m.household_id \
           WHERE h.status = 'registered' AND {}{}) AS people, \
         (SELECT COUNT(DISTINCT member_id) FROM doctor_signing WHERE signed_on <= {END} AND valid_to >= {END}{t}) \
           AS signed \
         FROM health_claim WHERE year = 2020 AND discharged_on <= {END}{t} GROUP BY kind",
        present("m"),
        s.and("h.township_id")
    )
}

fn education(s: &Scope) -> String {
    format!(
        "SELECT stage, in_district, programme, COUNT(DISTINCT member_id), SUM(amount_fen) FROM student_aid \
         WHERE year = 2020 AND paid_on <= {END}{} GROUP BY stage, in_district, programme",
        s.and("township_id")
    )
}

fn employment(s: &Scope) -> String {
    format!(
        "SELECT kind, COUNT(DISTINCT member_id), SUM(monthly_wage_fen), MIN(monthly_wage_fen), \
         MAX(monthly_wage_fen) FROM employment \
         WHERE since <= {END} AND (until IS NULL OR until >= {START}){} GROUP BY kind",
        s.and("township_id")
    )
}

fn housing(s: &Scope) -> String {
    format!(
        "SELECT COUNT(*), SUM(CASE WHEN completed_on <= {END} THEN 1 ELSE 0 END), \
         SUM(CASE WHEN accepted_on <= {END} THEN 1 ELSE 0 END), SUM(cost_fen), SUM(subsidy_fen), \
         SUM(CASE WHEN completed_on <= {END} THEN government_top_up_fen ELSE 0 END) \
         FROM housing_renovation WHERE plan_year = 2020{}",
        s.and("township_id")
    )
}

/// 低保 and 五保 households with their people, and the year's payments by kind.
fn social_security(s: &Scope) -> String {
    format!(
        "SELECT h.category, COUNT(DISTINCT h.id), COUNT(*) FROM household h JOIN member m ON m.household_id = h.id \
         WHERE h.status = 'registered' AND h.category IN ('dibao', 'wubao') AND {}{} GROUP BY h.category \
         UNION ALL \
         SELECT kind, COUNT(DISTINCT household_id), COUNT(*) FROM assistance_payment \
         WHERE year = 2020 AND paid_on <= {END}{} GROUP BY kind",
        present("m"),
        s.and("h.township_id"),
        s.and("township_id")
    )
}

fn ecology(s: &Scope) -> String {
    format!(
        "SELECT programme, COUNT(DISTINCT household_id), SUM(area_mu_hundredths), SUM(amount_fen) \
         FROM ecology_compensation WHERE year = 2020 AND paid_on <= {END}{} GROUP BY programme",
        s.and("township_id")
    )
}

fn infrastructure(s: &Scope) -> String {
    format!(
        "SELECT org_unit_id, unit, COUNT(*), SUM(CASE WHEN status IN ('completed', 'accepted') THEN 1 ELSE 0 END), \
         SUM(budget_fen), SUM(quantity) FROM project WHERE year = 2020 AND kind = 'infrastructure'{} \
         GROUP BY org_unit_id, unit",
        s.and("township_id")
    )
}

/// The year's assistance logs by enterprise and kind, of pairings reaching the scope.
fn pairing(s: &Scope) -> String {
    let scoped = match s {
        Scope::Whole => String::new(),
        Scope::Township { .. } => format!(
            " AND l.pairing_id IN (SELECT pairing_id FROM pairing_village WHERE 1 = 1{} \
             UNION SELECT pairing_id FROM pairing_household WHERE 1 = 1{})",
            s.under("org_path"),
            s.under("org_path")
        ),
    };
    format!(
        "SELECT l.enterprise_id, l.kind, COUNT(*), SUM(l.amount_fen), SUM(l.count) FROM assistance_log l \
         WHERE l.date >= {START} AND l.date <= {END}{scoped} GROUP BY l.enterprise_id, l.kind"
    )
}
