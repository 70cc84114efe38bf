#!/usr/bin/env python3
"""The same job in DuckDB SQL (2 threads): service downgrade by tier, expected weight with packaging and tolerance,
promise and lateness on business days; with invoices.csv, billed weight over the carrier's scale and dimensional
weights, and the shipping loss per order; on the benchmark's generated files.
usage: baseline_duckdb.py DATADIR OUT.csv"""
import os, sys
import duckdb

d, out = sys.argv[1], sys.argv[2]
con = duckdb.connect()
con.execute("SET threads = 2")
con.execute("""
CREATE TEMP TABLE tiers(name VARCHAR, tier INT, transit INT);
INSERT INTO tiers VALUES ('UPS Next Day Air',1,1),('UPS Next Day Air®',1,1),('UPS 2nd Day Air',3,2),('UPS 2nd Day Air®',3,2),
 ('FedEx 2Day',3,2),('FedEx 2Day®',3,2),('UPS® Ground',6,5),('FedEx Ground®',6,5),('USPS Ground Advantage',6,5),
 ('USPS Media Mail',7,8),('Standard Shipping (3-5 business days)',6,5);
""")
con.execute(f"""
CREATE TEMP TABLE orders AS SELECT ltrim("Name", '#') AS order_id, "Shipping Method" AS method, "Created at" AS created,
  "Lineitem quantity" AS qty, "Lineitem sku" AS sku, "Shipping" AS shipping
FROM read_csv('{d}/orders_export.csv', header=true, all_varchar=true);
CREATE TEMP TABLE products AS SELECT "Variant SKU" AS sku, CAST("Variant Grams" AS DOUBLE) AS grams
FROM read_csv('{d}/products_export.csv', header=true, all_varchar=true);
CREATE TEMP TABLE ships AS SELECT DISTINCT ltrim("Order - Number", '#') AS order_id, "Shipment - Tracking Number" AS tracking,
  "Shipment - Service" AS service, CAST("Shipment - Weight (Oz)" AS DOUBLE) AS oz
FROM read_csv('{d}/shipments.csv', header=true, all_varchar=true);
CREATE TEMP TABLE tracking AS SELECT tracking_number, status, CAST(time AS TIMESTAMPTZ) AS at
FROM read_csv('{d}/tracking.csv', header=true, all_varchar=true);
""")
con.execute("SET TimeZone = 'America/New_York'")
con.execute("""
CREATE TEMP TABLE heads AS SELECT order_id, first(method) FILTER (WHERE method IS NOT NULL) AS method,
  first(CAST(shipping AS DECIMAL(18,4))) FILTER (WHERE shipping IS NOT NULL) AS shipping,
  first(CAST(strptime(created, '%Y-%m-%d %H:%M:%S %z') AS TIMESTAMPTZ)) AS created FROM orders GROUP BY order_id;
CREATE TEMP TABLE calendar AS SELECT CAST(d AS DATE) AS day, isodow(d) <= 5 AS business,
  sum(CASE WHEN isodow(d) <= 5 THEN 1 ELSE 0 END) OVER (ORDER BY d) AS n
FROM generate_series(TIMESTAMP '2026-01-01', TIMESTAMP '2027-12-31', INTERVAL 1 DAY) t(d);
""")
invoices = os.path.exists(f"{d}/invoices.csv")
if invoices:
    con.execute(f"""
CREATE TEMP TABLE inv AS SELECT tracking_number AS tracking, CAST(net_amount AS DECIMAL(18,4)) AS amount,
  CAST(billed_weight AS DOUBLE) AS billed, billed_weight_type AS kind, CAST(scale_weight AS DOUBLE) AS scale, dimensions
FROM read_csv('{d}/invoices.csv', header=true, all_varchar=true);
CREATE TEMP TABLE labels AS SELECT tracking, first(order_id) AS order_id FROM ships GROUP BY tracking;
""")
# billed_weight_over: billed (actual weight) above the scale weight rounded up to the pound and the dimensional weight
# (each side to the nearest inch, volume over 139, rounded up); shipping_loss: every line's amount (label, corrections,
# less credits) against the shipping paid, a loss over 5.00
invoice_checks = """
  UNION ALL
  SELECT coalesce(l.order_id, p.tracking), 'billed_weight_over' FROM (
    SELECT tracking, max(billed) AS billed, first(scale) AS scale, first(kind) AS kind, first(dimensions) AS dims
    FROM inv GROUP BY tracking) p LEFT JOIN labels l USING (tracking)
  WHERE p.kind <> '2' AND p.scale IS NOT NULL AND round(p.billed, 3) > greatest(ceil(p.scale - 1e-6),
    ceil(floor(CAST(split_part(p.dims, 'x', 1) AS DOUBLE) + 0.5) * floor(CAST(split_part(p.dims, 'x', 2) AS DOUBLE) + 0.5)
      * floor(CAST(split_part(p.dims, 'x', 3) AS DOUBLE) + 0.5) / 139 - 1e-6)) + 0.001
  UNION ALL
  SELECT l.order_id, 'shipping_loss' FROM inv i JOIN labels l USING (tracking) JOIN heads h USING (order_id)
  GROUP BY l.order_id, h.shipping HAVING sum(i.amount) - h.shipping > 5
""" if invoices else ""
con.execute(f"""
COPY (
  SELECT DISTINCT s.order_id, 'service_downgrade' AS rule FROM ships s JOIN heads h USING (order_id)
    JOIN tiers p ON p.name = h.method JOIN tiers t ON t.name = s.service WHERE t.tier > p.tier
  UNION ALL
  SELECT order_id, CASE WHEN expected - measured > 0 THEN 'weight_short' ELSE 'weight_over' END
  FROM (SELECT g.order_id, g.goods + 113.3980925 * k.packages AS expected, k.oz * 28.349523125 AS measured
        FROM (SELECT order_id, sum(CAST(qty AS INT) * p.grams) AS goods FROM orders o JOIN products p USING (sku) GROUP BY order_id) g
        JOIN (SELECT order_id, count(*) AS packages, sum(oz) AS oz FROM ships GROUP BY order_id) k USING (order_id))
  WHERE abs(expected - measured) - greatest(56.69904625, 0.05 * expected) > 0.05
  UNION ALL
  SELECT order_id, 'late_delivery' FROM (
    SELECT h.order_id,
      (SELECT c2.day FROM calendar c2 WHERE c2.business AND c2.n = (SELECT min(c1.n) FROM calendar c1 WHERE c1.business AND
          c1.day >= CAST(h.created AS DATE) + CASE WHEN hour(h.created) * 60 + minute(h.created) > 840 THEN 1 ELSE 0 END) + p.transit) AS promised,
      max(CAST(t.at AS DATE)) AS delivered
    FROM heads h JOIN tiers p ON p.name = h.method JOIN ships s USING (order_id)
      JOIN tracking t ON t.tracking_number = s.tracking AND t.status = 'Delivered'
    GROUP BY h.order_id, h.created, p.transit)
  WHERE delivered > promised
  {invoice_checks}
) TO '{out}' (HEADER, DELIMITER ',')
""")
