package io.strata.bench.tpcc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The five TPC-C transaction profiles (specification 2.4 to 2.8) over one JDBC connection, each a
 * single database transaction. Rows that are read and then updated are read {@code FOR UPDATE}, as
 * in the reference implementations, so a lost update shows as a lock wait or a retryable conflict
 * rather than as wrong data. Order lines of a New-Order are processed in item order, a common
 * deadlock-avoidance choice that the specification allows.
 *
 * <p>A New-Order with an unused item id (1% of them) rolls back on purpose; {@link #execute}
 * reports that as {@link Outcome#ROLLED_BACK}, which the specification counts as a completed
 * transaction.
 */
public final class TpccTransactions {
    public enum Outcome { COMMITTED, ROLLED_BACK }

    private final Connection c;
    private final TpccScale scale;
    private final TpccRandom rnd;
    private final int homeWarehouse;
    // What the terminal would display after a New-Order: sum(ol_amount) * (1 - c_discount) * (1 + w_tax + d_tax).
    private BigDecimal lastNewOrderTotal = BigDecimal.ZERO;

    public TpccTransactions(Connection c, TpccScale scale, TpccRandom rnd, int homeWarehouse) throws SQLException {
        this.c = requireNonNull(c, "c is null");
        this.scale = requireNonNull(scale, "scale is null");
        this.rnd = requireNonNull(rnd, "rnd is null");
        this.homeWarehouse = homeWarehouse;
        c.setAutoCommit(false);
    }

    public BigDecimal lastNewOrderTotal() {
        return lastNewOrderTotal;
    }

    /** The inputs of one transaction, drawn before the first attempt so that a retry repeats it. */
    public sealed interface Input permits NewOrderInput, PaymentInput, OrderStatusInput, DeliveryInput, StockLevelInput {
    }

    record NewOrderInput(int d, int customer, int[] items, int[] supplyWarehouses, int[] quantities) implements Input {
    }

    record PaymentInput(int d, int customerW, int customerD, Integer customerId, String lastName, BigDecimal amount)
            implements Input {
    }

    record OrderStatusInput(int d, Integer customerId, String lastName) implements Input {
    }

    record DeliveryInput(int carrier) implements Input {
    }

    record StockLevelInput(int d, int threshold) implements Input {
    }

    public Input draw(TxnType type) {
        int d = rnd.uniform(1, scale.districtsPerWarehouse());
        return switch (type) {
            case NEW_ORDER -> {
                int n = rnd.uniform(5, 15);
                int[] items = new int[n];
                int[] supply = new int[n];
                int[] qty = new int[n];
                boolean rollback = rnd.uniform(1, 100) == 1;
                for (int i = 0; i < n; i++) {
                    items[i] = rollback && i == n - 1 ? scale.items() + 1 : rnd.itemId(scale.items());
                    supply[i] = scale.warehouses() > 1 && rnd.uniform(1, 100) == 1 ? otherWarehouse() : homeWarehouse;
                    qty[i] = rnd.uniform(1, 10);
                }
                yield new NewOrderInput(d, rnd.customerId(scale.customersPerDistrict()), items, supply, qty);
            }
            case PAYMENT -> {
                boolean remote = scale.warehouses() > 1 && rnd.uniform(1, 100) <= 15;
                int cw = remote ? otherWarehouse() : homeWarehouse;
                int cd = remote ? rnd.uniform(1, scale.districtsPerWarehouse()) : d;
                boolean byName = rnd.uniform(1, 100) <= 60;
                yield new PaymentInput(d, cw, cd, byName ? null : rnd.customerId(scale.customersPerDistrict()),
                        byName ? TpccRandom.lastName(rnd.lastNameNumber(scale.maxLastNameNumber())) : null,
                        rnd.decimal(100, 500_000, 2));
            }
            case ORDER_STATUS -> {
                boolean byName = rnd.uniform(1, 100) <= 60;
                yield new OrderStatusInput(d, byName ? null : rnd.customerId(scale.customersPerDistrict()),
                        byName ? TpccRandom.lastName(rnd.lastNameNumber(scale.maxLastNameNumber())) : null);
            }
            case DELIVERY -> new DeliveryInput(rnd.uniform(1, 10));
            case STOCK_LEVEL -> new StockLevelInput(d, rnd.uniform(10, 20));
        };
    }

    private int otherWarehouse() {
        int w = rnd.uniform(1, scale.warehouses() - 1);
        return w >= homeWarehouse ? w + 1 : w;
    }

    /** Runs one attempt; on any exception the transaction has been rolled back. */
    public Outcome execute(Input input) throws SQLException {
        try {
            Outcome o;
            if (input instanceof NewOrderInput in) {
                o = newOrder(in);
            } else if (input instanceof PaymentInput in) {
                o = payment(in);
            } else if (input instanceof OrderStatusInput in) {
                o = orderStatus(in);
            } else if (input instanceof DeliveryInput in) {
                o = delivery(in);
            } else {
                o = stockLevel((StockLevelInput) input);
            }
            if (o == Outcome.COMMITTED) {
                c.commit();
            } else {
                c.rollback();
            }
            return o;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    private int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
        }
    }

    /** Runs a query expected to return exactly one row and returns its columns. */
    private Object[] one(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("TPC-C consistency: no row for " + sql + " " + Arrays.toString(args));
            }
            int n = rs.getMetaData().getColumnCount();
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                row[i] = rs.getObject(i + 1);
            }
            return row;
        }
    }

    private static Timestamp now() {
        return Timestamp.valueOf(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private static BigDecimal dec(Object o) {
        return o instanceof BigDecimal b ? b : new BigDecimal(o.toString());
    }

    private static int integer(Object o) {
        return ((Number) o).intValue();
    }

    private Outcome newOrder(NewOrderInput in) throws SQLException {
        int w = homeWarehouse;
        Object[] cw = one("SELECT c_discount, c_last, c_credit, w_tax FROM customer, warehouse "
                + "WHERE w_id = ? AND c_w_id = w_id AND c_d_id = ? AND c_id = ?", w, in.d(), in.customer());
        Object[] dist = one("SELECT d_next_o_id, d_tax FROM district WHERE d_w_id = ? AND d_id = ? FOR UPDATE", w, in.d());
        int oId = integer(dist[0]);
        update("UPDATE district SET d_next_o_id = ? WHERE d_w_id = ? AND d_id = ?", oId + 1, w, in.d());
        boolean allLocal = Arrays.stream(in.supplyWarehouses()).allMatch(s -> s == w);
        update("INSERT INTO orders (o_id, o_d_id, o_w_id, o_c_id, o_entry_d, o_carrier_id, o_ol_cnt, o_all_local) "
                + "VALUES (?, ?, ?, ?, ?, NULL, ?, ?)", oId, in.d(), w, in.customer(), now(), in.items().length, allLocal ? 1 : 0);
        update("INSERT INTO new_order (no_o_id, no_d_id, no_w_id) VALUES (?, ?, ?)", oId, in.d(), w);
        Integer[] order = new Integer[in.items().length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> in.items()[a] != in.items()[b] ? Integer.compare(in.items()[a], in.items()[b])
                : Integer.compare(in.supplyWarehouses()[a], in.supplyWarehouses()[b]));
        BigDecimal total = BigDecimal.ZERO;
        String distColumn = String.format("s_dist_%02d", in.d());
        for (int idx : order) {
            int itemId = in.items()[idx];
            int supplyW = in.supplyWarehouses()[idx];
            int qty = in.quantities()[idx];
            BigDecimal price;
            try (PreparedStatement ps = prepare("SELECT i_price, i_name, i_data FROM item WHERE i_id = ?", itemId);
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Outcome.ROLLED_BACK; // the 1% of New-Orders with an unused item id
                }
                price = dec(rs.getObject(1));
            }
            Object[] stock = one("SELECT s_quantity, " + distColumn + " FROM stock WHERE s_w_id = ? AND s_i_id = ? FOR UPDATE",
                    supplyW, itemId);
            int sQty = integer(stock[0]);
            int newQty = sQty - qty >= 10 ? sQty - qty : sQty - qty + 91;
            update("UPDATE stock SET s_quantity = ?, s_ytd = s_ytd + ?, s_order_cnt = s_order_cnt + 1, "
                    + "s_remote_cnt = s_remote_cnt + ? WHERE s_w_id = ? AND s_i_id = ?", newQty, qty, supplyW == w ? 0 : 1,
                    supplyW, itemId);
            BigDecimal amount = price.multiply(BigDecimal.valueOf(qty)).setScale(2, RoundingMode.HALF_UP);
            total = total.add(amount);
            update("INSERT INTO order_line (ol_o_id, ol_d_id, ol_w_id, ol_number, ol_i_id, ol_supply_w_id, ol_delivery_d, "
                    + "ol_quantity, ol_amount, ol_dist_info) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)",
                    oId, in.d(), w, idx + 1, itemId, supplyW, qty, amount, stock[1]);
        }
        lastNewOrderTotal = total.multiply(BigDecimal.ONE.subtract(dec(cw[0])))
                .multiply(BigDecimal.ONE.add(dec(cw[3])).add(dec(dist[1]))).setScale(2, RoundingMode.HALF_UP);
        return Outcome.COMMITTED;
    }

    private int customerByName(int w, int d, String last) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (PreparedStatement ps = prepare("SELECT c_id FROM customer WHERE c_w_id = ? AND c_d_id = ? AND c_last = ? "
                + "ORDER BY c_first", w, d, last); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        if (ids.isEmpty()) {
            throw new SQLException("TPC-C consistency: no customer named " + last + " in " + w + "/" + d);
        }
        return ids.get((ids.size() - 1) / 2); // the row at position ceil(n/2), 1-based
    }

    private Outcome payment(PaymentInput in) throws SQLException {
        int w = homeWarehouse;
        update("UPDATE warehouse SET w_ytd = w_ytd + ? WHERE w_id = ?", in.amount(), w);
        Object[] wh = one("SELECT w_name, w_street_1, w_street_2, w_city, w_state, w_zip FROM warehouse WHERE w_id = ?", w);
        update("UPDATE district SET d_ytd = d_ytd + ? WHERE d_w_id = ? AND d_id = ?", in.amount(), w, in.d());
        Object[] di = one("SELECT d_name, d_street_1, d_street_2, d_city, d_state, d_zip FROM district "
                + "WHERE d_w_id = ? AND d_id = ?", w, in.d());
        int cId = in.customerId() != null ? in.customerId() : customerByName(in.customerW(), in.customerD(), in.lastName());
        Object[] cu = one("SELECT c_credit, c_balance, c_ytd_payment, c_payment_cnt FROM customer "
                + "WHERE c_w_id = ? AND c_d_id = ? AND c_id = ? FOR UPDATE", in.customerW(), in.customerD(), cId);
        if ("BC".equals(cu[0])) {
            Object[] data = one("SELECT c_data FROM customer WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?",
                    in.customerW(), in.customerD(), cId);
            String entry = cId + " " + in.customerD() + " " + in.customerW() + " " + in.d() + " " + w + " " + in.amount() + " | ";
            String newData = entry + data[0];
            if (newData.length() > 500) {
                newData = newData.substring(0, 500);
            }
            update("UPDATE customer SET c_balance = c_balance - ?, c_ytd_payment = c_ytd_payment + ?, "
                    + "c_payment_cnt = c_payment_cnt + 1, c_data = ? WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?",
                    in.amount(), in.amount(), newData, in.customerW(), in.customerD(), cId);
        } else {
            update("UPDATE customer SET c_balance = c_balance - ?, c_ytd_payment = c_ytd_payment + ?, "
                    + "c_payment_cnt = c_payment_cnt + 1 WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?",
                    in.amount(), in.amount(), in.customerW(), in.customerD(), cId);
        }
        String hData = wh[0] + "    " + di[0];
        update("INSERT INTO history (h_c_id, h_c_d_id, h_c_w_id, h_d_id, h_w_id, h_date, h_amount, h_data) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", cId, in.customerD(), in.customerW(), in.d(), w, now(), in.amount(),
                hData.length() > 24 ? hData.substring(0, 24) : hData);
        return Outcome.COMMITTED;
    }

    private Outcome orderStatus(OrderStatusInput in) throws SQLException {
        int w = homeWarehouse;
        int cId = in.customerId() != null ? in.customerId() : customerByName(w, in.d(), in.lastName());
        one("SELECT c_balance, c_first, c_middle, c_last FROM customer WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?",
                w, in.d(), cId);
        Integer oId = null;
        try (PreparedStatement ps = prepare("SELECT o_id, o_carrier_id, o_entry_d FROM orders "
                + "WHERE o_w_id = ? AND o_d_id = ? AND o_c_id = ? ORDER BY o_id DESC LIMIT 1", w, in.d(), cId);
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                oId = rs.getInt(1);
            }
        }
        if (oId != null) {
            try (PreparedStatement ps = prepare("SELECT ol_i_id, ol_supply_w_id, ol_quantity, ol_amount, ol_delivery_d "
                    + "FROM order_line WHERE ol_w_id = ? AND ol_d_id = ? AND ol_o_id = ?", w, in.d(), oId);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getObject(4);
                }
            }
        }
        return Outcome.COMMITTED;
    }

    private Outcome delivery(DeliveryInput in) throws SQLException {
        int w = homeWarehouse;
        Timestamp now = now();
        for (int d = 1; d <= scale.districtsPerWarehouse(); d++) {
            Integer oId = null;
            try (PreparedStatement ps = prepare("SELECT no_o_id FROM new_order WHERE no_w_id = ? AND no_d_id = ? "
                    + "ORDER BY no_o_id LIMIT 1 FOR UPDATE", w, d); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    oId = rs.getInt(1);
                }
            }
            if (oId == null) {
                continue; // no undelivered order in this district: skipped, as the specification allows
            }
            update("DELETE FROM new_order WHERE no_w_id = ? AND no_d_id = ? AND no_o_id = ?", w, d, oId);
            Object[] o = one("SELECT o_c_id FROM orders WHERE o_w_id = ? AND o_d_id = ? AND o_id = ?", w, d, oId);
            update("UPDATE orders SET o_carrier_id = ? WHERE o_w_id = ? AND o_d_id = ? AND o_id = ?", in.carrier(), w, d, oId);
            update("UPDATE order_line SET ol_delivery_d = ? WHERE ol_w_id = ? AND ol_d_id = ? AND ol_o_id = ?", now, w, d, oId);
            Object[] sum = one("SELECT SUM(ol_amount) FROM order_line WHERE ol_w_id = ? AND ol_d_id = ? AND ol_o_id = ?", w, d, oId);
            BigDecimal amount = sum[0] == null ? BigDecimal.ZERO : dec(sum[0]);
            update("UPDATE customer SET c_balance = c_balance + ?, c_delivery_cnt = c_delivery_cnt + 1 "
                    + "WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?", amount, w, d, o[0]);
        }
        return Outcome.COMMITTED;
    }

    private Outcome stockLevel(StockLevelInput in) throws SQLException {
        int w = homeWarehouse;
        Object[] di = one("SELECT d_next_o_id FROM district WHERE d_w_id = ? AND d_id = ?", w, in.d());
        int next = integer(di[0]);
        one("SELECT COUNT(DISTINCT s_i_id) FROM order_line, stock WHERE ol_w_id = ? AND ol_d_id = ? AND ol_o_id < ? "
                + "AND ol_o_id >= ? AND s_w_id = ? AND s_i_id = ol_i_id AND s_quantity < ?",
                w, in.d(), next, next - 20, w, in.threshold());
        return Outcome.COMMITTED;
    }
}
