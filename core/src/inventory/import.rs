//! Bulk import of details, holders and disclosures from CSV or JSON, in one transaction.
//!
//! # Format
//! One row per record; the `record` column says which: `detail`, `holder` or `disclosure`.
//!
//! | record | columns |
//! |---|---|
//! | detail | `ref`, `kind`, `value`, `label`, `unchecked` |
//! | holder | `ref`, `name`, `category`, `website`, `phone`, `notes`, `own_device` |
//! | disclosure | `detail`, `holder` (a `ref` from this file or an existing id), `channel`, `date`, `purpose`, `necessary`, `evidence` |
//!
//! CSV has a header line naming the columns (any order, unknown names rejected). JSON is an
//! array of objects with the same keys; values are strings, booleans or numbers. A column that
//! does not apply to a row's record type must be empty. Booleans accept true/false, yes/no, 1/0, 是/否.
//! E.g. what 一证通查 lists becomes one `phone` detail and one `telecom` holder per number.
//!
//! Every row is checked; if any fails, the import returns every failing line with the reason
//! (never the value) and the transaction rolls back: nothing is half-imported.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use time::OffsetDateTime;

use super::index::Change;
use super::{
    put_detail, put_disclosure, put_holder, Inventory, NewDetail, NewDisclosure, NewHolder,
};
use crate::error::{Error, Reason, ReasonArg, Result};
use crate::vault::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum InventoryImportFormat {
    Csv,
    Json,
}

/// The largest file accepted: far above any real inventory, small enough to hold in memory.
pub const MAX_IMPORT_BYTES: usize = 16 * 1024 * 1024;
/// How many problems an error lists before summarising.
const MAX_LISTED_PROBLEMS: usize = 20;

const COLUMNS: &[&str] = &[
    "record",
    "ref",
    "kind",
    "value",
    "label",
    "unchecked",
    "name",
    "category",
    "website",
    "phone",
    "notes",
    "own_device",
    "detail",
    "holder",
    "channel",
    "date",
    "purpose",
    "necessary",
    "evidence",
];

/// One input row: its line (1-based, of the row's start) and its non-empty fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    pub line: u64,
    pub fields: BTreeMap<String, String>,
}

/// Why one line was refused; a refused import lists these in its error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InventoryImportProblem {
    pub line: u64,
    pub reason: Reason,
}

impl InventoryImportProblem {
    fn new(line: u64, reason_id: &'static str) -> Self {
        InventoryImportProblem {
            line,
            reason: Reason::new(reason_id),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InventoryImportReport {
    pub details_created: u32,
    /// Details already in the inventory (same kind and value), linked instead of duplicated.
    pub details_reused: u32,
    pub holders: u32,
    pub disclosures: u32,
}

/// Parse `text` into rows without interpreting them. Errors carry the line.
pub fn parse(
    text: &str,
    format: InventoryImportFormat,
) -> std::result::Result<Vec<RawRow>, InventoryImportProblem> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(InventoryImportProblem {
            line: 0,
            reason: Reason::with(
                "reason-import-too-large",
                [("max", MAX_IMPORT_BYTES.into())],
            ),
        });
    }
    match format {
        InventoryImportFormat::Csv => parse_csv(text),
        InventoryImportFormat::Json => parse_json(text),
    }
}

fn checked_column(name: &str, line: u64) -> std::result::Result<String, InventoryImportProblem> {
    let name = name
        .trim()
        .trim_start_matches('\u{feff}')
        .to_ascii_lowercase();
    if COLUMNS.contains(&name.as_str()) {
        Ok(name)
    } else {
        Err(InventoryImportProblem {
            line,
            reason: Reason::with(
                "reason-import-unknown-column",
                [("expected", ReasonArg::code(COLUMNS.join(", ")))],
            ),
        })
    }
}

fn parse_csv(text: &str) -> std::result::Result<Vec<RawRow>, InventoryImportProblem> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let line_of = |e: &csv::Error| e.position().map_or(0, |p| p.line());
    let headers = reader
        .headers()
        .map_err(|e| InventoryImportProblem::new(line_of(&e), "reason-import-csv-header"))?
        .iter()
        .map(|h| checked_column(h, 1))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    if !headers.iter().any(|h| h == "record") {
        return Err(InventoryImportProblem::new(
            1,
            "reason-import-no-record-column",
        ));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record
            .map_err(|e| InventoryImportProblem::new(line_of(&e), "reason-import-csv-row"))?;
        let line = record.position().map_or(0, |p| p.line());
        let fields = headers
            .iter()
            .zip(record.iter())
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(h, v)| (h.clone(), v.trim().to_owned()))
            .collect();
        rows.push(RawRow { line, fields });
    }
    Ok(rows)
}

/// A JSON array parsed element by element, so each row knows the line it starts on.
fn parse_json(text: &str) -> std::result::Result<Vec<RawRow>, InventoryImportProblem> {
    let line_at = |offset: usize| 1 + text[..offset].bytes().filter(|b| *b == b'\n').count() as u64;
    let skip_ws = |mut i: usize| {
        while text.as_bytes().get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    let mut pos = skip_ws(0);
    if text.as_bytes().get(pos) != Some(&b'[') {
        return Err(InventoryImportProblem::new(
            line_at(pos),
            "reason-import-json-array",
        ));
    }
    pos = skip_ws(pos + 1);
    let mut rows = Vec::new();
    if text.as_bytes().get(pos) == Some(&b']') {
        return trailing_is_empty(text, skip_ws(pos + 1), &line_at).map(|_| rows);
    }
    loop {
        let line = line_at(pos);
        let mut stream = serde_json::Deserializer::from_str(&text[pos..])
            .into_iter::<serde_json::Map<String, serde_json::Value>>();
        let object = match stream.next() {
            Some(Ok(object)) => object,
            _ => {
                return Err(InventoryImportProblem::new(
                    line,
                    "reason-import-json-object",
                ))
            }
        };
        pos = skip_ws(pos + stream.byte_offset());
        let mut fields = BTreeMap::new();
        for (key, value) in object {
            let key = checked_column(&key, line)?;
            let text = match value {
                serde_json::Value::Null => continue,
                serde_json::Value::String(s) => s.trim().to_owned(),
                serde_json::Value::Bool(b) => b.to_string(),
                serde_json::Value::Number(n) => n.to_string(),
                _ => {
                    return Err(InventoryImportProblem::new(
                        line,
                        "reason-import-json-value",
                    ))
                }
            };
            if !text.is_empty() {
                fields.insert(key, text);
            }
        }
        rows.push(RawRow { line, fields });
        match text.as_bytes().get(pos) {
            Some(b',') => pos = skip_ws(pos + 1),
            Some(b']') => return trailing_is_empty(text, skip_ws(pos + 1), &line_at).map(|_| rows),
            _ => {
                return Err(InventoryImportProblem::new(
                    line_at(pos),
                    "reason-import-json-separator",
                ))
            }
        }
    }
}

fn trailing_is_empty(
    text: &str,
    pos: usize,
    line_at: &dyn Fn(usize) -> u64,
) -> std::result::Result<(), InventoryImportProblem> {
    if pos < text.len() {
        return Err(InventoryImportProblem::new(
            line_at(pos),
            "reason-import-json-trailing",
        ));
    }
    Ok(())
}

/// The columns each record type may fill.
fn allowed(record: &str) -> Option<&'static [&'static str]> {
    match record {
        "detail" => Some(&["record", "ref", "kind", "value", "label", "unchecked"]),
        "holder" => Some(&[
            "record",
            "ref",
            "name",
            "category",
            "website",
            "phone",
            "notes",
            "own_device",
        ]),
        "disclosure" => Some(&[
            "record",
            "detail",
            "holder",
            "channel",
            "date",
            "purpose",
            "necessary",
            "evidence",
        ]),
        _ => None,
    }
}

fn parse_bool(raw: Option<&String>, column: &'static str, default: bool) -> Result<bool> {
    match raw.map(|s| s.to_lowercase()).as_deref() {
        None => Ok(default),
        Some("true" | "yes" | "y" | "1" | "是") => Ok(true),
        Some("false" | "no" | "n" | "0" | "否") => Ok(false),
        Some(_) => Err(Error::invalid_with(
            "reason-import-bool",
            [("column", ReasonArg::code(column))],
        )),
    }
}

/// Resolves `ref`s defined earlier in the file to record ids.
#[derive(Default)]
struct Refs {
    details: HashMap<String, String>,
    holders: HashMap<String, String>,
}

impl Refs {
    fn define(map: &mut HashMap<String, String>, key: Option<&String>, id: &str) -> Result<()> {
        if let Some(key) = key {
            if map.insert(key.clone(), id.to_owned()).is_some() {
                return Err(Error::invalid("reason-import-ref-twice"));
            }
        }
        Ok(())
    }

    /// A ref from this file, else taken as an existing record id (checked when written).
    fn resolve(map: &HashMap<String, String>, key: &str) -> String {
        map.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }
}

fn import_row(
    txn: &mut dyn crate::vault::Txn,
    row: &RawRow,
    refs: &mut Refs,
    report: &mut InventoryImportReport,
    now: OffsetDateTime,
    changes: &mut Vec<Change>,
) -> Result<()> {
    let f = &row.fields;
    let record = f
        .get("record")
        .map(|r| r.to_ascii_lowercase())
        .unwrap_or_default();
    let allowed = allowed(&record).ok_or_else(|| Error::invalid("reason-import-record"))?;
    // Both are codes of the format: `parse` accepted only known columns.
    if let Some(extra) = f.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(Error::invalid_with(
            "reason-import-column-not-for-record",
            [
                ("column", ReasonArg::code(extra.clone())),
                ("record", ReasonArg::code(record)),
            ],
        ));
    }
    let required = |column: &'static str| {
        f.get(column).ok_or_else(|| {
            Error::invalid_with(
                "reason-import-column-required",
                [("column", ReasonArg::code(column))],
            )
        })
    };
    match record.as_str() {
        "detail" => {
            let new = NewDetail {
                kind: required("kind")?.parse()?,
                value: required("value")?.clone(),
                label: f.get("label").cloned(),
                unchecked: parse_bool(f.get("unchecked"), "unchecked", false)?,
            };
            let added = put_detail(txn, &new, now, changes)?;
            if added.created {
                report.details_created += 1
            } else {
                report.details_reused += 1
            }
            Refs::define(&mut refs.details, f.get("ref"), &added.id)
        }
        "holder" => {
            let new = NewHolder {
                name: required("name")?.clone(),
                category: required("category")?.parse()?,
                website: f.get("website").cloned(),
                phone: f.get("phone").cloned(),
                notes: f.get("notes").cloned(),
                own_device: parse_bool(f.get("own_device"), "own_device", false)?,
            };
            let id = put_holder(txn, &new, now, changes)?;
            report.holders += 1;
            Refs::define(&mut refs.holders, f.get("ref"), &id)
        }
        _ => {
            let new = NewDisclosure {
                detail_id: Refs::resolve(&refs.details, required("detail")?),
                holder_id: Refs::resolve(&refs.holders, required("holder")?),
                date: f.get("date").cloned(),
                channel: f
                    .get("channel")
                    .map(|c| c.parse())
                    .transpose()?
                    .unwrap_or(super::DisclosureChannel::Unknown),
                purpose: f.get("purpose").cloned(),
                necessary: parse_bool(f.get("necessary"), "necessary", true)?,
                evidence: f.get("evidence").cloned(),
            };
            put_disclosure(txn, &new, now, changes)?;
            report.disclosures += 1;
            Ok(())
        }
    }
}

/// Why a row failed, without the `invalid input:` prefix the error's text adds.
fn reason(e: &Error) -> Reason {
    match e {
        Error::InvalidInput(r) => r.clone(),
        // `what` names the record type (detail, holder) in the reason's own language.
        Error::NotFound(what) => Reason::with(
            "reason-import-unknown-ref",
            [("record", ReasonArg::message(*what))],
        ),
        other => Reason::with(
            "reason-import-row-refused",
            [("code", ReasonArg::code(other.code().as_str()))],
        ),
    }
}

fn rejection(problems: &[InventoryImportProblem]) -> Error {
    let mut listed: Vec<Reason> = problems
        .iter()
        .take(MAX_LISTED_PROBLEMS)
        .map(|p| {
            Reason::with(
                "reason-import-line",
                [
                    ("line", p.line.into()),
                    ("problem", ReasonArg::Reasons(vec![p.reason.clone()])),
                ],
            )
        })
        .collect();
    if problems.len() > MAX_LISTED_PROBLEMS {
        listed.push(Reason::with(
            "reason-import-more",
            [("count", (problems.len() - MAX_LISTED_PROBLEMS).into())],
        ));
    }
    Error::invalid_with(
        "reason-import-rejected",
        [("problems", ReasonArg::Reasons(listed))],
    )
}

impl Inventory {
    /// Check every row and import all of them in one transaction, or none.
    pub fn import<S: Store>(
        &self,
        store: &S,
        text: &str,
        format: InventoryImportFormat,
        now: OffsetDateTime,
    ) -> Result<InventoryImportReport> {
        let rows = parse(text, format).map_err(|p| rejection(&[p]))?;
        if rows.is_empty() {
            return Err(Error::invalid("reason-import-no-rows"));
        }
        self.commit(store, |txn, _, changes| {
            let mut refs = Refs::default();
            let mut report = InventoryImportReport::default();
            let mut problems = Vec::new();
            for row in &rows {
                if let Err(e) = import_row(txn, row, &mut refs, &mut report, now, changes) {
                    if !matches!(
                        e.code(),
                        crate::ErrorCode::InvalidInput
                            | crate::ErrorCode::NotFound
                            | crate::ErrorCode::InvalidTransition
                    ) {
                        return Err(e); // storage failures are not the file's fault
                    }
                    problems.push(InventoryImportProblem {
                        line: row.line,
                        reason: reason(&e),
                    });
                }
            }
            if problems.is_empty() {
                Ok(report)
            } else {
                Err(rejection(&problems))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::tests::{fixture, ID, NOW};
    use crate::inventory::DetailKind;
    use proptest::prelude::*;

    fn csv_file(extra: &str) -> String {
        format!(
            "record,ref,kind,value,name,category,detail,holder,date,necessary\n\
             detail,me,id_number,{ID},,,,,,\n\
             detail,mob,phone,13900001111,,,,,,\n\
             holder,cmcc,,,China Mobile,telecom,,,,\n\
             disclosure,,,,,,me,cmcc,2020-05-01,yes\n\
             disclosure,,,,,,mob,cmcc,2020-05-01,no\n{extra}"
        )
    }

    #[test]
    fn csv_imports_everything_and_reuses_existing_details() {
        let f = fixture();
        let report = f
            .inv
            .import(&f.store, &csv_file(""), InventoryImportFormat::Csv, NOW)
            .unwrap();
        assert_eq!(
            report,
            InventoryImportReport {
                details_created: 1,
                details_reused: 1,
                holders: 1,
                disclosures: 2
            }
        );
        assert_eq!(f.inv.who_has_detail(&f.id_number).unwrap().len(), 2);
        assert_eq!(
            crate::inventory::Inventory::load(&f.store)
                .unwrap()
                .holders()
                .len(),
            4
        );
    }

    #[test]
    fn one_bad_row_rolls_everything_back_and_names_each_line() {
        let f = fixture();
        let before = (f.inv.details(), f.inv.holders());
        let bad = csv_file("detail,x,id_number,110105194912310021,,,,,,\ndisclosure,,,,,,nobody,cmcc,,\nholder,,,,Shop,shoe,,,,\n");
        let error = f
            .inv
            .import(&f.store, &bad, InventoryImportFormat::Csv, NOW)
            .unwrap_err();
        let e = error.to_string();
        assert!(e.contains("line 7: id_number check digit"), "{e}");
        assert!(e.contains("line 8: unknown detail"), "{e}");
        assert!(e.contains("line 9: unknown holder category"), "{e}");
        assert!(!e.contains("110105194912310021"), "{e}");
        // Nested reasons and field names follow the locale too.
        let zh = error.localized(crate::Locale::ZhCn);
        assert!(
            zh.contains("第 7 行：身份证号校验码不符")
                && zh.contains("；第 9 行：未知的持有方类别"),
            "{zh}"
        );
        assert_eq!((f.inv.details(), f.inv.holders()), before);
        let reloaded = crate::inventory::Inventory::load(&f.store).unwrap();
        assert_eq!((reloaded.details(), reloaded.holders()), before);
    }

    #[test]
    fn json_rows_carry_their_line() {
        let f = fixture();
        let json = format!(
            "[\n  {{\"record\": \"holder\", \"ref\": \"jd\", \"name\": \"JD\", \"category\": \"ecommerce\", \"own_device\": false}},\n  \
             {{\"record\": \"disclosure\", \"detail\": \"{}\", \"holder\": \"jd\", \"necessary\": false}}\n]",
            f.phone
        );
        let report = f
            .inv
            .import(&f.store, &json, InventoryImportFormat::Json, NOW)
            .unwrap();
        assert_eq!((report.holders, report.disclosures), (1, 1));
        let bad = "[\n{\"record\": \"detail\", \"kind\": \"email\", \"value\": \"x\"},\n\n{\"record\": \"detail\", \"kind\": \"phone\"}\n]";
        let e = f
            .inv
            .import(&f.store, bad, InventoryImportFormat::Json, NOW)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 2: email must") && e.contains("line 4: value is required"),
            "{e}"
        );
        assert_eq!(f.inv.who_has_kind(DetailKind::Email).len(), 0);
    }

    #[test]
    fn parser_rejects_malformed_input_with_a_line() {
        assert_eq!(
            parse("record,shoe\n", InventoryImportFormat::Csv)
                .unwrap_err()
                .line,
            1
        );
        assert!(parse("record,kind\ndetail\n", InventoryImportFormat::Csv).is_err());
        assert_eq!(
            parse("[\n{\"record\": 1},\n 5]", InventoryImportFormat::Json)
                .unwrap_err()
                .line,
            3
        );
        assert!(parse("{}", InventoryImportFormat::Json).is_err());
        assert!(parse("[] x", InventoryImportFormat::Json).is_err());
        assert_eq!(parse(" [ ] ", InventoryImportFormat::Json).unwrap(), vec![]);
    }

    proptest! {
        #[test]
        fn any_text_imports_fully_or_is_refused_as_invalid_input(text in "\\PC{0,200}", json in any::<bool>()) {
            let format = if json { InventoryImportFormat::Json } else { InventoryImportFormat::Csv };
            let store = crate::vault::MemoryStore::new();
            let inv = crate::inventory::Inventory::load(&store).unwrap();
            if let Err(e) = inv.import(&store, &text, format, NOW) {
                prop_assert_eq!(e.code(), crate::ErrorCode::InvalidInput);
                prop_assert!(crate::inventory::Inventory::load(&store).unwrap().details().is_empty());
            }
        }

        #[test]
        fn json_lines_match_element_positions(blank in proptest::collection::vec(0usize..3, 1..6)) {
            let mut text = String::from("[");
            let mut expected = Vec::new();
            for (i, b) in blank.iter().enumerate() {
                text.push_str(&"\n".repeat(*b + 1));
                expected.push(1 + text.matches('\n').count() as u64);
                text.push_str(&format!("{{\"record\": \"detail\", \"value\": \"{i}\"}}"));
                if i + 1 < blank.len() { text.push(','); }
            }
            text.push(']');
            let rows = parse(&text, InventoryImportFormat::Json).unwrap();
            prop_assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), expected);
        }
    }
}
