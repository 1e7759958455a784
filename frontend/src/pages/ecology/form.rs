//! Recording an ecological compensation for a household on a phone: the household, the
//! programme, the year, the area in 亩 (none for a ranger's pay), the amount in 元 and the day
//! it was paid, each checked as typed with shared's parsers (the server's rules too).

use jingzhun_shared::ecology::{EcologyInput, EcologyProgramme};
use jingzhun_shared::industry::Quantity;
use jingzhun_shared::{Fen, HouseholdId};
use leptos::prelude::*;

use crate::components::enum_select::EnumSelect;
use crate::components::field::{Field, checked};
use crate::components::household_picker::HouseholdPicker;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::pages::education::FIRST_YEAR;
use crate::session::use_session;

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

fn yuan_error(text: &str) -> Option<String> {
    Fen::parse_yuan(text).and_then(|f| f.positive_amount("补偿金额")).err()
}

fn area_error(text: &str) -> Option<String> {
    Quantity::parse(text).err()
}

#[component]
pub fn CompensationForm(reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let household = RwSignal::new(None::<HouseholdId>);
    let programme = RwSignal::new(EcologyProgramme::ReturningFarmland);
    let year = RwSignal::new(FIRST_YEAR.to_owned());
    let area = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let paid_on = RwSignal::new(today());
    let save = use_save(
        move |body: EcologyInput| async move { session.api().create_ecology_compensation(&body).await },
        move |saved| {
            amount.set(String::new());
            area.set(String::new());
            reload.update(|r| *r += 1);
            Some(format!(
                "已记录 {} 户{} {} 元",
                saved.head_name,
                saved.programme.zh(),
                saved.amount_fen.to_yuan_string()
            ))
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let area_text = area.get_untracked();
        let parsed = (
            household.get_untracked(),
            year.get_untracked().trim().parse::<i32>().ok(),
            chrono::NaiveDate::parse_from_str(paid_on.get_untracked().trim(), "%Y-%m-%d").ok(),
            Fen::parse_yuan(&amount.get_untracked()).ok(),
            if area_text.trim().is_empty() { Some(None) } else { Quantity::parse(&area_text).ok().map(Some) },
        );
        let (Some(household_id), Some(year), Some(paid_on), Some(amount_fen), Some(area_mu)) = parsed else {
            save.message.set(Some(
                i18n.t(
                    "请选择农户，并填写年度、金额、面积和发放日期",
                    "Choose a household; enter year, amount, area and date",
                )
                .to_owned(),
            ));
            return;
        };
        save.dispatch(EcologyInput {
            household_id,
            programme: programme.get_untracked(),
            year,
            area_mu,
            amount_fen,
            paid_on,
        });
    };
    view! {
        <form class="card form ecology-form" on:submit=submit>
            <h2><T zh="录入生态补偿" en="Record a compensation"/></h2>
            <div class="field"><HouseholdPicker prefix="ecology" household error=save.field("household_id")/></div>
            <EnumSelect label=("补偿项目", "Programme") id="ecology-programme" value=programme/>
            <Field label=("年度", "Year") name="ecology-form-year" value=year error=save.field("year") inputmode="numeric"/>
            <Field label=("面积（亩，护林员可不填）", "Area (mu; none for a ranger)") name="ecology-area" value=area
                error=checked(area, save.field("area_mu"), area_error) inputmode="decimal"/>
            <Field label=("金额（元）", "Amount (yuan)") name="ecology-amount" value=amount
                error=checked(amount, save.field("amount_fen"), yuan_error) inputmode="decimal"/>
            <Field label=("发放日期", "Paid on") name="ecology-paid-on" value=paid_on error=save.field("paid_on") kind="date"/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存补偿" en="Save"/></button>
        </form>
    }
}
