//! The claim entry form: as the figures are typed, the claim is settled with the person's
//! claims of its year by shared's engine (the server's own rule) and the layers and the Chinese
//! explanation shown; the server settles again on saving.

use chrono::Datelike;
use jingzhun_shared::health::{
    ClaimFigures, ClaimKind, ClaimLayers, HealthClaimDto, HealthClaimInput, HealthRules, HospitalLevel, explain,
    settle_year,
};
use jingzhun_shared::{Fen, MemberId};
use leptos::prelude::*;

use super::{date, today};
use crate::components::enum_select::EnumSelect;
use crate::components::field::Field;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

/// The typed amounts as fen; blank is nothing, a bad number `None`.
fn yuan(text: &str) -> Option<Fen> {
    if text.trim().is_empty() { Some(Fen::ZERO) } else { Fen::parse_yuan(text).ok() }
}

fn money_error(value: RwSignal<String>, server: Signal<Option<String>>) -> Signal<Option<String>> {
    Signal::derive(move || {
        let text = value.get();
        let local = if text.trim().is_empty() { None } else { Fen::parse_yuan(&text).err() };
        local.or_else(|| server.get())
    })
}

/// What the form's inputs hold.
#[derive(Clone, Copy)]
struct Inputs {
    kind: RwSignal<ClaimKind>,
    level: RwSignal<HospitalLevel>,
    hospital: RwSignal<String>,
    admitted: RwSignal<String>,
    discharged: RwSignal<String>,
    total: RwSignal<String>,
    compliant: RwSignal<String>,
    basic: RwSignal<String>,
    critical: RwSignal<String>,
    assistance: RwSignal<String>,
    commercial: RwSignal<String>,
}

impl Inputs {
    fn new() -> Self {
        let day = RwSignal::new(today().to_string());
        Inputs {
            kind: RwSignal::new(ClaimKind::Inpatient),
            level: RwSignal::new(HospitalLevel::County),
            hospital: RwSignal::new(String::new()),
            admitted: day,
            discharged: RwSignal::new(today().to_string()),
            total: RwSignal::new(String::new()),
            compliant: RwSignal::new(String::new()),
            basic: RwSignal::new(String::new()),
            critical: RwSignal::new(String::new()),
            assistance: RwSignal::new(String::new()),
            commercial: RwSignal::new(String::new()),
        }
    }

    /// The claim typed so far, when every number and date parses.
    fn input(&self, member_id: MemberId) -> Option<HealthClaimInput> {
        let total = yuan(&self.total.get())?;
        let compliant = self.compliant.get();
        Some(HealthClaimInput {
            member_id,
            kind: self.kind.get(),
            hospital: self.hospital.get(),
            hospital_level: self.level.get(),
            admitted_on: date(&self.admitted.get())?,
            discharged_on: date(&self.discharged.get())?,
            total_cost_fen: total,
            compliant_cost_fen: if compliant.trim().is_empty() { None } else { Some(yuan(&compliant)?) },
            basic_insurance_fen: yuan(&self.basic.get())?,
            critical_illness_fen: yuan(&self.critical.get())?,
            medical_assistance_fen: yuan(&self.assistance.get())?,
            commercial_fen: Some(yuan(&self.commercial.get())?),
            version: None,
        })
    }
}

/// The typed claim settled among the person's claims of its year: its figures and explanation.
fn preview(
    input: &HealthClaimInput,
    claims: &[HealthClaimDto],
    rules: &HealthRules,
    rate: i64,
) -> (ClaimFigures, Vec<String>) {
    let typed = input.layers();
    let year = input.discharged_on.year();
    let mut all: Vec<ClaimLayers> = claims.iter().filter(|c| c.year == year).map(|c| c.input().layers()).collect();
    all.push(typed.clone());
    let at = all.len() - 1;
    let figures = settle_year(rules, &all).into_iter().find(|s| s.index == at).map(|s| s.figures).unwrap_or_default();
    let problems: Vec<String> = typed.problems().into_iter().map(|(_, m)| m).collect();
    if problems.is_empty() { (figures, explain(&typed, &figures, rate)) } else { (figures, problems) }
}

/// The form for `member_id`, whose claims on file are `claims`; `rules` by year as loaded.
#[component]
pub fn ClaimForm(
    member_id: MemberId,
    claims: Vec<HealthClaimDto>,
    rules: Vec<(i32, HealthRules, i64)>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let f = Inputs::new();
    let claims = StoredValue::new(claims);
    let rules = StoredValue::new(rules);
    let save = use_save(
        move |body: HealthClaimInput| async move { session.api().create_health_claim(&body).await },
        move |_| {
            f.total.set(String::new());
            reload.update(|r| *r += 1);
            None
        },
    );
    let computed = Memo::new(move |_| {
        let input = f.input(member_id)?;
        let year = input.discharged_on.year();
        let (r, rate) =
            rules.with_value(|all| all.iter().find(|(y, _, _)| *y == year).map(|(_, r, rate)| (*r, *rate)))?;
        Some(claims.with_value(|c| preview(&input, c, &r, rate)))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match f.input(member_id) {
            Some(input) => save.dispatch(input),
            None => save.message.set(Some(i18n.t("请检查金额和日期", "Check the amounts and dates").to_owned())),
        }
    };
    view! {
        <form class="card form claim-form" on:submit=submit>
            <h2><T zh="录入就诊结算" en="Enter a settlement"/></h2>
            <EnumSelect label=("类别", "Kind") id="claim-kind" value=f.kind/>
            <EnumSelect label=("医院级别", "Hospital level") id="claim-level" value=f.level/>
            <Field label=("医院", "Hospital") name="claim-hospital" value=f.hospital error=save.field("hospital")/>
            <Field label=("入院（就诊）日期", "Admitted on") name="claim-admitted" value=f.admitted error=save.field("admitted_on") kind="date"/>
            <Field label=("出院（结算）日期", "Discharged on") name="claim-discharged" value=f.discharged error=save.field("discharged_on") kind="date"/>
            <Field label=("医疗总费用（元）", "Total cost (yuan)") name="claim-total" value=f.total error=money_error(f.total, save.field("total_cost_fen")) inputmode="decimal"/>
            <Field label=("合规费用（元，可空）", "Compliant cost (yuan, optional)") name="claim-compliant" value=f.compliant error=money_error(f.compliant, save.field("compliant_cost_fen")) inputmode="decimal"/>
            <Field label=("基本医保（元）", "Basic insurance (yuan)") name="claim-basic" value=f.basic error=money_error(f.basic, save.field("basic_insurance_fen")) inputmode="decimal"/>
            <Field label=("大病保险（元）", "Critical illness (yuan)") name="claim-critical" value=f.critical error=money_error(f.critical, save.field("critical_illness_fen")) inputmode="decimal"/>
            <Field label=("医疗救助（元）", "Medical assistance (yuan)") name="claim-assistance" value=f.assistance error=money_error(f.assistance, save.field("medical_assistance_fen")) inputmode="decimal"/>
            <Field label=("补充商业保险（元）", "Commercial insurance (yuan)") name="claim-commercial" value=f.commercial error=money_error(f.commercial, save.field("commercial_fen")) inputmode="decimal"/>
            <div class="card claim-preview" aria-live="polite">
                {move || match computed.get() {
                    None => view! { <p class="muted"><T zh="填写金额和日期后显示计算结果；该年度须已设置政策参数。" en="The computation shows once the amounts and dates are filled in (the year needs its settings)."/></p> }.into_any(),
                    Some((figures, lines)) => view! {
                        <p class="claim-fallback"><T zh="“351”政府兜底 " en="351 fallback "/><strong>{figures.fallback.to_yuan_string()}</strong><T zh=" 元" en=" yuan"/></p>
                        <p class="claim-supplement"><T zh="“180”补充 " en="180 supplement "/><strong>{figures.supplementary.to_yuan_string()}</strong><T zh=" 元" en=" yuan"/></p>
                        <p class="claim-own"><T zh="个人自付 " en="Out of pocket "/><strong>{figures.out_of_pocket.to_yuan_string()}</strong><T zh=" 元" en=" yuan"/></p>
                        <ul class="claim-explanation">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    }.into_any(),
                }}
            </div>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存结算" en="Save settlement"/></button>
        </form>
    }
}
