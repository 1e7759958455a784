//! Recording a member's job on a phone: the member picked by household, the kind, the
//! employer (or, for a base job, the base), the start and the monthly wage in 元.

use jingzhun_shared::employment::{EmploymentBaseQuery, EmploymentInput, EmploymentKind};
use jingzhun_shared::{EmploymentBaseId, Fen, MemberId, PageQuery};
use leptos::prelude::*;

use crate::components::enum_select::EnumSelect;
use crate::components::field::Field;
use crate::components::member_picker::MemberPicker;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

#[component]
pub fn JobForm(reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let member = RwSignal::new(None::<MemberId>);
    let kind = RwSignal::new(EmploymentKind::MigrantJob);
    let employer = RwSignal::new(String::new());
    let base = RwSignal::new(None::<EmploymentBaseId>);
    let since = RwSignal::new(chrono::Local::now().date_naive().to_string());
    let wage = RwSignal::new(String::new());
    let bases = LocalResource::new(move || async move {
        let query = EmploymentBaseQuery { per_page: Some(PageQuery::MAX_PER_PAGE), ..Default::default() };
        session.api().employment_bases(&query).await.map(|p| p.items).unwrap_or_default()
    });
    let save = use_save(
        move |body: EmploymentInput| async move { session.api().create_employment(&body).await },
        move |saved| {
            wage.set(String::new());
            reload.update(|r| *r += 1);
            Some(format!("已记录 {} 的就业", saved.member_name))
        },
    );
    let wage_error = Signal::derive(move || {
        let text = wage.get();
        let local = if text.trim().is_empty() { None } else { Fen::parse_yuan(&text).err() };
        local.or_else(|| save.field("monthly_wage_fen").get())
    });
    let at_base = move || kind.get() == EmploymentKind::BaseJob;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed = (
            member.get_untracked(),
            chrono::NaiveDate::parse_from_str(since.get_untracked().trim(), "%Y-%m-%d").ok(),
            Fen::parse_yuan(&wage.get_untracked()),
        );
        let (Some(member_id), Some(since), Ok(monthly_wage_fen)) = parsed else {
            save.message.set(Some(
                i18n.t("请选择成员并填写开始日期和月工资", "Choose a member, enter the start and the wage").to_owned(),
            ));
            return;
        };
        let kind = kind.get_untracked();
        save.dispatch(EmploymentInput {
            member_id,
            kind,
            employer: employer.get_untracked(),
            base_id: (kind == EmploymentKind::BaseJob).then(|| base.get_untracked()).flatten(),
            since,
            until: None,
            monthly_wage_fen,
        });
    };
    view! {
        <form class="card form job-form" on:submit=submit>
            <h2><T zh="录入就业" en="Record a job"/></h2>
            <MemberPicker member error=save.field("member_id")/>
            <EnumSelect label=("就业类型", "Kind") id="job-kind" value=kind/>
            {move || if at_base() {
                view! { <div class="field">
                    <label for="job-base"><T zh="就业基地" en="Base"/></label>
                    <select id="job-base" on:change=move |ev| base.set(event_target_value(&ev).parse().ok().map(EmploymentBaseId))>
                        <option value=""><T zh="— 选择基地 —" en="— base —"/></option>
                        {bases.get().unwrap_or_default().into_iter().map(|b| view! {
                            <option value=b.id.0.to_string()>{b.name.clone()}</option>
                        }).collect_view()}
                    </select>
                    <p class="field-error" role="alert">{move || save.field("base_id").get()}</p>
                </div> }.into_any()
            } else {
                view! { <Field label=("就业单位", "Employer") name="job-employer" value=employer error=save.field("employer")/> }.into_any()
            }}
            <Field label=("开始日期", "Since") name="job-since" value=since error=save.field("since") kind="date"/>
            <Field label=("月工资（元）", "Monthly wage (yuan)") name="job-wage" value=wage error=wage_error inputmode="decimal"/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存就业" en="Save job"/></button>
        </form>
    }
}
