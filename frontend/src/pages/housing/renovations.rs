//! Renovations of unsafe houses (危房改造): planning one for a household (kind, cost and
//! subsidy in 元, the government's top-up shown as computed by shared's rule, never typed),
//! with completion and acceptance once they happen, and the year's renovations on record.

use std::sync::Arc;

use jingzhun_shared::housing::{HousingQuery, RenovationDto, RenovationInput, RenovationKind, government_top_up};
use jingzhun_shared::{Fen, HouseholdId};
use leptos::prelude::*;

use crate::components::enum_select::EnumSelect;
use crate::components::field::{Field, checked};
use crate::components::household_picker::HouseholdPicker;
use crate::components::list::{Column, PagedList, SortKey, order, text};
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::pages::education::FIRST_YEAR;
use crate::session::use_session;

const PER_PAGE: u64 = 20;

fn yuan_error(text: &str) -> Option<String> {
    Fen::parse_yuan(text).err()
}

/// An optional date field: empty is none, else `Some(parsed)` or `None` when unreadable.
fn optional_date(text: &str) -> Option<Option<chrono::NaiveDate>> {
    match text.trim() {
        "" => Some(None),
        t => chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok().map(Some),
    }
}

/// The form's values, as signals.
#[derive(Clone, Copy)]
struct Form {
    household: RwSignal<Option<HouseholdId>>,
    plan_year: RwSignal<String>,
    kind: RwSignal<RenovationKind>,
    cost: RwSignal<String>,
    subsidy: RwSignal<String>,
    completed: RwSignal<String>,
    accepted: RwSignal<String>,
}

impl Form {
    fn new() -> Self {
        let text = || RwSignal::new(String::new());
        Form {
            household: RwSignal::new(None),
            plan_year: RwSignal::new(FIRST_YEAR.to_owned()),
            kind: RwSignal::new(RenovationKind::Repair),
            cost: text(),
            subsidy: text(),
            completed: text(),
            accepted: text(),
        }
    }

    /// What to send, when a household is chosen and every field reads.
    fn input(self) -> Option<RenovationInput> {
        Some(RenovationInput {
            household_id: self.household.get_untracked()?,
            plan_year: self.plan_year.get_untracked().trim().parse().ok()?,
            kind: self.kind.get_untracked(),
            cost_fen: Fen::parse_yuan(&self.cost.get_untracked()).ok()?,
            subsidy_fen: Fen::parse_yuan(&self.subsidy.get_untracked()).ok()?,
            completed_on: optional_date(&self.completed.get_untracked())?,
            accepted_on: optional_date(&self.accepted.get_untracked())?,
            version: None,
        })
    }
}

#[component]
pub fn RenovationForm(reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let form = Form::new();
    let Form { household, plan_year, kind, cost, subsidy, completed, accepted } = form;
    let save = use_save(
        move |body: RenovationInput| async move { session.api().create_housing_renovation(&body).await },
        move |saved| {
            reload.update(|r| *r += 1);
            let top_up = saved.government_top_up_fen.to_yuan_string();
            Some(format!("已记录 {} 户{}，政府兜底 {top_up} 元", saved.head_name, saved.kind.zh()))
        },
    );
    let top_up = move || match (Fen::parse_yuan(&cost.get()), Fen::parse_yuan(&subsidy.get())) {
        (Ok(c), Ok(s)) => Some(government_top_up(c, s).to_yuan_string()),
        _ => None,
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form.input() {
            Some(input) => save.dispatch(input),
            None => save.message.set(Some(
                i18n.t(
                    "请选择农户，并填写计划年度、费用、补助和日期（YYYY-MM-DD）",
                    "Choose a household; fill year, cost, subsidy, dates",
                )
                .to_owned(),
            )),
        }
    };
    view! {
        <form class="card form renovation-form" on:submit=submit>
            <h2><T zh="录入危房改造" en="Record a renovation"/></h2>
            <div class="field"><HouseholdPicker prefix="renovation" household error=save.field("household_id")/></div>
            <Field label=("计划年度", "Plan year") name="renovation-year" value=plan_year error=save.field("plan_year") inputmode="numeric"/>
            <EnumSelect label=("改造方式", "Kind") id="renovation-kind" value=kind/>
            <Field label=("改造费用（元）", "Cost (yuan)") name="renovation-cost" value=cost
                error=checked(cost, save.field("cost_fen"), yuan_error) inputmode="decimal"/>
            <Field label=("补助资金（元）", "Subsidy (yuan)") name="renovation-subsidy" value=subsidy
                error=checked(subsidy, save.field("subsidy_fen"), yuan_error) inputmode="decimal"/>
            <p class="muted"><T zh="政府缺口兜底：" en="Government top-up: "/>{move || top_up().map_or("—".to_owned(), |y| format!("{y} 元"))}</p>
            <Field label=("竣工日期（可空）", "Completed on (optional)") name="renovation-completed" value=completed
                error=save.field("completed_on") kind="date"/>
            <Field label=("验收日期（可空）", "Accepted on (optional)") name="renovation-accepted" value=accepted
                error=save.field("accepted_on") kind="date"/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存改造" en="Save"/></button>
        </form>
    }
}

fn state(r: &RenovationDto) -> String {
    match (r.completed_on, r.accepted_on) {
        (_, Some(on)) => format!("{on} 验收"),
        (Some(on), None) => format!("{on} 竣工"),
        (None, None) => "未竣工".to_owned(),
    }
}

#[component]
pub fn Renovations(year: Signal<Option<i32>>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let page = RwSignal::new(1u64);
    let list = LocalResource::new(move || {
        reload.track();
        let query =
            HousingQuery { year: year.get(), page: Some(page.get()), per_page: Some(PER_PAGE), ..Default::default() };
        async move { session.api().housing_renovations(&query).await }
    });
    let yuan = |f: Fen| f.to_yuan_string().into_any();
    let columns = vec![
        Column::new(("户主", "Head"), |r: &RenovationDto| r.head_name.clone().into_any()).sort(|r| text(&r.head_name)),
        Column::new(("户编号", "Household"), |r: &RenovationDto| r.household_number.clone().into_any())
            .sort(|r| text(&r.household_number)),
        Column::new(("方式", "Kind"), move |r: &RenovationDto| i18n.label(r.kind).into_any()).sort(|r| order(r.kind)),
        Column::new(("费用（元）", "Cost"), move |r: &RenovationDto| yuan(r.cost_fen))
            .sort(|r| SortKey::Number(r.cost_fen.fen())),
        Column::new(("补助（元）", "Subsidy"), move |r: &RenovationDto| yuan(r.subsidy_fen))
            .sort(|r| SortKey::Number(r.subsidy_fen.fen())),
        Column::new(("兜底（元）", "Top-up"), move |r: &RenovationDto| yuan(r.government_top_up_fen))
            .sort(|r| SortKey::Number(r.government_top_up_fen.fen())),
        Column::new(("进度", "State"), |r: &RenovationDto| state(r).into_any()).sort(|r| text(&state(r))),
    ];
    let card = Arc::new(move |r: RenovationDto| {
        view! {
            <div class="grow">
                <strong>{r.head_name.clone()}</strong>
                <div class="muted small">{i18n.label(r.kind)}" · "{r.household_number.clone()}" · "{state(&r)}</div>
                <div class="muted small"><T zh="费用 " en="Cost "/>{r.cost_fen.to_yuan_string()}<T zh=" 元 · 补助 " en=" · subsidy "/>
                    {r.subsidy_fen.to_yuan_string()}<T zh=" 元 · 兜底 " en=" · top-up "/>{r.government_top_up_fen.to_yuan_string()}<T zh=" 元" en=""/></div>
            </div>
        }
        .into_any()
    });
    view! {
        <h2><T zh="危房改造记录" en="Renovations on record"/></h2>
        <PagedList resource=list page per_page=PER_PAGE columns card class="housing-renovations"
            empty=("本年度尚无改造记录", "No renovation planned this year")/>
    }
}
