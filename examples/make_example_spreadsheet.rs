//! Writes `data/example-register.xlsx`: a risk and opportunity register as
//! a quality manager keeps one in a spreadsheet before roreg, for trying
//! `roreg import` on something real.
//!
//! Run `cargo run --example make_example_spreadsheet` to rebuild it; the
//! same program gives the same bytes (the creation time is fixed).
//!
//! It is laid out the way such sheets are, not the way roreg exports: a
//! title row and a blank row above a two-row merged header, headers named
//! as people name them, levels in words, several actions in one cell, some
//! target dates typed as text. It also holds the mistakes an import has to
//! report rather than guess at:
//! - R07's likelihood is misspelt "Hgh";
//! - R09's owner "KW" is nobody's initials;
//! - R04 is rated Green although High × High (16) is Red on the sheet's own key;
//! - O03's target date "31/02/2026" is not a date, and R11's is "TBC".

use std::path::Path;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

/// A target date as people fill it in: a real date cell, text that looks
/// like one, or nothing.
enum When {
    Day(u16, u8, u8),
    Typed(&'static str),
    Blank,
}

struct Entry {
    reference: &'static str,
    kind: &'static str,
    description: &'static str,
    context: &'static str,
    process: &'static str,
    owner: &'static str,
    likelihood: &'static str,
    impact: &'static str,
    rating: &'static str,
    treatment: &'static str,
    actions: &'static str,
    action_owner: &'static str,
    target: When,
    status: &'static str,
    review: When,
}

const ENTRIES: &[Entry] = &[
    Entry {
        reference: "R01",
        kind: "R",
        description: "Single stockist for certified 7075 and 6082 bar and plate; late deliveries stop the Hermle cell",
        context: "4.1 External - supplier base",
        process: "Purchasing",
        owner: "PJ",
        likelihood: "Med",
        impact: "High",
        rating: "Red",
        treatment: "Reduce",
        actions: "1. Approve a second stockist\n2. Hold 4 weeks' buffer of 7075-T7351 plate",
        action_owner: "PJ",
        target: When::Typed("14/03/2026"),
        status: "In progress",
        review: When::Day(2026, 6, 15),
    },
    Entry {
        reference: "R02",
        kind: "R",
        description: "Rectifier on anodising line 2 is 22 years old; no spare and a 16-week lead time",
        context: "4.1 Internal - plant condition",
        process: "Anodising",
        owner: "GE",
        likelihood: "Possible",
        impact: "Moderate",
        rating: "Amber",
        treatment: "Reduce",
        actions: "Quote for replacement rectifier\nAgree loan unit with supplier",
        action_owner: "GE / DP",
        target: When::Day(2026, 4, 30),
        status: "Open",
        review: When::Day(2026, 5, 1),
    },
    Entry {
        reference: "R03",
        kind: "R",
        description: "Only one CMM programmer; first article inspection stops when he is away",
        context: "4.1 Internal - people and knowledge",
        process: "Quality",
        owner: "HM",
        likelihood: "Possible",
        impact: "Moderate",
        rating: "Amber",
        treatment: "Reduce",
        actions: "Train a second programmer (PC-DMIS level 2)",
        action_owner: "HM",
        target: When::Typed("30/06/2026"),
        status: "Open",
        review: When::Day(2026, 7, 1),
    },
    Entry {
        reference: "R04",
        kind: "R",
        description: "AS9100 customers flow down new counterfeit-part requirements we do not yet meet",
        context: "4.2 Interested party - aerospace customers",
        process: "Sales",
        owner: "TN",
        likelihood: "High",
        impact: "High",
        // Deliberately wrong: High × High is 16, Red on the sheet's own key.
        rating: "Green",
        treatment: "Reduce",
        actions: "Gap analysis against customer flow-downs",
        action_owner: "HM",
        target: When::Day(2026, 3, 31),
        status: "In progress",
        review: When::Day(2026, 4, 15),
    },
    Entry {
        reference: "R05",
        kind: "R",
        description: "Coolant concentration drifts on the Mazak lathes; surface finish rejects",
        context: "4.1 Internal - process performance",
        process: "Machining",
        owner: "RB",
        likelihood: "Low",
        impact: "Low",
        rating: "Green",
        treatment: "Accept",
        actions: "",
        action_owner: "",
        target: When::Blank,
        status: "Closed",
        review: When::Day(2026, 11, 30),
    },
    Entry {
        reference: "R06",
        kind: "R",
        description: "Environmental permit for the anodising effluent renewed with tighter nickel limits",
        context: "4.1 External - regulation",
        process: "Anodising",
        owner: "AH",
        likelihood: "Likely",
        impact: "Severe",
        rating: "Red",
        treatment: "Reduce",
        actions: "1. Sample effluent weekly\n2. Trial nickel-free seal\n3. Brief the board",
        action_owner: "AH",
        target: When::Typed("01/05/2026"),
        status: "In progress",
        review: When::Day(2026, 3, 20),
    },
    Entry {
        reference: "R07",
        kind: "R",
        description: "Loss of the ERP server room to fire or flood; no tested off-site restore",
        context: "4.1 Internal - infrastructure",
        process: "Finance",
        owner: "DP",
        // Deliberately misspelt.
        likelihood: "Hgh",
        impact: "Major",
        rating: "Red",
        treatment: "Reduce",
        actions: "Test restore from the cloud backup",
        action_owner: "DP",
        target: When::Day(2026, 2, 27),
        status: "Open",
        review: When::Day(2026, 3, 1),
    },
    Entry {
        reference: "R08",
        kind: "R",
        description: "Two of three setters retire within 18 months",
        context: "4.1 Internal - people and knowledge",
        process: "Machining",
        owner: "LW",
        likelihood: "Almost certain",
        impact: "Major",
        rating: "Red",
        treatment: "Reduce",
        actions: "Apprentice intake Sept 2026\nWritten set-up sheets for the top 20 parts",
        action_owner: "LW / RB",
        target: When::Day(2026, 9, 1),
        status: "Ongoing",
        review: When::Day(2026, 6, 1),
    },
    Entry {
        reference: "R09",
        kind: "R",
        description: "Customer drawings received at superseded revision; parts made to the wrong issue",
        context: "4.2 Interested party - customers",
        process: "Planning",
        // Deliberately nobody's initials.
        owner: "KW",
        likelihood: "Unlikely",
        impact: "Major",
        rating: "Amber",
        treatment: "Reduce",
        actions: "Revision check at contract review",
        action_owner: "TN",
        target: When::Typed("15/01/2026"),
        status: "Complete",
        review: When::Day(2026, 7, 15),
    },
    Entry {
        reference: "R10",
        kind: "R",
        description: "Energy price rise on the anodising tanks' heating",
        context: "4.1 External - energy market",
        process: "Finance",
        owner: "DP",
        likelihood: "Med",
        impact: "Med",
        rating: "Amber",
        treatment: "Share",
        actions: "Fix the tariff for 24 months",
        action_owner: "DP",
        target: When::Day(2026, 1, 31),
        status: "Closed",
        review: When::Day(2026, 12, 1),
    },
    Entry {
        reference: "R11",
        kind: "R",
        description: "Subcontract heat treater loses its Nadcap approval",
        context: "4.1 External - supplier base",
        process: "Purchasing",
        owner: "PJ",
        likelihood: "Rare",
        impact: "Severe",
        rating: "Amber",
        treatment: "Reduce",
        actions: "Qualify a second Nadcap heat treater",
        action_owner: "PJ",
        // Deliberately not a date.
        target: When::Typed("TBC"),
        status: "Open",
        review: When::Blank,
    },
    Entry {
        reference: "O01",
        kind: "O",
        description: "Sell spare hard anodising capacity to regional machine shops",
        context: "4.1 External - regional market",
        process: "Sales",
        owner: "TN",
        likelihood: "Likely",
        impact: "Major",
        rating: "Red",
        treatment: "Exploit",
        actions: "1. Price list for Type III\n2. Visit five shops",
        action_owner: "TN",
        target: When::Day(2026, 5, 29),
        status: "In progress",
        review: When::Day(2026, 6, 30),
    },
    Entry {
        reference: "O02",
        kind: "O",
        description: "In-process probing on the CNC lathes to cut first-off inspection time",
        context: "4.1 Internal - process performance",
        process: "Machining",
        owner: "RB",
        likelihood: "High",
        impact: "Med",
        rating: "Red",
        treatment: "Exploit",
        actions: "Fit Renishaw probes to lathes 3 and 4",
        action_owner: "CD",
        target: When::Typed("20/02/2026"),
        status: "Complete",
        review: When::Day(2026, 8, 1),
    },
    Entry {
        reference: "O03",
        kind: "O",
        description: "Customer portal for certificates of conformity and inspection reports",
        context: "4.2 Interested party - aerospace customers",
        process: "Quality",
        owner: "HM",
        likelihood: "Possible",
        impact: "Moderate",
        rating: "Amber",
        treatment: "Enhance",
        actions: "Pilot with one customer",
        action_owner: "HM",
        // Deliberately not a date: there is no 31 February.
        target: When::Typed("31/02/2026"),
        status: "Open",
        review: When::Day(2026, 4, 1),
    },
    Entry {
        reference: "O04",
        kind: "O",
        description: "Solar PV on the anodising building roof",
        context: "4.1 External - energy market",
        process: "Finance",
        owner: "DP",
        likelihood: "Low",
        impact: "Low",
        rating: "Green",
        treatment: "Decline",
        actions: "",
        action_owner: "",
        target: When::Blank,
        status: "Closed",
        review: When::Blank,
    },
];

/// The header: a group name over some columns (`None`: the column's own
/// name fills both header rows).
const GROUPS: &[(Option<&str>, &[&str])] = &[
    (None, &["Ref"]),
    (None, &["Type (R/O)"]),
    (None, &["Risk/Opportunity description"]),
    (None, &["Context 4.1 / Interested party"]),
    (None, &["Process"]),
    (None, &["Owner (initials)"]),
    (
        Some("Assessment"),
        &["Likelihood", "Impact", "Rating (RAG)"],
    ),
    (
        Some("Treatment plan"),
        &["Treatment", "Action(s)", "Action owner", "Target date"],
    ),
    (None, &["Status"]),
    (None, &["Review date"]),
];

const WIDTHS: [f64; 15] = [
    6.0, 8.0, 48.0, 30.0, 12.0, 9.0, 11.0, 11.0, 9.0, 11.0, 44.0, 10.0, 12.0, 11.0, 12.0,
];

const TITLE: &str = "Risk & Opportunity Register — Acme Precision Parts Ltd, rev 7";

fn write_when(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    when: &When,
    date: &Format,
    cell: &Format,
) -> Result<(), XlsxError> {
    match when {
        When::Day(y, m, d) => {
            sheet.write_datetime_with_format(
                row,
                col,
                ExcelDateTime::from_ymd(*y, *m, *d)?,
                date,
            )?;
        }
        When::Typed(text) => {
            sheet.write_string_with_format(row, col, *text, cell)?;
        }
        When::Blank => {
            sheet.write_blank(row, col, cell)?;
        }
    }
    Ok(())
}

fn write_header(sheet: &mut Worksheet, header: &Format) -> Result<(), XlsxError> {
    let (top, bottom) = (2, 3);
    let mut col: u16 = 0;
    for (group, names) in GROUPS {
        let width = u16::try_from(names.len()).unwrap_or(1);
        match group {
            None => {
                sheet.merge_range(top, col, bottom, col, names[0], header)?;
            }
            Some(group) => {
                sheet.merge_range(top, col, top, col + width - 1, group, header)?;
                for (offset, name) in (0u16..).zip(names.iter()) {
                    sheet.write_string_with_format(bottom, col + offset, *name, header)?;
                }
            }
        }
        col += width;
    }
    Ok(())
}

fn rag_format(rating: &str, cell: &Format) -> Format {
    let (fill, font) = match rating {
        "Red" => (0xFF0000, 0xFFFFFF),
        "Amber" => (0xFFC000, 0x000000),
        _ => (0x00B050, 0x000000),
    };
    cell.clone()
        .set_background_color(Color::RGB(fill))
        .set_font_color(Color::RGB(font))
        .set_align(FormatAlign::Center)
}

fn main() -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 1, 19)?.and_hms(8, 30, 0)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(TITLE)
            .set_author("H. Marsh")
            .set_company("Acme Precision Parts Ltd")
            .set_creation_datetime(&created),
    );
    let sheet = workbook.add_worksheet();
    sheet.set_name("Register")?;

    let title = Format::new().set_bold().set_font_size(14);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0x1F4E78))
        .set_font_color(Color::White)
        .set_border(FormatBorder::Thin);
    let cell = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let date = cell.clone().set_num_format("dd/mm/yyyy");

    sheet.merge_range(0, 0, 0, 14, TITLE, &title)?;
    write_header(sheet, &header)?;
    sheet.set_row_height(3, 30.0)?;
    for (col, width) in (0u16..).zip(WIDTHS) {
        sheet.set_column_width(col, width)?;
    }

    for (row, e) in (4u32..).zip(ENTRIES) {
        let texts = [
            e.reference,
            e.kind,
            e.description,
            e.context,
            e.process,
            e.owner,
            e.likelihood,
            e.impact,
        ];
        for (col, text) in (0u16..).zip(texts) {
            sheet.write_string_with_format(row, col, text, &cell)?;
        }
        sheet.write_string_with_format(row, 8, e.rating, &rag_format(e.rating, &cell))?;
        for (col, text) in [(9, e.treatment), (10, e.actions), (11, e.action_owner)] {
            sheet.write_string_with_format(row, col, text, &cell)?;
        }
        write_when(sheet, row, 12, &e.target, &date, &cell)?;
        sheet.write_string_with_format(row, 13, e.status, &cell)?;
        write_when(sheet, row, 14, &e.review, &date, &cell)?;
        // Tall enough for the actions, one a line, and the wrapped description.
        let lines = e
            .actions
            .lines()
            .count()
            .max(e.description.chars().count().div_ceil(50))
            .max(1);
        sheet.set_row_height(row, 15.0 * lines as f64)?;
    }

    let key_row = 4 + u32::try_from(ENTRIES.len()).unwrap_or(0) + 1;
    sheet.write_string(
        key_row,
        0,
        "Key: Likelihood and Impact 1-5 (Rare … Almost certain, Negligible … Severe; \
         Low = 2, Med = 3, High = 4). RAG from L × I: 1-4 Green, 5-9 Amber, 10 and over Red.",
    )?;
    sheet.set_freeze_panes(4, 2)?;
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(2, 3)?;

    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example-register.xlsx");
    workbook.save(&path)?;
    println!("{}: written", path.display());
    Ok(())
}
