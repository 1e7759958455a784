//! The report's sections in the office's own phrasing ("共安排扶贫项目81个，资金2531.239万元"):
//! one paragraph a family, only for the sections the server answered; the ones left out are
//! named at the end. Above them, links from the figures to the records behind them.

use jingzhun_shared::reports::AnnualReport;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::Page;
use crate::components::wan;
use crate::pages::funds::percent;

/// A section: its title and its sentences.
fn part(title: &'static str, sentences: Vec<String>) -> AnyView {
    view! {
        <section class="report-section card">
            <h2>{title}</h2>
            {sentences.into_iter().map(|s| view! { <p>{s}</p> }).collect_view()}
        </section>
    }
    .into_any()
}

/// `percent` without the space the tables use: "85.77%".
fn pct(bp: i64) -> String {
    percent(bp).replace(' ', "")
}

fn registry(r: &AnnualReport) -> Option<AnyView> {
    let g = r.registry.as_ref()?;
    Some(part(
        "建档立卡",
        vec![
            format!(
                "建档立卡贫困户{}户{}人，已脱贫{}户{}人，未脱贫{}户{}人。",
                g.households,
                g.people,
                g.exited_households,
                g.exited_people,
                g.remaining_households,
                g.remaining_people
            ),
            format!(
                "贫困村{}个，已出列{}个；预脱贫{}户{}人，监测户{}户。",
                g.poor_villages, g.exited_villages, g.pre_exit_households, g.pre_exit_people, g.monitored_households
            ),
        ],
    ))
}

fn funds(r: &AnnualReport) -> Option<AnyView> {
    let f = r.funds.as_ref()?;
    Some(part(
        "资金项目",
        vec![
            format!(
                "共安排扶贫项目{}个，资金{}万元；其中产业项目{}个，资金{}万元，占{}。",
                f.projects,
                wan(f.budget_fen),
                f.industry_projects,
                wan(f.industry_budget_fen),
                pct(f.industry_share_bp)
            ),
            format!(
                "开工{}个，开工率{}；完工{}个，完工率{}；支出资金{}万元，支出率{}。",
                f.started,
                pct(f.start_rate_bp),
                f.completed,
                pct(f.completion_rate_bp),
                wan(f.spent_fen),
                pct(f.expenditure_rate_bp)
            ),
        ],
    ))
}

fn industry(r: &AnnualReport) -> Option<AnyView> {
    let i = r.industry.as_ref()?;
    Some(part(
        "产业扶贫",
        vec![
            format!(
                "发放产业奖补{}笔{}万元，覆盖{}户，覆盖率{}。",
                i.subsidies,
                wan(i.subsidy_fen),
                i.households_with_subsidy,
                pct(i.household_coverage_bp)
            ),
            format!(
                "新型经营主体{}个，带动{}户；光伏电站{}座，装机{}千瓦，收益{}万元，分配{}万元。",
                i.business_entities,
                i.entity_households,
                i.pv_stations,
                i.pv_capacity_kw,
                wan(i.pv_income_fen),
                wan(i.pv_distributed_fen)
            ),
        ],
    ))
}

fn credit(r: &AnnualReport) -> Option<AnyView> {
    let c = r.credit.as_ref()?;
    let plan =
        c.plan_fen.map(|p| format!("，占省下达计划{}万元的{}", wan(p), pct(c.plan_completion_bp))).unwrap_or_default();
    Some(part(
        "金融扶贫",
        vec![
            format!(
                "新增扶贫小额信贷{}万元，覆盖{}户贫困户，其中户贷企用{}户，户贷户用{}户{}。",
                wan(c.new_amount_fen),
                c.new_households,
                c.enterprise_use.households,
                c.household_use.households,
                plan
            ),
            format!(
                "累计贷款余额{}万元，总贷款户数{}户，贫困户获贷比例{}；逾期{}万元，逾期率{}；风险补偿金余额{}万元。",
                wan(c.outstanding_fen),
                c.borrowing_households,
                pct(c.coverage_bp),
                wan(c.overdue_fen),
                pct(c.overdue_rate_bp),
                wan(c.risk_fund_balance_fen)
            ),
        ],
    ))
}

fn medical(r: &AnnualReport) -> Option<AnyView> {
    let h = r.medical.as_ref()?;
    let i = &h.inpatient;
    Some(part(
        "健康扶贫",
        vec![
            format!(
                "住院补偿{}人次，医疗总费用{}万元，补偿{}万元（其中财政兜底{}万元），补偿比例{}。",
                i.person_times,
                wan(i.total_cost_fen),
                wan(i.compensation_fen),
                wan(i.fallback_fen),
                pct(i.ratio_bp)
            ),
            format!(
                "门诊补偿{}人次，补偿{}万元；慢病“180”补偿{}人次共计{}万元；家庭医生签约服务率{}。",
                h.outpatient.person_times,
                wan(h.outpatient.compensation_fen),
                h.chronic.person_times,
                wan(h.chronic.supplementary_fen),
                pct(h.signing_rate_bp)
            ),
        ],
    ))
}

fn education(r: &AnnualReport) -> Option<AnyView> {
    let e = r.education.as_ref()?;
    let stages: Vec<String> = e
        .by_stage
        .iter()
        .map(|s| format!("{}{}人{}万元", s.stage.zh(), s.tally.students, wan(s.tally.amount_fen)))
        .collect();
    Some(part(
        "教育扶贫",
        vec![
            format!(
                "资助贫困学生{}人{}万元（{}）；区内{}人{}万元，区外{}人{}万元。",
                e.student_aid.students,
                wan(e.student_aid.amount_fen),
                stages.join("，"),
                e.in_district.students,
                wan(e.in_district.amount_fen),
                e.out_of_district.students,
                wan(e.out_of_district.amount_fen)
            ),
            format!("无在校记录的适龄儿童{}人（控辍保学）。", e.out_of_school),
        ],
    ))
}

fn employment(r: &AnnualReport) -> Option<AnyView> {
    let e = r.employment.as_ref()?;
    Some(part(
        "就业扶贫",
        vec![format!(
            "贫困劳动力就业{}人，提供岗位{}个，公益岗位{}个（月均工资{}元）；培训{}人，补贴{}万元；交通补助{}人{}万元。",
            e.employed,
            e.posts_offered,
            e.public_welfare_posts,
            e.public_welfare_average_wage_fen.to_yuan_string(),
            e.trainees,
            wan(e.training_subsidy_fen),
            e.transport_subsidised,
            wan(e.transport_subsidy_fen)
        )],
    ))
}

fn housing(r: &AnnualReport) -> Option<AnyView> {
    let h = r.housing.as_ref()?;
    Some(part(
        "安全住房",
        vec![format!(
            "计划改造危房{}户，完成{}户，完成率{}；兜底补助{}万元；住房不安全的户{}户。",
            h.planned,
            h.completed,
            pct(h.completion_rate_bp),
            wan(h.top_up_paid_fen),
            h.unsafe_households
        )],
    ))
}

fn social_security(r: &AnnualReport) -> Option<AnyView> {
    let s = r.social_security.as_ref()?;
    Some(part(
        "社保兜底",
        vec![format!(
            "低保{}户{}人，五保{}户{}人；保障金未达标准的户{}户。",
            s.dibao_households, s.dibao_people, s.wubao_households, s.wubao_people, s.short_households
        )],
    ))
}

fn ecology(r: &AnnualReport) -> Option<AnyView> {
    let e = r.ecology.as_ref()?;
    let lines = e
        .programmes
        .iter()
        .map(|p| format!("{}{}户{}亩{}万元", p.programme.zh(), p.households, p.area_mu, wan(p.amount_fen)));
    Some(part("生态扶贫", vec![lines.collect::<Vec<_>>().join("；") + "。"]))
}

fn pairing(r: &AnnualReport) -> Option<AnyView> {
    let p = r.pairing.as_ref()?;
    let t = &p.totals;
    Some(part(
        "社会扶贫",
        vec![format!(
            "{}家企业结对帮扶{}个村{}户，落实帮扶资金{}万元，帮扶贫困学生{}名，吸纳劳动力{}人，认领项目{}个，销售农产品{}万元。",
            p.enterprises,
            p.villages,
            p.households,
            wan(t.funds_fen),
            t.students_aided,
            t.labour_hired,
            t.projects_claimed,
            wan(t.products_fen)
        )],
    ))
}

fn infrastructure(r: &AnnualReport) -> Option<AnyView> {
    let f = r.infrastructure.as_ref()?;
    let mut sentences: Vec<String> = f
        .totals
        .iter()
        .map(|t| {
            format!(
                "以{}计的基础设施项目{}个（完工{}个），资金{}万元，已建成{}{}。",
                t.unit,
                t.projects,
                t.completed,
                wan(t.budget_fen),
                t.completed_quantity,
                t.unit
            )
        })
        .collect();
    if f.without_output > 0 {
        sentences.push(format!("另有{}个基础设施项目未录入产出。", f.without_output));
    }
    (!sentences.is_empty()).then(|| part("基础设施", sentences))
}

fn oversight(r: &AnnualReport) -> Option<AnyView> {
    let o = r.oversight.as_ref()?;
    Some(part(
        "问题整改",
        vec![format!(
            "接受督查检查{}次，反馈问题{}个，制定整改措施{}条、已完成{}条；已销号{}个，销号率{}，逾期未销号{}个。",
            o.inspections,
            o.problems,
            o.measures,
            o.measures_done,
            o.closed,
            pct(o.close_rate_bp),
            o.overdue
        )],
    ))
}

fn warnings(r: &AnnualReport) -> Option<AnyView> {
    let w = r.warnings.as_ref()?;
    let t = &w.total;
    let rules: Vec<String> = w
        .by_rule
        .iter()
        .filter(|c| c.counts.raised > 0)
        .map(|c| format!("{}{}户次", c.rule.zh(), c.counts.raised))
        .collect();
    let mut sentences = vec![format!(
        "防返贫监测预警{}户次，核查排除{}户次，纳入监测{}户次，待核查{}户次（其中超期{}户次）。",
        t.raised, t.cleared, t.monitored, t.open, t.escalated
    )];
    if !rules.is_empty() {
        sentences.push(format!("其中{}。", rules.join("，")));
    }
    Some(part("防返贫监测", sentences))
}

#[component]
pub fn Sections(r: AnnualReport) -> impl IntoView {
    let date = r.as_of.map(|d| format!("（截至{}）", d.format("%Y年%-m月%-d日"))).unwrap_or_default();
    let title = format!("{}{}年脱贫攻坚工作数据{}", r.org_unit_name, r.year, date);
    let left: Vec<String> = r.left_out.iter().map(|l| format!("{}：{}", section_name(&l.section), l.reason)).collect();
    let records = records(&r);
    view! {
        <h1 class="report-title">{title}</h1>
        {records}
        {[
            registry,
            funds,
            industry,
            credit,
            medical,
            education,
            employment,
            housing,
            social_security,
            ecology,
            infrastructure,
            pairing,
            oversight,
            warnings,
        ]
            .map(|section| section(&r))}
        {(!left.is_empty()).then(|| view! {
            <section class="report-section muted small no-print">
                <h2>"未列入的部分"</h2>
                <ul>{left.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            </section>
        })}
    }
}

/// Links from the report's figures to the lists of records behind them, where the reader may
/// open those lists.
fn records(r: &AnnualReport) -> Option<AnyView> {
    let role = crate::session::use_session().user()?.role;
    let mut links = Vec::new();
    if let Some(g) = r.registry.as_ref().filter(|_| Page::Households.allowed(role)) {
        let href = format!("{}?status=registered", Page::Households.href());
        links.push(view! { <A href=href attr:class="button-link remaining-link">{format!("未脱贫{}户 →", g.remaining_households)}</A> }.into_any());
    }
    if let Some(f) = r.funds.as_ref().filter(|_| Page::Funds.allowed(role)) {
        links.push(
            view! { <A href=Page::Funds.href() attr:class="button-link">{format!("扶贫项目{}个 →", f.projects)}</A> }
                .into_any(),
        );
    }
    if r.credit.is_some() && Page::Loans.allowed(role) {
        let href = format!("{}?status=overdue", Page::Loans.href());
        links.push(view! { <A href=href attr:class="button-link overdue-link">"逾期贷款 →"</A> }.into_any());
    }
    (!links.is_empty())
        .then(|| view! { <nav class="buttons report-links no-print" aria-label="records">{links}</nav> }.into_any())
}

/// The Chinese name of a section field.
fn section_name(field: &str) -> &'static str {
    match field {
        "registry" => "建档立卡",
        "funds" => "资金项目",
        "industry" => "产业扶贫",
        "credit" => "金融扶贫",
        "medical" => "健康扶贫",
        "education" => "教育扶贫",
        "employment" => "就业扶贫",
        "housing" => "安全住房",
        "social_security" => "社保兜底",
        "ecology" => "生态扶贫",
        "infrastructure" => "基础设施",
        "pairing" => "社会扶贫",
        "oversight" => "问题整改",
        "warnings" => "防返贫监测",
        _ => "其他",
    }
}
