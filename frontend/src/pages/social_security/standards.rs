//! Setting the year's standards (admin and district office, the poverty line's capability):
//! each in 元 per person and year, the temporary-assistance uplift in %, sent with the version
//! read so two officials at once get a clear 409.

use jingzhun_shared::Fen;
use jingzhun_shared::social_security::{SocialStandardDto, SocialStandardInput};
use leptos::prelude::*;

use crate::components::field::{Field, checked};
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

fn yuan_error(text: &str) -> Option<String> {
    Fen::parse_yuan(text).err()
}

/// The field's text: empty for an unset standard, else the yuan.
fn shown(f: Fen) -> String {
    if f == Fen::ZERO { String::new() } else { f.to_yuan_string() }
}

/// A percentage with up to two decimals (`5`, `2.5`) as basis points: the same hundredths as
/// yuan to fen, so shared's exact parser reads it.
fn bp(text: &str) -> Option<i64> {
    Fen::parse_yuan(text).ok().map(Fen::fen)
}

#[component]
pub fn StandardsForm(standard: SocialStandardDto, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let year = standard.year;
    let version = (standard.version > 0).then_some(standard.version);
    let dibao = RwSignal::new(shown(standard.dibao_fen));
    let concentrated = RwSignal::new(shown(standard.wubao_concentrated_fen));
    let dispersed = RwSignal::new(shown(standard.wubao_dispersed_fen));
    let threshold = RwSignal::new(shown(standard.temporary_threshold_fen));
    let uplift = RwSignal::new(Fen::new(standard.temporary_uplift_bp).to_yuan_string());
    let save = use_save(
        move |body: SocialStandardInput| async move { session.api().set_social_standard(year, &body).await },
        move |_| {
            reload.update(|r| *r += 1);
            Some(format!("{year} 年标准已保存"))
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let money = |s: RwSignal<String>| Fen::parse_yuan(&s.get_untracked()).ok();
        let parsed =
            (money(dibao), money(concentrated), money(dispersed), money(threshold), bp(&uplift.get_untracked()));
        let (
            Some(dibao_fen),
            Some(wubao_concentrated_fen),
            Some(wubao_dispersed_fen),
            Some(temporary_threshold_fen),
            Some(temporary_uplift_bp),
        ) = parsed
        else {
            save.message.set(Some(
                i18n.t("请按元填写每项标准，比例按百分数填写", "Enter each standard in yuan, the uplift in %")
                    .to_owned(),
            ));
            return;
        };
        save.dispatch(SocialStandardInput {
            dibao_fen,
            wubao_concentrated_fen,
            wubao_dispersed_fen,
            temporary_threshold_fen,
            temporary_uplift_bp,
            version,
        });
    };
    view! {
        <details class="card standards-form">
            <summary>{year}<T zh=" 年保障标准设置" en=" standards"/></summary>
            <form class="form" on:submit=submit>
                <Field label=("低保标准（元/人·年）", "Dibao (yuan per person a year)") name="standard-dibao" value=dibao
                    error=checked(dibao, save.field("dibao_fen"), yuan_error) inputmode="decimal"/>
                <Field label=("五保集中供养（元/人·年）", "Wubao in a home") name="standard-concentrated" value=concentrated
                    error=checked(concentrated, save.field("wubao_concentrated_fen"), yuan_error) inputmode="decimal"/>
                <Field label=("五保分散供养（元/人·年）", "Wubao at home") name="standard-dispersed" value=dispersed
                    error=checked(dispersed, save.field("wubao_dispersed_fen"), yuan_error) inputmode="decimal"/>
                <Field label=("临时救助起付线（元）", "Temporary assistance threshold") name="standard-threshold" value=threshold
                    error=checked(threshold, save.field("temporary_threshold_fen"), yuan_error) inputmode="decimal"/>
                <Field label=("临时救助比例提高（%）", "Temporary assistance uplift (%)") name="standard-uplift" value=uplift
                    error=save.field("temporary_uplift_bp") inputmode="decimal"/>
                <p class="form-error" role="alert">{move || save.summary()}</p>
                <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存标准" en="Save"/></button>
            </form>
        </details>
    }
}
