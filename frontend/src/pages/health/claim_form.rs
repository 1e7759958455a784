//! The claim entry and correction form: as the figures are typed, the claim is settled with
//! the person's other claims of its year by shared's engine (the server's own rule) and the
//! layers and the Chinese explanation shown; the server settles again on saving. A correction
//! sends the version it read; a claim changed since (409) is said plainly, with a reload.

use chrono::Datelike;
use jingzhun_shared::health::{
    ClaimFigures, ClaimKind, ClaimLayers, HealthClaimDto, HealthClaimInput, HealthRules, HospitalLevel, explain,
    settle_year,
};
use jingzhun_shared::{ClientError, Fen, MemberId};
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
    /// Empty for a new claim, or holding `claim` as entered, to correct it.
    fn new(claim: Option<&HealthClaimDto>) -> Self {
        let text = |f: fn(&HealthClaimDto) -> String| RwSignal::new(claim.map(f).unwrap_or_default());
        let day = |f: fn(&HealthClaimDto) -> chrono::NaiveDate| RwSignal::new(claim.map_or(today(), f).to_string());
        Inputs {
            kind: RwSignal::new(claim.map_or(ClaimKind::Inpatient, |c| c.kind)),
            level: RwSignal::new(claim.map_or(HospitalLevel::County, |c| c.hospital_level)),
            hospital: text(|c| c.hospital.clone()),
            admitted: day(|c| c.admitted_on),
            discharged: day(|c| c.discharged_on),
            total: text(|c| c.total_cost_fen.to_yuan_string()),
            compliant: text(|c| c.compliant_cost_fen.to_yuan_string()),
            basic: text(|c| c.basic_insurance_fen.to_yuan_string()),
            critical: text(|c| c.critical_illness_fen.to_yuan_string()),
            assistance: text(|c| c.medical_assistance_fen.to_yuan_string()),
            commercial: text(|c| c.commercial_fen.to_yuan_string()),
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
/// With `editing`, it corrects that claim (at the version read) and hands the server's answer
/// to `corrected`.
#[component]
pub fn ClaimForm(
    member_id: MemberId,
    claims: Vec<HealthClaimDto>,
    rules: Vec<(i32, HealthRules, i64)>,
    reload: RwSignal<u32>,
    #[prop(optional)] editing: Option<HealthClaimDto>,
    #[prop(optional)] corrected: Option<RwSignal<Option<HealthClaimDto>>>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let f = Inputs::new(editing.as_ref());
    let target = editing.as_ref().map(|c| (c.id, c.version));
    // The claim being corrected is settled anew, not counted as an earlier one.
    let others = claims.into_iter().filter(|c| target.is_none_or(|(id, _)| c.id != id)).collect::<Vec<_>>();
    let claims = StoredValue::new(others);
    let rules = StoredValue::new(rules);
    let stale = RwSignal::new(false);
    let save = use_save(
        move |mut body: HealthClaimInput| async move {
            let api = session.api();
            let Some((id, version)) = target else { return api.create_health_claim(&body).await };
            body.version = Some(version);
            let answer = api.update_health_claim(id, &body).await;
            stale.set(matches!(answer, Err(ClientError::Api { status: 409, .. })));
            answer
        },
        move |saved| {
            f.total.set(String::new());
            if let Some(corrected) = corrected {
                corrected.set(Some(saved));
            }
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
            {heading(editing.as_ref())}
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
            <Show when=move || stale.get()><Stale reload/></Show>
            <p class="form-error" role="alert">{move || (!stale.get()).then(|| save.summary())}</p>
            <button type="submit" class="primary" disabled=move || save.pending()>
                {match target {
                    None => view! { <T zh="保存结算" en="Save settlement"/> }.into_any(),
                    Some(_) => view! { <T zh="保存更正" en="Save correction"/> }.into_any(),
                }}
            </button>
        </form>
    }
}

fn heading(editing: Option<&HealthClaimDto>) -> AnyView {
    match editing {
        None => view! { <h2><T zh="录入就诊结算" en="Enter a settlement"/></h2> }.into_any(),
        Some(c) => view! { <h2><T zh="更正就诊结算" en="Correct a settlement"/></h2>
            <p class="claim-corrected">{format!("{} 出院 · {} · 医疗总费用 {} 元", c.discharged_on, c.hospital, c.total_cost_fen.to_yuan_string())}</p>
            <p class="muted small"><T zh="保存后将重新计算本条及此人当年之后的结算，并保留修改记录。" en="Saving recomputes this claim and the person's later claims of the year, keeping their history."/></p> }.into_any(),
    }
}

/// A correction refused with 409: the claim moved on since it was read.
#[component]
fn Stale(reload: RwSignal<u32>) -> impl IntoView {
    view! {
        <div class="card stale" role="alert">
            <p><strong><T zh="这条结算在您打开后已被修改" en="This claim changed after you opened it"/></strong></p>
            <p class="small"><T zh="可能是他人更正了它，或更早的结算录入后它被重新计算。请重新载入，核对最新数字后再更正。" en="Someone corrected it, or an earlier claim recomputed it. Reload and check the latest figures first."/></p>
            <button type="button" on:click=move |_| reload.update(|r| *r += 1)><T zh="重新载入" en="Reload"/></button>
        </div>
    }
}
