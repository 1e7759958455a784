//! One repair of wasm-opt's output. Debian's binaryen (108) writes the export
//! `__wbindgen_externrefs` with the index of the function table instead of the externref table
//! wasm-bindgen added, and the page then dies at start ("Table.set(): Argument 1 is invalid").
//! The tables themselves are written correctly, so pointing the export back at the externref
//! table is the whole fix; the browser tests load the result.

use crate::Result;

const EXPORT_NAME: &[u8] = b"__wbindgen_externrefs";
const SECTION_TABLE: u8 = 4;
const SECTION_EXPORT: u8 = 7;
const EXTERNREF: u8 = 0x6f;
const KIND_TABLE: u8 = 1;

fn leb(bytes: &[u8], mut at: usize) -> Result<(u32, usize)> {
    let (mut value, mut shift) = (0u32, 0);
    loop {
        let byte = *bytes.get(at).ok_or("wasm: truncated LEB128")?;
        at += 1;
        value |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok((value, at));
        }
        shift += 7;
        if shift > 28 {
            return Err("wasm: LEB128 too long".into());
        }
    }
}

/// Index of the first externref table, from the table section's body.
fn externref_table(body: &[u8]) -> Result<Option<u32>> {
    let (count, mut at) = leb(body, 0)?;
    for index in 0..count {
        let kind = *body.get(at).ok_or("wasm: truncated table")?;
        at += 1;
        let flags = *body.get(at).ok_or("wasm: truncated limits")?;
        at += 1;
        let (_, next) = leb(body, at)?;
        at = next;
        if flags & 1 == 1 {
            let (_, next) = leb(body, at)?;
            at = next;
        }
        if kind == EXTERNREF {
            return Ok(Some(index));
        }
    }
    Ok(None)
}

/// Rewrites, in place, the table index of the `__wbindgen_externrefs` export when it does not
/// name the externref table. Index bytes are single-byte LEB128 for the two tables here.
pub fn repoint_externref_export(wasm: &mut [u8]) -> Result {
    let mut at = 8;
    let mut externref = None;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, body) = leb(wasm, at + 1)?;
        let end = body + size as usize;
        if id == SECTION_TABLE {
            externref = externref_table(&wasm[body..end])?;
        }
        if id == SECTION_EXPORT {
            let Some(target) = externref else { return Ok(()) };
            let (count, mut p) = leb(wasm, body)?;
            for _ in 0..count {
                let (len, name) = leb(wasm, p)?;
                let name_end = name + len as usize;
                let kind = wasm[name_end];
                let index_at = name_end + 1;
                let (index, next) = leb(wasm, index_at)?;
                if kind == KIND_TABLE && &wasm[name..name_end] == EXPORT_NAME && index != target {
                    if next - index_at != 1 || target > 0x7f {
                        return Err("wasm: cannot repoint the externref export in place".into());
                    }
                    eprintln!("note: repointing __wbindgen_externrefs from table {index} to table {target}");
                    wasm[index_at] = target as u8;
                }
                p = next;
            }
            return Ok(());
        }
        at = end;
    }
    Ok(())
}
