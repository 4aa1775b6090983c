package io.strata.bench.tpcc;

import io.strata.bench.jdbc.MultiRowInsertSink;
import io.strata.bench.jdbc.Progress;
import io.strata.bench.jdbc.TableSink;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Populates a TPC-C database as the specification describes (4.3.3.1): items, then per warehouse
 * its stock, districts, customers with one history row each, and orders whose last
 * {@code newOrdersPerDistrict} are undelivered (in new_order, no carrier, order lines without a
 * delivery date). Rows go in with multi-row INSERTs.
 */
public final class TpccLoader {
    private final TpccScale scale;
    private final int batchRows;
    private final PrintStream out;
    private final String engine;

    public TpccLoader(TpccScale scale, int batchRows, PrintStream out, String engine) {
        this.scale = requireNonNull(scale, "scale is null");
        this.batchRows = batchRows;
        this.out = requireNonNull(out, "out is null");
        this.engine = requireNonNull(engine, "engine is null");
    }

    public void createSchema(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String t : TpccSchema.TABLES) {
                st.execute("DROP TABLE IF EXISTS " + t);
            }
            for (String ddl : TpccSchema.createStatements()) {
                st.execute(ddl);
            }
        }
    }

    /**
     * Loads everything, then runs ANALYZE TABLE on every table (statistics for the cost model, as a
     * DBA does after a bulk load; both engines accept it). Returns the number of rows inserted.
     */
    public long load(Connection c, TpccRandom rnd) throws SQLException {
        LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        long total = loadItems(c, rnd);
        for (int w = 1; w <= scale.warehouses(); w++) {
            total += loadWarehouse(c, rnd, w, now);
        }
        try (Statement st = c.createStatement()) {
            for (String t : TpccSchema.TABLES) {
                st.execute("ANALYZE TABLE " + t);
            }
        }
        return total;
    }

    private TableSink sink(Connection c, String table, String... columns) {
        return new MultiRowInsertSink(c, table, List.of(columns), batchRows);
    }

    private long loadItems(Connection c, TpccRandom rnd) throws SQLException {
        Progress p = new Progress(out, engine + " item", scale.items());
        try (TableSink s = sink(c, "item", "i_id", "i_im_id", "i_name", "i_price", "i_data")) {
            for (int i = 1; i <= scale.items(); i++) {
                s.add(new Object[] {i, rnd.uniform(1, 10_000), rnd.astring(14, 24), rnd.decimal(100, 10_000, 2),
                        rnd.dataWithOriginal(26, 50)});
                p.add(1);
            }
        }
        p.done();
        return p.rows();
    }

    private long loadWarehouse(Connection c, TpccRandom rnd, int w, LocalDateTime now) throws SQLException {
        long rows = 0;
        try (TableSink s = sink(c, "warehouse", "w_id", "w_name", "w_street_1", "w_street_2", "w_city", "w_state", "w_zip",
                "w_tax", "w_ytd")) {
            s.add(new Object[] {w, rnd.astring(6, 10), rnd.astring(10, 20), rnd.astring(10, 20), rnd.astring(10, 20),
                    rnd.state(), rnd.zip(), rnd.decimal(0, 2000, 4), new BigDecimal("300000.00")});
            rows++;
        }
        Progress ps = new Progress(out, engine + " stock w" + w, scale.items());
        try (TableSink s = sink(c, "stock", "s_i_id", "s_w_id", "s_quantity", "s_dist_01", "s_dist_02", "s_dist_03",
                "s_dist_04", "s_dist_05", "s_dist_06", "s_dist_07", "s_dist_08", "s_dist_09", "s_dist_10", "s_ytd",
                "s_order_cnt", "s_remote_cnt", "s_data")) {
            for (int i = 1; i <= scale.items(); i++) {
                Object[] row = new Object[17];
                row[0] = i;
                row[1] = w;
                row[2] = rnd.uniform(10, 100);
                for (int d = 0; d < 10; d++) {
                    row[3 + d] = rnd.astring(24, 24);
                }
                row[13] = 0;
                row[14] = 0;
                row[15] = 0;
                row[16] = rnd.dataWithOriginal(26, 50);
                s.add(row);
                ps.add(1);
            }
        }
        ps.done();
        rows += ps.rows();
        Progress pd = new Progress(out, engine + " districts, customers, orders w" + w,
                (long) scale.districtsPerWarehouse() * (2L * scale.customersPerDistrict() + 11L * scale.ordersPerDistrict()));
        for (int d = 1; d <= scale.districtsPerWarehouse(); d++) {
            rows += loadDistrict(c, rnd, w, d, now, pd);
        }
        pd.done();
        return rows;
    }

    private long loadDistrict(Connection c, TpccRandom rnd, int w, int d, LocalDateTime now, Progress p) throws SQLException {
        long rows = 0;
        try (TableSink s = sink(c, "district", "d_id", "d_w_id", "d_name", "d_street_1", "d_street_2", "d_city", "d_state",
                "d_zip", "d_tax", "d_ytd", "d_next_o_id")) {
            s.add(new Object[] {d, w, rnd.astring(6, 10), rnd.astring(10, 20), rnd.astring(10, 20), rnd.astring(10, 20),
                    rnd.state(), rnd.zip(), rnd.decimal(0, 2000, 4), new BigDecimal("30000.00"),
                    scale.ordersPerDistrict() + 1});
            rows++;
        }
        try (TableSink cs = sink(c, "customer", "c_id", "c_d_id", "c_w_id", "c_first", "c_middle", "c_last", "c_street_1",
                "c_street_2", "c_city", "c_state", "c_zip", "c_phone", "c_since", "c_credit", "c_credit_lim", "c_discount",
                "c_balance", "c_ytd_payment", "c_payment_cnt", "c_delivery_cnt", "c_data");
             TableSink hs = sink(c, "history", "h_c_id", "h_c_d_id", "h_c_w_id", "h_d_id", "h_w_id", "h_date", "h_amount",
                     "h_data")) {
            for (int id = 1; id <= scale.customersPerDistrict(); id++) {
                // The first 1,000 customers of a district carry every last name once; the rest are drawn with NURand.
                int nameNumber = id <= 1000 ? id - 1 : rnd.lastNameNumber(999);
                cs.add(new Object[] {id, d, w, rnd.astring(8, 16), "OE", TpccRandom.lastName(nameNumber), rnd.astring(10, 20),
                        rnd.astring(10, 20), rnd.astring(10, 20), rnd.state(), rnd.zip(), rnd.nstring(16, 16), now,
                        rnd.uniform(1, 10) == 1 ? "BC" : "GC", new BigDecimal("50000.00"), rnd.decimal(0, 5000, 4),
                        new BigDecimal("-10.00"), new BigDecimal("10.00"), 1, 0, rnd.astring(300, 500)});
                hs.add(new Object[] {id, d, w, d, w, now, new BigDecimal("10.00"), rnd.astring(12, 24)});
                p.add(2);
                rows += 2;
            }
        }
        List<Integer> customers = new ArrayList<>();
        for (int id = 1; id <= scale.customersPerDistrict(); id++) {
            customers.add(id);
        }
        Collections.shuffle(customers, new java.util.Random(rnd.uniform(0, Integer.MAX_VALUE - 1)));
        int firstUndelivered = scale.ordersPerDistrict() - scale.newOrdersPerDistrict() + 1;
        try (TableSink os = sink(c, "orders", "o_id", "o_d_id", "o_w_id", "o_c_id", "o_entry_d", "o_carrier_id", "o_ol_cnt",
                "o_all_local");
             TableSink ols = sink(c, "order_line", "ol_o_id", "ol_d_id", "ol_w_id", "ol_number", "ol_i_id", "ol_supply_w_id",
                     "ol_delivery_d", "ol_quantity", "ol_amount", "ol_dist_info");
             TableSink nos = sink(c, "new_order", "no_o_id", "no_d_id", "no_w_id")) {
            for (int o = 1; o <= scale.ordersPerDistrict(); o++) {
                boolean delivered = o < firstUndelivered;
                int olCnt = rnd.uniform(5, 15);
                os.add(new Object[] {o, d, w, customers.get(o - 1), now, delivered ? rnd.uniform(1, 10) : null, olCnt, 1});
                for (int n = 1; n <= olCnt; n++) {
                    ols.add(new Object[] {o, d, w, n, rnd.uniform(1, scale.items()), w, delivered ? now : null, 5,
                            delivered ? new BigDecimal("0.00") : rnd.decimal(1, 999_999, 2), rnd.astring(24, 24)});
                }
                if (!delivered) {
                    nos.add(new Object[] {o, d, w});
                }
                int added = 2 + olCnt + (delivered ? 0 : 1);
                p.add(added);
                rows += added;
            }
        }
        return rows;
    }
}
