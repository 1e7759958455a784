//! Each section of the report as its lines, in the report page's words.

use jingzhun_shared::reports::AnnualReport;

use super::{Line, Value, count, quantity, rate, signed, wan, yuan};

pub(super) fn registry(r: &AnnualReport) -> Option<Vec<Line>> {
    let g = r.registry.as_ref()?;
    let mut lines = vec![
        count("建档立卡贫困户", g.households, "户"),
        count("建档立卡贫困人口", g.people, "人"),
        count("已脱贫户", g.exited_households, "户"),
        count("已脱贫人口", g.exited_people, "人"),
        count("未脱贫户", g.remaining_households, "户"),
        count("未脱贫人口", g.remaining_people, "人"),
    ];
    for c in &g.by_category {
        lines.push(count(format!("未脱贫{}", c.category.zh()), c.households, "户"));
        lines.push(count(format!("未脱贫{}人口", c.category.zh()), c.people, "人"));
    }
    lines.extend([
        count("贫困村", g.poor_villages, "个"),
        count("已出列贫困村", g.exited_villages, "个"),
        count("预脱贫户", g.pre_exit_households, "户"),
        count("预脱贫人口", g.pre_exit_people, "人"),
        count("监测户", g.monitored_households, "户"),
    ]);
    for e in &g.exits_by_year {
        lines.push(count(format!("{}年脱贫户", e.year), e.households, "户"));
        lines.push(count(format!("{}年脱贫人口", e.year), e.people, "人"));
    }
    Some(lines)
}

pub(super) fn funds(r: &AnnualReport) -> Option<Vec<Line>> {
    let f = r.funds.as_ref()?;
    Some(vec![
        count("扶贫项目", f.projects, "个"),
        wan("项目资金", f.budget_fen),
        count("产业项目", f.industry_projects, "个"),
        wan("产业项目资金", f.industry_budget_fen),
        rate("产业项目资金占比", f.industry_share_bp),
        count("开工项目", f.started, "个"),
        rate("开工率", f.start_rate_bp),
        count("完工项目", f.completed, "个"),
        rate("完工率", f.completion_rate_bp),
        wan("支出资金", f.spent_fen),
        rate("资金支出率", f.expenditure_rate_bp),
    ])
}

pub(super) fn industry(r: &AnnualReport) -> Option<Vec<Line>> {
    let i = r.industry.as_ref()?;
    Some(vec![
        count("行政村", i.villages, "个"),
        count("有产业项目的村", i.villages_with_industry, "个"),
        rate("产业项目村覆盖率", i.village_coverage_bp),
        count("建档立卡户", i.households, "户"),
        count("获产业奖补户", i.households_with_subsidy, "户"),
        rate("产业奖补户覆盖率", i.household_coverage_bp),
        count("产业奖补", i.subsidies, "笔"),
        wan("产业奖补资金", i.subsidy_fen),
        count("新型经营主体", i.business_entities, "个"),
        count("经营主体带动户", i.entity_households, "户"),
        count("光伏电站", i.pv_stations, "座"),
        signed("光伏装机容量", i.pv_capacity_kw, "千瓦"),
        count("已并网电站", i.pv_grid_connected, "座"),
        count("光伏分红户", i.pv_dividend_households, "户"),
        wan("光伏收益", i.pv_income_fen),
        wan("光伏收益分配", i.pv_distributed_fen),
        wan("资产收益投入", i.asset_investment_fen),
        count("资产收益带动户", i.asset_households, "户"),
        count("资产收益带动人口", i.asset_people, "人"),
    ])
}

pub(super) fn credit(r: &AnnualReport) -> Option<Vec<Line>> {
    let c = r.credit.as_ref()?;
    let mut lines = vec![
        wan("新增扶贫小额信贷", c.new_amount_fen),
        count("新增获贷户", c.new_households, "户"),
        count("户贷企用户", c.enterprise_use.households, "户"),
        wan("户贷企用金额", c.enterprise_use.amount_fen),
        count("户贷户用户", c.household_use.households, "户"),
        wan("户贷户用金额", c.household_use.amount_fen),
    ];
    if let Some(plan) = c.plan_fen {
        lines.push(wan("省下达计划", plan));
        lines.push(rate("计划完成率", c.plan_completion_bp));
    }
    lines.extend([
        wan("贷款余额", c.outstanding_fen),
        count("累计获贷户", c.borrowing_households, "户"),
        count("建档立卡户", c.households_on_file, "户"),
        rate("贫困户获贷率", c.coverage_bp),
        wan("逾期金额", c.overdue_fen),
        rate("逾期率", c.overdue_rate_bp),
        wan("已付贴息", c.subsidy_paid_fen),
        wan("风险补偿金余额", c.risk_fund_balance_fen),
        count("企业收益逾期贷款", c.returns_late, "笔"),
    ]);
    for b in &c.overdue_by_bank {
        lines.push(wan(format!("{}逾期金额", b.name), b.overdue_fen));
    }
    for t in &c.overdue_by_township {
        lines.push(wan(format!("{}逾期金额", t.name), t.overdue_fen));
    }
    Some(lines)
}

pub(super) fn medical(r: &AnnualReport) -> Option<Vec<Line>> {
    let h = r.medical.as_ref()?;
    let mut lines = Vec::new();
    for (name, k) in [("住院", &h.inpatient), ("门诊", &h.outpatient), ("慢病门诊", &h.chronic)] {
        lines.extend([
            count(format!("{name}补偿人次"), k.person_times, "人次"),
            wan(format!("{name}医疗总费用"), k.total_cost_fen),
            wan(format!("{name}补偿金额"), k.compensation_fen),
            wan(format!("{name}财政兜底"), k.fallback_fen),
            wan(format!("{name}“180”补充医疗"), k.supplementary_fen),
            rate(format!("{name}补偿比例"), k.ratio_bp),
        ]);
    }
    lines.extend([
        count("建档立卡贫困人口", h.registered_people, "人"),
        count("家庭医生签约人数", h.signed_people, "人"),
        rate("家庭医生签约服务率", h.signing_rate_bp),
        wan("“351”兜底资金", h.fallback_fund_fen),
        wan("商业补充保险资金", h.commercial_fund_fen),
        wan("“180”资金", h.supplement_fund_fen),
        count("资助参保人数", h.premium_people, "人"),
        wan("资助参保金额", h.premium_fen),
    ]);
    Some(lines)
}

pub(super) fn education(r: &AnnualReport) -> Option<Vec<Line>> {
    let e = r.education.as_ref()?;
    let mut lines =
        vec![count("资助贫困学生", e.student_aid.students, "人"), wan("资助金额", e.student_aid.amount_fen)];
    for s in &e.by_stage {
        lines.push(count(format!("{}学生", s.stage.zh()), s.tally.students, "人"));
        lines.push(wan(format!("{}资助金额", s.stage.zh()), s.tally.amount_fen));
    }
    for p in &e.by_programme {
        lines.push(count(format!("{}学生", p.programme.zh()), p.tally.students, "人"));
        lines.push(wan(format!("{}资助金额", p.programme.zh()), p.tally.amount_fen));
    }
    lines.extend([
        count("区内就读学生", e.in_district.students, "人"),
        wan("区内资助金额", e.in_district.amount_fen),
        count("区外就读学生", e.out_of_district.students, "人"),
        wan("区外资助金额", e.out_of_district.amount_fen),
        count("无在校记录的适龄儿童", e.out_of_school, "人"),
    ]);
    Some(lines)
}

pub(super) fn employment(r: &AnnualReport) -> Option<Vec<Line>> {
    let e = r.employment.as_ref()?;
    let mut lines = vec![
        count("贫困劳动力就业", e.employed, "人"),
        count("提供岗位", e.posts_offered, "个"),
        count("公益岗位", e.public_welfare_posts, "个"),
        yuan("公益岗位月均工资", e.public_welfare_average_wage_fen),
        yuan("公益岗位最低月工资", e.public_welfare_min_wage_fen),
        yuan("公益岗位最高月工资", e.public_welfare_max_wage_fen),
    ];
    for b in &e.bases {
        lines.push(count(b.kind.zh(), b.bases, "个"));
        lines.push(count(format!("{}岗位", b.kind.zh()), b.posts, "个"));
        lines.push(count(format!("{}吸纳贫困劳动力", b.kind.zh()), b.absorbed, "人"));
    }
    lines.extend([
        count("培训", e.trainees, "人"),
        wan("培训补贴", e.training_subsidy_fen),
        count("交通补助", e.transport_subsidised, "人"),
        wan("交通补助金额", e.transport_subsidy_fen),
    ]);
    Some(lines)
}

pub(super) fn housing(r: &AnnualReport) -> Option<Vec<Line>> {
    let h = r.housing.as_ref()?;
    Some(vec![
        count("计划改造危房", h.planned, "户"),
        count("完成改造", h.completed, "户"),
        rate("完成率", h.completion_rate_bp),
        count("已验收", h.accepted, "户"),
        wan("改造费用", h.cost_fen),
        wan("改造补助", h.subsidy_fen),
        wan("兜底补助", h.top_up_paid_fen),
        count("住房不安全的户", h.unsafe_households, "户"),
    ])
}

pub(super) fn social_security(r: &AnnualReport) -> Option<Vec<Line>> {
    let s = r.social_security.as_ref()?;
    let mut lines = vec![
        yuan("低保标准", s.standard.dibao_fen),
        yuan("上年低保标准", s.previous_standard.dibao_fen),
        count("低保户", s.dibao_households, "户"),
        count("低保人口", s.dibao_people, "人"),
        count("五保户", s.wubao_households, "户"),
        count("五保人口", s.wubao_people, "人"),
    ];
    for p in &s.payments {
        lines.push(count(format!("{}户", p.kind.zh()), p.households, "户"));
        lines.push(count(format!("{}笔数", p.kind.zh()), p.payments, "笔"));
        lines.push(wan(format!("{}金额", p.kind.zh()), p.amount_fen));
    }
    lines.push(count("保障金未达标准的户", s.short_households, "户"));
    Some(lines)
}

pub(super) fn ecology(r: &AnnualReport) -> Option<Vec<Line>> {
    let e = r.ecology.as_ref()?;
    let mut lines = Vec::new();
    for p in &e.programmes {
        lines.push(count(format!("{}户", p.programme.zh()), p.households, "户"));
        lines.push(quantity(format!("{}面积", p.programme.zh()), p.area_mu, "亩"));
        lines.push(wan(format!("{}资金", p.programme.zh()), p.amount_fen));
    }
    Some(lines)
}

pub(super) fn infrastructure(r: &AnnualReport) -> Option<Vec<Line>> {
    let f = r.infrastructure.as_ref()?;
    let mut lines = Vec::new();
    for t in &f.totals {
        lines.push(count(format!("项目（{}）", t.unit), t.projects, "个"));
        lines.push(count(format!("完工项目（{}）", t.unit), t.completed, "个"));
        lines.push(wan(format!("项目资金（{}）", t.unit), t.budget_fen));
        lines.push(Line {
            label: format!("已完成（{}）", t.unit),
            value: Value::Quantity(t.completed_quantity),
            unit: "",
        });
    }
    lines.push(count("无产出记录的基础设施项目", f.without_output, "个"));
    Some(lines)
}

pub(super) fn pairing(r: &AnnualReport) -> Option<Vec<Line>> {
    let p = r.pairing.as_ref()?;
    let t = &p.totals;
    Some(vec![
        count("结对帮扶企业", p.enterprises, "家"),
        count("结对村", p.villages, "个"),
        count("结对户", p.households, "户"),
        wan("帮扶资金", t.funds_fen),
        signed("帮扶贫困学生", t.students_aided, "名"),
        signed("吸纳劳动力", t.labour_hired, "人"),
        signed("认领项目", t.projects_claimed, "个"),
        wan("销售农产品", t.products_fen),
        signed("帮扶记录", t.logs, "条"),
    ])
}

pub(super) fn oversight(r: &AnnualReport) -> Option<Vec<Line>> {
    let o = r.oversight.as_ref()?;
    Some(vec![
        count("督查检查", o.inspections, "次"),
        count("反馈问题", o.problems, "个"),
        count("已销号问题", o.closed, "个"),
        rate("销号率", o.close_rate_bp),
        count("逾期未销号问题", o.overdue, "个"),
        count("整改措施", o.measures, "条"),
        count("已完成措施", o.measures_done, "条"),
    ])
}

pub(super) fn warnings(r: &AnnualReport) -> Option<Vec<Line>> {
    let w = r.warnings.as_ref()?;
    let t = &w.total;
    let mut lines = vec![
        count("预警户次", t.raised, "户次"),
        count("待核查", t.open, "户次"),
        count("超期未核查", t.escalated, "户次"),
        count("核查排除", t.cleared, "户次"),
        count("纳入监测", t.monitored, "户次"),
    ];
    for rule in &w.by_rule {
        lines.push(count(format!("预警：{}", rule.rule.zh()), rule.counts.raised, "户次"));
    }
    Some(lines)
}
