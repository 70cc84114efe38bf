#!/usr/bin/env python3
"""The same job in DuckDB SQL (2 threads): service downgrade by tier, expected weight with packaging and tolerance,
promise and lateness on business days, on the benchmark's generated files. usage: baseline_duckdb.py DATADIR OUT.csv"""
import sys
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
  "Lineitem quantity" AS qty, "Lineitem sku" AS sku
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
  first(CAST(strptime(created, '%Y-%m-%d %H:%M:%S %z') AS TIMESTAMPTZ)) AS created FROM orders GROUP BY order_id;
CREATE TEMP TABLE calendar AS SELECT CAST(d AS DATE) AS day, isodow(d) <= 5 AS business,
  sum(CASE WHEN isodow(d) <= 5 THEN 1 ELSE 0 END) OVER (ORDER BY d) AS n
FROM generate_series(TIMESTAMP '2026-01-01', TIMESTAMP '2027-12-31', INTERVAL 1 DAY) t(d);
""")
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
) TO '{out}' (HEADER, DELIMITER ',')
""")
