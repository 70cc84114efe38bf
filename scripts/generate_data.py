#!/usr/bin/env python3
"""Generates large realistic inputs for benchmarks: Shopify orders (79 columns, continuation rows), Shopify
products, ShipStation shipments (some orders with two packages) and tracking events (three scans per package).
Deterministic by seed; about 2 % of orders are shipped in a slower service, 2 % are one unit short, and 2 % are
delivered a business day after the promise. Dates are in October 2026 (no carrier holidays), New York time.

usage: scripts/generate_data.py ORDERS OUTDIR [--seed N]
"""
import argparse, math, csv, datetime, os, random, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_samples import SHOPIFY  # the 79 columns of the real export, kept in one place
COL = {name: i for i, name in enumerate(SHOPIFY)}
# paid method, carrier, service shipped normally, slower service (planted downgrade), transit business days paid
METHODS = [("UPS Next Day Air", "ups", "UPS Next Day Air®", "UPS® Ground", 1),
           ("UPS 2nd Day Air", "ups", "UPS 2nd Day Air®", "UPS® Ground", 2),
           ("FedEx 2Day", "fedex", "FedEx 2Day®", "FedEx Ground®", 2),
           ("Standard Shipping (3-5 business days)", "stamps_com", "USPS Ground Advantage", "USPS Media Mail", 5)]

def business_days_after(day, count):
    """The date `count` business days (Mon-Fri) after `day`."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day

def ship_day(day):
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("orders", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--invoices", action="store_true",
                    help="also write invoices.csv (shipaudit-invoices layout): about five charge lines per package, "
                         "1%% billed above their weights (billed_weight_over) with a correction line")
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    os.makedirs(args.outdir, exist_ok=True)
    skus = [(f"SKU-{i:05d}", rnd.randint(50, 2000), f"{rnd.randint(5, 200)}.{rnd.randint(0, 99):02d}") for i in range(2000)]
    with open(os.path.join(args.outdir, "products_export.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["Handle", "Title", "Option1 Value", "Variant SKU", "Variant Grams", "Variant Price", "Variant Weight Unit"])
        for sku, grams, price in skus:
            w.writerow([sku.lower(), f"Product {sku}", "Default Title", sku, grams, price, "g"])
    tracking = open(os.path.join(args.outdir, "tracking.csv"), "w", newline="")
    wt = csv.writer(tracking, lineterminator="\n")
    wt.writerow(["tracking_number", "time", "status", "location"])
    invoices = open(os.path.join(args.outdir, "invoices.csv"), "w", newline="") if args.invoices else None
    wi = csv.writer(invoices, lineterminator="\n") if invoices else None
    if wi:
        wi.writerow(["carrier", "invoice_number", "invoice_date", "tracking_number", "charge_code", "charge_description",
                     "net_amount", "currency", "shipped_at", "billed_weight", "billed_weight_type", "scale_weight",
                     "weight_unit", "dimensions"])
    orders = open(os.path.join(args.outdir, "orders_export.csv"), "w", newline="")
    ships = open(os.path.join(args.outdir, "shipments.csv"), "w", newline="")
    wo, ws = csv.writer(orders, lineterminator="\n"), csv.writer(ships, lineterminator="\r\n")
    wo.writerow(SHOPIFY)
    ws.writerow(["Order - Number", "Date - Shipped Date", "Carrier - Service Requested", "Shipment - Carrier",
                 "Shipment - Service", "Shipment - Tracking Number", "Shipment - Weight (Oz)", "Amount - Order Shipping",
                 "Amount - Shipping Cost"])
    blank = [""] * len(SHOPIFY)
    for n in range(args.orders):
        name = f"#{100000 + n}"
        method, carrier, good, slow, transit = METHODS[n % len(METHODS)]
        lines = [rnd.choice(skus) for _ in range(rnd.choice([1, 1, 2, 3]))]
        qtys = [rnd.choice([1, 1, 2]) for _ in lines]
        grams = sum(g * q for (_, g, _), q in zip(lines, qtys))
        day = 1 + n % 28
        for i, ((sku, g, price), q) in enumerate(zip(lines, qtys)):
            row = list(blank)
            row[COL["Name"]] = name
            row[COL["Created at"]] = f"2026-10-{day:02d} 10:{n % 60:02d}:00 -0400"
            row[COL["Lineitem quantity"]] = str(q)
            row[COL["Lineitem name"]] = f"Product {sku}"
            row[COL["Lineitem price"]] = price
            row[COL["Lineitem sku"]] = sku
            row[COL["Lineitem requires shipping"]] = "true"
            if i == 0:
                row[COL["Financial Status"]] = "paid"
                row[COL["Currency"]] = "USD"
                row[COL["Shipping"]] = "12.50"
                row[COL["Shipping Method"]] = method
                row[COL["Billing Street"]] = "12 Harbor Rd, Apt 4"
                row[COL["Notes"]] = "ring twice\nthen leave it" if n % 50 == 0 else ""
            wo.writerow(row)
        plant = rnd.random()
        service = slow if plant < 0.02 else good
        if 0.02 <= plant < 0.04 and qtys[0] >= 1:
            grams -= lines[0][1]  # one unit short
        packages = 2 if rnd.random() < 0.1 else 1
        total_oz = (grams + 113.4 * packages) / 28.349523125
        shipped = ship_day(datetime.date(2026, 10, day))
        delivered = business_days_after(shipped, transit + (1 if 0.04 <= plant < 0.06 else 0))
        for p in range(packages):
            tracking_number = f"1Z{n:010d}{p:06d}"
            ws.writerow([name, f"{shipped.month}/{shipped.day}/2026 4:{n % 60:02d}:00 PM", method, carrier, service,
                         tracking_number, f"{total_oz / packages:.2f}", "12.50", "9.80"])
            wt.writerow([tracking_number, f"{shipped.isoformat()}T18:00:00-04:00", "Picked up", "Edison NJ"])
            wt.writerow([tracking_number, f"{business_days_after(shipped, 1).isoformat()}T04:00:00-04:00" if transit > 1 else f"{delivered.isoformat()}T06:00:00-04:00", "In Transit", "Hub"])
            wt.writerow([tracking_number, f"{delivered.isoformat()}T14:00:00-04:00", "Delivered", "Customer"])
            if wi:
                # The carrier's scale: the package's weight in pounds; billed at it rounded up, or (1%) 3 lb more.
                pounds = round(total_oz / packages / 16, 1)
                billed = math.ceil(pounds) + (3 if rnd.random() < 0.01 else 0)
                invoice = f"{(shipped.toordinal() // 7) % 100000:05d}"
                common = ["ups", invoice, (shipped + datetime.timedelta(days=5)).isoformat(), tracking_number]
                figures = [shipped.isoformat(), billed, "1", f"{pounds:.1f}", "lb", "8x6x4"]
                # 7.80 + 1.17 + 1.10 less a 1.20 credit: 8.87 a package, under the 12.50 paid but for orders of two
                # packages (17.74, a loss of 5.24) and the corrected ones (6.25 more).
                wi.writerow(common + ["SHP", service, "7.80", "USD"] + figures)
                wi.writerow(common + ["FSC", "Fuel Surcharge", "1.17", "USD"] + figures)
                wi.writerow(common + ["DAS", "Delivery Area Surcharge", "1.10", "USD"] + figures)
                wi.writerow(common + ["INC", "Incentive Credit", "-1.20", "USD"] + figures)
                if billed > math.ceil(pounds):
                    wi.writerow(common + ["SCC", "Shipping Charge Correction", "6.25", "USD"] + figures)
    orders.close(); ships.close(); tracking.close()
    if invoices:
        invoices.close()
    with open(os.path.join(args.outdir, "shipaudit.toml"), "w") as config:
        config.write('[rate_titles]\n"Standard Shipping (3-5 business days)" = "ground"\n\n[calendar]\nholidays = []\n')

main()
