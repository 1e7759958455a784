//! Recording a loan for a household (from its card): the borrower chosen among the household's
//! adult members, the terms checked as typed by the rule the server applies
//! ([`CreateLoan::check`]), the enterprise asked for only for 户贷企用.

use jingzhun_shared::credit::{CreateLoan, LoanEnterprise, LoanMode};
use jingzhun_shared::error::Validator;
use jingzhun_shared::registry::HouseholdDto;
use jingzhun_shared::{ClientError, Fen, HouseholdId, MemberId};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::{date, today};
use crate::Page;
use crate::components::enum_select::EnumSelect;
use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::page::route_id;
use crate::session::use_session;

#[component]
pub fn NewLoanPage() -> impl IntoView {
    let session = use_session();
    let id = route_id(HouseholdId);
    let household = LocalResource::new(move || {
        let id = id();
        async move { session.api().household(id.ok_or_else(|| ClientError::Decode("bad id".into()))?).await }
    });
    view! {
        <section class="page">
            <Loaded resource=household children=move |h: HouseholdDto| view! {
                <p><A href=Page::Household(h.id).href()><T zh="← 返回农户" en="← Household"/></A></p>
                <h1><T zh="登记扶贫小额信贷" en="Record a loan"/></h1>
                <LoanForm h/>
            }/>
        </section>
    }
}

/// The typed terms as a request; texts that do not parse become values the check refuses.
#[derive(Clone, Copy)]
struct Typed {
    amount: RwSignal<String>,
    rate: RwSignal<String>,
    term: RwSignal<String>,
    issued_on: RwSignal<String>,
    bank: RwSignal<String>,
    contract_no: RwSignal<String>,
    mode: RwSignal<LoanMode>,
    enterprise: RwSignal<String>,
    credit_code: RwSignal<String>,
    yearly_return: RwSignal<String>,
}

impl Typed {
    fn loan(&self, household_id: HouseholdId, borrower: MemberId) -> CreateLoan {
        let fen = |s: RwSignal<String>| Fen::parse_yuan(&s.get()).unwrap_or(Fen::new(-1));
        CreateLoan {
            household_id,
            borrower_member_id: borrower,
            bank: self.bank.get(),
            contract_no: self.contract_no.get(),
            amount_fen: fen(self.amount),
            issued_on: date(&self.issued_on.get()).unwrap_or_default(),
            term_months: self.term.get().trim().parse().unwrap_or(0),
            annual_rate_bp: jingzhun_shared::money::parse_percent_bp(&self.rate.get()).unwrap_or(0),
            mode: self.mode.get(),
            enterprise: (self.mode.get() == LoanMode::EnterpriseUse).then(|| LoanEnterprise {
                name: self.enterprise.get(),
                credit_code: self.credit_code.get(),
                yearly_return_fen: fen(self.yearly_return),
            }),
        }
    }
}

#[component]
fn LoanForm(h: HouseholdDto) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let household_id = h.id;
    let adults: Vec<_> = h.members.iter().filter(|m| m.left_on.is_none()).cloned().collect();
    let borrower = RwSignal::new(adults.first().map(|m| m.id));
    let s = |text: &str| RwSignal::new(text.to_owned());
    let typed = Typed {
        amount: s(""),
        rate: s("4.35"),
        term: s("36"),
        issued_on: s(&today()),
        bank: s(""),
        contract_no: s(""),
        mode: RwSignal::new(LoanMode::HouseholdUse),
        enterprise: s(""),
        credit_code: s(""),
        yearly_return: s(""),
    };
    let save = use_save(
        move |body: CreateLoan| async move { session.api().create_loan(&body).await },
        move |loan| {
            navigate(&Page::Loan(loan.id).href(), Default::default());
            None
        },
    );
    let shown = RwSignal::new(false);
    let local = Memo::new(move |_| {
        let mut v = Validator::new();
        if shown.get() {
            typed.loan(household_id, borrower.get().unwrap_or(MemberId(0))).check(&mut v);
        }
        v.finish().err().unwrap_or_default()
    });
    let error = move |field: &'static str| {
        Signal::derive(move || {
            local.with(|e| e.get(field).and_then(|m| m.first().cloned())).or_else(|| save.field(field).get())
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        shown.set(true);
        match borrower.get_untracked() {
            Some(b) if local.with_untracked(|e| e.is_empty()) => save.dispatch(typed.loan(household_id, b)),
            _ => save.message.set(Some(i18n.t("请按提示修改后再保存", "Correct the fields shown").to_owned())),
        }
    };
    let t = typed;
    let enterprise = move || t.mode.get() == LoanMode::EnterpriseUse;
    view! {
        <form class="card form loan-form" on:submit=submit>
            <p class="muted">{h.number.clone()}</p>
            <div class="field">
                <label for="loan-borrower"><T zh="借款人（须年满 18 周岁）" en="Borrower (adult)"/></label>
                <select id="loan-borrower" on:change=move |ev| borrower.set(event_target_value(&ev).parse().ok().map(MemberId))>
                    {adults.iter().map(|m| view! { <option value=m.id.0.to_string()>{m.name.clone()}</option> }).collect_view()}
                </select>
                <p class="field-error" role="alert">{move || error("borrower_member_id").get()}</p>
            </div>
            <Field label=("贷款银行", "Bank") name="loan-bank" value=t.bank error=error("bank")/>
            <Field label=("合同编号", "Contract number") name="loan-contract" value=t.contract_no error=error("contract_no")/>
            <Field label=("贷款金额（元，不超过 5 万）", "Amount (yuan, at most 50,000)") name="loan-amount" value=t.amount error=error("amount_fen") inputmode="decimal"/>
            <Field label=("放款日期", "Issued on") name="loan-issued" value=t.issued_on error=error("issued_on") kind="date"/>
            <Field label=("期限（月，不超过 36）", "Term (months, at most 36)") name="loan-term" value=t.term error=error("term_months") inputmode="numeric"/>
            <Field label=("年利率（%，基准利率）", "Annual rate (%)") name="loan-rate" value=t.rate error=error("annual_rate_bp") inputmode="decimal"/>
            <EnumSelect label=("贷款方式", "Mode") id="loan-mode" value=t.mode/>
            <p class="field-error" role="alert">{move || error("enterprise").get()}</p>
            <Show when=enterprise>
                <p class="warn-text"><T zh="注意：户贷企用已于 2017 年被监管部门叫停。" en="Note: enterprise use was stopped by the regulator in 2017."/></p>
                <Field label=("用款企业", "Enterprise") name="loan-enterprise" value=t.enterprise error=error("enterprise.name")/>
                <Field label=("统一社会信用代码", "Credit code") name="loan-credit-code" value=t.credit_code error=error("enterprise.credit_code")/>
                <Field label=("每年应付农户收益（元）", "Yearly return (yuan)") name="loan-return" value=t.yearly_return error=error("enterprise.yearly_return_fen") inputmode="decimal"/>
            </Show>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存贷款" en="Save loan"/></button>
        </form>
    }
}
