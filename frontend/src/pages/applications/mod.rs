//! The applications waiting for the user's role: advance with a date, or reject with a reason.

use std::sync::Arc;

use chrono::NaiveDate;
use jingzhun_shared::applications::{
    ApplicationDto, ApplicationQuery, ApplicationStep, Comparison, ExitVerification, NoticePeriod,
};
use jingzhun_shared::{ApplicationId, ApplicationKind, ApplicationStage, ComparisonSource, OrgUnitId};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::Page;
use crate::components::list::{Column, PagedList, order, text};
use crate::components::loaded::Loaded;
use crate::components::photos::NoticePhotoUpload;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

const PER_PAGE: u64 = 20;

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let session = use_session();
    let page = RwSignal::new(1u64);
    let reload = RwSignal::new(0u32);
    let unit = RwSignal::new(String::new());
    let units = LocalResource::new(move || async move { session.api().org_tree().await });
    let list = LocalResource::new(move || {
        reload.track();
        let query = ApplicationQuery {
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
            waiting: Some(true),
            org_unit_id: unit.get().parse::<i64>().ok().map(OrgUnitId),
            ..Default::default()
        };
        async move { session.api().applications(&query).await }
    });
    let card = Arc::new(move |a: ApplicationDto| view! { <Pending a reload/> }.into_any());
    view! {
        <section class="page">
            <h1><T zh="待办申请" en="Applications waiting for me"/></h1>
            <Loaded resource=units quiet=true children=move |tree| {
                (!tree.children.is_empty()).then(|| view! {
                    <select aria-label="org unit" on:change=move |ev| { unit.set(event_target_value(&ev)); page.set(1); }>
                        <option value=""><T zh="全部乡镇和村" en="All townships and villages"/></option>
                        {tree.flatten().into_iter().skip(1).map(|u| view! {
                            <option value=u.id.0.to_string()>{u.name.clone()}</option>
                        }).collect_view()}
                    </select>
                })
            }/>
            <PagedList resource=list page per_page=PER_PAGE columns=columns(reload) card class="applications"
                empty=("没有待办的申请", "Nothing waiting")/>
        </section>
    }
}

fn columns(reload: RwSignal<u32>) -> Vec<Column<ApplicationDto>> {
    let i18n = use_i18n();
    vec![
        Column::new(("户主", "Head"), |a: &ApplicationDto| {
            let name = a.head_name.clone();
            view! { <A href=Page::Household(a.household_id).href()><strong>{name}</strong></A> }.into_any()
        })
        .sort(|a| text(&a.head_name)),
        Column::new(("村", "Village"), |a: &ApplicationDto| a.village.name.clone().into_any())
            .sort(|a| text(&a.village.name)),
        Column::new(("类别", "Kind"), move |a: &ApplicationDto| {
            let kind = a.kind;
            (move || i18n.label(kind)).into_any()
        })
        .sort(|a| text(a.kind.zh())),
        Column::new(("环节", "Stage"), move |a: &ApplicationDto| {
            let stage = a.stage;
            (move || i18n.label(stage)).into_any()
        })
        .sort(|a| order(a.stage)),
        Column::new(("自", "Since"), |a: &ApplicationDto| a.stage_since.to_string().into_any())
            .sort(|a| text(&a.stage_since.to_string())),
        Column::new(("办理", "Act"), move |a: &ApplicationDto| view! { <Act a=a.clone() reload/> }.into_any()),
    ]
}

#[component]
fn Pending(a: ApplicationDto, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let (kind, stage) = (a.kind, a.stage);
    let act = a.clone();
    view! {
        <div class="grow application">
            <A href=Page::Household(a.household_id).href()><strong>{a.head_name.clone()}</strong></A>" "
            <span class="muted small">{a.village.name.clone()}" · "{move || i18n.label(kind)}</span>
            <div class="small">{move || i18n.label(stage)}<T zh=" 自 " en=" since "/>{a.stage_since.to_string()}</div>
            <Act a=act reload/>
        </div>
    }
}

/// Advance with a date, a note and what the step records (the comparison, the notice's days,
/// an exit's verification), or reject (after a confirmation) with a reason.
#[component]
fn Act(a: ApplicationDto, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let id = a.id;
    let date = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let records = Records::new(&a);
    let stage = a.stage;
    let taken = a.photos.iter().filter(|p| p.stage == stage).count();
    let act = use_save(
        move |(reject, step): (bool, ApplicationStep)| async move {
            let api = session.api();
            if reject { api.reject_application(id, &step).await } else { api.advance_application(id, &step).await }
        },
        move |_| {
            reload.update(|r| *r += 1);
            None
        },
    );
    let step = move || ApplicationStep {
        on: parse_date(&date.get_untracked()),
        note: Some(note.get_untracked()).filter(|n| !n.trim().is_empty()),
        ..Default::default()
    };
    let advance = move |_| {
        let mut step = step();
        records.fill(&mut step);
        act.dispatch((false, step));
    };
    let reject = move |_| {
        let question = i18n.t("确定驳回该申请？", "Reject this application?");
        if web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false) {
            act.dispatch((true, step()));
        }
    };
    let errors = act.errors;
    let field_errors =
        move || errors.with(|e| e.values().flat_map(|m| m.iter().cloned()).collect::<Vec<_>>().join("；"));
    view! {
        <div class="act">
            {records.view(id)}
            {stage.is_notice().then(|| view! { <NoticePhotoUpload id taken reload/> })}
            <div class="inline-form">
                <input type="date" aria-label=move || i18n.t("办理日期", "date") prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
                <input aria-label=move || i18n.t("意见或驳回原因", "note") placeholder=move || i18n.t("意见或驳回原因", "Note or reason") prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))/>
                <button type="button" class="small" disabled=move || act.pending() on:click=advance>
                    <T zh="通过" en="Advance"/>
                </button>
                <button type="button" class="small" disabled=move || act.pending() on:click=reject><T zh="驳回" en="Reject"/></button>
            </div>
            <p class="field-error" role="alert">{move || act.message.get().unwrap_or_else(field_errors)}</p>
        </div>
    }
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// The inputs of what the application's current step records.
#[derive(Clone, Copy)]
enum Records {
    None,
    Comparison { sources: RwSignal<Vec<ComparisonSource>>, passed: RwSignal<bool>, finding: RwSignal<String> },
    Notice { start: RwSignal<String>, end: RwSignal<String> },
    Verification { on: RwSignal<String>, by: RwSignal<String>, finding: RwSignal<String>, signed: RwSignal<String> },
}

impl Records {
    fn new(a: &ApplicationDto) -> Records {
        match a.stage {
            ApplicationStage::VillageAssessed => Records::Comparison {
                sources: RwSignal::new(ComparisonSource::ALL.to_vec()),
                passed: RwSignal::new(true),
                finding: RwSignal::new(String::new()),
            },
            stage if stage.is_notice() => {
                Records::Notice { start: RwSignal::new(a.stage_since.to_string()), end: RwSignal::new(String::new()) }
            }
            ApplicationStage::DistrictCompared if a.kind == ApplicationKind::Exit => Records::Verification {
                on: RwSignal::new(String::new()),
                by: RwSignal::new(String::new()),
                finding: RwSignal::new(String::new()),
                signed: RwSignal::new(String::new()),
            },
            _ => Records::None,
        }
    }

    /// Puts what was typed into `step`; a date left blank stays blank, for the server to name.
    fn fill(self, step: &mut ApplicationStep) {
        let date = |s: RwSignal<String>| parse_date(&s.get_untracked());
        match self {
            Records::None => {}
            Records::Comparison { sources, passed, finding } => {
                step.comparison = Some(Comparison {
                    sources: sources.get_untracked(),
                    passed: passed.get_untracked(),
                    finding: finding.get_untracked(),
                });
            }
            Records::Notice { start, end } => {
                if let (Some(start_on), Some(end_on)) = (date(start), date(end)) {
                    step.notice = Some(NoticePeriod { start_on, end_on });
                }
            }
            Records::Verification { on, by, finding, signed } => {
                if let (Some(verified_on), Some(acknowledged_on)) = (date(on), date(signed)) {
                    step.verification = Some(ExitVerification {
                        verified_on,
                        verified_by: by.get_untracked(),
                        finding: finding.get_untracked(),
                        acknowledged_on,
                    });
                }
            }
        }
    }

    fn view(self, id: ApplicationId) -> AnyView {
        let i18n = use_i18n();
        let date_input = move |label: (&'static str, &'static str), value: RwSignal<String>| {
            let field = format!("field-{}-{id}", label.1.to_lowercase().replace(' ', "-"));
            view! {
                <div class="field">
                    <label for=field.clone()><T zh=label.0 en=label.1/></label>
                    <input id=field type="date" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                </div>
            }
        };
        let text_input = move |label: (&'static str, &'static str), value: RwSignal<String>| {
            let field = format!("field-{}-{id}", label.1.to_lowercase().replace(' ', "-"));
            view! {
                <div class="field">
                    <label for=field.clone()><T zh=label.0 en=label.1/></label>
                    <input id=field prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                </div>
            }
        };
        match self {
            Records::None => ().into_any(),
            Records::Comparison { sources, passed, finding } => view! {
                <fieldset class="records">
                    <legend><T zh="区级比对" en="District comparison"/></legend>
                    {ComparisonSource::ALL.iter().map(|&source| view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || sources.with(|s| s.contains(&source))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    sources.update(|s| { s.retain(|x| *x != source); if on { s.push(source); } });
                                }/>
                            {move || i18n.label(source)}
                        </label>
                    }).collect_view()}
                    <label class="check">
                        <input type="checkbox" prop:checked=move || !passed.get() on:change=move |ev| passed.set(!event_target_checked(&ev))/>
                        <T zh="比对发现不符合条件（驳回）" en="Found ineligible (rejects)"/>
                    </label>
                    {text_input(("比对结果", "Finding"), finding)}
                </fieldset>
            }
            .into_any(),
            Records::Notice { start, end } => view! {
                <fieldset class="records">
                    <legend><T zh="公示期（不少于 7 天）" en="Notice period (7 days at least)"/></legend>
                    {date_input(("公示开始", "Notice start"), start)}
                    {date_input(("公示结束", "Notice end"), end)}
                </fieldset>
            }
            .into_any(),
            Records::Verification { on, by, finding, signed } => view! {
                <fieldset class="records">
                    <legend><T zh="村两委和驻村工作队核实、本户签字认可" en="Verification and the household's acknowledgement"/></legend>
                    {date_input(("核实日期", "Verified on"), on)}
                    {text_input(("核实人员", "Verified by"), by)}
                    {text_input(("核实情况", "Verification finding"), finding)}
                    {date_input(("签字认可日期", "Signed on"), signed)}
                </fieldset>
            }
            .into_any(),
        }
    }
}
