package io.strata.bench.tpcc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The consistency conditions of TPC-C (specification 3.3.2.1 to 3.3.2.4), checked after a run.
 * They hold after any serializable (indeed any snapshot-isolated, write-conflict-free) execution
 * of the five transactions, so a violation means an update was lost or a transaction was applied
 * in part:
 * <ol>
 *   <li>W_YTD = sum(D_YTD) of the warehouse's districts;</li>
 *   <li>D_NEXT_O_ID - 1 = max(O_ID) = max(NO_O_ID) in each district;</li>
 *   <li>max(NO_O_ID) - min(NO_O_ID) + 1 = number of new_order rows in each district;</li>
 *   <li>sum(O_OL_CNT) = number of order_line rows in each district.</li>
 * </ol>
 * Each check reads one district or warehouse at a time, in one read-only transaction, so they run
 * on engines with simple aggregate support.
 */
public final class TpccConsistency {
    private TpccConsistency() {
    }

    /** The violations found (empty when consistent). */
    public static List<String> check(Connection c, TpccScale scale, int statementTimeoutSeconds) throws SQLException {
        List<String> violations = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (int w = 1; w <= scale.warehouses(); w++) {
                BigDecimal wYtd = (BigDecimal) one(c, statementTimeoutSeconds, "SELECT w_ytd FROM warehouse WHERE w_id = ?", w);
                Object dSum = one(c, statementTimeoutSeconds, "SELECT SUM(d_ytd) FROM district WHERE d_w_id = ?", w);
                if (wYtd == null || dSum == null || wYtd.compareTo(new BigDecimal(dSum.toString())) != 0) {
                    violations.add("3.3.2.1 warehouse " + w + ": w_ytd " + wYtd + " != sum(d_ytd) " + dSum);
                }
                for (int d = 1; d <= scale.districtsPerWarehouse(); d++) {
                    long next = number(one(c, statementTimeoutSeconds,
                            "SELECT d_next_o_id FROM district WHERE d_w_id = ? AND d_id = ?", w, d));
                    long maxO = number(one(c, statementTimeoutSeconds,
                            "SELECT MAX(o_id) FROM orders WHERE o_w_id = ? AND o_d_id = ?", w, d));
                    Object maxNoObj = one(c, statementTimeoutSeconds,
                            "SELECT MAX(no_o_id) FROM new_order WHERE no_w_id = ? AND no_d_id = ?", w, d);
                    if (next - 1 != maxO || (maxNoObj != null && number(maxNoObj) != maxO)) {
                        violations.add("3.3.2.2 district " + w + "/" + d + ": d_next_o_id - 1 = " + (next - 1)
                                + ", max(o_id) = " + maxO + ", max(no_o_id) = " + maxNoObj);
                    }
                    if (maxNoObj != null) {
                        long minNo = number(one(c, statementTimeoutSeconds,
                                "SELECT MIN(no_o_id) FROM new_order WHERE no_w_id = ? AND no_d_id = ?", w, d));
                        long countNo = number(one(c, statementTimeoutSeconds,
                                "SELECT COUNT(*) FROM new_order WHERE no_w_id = ? AND no_d_id = ?", w, d));
                        if (number(maxNoObj) - minNo + 1 != countNo) {
                            violations.add("3.3.2.3 district " + w + "/" + d + ": new_order ids " + minNo + ".." + maxNoObj
                                    + " but " + countNo + " rows");
                        }
                    }
                    long olCnt = number(one(c, statementTimeoutSeconds,
                            "SELECT SUM(o_ol_cnt) FROM orders WHERE o_w_id = ? AND o_d_id = ?", w, d));
                    long lines = number(one(c, statementTimeoutSeconds,
                            "SELECT COUNT(*) FROM order_line WHERE ol_w_id = ? AND ol_d_id = ?", w, d));
                    if (olCnt != lines) {
                        violations.add("3.3.2.4 district " + w + "/" + d + ": sum(o_ol_cnt) " + olCnt + " != order lines " + lines);
                    }
                }
            }
            c.commit();
        } finally {
            try {
                c.rollback();
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
        return violations;
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) (o instanceof Number ? o : new BigDecimal(o.toString()))).longValue();
    }

    private static Object one(Connection c, int timeout, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(timeout);
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }
}
