//! Importing households from a spreadsheet on the shared import card: template download, a
//! check that lists every row error, then the import itself, with progress while the server
//! works. The district's initial load is this page's own option. The other bureaus' sheets kept
//! per household — housing checks, renovations, assistance payments — are imported here too,
//! matched by ID card ([`BureauImport`]).

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
    let sheet = RwSignal::new(Sheet::Households);
    let card = move || {
        match sheet.get() {
        Sheet::Households => view! {
            <FileImport
                intro="每行一位家庭成员；户主身份证号已在册的户将被更新。新增的户为“待识别”，须经识别程序公告后才成为贫困户。"
                upload template template_name="农户导入模板.xlsx">
                {may_load.then(|| view! { <InitialLoad checked=initial_load/> })}
            </FileImport>
        }
        .into_any(),
        Sheet::Bureau(sheet) => view! { <BureauImport sheet/> }.into_any(),
    }
    };
    view! {
        <section class="page">
            <h1><T zh="批量导入" en="Import"/></h1>
            <div class="field">
                <label for="import-sheet"><T zh="导入内容" en="What the file holds"/></label>
                <select id="import-sheet" name="import-sheet" on:change=move |ev| {
                    sheet.set(match event_target_value(&ev).as_str() {
                        "checks" => Sheet::Bureau(Bureau::HousingChecks),
                        "renovations" => Sheet::Bureau(Bureau::Renovations),
                        "assistance" => Sheet::Bureau(Bureau::Assistance),
                        _ => Sheet::Households,
                    });
                }>
                    <option value="households" selected=true>"农户及家庭成员"</option>
                    <option value="checks">"房屋安全鉴定（住建局）"</option>
                    <option value="renovations">"危房改造（住建局）"</option>
                    <option value="assistance">"社会救助发放（民政局）"</option>
                </select>
            </div>
            {card}
        </section>
    }
}

/// What the chosen file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sheet {
    Households,
    Bureau(Bureau),
}

/// A bureau's sheet of per-household records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bureau {
    HousingChecks,
    Renovations,
    Assistance,
}

fn record_query(u: &Upload) -> ImportQuery {
    ImportQuery { format: u.format.clone(), commit: u.commit, progress: Some(u.progress.clone()), initial_load: false }
}

/// The import card of a bureau's per-household sheet.
#[component]
fn BureauImport(sheet: Bureau) -> impl IntoView {
    let session = use_session();
    match sheet {
        Bureau::HousingChecks => {
            let upload = move |u: Upload| {
                let q = record_query(&u);
                async move { session.api().import_housing_checks(&q, u.bytes).await }
            };
            let template = move || async move { session.api().housing_check_template().await };
            view! { <FileImport intro="每行一次房屋安全鉴定，按户主身份证号匹配在册户；照片请在农户页补充。"
            upload template template_name="房屋鉴定导入模板.xlsx"/> }
            .into_any()
        }
        Bureau::Renovations => {
            let upload = move |u: Upload| {
                let q = record_query(&u);
                async move { session.api().import_housing_renovations(&q, u.bytes).await }
            };
            let template = move || async move { session.api().renovation_template().await };
            view! { <FileImport intro="每行一户的危房改造，按户主身份证号匹配；政府兜底金额由费用减补助自动计算。"
            upload template template_name="危房改造导入模板.xlsx"/> }
            .into_any()
        }
        Bureau::Assistance => {
            let upload = move |u: Upload| {
                let q = record_query(&u);
                async move { session.api().import_assistance_payments(&q, u.bytes).await }
            };
            let template = move || async move { session.api().assistance_payment_template().await };
            view! { <FileImport intro="每行一笔救助发放：户主身份证号记为发给全户，其他成员的身份证号记为发给该成员。"
            upload template template_name="救助发放导入模板.xlsx"/> }
            .into_any()
        }
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
