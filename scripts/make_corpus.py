#!/usr/bin/env python3
"""Writes the corpus of malformed inputs (Tests/ShipAuditEndToEndTests/Fixtures/corpus/) and its manifest.

Each case is one file given to `shipaudit analyze` as the kind named, beside a small valid set of the other inputs;
the manifest says the expected exit code and a text expected in stderr (exit 2) or in rejects.csv / stderr (else).
Cases too large to commit (a 100 MB field, a 10 MB line) are made by the test at run time.
"""
import os

DIR = "Tests/ShipAuditEndToEndTests/Fixtures/corpus"
O = "order_id,sku,quantity"
S = "order_id,tracking_number,service,weight,weight_unit"
T = "tracking_number,time,status"
cases = [
    # name, kind, bytes, exit, expected text
    ("unterminated_quote_eof", "orders", f'{O}\n1,A,2\n2,"B,1\n', 2, "never closed"),
    ("quote_inside_unquoted_field", "orders", f'{O},item_name\n1,A,2,12" pipe\n', 0, ""),
    ("ragged_short_row", "orders", f"{O}\n1,A\n2,B,1\n", 0, "has 2 fields but the header has 3"),
    ("ragged_long_row", "orders", f"{O}\n1,A,2,extra\n2,A,1\n", 0, "has 4 fields but the header has 3"),
    ("empty_file", "orders", "", 2, "is empty"),
    ("header_only", "orders", f"{O}\n", 2, "has a header but no data rows"),
    ("duplicate_header_names", "orders", "order_id,sku,quantity,sku\n1,A,2,B\n", 0, ""),
    ("bom_crlf", "orders", "\ufeff" + f"{O}\r\n1,A,2\r\n", 0, ""),
    ("windows_1252_bytes", "orders", f"{O},item_name\n1,A,2,Caf\u00e9 \u20ac\n".encode("cp1252"), 0, "read as Windows-1252"),
    ("nul_bytes", "orders", f"{O}\n1,A\x00,2\n", 2, "NUL bytes"),
    ("wrong_delimiter", "orders", "order_id|sku|quantity\n1|A|2\n", 2, "is not a known orders layout"),
    ("thousands_separator", "orders", f'{O},unit_price\n1,A,2,"1,234.50"\n', 0, ""),
    ("decimal_comma_amount", "orders", f'{O},unit_price\n1,A,2,"12,50"\n', 0, "numbers read with a decimal comma (\"12,50\")"),
    ("ambiguous_thousands_amount", "orders", f'{O},unit_price\n1,A,2,"1,234"\n2,A,1,5.00\n', 0, "could be 1234 or 1.234"),
    ("zero_quantity", "orders", f"{O}\n1,A,0\n", 0, ""),
    ("negative_quantity", "orders", f"{O}\n1,A,-1\n2,A,1\n", 0, "is a negative quantity"),
    ("quantity_as_words", "orders", f"{O}\n1,A,two\n2,A,1\n", 0, "is not a whole number"),
    ("fractional_quantity", "orders", f"{O}\n1,A,1.5\n2,A,1\n", 0, "is not a whole number"),
    ("missing_order_number", "orders", f"{O}\n,A,2\n2,A,1\n", 0, "every line item needs its order number"),
    ("missing_required_column", "orders", "order_id,sku\n1,A\n", 2, "column \"quantity\": required column is missing"),
    ("impossible_date", "orders", f"{O},created_at\n1,A,2,2026-02-30 10:00:00\n2,A,1,2026-11-16\n", 0, "is not a real date or time"),
    ("impossible_month", "orders", f"{O},created_at\n1,A,2,2026-13-01\n2,A,1,2026-11-16\n", 0, "is not a real date or time"),
    ("unreadable_date", "orders", f"{O},created_at\n1,A,2,yesterday\n2,A,1,2026-11-16\n", 0, "is not a date and time this tool reads"),
    ("day_first_dates_read_day_first", "orders", f"{O},created_at\n1,A,2,16/11/2026\n2,A,1,12/10/2026 23:10:45\n", 0, ""),
    ("slash_dates_undecided", "orders", f"{O},created_at\n1,A,2,05/06/2026\n2,A,1,2026-11-16\n", 2, "could be day first or month first"),
    ("slash_dates_mixed_orders", "orders", f"{O},created_at\n1,A,2,16/11/2026\n2,A,1,11/16/2026\n", 2, "mixes day-first dates"),
    ("shipments_given_as_orders", "orders", f"{S}\n1,1Z1,UPS Ground,1,kg\n", 2, "looks like a shipaudit shipments CSV"),
    ("binary_file", "orders", bytes((i * 7919 + 13) % 256 for i in range(3000)), 2, "NUL bytes"),
    ("utf16_text", "orders", f"{O}\n1,A,2\n".encode("utf-16"), 2, "UTF-16"),
    ("xlsx_workbook", "orders", b"PK\x03\x04\x14\x00\x06\x00" + b"x" * 200, 2, "Excel workbook"),
    ("xls_workbook", "orders", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"x" * 200, 2, ".xls"),
    ("only_blank_lines", "orders", "\n\r\n\n", 2, "is empty"),
    ("header_then_empty_rows", "orders", f"{O}\n,,\n , , \n", 2, "has a header but no data rows"),
    ("cr_only_line_endings", "orders", f"{O}\r1,A,2\r2,A,1\r", 0, ""),
    ("mixed_line_endings", "orders", f"{O}\r\n1,A,2\n2,A,1\r3,A,1\r\n", 0, ""),
    ("trailing_delimiter", "orders", "order_id,sku,quantity,\n1,A,2,\n", 0, ""),
    ("quoted_everything", "orders", '"order_id","sku","quantity"\n"1","A","2"\n', 0, ""),
    ("tab_delimited", "orders", "order_id\tsku\tquantity\n1\tA\t2\n", 0, ""),
    ("semicolon_delimited", "orders", "order_id;sku;quantity\n1;A;2\n", 0, ""),
    ("formula_and_markup_in_fields", "orders", f'{O},item_name\n1,=HYPERLINK("http://x"),2,<script>alert(1)</script>\n', 0, ""),
    ("emoji_and_accents", "orders", f"{O},item_name\n1,A,2,Caf\u00e9 \U0001F4E6\n", 0, ""),
    ("many_columns", "orders", ",".join(["order_id", "sku", "quantity"] + [f"c{i}" for i in range(3000)]) + "\n" + ",".join(["1", "A", "2"] + ["x"] * 3000) + "\n", 0, ""),
    ("negative_price_credit", "orders", f"{O},unit_price\n1,A,2,-5.00\n", 0, ""),
    ("amount_too_precise", "orders", f"{O},unit_price\n1,A,2,1.000001\n2,A,1,1\n", 0, "more than four decimals"),
    ("zero_weight", "shipments", f"{S}\n1,1Z1,UPS Ground,0,g\n", 0, ""),
    ("negative_weight", "shipments", f"{S}\n1,1Z1,UPS Ground,-2,oz\n1,1Z2,UPS Ground,2,oz\n", 0, "is a negative weight"),
    ("unknown_weight_unit", "shipments", f"{S}\n1,1Z1,UPS Ground,3,stone\n1,1Z2,UPS Ground,2,oz\n", 0, "is not a weight unit"),
    ("decimal_comma_weight", "shipments", "order_id;tracking_number;service;weight;weight_unit\n1;1Z1;UPS Ground;1,5;kg\n1;1Z2;UPS Ground;1;kg\n", 0, "numbers read with a decimal comma"),
    ("tracking_in_scientific_notation", "shipments", f"{S}\n1,7.90535E+11,UPS Ground,1,kg\n1,1Z2,UPS Ground,1,kg\n", 0, "Excel"),
    ("tracking_with_spaces_and_apostrophe", "shipments", f"{S}\n1,'1Z 999 AA1 01,UPS Ground,1,kg\n", 0, ""),
    ("unknown_service_name", "shipments", f"{S}\n1,1Z1,Hyperloop Express,1,kg\n", 0, "unknown services"),
    ("unknown_status_text", "tracking", f"{T}\n1Z1,2026-11-18T10:00:00Z,Zorgled at node 7\n", 0, "unknown tracking statuses"),
    ("tracking_bad_time", "tracking", f"{T}\n1Z1,2026-11-31T10:00:00Z,Delivered\n1Z1,2026-11-18T10:00:00Z,In Transit\n", 0, "is not a real date or time"),
    ("tracking_without_number", "tracking", f"{T}\n,2026-11-18T10:00:00Z,Delivered\n1Z1,2026-11-18T10:00:00Z,In Transit\n", 0, "every tracking row needs its tracking number"),
]

os.makedirs(DIR, exist_ok=True)
for name in os.listdir(DIR):
    os.remove(os.path.join(DIR, name))
with open(os.path.join(DIR, "cases.tsv"), "w") as manifest:
    manifest.write("# file\tkind\texit\texpected text\n")
    for name, kind, content, code, text in cases:
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        filename = f"{name}.csv"
        with open(os.path.join(DIR, filename), "wb") as f:
            f.write(data)
        manifest.write(f"{filename}\t{kind}\t{code}\t{text}\n")
print(f"{len(cases)} cases in {DIR}")
