//! Importing a bank's loan list on the shared import card: one row a loan, the borrower by ID
//! card; the check names every bad row and a list with any error imports nothing.

use jingzhun_shared::registry::ImportQuery;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::Page;
use crate::components::file_import::{FileImport, Upload};
use crate::i18n::T;
use crate::session::use_session;

#[component]
pub fn ImportLoansPage() -> impl IntoView {
    let session = use_session();
    let upload = move |u: Upload| {
        let query = ImportQuery { format: u.format, commit: u.commit, progress: Some(u.progress), initial_load: false };
        async move { session.api().import_loans(&query, u.bytes).await }
    };
    let template = move || async move { session.api().loan_import_template().await };
    view! {
        <section class="page">
            <div class="page-head">
                <h1><T zh="导入银行贷款清单" en="Import a bank's loan list"/></h1>
                <A href=Page::Loans.href() attr:class="button-link"><T zh="返回贷款列表" en="Back to loans"/></A>
            </div>
            <FileImport
                intro="每行一笔贷款，按借款人身份证号匹配在册建档立卡户的成年成员。合同编号不得重复，一户只能有一笔未结清的贷款；任何一行有错误时整个文件都不导入。"
                upload template template_name="贷款导入模板.xlsx"/>
        </section>
    }
}
