//! Importing households from a spreadsheet on the shared import card: template download, a
//! check that lists every row error, then the import itself, with progress while the server
//! works. The district's initial load is this page's own option.

use jingzhun_shared::Capability;
use jingzhun_shared::registry::ImportQuery;
use leptos::prelude::*;

use crate::components::file_import::{FileImport, Upload};
use crate::i18n::T;
use crate::session::use_session;

#[component]
pub fn ImportPage() -> impl IntoView {
    let session = use_session();
    let initial_load = RwSignal::new(false);
    let may_load = session.user().is_some_and(|u| u.role.can(Capability::InitialLoad));
    let upload = move |u: Upload| {
        let query = ImportQuery {
            format: u.format,
            commit: u.commit,
            progress: Some(u.progress),
            initial_load: initial_load.get_untracked(),
        };
        async move { session.api().import_households(&query, u.bytes).await }
    };
    let template = move || async move { session.api().import_template().await };
    view! {
        <section class="page">
            <h1><T zh="批量导入农户" en="Import households"/></h1>
            <FileImport
                intro="每行一位家庭成员；户主身份证号已在册的户将被更新。新增的户为“待识别”，须经识别程序公告后才成为贫困户。"
                upload template template_name="农户导入模板.xlsx">
                {may_load.then(|| view! { <InitialLoad checked=initial_load/> })}
            </FileImport>
        </section>
    }
}

/// The district's initial load from the national system: new households registered at once.
#[component]
pub fn InitialLoad(checked: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" prop:checked=move || checked.get() on:change=move |ev| checked.set(event_target_checked(&ev))/>
            <T zh="国家系统初始导入：新增户直接登记为贫困户（未脱贫）" en="Initial load from the national system: register new households at once"/>
        </label>
    }
}
