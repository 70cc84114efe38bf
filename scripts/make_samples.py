#!/usr/bin/env python3
"""Writes samples/: a small realistic set in the real export formats, with each check planted at least once.

Run from the project root: python3 scripts/make_samples.py. The output is committed; this script documents it.
"""
import csv, io

SHOPIFY = ("Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,"
"Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,"
"Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,"
"Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,"
"Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,"
"Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,"
"Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,"
"Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,"
"Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,"
"Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,"
"Payment ID,Payment Terms Name,Next Payment Due At,Payment References").split(",")
assert len(SHOPIFY) == 79

PRICES = {"WDG-STL-L": "39.99", "WDG-STL-S": "19.99", "WDG-KIT": "14.99", "WDG-ALU": "49.99",
          "WDG-CASE": "24.99", "WDG-GIFT": "29.99", "EBOOK-CARE": "9.99"}
NAMES = {"WDG-STL-L": "Steel Widget - Large", "WDG-STL-S": "Steel Widget - Small", "WDG-KIT": "Widget Mounting Kit",
         "WDG-ALU": "Aluminum Widget", "WDG-CASE": "Widget Carry Case", "WDG-GIFT": "Widget Gift Box",
         "EBOOK-CARE": "Widget Care Guide (PDF)"}
# name, customer, created, method, shipping, lines [(sku, qty)], extra
ORDERS = [
    ("#1041", "Dana Ortiz", "2026-11-16 10:14:58 -0500", "UPS Next Day Air", "34.95", [("WDG-STL-L", 2)], {}),
    ("#1042", "Lee Chen", "2026-11-16 11:02:39 -0500", "Standard Shipping (3-5 business days)", "12.50",
     [("WDG-STL-S", 1), ("WDG-KIT", 2)], {"Notes": "Leave at the back door,\nnext to the \"blue\" bin"}),
    ("#1043", "Patel, Sam", "2026-11-16 08:30:03 -0500", "FedEx 2Day", "21.00", [("WDG-ALU", 3), ("WDG-CASE", 1)],
     {"Tags": "wholesale, priority"}),
    ("#1044", "Jo Rivera", "2026-11-16 09:12:00 -0500", "UPS 2nd Day Air", "18.00", [("WDG-STL-L", 1)], {}),
    ("#1045", "Ana Lima", "2026-11-16 13:40:10 -0500", "Express", "15.00", [("WDG-KIT", 4)], {}),
    ("#1046", "Ben Okafor", "2026-11-16 15:05:44 -0500", "Standard Shipping (3-5 business days)", "8.00",
     [("WDG-STL-S", 2), ("WDG-ALU", 1)], {}),
    ("#1047", "Chloé Martin", "2026-11-17 09:01:00 -0500", "FedEx 2Day", "21.00", [("WDG-ALU", 1), ("WDG-STL-L", 1)], {}),
    ("#1048", "Dev Shah", "2026-11-17 10:22:31 -0500", "Standard Shipping (3-5 business days)", "8.00",
     [("WDG-STL-S", 3)], {}),
    ("#1049", "Eve Novak", "2026-11-17 11:45:00 -0500", "UPS Next Day Air", "34.95", [("WDG-STL-L", 1)],
     {"Cancelled at": "2026-11-17 12:00:00 -0500", "Financial Status": "refunded"}),
    ("#1050", "Finn Berg", "2026-11-17 12:10:09 -0500", "Standard Shipping (3-5 business days)", "8.00",
     [("WDG-GIFT", 1)], {}),
    ("#1051", "Gia Russo", "2026-11-18 16:55:00 -0500", "UPS 2nd Day Air", "18.00", [("WDG-KIT", 1)],
     {"Fulfillment Status": "unfulfilled"}),
    ("#1052", "Hal Jensen", "2026-11-17 14:00:00 -0500", "UPS Next Day Air", "34.95", [("WDG-ALU", 2)], {}),
    ("#1053", "Ivy Tan", "2026-11-17 15:30:00 -0500", "Standard Shipping (3-5 business days)", "6.00",
     [("EBOOK-CARE", 1), ("WDG-KIT", 1)], {}),
    ("#1054", "Jay Park", "2026-11-17 16:45:00 -0500", "UPS Ground", "9.00", [("WDG-STL-L", 1), ("WDG-KIT", 1)], {}),
    ("#1055", "Kim Lee", "2026-11-17 17:05:00 -0500", "Standard Shipping (3-5 business days)", "8.00",
     [("WDG-ALU", 1), ("WDG-CASE", 1)], {}),
    ("#1056", "Lou Grant", "2026-11-18 08:15:00 -0500", "UPS 2nd Day Air", "24.00", [("WDG-STL-L", 2), ("WDG-KIT", 1)], {}),
    ("#1057", "Mia Wong", "2026-11-18 09:20:00 -0500", "Standard Shipping (3-5 business days)", "8.00", [("WDG-KIT", 1)], {}),
    # delivery promise and parcel status (as of Thu 2026-11-19 02:00 New York)
    ("#1058", "Nia Bell", "2026-11-12 10:00:00 -0500", "UPS Next Day Air", "34.95", [("WDG-STL-S", 1)], {}),
    ("#1059", "Omar Haddad", "2026-11-18 15:30:00 -0500", "UPS Next Day Air", "34.95", [("WDG-STL-L", 1)], {}),
    ("#1060", "Pia Kovac", "2026-11-16 11:00:00 -0500", "UPS Ground", "9.00", [("WDG-ALU", 1)],
     {"Fulfillment Status": "unfulfilled"}),
    ("#1061", "Quinn Ames", "2026-11-16 11:30:00 -0500", "UPS Ground", "9.00", [("WDG-KIT", 1)],
     {"Fulfillment Status": "unfulfilled", "Financial Status": "pending"}),
    ("#1062", "Rosa Diaz", "2026-11-16 09:00:00 -0500", "Standard Shipping (3-5 business days)", "8.00", [("WDG-KIT", 2)], {}),
    ("#1063", "Sam Ortiz", "2026-11-16 10:30:00 -0500", "FedEx Ground", "9.00", [("WDG-CASE", 1)], {}),
    ("#1064", "Tara Singh", "2026-11-10 10:00:00 -0500", "Standard Shipping (3-5 business days)", "8.00", [("WDG-STL-S", 1)], {}),
    ("#1065", "Uma Reyes", "2026-11-10 11:00:00 -0500", "UPS Ground", "9.00", [("WDG-ALU", 1)], {}),
    ("#1066", "Vic Lund", "2026-11-17 10:00:00 -0500", "UPS 2nd Day Air", "18.00", [("WDG-KIT", 1)], {}),
    # Next Day Air paid Monday morning, handed to UPS on Wednesday: shipped_late (the warehouse held it)
    ("#1067", "Wes Adler", "2026-11-16 09:30:00 -0500", "UPS Next Day Air", "34.95", [("WDG-KIT", 1)], {}),
]

def orders_csv():
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(SHOPIFY)
    for name, who, created, method, shipping, lines, extra in ORDERS:
        subtotal = sum(float(PRICES[s]) * q for s, q in lines)
        for i, (sku, qty) in enumerate(lines):
            row = dict.fromkeys(SHOPIFY, "")
            row.update({"Name": name, "Email": who.split(",")[0].lower().replace(" ", ".") + "@example.com",
                        "Created at": created, "Lineitem quantity": str(qty), "Lineitem name": NAMES[sku],
                        "Lineitem price": PRICES[sku], "Lineitem sku": sku,
                        "Lineitem requires shipping": "false" if sku.startswith("EBOOK") else "true",
                        "Lineitem taxable": "true", "Lineitem fulfillment status": "fulfilled",
                        "Vendor": "Acme Widgets", "Lineitem discount": "0.00"})
            if i == 0:
                row.update({"Financial Status": "paid", "Paid at": created, "Fulfillment Status": "fulfilled",
                            "Accepts Marketing": "no", "Currency": "USD", "Subtotal": f"{subtotal:.2f}",
                            "Shipping": shipping, "Taxes": "0.00", "Total": f"{subtotal + float(shipping):.2f}",
                            "Discount Amount": "0.00", "Shipping Method": method, "Billing Name": who,
                            "Shipping Name": who, "Billing Street": "12 Harbor Rd, Apt 4",
                            "Shipping Street": "12 Harbor Rd, Apt 4", "Shipping City": "Hoboken", "Shipping Zip": "07030",
                            "Shipping Province": "NJ", "Shipping Country": "US", "Payment Method": "Shopify Payments",
                            "Id": str(5738291046200 + int(name[1:])), "Risk Level": "Low", "Source": "web"})
                row.update(extra)
            # Shopify marks an unfulfilled order's lines "pending" (only fulfilled orders' lines say "fulfilled").
            if extra.get("Fulfillment Status") == "unfulfilled":
                row["Lineitem fulfillment status"] = "pending"
            w.writerow([row[c] for c in SHOPIFY])
    return out.getvalue()

PRODUCTS_HEADER = ("Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,"
"Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,"
"Variant Inventory Policy,Variant Fulfillment Service,Variant Price,Variant Compare At Price,Variant Requires Shipping,"
"Variant Taxable,Variant Barcode,Image Src,Image Position,Image Alt Text,Gift Card,SEO Title,SEO Description,"
"Variant Image,Variant Weight Unit,Variant Tax Code,Cost per item,Status").split(",")
# handle, title, option value, sku, grams, unit, price, first-of-product
VARIANTS = [
    ("steel-widget", "Steel Widget", "Large", "WDG-STL-L", "454", "lb", "39.99", True),
    ("steel-widget", "", "Small", "WDG-STL-S", "227", "lb", "19.99", False),
    ("widget-mounting-kit", "Widget Mounting Kit", "Default Title", "WDG-KIT", "170", "oz", "14.99", True),
    ("aluminum-widget", "Aluminum Widget", "Default Title", "WDG-ALU", "340", "g", "49.99", True),
    ("widget-carry-case", "Widget Carry Case", "Default Title", "WDG-CASE", "280", "g", "24.99", True),
    ("widget-care-guide", "Widget Care Guide (PDF)", "Default Title", "EBOOK-CARE", "0", "kg", "9.99", True),
]

def products_csv():
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(PRODUCTS_HEADER)
    for handle, title, option, sku, grams, unit, price, first in VARIANTS:
        row = dict.fromkeys(PRODUCTS_HEADER, "")
        row.update({"Handle": handle, "Option1 Value": option, "Variant SKU": sku, "Variant Grams": grams,
                    "Variant Inventory Tracker": "shopify", "Variant Inventory Qty": "40",
                    "Variant Inventory Policy": "deny", "Variant Fulfillment Service": "manual", "Variant Price": price,
                    "Variant Requires Shipping": "false" if sku.startswith("EBOOK") else "true",
                    "Variant Taxable": "true", "Variant Weight Unit": unit, "Gift Card": "false", "Status": "active"})
        if first:
            row.update({"Title": title, "Body (HTML)": f"<p>The {title.lower()}, built to last.</p>",
                        "Vendor": "Acme Widgets", "Type": "Widgets", "Tags": "widgets, hardware", "Published": "true",
                        "Option1 Name": "Size" if handle == "steel-widget" else "Title",
                        "Image Src": f"https://cdn.example.com/{handle}-1.jpg", "Image Position": "1"})
        w.writerow([row[c] for c in PRODUCTS_HEADER])
        if first:  # an image-only row: no variant, no SKU
            img = dict.fromkeys(PRODUCTS_HEADER, "")
            img.update({"Handle": handle, "Image Src": f"https://cdn.example.com/{handle}-2.jpg", "Image Position": "2"})
            w.writerow([img[c] for c in PRODUCTS_HEADER])
    return out.getvalue()

SHIP_HEADER = ["Order - Number", "Date - Order Date", "Date - Shipped Date", "Carrier - Service Requested",
               "Shipment - Carrier", "Shipment - Service", "Shipment - Tracking Number", "Shipment - Package Count",
               "Shipment - Weight (Oz)", "Amount - Order Shipping", "Amount - Shipping Cost", "Ship To - Name",
               "Ship To - Postal Code", "Shipment - Void Flag", "Delivery - Date"]
# order, shipped, requested, carrier, service, tracking, oz, cost, void
SHIPMENTS = [
    ("#1041", "11/16/2026 4:02:11 PM", "UPS Next Day Air", "ups", "UPS® Ground", "1Z5R89390357567127", "20", "11.48", ""),
    ("#1042", "11/17/2026 9:41:27 AM", "Standard Shipping", "stamps_com", "USPS Ground Advantage", "9400111201080805483016", "24", "7.35", ""),
    ("#1043", "11/16/2026 5:05:40 PM", "FedEx 2Day", "fedex", "FedEx 2Day®", "790535312317", "27", "19.30", ""),
    ("#1043", "11/16/2026 5:05:40 PM", "FedEx 2Day", "fedex", "FedEx 2Day®", "477179081230", "27", "19.30", ""),
    ("#1044", "11/16/2026 4:07:02 PM", "UPS 2nd Day Air", "ups", "UPS 2nd Day Air®", "1Z879E930346834440", "20", "14.02", ""),
    ("#1045", "11/16/2026 6:30:00 PM", "Express", "ups", "UPS Next Day Air®", "1Z5R89390157567141", "28", "28.40", ""),
    ("#1046", "11/17/2026 10:15:00 AM", "Standard Shipping", "stamps_com", "USPS Ground Advantage", "9400111201080805483023", "16", "7.10", ""),
    ("#1047", "11/17/2026 4:40:00 PM", "FedEx 2Day", "fedex", "FedEx Ground®", "568283610012000", "32", "9.85", ""),
    ("#1048", "11/17/2026 4:45:00 PM", "Standard Shipping", "stamps_com", "USPS Ground Advantage", "9400111201080805483030", "36", "8.20", ""),
    ("#1049", "11/17/2026 11:50:00 AM", "UPS Next Day Air", "ups", "UPS® Ground", "1Z5R89390357567158", "20", "11.48", ""),
    ("#1050", "11/17/2026 4:50:00 PM", "Standard Shipping", "stamps_com", "USPS Ground Advantage", "9400111201080805483047", "18", "7.35", ""),
    ("#1052", "11/17/2026 5:00:00 PM", "UPS Next Day Air", "ups", "UPS Next Day Air®", "1Z5R89390157567165", "27", "31.20", ""),
    ("#1052", "11/17/2026 4:10:00 PM", "UPS Next Day Air", "ups", "UPS Next Day Air®", "1Z5R89390157567172", "27", "31.20", "true"),
    ("#1053", "11/18/2026 9:00:00 AM", "Standard Shipping", "stamps_com", "USPS Ground Advantage", "9400111201080805483054", "10", "5.90", ""),
    ("#1054", "11/18/2026 9:30:00 AM", "UPS Ground", "ups", "UPS® Ground", "1Z5R89390357567189", "14", "10.40", ""),
    ("#1055", "11/18/2026 9:45:00 AM", "Standard Shipping", "stamps_com", "USPS Ground Advantage", "9400111201080805483061", "15", "7.35", ""),
    ("#1056", "11/18/2026 3:00:00 PM", "UPS 2nd Day Air", "ups", "UPS 2nd Day Air®", "1Z879E930246834451", "36", "16.80", ""),
    ("#1056", "11/18/2026 3:00:00 PM", "UPS 2nd Day Air", "ups", "UPS® Ground", "1Z879E930346834468", "10", "9.10", ""),
    ("#1057", "11/18/2026 3:20:00 PM", "Standard Shipping", "fedex", "FedEx Home Delivery", "5.68284E+14", "10", "8.05", ""),
    ("#9999", "11/18/2026 3:30:00 PM", "UPS Ground", "ups", "UPS® Ground", "1Z5R89390357567196", "12", "10.40", ""),
    ("#1058", "11/12/2026 3:00:00 PM", "UPS Next Day Air", "ups", "UPS Next Day Air®", "1Z5R89390157567203", "12", "29.80", ""),
    ("#1059", "11/18/2026 6:05:00 PM", "UPS Next Day Air", "ups", "UPS® Ground", "1Z5R89390357567210", "20", "11.48", ""),
    ("#1062", "11/16/2026 11:00:00 AM", "Standard Shipping", "stamps_com", "USPS Ground Advantage", "9400111201080805483078", "16", "7.35", ""),
    ("#1063", "11/16/2026 12:00:00 PM", "FedEx Ground", "fedex", "FedEx Home Delivery®", "568283610012017", "14", "9.85", ""),
    ("#1064", "11/10/2026 2:00:00 PM", "Standard Shipping", "stamps_com", "USPS Ground Advantage", "9400111201080805483085", "12", "6.95", ""),
    ("#1065", "11/10/2026 2:00:00 PM", "UPS Ground", "ups", "UPS® Ground", "1Z5R89390357567227", "16", "10.40", ""),
    ("#1066", "11/17/2026 2:00:00 PM", "UPS 2nd Day Air", "ups", "UPS 2nd Day Air®", "1Z879E930346834440", "10", "14.02", ""),
    ("#1067", "11/18/2026 4:15:00 PM", "UPS Next Day Air", "ups", "UPS Next Day Air®", "1Z5R89390157567234", "10", "27.50", ""),
]
# ShipStation's own delivery date, where the carrier reported one back
DELIVERED = {"790535312317": "11/18/2026 1:10:00 PM"}

def shipments_csv():
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")  # ShipStation exports are Windows-made: CRLF
    w.writerow(SHIP_HEADER)
    for order, shipped, req, carrier, service, tracking, oz, cost, void in SHIPMENTS:
        names = {o[0]: o[1] for o in ORDERS}
        paid = {o[0]: o[4] for o in ORDERS}
        w.writerow([order, shipped, shipped, req, carrier, service, tracking, "1", oz, paid.get(order, "0.00"), cost,
                    names.get(order, "Walk-in Customer"), "07030", void, DELIVERED.get(tracking, "")])
    return out.getvalue()

# tracking export in the shipaudit tracking layout: UPS rows with the carrier's split, zone-less date and time;
# USPS and FedEx rows with ISO times carrying an offset. #1042's rows are out of order on purpose.
TRACKING_HEADER = ["tracking_number", "date", "time", "status", "location", "scheduled_delivery"]
TRACKING = [
    ("1Z5R89390357567127", "20261116", "190000", "Origin Scan", "Edison NJ", ""),
    ("1Z5R89390357567127", "20261117", "043000", "Departure Scan", "Edison NJ", ""),
    ("1Z5R89390357567127", "20261118", "051500", "Arrival Scan", "Hodgkins IL", "2026-11-20"),
    ("9400111201080805483016", "", "2026-11-18T06:10:00-05:00", "Departed USPS Regional Facility", "Kearny NJ", "2026-11-20"),
    ("9400111201080805483016", "", "2026-11-17T09:41:00-05:00", "Pre-Shipment Info Sent to USPS", "", ""),
    ("9400111201080805483016", "", "2026-11-17T17:25:00-05:00", "Accepted at USPS Origin Facility", "Edison NJ", ""),
    ("790535312317", "", "2026-11-16T18:30:00-05:00", "PU", "Edison NJ", ""),
    ("790535312317", "", "2026-11-18T13:10:00-05:00", "DL", "Trenton NJ", ""),
    ("477179081230", "", "2026-11-16T18:30:00-05:00", "PU", "Edison NJ", ""),
    ("477179081230", "", "2026-11-18T14:25:00-05:00", "DL", "Trenton NJ", ""),
    ("1Z879E930346834440", "20261116", "183000", "P", "Edison NJ", ""),
    ("1Z879E930346834440", "20261118", "112000", "D", "New York NY", ""),
    ("1Z5R89390157567141", "20261116", "201500", "I", "Edison NJ", ""),
    ("1Z5R89390157567141", "20261117", "102000", "D", "Hoboken NJ", ""),
    ("9400111201080805483023", "", "2026-11-17T17:40:00-05:00", "Accepted at USPS Origin Facility", "Edison NJ", "2026-11-20"),
    ("568283610012000", "", "2026-11-17T18:10:00-05:00", "Picked up", "Edison NJ", ""),
    ("568283610012000", "", "2026-11-18T04:00:00-05:00", "Departed FedEx hub", "Newark NJ", ""),
    ("9400111201080805483030", "", "2026-11-17T15:00:00-05:00", "Held for Inspection", "Edison NJ", ""),
    ("9400111201080805483030", "", "2026-11-17T19:00:00-05:00", "Accepted at USPS Origin Facility", "Edison NJ", "2026-11-23"),
    ("9400111201080805483047", "", "2026-11-17T19:05:00-05:00", "Accepted at USPS Origin Facility", "Edison NJ", "2026-11-23"),
    ("1Z5R89390157567165", "20261117", "190000", "Origin Scan", "Edison NJ", ""),
    ("1Z5R89390157567165", "20261118", "101200", "Delivered", "Princeton NJ", ""),
    ("9400111201080805483054", "", "2026-11-18T17:10:00-05:00", "Accepted at USPS Origin Facility", "Edison NJ", ""),
    ("1Z5R89390357567189", "20261118", "180000", "Origin Scan", "Edison NJ", ""),
    ("9400111201080805483061", "", "2026-11-18T17:20:00-05:00", "Accepted at USPS Origin Facility", "Edison NJ", ""),
    ("1Z879E930246834451", "20261118", "190000", "Origin Scan", "Edison NJ", "2026-11-20"),
    ("1Z879E930346834468", "20261118", "190000", "Origin Scan", "Edison NJ", "2026-11-23"),
    ("1Z5R89390357567196", "20261118", "190000", "Origin Scan", "Edison NJ", ""),
    ("1Z5R89390157567203", "20261112", "180000", "Pickup Scan", "Edison NJ", ""),
    ("1Z5R89390157567203", "20261116", "103000", "Delivered", "Newark NJ", ""),
    ("1Z5R89390357567210", "20261118", "180500", "Order Processed: Ready for UPS", "", ""),
    ("1Z5R89390357567210", "20261118", "214000", "Origin Scan", "Edison NJ", ""),
    ("9400111201080805483078", "", "2026-11-16T11:00:00-05:00", "Pre-Shipment Info Sent to USPS, USPS Awaiting Item", "", ""),
    ("568283610012017", "", "2026-11-16T18:00:00-05:00", "Picked up", "Edison NJ", ""),
    ("568283610012017", "", "2026-11-18T14:00:00-05:00", "Delivery exception - Incorrect address", "Camden NJ", ""),
    ("9400111201080805483085", "", "2026-11-10T18:00:00-05:00", "Accepted at USPS Origin Facility", "Edison NJ", ""),
    ("9400111201080805483085", "", "2026-11-17T10:00:00-05:00", "Return to Sender", "Philadelphia PA", ""),
    ("1Z5R89390357567227", "20261110", "190000", "Origin Scan", "Edison NJ", ""),
    ("1Z5R89390357567227", "20261111", "030000", "Departure Scan", "Edison NJ", ""),
    ("1Z5R89390357567227", "20261112", "080000", "Arrival Scan", "Louisville KY", ""),
    ("1Z5R89390357567999", "20261118", "190000", "Origin Scan", "Edison NJ", ""),
    ("1Z5R89390157567234", "20261118", "193000", "Origin Scan", "Edison NJ", ""),
]

def tracking_csv():
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(TRACKING_HEADER)
    for row in TRACKING:
        w.writerow(row)
    return out.getvalue()

# --- Carrier invoices (issue 31): a UPS Billing Data CSV (no header, 250 columns) and a FedEx Billing Online CSV. ---
def ups_columns():
    """The 250 UPS Billing Data names, read from the built-in profile (one list, kept in the Swift source)."""
    import re
    source = open("Sources/ShipAuditCore/Profiles/BuiltInProfiles.swift").read()
    block = source[source.index("upsBillingDataColumns: [String] = [") + 36:]
    block = block[:block.index("]")]
    names = re.findall(r'"((?:[^"\\]|\\.)*)"', block)
    assert len(names) == 250, len(names)
    return names

# Each UPS charge line: invoice, tracking, code, description, amount, package figures. What is planted, beside
# clean lines (#1041's label and fuel, #1066's):
#   billed_weight_over   #1044: billed 5 lb, scale 1.4 lb (2 lb), 10x8x4 in (3 lb DIM), with a 6.25 correction
#   dim_weight_mismatch  #1045: billed 16 lb by dimensions, 14x12x10 in gives 13 lb at 139 (a divisor of 105)
#   billed_service_mismatch  #1054: labelled Ground, billed 2nd Day Air
#   voided_label_billed  #1052's voided label 1Z5R89390157567172 charged
#   duplicate_charge     #1052's label 1Z5R89390157567165 on invoices 691317025 and 691317099
#   address_correction_charge  #1056's Ground package
#   residential_surcharge  #1065, delivered to a dental practice (a company), charged as a home
#   guarantee_refund_missing  #1058: Next Day Air due Fri 11/13, delivered Mon 11/16, no credit
#   shipping_loss        #1045 (15.00 paid, 38.20 charged) and #1052 (34.95 paid, 93.60 charged)
UPS_LINES = [
    ("0000691317025", "1Z5R89390357567127", "SHP", "Ground Residential", "11.48",
     {"Billed Weight": "2", "Billed Weight Type": "1", "Scale weight quantity": "1.3", "Package Dimensions": "8.0x 6.0x 4.0"}),
    ("0000691317025", "1Z5R89390357567127", "FSC", "Fuel Surcharge", "1.72", {}),
    ("0000691317025", "1Z879E930346834440", "SHP", "2nd Day Air Residential", "14.02",
     {"Billed Weight": "5", "Billed Weight Type": "1", "Scale weight quantity": "1.4", "Package Dimensions": "10.0x 8.0x 4.0"}),
    ("0000691317025", "1Z879E930346834440", "SCC", "Shipping Charge Correction 2nd Day Air", "6.25",
     {"Billed Weight": "5", "Billed Weight Type": "1", "Scale weight quantity": "1.4", "Package Dimensions": "10.0x 8.0x 4.0"}),
    ("0000691317025", "1Z5R89390157567141", "SHP", "Next Day Air Residential", "28.40",
     {"Billed Weight": "16", "Billed Weight Type": "2", "Scale weight quantity": "1.8", "Package Dimensions": "14.0x 12.0x 10.0"}),
    ("0000691317025", "1Z5R89390157567141", "SCC", "Shipping Charge Correction Next Day Air", "9.80",
     {"Billed Weight": "16", "Billed Weight Type": "2", "Scale weight quantity": "1.8", "Package Dimensions": "14.0x 12.0x 10.0"}),
    ("0000691317025", "1Z5R89390357567189", "SHP", "2nd Day Air Commercial", "18.40", {}),
    ("0000691317025", "1Z5R89390157567172", "SHP", "Next Day Air Residential", "31.20", {}),
    ("0000691317025", "1Z5R89390157567165", "SHP", "Next Day Air Residential", "31.20", {}),
    ("0000691317025", "1Z879E930346834468", "SHP", "Ground Residential", "9.10", {}),
    ("0000691317025", "1Z879E930346834468", "ADC", "Address Correction Ground", "23.00", {}),
    ("0000691317025", "1Z5R89390357567227", "SHP", "Ground Commercial", "10.40", {"Receiver Company Name": "Reyes Dental LLC"}),
    ("0000691317025", "1Z5R89390357567227", "RES", "Residential Surcharge", "5.55", {"Receiver Company Name": "Reyes Dental LLC"}),
    ("0000691317025", "1Z5R89390157567203", "SHP", "Next Day Air Residential", "29.80", {"Shipment Delivery Date": "2026-11-16"}),
    ("0000691317025", "1Z879E930346834440", "FSC", "Fuel Surcharge", "2.10", {}),
    ("0000691317099", "1Z5R89390157567165", "SHP", "Next Day Air Residential", "31.20", {}),
]
UPS_SHIPPED = {"1Z5R89390357567127": "2026-11-16", "1Z879E930346834440": "2026-11-16", "1Z5R89390157567141": "2026-11-16",
               "1Z5R89390357567189": "2026-11-18", "1Z5R89390157567172": "2026-11-17", "1Z5R89390157567165": "2026-11-17",
               "1Z879E930346834468": "2026-11-18", "1Z5R89390357567227": "2026-11-10", "1Z5R89390157567203": "2026-11-12"}

def ups_invoice_csv():
    names = ups_columns()
    totals = {}
    for invoice, _, _, _, amount, _ in UPS_LINES:
        totals[invoice] = totals.get(invoice, 0) + round(float(amount) * 100)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    for invoice, tracking, code, description, amount, package in UPS_LINES:
        values = {"Version": "2.1", "Recipient Number": "0000A1B2C3", "Account Number": "0000A1B2C3",
                  "Account Country": "US", "Invoice Date": "2026-11-18", "Invoice Number": invoice,
                  "Invoice Type Code": "I", "Invoice Currency Code": "USD",
                  "Invoice Amount": "%.2f" % (totals[invoice] / 100), "Transaction Date": "2026-11-18",
                  "Tracking Number": tracking, "Charge Category Code": "ADJ" if code in ("SCC", "ADC") else "SHP",
                  "Charge Category Detail Code": code, "Charge Classification Code": "FRT" if code == "SHP" else "ACC",
                  "Charge Description": description, "Net Amount": amount, "Incentive Amount": "0.00",
                  "Shipment Date": UPS_SHIPPED.get(tracking, "2026-11-16"), "Billed Weight Unit of Measure": "L",
                  "Package Dimension Unit Of Measure": "IN" if "Package Dimensions" in package else ""}
        values.update(package)
        w.writerow([values.get(name, "") for name in names])
    return out.getvalue()

# FedEx Billing Online "All Columns" (../shared/reference/invoices.md §2.3): 156 columns, 25 charge pairs.
FEDEX_HEADER = ("Bill to Account Number,Invoice Date,Invoice Number,Store ID,Original Amount Due,Current Balance,Payor,"
"Ground Tracking ID Prefix,Express or Ground Tracking ID,Transportation Charge Amount,Net Charge Amount,Service Type,"
"Ground Service,Shipment Date,POD Delivery Date,POD Delivery Time,POD Service Area Code,POD Signature Description,"
"Actual Weight Amount,Actual Weight Units,Rated Weight Amount,Rated Weight Units,Number of Pieces,Bundle Number,"
"Meter Number,TDMasterTrackingID,Service Packaging,Dim Length,Dim Width,Dim Height,Dim Divisor,Dim Unit,"
"Recipient Name,Recipient Company,Recipient Address Line 1,Recipient Address Line 2,Recipient City,Recipient State,"
"Recipient Zip Code,Recipient Country/Territory,Shipper Company,Shipper Name,Shipper Address Line 1,"
"Shipper Address Line 2,Shipper City,Shipper State,Shipper Zip Code,Shipper Country/Territory,"
"Original Customer Reference,Original Ref#2,Original Ref#3/PO Number,Original Department Reference Description,"
"Updated Customer Reference,Updated Ref#2,Updated Ref#3/PO Number,Updated Department Reference Description,RMA#,"
"Original Recipient Address Line 1,Original Recipient Address Line 2,Original Recipient City,"
"Original Recipient State,Original Recipient Zip Code,Original Recipient Country/Territory,Zone Code,"
"Cost Allocation,Alternate Address Line 1,Alternate Address Line 2,Alternate City,Alternate State Province,"
"Alternate Zip Code,Alternate Country/Territory Code,CrossRefTrackingID Prefix,CrossRefTrackingID,Entry Date,"
"Entry Number,Customs Value,Customs Value Currency Code,Declared Value,Declared Value Currency Code,"
"Commodity Description,Commodity Country/Territory Code,Commodity Description,Commodity Country/Territory Code,"
"Commodity Description,Commodity Country/Territory Code,Commodity Description,Commodity Country/Territory Code,"
"Currency Conversion Date,Currency Conversion Rate,Multiweight Number,Multiweight Total Multiweight Units,"
"Multiweight Total Multiweight Weight,Multiweight Total Shipment Charge Amount,Multiweight Total Shipment Weight,"
"Ground Tracking ID Address Correction Discount Charge Amount,"
"Ground Tracking ID Address Correction Gross Charge Amount,Rated Method,Sort Hub,Estimated Weight,"
"Estimated Weight Unit,Postal Class,Process Category,Package Size,Delivery Confirmation,Tendered Date,"
+ ",".join(["Tracking ID Charge Description,Tracking ID Charge Amount"] * 25) + ",Shipment Notes").split(",")
assert len(FEDEX_HEADER) == 156

# Planted: billed_weight_over on #1063 (rated 9 lb, actual 0.9 lb, 10x6x4 in: 2 lb); #1043's two packages and
# #1047's are clean (a residential charge to a person is not flagged).
FEDEX_ROWS = [
    ("790535312317", "FedEx 2Day", "2026-11-16", "2026-11-18", "19.30", [("Fuel Surcharge", "1.45"), ("Residential Delivery Charge", "4.90")], "1.7", "2", ("12", "8", "4")),
    ("477179081230", "FedEx 2Day", "2026-11-16", "", "19.30", [("Fuel Surcharge", "1.45")], "1.7", "2", ("12", "8", "4")),
    ("568283610012000", "FedEx Ground", "2026-11-17", "", "9.85", [("Fuel Surcharge", "0.74"), ("Discount", "-0.50")], "2.0", "2", ("10", "8", "6")),
    ("568283610012017", "FedEx Home Delivery", "2026-11-16", "", "9.85", [("Fuel Surcharge", "0.74")], "0.9", "9", ("10", "6", "4")),
]

def fedex_invoice_csv():
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(FEDEX_HEADER)
    first_pair = FEDEX_HEADER.index("Tracking ID Charge Description")
    nets = [float(t) + sum(float(a) for _, a in charges) for _, _, _, _, t, charges, _, _, _ in FEDEX_ROWS]
    for (tracking, service, shipped, delivered, transport, charges, actual, rated, dims), net in zip(FEDEX_ROWS, nets):
        row = [""] * len(FEDEX_HEADER)
        def put(name, value):
            row[FEDEX_HEADER.index(name)] = value
        for name, value in [("Bill to Account Number", "123456789"), ("Invoice Date", "2026-11-18"),
                            ("Invoice Number", "9-148-48578"), ("Original Amount Due", "%.2f" % sum(nets)),
                            ("Current Balance", "%.2f" % sum(nets)), ("Payor", "Shipper"),
                            ("Express or Ground Tracking ID", tracking), ("Transportation Charge Amount", transport),
                            ("Net Charge Amount", "%.2f" % net), ("Service Type", service), ("Shipment Date", shipped),
                            ("POD Delivery Date", delivered), ("Actual Weight Amount", actual),
                            ("Actual Weight Units", "LB"), ("Rated Weight Amount", rated), ("Rated Weight Units", "LB"),
                            ("Number of Pieces", "1"), ("Dim Length", dims[0]), ("Dim Width", dims[1]),
                            ("Dim Height", dims[2]), ("Dim Unit", "I"), ("Zone Code", "02"),
                            ("Recipient Country/Territory", "US"), ("Shipper Company", "Widget Works")]:
            put(name, value)
        for index, (description, amount) in enumerate(charges):
            row[first_pair + 2 * index] = description
            row[first_pair + 2 * index + 1] = amount
        w.writerow(row)
    return out.getvalue()

if __name__ == "__main__":
    import os
    os.makedirs("samples/invoices", exist_ok=True)
    open("samples/invoices/Invoice_0000A1B2C3_111826.csv", "w", newline="").write(ups_invoice_csv())
    open("samples/invoices/FedEx_Invoice_914848578.csv", "w", newline="").write(fedex_invoice_csv())
    open("samples/tracking.csv", "w", newline="").write(tracking_csv())
    open("samples/orders_export.csv", "w", newline="").write(orders_csv())
    open("samples/products_export.csv", "w", newline="").write(products_csv())
    open("samples/shipments.csv", "w", newline="", encoding="utf-8-sig").write(shipments_csv())


# --- Layouts with no built-in profile, for the mapping tests (issue 5): the samples again, re-laid out. ---
MAPPING_DIR = "Tests/ShipAuditEndToEndTests/Fixtures/mapping"

def day_first(shopify_time):
    # "2026-11-16 10:14:58 -0500" -> "16/11/2026 10:14:58" (local store time, no offset)
    date, time, _ = shopify_time.split(" ")
    y, m, d = date.split("-")
    return f"{d}/{m}/{y} {time}"

def orders_repeated_csv():
    """One row per line item with every order field repeated, semicolons, day-first dates (a WooCommerce-style plugin)."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    w.writerow(["Order No.", "Order Date", "Currency", "Shipping Charged", "Shipping Option", "Payment", "Cancelled",
                "Product Code", "Product", "Qty", "Unit Price", "Ships", "Line Status"])
    for name, who, created, method, shipping, lines, extra in ORDERS:
        for sku, qty in lines:
            status = extra.get("Financial Status", "paid")
            cancelled = day_first(extra["Cancelled at"]) if "Cancelled at" in extra else ""
            w.writerow([name.lstrip("#"), day_first(created), "USD", shipping, method, status, cancelled, sku, NAMES[sku], qty,
                        PRICES[sku], "no" if sku.startswith("EBOOK") else "yes",
                        "open" if extra.get("Fulfillment Status") == "unfulfilled" else "fulfilled"])
    return out.getvalue()

GERMAN = {"Origin Scan": "Abholung", "Departure Scan": "Abfahrt", "Arrival Scan": "Ankunft", "Delivered": "Zugestellt",
          "D": "Zugestellt", "DL": "Zugestellt", "P": "Abholung", "PU": "Abholung", "I": "Abholung", "Picked up": "Abholung",
          "Pickup Scan": "Abholung", "Departed FedEx hub": "Abfahrt", "Departed USPS Regional Facility": "Abfahrt",
          "Accepted at USPS Origin Facility": "Annahme", "Pre-Shipment Info Sent to USPS": "Sendungsdaten übermittelt",
          "Pre-Shipment Info Sent to USPS, USPS Awaiting Item": "Sendungsdaten übermittelt",
          "Order Processed: Ready for UPS": "Sendungsdaten übermittelt", "Return to Sender": "Rücksendung",
          "Delivery exception - Incorrect address": "Zustellproblem: Adresse falsch", "Held for Inspection": "Held for Inspection"}

def tracking_split_csv():
    """A carrier portal's scan export: date and time in separate columns, day first, German status texts."""
    from datetime import datetime
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["Sendungsnummer", "Datum", "Uhrzeit", "Status", "Ort", "Voraussichtliche Zustellung"])
    for tracking, date, time, status, location, scheduled in TRACKING:
        if date:
            moment = datetime.strptime(date + time, "%Y%m%d%H%M%S")
        else:
            moment = datetime.strptime(time[:19], "%Y-%m-%dT%H:%M:%S")
        sched = datetime.strptime(scheduled, "%Y-%m-%d").strftime("%d.%m.%Y") if scheduled else ""
        w.writerow([tracking, moment.strftime("%d.%m.%Y"), moment.strftime("%H:%M"), GERMAN[status], location, sched])
    return out.getvalue()

if __name__ == "__main__":
    import os
    os.makedirs(MAPPING_DIR, exist_ok=True)
    open(f"{MAPPING_DIR}/orders_repeated.csv", "w", newline="").write(orders_repeated_csv())
    open(f"{MAPPING_DIR}/tracking_split.csv", "w", newline="").write(tracking_split_csv())
