//! Recording aid for a member on a phone: the member picked by household, stage, programme,
//! school and term, the amount in 元 (the district supplement's is the year's setting, shown
//! and not typed), with the programme rule checked as it is chosen (shared's `aid_amount`,
//! the server's rule too).

use jingzhun_shared::education::{AidProgramme, SchoolStage, StudentAidInput, Term, aid_amount};
use jingzhun_shared::{Fen, MemberId};
use leptos::prelude::*;

use super::FIRST_YEAR;
use crate::components::enum_select::EnumSelect;
use crate::components::field::Field;
use crate::components::member_picker::MemberPicker;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

/// The form's values, as signals.
#[derive(Clone, Copy)]
struct Form {
    member: RwSignal<Option<MemberId>>,
    stage: RwSignal<SchoolStage>,
    programme: RwSignal<AidProgramme>,
    term: RwSignal<Term>,
    school: RwSignal<String>,
    year: RwSignal<String>,
    amount: RwSignal<String>,
    paid_on: RwSignal<String>,
    in_district: RwSignal<bool>,
    via_card: RwSignal<bool>,
}

impl Form {
    fn new() -> Self {
        Form {
            member: RwSignal::new(None),
            stage: RwSignal::new(SchoolStage::Compulsory),
            programme: RwSignal::new(AidProgramme::National),
            term: RwSignal::new(Term::Spring),
            school: RwSignal::new(String::new()),
            year: RwSignal::new(FIRST_YEAR.to_owned()),
            amount: RwSignal::new(String::new()),
            paid_on: RwSignal::new(today()),
            in_district: RwSignal::new(true),
            via_card: RwSignal::new(true),
        }
    }

    fn supplement(self) -> bool {
        self.programme.get() == AidProgramme::DistrictSupplement
    }

    /// What to send, when a member is chosen and the year and date read.
    fn input(self) -> Option<StudentAidInput> {
        let date = chrono::NaiveDate::parse_from_str(self.paid_on.get_untracked().trim(), "%Y-%m-%d").ok()?;
        Some(StudentAidInput {
            member_id: self.member.get_untracked()?,
            stage: self.stage.get_untracked(),
            school: self.school.get_untracked(),
            year: self.year.get_untracked().trim().parse().ok()?,
            term: self.term.get_untracked(),
            in_district: self.in_district.get_untracked(),
            programme: self.programme.get_untracked(),
            amount_fen: if self.supplement() { None } else { Fen::parse_yuan(&self.amount.get_untracked()).ok() },
            paid_on: date,
            via_card: self.via_card.get_untracked(),
        })
    }
}

#[component]
pub fn AidForm(reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let form = Form::new();
    let Form { member, stage, programme, term, school, year, amount, paid_on, in_district, via_card } = form;
    let setting = LocalResource::new(move || {
        let year = year.get().trim().parse::<i32>().ok();
        async move {
            match year {
                Some(year) => session.api().education_year_setting(year).await.ok().and_then(|s| s.supplement_fen),
                None => None,
            }
        }
    });
    let supplement = move || form.supplement();
    // The shared rule as the form stands: `Ok` with the amount, or the field and message.
    let rule = move || {
        let typed = if supplement() { None } else { Fen::parse_yuan(&amount.get()).ok() };
        let year = year.get().trim().parse::<i32>().unwrap_or_default();
        aid_amount(stage.get(), programme.get(), typed, setting.get().flatten(), year)
    };
    let save = use_save(
        move |body: StudentAidInput| async move { session.api().create_student_aid(&body).await },
        move |saved| {
            amount.set(String::new());
            reload.update(|r| *r += 1);
            Some(format!("已记录 {} 资助 {} 元", saved.member_name, saved.amount_fen.to_yuan_string()))
        },
    );
    let local = move |field: &'static str| {
        Signal::derive(move || match rule() {
            Err((f, message)) if f == field && (field != "amount_fen" || !amount.get().trim().is_empty()) => {
                Some(message)
            }
            _ => save.field(field).get(),
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form.input() {
            Some(input) => save.dispatch(input),
            None => save.message.set(Some(
                i18n.t("请选择成员并填写年度和发放日期", "Choose a member, enter the year and date").to_owned(),
            )),
        }
    };
    view! {
        <form class="card form aid-form" on:submit=submit>
            <h2><T zh="录入学生资助" en="Record student aid"/></h2>
            <MemberPicker member error=save.field("member_id")/>
            <EnumSelect label=("学段", "Stage") id="aid-stage" value=stage/>
            <EnumSelect label=("资助项目", "Programme") id="aid-programme" value=programme/>
            <p class="field-error" role="alert">{move || local("programme").get()}</p>
            <Field label=("学校", "School") name="aid-school" value=school error=save.field("school")/>
            <Field label=("年度", "Year") name="aid-year" value=year error=save.field("year") inputmode="numeric"/>
            <EnumSelect label=("学期", "Term") id="aid-term" value=term/>
            <label class="check"><input type="checkbox" prop:checked=move || in_district.get()
                on:change=move |ev| in_district.set(event_target_checked(&ev))/><T zh=" 学籍在区内" en=" School in the district"/></label>
            {move || if supplement() {
                view! { <p class="muted"><T zh="区特惠生活补助按当年标准发放：" en="The year's standard: "/>
                    {setting.get().flatten().map_or("尚未设置".to_owned(), |f| format!("{} 元", f.to_yuan_string()))}</p> }.into_any()
            } else {
                view! { <Field label=("金额（元）", "Amount (yuan)") name="aid-amount" value=amount error=local("amount_fen") inputmode="decimal"/> }.into_any()
            }}
            <Field label=("发放日期", "Paid on") name="aid-paid-on" value=paid_on error=save.field("paid_on") kind="date"/>
            <label class="check"><input type="checkbox" prop:checked=move || via_card.get()
                on:change=move |ev| via_card.set(event_target_checked(&ev))/><T zh=" 通过一卡通发放" en=" Paid through the card"/></label>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存资助" en="Save aid"/></button>
        </form>
    }
}
