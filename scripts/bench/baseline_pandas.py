#!/usr/bin/env python3
"""The job a user would otherwise write in pandas: the same checks as shipaudit (service downgrade by tier, expected
weight with packaging and tolerance, promise and lateness on business days; with invoices.csv, billed weight over the
carrier's scale and dimensional weights, and the shipping loss per order) on the benchmark's generated files.
Writes the flagged (order_id, rule) pairs as CSV.   usage: baseline_pandas.py DATADIR OUT.csv"""
import os, sys
import numpy as np
import pandas as pd

TIERS = {"UPS Next Day Air": 1, "UPS Next Day Air®": 1, "UPS 2nd Day Air": 3, "UPS 2nd Day Air®": 3, "FedEx 2Day": 3,
         "FedEx 2Day®": 3, "UPS® Ground": 6, "FedEx Ground®": 6, "USPS Ground Advantage": 6, "USPS Media Mail": 7,
         "Standard Shipping (3-5 business days)": 6}
TRANSIT = {1: 1, 3: 2, 6: 5, 7: 8}
PACKAGING, TOLERANCE, OZ = 113.3980925, 56.69904625, 28.349523125

d = sys.argv[1]
orders = pd.read_csv(f"{d}/orders_export.csv", usecols=["Name", "Shipping Method", "Created at", "Lineitem quantity", "Lineitem sku", "Shipping"],
                     dtype={"Name": str, "Lineitem sku": str})
orders["order_id"] = orders["Name"].str.lstrip("#")
first = orders.groupby("order_id", sort=False).first()
products = pd.read_csv(f"{d}/products_export.csv", usecols=["Variant SKU", "Variant Grams"])
grams = dict(zip(products["Variant SKU"], products["Variant Grams"]))
ships = pd.read_csv(f"{d}/shipments.csv", dtype={"Shipment - Tracking Number": str, "Order - Number": str})
ships["order_id"] = ships["Order - Number"].str.lstrip("#")
ships = ships.drop_duplicates(["order_id", "Shipment - Tracking Number"])
tracking = pd.read_csv(f"{d}/tracking.csv", dtype={"tracking_number": str})

flags = []
# service downgrade
paid = first["Shipping Method"].map(TIERS)
ships["tier"] = ships["Shipment - Service"].map(TIERS)
ships["paid"] = ships["order_id"].map(paid)
flags.append(ships.loc[ships["tier"] > ships["paid"], "order_id"].drop_duplicates().to_frame().assign(rule="service_downgrade"))
# weight
orders["grams"] = orders["Lineitem sku"].map(grams) * orders["Lineitem quantity"]
goods = orders.groupby("order_id")["grams"].sum()
packages = ships.groupby("order_id").agg(measured=("Shipment - Weight (Oz)", "sum"), count=("order_id", "size"))
w = packages.join(goods, how="inner")
w["expected"] = w["grams"] + PACKAGING * w["count"]
w["measured"] = w["measured"] * OZ
w["tolerance"] = np.maximum(TOLERANCE, 0.05 * w["expected"])
flags.append(pd.DataFrame({"order_id": w.index[(w["expected"] - w["measured"]) - w["tolerance"] > 0.05], "rule": "weight_short"}))
flags.append(pd.DataFrame({"order_id": w.index[(w["measured"] - w["expected"]) - w["tolerance"] > 0.05], "rule": "weight_over"}))
# promise and lateness: ship-by = order day (before the 14:00 cutoff) or the next business day; + paid transit days
created = pd.to_datetime(first["Created at"], format="%Y-%m-%d %H:%M:%S %z", utc=True).dt.tz_convert("America/New_York")
day = created.dt.tz_localize(None).dt.normalize()
after = created.dt.hour * 60 + created.dt.minute > 14 * 60
start = (day + pd.to_timedelta(after.astype(int), unit="D")).values.astype("datetime64[D]")
ship_by = np.busday_offset(start, 0, roll="forward")
promised = np.busday_offset(ship_by, paid.map(TRANSIT).values.astype(int), roll="forward")
promise = pd.Series(promised, index=first.index)
delivered = tracking[tracking["status"] == "Delivered"]
delivered = delivered.assign(day=pd.to_datetime(delivered["time"], utc=True).dt.tz_convert("America/New_York").dt.tz_localize(None).dt.normalize())
delivered = delivered.merge(ships[["order_id", "Shipment - Tracking Number"]], left_on="tracking_number", right_on="Shipment - Tracking Number")
last = delivered.groupby("order_id")["day"].max()
late = last[last.values.astype("datetime64[D]") > promise.reindex(last.index).values]
flags.append(pd.DataFrame({"order_id": late.index, "rule": "late_delivery"}))
# carrier invoices, when the data has them: each package's lines, and its order through its first label
if os.path.exists(f"{d}/invoices.csv"):
    inv = pd.read_csv(f"{d}/invoices.csv", dtype={"tracking_number": str, "charge_code": str, "dimensions": str,
                                                  "billed_weight_type": str},
                      usecols=["tracking_number", "charge_code", "net_amount", "billed_weight", "billed_weight_type",
                               "scale_weight", "dimensions"])
    label = ships.drop_duplicates("Shipment - Tracking Number").set_index("Shipment - Tracking Number")["order_id"]
    # billed_weight_over: billed (actual weight) above the scale weight rounded up to the pound and the dimensional
    # weight (each side to the nearest inch, volume over 139, rounded up), both in pounds as the data bills them
    per = inv.groupby("tracking_number", sort=False).agg(billed=("billed_weight", "max"), scale=("scale_weight", "first"),
                                                         kind=("billed_weight_type", "first"), dims=("dimensions", "first"))
    sides = per["dims"].str.split("x", expand=True).astype(float).apply(lambda c: np.floor(c + 0.5))
    dim = np.ceil(sides.prod(axis=1) / 139 - 1e-6)
    allowed = np.maximum(np.ceil(per["scale"] - 1e-6), dim)
    over = per.index[(per["kind"] != "2") & per["scale"].notna() & (per["billed"].round(3) > allowed + 0.001)]
    flags.append(pd.DataFrame({"order_id": label.reindex(over).fillna(pd.Series(over, index=over)).values,
                               "rule": "billed_weight_over"}))
    # shipping_loss: label charges plus corrections less credits (every line's amount), against the shipping paid,
    # a loss over 5.00
    inv["order_id"] = inv["tracking_number"].map(label)
    inv = inv.dropna(subset=["order_id"])
    cost = (inv["net_amount"] * 10000).round().astype("int64").groupby(inv["order_id"]).sum()
    paid = (first["Shipping"].astype(float) * 10000).round().astype("int64")
    loss = cost - paid.reindex(cost.index)
    flags.append(pd.DataFrame({"order_id": loss.index[loss > 5 * 10000], "rule": "shipping_loss"}))
pd.concat(flags).to_csv(sys.argv[2], index=False)
