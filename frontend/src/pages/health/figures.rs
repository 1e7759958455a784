//! The year's health figures for the caller's subtree as of a date: per claim kind the
//! person-times, cost, compensation, fallback, supplement and ratio; the signing rate; what each
//! special fund paid; the premium subsidies. The health officer also finds people here, reaches
//! the signings, premium subsidies and settlement import, and downloads the claims ledger.

use jingzhun_shared::health::{ClaimLedgerQuery, HealthFigures, HealthFiguresQuery, KindFigures};
use jingzhun_shared::{Capability, Fen};
use leptos::prelude::*;

use super::search::PersonSearch;
use super::{date, latest_year};
use crate::Page;
use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::download::{XLSX, save};
use crate::i18n::T;
use crate::session::use_session;

fn wan(fen: Fen) -> String {
    format!("{}.{:02}", fen.fen() / 1_000_000, fen.fen() % 1_000_000 / 10_000)
}

fn percent(bp: i64) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

/// The figures, once a year is typed.
type Asked = Option<HealthFigures>;

#[component]
pub fn HealthFiguresPage() -> impl IntoView {
    let session = use_session();
    let role = session.user().map(|u| u.role);
    let details = role.is_some_and(|r| r.can(Capability::ReadHealth));
    let writes = role.is_some_and(|r| r.can(Capability::EditHealth));
    let year = RwSignal::new(String::new());
    let as_of = RwSignal::new(String::new());
    let data = LocalResource::new(move || {
        let typed = year.get();
        let as_of = date(&as_of.get());
        async move {
            let api = session.api();
            let year = match typed.trim() {
                "" => latest_year(&api).await,
                text => match text.parse() {
                    Ok(year) => year,
                    Err(_) => return Ok(None),
                },
            };
            api.health_figures(&HealthFiguresQuery { year, as_of, org_unit: None }).await.map(Some)
        }
    });
    view! {
        <section class="page health-figures">
            <h1><T zh="健康扶贫" en="Health"/></h1>
            {details.then(|| view! {
                <PersonSearch/>
                <nav class="buttons health-links">
                    <a class="button-link" href=Page::HealthSignings.href()><T zh="家庭医生签约" en="Family-doctor signings"/></a>
                    <a class="button-link" href=Page::HealthPremiums.href()><T zh="参保资助" en="Premium subsidies"/></a>
                    {writes.then(|| view! { <a class="button-link" href=Page::HealthImport.href()><T zh="导入结算单" en="Import settlements"/></a> })}
                </nav>
            })}
            <div class="card form inline">
                <Field label=("年度（留空为最近设置政策的年度）", "Year (empty: the latest with settings)") name="figures-year" value=year inputmode="numeric"/>
                <Field label=("统计截至日期（留空为全年）", "As of (empty: the whole year)") name="figures-as-of" value=as_of kind="date"/>
            </div>
            <Loaded resource=data children=move |f: Asked| match f {
                None => view! { <p class="empty"><T zh="请填写年度" en="Enter a year"/></p> }.into_any(),
                Some(f) => view! { <Figures f=f.clone()/> {details.then(|| view! { <LedgerButton year=f.year/> })} }.into_any(),
            }/>
        </section>
    }
}

#[component]
fn Figures(f: HealthFigures) -> impl IntoView {
    let row = |label: (&'static str, &'static str), k: &KindFigures| {
        view! { <tr>
            <th><T zh=label.0 en=label.1/></th>
            <td>{k.person_times}</td>
            <td>{wan(k.total_cost_fen)}</td>
            <td>{wan(k.compensation_fen)}</td>
            <td>{wan(k.fallback_fen)}</td>
            <td>{wan(k.supplementary_fen)}</td>
            <td>{percent(k.ratio_bp)}</td>
        </tr> }
    };
    view! {
        <p class="muted">{format!("{} · {} 年，截至 {}", f.org_unit.name, f.year, f.as_of)}</p>
        <div class="table-scroll"><table class="table figures">
            <thead><tr>
                <th></th><th><T zh="人次" en="Person-times"/></th><th><T zh="医疗总费用（万元）" en="Cost (10k yuan)"/></th>
                <th><T zh="补偿（万元）" en="Paid (10k yuan)"/></th><th><T zh="“351”兜底（万元）" en="351 fallback"/></th>
                <th><T zh="“180”补充（万元）" en="180 supplement"/></th><th><T zh="补偿比例" en="Ratio"/></th>
            </tr></thead>
            <tbody>
                {row(("住院", "Inpatient"), &f.inpatient)}
                {row(("门诊", "Outpatient"), &f.outpatient)}
                {row(("慢病门诊", "Chronic"), &f.chronic)}
            </tbody>
        </table></div>
        <div class="card">
            <p><T zh="家庭医生签约率 " en="Signing rate "/><strong>{percent(f.signing_rate_bp)}</strong>
                {format!("（{} / {} 人）", f.signed_people, f.registered_people)}</p>
            <p><T zh="专项资金支付：“351”兜底 " en="Paid from the funds: 351 "/>{wan(f.fallback_fund_fen)}
                <T zh=" 万元，补充商业保险 " en=", commercial insurance "/>{wan(f.commercial_fund_fen)}
                <T zh=" 万元，“180” " en=", 180 "/>{wan(f.supplement_fund_fen)}<T zh=" 万元" en=" (10k yuan)"/></p>
            <p class="premium-figures"><T zh="参保资助 " en="Premium subsidies "/>{f.premium_people}
                <T zh=" 人，" en=" people, "/>{wan(f.premium_fen)}<T zh=" 万元" en=" (10k yuan)"/></p>
        </div>
    }
}

/// Downloads the year's claims ledger (台账) of the caller's subtree.
#[component]
fn LedgerButton(year: i32) -> impl IntoView {
    let session = use_session();
    let ledger = use_save(
        move |year: i32| async move {
            session.api().health_claim_ledger(&ClaimLedgerQuery { year, org_unit_id: None }).await
        },
        move |bytes: Vec<u8>| {
            let _ = save(&bytes, &format!("健康扶贫台账-{year}.xlsx"), XLSX);
            None
        },
    );
    view! {
        <div class="buttons">
            <button type="button" class="ledger" disabled=move || ledger.pending() on:click=move |_| ledger.dispatch(year)>
                {format!("下载 {year} 年就诊结算台账（xlsx）")}
            </button>
        </div>
        <p class="form-error" role="alert">{move || ledger.summary()}</p>
    }
}
