//! Importing settlements (一站式结算) from a spreadsheet on the shared import card: template
//! download, a check that lists every row error (an unknown ID card, layers above the cost),
//! then the import, with progress while the server settles the 351 and 180 in discharge order.

use jingzhun_shared::Fen;
use jingzhun_shared::health::{ClaimImportQuery, ClaimImportReport};
use leptos::prelude::*;

use crate::Page;
use crate::components::file_import::{FileImport, ImportOutcome, Upload};
use crate::i18n::T;
use crate::session::use_session;

#[component]
pub fn HealthImportPage() -> impl IntoView {
    let session = use_session();
    let upload = move |u: Upload| {
        let query = ClaimImportQuery { format: u.format, commit: u.commit, progress: Some(u.progress) };
        async move { session.api().import_health_claims(&query, u.bytes).await }
    };
    let template = move || async move { session.api().health_claim_template().await };
    view! {
        <section class="page health-import">
            <p><a href=Page::Health.href()><T zh="← 健康扶贫" en="← Health"/></a></p>
            <h1><T zh="导入结算单" en="Import settlements"/></h1>
            <FileImport
                intro="每行一次就诊结算，按身份证号对应到人；“351”兜底和“180”补充按出院日期顺序与已录入的结算一起计算。有任何错误行则全部不导入。"
                upload template template_name="健康扶贫结算导入模板.xlsx"/>
        </section>
    }
}

/// What the card says of a settlement import: the rows and their cost; once committed, the
/// 351 and 180 they were settled with and how many claims on file moved.
impl ImportOutcome for ClaimImportReport {
    fn committed(&self) -> bool {
        self.committed
    }
    fn error_count(&self) -> u64 {
        self.error_count
    }
    fn errors(&self) -> Vec<jingzhun_shared::registry::RowError> {
        self.errors.clone()
    }
    fn summary(&self) -> String {
        let money = |fen: Fen| fen.to_yuan_string();
        match self.committed {
            true => format!(
                "{} 行 · 医疗总费用 {} 元 · “351”兜底 {} 元 · “180”补充 {} 元 · 重新计算已有结算 {} 笔",
                self.rows,
                money(self.total_cost_fen),
                money(self.fallback_fen),
                money(self.supplementary_fen),
                self.recomputed
            ),
            false => format!("{} 行 · 医疗总费用 {} 元", self.rows, money(self.total_cost_fen)),
        }
    }
}
