//! The human-resources bureau's spreadsheets (jobs, training, transport subsidies) on the
//! shared import card: one card at a time, chosen by what the file holds.

use jingzhun_shared::registry::ImportQuery;
use leptos::prelude::*;

use crate::components::file_import::{FileImport, Upload};
use crate::i18n::T;
use crate::session::use_session;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sheet {
    Jobs,
    Training,
    Transport,
}

fn query(u: &Upload) -> ImportQuery {
    ImportQuery { format: u.format.clone(), commit: u.commit, progress: Some(u.progress.clone()), initial_load: false }
}

/// The import card of the chosen sheet; `reload` is bumped after an import so lists refresh.
#[component]
pub fn EmploymentImports(reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let sheet = RwSignal::new(Sheet::Training);
    let card = move || match sheet.get() {
        Sheet::Jobs => {
            let upload = move |u: Upload| {
                let q = query(&u);
                async move {
                    let r = session.api().import_employments(&q, u.bytes).await;
                    reload.update(|n| *n += 1);
                    r
                }
            };
            let template = move || async move { session.api().employment_template().await };
            view! { <FileImport intro="每行一条就业记录，按身份证号匹配在册成员；基地就业在“单位或基地”列填写已认定基地的名称。"
                upload template template_name="就业导入模板.xlsx"/> }
            .into_any()
        }
        Sheet::Training => {
            let upload = move |u: Upload| {
                let q = query(&u);
                async move {
                    let r = session.api().import_trainings(&q, u.bytes).await;
                    reload.update(|n| *n += 1);
                    r
                }
            };
            let template = move || async move { session.api().training_template().await };
            view! { <FileImport intro="每行一名学员的一次培训，按身份证号匹配在册成员；任何一行有错则整份文件都不导入。"
            upload template template_name="培训导入模板.xlsx"/> }
            .into_any()
        }
        Sheet::Transport => {
            let upload = move |u: Upload| {
                let q = query(&u);
                async move {
                    let r = session.api().import_transport_subsidies(&q, u.bytes).await;
                    reload.update(|n| *n += 1);
                    r
                }
            };
            let template = move || async move { session.api().transport_template().await };
            view! { <FileImport intro="每行一名外出务工人员一年的交通补助：须有当年外出务工记录，每人每年一次。"
            upload template template_name="交通补助导入模板.xlsx"/> }
            .into_any()
        }
    };
    view! {
        <details class="card imports employment-imports">
            <summary><T zh="批量导入（人社局台账）" en="Import the bureau's spreadsheets"/></summary>
            <div class="field">
                <label for="employment-import-sheet"><T zh="导入内容" en="What the file holds"/></label>
                <select id="employment-import-sheet" name="employment-import-sheet" on:change=move |ev| {
                    sheet.set(match event_target_value(&ev).as_str() {
                        "jobs" => Sheet::Jobs,
                        "transport" => Sheet::Transport,
                        _ => Sheet::Training,
                    });
                }>
                    <option value="training" selected=true>"技能培训及补助"</option>
                    <option value="transport">"外出务工交通补助"</option>
                    <option value="jobs">"就业记录"</option>
                </select>
            </div>
            {card}
        </details>
    }
}
