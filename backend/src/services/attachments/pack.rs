//! The evidence pack's form: an index page in Chinese (the record's fields, its history and
//! the list of its files, each linked) and the files themselves, in one zip.

use std::io::{Cursor, Write};

use jingzhun_shared::attachments::AttachmentDto;
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use crate::error::{AppError, AppResult};

/// A table of the index page.
pub struct Section {
    pub heading: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<String>>,
}

/// What the index page says about the record.
pub struct Sheet {
    pub title: String,
    pub fields: Vec<(&'static str, String)>,
    pub sections: Vec<Section>,
}

/// Text safe inside HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The path of a file inside the zip: its id, then its name without anything that could
/// leave the folder, with the stored kind's extension.
pub fn entry_name(file: &AttachmentDto) -> String {
    let stem = file.name.rsplit_once('.').map_or(file.name.as_str(), |(stem, _)| stem);
    let safe: String =
        stem.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).take(60).collect();
    format!("files/{}-{safe}.{}", file.id, file.kind.extension())
}

fn table(out: &mut String, columns: &[&str], rows: &[Vec<String>]) {
    out.push_str("<table><tr>");
    for column in columns {
        out.push_str(&format!("<th>{}</th>", escape(column)));
    }
    out.push_str("</tr>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            out.push_str(&format!("<td>{cell}</td>"));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
}

/// The index page: cells of `sheet` are plain text (escaped here); file names link to the
/// files in the zip.
pub fn index_html(sheet: &Sheet, files: &[AttachmentDto], made_by: &str, made_at: &str) -> String {
    let mut out = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{0}</title><style>\
         body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse;margin-bottom:1.5em}}\
         th,td{{border:1px solid #999;padding:4px 8px;text-align:left}}</style></head><body><h1>{0}</h1>\
         <p>生成人：{1}　生成时间：{2}</p><h2>基本信息</h2>",
        escape(&sheet.title),
        escape(made_by),
        escape(made_at)
    );
    let fields: Vec<Vec<String>> = sheet.fields.iter().map(|(k, v)| vec![escape(k), escape(v)]).collect();
    table(&mut out, &["项目", "内容"], &fields);
    for section in &sheet.sections {
        out.push_str(&format!("<h2>{}</h2>", escape(section.heading)));
        let rows: Vec<Vec<String>> =
            section.rows.iter().map(|row| row.iter().map(|cell| escape(cell)).collect()).collect();
        if rows.is_empty() {
            out.push_str("<p>无</p>");
        } else {
            table(&mut out, section.columns, &rows);
        }
    }
    out.push_str(&format!("<h2>附件材料（{} 个）</h2>", files.len()));
    let rows: Vec<Vec<String>> = files
        .iter()
        .map(|f| {
            vec![
                format!("<a href=\"{}\">{}</a>", escape(&entry_name(f)), escape(&f.name)),
                escape(f.record_type.zh()),
                escape(f.kind.zh()),
                format!("{} KB", f.size.div_ceil(1024)),
                escape(&f.uploaded_by),
                escape(&f.created_at.format("%Y-%m-%d %H:%M").to_string()),
            ]
        })
        .collect();
    if rows.is_empty() {
        out.push_str("<p>无</p>");
    } else {
        table(&mut out, &["文件", "类别", "格式", "大小", "上传人", "上传时间"], &rows);
    }
    out.push_str("</body></html>");
    out
}

fn zip_error(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("dossier zip: {e}"))
}

/// The zip of `index.html` and the files (already compressed images and PDFs are stored as
/// they are).
pub fn zip_pack(index: &str, files: &[(String, Vec<u8>)]) -> AppResult<Vec<u8>> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    writer.start_file("index.html", deflated).map_err(zip_error)?;
    writer.write_all(index.as_bytes()).map_err(zip_error)?;
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, bytes) in files {
        writer.start_file(name.as_str(), stored).map_err(zip_error)?;
        writer.write_all(bytes).map_err(zip_error)?;
    }
    Ok(writer.finish().map_err(zip_error)?.into_inner())
}
